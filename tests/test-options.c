/* test-options.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-options.h"
#include "sw-test-util.h"

static void
clear_environment (void)
{
  g_unsetenv ("STILLWATER_DATA_DIR");
  g_unsetenv ("STILLWATER_PORT");
  g_unsetenv ("STILLWATER_LISTEN");
  g_unsetenv ("STILLWATER_TLS_CERT");
  g_unsetenv ("STILLWATER_TLS_KEY");
}

static void
test_defaults (void)
{
  g_auto(SwOptions) options = { 0 };
  g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_dir = g_build_filename (g_get_user_data_dir (), "stillwater", NULL);

  clear_environment ();
  g_assert_true (sw_options_resolve (&options, dict, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (options.data_dir, ==, expected_dir);
  g_assert_cmpstr (options.listen_address, ==, "127.0.0.1");
  g_assert_cmpuint (options.port, ==, 1973);
  g_assert_false (options.port_explicit);
  g_assert_false (options.listen_explicit);
  g_assert_false (options.show_version);
  g_assert_null (options.tls_cert);
  g_assert_null (options.tls_key);
}

static void
test_environment_overrides_defaults (void)
{
  g_auto(SwOptions) options = { 0 };
  g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
  g_autoptr(GError) error = NULL;

  clear_environment ();
  g_setenv ("STILLWATER_DATA_DIR", "/srv/stillwater", TRUE);
  g_setenv ("STILLWATER_PORT", "8080", TRUE);
  g_setenv ("STILLWATER_LISTEN", "0.0.0.0", TRUE);

  g_assert_true (sw_options_resolve (&options, dict, &error));
  g_assert_cmpstr (options.data_dir, ==, "/srv/stillwater");
  g_assert_cmpuint (options.port, ==, 8080);
  g_assert_cmpstr (options.listen_address, ==, "0.0.0.0");
  g_assert_true (options.port_explicit);
  g_assert_true (options.listen_explicit);
  clear_environment ();
}

static void
test_command_line_overrides_environment (void)
{
  g_auto(SwOptions) options = { 0 };
  g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *expected_dir = g_build_filename (cwd, "relative-dir", NULL);

  clear_environment ();
  g_setenv ("STILLWATER_PORT", "8080", TRUE);
  g_setenv ("STILLWATER_DATA_DIR", "/srv/stillwater", TRUE);
  g_variant_dict_insert (dict, "port", "i", 9000);
  g_variant_dict_insert_value (dict, "data-dir", g_variant_new_bytestring ("relative-dir"));
  g_variant_dict_insert (dict, "listen", "s", "::1");

  g_assert_true (sw_options_resolve (&options, dict, &error));
  g_assert_cmpuint (options.port, ==, 9000);
  g_assert_cmpstr (options.data_dir, ==, expected_dir);
  g_assert_cmpstr (options.listen_address, ==, "::1");
  clear_environment ();
}

static void
test_bad_ports_are_errors (void)
{
  const char *bad_env[] = { "http", "70000", "-1", "80x" };
  const gint32 bad_cli[] = { -5, 65536 };

  for (guint i = 0; i < G_N_ELEMENTS (bad_env); i++)
    {
      g_auto(SwOptions) options = { 0 };
      g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
      g_autoptr(GError) error = NULL;

      clear_environment ();
      g_setenv ("STILLWATER_PORT", bad_env[i], TRUE);
      g_assert_false (sw_options_resolve (&options, dict, &error));
      g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
      g_assert_nonnull (strstr (error->message, "STILLWATER_PORT"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_cli); i++)
    {
      g_auto(SwOptions) options = { 0 };
      g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
      g_autoptr(GError) error = NULL;

      clear_environment ();
      g_variant_dict_insert (dict, "port", "i", bad_cli[i]);
      g_assert_false (sw_options_resolve (&options, dict, &error));
      g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
      g_assert_nonnull (strstr (error->message, "--port"));
    }
  clear_environment ();
}

static void
test_tls_files (void)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *relative_cert = g_build_filename (cwd, "tls", "server.crt", NULL);

  /* From the environment. */
  {
    g_auto(SwOptions) options = { 0 };
    g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
    g_autoptr(GError) error = NULL;

    clear_environment ();
    g_setenv ("STILLWATER_TLS_CERT", "/etc/stillwater/env.crt", TRUE);
    g_setenv ("STILLWATER_TLS_KEY", "/etc/stillwater/env.key", TRUE);
    g_assert_true (sw_options_resolve (&options, dict, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (options.tls_cert, ==, "/etc/stillwater/env.crt");
    g_assert_cmpstr (options.tls_key, ==, "/etc/stillwater/env.key");
  }

  /* The command line wins over the environment, and a relative path is taken from
   * the current directory. */
  {
    g_auto(SwOptions) options = { 0 };
    g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
    g_autoptr(GError) error = NULL;

    g_variant_dict_insert_value (dict, "tls-cert", g_variant_new_bytestring ("tls/server.crt"));
    g_variant_dict_insert_value (dict, "tls-key", g_variant_new_bytestring ("/srv/cli.key"));
    g_assert_true (sw_options_resolve (&options, dict, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (options.tls_cert, ==, relative_cert);
    g_assert_cmpstr (options.tls_key, ==, "/srv/cli.key");
  }

  /* Each half may come from its own source. */
  {
    g_auto(SwOptions) options = { 0 };
    g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
    g_autoptr(GError) error = NULL;

    clear_environment ();
    g_setenv ("STILLWATER_TLS_KEY", "/etc/stillwater/env.key", TRUE);
    g_variant_dict_insert_value (dict, "tls-cert", g_variant_new_bytestring ("/srv/cli.crt"));
    g_assert_true (sw_options_resolve (&options, dict, &error));
    g_assert_cmpstr (options.tls_cert, ==, "/srv/cli.crt");
    g_assert_cmpstr (options.tls_key, ==, "/etc/stillwater/env.key");
  }
  clear_environment ();
}

static void
test_tls_needs_both (void)
{
  struct
  {
    const char *cert_option;
    const char *key_option;
    const char *cert_env;
    const char *key_env;
    const char *named;
  } cases[] = {
    { "/srv/a.crt", NULL, NULL, NULL, "--tls-cert" },
    { NULL, "/srv/a.key", NULL, NULL, "--tls-key" },
    { NULL, NULL, "/srv/a.crt", NULL, "STILLWATER_TLS_CERT" },
    { NULL, NULL, NULL, "/srv/a.key", "STILLWATER_TLS_KEY" },
    /* An empty value is no value. */
    { NULL, NULL, "/srv/a.crt", "", "STILLWATER_TLS_CERT" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SwOptions) options = { 0 };
      g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
      g_autoptr(GError) error = NULL;

      clear_environment ();
      if (cases[i].cert_option != NULL)
        g_variant_dict_insert_value (dict, "tls-cert",
                                     g_variant_new_bytestring (cases[i].cert_option));
      if (cases[i].key_option != NULL)
        g_variant_dict_insert_value (dict, "tls-key",
                                     g_variant_new_bytestring (cases[i].key_option));
      if (cases[i].cert_env != NULL)
        g_setenv ("STILLWATER_TLS_CERT", cases[i].cert_env, TRUE);
      if (cases[i].key_env != NULL)
        g_setenv ("STILLWATER_TLS_KEY", cases[i].key_env, TRUE);

      g_assert_false (sw_options_resolve (&options, dict, &error));
      g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
      g_assert_nonnull (strstr (error->message, cases[i].named));
      g_assert_null (strchr (error->message, '\n'));
    }
  clear_environment ();
}

static void
test_headless_detection (void)
{
  g_auto(GStrv) gui = g_strsplit ("stillwater --port 1", " ", -1);
  g_auto(GStrv) headless = g_strsplit ("stillwater --port 1 --headless", " ", -1);
  g_auto(GStrv) after_separator = g_strsplit ("stillwater -- --headless", " ", -1);

  g_assert_false (sw_options_argv_wants_headless (3, gui));
  g_assert_true (sw_options_argv_wants_headless (4, headless));
  g_assert_false (sw_options_argv_wants_headless (3, after_separator));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/options/defaults", test_defaults);
  g_test_add_func ("/options/environment", test_environment_overrides_defaults);
  g_test_add_func ("/options/command-line", test_command_line_overrides_environment);
  g_test_add_func ("/options/bad-ports", test_bad_ports_are_errors);
  g_test_add_func ("/options/tls-files", test_tls_files);
  g_test_add_func ("/options/tls-needs-both", test_tls_needs_both);
  g_test_add_func ("/options/headless-detection", test_headless_detection);

  return g_test_run ();
}

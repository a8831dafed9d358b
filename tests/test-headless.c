/* test-headless.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/stat.h>

#include "sw-test-util.h"

/* Runs the real `stillwater --headless` binary, with no display in its environment. */

static const char *no_display[] = { "DISPLAY", "", "WAYLAND_DISPLAY", "", NULL };

static GSubprocess *
spawn_headless (guint       port,
                const char *data_dir)
{
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  const char *args[] = { "--headless", "--port", port_text, "--data-dir", data_dir, NULL };

  return sw_test_spawn_stillwater (args, no_display, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
}

static char *
health_url (guint port)
{
  return g_strdup_printf ("http://127.0.0.1:%u/api/v1/health", port);
}

static void
assert_serves_health (guint port)
{
  g_autofree char *url = health_url (port);
  g_autoptr(JsonNode) body = NULL;
  guint status = 0;

  g_assert_true (sw_test_wait_for_http (url, 10000));
  body = sw_test_http_get_json (url, &status, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "status"), ==, "ok");
}

static void
test_serves_until_signal (gconstpointer data)
{
  int signal_number = GPOINTER_TO_INT (data);
  g_autofree char *root = sw_test_make_temp_dir ();
  g_autofree char *data_dir = g_build_filename (root, "data", NULL);
  guint port = sw_test_find_free_port ();
  g_autoptr(GSubprocess) process = spawn_headless (port, data_dir);
  struct stat st;

  assert_serves_health (port);

  g_assert_cmpint (g_stat (data_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_cmpint (sw_test_terminate (process, signal_number), ==, 0);
  sw_test_remove_tree (root);
}

static void
test_busy_port_exits_1 (void)
{
  g_autofree char *root = sw_test_make_temp_dir ();
  g_autoptr(GSocketListener) blocker = g_socket_listener_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *stderr_text = NULL;
  g_autoptr(GError) error = NULL;
  guint port;
  const char *args[] = { "--headless", "--port", NULL, "--data-dir", root, NULL };

  port = g_socket_listener_add_any_inet_port (blocker, NULL, &error);
  g_assert_no_error (error);
  port_text = g_strdup_printf ("%u", port);
  args[2] = port_text;

  process = sw_test_spawn_stillwater (args, no_display, G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &stderr_text, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_nonnull (strstr (stderr_text, port_text));
  /* Exactly one line. */
  g_assert_true (g_str_has_suffix (stderr_text, "\n"));
  g_assert_true (strchr (stderr_text, '\n') == stderr_text + strlen (stderr_text) - 1);

  sw_test_remove_tree (root);
}

static void
test_environment_overrides (void)
{
  g_autofree char *root = sw_test_make_temp_dir ();
  g_autofree char *data_dir = g_build_filename (root, "from-env", NULL);
  guint port = sw_test_find_free_port ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  const char *env[] = {
    "DISPLAY", "", "WAYLAND_DISPLAY", "",
    "STILLWATER_PORT", port_text,
    "STILLWATER_LISTEN", "127.0.0.1",
    "STILLWATER_DATA_DIR", data_dir,
    NULL
  };
  const char *args[] = { "--headless", NULL };
  g_autoptr(GSubprocess) process = NULL;

  process = sw_test_spawn_stillwater (args, env, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  assert_serves_health (port);
  g_assert_true (g_file_test (data_dir, G_FILE_TEST_IS_DIR));
  g_assert_cmpint (sw_test_terminate (process, SIGTERM), ==, 0);

  sw_test_remove_tree (root);
}

static void
assert_exits_with (const char * const *args,
                   int                  expected_status,
                   const char          *expected_output)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  g_autoptr(GError) error = NULL;

  process = sw_test_spawn_stillwater (args, no_display,
                                      G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, expected_status);
  g_assert_true (strstr (stdout_text, expected_output) != NULL ||
                 strstr (stderr_text, expected_output) != NULL);
}

static void
test_version_and_bad_input (void)
{
  g_autofree char *root = sw_test_make_temp_dir ();
  g_autofree char *file = g_build_filename (root, "a-file", NULL);
  const char *version[] = { "--headless", "--version", NULL };
  const char *help[] = { "--headless", "--help", NULL };
  const char *bad_port[] = { "--headless", "--port", "70000", "--data-dir", root, NULL };
  const char *bad_listen[] = { "--headless", "--port", "0", "--listen", "nowhere", "--data-dir", root, NULL };
  const char *bad_dir[] = { "--headless", "--port", "0", "--data-dir", file, NULL };

  g_assert_true (g_file_set_contents (file, "x", -1, NULL));

  assert_exits_with (version, 0, "stillwater " PACKAGE_VERSION);
  assert_exits_with (help, 0, "--data-dir");
  assert_exits_with (bad_port, 1, "70000");
  assert_exits_with (bad_listen, 1, "nowhere");
  assert_exits_with (bad_dir, 1, file);

  sw_test_remove_tree (root);
}

static void
test_unusable_database_exits_1 (void)
{
  g_autofree char *root = sw_test_make_temp_dir ();
  g_autofree char *db = g_build_filename (root, "stillwater.db", NULL);
  g_autofree char *contents = NULL;
  const char *args[] = { "--headless", "--port", "0", "--data-dir", root, NULL };

  g_assert_true (g_file_set_contents (db, "not a database, but precious", -1, NULL));
  assert_exits_with (args, 1, db);

  /* Left exactly as it was. */
  g_assert_true (g_file_get_contents (db, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "not a database, but precious");

  sw_test_remove_tree (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/headless/sigterm", GINT_TO_POINTER (SIGTERM), test_serves_until_signal);
  g_test_add_data_func ("/headless/sigint", GINT_TO_POINTER (SIGINT), test_serves_until_signal);
  g_test_add_func ("/headless/busy-port", test_busy_port_exits_1);
  g_test_add_func ("/headless/environment", test_environment_overrides);
  g_test_add_func ("/headless/version-and-bad-input", test_version_and_bad_input);
  g_test_add_func ("/headless/unusable-database", test_unusable_database_exits_1);

  return g_test_run ();
}

/* sw-options.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sw-build-info.h"
#include "sw-data-dir.h"
#include "sw-options.h"

/* Scanned before any GApplication exists: headless mode must not construct a
 * GtkApplication at all, because that would try to open a display. */
gboolean
sw_options_argv_wants_headless (int    argc,
                                char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], "--") == 0)
        break;
      if (g_strcmp0 (argv[i], "--headless") == 0)
        return TRUE;
    }

  return FALSE;
}

void
sw_options_add_entries (GApplication *app)
{
  const GOptionEntry entries[] = {
    { "headless", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Run without a window: the web API and background jobs only"), NULL },
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Directory for the database, cache and logs"), N_("DIR") },
    { "listen", 'l', 0, G_OPTION_ARG_STRING, NULL,
      N_("Address the web API listens on (default 127.0.0.1)"), N_("ADDRESS") },
    { "port", 'p', 0, G_OPTION_ARG_INT, NULL,
      N_("Port the web API listens on (default 1973)"), N_("PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Serve HTTPS with this PEM certificate (needs --tls-key)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("PEM private key for --tls-cert"), N_("FILE") },
    { "version", 'v', 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (app, entries);
  g_application_set_option_context_summary (app,
    _("Curate artist metadata and artwork for Emby, Jellyfin and Kodi music libraries."));
  g_application_set_option_context_description (app,
    _("Environment: STILLWATER_DATA_DIR, STILLWATER_LISTEN, STILLWATER_PORT, "
      "STILLWATER_TLS_CERT and STILLWATER_TLS_KEY set the same values as the options; "
      "the options win."));
}

static gboolean
parse_port (const char  *text,
            const char  *origin,
            guint       *port,
            GError     **error)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT16, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s: “%s” is not a port number between 0 and 65535"), origin, text);
      return FALSE;
    }

  *port = (guint) value;
  return TRUE;
}

/* A file path from the command line (relative to the current directory) or the
 * environment, and which of the two gave it; NULL when neither did. */
static char *
lookup_file (GVariantDict  *dict,
             const char    *option,
             const char    *variable,
             const char   **origin)
{
  const char *env;
  char *path = NULL;

  *origin = NULL;
  if (g_variant_dict_lookup (dict, option + strlen ("--"), "^ay", &path))
    *origin = option;
  else if ((env = g_getenv (variable)) != NULL && *env != '\0')
    {
      path = g_strdup (env);
      *origin = variable;
    }

  if (path != NULL && *path == '\0')
    g_clear_pointer (&path, g_free);

  if (path != NULL && !g_path_is_absolute (path))
    {
      g_autofree char *cwd = g_get_current_dir ();
      g_autofree char *relative = path;

      path = g_build_filename (cwd, relative, NULL);
    }

  return path;
}

gboolean
sw_options_resolve (SwOptions     *options,
                    GVariantDict  *dict,
                    GError       **error)
{
  const char *env;
  char *data_dir = NULL;
  char *listen_address = NULL;
  gint32 port = -1;
  const char *cert_origin;
  const char *key_origin;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (dict != NULL, FALSE);

  memset (options, 0, sizeof *options);
  options->show_version = g_variant_dict_contains (dict, "version");

  if (g_variant_dict_lookup (dict, "data-dir", "^ay", &data_dir))
    options->data_dir = data_dir;
  else if ((env = g_getenv ("STILLWATER_DATA_DIR")) != NULL && *env != '\0')
    options->data_dir = g_strdup (env);
  else
    options->data_dir = sw_data_dir_default ();

  if (g_variant_dict_lookup (dict, "listen", "s", &listen_address))
    options->listen_address = listen_address;
  else if ((env = g_getenv ("STILLWATER_LISTEN")) != NULL && *env != '\0')
    options->listen_address = g_strdup (env);
  options->listen_explicit = options->listen_address != NULL;
  if (options->listen_address == NULL)
    options->listen_address = g_strdup (SW_DEFAULT_LISTEN);

  options->port = SW_DEFAULT_PORT;
  if (g_variant_dict_lookup (dict, "port", "i", &port))
    {
      g_autofree char *text = g_strdup_printf ("%d", port);

      if (!parse_port (text, "--port", &options->port, error))
        return FALSE;
      options->port_explicit = TRUE;
    }
  else if ((env = g_getenv ("STILLWATER_PORT")) != NULL && *env != '\0')
    {
      if (!parse_port (env, "STILLWATER_PORT", &options->port, error))
        return FALSE;
      options->port_explicit = TRUE;
    }

  /* HTTPS needs both halves; either alone is a mistake worth stopping for. Each half
   * may come from its own source (one option, one variable). */
  options->tls_cert = lookup_file (dict, "--tls-cert", "STILLWATER_TLS_CERT", &cert_origin);
  options->tls_key = lookup_file (dict, "--tls-key", "STILLWATER_TLS_KEY", &key_origin);
  if (options->tls_cert != NULL && options->tls_key == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s is set without a key: HTTPS needs both --tls-cert and --tls-key"),
                   cert_origin);
      return FALSE;
    }
  if (options->tls_key != NULL && options->tls_cert == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s is set without a certificate: HTTPS needs both --tls-cert and "
                     "--tls-key"),
                   key_origin);
      return FALSE;
    }

  /* A relative --data-dir is taken from the current directory, not from wherever a
   * later chdir() might leave us. */
  if (!g_path_is_absolute (options->data_dir))
    {
      g_autofree char *cwd = g_get_current_dir ();
      char *absolute = g_build_filename (cwd, options->data_dir, NULL);

      g_free (options->data_dir);
      options->data_dir = absolute;
    }

  return TRUE;
}

void
sw_options_clear (SwOptions *options)
{
  g_clear_pointer (&options->data_dir, g_free);
  g_clear_pointer (&options->listen_address, g_free);
  g_clear_pointer (&options->tls_cert, g_free);
  g_clear_pointer (&options->tls_key, g_free);
}

void
sw_options_print_version (void)
{
  g_print ("stillwater %s (%s)\n", sw_build_info_version (), sw_build_info_commit ());
}

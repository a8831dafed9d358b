/* sw-test-util.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>

#include "sw-test-util.h"

char *
sw_test_make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("stillwater-test-XXXXXX", &error);

  g_assert_no_error (error);
  return path;
}

void
sw_test_remove_tree (const char *path)
{
  g_autoptr(GFile) root = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;
  GFile *child;

  children = g_file_enumerate_children (root, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL &&
         g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
    {
      g_autofree char *child_path = g_file_get_path (child);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        sw_test_remove_tree (child_path);
      else
        g_file_delete (child, NULL, NULL);
    }

  g_file_delete (root, NULL, NULL);
}

guint
sw_test_find_free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

JsonNode *
sw_test_http_get_json (const char  *url,
                       guint       *status,
                       char       **allow_header)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 10, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *content_type;

  g_assert_nonnull (msg);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);

  *status = soup_message_get_status (msg);
  if (allow_header != NULL)
    *allow_header = g_strdup (soup_message_headers_get_one (
                                soup_message_get_response_headers (msg), "Allow"));

  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg),
                                                        NULL);
  if (g_strcmp0 (content_type, "application/json") != 0)
    return NULL;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   g_bytes_get_size (body), NULL))
    return NULL;

  return json_parser_steal_root (parser);
}

/* Polls with short connection attempts; used while a spawned binary starts up. */
gboolean
sw_test_wait_for_http (const char *url,
                       guint       timeout_ms)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 2, NULL);
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
      g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, NULL);

      if (body != NULL && soup_message_get_status (msg) == SOUP_STATUS_OK)
        return TRUE;

      g_usleep (20 * 1000);
    }

  return FALSE;
}

const char *
sw_test_stillwater_binary (void)
{
  const char *binary = g_getenv ("STILLWATER_BIN");

  g_assert_nonnull (binary);
  return binary;
}

GSubprocess *
sw_test_spawn_stillwater (const char * const *args,
                          const char * const *env_overrides,
                          GSubprocessFlags     flags)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  /* Tests choose ports and data dirs explicitly; none leak in from the caller. */
  g_subprocess_launcher_unsetenv (launcher, "STILLWATER_PORT");
  g_subprocess_launcher_unsetenv (launcher, "STILLWATER_LISTEN");
  g_subprocess_launcher_unsetenv (launcher, "STILLWATER_DATA_DIR");
  g_subprocess_launcher_unsetenv (launcher, "STILLWATER_TLS_CERT");
  g_subprocess_launcher_unsetenv (launcher, "STILLWATER_TLS_KEY");
  for (guint i = 0; env_overrides != NULL && env_overrides[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env_overrides[i], env_overrides[i + 1], TRUE);

  g_ptr_array_add (argv, (gpointer) sw_test_stillwater_binary ());
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/* Sends the signal and returns the exit status; fails the test on a crash. */
int
sw_test_terminate (GSubprocess *process,
                   int          signal_number)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (process, signal_number);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

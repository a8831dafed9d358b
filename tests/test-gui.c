/* test-gui.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>

#include "sw-test-util.h"

/* Runs the real desktop binary on the test display and session bus. */

static gboolean
have_display_and_bus (void)
{
  return g_getenv ("DISPLAY") != NULL && g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL;
}

static GSubprocess *
spawn_gui (guint       port,
           const char *data_dir)
{
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  const char *args[] = { "--port", port_text, "--data-dir", data_dir, NULL };

  return sw_test_spawn_stillwater (args, NULL, G_SUBPROCESS_FLAGS_NONE);
}

static void
test_single_instance (void)
{
  g_autofree char *root = sw_test_make_temp_dir ();
  guint port = sw_test_find_free_port ();
  guint other_port = sw_test_find_free_port ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/api/v1/health", port);
  g_autofree char *other_url = g_strdup_printf ("http://127.0.0.1:%u/api/v1/health", other_port);
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_display_and_bus ())
    {
      g_test_skip ("needs a display and a session bus (tools/test provides both)");
      return;
    }

  first = spawn_gui (port, root);
  g_assert_true (sw_test_wait_for_http (url, 15000));

  /* The second launch hands over to the first and exits; it starts no server. */
  second = spawn_gui (other_port, root);
  g_subprocess_wait_check (second, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (sw_test_wait_for_http (other_url, 300));
  g_assert_true (sw_test_wait_for_http (url, 2000));

  g_assert_cmpint (sw_test_terminate (first, SIGTERM), ==, 0);
  sw_test_remove_tree (root);
}

static void
wait_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
test_busy_port_keeps_window (void)
{
  g_autofree char *root = sw_test_make_temp_dir ();
  g_autoptr(GSocketListener) blocker = g_socket_listener_new ();
  g_autoptr(GSubprocess) gui = NULL;
  g_autoptr(GError) error = NULL;
  gboolean exited = FALSE;
  gint64 deadline;
  guint port;

  if (!have_display_and_bus ())
    {
      g_test_skip ("needs a display and a session bus (tools/test provides both)");
      return;
    }

  port = g_socket_listener_add_any_inet_port (blocker, NULL, &error);
  g_assert_no_error (error);

  /* The desktop app stays up (its window explains the problem) rather than exiting. */
  gui = spawn_gui (port, root);
  g_subprocess_wait_async (gui, NULL, wait_done_cb, &exited);
  deadline = g_get_monotonic_time () + 2 * G_TIME_SPAN_SECOND;
  while (!exited && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  g_assert_false (exited);

  g_subprocess_send_signal (gui, SIGTERM);
  while (!exited)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_get_if_exited (gui));
  g_assert_cmpint (g_subprocess_get_exit_status (gui), ==, 0);

  sw_test_remove_tree (root);
}

static void
test_unusable_database_exits_1 (void)
{
  g_autofree char *root = sw_test_make_temp_dir ();
  g_autofree char *db = g_build_filename (root, "stillwater.db", NULL);
  g_autofree char *stderr_text = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GSubprocess) gui = NULL;
  g_autoptr(GError) error = NULL;
  const char *args[] = { "--port", "0", "--data-dir", root, NULL };

  if (!have_display_and_bus ())
    {
      g_test_skip ("needs a display and a session bus (tools/test provides both)");
      return;
    }

  g_assert_true (g_file_set_contents (db, "SQLite format 3\0garbage", 24, NULL));
  gui = sw_test_spawn_stillwater (args, NULL, G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_communicate_utf8 (gui, NULL, NULL, NULL, &stderr_text, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (gui));
  g_assert_cmpint (g_subprocess_get_exit_status (gui), ==, 1);
  g_assert_nonnull (strstr (stderr_text, db));

  g_assert_true (g_file_get_contents (db, &contents, NULL, NULL));
  g_assert_cmpmem (contents, 24, "SQLite format 3\0garbage", 24);
  sw_test_remove_tree (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gui/single-instance", test_single_instance);
  g_test_add_func ("/gui/busy-port-keeps-window", test_busy_port_keeps_window);
  g_test_add_func ("/gui/unusable-database", test_unusable_database_exits_1);

  return g_test_run ();
}

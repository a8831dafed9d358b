/* test-window.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "sw-server-status.h"
#include "sw-test-util.h"
#include "sw-window.h"

/* A real window on the test display (Xvfb under tools/test). */

static GtkApplication *app;

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }

  return NULL;
}

static void
iterate_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_shows_server_address (void)
{
  g_autoptr(SwServerStatus) status = sw_server_status_new ();
  SwWindow *window;
  AdwActionRow *row;
  AdwStatusPage *empty;
  GAction *copy;

  sw_server_status_set_listening (status, "http://127.0.0.1:1973/api/v1");
  window = sw_window_new (app, NULL, status);
  gtk_window_present (GTK_WINDOW (window));
  iterate_main_loop ();

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  row = ADW_ACTION_ROW (find_descendant (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW));
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "http://127.0.0.1:1973/api/v1");

  empty = ADW_STATUS_PAGE (find_descendant (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (empty);
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No Music Library Yet");

  copy = g_action_map_lookup_action (G_ACTION_MAP (window), "copy-server-address");
  g_assert_true (g_action_get_enabled (copy));

  /* A server failure later is reflected immediately, and copying is disabled. */
  sw_server_status_set_failed (status, "Port 1973 on 127.0.0.1 is already in use");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Port 1973"));
  g_assert_false (g_action_get_enabled (copy));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_loop ();
}

static void
test_copy_address_to_clipboard (void)
{
  g_autoptr(SwServerStatus) status = sw_server_status_new ();
  SwWindow *window;
  GdkClipboard *clipboard;
  GValue text = G_VALUE_INIT;

  sw_server_status_set_listening (status, "http://127.0.0.1:4242/api/v1");
  window = sw_window_new (app, NULL, status);
  gtk_window_present (GTK_WINDOW (window));
  iterate_main_loop ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-server-address", NULL));
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_assert_true (gdk_clipboard_is_local (clipboard));

  g_value_init (&text, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard),
                                                 &text, NULL));
  g_assert_cmpstr (g_value_get_string (&text), ==, "http://127.0.0.1:4242/api/v1");
  g_value_unset (&text);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_loop ();
}

static void
test_window_state_saved_and_restored (void)
{
  g_autoptr(SwServerStatus) status = sw_server_status_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  SwWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 700);
  g_settings_set_int (settings, "window-height", 500);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = sw_window_new (app, settings, status);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);

  gtk_window_present (GTK_WINDOW (window));
  iterate_main_loop ();
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 610);
  gtk_window_close (GTK_WINDOW (window));
  iterate_main_loop ();

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_message ("no display; the window tests need one (tools/test runs Xvfb)");
      return 77;
    }

  app = GTK_APPLICATION (adw_application_new ("io.github.stillwater.Stillwater.WindowTest",
                                              G_APPLICATION_NON_UNIQUE));
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window/server-address", test_shows_server_address);
  g_test_add_func ("/window/copy-address", test_copy_address_to_clipboard);
  g_test_add_func ("/window/state", test_window_state_saved_and_restored);

  result = g_test_run ();
  g_clear_object (&app);
  return result;
}

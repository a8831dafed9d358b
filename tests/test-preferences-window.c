/* test-preferences-window.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sw-auth.h"
#include "sw-library-service.h"
#include "sw-preferences-appearance.h"
#include "sw-preferences-libraries.h"
#include "sw-preferences-library-row.h"
#include "sw-preferences-nfo.h"
#include "sw-preferences-server.h"
#include "sw-preferences-tokens.h"
#include "sw-preferences-window.h"
#include "sw-runtime.h"
#include "sw-settings.h"
#include "sw-test-gtk.h"
#include "sw-test-util.h"

/* The Preferences window on the test display, over a real SQLite file; and the
 * runtime's server restart with a real server on loopback ports. */

static GtkApplication *app;

typedef struct
{
  SwTestGui gui;
  GSettings *settings;
  GtkWidget *window;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  sw_test_gui_setup (&fixture->gui);
  /* GSETTINGS_BACKEND=memory: nothing leaves the test. */
  fixture->settings = g_settings_new (APP_ID);
}

static void
open_window (Fixture *fixture)
{
  fixture->window = sw_preferences_window_new (NULL, fixture->settings, fixture->gui.status,
                                               fixture->gui.store, fixture->gui.events,
                                               fixture->gui.jobs, fixture->gui.service);
  gtk_window_present (GTK_WINDOW (fixture->window));
  sw_test_gtk_iterate ();
  g_assert_true (gtk_widget_get_mapped (fixture->window));
}

static void
close_dialogs (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
  sw_test_gtk_iterate ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  close_dialogs ();
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  sw_test_gtk_iterate ();
  g_settings_reset (fixture->settings, "color-scheme");
  sw_preferences_apply_color_scheme ("default");
  g_clear_object (&fixture->settings);
  sw_test_gui_teardown (&fixture->gui);
}

static gpointer
find (Fixture *fixture,
      GType    type)
{
  GtkWidget *widget = sw_test_gtk_find_descendant (fixture->window, type);

  g_assert_nonnull (widget);
  return widget;
}

static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* What a click on a dialog's button does: the response, then closing. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  sw_test_gtk_iterate ();
}

static gboolean
no_dialog (gpointer data)
{
  return find_dialog () == NULL;
}

static GPtrArray *
list_libraries (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *libraries = sw_library_service_list (fixture->gui.store, &error);

  g_assert_no_error (error);
  return libraries;
}

/* The label styled "error" under @root; each page has one. */
static GtkLabel *
error_label (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, "error"))
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = error_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

static gboolean
shows_error (GtkWidget *page)
{
  GtkLabel *label = error_label (page);

  g_assert_nonnull (label);
  return gtk_widget_get_visible (GTK_WIDGET (label)) && gtk_label_get_text (label)[0] != '\0';
}

/* Every page ------------------------------------------------------------------------------ */

static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  open_window (fixture);

  find (fixture, SW_TYPE_PREFERENCES_LIBRARIES);
  find (fixture, SW_TYPE_PREFERENCES_SERVER);
  find (fixture, SW_TYPE_PREFERENCES_TOKENS);
  find (fixture, SW_TYPE_PREFERENCES_NFO);
  find (fixture, SW_TYPE_PREFERENCES_APPEARANCE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Preferences");
}

/* Libraries ------------------------------------------------------------------------------- */

static void
test_library_add (Fixture       *fixture,
                  gconstpointer  data)
{
  SwPreferencesLibraries *page;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *missing = g_build_filename (fixture->gui.dir, "missing", NULL);

  open_window (fixture);
  page = find (fixture, SW_TYPE_PREFERENCES_LIBRARIES);
  g_assert_null (sw_test_gtk_find_descendant (GTK_WIDGET (page), SW_TYPE_PREFERENCES_LIBRARY_ROW));

  /* A folder that does not exist: an error under the list, and nothing added. */
  g_assert_false (sw_preferences_libraries_add (page, missing, NULL, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (shows_error (GTK_WIDGET (page)));
  before = list_libraries (fixture);
  g_assert_cmpuint (before->len, ==, 0);

  g_assert_false (sw_preferences_libraries_add (page, "relative/path", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* The folder chooser's path: named after the folder, shown as a row. */
  g_assert_true (sw_preferences_libraries_add (page, fixture->gui.music, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (shows_error (GTK_WIDGET (page)));
  after = list_libraries (fixture);
  g_assert_cmpuint (after->len, ==, 1);
  g_object_get (after->pdata[0], "name", &name, NULL);
  g_assert_cmpstr (name, ==, "Music");
  g_assert_nonnull (sw_test_gtk_find_descendant (GTK_WIDGET (page), SW_TYPE_PREFERENCES_LIBRARY_ROW));

  /* The same name again is refused and changes nothing. */
  g_assert_false (sw_preferences_libraries_add (page, fixture->gui.dir, "music", &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT);
  g_assert_true (shows_error (GTK_WIDGET (page)));
  again = list_libraries (fixture);
  g_assert_cmpuint (again->len, ==, 1);
}

static void
test_library_remove (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *id = sw_test_gui_create_library (&fixture->gui);
  SwPreferencesLibraries *page;
  GtkWidget *row;
  AdwMessageDialog *dialog;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GPtrArray) removed = NULL;

  open_window (fixture);
  page = find (fixture, SW_TYPE_PREFERENCES_LIBRARIES);
  row = sw_test_gtk_find_descendant (GTK_WIDGET (page), SW_TYPE_PREFERENCES_LIBRARY_ROW);
  g_assert_nonnull (row);
  g_assert_cmpstr (sw_preferences_library_row_get_id (SW_PREFERENCES_LIBRARY_ROW (row)), ==, id);

  /* Remove asks first; Cancel keeps the library. */
  g_signal_emit_by_name (row, "remove");
  sw_test_gtk_iterate ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  respond (dialog, "cancel");
  kept = list_libraries (fixture);
  g_assert_cmpuint (kept->len, ==, 1);

  g_signal_emit_by_name (row, "remove");
  sw_test_gtk_iterate ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  respond (dialog, "remove");
  removed = list_libraries (fixture);
  g_assert_cmpuint (removed->len, ==, 0);
  g_assert_null (sw_test_gtk_find_descendant (GTK_WIDGET (page), SW_TYPE_PREFERENCES_LIBRARY_ROW));

  /* An unknown library: an error, nothing else. */
  g_assert_false (sw_preferences_libraries_remove (page, id, FALSE, NULL));
  g_assert_true (shows_error (GTK_WIDGET (page)));
}

static void
assert_watch (Fixture    *fixture,
              const char *id,
              int         fs_watch,
              int         poll_interval)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwLibrary) library = sw_library_service_get (fixture->gui.store, id, NULL, &error);
  int stored_watch = -1;
  int stored_interval = -1;

  g_assert_no_error (error);
  g_object_get (library, "fs_watch", &stored_watch, "fs_poll_interval", &stored_interval, NULL);
  g_assert_cmpint (stored_watch, ==, fs_watch);
  g_assert_cmpint (stored_interval, ==, poll_interval);
}

static gboolean
subtitle_has (gpointer data)
{
  gpointer *args = data;
  const char *subtitle = adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (args[0]));

  return subtitle != NULL && strstr (subtitle, args[1]) != NULL;
}

static void
test_library_watch (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *id = sw_test_gui_create_library (&fixture->gui);
  SwPreferencesLibraries *page;
  GtkWidget *row;
  AdwComboRow *watch_row;
  g_autoptr(GError) error = NULL;

  sw_test_gui_create_artists (&fixture->gui, id);
  open_window (fixture);
  page = find (fixture, SW_TYPE_PREFERENCES_LIBRARIES);
  row = sw_test_gtk_find_descendant (GTK_WIDGET (page), SW_TYPE_PREFERENCES_LIBRARY_ROW);

  /* The artist count and last scan are read on a thread. */
  g_assert_true (sw_test_gtk_wait_for (subtitle_has, (gpointer[]) { row, (gpointer) "30 artists" },
                                       5000));

  /* The row's first combo is the watch mode: choosing saves it. */
  watch_row = ADW_COMBO_ROW (sw_test_gtk_find_descendant (row, ADW_TYPE_COMBO_ROW));
  g_assert_cmpuint (adw_combo_row_get_selected (watch_row), ==, 0);
  adw_combo_row_set_selected (watch_row, 1);
  sw_test_gtk_iterate ();
  assert_watch (fixture, id, 1, 60);

  g_assert_true (sw_preferences_libraries_set_watch (page, id, 2, 300, &error));
  g_assert_no_error (error);
  assert_watch (fixture, id, 2, 300);

  /* An interval the service refuses: an error, the old values stay. */
  g_assert_false (sw_preferences_libraries_set_watch (page, id, 3, 61, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
  g_assert_true (shows_error (GTK_WIDGET (page)));
  assert_watch (fixture, id, 2, 300);
}

static void
test_library_rename (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *id = sw_test_gui_create_library (&fixture->gui);
  SwPreferencesLibraries *page;
  g_autoptr(SwLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  open_window (fixture);
  page = find (fixture, SW_TYPE_PREFERENCES_LIBRARIES);

  g_assert_false (sw_preferences_libraries_rename (page, id, "", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (sw_preferences_libraries_rename (page, id, "Vinyl Rips", &error));
  g_assert_no_error (error);
  library = sw_library_service_get (fixture->gui.store, id, NULL, &error);
  g_object_get (library, "name", &name, NULL);
  g_assert_cmpstr (name, ==, "Vinyl Rips");
  sw_test_gtk_iterate ();
}

/* Tokens and the administrator ------------------------------------------------------------ */

static GtkLabel *
secret_label (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), "sw_"))
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = secret_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

static void
test_tokens (Fixture       *fixture,
             gconstpointer  data)
{
  SwPreferencesTokens *tokens;
  AdwMessageDialog *dialog;
  GtkLabel *label;
  g_autofree char *secret = NULL;
  g_autofree char *token_id = NULL;
  g_autoptr(SwUser) user = NULL;
  g_autoptr(GError) error = NULL;
  SwScopes scopes = 0;
  gboolean needs_setup = FALSE;
  GtkWidget *setup_row;

  open_window (fixture);
  tokens = find (fixture, SW_TYPE_PREFERENCES_TOKENS);
  g_assert_nonnull (sw_test_gtk_find_button (GTK_WIDGET (tokens), "_Set Up Administrator…"));

  /* No administrator yet: no token can be made. */
  g_assert_false (sw_preferences_tokens_create (tokens, "ci", SW_SCOPE_READ, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (find_dialog ());

  /* A short password is refused and sets nothing up. */
  g_assert_false (sw_preferences_tokens_setup_admin (tokens, "admin", "short", &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_WEAK_PASSWORD);
  g_clear_error (&error);
  g_assert_true (sw_auth_needs_setup (fixture->gui.store, &needs_setup, NULL));
  g_assert_true (needs_setup);

  g_assert_true (sw_preferences_tokens_setup_admin (tokens, "admin", "correct horse", &error));
  g_assert_no_error (error);
  g_assert_true (sw_auth_needs_setup (fixture->gui.store, &needs_setup, NULL));
  g_assert_false (needs_setup);
  setup_row = gtk_widget_get_ancestor (sw_test_gtk_find_button (GTK_WIDGET (tokens),
                                                                 "_Set Up Administrator…"),
                                       ADW_TYPE_ACTION_ROW);
  g_assert_false (gtk_widget_get_visible (setup_row));

  /* Created: the secret is in a dialog, and it works. */
  g_assert_true (sw_preferences_tokens_create (tokens, "ci", SW_SCOPE_READ, &error));
  g_assert_no_error (error);
  sw_test_gtk_iterate ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  label = secret_label (GTK_WIDGET (dialog));
  g_assert_nonnull (label);
  secret = g_strdup (gtk_label_get_text (label));
  user = sw_auth_validate_token (fixture->gui.store, secret, &scopes, &token_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  g_assert_cmpint (scopes, ==, SW_SCOPE_READ);

  /* Once: after the dialog, the secret is nowhere; the list shows the name. */
  respond (dialog, "close");
  g_assert_true (sw_test_gtk_wait_for (no_dialog, NULL, 2000));
  g_assert_null (secret_label (fixture->window));
  g_assert_nonnull (sw_test_gtk_find_button (GTK_WIDGET (tokens), "_Revoke…"));

  /* Revoked: the token no longer validates. */
  g_assert_true (sw_preferences_tokens_revoke (tokens, token_id, &error));
  g_assert_no_error (error);
  g_clear_object (&user);
  user = sw_auth_validate_token (fixture->gui.store, secret, NULL, NULL, &error);
  g_assert_null (user);
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_REVOKED);
  g_clear_error (&error);

  /* Twice is an error. */
  g_assert_false (sw_preferences_tokens_revoke (tokens, token_id, &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_CONFLICT);
}

/* Server page ----------------------------------------------------------------------------- */

static void
test_server_page (Fixture       *fixture,
                  gconstpointer  data)
{
  SwPreferencesServer *page;
  GtkSpinButton *spin;
  GtkSwitch *remote;

  sw_server_status_set_listening (fixture->gui.status, "http://127.0.0.1:1973/api/v1");
  open_window (fixture);
  page = find (fixture, SW_TYPE_PREFERENCES_SERVER);
  g_assert_false (shows_error (GTK_WIDGET (page)));

  /* The port and the switch are the GSettings keys the application rebinds on. */
  spin = GTK_SPIN_BUTTON (sw_test_gtk_find_descendant (GTK_WIDGET (page), GTK_TYPE_SPIN_BUTTON));
  gtk_spin_button_set_value (spin, 8642);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "server-port"), ==, 8642);
  remote = GTK_SWITCH (sw_test_gtk_find_descendant (GTK_WIDGET (page), GTK_TYPE_SWITCH));
  gtk_switch_set_active (remote, TRUE);
  g_assert_true (g_settings_get_boolean (fixture->settings, "remote-access"));
  g_settings_reset (fixture->settings, "server-port");
  g_settings_reset (fixture->settings, "remote-access");

  /* A failed restart is shown on the page. */
  sw_server_status_set_failed (fixture->gui.status, "Address already in use");
  g_assert_true (shows_error (GTK_WIDGET (page)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label (GTK_WIDGET (page))),
                            "Address already in use"));
  sw_server_status_set_listening (fixture->gui.status, "http://127.0.0.1:1973/api/v1");
  g_assert_false (shows_error (GTK_WIDGET (page)));
}

/* NFO output ------------------------------------------------------------------------------ */

static void
test_nfo (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(SwSettings) settings = sw_settings_new (fixture->gui.store);
  SwPreferencesNfo *page;
  GtkSwitch *default_switch;
  GtkCheckButton *genres_check;
  GtkWidget *custom_group;
  g_autofree char *sources = NULL;

  open_window (fixture);
  page = find (fixture, SW_TYPE_PREFERENCES_NFO);

  /* The first switch is "each list to its own element", on by default. */
  default_switch = GTK_SWITCH (sw_test_gtk_find_descendant (GTK_WIDGET (page), GTK_TYPE_SWITCH));
  g_assert_true (gtk_switch_get_active (default_switch));
  gtk_switch_set_active (default_switch, FALSE);
  g_assert_false (sw_settings_get_boolean (settings, "nfo.output.default_behavior"));

  /* Genres is the only source: unticking it is refused with an explanation. */
  genres_check = GTK_CHECK_BUTTON (sw_test_gtk_find_descendant (GTK_WIDGET (page),
                                                                GTK_TYPE_CHECK_BUTTON));
  g_assert_true (gtk_check_button_get_active (genres_check));
  gtk_check_button_set_active (genres_check, FALSE);
  g_assert_true (shows_error (GTK_WIDGET (page)));
  g_assert_true (gtk_check_button_get_active (genres_check));
  sources = sw_settings_get (settings, "nfo.output.genre_sources");
  g_assert_cmpstr (sources, ==, "[\"genres\"]");

  /* Moods as styles saves at once, and clears the error. */
  custom_group = gtk_widget_get_ancestor (GTK_WIDGET (genres_check), ADW_TYPE_PREFERENCES_GROUP);
  g_assert_nonnull (custom_group);
  gtk_switch_set_active (GTK_SWITCH (sw_test_gtk_find_descendant (custom_group, GTK_TYPE_SWITCH)),
                         TRUE);
  g_assert_true (sw_settings_get_boolean (settings, "nfo.output.moods_as_styles"));
  g_assert_false (shows_error (GTK_WIDGET (page)));
}

/* Appearance ------------------------------------------------------------------------------ */

static void
test_appearance (Fixture       *fixture,
                 gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  SwPreferencesAppearance *page;
  AdwComboRow *row;
  g_autofree char *scheme = NULL;

  open_window (fixture);
  page = find (fixture, SW_TYPE_PREFERENCES_APPEARANCE);
  row = ADW_COMBO_ROW (sw_test_gtk_find_descendant (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  adw_combo_row_set_selected (row, 2);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  scheme = g_settings_get_string (fixture->settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "dark");

  adw_combo_row_set_selected (row, 1);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);

  adw_combo_row_set_selected (row, 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);
}

/* Runtime: restarting the server ---------------------------------------------------------- */

static gboolean
port_refuses (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  return connection == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static guint
health_status (guint port)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/api/v1/health", port);
  g_autoptr(JsonNode) body = NULL;
  guint status = 0;

  body = sw_test_http_get_json (url, &status, NULL);
  return status;
}

static void
test_runtime_restart (void)
{
  g_autofree char *dir = sw_test_make_temp_dir ();
  g_autoptr(SwRuntime) runtime = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) squatter = g_socket_listener_new ();
  SwServerStatus *status;
  guint first = sw_test_find_free_port ();
  guint second;
  guint third;
  guint busy = 0;
  g_autofree char *port_text = NULL;

  runtime = sw_runtime_new (dir, "127.0.0.1", first);
  status = sw_runtime_get_server_status (runtime);
  g_assert_true (sw_runtime_open_store (runtime, &error));
  g_assert_true (sw_runtime_start_server (runtime, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (health_status (first), ==, 200);

  /* A new port: the old one refuses, the new one answers. Ports are looked for just
   * before they are used: tests running alongside take free ports too. */
  second = sw_test_find_free_port ();
  g_assert_true (sw_runtime_restart_server (runtime, "127.0.0.1", second, &error));
  g_assert_no_error (error);
  g_assert_true (port_refuses (first));
  g_assert_cmpuint (health_status (second), ==, 200);
  g_assert_true (sw_server_status_get_listening (status));
  port_text = g_strdup_printf (":%u/", second);
  g_assert_nonnull (strstr (sw_server_status_get_uri (status), port_text));

  /* A busy port: the failure is the status's message and the server is down. */
  busy = g_socket_listener_add_any_inet_port (squatter, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (sw_runtime_restart_server (runtime, "127.0.0.1", (guint16) busy, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (sw_server_status_get_listening (status));
  g_assert_nonnull (sw_server_status_get_error_message (status));
  g_assert_true (port_refuses (second));

  /* And on a free port again: listening, the message gone. */
  third = sw_test_find_free_port ();
  g_assert_true (sw_runtime_restart_server (runtime, "127.0.0.1", third, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (health_status (third), ==, 200);
  g_assert_null (sw_server_status_get_error_message (status));

  sw_runtime_stop (runtime);
  g_clear_object (&runtime);
  sw_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = sw_test_gtk_init (&argc, &argv, "io.github.stillwater.Stillwater.TestPreferences");
  if (app == NULL)
    return 77;

#define ADD(path, func) \
  g_test_add ("/preferences/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("pages", test_pages);
  ADD ("libraries/add", test_library_add);
  ADD ("libraries/remove", test_library_remove);
  ADD ("libraries/watch", test_library_watch);
  ADD ("libraries/rename", test_library_rename);
  ADD ("tokens", test_tokens);
  ADD ("server", test_server_page);
  ADD ("nfo", test_nfo);
  ADD ("appearance", test_appearance);
#undef ADD
  g_test_add_func ("/runtime/restart-server", test_runtime_restart);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}

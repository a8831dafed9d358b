/* test-window.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sw-artists-page.h"
#include "sw-artist-private.h"
#include "sw-library-generator.h"
#include "sw-library-service.h"
#include "sw-scan-job.h"
#include "sw-server-status.h"
#include "sw-test-gtk.h"
#include "sw-test-util.h"
#include "sw-window.h"

/* A real window on the test display (Xvfb under tools/test), over a real SQLite file for
 * the library tests. */

static GtkApplication *app;

typedef struct
{
  SwTestGui gui;
  SwWindow *window;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  sw_test_gui_setup (&fixture->gui);
}

static void
open_window (Fixture *fixture)
{
  fixture->window = sw_window_new (app, NULL, fixture->gui.status, fixture->gui.store, fixture->gui.events,
                                   fixture->gui.jobs, fixture->gui.service);
  gtk_window_present (GTK_WINDOW (fixture->window));
  sw_test_gtk_iterate ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  sw_test_gui_teardown (&fixture->gui);
}

static guint
count_libraries (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) libraries = sw_library_service_list (fixture->gui.store, &error);

  g_assert_no_error (error);
  return libraries->len;
}

static GtkListView *
artist_list (Fixture *fixture)
{
  return sw_test_gtk_find_artist_list (GTK_WIDGET (fixture->window));
}

static GListModel *
artist_model (Fixture *fixture)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (artist_list (fixture));

  return gtk_multi_selection_get_model (GTK_MULTI_SELECTION (selection));
}

/* The window's pages: "empty", "scan" or "browse" (the sidebar and its pages). */
static const char *
visible_page (Fixture *fixture)
{
  GtkStack *stack = sw_test_gtk_find_stack_with_page (GTK_WIDGET (fixture->window), "browse");

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (stack);
}

typedef struct
{
  Fixture *fixture;
  guint n_items;
} ItemCount;

static gboolean
has_n_items (gpointer data)
{
  ItemCount *count = data;

  return g_list_model_get_n_items (artist_model (count->fixture)) == count->n_items;
}

static gboolean
shows_artists_page (gpointer data)
{
  return g_strcmp0 (visible_page (data), "browse") == 0;
}

static void
test_empty_state (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *add;

  open_window (fixture);

  g_assert_cmpstr (visible_page (fixture), ==, "empty");
  add = sw_test_gtk_find_button (GTK_WIDGET (fixture->window), "_Add Music Library…");
  g_assert_nonnull (add);
  g_assert_true (gtk_widget_get_visible (add));
  g_assert_true (gtk_widget_is_sensitive (add));
  g_assert_nonnull (sw_test_gtk_find_button (GTK_WIDGET (fixture->window),
                                             "_Try a Sample Library"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window),
                                                     "scan-all"));
  g_assert_cmpuint (g_list_model_get_n_items (artist_model (fixture)), ==, 0);
}

static void
make_artist_folder (Fixture    *fixture,
                    const char *artist)
{
  g_autofree char *album = g_build_filename (fixture->gui.music, artist, "First Album", NULL);

  g_assert_cmpint (g_mkdir_with_parents (album, 0755), ==, 0);
}

static void
test_add_library_scans (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) libraries = NULL;
  g_autoptr(SwJob) job = NULL;
  g_autofree char *name = NULL;
  g_autofree char *missing = g_build_filename (fixture->gui.dir, "Nowhere", NULL);
  g_autoptr(SwArtist) first = NULL;
  ItemCount count = { fixture, 3 };

  make_artist_folder (fixture, "Aurora");
  make_artist_folder (fixture, "Bonobo");
  make_artist_folder (fixture, "Caribou");
  open_window (fixture);
  g_assert_cmpstr (visible_page (fixture), ==, "empty");

  /* A folder that does not exist is refused and changes nothing. */
  g_assert_false (sw_window_add_library (fixture->window, missing, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (count_libraries (fixture), ==, 0);
  g_assert_cmpstr (visible_page (fixture), ==, "empty");

  g_assert_true (sw_window_add_library (fixture->window, fixture->gui.music, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (visible_page (fixture), ==, "scan");

  /* The library is named after its folder. */
  libraries = sw_library_service_list (fixture->gui.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (libraries->len, ==, 1);
  g_object_get (libraries->pdata[0], "name", &name, NULL);
  g_assert_cmpstr (name, ==, "Music");

  g_assert_true (sw_test_gtk_wait_for (shows_artists_page, fixture, 10000));
  job = sw_job_queue_get_latest (fixture->gui.jobs, SW_SCAN_JOB_KIND);
  g_assert_nonnull (job);
  g_assert_cmpint (sw_job_get_state (job), ==, SW_JOB_COMPLETED);
  g_assert_true (sw_test_gtk_wait_for (has_n_items, &count, 2000));
  first = sw_test_gtk_dup_artist_at (artist_list (fixture), 0);
  g_assert_nonnull (first);
  g_assert_cmpstr (sw_artist_get_name (first), ==, "Aurora");
}

static gboolean
scan_ended (gpointer data)
{
  g_autoptr(SwJob) job = sw_job_queue_get_latest (data, SW_SCAN_JOB_KIND);

  return job != NULL && sw_job_get_state (job) != SW_JOB_RUNNING;
}

static gboolean
shows_31 (gpointer data)
{
  return sw_test_gtk_find_label (data, "31") != NULL;
}

/* The list box whose rows are named after the pages. */
static GtkWidget *
find_sidebar (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LIST_BOX_ROW (child) && g_str_equal (gtk_widget_get_name (child), "dashboard"))
        return root;
      if ((found = find_sidebar (child)) != NULL)
        return found;
    }
  return NULL;
}

/* The sidebar: Dashboard and Artists (with the count), nothing that is not built. */
static void
test_sidebar (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *library_id = sw_test_gui_create_library (&fixture->gui);
  GtkStack *content;
  GtkWidget *sidebar;
  guint n_rows = 0;

  sw_test_gui_create_artists (&fixture->gui, library_id);
  open_window (fixture);
  g_assert_cmpstr (visible_page (fixture), ==, "browse");

  content = sw_test_gtk_find_stack_with_page (GTK_WIDGET (fixture->window), "dashboard");
  g_assert_nonnull (content);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "artists");
  g_assert_nonnull (sw_test_gtk_find_label (GTK_WIDGET (fixture->window), "30"));

  sidebar = find_sidebar (GTK_WIDGET (fixture->window));
  g_assert_nonnull (sidebar);
  for (GtkWidget *row = gtk_widget_get_first_child (sidebar); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s",
                                             "dashboard"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "dashboard");
  /* An unknown page name changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s",
                                             "reports"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "dashboard");

  /* Ctrl+F from anywhere goes to the artists and opens the search. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s",
                                             "artists"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "artists");

  /* A new artist updates the count in the sidebar. */
  {
    g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GError) error = NULL;
    SwArtist *artist = sw_artist_new ();

    artist->name = g_strdup ("Zephyr");
    g_ptr_array_add (more, artist);
    g_assert_true (sw_artist_service_create (fixture->gui.service, more, library_id, &error));
    g_assert_true (sw_test_gtk_wait_for (shows_31, fixture->window, 2000));
  }
}

static gboolean
leaflet_folded (gpointer data)
{
  return adw_leaflet_get_folded (data);
}

/* Narrow, the sidebar and the page are two leaflet pages: Escape and Alt+Left go back. */
static void
test_narrow_back (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *library_id = sw_test_gui_create_library (&fixture->gui);
  AdwLeaflet *leaflet;
  GtkWidget *sidebar;
  GtkWidget *page;

  sw_test_gui_create_artists (&fixture->gui, library_id);
  open_window (fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 400, 600);
  leaflet = ADW_LEAFLET (sw_test_gtk_find_descendant (GTK_WIDGET (fixture->window),
                                                      ADW_TYPE_LEAFLET));
  g_assert_true (sw_test_gtk_wait_for (leaflet_folded, leaflet, 2000));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s",
                                             "dashboard"));
  sidebar = gtk_widget_get_ancestor (find_sidebar (GTK_WIDGET (fixture->window)), GTK_TYPE_BOX);
  g_assert_false (adw_leaflet_get_visible_child (leaflet) == sidebar);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-sidebar",
                                             NULL));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == sidebar);

  /* In the Artists page, the editor goes back to the list first. */
  page = sw_window_get_artists_page (fixture->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s",
                                             "artists"));
  sw_artists_page_show_artist (SW_ARTISTS_PAGE (page), NULL);
  g_assert_true (sw_artists_page_go_back (SW_ARTISTS_PAGE (page)));
  g_assert_false (sw_artists_page_go_back (SW_ARTISTS_PAGE (page)));
}

static gboolean
has_many_items (gpointer data)
{
  return g_list_model_get_n_items (artist_model (data)) > 30;
}

/* The sample library: generated into the data directory, added and scanned. */
static void
test_sample_library (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *root = g_build_filename (fixture->gui.dir, "Sample Library", NULL);
  g_autofree char *manifest = g_build_filename (root, "manifest.json", NULL);

  open_window (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.try-sample-library", NULL));
  g_assert_cmpstr (visible_page (fixture), ==, "scan");
  g_assert_true (sw_test_gtk_wait_for (shows_artists_page, fixture, 30000));
  g_assert_true (g_file_test (manifest, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_libraries (fixture), ==, 1);
  g_assert_true (sw_test_gtk_wait_for (has_many_items, fixture, 2000));
}

/* F5 (win.scan-all) scans every library; a second one while it runs is refused. */
static void
test_scan_all (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *library_id = sw_test_gui_create_library (&fixture->gui);
  g_autoptr(SwJob) job = NULL;
  ItemCount count = { fixture, 1 };

  make_artist_folder (fixture, "Aurora");
  open_window (fixture);
  g_assert_cmpstr (visible_page (fixture), ==, "browse");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.scan-all", NULL));
  g_assert_true (sw_test_gtk_wait_for (scan_ended, fixture->gui.jobs, 10000));
  job = sw_job_queue_get_latest (fixture->gui.jobs, SW_SCAN_JOB_KIND);
  g_assert_cmpint (sw_job_get_state (job), ==, SW_JOB_COMPLETED);
  g_assert_null (sw_scan_job_get_library_id (job));
  g_assert_true (sw_test_gtk_wait_for (has_n_items, &count, 2000));
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
  window = sw_window_new (app, NULL, status, NULL, NULL, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  sw_test_gtk_iterate ();

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  row = ADW_ACTION_ROW (sw_test_gtk_find_descendant (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW));
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "http://127.0.0.1:1973/api/v1");

  empty = ADW_STATUS_PAGE (sw_test_gtk_find_descendant (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (empty);
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No Music Library Yet");

  copy = g_action_map_lookup_action (G_ACTION_MAP (window), "copy-server-address");
  g_assert_true (g_action_get_enabled (copy));

  /* A server failure later is reflected immediately, and copying is disabled. */
  sw_server_status_set_failed (status, "Port 1973 on 127.0.0.1 is already in use");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Port 1973"));
  g_assert_false (g_action_get_enabled (copy));

  gtk_window_destroy (GTK_WINDOW (window));
  sw_test_gtk_iterate ();
}

static void
test_copy_address_to_clipboard (void)
{
  g_autoptr(SwServerStatus) status = sw_server_status_new ();
  SwWindow *window;
  GdkClipboard *clipboard;
  GValue text = G_VALUE_INIT;

  sw_server_status_set_listening (status, "http://127.0.0.1:4242/api/v1");
  window = sw_window_new (app, NULL, status, NULL, NULL, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  sw_test_gtk_iterate ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-server-address", NULL));
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_assert_true (gdk_clipboard_is_local (clipboard));

  g_value_init (&text, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard),
                                                 &text, NULL));
  g_assert_cmpstr (g_value_get_string (&text), ==, "http://127.0.0.1:4242/api/v1");
  g_value_unset (&text);

  gtk_window_destroy (GTK_WINDOW (window));
  sw_test_gtk_iterate ();
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

  window = sw_window_new (app, settings, status, NULL, NULL, NULL, NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);

  gtk_window_present (GTK_WINDOW (window));
  sw_test_gtk_iterate ();
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 610);
  gtk_window_close (GTK_WINDOW (window));
  sw_test_gtk_iterate ();

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);
}

/* Cancel on the progress page stops the scan; the library stays, so the (partial) artist
 * list is shown. */
static void
test_cancel_scan (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwJob) job = NULL;
  SwLibraryGeneratorOptions options;
  GtkWidget *cancel;

  sw_library_generator_options_init (&options);
  options.artists = 600;
  options.seed = 11;
  options.albums_per_artist = 1;
  options.write_images = FALSE;
  options.force = TRUE;
  g_assert_true (sw_library_generate (fixture->gui.music, &options, NULL, &error));
  g_assert_no_error (error);
  open_window (fixture);

  g_assert_true (sw_window_add_library (fixture->window, fixture->gui.music, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (visible_page (fixture), ==, "scan");
  cancel = sw_test_gtk_find_button (GTK_WIDGET (fixture->window), "_Cancel");
  g_assert_nonnull (cancel);
  g_assert_true (gtk_widget_get_visible (cancel));
  g_signal_emit_by_name (cancel, "clicked");

  g_assert_true (sw_test_gtk_wait_for (scan_ended, fixture->gui.jobs, 10000));
  job = sw_job_queue_get_latest (fixture->gui.jobs, SW_SCAN_JOB_KIND);
  g_assert_cmpint (sw_job_get_state (job), ==, SW_JOB_CANCELLED);
  g_assert_true (sw_test_gtk_wait_for (shows_artists_page, fixture, 2000));
  g_assert_cmpuint (count_libraries (fixture), ==, 1);
}

/* A library added and scanned without the window (as through the web API) replaces the
 * empty state once its scan completes. */
static void
test_scan_elsewhere (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwSettings) settings = sw_settings_new (fixture->gui.store);
  g_autoptr(SwJob) job = NULL;
  g_autofree char *library_id = NULL;
  ItemCount count = { fixture, 2 };

  make_artist_folder (fixture, "Daft Punk");
  make_artist_folder (fixture, "Enya");
  open_window (fixture);
  g_assert_cmpstr (visible_page (fixture), ==, "empty");

  library_id = sw_test_gui_create_library (&fixture->gui);
  job = sw_scan_job_start (fixture->gui.jobs, fixture->gui.service, fixture->gui.events, settings,
                           library_id, &error);
  g_assert_no_error (error);
  g_assert_true (sw_test_gtk_wait_for (shows_artists_page, fixture, 10000));
  g_assert_true (sw_test_gtk_wait_for (has_n_items, &count, 2000));
}

int
main (int   argc,
      char *argv[])
{
  int result;

  app = sw_test_gtk_init (&argc, &argv, "io.github.stillwater.Stillwater.WindowTest");
  if (app == NULL)
    return 77;

  g_test_add_func ("/window/server-address", test_shows_server_address);
  g_test_add_func ("/window/copy-address", test_copy_address_to_clipboard);
  g_test_add_func ("/window/state", test_window_state_saved_and_restored);
  g_test_add ("/window/sidebar", Fixture, NULL, fixture_setup, test_sidebar,
              fixture_teardown);
  g_test_add ("/window/narrow-back", Fixture, NULL, fixture_setup, test_narrow_back,
              fixture_teardown);
  g_test_add ("/window/sample-library", Fixture, NULL, fixture_setup, test_sample_library,
              fixture_teardown);
  g_test_add ("/window/scan-all", Fixture, NULL, fixture_setup, test_scan_all,
              fixture_teardown);
  g_test_add ("/window/empty-state", Fixture, NULL, fixture_setup, test_empty_state,
              fixture_teardown);
  g_test_add ("/window/add-library-scans", Fixture, NULL, fixture_setup,
              test_add_library_scans, fixture_teardown);
  g_test_add ("/window/scan-elsewhere", Fixture, NULL, fixture_setup, test_scan_elsewhere,
              fixture_teardown);
  g_test_add ("/window/cancel-scan", Fixture, NULL, fixture_setup, test_cancel_scan,
              fixture_teardown);

  result = g_test_run ();
  g_clear_object (&app);
  return result;
}

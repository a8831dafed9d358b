/* test-window.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sw-artist-row.h"
#include "sw-artist-private.h"
#include "sw-library-generator.h"
#include "sw-library-service.h"
#include "sw-scan-job.h"
#include "sw-server-status.h"
#include "sw-test-util.h"
#include "sw-window.h"

/* A real window on the test display (Xvfb under tools/test), over a real SQLite file for
 * the library tests. */

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

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds or @timeout_ms pass; returns the outcome. */
static gboolean
wait_for (Condition condition,
          gpointer  data,
          guint     timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      iterate_main_loop ();
      g_usleep (2000);
    }

  return TRUE;
}

typedef struct
{
  char *dir;
  char *music;
  SwStore *store;
  SwEvents *events;
  SwJobQueue *jobs;
  SwArtistService *service;
  SwServerStatus *status;
  SwWindow *window;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  fixture->dir = sw_test_make_temp_dir ();
  fixture->music = g_build_filename (fixture->dir, "Music", NULL);
  g_assert_cmpint (g_mkdir (fixture->music, 0755), ==, 0);
  db = g_build_filename (fixture->dir, "stillwater.db", NULL);
  fixture->store = sw_store_open (db, &error);
  g_assert_no_error (error);
  fixture->events = sw_events_new ();
  fixture->jobs = sw_job_queue_new ();
  fixture->service = sw_artist_service_new (fixture->store, fixture->events);
  fixture->status = sw_server_status_new ();
}

static void
open_window (Fixture *fixture)
{
  fixture->window = sw_window_new (app, NULL, fixture->status, fixture->store, fixture->events,
                                   fixture->jobs, fixture->service);
  gtk_window_present (GTK_WINDOW (fixture->window));
  iterate_main_loop ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate_main_loop ();
  sw_job_queue_cancel_all (fixture->jobs);
  sw_job_queue_wait (fixture->jobs);
  iterate_main_loop ();
  g_clear_object (&fixture->status);
  g_clear_object (&fixture->service);
  g_clear_object (&fixture->jobs);
  g_clear_object (&fixture->events);
  g_clear_object (&fixture->store);
  sw_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->music, g_free);
}

static char *
create_library (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwLibrary) draft = sw_library_new ();
  g_autoptr(SwLibrary) library = NULL;
  char *id = NULL;

  g_object_set (draft, "name", "Music", "path", fixture->music, NULL);
  library = sw_library_service_create (fixture->store, draft, &error);
  g_assert_no_error (error);
  g_object_get (library, "id", &id, NULL);
  return id;
}

static guint
count_libraries (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) libraries = sw_library_service_list (fixture->store, &error);

  g_assert_no_error (error);
  return libraries->len;
}

/* 30 artists: "Nova 1" … "Nova 10" (groups with an MBID) and "Echo 1" … "Echo 20". */
static void
create_artists (Fixture    *fixture,
                const char *library_id)
{
  g_autoptr(GPtrArray) artists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i <= 30; i++)
    {
      SwArtist *artist = sw_artist_new ();

      if (i <= 10)
        {
          artist->name = g_strdup_printf ("Nova %u", i);
          artist->type = g_strdup ("group");
          artist->musicbrainz_id = g_uuid_string_random ();
        }
      else
        {
          artist->name = g_strdup_printf ("Echo %u", i - 10);
          artist->type = g_strdup ("person");
        }
      g_ptr_array_add (artists, artist);
    }

  g_assert_true (sw_artist_service_create (fixture->service, artists, library_id, &error));
  g_assert_no_error (error);
}

static GtkListView *
artist_list (Fixture *fixture)
{
  return GTK_LIST_VIEW (find_descendant (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_VIEW));
}

static GListModel *
artist_model (Fixture *fixture)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (artist_list (fixture));

  return gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));
}

static GtkStack *
find_stack_with_page (GtkWidget  *root,
                      const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found;

      if (GTK_IS_STACK (child) && gtk_stack_get_child_by_name (GTK_STACK (child), name) != NULL)
        return GTK_STACK (child);
      if ((found = find_stack_with_page (child, name)) != NULL)
        return found;
    }

  return NULL;
}

/* The window's pages: "empty", "scan" or "artists". */
static const char *
visible_page (Fixture *fixture)
{
  GtkStack *stack = find_stack_with_page (GTK_WIDGET (fixture->window), "artists");

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (stack);
}

static GtkWidget *
find_button_with_label (GtkWidget  *root,
                        const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button_with_label (child, label)) != NULL)
        return found;
    }

  return NULL;
}

/* Visible or not: what matters is what the widgets say. */
static GtkWidget *
find_label_with_text (GtkWidget  *root,
                      const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return child;
      if ((found = find_label_with_text (child, text)) != NULL)
        return found;
    }

  return NULL;
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
  return g_strcmp0 (visible_page (data), "artists") == 0;
}

static void
test_artist_list (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *library_id = create_library (fixture);
  GtkWidget *search_entry;
  GtkWidget *search_button;
  GtkWidget *row;
  ItemCount count = { fixture, 0 };

  create_artists (fixture, library_id);
  open_window (fixture);

  g_assert_cmpstr (visible_page (fixture), ==, "artists");
  g_assert_cmpuint (g_list_model_get_n_items (artist_model (fixture)), ==, 30);
  search_button = find_descendant (GTK_WIDGET (fixture->window), GTK_TYPE_TOGGLE_BUTTON);
  g_assert_true (gtk_widget_get_visible (search_button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (search_button), ==, "Search Artists");

  /* Rows are real: the first (in name order) is Echo 1, a person without MBID. */
  row = find_descendant (GTK_WIDGET (artist_list (fixture)), SW_TYPE_ARTIST_ROW);
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_descendant (row, GTK_TYPE_LABEL))), ==,
                   "Echo 1");
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (fixture->window), "30 artists"));

  /* Searching through the entry filters the model (the entry debounces). */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (search_button), TRUE);
  search_entry = find_descendant (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (search_entry), "Nova");
  count.n_items = 10;
  g_assert_true (wait_for (has_n_items, &count, 2000));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (fixture->window), "10 artists"));

  gtk_editable_set_text (GTK_EDITABLE (search_entry), "Echo 1");
  count.n_items = 11;            /* Echo 1 and Echo 10 … Echo 19 */
  g_assert_true (wait_for (has_n_items, &count, 2000));

  /* Nothing matches: the list gives way to a "no results" page. */
  gtk_editable_set_text (GTK_EDITABLE (search_entry), "Zanzibar");
  count.n_items = 0;
  g_assert_true (wait_for (has_n_items, &count, 2000));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (fixture->window), "0 artists"));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (fixture->window),
                                          "No artists match “Zanzibar”."));

  /* Closing the search shows every artist again. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (search_button), FALSE);
  count.n_items = 30;
  g_assert_true (wait_for (has_n_items, &count, 2000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search_entry)), ==, "");
}

static void
test_empty_state (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *add;

  open_window (fixture);

  g_assert_cmpstr (visible_page (fixture), ==, "empty");
  add = find_button_with_label (GTK_WIDGET (fixture->window), "_Add Music Library…");
  g_assert_nonnull (add);
  g_assert_true (gtk_widget_get_visible (add));
  g_assert_true (gtk_widget_is_sensitive (add));
  g_assert_false (gtk_widget_get_visible (find_descendant (GTK_WIDGET (fixture->window),
                                                           GTK_TYPE_TOGGLE_BUTTON)));
  g_assert_cmpuint (g_list_model_get_n_items (artist_model (fixture)), ==, 0);
}

static void
make_artist_folder (Fixture    *fixture,
                    const char *artist)
{
  g_autofree char *album = g_build_filename (fixture->music, artist, "First Album", NULL);

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
  g_autofree char *missing = g_build_filename (fixture->dir, "Nowhere", NULL);
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

  g_assert_true (sw_window_add_library (fixture->window, fixture->music, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (visible_page (fixture), ==, "scan");

  /* The library is named after its folder. */
  libraries = sw_library_service_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (libraries->len, ==, 1);
  g_object_get (libraries->pdata[0], "name", &name, NULL);
  g_assert_cmpstr (name, ==, "Music");

  g_assert_true (wait_for (shows_artists_page, fixture, 10000));
  job = sw_job_queue_get_latest (fixture->jobs, SW_SCAN_JOB_KIND);
  g_assert_nonnull (job);
  g_assert_cmpint (sw_job_get_state (job), ==, SW_JOB_COMPLETED);
  g_assert_true (wait_for (has_n_items, &count, 2000));
  first = g_list_model_get_item (artist_model (fixture), 0);
  g_assert_nonnull (first);
  g_assert_cmpstr (sw_artist_get_name (first), ==, "Aurora");
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
  window = sw_window_new (app, NULL, status, NULL, NULL, NULL, NULL);
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

  window = sw_window_new (app, settings, status, NULL, NULL, NULL, NULL);
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

static gboolean
scan_ended (gpointer data)
{
  g_autoptr(SwJob) job = sw_job_queue_get_latest (data, SW_SCAN_JOB_KIND);

  return job != NULL && sw_job_get_state (job) != SW_JOB_RUNNING;
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
  g_assert_true (sw_library_generate (fixture->music, &options, NULL, &error));
  g_assert_no_error (error);
  open_window (fixture);

  g_assert_true (sw_window_add_library (fixture->window, fixture->music, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (visible_page (fixture), ==, "scan");
  cancel = find_button_with_label (GTK_WIDGET (fixture->window), "_Cancel");
  g_assert_nonnull (cancel);
  g_assert_true (gtk_widget_get_visible (cancel));
  g_signal_emit_by_name (cancel, "clicked");

  g_assert_true (wait_for (scan_ended, fixture->jobs, 10000));
  job = sw_job_queue_get_latest (fixture->jobs, SW_SCAN_JOB_KIND);
  g_assert_cmpint (sw_job_get_state (job), ==, SW_JOB_CANCELLED);
  g_assert_true (wait_for (shows_artists_page, fixture, 2000));
  g_assert_cmpuint (count_libraries (fixture), ==, 1);
}

/* A library added and scanned without the window (as through the web API) replaces the
 * empty state once its scan completes. */
static void
test_scan_elsewhere (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwSettings) settings = sw_settings_new (fixture->store);
  g_autoptr(SwJob) job = NULL;
  g_autofree char *library_id = NULL;
  ItemCount count = { fixture, 2 };

  make_artist_folder (fixture, "Daft Punk");
  make_artist_folder (fixture, "Enya");
  open_window (fixture);
  g_assert_cmpstr (visible_page (fixture), ==, "empty");

  library_id = create_library (fixture);
  job = sw_scan_job_start (fixture->jobs, fixture->service, fixture->events, settings,
                           library_id, &error);
  g_assert_no_error (error);
  g_assert_true (wait_for (shows_artists_page, fixture, 10000));
  g_assert_true (wait_for (has_n_items, &count, 2000));
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
  g_test_add ("/window/artist-list", Fixture, NULL, fixture_setup, test_artist_list,
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

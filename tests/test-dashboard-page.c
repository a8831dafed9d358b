/* test-dashboard-page.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sw-artist-private.h"
#include "sw-dashboard-page.h"
#include "sw-scan-job.h"
#include "sw-test-gtk.h"
#include "sw-test-util.h"

/* The dashboard page in a real window on the test display, over a real SQLite file. */

static GtkApplication *app;

typedef struct
{
  SwTestGui gui;
  GtkWindow *window;
  GtkWidget *page;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  sw_test_gui_setup (&fixture->gui);
}

/* As the window will hold it: under a toast overlay. */
static void
open_page (Fixture *fixture)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  fixture->page = sw_dashboard_page_new (fixture->gui.store, fixture->gui.events,
                                         fixture->gui.jobs, fixture->gui.service);
  g_assert_true (SW_IS_DASHBOARD_PAGE (fixture->page));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), fixture->page);

  fixture->window = GTK_WINDOW (adw_application_window_new (app));
  gtk_window_set_default_size (fixture->window, 800, 700);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (fixture->window), overlay);
  gtk_window_present (fixture->window);
  sw_test_gtk_iterate ();
  g_assert_true (gtk_widget_get_mapped (fixture->page));
}

static gboolean
no_job_running (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(SwJob) job = sw_job_queue_get_latest (fixture->gui.jobs, SW_SCAN_JOB_KIND);

  return job == NULL || sw_job_get_state (job) != SW_JOB_RUNNING;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (fixture->window);
      /* A stats read still on its thread holds the page until it returns. */
      sw_test_gtk_wait_for (no_job_running, fixture, 10000);
      for (guint i = 0; i < 20; i++)
        {
          sw_test_gtk_iterate ();
          g_usleep (5000);
        }
    }
  sw_test_gui_teardown (&fixture->gui);
}

typedef struct
{
  Fixture *fixture;
  const char *text;
} LabelWait;

static gboolean
shows_label (gpointer data)
{
  LabelWait *wait = data;

  return sw_test_gtk_find_label (wait->fixture->page, wait->text) != NULL;
}

static void
assert_shows (Fixture    *fixture,
              const char *text,
              guint       timeout_ms)
{
  LabelWait wait = { fixture, text };

  if (!sw_test_gtk_wait_for (shows_label, &wait, timeout_ms))
    g_error ("the dashboard does not show “%s”", text);
}

/* The number on the card whose accessible caption label is @caption. */
static const char *
card_number (Fixture    *fixture,
             const char *caption)
{
  GtkWidget *label = sw_test_gtk_find_label (fixture->page, caption);
  GtkWidget *number;

  g_assert_nonnull (label);
  number = gtk_widget_get_prev_sibling (label);
  g_assert_true (GTK_IS_LABEL (number));
  return gtk_label_get_text (GTK_LABEL (number));
}

typedef struct
{
  Fixture *fixture;
  const char *caption;
  const char *number;
} CardWait;

static gboolean
card_shows (gpointer data)
{
  CardWait *wait = data;

  return g_strcmp0 (card_number (wait->fixture, wait->caption), wait->number) == 0;
}

static void
assert_card (Fixture    *fixture,
             const char *caption,
             const char *number,
             guint       timeout_ms)
{
  CardWait wait = { fixture, caption, number };

  if (!sw_test_gtk_wait_for (card_shows, &wait, timeout_ms))
    g_error ("the “%s” card shows %s, not %s", caption, card_number (fixture, caption), number);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  open_page (fixture);

  g_assert_nonnull (sw_test_gtk_find_label (fixture->page, "Libraries"));
  g_assert_nonnull (sw_test_gtk_find_label (fixture->page, "Recent Activity"));
  assert_shows (fixture, "No music libraries yet", 1000);
  assert_shows (fixture, "No activity yet. Scans and changes to artists appear here while "
                "Stillwater runs.", 1000);
  assert_card (fixture, "Artists", "0", 1000);
  g_assert_null (sw_test_gtk_find_descendant (fixture->page, GTK_TYPE_BUTTON));
  /* No health score until the rules exist. */
  g_assert_null (sw_test_gtk_find_descendant (fixture->page, GTK_TYPE_LEVEL_BAR));
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *library_id = sw_test_gui_create_library (&fixture->gui);
  g_autoptr(GError) error = NULL;

  sw_test_gui_create_artists (&fixture->gui, library_id);
  g_assert_true (sw_store_exec (fixture->gui.store,
                                "UPDATE artists SET thumb_exists = 1 WHERE name LIKE 'Echo %'",
                                &error));
  g_assert_no_error (error);
  open_page (fixture);

  assert_card (fixture, "Artists", "30", 2000);
  g_assert_cmpstr (card_number (fixture, "With MBID"), ==, "10");
  g_assert_cmpstr (card_number (fixture, "With Thumbnail"), ==, "20");
  g_assert_cmpstr (card_number (fixture, "With Fanart"), ==, "0");
  g_assert_cmpstr (card_number (fixture, "Locked"), ==, "0");

  /* The library row, with its count. */
  assert_shows (fixture, "Music", 1000);
  g_assert_nonnull (sw_test_gtk_find_button (fixture->page, "_Scan Now"));
}

static void
test_live_update (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) artists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  SwArtist *artist = sw_artist_new ();

  sw_test_gui_create_artists (&fixture->gui, NULL);
  open_page (fixture);
  assert_card (fixture, "Artists", "30", 2000);

  artist->name = g_strdup ("Zephyr");
  artist->musicbrainz_id = g_uuid_string_random ();
  g_ptr_array_add (artists, artist);
  g_assert_true (sw_artist_service_create (fixture->gui.service, artists, NULL, &error));
  g_assert_no_error (error);

  /* Within a second, counts and activity both. */
  assert_card (fixture, "Artists", "31", 1000);
  g_assert_cmpstr (card_number (fixture, "With MBID"), ==, "11");
  assert_shows (fixture, "Zephyr added", 1000);
  g_assert_nonnull (sw_test_gtk_find_label (fixture->page, "Just now"));

  /* A lock shows in its card and as an activity. */
  g_assert_true (sw_artist_service_set_locked (fixture->gui.service, artist->id, TRUE, "user",
                                               &error));
  g_assert_no_error (error);
  assert_card (fixture, "Locked", "1", 1000);
  assert_shows (fixture, "Zephyr locked", 1000);
}

static void
publish_scan_completed (Fixture    *fixture,
                        const char *status,
                        gint64      new_artists)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "scan_id");
  json_builder_add_string_value (builder, "test");
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status);
  json_builder_set_member_name (builder, "new_artists");
  json_builder_add_int_value (builder, new_artists);
  json_builder_end_object (builder);
  sw_events_publish_take (fixture->gui.events, SW_EVENT_SCAN_COMPLETED,
                          json_builder_get_root (builder));
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;
  return n;
}

static void
test_activity (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) artists = g_ptr_array_new_with_free_func (g_object_unref);
  SwArtist *nova = sw_artist_new ();
  GtkWidget *group;
  GtkListBox *list;

  nova->name = g_strdup ("Nova");
  g_ptr_array_add (artists, nova);
  g_assert_true (sw_artist_service_create (fixture->gui.service, artists, NULL, &error));
  g_assert_no_error (error);
  open_page (fixture);

  g_assert_true (sw_artist_service_update_field (fixture->gui.service, nova->id, "biography",
                                                 "Formed on a quiet shore.", "manual", NULL,
                                                 &error));
  g_assert_no_error (error);
  assert_shows (fixture, "Biography of Nova edited", 1000);

  publish_scan_completed (fixture, "completed", 12);
  assert_shows (fixture, "Scan finished: 12 new artists", 1000);
  publish_scan_completed (fixture, "completed", 1);
  assert_shows (fixture, "Scan finished: 1 new artist", 1000);
  publish_scan_completed (fixture, "failed", 0);
  assert_shows (fixture, "Scan failed", 1000);

  /* Changes a scan makes are summed up by the scan, not listed one by one. */
  group = gtk_widget_get_ancestor (sw_test_gtk_find_label (fixture->page, "Scan failed"),
                                   GTK_TYPE_LIST_BOX);
  list = GTK_LIST_BOX (group);
  g_assert_cmpuint (count_rows (list), ==, 4);
  g_assert_true (sw_artist_service_update_field (fixture->gui.service, nova->id, "origin",
                                                 "Oslo", "scan", NULL, &error));
  g_assert_no_error (error);
  /* Many additions in a row become one entry, and the list keeps the latest 20. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
      SwArtist *artist = sw_artist_new ();

      artist->name = g_strdup_printf ("Wave %u", i);
      g_ptr_array_add (more, artist);
      g_assert_true (sw_artist_service_create (fixture->gui.service, more, NULL, &error));
      g_assert_no_error (error);
    }
  assert_shows (fixture, "3 artists added", 1000);
  g_assert_cmpuint (count_rows (list), ==, 5);

  for (guint i = 0; i < 25; i++)
    publish_scan_completed (fixture, "cancelled", 0);
  assert_card (fixture, "Artists", "4", 1000);
  sw_test_gtk_iterate ();
  g_assert_cmpuint (count_rows (list), ==, 20);
  g_assert_null (sw_test_gtk_find_label (fixture->page, "Biography of Nova edited"));
}

static gboolean
scan_completed (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(SwJob) job = sw_job_queue_get_latest (fixture->gui.jobs, SW_SCAN_JOB_KIND);

  return job != NULL && sw_job_get_state (job) == SW_JOB_COMPLETED;
}

static void
test_scan_now (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *library_id = sw_test_gui_create_library (&fixture->gui);
  g_autofree char *album = g_build_filename (fixture->gui.music, "Aurora", "First Album", NULL);
  GtkWidget *button;
  GtkWidget *spinner;

  g_assert_cmpint (g_mkdir_with_parents (album, 0755), ==, 0);
  open_page (fixture);
  assert_shows (fixture, "Music", 1000);

  button = sw_test_gtk_find_button (fixture->page, "_Scan Now");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  spinner = sw_test_gtk_find_descendant (fixture->page, GTK_TYPE_SPINNER);
  g_assert_false (gtk_widget_get_visible (spinner));

  g_signal_emit_by_name (button, "clicked");
  g_assert_true (sw_test_gtk_wait_for (scan_completed, fixture, 10000));

  /* The page shows the result: the artist counted, the scan in the activity, the
   * button usable again, and when the scan was. */
  assert_shows (fixture, "Scan finished: 1 new artist", 2000);
  assert_card (fixture, "Artists", "1", 2000);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                      gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW))),
                    "Last scan Just now"));
}

/* A scan job that holds the queue until released. */
static gboolean
blocking_job (SwJob     *job,
              gpointer   user_data,
              GError   **error)
{
  gint *release = user_data;

  while (!g_atomic_int_get (release))
    g_usleep (1000);
  return TRUE;
}

static gboolean
job_ended (gpointer data)
{
  return sw_job_get_state (data) != SW_JOB_RUNNING;
}

static void
test_scan_busy (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *library_id = sw_test_gui_create_library (&fixture->gui);
  g_autoptr(GError) error = NULL;
  g_autoptr(SwJob) job = NULL;
  GtkWidget *button;
  GtkWidget *spinner;
  gint release = 0;

  open_page (fixture);
  assert_shows (fixture, "Music", 1000);
  button = sw_test_gtk_find_button (fixture->page, "_Scan Now");
  spinner = sw_test_gtk_find_descendant (fixture->page, GTK_TYPE_SPINNER);

  /* Another scan holds the queue: the click is refused with a toast, and the page
   * follows the running scan. */
  job = sw_job_queue_start (fixture->gui.jobs, SW_SCAN_JOB_KIND, blocking_job, &release, NULL,
                            &error);
  g_assert_no_error (error);
  g_signal_emit_by_name (button, "clicked");
  sw_test_gtk_iterate ();
  g_assert_nonnull (sw_test_gtk_find_label (GTK_WIDGET (fixture->window),
                                            "A scan is already running"));
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_visible (spinner));

  g_atomic_int_set (&release, 1);
  g_assert_true (sw_test_gtk_wait_for (job_ended, job, 5000));
  sw_test_gtk_iterate ();
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_false (gtk_widget_get_visible (spinner));
}

int
main (int   argc,
      char *argv[])
{
  int result;

  app = sw_test_gtk_init (&argc, &argv, "io.github.stillwater.Stillwater.DashboardTest");
  if (app == NULL)
    return 77;

  g_test_add ("/dashboard/empty", Fixture, NULL, fixture_setup, test_empty, fixture_teardown);
  g_test_add ("/dashboard/counts", Fixture, NULL, fixture_setup, test_counts,
              fixture_teardown);
  g_test_add ("/dashboard/live-update", Fixture, NULL, fixture_setup, test_live_update,
              fixture_teardown);
  g_test_add ("/dashboard/activity", Fixture, NULL, fixture_setup, test_activity,
              fixture_teardown);
  g_test_add ("/dashboard/scan-now", Fixture, NULL, fixture_setup, test_scan_now,
              fixture_teardown);
  g_test_add ("/dashboard/scan-busy", Fixture, NULL, fixture_setup, test_scan_busy,
              fixture_teardown);

  result = g_test_run ();
  g_clear_object (&app);
  return result;
}

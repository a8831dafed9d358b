/* test-jobs-button.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "sw-job-row.h"
#include "sw-jobs-button.h"
#include "sw-scan-job.h"
#include "sw-test-gtk.h"

/* The header bar's jobs indicator over a real SwJobQueue running real threads: hidden
 * before any job, a running job listed with its progress, Cancel, "job-finished" once
 * per job, and the queue's own signals arriving on the main thread whoever started
 * the job. */

static GtkApplication *app;

/* A job that reports 1 of 4, then waits until released or cancelled. */
typedef struct
{
  gint release;
} Gate;

static gboolean
gated_work (SwJob     *job,
            gpointer   user_data,
            GError   **error)
{
  Gate *gate = user_data;
  GCancellable *cancellable = sw_job_get_cancellable (job);

  sw_job_set_progress (job, 1, 4, "Artist One");
  while (!g_atomic_int_get (&gate->release) && !g_cancellable_is_cancelled (cancellable))
    g_usleep (2000);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  sw_job_set_progress (job, 4, 4, "Artist Four");
  return TRUE;
}

typedef struct
{
  GtkWidget *window;
  GtkWidget *button;
  SwJobQueue *queue;
  GPtrArray *finished;          /* SwJob, as "job-finished" gave them */
} Fixture;

static void
job_finished_cb (SwJobsButton *button,
                 SwJob        *job,
                 Fixture      *fixture)
{
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_ptr_array_add (fixture->finished, g_object_ref (job));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->queue = sw_job_queue_new ();
  fixture->finished = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->button = sw_jobs_button_new (fixture->queue);
  g_signal_connect (fixture->button, "job-finished", G_CALLBACK (job_finished_cb), fixture);

  fixture->window = gtk_application_window_new (app);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->button);
  gtk_window_present (GTK_WINDOW (fixture->window));
  sw_test_gtk_iterate ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sw_job_queue_cancel_all (fixture->queue);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  sw_test_gtk_iterate ();
  g_ptr_array_unref (fixture->finished);
  g_object_unref (fixture->queue);
}

static GtkWidget *
popover (Fixture *fixture)
{
  return sw_test_gtk_find_descendant (fixture->button, GTK_TYPE_POPOVER);
}

static guint
n_job_rows (Fixture *fixture)
{
  GtkWidget *list = sw_test_gtk_find_descendant (popover (fixture), GTK_TYPE_LIST_BOX);
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static gboolean
is_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static gboolean
shows_progress (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *bar = sw_test_gtk_find_descendant (popover (fixture), GTK_TYPE_PROGRESS_BAR);

  return bar != NULL && gtk_widget_get_visible (bar) &&
         G_APPROX_VALUE (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), 0.25, 1e-6);
}

static gboolean
is_cancelled (gpointer data)
{
  return g_cancellable_is_cancelled (sw_job_get_cancellable (data));
}

static gboolean
has_finished (gpointer data)
{
  Fixture *fixture = data;

  return fixture->finished->len > 0;
}

static void
test_hidden_before_any_job (Fixture       *fixture,
                            gconstpointer  data)
{
  g_assert_false (gtk_widget_get_visible (fixture->button));
  g_assert_cmpuint (n_job_rows (fixture), ==, 0);
}

static void
test_running_job_then_cancel (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(SwJob) job = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *menu_button = sw_test_gtk_find_descendant (fixture->button, GTK_TYPE_MENU_BUTTON);
  GtkWidget *row, *cancel;
  Gate gate = { 0 };

  job = sw_job_queue_start (fixture->queue, SW_SCAN_JOB_KIND, gated_work, &gate, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (sw_test_gtk_wait_for (is_visible, fixture->button, 5000));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (menu_button), !=, NULL);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  g_assert_true (sw_test_gtk_wait_for (shows_progress, fixture, 5000));

  g_assert_cmpuint (n_job_rows (fixture), ==, 1);
  row = sw_test_gtk_find_descendant (popover (fixture), SW_TYPE_JOB_ROW);
  g_assert_true (sw_job_row_get_job (SW_JOB_ROW (row)) == job);
  g_assert_nonnull (sw_test_gtk_find_label (row, "Library Scan"));
  g_assert_nonnull (sw_test_gtk_find_label (row, "1 of 4"));
  g_assert_nonnull (sw_test_gtk_find_label (row, "Artist One"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (menu_button), ==,
                   "Jobs Running: 25 %");

  /* The Cancel button: labelled for everyone, and it cancels. */
  cancel = sw_test_gtk_find_descendant (row, GTK_TYPE_BUTTON);
  g_assert_true (gtk_widget_get_visible (cancel));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (cancel), ==, "Cancel");
  /* As the keyboard does it (the button clicks after its activation animation). */
  g_assert_true (gtk_widget_activate (cancel));
  g_assert_true (sw_test_gtk_wait_for (is_cancelled, job, 5000));

  g_assert_true (sw_test_gtk_wait_for (has_finished, fixture, 5000));
  g_assert_cmpint (sw_job_get_state (job), ==, SW_JOB_CANCELLED);
  g_assert_true (fixture->finished->pdata[0] == job);

  /* Still listed, as a recent job, without Cancel or progress. */
  g_assert_cmpuint (n_job_rows (fixture), ==, 1);
  row = sw_test_gtk_find_descendant (popover (fixture), SW_TYPE_JOB_ROW);
  g_assert_nonnull (sw_test_gtk_find_label (row, "Cancelled"));
  g_assert_false (gtk_widget_get_visible (sw_test_gtk_find_descendant (row, GTK_TYPE_BUTTON)));
  g_assert_false (gtk_widget_get_visible (sw_test_gtk_find_descendant (row,
                                                                       GTK_TYPE_PROGRESS_BAR)));
  g_assert_true (gtk_widget_get_visible (fixture->button));

  /* Exactly once, however long the loop keeps running. */
  g_usleep (50 * 1000);
  sw_test_gtk_iterate ();
  g_assert_cmpuint (fixture->finished->len, ==, 1);
  gtk_popover_popdown (GTK_POPOVER (popover (fixture)));
}

/* A job started from another thread (as the API's server threads do) still reaches the
 * button, and "job-finished" comes once per job, on the main thread. */
static gpointer
start_from_thread (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  static Gate open_gate = { 1 };
  SwJob *job;

  g_main_context_push_thread_default (context);
  job = sw_job_queue_start (fixture->queue, "rules", gated_work, &open_gate, NULL, &error);
  g_assert_no_error (error);
  g_main_context_pop_thread_default (context);
  return job;
}

static gboolean
has_two_finished (gpointer data)
{
  Fixture *fixture = data;

  return fixture->finished->len >= 2;
}

static void
test_finished_once_each (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SwJob) scan = NULL;
  g_autoptr(SwJob) other = NULL;
  g_autoptr(GError) error = NULL;
  Gate gate = { 1 };

  scan = sw_job_queue_start (fixture->queue, SW_SCAN_JOB_KIND, gated_work, &gate, NULL, &error);
  g_assert_no_error (error);
  other = g_thread_join (g_thread_new ("starter", start_from_thread, fixture));
  g_assert_nonnull (other);

  g_assert_true (sw_test_gtk_wait_for (has_two_finished, fixture, 5000));
  g_usleep (50 * 1000);
  sw_test_gtk_iterate ();
  g_assert_cmpuint (fixture->finished->len, ==, 2);
  g_assert_true (g_ptr_array_find (fixture->finished, scan, NULL));
  g_assert_true (g_ptr_array_find (fixture->finished, other, NULL));
  g_assert_cmpint (sw_job_get_state (scan), ==, SW_JOB_COMPLETED);

  /* Both listed as finished; an unknown kind shows as it is. */
  g_assert_cmpuint (n_job_rows (fixture), ==, 2);
  g_assert_nonnull (sw_test_gtk_find_label (popover (fixture), "rules"));
  g_assert_nonnull (sw_test_gtk_find_label (popover (fixture), "Library Scan"));
  g_assert_cmpstr (sw_job_kind_label (SW_SCAN_JOB_KIND), ==, "Library Scan");
}

/* A button made after jobs ran shows them, and reports no old job as finished. */
static void
test_created_after_jobs (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SwJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) late_finished = g_ptr_array_new_with_free_func (g_object_unref);
  Fixture late = { .finished = late_finished };
  Gate gate = { 1 };

  job = sw_job_queue_start (fixture->queue, SW_SCAN_JOB_KIND, gated_work, &gate, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sw_test_gtk_wait_for (has_finished, fixture, 5000));

  late.button = g_object_ref_sink (sw_jobs_button_new (fixture->queue));
  g_signal_connect (late.button, "job-finished", G_CALLBACK (job_finished_cb), &late);
  g_assert_true (gtk_widget_get_visible (late.button));
  g_assert_cmpuint (n_job_rows (&late), ==, 1);
  sw_test_gtk_iterate ();
  g_assert_cmpuint (late_finished->len, ==, 0);
  g_assert_cmpuint (fixture->finished->len, ==, 1);
  g_object_unref (late.button);
}

int
main (int   argc,
      char *argv[])
{
  app = sw_test_gtk_init (&argc, &argv, "io.github.stillwater.Stillwater.TestJobsButton");
  if (app == NULL)
    return 77;

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/jobs-button/hidden-before-any-job", test_hidden_before_any_job);
  ADD ("/jobs-button/running-job-then-cancel", test_running_job_then_cancel);
  ADD ("/jobs-button/finished-once-each", test_finished_once_each);
  ADD ("/jobs-button/created-after-jobs", test_created_after_jobs);

#undef ADD

  return g_test_run ();
}

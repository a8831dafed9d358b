/* test-jobs.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-job-queue.h"

/* The job queue: one job per kind, progress, results, failure, cancellation, and
 * notifications on the context that started the job. */

typedef struct
{
  GMutex lock;
  GCond cond;
  gboolean release;
  gboolean fail;
} Gate;

static void
gate_open (Gate *gate)
{
  g_mutex_lock (&gate->lock);
  gate->release = TRUE;
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->lock);
}

/* Reports progress 1/3, waits for the gate (or cancellation), then 3/3 and a result. */
static gboolean
gated_work (SwJob     *job,
            gpointer   user_data,
            GError   **error)
{
  Gate *gate = user_data;
  GCancellable *cancellable = sw_job_get_cancellable (job);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) result = NULL;

  sw_job_set_progress (job, 1, 3, "first");
  g_mutex_lock (&gate->lock);
  while (!gate->release && !g_cancellable_is_cancelled (cancellable))
    {
      gint64 until = g_get_monotonic_time () + 10 * G_TIME_SPAN_MILLISECOND;

      g_cond_wait_until (&gate->cond, &gate->lock, until);
    }
  g_mutex_unlock (&gate->lock);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (gate->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "the folder is gone");
      return FALSE;
    }

  sw_job_set_progress (job, 3, 3, "last");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "new_artists");
  json_builder_add_int_value (builder, 7);
  json_builder_end_object (builder);
  result = json_builder_get_root (builder);
  sw_job_set_result (job, result);
  return TRUE;
}

static void
wait_until_ended (SwJob *job)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (sw_job_get_state (job) == SW_JOB_RUNNING && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_cmpint (sw_job_get_state (job), !=, SW_JOB_RUNNING);
}

static void
test_one_per_kind (void)
{
  g_autoptr(SwJobQueue) queue = sw_job_queue_new ();
  g_autoptr(SwJob) scan = NULL;
  g_autoptr(SwJob) second = NULL;
  g_autoptr(SwJob) other = NULL;
  g_autoptr(SwJob) latest = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  g_autofree char *finished_at = NULL;
  Gate gate = { 0 }, other_gate = { 0 };
  guint done = 0, total = 0;

  scan = sw_job_queue_start (queue, "scan", gated_work, &gate, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (scan);
  g_assert_cmpstr (sw_job_get_kind (scan), ==, "scan");
  g_assert_cmpint (sw_job_get_state (scan), ==, SW_JOB_RUNNING);

  second = sw_job_queue_start (queue, "scan", gated_work, &gate, NULL, &error);
  g_assert_error (error, SW_JOB_ERROR, SW_JOB_ERROR_BUSY);
  g_assert_null (second);
  g_clear_error (&error);

  /* Another kind runs alongside. */
  other_gate.release = TRUE;
  other = sw_job_queue_start (queue, "rules", gated_work, &other_gate, NULL, &error);
  g_assert_no_error (error);

  latest = sw_job_queue_get_latest (queue, "scan");
  g_assert_true (latest == scan);
  g_clear_object (&latest);

  gate_open (&gate);
  sw_job_queue_wait (queue);
  g_assert_cmpint (sw_job_get_state (scan), ==, SW_JOB_COMPLETED);
  sw_job_get_progress (scan, &done, &total);
  g_assert_cmpuint (done, ==, 3);
  g_assert_cmpuint (total, ==, 3);
  current = sw_job_dup_current (scan);
  g_assert_cmpstr (current, ==, "last");
  finished_at = sw_job_dup_finished_at (scan);
  g_assert_nonnull (finished_at);
  result = sw_job_dup_result (scan);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (result), "new_artists"),
                   ==, 7);

  /* Once it ended, the kind is free again, and the last one is still reported. */
  latest = sw_job_queue_get_latest (queue, "scan");
  g_assert_true (latest == scan);
  g_clear_object (&latest);
  gate.release = TRUE;
  second = sw_job_queue_start (queue, "scan", gated_work, &gate, NULL, &error);
  g_assert_no_error (error);
  sw_job_queue_wait (queue);
  latest = sw_job_queue_get_latest (queue, "scan");
  g_assert_true (latest == second);

  {
    g_autoptr(GPtrArray) jobs = sw_job_queue_list (queue);

    g_assert_cmpuint (jobs->len, ==, 3);
    g_assert_true (jobs->pdata[0] == second);
  }
}

static void
test_failure_and_cancel (void)
{
  g_autoptr(SwJobQueue) queue = sw_job_queue_new ();
  g_autoptr(SwJob) failing = NULL;
  g_autoptr(SwJob) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  Gate failing_gate = { .release = TRUE, .fail = TRUE }, gate = { 0 };

  failing = sw_job_queue_start (queue, "scan", gated_work, &failing_gate, NULL, &error);
  g_assert_no_error (error);
  wait_until_ended (failing);
  g_assert_cmpint (sw_job_get_state (failing), ==, SW_JOB_FAILED);
  message = sw_job_dup_error (failing);
  g_assert_cmpstr (message, ==, "the folder is gone");
  g_assert_null (sw_job_dup_result (failing));

  cancelled = sw_job_queue_start (queue, "scan", gated_work, &gate, NULL, &error);
  g_assert_no_error (error);
  sw_job_cancel (cancelled);
  wait_until_ended (cancelled);
  g_assert_cmpint (sw_job_get_state (cancelled), ==, SW_JOB_CANCELLED);
  g_assert_null (sw_job_dup_error (cancelled));
  g_assert_cmpstr (sw_job_state_to_string (sw_job_get_state (cancelled)), ==, "cancelled");
}

/* At shutdown: everything running is cancelled, and the call returns once it ended. */
static void
test_cancel_all (void)
{
  g_autoptr(SwJobQueue) queue = sw_job_queue_new ();
  g_autoptr(SwJob) job = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  Gate gate = { 0 };

  job = sw_job_queue_start (queue, "scan", gated_work, &gate, NULL, NULL);
  sw_job_queue_cancel_all (queue);
  g_assert_cmpint (sw_job_get_state (job), ==, SW_JOB_CANCELLED);
  jobs = sw_job_queue_list (queue);
  g_assert_cmpuint (jobs->len, ==, 1);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GPtrArray *seen = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_ptr_array_add (seen, (gpointer) g_param_spec_get_name (pspec));
}

static void
test_notifications_on_starting_context (void)
{
  g_autoptr(SwJobQueue) queue = sw_job_queue_new ();
  g_autoptr(SwJob) job = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  Gate gate = { .release = TRUE };
  gboolean saw_state = FALSE;

  job = sw_job_queue_start (queue, "scan", gated_work, &gate, NULL, NULL);
  g_signal_connect (job, "notify", G_CALLBACK (count_notify), seen);

  while (!saw_state && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      for (guint i = 0; i < seen->len; i++)
        saw_state |= g_str_equal (seen->pdata[i], "state");
      g_usleep (1000);
    }
  g_assert_true (saw_state);
  g_assert_cmpint (sw_job_get_state (job), ==, SW_JOB_COMPLETED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jobs/one-per-kind", test_one_per_kind);
  g_test_add_func ("/jobs/failure-and-cancel", test_failure_and_cancel);
  g_test_add_func ("/jobs/cancel-all", test_cancel_all);
  g_test_add_func ("/jobs/notifications", test_notifications_on_starting_context);

  return g_test_run ();
}

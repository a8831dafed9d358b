/* sw-job-queue.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-job.h"

G_BEGIN_DECLS

#define SW_JOB_ERROR (sw_job_error_quark ())

typedef enum
{
  SW_JOB_ERROR_BUSY,            /* a job of that kind is running */
  SW_JOB_ERROR_FAILED,          /* the work failed without saying why */
} SwJobError;

#define SW_TYPE_JOB_QUEUE (sw_job_queue_get_type ())

G_DECLARE_FINAL_TYPE (SwJobQueue, sw_job_queue, SW, JOB_QUEUE, GObject)

/* Runs on the job's own thread; FALSE with @error on failure (G_IO_ERROR_CANCELLED
 * when it stopped because the job was cancelled). */
typedef gboolean (*SwJobFunc) (SwJob     *job,
                               gpointer   user_data,
                               GError   **error);

/* Signals, emitted on the GMainContext that was the thread default when the queue
 * was created (whatever thread started or ran the job), each once per job:
 *   "job-started" (SwJob *job)  after sw_job_queue_start() accepted it;
 *   "job-ended"   (SwJob *job)  after it left the running list, its state final. */

GQuark      sw_job_error_quark        (void);
SwJobQueue *sw_job_queue_new          (void);
/* Starts @func on a thread of its own. One job of a kind at a time: BUSY otherwise,
 * and @destroy is called on @user_data at once. */
SwJob      *sw_job_queue_start        (SwJobQueue     *self,
                                       const char     *kind,
                                       SwJobFunc       func,
                                       gpointer        user_data,
                                       GDestroyNotify  destroy,
                                       GError        **error);
/* The running job of @kind, else the last one that finished, else NULL (new ref). */
SwJob      *sw_job_queue_get_latest   (SwJobQueue     *self,
                                       const char     *kind);
/* Running jobs and the most recent finished ones, newest first (new refs). */
GPtrArray  *sw_job_queue_list         (SwJobQueue     *self);
/* Cancels every running job and waits for them to end. Call before dropping the
 * queue at shutdown: a running job holds a reference to its queue. */
void        sw_job_queue_cancel_all   (SwJobQueue     *self);
/* Waits for every running job to end. */
void        sw_job_queue_wait         (SwJobQueue     *self);

G_END_DECLS

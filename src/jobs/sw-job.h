/* sw-job.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  SW_JOB_RUNNING,
  SW_JOB_COMPLETED,
  SW_JOB_FAILED,
  SW_JOB_CANCELLED,
} SwJobState;

#define SW_TYPE_JOB (sw_job_get_type ())

G_DECLARE_FINAL_TYPE (SwJob, sw_job, SW, JOB, GObject)

/* One piece of long work (a scan …) with progress, cancellation and a result. The
 * work runs on a thread of its own and reports progress from there; every getter is
 * safe from any thread. "notify::progress" and "notify::state" are emitted on the
 * GMainContext that started the job, so a GUI can bind to them. */

const char   *sw_job_get_id          (SwJob       *self);
const char   *sw_job_get_kind        (SwJob       *self);
SwJobState    sw_job_get_state       (SwJob       *self);
const char   *sw_job_state_to_string (SwJobState   state);
void          sw_job_get_progress    (SwJob       *self,
                                      guint       *done,
                                      guint       *total);
/* What the job is working on now (e.g. a folder name); a new string. */
char         *sw_job_dup_current     (SwJob       *self);
GCancellable *sw_job_get_cancellable (SwJob       *self);
void          sw_job_cancel          (SwJob       *self);
/* RFC 3339; the finish time is NULL while running. New strings. */
char         *sw_job_dup_started_at  (SwJob       *self);
char         *sw_job_dup_finished_at (SwJob       *self);
/* The failure's message, NULL unless failed. A new string. */
char         *sw_job_dup_error       (SwJob       *self);
/* The work's result object (counts …), NULL before the end. A new reference. */
JsonNode     *sw_job_dup_result      (SwJob       *self);

/* For the work itself, from its thread. */
void          sw_job_set_progress    (SwJob       *self,
                                      guint        done,
                                      guint        total,
                                      const char  *current);
void          sw_job_set_result      (SwJob       *self,
                                      JsonNode    *result);

G_END_DECLS

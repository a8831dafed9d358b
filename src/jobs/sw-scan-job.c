/* sw-scan-job.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-scan-job.h"
#include "sw-scanner.h"

#define LIBRARY_KEY "sw-scan-library-id"

typedef struct
{
  SwArtistService *service;
  SwEvents *events;
  SwSettings *settings;
  char *library_id;
} ScanRequest;

static void
scan_request_free (ScanRequest *request)
{
  g_clear_object (&request->service);
  g_clear_object (&request->events);
  g_clear_object (&request->settings);
  g_free (request->library_id);
  g_free (request);
}

static void
report_progress (guint       done,
                 guint       total,
                 const char *current,
                 gpointer    user_data)
{
  sw_job_set_progress (user_data, done, total, current);
}

static JsonNode *
counts_to_json (const SwScanCounts *counts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
#define COUNT(name) \
  json_builder_set_member_name (builder, #name); \
  json_builder_add_int_value (builder, counts->name);
  COUNT (new_artists)
  COUNT (updated_artists)
  COUNT (removed_artists)
  COUNT (unchanged_artists)
  COUNT (total_directories)
  COUNT (suspected_duplicates)
#undef COUNT
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
publish_completed (ScanRequest        *request,
                   SwJob              *job,
                   const char         *status,
                   const SwScanCounts *counts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (request->events == NULL)
    return;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "scan_id");
  json_builder_add_string_value (builder, sw_job_get_id (job));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status);
  json_builder_set_member_name (builder, "total_directories");
  json_builder_add_int_value (builder, counts->total_directories);
  json_builder_set_member_name (builder, "new_artists");
  json_builder_add_int_value (builder, counts->new_artists);
  json_builder_end_object (builder);
  sw_events_publish_take (request->events, SW_EVENT_SCAN_COMPLETED,
                          json_builder_get_root (builder));
}

static gboolean
run_scan (SwJob     *job,
          gpointer   user_data,
          GError   **error)
{
  ScanRequest *request = user_data;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) local_error = NULL;
  SwScanCounts counts = { 0 };
  gboolean ok;

  ok = sw_scanner_run (request->service, request->events, request->settings,
                       request->library_id, report_progress, job,
                       sw_job_get_cancellable (job), &counts, &local_error);

  /* Partial counts are kept too: what a cancelled scan finished is in the database. */
  result = counts_to_json (&counts);
  sw_job_set_result (job, result);
  publish_completed (request, job,
                     ok ? "completed"
                        : g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                          ? "cancelled" : "failed",
                     &counts);

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

SwJob *
sw_scan_job_start (SwJobQueue       *queue,
                   SwArtistService  *service,
                   SwEvents         *events,
                   SwSettings       *settings,
                   const char       *library_id,
                   GError          **error)
{
  ScanRequest *request = g_new0 (ScanRequest, 1);
  SwJob *job;

  g_return_val_if_fail (SW_IS_JOB_QUEUE (queue), NULL);
  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (service), NULL);
  g_return_val_if_fail (SW_IS_SETTINGS (settings), NULL);

  request->service = g_object_ref (service);
  request->events = events != NULL ? g_object_ref (events) : NULL;
  request->settings = g_object_ref (settings);
  request->library_id = g_strdup (library_id);

  job = sw_job_queue_start (queue, SW_SCAN_JOB_KIND, run_scan, request,
                            (GDestroyNotify) scan_request_free, error);
  if (job != NULL)
    g_object_set_data_full (G_OBJECT (job), LIBRARY_KEY, g_strdup (library_id), g_free);
  return job;
}

const char *
sw_scan_job_get_library_id (SwJob *job)
{
  g_return_val_if_fail (SW_IS_JOB (job), NULL);

  return g_object_get_data (G_OBJECT (job), LIBRARY_KEY);
}

static void
add_text (JsonBuilder *builder,
          const char  *name,
          const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
sw_scan_job_to_json (SwJob *job)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) result = sw_job_dup_result (job);
  g_autofree char *started_at = sw_job_dup_started_at (job);
  g_autofree char *finished_at = sw_job_dup_finished_at (job);
  g_autofree char *error = sw_job_dup_error (job);
  g_autofree char *current = sw_job_dup_current (job);
  guint done = 0, total = 0;

  sw_job_get_progress (job, &done, &total);

  json_builder_begin_object (builder);
  add_text (builder, "id", sw_job_get_id (job));
  add_text (builder, "status", sw_job_state_to_string (sw_job_get_state (job)));
  add_text (builder, "library_id", sw_scan_job_get_library_id (job));
  add_text (builder, "started_at", started_at);
  add_text (builder, "completed_at", finished_at);
  if (result != NULL)
    {
      JsonObject *counts = json_node_get_object (result);
      g_autoptr(GList) members = json_object_get_members (counts);

      for (GList *l = members; l != NULL; l = l->next)
        {
          json_builder_set_member_name (builder, l->data);
          json_builder_add_int_value (builder, json_object_get_int_member (counts, l->data));
        }
    }
  if (error != NULL)
    add_text (builder, "error", error);
  json_builder_set_member_name (builder, "progress");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "done");
  json_builder_add_int_value (builder, done);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
  add_text (builder, "current", current);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* sw-routes-scanner.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-http.h"
#include "sw-library-private.h"
#include "sw-library-service.h"
#include "sw-routes-scanner.h"
#include "sw-scan-job.h"

/* Scans run as jobs (src/jobs); these routes start one and report on the latest. */

#define ROUTES_KEY "sw-routes-scanner"

typedef struct
{
  SwStore *store;
  SwSettings *settings;
  SwEvents *events;
  SwJobQueue *jobs;
  SwArtistService *service;
} ScannerRoutes;

static void
scanner_routes_free (ScannerRoutes *routes)
{
  g_clear_object (&routes->store);
  g_clear_object (&routes->settings);
  g_clear_object (&routes->events);
  g_clear_object (&routes->jobs);
  g_clear_object (&routes->service);
  g_free (routes);
}

static JsonNode *
idle_body (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "idle");
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* An optional {"library_id": "…"} scans one library; no body scans them all. */
static gboolean
read_library_id (SwHttpMessage  *msg,
                 char          **library_id,
                 GError        **error)
{
  SoupMessageBody *request = sw_http_message_get_request_body (msg);
  g_autoptr(JsonNode) body = NULL;
  JsonObject *object;

  *library_id = NULL;
  if (request->length == 0)
    return TRUE;

  body = sw_http_read_json_body (msg, error);
  if (body == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (body))
    {
      g_set_error_literal (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                           _("The body must be a JSON object"));
      return FALSE;
    }
  object = json_node_get_object (body);
  if (!json_object_has_member (object, "library_id"))
    return TRUE;
  if (json_node_get_value_type (json_object_get_member (object, "library_id")) != G_TYPE_STRING)
    {
      g_set_error_literal (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                           _("library_id must be a string"));
      return FALSE;
    }
  *library_id = g_strdup (json_object_get_string_member (object, "library_id"));
  return TRUE;
}

static void
post_run (SwHttpMessage *msg,
          GHashTable    *params,
          gpointer       user_data)
{
  ScannerRoutes *routes = user_data;
  g_autofree char *library_id = NULL;
  g_autoptr(SwLibrary) library = NULL;
  g_autoptr(SwJob) job = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;

  if (!read_library_id (msg, &library_id, &error) ||
      (library_id != NULL &&
       (library = sw_library_service_get (routes->store, library_id, NULL, &error)) == NULL))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  job = sw_scan_job_start (routes->jobs, routes->service, routes->events, routes->settings,
                           library_id, &error);
  if (job == NULL)
    {
      sw_http_respond_error (msg, SOUP_STATUS_CONFLICT, error->message);
      return;
    }
  body = sw_scan_job_to_json (job);
  sw_http_respond_json (msg, SOUP_STATUS_ACCEPTED, body);
}

static void
get_status (SwHttpMessage *msg,
            GHashTable    *params,
            gpointer       user_data)
{
  ScannerRoutes *routes = user_data;
  g_autoptr(SwJob) job = sw_job_queue_get_latest (routes->jobs, SW_SCAN_JOB_KIND);
  g_autoptr(JsonNode) body = job != NULL ? sw_scan_job_to_json (job) : idle_body ();

  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

/* LibraryOpResult for the latest scan that covered this library. */
static void
get_library_status (SwHttpMessage *msg,
                    GHashTable    *params,
                    gpointer       user_data)
{
  ScannerRoutes *routes = user_data;
  const char *library_id = g_hash_table_lookup (params, "libId");
  g_autoptr(SwLibrary) library = NULL;
  g_autoptr(SwJob) job = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *started_at = NULL;
  g_autofree char *finished_at = NULL;
  g_autofree char *message = NULL;
  const char *covered;

  library = sw_library_service_get (routes->store, library_id, NULL, &error);
  if (library == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  job = sw_job_queue_get_latest (routes->jobs, SW_SCAN_JOB_KIND);
  covered = job != NULL ? sw_scan_job_get_library_id (job) : NULL;
  if (job == NULL || (covered != NULL && g_strcmp0 (covered, library_id) != 0))
    {
      body = idle_body ();
      sw_http_respond_json (msg, SOUP_STATUS_OK, body);
      return;
    }

  started_at = sw_job_dup_started_at (job);
  finished_at = sw_job_dup_finished_at (job);
  message = sw_job_dup_error (job);
  if (message == NULL)
    message = sw_job_dup_current (job);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "library_id");
  json_builder_add_string_value (builder, library->id);
  json_builder_set_member_name (builder, "library_name");
  json_builder_add_string_value (builder, library->name);
  json_builder_set_member_name (builder, "operation");
  json_builder_add_string_value (builder, "scan");
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, sw_job_state_to_string (sw_job_get_state (job)));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message != NULL ? message : "");
  json_builder_set_member_name (builder, "started_at");
  json_builder_add_string_value (builder, started_at);
  json_builder_set_member_name (builder, "completed_at");
  json_builder_add_string_value (builder, finished_at != NULL ? finished_at : "");
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

void
sw_routes_scanner_register (SwRouter   *router,
                            SwStore    *store,
                            SwSettings *settings,
                            SwEvents   *events,
                            SwJobQueue *jobs)
{
  ScannerRoutes *routes;

  g_return_if_fail (SW_IS_ROUTER (router));
  g_return_if_fail (SW_IS_STORE (store));
  g_return_if_fail (SW_IS_EVENTS (events));
  g_return_if_fail (SW_IS_JOB_QUEUE (jobs));

  routes = g_new0 (ScannerRoutes, 1);
  routes->store = g_object_ref (store);
  routes->settings = g_object_ref (settings);
  routes->events = g_object_ref (events);
  routes->jobs = g_object_ref (jobs);
  routes->service = sw_artist_service_new (store, events);
  g_object_set_data_full (G_OBJECT (router), ROUTES_KEY, routes,
                          (GDestroyNotify) scanner_routes_free);

  sw_router_add (router, SOUP_METHOD_POST, "/scanner/run", NULL, NULL, post_run, routes);
  sw_router_add (router, SOUP_METHOD_GET, "/scanner/status", NULL, NULL, get_status, routes);
  sw_router_add (router, SOUP_METHOD_GET, "/libraries/{libId}/operation/status", NULL, NULL,
                 get_library_status, routes);
}

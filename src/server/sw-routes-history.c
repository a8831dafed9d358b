/* sw-routes-history.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-query.h"
#include "sw-history-query.h"
#include "sw-http.h"
#include "sw-metadata-change-private.h"
#include "sw-routes-artist-request.h"
#include "sw-routes-history.h"

/* The field-level history: one artist's, everybody's with filters, and reverting one
 * change (which the service records as a new "revert" change). */

typedef struct
{
  SwArtistService *service;
  SwPreferences *preferences;
} HistoryRoutes;

static void
history_routes_free (HistoryRoutes *routes)
{
  g_clear_object (&routes->service);
  g_clear_object (&routes->preferences);
  g_free (routes);
}

static SwStore *
store_of (HistoryRoutes *routes)
{
  return sw_artist_service_get_store (routes->service);
}

/* Fills @query from the query string, taking only the names in @allowed (all when
 * NULL); the caller's page_size preference is the default limit. FALSE when it has
 * answered. */
static gboolean
read_query (SwHttpMessage      *msg,
            HistoryRoutes      *routes,
            const char * const *allowed,
            SwHistoryQuery     *query)
{
  g_autoptr(GPtrArray) pairs = sw_artist_request_query (msg);
  g_autofree char *limit = NULL;
  g_autoptr(GError) error = NULL;

  if (pairs == NULL)
    return FALSE;

  limit = sw_artist_request_page_size (msg, routes->preferences);
  sw_history_query_set_param (query, "limit", limit, NULL);

  for (guint i = 0; i + 1 < pairs->len; i += 2)
    {
      const char *name = g_ptr_array_index (pairs, i);

      if (allowed != NULL && !g_strv_contains (allowed, name))
        continue;
      if (!sw_history_query_set_param (query, name, g_ptr_array_index (pairs, i + 1), &error))
        break;
    }

  if (error == NULL)
    sw_history_query_check (query, &error);
  if (error != NULL)
    {
      sw_http_respond_gerror (msg, error);
      return FALSE;
    }
  return TRUE;
}

static void
respond_changes (SwHttpMessage        *msg,
                 SwStore              *store,
                 const SwHistoryQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) body = NULL;
  JsonArray *array;
  guint total = 0;

  changes = sw_history_store_list (store, query, &total, &error);
  if (changes == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  array = json_array_sized_new (changes->len);
  for (guint i = 0; i < changes->len; i++)
    json_array_add_element (array, sw_metadata_change_to_json (g_ptr_array_index (changes, i)));

  object = json_object_new ();
  json_object_set_array_member (object, "changes", array);
  json_object_set_int_member (object, "total", total);
  json_object_set_int_member (object, "limit", query->limit);
  json_object_set_int_member (object, "offset", query->offset);
  body = json_node_init_object (json_node_alloc (), object);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

static void
get_artist_history (SwHttpMessage *msg,
                    GHashTable    *params,
                    gpointer       user_data)
{
  const char * const allowed[] = { "limit", "offset", NULL };
  HistoryRoutes *routes = user_data;
  const char *id = sw_artist_request_param (msg, params, "id");
  g_autoptr(SwHistoryQuery) query = sw_history_query_new ();
  g_autoptr(GError) error = NULL;

  if (id == NULL)
    return;

  if (!sw_artist_store_exists (store_of (routes), id, &error))
    {
      if (error != NULL)
        sw_http_respond_gerror (msg, error);
      else
        {
          g_autofree char *message = g_strdup_printf (_("There is no artist with id “%s”"), id);

          sw_http_respond_error (msg, SOUP_STATUS_NOT_FOUND, message);
        }
      return;
    }

  if (!read_query (msg, routes, allowed, query))
    return;
  query->artist_id = g_strdup (id);
  respond_changes (msg, store_of (routes), query);
}

static void
get_history (SwHttpMessage *msg,
             GHashTable    *params,
             gpointer       user_data)
{
  HistoryRoutes *routes = user_data;
  g_autoptr(SwHistoryQuery) query = sw_history_query_new ();

  if (read_query (msg, routes, NULL, query))
    respond_changes (msg, store_of (routes), query);
}

/* The web UI's confirmation, in place of the history row's revert button. */
static char *
render_reverted (SwMetadataChange *change,
                 gboolean          noop)
{
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;

  if (noop)
    text = g_strdup_printf (_("“%s” of %s already had that value"), change->field,
                            change->artist_name);
  else
    text = g_strdup_printf (_("Reverted “%s” of %s"), change->field, change->artist_name);
  escaped = g_markup_escape_text (text, -1);

  return g_strdup_printf ("<div class=\"history-reverted\" role=\"status\">%s</div>", escaped);
}

static void
post_revert (SwHttpMessage *msg,
             GHashTable    *params,
             gpointer       user_data)
{
  HistoryRoutes *routes = user_data;
  const char *id = sw_artist_request_param (msg, params, "id");
  g_autoptr(SwMetadataChange) change = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) body = NULL;
  gboolean noop = FALSE;

  if (id == NULL)
    return;

  /* A revert of a revert or of a field that cannot be reverted is a 400; a name that
   * another artist took since is a 409. */
  change = sw_history_store_get (store_of (routes), id, &error);
  if (change == NULL || !sw_artist_service_revert (routes->service, id, &noop, &error))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  if (sw_artist_request_is_htmx (msg))
    {
      sw_artist_request_respond_html (msg, SOUP_STATUS_OK, render_reverted (change, noop));
      return;
    }

  object = json_object_new ();
  json_object_set_boolean_member (object, "reverted", !noop);
  json_object_set_boolean_member (object, "noop", noop);
  json_object_set_string_member (object, "change_id", id);
  body = json_node_init_object (json_node_alloc (), object);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

void
sw_routes_history_register (SwRouter        *router,
                            SwArtistService *service,
                            SwPreferences   *preferences)
{
  HistoryRoutes *routes;

  g_return_if_fail (SW_IS_ROUTER (router));
  g_return_if_fail (SW_IS_ARTIST_SERVICE (service));
  g_return_if_fail (SW_IS_PREFERENCES (preferences));

  routes = g_new0 (HistoryRoutes, 1);
  routes->service = g_object_ref (service);
  routes->preferences = g_object_ref (preferences);
  g_object_set_data_full (G_OBJECT (router), "sw-history-routes", routes,
                          (GDestroyNotify) history_routes_free);

  sw_router_add (router, SOUP_METHOD_GET, "/artists/{id}/history", NULL, NULL,
                 get_artist_history, routes);
  sw_router_add (router, SOUP_METHOD_GET, "/history", NULL, NULL, get_history, routes);
  sw_router_add (router, SOUP_METHOD_POST, "/history/{id}/revert", NULL, NULL, post_revert,
                 routes);
}

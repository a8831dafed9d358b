/* sw-routes-artists.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-duplicates.h"
#include "sw-artist-query.h"
#include "sw-http.h"
#include "sw-library-service.h"
#include "sw-routes-artist-locks.h"
#include "sw-routes-artist-members.h"
#include "sw-routes-artist-rename.h"
#include "sw-routes-artist-request.h"
#include "sw-routes-artists.h"

/* Reading artists: the list with its filters, the sidebar badge, locked artists,
 * duplicate candidates and one artist with its band members. */

typedef struct
{
  SwArtistService *service;
  SwPreferences *preferences;
} ArtistRoutes;

static void
artist_routes_free (ArtistRoutes *routes)
{
  g_clear_object (&routes->service);
  g_clear_object (&routes->preferences);
  g_free (routes);
}

static SwStore *
store_of (ArtistRoutes *routes)
{
  return sw_artist_service_get_store (routes->service);
}

static JsonNode *
page_to_json (SwArtistPage *page)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonArray *artists = json_array_sized_new (page->artists->len);

  for (guint i = 0; i < page->artists->len; i++)
    json_array_add_element (artists, sw_artist_to_json (g_ptr_array_index (page->artists, i)));

  json_object_set_array_member (object, "artists", artists);
  json_object_set_int_member (object, "total", page->total);
  json_object_set_int_member (object, "page", page->page);
  json_object_set_int_member (object, "page_size", page->page_size);
  return json_node_init_object (json_node_alloc (), object);
}

static void
respond_page (SwHttpMessage       *msg,
              SwStore             *store,
              const SwArtistQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwArtistPage) page = sw_artist_store_list (store, query, &error);
  g_autoptr(JsonNode) body = NULL;

  if (page == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }
  body = page_to_json (page);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

/* library_id and filter_library_{id} must name a library that exists: a filter on a
 * library that is gone is a mistake to report, not an empty page. FALSE when it has
 * answered. */
static gboolean
check_library (SwHttpMessage *msg,
               SwStore       *store,
               const char    *name,
               const char    *value)
{
  const char *library_id;
  g_autoptr(GError) error = NULL;
  g_autoptr(SwLibrary) library = NULL;

  if (g_str_equal (name, "library_id"))
    library_id = value;
  else if (g_str_has_prefix (name, "filter_library_"))
    library_id = name + strlen ("filter_library_");
  else
    return TRUE;

  if (value[0] == '\0')
    return TRUE;

  if (!sw_artist_id_is_valid (library_id))
    {
      g_autofree char *message = g_strdup_printf (_("%s does not name a library"), name);

      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST, message);
      return FALSE;
    }

  library = sw_library_service_get (store, library_id, NULL, &error);
  if (library == NULL)
    {
      if (g_error_matches (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND))
        {
          g_autofree char *message = g_strdup_printf (_("There is no library with id “%s”"),
                                                      library_id);

          sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST, message);
        }
      else
        sw_http_respond_gerror (msg, error);
      return FALSE;
    }
  return TRUE;
}

/* Reads the query string into @query, taking only the parameters in @allowed (or all
 * when NULL). The caller's page_size preference applies unless page_size is given.
 * FALSE when it has answered. */
static gboolean
read_list_query (SwHttpMessage       *msg,
                 ArtistRoutes        *routes,
                 const char * const  *allowed,
                 SwArtistQuery       *query)
{
  g_autoptr(GPtrArray) pairs = sw_artist_request_query (msg);
  g_autofree char *page_size = NULL;

  if (pairs == NULL)
    return FALSE;

  page_size = sw_artist_request_page_size (msg, routes->preferences);
  sw_artist_query_set_param (query, "page_size", page_size, NULL);

  for (guint i = 0; i + 1 < pairs->len; i += 2)
    {
      const char *name = g_ptr_array_index (pairs, i);
      const char *value = g_ptr_array_index (pairs, i + 1);
      g_autoptr(GError) error = NULL;

      /* An empty value is the same as leaving the parameter out. */
      if ((allowed != NULL && !g_strv_contains (allowed, name)) || value[0] == '\0')
        continue;
      if (!check_library (msg, store_of (routes), name, value))
        return FALSE;
      if (!sw_artist_query_set_param (query, name, value, &error))
        {
          sw_http_respond_gerror (msg, error);
          return FALSE;
        }
    }
  return TRUE;
}

static void
get_artists (SwHttpMessage *msg,
             GHashTable    *params,
             gpointer       user_data)
{
  ArtistRoutes *routes = user_data;
  g_autoptr(SwArtistQuery) query = sw_artist_query_new ();

  if (read_list_query (msg, routes, NULL, query))
    respond_page (msg, store_of (routes), query);
}

static void
get_locked_artists (SwHttpMessage *msg,
                    GHashTable    *params,
                    gpointer       user_data)
{
  const char * const allowed[] = { "page", "page_size", "sort", "order", NULL };
  ArtistRoutes *routes = user_data;
  g_autoptr(SwArtistQuery) query = sw_artist_query_new ();

  if (!read_list_query (msg, routes, allowed, query))
    return;
  query->filters[SW_ARTIST_FILTER_LOCKED] = SW_TRISTATE_INCLUDE;
  respond_page (msg, store_of (routes), query);
}

/* The sidebar's count pill. An empty body means "show nothing" (no artists), never 0. */
static void
get_badge (SwHttpMessage *msg,
           GHashTable    *params,
           gpointer       user_data)
{
  ArtistRoutes *routes = user_data;
  g_autoptr(SwArtistQuery) query = sw_artist_query_new ();
  g_autoptr(SwArtistPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *escaped = NULL;

  sw_artist_query_set_page (query, 1, SW_ARTIST_QUERY_MIN_PAGE_SIZE);
  page = sw_artist_store_list (store_of (routes), query, &error);
  if (page == NULL)
    {
      g_warning ("Cannot count artists for the badge: %s", error->message);
      sw_artist_request_respond_html (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                                      g_strdup ("<!-- artist count unavailable -->"));
      return;
    }

  if (page->total == 0)
    {
      sw_artist_request_respond_html (msg, SOUP_STATUS_OK, g_strdup (""));
      return;
    }

  label = g_strdup_printf (ngettext ("%u artist", "%u artists", page->total), page->total);
  escaped = g_markup_escape_text (label, -1);
  sw_artist_request_respond_html (msg, SOUP_STATUS_OK,
                                  g_strdup_printf ("<span class=\"badge\" title=\"%s\">%u</span>",
                                                   escaped, page->total));
}

static void
get_artist (SwHttpMessage *msg,
            GHashTable    *params,
            gpointer       user_data)
{
  ArtistRoutes *routes = user_data;
  const char *id = sw_artist_request_param (msg, params, "id");
  g_autoptr(GError) error = NULL;
  g_autoptr(SwArtist) artist = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) body = NULL;
  JsonArray *array;

  if (id == NULL)
    return;

  artist = sw_artist_store_get (store_of (routes), id, &error);
  if (artist != NULL)
    members = sw_artist_service_list_members (routes->service, id, &error);
  if (members == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  array = json_array_sized_new (members->len);
  for (guint i = 0; i < members->len; i++)
    json_array_add_element (array, sw_member_to_json (g_ptr_array_index (members, i)));

  object = json_object_new ();
  json_object_set_member (object, "artist", sw_artist_to_json (artist));
  json_object_set_array_member (object, "members", array);
  body = json_node_init_object (json_node_alloc (), object);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

/* The contract's reason is for people: what the artists share. */
static char *
duplicate_reason (SwDuplicateGroup *group)
{
  if (g_strcmp0 (group->reason, "mbid") == 0)
    return g_strdup_printf (_("shared MusicBrainz ID: %s"), group->key);
  return g_strdup_printf (_("same name: %s"), (const char *) g_ptr_array_index (group->names, 0));
}

static JsonNode *
duplicate_to_json (SwStore           *store,
                   SwDuplicateGroup  *group,
                   GError           **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonArray) artists = json_array_sized_new (group->ids->len);
  g_autofree char *reason = duplicate_reason (group);

  for (guint i = 0; i < group->ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(SwArtist) artist = sw_artist_store_get (store, g_ptr_array_index (group->ids, i),
                                                        &local_error);

      /* Removed since the groups were read: the rest of the group still stands. */
      if (artist == NULL && g_error_matches (local_error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND))
        continue;
      if (artist == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      json_array_add_element (artists, sw_artist_to_json (artist));
    }

  json_object_set_array_member (object, "artists", g_steal_pointer (&artists));
  json_object_set_string_member (object, "reason", reason);
  return json_node_init_object (json_node_alloc (), object);
}

static void
get_duplicates (SwHttpMessage *msg,
                GHashTable    *params,
                gpointer       user_data)
{
  ArtistRoutes *routes = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = sw_artist_store_find_duplicates (store_of (routes), &error);
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(JsonNode) body = NULL;

  if (groups == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  array = json_array_sized_new (groups->len);
  for (guint i = 0; i < groups->len; i++)
    {
      JsonNode *group = duplicate_to_json (store_of (routes), g_ptr_array_index (groups, i),
                                           &error);

      if (group == NULL)
        {
          sw_http_respond_gerror (msg, error);
          return;
        }
      json_array_add_element (array, group);
    }

  body = json_node_init_array (json_node_alloc (), array);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

void
sw_routes_artists_register (SwRouter        *router,
                            SwArtistService *service,
                            SwPreferences   *preferences)
{
  ArtistRoutes *routes;

  g_return_if_fail (SW_IS_ROUTER (router));
  g_return_if_fail (SW_IS_ARTIST_SERVICE (service));
  g_return_if_fail (SW_IS_PREFERENCES (preferences));

  routes = g_new0 (ArtistRoutes, 1);
  routes->service = g_object_ref (service);
  routes->preferences = g_object_ref (preferences);
  g_object_set_data_full (G_OBJECT (router), "sw-artist-routes", routes,
                          (GDestroyNotify) artist_routes_free);

  sw_router_add (router, SOUP_METHOD_GET, "/artists", NULL, NULL, get_artists, routes);
  sw_router_add (router, SOUP_METHOD_GET, "/artists/badge", NULL, NULL, get_badge, routes);
  sw_router_add (router, SOUP_METHOD_GET, "/artists/locked", NULL, NULL, get_locked_artists,
                 routes);
  sw_router_add (router, SOUP_METHOD_GET, "/artists/duplicates", NULL, NULL, get_duplicates,
                 routes);
  sw_router_add (router, SOUP_METHOD_GET, "/artists/{id}", NULL, NULL, get_artist, routes);

  sw_routes_artist_locks_register (router, service);
  sw_routes_artist_members_register (router, service);
  sw_routes_artist_rename_register (router, service);
}

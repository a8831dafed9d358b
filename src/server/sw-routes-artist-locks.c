/* sw-routes-artist-locks.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-artist-image-query.h"
#include "sw-http.h"
#include "sw-routes-artist-locks.h"
#include "sw-routes-artist-request.h"

/* Locks keep automation (scans, providers, rules) away from an artist, one of its
 * fields or one image slot; the operator's own edits are never blocked by them. */

static void
set_artist_lock (SwHttpMessage   *msg,
                 GHashTable      *params,
                 SwArtistService *service,
                 gboolean         locked)
{
  const char *id = sw_artist_request_param (msg, params, "id");
  g_autoptr(GError) error = NULL;

  if (id == NULL)
    return;

  /* Locking a locked artist (or unlocking an unlocked one) is the contract's 409. */
  if (!sw_artist_service_set_locked (service, id, locked, "user", &error))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }
  sw_artist_request_respond_artist (msg, sw_artist_service_get_store (service), id);
}

static void
post_lock (SwHttpMessage *msg,
           GHashTable    *params,
           gpointer       user_data)
{
  set_artist_lock (msg, params, user_data, TRUE);
}

static void
delete_lock (SwHttpMessage *msg,
             GHashTable    *params,
             gpointer       user_data)
{
  set_artist_lock (msg, params, user_data, FALSE);
}

static void
set_field_lock (SwHttpMessage   *msg,
                GHashTable      *params,
                SwArtistService *service,
                gboolean         locked)
{
  const char *id = sw_artist_request_param (msg, params, "id");
  const char *field = id != NULL ? sw_artist_request_param (msg, params, "field") : NULL;
  g_autoptr(GError) error = NULL;

  if (field == NULL)
    return;

  /* A field that cannot be locked is a 400; the field is checked before the artist. */
  if (!sw_artist_service_set_field_locked (service, id, field, locked, &error))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }
  sw_artist_request_respond_artist (msg, sw_artist_service_get_store (service), id);
}

static void
post_field_lock (SwHttpMessage *msg,
                 GHashTable    *params,
                 gpointer       user_data)
{
  set_field_lock (msg, params, user_data, TRUE);
}

static void
delete_field_lock (SwHttpMessage *msg,
                   GHashTable    *params,
                   gpointer       user_data)
{
  set_field_lock (msg, params, user_data, FALSE);
}

static void
set_image_lock (SwHttpMessage   *msg,
                GHashTable      *params,
                SwArtistService *service,
                gboolean         locked)
{
  const char *id = sw_artist_request_param (msg, params, "id");
  const char *image_id = id != NULL ? sw_artist_request_param (msg, params, "imageId") : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) body = NULL;
  JsonArray *array;

  if (image_id == NULL)
    return;

  /* An image of another artist is "not found" for this one. */
  if (!sw_artist_service_set_image_locked (service, id, image_id, locked, &error) ||
      (images = sw_artist_store_list_images (sw_artist_service_get_store (service), id,
                                             &error)) == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  array = json_array_sized_new (images->len);
  for (guint i = 0; i < images->len; i++)
    json_array_add_element (array, sw_artist_image_to_json (g_ptr_array_index (images, i)));
  object = json_object_new ();
  json_object_set_array_member (object, "images", array);
  body = json_node_init_object (json_node_alloc (), object);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

static void
post_image_lock (SwHttpMessage *msg,
                 GHashTable    *params,
                 gpointer       user_data)
{
  set_image_lock (msg, params, user_data, TRUE);
}

static void
delete_image_lock (SwHttpMessage *msg,
                   GHashTable    *params,
                   gpointer       user_data)
{
  set_image_lock (msg, params, user_data, FALSE);
}

void
sw_routes_artist_locks_register (SwRouter        *router,
                                 SwArtistService *service)
{
  g_return_if_fail (SW_IS_ROUTER (router));
  g_return_if_fail (SW_IS_ARTIST_SERVICE (service));

  g_object_set_data_full (G_OBJECT (router), "sw-artist-lock-routes", g_object_ref (service),
                          g_object_unref);

  sw_router_add (router, SOUP_METHOD_POST, "/artists/{id}/lock", NULL, NULL, post_lock, service);
  sw_router_add (router, SOUP_METHOD_DELETE, "/artists/{id}/lock", NULL, NULL, delete_lock,
                 service);
  sw_router_add (router, SOUP_METHOD_POST, "/artists/{id}/field-locks/{field}", NULL, NULL,
                 post_field_lock, service);
  sw_router_add (router, SOUP_METHOD_DELETE, "/artists/{id}/field-locks/{field}", NULL, NULL,
                 delete_field_lock, service);
  sw_router_add (router, SOUP_METHOD_POST, "/artists/{id}/image-locks/{imageId}", NULL, NULL,
                 post_image_lock, service);
  sw_router_add (router, SOUP_METHOD_DELETE, "/artists/{id}/image-locks/{imageId}", NULL, NULL,
                 delete_image_lock, service);
}

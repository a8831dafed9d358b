/* sw-routes-aliases.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-query.h"
#include "sw-http.h"
#include "sw-routes-aliases.h"
#include "sw-routes-artist-request.h"

/* Other names an artist goes by (they also feed duplicate detection). */

/* FALSE when it has answered: an unknown artist is 404, not an empty list. */
static gboolean
artist_exists (SwHttpMessage   *msg,
               SwArtistService *service,
               const char      *id)
{
  g_autoptr(GError) error = NULL;

  if (sw_artist_store_exists (sw_artist_service_get_store (service), id, &error))
    return TRUE;

  if (error != NULL)
    sw_http_respond_gerror (msg, error);
  else
    {
      g_autofree char *message = g_strdup_printf (_("There is no artist with id “%s”"), id);

      sw_http_respond_error (msg, SOUP_STATUS_NOT_FOUND, message);
    }
  return FALSE;
}

static void
get_aliases (SwHttpMessage *msg,
             GHashTable    *params,
             gpointer       user_data)
{
  SwArtistService *service = user_data;
  const char *id = sw_artist_request_param (msg, params, "id");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) aliases = NULL;
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(JsonNode) body = NULL;

  if (id == NULL || !artist_exists (msg, service, id))
    return;

  aliases = sw_artist_service_list_aliases (service, id, &error);
  if (aliases == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  array = json_array_sized_new (aliases->len);
  for (guint i = 0; i < aliases->len; i++)
    json_array_add_element (array, sw_alias_to_json (g_ptr_array_index (aliases, i)));
  body = json_node_init_array (json_node_alloc (), array);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

/* {alias, source?}, as JSON or a form. The source defaults to "manual"; a given one
 * must be a change source ("provider:musicbrainz" …), and a provider alias is refused
 * on a locked artist like any automated change. */
static void
post_alias (SwHttpMessage *msg,
            GHashTable    *params,
            gpointer       user_data)
{
  SwArtistService *service = user_data;
  const char *id = sw_artist_request_param (msg, params, "id");
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(SwAlias) alias = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  const char *text;
  const char *source = "manual";

  if (id == NULL || (body = sw_artist_request_read_object (msg)) == NULL ||
      (text = sw_artist_request_string_member (msg, body, "alias")) == NULL)
    return;

  if (json_object_has_member (body, "source") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (body, "source")))
    {
      source = sw_artist_request_string_member (msg, body, "source");
      if (source == NULL)
        return;
      if (source[0] == '\0')
        source = "manual";
    }

  alias = sw_artist_service_add_alias (service, id, text, source, &error);
  if (alias == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  reply = sw_alias_to_json (alias);
  sw_http_respond_json (msg, SOUP_STATUS_CREATED, reply);
}

static void
delete_alias (SwHttpMessage *msg,
              GHashTable    *params,
              gpointer       user_data)
{
  SwArtistService *service = user_data;
  const char *id = sw_artist_request_param (msg, params, "id");
  const char *alias_id = id != NULL ? sw_artist_request_param (msg, params, "aliasId") : NULL;
  g_autoptr(GError) error = NULL;

  if (alias_id == NULL)
    return;

  /* An alias of another artist is "not found" for this one. */
  if (!sw_artist_service_remove_alias (service, id, alias_id, &error))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }
  sw_artist_request_respond_status (msg, "deleted");
}

void
sw_routes_aliases_register (SwRouter        *router,
                            SwArtistService *service)
{
  g_return_if_fail (SW_IS_ROUTER (router));
  g_return_if_fail (SW_IS_ARTIST_SERVICE (service));

  g_object_set_data_full (G_OBJECT (router), "sw-alias-routes", g_object_ref (service),
                          g_object_unref);

  sw_router_add (router, SOUP_METHOD_GET, "/artists/{id}/aliases", NULL, NULL, get_aliases,
                 service);
  sw_router_add (router, SOUP_METHOD_POST, "/artists/{id}/aliases", NULL, NULL, post_alias,
                 service);
  sw_router_add (router, SOUP_METHOD_DELETE, "/artists/{id}/aliases/{aliasId}", NULL, NULL,
                 delete_alias, service);
}

/* sw-routes-platforms.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-fields.h"
#include "sw-http.h"
#include "sw-platform-profile-private.h"
#include "sw-platform-service.h"
#include "sw-routes-platforms.h"

/* Platform profiles. A body that fails validation is answered 400 with every problem in
 * "details" (the first one is also "error"), so a form can mark each field at once. */

static void
respond_status (SwHttpMessage *msg,
                const char    *status)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = NULL;

  json_object_set_string_member (object, "status", status);
  body = json_node_init_object (json_node_alloc (), object);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

static void
respond_invalid (SwHttpMessage      *msg,
                 const char *const  *problems)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonArray) details = json_array_new ();
  g_autoptr(JsonNode) body = NULL;

  for (guint i = 0; problems[i] != NULL; i++)
    json_array_add_string_element (details, problems[i]);
  json_object_set_string_member (object, "error", problems[0]);
  json_object_set_array_member (object, "details", g_steal_pointer (&details));
  body = json_node_init_object (json_node_alloc (), object);
  sw_http_respond_json (msg, SOUP_STATUS_BAD_REQUEST, body);
}

/* Answers a failed create or update: validation with its details, the rest by code. */
static void
respond_failure (SwHttpMessage *msg,
                 const GError  *error,
                 GStrv          details)
{
  if (details != NULL && details[0] != NULL)
    respond_invalid (msg, (const char *const *) details);
  else if (error->domain == SW_FIELDS_ERROR)
    {
      const char *problems[] = { error->message, NULL };

      respond_invalid (msg, problems);
    }
  else
    sw_http_respond_gerror (msg, error);
}

static void
respond_profile (SwHttpMessage     *msg,
                 guint              status,
                 SwPlatformProfile *profile)
{
  g_autoptr(JsonNode) body = sw_platform_profile_to_json (profile);

  sw_http_respond_json (msg, status, body);
}

/* The request body as a JSON object; NULL when it has answered the request itself. A
 * member of image_naming that is not an image type is refused rather than ignored, so
 * a misspelt "thumbs" is not silently lost. */
static JsonObject *
read_profile_body (SwHttpMessage  *msg,
                   JsonNode      **root)
{
  const char *slots[] = { "thumb", "fanart", "logo", "banner" };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = sw_http_read_json_body (msg, &error);
  g_autoptr(GPtrArray) problems = NULL;
  JsonObject *object;
  JsonNode *naming;
  JsonObjectIter iter;
  const char *member;

  if (body == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (body))
    {
      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST, _("The body must be a JSON object"));
      return NULL;
    }

  object = json_node_get_object (body);
  naming = json_object_get_member (object, "image_naming");
  problems = g_ptr_array_new_with_free_func (g_free);
  if (naming != NULL && JSON_NODE_HOLDS_OBJECT (naming))
    {
      json_object_iter_init (&iter, json_node_get_object (naming));
      while (json_object_iter_next (&iter, &member, NULL))
        {
          gboolean known = FALSE;

          for (gsize i = 0; i < G_N_ELEMENTS (slots); i++)
            known |= g_str_equal (member, slots[i]);
          if (!known)
            g_ptr_array_add (problems, g_strdup_printf (
              "image_naming.%s: %s", member,
              _("not an image type; use thumb, fanart, logo or banner")));
        }
    }
  if (problems->len > 0)
    {
      g_ptr_array_add (problems, NULL);
      respond_invalid (msg, (const char *const *) problems->pdata);
      return NULL;
    }

  *root = g_steal_pointer (&body);
  return object;
}

/* Handlers --------------------------------------------------------------------------------- */

static void
list_platforms (SwHttpMessage *msg,
                GHashTable    *params,
                gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = sw_platform_service_list (user_data, &error);
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(JsonNode) body = NULL;

  if (profiles == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  array = json_array_sized_new (profiles->len);
  for (guint i = 0; i < profiles->len; i++)
    json_array_add_element (array, sw_platform_profile_to_json (g_ptr_array_index (profiles, i)));
  body = json_node_init_array (json_node_alloc (), array);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

/* Members left out start from the defaults: NFOs on, Kodi's image names. */
static void
create_platform (SwHttpMessage *msg,
                 GHashTable    *params,
                 gpointer       user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(SwPlatformProfile) draft = sw_platform_service_new_draft ();
  g_autoptr(SwPlatformProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) details = NULL;

  if (read_profile_body (msg, &body) == NULL)
    return;

  if (!sw_platform_profile_update_from_json (draft, body, &error))
    {
      respond_failure (msg, error, NULL);
      return;
    }

  profile = sw_platform_service_create (user_data, draft, &details, &error);
  if (profile == NULL)
    {
      respond_failure (msg, error, details);
      return;
    }

  respond_profile (msg, SOUP_STATUS_CREATED, profile);
}

static void
get_platform (SwHttpMessage *msg,
              GHashTable    *params,
              gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwPlatformProfile) profile = NULL;

  profile = sw_platform_service_get (user_data, g_hash_table_lookup (params, "id"), &error);
  if (profile == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  respond_profile (msg, SOUP_STATUS_OK, profile);
}

/* Members left out keep their values; so do image types left out of image_naming. */
static void
update_platform (SwHttpMessage *msg,
                 GHashTable    *params,
                 gpointer       user_data)
{
  const char *id = g_hash_table_lookup (params, "id");
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(SwPlatformProfile) profile = NULL;
  g_autoptr(SwPlatformProfile) updated = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) details = NULL;

  if (read_profile_body (msg, &body) == NULL)
    return;

  profile = sw_platform_service_get (user_data, id, &error);
  if (profile == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  if (!sw_platform_profile_update_from_json (profile, body, &error))
    {
      respond_failure (msg, error, NULL);
      return;
    }
  /* The path names the profile, whatever the body says. */
  g_free (profile->id);
  profile->id = g_strdup (id);

  updated = sw_platform_service_update (user_data, profile, &details, &error);
  if (updated == NULL)
    {
      respond_failure (msg, error, details);
      return;
    }

  respond_profile (msg, SOUP_STATUS_OK, updated);
}

static void
delete_platform (SwHttpMessage *msg,
                 GHashTable    *params,
                 gpointer       user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sw_platform_service_delete (user_data, g_hash_table_lookup (params, "id"), &error))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  respond_status (msg, "deleted");
}

static void
activate_platform (SwHttpMessage *msg,
                   GHashTable    *params,
                   gpointer       user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sw_platform_service_activate (user_data, g_hash_table_lookup (params, "id"), &error))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  respond_status (msg, "activated");
}

void
sw_routes_platforms_register (SwRouter *router,
                              SwStore  *store)
{
  g_object_set_data_full (G_OBJECT (router), "sw-platforms-routes", g_object_ref (store),
                          g_object_unref);

  sw_router_add (router, SOUP_METHOD_GET, "/platforms", NULL, NULL, list_platforms, store);
  sw_router_add (router, SOUP_METHOD_POST, "/platforms", NULL, NULL, create_platform, store);
  sw_router_add (router, SOUP_METHOD_GET, "/platforms/{id}", NULL, NULL, get_platform, store);
  sw_router_add (router, SOUP_METHOD_PUT, "/platforms/{id}", NULL, NULL, update_platform, store);
  sw_router_add (router, SOUP_METHOD_DELETE, "/platforms/{id}", NULL, NULL, delete_platform,
                 store);
  sw_router_add (router, SOUP_METHOD_POST, "/platforms/{id}/activate", NULL, NULL,
                 activate_platform, store);
}

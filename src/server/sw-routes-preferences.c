/* sw-routes-preferences.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-auth-guard.h"
#include "sw-http.h"
#include "sw-routes-preferences.h"
#include "sw-user-private.h"
#include "sw-value-check.h"

/* Always the caller's own preferences. An unknown key or a bad value is
 * SW_STORE_ERROR_INVALID in the model, which is the contract's 400. */

static void
respond_preference (SwHttpMessage *msg,
                    const char    *key,
                    const char    *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, key);
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, value);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

static void
get_preferences (SwHttpMessage *msg,
                 GHashTable    *params,
                 gpointer       user_data)
{
  SwAuthContext *context = sw_auth_context_get (msg);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = sw_preferences_get_all (user_data, context->user->id, &error);

  if (body == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

static void
get_preference (SwHttpMessage *msg,
                GHashTable    *params,
                gpointer       user_data)
{
  SwAuthContext *context = sw_auth_context_get (msg);
  const char *key = g_hash_table_lookup (params, "key");
  g_autoptr(GError) error = NULL;
  g_autofree char *value = sw_preferences_get (user_data, context->user->id, key, &error);

  if (value == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }
  respond_preference (msg, key, value);
}

static void
put_preference (SwHttpMessage *msg,
                GHashTable    *params,
                gpointer       user_data)
{
  SwAuthContext *context = sw_auth_context_get (msg);
  const char *key = g_hash_table_lookup (params, "key");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *stored = NULL;
  JsonNode *value = NULL;

  /* The key first: an unknown one is refused whatever the body says. */
  if (!sw_preferences_is_known_key (key))
    {
      g_autofree char *shown = sw_value_printable (key);
      g_autofree char *message = g_strdup_printf (_("unknown preference key “%s”"), shown);

      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST, message);
      return;
    }

  body = sw_http_read_json_body (msg, &error);
  if (body == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }
  if (JSON_NODE_HOLDS_OBJECT (body))
    value = json_object_get_member (json_node_get_object (body), "value");
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_STRING)
    {
      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                             _("The body must be an object with a string “value”"));
      return;
    }

  if (!sw_preferences_set (user_data, context->user->id, key, json_node_get_string (value),
                           &stored, &error))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }
  respond_preference (msg, key, stored);
}

void
sw_routes_preferences_register (SwRouter      *router,
                                SwPreferences *preferences)
{
  g_object_set_data_full (G_OBJECT (router), "sw-preferences-routes",
                          g_object_ref (preferences), g_object_unref);

  sw_router_add (router, SOUP_METHOD_GET, "/preferences", NULL, NULL, get_preferences,
                 preferences);
  sw_router_add (router, SOUP_METHOD_GET, "/preferences/{key}", NULL, NULL, get_preference,
                 preferences);
  sw_router_add (router, SOUP_METHOD_PUT, "/preferences/{key}", NULL, NULL, put_preference,
                 preferences);
}

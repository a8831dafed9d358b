/* sw-routes-tokens.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-auth-guard.h"
#include "sw-http.h"
#include "sw-routes-tokens.h"
#include "sw-user-private.h"

/* The scopes a request asks for: a CSV string or an array of strings; absent, null or
 * empty means read. FALSE (answered) when the member is neither. */
static gboolean
requested_scopes (SwHttpMessage *msg,
                  JsonObject    *object,
                  SwScopes      *scopes)
{
  JsonNode *member = json_object_get_member (object, "scopes");
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    ;
  else if (JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING)
    g_string_append (csv, json_node_get_string (member));
  else if (JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
            {
              sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                                     _("scopes must be a string or an array of strings"));
              return FALSE;
            }
          g_string_append_printf (csv, "%s%s", i > 0 ? "," : "", json_node_get_string (item));
        }
    }
  else
    {
      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                             _("scopes must be a string or an array of strings"));
      return FALSE;
    }

  if (!sw_scopes_parse (csv->str, scopes, &error))
    {
      sw_http_respond_gerror (msg, error);
      return FALSE;
    }
  if (*scopes == 0)
    *scopes = SW_SCOPE_READ;
  return TRUE;
}

static void
post_token (SwHttpMessage *msg,
            GHashTable    *params,
            gpointer       user_data)
{
  SwStore *store = user_data;
  SwAuthContext *context = sw_auth_context_get (msg);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = sw_http_read_json_body (msg, &error);
  g_autoptr(SwApiToken) token = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *plaintext = NULL;
  JsonObject *object;
  JsonNode *name;
  SwScopes scopes = 0;
  SwScopes held;

  if (body == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (body))
    {
      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST, _("The body must be a JSON object"));
      return;
    }
  object = json_node_get_object (body);

  name = json_object_get_member (object, "name");
  if (name == NULL || !JSON_NODE_HOLDS_VALUE (name) ||
      json_node_get_value_type (name) != G_TYPE_STRING)
    {
      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST, _("name is a required string"));
      return;
    }

  if (!requested_scopes (msg, object, &scopes))
    return;

  if ((scopes & SW_SCOPE_ADMIN) && g_strcmp0 (context->user->role, "administrator") != 0)
    {
      sw_http_respond_error (msg, SOUP_STATUS_FORBIDDEN,
                             _("Only administrators can create tokens with the admin scope"));
      return;
    }

  /* A token cannot hand out more than it holds; the admin scope stands for every scope. */
  held = (context->scopes & SW_SCOPE_ADMIN) ? SW_SCOPES_ALL : context->scopes;
  if ((scopes & ~held) != 0)
    {
      sw_http_respond_error (msg, SOUP_STATUS_FORBIDDEN,
                             _("A token cannot create a token with scopes it does not have"));
      return;
    }

  plaintext = sw_auth_create_token (store, context->user->id, json_node_get_string (name),
                                    scopes, &token, &error);
  if (plaintext == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  /* The stored token as listed, plus the plaintext: the only time it is ever shown. */
  reply = sw_api_token_to_json (token);
  json_object_set_string_member (json_node_get_object (reply), "token", plaintext);
  sw_http_respond_json (msg, SOUP_STATUS_CREATED, reply);
}

static void
get_tokens (SwHttpMessage *msg,
            GHashTable    *params,
            gpointer       user_data)
{
  SwStore *store = user_data;
  SwAuthContext *context = sw_auth_context_get (msg);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = sw_auth_list_tokens (store, context->user->id, &error);
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(JsonNode) reply = NULL;

  if (tokens == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  array = json_array_sized_new (tokens->len);
  for (guint i = 0; i < tokens->len; i++)
    json_array_add_element (array, sw_api_token_to_json (g_ptr_array_index (tokens, i)));

  reply = json_node_init_array (json_node_alloc (), array);
  sw_http_respond_json (msg, SOUP_STATUS_OK, reply);
}

static void
delete_token (SwHttpMessage *msg,
              GHashTable    *params,
              gpointer       user_data)
{
  SwStore *store = user_data;
  SwAuthContext *context = sw_auth_context_get (msg);
  const char *id = g_hash_table_lookup (params, "id");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) reply = NULL;

  if (!sw_auth_revoke_token (store, context->user->id, id, &error))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "revoked");
  json_builder_end_object (builder);
  reply = json_builder_get_root (builder);
  sw_http_respond_json (msg, SOUP_STATUS_OK, reply);
}

static void
delete_token_permanent (SwHttpMessage *msg,
                        GHashTable    *params,
                        gpointer       user_data)
{
  SwStore *store = user_data;
  SwAuthContext *context = sw_auth_context_get (msg);
  const char *id = g_hash_table_lookup (params, "id");
  g_autoptr(GError) error = NULL;

  if (!sw_auth_delete_token (store, context->user->id, id, &error))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  /* 204 has no body; respond_text still adds the security headers. */
  sw_http_respond_text (msg, SOUP_STATUS_NO_CONTENT, "text/plain", g_strdup (""));
  soup_message_headers_remove (sw_http_message_get_response_headers (msg), "Content-Type");
}

void
sw_routes_tokens_register (SwRouter *router,
                           SwStore  *store)
{
  g_object_set_data_full (G_OBJECT (router), "sw-tokens-routes", g_object_ref (store),
                          g_object_unref);

  sw_router_add (router, SOUP_METHOD_POST, "/auth/tokens", NULL, NULL, post_token, store);
  sw_router_add (router, SOUP_METHOD_GET, "/auth/tokens", NULL, NULL, get_tokens, store);
  sw_router_add (router, SOUP_METHOD_DELETE, "/auth/tokens/{id}", NULL, NULL, delete_token,
                 store);
  sw_router_add (router, SOUP_METHOD_DELETE, "/auth/tokens/{id}/permanent", NULL, NULL,
                 delete_token_permanent, store);
}

/* sw-routes-settings.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-http.h"
#include "sw-routes-settings.h"

/* All of these are administrator-only; the guard has checked that already. */

static void
respond_status (SwHttpMessage *msg,
                const char    *status)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

/* 400 with the envelope: the first problem as "error", every problem in "details". */
static void
respond_invalid (SwHttpMessage *msg,
                 GPtrArray     *problems)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, g_ptr_array_index (problems, 0));
  json_builder_set_member_name (builder, "details");
  json_builder_begin_array (builder);
  for (guint i = 0; i < problems->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (problems, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  sw_http_respond_json (msg, SOUP_STATUS_BAD_REQUEST, body);
}

/* The request body as a JSON object; NULL when it has answered the request itself. */
static JsonNode *
read_object_body (SwHttpMessage *msg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = sw_http_read_json_body (msg, &error);

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
  return g_steal_pointer (&body);
}

static void
get_settings (SwHttpMessage *msg,
              GHashTable    *params,
              gpointer       user_data)
{
  g_autoptr(JsonNode) body = sw_settings_to_json (user_data);

  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

/* A flat object of strings. Every member is checked before anything is written, so the
 * answer can name each bad key; then sw_settings_set_many() writes all or nothing. */
static void
put_settings (SwHttpMessage *msg,
              GHashTable    *params,
              gpointer       user_data)
{
  SwSettings *settings = user_data;
  g_autoptr(JsonNode) body = read_object_body (msg);
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (body == NULL)
    return;

  object = json_node_get_object (body);
  values = g_hash_table_new (g_str_hash, g_str_equal);
  problems = g_ptr_array_new_with_free_func (g_free);
  members = json_object_get_members (object);
  members = g_list_sort (members, (GCompareFunc) g_strcmp0);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *member = json_object_get_member (object, key);
      g_autoptr(GError) invalid = NULL;
      g_autofree char *checked = NULL;

      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
        {
          g_ptr_array_add (problems, g_strdup_printf (_("%s: the value must be a string"), key));
          continue;
        }

      checked = sw_settings_validate (key, json_node_get_string (member), &invalid);
      if (checked == NULL)
        {
          g_ptr_array_add (problems, g_strdup (invalid->message));
          continue;
        }
      g_hash_table_insert (values, (gpointer) key, (gpointer) json_node_get_string (member));
    }

  if (problems->len > 0)
    {
      respond_invalid (msg, problems);
      return;
    }

  if (!sw_settings_set_many (settings, values, &error))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  respond_status (msg, "updated");
}

static void
get_nfo_output (SwHttpMessage *msg,
                GHashTable    *params,
                gpointer       user_data)
{
  g_autoptr(JsonNode) body = sw_settings_get_nfo_output (user_data);

  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

static void
put_nfo_output (SwHttpMessage *msg,
                GHashTable    *params,
                gpointer       user_data)
{
  g_autoptr(JsonNode) body = read_object_body (msg);
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) error = NULL;

  if (body == NULL)
    return;

  result = sw_settings_update_nfo_output (user_data, body, &error);
  if (result == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }
  sw_http_respond_json (msg, SOUP_STATUS_OK, result);
}

static void
get_logging (SwHttpMessage *msg,
             GHashTable    *params,
             gpointer       user_data)
{
  g_autoptr(JsonNode) body = sw_settings_get_logging (user_data);

  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

static gboolean
is_form_request (SwHttpMessage *msg)
{
  const char *type = soup_message_headers_get_content_type (
    sw_http_message_get_request_headers (msg), NULL);

  return type != NULL && g_ascii_strcasecmp (type, "application/x-www-form-urlencoded") == 0;
}

/* A form (from the web UI) as the JSON object the model reads: every field a string,
 * which the model accepts for the numbers too. "ephemeral=true" keeps the level for
 * this run only. NULL when it has answered the request itself. */
static JsonNode *
logging_form_body (SwHttpMessage *msg,
                   gboolean      *ephemeral)
{
  SoupMessageBody *request = sw_http_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request);
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char *fields[] = { "level", "format", "file_path", "file_max_size_mb",
                           "file_max_files", "file_max_age_days" };

  if (g_bytes_get_size (bytes) > SW_HTTP_MAX_JSON_BODY)
    {
      sw_http_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                             _("The request body is too large"));
      return NULL;
    }

  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  form = soup_form_decode (text);
  object = json_object_new ();
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *value = g_hash_table_lookup (form, fields[i]);

      if (value != NULL)
        json_object_set_string_member (object, fields[i], value);
    }
  *ephemeral = g_strcmp0 (g_hash_table_lookup (form, "ephemeral"), "true") == 0;

  return json_node_init_object (json_node_alloc (), object);
}

static void
put_logging (SwHttpMessage *msg,
             GHashTable    *params,
             gpointer       user_data)
{
  SoupMessageHeaders *headers = sw_http_message_get_request_headers (msg);
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ephemeral = FALSE;

  body = is_form_request (msg) ? logging_form_body (msg, &ephemeral) : read_object_body (msg);
  if (body == NULL)
    return;

  result = sw_settings_update_logging (user_data, body, ephemeral, &error);
  if (result == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  /* The settings page swaps a short confirmation in place of the form's status line. */
  if (g_strcmp0 (soup_message_headers_get_one (headers, "HX-Request"), "true") == 0)
    {
      g_autofree char *escaped = g_markup_escape_text (_("Logging settings saved"), -1);

      sw_http_respond_text (msg, SOUP_STATUS_OK, "text/html; charset=utf-8",
                            g_strdup_printf ("<span class=\"status-ok\">%s</span>", escaped));
      return;
    }

  sw_http_respond_json (msg, SOUP_STATUS_OK, result);
}

void
sw_routes_settings_register (SwRouter   *router,
                             SwSettings *settings)
{
  g_object_set_data_full (G_OBJECT (router), "sw-settings-routes", g_object_ref (settings),
                          g_object_unref);

  sw_router_add (router, SOUP_METHOD_GET, "/settings", NULL, NULL, get_settings, settings);
  sw_router_add (router, SOUP_METHOD_PUT, "/settings", NULL, NULL, put_settings, settings);
  sw_router_add (router, SOUP_METHOD_GET, "/settings/nfo-output", NULL, NULL, get_nfo_output,
                 settings);
  sw_router_add (router, SOUP_METHOD_PUT, "/settings/nfo-output", NULL, NULL, put_nfo_output,
                 settings);
  sw_router_add (router, SOUP_METHOD_GET, "/settings/logging", NULL, NULL, get_logging,
                 settings);
  sw_router_add (router, SOUP_METHOD_PUT, "/settings/logging", NULL, NULL, put_logging,
                 settings);
}

/* sw-routes-artist-request.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sw-artist-query.h"
#include "sw-auth-guard.h"
#include "sw-http.h"
#include "sw-routes-artist-request.h"
#include "sw-user-private.h"

gboolean
sw_artist_request_is_htmx (SwHttpMessage *msg)
{
  SoupMessageHeaders *headers = sw_http_message_get_request_headers (msg);

  return g_strcmp0 (soup_message_headers_get_one (headers, "HX-Request"), "true") == 0;
}

void
sw_artist_request_respond_html (SwHttpMessage *msg,
                                guint          status,
                                char          *html)
{
  sw_http_respond_text (msg, status, "text/html; charset=utf-8", html);
}

void
sw_artist_request_respond_status (SwHttpMessage *msg,
                                  const char    *status_text)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = NULL;

  json_object_set_string_member (object, "status", status_text);
  body = json_node_init_object (json_node_alloc (), object);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

const char *
sw_artist_request_param (SwHttpMessage *msg,
                         GHashTable    *params,
                         const char    *name)
{
  const char *value = g_hash_table_lookup (params, name);

  /* The router stores NULL for a segment that does not decode (e.g. "%00"). */
  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    {
      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                             _("The request path has a malformed segment"));
      return NULL;
    }
  return value;
}

/* One name or value of a query string or form: '+' is a space; a bad escape, "%00" or
 * text that is not UTF-8 gives NULL. */
static char *
decode_component (const char *text,
                  gsize       length)
{
  g_autofree char *plus = g_strndup (text, length);
  char *decoded;

  g_strdelimit (plus, "+", ' ');
  decoded = g_uri_unescape_string (plus, NULL);
  if (decoded != NULL && !g_utf8_validate (decoded, -1, NULL))
    g_clear_pointer (&decoded, g_free);
  return decoded;
}

static GPtrArray *
decode_pairs (const char *text)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) pieces = g_strsplit (text, "&", -1);

  for (guint i = 0; pieces[i] != NULL; i++)
    {
      const char *piece = pieces[i];
      const char *equals = strchr (piece, '=');
      gsize name_length = equals != NULL ? (gsize) (equals - piece) : strlen (piece);
      char *name;
      char *value;

      if (piece[0] == '\0')
        continue;

      name = decode_component (piece, name_length);
      value = decode_component (equals != NULL ? equals + 1 : "",
                                equals != NULL ? strlen (equals + 1) : 0);
      if (name == NULL || value == NULL)
        {
          g_free (name);
          g_free (value);
          return NULL;
        }
      g_ptr_array_add (pairs, name);
      g_ptr_array_add (pairs, value);
    }

  return g_steal_pointer (&pairs);
}

GPtrArray *
sw_artist_request_query (SwHttpMessage *msg)
{
  const char *query = g_uri_get_query (sw_http_message_get_uri (msg));
  GPtrArray *pairs = decode_pairs (query != NULL ? query : "");

  if (pairs == NULL)
    sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                           _("The query string is malformed: a bad escape, an encoded NUL "
                             "or text that is not UTF-8"));
  return pairs;
}

static gboolean
is_form (SwHttpMessage *msg)
{
  const char *type = soup_message_headers_get_content_type (
    sw_http_message_get_request_headers (msg), NULL);

  return type != NULL && g_ascii_strcasecmp (type, "application/x-www-form-urlencoded") == 0;
}

static GBytes *
request_bytes (SwHttpMessage *msg)
{
  return soup_message_body_flatten (sw_http_message_get_request_body (msg));
}

/* json-glib ends a string at an escaped NUL without saying so, which would turn
 * "a\u0000/../b" into "a": such bodies are refused before they are read. */
static gboolean
has_nul_escape (const char *data,
                gsize       length)
{
  gsize i = 0;

  while (i < length)
    {
      gsize run = 0;

      if (data[i] != '\\')
        {
          i++;
          continue;
        }
      while (i < length && data[i] == '\\')
        {
          run++;
          i++;
        }
      if (run % 2 == 1 && length - i >= 5 && data[i] == 'u' &&
          memcmp (data + i + 1, "0000", 4) == 0)
        return TRUE;
    }
  return FALSE;
}

static JsonObject *
read_form (SwHttpMessage *msg)
{
  g_autoptr(GBytes) bytes = request_bytes (msg);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  JsonObject *object;

  if (g_bytes_get_size (bytes) > SW_HTTP_MAX_JSON_BODY)
    {
      sw_http_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                             _("The request body is too large"));
      return NULL;
    }

  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (strlen (text) != g_bytes_get_size (bytes) || (pairs = decode_pairs (text)) == NULL)
    {
      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                             _("The form is malformed: a bad escape, an encoded NUL or text "
                               "that is not UTF-8"));
      return NULL;
    }

  object = json_object_new ();
  for (guint i = 0; i + 1 < pairs->len; i += 2)
    json_object_set_string_member (object, g_ptr_array_index (pairs, i),
                                   g_ptr_array_index (pairs, i + 1));
  return object;
}

JsonNode *
sw_artist_request_read_json (SwHttpMessage *msg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = sw_http_read_json_body (msg, &error);
  g_autoptr(GBytes) bytes = NULL;

  if (body == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return NULL;
    }

  bytes = request_bytes (msg);
  if (has_nul_escape (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)))
    {
      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                             _("Strings in the request body may not contain NUL characters"));
      return NULL;
    }

  return g_steal_pointer (&body);
}

JsonObject *
sw_artist_request_read_object (SwHttpMessage *msg)
{
  g_autoptr(JsonNode) body = NULL;

  if (is_form (msg))
    return read_form (msg);

  body = sw_artist_request_read_json (msg);
  if (body == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (body))
    {
      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST, _("The body must be a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (body));
}

const char *
sw_artist_request_string_member (SwHttpMessage *msg,
                                 JsonObject    *object,
                                 const char    *name)
{
  JsonNode *member = json_object_get_member (object, name);

  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING)
    {
      g_autofree char *message = g_strdup_printf (_("%s is a required string"), name);

      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST, message);
      return NULL;
    }
  return json_node_get_string (member);
}

void
sw_artist_request_respond_artist (SwHttpMessage *msg,
                                  SwStore       *store,
                                  const char    *artist_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwArtist) artist = sw_artist_store_get (store, artist_id, &error);
  g_autoptr(JsonNode) body = NULL;

  if (artist == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }
  body = sw_artist_to_json (artist);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

char *
sw_artist_request_page_size (SwHttpMessage *msg,
                             SwPreferences *preferences)
{
  SwAuthContext *context = sw_auth_context_get (msg);
  char *value = NULL;

  /* A preference that cannot be read is not worth failing the list for. */
  if (context != NULL && context->user != NULL)
    value = sw_preferences_get (preferences, context->user->id, "page_size", NULL);
  return value != NULL ? value : g_strdup ("50");
}

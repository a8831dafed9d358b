/* sw-routes-logs.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-http.h"
#include "sw-log.h"
#include "sw-routes-logs.h"
#include "sw-time.h"

/* All of these are administrator-only; the guard has checked that already. */

#define DEFAULT_LIMIT 100
#define MAX_LIMIT 500

static gboolean
is_htmx (SwHttpMessage *msg)
{
  SoupMessageHeaders *headers = sw_http_message_get_request_headers (msg);

  return g_strcmp0 (soup_message_headers_get_one (headers, "HX-Request"), "true") == 0;
}

static void
respond_html (SwHttpMessage *msg,
              char          *html)
{
  sw_http_respond_text (msg, SOUP_STATUS_OK, "text/html; charset=utf-8", html);
}

/* The query string as name → value; empty values count as absent. */
static GHashTable *
query_params (SwHttpMessage *msg)
{
  const char *query = g_uri_get_query (sw_http_message_get_uri (msg));

  if (query == NULL)
    return g_hash_table_new (g_str_hash, g_str_equal);

  return soup_form_decode (query);
}

static const char *
param (GHashTable *params,
       const char *name)
{
  const char *value = g_hash_table_lookup (params, name);

  return value != NULL && value[0] != '\0' ? value : NULL;
}

/* Fills @query from the parameters; FALSE when it has answered 400. */
static gboolean
read_query (SwHttpMessage *msg,
            GHashTable    *params,
            SwLogQuery    *query)
{
  const char *level = param (params, "level");
  const char *limit = param (params, "limit");
  const char *after = param (params, "after");
  guint64 number = DEFAULT_LIMIT;

  query->min_level = SW_LOG_LEVEL_TRACE;
  query->search = param (params, "search");
  query->component = param (params, "component");
  query->after_us = 0;

  if (level != NULL && !sw_log_level_from_string (level, &query->min_level))
    {
      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                             _("level must be one of trace, debug, info, warn, error"));
      return FALSE;
    }

  if (limit != NULL && !g_ascii_string_to_unsigned (limit, 10, 0, MAX_LIMIT, &number, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("limit must be a whole number from 0 to %d"),
                                                  MAX_LIMIT);

      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST, message);
      return FALSE;
    }
  query->limit = number;

  if (after != NULL && !sw_log_parse_time (after, &query->after_us))
    {
      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                             _("after must be an RFC 3339 time with an offset"));
      return FALSE;
    }

  return TRUE;
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static void
append_attrs (GString  *out,
              GVariant *attrs)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;
  gboolean first = TRUE;

  if (g_variant_n_children (attrs) == 0)
    return;

  g_string_append (out, " <span class=\"log-attrs\">");
  g_variant_iter_init (&iter, attrs);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      g_autofree char *printed = NULL;

      if (!first)
        g_string_append_c (out, ' ');
      first = FALSE;
      append_escaped (out, key);
      g_string_append_c (out, '=');
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        append_escaped (out, g_variant_get_string (value, NULL));
      else
        {
          printed = g_variant_print (value, FALSE);
          append_escaped (out, printed);
        }
    }
  g_string_append (out, "</span>");
}

/* The log viewer's rows, oldest first; @entries are newest first. Nothing at all when there
 * are no entries, so a poll that appends adds nothing. */
static char *
render_entries (GPtrArray *entries)
{
  GString *out = g_string_new (NULL);

  for (guint i = entries->len; i > 0; i--)
    {
      SwLogEntry *entry = g_ptr_array_index (entries, i - 1);
      g_autofree char *time = sw_log_entry_dup_time (entry);
      const char *level = sw_log_level_to_string (entry->level);

      g_string_append (out, "<div class=\"log-entry log-");
      append_escaped (out, level);
      g_string_append (out, "\"><time class=\"log-time\" datetime=\"");
      append_escaped (out, time);
      g_string_append (out, "\">");
      append_escaped (out, time);
      g_string_append (out, "</time> <span class=\"log-level\">");
      append_escaped (out, level);
      g_string_append (out, "</span>");
      if (entry->component != NULL)
        {
          g_string_append (out, " <span class=\"log-component\">");
          append_escaped (out, entry->component);
          g_string_append (out, "</span>");
        }
      g_string_append (out, " <span class=\"log-message\">");
      append_escaped (out, entry->message);
      g_string_append (out, "</span>");
      append_attrs (out, entry->attrs);
      g_string_append (out, "</div>\n");
    }

  return g_string_free (out, FALSE);
}

static void
respond_log_error (SwHttpMessage *msg,
                   const GError  *error)
{
  if (g_error_matches (error, SW_LOG_ERROR, SW_LOG_ERROR_INVALID) ||
      g_error_matches (error, SW_LOG_ERROR, SW_LOG_ERROR_NOT_CONFIGURED))
    sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
  else
    sw_http_respond_gerror (msg, error);
}

/* GET /logs: the ring, or with ?file= a log file; JSON newest first, HTML oldest first. */
static void
get_logs (SwHttpMessage *msg,
          GHashTable    *params,
          gpointer       user_data)
{
  g_autoptr(GHashTable) query_string = query_params (msg);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) array = NULL;
  const char *file = param (query_string, "file");
  SwLogQuery query;

  if (!read_query (msg, query_string, &query))
    return;

  if (file != NULL)
    {
      entries = sw_log_query_file (file, &query, &error);
      if (entries == NULL)
        {
          respond_log_error (msg, error);
          return;
        }
    }
  else
    entries = sw_log_query (&query);

  if (is_htmx (msg))
    {
      respond_html (msg, render_entries (entries));
      return;
    }

  array = json_array_sized_new (entries->len);
  for (guint i = 0; i < entries->len; i++)
    json_array_add_element (array, sw_log_entry_to_json (g_ptr_array_index (entries, i)));

  {
    g_autoptr(JsonNode) body = json_node_init_array (json_node_alloc (), array);

    sw_http_respond_json (msg, SOUP_STATUS_OK, body);
  }
}

/* DELETE /logs: empties the ring. */
static void
delete_logs (SwHttpMessage *msg,
             GHashTable    *params,
             gpointer       user_data)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) body = NULL;

  sw_log_clear ();

  if (is_htmx (msg))
    {
      g_autofree char *escaped = g_markup_escape_text (_("Log buffer cleared"), -1);

      respond_html (msg, g_strdup_printf ("<span class=\"status-ok\">%s</span>", escaped));
      return;
    }

  object = json_object_new ();
  json_object_set_string_member (object, "status", "cleared");
  body = json_node_init_object (json_node_alloc (), object);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

/* GET /logs/files: [LogFileInfo], the current file first, then rotated newest first. */
static void
get_log_files (SwHttpMessage *msg,
               GHashTable    *params,
               gpointer       user_data)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(JsonNode) body = NULL;

  files = sw_log_list_files (&error);
  if (files == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  array = json_array_sized_new (files->len);
  for (guint i = 0; i < files->len; i++)
    {
      SwLogFileInfo *info = g_ptr_array_index (files, i);
      g_autoptr(GDateTime) modified = g_date_time_new_from_unix_utc (info->mod_time);
      g_autofree char *mod_time = sw_time_format_rfc3339 (modified);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "name", info->name);
      json_object_set_int_member (object, "size", info->size);
      json_object_set_string_member (object, "mod_time", mod_time);
      json_object_set_boolean_member (object, "is_current", info->is_current);
      json_array_add_object_element (array, object);
    }

  body = json_node_init_array (json_node_alloc (), array);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

/* DELETE /logs/files: every rotated file, never the one being written. */
static void
delete_log_files (SwHttpMessage *msg,
                  GHashTable    *params,
                  gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) body = NULL;
  guint64 bytes_freed = 0;
  guint deleted = 0;

  if (!sw_log_delete_rotated (&deleted, &bytes_freed, &error))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  object = json_object_new ();
  json_object_set_int_member (object, "deleted", deleted);
  json_object_set_int_member (object, "bytes_freed", (gint64) bytes_freed);
  body = json_node_init_object (json_node_alloc (), object);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

void
sw_routes_logs_register (SwRouter   *router,
                         SwSettings *settings)
{
  g_return_if_fail (SW_IS_ROUTER (router));
  g_return_if_fail (settings == NULL || SW_IS_SETTINGS (settings));

  if (settings != NULL)
    sw_log_watch_settings (settings);

  sw_router_add (router, SOUP_METHOD_GET, "/logs", NULL, NULL, get_logs, NULL);
  sw_router_add (router, SOUP_METHOD_DELETE, "/logs", NULL, NULL, delete_logs, NULL);
  sw_router_add (router, SOUP_METHOD_GET, "/logs/files", NULL, NULL, get_log_files, NULL);
  sw_router_add (router, SOUP_METHOD_DELETE, "/logs/files", NULL, NULL, delete_log_files, NULL);
}

/* sw-routes-nfo.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-query.h"
#include "sw-atomic-file.h"
#include "sw-http.h"
#include "sw-nfo-conflict.h"
#include "sw-nfo-state.h"
#include "sw-nfo.h"
#include "sw-routes-nfo.h"
#include "sw-time.h"

/* An artist's artist.nfo against the database. Both routes only read: nothing here
 * writes a file or a row. */

#define NFO_FILE_NAME "artist.nfo"

typedef struct
{
  SwStore *store;
  SwSettings *settings;
} NfoRoutes;

static void
nfo_routes_free (gpointer data)
{
  NfoRoutes *routes = data;

  g_clear_object (&routes->store);
  g_clear_object (&routes->settings);
  g_free (routes);
}

static gboolean
is_htmx (SwHttpMessage *msg)
{
  SoupMessageHeaders *headers = sw_http_message_get_request_headers (msg);

  return g_strcmp0 (soup_message_headers_get_one (headers, "HX-Request"), "true") == 0;
}

/* The artist of the {id} segment; NULL when it has answered (404 for an unknown one). */
static SwArtist *
lookup_artist (SwHttpMessage *msg,
               GHashTable    *params,
               NfoRoutes     *routes)
{
  g_autoptr(GError) error = NULL;
  SwArtist *artist = sw_artist_store_get (routes->store, g_hash_table_lookup (params, "id"),
                                          &error);

  if (artist == NULL)
    sw_http_respond_gerror (msg, error);
  return artist;
}

/* The artist.nfo path, or NULL for a pathless (platform-only) artist. */
static char *
nfo_path (SwArtist *artist)
{
  g_autofree char *path = NULL;

  g_object_get (artist, "path", &path, NULL);
  if (path == NULL || path[0] == '\0')
    return NULL;
  return g_build_filename (path, NFO_FILE_NAME, NULL);
}

static const char *
status_label (const char *status)
{
  if (g_str_equal (status, "added"))
    return _("Added");
  if (g_str_equal (status, "removed"))
    return _("Removed");
  if (g_str_equal (status, "changed"))
    return _("Changed");
  return _("Unchanged");
}

static void
append_cell (GString    *html,
             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append_printf (html, "<td>%s</td>", escaped);
}

/* The diff page's fragment: one row per field, changed ones marked. */
static char *
render_diff (JsonObject *diff,
             const char *file_error)
{
  JsonArray *fields = json_object_get_array_member (diff, "fields");
  GString *html = g_string_new ("<div class=\"nfo-diff\">");

  if (file_error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (file_error, -1);

      g_string_append_printf (html, "<p class=\"status-error\">%s</p>", escaped);
    }
  if (!json_object_get_boolean_member (diff, "has_diff"))
    {
      g_autofree char *escaped =
        g_markup_escape_text (_("The file matches what Stillwater would write"), -1);

      g_string_append_printf (html, "<p class=\"status-ok\">%s</p>", escaped);
    }

  g_string_append (html, "<table><thead><tr>");
  append_cell (html, _("Field"));
  append_cell (html, _("In the file"));
  append_cell (html, _("In Stillwater"));
  append_cell (html, _("Status"));
  g_string_append (html, "</tr></thead><tbody>");
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *field = json_array_get_object_element (fields, i);
      const char *status = json_object_get_string_member (field, "status");

      g_string_append_printf (html, "<tr class=\"nfo-diff-%s\">", status);
      append_cell (html, json_object_get_string_member (field, "field"));
      append_cell (html, json_object_get_string_member (field, "old_value"));
      append_cell (html, json_object_get_string_member (field, "new_value"));
      append_cell (html, status_label (status));
      g_string_append (html, "</tr>");
    }
  g_string_append (html, "</tbody></table></div>");
  return g_string_free (html, FALSE);
}

/* GET /artists/{id}/nfo/diff: the file on disk against what Stillwater would write.
 * A pathless artist has no file; its "file" is the virtual one Stillwater would write,
 * so it shows no difference. A missing file shows every field as added; an unreadable
 * one too, with the reason in "file_error". */
static void
get_diff (SwHttpMessage *msg,
          GHashTable    *params,
          gpointer       user_data)
{
  NfoRoutes *routes = user_data;
  g_autoptr(SwArtist) artist = lookup_artist (msg, params, routes);
  g_auto(SwNfoOutputOptions) options = { 0 };
  g_autoptr(SwNfo) file = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  JsonObject *object;

  if (artist == NULL)
    return;

  sw_nfo_output_options_init (&options);
  sw_nfo_output_options_load (&options, routes->settings);

  path = nfo_path (artist);
  if (path == NULL)
    file = sw_nfo_new_from_artist (artist, NULL, &options);
  else
    {
      file = sw_nfo_load (path, &error);
      if (file == NULL && g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_clear_error (&error);
      else if (file == NULL)
        g_info ("NFO diff of %s: %s", path, error->message);
    }

  body = sw_nfo_diff (file, artist, &options);
  object = json_node_get_object (body);
  json_object_set_boolean_member (object, "virtual", path == NULL);
  if (error != NULL)
    json_object_set_string_member (object, "file_error", error->message);

  if (is_htmx (msg))
    {
      sw_http_respond_text (msg, SOUP_STATUS_OK, "text/html; charset=utf-8",
                            render_diff (object, error != NULL ? error->message : NULL));
      return;
    }
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

/* GET /artists/{id}/nfo/conflict: has another program changed artist.nfo since
 * Stillwater last read or wrote it? (sw_nfo_conflict_check, as the editor asks.) */
static void
get_conflict (SwHttpMessage *msg,
              GHashTable    *params,
              gpointer       user_data)
{
  NfoRoutes *routes = user_data;
  g_autoptr(SwArtist) artist = lookup_artist (msg, params, routes);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last_modified = NULL;
  gboolean conflict = FALSE;

  if (artist == NULL)
    return;

  if (!sw_nfo_conflict_check (routes->store, sw_artist_get_id (artist), &conflict,
                              &last_modified, &error))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  if (conflict)
    json_object_set_string_member (object, "reason",
                                   _("The file was modified by another program since "
                                     "Stillwater last read or wrote it"));
  if (last_modified != NULL)
    json_object_set_string_member (object, "last_modified", last_modified);
  json_object_set_boolean_member (object, "has_conflict", conflict);
  body = json_node_init_object (json_node_alloc (), object);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

void
sw_routes_nfo_register (SwRouter   *router,
                        SwStore    *store,
                        SwSettings *settings)
{
  NfoRoutes *routes = g_new0 (NfoRoutes, 1);

  routes->store = g_object_ref (store);
  routes->settings = g_object_ref (settings);
  g_object_set_data_full (G_OBJECT (router), "sw-nfo-routes", routes, nfo_routes_free);

  sw_router_add (router, SOUP_METHOD_GET, "/artists/{id}/nfo/diff", NULL, NULL, get_diff,
                 routes);
  sw_router_add (router, SOUP_METHOD_GET, "/artists/{id}/nfo/conflict", NULL, NULL,
                 get_conflict, routes);
}

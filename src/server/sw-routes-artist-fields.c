/* sw-routes-artist-fields.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-query.h"
#include "sw-http.h"
#include "sw-json-text.h"
#include "sw-routes-artist-fields.h"
#include "sw-routes-artist-request.h"

/* One editable field at a time, as the artist page edits them: JSON for API clients,
 * and for the web UI (HX-Request: true) a display cell that turns into an edit form and
 * back. Every value that reaches HTML is escaped; field names come from the editable
 * list, never from the request. */

typedef struct
{
  SwArtistService *service;
  char *prefix;                 /* "/api/v1", for the URLs fragments point at */
} FieldRoutes;

static const struct
{
  const char *field;
  const char *label;
} labels[] = {
  { "name", N_("Name") },
  { "sort_name", N_("Sort name") },
  { "type", N_("Type") },
  { "gender", N_("Gender") },
  { "origin", N_("Origin") },
  { "disambiguation", N_("Disambiguation") },
  { "musicbrainz_id", N_("MusicBrainz ID") },
  { "audiodb_id", N_("TheAudioDB ID") },
  { "discogs_id", N_("Discogs ID") },
  { "wikidata_id", N_("Wikidata ID") },
  { "deezer_id", N_("Deezer ID") },
  { "biography", N_("Biography") },
  { "genres", N_("Genres") },
  { "styles", N_("Styles") },
  { "moods", N_("Moods") },
  { "years_active", N_("Years active") },
  { "born", N_("Born") },
  { "formed", N_("Formed") },
  { "died", N_("Died") },
  { "disbanded", N_("Disbanded") },
};

static void
field_routes_free (FieldRoutes *routes)
{
  g_clear_object (&routes->service);
  g_free (routes->prefix);
  g_free (routes);
}

static const char *
label_of (const char *field)
{
  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].field, field))
      return _(labels[i].label);
  return field;
}

/* The field named in the path, from the editable list; NULL when it has answered. */
static const char *
editable_field (SwHttpMessage *msg,
                GHashTable    *params)
{
  const char *field = sw_artist_request_param (msg, params, "field");
  const char * const *fields = sw_artist_editable_fields ();

  if (field == NULL)
    return NULL;

  for (guint i = 0; fields[i] != NULL; i++)
    if (g_str_equal (fields[i], field))
      return fields[i];

  {
    g_autofree char *message = g_strdup_printf (_("“%s” is not an editable artist field"),
                                                field);

    sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST, message);
  }
  return NULL;
}

/* The stored value: text, or for list fields the items (@items) and their text joined
 * with ", ". */
static char *
field_value (SwArtist     *artist,
             const char   *field,
             char       ***items)
{
  g_autoptr(JsonNode) json = sw_artist_to_json (artist);
  JsonNode *member = json_object_get_member (json_node_get_object (json), field);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  if (member != NULL && JSON_NODE_HOLDS_VALUE (member))
    return g_strdup (json_node_get_string (member));

  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_strv_builder_add (builder, json_array_get_string_element (array, i));
    }
  list = g_strv_builder_end (builder);

  if (items != NULL)
    *items = g_strdupv (list);
  return g_strjoinv (", ", list);
}

static char *
field_url (FieldRoutes *routes,
           SwArtist    *artist,
           const char  *field,
           const char  *suffix)
{
  g_autofree char *id = g_uri_escape_string (sw_artist_get_id (artist), NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("%s/artists/%s/fields/%s%s", routes->prefix, id, field,
                                          suffix);

  return g_markup_escape_text (url, -1);
}

/* The read-only cell; clicking "Edit" swaps in the form. */
static char *
render_display (FieldRoutes *routes,
                SwArtist    *artist,
                const char  *field)
{
  g_auto(GStrv) items = NULL;
  g_autofree char *value = field_value (artist, field, &items);
  g_autofree char *label = g_markup_escape_text (label_of (field), -1);
  g_autofree char *edit_url = field_url (routes, artist, field, "/edit");
  g_autofree char *edit = g_markup_escape_text (_("Edit"), -1);
  GString *html = g_string_new (NULL);

  g_string_append_printf (html,
                          "<div class=\"field-display\" id=\"field-%s\" data-field=\"%s\">"
                          "<span class=\"field-label\">%s</span>", field, field, label);

  if (value[0] == '\0')
    {
      g_autofree char *empty = g_markup_escape_text (_("Not set"), -1);

      g_string_append_printf (html, "<span class=\"field-value field-empty\">%s</span>", empty);
    }
  else if (sw_artist_field_is_list (field))
    {
      g_string_append (html, "<ul class=\"field-value field-tags\">");
      for (guint i = 0; items[i] != NULL; i++)
        {
          g_autofree char *item = g_markup_escape_text (items[i], -1);

          g_string_append_printf (html, "<li>%s</li>", item);
        }
      g_string_append (html, "</ul>");
    }
  else
    {
      g_autofree char *escaped = g_markup_escape_text (value, -1);

      g_string_append_printf (html, "<span class=\"field-value\">%s</span>", escaped);
    }

  g_string_append_printf (html,
                          "<button type=\"button\" class=\"field-edit-button\" hx-get=\"%s\" "
                          "hx-target=\"#field-%s\" hx-swap=\"outerHTML\">%s</button></div>",
                          edit_url, field, edit);
  return g_string_free (html, FALSE);
}

/* The form: saving PATCHes the field (a form body) and swaps the display cell back. */
static char *
render_edit (FieldRoutes *routes,
             SwArtist    *artist,
             const char  *field)
{
  g_autofree char *value = field_value (artist, field, NULL);
  g_autofree char *escaped = g_markup_escape_text (value, -1);
  g_autofree char *label = g_markup_escape_text (label_of (field), -1);
  g_autofree char *patch_url = field_url (routes, artist, field, "");
  g_autofree char *display_url = field_url (routes, artist, field, "/display");
  g_autofree char *save = g_markup_escape_text (_("Save"), -1);
  g_autofree char *cancel = g_markup_escape_text (_("Cancel"), -1);
  GString *html = g_string_new (NULL);

  g_string_append_printf (html,
                          "<form class=\"field-edit\" id=\"field-%s\" data-field=\"%s\" "
                          "hx-patch=\"%s\" hx-target=\"this\" hx-swap=\"outerHTML\">"
                          "<label for=\"field-%s-input\">%s</label>",
                          field, field, patch_url, field, label);

  if (g_str_equal (field, "biography"))
    g_string_append_printf (html, "<textarea id=\"field-%s-input\" name=\"value\" rows=\"10\">"
                            "%s</textarea>", field, escaped);
  else
    g_string_append_printf (html, "<input id=\"field-%s-input\" type=\"text\" name=\"value\" "
                            "value=\"%s\">", field, escaped);

  if (sw_artist_field_is_list (field))
    {
      g_autofree char *hint = g_markup_escape_text (_("Separate items with commas"), -1);

      g_string_append_printf (html, "<small class=\"field-hint\">%s</small>", hint);
    }

  g_string_append_printf (html,
                          "<button type=\"submit\">%s</button>"
                          "<button type=\"button\" hx-get=\"%s\" hx-target=\"#field-%s\" "
                          "hx-swap=\"outerHTML\">%s</button></form>",
                          save, display_url, field, cancel);
  return g_string_free (html, FALSE);
}

static void
respond_field (SwHttpMessage *msg,
               SwArtist      *artist,
               const char    *field,
               const char    *status_text,
               gboolean       with_value)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = NULL;

  if (status_text != NULL)
    json_object_set_string_member (object, "status", status_text);
  json_object_set_string_member (object, "field", field);
  if (with_value)
    {
      g_autofree char *value = field_value (artist, field, NULL);

      json_object_set_string_member (object, "value", value);
    }
  body = json_node_init_object (json_node_alloc (), object);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

/* The artist of the path, or NULL when it has answered (404). */
static SwArtist *
load_artist (SwHttpMessage *msg,
             GHashTable    *params,
             FieldRoutes   *routes)
{
  const char *id = sw_artist_request_param (msg, params, "id");
  g_autoptr(GError) error = NULL;
  SwArtist *artist;

  if (id == NULL)
    return NULL;

  artist = sw_artist_store_get (sw_artist_service_get_store (routes->service), id, &error);
  if (artist == NULL)
    sw_http_respond_gerror (msg, error);
  return artist;
}

static void
get_display (SwHttpMessage *msg,
             GHashTable    *params,
             gpointer       user_data)
{
  FieldRoutes *routes = user_data;
  const char *field = editable_field (msg, params);
  g_autoptr(SwArtist) artist = NULL;

  if (field == NULL || (artist = load_artist (msg, params, routes)) == NULL)
    return;

  if (sw_artist_request_is_htmx (msg))
    sw_artist_request_respond_html (msg, SOUP_STATUS_OK, render_display (routes, artist, field));
  else
    respond_field (msg, artist, field, NULL, TRUE);
}

static void
get_edit (SwHttpMessage *msg,
          GHashTable    *params,
          gpointer       user_data)
{
  FieldRoutes *routes = user_data;
  const char *field = editable_field (msg, params);
  g_autoptr(SwArtist) artist = NULL;

  if (field == NULL || (artist = load_artist (msg, params, routes)) == NULL)
    return;

  if (sw_artist_request_is_htmx (msg))
    sw_artist_request_respond_html (msg, SOUP_STATUS_OK, render_edit (routes, artist, field));
  else
    respond_field (msg, artist, field, NULL, TRUE);
}

/* "value" as the service takes it. A list field takes a JSON array, either as such or
 * as its text, or comma-separated text (what the edit form sends). NULL when it has
 * answered 400. */
static char *
value_for_service (SwHttpMessage *msg,
                   JsonObject    *body,
                   const char    *field)
{
  JsonNode *node = json_object_get_member (body, "value");
  gboolean is_list = sw_artist_field_is_list (field);
  g_auto(GStrv) items = NULL;
  const char *text;

  if (node != NULL && is_list && JSON_NODE_HOLDS_ARRAY (node))
    return json_to_string (node, FALSE);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                             is_list ? _("value is a required string or array of strings")
                                     : _("value is a required string"));
      return NULL;
    }

  text = json_node_get_string (node);
  if (!is_list || text[0] == '\0')
    return g_strdup (text);

  /* The service trims the items and drops empty ones and repeats. */
  while (g_ascii_isspace (*text))
    text++;
  if (text[0] == '[')
    return g_strdup (text);
  items = g_strsplit (text, ",", -1);
  return sw_json_text_from_strv ((const char * const *) items);
}

/* After a change: the display cell for the web UI, else {status, field[, value]}. */
static void
respond_changed (SwHttpMessage *msg,
                 FieldRoutes   *routes,
                 GHashTable    *params,
                 const char    *field,
                 const char    *status_text,
                 gboolean       with_value)
{
  g_autoptr(SwArtist) artist = load_artist (msg, params, routes);

  if (artist == NULL)
    return;

  if (sw_artist_request_is_htmx (msg))
    sw_artist_request_respond_html (msg, SOUP_STATUS_OK, render_display (routes, artist, field));
  else
    respond_field (msg, artist, field, status_text, with_value);
}

static void
patch_field (SwHttpMessage *msg,
             GHashTable    *params,
             gpointer       user_data)
{
  FieldRoutes *routes = user_data;
  const char *field = editable_field (msg, params);
  const char *id = field != NULL ? sw_artist_request_param (msg, params, "id") : NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;

  if (id == NULL || (body = sw_artist_request_read_object (msg)) == NULL ||
      (value = value_for_service (msg, body, field)) == NULL)
    return;

  /* Validation (an empty name, a malformed MBID …) is the service's: a 400 then. */
  if (!sw_artist_service_update_field (routes->service, id, field, value, "manual", "operator",
                                       &error))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }
  respond_changed (msg, routes, params, field, "updated", TRUE);
}

static void
delete_field (SwHttpMessage *msg,
              GHashTable    *params,
              gpointer       user_data)
{
  FieldRoutes *routes = user_data;
  const char *field = editable_field (msg, params);
  const char *id = field != NULL ? sw_artist_request_param (msg, params, "id") : NULL;
  g_autoptr(GError) error = NULL;

  if (id == NULL)
    return;

  /* The name cannot be cleared: the service says so (400). */
  if (!sw_artist_service_clear_field (routes->service, id, field, "manual", &error))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }
  respond_changed (msg, routes, params, field, "cleared", FALSE);
}

void
sw_routes_artist_fields_register (SwRouter        *router,
                                  SwArtistService *service)
{
  FieldRoutes *routes;

  g_return_if_fail (SW_IS_ROUTER (router));
  g_return_if_fail (SW_IS_ARTIST_SERVICE (service));

  routes = g_new0 (FieldRoutes, 1);
  routes->service = g_object_ref (service);
  routes->prefix = g_strdup (sw_router_get_prefix (router));
  g_object_set_data_full (G_OBJECT (router), "sw-artist-field-routes", routes,
                          (GDestroyNotify) field_routes_free);

  sw_router_add (router, "PATCH", "/artists/{id}/fields/{field}", NULL, NULL,
                 patch_field, routes);
  sw_router_add (router, SOUP_METHOD_DELETE, "/artists/{id}/fields/{field}", NULL, NULL,
                 delete_field, routes);
  sw_router_add (router, SOUP_METHOD_GET, "/artists/{id}/fields/{field}/display", NULL, NULL,
                 get_display, routes);
  sw_router_add (router, SOUP_METHOD_GET, "/artists/{id}/fields/{field}/edit", NULL, NULL,
                 get_edit, routes);
}

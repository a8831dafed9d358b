/* sw-routes-artist-members.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-http.h"
#include "sw-member-private.h"
#include "sw-routes-artist-members.h"
#include "sw-routes-artist-request.h"

/* Band members: cleared, or replaced by the list a provider lookup offered and the
 * operator accepted (so the change is "manual"). */

#define MAX_MEMBERS 500

static const char *
text_or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

/* The artist page's members section, for the web UI. */
static char *
render_members (GPtrArray *members)
{
  GString *html = g_string_new ("<section class=\"artist-members\" id=\"artist-members\">");
  g_autofree char *heading = g_markup_escape_text (_("Band members"), -1);

  g_string_append_printf (html, "<h3>%s</h3>", heading);
  if (members->len == 0)
    {
      g_autofree char *none = g_markup_escape_text (_("No band members"), -1);

      g_string_append_printf (html, "<p class=\"members-empty\">%s</p></section>", none);
      return g_string_free (html, FALSE);
    }

  g_string_append (html, "<ul class=\"members\">");
  for (guint i = 0; i < members->len; i++)
    {
      SwMember *member = g_ptr_array_index (members, i);
      g_autofree char *name = g_markup_escape_text (text_or_empty (member->member_name), -1);

      g_string_append_printf (html, "<li><span class=\"member-name\">%s</span>", name);
      if (member->instruments != NULL && member->instruments[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv (", ", member->instruments);
          g_autofree char *instruments = g_markup_escape_text (joined, -1);

          g_string_append_printf (html, " <span class=\"member-instruments\">%s</span>",
                                  instruments);
        }
      if (!is_empty (member->date_joined) || !is_empty (member->date_left))
        {
          g_autofree char *joined = g_markup_escape_text (text_or_empty (member->date_joined), -1);
          g_autofree char *left = g_markup_escape_text (text_or_empty (member->date_left), -1);

          g_string_append_printf (html, " <span class=\"member-dates\">%s–%s</span>", joined,
                                  left);
        }
      g_string_append (html, "</li>");
    }

  g_string_append (html, "</ul></section>");
  return g_string_free (html, FALSE);
}

/* After a change: the section for HX-Request, else {"status": @status_text}. */
static void
respond_members (SwHttpMessage   *msg,
                 SwArtistService *service,
                 const char      *id,
                 const char      *status_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;

  if (!sw_artist_request_is_htmx (msg))
    {
      sw_artist_request_respond_status (msg, status_text);
      return;
    }

  members = sw_artist_service_list_members (service, id, &error);
  if (members == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }
  sw_artist_request_respond_html (msg, SOUP_STATUS_OK, render_members (members));
}

static void
delete_members (SwHttpMessage *msg,
                GHashTable    *params,
                gpointer       user_data)
{
  SwArtistService *service = user_data;
  const char *id = sw_artist_request_param (msg, params, "id");
  g_autoptr(GError) error = NULL;

  if (id == NULL)
    return;

  if (!sw_artist_service_clear_members (service, id, "manual", &error))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }
  respond_members (msg, service, id, "cleared");
}

static gboolean
bad_member (SwHttpMessage *msg,
            guint          index,
            const char    *name,
            const char    *expected)
{
  g_autofree char *message = g_strdup_printf (_("Member %u: %s must be %s"), index + 1, name,
                                              expected);

  sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST, message);
  return FALSE;
}

/* An optional string member: absent or null is NULL. */
static gboolean
read_text (SwHttpMessage  *msg,
           JsonObject     *object,
           guint           index,
           const char     *name,
           char          **text)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return bad_member (msg, index, name, _("a string"));

  *text = g_strstrip (g_strdup (json_node_get_string (node)));
  return TRUE;
}

static gboolean
read_instruments (SwHttpMessage   *msg,
                  JsonObject      *object,
                  guint            index,
                  char          ***instruments)
{
  JsonNode *node = json_object_get_member (object, "instruments");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return bad_member (msg, index, "instruments", _("an array of strings"));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        return bad_member (msg, index, "instruments", _("an array of strings"));
      g_strv_builder_add (builder, json_node_get_string (item));
    }

  *instruments = g_strv_builder_end (builder);
  return TRUE;
}

/* The provider's member shape (name, mbid, instruments, vocal_type, date_joined,
 * date_left, is_active) as SwMembers; NULL when it has answered 400. */
static GPtrArray *
read_members (SwHttpMessage *msg,
              JsonNode      *body)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (body))
    {
      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                             _("The body must be a JSON array of members"));
      return NULL;
    }
  array = json_node_get_array (body);
  if (json_array_get_length (array) > MAX_MEMBERS)
    {
      g_autofree char *message = g_strdup_printf (_("At most %d members can be saved"),
                                                  MAX_MEMBERS);

      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST, message);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(SwMember) member = sw_member_new ();
      JsonObject *object;
      JsonNode *active;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          bad_member (msg, i, _("the entry"), _("an object"));
          return NULL;
        }
      object = json_node_get_object (element);

      if (!read_text (msg, object, i, "name", &member->member_name) ||
          !read_text (msg, object, i, "mbid", &member->member_mbid) ||
          !read_instruments (msg, object, i, &member->instruments) ||
          !read_text (msg, object, i, "vocal_type", &member->vocal_type) ||
          !read_text (msg, object, i, "date_joined", &member->date_joined) ||
          !read_text (msg, object, i, "date_left", &member->date_left))
        return NULL;

      /* Checked for shape only: whether a member is current follows from date_left. */
      active = json_object_get_member (object, "is_active");
      if (active != NULL && !JSON_NODE_HOLDS_NULL (active) &&
          (!JSON_NODE_HOLDS_VALUE (active) || json_node_get_value_type (active) != G_TYPE_BOOLEAN))
        {
          bad_member (msg, i, "is_active", _("true or false"));
          return NULL;
        }

      g_ptr_array_add (members, g_steal_pointer (&member));
    }

  return g_steal_pointer (&members);
}

static void
post_members_from_provider (SwHttpMessage *msg,
                            GHashTable    *params,
                            gpointer       user_data)
{
  SwArtistService *service = user_data;
  const char *id = sw_artist_request_param (msg, params, "id");
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;

  if (id == NULL || (body = sw_artist_request_read_json (msg)) == NULL ||
      (members = read_members (msg, body)) == NULL)
    return;

  /* Names and MBIDs are validated by the service: nothing is saved unless all pass. */
  if (!sw_artist_service_save_members (service, id, members, "manual", &error))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }
  respond_members (msg, service, id, "saved");
}

void
sw_routes_artist_members_register (SwRouter        *router,
                                   SwArtistService *service)
{
  g_return_if_fail (SW_IS_ROUTER (router));
  g_return_if_fail (SW_IS_ARTIST_SERVICE (service));

  g_object_set_data_full (G_OBJECT (router), "sw-artist-member-routes", g_object_ref (service),
                          g_object_unref);

  sw_router_add (router, SOUP_METHOD_DELETE, "/artists/{id}/members", NULL, NULL,
                 delete_members, service);
  sw_router_add (router, SOUP_METHOD_POST, "/artists/{id}/members/from-provider", NULL, NULL,
                 post_members_from_provider, service);
}

/* sw-artist-extras.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-aliases-group.h"
#include "sw-artist-extras.h"
#include "sw-artist-history-view.h"
#include "sw-artist-images-group.h"
#include "sw-artist-members-group.h"
#include "sw-artist-query.h"

struct _SwArtistExtras
{
  GObject parent_instance;

  SwArtistService *service;
  SwEvents *events;
  guint subscription;
  guint refresh_source;
  char *artist_id;

  GtkWidget *images;
  GtkWidget *aliases;
  GtkWidget *members;
  GtkWidget *history;
};

G_DEFINE_FINAL_TYPE (SwArtistExtras, sw_artist_extras, G_TYPE_OBJECT)

/* The images group wants the artist itself: its slots' sizes and flags. */
static void
load_images (SwArtistExtras *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwArtist) artist = NULL;

  if (self->artist_id != NULL)
    {
      artist = sw_artist_store_get (sw_artist_service_get_store (self->service), self->artist_id,
                                    &error);
      if (artist == NULL && error != NULL)
        g_warning ("Could not read artist %s: %s", self->artist_id, error->message);
    }
  sw_artist_images_group_set_artist (SW_ARTIST_IMAGES_GROUP (self->images), artist);
}

static void
refresh (SwArtistExtras *self)
{
  load_images (self);
  sw_artist_aliases_group_set_artist_id (SW_ARTIST_ALIASES_GROUP (self->aliases),
                                         self->artist_id);
  sw_artist_members_group_set_artist_id (SW_ARTIST_MEMBERS_GROUP (self->members),
                                         self->artist_id);
  sw_artist_history_view_set_artist_id (SW_ARTIST_HISTORY_VIEW (self->history),
                                        self->artist_id);
}

static gboolean
refresh_cb (gpointer user_data)
{
  SwArtistExtras *self = user_data;

  self->refresh_source = 0;
  load_images (self);
  sw_artist_history_view_reload (SW_ARTIST_HISTORY_VIEW (self->history));
  return G_SOURCE_REMOVE;
}

/* An event about the shown artist (or a scan, which may have changed its images);
 * a burst of them refreshes once. */
static void
event_cb (SwEvent  *event,
          gpointer  user_data)
{
  SwArtistExtras *self = user_data;
  JsonNode *payload = sw_event_get_payload (event);
  const char *id = NULL;

  if (self->artist_id == NULL)
    return;

  if (!g_str_equal (sw_event_get_name (event), SW_EVENT_SCAN_COMPLETED))
    {
      if (payload != NULL && JSON_NODE_HOLDS_OBJECT (payload))
        id = json_object_get_string_member_with_default (json_node_get_object (payload), "id",
                                                         NULL);
      if (g_strcmp0 (id, self->artist_id) != 0)
        return;
    }

  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (100, refresh_cb, self);
}

static void
sw_artist_extras_dispose (GObject *object)
{
  SwArtistExtras *self = SW_ARTIST_EXTRAS (object);

  if (self->subscription != 0)
    sw_events_unsubscribe (self->events, self->subscription);
  self->subscription = 0;
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_object (&self->events);
  g_clear_object (&self->service);
  g_clear_pointer (&self->artist_id, g_free);

  G_OBJECT_CLASS (sw_artist_extras_parent_class)->dispose (object);
}

static void
sw_artist_extras_class_init (SwArtistExtrasClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sw_artist_extras_dispose;
}

static void
sw_artist_extras_init (SwArtistExtras *self)
{
}

SwArtistExtras *
sw_artist_extras_new (SwArtistEditor  *editor,
                      SwArtistService *service,
                      SwEvents        *events)
{
  static const char *const types[] = {
    SW_EVENT_ARTIST_UPDATED, SW_EVENT_SCAN_COMPLETED, NULL
  };
  SwArtistExtras *self;
  GtkBox *sections;
  AdwViewStackPage *history_page;

  g_return_val_if_fail (SW_IS_ARTIST_EDITOR (editor), NULL);
  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (service), NULL);
  g_return_val_if_fail (SW_IS_EVENTS (events), NULL);

  self = g_object_new (SW_TYPE_ARTIST_EXTRAS, NULL);
  self->service = g_object_ref (service);
  self->events = g_object_ref (events);

  /* The editor owns the widgets; they live as long as it does. */
  sections = sw_artist_editor_get_sections (editor);
  self->images = sw_artist_images_group_new (service);
  self->aliases = sw_artist_aliases_group_new (service);
  self->members = sw_artist_members_group_new (service);
  gtk_box_append (sections, self->images);
  gtk_box_append (sections, self->members);
  gtk_box_append (sections, self->aliases);

  self->history = sw_artist_history_view_new (service);
  history_page = adw_view_stack_add_titled (sw_artist_editor_get_view_stack (editor),
                                            self->history, "history", _("History"));
  adw_view_stack_page_set_icon_name (history_page, "document-open-recent-symbolic");

  /* Unsubscribed in dispose, after which the callback never runs: no reference. */
  self->subscription = sw_events_subscribe (events, types, NULL, event_cb, self, NULL);
  return self;
}

void
sw_artist_extras_set_artist_id (SwArtistExtras *self,
                                const char     *artist_id)
{
  g_return_if_fail (SW_IS_ARTIST_EXTRAS (self));

  if (g_strcmp0 (artist_id, self->artist_id) == 0)
    return;

  g_free (self->artist_id);
  self->artist_id = g_strdup (artist_id);
  refresh (self);
}

/* sw-artist-editor.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-editor-fields.h"
#include "sw-artist-editor-private.h"
#include "sw-artist-query.h"
#include "sw-ui.h"

G_DEFINE_FINAL_TYPE (SwArtistEditor, sw_artist_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SERVICE,
  PROP_EVENTS,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_sw_artist_editor_toast (SwArtistEditor *self,
                         AdwToast       *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

void
_sw_artist_editor_show_error (SwArtistEditor *self,
                              const GError   *error)
{
  _sw_artist_editor_toast (self, adw_toast_new (error->message));
}

/* Showing the artist ------------------------------------------------------------------- */

static void
update_header (SwArtistEditor *self)
{
  SwArtist *artist = self->artist;
  const char *name = sw_artist_get_name (artist);
  const char *mbid = sw_artist_get_musicbrainz_id (artist);
  gboolean locked = sw_artist_get_locked (artist);
  g_autofree char *disambiguation = NULL;
  g_autofree char *path = NULL;

  g_object_get (artist, "disambiguation", &disambiguation, "path", &path, NULL);
  adw_view_switcher_title_set_title (self->switcher_title, name);
  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->disambiguation_label, disambiguation ? disambiguation : "");
  gtk_widget_set_visible (GTK_WIDGET (self->disambiguation_label),
                          disambiguation != NULL && *disambiguation != '\0');

  if (*mbid != '\0')
    {
      g_autofree char *markup =
        g_markup_printf_escaped ("<a href=\"https://musicbrainz.org/artist/%s\">%s</a>", mbid,
                                 _("MusicBrainz"));

      gtk_label_set_markup (self->mbid_badge, markup);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->mbid_badge), mbid);
      gtk_widget_remove_css_class (GTK_WIDGET (self->mbid_badge), "warning");
    }
  else
    {
      gtk_label_set_text (self->mbid_badge, _("Not identified"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->mbid_badge),
                                   _("No MusicBrainz ID: providers cannot match this artist reliably"));
      gtk_widget_add_css_class (GTK_WIDGET (self->mbid_badge), "warning");
    }
  gtk_widget_set_visible (self->locked_badge, locked);

  gtk_button_set_icon_name (self->lock_button,
                            locked ? "changes-prevent-symbolic" : "changes-allow-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->lock_button),
                               locked ? _("Unlock Artist (Ctrl+L)") : _("Lock Artist (Ctrl+L)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->lock_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  locked ? _("Unlock Artist") : _("Lock Artist"), -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.open-folder",
                                 path != NULL && *path != '\0');
}

/* Born/died for people, formed/disbanded for groups; a stored value always shows. */
static void
update_date_rows (SwArtistEditor *self)
{
  gboolean group = sw_artist_type_is_group (sw_artist_get_artist_type (self->artist));
  SwFieldRow *person_rows[] = { self->born_row, self->died_row };
  SwFieldRow *group_rows[] = { self->formed_row, self->disbanded_row };

  for (guint i = 0; i < G_N_ELEMENTS (person_rows); i++)
    {
      gtk_widget_set_visible (GTK_WIDGET (person_rows[i]),
                              !group || *sw_field_row_get_value (person_rows[i]) != '\0');
      gtk_widget_set_visible (GTK_WIDGET (group_rows[i]),
                              group || *sw_field_row_get_value (group_rows[i]) != '\0');
    }
}

static void
fill_rows (SwArtistEditor *self,
           const char     *forced_field)
{
  self->loading = TRUE;
  for (guint i = 0; i < self->entry_rows->len; i++)
    {
      SwFieldRow *row = self->entry_rows->pdata[i];
      const char *field = sw_field_row_get_field (row);
      g_autofree char *text = sw_artist_editor_field_display (self->artist, field);

      sw_field_row_set_value (row, text, g_strcmp0 (field, forced_field) == 0);
    }
  {
    g_autofree char *biography = sw_artist_editor_field_display (self->artist, "biography");

    sw_field_row_text_set_value (self->biography_row, biography,
                                 g_strcmp0 (forced_field, "biography") == 0);
  }
  adw_combo_row_set_selected (self->type_row,
                              sw_artist_editor_combo_position ("type",
                                                               sw_artist_get_artist_type (self->artist)));
  {
    g_autofree char *gender = sw_artist_editor_field_display (self->artist, "gender");

    adw_combo_row_set_selected (self->gender_row,
                                sw_artist_editor_combo_position ("gender", gender));
  }
  for (guint i = 0; i < self->locks->len; i++)
    {
      SwFieldRowLock *lock = self->locks->pdata[i];

      sw_field_row_lock_set_locked (lock, sw_artist_is_field_locked (self->artist,
                                                                     sw_field_row_lock_get_field (lock)));
    }
  self->loading = FALSE;

  update_header (self);
  update_date_rows (self);
}

/* Reads the artist again; a vanished one shows "Artist Not Found". @forced_field's row
 * takes the stored value even over unsaved text (it was just saved or undone). */
void
_sw_artist_editor_reload (SwArtistEditor *self,
                          const char     *forced_field)
{
  g_autoptr(GError) error = NULL;
  SwArtist *artist;

  if (self->artist_id == NULL)
    {
      g_clear_object (&self->artist);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      adw_view_switcher_title_set_title (self->switcher_title, "");
    }
  else if ((artist = sw_artist_store_get (sw_artist_service_get_store (self->service),
                                          self->artist_id, &error)) == NULL)
    {
      if (!g_error_matches (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND))
        g_warning ("Could not read artist %s: %s", self->artist_id, error->message);
      g_clear_object (&self->artist);
      gtk_stack_set_visible_child_name (self->content_stack, "not-found");
      adw_view_switcher_title_set_title (self->switcher_title, "");
    }
  else
    {
      g_clear_object (&self->artist);
      self->artist = artist;
      fill_rows (self, forced_field);
      gtk_stack_set_visible_child_name (self->content_stack, "artist");
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.toggle-lock", self->artist != NULL);
  /* Without an artist the header bar offers nothing: no tabs, no actions. */
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_title), self->artist != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->lock_button), self->artist != NULL);
  gtk_widget_set_visible (self->open_folder_button, self->artist != NULL);
  if (self->artist == NULL)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.open-folder", FALSE);
}

static gboolean
reload_cb (gpointer data)
{
  SwArtistEditor *self = data;

  self->reload_source = 0;
  _sw_artist_editor_reload (self, NULL);
  return G_SOURCE_REMOVE;
}

/* Events come in bursts (a reload from file is one per field): one read for all. */
void
_sw_artist_editor_queue_reload (SwArtistEditor *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (50, reload_cb, self);
}

static void
event_cb (SwEvent  *event,
          gpointer  user_data)
{
  SwArtistEditor *self = user_data;
  JsonNode *payload = sw_event_get_payload (event);
  const char *id = NULL;

  if (self->artist_id == NULL)
    return;
  if (g_str_equal (sw_event_get_name (event), SW_EVENT_SCAN_COMPLETED))
    {
      _sw_artist_editor_queue_reload (self);
      _sw_artist_editor_nfo_queue_check (self, 0);
      return;
    }
  if (payload != NULL && JSON_NODE_HOLDS_OBJECT (payload))
    id = json_object_get_string_member_with_default (json_node_get_object (payload), "id", NULL);
  if (g_strcmp0 (id, self->artist_id) == 0)
    _sw_artist_editor_queue_reload (self);
}

/* Saving -------------------------------------------------------------------------------- */

static void
sw_artist_editor_dispose (GObject *object)
{
  SwArtistEditor *self = SW_ARTIST_EDITOR (object);

  if (self->subscription != 0)
    {
      sw_events_unsubscribe (self->events, self->subscription);
      self->subscription = 0;
    }
  g_clear_handle_id (&self->reload_source, g_source_remove);
  _sw_artist_editor_nfo_stop (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_ARTIST_EDITOR);

  g_clear_object (&self->artist);
  g_clear_object (&self->service);
  g_clear_object (&self->events);

  G_OBJECT_CLASS (sw_artist_editor_parent_class)->dispose (object);
}

static void
sw_artist_editor_finalize (GObject *object)
{
  SwArtistEditor *self = SW_ARTIST_EDITOR (object);

  g_free (self->artist_id);
  g_free (self->undo_artist_id);
  g_free (self->undo_field);
  g_free (self->undo_value);
  g_ptr_array_unref (self->entry_rows);
  g_ptr_array_unref (self->locks);

  G_OBJECT_CLASS (sw_artist_editor_parent_class)->finalize (object);
}

static void
sw_artist_editor_constructed (GObject *object)
{
  SwArtistEditor *self = SW_ARTIST_EDITOR (object);
  static const char *const types[] = {
    SW_EVENT_ARTIST_UPDATED, SW_EVENT_ARTIST_NEW, SW_EVENT_SCAN_COMPLETED, NULL
  };

  G_OBJECT_CLASS (sw_artist_editor_parent_class)->constructed (object);

  g_return_if_fail (SW_IS_ARTIST_SERVICE (self->service));
  g_return_if_fail (SW_IS_EVENTS (self->events));

  /* Unsubscribed in dispose, after which the callback never runs: no reference. */
  self->subscription = sw_events_subscribe (self->events, types, NULL, event_cb, self, NULL);
  _sw_artist_editor_reload (self, NULL);
}

static void
sw_artist_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SwArtistEditor *self = SW_ARTIST_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    case PROP_EVENTS:
      g_value_set_object (value, self->events);
      break;
    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, gtk_widget_get_visible (GTK_WIDGET (self->back_button)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_artist_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SwArtistEditor *self = SW_ARTIST_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;
    case PROP_EVENTS:
      self->events = g_value_dup_object (value);
      break;
    case PROP_SHOW_BACK_BUTTON:
      if (g_value_get_boolean (value) != gtk_widget_get_visible (GTK_WIDGET (self->back_button)))
        {
          gtk_widget_set_visible (GTK_WIDGET (self->back_button), g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_artist_editor_class_init (SwArtistEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sw_artist_editor_constructed;
  object_class->dispose = sw_artist_editor_dispose;
  object_class->finalize = sw_artist_editor_finalize;
  object_class->get_property = sw_artist_editor_get_property;
  object_class->set_property = sw_artist_editor_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, SW_TYPE_ARTIST_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENTS] =
    g_param_spec_object ("events", NULL, NULL, SW_TYPE_EVENTS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SW_TYPE_FIELD_ROW);
  g_type_ensure (SW_TYPE_FIELD_ROW_LOCK);
  g_type_ensure (SW_TYPE_FIELD_ROW_TEXT);

  sw_ui_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "sw-artist-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, back_button);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, lock_button);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, open_folder_button);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, details_box);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, conflict_bar);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, avatar);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, name_label);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, disambiguation_label);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, mbid_badge);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, locked_badge);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, gender_row);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, biography_row);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, born_row);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, formed_row);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, died_row);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, disbanded_row);
  gtk_widget_class_bind_template_child (widget_class, SwArtistEditor, sections);

  _sw_artist_editor_edits_class_init (widget_class);
  _sw_artist_editor_nfo_class_init (widget_class);
}

static void
sw_artist_editor_init (SwArtistEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  _sw_artist_editor_edits_connect (self);
}

GtkWidget *
sw_artist_editor_new (SwArtistService *service,
                      SwEvents        *events)
{
  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (service), NULL);
  g_return_val_if_fail (SW_IS_EVENTS (events), NULL);

  return g_object_new (SW_TYPE_ARTIST_EDITOR, "service", service, "events", events, NULL);
}

void
sw_artist_editor_set_artist_id (SwArtistEditor *self,
                                const char     *artist_id)
{
  g_return_if_fail (SW_IS_ARTIST_EDITOR (self));

  if (g_strcmp0 (artist_id, self->artist_id) == 0)
    return;

  g_free (self->artist_id);
  self->artist_id = g_strdup (artist_id);
  /* A new artist: nothing typed for the old one survives. */
  g_clear_object (&self->artist);
  for (guint i = 0; i < self->entry_rows->len; i++)
    sw_field_row_set_value (self->entry_rows->pdata[i], "", TRUE);
  sw_field_row_text_set_value (self->biography_row, "", TRUE);
  adw_avatar_set_custom_image (self->avatar, NULL);
  _sw_artist_editor_reload (self, NULL);
  _sw_artist_editor_nfo_watch (self);
}

const char *
sw_artist_editor_get_artist_id (SwArtistEditor *self)
{
  g_return_val_if_fail (SW_IS_ARTIST_EDITOR (self), NULL);

  return self->artist_id;
}

void
sw_artist_editor_set_thumbnail (SwArtistEditor *self,
                                GdkPaintable   *thumbnail)
{
  g_return_if_fail (SW_IS_ARTIST_EDITOR (self));
  g_return_if_fail (thumbnail == NULL || GDK_IS_PAINTABLE (thumbnail));

  adw_avatar_set_custom_image (self->avatar, thumbnail);
}

GtkBox *
sw_artist_editor_get_sections (SwArtistEditor *self)
{
  g_return_val_if_fail (SW_IS_ARTIST_EDITOR (self), NULL);

  return self->sections;
}

AdwViewStack *
sw_artist_editor_get_view_stack (SwArtistEditor *self)
{
  g_return_val_if_fail (SW_IS_ARTIST_EDITOR (self), NULL);

  return self->view_stack;
}

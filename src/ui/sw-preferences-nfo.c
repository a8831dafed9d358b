/* sw-preferences-nfo.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-preferences-nfo.h"
#include "sw-settings.h"
#include "sw-ui.h"

/* The NFO output page: which lists go into <genre> and <style>. Every change is saved
 * at once through sw_settings_update_nfo_output(), the same validation as the API's
 * PUT /settings/nfo-output; a refused change is explained and the page shows the
 * stored values again. */
struct _SwPreferencesNfo
{
  AdwPreferencesPage parent_instance;

  SwSettings *settings;
  gboolean loading;         /* the switches are being set from the store */

  GtkSwitch *default_switch;
  AdwPreferencesGroup *custom_group;
  GtkCheckButton *genres_check;
  GtkCheckButton *styles_check;
  GtkCheckButton *moods_check;
  GtkSwitch *moods_as_styles_switch;
  AdwActionRow *remap_row;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (SwPreferencesNfo, sw_preferences_nfo, ADW_TYPE_PREFERENCES_PAGE)

static gboolean
array_has (JsonArray  *array,
           const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static void
load (SwPreferencesNfo *self)
{
  g_autoptr(JsonNode) node = sw_settings_get_nfo_output (self->settings);
  JsonObject *map = json_node_get_object (node);
  JsonNode *sources = json_object_get_member (map, "genre_sources");
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (sources) ? json_node_get_array (sources) : NULL;
  JsonNode *remap = json_object_get_member (map, "advanced_remap");
  gboolean default_behavior = json_object_get_boolean_member (map, "default_behavior");

  self->loading = TRUE;
  gtk_switch_set_active (self->default_switch, default_behavior);
  gtk_check_button_set_active (self->genres_check, array_has (array, "genres"));
  gtk_check_button_set_active (self->styles_check, array_has (array, "styles"));
  gtk_check_button_set_active (self->moods_check, array_has (array, "moods"));
  gtk_switch_set_active (self->moods_as_styles_switch,
                         json_object_get_boolean_member (map, "moods_as_styles"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->custom_group), !default_behavior);
  gtk_widget_set_visible (GTK_WIDGET (self->remap_row),
                          remap != NULL && !JSON_NODE_HOLDS_NULL (remap));
  self->loading = FALSE;
}

static void
show_error (SwPreferencesNfo *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
save (SwPreferencesNfo *self,
      JsonObject       *body)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) error = NULL;

  json_node_set_object (node, body);
  result = sw_settings_update_nfo_output (self->settings, node, &error);
  show_error (self, error != NULL ? error->message : NULL);
  load (self);
}

static gboolean
is_stored (SwPreferencesNfo *self,
           JsonObject       *body)
{
  g_autoptr(JsonNode) node = sw_settings_get_nfo_output (self->settings);
  JsonObject *map = json_node_get_object (node);
  const char *members[] = { "default_behavior", "moods_as_styles", "genre_sources" };

  for (gsize i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *stored = json_object_get_member (map, members[i]);

      if (stored == NULL || !json_node_equal (stored, json_object_get_member (body, members[i])))
        return FALSE;
    }
  return TRUE;
}

static void
changed_cb (SwPreferencesNfo *self)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonArray) sources = NULL;

  if (self->loading)
    return;

  sources = json_array_new ();
  if (gtk_check_button_get_active (self->genres_check))
    json_array_add_string_element (sources, "genres");
  if (gtk_check_button_get_active (self->styles_check))
    json_array_add_string_element (sources, "styles");
  if (gtk_check_button_get_active (self->moods_check))
    json_array_add_string_element (sources, "moods");

  /* An empty list would quietly fall back to genres only; say so instead. */
  if (json_array_get_length (sources) == 0)
    {
      show_error (self, _("Choose at least one list for the genre elements"));
      load (self);
      return;
    }

  body = json_object_new ();
  json_object_set_boolean_member (body, "default_behavior",
                                  gtk_switch_get_active (self->default_switch));
  json_object_set_boolean_member (body, "moods_as_styles",
                                  gtk_switch_get_active (self->moods_as_styles_switch));
  json_object_set_array_member (body, "genre_sources", g_steal_pointer (&sources));

  /* Putting a control back (after a refusal) notifies late; that is no change, and must
   * not hide the explanation. */
  if (is_stored (self, body))
    return;
  save (self, body);
}

static void
clear_remap_cb (SwPreferencesNfo *self)
{
  g_autoptr(JsonObject) body = json_object_new ();

  json_object_set_null_member (body, "advanced_remap");
  save (self, body);
}

static void
sw_preferences_nfo_dispose (GObject *object)
{
  SwPreferencesNfo *self = SW_PREFERENCES_NFO (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sw_preferences_nfo_parent_class)->dispose (object);
}

static void
sw_preferences_nfo_class_init (SwPreferencesNfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_preferences_nfo_dispose;

  sw_ui_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "sw-preferences-nfo.ui");
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesNfo, default_switch);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesNfo, custom_group);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesNfo, genres_check);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesNfo, styles_check);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesNfo, moods_check);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesNfo, moods_as_styles_switch);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesNfo, remap_row);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesNfo, error_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_remap_cb);
}

static void
sw_preferences_nfo_init (SwPreferencesNfo *self)
{
  /* The template's signals fire while it is built; nothing is loaded yet. */
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sw_preferences_nfo_new (SwStore *store)
{
  SwPreferencesNfo *self;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);

  self = g_object_new (SW_TYPE_PREFERENCES_NFO, NULL);
  self->settings = sw_settings_new (store);
  load (self);
  return GTK_WIDGET (self);
}

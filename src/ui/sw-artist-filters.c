/* sw-artist-filters.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-filters.h"
#include "sw-library.h"

struct _SwArtistFilters
{
  GObject parent_instance;

  SwArtistFiltersApply apply;
  gpointer apply_data;
  GSimpleActionGroup *actions;
  GHashTable *library_names;     /* id → name, for the chip */
};

G_DEFINE_FINAL_TYPE (SwArtistFilters, sw_artist_filters, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The "Show Only" filters: on means "+y" (only artists that match). */
static const struct
{
  const char *action;
  const char *param;
  const char *label;
} flag_filters[] = {
  { "filter-missing-meta", "filter_missing_meta", N_("Missing Metadata") },
  { "filter-missing-images", "filter_missing_images", N_("Missing Images") },
  { "filter-missing-mbid", "filter_missing_mbid", N_("Missing MusicBrainz ID") },
  { "filter-locked", "filter_locked", N_("Locked") },
  { "filter-excluded", "filter_excluded", N_("Excluded") },
};

static const struct
{
  const char *type;
  const char *label;
} type_filters[] = {
  { "person", N_("Persons") },
  { "group", N_("Groups") },
  { "orchestra", N_("Orchestras") },
  { "other", N_("Other Types") },
};

static void
set_param (SwArtistFilters *self,
           const char      *name,
           const char      *value)
{
  self->apply (name, value, self->apply_data);
}

/* Resetting a filter that is not set must not re-query the store. */
static gboolean
state_unchanged (GSimpleAction *action,
                 GVariant      *state)
{
  g_autoptr(GVariant) current = g_action_get_state (G_ACTION (action));

  return g_variant_equal (current, state);
}

static void
flag_changed (GSimpleAction *action,
              GVariant      *state,
              gpointer       user_data)
{
  SwArtistFilters *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));

  if (state_unchanged (action, state))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (flag_filters); i++)
    if (g_str_equal (flag_filters[i].action, name))
      set_param (self, flag_filters[i].param, g_variant_get_boolean (state) ? "+y" : "");

  g_simple_action_set_state (action, state);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
type_changed (GSimpleAction *action,
              GVariant      *state,
              gpointer       user_data)
{
  SwArtistFilters *self = user_data;
  const char *type = g_variant_get_string (state, NULL);

  if (state_unchanged (action, state))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (type_filters); i++)
    {
      g_autofree char *param = g_strconcat ("filter_type_", type_filters[i].type, NULL);

      set_param (self, param, g_str_equal (type, type_filters[i].type) ? "+y" : "");
    }

  g_simple_action_set_state (action, state);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
library_changed (GSimpleAction *action,
                 GVariant      *state,
                 gpointer       user_data)
{
  SwArtistFilters *self = user_data;

  if (state_unchanged (action, state))
    return;

  set_param (self, "library_id", g_variant_get_string (state, NULL));
  g_simple_action_set_state (action, state);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
sort_changed (GSimpleAction *action,
              GVariant      *state,
              gpointer       user_data)
{
  SwArtistFilters *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));

  if (state_unchanged (action, state))
    return;

  if (g_str_equal (name, "sort"))
    set_param (self, "sort", g_variant_get_string (state, NULL));
  else
    set_param (self, "order", g_variant_get_boolean (state) ? "desc" : "asc");

  g_simple_action_set_state (action, state);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
sw_artist_filters_dispose (GObject *object)
{
  SwArtistFilters *self = SW_ARTIST_FILTERS (object);

  g_clear_object (&self->actions);
  g_clear_pointer (&self->library_names, g_hash_table_unref);

  G_OBJECT_CLASS (sw_artist_filters_parent_class)->dispose (object);
}

static void
sw_artist_filters_class_init (SwArtistFiltersClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sw_artist_filters_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sw_artist_filters_init (SwArtistFilters *self)
{
  self->library_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

SwArtistFilters *
sw_artist_filters_new (SwArtistFiltersApply apply,
                       gpointer             user_data)
{
  SwArtistFilters *self;
  const GActionEntry entries[] = {
    { "sort", NULL, "s", "'name'", sort_changed },
    { "descending", NULL, NULL, "false", sort_changed },
    { "type", NULL, "s", "''", type_changed },
    { "library", NULL, "s", "''", library_changed },
  };

  g_return_val_if_fail (apply != NULL, NULL);

  self = g_object_new (SW_TYPE_ARTIST_FILTERS, NULL);
  self->apply = apply;
  self->apply_data = user_data;
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries,
                                   G_N_ELEMENTS (entries), self);

  for (guint i = 0; i < G_N_ELEMENTS (flag_filters); i++)
    {
      const GActionEntry flag = { flag_filters[i].action, NULL, NULL, "false", flag_changed };

      g_action_map_add_action_entries (G_ACTION_MAP (self->actions), &flag, 1, self);
    }

  return self;
}

GActionGroup *
sw_artist_filters_get_action_group (SwArtistFilters *self)
{
  g_return_val_if_fail (SW_IS_ARTIST_FILTERS (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

void
sw_artist_filters_fill_libraries (SwArtistFilters *self,
                                  GMenu           *section,
                                  GPtrArray       *libraries)
{
  g_return_if_fail (SW_IS_ARTIST_FILTERS (self));
  g_return_if_fail (G_IS_MENU (section));

  g_menu_remove_all (section);
  g_hash_table_remove_all (self->library_names);
  g_menu_append (section, _("All _Libraries"), "artists.library::");

  for (guint i = 0; i < libraries->len; i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GMenuItem) item = NULL;

      g_object_get (libraries->pdata[i], "id", &id, "name", &name, NULL);
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target (item, "artists.library", "s", id);
      g_menu_append_item (section, item);
      g_hash_table_insert (self->library_names, g_steal_pointer (&id), g_steal_pointer (&name));
    }
}

static void
chip_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  SwArtistFilters *self = user_data;
  const char *action = g_object_get_data (G_OBJECT (button), "sw-action");
  GVariant *cleared = g_object_get_data (G_OBJECT (button), "sw-cleared");

  g_action_group_change_action_state (G_ACTION_GROUP (self->actions), action, cleared);
}

static void
add_chip (SwArtistFilters *self,
          GtkFlowBox      *box,
          const char      *label,
          const char      *action,
          GVariant        *cleared)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *accessible = NULL;

  gtk_box_append (GTK_BOX (content), gtk_label_new (label));
  gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("window-close-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "small");

  /* TRANSLATORS: a button that removes the filter %s from the artist list */
  accessible = g_strdup_printf (_("Remove filter “%s”"), label);
  gtk_widget_set_tooltip_text (button, accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);

  g_object_set_data_full (G_OBJECT (button), "sw-action", g_strdup (action), g_free);
  g_object_set_data_full (G_OBJECT (button), "sw-cleared", g_variant_ref_sink (cleared),
                          (GDestroyNotify) g_variant_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (chip_clicked_cb), self, 0);
  gtk_flow_box_append (box, button);
}

static char *
state_string (SwArtistFilters *self,
              const char      *action)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (self->actions),
                                                               action);

  return g_variant_dup_string (state, NULL);
}

guint
sw_artist_filters_fill_chips (SwArtistFilters *self,
                              GtkFlowBox      *box)
{
  g_autofree char *type = NULL;
  g_autofree char *library = NULL;
  GtkWidget *child;
  guint n = 0;

  g_return_val_if_fail (SW_IS_ARTIST_FILTERS (self), 0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);

  for (guint i = 0; i < G_N_ELEMENTS (flag_filters); i++)
    {
      g_autoptr(GVariant) state =
        g_action_group_get_action_state (G_ACTION_GROUP (self->actions), flag_filters[i].action);

      if (!g_variant_get_boolean (state))
        continue;
      add_chip (self, box, _(flag_filters[i].label), flag_filters[i].action,
                g_variant_new_boolean (FALSE));
      n++;
    }

  type = state_string (self, "type");
  for (guint i = 0; i < G_N_ELEMENTS (type_filters); i++)
    if (g_str_equal (type, type_filters[i].type))
      {
        add_chip (self, box, _(type_filters[i].label), "type", g_variant_new_string (""));
        n++;
      }

  library = state_string (self, "library");
  if (*library != '\0')
    {
      const char *name = g_hash_table_lookup (self->library_names, library);

      add_chip (self, box, name != NULL ? name : _("One Library"), "library",
                g_variant_new_string (""));
      n++;
    }

  return n;
}

void
sw_artist_filters_reset (SwArtistFilters *self)
{
  GActionGroup *group;

  g_return_if_fail (SW_IS_ARTIST_FILTERS (self));

  group = G_ACTION_GROUP (self->actions);
  for (guint i = 0; i < G_N_ELEMENTS (flag_filters); i++)
    g_action_group_change_action_state (group, flag_filters[i].action,
                                        g_variant_new_boolean (FALSE));
  g_action_group_change_action_state (group, "type", g_variant_new_string (""));
  g_action_group_change_action_state (group, "library", g_variant_new_string (""));
}

/* sw-artist-aliases-group.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-alias-private.h"
#include "sw-artist-aliases-group.h"
#include "sw-ui.h"

struct _SwArtistAliasesGroup
{
  AdwPreferencesGroup parent_instance;

  SwArtistService *service;
  char *artist_id;

  GtkListBox *list;
  AdwEntryRow *entry_row;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (SwArtistAliasesGroup, sw_artist_aliases_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (SwArtistAliasesGroup *self,
            const char           *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry_row), "error");
}

static void reload (SwArtistAliasesGroup *self);

static void
remove_clicked_cb (SwArtistAliasesGroup *self,
                   GtkButton            *button)
{
  const char *alias_id = g_object_get_data (G_OBJECT (button), "alias-id");
  g_autoptr(GError) error = NULL;

  if (!sw_artist_service_remove_alias (self->service, self->artist_id, alias_id, &error))
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  reload (self);
  /* The button that had the focus is gone: keep the keyboard in the group. */
  gtk_widget_grab_focus (GTK_WIDGET (self->entry_row));
}

static GtkWidget *
create_row (SwArtistAliasesGroup *self,
            SwAlias              *alias)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  /* TRANSLATORS: accessible label of an alias row's remove button */
  g_autofree char *label = g_strdup_printf (_("Remove Alias “%s”"), alias->alias);

  /* Aliases are plain text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), alias->alias);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove Alias"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "alias-id", g_strdup (alias->id), g_free);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
clear_rows (SwArtistAliasesGroup *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (child != GTK_WIDGET (self->entry_row))
        gtk_list_box_remove (self->list, child);
      child = next;
    }
}

static void
reload (SwArtistAliasesGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) aliases = NULL;

  clear_rows (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->entry_row), self->artist_id != NULL);
  if (self->artist_id == NULL)
    return;

  aliases = sw_artist_service_list_aliases (self->service, self->artist_id, &error);
  if (aliases == NULL)
    {
      show_error (self, error->message);
      return;
    }

  /* Before the entry row, which stays last. */
  for (guint i = 0; i < aliases->len; i++)
    gtk_list_box_insert (self->list, create_row (self, g_ptr_array_index (aliases, i)), (int) i);
}

static void
apply_cb (SwArtistAliasesGroup *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry_row));
  g_autofree char *trimmed = g_strdup (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(SwAlias) alias = NULL;

  if (self->artist_id == NULL)
    return;

  /* The service refuses it too, in words meant for the API. */
  if (*g_strstrip (trimmed) == '\0')
    {
      show_error (self, _("Enter an alias"));
      return;
    }

  alias = sw_artist_service_add_alias (self->service, self->artist_id, text, "manual", &error);
  if (alias == NULL)
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->entry_row), "");
  reload (self);
}

/* A message about the text being typed over is stale. */
static void
entry_changed_cb (SwArtistAliasesGroup *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    show_error (self, NULL);
}

void
sw_artist_aliases_group_set_artist_id (SwArtistAliasesGroup *self,
                                       const char           *artist_id)
{
  g_return_if_fail (SW_IS_ARTIST_ALIASES_GROUP (self));

  g_free (self->artist_id);
  self->artist_id = g_strdup (artist_id);
  gtk_editable_set_text (GTK_EDITABLE (self->entry_row), "");
  show_error (self, NULL);
  reload (self);
}

static void
sw_artist_aliases_group_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SW_TYPE_ARTIST_ALIASES_GROUP);

  G_OBJECT_CLASS (sw_artist_aliases_group_parent_class)->dispose (object);
}

static void
sw_artist_aliases_group_finalize (GObject *object)
{
  SwArtistAliasesGroup *self = SW_ARTIST_ALIASES_GROUP (object);

  g_clear_object (&self->service);
  g_free (self->artist_id);

  G_OBJECT_CLASS (sw_artist_aliases_group_parent_class)->finalize (object);
}

static void
sw_artist_aliases_group_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  SwArtistAliasesGroup *self = SW_ARTIST_ALIASES_GROUP (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_artist_aliases_group_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  SwArtistAliasesGroup *self = SW_ARTIST_ALIASES_GROUP (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_artist_aliases_group_class_init (SwArtistAliasesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_artist_aliases_group_dispose;
  object_class->finalize = sw_artist_aliases_group_finalize;
  object_class->get_property = sw_artist_aliases_group_get_property;
  object_class->set_property = sw_artist_aliases_group_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, SW_TYPE_ARTIST_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  sw_ui_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "sw-artist-aliases-group.ui");
  gtk_widget_class_bind_template_child (widget_class, SwArtistAliasesGroup, list);
  gtk_widget_class_bind_template_child (widget_class, SwArtistAliasesGroup, entry_row);
  gtk_widget_class_bind_template_child (widget_class, SwArtistAliasesGroup, error_label);
  gtk_widget_class_bind_template_callback (widget_class, apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
}

static void
sw_artist_aliases_group_init (SwArtistAliasesGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->entry_row), FALSE);
}

GtkWidget *
sw_artist_aliases_group_new (SwArtistService *service)
{
  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (service), NULL);

  return g_object_new (SW_TYPE_ARTIST_ALIASES_GROUP, "service", service, NULL);
}

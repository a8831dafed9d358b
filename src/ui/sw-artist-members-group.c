/* sw-artist-members-group.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-members-group.h"
#include "sw-member-private.h"
#include "sw-ui.h"

struct _SwArtistMembersGroup
{
  AdwPreferencesGroup parent_instance;

  SwArtistService *service;
  char *artist_id;
  GPtrArray *members;           /* SwMember, as shown */

  GtkListBox *list;
  AdwEntryRow *entry_row;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (SwArtistMembersGroup, sw_artist_members_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (SwArtistMembersGroup *self,
            const char           *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry_row), "error");
}

static void reload (SwArtistMembersGroup *self);

/* Saves @members as the artist's whole list; FALSE (with the reason shown) when the
 * service refuses it, in which case nothing changed. */
static gboolean
save (SwArtistMembersGroup *self,
      GPtrArray            *members)
{
  g_autoptr(GError) error = NULL;

  if (!sw_artist_service_save_members (self->service, self->artist_id, members, "manual",
                                       &error))
    {
      show_error (self, error->message);
      return FALSE;
    }

  show_error (self, NULL);
  reload (self);
  return TRUE;
}

/* Copies of the members shown, for a new list to save. */
static GPtrArray *
copy_members (SwArtistMembersGroup *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; self->members != NULL && i < self->members->len; i++)
    g_ptr_array_add (copy, sw_member_copy (g_ptr_array_index (self->members, i)));
  return copy;
}

static void
remove_clicked_cb (SwArtistMembersGroup *self,
                   GtkButton            *button)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "position"));
  g_autoptr(GPtrArray) members = copy_members (self);

  g_return_if_fail (position < members->len);

  g_ptr_array_remove_index (members, position);
  if (save (self, members))
    /* The button that had the focus is gone: keep the keyboard in the group. */
    gtk_widget_grab_focus (GTK_WIDGET (self->entry_row));
}

/* "Guitar, Vocals · 1990–2001": what the model knows beyond the name. */
static char *
member_subtitle (SwMember *member)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gboolean joined = member->date_joined != NULL && *member->date_joined != '\0';
  gboolean left = member->date_left != NULL && *member->date_left != '\0';
  g_autoptr(GPtrArray) roles = g_ptr_array_new ();

  for (char **instrument = member->instruments; instrument != NULL && *instrument != NULL;
       instrument++)
    g_ptr_array_add (roles, *instrument);
  if (member->vocal_type != NULL && *member->vocal_type != '\0')
    g_ptr_array_add (roles, member->vocal_type);
  if (roles->len > 0)
    {
      g_ptr_array_add (roles, NULL);
      /* TRANSLATORS: separates a band member's instruments */
      g_ptr_array_add (parts, g_strjoinv (_(", "), (char **) roles->pdata));
    }

  if (joined && left)
    /* TRANSLATORS: the years a member was in the band, "1990–2001" */
    g_ptr_array_add (parts, g_strdup_printf (_("%s–%s"), member->date_joined, member->date_left));
  else if (joined)
    /* TRANSLATORS: the year a member joined the band, "Since 1990" */
    g_ptr_array_add (parts, g_strdup_printf (_("Since %s"), member->date_joined));
  else if (left)
    /* TRANSLATORS: the year a member left the band, "Until 2001" */
    g_ptr_array_add (parts, g_strdup_printf (_("Until %s"), member->date_left));

  if (member->is_original_member)
    g_ptr_array_add (parts, g_strdup (_("Original member")));

  g_ptr_array_add (parts, NULL);
  /* TRANSLATORS: separates the parts of a band member's description */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

static GtkWidget *
create_row (SwArtistMembersGroup *self,
            SwMember             *member,
            guint                 position)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *subtitle = member_subtitle (member);
  /* TRANSLATORS: accessible label of a band member row's remove button */
  g_autofree char *label = g_strdup_printf (_("Remove Member “%s”"), member->member_name);

  /* Names are plain text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), member->member_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove Member"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (button), "position", GUINT_TO_POINTER (position));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
clear_rows (SwArtistMembersGroup *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (child != GTK_WIDGET (self->entry_row))
        gtk_list_box_remove (self->list, child);
      child = next;
    }
  g_clear_pointer (&self->members, g_ptr_array_unref);
}

static void
reload (SwArtistMembersGroup *self)
{
  g_autoptr(GError) error = NULL;

  clear_rows (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->entry_row), self->artist_id != NULL);
  if (self->artist_id == NULL)
    return;

  self->members = sw_artist_service_list_members (self->service, self->artist_id, &error);
  if (self->members == NULL)
    {
      show_error (self, error->message);
      return;
    }

  /* Before the entry row, which stays last. */
  for (guint i = 0; i < self->members->len; i++)
    gtk_list_box_insert (self->list, create_row (self, g_ptr_array_index (self->members, i), i),
                         (int) i);
}

static void
apply_cb (SwArtistMembersGroup *self)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *member_name = NULL;
  SwMember *member;

  if (self->artist_id == NULL)
    return;

  member_name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry_row))));
  if (*member_name == '\0')
    {
      show_error (self, _("Enter the member’s name"));
      return;
    }

  members = copy_members (self);
  member = sw_member_new ();
  member->member_name = g_steal_pointer (&member_name);
  g_ptr_array_add (members, member);
  if (save (self, members))
    gtk_editable_set_text (GTK_EDITABLE (self->entry_row), "");
}

/* A message about the text being typed over is stale. */
static void
entry_changed_cb (SwArtistMembersGroup *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    show_error (self, NULL);
}

void
sw_artist_members_group_set_artist_id (SwArtistMembersGroup *self,
                                       const char           *artist_id)
{
  g_return_if_fail (SW_IS_ARTIST_MEMBERS_GROUP (self));

  g_free (self->artist_id);
  self->artist_id = g_strdup (artist_id);
  gtk_editable_set_text (GTK_EDITABLE (self->entry_row), "");
  show_error (self, NULL);
  reload (self);
}

static void
sw_artist_members_group_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SW_TYPE_ARTIST_MEMBERS_GROUP);

  G_OBJECT_CLASS (sw_artist_members_group_parent_class)->dispose (object);
}

static void
sw_artist_members_group_finalize (GObject *object)
{
  SwArtistMembersGroup *self = SW_ARTIST_MEMBERS_GROUP (object);

  g_clear_object (&self->service);
  g_free (self->artist_id);
  g_clear_pointer (&self->members, g_ptr_array_unref);

  G_OBJECT_CLASS (sw_artist_members_group_parent_class)->finalize (object);
}

static void
sw_artist_members_group_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  SwArtistMembersGroup *self = SW_ARTIST_MEMBERS_GROUP (object);

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
sw_artist_members_group_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  SwArtistMembersGroup *self = SW_ARTIST_MEMBERS_GROUP (object);

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
sw_artist_members_group_class_init (SwArtistMembersGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_artist_members_group_dispose;
  object_class->finalize = sw_artist_members_group_finalize;
  object_class->get_property = sw_artist_members_group_get_property;
  object_class->set_property = sw_artist_members_group_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, SW_TYPE_ARTIST_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  sw_ui_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "sw-artist-members-group.ui");
  gtk_widget_class_bind_template_child (widget_class, SwArtistMembersGroup, list);
  gtk_widget_class_bind_template_child (widget_class, SwArtistMembersGroup, entry_row);
  gtk_widget_class_bind_template_child (widget_class, SwArtistMembersGroup, error_label);
  gtk_widget_class_bind_template_callback (widget_class, apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
}

static void
sw_artist_members_group_init (SwArtistMembersGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->entry_row), FALSE);
}

GtkWidget *
sw_artist_members_group_new (SwArtistService *service)
{
  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (service), NULL);

  return g_object_new (SW_TYPE_ARTIST_MEMBERS_GROUP, "service", service, NULL);
}

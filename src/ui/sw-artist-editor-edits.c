/* sw-artist-editor-edits.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-editor-fields.h"
#include "sw-artist-editor-private.h"

/* What the editor's rows and header actions change: saving a field (with its inline
 * error and the toast with Undo), undo, field and artist locks, Open Folder. */

static void
undo (SwArtistEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *field = g_steal_pointer (&self->undo_field);
  g_autofree char *value = g_steal_pointer (&self->undo_value);
  g_autofree char *artist_id = g_steal_pointer (&self->undo_artist_id);
  gboolean ok;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo", FALSE);
  if (field == NULL)
    return;

  if (*value == '\0' && !g_str_equal (field, "name"))
    ok = sw_artist_service_clear_field (self->service, artist_id, field, "manual", &error);
  else
    ok = sw_artist_service_update_field (self->service, artist_id, field, value, "manual", NULL,
                                         &error);
  if (!ok)
    {
      _sw_artist_editor_show_error (self, error);
      return;
    }
  if (g_strcmp0 (artist_id, self->artist_id) == 0)
    _sw_artist_editor_reload (self, field);
}

static void
toast_undo_cb (AdwToast       *toast,
               SwArtistEditor *self)
{
  undo (self);
}

/* Saves @value (as the service takes it) into @field; on a refusal the row shows why
 * and nothing changes. */
static void
save_field (SwArtistEditor *self,
            const char     *field,
            const char     *title,
            const char     *value,
            GtkWidget      *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;
  gboolean ok;

  if (self->artist == NULL)
    return;

  old_value = sw_artist_editor_field_stored (self->artist, field);
  if (*value == '\0' || g_strcmp0 (value, "[]") == 0)
    ok = sw_artist_service_clear_field (self->service, self->artist_id, field, "manual", &error);
  else
    ok = sw_artist_service_update_field (self->service, self->artist_id, field, value, "manual",
                                         NULL, &error);
  if (!ok)
    {
      const char *text = sw_artist_editor_error_text (error, field);

      if (SW_IS_FIELD_ROW (row))
        sw_field_row_set_error (SW_FIELD_ROW (row), text);
      else if (SW_IS_FIELD_ROW_TEXT (row))
        sw_field_row_text_set_error (SW_FIELD_ROW_TEXT (row), text);
      else
        _sw_artist_editor_show_error (self, error);
      return;
    }

  g_free (self->undo_artist_id);
  g_free (self->undo_field);
  g_free (self->undo_value);
  self->undo_artist_id = g_strdup (self->artist_id);
  self->undo_field = g_strdup (field);
  self->undo_value = g_steal_pointer (&old_value);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo", TRUE);

  _sw_artist_editor_reload (self, field);

  /* TRANSLATORS: a toast after an edit; %s is the field, e.g. "Biography saved" */
  message = g_strdup_printf (_("%s saved"), title);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_undo_cb), self, 0);
  _sw_artist_editor_toast (self, toast);
}

static void
entry_commit_cb (SwFieldRow     *row,
                 SwArtistEditor *self)
{
  const char *field = sw_field_row_get_field (row);
  g_autofree char *value =
    sw_artist_editor_field_from_text (field, gtk_editable_get_text (GTK_EDITABLE (row)));

  save_field (self, field, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), value,
              GTK_WIDGET (row));
}

static void
text_commit_cb (SwFieldRowText *row,
                SwArtistEditor *self)
{
  g_autofree char *text = sw_field_row_text_dup_text (row);

  save_field (self, sw_field_row_text_get_field (row),
              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), text, GTK_WIDGET (row));
}

static void
combo_selected_cb (AdwComboRow    *row,
                   GParamSpec     *pspec,
                   SwArtistEditor *self)
{
  const char *field = row == self->type_row ? "type" : "gender";

  if (self->loading)
    return;
  save_field (self, field, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
              sw_artist_editor_combo_value (field, adw_combo_row_get_selected (row)),
              GTK_WIDGET (row));
}

/* Identifiers are checked as they are typed, with the service's own validation. */
static void
identifier_changed_cb (SwFieldRow     *row,
                       SwArtistEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *valid = NULL;
  const char *field = sw_field_row_get_field (row);

  if (self->loading)
    return;
  valid = sw_artist_validate_field (field, gtk_editable_get_text (GTK_EDITABLE (row)), &error);
  sw_field_row_set_error (row, valid == NULL ? sw_artist_editor_error_text (error, field) : NULL);
}

static void
lock_toggled_cb (SwFieldRowLock *lock,
                 SwArtistEditor *self)
{
  g_autoptr(GError) error = NULL;
  gboolean locked = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (lock));

  if (self->artist_id == NULL)
    return;
  if (!sw_artist_service_set_field_locked (self->service, self->artist_id,
                                           sw_field_row_lock_get_field (lock), locked, &error))
    {
      sw_field_row_lock_set_locked (lock, !locked);
      _sw_artist_editor_show_error (self, error);
      return;
    }
  _sw_artist_editor_reload (self, NULL);
}

/* Actions ------------------------------------------------------------------------------- */

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  undo (SW_ARTIST_EDITOR (widget));
}

static void
toggle_lock_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SwArtistEditor *self = SW_ARTIST_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gboolean locked;

  if (self->artist == NULL)
    return;
  locked = !sw_artist_get_locked (self->artist);
  if (!sw_artist_service_set_locked (self->service, self->artist_id, locked, "user", &error))
    {
      _sw_artist_editor_show_error (self, error);
      return;
    }
  _sw_artist_editor_reload (self, NULL);
  _sw_artist_editor_toast (self, adw_toast_new (locked ? _("Artist locked")
                                                       : _("Artist unlocked")));
}

static void
launch_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SwArtistEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    _sw_artist_editor_show_error (self, error);
}

static void
open_folder_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SwArtistEditor *self = SW_ARTIST_EDITOR (widget);
  g_autoptr(GAppLaunchContext) context = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;

  if (self->artist == NULL)
    return;
  g_object_get (self->artist, "path", &path, NULL);
  uri = path != NULL && *path != '\0' ? g_filename_to_uri (path, NULL, NULL) : NULL;
  if (uri == NULL)
    return;

  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));
  g_app_info_launch_default_for_uri_async (uri, context, NULL, launch_done_cb,
                                           g_object_ref (self));
}

/* Set-up ------------------------------------------------------------------------------- */

/* The field rows are in the template; find them once instead of naming each. */
static void
collect_rows (SwArtistEditor *self,
              GtkWidget      *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (SW_IS_FIELD_ROW (child))
        {
          SwFieldRow *row = SW_FIELD_ROW (child);

          g_ptr_array_add (self->entry_rows, row);
          g_signal_connect (row, "commit", G_CALLBACK (entry_commit_cb), self);
          if (g_str_has_suffix (sw_field_row_get_field (row), "_id"))
            g_signal_connect (row, "changed", G_CALLBACK (identifier_changed_cb), self);
        }
      else if (SW_IS_FIELD_ROW_LOCK (child))
        {
          g_ptr_array_add (self->locks, child);
          g_signal_connect (child, "user-toggled", G_CALLBACK (lock_toggled_cb), self);
          continue;
        }
      collect_rows (self, child);
    }
}

void
_sw_artist_editor_edits_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "editor.toggle-lock", NULL,
                                   toggle_lock_activated);
  gtk_widget_class_install_action (widget_class, "editor.open-folder", NULL,
                                   open_folder_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "editor.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "editor.toggle-lock", NULL);
}

void
_sw_artist_editor_edits_connect (SwArtistEditor *self)
{
  self->entry_rows = g_ptr_array_new ();
  self->locks = g_ptr_array_new ();
  collect_rows (self, GTK_WIDGET (self->details_box));
  g_ptr_array_add (self->locks, sw_field_row_text_get_lock (self->biography_row));
  g_signal_connect (sw_field_row_text_get_lock (self->biography_row), "user-toggled",
                    G_CALLBACK (lock_toggled_cb), self);
  g_signal_connect (self->biography_row, "commit", G_CALLBACK (text_commit_cb), self);
  g_signal_connect (self->type_row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
  g_signal_connect (self->gender_row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo", FALSE);
}

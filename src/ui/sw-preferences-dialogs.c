/* sw-preferences-dialogs.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-preferences-dialogs.h"

/* Built in code: each is a message dialog with a small form as its extra child. The
 * callback's user_data must be a GObject; the dialog keeps it alive while open. */

static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

typedef struct
{
  GCallback func;
  GObject *target;
} Target;

static void
target_free (gpointer data)
{
  Target *target = data;

  g_object_unref (target->target);
  g_free (target);
}

static void
keep_target (GtkWidget *dialog,
             GCallback  func,
             gpointer   user_data)
{
  Target *target = g_new0 (Target, 1);

  target->func = func;
  target->target = g_object_ref (user_data);
  g_object_set_data_full (G_OBJECT (dialog), "target", target, target_free);
}

void
sw_preferences_toast (GtkWidget  *widget,
                      const char *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_WINDOW);

  if (window != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (message));
  else
    g_warning ("%s", message);
}

/* New token ------------------------------------------------------------------------------ */

/* In the order of the access combo's items. */
static const SwScopes access_levels[] = {
  SW_SCOPE_READ,
  SW_SCOPE_READ | SW_SCOPE_WRITE,
  SW_SCOPE_READ | SW_SCOPE_WRITE | SW_SCOPE_ADMIN,
};

static void
token_name_changed_cb (GtkEditable *name,
                       AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (name)));

  adw_message_dialog_set_response_enabled (dialog, "create", text[0] != '\0');
}

static void
token_response_cb (AdwMessageDialog *dialog,
                   const char       *response)
{
  Target *target = g_object_get_data (G_OBJECT (dialog), "target");
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name");
  AdwComboRow *access = g_object_get_data (G_OBJECT (dialog), "access");
  guint level = adw_combo_row_get_selected (access);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (name)));

  if (g_strcmp0 (response, "create") != 0 || level >= G_N_ELEMENTS (access_levels))
    return;

  ((SwTokenCreateFunc) target->func) (text, access_levels[level], target->target);
}

void
sw_preferences_ask_new_token (GtkWidget         *parent,
                              SwTokenCreateFunc  func,
                              gpointer           user_data)
{
  const char *levels[] = { _("Read Only"), _("Read and Write"), _("Administrator"), NULL };
  GtkWidget *dialog;
  GtkWidget *list = boxed_list ();
  GtkWidget *name = adw_entry_row_new ();
  GtkWidget *access = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (levels);

  g_return_if_fail (G_IS_OBJECT (user_data));

  dialog = adw_message_dialog_new (parent_window (parent), _("Create API Token"),
                                   _("A token lets a script or another program use the web "
                                     "API on the administrator’s behalf."));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Name"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (access), _("Access"));
  adw_combo_row_set_model (ADW_COMBO_ROW (access), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (access), 0);
  gtk_list_box_append (GTK_LIST_BOX (list), name);
  gtk_list_box_append (GTK_LIST_BOX (list), access);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data (G_OBJECT (dialog), "name", name);
  g_object_set_data (G_OBJECT (dialog), "access", access);
  keep_target (dialog, G_CALLBACK (func), user_data);
  g_signal_connect_object (name, "changed", G_CALLBACK (token_name_changed_cb), dialog, 0);
  g_signal_connect (dialog, "response", G_CALLBACK (token_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The token, once ------------------------------------------------------------------------ */

static void
copy_token_cb (GtkButton *button,
               GtkLabel  *label)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), gtk_label_get_text (label));
  gtk_button_set_icon_name (button, "object-select-symbolic");
}

void
sw_preferences_show_new_token (GtkWidget  *parent,
                               const char *token)
{
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (token);
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  dialog = adw_message_dialog_new (parent_window (parent), _("Token Created"),
                                   _("Copy the token now: it is not shown again."));
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_set_tooltip_text (copy, _("Copy Token"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Copy Token"), -1);
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "flat");
  g_signal_connect_object (copy, "clicked", G_CALLBACK (copy_token_cb), label, 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), copy);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Done"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Administrator -------------------------------------------------------------------------- */

static void
admin_changed_cb (AdwMessageDialog *dialog)
{
  GtkEditable *username = g_object_get_data (G_OBJECT (dialog), "username");
  GtkEditable *password = g_object_get_data (G_OBJECT (dialog), "password");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (username)));
  const char *secret = gtk_editable_get_text (password);

  adw_message_dialog_set_response_enabled (dialog, "setup",
                                           name[0] != '\0' &&
                                           g_utf8_strlen (secret, -1) >= SW_PASSWORD_MIN_CHARS);
}

static void
admin_response_cb (AdwMessageDialog *dialog,
                   const char       *response)
{
  Target *target = g_object_get_data (G_OBJECT (dialog), "target");
  GtkEditable *username = g_object_get_data (G_OBJECT (dialog), "username");
  GtkEditable *password = g_object_get_data (G_OBJECT (dialog), "password");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (username)));

  if (g_strcmp0 (response, "setup") == 0)
    ((SwAdminSetupFunc) target->func) (name, gtk_editable_get_text (password), target->target);
}

void
sw_preferences_ask_admin_setup (GtkWidget        *parent,
                                SwAdminSetupFunc  func,
                                gpointer          user_data)
{
  GtkWidget *dialog;
  GtkWidget *list = boxed_list ();
  GtkWidget *username = adw_entry_row_new ();
  GtkWidget *password = adw_password_entry_row_new ();
  g_autofree char *body = NULL;

  g_return_if_fail (G_IS_OBJECT (user_data));

  body = g_strdup_printf (_("The administrator signs in to the web interface and owns the "
                            "API tokens. The password needs at least %d characters."),
                          SW_PASSWORD_MIN_CHARS);
  dialog = adw_message_dialog_new (parent_window (parent), _("Set Up Administrator"), body);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (username), _("Username"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (password), _("Password"));
  gtk_list_box_append (GTK_LIST_BOX (list), username);
  gtk_list_box_append (GTK_LIST_BOX (list), password);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "setup", _("_Set Up"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "setup",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "setup", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data (G_OBJECT (dialog), "username", username);
  g_object_set_data (G_OBJECT (dialog), "password", password);
  keep_target (dialog, G_CALLBACK (func), user_data);
  g_signal_connect_object (username, "changed", G_CALLBACK (admin_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (password, "changed", G_CALLBACK (admin_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect (dialog, "response", G_CALLBACK (admin_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

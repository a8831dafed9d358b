/* sw-preferences-server.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-preferences-dialogs.h"
#include "sw-preferences-server.h"
#include "sw-preferences-tokens.h"
#include "sw-ui.h"

/* The Server page. The port and the remote-access switch are bound to GSettings;
 * SwApplication restarts the server when they change and a failure (a busy port)
 * comes back through SwServerStatus, which the address row shows. */
struct _SwPreferencesServer
{
  AdwPreferencesPage parent_instance;

  SwServerStatus *status;

  GtkSpinButton *port_spin;
  GtkSwitch *remote_switch;
  AdwActionRow *port_row;
  AdwActionRow *remote_row;
  AdwActionRow *address_row;
  GtkWidget *copy_button;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (SwPreferencesServer, sw_preferences_server, ADW_TYPE_PREFERENCES_PAGE)

static void
update_status (SwPreferencesServer *self)
{
  gboolean listening = sw_server_status_get_listening (self->status);
  const char *error_message = sw_server_status_get_error_message (self->status);
  g_autofree char *error_text = NULL;

  adw_action_row_set_subtitle (self->address_row,
                               listening ? sw_server_status_get_uri (self->status)
                                         : _("Not running"));
  gtk_widget_set_sensitive (self->copy_button, listening);

  if (!listening && error_message != NULL)
    error_text = g_strdup_printf (_("The web server could not start: %s"), error_message);
  gtk_label_set_text (self->error_label, error_text != NULL ? error_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error_text != NULL);
}

static void
copy_clicked_cb (SwPreferencesServer *self)
{
  const char *uri = sw_server_status_get_uri (self->status);

  if (uri == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), uri);
  sw_preferences_toast (GTK_WIDGET (self), _("Address copied"));
}

static void
sw_preferences_server_dispose (GObject *object)
{
  SwPreferencesServer *self = SW_PREFERENCES_SERVER (object);

  g_clear_object (&self->status);

  G_OBJECT_CLASS (sw_preferences_server_parent_class)->dispose (object);
}

static void
sw_preferences_server_class_init (SwPreferencesServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_preferences_server_dispose;

  sw_ui_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "sw-preferences-server.ui");
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesServer, port_spin);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesServer, remote_switch);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesServer, port_row);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesServer, remote_row);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesServer, address_row);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesServer, copy_button);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesServer, error_label);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
}

static void
sw_preferences_server_init (SwPreferencesServer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sw_preferences_server_new (GSettings      *settings,
                           SwServerStatus *status,
                           SwStore        *store)
{
  SwPreferencesServer *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (SW_IS_SERVER_STATUS (status), NULL);
  g_return_val_if_fail (store == NULL || SW_IS_STORE (store), NULL);

  self = g_object_new (SW_TYPE_PREFERENCES_SERVER, NULL);
  self->status = g_object_ref (status);

  if (settings != NULL)
    {
      g_settings_bind (settings, "server-port", self->port_spin, "value", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "remote-access", self->remote_switch, "active",
                       G_SETTINGS_BIND_DEFAULT);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->port_row), settings != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remote_row), settings != NULL);

  g_signal_connect_object (status, "notify", G_CALLBACK (update_status), self,
                           G_CONNECT_SWAPPED);
  update_status (self);

  if (store != NULL)
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (self),
                              ADW_PREFERENCES_GROUP (sw_preferences_tokens_new (store)));
  return GTK_WIDGET (self);
}

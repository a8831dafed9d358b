/* sw-window.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-ui.h"
#include "sw-window.h"

struct _SwWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  SwServerStatus *server_status;

  AdwToastOverlay *toast_overlay;
  AdwActionRow *server_row;
};

G_DEFINE_FINAL_TYPE (SwWindow, sw_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_SERVER_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_server_row (SwWindow *self)
{
  const char *uri = sw_server_status_get_uri (self->server_status);
  const char *error_message = sw_server_status_get_error_message (self->server_status);
  GAction *copy = g_action_map_lookup_action (G_ACTION_MAP (self), "copy-server-address");
  g_autofree char *subtitle = NULL;

  if (sw_server_status_get_listening (self->server_status))
    subtitle = g_markup_escape_text (uri, -1);
  else if (error_message != NULL)
    subtitle = g_markup_printf_escaped (_("Not available: %s"), error_message);
  else
    subtitle = g_strdup (_("Not running"));

  adw_action_row_set_subtitle (self->server_row, subtitle);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (copy),
                               sw_server_status_get_listening (self->server_status));
}

static void
copy_server_address (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  const char *uri = sw_server_status_get_uri (self->server_status);

  if (uri == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), uri);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Address copied")));
}

static void
copy_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  copy_server_address (GTK_WIDGET (user_data), NULL, NULL);
}

static void
restore_window_state (SwWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
sw_window_close_request (GtkWindow *window)
{
  SwWindow *self = SW_WINDOW (window);
  int width, height;

  if (self->settings != NULL)
    {
      /* The default size is the unmaximized size, which is what we want to restore. */
      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (sw_window_parent_class)->close_request (window);
}

static void
sw_window_constructed (GObject *object)
{
  SwWindow *self = SW_WINDOW (object);

  G_OBJECT_CLASS (sw_window_parent_class)->constructed (object);

  restore_window_state (self);
  g_signal_connect_object (self->server_status, "notify",
                           G_CALLBACK (update_server_row), self, G_CONNECT_SWAPPED);
  update_server_row (self);
}

static void
sw_window_dispose (GObject *object)
{
  SwWindow *self = SW_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->server_status);

  G_OBJECT_CLASS (sw_window_parent_class)->dispose (object);
}

static void
sw_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SwWindow *self = SW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_SERVER_STATUS:
      self->server_status = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SwWindow *self = SW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_SERVER_STATUS:
      g_value_set_object (value, self->server_status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_window_class_init (SwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sw_window_constructed;
  object_class->dispose = sw_window_dispose;
  object_class->set_property = sw_window_set_property;
  object_class->get_property = sw_window_get_property;
  window_class->close_request = sw_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER_STATUS] =
    g_param_spec_object ("server-status", NULL, NULL, SW_TYPE_SERVER_STATUS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  sw_ui_init ();
  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "sw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, server_row);
}

static void
sw_window_init (SwWindow *self)
{
  const GActionEntry actions[] = {
    { "copy-server-address", copy_activated, NULL, NULL, NULL },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  gtk_widget_init_template (GTK_WIDGET (self));
}

SwWindow *
sw_window_new (GtkApplication *application,
               GSettings      *settings,
               SwServerStatus *server_status)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (SW_IS_SERVER_STATUS (server_status), NULL);

  return g_object_new (SW_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       "server-status", server_status,
                       NULL);
}

/* sw-server-status.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-server-status.h"

/* What the UI shows about the embedded web server. The runtime updates it from the
 * main thread; widgets bind to its properties. */
struct _SwServerStatus
{
  GObject parent_instance;

  char *uri;
  char *error_message;
  gboolean listening;
};

G_DEFINE_FINAL_TYPE (SwServerStatus, sw_server_status, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LISTENING,
  PROP_URI,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sw_server_status_finalize (GObject *object)
{
  SwServerStatus *self = (SwServerStatus *)object;

  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (sw_server_status_parent_class)->finalize (object);
}

static void
sw_server_status_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SwServerStatus *self = SW_SERVER_STATUS (object);

  switch (prop_id)
    {
    case PROP_LISTENING:
      g_value_set_boolean (value, self->listening);
      break;

    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_server_status_class_init (SwServerStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sw_server_status_finalize;
  object_class->get_property = sw_server_status_get_property;

  properties[PROP_LISTENING] =
    g_param_spec_boolean ("listening", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sw_server_status_init (SwServerStatus *self)
{
}

SwServerStatus *
sw_server_status_new (void)
{
  return g_object_new (SW_TYPE_SERVER_STATUS, NULL);
}

gboolean
sw_server_status_get_listening (SwServerStatus *self)
{
  g_return_val_if_fail (SW_IS_SERVER_STATUS (self), FALSE);

  return self->listening;
}

const char *
sw_server_status_get_uri (SwServerStatus *self)
{
  g_return_val_if_fail (SW_IS_SERVER_STATUS (self), NULL);

  return self->uri;
}

const char *
sw_server_status_get_error_message (SwServerStatus *self)
{
  g_return_val_if_fail (SW_IS_SERVER_STATUS (self), NULL);

  return self->error_message;
}

/* g_set_str() arrived in GLib 2.76, after our floor. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
sw_server_status_update (SwServerStatus *self,
                         gboolean        listening,
                         const char     *uri,
                         const char     *error_message)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->listening != listening)
    {
      self->listening = listening;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LISTENING]);
    }

  if (replace_string (&self->uri, uri))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);

  if (replace_string (&self->error_message, error_message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);

  g_object_thaw_notify (G_OBJECT (self));
}

void
sw_server_status_set_listening (SwServerStatus *self,
                                const char     *uri)
{
  g_return_if_fail (SW_IS_SERVER_STATUS (self));
  g_return_if_fail (uri != NULL);

  sw_server_status_update (self, TRUE, uri, NULL);
}

void
sw_server_status_set_failed (SwServerStatus *self,
                             const char     *error_message)
{
  g_return_if_fail (SW_IS_SERVER_STATUS (self));
  g_return_if_fail (error_message != NULL);

  sw_server_status_update (self, FALSE, NULL, error_message);
}

void
sw_server_status_set_stopped (SwServerStatus *self)
{
  g_return_if_fail (SW_IS_SERVER_STATUS (self));

  sw_server_status_update (self, FALSE, NULL, NULL);
}

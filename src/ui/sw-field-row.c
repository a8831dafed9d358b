/* sw-field-row.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-field-row.h"

struct _SwFieldRow
{
  AdwEntryRow parent_instance;

  char *field;
  char *value;
  char *error;
  SwFieldRowLock *lock;
  GtkImage *error_icon;
};

G_DEFINE_FINAL_TYPE (SwFieldRow, sw_field_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_FIELD,
  N_PROPS
};

enum {
  COMMIT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
commit (SwFieldRow *self)
{
  if (sw_field_row_is_dirty (self))
    g_signal_emit (self, signals[COMMIT], 0);
}

/* Leaving the row applies it, as the apply button would; the button would otherwise
 * stay up for text that is already saved, and toggling the setting is the only way to
 * put it down. */
static void
focus_leave_cb (SwFieldRow *self)
{
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self), FALSE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self), TRUE);
  commit (self);
}

static void
sw_field_row_constructed (GObject *object)
{
  SwFieldRow *self = SW_FIELD_ROW (object);

  G_OBJECT_CLASS (sw_field_row_parent_class)->constructed (object);

  self->lock = SW_FIELD_ROW_LOCK (sw_field_row_lock_new (self->field, NULL));
  g_object_bind_property (self, "title", self->lock, "field-title", G_BINDING_SYNC_CREATE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->lock));
}

static void
sw_field_row_finalize (GObject *object)
{
  SwFieldRow *self = SW_FIELD_ROW (object);

  g_free (self->field);
  g_free (self->value);
  g_free (self->error);

  G_OBJECT_CLASS (sw_field_row_parent_class)->finalize (object);
}

static void
sw_field_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SwFieldRow *self = SW_FIELD_ROW (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      g_value_set_string (value, self->field);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_field_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SwFieldRow *self = SW_FIELD_ROW (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      g_free (self->field);
      self->field = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_field_row_class_init (SwFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sw_field_row_constructed;
  object_class->finalize = sw_field_row_finalize;
  object_class->get_property = sw_field_row_get_property;
  object_class->set_property = sw_field_row_set_property;

  properties[PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[COMMIT] = g_signal_new ("commit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sw_field_row_init (SwFieldRow *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->value = g_strdup ("");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self), TRUE);
  g_signal_connect (self, "apply", G_CALLBACK (commit), NULL);
  g_signal_connect (self, "entry-activated", G_CALLBACK (commit), NULL);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  self->error_icon = GTK_IMAGE (gtk_image_new_from_icon_name ("dialog-error-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (self->error_icon), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_icon), FALSE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->error_icon));
}

GtkWidget *
sw_field_row_new (const char *field,
                  const char *title)
{
  return g_object_new (SW_TYPE_FIELD_ROW, "field", field, "title", title, NULL);
}

const char *
sw_field_row_get_field (SwFieldRow *self)
{
  g_return_val_if_fail (SW_IS_FIELD_ROW (self), NULL);

  return self->field;
}

SwFieldRowLock *
sw_field_row_get_lock (SwFieldRow *self)
{
  g_return_val_if_fail (SW_IS_FIELD_ROW (self), NULL);

  return self->lock;
}

void
sw_field_row_set_value (SwFieldRow *self,
                        const char *value,
                        gboolean    force)
{
  g_return_if_fail (SW_IS_FIELD_ROW (self));

  if (value == NULL)
    value = "";
  /* Unsaved typing wins over a value that arrives meanwhile. */
  if (force || !sw_field_row_is_dirty (self))
    gtk_editable_set_text (GTK_EDITABLE (self), value);
  g_free (self->value);
  self->value = g_strdup (value);
  sw_field_row_set_error (self, NULL);
}

const char *
sw_field_row_get_value (SwFieldRow *self)
{
  g_return_val_if_fail (SW_IS_FIELD_ROW (self), NULL);

  return self->value;
}

gboolean
sw_field_row_is_dirty (SwFieldRow *self)
{
  g_return_val_if_fail (SW_IS_FIELD_ROW (self), FALSE);

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self)), self->value) != 0;
}

void
sw_field_row_set_error (SwFieldRow *self,
                        const char *message)
{
  g_return_if_fail (SW_IS_FIELD_ROW (self));

  if (g_strcmp0 (self->error, message) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_icon), message != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->error_icon), message);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), message);
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

const char *
sw_field_row_get_error (SwFieldRow *self)
{
  g_return_val_if_fail (SW_IS_FIELD_ROW (self), NULL);

  return self->error;
}

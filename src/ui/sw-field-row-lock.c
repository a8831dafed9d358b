/* sw-field-row-lock.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-field-row-lock.h"

struct _SwFieldRowLock
{
  GtkToggleButton parent_instance;

  char *field;
  char *field_title;
  gboolean quiet;        /* set while the program, not the user, toggles it */
};

G_DEFINE_FINAL_TYPE (SwFieldRowLock, sw_field_row_lock, GTK_TYPE_TOGGLE_BUTTON)

enum {
  PROP_0,
  PROP_FIELD,
  PROP_FIELD_TITLE,
  N_PROPS
};

enum {
  USER_TOGGLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_look (SwFieldRowLock *self)
{
  gboolean locked = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self));
  const char *title = self->field_title != NULL ? self->field_title : "";
  g_autofree char *text = NULL;

  gtk_button_set_icon_name (GTK_BUTTON (self),
                            locked ? "changes-prevent-symbolic" : "changes-allow-symbolic");
  if (locked)
    /* TRANSLATORS: tooltip of a field's padlock; %s is the field, e.g. "Biography" */
    text = g_strdup_printf (_("Unlock “%s” (automatic updates leave it alone while locked)"),
                            title);
  else
    /* TRANSLATORS: tooltip of a field's padlock; %s is the field, e.g. "Biography" */
    text = g_strdup_printf (_("Lock “%s” against automatic updates"), title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);

  g_clear_pointer (&text, g_free);
  /* TRANSLATORS: accessible name of a field's padlock; %s is the field */
  text = g_strdup_printf (_("Lock %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
sw_field_row_lock_toggled (GtkToggleButton *button)
{
  SwFieldRowLock *self = SW_FIELD_ROW_LOCK (button);

  update_look (self);
  if (!self->quiet)
    g_signal_emit (self, signals[USER_TOGGLED], 0);
}

static void
sw_field_row_lock_finalize (GObject *object)
{
  SwFieldRowLock *self = SW_FIELD_ROW_LOCK (object);

  g_free (self->field);
  g_free (self->field_title);

  G_OBJECT_CLASS (sw_field_row_lock_parent_class)->finalize (object);
}

static void
sw_field_row_lock_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SwFieldRowLock *self = SW_FIELD_ROW_LOCK (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      g_value_set_string (value, self->field);
      break;
    case PROP_FIELD_TITLE:
      g_value_set_string (value, self->field_title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_field_row_lock_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SwFieldRowLock *self = SW_FIELD_ROW_LOCK (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      g_free (self->field);
      self->field = g_value_dup_string (value);
      break;
    case PROP_FIELD_TITLE:
      sw_field_row_lock_set_field_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_field_row_lock_class_init (SwFieldRowLockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkToggleButtonClass *toggle_class = GTK_TOGGLE_BUTTON_CLASS (klass);

  object_class->finalize = sw_field_row_lock_finalize;
  object_class->get_property = sw_field_row_lock_get_property;
  object_class->set_property = sw_field_row_lock_set_property;
  toggle_class->toggled = sw_field_row_lock_toggled;

  properties[PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIELD_TITLE] =
    g_param_spec_string ("field-title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Only the user's clicks (and keyboard activation): the editor saves those. */
  signals[USER_TOGGLED] = g_signal_new ("user-toggled", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
}

static void
sw_field_row_lock_init (SwFieldRowLock *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "flat");
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  update_look (self);
}

GtkWidget *
sw_field_row_lock_new (const char *field,
                       const char *field_title)
{
  return g_object_new (SW_TYPE_FIELD_ROW_LOCK, "field", field, "field-title", field_title,
                       NULL);
}

const char *
sw_field_row_lock_get_field (SwFieldRowLock *self)
{
  g_return_val_if_fail (SW_IS_FIELD_ROW_LOCK (self), NULL);

  return self->field;
}

void
sw_field_row_lock_set_field_title (SwFieldRowLock *self,
                                   const char     *field_title)
{
  g_return_if_fail (SW_IS_FIELD_ROW_LOCK (self));

  g_free (self->field_title);
  self->field_title = g_strdup (field_title);
  update_look (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIELD_TITLE]);
}

void
sw_field_row_lock_set_locked (SwFieldRowLock *self,
                              gboolean        locked)
{
  g_return_if_fail (SW_IS_FIELD_ROW_LOCK (self));

  self->quiet = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self), locked);
  self->quiet = FALSE;
}

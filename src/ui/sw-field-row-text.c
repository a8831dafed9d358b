/* sw-field-row-text.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-field-row-text.h"

struct _SwFieldRowText
{
  AdwPreferencesRow parent_instance;

  char *field;
  char *value;
  GtkLabel *title_label;
  GtkImage *error_icon;
  SwFieldRowLock *lock;
  GtkTextView *view;
};

G_DEFINE_FINAL_TYPE (SwFieldRowText, sw_field_row_text, ADW_TYPE_PREFERENCES_ROW)

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
commit (SwFieldRowText *self)
{
  if (sw_field_row_text_is_dirty (self))
    g_signal_emit (self, signals[COMMIT], 0);
}

/* Enter makes paragraphs; Ctrl+Enter saves. */
static gboolean
key_pressed_cb (SwFieldRowText  *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) &&
      (state & GDK_CONTROL_MASK) != 0)
    {
      commit (self);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
sw_field_row_text_constructed (GObject *object)
{
  SwFieldRowText *self = SW_FIELD_ROW_TEXT (object);

  G_OBJECT_CLASS (sw_field_row_text_parent_class)->constructed (object);

  self->lock = SW_FIELD_ROW_LOCK (sw_field_row_lock_new (self->field, NULL));
  g_object_bind_property (self, "title", self->lock, "field-title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "title", self->title_label, "label", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->error_icon))),
                  GTK_WIDGET (self->lock));
}

static void
sw_field_row_text_finalize (GObject *object)
{
  SwFieldRowText *self = SW_FIELD_ROW_TEXT (object);

  g_free (self->field);
  g_free (self->value);

  G_OBJECT_CLASS (sw_field_row_text_parent_class)->finalize (object);
}

static void
sw_field_row_text_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SwFieldRowText *self = SW_FIELD_ROW_TEXT (object);

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
sw_field_row_text_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SwFieldRowText *self = SW_FIELD_ROW_TEXT (object);

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
sw_field_row_text_class_init (SwFieldRowTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sw_field_row_text_constructed;
  object_class->finalize = sw_field_row_text_finalize;
  object_class->get_property = sw_field_row_text_get_property;
  object_class->set_property = sw_field_row_text_set_property;

  properties[PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[COMMIT] = g_signal_new ("commit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sw_field_row_text_init (SwFieldRowText *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->value = g_strdup ("");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title_label, 0.0f);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "caption-heading");
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "dim-label");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->title_label));

  self->error_icon = GTK_IMAGE (gtk_image_new_from_icon_name ("dialog-error-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (self->error_icon), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_icon), FALSE);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->error_icon));
  gtk_box_append (GTK_BOX (box), header);

  self->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->view, FALSE);
  gtk_text_view_set_top_margin (self->view, 6);
  gtk_text_view_set_bottom_margin (self->view, 6);
  gtk_text_view_set_left_margin (self->view, 6);
  gtk_text_view_set_right_margin (self->view, 6);
  gtk_widget_set_size_request (GTK_WIDGET (self->view), -1, 96);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  self->title_label, NULL, -1);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->view));
  gtk_box_append (GTK_BOX (box), frame);

  g_signal_connect_swapped (focus, "leave", G_CALLBACK (commit), self);
  gtk_widget_add_controller (GTK_WIDGET (self->view), focus);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->view), keys);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
}

const char *
sw_field_row_text_get_field (SwFieldRowText *self)
{
  g_return_val_if_fail (SW_IS_FIELD_ROW_TEXT (self), NULL);

  return self->field;
}

SwFieldRowLock *
sw_field_row_text_get_lock (SwFieldRowText *self)
{
  g_return_val_if_fail (SW_IS_FIELD_ROW_TEXT (self), NULL);

  return self->lock;
}

GtkTextView *
sw_field_row_text_get_view (SwFieldRowText *self)
{
  g_return_val_if_fail (SW_IS_FIELD_ROW_TEXT (self), NULL);

  return self->view;
}

char *
sw_field_row_text_dup_text (SwFieldRowText *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (SW_IS_FIELD_ROW_TEXT (self), NULL);

  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
sw_field_row_text_set_text (SwFieldRowText *self,
                            const char     *text)
{
  g_return_if_fail (SW_IS_FIELD_ROW_TEXT (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->view), text ? text : "", -1);
}

void
sw_field_row_text_set_value (SwFieldRowText *self,
                             const char     *value,
                             gboolean        force)
{
  g_return_if_fail (SW_IS_FIELD_ROW_TEXT (self));

  if (value == NULL)
    value = "";
  if (force || !sw_field_row_text_is_dirty (self))
    sw_field_row_text_set_text (self, value);
  g_free (self->value);
  self->value = g_strdup (value);
  sw_field_row_text_set_error (self, NULL);
}

const char *
sw_field_row_text_get_value (SwFieldRowText *self)
{
  g_return_val_if_fail (SW_IS_FIELD_ROW_TEXT (self), NULL);

  return self->value;
}

gboolean
sw_field_row_text_is_dirty (SwFieldRowText *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (SW_IS_FIELD_ROW_TEXT (self), FALSE);

  text = sw_field_row_text_dup_text (self);
  return g_strcmp0 (text, self->value) != 0;
}

void
sw_field_row_text_set_error (SwFieldRowText *self,
                             const char     *message)
{
  g_return_if_fail (SW_IS_FIELD_ROW_TEXT (self));

  gtk_widget_set_visible (GTK_WIDGET (self->error_icon), message != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->error_icon), message);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
}

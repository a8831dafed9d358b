/* sw-preferences-appearance.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-preferences-appearance.h"
#include "sw-ui.h"

/* The Appearance page: follow the system style, or always light or dark. */
struct _SwPreferencesAppearance
{
  AdwPreferencesPage parent_instance;

  GSettings *settings;
  AdwComboRow *style_row;
};

G_DEFINE_FINAL_TYPE (SwPreferencesAppearance, sw_preferences_appearance, ADW_TYPE_PREFERENCES_PAGE)

/* In the order of the combo row's items. */
static const char *const schemes[] = { "default", "light", "dark" };

void
sw_preferences_apply_color_scheme (const char *scheme)
{
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color_scheme);
}

static void
style_selected_cb (SwPreferencesAppearance *self)
{
  guint selected = adw_combo_row_get_selected (self->style_row);

  if (selected >= G_N_ELEMENTS (schemes))
    return;

  /* Applied here too, not only by the application's settings handler, so the choice
   * shows at once even without saved settings. */
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "color-scheme", schemes[selected]);
  sw_preferences_apply_color_scheme (schemes[selected]);
}

static void
select_current (SwPreferencesAppearance *self)
{
  AdwColorScheme current = adw_style_manager_get_color_scheme (adw_style_manager_get_default ());
  g_autofree char *saved = NULL;
  guint selected = 0;

  if (self->settings != NULL)
    saved = g_settings_get_string (self->settings, "color-scheme");
  else if (current == ADW_COLOR_SCHEME_FORCE_LIGHT)
    saved = g_strdup ("light");
  else if (current == ADW_COLOR_SCHEME_FORCE_DARK)
    saved = g_strdup ("dark");

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_strcmp0 (saved, schemes[i]) == 0)
      selected = i;

  adw_combo_row_set_selected (self->style_row, selected);
}

static void
sw_preferences_appearance_dispose (GObject *object)
{
  SwPreferencesAppearance *self = SW_PREFERENCES_APPEARANCE (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sw_preferences_appearance_parent_class)->dispose (object);
}

static void
sw_preferences_appearance_class_init (SwPreferencesAppearanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_preferences_appearance_dispose;

  sw_ui_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "sw-preferences-appearance.ui");
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesAppearance, style_row);
}

static void
sw_preferences_appearance_init (SwPreferencesAppearance *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sw_preferences_appearance_new (GSettings *settings)
{
  SwPreferencesAppearance *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SW_TYPE_PREFERENCES_APPEARANCE, NULL);
  g_set_object (&self->settings, settings);
  select_current (self);
  /* Connected after the initial selection, which must not write anything. */
  g_signal_connect_object (self->style_row, "notify::selected",
                           G_CALLBACK (style_selected_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

/* sw-preferences-appearance.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SW_TYPE_PREFERENCES_APPEARANCE (sw_preferences_appearance_get_type ())

G_DECLARE_FINAL_TYPE (SwPreferencesAppearance, sw_preferences_appearance, SW, PREFERENCES_APPEARANCE, AdwPreferencesPage)

/* @settings may be NULL: the choice then applies without being remembered. */
GtkWidget *sw_preferences_appearance_new     (GSettings  *settings);

/* Applies the GSettings "color-scheme" value ("default", "light" or "dark"; anything
 * else follows the system) to the whole application. */
void       sw_preferences_apply_color_scheme (const char *scheme);

G_END_DECLS

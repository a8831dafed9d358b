/* sw-preferences-nfo.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sw-store.h"

G_BEGIN_DECLS

#define SW_TYPE_PREFERENCES_NFO (sw_preferences_nfo_get_type ())

G_DECLARE_FINAL_TYPE (SwPreferencesNfo, sw_preferences_nfo, SW, PREFERENCES_NFO, AdwPreferencesPage)

/* The NFO output mapping (the nfo.output.* settings), saved on every change. */
GtkWidget *sw_preferences_nfo_new (SwStore *store);

G_END_DECLS

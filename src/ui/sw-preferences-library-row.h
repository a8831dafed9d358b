/* sw-preferences-library-row.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sw-library.h"

G_BEGIN_DECLS

#define SW_TYPE_PREFERENCES_LIBRARY_ROW (sw_preferences_library_row_get_type ())

G_DECLARE_FINAL_TYPE (SwPreferencesLibraryRow, sw_preferences_library_row, SW, PREFERENCES_LIBRARY_ROW, AdwExpanderRow)

/* One library: name and path, and when expanded its name, watch mode, Scan Now and
 * Remove. It changes nothing itself; it emits "rename" (string), "watch" (fs_watch,
 * fs_poll_interval), "scan" and "remove" for the page to act on. */
GtkWidget  *sw_preferences_library_row_new    (SwLibrary               *library,
                                               guint                    artist_count);
const char *sw_preferences_library_row_get_id (SwPreferencesLibraryRow *self);

G_END_DECLS

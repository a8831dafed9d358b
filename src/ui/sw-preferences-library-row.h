/* sw-preferences-library-row.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sw-library.h"
#include "sw-store.h"

G_BEGIN_DECLS

#define SW_TYPE_PREFERENCES_LIBRARY_ROW (sw_preferences_library_row_get_type ())

G_DECLARE_FINAL_TYPE (SwPreferencesLibraryRow, sw_preferences_library_row, SW, PREFERENCES_LIBRARY_ROW, AdwExpanderRow)

/* One library: name, path, artist count and last scan, and when expanded its name, watch mode, Scan Now and
 * Remove. It changes nothing itself; it emits "rename" (string), "watch" (fs_watch,
 * fs_poll_interval), "scan" and "remove" for the page to act on. */
GtkWidget  *sw_preferences_library_row_new    (SwLibrary               *library);
const char *sw_preferences_library_row_get_id (SwPreferencesLibraryRow *self);

/* Reads the artist counts and last scan times on a thread and shows them on @rows
 * (SwPreferencesLibraryRow); the rows are kept alive until then. */
void        sw_preferences_library_rows_load_details (GPtrArray    *rows,
                                                      SwStore      *store,
                                                      GCancellable *cancellable);

G_END_DECLS

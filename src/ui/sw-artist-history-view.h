/* sw-artist-history-view.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sw-artist-service.h"

G_BEGIN_DECLS

/* The artist editor's History tab: the artist's changes, newest first (field, old →
 * new, source, when), 50 at a time, each with a Revert button where a revert is
 * possible. Reverting shows a toast in the nearest AdwToastOverlay, if any. */

#define SW_TYPE_ARTIST_HISTORY_VIEW (sw_artist_history_view_get_type ())

G_DECLARE_FINAL_TYPE (SwArtistHistoryView, sw_artist_history_view, SW, ARTIST_HISTORY_VIEW, AdwBin)

GtkWidget *sw_artist_history_view_new           (SwArtistService     *service);
/* NULL empties the view. Reads the first page (a small read on the main thread). */
void       sw_artist_history_view_set_artist_id (SwArtistHistoryView *self,
                                                 const char          *artist_id);
/* Reads the history again, keeping as many changes shown as before. */
void       sw_artist_history_view_reload        (SwArtistHistoryView *self);

G_END_DECLS

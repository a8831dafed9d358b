/* sw-artist-row.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sw-artist.h"

G_BEGIN_DECLS

/* One row of the artist list: the name, a dim line with the type and sort name, and an
 * "MBID" badge when the artist has a MusicBrainz ID. */

#define SW_TYPE_ARTIST_ROW (sw_artist_row_get_type ())

G_DECLARE_FINAL_TYPE (SwArtistRow, sw_artist_row, SW, ARTIST_ROW, GtkBox)

GtkWidget *sw_artist_row_new        (void);
/* NULL empties the row (a list position whose artist is gone). */
void       sw_artist_row_set_artist (SwArtistRow *self,
                                     SwArtist    *artist);

G_END_DECLS

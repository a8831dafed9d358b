/* sw-artist-row.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sw-artist.h"
#include "sw-thumbnail-loader.h"

G_BEGIN_DECLS

/* The status icons keep their tooltip text under this object data key (the tooltip is
 * made from it when asked for: setting tooltips on every bind was too slow). */
#define SW_ARTIST_ROW_STATUS_TEXT "sw-status-text"

/* One row of the artist list: a 48 px avatar (the thumbnail, or initials on a colour
 * from the name), the name, a dim line with the disambiguation or "Type · Origin", and
 * status icons: no MBID, missing images, low-resolution images, locked, excluded. */

#define SW_TYPE_ARTIST_ROW (sw_artist_row_get_type ())

G_DECLARE_FINAL_TYPE (SwArtistRow, sw_artist_row, SW, ARTIST_ROW, GtkBox)

GtkWidget *sw_artist_row_new        (void);
/* NULL empties the row (a list position whose artist is gone). */
void       sw_artist_row_set_artist (SwArtistRow *self,
                                     SwArtist    *artist);
/* Where thumbnails come from; without one the row shows initials only. Set it before
 * binding artists (a list factory's "setup"). */
void       sw_artist_row_set_thumbnail_loader (SwArtistRow       *self,
                                               SwThumbnailLoader *loader);

G_END_DECLS

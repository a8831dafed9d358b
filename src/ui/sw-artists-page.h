/* sw-artists-page.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sw-artist-service.h"
#include "sw-events.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* The Artists page: the artist list (search, filters, sort) beside the selected artist's
 * editor; on narrow widths the two are pages of a leaflet. */

#define SW_TYPE_ARTISTS_PAGE (sw_artists_page_get_type ())

G_DECLARE_FINAL_TYPE (SwArtistsPage, sw_artists_page, SW, ARTISTS_PAGE, AdwBin)

GtkWidget  *sw_artists_page_new            (SwStore         *store,
                                            SwEvents        *events,
                                            SwArtistService *service);

/* The number of artists matching the search and filters ("total" property). */
guint       sw_artists_page_get_total      (SwArtistsPage   *self);

/* Opens the search bar and focuses its entry. */
void        sw_artists_page_start_search   (SwArtistsPage   *self);

/* Shows the artist in the editor (and the editor, when folded). */
void        sw_artists_page_show_artist    (SwArtistsPage   *self,
                                            const char      *artist_id);

/* On narrow widths, from the editor back to the list; FALSE when there is nowhere to go
 * back to within the page. */
gboolean    sw_artists_page_go_back        (SwArtistsPage   *self);

G_END_DECLS

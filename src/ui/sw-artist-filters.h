/* sw-artist-filters.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sw-artist-list-model.h"

G_BEGIN_DECLS

/* The Artists page's sort and filter menus: stateful actions (sort, descending,
 * filter-missing-meta, filter-missing-images, filter-missing-mbid, filter-locked,
 * filter-excluded, type, library) that set the list model's GET /artists query
 * parameters, and the chips that show the active filters. */

#define SW_TYPE_ARTIST_FILTERS (sw_artist_filters_get_type ())

G_DECLARE_FINAL_TYPE (SwArtistFilters, sw_artist_filters, SW, ARTIST_FILTERS, GObject)

SwArtistFilters *sw_artist_filters_new              (SwArtistListModel *model);

/* The actions, to insert into a widget (the menus use the "artists." prefix). */
GActionGroup    *sw_artist_filters_get_action_group (SwArtistFilters   *self);

/* Replaces the items of @section with one radio item per library ("All Libraries"
 * first); @libraries holds SwLibrary. */
void             sw_artist_filters_fill_libraries   (SwArtistFilters   *self,
                                                     GMenu             *section,
                                                     GPtrArray         *libraries);

/* Replaces the children of @box with one removable chip per active filter; returns how
 * many there are. */
guint            sw_artist_filters_fill_chips       (SwArtistFilters   *self,
                                                     GtkFlowBox        *box);

/* Clears every filter (not the sort). */
void             sw_artist_filters_reset            (SwArtistFilters   *self);

G_END_DECLS

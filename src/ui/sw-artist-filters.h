/* sw-artist-filters.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>


G_BEGIN_DECLS

/* The Artists page's sort and filter menus: stateful actions (sort, descending,
 * filter-missing-meta, filter-missing-images, filter-missing-mbid, filter-locked,
 * filter-excluded, type, library) that set GET /artists query parameters through a
 * function, and the chips that show the active filters. */

#define SW_TYPE_ARTIST_FILTERS (sw_artist_filters_get_type ())

G_DECLARE_FINAL_TYPE (SwArtistFilters, sw_artist_filters, SW, ARTIST_FILTERS, GObject)

/* How a parameter reaches the list: the Artists page swaps to a new model. */
typedef void (*SwArtistFiltersApply) (const char *name,
                                      const char *value,
                                      gpointer    user_data);

SwArtistFilters *sw_artist_filters_new              (SwArtistFiltersApply apply,
                                                     gpointer             user_data);

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

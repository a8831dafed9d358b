/* sw-artist-slots.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist-list-model.h"
#include "sw-artist.h"

G_BEGIN_DECLS

/* What the artist list view shows: one SwArtistSlot per position, the same object for
 * as long as anyone holds it, whose "artist" changes when the list does.
 *
 * Why: GTK 4.8's list view keeps up to 200 row widgets, and a model whose rows are
 * replaced (a new search, an edit) makes it destroy, create and lay out all of them.
 * Over slots, a new result only changes the artist in the slots the view holds (its
 * rows rebind from "notify::artist") and adds or removes positions at the end.
 *
 * Slots never make the main loop wait for the disk: a slot whose page is not in memory
 * is filled when a worker thread has read it (and the pages on either side of what is
 * shown are read ahead). */

#define SW_TYPE_ARTIST_SLOT (sw_artist_slot_get_type ())

G_DECLARE_FINAL_TYPE (SwArtistSlot, sw_artist_slot, SW, ARTIST_SLOT, GObject)

/* NULL while the position has no artist: its page is still being read, or the list
 * changed since it was counted. */
SwArtist *sw_artist_slot_get_artist (SwArtistSlot *self);

#define SW_TYPE_ARTIST_SLOTS (sw_artist_slots_get_type ())

G_DECLARE_FINAL_TYPE (SwArtistSlots, sw_artist_slots, SW, ARTIST_SLOTS, GObject)

SwArtistSlots     *sw_artist_slots_new        (SwArtistListModel *source);
SwArtistListModel *sw_artist_slots_get_source (SwArtistSlots     *self);
/* Shows another list (a new query) in the same slots. */
void               sw_artist_slots_set_source (SwArtistSlots     *self,
                                               SwArtistListModel *source);

G_END_DECLS

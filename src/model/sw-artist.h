/* sw-artist.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SW_TYPE_ARTIST (sw_artist_get_type ())

G_DECLARE_FINAL_TYPE (SwArtist, sw_artist, SW, ARTIST, GObject)

SwArtist            *sw_artist_new                (void);
/* A deep copy of every field, for undo and history snapshots. */
SwArtist            *sw_artist_copy               (SwArtist    *self);
gboolean             sw_artist_equal              (SwArtist    *a,
                                                   SwArtist    *b);

/* The contract's Artist JSON object. */
JsonNode            *sw_artist_to_json            (SwArtist    *self);
SwArtist            *sw_artist_new_from_json      (JsonNode    *node,
                                                   GError     **error);
/* Assigns the members present in @node; on error nothing changes. */
gboolean             sw_artist_update_from_json   (SwArtist    *self,
                                                   JsonNode    *node,
                                                   GError     **error);

/* String getters never return NULL: unset reads as "". */
const char          *sw_artist_get_id             (SwArtist    *self);
const char          *sw_artist_get_name           (SwArtist    *self);
const char          *sw_artist_get_sort_name      (SwArtist    *self);
const char          *sw_artist_get_artist_type    (SwArtist    *self);
const char          *sw_artist_get_musicbrainz_id (SwArtist    *self);
gboolean             sw_artist_get_locked         (SwArtist    *self);
/* NULL when no field is locked. */
const char * const  *sw_artist_get_locked_fields  (SwArtist    *self);
/* Case-insensitive: is @field in locked_fields? */
gboolean             sw_artist_is_field_locked    (SwArtist    *self,
                                                   const char  *field);

G_END_DECLS

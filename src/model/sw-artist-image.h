/* sw-artist-image.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SW_TYPE_ARTIST_IMAGE (sw_artist_image_get_type ())

G_DECLARE_FINAL_TYPE (SwArtistImage, sw_artist_image, SW, ARTIST_IMAGE, GObject)

SwArtistImage *sw_artist_image_new              (void);
SwArtistImage *sw_artist_image_copy             (SwArtistImage  *self);
gboolean       sw_artist_image_equal            (SwArtistImage  *a,
                                                 SwArtistImage  *b);
JsonNode      *sw_artist_image_to_json          (SwArtistImage  *self);
SwArtistImage *sw_artist_image_new_from_json    (JsonNode       *node,
                                                 GError        **error);
gboolean       sw_artist_image_update_from_json (SwArtistImage  *self,
                                                 JsonNode       *node,
                                                 GError        **error);

G_END_DECLS

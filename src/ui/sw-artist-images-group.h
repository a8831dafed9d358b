/* sw-artist-images-group.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sw-artist-service.h"

G_BEGIN_DECLS

/* The artist editor's "Images" group: a card per slot (Thumbnail, Fanart, Logo,
 * Banner) with the image, its pixel size, a "Low Resolution" warning and "Missing" for
 * an empty slot. Activating a card opens a gallery of the slot's images (for fanart,
 * every backdrop). Images are decoded and scaled on worker threads. */

#define SW_TYPE_ARTIST_IMAGES_GROUP (sw_artist_images_group_get_type ())

G_DECLARE_FINAL_TYPE (SwArtistImagesGroup, sw_artist_images_group, SW, ARTIST_IMAGES_GROUP,
                      AdwPreferencesGroup)

GtkWidget *sw_artist_images_group_new        (SwArtistService     *service);
/* NULL clears the cards. Loads stop for the previous artist. */
void       sw_artist_images_group_set_artist (SwArtistImagesGroup *self,
                                              SwArtist            *artist);

G_END_DECLS

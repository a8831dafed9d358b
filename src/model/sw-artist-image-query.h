/* sw-artist-image-query.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist-image.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* The artist's image slots (SwArtistImage) in type order (thumb, fanart, logo,
 * banner), then slot order. Empty for an artist without images or without a row. */
GPtrArray *sw_artist_store_list_images (SwStore     *store,
                                        const char  *artist_id,
                                        GError     **error);

G_END_DECLS

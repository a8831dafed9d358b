/* sw-artist-row.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* Internal to the artist store files: builds an SwArtist from a row of ARTIST_COLUMNS. */
SwArtist *_sw_artist_from_row (SwStmt *stmt);

G_END_DECLS

/* sw-routes-artist-rename.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist-service.h"
#include "sw-router.h"

G_BEGIN_DECLS

/* POST /artists/{id}/rename-directory: renames the artist's folder within its parent
 * folder, then records the new path through @service. */
void sw_routes_artist_rename_register (SwRouter        *router,
                                       SwArtistService *service);

G_END_DECLS

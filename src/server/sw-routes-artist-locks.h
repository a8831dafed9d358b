/* sw-routes-artist-locks.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist-service.h"
#include "sw-router.h"

G_BEGIN_DECLS

/* POST/DELETE /artists/{id}/lock, /artists/{id}/field-locks/{field} and
 * /artists/{id}/image-locks/{imageId}. */
void sw_routes_artist_locks_register (SwRouter        *router,
                                      SwArtistService *service);

G_END_DECLS

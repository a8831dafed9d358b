/* sw-routes-artists.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist-service.h"
#include "sw-preferences.h"
#include "sw-router.h"

G_BEGIN_DECLS

/* GET /artists, /artists/badge, /artists/locked, /artists/duplicates, /artists/{id};
 * and, from their own files, the lock routes (sw-routes-artist-locks.c), band members
 * (sw-routes-artist-members.c) and POST /artists/{id}/rename-directory
 * (sw-routes-artist-rename.c). Every change goes through @service with the source
 * "manual"; @preferences gives the caller's default page size. */
void sw_routes_artists_register (SwRouter        *router,
                                 SwArtistService *service,
                                 SwPreferences   *preferences);

G_END_DECLS

/* sw-routes-artist-members.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist-service.h"
#include "sw-router.h"

G_BEGIN_DECLS

/* DELETE /artists/{id}/members and POST /artists/{id}/members/from-provider. */
void sw_routes_artist_members_register (SwRouter        *router,
                                        SwArtistService *service);

G_END_DECLS

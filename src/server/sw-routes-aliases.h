/* sw-routes-aliases.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist-service.h"
#include "sw-router.h"

G_BEGIN_DECLS

/* GET/POST /artists/{id}/aliases and DELETE /artists/{id}/aliases/{aliasId}. */
void sw_routes_aliases_register (SwRouter        *router,
                                 SwArtistService *service);

G_END_DECLS

/* sw-routes-history.h
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

/* GET /artists/{id}/history, GET /history (every filter) and POST /history/{id}/revert,
 * which reverts through @service. @preferences gives the caller's default limit. */
void sw_routes_history_register (SwRouter        *router,
                                 SwArtistService *service,
                                 SwPreferences   *preferences);

G_END_DECLS

/* sw-routes-nfo.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-router.h"
#include "sw-settings.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* GET /artists/{id}/nfo/diff and GET /artists/{id}/nfo/conflict. */
void sw_routes_nfo_register (SwRouter   *router,
                             SwStore    *store,
                             SwSettings *settings);

G_END_DECLS

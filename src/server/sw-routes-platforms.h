/* sw-routes-platforms.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-router.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* GET/POST /platforms, GET/PUT/DELETE /platforms/{id}, POST /platforms/{id}/activate. */
void sw_routes_platforms_register (SwRouter *router,
                                   SwStore  *store);

G_END_DECLS

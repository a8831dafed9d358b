/* sw-routes-libraries.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-router.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* GET/POST /libraries, GET/PUT/DELETE /libraries/{id}. */
void sw_routes_libraries_register (SwRouter *router,
                                   SwStore  *store);

G_END_DECLS

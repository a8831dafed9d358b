/* sw-routes-auth.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-router.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* POST /auth/setup, POST /auth/login, POST /auth/logout, GET /auth/me. */
void sw_routes_auth_register (SwRouter *router,
                              SwStore  *store);

G_END_DECLS

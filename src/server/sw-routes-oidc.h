/* sw-routes-oidc.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-router.h"
#include "sw-settings.h"

G_BEGIN_DECLS

/* GET /auth/oidc/login, GET /auth/oidc/callback. */
void sw_routes_oidc_register (SwRouter   *router,
                              SwSettings *settings);

G_END_DECLS

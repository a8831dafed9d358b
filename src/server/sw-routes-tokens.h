/* sw-routes-tokens.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-router.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* POST/GET /auth/tokens, DELETE /auth/tokens/{id}, DELETE /auth/tokens/{id}/permanent. */
void sw_routes_tokens_register (SwRouter *router,
                                SwStore  *store);

G_END_DECLS

/* sw-routes-settings.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-router.h"
#include "sw-settings.h"

G_BEGIN_DECLS

/* GET/PUT /settings, GET/PUT /settings/nfo-output, GET/PUT /settings/logging. */
void sw_routes_settings_register (SwRouter   *router,
                                  SwSettings *settings);

G_END_DECLS

/* sw-routes-preferences.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-preferences.h"
#include "sw-router.h"

G_BEGIN_DECLS

/* GET /preferences, GET/PUT /preferences/{key}. */
void sw_routes_preferences_register (SwRouter      *router,
                                     SwPreferences *preferences);

G_END_DECLS

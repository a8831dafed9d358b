/* sw-routes-health.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-router.h"

G_BEGIN_DECLS

void sw_routes_health_register (SwRouter *router);

G_END_DECLS

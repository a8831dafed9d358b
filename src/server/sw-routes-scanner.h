/* sw-routes-scanner.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-events.h"
#include "sw-job-queue.h"
#include "sw-router.h"
#include "sw-settings.h"

G_BEGIN_DECLS

/* POST /scanner/run, GET /scanner/status, GET /libraries/{libId}/operation/status. */
void sw_routes_scanner_register (SwRouter   *router,
                                 SwStore    *store,
                                 SwSettings *settings,
                                 SwEvents   *events,
                                 SwJobQueue *jobs);

G_END_DECLS

/* sw-routes-logs.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-router.h"
#include "sw-settings.h"

G_BEGIN_DECLS

/* GET/DELETE /logs and GET/DELETE /logs/files over the process-wide log (sw-log.h).
 * @settings is the instance PUT /settings/logging writes through: the log follows its
 * changes from now on (sw_log_watch_settings()). */
void sw_routes_logs_register (SwRouter   *router,
                              SwSettings *settings);

G_END_DECLS

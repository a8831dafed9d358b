/* sw-routes-events.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-events.h"
#include "sw-router.h"

G_BEGIN_DECLS

/* A comment line is sent this often on an idle stream, so proxies keep it open and a
 * client that went away is noticed. */
#define SW_EVENTS_HEARTBEAT_MS (30 * 1000)

/* A client that falls this far behind (events not yet written to its socket, or bytes)
 * is disconnected; the server never buffers more for it. */
#define SW_EVENTS_MAX_BACKLOG_EVENTS 256
#define SW_EVENTS_MAX_BACKLOG_BYTES  (1024 * 1024)

/* GET /events/stream: the bus as server-sent events. */
void  sw_routes_events_register       (SwRouter *router,
                                       SwEvents *events);
/* Ends every stream served by the calling server thread and drops its subscription.
 * Each server thread calls it before its main loop stops. */
void  sw_routes_events_close_all      (SwRouter *router);
/* Open streams (each with one subscription on the bus). Thread-safe. */
guint sw_routes_events_get_n_streams  (SwRouter *router);

/* For tests: the heartbeat interval of streams opened afterwards (0: the default). */
void  _sw_routes_events_set_heartbeat_ms (guint interval_ms);

G_END_DECLS

/* sw-server-worker.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sw-router.h"

G_BEGIN_DECLS

/* One thread that serves HTTP: its own GMainContext, HTTP core and listening socket.
 * SwServer runs several on one port; see sw-server.c for why. */
typedef struct _SwServerWorker SwServerWorker;

SwServerWorker *sw_server_worker_new        (SwRouter         *router,
                                             guint             index);
/* Starts the thread and serves @listener (bound and listening); returns once it
 * serves, or with the reason it cannot. */
gboolean        sw_server_worker_start      (SwServerWorker   *self,
                                             GSocket          *listener,
                                             GTlsCertificate  *certificate,
                                             GError          **error);
/* Graceful stop, in two steps so that several workers drain at the same time: stop
 * accepting, end event streams, let requests in flight finish (at most
 * SW_SERVER_WORKER_DRAIN_MS), then close every connection. */
#define SW_SERVER_WORKER_DRAIN_MS 5000
void            sw_server_worker_begin_stop (SwServerWorker   *self);
void            sw_server_worker_join       (SwServerWorker   *self);
void            sw_server_worker_free       (SwServerWorker   *self);
/* Requests whose headers have arrived and whose answer is not finished. */
guint           sw_server_worker_get_n_in_flight (SwServerWorker *self);

G_END_DECLS

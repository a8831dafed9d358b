/* sw-http-connection.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sys/epoll.h>

#include "sw-http-core.h"
#include "sw-http-message-private.h"

G_BEGIN_DECLS

/* One client connection of the core: reads requests, hands them to the core's dispatch,
 * writes responses. Private to the core (sw-http-core.c). */

/* The core adds a new connection's socket to its epoll set with these. */
#define SW_HTTP_CONNECTION_INITIAL_EVENTS (EPOLLIN | EPOLLRDHUP)

/* Takes @fd (non-blocking) and @tls. */
SwHttpConnection *sw_http_connection_new      (SwHttpCore       *core,
                                               int               fd,
                                               GRefString       *remote_host,
                                               SwHttpTlsSession *tls);
/* Once the core has forgotten it (it is closed). */
void              sw_http_connection_free     (SwHttpConnection *connection);
/* epoll reported @events for the connection's socket. */
void              sw_http_connection_handle   (SwHttpConnection *connection,
                                               guint32           events);
/* Closes it now, ending its message if it has one. */
void              sw_http_connection_close    (SwHttpConnection *connection);
/* Between requests, with nothing of the next one read. */
gboolean          sw_http_connection_is_idle  (SwHttpConnection *connection);
/* Monotonic time after which the sweep closes it. */
gint64            sw_http_connection_get_deadline (SwHttpConnection *connection);
GList            *sw_http_connection_get_link (SwHttpConnection *connection);

/* What a connection asks of its core. */
void     sw_http_core_watch              (SwHttpCore       *core,
                                          int               fd,
                                          SwHttpConnection *connection,
                                          guint32           events);
void     sw_http_core_dispatch           (SwHttpCore       *core,
                                          SwHttpMessage    *msg);
void     sw_http_core_request_started    (SwHttpCore       *core);
void     sw_http_core_request_ended      (SwHttpCore       *core,
                                          SwHttpMessage    *msg);
void     sw_http_core_connection_closed  (SwHttpCore       *core,
                                          SwHttpConnection *connection);
gboolean sw_http_core_is_draining        (SwHttpCore       *core);
/* "Date: ...\r\n" for now, formatted once a second. */
const char *sw_http_core_get_date_header (SwHttpCore       *core);

G_END_DECLS

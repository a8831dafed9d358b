/* sw-http-core.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sw-http-message.h"
#include "sw-http-tls.h"

G_BEGIN_DECLS

/* The server's HTTP/1.1 core for one server thread: it accepts connections on a
 * listening socket and serves them from one epoll set, which is a single source on the
 * thread's GMainContext. Requests go to @dispatch on that thread, one at a time per
 * connection; a connection is kept alive between requests. See docs/architecture.md,
 * "HTTP core", for why this is not libsoup's SoupServer. */
typedef struct _SwHttpCore SwHttpCore;

typedef void (*SwHttpDispatchFunc) (SwHttpMessage *msg,
                                    gpointer       user_data);

/* Call on the thread that runs @context; @tls may be NULL. Fails only when the
 * process is out of file descriptors or memory. */
SwHttpCore *sw_http_core_new             (int                 listen_fd,
                                          SwHttpTls          *tls,
                                          GMainContext       *context,
                                          SwHttpDispatchFunc  dispatch,
                                          gpointer            user_data,
                                          GError            **error);
/* Stops accepting, closes idle connections and closes each busy one when its response
 * is done; @drained runs once nothing is in flight (perhaps before this returns). */
void        sw_http_core_drain           (SwHttpCore         *core,
                                          GCallback           drained,
                                          gpointer            user_data);
/* Requests whose headers have arrived and whose response has not ended; any thread. */
guint       sw_http_core_get_n_in_flight (SwHttpCore         *core);
/* Closes every connection and detaches from the context; on the core's thread. */
void        sw_http_core_shutdown        (SwHttpCore         *core);
/* After sw_http_core_shutdown(), on any thread. */
void        sw_http_core_free            (SwHttpCore         *core);

/* How long a connection may wait, by what it waits for. */
typedef enum
{
  SW_HTTP_TIMEOUT_IDLE,         /* the next request: 60 s */
  SW_HTTP_TIMEOUT_REQUEST,      /* the rest of a request that has begun: 30 s */
  SW_HTTP_TIMEOUT_WRITE,        /* the client to take the response: 60 s */
  SW_HTTP_TIMEOUT_HANDSHAKE,    /* a TLS handshake: 15 s */
  SW_HTTP_TIMEOUT_LINGER,       /* the client to close after a refusal: 2 s */
  SW_HTTP_N_TIMEOUTS
} SwHttpTimeout;

gint64      sw_http_core_get_timeout_us  (SwHttpCore         *core,
                                          SwHttpTimeout       timeout);
/* For tests: every timeout becomes @ms, checked every @ms / 2. */
void        _sw_http_core_set_timeouts   (SwHttpCore         *core,
                                          guint               ms);
/* The request line and headers together. */
#define SW_HTTP_MAX_HEAD            (64 * 1024)

G_END_DECLS

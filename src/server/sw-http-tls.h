/* sw-http-tls.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* TLS for the HTTP core, with GnuTLS on the connection's non-blocking socket. GIO's TLS
 * works through GSources and a handshake thread, which an epoll loop cannot wait on. */

/* The server's certificate and key; shared by the server threads, read-only. */
typedef struct _SwHttpTls SwHttpTls;

SwHttpTls *sw_http_tls_new  (GTlsCertificate  *certificate,
                             GError          **error);
void       sw_http_tls_free (SwHttpTls        *tls);

/* One connection's session. The functions below return like recv() and send(): a
 * negative result sets errno, EAGAIN when the session waits for the socket, and then
 * *want_write says which way. */
typedef struct _SwHttpTlsSession SwHttpTlsSession;

SwHttpTlsSession *sw_http_tls_session_new       (SwHttpTls        *tls,
                                                 int               fd);
/* Sends close_notify if it can do so without waiting. */
void              sw_http_tls_session_free      (SwHttpTlsSession *session);
/* 1 when done, 0 to be called again once the socket is ready, -1 on failure. */
int               sw_http_tls_session_handshake (SwHttpTlsSession *session,
                                                 gboolean         *want_write);
gssize            sw_http_tls_session_recv      (SwHttpTlsSession *session,
                                                 void             *buffer,
                                                 gsize             length,
                                                 gboolean         *want_write);
gssize            sw_http_tls_session_send      (SwHttpTlsSession *session,
                                                 const void       *buffer,
                                                 gsize             length,
                                                 gboolean         *want_write);
/* Decrypted bytes already read from the socket: epoll will not report them. */
gboolean          sw_http_tls_session_pending   (SwHttpTlsSession *session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwHttpTls, sw_http_tls_free)

G_END_DECLS

/* sw-http-message.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* One request and its response, as a route handler sees it. The server's own HTTP/1.1
 * core (sw-http-connection.c) reads the request and writes the response; headers and
 * bodies are libsoup's containers, so handlers use soup_message_headers_*() and
 * soup_message_body_*() on them. Everything about a message happens on the server
 * thread that read it.
 *
 * A handler answers before it returns: the response is then written with a
 * Content-Length taken from the body. A handler with slow work (a password hash) calls
 * sw_http_message_pause(), does the work elsewhere, answers on the server thread and
 * calls sw_http_message_unpause(), so that the thread serves other connections
 * meanwhile. A handler that streams its body calls sw_http_message_stream(); see
 * there. */
typedef struct _SwHttpMessage SwHttpMessage;

SwHttpMessage      *sw_http_message_ref                  (SwHttpMessage *msg);
void                sw_http_message_unref                (SwHttpMessage *msg);

const char         *sw_http_message_get_method           (SwHttpMessage *msg);
/* http or https, the Host the client asked for, and the path and query as sent
 * (percent-encoded). */
GUri               *sw_http_message_get_uri              (SwHttpMessage *msg);
SoupMessageHeaders *sw_http_message_get_request_headers  (SwHttpMessage *msg);
SoupMessageBody    *sw_http_message_get_request_body     (SwHttpMessage *msg);
SoupMessageHeaders *sw_http_message_get_response_headers (SwHttpMessage *msg);
SoupMessageBody    *sw_http_message_get_response_body    (SwHttpMessage *msg);
/* The peer's address as text; never NULL. */
const char         *sw_http_message_get_remote_host      (SwHttpMessage *msg);
gboolean            sw_http_message_is_tls               (SwHttpMessage *msg);

void                sw_http_message_set_status           (SwHttpMessage *msg,
                                                          guint          status,
                                                          const char    *reason_phrase);
guint               sw_http_message_get_status           (SwHttpMessage *msg);
/* Replaces the response body; @content_type may be NULL for none. */
void                sw_http_message_set_response         (SwHttpMessage *msg,
                                                          const char    *content_type,
                                                          SoupMemoryUse  use,
                                                          const char    *body,
                                                          gsize          length);
void                sw_http_message_set_redirect         (SwHttpMessage *msg,
                                                          guint          status,
                                                          const char    *location);

/* The answer comes later, from the server thread that dispatched the message: set it,
 * then unpause. If the client has gone meanwhile, unpausing does nothing. */
void                sw_http_message_pause                (SwHttpMessage *msg);
void                sw_http_message_unpause              (SwHttpMessage *msg);

/* Data that lives as long as the message, like g_object_set_data_full(). */
void                sw_http_message_set_data             (SwHttpMessage *msg,
                                                          const char    *key,
                                                          gpointer       data,
                                                          GDestroyNotify destroy);
gpointer            sw_http_message_get_data             (SwHttpMessage *msg,
                                                          const char    *key);

/* Streaming: called by a handler that sets the status and headers and then appends the
 * body as it becomes available, during or after the handler. The headers go out when the
 * handler returns; each piece appended to the response body goes out once
 * sw_http_message_resume() is called. With a Content-Length in the response headers the
 * body is exactly that long; without one it is sent chunked and ends with
 * soup_message_body_complete() and a resume. A HEAD request gets the headers only.
 *
 * @wrote runs after each appended piece has been handed to the kernel, with its length;
 * the core looks for more body when it returns, so @wrote may append the next piece.
 * @finished runs once when the response ends by itself: completely written (TRUE), or
 * the client went away or stopped reading (FALSE). Neither runs after
 * sw_http_message_end_stream(). Either may be NULL. */
typedef void (*SwHttpWroteFunc)    (SwHttpMessage *msg,
                                    gsize          length,
                                    gpointer       user_data);
typedef void (*SwHttpFinishedFunc) (SwHttpMessage *msg,
                                    gboolean       completed,
                                    gpointer       user_data);

void                sw_http_message_stream               (SwHttpMessage     *msg,
                                                          SwHttpWroteFunc    wrote,
                                                          SwHttpFinishedFunc finished,
                                                          gpointer           user_data);
/* More of the body was appended, or it was completed: write it. */
void                sw_http_message_resume               (SwHttpMessage     *msg);
/* The handler is done with its stream, and no callback of it runs again. Not @abort:
 * the body is completed and written out, then the response ends. @abort: the connection
 * is closed now, and the client sees a cut response. */
void                sw_http_message_end_stream           (SwHttpMessage     *msg,
                                                          gboolean           abort);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwHttpMessage, sw_http_message_unref)

G_END_DECLS

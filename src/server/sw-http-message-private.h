/* sw-http-message-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-http-message.h"

G_BEGIN_DECLS

typedef struct _SwHttpConnection SwHttpConnection;

/* Shared with the connection that reads and writes the message (sw-http-connection.c);
 * handlers see only the functions of sw-http-message.h. */
struct _SwHttpMessage
{
  gint ref_count;

  SwHttpConnection *connection;  /* weak; NULL once the response has ended */
  char *method;
  GUri *uri;
  SoupHTTPVersion version;
  SoupMessageHeaders *request_headers;
  SoupMessageBody *request_body;
  SoupMessageHeaders *response_headers;
  SoupMessageBody *response_body;
  GRefString *remote_host;
  gboolean tls;
  gint64 started_us;

  guint status;
  char *reason_phrase;
  GData *data;
  gboolean paused;

  gboolean streaming;
  gboolean stream_ended;        /* by the handler: callbacks no longer run */
  SwHttpWroteFunc wrote;
  SwHttpFinishedFunc finished;
  gpointer stream_data;
};

/* Takes @method; the connection fills in the rest. */
SwHttpMessage *sw_http_message_new (char       *method,
                                    GRefString *remote_host,
                                    gboolean    tls);

/* Implemented by the connection, for the streaming functions. */
void sw_http_connection_resume     (SwHttpConnection *connection);
void sw_http_connection_unpause    (SwHttpConnection *connection);
void sw_http_connection_end_stream (SwHttpConnection *connection,
                                    gboolean          abort);

G_END_DECLS

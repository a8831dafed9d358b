/* sw-http.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sw-http-message.h"

G_BEGIN_DECLS

#define SW_HTTP_ERROR (sw_http_error_quark ())

typedef enum
{
  SW_HTTP_ERROR_BAD_REQUEST,   /* 400 */
  SW_HTTP_ERROR_TOO_LARGE,     /* 413 */
  SW_HTTP_ERROR_UNSUPPORTED,   /* 415 */
} SwHttpError;

/* The largest request bodies we read: JSON documents, and uploads (images, imports). */
#define SW_HTTP_MAX_JSON_BODY   (1024 * 1024)
#define SW_HTTP_MAX_UPLOAD_BODY (25 * 1024 * 1024)

GQuark    sw_http_error_quark      (void);

/* Parses the request body as a JSON document of at most SW_HTTP_MAX_JSON_BODY bytes:
 * NULL with SW_HTTP_ERROR (bad JSON, not UTF-8, too large, wrong content type). */
JsonNode *sw_http_read_json_body   (SwHttpMessage  *msg,
                                    GError        **error);
/* Answers with the error envelope and the status the error's domain and code imply. */
void      sw_http_respond_gerror   (SwHttpMessage *msg,
                                    const GError  *error);

void sw_http_respond_json  (SwHttpMessage *msg,
                            guint          status,
                            JsonNode      *body);
/* Takes ownership of @body. HTML responses get a restrictive Content-Security-Policy. */
void sw_http_respond_text  (SwHttpMessage *msg,
                            guint          status,
                            const char    *content_type,
                            char          *body);
void sw_http_respond_error (SwHttpMessage *msg,
                            guint          status,
                            const char    *message);
/* {"error": @message}, for answers written without a message (the HTTP core's). */
JsonNode *sw_http_error_envelope (const char *message);

G_END_DECLS

/* sw-http.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

void sw_http_respond_json  (SoupServerMessage *msg,
                            guint              status,
                            JsonNode          *body);
/* Takes ownership of @body. HTML responses get a restrictive Content-Security-Policy. */
void sw_http_respond_text  (SoupServerMessage *msg,
                            guint              status,
                            const char        *content_type,
                            char              *body);
void sw_http_respond_error (SoupServerMessage *msg,
                            guint              status,
                            const char        *message);

G_END_DECLS

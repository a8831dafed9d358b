/* sw-http.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-http.h"

static void
add_security_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
}

void
sw_http_respond_json (SoupServerMessage *msg,
                      guint              status,
                      JsonNode          *body)
{
  g_autoptr(JsonGenerator) generator = NULL;
  char *text;
  gsize length;

  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));
  g_return_if_fail (body != NULL);

  generator = json_generator_new ();
  json_generator_set_root (generator, body);
  text = json_generator_to_data (generator, &length);

  add_security_headers (msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, length);
}

void
sw_http_respond_text (SoupServerMessage *msg,
                      guint              status,
                      const char        *content_type,
                      char              *body)
{
  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));
  g_return_if_fail (body != NULL);

  add_security_headers (msg);
  if (g_str_has_prefix (content_type, "text/html"))
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Content-Security-Policy",
                                  "default-src 'none'; style-src 'unsafe-inline'; "
                                  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, strlen (body));
}

/* The contract's error envelope: {"error": "..."}; "details" is added by callers
 * that have field-level problems to report. */
void
sw_http_respond_error (SoupServerMessage *msg,
                       guint              status,
                       const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (message != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  sw_http_respond_json (msg, status, body);
}

/* sw-http.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-auth.h"
#include "sw-http.h"
#include "sw-store.h"

G_DEFINE_QUARK (sw-http-error-quark, sw_http_error)

static void
add_security_headers (SwHttpMessage *msg)
{
  SoupMessageHeaders *headers = sw_http_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
}

void
sw_http_respond_json (SwHttpMessage *msg,
                      guint          status,
                      JsonNode      *body)
{
  g_autoptr(JsonGenerator) generator = NULL;
  char *text;
  gsize length;

  g_return_if_fail (msg != NULL);
  g_return_if_fail (body != NULL);

  generator = json_generator_new ();
  json_generator_set_root (generator, body);
  text = json_generator_to_data (generator, &length);

  add_security_headers (msg);
  sw_http_message_set_status (msg, status, NULL);
  sw_http_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, length);
}

void
sw_http_respond_text (SwHttpMessage *msg,
                      guint          status,
                      const char    *content_type,
                      char          *body)
{
  g_return_if_fail (msg != NULL);
  g_return_if_fail (body != NULL);

  add_security_headers (msg);
  if (g_str_has_prefix (content_type, "text/html"))
    soup_message_headers_replace (sw_http_message_get_response_headers (msg),
                                  "Content-Security-Policy",
                                  "default-src 'none'; style-src 'unsafe-inline'; "
                                  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  sw_http_message_set_status (msg, status, NULL);
  sw_http_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, strlen (body));
}

/* The contract's error envelope: {"error": "..."}; "details" is added by callers
 * that have field-level problems to report. */
JsonNode *
sw_http_error_envelope (const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
sw_http_respond_error (SwHttpMessage *msg,
                       guint          status,
                       const char    *message)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (message != NULL);

  body = sw_http_error_envelope (message);
  sw_http_respond_json (msg, status, body);
}

JsonNode *
sw_http_read_json_body (SwHttpMessage  *msg,
                        GError        **error)
{
  SoupMessageHeaders *headers = sw_http_message_get_request_headers (msg);
  SoupMessageBody *body = sw_http_message_get_request_body (msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (msg != NULL, NULL);

  if (content_type != NULL && g_ascii_strcasecmp (content_type, "application/json") != 0)
    {
      g_set_error (error, SW_HTTP_ERROR, SW_HTTP_ERROR_UNSUPPORTED,
                   _("Expected a JSON body (application/json), not %s"), content_type);
      return NULL;
    }

  bytes = soup_message_body_flatten (body);
  data = g_bytes_get_data (bytes, &length);
  if (length > SW_HTTP_MAX_JSON_BODY)
    {
      g_set_error (error, SW_HTTP_ERROR, SW_HTTP_ERROR_TOO_LARGE,
                   _("The request body is larger than %d bytes"), SW_HTTP_MAX_JSON_BODY);
      return NULL;
    }
  if (length == 0)
    {
      g_set_error_literal (error, SW_HTTP_ERROR, SW_HTTP_ERROR_BAD_REQUEST,
                           _("The request has no body"));
      return NULL;
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, SW_HTTP_ERROR, SW_HTTP_ERROR_BAD_REQUEST,
                           _("The request body is not valid UTF-8"));
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      g_set_error (error, SW_HTTP_ERROR, SW_HTTP_ERROR_BAD_REQUEST,
                   _("The request body is not valid JSON: %s"), parse_error->message);
      return NULL;
    }

  return json_parser_steal_root (parser);
}

static guint
status_for_error (const GError *error)
{
  if (error->domain == SW_HTTP_ERROR)
    {
      switch ((SwHttpError) error->code)
        {
        case SW_HTTP_ERROR_TOO_LARGE:
          return SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE;
        case SW_HTTP_ERROR_UNSUPPORTED:
          return SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE;
        case SW_HTTP_ERROR_BAD_REQUEST:
        default:
          return SOUP_STATUS_BAD_REQUEST;
        }
    }

  if (error->domain == SW_AUTH_ERROR)
    {
      switch ((SwAuthError) error->code)
        {
        case SW_AUTH_ERROR_INVALID_CREDENTIALS:
        case SW_AUTH_ERROR_EXPIRED:
        case SW_AUTH_ERROR_REVOKED:
          return SOUP_STATUS_UNAUTHORIZED;
        case SW_AUTH_ERROR_ALREADY_SET_UP:
        case SW_AUTH_ERROR_CONFLICT:
          return SOUP_STATUS_CONFLICT;
        case SW_AUTH_ERROR_NOT_FOUND:
          return SOUP_STATUS_NOT_FOUND;
        case SW_AUTH_ERROR_WEAK_PASSWORD:
        case SW_AUTH_ERROR_INVALID:
        default:
          return SOUP_STATUS_BAD_REQUEST;
        }
    }

  if (error->domain == SW_STORE_ERROR)
    {
      switch ((SwStoreError) error->code)
        {
        case SW_STORE_ERROR_INVALID:
          return SOUP_STATUS_BAD_REQUEST;
        case SW_STORE_ERROR_NOT_FOUND:
          return SOUP_STATUS_NOT_FOUND;
        case SW_STORE_ERROR_CONFLICT:
        case SW_STORE_ERROR_CONSTRAINT:
          return SOUP_STATUS_CONFLICT;
        case SW_STORE_ERROR_BUSY:
          return SOUP_STATUS_SERVICE_UNAVAILABLE;
        case SW_STORE_ERROR_FAILED:
        case SW_STORE_ERROR_NOT_A_DATABASE:
        case SW_STORE_ERROR_TOO_NEW:
        default:
          return SOUP_STATUS_INTERNAL_SERVER_ERROR;
        }
    }

  return SOUP_STATUS_INTERNAL_SERVER_ERROR;
}

void
sw_http_respond_gerror (SwHttpMessage *msg,
                        const GError  *error)
{
  guint status;

  g_return_if_fail (error != NULL);

  status = status_for_error (error);
  /* Internal failures are logged in full but answered without details. */
  if (status >= 500)
    {
      g_warning ("Request failed: %s", error->message);
      sw_http_respond_error (msg, status, _("Internal error"));
      return;
    }

  sw_http_respond_error (msg, status, error->message);
}

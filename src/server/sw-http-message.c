/* sw-http-message.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-http-message-private.h"

SwHttpMessage *
sw_http_message_new (char       *method,
                     GRefString *remote_host,
                     gboolean    tls)
{
  SwHttpMessage *msg = g_new0 (SwHttpMessage, 1);

  msg->ref_count = 1;
  msg->method = method;
  msg->remote_host = g_ref_string_acquire (remote_host);
  msg->tls = tls;
  msg->version = SOUP_HTTP_1_1;
  msg->status = SOUP_STATUS_NONE;
  msg->request_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  msg->request_body = soup_message_body_new ();
  msg->response_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  msg->response_body = soup_message_body_new ();
  msg->started_us = g_get_monotonic_time ();
  return msg;
}

SwHttpMessage *
sw_http_message_ref (SwHttpMessage *msg)
{
  g_return_val_if_fail (msg != NULL, NULL);

  g_atomic_int_inc (&msg->ref_count);
  return msg;
}

void
sw_http_message_unref (SwHttpMessage *msg)
{
  if (msg == NULL || !g_atomic_int_dec_and_test (&msg->ref_count))
    return;

  g_datalist_clear (&msg->data);
  g_free (msg->method);
  g_clear_pointer (&msg->uri, g_uri_unref);
  soup_message_headers_unref (msg->request_headers);
  soup_message_body_unref (msg->request_body);
  soup_message_headers_unref (msg->response_headers);
  soup_message_body_unref (msg->response_body);
  g_ref_string_release (msg->remote_host);
  g_free (msg->reason_phrase);
  g_free (msg);
}

const char *
sw_http_message_get_method (SwHttpMessage *msg)
{
  return msg->method;
}

GUri *
sw_http_message_get_uri (SwHttpMessage *msg)
{
  return msg->uri;
}

SoupMessageHeaders *
sw_http_message_get_request_headers (SwHttpMessage *msg)
{
  return msg->request_headers;
}

SoupMessageBody *
sw_http_message_get_request_body (SwHttpMessage *msg)
{
  return msg->request_body;
}

SoupMessageHeaders *
sw_http_message_get_response_headers (SwHttpMessage *msg)
{
  return msg->response_headers;
}

SoupMessageBody *
sw_http_message_get_response_body (SwHttpMessage *msg)
{
  return msg->response_body;
}

const char *
sw_http_message_get_remote_host (SwHttpMessage *msg)
{
  return msg->remote_host;
}

gboolean
sw_http_message_is_tls (SwHttpMessage *msg)
{
  return msg->tls;
}

void
sw_http_message_set_status (SwHttpMessage *msg,
                            guint          status,
                            const char    *reason_phrase)
{
  g_return_if_fail (status >= 100 && status < 600);

  msg->status = status;
  g_free (msg->reason_phrase);
  msg->reason_phrase = g_strdup (reason_phrase);
}

guint
sw_http_message_get_status (SwHttpMessage *msg)
{
  return msg->status;
}

void
sw_http_message_set_response (SwHttpMessage *msg,
                              const char    *content_type,
                              SoupMemoryUse  use,
                              const char    *body,
                              gsize          length)
{
  soup_message_body_truncate (msg->response_body);
  if (content_type != NULL)
    soup_message_headers_replace (msg->response_headers, "Content-Type", content_type);
  else
    soup_message_headers_remove (msg->response_headers, "Content-Type");
  if (body != NULL && length > 0)
    soup_message_body_append (msg->response_body, use, body, length);
  else if (use == SOUP_MEMORY_TAKE)
    g_free ((char *) body);
}

void
sw_http_message_set_redirect (SwHttpMessage *msg,
                              guint          status,
                              const char    *location)
{
  g_autoptr(GUri) absolute = NULL;

  /* Absolute, against the request's own URI, for the oldest clients' sake. */
  if (msg->uri != NULL)
    absolute = g_uri_parse_relative (msg->uri, location, SOUP_HTTP_URI_FLAGS, NULL);

  sw_http_message_set_status (msg, status, NULL);
  if (absolute != NULL)
    {
      g_autofree char *text = g_uri_to_string (absolute);

      soup_message_headers_replace (msg->response_headers, "Location", text);
    }
  else
    soup_message_headers_replace (msg->response_headers, "Location", location);
}

void
sw_http_message_set_data (SwHttpMessage *msg,
                          const char    *key,
                          gpointer       data,
                          GDestroyNotify destroy)
{
  g_datalist_set_data_full (&msg->data, key, data, destroy);
}

gpointer
sw_http_message_get_data (SwHttpMessage *msg,
                          const char    *key)
{
  return g_datalist_get_data (&msg->data, key);
}

void
sw_http_message_pause (SwHttpMessage *msg)
{
  msg->paused = TRUE;
}

void
sw_http_message_unpause (SwHttpMessage *msg)
{
  g_return_if_fail (msg->paused);

  msg->paused = FALSE;
  if (msg->connection != NULL)
    sw_http_connection_unpause (msg->connection);
}

void
sw_http_message_stream (SwHttpMessage     *msg,
                        SwHttpWroteFunc    wrote,
                        SwHttpFinishedFunc finished,
                        gpointer           user_data)
{
  g_return_if_fail (!msg->streaming);

  msg->streaming = TRUE;
  msg->wrote = wrote;
  msg->finished = finished;
  msg->stream_data = user_data;
  soup_message_body_set_accumulate (msg->response_body, FALSE);
}

void
sw_http_message_resume (SwHttpMessage *msg)
{
  if (msg->connection != NULL)
    sw_http_connection_resume (msg->connection);
}

void
sw_http_message_end_stream (SwHttpMessage *msg,
                            gboolean       abort)
{
  msg->stream_ended = TRUE;
  msg->wrote = NULL;
  msg->finished = NULL;
  if (abort)
    {
      if (msg->connection != NULL)
        sw_http_connection_end_stream (msg->connection, TRUE);
      return;
    }

  soup_message_body_complete (msg->response_body);
  if (msg->connection != NULL)
    sw_http_connection_end_stream (msg->connection, FALSE);
}

/* sw-http-connection.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* memmem(), accept4() */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sw-http-connection.h"
#include "sw-http.h"

/* One HTTP/1.1 connection as a state machine, driven by run(). Requests are served one
 * at a time: the next one (even if it has already arrived) is read only once the
 * response to this one has been written. The epoll interest is changed only where the
 * connection has to wait, so a request answered at once costs one recv() and one
 * send() and no epoll_ctl(). */

#define READ_SIZE 16384
#define MAX_CHUNK_LINE 1024
#define OUT_KEEP_SIZE (64 * 1024)
/* RFC 6585; libsoup 3.2 has no name for it. */
#define STATUS_HEADER_FIELDS_TOO_LARGE 431

typedef enum
{
  STATE_HANDSHAKE,      /* TLS */
  STATE_HEAD,           /* reading a request line and headers */
  STATE_BODY,           /* reading the request body */
  STATE_RESPONSE,       /* the handler has the request, or its response is being written */
  STATE_LINGER,         /* refused a request: sending the answer, then reading until EOF */
  STATE_CLOSED,
} State;

typedef enum
{
  CHUNK_SIZE_LINE,
  CHUNK_DATA,
  CHUNK_DATA_END,       /* the CRLF after a chunk's data */
  CHUNK_TRAILER,
} ChunkState;

struct _SwHttpConnection
{
  SwHttpCore *core;
  GList link;
  int fd;
  GRefString *remote_host;
  SwHttpTlsSession *tls;
  State state;
  guint32 watched;
  gint64 deadline;
  gboolean peer_closed;         /* the client will send nothing more */
  gboolean tls_want_write;
  gboolean running;             /* run() is on the stack */
  gboolean dispatching;         /* the handler is on the stack */

  GByteArray *in;               /* received; consumed up to in_start */
  gsize in_start;
  gsize head_scanned;           /* bytes after in_start searched for the end of the head */

  GString *out;                 /* to send, from out_sent */
  gsize out_sent;

  /* The request being served; NULL between requests. */
  SwHttpMessage *msg;
  gboolean keep_alive;
  gboolean body_chunked;
  guint64 body_remaining;       /* of a Content-Length body, or of the current chunk */
  guint64 body_total;
  ChunkState chunk_state;

  /* Its response. */
  gboolean response_chunked;
  gint64 response_length;       /* -1 when chunked */
  goffset body_offset;          /* of the response body, handed to out */
  gsize wrote_pending;          /* a streamed piece in out, for the wrote callback */
  gboolean response_complete;   /* all of it is in out */
};

static void run (SwHttpConnection *self);

SwHttpConnection *
sw_http_connection_new (SwHttpCore       *core,
                        int               fd,
                        GRefString       *remote_host,
                        SwHttpTlsSession *tls)
{
  SwHttpConnection *self = g_new0 (SwHttpConnection, 1);

  self->core = core;
  self->link.data = self;
  self->fd = fd;
  self->remote_host = g_ref_string_acquire (remote_host);
  self->tls = tls;
  self->watched = SW_HTTP_CONNECTION_INITIAL_EVENTS;
  self->in = g_byte_array_sized_new (READ_SIZE);
  self->out = g_string_sized_new (OUT_KEEP_SIZE / 16);
  self->state = tls != NULL ? STATE_HANDSHAKE : STATE_HEAD;
  self->deadline = g_get_monotonic_time () +
                   sw_http_core_get_timeout_us (core, tls != NULL ? SW_HTTP_TIMEOUT_HANDSHAKE
                                                                  : SW_HTTP_TIMEOUT_REQUEST);
  return self;
}

/* Called by the core once it has forgotten the connection. */
void
sw_http_connection_free (SwHttpConnection *self)
{
  g_assert (self->state == STATE_CLOSED && self->msg == NULL);

  g_ref_string_release (self->remote_host);
  g_byte_array_unref (self->in);
  g_string_free (self->out, TRUE);
  g_free (self);
}

GList *
sw_http_connection_get_link (SwHttpConnection *self)
{
  return &self->link;
}

gint64
sw_http_connection_get_deadline (SwHttpConnection *self)
{
  return self->deadline;
}

gboolean
sw_http_connection_is_idle (SwHttpConnection *self)
{
  return self->state == STATE_HEAD && self->in_start == self->in->len;
}

static void
set_deadline (SwHttpConnection *self,
              SwHttpTimeout     timeout)
{
  self->deadline = g_get_monotonic_time () + sw_http_core_get_timeout_us (self->core, timeout);
}

static void
watch (SwHttpConnection *self,
       guint32           events)
{
  if (self->peer_closed)
    events &= ~(guint32) EPOLLRDHUP;
  if (self->tls != NULL && self->tls_want_write && (events & EPOLLIN) != 0)
    events |= EPOLLOUT;
  if (events != self->watched)
    {
      sw_http_core_watch (self->core, self->fd, self, events);
      self->watched = events;
    }
}

/* The message is over: completely answered, or not. */
static void
end_message (SwHttpConnection *self,
             gboolean          completed)
{
  g_autoptr(SwHttpMessage) msg = g_steal_pointer (&self->msg);
  SwHttpFinishedFunc finished;

  if (msg == NULL)
    return;

  msg->connection = NULL;
  finished = msg->finished;
  msg->wrote = NULL;
  msg->finished = NULL;
  if (finished != NULL)
    finished (msg, completed, msg->stream_data);
  sw_http_core_request_ended (self->core, msg);
}

void
sw_http_connection_close (SwHttpConnection *self)
{
  if (self->state == STATE_CLOSED)
    return;

  self->state = STATE_CLOSED;
  end_message (self, FALSE);
  g_clear_pointer (&self->tls, sw_http_tls_session_free);
  close (self->fd);
  self->fd = -1;
  sw_http_core_connection_closed (self->core, self);
}

static gssize
connection_recv (SwHttpConnection *self,
                 void             *buffer,
                 gsize             length)
{
  if (self->tls != NULL)
    return sw_http_tls_session_recv (self->tls, buffer, length, &self->tls_want_write);
  return recv (self->fd, buffer, length, 0);
}

static gssize
connection_send (SwHttpConnection *self,
                 const void       *buffer,
                 gsize             length)
{
  if (self->tls != NULL)
    return sw_http_tls_session_send (self->tls, buffer, length, &self->tls_want_write);
  return send (self->fd, buffer, length, MSG_NOSIGNAL);
}

/* Reads what has arrived; FALSE if the connection failed and was closed. */
static gboolean
read_input (SwHttpConnection *self)
{
  gsize read_now = 0;

  /* Enough per turn for any head; level-triggered epoll brings the rest. */
  while (read_now < SW_HTTP_MAX_HEAD)
    {
      gsize old_length;
      gssize n;

      if (self->in_start == self->in->len)
        {
          self->in_start = 0;
          self->head_scanned = 0;
          g_byte_array_set_size (self->in, 0);
        }
      old_length = self->in->len;
      g_byte_array_set_size (self->in, old_length + READ_SIZE);
      n = connection_recv (self, self->in->data + old_length, READ_SIZE);
      g_byte_array_set_size (self->in, old_length + MAX (n, 0));

      if (n > 0)
        {
          read_now += n;
          /* A short read emptied the socket (a TLS session may still hold records). */
          if ((gsize) n < READ_SIZE && (self->tls == NULL || !sw_http_tls_session_pending (self->tls)))
            break;
          continue;
        }
      if (n == 0)
        {
          self->peer_closed = TRUE;
          break;
        }
      if (errno == EINTR)
        continue;
      if (errno == EAGAIN)
        break;
      sw_http_connection_close (self);
      return FALSE;
    }

  if (read_now > 0 && (self->state == STATE_HEAD || self->state == STATE_BODY))
    set_deadline (self, SW_HTTP_TIMEOUT_REQUEST);
  return TRUE;
}

/* Sends what is in out; FALSE while it waits for the socket, or if it was closed. */
static gboolean
flush (SwHttpConnection *self)
{
  while (self->out_sent < self->out->len)
    {
      gssize n = connection_send (self, self->out->str + self->out_sent,
                                  self->out->len - self->out_sent);

      if (n > 0)
        {
          self->out_sent += n;
          continue;
        }
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && (errno == EAGAIN))
        {
          watch (self, (self->tls != NULL && !self->tls_want_write ? EPOLLIN : EPOLLOUT) |
                       EPOLLRDHUP);
          set_deadline (self, SW_HTTP_TIMEOUT_WRITE);
          return FALSE;
        }
      sw_http_connection_close (self);
      return FALSE;
    }

  /* A large response's buffer is not kept for the life of the connection. */
  if (self->out->allocated_len > OUT_KEEP_SIZE)
    {
      g_string_free (self->out, TRUE);
      self->out = g_string_sized_new (OUT_KEEP_SIZE / 16);
    }
  g_string_truncate (self->out, 0);
  self->out_sent = 0;
  /* The client took it all: a stream may wait for its next event as long as it likes. */
  if (self->state == STATE_RESPONSE)
    self->deadline = G_MAXINT64;
  return TRUE;
}

static void
append_status_line (GString    *out,
                     guint       status,
                     const char *reason)
{
  g_string_append (out, "HTTP/1.1 ");
  g_string_append_c (out, '0' + status / 100);
  g_string_append_c (out, '0' + status / 10 % 10);
  g_string_append_c (out, '0' + status % 10);
  g_string_append_c (out, ' ');
  g_string_append (out, reason != NULL ? reason : soup_status_get_phrase (status));
  g_string_append (out, "\r\n");
}

/* @length: of the body, or -1 for chunked, or -2 for no framing header (a status
 * without a body, or an HTTP/1.0 stream that ends when the connection closes). */
static void
append_head (SwHttpConnection *self,
             gint64            length)
{
  SwHttpMessage *msg = self->msg;
  SoupMessageHeadersIter iter;
  const char *name, *value;

  append_status_line (self->out, msg->status, msg->reason_phrase);
  g_string_append (self->out, sw_http_core_get_date_header (self->core));
  g_string_append (self->out, "Server: Stillwater/" PACKAGE_VERSION "\r\n");

  soup_message_headers_iter_init (&iter, msg->response_headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      /* Framing is the core's to say. */
      if (g_ascii_strcasecmp (name, "Content-Length") == 0 ||
          g_ascii_strcasecmp (name, "Transfer-Encoding") == 0 ||
          g_ascii_strcasecmp (name, "Connection") == 0)
        continue;
      g_string_append (self->out, name);
      g_string_append (self->out, ": ");
      g_string_append (self->out, value);
      g_string_append (self->out, "\r\n");
    }

  if (length >= 0)
    g_string_append_printf (self->out, "Content-Length: %" G_GINT64_FORMAT "\r\n", length);
  else if (length == -1)
    g_string_append (self->out, "Transfer-Encoding: chunked\r\n");

  if (!self->keep_alive)
    g_string_append (self->out, "Connection: close\r\n");
  else if (msg->version == SOUP_HTTP_1_0)
    g_string_append (self->out, "Connection: keep-alive\r\n");
  g_string_append (self->out, "\r\n");
}

static gboolean
status_has_body (guint status)
{
  return status >= 200 && status != SOUP_STATUS_NO_CONTENT && status != SOUP_STATUS_NOT_MODIFIED;
}

static gboolean
is_head_request (SwHttpMessage *msg)
{
  return strcmp (msg->method, "HEAD") == 0;
}

/* An answer that has all of its body now. */
static void
append_whole_response (SwHttpConnection *self)
{
  SwHttpMessage *msg = self->msg;
  gboolean has_body = status_has_body (msg->status);
  goffset offset = 0;

  gint64 length = msg->response_body->length;

  /* A HEAD handler may state the length its GET would send. */
  if (length == 0 && is_head_request (msg) &&
      soup_message_headers_get_encoding (msg->response_headers) == SOUP_ENCODING_CONTENT_LENGTH)
    length = soup_message_headers_get_content_length (msg->response_headers);

  append_head (self, has_body ? length : -2);
  if (has_body && !is_head_request (msg))
    while (offset < msg->response_body->length)
      {
        g_autoptr(GBytes) chunk = soup_message_body_get_chunk (msg->response_body, offset);
        gsize size;
        const char *data;

        if (chunk == NULL)
          break;
        data = g_bytes_get_data (chunk, &size);
        if (size == 0)
          break;
        g_string_append_len (self->out, data, size);
        offset += size;
      }
  self->response_complete = TRUE;
}

static void
begin_stream (SwHttpConnection *self)
{
  SwHttpMessage *msg = self->msg;
  SoupMessageHeaders *headers = msg->response_headers;
  gboolean has_body = status_has_body (msg->status);
  gint64 length = -1;

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    length = soup_message_headers_get_content_length (headers);

  /* Without a length, an HTTP/1.1 client gets chunks; an HTTP/1.0 one reads until the
   * connection closes. */
  self->response_length = length;
  self->response_chunked = length < 0 && msg->version == SOUP_HTTP_1_1;
  if (length < 0 && !self->response_chunked)
    self->keep_alive = FALSE;

  append_head (self, !has_body ? -2 : self->response_chunked ? -1 : length >= 0 ? length : -2);
  if (!has_body || is_head_request (msg))
    self->response_complete = TRUE;
}

/* Moves the next available piece of a streamed body to out; FALSE if there is none yet. */
static gboolean
pump_stream (SwHttpConnection *self)
{
  SwHttpMessage *msg = self->msg;
  g_autoptr(GBytes) chunk = NULL;
  const char *data;
  gsize size;

  if (self->response_length >= 0 && self->body_offset >= self->response_length)
    {
      self->response_complete = TRUE;
      return TRUE;
    }

  chunk = soup_message_body_get_chunk (msg->response_body, self->body_offset);
  if (chunk == NULL)
    return FALSE;

  data = g_bytes_get_data (chunk, &size);
  if (size == 0)
    {
      /* Completed short of its Content-Length: the client must not take it as whole. */
      if (self->response_length > self->body_offset)
        {
          sw_http_connection_close (self);
          return TRUE;
        }
      if (self->response_chunked)
        g_string_append (self->out, "0\r\n\r\n");
      self->response_complete = TRUE;
      return TRUE;
    }

  /* More than the promised length is not sent. */
  if (self->response_length >= 0)
    size = MIN (size, (gsize) (self->response_length - self->body_offset));
  soup_message_body_wrote_chunk (msg->response_body, chunk);
  self->body_offset += g_bytes_get_size (chunk);
  if (self->response_chunked)
    g_string_append_printf (self->out, "%zx\r\n", size);
  g_string_append_len (self->out, data, size);
  if (self->response_chunked)
    g_string_append (self->out, "\r\n");
  self->wrote_pending = size;
  return TRUE;
}

static void
reset_for_next_request (SwHttpConnection *self)
{
  self->state = STATE_HEAD;
  self->body_chunked = FALSE;
  self->body_remaining = 0;
  self->body_total = 0;
  self->response_chunked = FALSE;
  self->response_length = 0;
  self->body_offset = 0;
  self->wrote_pending = 0;
  self->response_complete = FALSE;
  self->head_scanned = 0;
  set_deadline (self, SW_HTTP_TIMEOUT_IDLE);
}

static void
end_response (SwHttpConnection *self)
{
  end_message (self, TRUE);
  if (self->state == STATE_CLOSED)
    return;

  if (!self->keep_alive || self->peer_closed || sw_http_core_is_draining (self->core))
    sw_http_connection_close (self);
  else
    reset_for_next_request (self);
}

/* Answers a request that cannot be served with an error envelope, and closes the
 * connection once the client has had it. */
static void
refuse (SwHttpConnection *self,
        guint             status,
        const char       *message)
{
  g_autoptr(JsonNode) envelope = sw_http_error_envelope (message);
  g_autofree char *body = json_to_string (envelope, FALSE);

  g_string_truncate (self->out, 0);
  self->out_sent = 0;
  append_status_line (self->out, status, status == STATUS_HEADER_FIELDS_TOO_LARGE
                                           ? "Request Header Fields Too Large" : NULL);
  g_string_append (self->out, sw_http_core_get_date_header (self->core));
  g_string_append_printf (self->out,
                          "Content-Type: application/json\r\n"
                          "X-Content-Type-Options: nosniff\r\n"
                          "Cache-Control: no-store\r\n"
                          "Connection: close\r\n"
                          "Content-Length: %zu\r\n\r\n%s", strlen (body), body);

  if (self->msg != NULL)
    {
      self->msg->status = status;
      end_message (self, FALSE);
    }
  self->keep_alive = FALSE;
  self->state = STATE_LINGER;
  set_deadline (self, SW_HTTP_TIMEOUT_LINGER);
}

/* The handler has answered (or begun its stream): write it. */
static void
respond (SwHttpConnection *self)
{
  SwHttpMessage *msg = self->msg;

  if (msg->status == SOUP_STATUS_NONE && !msg->streaming)
    {
      g_warning ("No answer to %s %s", msg->method, g_uri_get_path (msg->uri));
      refuse (self, SOUP_STATUS_INTERNAL_SERVER_ERROR, _("Internal error"));
      return;
    }

  if (msg->streaming)
    begin_stream (self);
  else
    append_whole_response (self);
}

static void
dispatch (SwHttpConnection *self)
{
  SwHttpMessage *msg = self->msg;

  self->state = STATE_RESPONSE;
  self->deadline = G_MAXINT64;

  self->dispatching = TRUE;
  sw_http_core_dispatch (self->core, msg);
  self->dispatching = FALSE;
  if (self->state == STATE_CLOSED || msg->paused)
    return;

  respond (self);
}

/* The request's URI from its target and Host, as libsoup's server built it: the path
 * and query stay percent-encoded. */
static GUri *
request_uri (SwHttpConnection *self,
             const char       *target,
             GError          **error)
{
  const char *host;
  g_autofree char *text = NULL;

  if (target[0] != '/')
    return g_uri_parse (target, SOUP_HTTP_URI_FLAGS, error);

  host = soup_message_headers_get_one (self->msg->request_headers, "Host");
  if (host == NULL || *host == '\0' || strpbrk (host, "/?#@ ") != NULL)
    host = "localhost";
  text = g_strconcat (self->tls != NULL ? "https://" : "http://", host, target, NULL);
  return g_uri_parse (text, SOUP_HTTP_URI_FLAGS, error);
}

static gboolean
is_decimal (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

/* How the request's body is framed; FALSE after refusing it. */
static gboolean
read_framing (SwHttpConnection *self)
{
  SoupMessageHeaders *headers = self->msg->request_headers;
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  const char *expect;

  if (encoding == SOUP_ENCODING_UNRECOGNIZED)
    {
      refuse (self, SOUP_STATUS_NOT_IMPLEMENTED, _("The request’s Transfer-Encoding is not supported"));
      return FALSE;
    }
  if (encoding == SOUP_ENCODING_CHUNKED)
    {
      self->body_chunked = TRUE;
      self->chunk_state = CHUNK_SIZE_LINE;
    }
  else if (encoding == SOUP_ENCODING_CONTENT_LENGTH)
    {
      const char *length = soup_message_headers_get_list (headers, "Content-Length");

      /* Digits only, and only one: two lengths are joined into "5, 6". */
      if (!is_decimal (length) || strlen (length) > 15)
        {
          refuse (self, SOUP_STATUS_BAD_REQUEST, _("The request’s Content-Length is not valid"));
          return FALSE;
        }
      self->body_remaining = g_ascii_strtoull (length, NULL, 10);
      if (self->body_remaining > SW_HTTP_MAX_UPLOAD_BODY)
        {
          refuse (self, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, _("The request body is too large"));
          return FALSE;
        }
    }

  expect = soup_message_headers_get_one (headers, "Expect");
  if (expect != NULL && (self->body_chunked || self->body_remaining > 0))
    g_string_append (self->out, "HTTP/1.1 100 Continue\r\n\r\n");
  return TRUE;
}

/* Parses a complete head if there is one; FALSE when more input is needed. */
static gboolean
read_head (SwHttpConnection *self)
{
  const char *data = (const char *) self->in->data + self->in_start;
  gsize available = self->in->len - self->in_start;
  gsize from = self->head_scanned > 3 ? self->head_scanned - 3 : 0;
  const char *end;
  gsize head_length;
  char *method = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GError) error = NULL;
  SoupHTTPVersion version;
  SoupMessageHeaders *headers;
  const char *host;
  guint status;

  /* Empty lines before a request are allowed (RFC 9112, 2.2). */
  while (available > 0 && (data[0] == '\r' || data[0] == '\n'))
    {
      data++;
      available--;
      self->in_start++;
    }
  if (available == 0)
    return FALSE;

  end = memmem (data + from, available - from, "\r\n\r\n", 4);
  if (end == NULL)
    {
      self->head_scanned = available;
      if (available > SW_HTTP_MAX_HEAD)
        {
          refuse (self, STATUS_HEADER_FIELDS_TOO_LARGE,
                  _("The request headers are too large"));
          return TRUE;
        }
      return FALSE;
    }
  head_length = end - data + 4;
  if (head_length > SW_HTTP_MAX_HEAD)
    {
      refuse (self, STATUS_HEADER_FIELDS_TOO_LARGE,
              _("The request headers are too large"));
      return TRUE;
    }

  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  status = soup_headers_parse_request (data, head_length - 2, headers, &method, &target, &version);
  self->in_start += head_length;
  self->head_scanned = 0;
  if (status != SOUP_STATUS_OK)
    {
      soup_message_headers_unref (headers);
      refuse (self, status, status == SOUP_STATUS_HTTP_VERSION_NOT_SUPPORTED
                              ? _("Only HTTP/1.0 and HTTP/1.1 are supported")
                              : status == SOUP_STATUS_EXPECTATION_FAILED
                                ? _("The request’s Expect header is not supported")
                                : _("The request is malformed"));
      return TRUE;
    }

  self->msg = sw_http_message_new (method, self->remote_host, self->tls != NULL);
  self->msg->connection = self;
  self->msg->version = version;
  soup_message_headers_unref (self->msg->request_headers);
  self->msg->request_headers = headers;
  sw_http_core_request_started (self->core);

  /* RFC 9112, 3.2: exactly one Host, required from HTTP/1.1 clients. */
  host = soup_message_headers_get_list (headers, "Host");
  if ((host == NULL && version == SOUP_HTTP_1_1) || (host != NULL && strchr (host, ',') != NULL))
    {
      refuse (self, SOUP_STATUS_BAD_REQUEST, _("The request needs exactly one Host header"));
      return TRUE;
    }

  self->msg->uri = request_uri (self, target, &error);
  if (self->msg->uri == NULL)
    {
      refuse (self, SOUP_STATUS_BAD_REQUEST, _("The request’s path is malformed"));
      return TRUE;
    }

  if (version == SOUP_HTTP_1_1)
    self->keep_alive = !soup_message_headers_header_contains (headers, "Connection", "close");
  else
    self->keep_alive = soup_message_headers_header_contains (headers, "Connection", "keep-alive");

  if (!read_framing (self))
    return TRUE;

  if (self->body_chunked || self->body_remaining > 0)
    self->state = STATE_BODY;
  else
    dispatch (self);
  return TRUE;
}

static void
take_body (SwHttpConnection *self,
           gsize             length)
{
  soup_message_body_append (self->msg->request_body, SOUP_MEMORY_COPY,
                            self->in->data + self->in_start, length);
  self->in_start += length;
}

/* One step of a chunked body; FALSE when more input is needed. */
static gboolean
read_chunked (SwHttpConnection *self)
{
  const char *data = (const char *) self->in->data + self->in_start;
  gsize available = self->in->len - self->in_start;
  const char *line_end;
  gsize line_length;

  if (self->chunk_state == CHUNK_DATA)
    {
      gsize length = MIN (available, self->body_remaining);

      if (length == 0)
        return FALSE;
      take_body (self, length);
      self->body_remaining -= length;
      if (self->body_remaining == 0)
        self->chunk_state = CHUNK_DATA_END;
      return TRUE;
    }

  line_end = memchr (data, '\n', MIN (available, MAX_CHUNK_LINE));
  if (line_end == NULL)
    {
      if (available >= MAX_CHUNK_LINE)
        {
          refuse (self, SOUP_STATUS_BAD_REQUEST, _("The request’s chunked body is malformed"));
          return TRUE;
        }
      return FALSE;
    }
  line_length = line_end - data + 1;

  switch (self->chunk_state)
    {
    case CHUNK_SIZE_LINE:
      {
        char *size_end;
        guint64 size = g_ascii_strtoull (data, &size_end, 16);

        if (size_end == data || size > SW_HTTP_MAX_UPLOAD_BODY ||
            (*size_end != ';' && *size_end != '\r' && *size_end != '\n'))
          {
            refuse (self, SOUP_STATUS_BAD_REQUEST, _("The request’s chunked body is malformed"));
            return TRUE;
          }
        self->body_total += size;
        if (self->body_total > SW_HTTP_MAX_UPLOAD_BODY)
          {
            refuse (self, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, _("The request body is too large"));
            return TRUE;
          }
        self->body_remaining = size;
        self->chunk_state = size > 0 ? CHUNK_DATA : CHUNK_TRAILER;
        break;
      }
    case CHUNK_DATA_END:
      if (line_length > 2 || (line_length == 2 && data[0] != '\r'))
        {
          refuse (self, SOUP_STATUS_BAD_REQUEST, _("The request’s chunked body is malformed"));
          return TRUE;
        }
      self->chunk_state = CHUNK_SIZE_LINE;
      break;
    case CHUNK_TRAILER:
      /* Trailer fields are read and dropped; an empty line ends the body. */
      if (line_length <= 2)
        {
          self->in_start += line_length;
          dispatch (self);
          return TRUE;
        }
      break;
    case CHUNK_DATA:
    default:
      g_assert_not_reached ();
    }

  self->in_start += line_length;
  return TRUE;
}

/* One step of reading the body; FALSE when more input is needed. */
static gboolean
read_body (SwHttpConnection *self)
{
  gsize available = self->in->len - self->in_start;
  gsize length;

  if (self->body_chunked)
    return read_chunked (self);

  length = MIN (available, self->body_remaining);
  if (length == 0)
    return FALSE;
  take_body (self, length);
  self->body_remaining -= length;
  if (self->body_remaining == 0)
    dispatch (self);
  return TRUE;
}

/* The refused client may still be sending; closing with unread data would reset the
 * connection and could destroy the answer before it is read. So the sending side is
 * shut, and what arrives is dropped until the client closes or the deadline. */
static void
linger (SwHttpConnection *self)
{
  if (self->tls != NULL || self->peer_closed)
    {
      sw_http_connection_close (self);
      return;
    }
  shutdown (self->fd, SHUT_WR);
  self->in_start = self->in->len;
  watch (self, EPOLLIN | EPOLLRDHUP);
}

/* Drives the connection as far as it can go without waiting. */
static void
run (SwHttpConnection *self)
{
  if (self->running)
    return;
  self->running = TRUE;

  while (self->state != STATE_CLOSED)
    {
      if (!flush (self))
        break;

      if (self->wrote_pending > 0)
        {
          gsize length = self->wrote_pending;

          self->wrote_pending = 0;
          if (self->msg != NULL && self->msg->wrote != NULL)
            self->msg->wrote (self->msg, length, self->msg->stream_data);
          continue;
        }

      if (self->state == STATE_HEAD || self->state == STATE_BODY)
        {
          gboolean progressed = self->state == STATE_HEAD ? read_head (self) : read_body (self);

          if (progressed)
            continue;
          if (self->peer_closed)
            {
              sw_http_connection_close (self);
              break;
            }
          if (self->tls != NULL && sw_http_tls_session_pending (self->tls))
            {
              if (!read_input (self))
                break;
              continue;
            }
          watch (self, EPOLLIN | EPOLLRDHUP);
          break;
        }

      if (self->state == STATE_RESPONSE)
        {
          if (self->msg != NULL && self->msg->paused)
            {
              watch (self, EPOLLRDHUP);
              break;
            }
          if (self->response_complete)
            {
              end_response (self);
              continue;
            }
          if (pump_stream (self))
            continue;
          watch (self, EPOLLRDHUP);
          break;
        }

      if (self->state == STATE_LINGER)
        {
          linger (self);
          break;
        }

      break;
    }

  self->running = FALSE;
}

static void
handshake (SwHttpConnection *self)
{
  gboolean want_write = FALSE;
  int result = sw_http_tls_session_handshake (self->tls, &want_write);

  if (result < 0)
    {
      sw_http_connection_close (self);
      return;
    }
  if (result == 0)
    {
      watch (self, want_write ? EPOLLOUT : EPOLLIN);
      return;
    }

  self->state = STATE_HEAD;
  set_deadline (self, SW_HTTP_TIMEOUT_REQUEST);
  if (read_input (self))
    run (self);
}

void
sw_http_connection_handle (SwHttpConnection *self,
                           guint32           events)
{
  if (self->state == STATE_CLOSED)
    return;

  if ((events & EPOLLERR) != 0)
    {
      sw_http_connection_close (self);
      return;
    }

  switch (self->state)
    {
    case STATE_HANDSHAKE:
      handshake (self);
      return;

    case STATE_HEAD:
    case STATE_BODY:
      if (!read_input (self))
        return;
      break;

    case STATE_LINGER:
      /* The refusal itself may still be waiting to be sent. */
      if (self->out_sent < self->out->len)
        break;
      if (!read_input (self))
        return;
      self->in_start = self->in->len;
      if (self->peer_closed || (events & EPOLLHUP) != 0)
        sw_http_connection_close (self);
      return;

    case STATE_RESPONSE:
      /* Nothing is read during a response, so this is the client hanging up. A stream
       * has nobody left to write to; a plain response is still sent while it can be. */
      if ((events & (EPOLLHUP | EPOLLRDHUP)) != 0)
        {
          self->peer_closed = TRUE;
          if ((events & EPOLLHUP) != 0 || self->msg == NULL || self->msg->streaming)
            {
              sw_http_connection_close (self);
              return;
            }
        }
      if (self->tls != NULL && (events & EPOLLIN) != 0 && !self->tls_want_write &&
          self->out_sent == self->out->len)
        {
          /* A TLS record while we wait: read it so that the level does not repeat. */
          if (!read_input (self))
            return;
        }
      break;

    case STATE_CLOSED:
    default:
      return;
    }

  run (self);
}

void
sw_http_connection_resume (SwHttpConnection *self)
{
  if (self->state != STATE_RESPONSE || self->dispatching)
    return;
  run (self);
}

void
sw_http_connection_unpause (SwHttpConnection *self)
{
  if (self->state != STATE_RESPONSE || self->dispatching)
    return;
  respond (self);
  run (self);
}

void
sw_http_connection_end_stream (SwHttpConnection *self,
                               gboolean          abort)
{
  if (abort)
    sw_http_connection_close (self);
  else
    sw_http_connection_resume (self);
}

/* test-http-core.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sw-http-core.h"

/* The HTTP/1.1 core on its own: a core on a loopback socket serves test handlers from
 * this thread's main context, while a client thread speaks raw HTTP to it over a
 * blocking socket, so nothing tidies the bytes up on either side. */

typedef struct
{
  GSocket *listener;
  guint port;
  SwHttpCore *core;

  /* What the streaming handlers saw. */
  SwHttpMessage *stream;        /* an endless stream, until it finishes */
  SwHttpMessage *paused;        /* a request whose answer the test gives */
  int finished;                 /* -1 not yet, else the completed flag */
  gboolean drained;
} Fixture;

static void
length_wrote_cb (SwHttpMessage *msg,
                 gsize          length,
                 gpointer       user_data)
{
  guint *pieces_left = sw_http_message_get_data (msg, "pieces-left");

  /* Each written piece brings the next one, as an image file is served. */
  if (*pieces_left > 0)
    {
      (*pieces_left)--;
      soup_message_body_append (sw_http_message_get_response_body (msg), SOUP_MEMORY_STATIC,
                                "def", 3);
    }
}

static void
endless_finished_cb (SwHttpMessage *msg,
                     gboolean       completed,
                     gpointer       user_data)
{
  Fixture *fixture = user_data;

  fixture->finished = completed;
  g_clear_pointer (&fixture->stream, sw_http_message_unref);
}

static gboolean
finish_chunked_cb (gpointer data)
{
  SwHttpMessage *msg = data;

  soup_message_body_append (sw_http_message_get_response_body (msg), SOUP_MEMORY_STATIC,
                            "b", 1);
  sw_http_message_end_stream (msg, FALSE);
  return G_SOURCE_REMOVE;
}

static void
dispatch_cb (SwHttpMessage *msg,
             gpointer       user_data)
{
  Fixture *fixture = user_data;
  const char *path = g_uri_get_path (sw_http_message_get_uri (msg));
  SoupMessageHeaders *headers = sw_http_message_get_response_headers (msg);
  SoupMessageBody *body = sw_http_message_get_response_body (msg);

  if (strcmp (path, "/echo") == 0)
    {
      g_autoptr(GBytes) request = soup_message_body_flatten (sw_http_message_get_request_body (msg));
      g_autofree char *text = g_strdup_printf ("%s %.*s", sw_http_message_get_method (msg),
                                               (int) g_bytes_get_size (request),
                                               (const char *) g_bytes_get_data (request, NULL));

      sw_http_message_set_status (msg, SOUP_STATUS_OK, NULL);
      sw_http_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, text, strlen (text));
    }
  else if (strcmp (path, "/declared-length") == 0)
    {
      /* What an image's HEAD does: the length its GET would send, and no body. */
      sw_http_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_length (headers, 1234);
    }
  else if (strcmp (path, "/empty") == 0)
    sw_http_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
  else if (strcmp (path, "/chunked") == 0)
    {
      sw_http_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      sw_http_message_stream (msg, NULL, NULL, NULL);
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "a", 1);
      sw_http_message_resume (msg);
      g_timeout_add_full (G_PRIORITY_DEFAULT, 20, finish_chunked_cb, sw_http_message_ref (msg),
                          (GDestroyNotify) sw_http_message_unref);
    }
  else if (strcmp (path, "/length") == 0)
    {
      guint *pieces_left = g_new (guint, 1);

      *pieces_left = 2;
      sw_http_message_set_data (msg, "pieces-left", pieces_left, g_free);
      sw_http_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_length (headers, 9);
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "abc", 3);
      sw_http_message_stream (msg, length_wrote_cb, NULL, NULL);
    }
  else if (strcmp (path, "/endless") == 0)
    {
      sw_http_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      fixture->stream = sw_http_message_ref (msg);
      sw_http_message_stream (msg, NULL, endless_finished_cb, fixture);
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "hello", 5);
    }
  else if (strcmp (path, "/paused") == 0)
    {
      fixture->paused = sw_http_message_ref (msg);
      sw_http_message_pause (msg);
    }
  else if (strcmp (path, "/silent") != 0)
    sw_http_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
  /* "/silent" answers nothing at all: the core must. */
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  fixture->finished = -1;
  fixture->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                    G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (fixture->listener, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (fixture->listener, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (fixture->listener, &error);
  g_assert_no_error (error);
  fixture->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  fixture->core = sw_http_core_new (g_socket_get_fd (fixture->listener), NULL,
                                    g_main_context_default (), dispatch_cb, fixture, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sw_http_core_shutdown (fixture->core);
  sw_http_core_free (fixture->core);
  g_assert_null (fixture->stream);
  g_assert_null (fixture->paused);
  g_clear_object (&fixture->listener);
}

/* A client on its own thread: connects, sends @request (then @rest, once @wait_for has
 * arrived, if given), and reads until the server closes or @until has arrived. */
typedef struct
{
  guint port;
  const char *request;
  gsize length;                 /* of @request, if it may hold NULs */
  const char *wait_for;
  const char *rest;
  const char *until;
  gboolean half_close;          /* shut the sending side after the request */
  GString *answer;
  gboolean server_closed;       /* rather than the client's receive timeout ending it */
  gint done;
} Client;

static gboolean
contains (GString    *text,
          const char *needle)
{
  return needle != NULL && g_strstr_len (text->str, text->len, needle) != NULL;
}

static gpointer
client_thread (gpointer data)
{
  Client *client = data;
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons (client->port),
                                 .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  struct timeval timeout = { .tv_sec = 10 };
  gboolean rest_sent = client->rest == NULL;
  char buffer[8192];
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  ssize_t n;

  g_assert_cmpint (fd, >=, 0);
  setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  g_assert_cmpint (connect (fd, (struct sockaddr *) &address, sizeof address), ==, 0);
  /* The server may refuse and close before reading all of it. */
  (void) !send (fd, client->request, client->length > 0 ? client->length : strlen (client->request),
                MSG_NOSIGNAL);
  if (client->half_close)
    shutdown (fd, SHUT_WR);

  while ((n = recv (fd, buffer, sizeof buffer, 0)) > 0)
    {
      g_string_append_len (client->answer, buffer, n);
      if (!rest_sent && contains (client->answer, client->wait_for))
        {
          (void) !send (fd, client->rest, strlen (client->rest), MSG_NOSIGNAL);
          rest_sent = TRUE;
        }
      if (contains (client->answer, client->until))
        break;
    }
  client->server_closed = n == 0;

  close (fd);
  g_atomic_int_set (&client->done, 1);
  g_main_context_wakeup (NULL);
  return NULL;
}

static GThread *
start_client (Fixture *fixture,
              Client  *client)
{
  client->port = fixture->port;
  client->answer = g_string_new (NULL);
  return g_thread_new ("client", client_thread, client);
}

/* Serves until the client is done; returns what it received. */
static char *
finish_client (Client  *client,
               GThread *thread)
{
  while (!g_atomic_int_get (&client->done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  return g_string_free (g_steal_pointer (&client->answer), FALSE);
}

static char *
run_client (Fixture *fixture,
            Client  *client)
{
  return finish_client (client, start_client (fixture, client));
}

/* Sends @request and returns everything the server said before it closed. */
static char *
exchange (Fixture    *fixture,
          const char *request)
{
  Client client = { .request = request };

  return run_client (fixture, &client);
}

/* One request that asks the server to close afterwards; returns the whole answer. */
static char *
fetch (Fixture    *fixture,
       const char *method,
       const char *path)
{
  g_autofree char *request = g_strdup_printf ("%s %s HTTP/1.1\r\nHost: x\r\n"
                                              "Connection: close\r\n\r\n", method, path);

  return exchange (fixture, request);
}

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static const char *
body_of (const char *answer)
{
  const char *blank = strstr (answer, "\r\n\r\n");

  g_assert_nonnull (blank);
  return blank + 4;
}

static void
test_keep_alive_and_pipelining (Fixture       *fixture,
                                gconstpointer  data)
{
  /* Two requests in one write: the second is read once the first is answered. */
  g_autofree char *answer = exchange (fixture,
                                      "GET /echo HTTP/1.1\r\nHost: x\r\n\r\n"
                                      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                                      "Connection: close\r\n\r\nhello");

  g_assert_cmpuint (count (answer, "HTTP/1.1 200 OK\r\n"), ==, 2);
  g_assert_nonnull (strstr (answer, "Content-Length: 4\r\n\r\nGET "));
  g_assert_nonnull (strstr (answer, "Content-Length: 10\r\nConnection: close\r\n\r\nPOST hello"));
  g_assert_nonnull (strstr (answer, "\r\nDate: "));
  g_assert_nonnull (strstr (answer, "\r\nServer: Stillwater/"));
  g_assert_true (g_str_has_suffix (answer, "POST hello"));
}

static void
test_chunked_request_body (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *answer = exchange (fixture,
                                      "PUT /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                      "Transfer-Encoding: chunked\r\n\r\n"
                                      "5\r\nhello\r\n6;name=value\r\n world\r\n0\r\n"
                                      "Trailer-Field: ignored\r\n\r\n");

  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200 OK\r\n"));
  g_assert_cmpstr (body_of (answer), ==, "PUT hello world");
}

static void
test_expect_continue (Fixture       *fixture,
                      gconstpointer  data)
{
  /* The body is sent only after the interim answer, as curl does for large bodies. */
  Client client = {
    .request = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
               "Expect: 100-continue\r\nConnection: close\r\n\r\n",
    .wait_for = "HTTP/1.1 100 Continue\r\n\r\n",
    .rest = "ping",
  };
  g_autofree char *answer = NULL;

  answer = run_client (fixture, &client);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"));
  g_assert_cmpstr (body_of (body_of (answer)), ==, "POST ping");
}

static void
assert_refused (Fixture    *fixture,
                const char *request,
                guint       status)
{
  g_autofree char *answer = exchange (fixture, request);
  g_autofree char *status_line = g_strdup_printf ("HTTP/1.1 %u ", status);


  g_assert_true (g_str_has_prefix (answer, status_line));
  g_assert_nonnull (strstr (answer, "\r\nConnection: close\r\n"));
  g_assert_nonnull (strstr (answer, "\r\nContent-Type: application/json\r\n"));
  g_assert_true (g_str_has_prefix (body_of (answer), "{\"error\":\""));
}

static void
test_malformed_requests (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *long_header = g_strnfill (70 * 1024, 'a');
  g_autofree char *huge_head = g_strdup_printf ("GET /echo HTTP/1.1\r\nX-Long: %s\r\n\r\n",
                                                long_header);
  g_autofree char *answer = NULL;
  GLogLevelFlags old_fatal;

  assert_refused (fixture, "GARBAGE\r\n\r\n", 400);
  assert_refused (fixture, "GET /echo HTTP/2.0\r\nHost: x\r\n\r\n", 505);
  assert_refused (fixture, "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400);
  assert_refused (fixture, "GET /echo HTTP/1.1\r\n\r\n", 400);
  assert_refused (fixture, "GET /echo HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400);
  /* Two lengths that disagree are how requests are smuggled. */
  assert_refused (fixture, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                           "Content-Length: 6\r\n\r\nhello!", 400);
  assert_refused (fixture, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400);
  assert_refused (fixture, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501);
  assert_refused (fixture, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                           "zz\r\nhello\r\n0\r\n\r\n", 400);
  assert_refused (fixture, "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: to-be-obeyed\r\n\r\n", 417);
  assert_refused (fixture, huge_head, 431);
  /* Refused from the header, before a byte of the body is sent. */
  assert_refused (fixture, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n",
                  413);
  /* The core warns about a handler that did not answer (g_test_expect_message() misses
   * structured logging in GLib 2.74, so the warning is let through instead). */
  old_fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  assert_refused (fixture, "GET /silent HTTP/1.1\r\nHost: x\r\n\r\n", 500);
  g_log_set_always_fatal (old_fatal);

  /* None of that hurt the server. */
  answer = fetch (fixture, "GET", "/echo");
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200 OK\r\n"));
  g_assert_cmpuint (sw_http_core_get_n_in_flight (fixture->core), ==, 0);
}

static void
test_http_1_0 (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *closed = exchange (fixture, "GET /echo HTTP/1.0\r\n\r\n");
  Client kept = {
    .request = "GET /echo HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
    .until = "GET ",
  };
  g_autofree char *answer = NULL;

  /* Without keep-alive the server closes: exchange() only returns on EOF. */
  g_assert_true (g_str_has_prefix (closed, "HTTP/1.1 200 OK\r\n"));
  g_assert_nonnull (strstr (closed, "\r\nConnection: close\r\n"));

  answer = run_client (fixture, &kept);
  g_assert_nonnull (strstr (answer, "\r\nConnection: keep-alive\r\n"));
}

static void
test_head_and_no_content (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *head = fetch (fixture, "HEAD", "/echo");
  g_autofree char *declared = fetch (fixture, "HEAD", "/declared-length");
  g_autofree char *empty = fetch (fixture, "DELETE", "/empty");

  /* The length the GET would have, and no body. */
  g_assert_nonnull (strstr (head, "\r\nContent-Length: 5\r\n"));
  g_assert_cmpstr (body_of (head), ==, "");
  g_assert_nonnull (strstr (declared, "\r\nContent-Length: 1234\r\n"));
  g_assert_cmpstr (body_of (declared), ==, "");

  g_assert_true (g_str_has_prefix (empty, "HTTP/1.1 204 No Content\r\n"));
  g_assert_null (strstr (empty, "Content-Length"));
  g_assert_cmpstr (body_of (empty), ==, "");
}

static void
test_streamed_bodies (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *chunked = fetch (fixture, "GET", "/chunked");
  g_autofree char *length = fetch (fixture, "GET", "/length");
  g_autofree char *old_client = exchange (fixture, "GET /chunked HTTP/1.0\r\n\r\n");

  g_assert_nonnull (strstr (chunked, "\r\nTransfer-Encoding: chunked\r\n"));
  g_assert_cmpstr (body_of (chunked), ==, "1\r\na\r\n1\r\nb\r\n0\r\n\r\n");

  g_assert_nonnull (strstr (length, "\r\nContent-Length: 9\r\n"));
  g_assert_cmpstr (body_of (length), ==, "abcdefdef");

  /* An HTTP/1.0 client cannot take chunks: the stream ends when the connection does. */
  g_assert_null (strstr (old_client, "Transfer-Encoding"));
  g_assert_null (strstr (old_client, "Content-Length"));
  g_assert_nonnull (strstr (old_client, "\r\nConnection: close\r\n"));
  g_assert_cmpstr (body_of (old_client), ==, "ab");
  g_assert_cmpuint (sw_http_core_get_n_in_flight (fixture->core), ==, 0);
}

static void
test_client_leaves_stream (Fixture       *fixture,
                           gconstpointer  data)
{
  Client client = {
    .request = "GET /endless HTTP/1.1\r\nHost: x\r\n\r\n",
    .until = "5\r\nhello\r\n",
  };

  g_free (run_client (fixture, &client));

  /* The client closed without a word: the stream finishes, incomplete. */
  while (fixture->finished == -1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (fixture->finished, ==, FALSE);
  g_assert_cmpuint (sw_http_core_get_n_in_flight (fixture->core), ==, 0);
}

static void
drained_cb (gpointer user_data)
{
  Fixture *fixture = user_data;

  fixture->drained = TRUE;
}

static void
test_drain (Fixture       *fixture,
            gconstpointer  data)
{
  Client client = {
    .request = "GET /endless HTTP/1.1\r\nHost: x\r\n\r\n",
    .until = "0\r\n\r\n",
  };
  g_autofree char *answer = NULL;
  GThread *thread;

  /* A stream in flight holds the drain up until its handler ends it. */
  thread = start_client (fixture, &client);
  while (fixture->stream == NULL)
    g_main_context_iteration (NULL, TRUE);

  sw_http_core_drain (fixture->core, G_CALLBACK (drained_cb), fixture);
  g_assert_false (fixture->drained);
  sw_http_message_end_stream (fixture->stream, FALSE);
  g_clear_pointer (&fixture->stream, sw_http_message_unref);
  g_assert_true (fixture->drained);

  answer = finish_client (&client, thread);
  g_assert_true (g_str_has_suffix (answer, "5\r\nhello\r\n0\r\n\r\n"));
  /* Ended by its handler, so its finished callback did not run. */
  g_assert_cmpint (fixture->finished, ==, -1);
}

static void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_timeouts (Fixture       *fixture,
               gconstpointer  data)
{
  Client stalled = { .request = "GET /echo HTTP/1.1\r\nHo" };
  Client idle = { .request = "GET /echo HTTP/1.1\r\nHost: x\r\n\r\n" };
  g_autofree char *stalled_answer = NULL;
  g_autofree char *idle_answer = NULL;
  Client stream_client = {
    .request = "GET /endless HTTP/1.1\r\nHost: x\r\n\r\n",
    .until = "0\r\n\r\n",
  };
  g_autofree char *streamed = NULL;
  GThread *thread;

  _sw_http_core_set_timeouts (fixture->core, 200);

  /* Half a request, then nothing: the server closes without an answer (not the
   * client's own 10 s receive timeout). */
  stalled_answer = run_client (fixture, &stalled);
  g_assert_cmpstr (stalled_answer, ==, "");
  g_assert_true (stalled.server_closed);

  /* Answered and kept alive, then closed for being idle. */
  idle_answer = run_client (fixture, &idle);
  g_assert_true (g_str_has_prefix (idle_answer, "HTTP/1.1 200 OK\r\n"));
  g_assert_true (idle.server_closed);

  /* An event stream waits for its events as long as it takes. */
  thread = start_client (fixture, &stream_client);
  while (fixture->stream == NULL)
    g_main_context_iteration (NULL, TRUE);
  spin_for (1000);
  g_assert_cmpint (fixture->finished, ==, -1);
  sw_http_message_end_stream (fixture->stream, FALSE);
  g_clear_pointer (&fixture->stream, sw_http_message_unref);
  streamed = finish_client (&stream_client, thread);
  g_assert_true (g_str_has_suffix (streamed, "5\r\nhello\r\n0\r\n\r\n"));
}

static void
test_paused_answer (Fixture       *fixture,
                    gconstpointer  data)
{
  Client first = { .request = "GET /paused HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" };
  g_autofree char *second = NULL;
  g_autofree char *answer = NULL;
  GThread *thread = start_client (fixture, &first);

  while (fixture->paused == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* While its answer is being worked out, the thread serves other connections. */
  second = fetch (fixture, "GET", "/echo");
  g_assert_true (g_str_has_suffix (second, "\r\n\r\nGET "));
  g_assert_false (g_atomic_int_get (&first.done));
  g_assert_cmpuint (sw_http_core_get_n_in_flight (fixture->core), ==, 1);

  sw_http_message_set_status (fixture->paused, SOUP_STATUS_ACCEPTED, NULL);
  sw_http_message_set_response (fixture->paused, "text/plain", SOUP_MEMORY_STATIC, "later", 5);
  sw_http_message_unpause (fixture->paused);
  g_clear_pointer (&fixture->paused, sw_http_message_unref);

  answer = finish_client (&first, thread);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 202 Accepted\r\n"));
  g_assert_cmpstr (body_of (answer), ==, "later");
  g_assert_cmpuint (sw_http_core_get_n_in_flight (fixture->core), ==, 0);
}

/* Random damage to good requests: whatever arrives, the server answers or closes, and
 * keeps serving. Seeded by GTest, so a failure can be replayed with --seed. */
static void
test_mutated_requests (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char *const seeds[] = {
    "GET /echo HTTP/1.1\r\nHost: x\r\n\r\n",
    "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
    "PUT /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    "5\r\nhello\r\n0\r\n\r\n",
    "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi",
    "GET /length HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
    "HEAD /chunked HTTP/1.1\r\nHost: x\r\n\r\n",
  };
  static const char alphabet[] = "\r\n :;,/%0123456789abcdefxyz-\t\0\377";
  g_autofree char *last = NULL;

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(GString) request = g_string_new (NULL);
      guint n_seeds = g_test_rand_int_range (1, 3);
      Client client = { .half_close = TRUE };

      for (guint j = 0; j < n_seeds; j++)
        {
          const char *seed = seeds[g_test_rand_int_range (0, G_N_ELEMENTS (seeds))];

          g_string_append (request, seed);
        }
      for (guint j = g_test_rand_int_range (0, 6); j > 0; j--)
        {
          guint at = g_test_rand_int_range (0, request->len);
          char byte = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];

          switch (g_test_rand_int_range (0, 3))
            {
            case 0:
              g_string_erase (request, at, 1);
              break;
            case 1:
              g_string_insert_c (request, at, byte);
              break;
            default:
              request->str[at] = byte;
              break;
            }
        }

      client.request = request->str;
      client.length = request->len;
      g_free (run_client (fixture, &client));
      g_assert_true (client.server_closed);
    }

  last = fetch (fixture, "GET", "/echo");
  g_assert_true (g_str_has_suffix (last, "\r\n\r\nGET "));
  g_assert_cmpuint (sw_http_core_get_n_in_flight (fixture->core), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/http-core/keep-alive-and-pipelining", Fixture, NULL, fixture_setup,
              test_keep_alive_and_pipelining, fixture_teardown);
  g_test_add ("/http-core/chunked-request-body", Fixture, NULL, fixture_setup,
              test_chunked_request_body, fixture_teardown);
  g_test_add ("/http-core/expect-continue", Fixture, NULL, fixture_setup,
              test_expect_continue, fixture_teardown);
  g_test_add ("/http-core/malformed-requests", Fixture, NULL, fixture_setup,
              test_malformed_requests, fixture_teardown);
  g_test_add ("/http-core/http-1.0", Fixture, NULL, fixture_setup,
              test_http_1_0, fixture_teardown);
  g_test_add ("/http-core/head-and-no-content", Fixture, NULL, fixture_setup,
              test_head_and_no_content, fixture_teardown);
  g_test_add ("/http-core/streamed-bodies", Fixture, NULL, fixture_setup,
              test_streamed_bodies, fixture_teardown);
  g_test_add ("/http-core/client-leaves-stream", Fixture, NULL, fixture_setup,
              test_client_leaves_stream, fixture_teardown);
  g_test_add ("/http-core/drain", Fixture, NULL, fixture_setup,
              test_drain, fixture_teardown);
  g_test_add ("/http-core/paused-answer", Fixture, NULL, fixture_setup,
              test_paused_answer, fixture_teardown);
  g_test_add ("/http-core/timeouts", Fixture, NULL, fixture_setup,
              test_timeouts, fixture_teardown);
  g_test_add ("/http-core/mutated-requests", Fixture, NULL, fixture_setup,
              test_mutated_requests, fixture_teardown);

  return g_test_run ();
}

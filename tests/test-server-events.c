/* test-server-events.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/socket.h>

#include "sw-routes-events.h"
#include "sw-test-server.h"
#include "sw-test-util.h"

/* GET /events/stream with the real server and a raw socket client, so the test sees
 * exactly what arrives and when, and can behave like a client that stops reading. */

typedef struct
{
  SwTestServer *harness;        /* with a bus */
  guint port;
  char *bearer;                 /* the administrator's read-only token */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->harness = sw_test_server_new (SW_TEST_SERVER_EVENTS);
  fixture->bearer = g_strdup_printf ("Bearer %s", fixture->harness->read_token);
  sw_test_server_start (fixture->harness);
  fixture->port = sw_server_get_port (fixture->harness->server);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sw_test_server_stop (fixture->harness);
  g_assert_cmpuint (sw_routes_events_get_n_streams (sw_server_get_router (
                      fixture->harness->server)), ==, 0);
  sw_test_server_free (fixture->harness);
  g_clear_pointer (&fixture->bearer, g_free);
  _sw_routes_events_set_heartbeat_ms (0);
}

static guint
n_streams (Fixture *fixture)
{
  return sw_routes_events_get_n_streams (sw_server_get_router (fixture->harness->server));
}

static gboolean
wait_for_streams (Fixture *fixture,
                  guint    expected)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (n_streams (fixture) != expected)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_usleep (10 * 1000);
    }
  return TRUE;
}

/* Opens a stream; @receive_buffer > 0 shrinks the client's receive window. */
static GSocket *
open_stream (Fixture    *fixture,
             const char *authorization,
             int         receive_buffer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, fixture->port);
  g_autofree char *request = NULL;
  GSocket *socket;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  if (receive_buffer > 0)
    {
      g_socket_set_option (socket, SOL_SOCKET, SO_RCVBUF, receive_buffer, &error);
      g_assert_no_error (error);
    }
  g_socket_set_timeout (socket, 5);
  g_socket_connect (socket, address, NULL, &error);
  g_assert_no_error (error);

  request = g_strdup_printf ("GET /api/v1/events/stream HTTP/1.1\r\nHost: x\r\n%s%s%s"
                             "Accept: text/event-stream\r\n\r\n",
                             authorization ? "Authorization: " : "",
                             authorization ? authorization : "",
                             authorization ? "\r\n" : "");
  g_socket_send (socket, request, strlen (request), NULL, &error);
  g_assert_no_error (error);
  return socket;
}

/* Reads into @received until it holds @needle; FALSE on end of stream or timeout. */
static gboolean
read_until (GSocket    *socket,
            GString    *received,
            const char *needle)
{
  while (strstr (received->str, needle) == NULL)
    {
      char buffer[4096];
      gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        return FALSE;
      g_string_append_len (received, buffer, n);
    }
  return TRUE;
}

static gboolean
read_to_end (GSocket *socket,
             GString *received)
{
  for (;;)
    {
      char buffer[4096];
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);

      if (n == 0)
        return TRUE;
      if (n < 0)
        return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
      g_string_append_len (received, buffer, n);
    }
}

static JsonNode *
payload_new (const char *key,
             const char *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value);
  json_builder_set_member_name (builder, "new_artists");
  json_builder_add_int_value (builder, 2);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
test_stream_events (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GSocket) socket = open_stream (fixture, fixture->bearer, 0);
  g_autoptr(GString) received = g_string_new (NULL);
  g_autofree char *expected = NULL;
  g_autofree char *expected_empty = NULL;
  const char *headers_end;
  guint64 sequence;
  guint64 empty_sequence;

  g_assert_true (read_until (socket, received, ": connected\n\n"));
  g_assert_true (g_str_has_prefix (received->str, "HTTP/1.1 200"));
  headers_end = strstr (received->str, "\r\n\r\n");
  g_assert_nonnull (headers_end);
  g_assert_nonnull (g_strstr_len (received->str, headers_end - received->str,
                                  "Content-Type: text/event-stream"));
  g_assert_nonnull (g_strstr_len (received->str, headers_end - received->str,
                                  "Cache-Control: no-store"));
  g_assert_nonnull (g_strstr_len (received->str, headers_end - received->str,
                                  "Transfer-Encoding: chunked"));
  g_assert_true (wait_for_streams (fixture, 1));

  /* Internal events are not streamed; the first one after them shows they were not. */
  sw_events_publish_take (fixture->harness->events, SW_EVENT_FS_DIR_CREATED,
                          payload_new ("path", "/music/hidden"));
  sequence = sw_events_publish_take (fixture->harness->events, SW_EVENT_SCAN_COMPLETED,
                                     payload_new ("scan_id", "scan-1"));
  expected = g_strdup_printf ("id: %" G_GUINT64_FORMAT "\nevent: scan.completed\n"
                              "data: {\"scan_id\":\"scan-1\",\"new_artists\":2}\n\n", sequence);
  g_assert_true (read_until (socket, received, expected));
  g_assert_null (strstr (received->str, "hidden"));
  g_assert_null (strstr (received->str, "fs.dir.created"));

  empty_sequence = sw_events_publish (fixture->harness->events,
                                      SW_EVENT_DASHBOARD_ACTION_RESOLVED, NULL);
  g_assert_cmpuint (empty_sequence, >, sequence);
  expected_empty = g_strdup_printf ("id: %" G_GUINT64_FORMAT "\nevent: dashboard.action-resolved\n"
                                    "data: {}\n\n", empty_sequence);
  g_assert_true (read_until (socket, received, expected_empty));

  /* A client that keeps up is never dropped, however many events it gets in all. */
  for (guint i = 0; i < SW_EVENTS_MAX_BACKLOG_EVENTS + 50; i++)
    {
      g_autofree char *id = NULL;

      sequence = sw_events_publish (fixture->harness->events, SW_EVENT_OPERATION_PROGRESS, NULL);
      id = g_strdup_printf ("id: %" G_GUINT64_FORMAT "\n", sequence);
      g_string_truncate (received, 0);
      g_assert_true (read_until (socket, received, id));
    }
  g_assert_cmpuint (n_streams (fixture), ==, 1);
}

static void
test_needs_credentials (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GSocket) socket = open_stream (fixture, NULL, 0);
  g_autoptr(GSocket) wrong = open_stream (fixture, "Bearer sw_0000", 0);
  g_autoptr(GString) received = g_string_new (NULL);
  g_autoptr(GString) received_wrong = g_string_new (NULL);

  g_assert_true (read_until (socket, received, "\r\n\r\n"));
  g_assert_true (g_str_has_prefix (received->str, "HTTP/1.1 401"));
  g_assert_true (read_until (wrong, received_wrong, "\r\n\r\n"));
  g_assert_true (g_str_has_prefix (received_wrong->str, "HTTP/1.1 401"));
  g_assert_cmpuint (n_streams (fixture), ==, 0);
}

static void
test_heartbeat (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GString) received = g_string_new (NULL);

  _sw_routes_events_set_heartbeat_ms (100);
  socket = open_stream (fixture, fixture->bearer, 0);
  g_assert_true (read_until (socket, received, ": connected\n\n"));
  g_assert_true (read_until (socket, received, ": ping\n\n"));
  g_string_truncate (received, 0);
  g_assert_true (read_until (socket, received, ": ping\n\n"));
}

static void
test_client_goes_away (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GSocket) socket = open_stream (fixture, fixture->bearer, 0);
  g_autoptr(GString) received = g_string_new (NULL);
  g_autoptr(GSocket) other = NULL;
  g_autoptr(GString) other_received = g_string_new (NULL);

  g_assert_true (read_until (socket, received, ": connected\n\n"));
  g_assert_true (wait_for_streams (fixture, 1));
  g_socket_close (socket, NULL);

  /* Noticed without any event or heartbeat to write. */
  g_assert_true (wait_for_streams (fixture, 0));

  /* Events published afterwards go nowhere, and new clients are served. */
  sw_events_publish (fixture->harness->events, SW_EVENT_ARTIST_UPDATED, NULL);
  other = open_stream (fixture, fixture->bearer, 0);
  g_assert_true (read_until (other, other_received, ": connected\n\n"));
  sw_events_publish (fixture->harness->events, SW_EVENT_SETTINGS_CHANGED, NULL);
  g_assert_true (read_until (other, other_received, "event: settings.changed\n"));
}

static void
test_slow_client_dropped (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GSocket) slow = open_stream (fixture, fixture->bearer, 2048);
  g_autoptr(GSocket) reader = open_stream (fixture, fixture->bearer, 0);
  g_autoptr(GString) reader_received = g_string_new (NULL);
  g_autofree char *blob = g_strnfill (64 * 1024, 'x');
  g_autofree char *health_url = g_strdup_printf ("http://127.0.0.1:%u/api/v1/health",
                                                 fixture->port);
  g_autoptr(JsonNode) health = NULL;
  guint published = 0;
  guint status = 0;

  g_assert_true (read_until (reader, reader_received, ": connected\n\n"));
  g_assert_true (wait_for_streams (fixture, 2));

  /* The slow client never reads: once its backlog passes the limit it is dropped. The
   * kernel's socket buffers take some data first, so publish until it happens. */
  while (n_streams (fixture) == 2 && published < 1000)
    {
      sw_events_publish_take (fixture->harness->events, SW_EVENT_ACTIVITY_RECENT,
                              payload_new ("text", blob));
      published++;
      /* Let the reader keep up. */
      g_string_truncate (reader_received, 0);
      g_assert_true (read_until (reader, reader_received, "\n\n"));
      g_usleep (1000);
    }
  g_test_message ("slow client dropped after %u events of 64 KiB", published);
  g_assert_true (wait_for_streams (fixture, 1));
  g_assert_cmpuint (published, <, 1000);

  /* The server still answers, and the other stream still flows. */
  health = sw_test_http_get_json (health_url, &status, NULL);
  g_assert_cmpuint (status, ==, 200);
  sw_events_publish (fixture->harness->events, SW_EVENT_SETTINGS_CHANGED, NULL);
  g_assert_true (read_until (reader, reader_received, "event: settings.changed\n"));
}

static void
test_stop_with_open_stream (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GSocket) socket = open_stream (fixture, fixture->bearer, 0);
  g_autoptr(GString) received = g_string_new (NULL);
  gint64 start;

  g_assert_true (read_until (socket, received, ": connected\n\n"));
  g_assert_true (wait_for_streams (fixture, 1));

  start = g_get_monotonic_time ();
  sw_server_stop (fixture->harness->server);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpuint (n_streams (fixture), ==, 0);

  /* The client sees the stream end; the bus no longer delivers to it. */
  g_assert_true (read_to_end (socket, received));
  sw_events_publish (fixture->harness->events, SW_EVENT_ARTIST_UPDATED, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/server-events/stream-events", test_stream_events);
  ADD ("/server-events/needs-credentials", test_needs_credentials);
  ADD ("/server-events/heartbeat", test_heartbeat);
  ADD ("/server-events/client-goes-away", test_client_goes_away);
  ADD ("/server-events/slow-client-dropped", test_slow_client_dropped);
  ADD ("/server-events/stop-with-open-stream", test_stop_with_open_stream);
#undef ADD

  return g_test_run ();
}

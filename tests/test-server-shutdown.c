/* test-server-shutdown.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-server-worker.h"
#include "sw-server.h"
#include "sw-test-util.h"

/* The server's threads under concurrent clients, and its graceful stop: new
 * connections refused at once, a request already in flight still answered, one that
 * never completes cut off after the drain time. Raw sockets, so the test controls
 * exactly when each byte of a request arrives. */

static GSocket *
connect_to (guint     port,
            GError  **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);

  if (socket == NULL)
    return NULL;
  g_socket_set_timeout (socket, 10);
  if (!g_socket_connect (socket, address, NULL, error))
    return NULL;
  return g_steal_pointer (&socket);
}

static void
send_text (GSocket    *socket,
           const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_socket_send (socket, text, strlen (text), NULL, &error), ==, strlen (text));
  g_assert_no_error (error);
}

/* Everything until the server closes the connection. */
static char *
receive_all (GSocket *socket)
{
  GString *received = g_string_new (NULL);

  for (;;)
    {
      char buffer[4096];
      gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        break;
      g_string_append_len (received, buffer, n);
    }
  return g_string_free (received, FALSE);
}

static gpointer
stop_server (gpointer data)
{
  gint64 start = g_get_monotonic_time ();

  sw_server_stop (data);
  return GINT_TO_POINTER ((int) ((g_get_monotonic_time () - start) / 1000));
}

/* Until the server has the request's headers (so it is in flight when the stop begins). */
static void
wait_in_flight (SwServer *server)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (sw_server_get_n_in_flight (server) == 0 && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_cmpuint (sw_server_get_n_in_flight (server), ==, 1);
}

static gboolean
accepts_connections (guint port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = connect_to (port, &error);

  return socket != NULL;
}

/* Headers in, half the body in: that request is in flight when the stop begins. */
static const char partial_request[] =
  "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
  "Content-Length: 36\r\n\r\n{\"username\": \"ada\", ";
static const char rest_of_body[] = "\"password\": \"x\"}";

static void
test_in_flight_request_finishes (void)
{
  g_autoptr(SwServer) server = sw_server_new ("127.0.0.1", 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) client = NULL;
  g_autofree char *response = NULL;
  GThread *stopper;
  guint port;
  int stop_ms;

  g_assert_cmpuint (strlen ("{\"username\": \"ada\", ") + strlen (rest_of_body), ==, 36);
  g_assert_true (sw_server_start (server, &error));
  port = sw_server_get_port (server);
  client = connect_to (port, &error);
  g_assert_no_error (error);
  send_text (client, partial_request);
  wait_in_flight (server);

  stopper = g_thread_new ("stopper", stop_server, server);

  /* New connections are refused while the old request drains. */
  {
    gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

    while (accepts_connections (port) && g_get_monotonic_time () < deadline)
      g_usleep (10 * 1000);
    g_assert_false (accepts_connections (port));
  }

  send_text (client, rest_of_body);
  response = receive_all (client);
  stop_ms = GPOINTER_TO_INT (g_thread_join (stopper));

  /* Without a store, login is not built (501): a complete answer, then the close. */
  g_test_message ("response: %s", response);
  g_assert_true (g_str_has_prefix (response, "HTTP/1.1 501"));
  g_assert_nonnull (strstr (response, "\r\n\r\n{\"error\":"));
  g_assert_cmpint (stop_ms, <, SW_SERVER_WORKER_DRAIN_MS);
  g_assert_false (sw_server_is_running (server));
}

static void
test_stuck_request_is_cut_off (void)
{
  g_autoptr(SwServer) server = sw_server_new ("127.0.0.1", 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) client = NULL;
  g_autofree char *response = NULL;
  gint64 start;
  int stop_ms;

  g_assert_true (sw_server_start (server, &error));
  client = connect_to (sw_server_get_port (server), &error);
  g_assert_no_error (error);
  send_text (client, partial_request);
  wait_in_flight (server);

  /* The rest of the body never comes: the stop waits the drain time, then closes. */
  start = g_get_monotonic_time ();
  stop_ms = GPOINTER_TO_INT (stop_server (server));
  g_assert_cmpint (stop_ms, >=, SW_SERVER_WORKER_DRAIN_MS - 50);
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, SW_SERVER_WORKER_DRAIN_MS + 2000);

  response = receive_all (client);
  g_assert_cmpstr (response, ==, "");
}

/* An idle kept-alive connection is not a request in flight: the stop is immediate. */
static void
test_idle_connection_does_not_delay_stop (void)
{
  g_autoptr(SwServer) server = sw_server_new ("127.0.0.1", 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) client = NULL;
  char buffer[4096];
  int stop_ms;

  g_assert_true (sw_server_start (server, &error));
  client = connect_to (sw_server_get_port (server), &error);
  g_assert_no_error (error);
  send_text (client, "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
  g_assert_cmpint (g_socket_receive (client, buffer, sizeof buffer, NULL, NULL), >, 0);

  stop_ms = GPOINTER_TO_INT (stop_server (server));
  g_assert_cmpint (stop_ms, <, 1000);
}

typedef struct
{
  guint port;
  guint ok;
} Client;

static gpointer
client_thread (gpointer data)
{
  Client *client = data;

  for (guint i = 0; i < 25; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) socket = connect_to (client->port, &error);
      g_autofree char *response = NULL;

      if (socket == NULL)
        continue;
      send_text (socket, "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      response = receive_all (socket);
      if (g_str_has_prefix (response, "HTTP/1.1 200") && strstr (response, "\"status\":\"ok\""))
        client->ok++;
    }
  return NULL;
}

static void
test_concurrent_clients (void)
{
  g_autoptr(SwServer) server = sw_server_new ("127.0.0.1", 0, NULL);
  g_autoptr(GError) error = NULL;
  Client clients[16];
  GThread *threads[G_N_ELEMENTS (clients)];

  g_assert_true (sw_server_start (server, &error));
  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      clients[i] = (Client) { sw_server_get_port (server), 0 };
      threads[i] = g_thread_new ("client", client_thread, &clients[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (clients[i].ok, ==, 25);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-shutdown/in-flight-request-finishes", test_in_flight_request_finishes);
  g_test_add_func ("/server-shutdown/stuck-request-is-cut-off", test_stuck_request_is_cut_off);
  g_test_add_func ("/server-shutdown/idle-connection", test_idle_connection_does_not_delay_stop);
  g_test_add_func ("/server-shutdown/concurrent-clients", test_concurrent_clients);

  return g_test_run ();
}

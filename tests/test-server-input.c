/* test-server-input.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "sw-test-server.h"

/* Hostile and broken requests: every one gets a 4xx (or 501 for an operation that is
 * not built yet) with the JSON error envelope; none gets a 500, none crashes the server,
 * and the server still answers afterwards. Raw HTTP over a socket, so nothing in a
 * client library tidies the request up first. */

typedef struct
{
  SwTestServer *harness;
  guint port;
  char *bearer;                 /* the administrator's, read and write */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *plaintext = NULL;

  fixture->harness = sw_test_server_new (SW_TEST_SERVER_DEFAULT);
  plaintext = sw_test_server_issue_token (fixture->harness, fixture->harness->admin,
                                          SW_SCOPE_READ | SW_SCOPE_WRITE);
  fixture->bearer = g_strdup_printf ("Bearer %s", plaintext);
  sw_test_server_start (fixture->harness);
  fixture->port = sw_server_get_port (fixture->harness->server);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sw_test_server_free (fixture->harness);
  g_clear_pointer (&fixture->bearer, g_free);
}

/* Sends @raw as is and returns the status code and the body of the answer. */
static guint
raw_request (Fixture    *fixture,
             const char *raw,
             gsize       length,
             char      **body)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) answer = g_string_new (NULL);
  GOutputStream *out;
  GInputStream *in;
  char buffer[4096];
  gssize n;
  guint status = 0;
  const char *blank;

  g_socket_client_set_timeout (client, 20);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", fixture->port, NULL,
                                                &error);
  g_assert_no_error (error);
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));

  /* A server may answer (413) and close before reading everything we send. */
  g_output_stream_write_all (out, raw, length, NULL, NULL, NULL);
  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (answer, buffer, n);

  if (g_str_has_prefix (answer->str, "HTTP/1.1 "))
    status = (guint) g_ascii_strtoull (answer->str + 9, NULL, 10);
  blank = strstr (answer->str, "\r\n\r\n");
  if (body != NULL)
    *body = g_strdup (blank ? blank + 4 : "");
  return status;
}

static void
assert_refused (Fixture    *fixture,
                const char *raw,
                gsize       length)
{
  g_autofree char *body = NULL;
  guint status = raw_request (fixture, raw, length, &body);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_test_message ("%.60s… → %u", raw, status);
  g_assert_cmpuint (status, >=, 400);
  g_assert_cmpuint (status, !=, 500);
  g_assert_cmpuint (status, <, 600);
  /* Whoever refuses it, the HTTP core or a route, answers with the envelope. */
  g_assert_true (json_parser_load_from_data (parser, body, -1, NULL));
  g_assert_true (json_object_has_member (json_node_get_object (
                   json_parser_get_root (parser)), "error"));
}

static char *
post (const char *path,
      const char *content_type,
      const char *body,
      gsize       length)
{
  g_autofree char *head = g_strdup_printf ("POST %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                           "Content-Type: %s\r\nContent-Length: %" G_GSIZE_FORMAT
                                           "\r\n\r\n", path, content_type, length);
  GString *request = g_string_new (head);

  g_string_append_len (request, body, length);
  return g_string_free (request, FALSE);
}

static void
test_bad_bodies (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *bodies[] = {
    "{\"username\": ",                                  /* truncated JSON */
    "[1, 2, 3]",                                         /* not an object */
    "{\"username\": 5, \"password\": []}",               /* wrong types */
    "{\"password\": \"correct horse\"}",                 /* missing member */
    "\"\xff\xfe\"",                                      /* not UTF-8 */
    "{\"username\": \"a\", \"password\": \"b\"} trailing",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *raw = post ("/api/v1/auth/login", "application/json", bodies[i],
                                   strlen (bodies[i]));

      assert_refused (fixture, raw, strlen (raw));
    }

  /* Unknown enum value, and a wrong content type. */
  {
    const char *setup = "{\"username\":\"x\",\"password\":\"12345678\",\"auth_method\":\"ldap\"}";
    g_autofree char *raw = post ("/api/v1/auth/setup", "application/json", setup,
                                 strlen (setup));
    g_autofree char *form = post ("/api/v1/auth/login", "text/plain", "a=b", 3);

    assert_refused (fixture, raw, strlen (raw));
    assert_refused (fixture, form, strlen (form));
  }
}

static void
test_huge_bodies (Fixture       *fixture,
                  gconstpointer  data)
{
  gsize json_size = 2 * 1024 * 1024;
  g_autofree char *big = g_malloc (json_size);
  g_autofree char *raw = NULL;
  g_autofree char *claimed = NULL;

  memset (big, ' ', json_size);
  big[0] = '"';
  big[json_size - 1] = '"';
  raw = post ("/api/v1/auth/login", "application/json", big, json_size);
  assert_refused (fixture, raw, strlen (raw));

  /* A body claimed to be enormous is refused from its headers alone. */
  claimed = g_strdup ("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                      "Content-Type: application/json\r\nContent-Length: 9999999999\r\n\r\n{}");
  assert_refused (fixture, claimed, strlen (claimed));
}

static void
test_odd_paths_and_headers (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *long_path = g_strnfill (8000, 'a');
  g_autofree char *long_request = g_strdup_printf ("GET /api/v1/%s HTTP/1.1\r\nHost: x\r\n"
                                                   "Connection: close\r\n\r\n", long_path);
  g_autofree char *encoded_slash = g_strdup_printf (
    "GET /api/v1/artists/a%%2F..%%2F..%%2Fetc HTTP/1.1\r\nHost: x\r\nAuthorization: %s\r\n"
    "Connection: close\r\n\r\n", fixture->bearer);
  const char *requests[] = {
    "GET /api/v1/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "GET /api/v1/health%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "GET /api/v1//health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "GET /api/v1/auth/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \r\n"
    "Connection: close\r\n\r\n",
    "GET /api/v1/auth/me HTTP/1.1\r\nHost: x\r\nAuthorization: Basic Zm9vOmJhcg==\r\n"
    "Connection: close\r\n\r\n",
    "GET /api/v1/auth/me HTTP/1.1\r\nHost: x\r\nCookie: session=;;;=; csrf_token\r\n"
    "Connection: close\r\n\r\n",
    "GET /api/v1/auth/me?apikey=%ff%fe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "BREW /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "POST /api/v1/settings HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n"
    "Connection: close\r\n\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    assert_refused (fixture, requests[i], strlen (requests[i]));
  assert_refused (fixture, long_request, strlen (long_request));

  /* Encoded slashes and dots never walk the path: refused, or at most an unbuilt
   * route (501) with the whole thing as one id. */
  {
    g_autofree char *body = NULL;
    guint status = raw_request (fixture, encoded_slash, strlen (encoded_slash), &body);

    g_assert_true (status == 400 || status == 404 || status == 501);
  }

  /* And the server is still there. */
  {
    const char *health = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

    g_assert_cmpuint (raw_request (fixture, health, strlen (health), NULL), ==, 200);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/server-input/bad-bodies", test_bad_bodies);
  ADD ("/server-input/huge-bodies", test_huge_bodies);
  ADD ("/server-input/odd-paths-and-headers", test_odd_paths_and_headers);
#undef ADD

  return g_test_run ();
}

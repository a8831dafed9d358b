/* test-server.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "sw-contract-operations.h"
#include "sw-http.h"
#include "sw-server.h"
#include "sw-test-util.h"

typedef struct
{
  SwServer *server;
  char *api;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = sw_server_new ("127.0.0.1", 0, NULL);
  g_assert_true (sw_server_start (fixture->server, &error));
  g_assert_no_error (error);
  fixture->api = sw_server_dup_api_uri (fixture->server);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sw_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->api, g_free);
}

static void
test_health_shape (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *url = g_strconcat (fixture->api, "/health", NULL);
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  JsonObject *object;
  guint status = 0;

  body = sw_test_http_get_json (url, &status, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (body);
  object = json_node_get_object (body);

  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, PACKAGE_VERSION);
  g_assert_true (json_object_has_member (object, "commit"));
  g_assert_cmpstr (json_object_get_string_member (object, "commit"), !=, "");

  time = g_date_time_new_from_iso8601 (json_object_get_string_member (object, "time"), NULL);
  g_assert_nonnull (time);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (object, "time"), "Z"));
  g_assert_cmpint (ABS (g_date_time_difference (now, time)), <, 5 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (json_object_get_size (object), ==, 4);
}

static void
test_unknown_path_is_json_404 (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *paths[] = { "/nope", "/health/extra", "", "x/../health" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = g_strconcat (fixture->api, paths[i], NULL);
      g_autoptr(JsonNode) body = NULL;
      guint status = 0;

      body = sw_test_http_get_json (url, &status, NULL);
      g_assert_cmpuint (status, ==, 404);
      g_assert_nonnull (body);
      g_assert_true (json_object_has_member (json_node_get_object (body), "error"));
    }
}

static void
test_outside_api_prefix_is_404 (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/api/v1health",
                                          sw_server_get_port (fixture->server));
  g_autoptr(JsonNode) body = NULL;
  guint status = 0;

  body = sw_test_http_get_json (url, &status, NULL);
  g_assert_cmpuint (status, ==, 404);
}

static void
test_wrong_method_is_405_with_allow (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *url = g_strconcat (fixture->api, "/health", NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_DELETE, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 405);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                 "Allow"), ==, "GET");
}

static void
test_security_headers (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *url = g_strconcat (fixture->api, "/health", NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GBytes) body = NULL;
  SoupMessageHeaders *headers;

  body = soup_session_send_and_read (session, msg, NULL, NULL);
  g_assert_nonnull (body);
  headers = soup_message_get_response_headers (msg);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Content-Type-Options"), ==, "nosniff");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Frame-Options"), ==, "DENY");
  g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==, "application/json");
}

static void
test_busy_port_is_an_error (Fixture       *fixture,
                            gconstpointer  data)
{
  guint port = sw_server_get_port (fixture->server);
  g_autoptr(SwServer) second = sw_server_new ("127.0.0.1", port, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *port_text = g_strdup_printf ("%u", port);

  g_assert_cmpuint (port, >, 0);
  g_assert_false (sw_server_start (second, &error));
  g_assert_error (error, SW_SERVER_ERROR, SW_SERVER_ERROR_ADDRESS_IN_USE);
  g_assert_nonnull (strstr (error->message, port_text));
  g_assert_false (sw_server_is_running (second));
  g_assert_null (sw_server_dup_api_uri (second));

  /* The first server is unaffected. */
  {
    g_autofree char *url = g_strconcat (fixture->api, "/health", NULL);

    g_assert_true (sw_test_wait_for_http (url, 2000));
  }
}

typedef struct
{
  guint total;
  guint implemented;
  guint public_count;
  GHashTable *seen;    /* "METHOD path" */
} Census;

static void
count_route (const SwRouteInfo *info,
             gpointer           user_data)
{
  Census *census = user_data;

  census->total++;
  census->implemented += info->implemented;
  census->public_count += (info->flags & SW_OPERATION_PUBLIC) != 0;
  g_assert_true (g_hash_table_add (census->seen, g_strdup_printf ("%s %s", info->method,
                                                                   info->path)));
  g_assert_nonnull (info->tag);
  g_assert_nonnull (info->summary);
}

static void
test_registry_holds_the_contract (Fixture       *fixture,
                                  gconstpointer  data)
{
  guint n_operations = 0;
  const SwContractOperation *operations = sw_contract_operations (&n_operations);
  Census census = { 0, 0, 0, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };

  sw_router_foreach (sw_server_get_router (fixture->server), count_route, &census);

  /* Every contract operation is registered once; built ones are marked so. */
  g_assert_cmpuint (n_operations, >=, 226);
  g_assert_cmpuint (census.total, ==, g_hash_table_size (census.seen));
  for (guint i = 0; i < n_operations; i++)
    {
      g_autofree char *key = g_strdup_printf ("%s %s", operations[i].method, operations[i].path);

      g_assert_true (g_hash_table_contains (census.seen, key));
    }
  g_assert_cmpuint (census.implemented, >=, 3);   /* health and the two docs routes */
  g_assert_cmpuint (census.public_count, >=, 3);
  g_hash_table_unref (census.seen);
}

/* Without a store nobody can sign in: everything but the public operations is 401
 * (with credentials, unbuilt operations answer 501: see test-server-auth). */
static void
test_unauthenticated_is_401 (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *paths[] = { "/artists", "/artists/some-id", "/libraries", "/auth/me" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = g_strconcat (fixture->api, paths[i], NULL);
      g_autoptr(JsonNode) body = NULL;
      guint status = 0;

      body = sw_test_http_get_json (url, &status, NULL);
      g_assert_cmpuint (status, ==, 401);
      g_assert_nonnull (body);
      g_assert_true (json_object_has_member (json_node_get_object (body), "error"));
    }
}

static GBytes *
get_bytes (const char  *url,
           SoupMessage **out_msg)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  SoupMessage *msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GError) error = NULL;
  GBytes *body = soup_session_send_and_read (session, msg, NULL, &error);

  g_assert_no_error (error);
  *out_msg = msg;
  return body;
}

static void
test_docs (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *yaml_url = g_strconcat (fixture->api, "/docs/openapi.yaml", NULL);
  g_autofree char *page_url = g_strconcat (fixture->api, "/docs", NULL);
  g_autoptr(SoupMessage) yaml_msg = NULL;
  g_autoptr(SoupMessage) page_msg = NULL;
  g_autoptr(GBytes) yaml = get_bytes (yaml_url, &yaml_msg);
  g_autoptr(GBytes) page = get_bytes (page_url, &page_msg);
  g_autofree char *yaml_text = g_strndup (g_bytes_get_data (yaml, NULL), g_bytes_get_size (yaml));
  g_autofree char *page_text = g_strndup (g_bytes_get_data (page, NULL), g_bytes_get_size (page));
  g_autofree char *expected = NULL;
  SoupMessageHeaders *headers;

  /* The OpenAPI document is generated from the registry: every path is in it. */
  g_assert_cmpuint (soup_message_get_status (yaml_msg), ==, 200);
  g_assert_true (g_str_has_prefix (yaml_text, "openapi: 3.1.0\n"));
  g_assert_nonnull (strstr (yaml_text, "\"/health\":\n    get:"));
  g_assert_nonnull (strstr (yaml_text, "\"/artists/{id}\":"));
  g_assert_nonnull (strstr (yaml_text, "x-implemented: false"));
  g_assert_nonnull (strstr (yaml_text, "- name: id\n          in: path"));

  headers = soup_message_get_response_headers (page_msg);
  g_assert_cmpuint (soup_message_get_status (page_msg), ==, 200);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_content_type (headers, NULL),
                                   "text/html"));
  g_assert_nonnull (soup_message_headers_get_one (headers, "Content-Security-Policy"));
  g_assert_nonnull (strstr (page_text, "<code>/health</code>"));
  expected = g_strdup_printf ("of %u operations", sw_router_get_n_routes (
                                sw_server_get_router (fixture->server)));
  g_assert_nonnull (strstr (page_text, expected));
}

/* A test-only route that echoes a JSON body back, to exercise the body plumbing. */
static void
echo_json (SwHttpMessage *msg,
           GHashTable    *params,
           gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = sw_http_read_json_body (msg, &error);

  if (body == NULL)
    sw_http_respond_gerror (msg, error);
  else
    sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

static guint
post_body (const char *url,
           const char *content_type,
           GBytes     *body,
           char      **error_text)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, content_type, body);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);

  if (error_text != NULL)
    {
      *error_text = NULL;
      if (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                      g_bytes_get_size (reply), NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        *error_text = g_strdup (json_object_get_string_member_with_default (
                                  json_node_get_object (json_parser_get_root (parser)),
                                  "error", ""));
    }
  return soup_message_get_status (msg);
}

static void
test_request_bodies (void)
{
  g_autoptr(SwServer) server = sw_server_new ("127.0.0.1", 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *api = NULL;
  g_autofree char *url = NULL;
  g_autofree char *big_json = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *message = NULL;
  const struct {
    const char *type;
    const char *body;
    guint status;
  } cases[] = {
    { "application/json", "{\"a\": [1, 2, \"x\"]}", 200 },
    { "application/json", "{\"a\": ", 400 },
    { "application/json", "", 400 },
    { "application/json", "\"\xff\xfe\"", 400 },
    { "text/plain", "{}", 415 },
  };

  /* Body plumbing only: no store, no guard. */
  sw_router_set_guard (sw_server_get_router (server), NULL, NULL);
  sw_router_add (sw_server_get_router (server), SOUP_METHOD_POST, "/test/echo", "Test",
                 "Echo a JSON body", echo_json, NULL);
  g_assert_true (sw_server_start (server, &error));
  api = sw_server_dup_api_uri (server);
  url = g_strconcat (api, "/test/echo", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (cases[i].body, strlen (cases[i].body));
      g_autofree char *text = NULL;

      g_assert_cmpuint (post_body (url, cases[i].type, body, &text), ==, cases[i].status);
      if (cases[i].status != 200)
        g_assert_true (text != NULL && text[0] != '\0');
    }

  /* Just over the JSON limit: 413 with the envelope. */
  filler = g_strnfill (SW_HTTP_MAX_JSON_BODY, 'x');
  big_json = g_strdup_printf ("\"%s\"", filler);
  {
    g_autoptr(GBytes) body = g_bytes_new (big_json, strlen (big_json));

    g_assert_cmpuint (post_body (url, "application/json", body, &message), ==, 413);
    g_assert_nonnull (message);
  }

  /* Bodies over the upload limit are cut off at the headers: see test-server-input. */
  sw_server_stop (server);
}

static void
test_invalid_listen_address (void)
{
  const char *bad[] = { "not-an-address", "999.1.1.1", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(SwServer) server = sw_server_new (bad[i], 0, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (sw_server_start (server, &error));
      g_assert_error (error, SW_SERVER_ERROR, SW_SERVER_ERROR_INVALID_ADDRESS);
    }
}

static void
test_restart_after_stop (void)
{
  g_autoptr(SwServer) server = sw_server_new ("localhost", 0, NULL);
  g_autoptr(GError) error = NULL;

  for (guint round = 0; round < 3; round++)
    {
      g_autofree char *api = NULL;
      g_autofree char *url = NULL;

      g_assert_true (sw_server_start (server, &error));
      g_assert_no_error (error);
      api = sw_server_dup_api_uri (server);
      url = g_strconcat (api, "/health", NULL);
      g_assert_true (sw_test_wait_for_http (url, 2000));
      sw_server_stop (server);
      g_assert_false (sw_server_is_running (server));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/server/health/shape", test_health_shape);
  ADD ("/server/router/unknown-path", test_unknown_path_is_json_404);
  ADD ("/server/router/outside-prefix", test_outside_api_prefix_is_404);
  ADD ("/server/router/wrong-method", test_wrong_method_is_405_with_allow);
  ADD ("/server/http/security-headers", test_security_headers);
  ADD ("/server/listen/busy-port", test_busy_port_is_an_error);
  ADD ("/server/router/contract", test_registry_holds_the_contract);
  ADD ("/server/router/unauthenticated-is-401", test_unauthenticated_is_401);
  ADD ("/server/docs", test_docs);
#undef ADD
  g_test_add_func ("/server/listen/invalid-address", test_invalid_listen_address);
  g_test_add_func ("/server/http/request-bodies", test_request_bodies);
  g_test_add_func ("/server/listen/restart", test_restart_after_stop);

  return g_test_run ();
}

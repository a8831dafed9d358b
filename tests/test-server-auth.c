/* test-server-auth.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "sw-auth.h"
#include "sw-contract-operations.h"
#include "sw-server.h"
#include "sw-test-util.h"
#include "sw-user-private.h"

/* The real server with a real store, on a loopback port, driven by a real client. */

typedef struct
{
  SwStore *store;
  SwServer *server;
  char *api;
} Fixture;

typedef struct
{
  guint status;
  JsonNode *body;
  GSList *cookies;     /* SoupCookie, from Set-Cookie */
} Reply;

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->body, json_node_unref);
  g_slist_free_full (reply->cookies, (GDestroyNotify) soup_cookie_free);
  reply->cookies = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->store = sw_store_open (":memory:", &error);
  g_assert_no_error (error);
  fixture->server = sw_server_new ("127.0.0.1", 0, fixture->store);
  g_assert_true (sw_server_start (fixture->server, &error));
  fixture->api = sw_server_dup_api_uri (fixture->server);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sw_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->api, g_free);
}

/* One request. @headers is NULL or "Name", "value", … NULL. */
static void
request (Fixture     *fixture,
         const char  *method,
         const char  *path,
         const char  *json,
         const char **headers,
         Reply       *reply)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (fixture->api, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (msg);
  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_append (soup_message_get_request_headers (msg), headers[i],
                                 headers[i + 1]);
  if (json != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->cookies = soup_cookies_from_response (msg);
  if (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  NULL))
    reply->body = json_parser_steal_root (parser);
}

static SoupCookie *
find_cookie (Reply      *reply,
             const char *name)
{
  for (GSList *l = reply->cookies; l != NULL; l = l->next)
    if (g_strcmp0 (soup_cookie_get_name (l->data), name) == 0)
      return l->data;
  return NULL;
}

static const char *
error_message (Reply *reply)
{
  g_assert_nonnull (reply->body);
  return json_object_get_string_member (json_node_get_object (reply->body), "error");
}

static char *
make_token (Fixture    *fixture,
            const char *username,
            const char *role,
            SwScopes    scopes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwUser) user = sw_auth_create_user (fixture->store, username, "long enough password",
                                                role, &error);
  g_autoptr(SwApiToken) token = NULL;
  char *plaintext;

  g_assert_no_error (error);
  plaintext = sw_auth_create_token (fixture->store, user->id, "test", scopes, &token, &error);
  g_assert_no_error (error);
  return plaintext;
}

static void
test_setup_once_and_login (Fixture       *fixture,
                           gconstpointer  data)
{
  g_auto(Reply) short_password = { 0 };
  g_auto(Reply) setup = { 0 };
  g_auto(Reply) again = { 0 };
  g_auto(Reply) wrong = { 0 };
  g_auto(Reply) login = { 0 };
  g_auto(Reply) me = { 0 };
  g_auto(Reply) logout_without_csrf = { 0 };
  g_auto(Reply) logout = { 0 };
  g_auto(Reply) after = { 0 };
  g_auto(Reply) health = { 0 };
  g_autofree char *session_header = NULL;
  const char *csrf;
  SoupCookie *session;

  request (fixture, "POST", "/auth/setup", "{\"username\":\"ada\",\"password\":\"short\"}", NULL,
           &short_password);
  g_assert_cmpuint (short_password.status, ==, 400);

  request (fixture, "POST", "/auth/setup",
           "{\"username\":\"ada\",\"password\":\"correct horse\"}", NULL, &setup);
  g_assert_cmpuint (setup.status, ==, 201);
  request (fixture, "POST", "/auth/setup",
           "{\"username\":\"eve\",\"password\":\"correct horse\"}", NULL, &again);
  g_assert_cmpuint (again.status, ==, 409);

  request (fixture, "POST", "/auth/login", "{\"username\":\"ada\",\"password\":\"nope nope\"}",
           NULL, &wrong);
  g_assert_cmpuint (wrong.status, ==, 401);
  g_assert_null (find_cookie (&wrong, "session"));

  request (fixture, "POST", "/auth/login",
           "{\"username\":\"ada\",\"password\":\"correct horse\"}", NULL, &login);
  g_assert_cmpuint (login.status, ==, 200);
  session = find_cookie (&login, "session");
  g_assert_nonnull (session);
  g_assert_true (soup_cookie_get_http_only (session));
  g_assert_cmpint (soup_cookie_get_same_site_policy (session), ==, SOUP_SAME_SITE_POLICY_LAX);

  /* The CSRF cookie comes with any answer, e.g. health. */
  request (fixture, "GET", "/health", NULL, NULL, &health);
  g_assert_nonnull (find_cookie (&health, "csrf_token"));
  csrf = soup_cookie_get_value (find_cookie (&health, "csrf_token"));

  session_header = g_strdup_printf ("session=%s; csrf_token=%s", soup_cookie_get_value (session),
                                    csrf);
  {
    const char *cookie_only[] = { "Cookie", session_header, NULL };
    const char *with_csrf[] = { "Cookie", session_header, "X-CSRF-Token", csrf, NULL };

    request (fixture, "GET", "/auth/me", NULL, cookie_only, &me);
    g_assert_cmpuint (me.status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (me.body), "username"),
                     ==, "ada");
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (me.body), "role"),
                     ==, "administrator");

    /* A cookie-authenticated change needs the CSRF token echoed in a header. */
    request (fixture, "POST", "/auth/logout", NULL, cookie_only, &logout_without_csrf);
    g_assert_cmpuint (logout_without_csrf.status, ==, 403);
    request (fixture, "POST", "/auth/logout", NULL, with_csrf, &logout);
    g_assert_cmpuint (logout.status, ==, 200);

    request (fixture, "GET", "/auth/me", NULL, cookie_only, &after);
    g_assert_cmpuint (after.status, ==, 401);
  }
}

static void
test_login_rate_limit (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwUser) admin = sw_auth_setup_admin (fixture->store, "ada", "correct horse", &error);
  guint last = 0;

  for (guint i = 0; i < 6; i++)
    {
      g_auto(Reply) reply = { 0 };

      request (fixture, "POST", "/auth/login",
               "{\"username\":\"ada\",\"password\":\"wrong password\"}", NULL, &reply);
      last = reply.status;
      if (i < 5)
        g_assert_cmpuint (reply.status, ==, 401);
    }
  g_assert_cmpuint (last, ==, 429);

  /* Even the right password waits out the window. */
  {
    g_auto(Reply) reply = { 0 };

    request (fixture, "POST", "/auth/login",
             "{\"username\":\"ada\",\"password\":\"correct horse\"}", NULL, &reply);
    g_assert_cmpuint (reply.status, ==, 429);
  }
}

static void
test_tokens_bearer_and_apikey (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *token = make_token (fixture, "bot", "administrator",
                                       SW_SCOPE_READ | SW_SCOPE_WRITE);
  g_autofree char *bearer = g_strdup_printf ("Bearer %s", token);
  g_autofree char *apikey_path = g_strdup_printf ("/auth/me?apikey=%s", token);
  const char *auth[] = { "Authorization", bearer, NULL };
  const char *bad[] = { "Authorization", "Bearer sw_0000", NULL };
  g_auto(Reply) by_header = { 0 };
  g_auto(Reply) by_query = { 0 };
  g_auto(Reply) wrong = { 0 };
  g_auto(Reply) unbuilt = { 0 };

  request (fixture, "GET", "/auth/me", NULL, auth, &by_header);
  g_assert_cmpuint (by_header.status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (by_header.body),
                                                  "auth_via"), ==, "token");
  request (fixture, "GET", apikey_path, NULL, NULL, &by_query);
  g_assert_cmpuint (by_query.status, ==, 200);
  request (fixture, "GET", "/auth/me", NULL, bad, &wrong);
  g_assert_cmpuint (wrong.status, ==, 401);

  /* Authenticated, an operation that is not built yet says so. */
  request (fixture, "GET", "/artists", NULL, auth, &unbuilt);
  g_assert_cmpuint (unbuilt.status, ==, 501);
  g_assert_cmpstr (error_message (&unbuilt), ==, "not implemented");
}

/* The auth matrix: every registered route, from the registry itself. */

typedef struct
{
  Fixture *fixture;
  const char *read_only;
  const char *operator_token;
  guint checked;
} Matrix;

static char *
concrete_path (const char *path)
{
  GString *out = g_string_new (NULL);

  for (const char *p = path; *p != '\0'; p++)
    {
      if (*p == '{')
        {
          g_string_append (out, "x1");
          p = strchr (p, '}');
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
check_route (const SwRouteInfo *info,
             gpointer           user_data)
{
  Matrix *matrix = user_data;
  g_autofree char *path = NULL;
  gboolean safe = g_str_equal (info->method, "GET");
  g_autofree char *read_bearer = g_strdup_printf ("Bearer %s", matrix->read_only);
  g_autofree char *operator_bearer = g_strdup_printf ("Bearer %s", matrix->operator_token);
  const char *read_headers[] = { "Authorization", read_bearer, NULL };
  const char *operator_headers[] = { "Authorization", operator_bearer, NULL };

  if (info->flags & SW_OPERATION_PUBLIC)
    return;

  path = concrete_path (info->path);
  {
    g_auto(Reply) anonymous = { 0 };

    request (matrix->fixture, info->method, path, NULL, NULL, &anonymous);
    if (anonymous.status != 401)
      g_error ("%s %s without credentials answered %u", info->method, path, anonymous.status);
    g_assert_nonnull (anonymous.body);
  }

  if (!safe && !g_str_has_prefix (info->path, "/webhooks/inbound/"))
    {
      g_auto(Reply) reply = { 0 };

      request (matrix->fixture, info->method, path, NULL, read_headers, &reply);
      if (reply.status != 403)
        g_error ("%s %s with a read-only token answered %u", info->method, path, reply.status);
    }

  if (info->flags & SW_OPERATION_ADMIN)
    {
      g_auto(Reply) reply = { 0 };

      request (matrix->fixture, info->method, path, NULL, operator_headers, &reply);
      if (reply.status != 403)
        g_error ("%s %s for an operator answered %u", info->method, path, reply.status);
    }

  matrix->checked++;
}

static void
test_auth_matrix (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *read_only = make_token (fixture, "reader", "administrator", SW_SCOPE_READ);
  g_autofree char *operator_token = make_token (fixture, "operator", "operator",
                                                SW_SCOPE_READ | SW_SCOPE_WRITE);
  Matrix matrix = { fixture, read_only, operator_token, 0 };

  sw_router_foreach (sw_server_get_router (fixture->server), check_route, &matrix);
  g_test_message ("%u routes checked", matrix.checked);
  g_assert_cmpuint (matrix.checked, >=, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/server-auth/setup-and-login", test_setup_once_and_login);
  ADD ("/server-auth/login-rate-limit", test_login_rate_limit);
  ADD ("/server-auth/tokens", test_tokens_bearer_and_apikey);
  ADD ("/server-auth/matrix", test_auth_matrix);
#undef ADD

  return g_test_run ();
}

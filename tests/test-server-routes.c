/* test-server-routes.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "sw-auth.h"
#include "sw-server.h"
#include "sw-settings.h"
#include "sw-test-util.h"
#include "sw-user-private.h"

/* Tokens, OIDC, settings and preferences through the real server on a loopback port,
 * with a real SoupSession, and the outcome checked in the store where it matters. */

typedef struct
{
  SwStore *store;
  SwServer *server;
  char *api;
  SwUser *admin;
  SwUser *operator;
  char *admin_token;      /* read,write,admin */
  char *operator_token;   /* read,write */
} Fixture;

typedef struct
{
  guint status;
  JsonNode *body;
  char *text;
  char *content_type;
  char *location;
} Reply;

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->body, json_node_unref);
  g_clear_pointer (&reply->text, g_free);
  g_clear_pointer (&reply->content_type, g_free);
  g_clear_pointer (&reply->location, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

static char *
issue_token (Fixture    *fixture,
             SwUser     *user,
             SwScopes    scopes)
{
  g_autoptr(GError) error = NULL;
  char *plaintext = sw_auth_create_token (fixture->store, user->id, "fixture", scopes, NULL,
                                          &error);

  g_assert_no_error (error);
  return plaintext;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->store = sw_store_open (":memory:", &error);
  g_assert_no_error (error);
  fixture->admin = sw_auth_setup_admin (fixture->store, "ada", "correct horse", &error);
  g_assert_no_error (error);
  fixture->operator = sw_auth_create_user (fixture->store, "olly", "correct horse", "operator",
                                           &error);
  g_assert_no_error (error);
  fixture->admin_token = issue_token (fixture, fixture->admin,
                                      SW_SCOPE_READ | SW_SCOPE_WRITE | SW_SCOPE_ADMIN);
  fixture->operator_token = issue_token (fixture, fixture->operator,
                                         SW_SCOPE_READ | SW_SCOPE_WRITE);

  fixture->server = sw_server_new ("127.0.0.1", 0, fixture->store);
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
  g_clear_object (&fixture->admin);
  g_clear_object (&fixture->operator);
  g_clear_pointer (&fixture->admin_token, g_free);
  g_clear_pointer (&fixture->operator_token, g_free);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->api, g_free);
}

/* One request with a Bearer @token (or none), a @body of @content_type (or none) and
 * optionally HX-Request: true. */
static void
send_full (Fixture    *fixture,
           const char *method,
           const char *path,
           const char *token,
           const char *content_type,
           const char *body,
           gboolean    htmx,
           Reply      *reply)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (fixture->api, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  g_assert_nonnull (msg);
  /* Redirects are answers to look at, not to follow. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *bearer = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_append (headers, "Authorization", bearer);
    }
  if (htmx)
    soup_message_headers_append (headers, "HX-Request", "true");
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }

  response = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->text = g_bytes_get_size (response) > 0
                ? g_strndup (g_bytes_get_data (response, NULL), g_bytes_get_size (response))
                : g_strdup ("");
  reply->content_type = g_strdup (soup_message_headers_get_content_type (
    soup_message_get_response_headers (msg), NULL));
  reply->location = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                            "Location"));
  if (json_parser_load_from_data (parser, reply->text, -1, NULL))
    reply->body = json_parser_steal_root (parser);
}

static void
send (Fixture    *fixture,
      const char *method,
      const char *path,
      const char *token,
      const char *json,
      Reply      *reply)
{
  send_full (fixture, method, path, token, "application/json", json, FALSE, reply);
}

static JsonObject *
object_of (Reply *reply)
{
  g_assert_nonnull (reply->body);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->body));
  return json_node_get_object (reply->body);
}

static const char *
member (Reply      *reply,
        const char *name)
{
  JsonObject *object = object_of (reply);

  g_assert_true (json_object_has_member (object, name));
  return json_object_get_string_member (object, name);
}

/* The error envelope: a non-empty "error" string. */
static const char *
error_of (Reply *reply)
{
  const char *message = member (reply, "error");

  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  return message;
}

static JsonObject *
find_token (Reply      *list,
            const char *id)
{
  JsonArray *array;

  g_assert_nonnull (list->body);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (list->body));
  array = json_node_get_array (list->body);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *token = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (token, "id"), id) == 0)
        return token;
    }
  return NULL;
}

typedef struct
{
  const char *sql;        /* SELECT count(*) … with ?1 */
  const char *param;
  gint64 count;
} Count;

static gboolean
count_rows_cb (SwStore   *store,
               gpointer   user_data,
               GError   **error)
{
  Count *count = user_data;
  g_autoptr(SwStmt) stmt = sw_store_prepare (store, count->sql, error);

  if (stmt == NULL)
    return FALSE;
  sw_stmt_bind_text (stmt, 1, count->param);
  if (!sw_store_step (store, stmt, error))
    return FALSE;
  count->count = g_ascii_strtoll (sw_stmt_column_text (stmt, 0), NULL, 10);
  return TRUE;
}

static gint64
count_rows (Fixture    *fixture,
            const char *sql,
            const char *param)
{
  g_autoptr(GError) error = NULL;
  Count count = { sql, param, -1 };

  g_assert_true (sw_store_read (fixture->store, count_rows_cb, &count, &error));
  g_assert_no_error (error);
  return count.count;
}

/* Tokens --------------------------------------------------------------------------------- */

static void
test_token_lifecycle (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(Reply) created = { 0 };
  g_auto(Reply) me = { 0 };
  g_auto(Reply) list = { 0 };
  g_auto(Reply) revoked = { 0 };
  g_auto(Reply) refused = { 0 };
  g_auto(Reply) again = { 0 };
  g_auto(Reply) unknown = { 0 };
  g_auto(Reply) still_active = { 0 };
  g_auto(Reply) deleted = { 0 };
  g_auto(Reply) list_after = { 0 };
  g_auto(Reply) deleted_again = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *plaintext = NULL;
  g_autofree char *path = NULL;
  g_autofree char *permanent = NULL;
  g_autofree char *own_id = NULL;
  g_autofree char *own_permanent = NULL;
  JsonObject *listed;

  send (fixture, "POST", "/auth/tokens", fixture->operator_token,
        "{\"name\":\"  ci runner \",\"scopes\":[\"write\",\"read\"]}", &created);
  g_assert_cmpuint (created.status, ==, 201);
  id = g_strdup (member (&created, "id"));
  plaintext = g_strdup (member (&created, "token"));
  g_assert_true (g_str_has_prefix (plaintext, "sw_"));
  g_assert_cmpuint (strlen (plaintext), ==, 43);
  g_assert_cmpstr (member (&created, "name"), ==, "ci runner");
  g_assert_cmpstr (member (&created, "scopes"), ==, "read,write");
  g_assert_cmpstr (member (&created, "status"), ==, "active");
  g_assert_cmpstr (member (&created, "user_id"), ==, fixture->operator->id);
  g_assert_false (json_object_has_member (object_of (&created), "token_hash"));
  g_assert_null (strstr (created.text, "hash"));

  /* The new token works at once. */
  send (fixture, "GET", "/auth/me", plaintext, NULL, &me);
  g_assert_cmpuint (me.status, ==, 200);
  g_assert_cmpstr (member (&me, "username"), ==, "olly");

  /* Listed for its owner, never with the plaintext. */
  send (fixture, "GET", "/auth/tokens", fixture->operator_token, NULL, &list);
  g_assert_cmpuint (list.status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list.body)), ==, 2);
  listed = find_token (&list, id);
  g_assert_nonnull (listed);
  g_assert_cmpstr (json_object_get_string_member (listed, "name"), ==, "ci runner");
  g_assert_false (json_object_has_member (listed, "token"));
  g_assert_null (strstr (list.text, plaintext));
  g_assert_null (strstr (list.text, "hash"));

  /* Active tokens cannot be deleted for good. */
  permanent = g_strdup_printf ("/auth/tokens/%s/permanent", id);
  send (fixture, "DELETE", permanent, fixture->operator_token, NULL, &still_active);
  g_assert_cmpuint (still_active.status, ==, 409);
  error_of (&still_active);

  path = g_strdup_printf ("/auth/tokens/%s", id);
  send (fixture, "DELETE", path, fixture->operator_token, NULL, &revoked);
  g_assert_cmpuint (revoked.status, ==, 200);
  g_assert_cmpstr (member (&revoked, "status"), ==, "revoked");

  /* A revoked token no longer authenticates. */
  send (fixture, "GET", "/auth/me", plaintext, NULL, &refused);
  g_assert_cmpuint (refused.status, ==, 401);

  send (fixture, "DELETE", path, fixture->operator_token, NULL, &again);
  g_assert_cmpuint (again.status, ==, 409);
  error_of (&again);
  send (fixture, "DELETE", "/auth/tokens/0190a000-0000-7000-8000-000000000000",
        fixture->operator_token, NULL, &unknown);
  g_assert_cmpuint (unknown.status, ==, 404);
  error_of (&unknown);

  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audit_log WHERE token_id = ?1", id),
                   >=, 2);
  send (fixture, "DELETE", permanent, fixture->operator_token, NULL, &deleted);
  g_assert_cmpuint (deleted.status, ==, 204);
  g_assert_cmpstr (deleted.text, ==, "");
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM api_tokens WHERE id = ?1", id),
                   ==, 0);
  /* The audit trail stays, without the token's id or name. */
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audit_log WHERE token_id = ?1", id),
                   ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audit_log WHERE token_name = ?1",
                               "ci runner"), ==, 0);

  send (fixture, "GET", "/auth/tokens", fixture->operator_token, NULL, &list_after);
  g_assert_cmpuint (list_after.status, ==, 200);
  g_assert_null (find_token (&list_after, id));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list_after.body)), ==, 1);

  send (fixture, "DELETE", permanent, fixture->operator_token, NULL, &deleted_again);
  g_assert_cmpuint (deleted_again.status, ==, 404);

  /* A token may revoke itself, and is refused from then on. */
  own_id = g_strdup (json_object_get_string_member (
    json_array_get_object_element (json_node_get_array (list_after.body), 0), "id"));
  {
    g_auto(Reply) self_revoke = { 0 };
    g_auto(Reply) after = { 0 };
    g_autofree char *own_path = g_strdup_printf ("/auth/tokens/%s", own_id);

    send (fixture, "DELETE", own_path, fixture->operator_token, NULL, &self_revoke);
    g_assert_cmpuint (self_revoke.status, ==, 200);
    own_permanent = g_strdup_printf ("/auth/tokens/%s/permanent", own_id);
    send (fixture, "DELETE", own_permanent, fixture->operator_token, NULL, &after);
    g_assert_cmpuint (after.status, ==, 401);
  }
}

static void
test_token_scopes_and_ownership (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *admin_write = issue_token (fixture, fixture->admin,
                                              SW_SCOPE_READ | SW_SCOPE_WRITE);
  g_autofree char *admin_path = NULL;
  g_autofree char *admin_permanent = NULL;
  g_autofree char *admin_token_id = NULL;

  {
    g_auto(Reply) reply = { 0 };

    send (fixture, "POST", "/auth/tokens", fixture->operator_token, "{\"name\":\"plain\"}",
          &reply);
    g_assert_cmpuint (reply.status, ==, 201);
    g_assert_cmpstr (member (&reply, "scopes"), ==, "read");
  }
  /* A token hands out no scope it lacks itself. */
  {
    g_auto(Reply) reply = { 0 };

    send (fixture, "POST", "/auth/tokens", fixture->operator_token,
          "{\"name\":\"hooks\",\"scopes\":\"Webhook, read\"}", &reply);
    g_assert_cmpuint (reply.status, ==, 403);
  }
  {
    g_auto(Reply) reply = { 0 };

    send (fixture, "POST", "/auth/tokens", fixture->operator_token,
          "{\"name\":\"both\",\"scopes\":\" write , read \"}", &reply);
    g_assert_cmpuint (reply.status, ==, 201);
    g_assert_cmpstr (member (&reply, "scopes"), ==, "read,write");
  }
  {
    g_auto(Reply) reply = { 0 };

    send (fixture, "POST", "/auth/tokens", fixture->operator_token,
          "{\"name\":\"bad\",\"scopes\":\"read,fly\"}", &reply);
    g_assert_cmpuint (reply.status, ==, 400);
    g_assert_nonnull (strstr (error_of (&reply), "fly"));
  }
  {
    g_auto(Reply) reply = { 0 };

    send (fixture, "POST", "/auth/tokens", fixture->operator_token,
          "{\"name\":\"bad\",\"scopes\":42}", &reply);
    g_assert_cmpuint (reply.status, ==, 400);
  }
  {
    g_auto(Reply) reply = { 0 };

    send (fixture, "POST", "/auth/tokens", fixture->operator_token, "{\"scopes\":\"read\"}",
          &reply);
    g_assert_cmpuint (reply.status, ==, 400);
    error_of (&reply);
  }
  {
    g_auto(Reply) reply = { 0 };

    send (fixture, "POST", "/auth/tokens", fixture->operator_token,
          "{\"name\":\"   \",\"scopes\":\"read\"}", &reply);
    g_assert_cmpuint (reply.status, ==, 400);
  }
  {
    g_auto(Reply) reply = { 0 };

    send (fixture, "POST", "/auth/tokens", fixture->operator_token, "[1,2]", &reply);
    g_assert_cmpuint (reply.status, ==, 400);
  }
  /* An operator may not ask for the admin scope… */
  {
    g_auto(Reply) reply = { 0 };

    send (fixture, "POST", "/auth/tokens", fixture->operator_token,
          "{\"name\":\"root\",\"scopes\":\"read,admin\"}", &reply);
    g_assert_cmpuint (reply.status, ==, 403);
    error_of (&reply);
  }
  /* …nor may an administrator's token that lacks it… */
  {
    g_auto(Reply) reply = { 0 };

    send (fixture, "POST", "/auth/tokens", admin_write,
          "{\"name\":\"root\",\"scopes\":[\"admin\"]}", &reply);
    g_assert_cmpuint (reply.status, ==, 403);
  }
  /* …but one that holds it can. */
  {
    g_auto(Reply) reply = { 0 };

    send (fixture, "POST", "/auth/tokens", fixture->admin_token,
          "{\"name\":\"root\",\"scopes\":\"admin,webhook\"}", &reply);
    g_assert_cmpuint (reply.status, ==, 201);
    g_assert_cmpstr (member (&reply, "scopes"), ==, "webhook,admin");
    admin_token_id = g_strdup (member (&reply, "id"));
  }
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM api_tokens "
                                        "WHERE name = 'root' AND user_id = ?1",
                               fixture->admin->id), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM api_tokens WHERE name = ?1", "bad"),
                   ==, 0);

  /* Someone else's token is not found, and stays as it was. */
  admin_path = g_strdup_printf ("/auth/tokens/%s", admin_token_id);
  admin_permanent = g_strdup_printf ("/auth/tokens/%s/permanent", admin_token_id);
  {
    g_auto(Reply) revoke = { 0 };
    g_auto(Reply) remove = { 0 };
    g_auto(Reply) list = { 0 };

    send (fixture, "DELETE", admin_path, fixture->operator_token, NULL, &revoke);
    g_assert_cmpuint (revoke.status, ==, 404);
    send (fixture, "DELETE", admin_permanent, fixture->operator_token, NULL, &remove);
    g_assert_cmpuint (remove.status, ==, 404);
    g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM api_tokens "
                                          "WHERE id = ?1 AND status = 'active'",
                                 admin_token_id), ==, 1);

    send (fixture, "GET", "/auth/tokens", fixture->operator_token, NULL, &list);
    g_assert_cmpuint (list.status, ==, 200);
    g_assert_null (find_token (&list, admin_token_id));
  }
}

/* OIDC ------------------------------------------------------------------------------------ */

static void
test_oidc (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(SwSettings) settings = sw_settings_new (fixture->store);
  g_autoptr(GError) error = NULL;
  const char *paths[] = { "/auth/oidc/login", "/auth/oidc/callback?code=abc&state=xyz" };

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(Reply) reply = { 0 };

      send (fixture, "GET", paths[i], NULL, NULL, &reply);
      g_assert_cmpuint (reply.status, ==, 404);
      g_assert_nonnull (strstr (error_of (&reply), "not configured"));
      g_assert_nonnull (strstr (error_of (&reply), "OIDC"));
      g_assert_null (reply.location);
    }

  /* Enabled without an issuer is still not configured. */
  g_assert_true (sw_settings_set (settings, "auth.providers.oidc.enabled", "true", &error));
  g_assert_no_error (error);
  {
    g_auto(Reply) reply = { 0 };

    send (fixture, "GET", paths[0], NULL, NULL, &reply);
    g_assert_cmpuint (reply.status, ==, 404);
  }

  g_assert_true (sw_settings_set (settings, "auth.providers.oidc.issuer_url",
                                  "https://id.example.org", &error));
  g_assert_true (sw_settings_set (settings, "auth.providers.oidc.client_id", "stillwater",
                                  &error));
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(Reply) reply = { 0 };

      send (fixture, "GET", paths[i], NULL, NULL, &reply);
      g_assert_cmpuint (reply.status, ==, 501);
      g_assert_cmpstr (error_of (&reply), ==, "not implemented");
      g_assert_null (reply.location);
    }
}

/* Settings -------------------------------------------------------------------------------- */

static gboolean
looks_secret (const char *key)
{
  g_autofree char *lower = g_ascii_strdown (key, -1);
  const char *words[] = { "api_key", "apikey", "secret", "password", "passwd", "token" };

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_settings_get_hides_secrets (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Reply) reply = { 0 };
  g_auto(Reply) operator = { 0 };
  g_autoptr(GList) keys = NULL;

  /* Rows as an older version or a careless import could have left them. */
  g_assert_true (sw_store_exec (fixture->store,
                                "INSERT INTO settings (key, value, updated_at) VALUES "
                                "('provider.fanarttv.api_key', 'leaked-key', ''), "
                                "('webhook.inbound.emby.secret', 'leaked-hmac', ''), "
                                "('custom.note', 'kept', '')", &error));
  g_assert_no_error (error);

  send (fixture, "GET", "/settings", fixture->admin_token, NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (member (&reply, "custom.note"), ==, "kept");
  g_assert_cmpstr (member (&reply, "provider.name_similarity_threshold"), ==, "60");
  g_assert_null (strstr (reply.text, "leaked"));

  keys = json_object_get_members (object_of (&reply));
  g_assert_cmpuint (g_list_length (keys), >, 10);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object_of (&reply), l->data);

      if (looks_secret (l->data))
        g_error ("GET /settings shows %s", (const char *) l->data);
      g_assert_cmpuint (json_node_get_value_type (value), ==, G_TYPE_STRING);
    }

  send (fixture, "GET", "/settings", fixture->operator_token, NULL, &operator);
  g_assert_cmpuint (operator.status, ==, 403);
}

static void
test_settings_put (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SwSettings) settings = sw_settings_new (fixture->store);
  g_auto(Reply) put = { 0 };
  g_auto(Reply) get = { 0 };
  g_auto(Reply) empty = { 0 };

  send (fixture, "PUT", "/settings", fixture->admin_token,
        "{\"provider.name_similarity_threshold\":\"75\","
        "\"images.backdrop.target_count\":\" 3\","
        "\"custom.thing\":\"as sent\"}", &put);
  g_assert_cmpuint (put.status, ==, 200);
  g_assert_cmpstr (member (&put, "status"), ==, "updated");

  send (fixture, "GET", "/settings", fixture->admin_token, NULL, &get);
  g_assert_cmpuint (get.status, ==, 200);
  g_assert_cmpstr (member (&get, "provider.name_similarity_threshold"), ==, "75");
  g_assert_cmpstr (member (&get, "images.backdrop.target_count"), ==, "3");
  g_assert_cmpstr (member (&get, "custom.thing"), ==, "as sent");
  g_assert_cmpint (sw_settings_get_int (settings, "provider.name_similarity_threshold"), ==, 75);

  send (fixture, "PUT", "/settings", fixture->admin_token, "{}", &empty);
  g_assert_cmpuint (empty.status, ==, 200);
}

static void
test_settings_put_invalid (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(SwSettings) settings = sw_settings_new (fixture->store);
  g_auto(Reply) reply = { 0 };
  g_auto(Reply) secret = { 0 };
  g_auto(Reply) wrong_type = { 0 };
  g_auto(Reply) not_object = { 0 };
  g_auto(Reply) operator = { 0 };
  g_autofree char *before = NULL;
  JsonArray *details;
  g_autofree char *after = NULL;
  gint64 rows = count_rows (fixture, "SELECT count(*) FROM settings WHERE key LIKE ?1", "%");

  send (fixture, "GET", "/settings", fixture->admin_token, NULL, &reply);
  before = g_strdup (reply.text);
  reply_clear (&reply);

  send (fixture, "PUT", "/settings", fixture->admin_token,
        "{\"provider.name_similarity_threshold\":\"80\","
        "\"images.backdrop.target_count\":\"99\","
        "\"custom.other\":\"x\","
        "\"rule_schedule.interval_minutes\":\"3\"}", &reply);
  g_assert_cmpuint (reply.status, ==, 400);
  g_assert_nonnull (strstr (error_of (&reply), "images.backdrop.target_count"));
  details = json_object_get_array_member (object_of (&reply), "details");
  g_assert_nonnull (details);
  g_assert_cmpuint (json_array_get_length (details), ==, 2);
  g_assert_nonnull (strstr (json_array_get_string_element (details, 0),
                            "images.backdrop.target_count"));
  g_assert_nonnull (strstr (json_array_get_string_element (details, 1),
                            "rule_schedule.interval_minutes"));

  /* Nothing was written: not the valid key, not the free-form one. */
  g_assert_cmpint (sw_settings_get_int (settings, "provider.name_similarity_threshold"), ==, 60);
  g_assert_null (sw_settings_get (settings, "custom.other"));
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM settings WHERE key LIKE ?1", "%"),
                   ==, rows);

  send (fixture, "PUT", "/settings", fixture->admin_token,
        "{\"provider.lastfm.api_key\":\"abc\",\"custom.third\":\"y\"}", &secret);
  g_assert_cmpuint (secret.status, ==, 400);
  g_assert_nonnull (strstr (error_of (&secret), "provider.lastfm.api_key"));

  send (fixture, "PUT", "/settings", fixture->admin_token,
        "{\"images.backdrop.target_count\":2}", &wrong_type);
  g_assert_cmpuint (wrong_type.status, ==, 400);
  g_assert_nonnull (strstr (error_of (&wrong_type), "images.backdrop.target_count"));

  send (fixture, "PUT", "/settings", fixture->admin_token, "[\"a\"]", &not_object);
  g_assert_cmpuint (not_object.status, ==, 400);

  send (fixture, "PUT", "/settings", fixture->operator_token,
        "{\"custom.other\":\"x\"}", &operator);
  g_assert_cmpuint (operator.status, ==, 403);

  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM settings WHERE key LIKE ?1", "%"),
                   ==, rows);
  reply_clear (&reply);
  send (fixture, "GET", "/settings", fixture->admin_token, NULL, &reply);
  after = g_strdup (reply.text);
  g_assert_cmpstr (before, ==, after);
}

static void
test_settings_nfo_output (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(Reply) get = { 0 };
  g_auto(Reply) put = { 0 };
  g_auto(Reply) again = { 0 };
  g_auto(Reply) invalid = { 0 };
  g_auto(Reply) after = { 0 };
  JsonObject *map;

  send (fixture, "GET", "/settings/nfo-output", fixture->admin_token, NULL, &get);
  g_assert_cmpuint (get.status, ==, 200);
  map = object_of (&get);
  g_assert_true (json_object_get_boolean_member (map, "default_behavior"));
  g_assert_false (json_object_get_boolean_member (map, "moods_as_styles"));
  g_assert_cmpstr (json_array_get_string_element (
    json_object_get_array_member (map, "genre_sources"), 0), ==, "genres");

  send (fixture, "PUT", "/settings/nfo-output", fixture->admin_token,
        "{\"default_behavior\":false,\"moods_as_styles\":true,"
        "\"genre_sources\":[\"genres\",\"styles\"]}", &put);
  g_assert_cmpuint (put.status, ==, 200);
  g_assert_false (json_object_get_boolean_member (object_of (&put), "default_behavior"));

  send (fixture, "GET", "/settings/nfo-output", fixture->admin_token, NULL, &again);
  map = object_of (&again);
  g_assert_false (json_object_get_boolean_member (map, "default_behavior"));
  g_assert_true (json_object_get_boolean_member (map, "moods_as_styles"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (map, "genre_sources")),
                    ==, 2);

  send (fixture, "PUT", "/settings/nfo-output", fixture->admin_token,
        "{\"default_behavior\":true,\"genre_sources\":[\"colours\"]}", &invalid);
  g_assert_cmpuint (invalid.status, ==, 400);
  error_of (&invalid);
  send (fixture, "GET", "/settings/nfo-output", fixture->admin_token, NULL, &after);
  g_assert_false (json_object_get_boolean_member (object_of (&after), "default_behavior"));
}

static void
test_settings_logging (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(SwSettings) settings = sw_settings_new (fixture->store);
  g_auto(Reply) get = { 0 };
  g_auto(Reply) put = { 0 };
  g_auto(Reply) invalid = { 0 };
  g_auto(Reply) form = { 0 };
  g_autofree char *level = NULL;
  g_autofree char *format = NULL;

  send (fixture, "GET", "/settings/logging", fixture->admin_token, NULL, &get);
  g_assert_cmpuint (get.status, ==, 200);
  g_assert_cmpstr (member (&get, "level"), ==, "info");

  send (fixture, "PUT", "/settings/logging", fixture->admin_token,
        "{\"level\":\"debug\",\"format\":\"text\",\"file_max_files\":3}", &put);
  g_assert_cmpuint (put.status, ==, 200);
  g_assert_cmpstr (member (&put, "level"), ==, "debug");
  g_assert_cmpint (json_object_get_int_member (object_of (&put), "file_max_files"), ==, 3);
  level = sw_settings_get (settings, "logging.level");
  g_assert_cmpstr (level, ==, "debug");

  send (fixture, "PUT", "/settings/logging", fixture->admin_token, "{\"level\":\"loud\"}",
        &invalid);
  g_assert_cmpuint (invalid.status, ==, 400);
  g_clear_pointer (&level, g_free);
  level = sw_settings_get (settings, "logging.level");
  g_assert_cmpstr (level, ==, "debug");

  /* The web UI's form, with the level for this run only, answered with a fragment. */
  send_full (fixture, "PUT", "/settings/logging", fixture->admin_token,
             "application/x-www-form-urlencoded", "level=error&format=json&ephemeral=true",
             TRUE, &form);
  g_assert_cmpuint (form.status, ==, 200);
  g_assert_cmpstr (form.content_type, ==, "text/html");
  g_assert_nonnull (strstr (form.text, "<span"));
  g_clear_pointer (&level, g_free);
  level = sw_settings_get (settings, "logging.level");
  g_assert_cmpstr (level, ==, "debug");
  format = sw_settings_get (settings, "logging.format");
  g_assert_cmpstr (format, ==, "json");
}

/* Preferences ----------------------------------------------------------------------------- */

static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *contract_keys[] = {
    "theme", "sidebar_state", "content_width", "font_family", "font_size", "letter_spacing",
    "thumbnail_size", "reduced_motion", "lite_mode", "language", "notification_enabled",
    "page_size", "metadata_languages", "auto_fetch_images",
    "metadata_name_romanization_fallback", "bg_opacity",
  };
  g_auto(Reply) all = { 0 };
  g_auto(Reply) set = { 0 };
  g_auto(Reply) one = { 0 };
  g_auto(Reply) others = { 0 };
  g_auto(Reply) all_after = { 0 };

  send (fixture, "GET", "/preferences", fixture->operator_token, NULL, &all);
  g_assert_cmpuint (all.status, ==, 200);
  for (gsize i = 0; i < G_N_ELEMENTS (contract_keys); i++)
    member (&all, contract_keys[i]);
  g_assert_cmpstr (member (&all, "theme"), ==, "dark");
  g_assert_cmpstr (member (&all, "page_size"), ==, "50");
  g_assert_cmpstr (member (&all, "metadata_languages"), ==, "[\"en\"]");

  send (fixture, "PUT", "/preferences/theme", fixture->operator_token, "{\"value\":\"light\"}",
        &set);
  g_assert_cmpuint (set.status, ==, 200);
  g_assert_cmpstr (member (&set, "key"), ==, "theme");
  g_assert_cmpstr (member (&set, "value"), ==, "light");

  send (fixture, "GET", "/preferences/theme", fixture->operator_token, NULL, &one);
  g_assert_cmpuint (one.status, ==, 200);
  g_assert_cmpstr (member (&one, "key"), ==, "theme");
  g_assert_cmpstr (member (&one, "value"), ==, "light");
  send (fixture, "GET", "/preferences", fixture->operator_token, NULL, &all_after);
  g_assert_cmpstr (member (&all_after, "theme"), ==, "light");

  /* Per user: the administrator still has the default. */
  send (fixture, "GET", "/preferences/theme", fixture->admin_token, NULL, &others);
  g_assert_cmpstr (member (&others, "value"), ==, "dark");

  /* Canonical values come back. */
  {
    g_auto(Reply) reply = { 0 };

    send (fixture, "PUT", "/preferences/page_size", fixture->operator_token,
          "{\"value\":\" 100\"}", &reply);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpstr (member (&reply, "value"), ==, "100");
  }

  /* suppress_confirm_*: "false" until set, only true/false. */
  {
    g_auto(Reply) unset = { 0 };
    g_auto(Reply) on = { 0 };
    g_auto(Reply) bad = { 0 };

    send (fixture, "GET", "/preferences/suppress_confirm_delete_artist",
          fixture->operator_token, NULL, &unset);
    g_assert_cmpuint (unset.status, ==, 200);
    g_assert_cmpstr (member (&unset, "value"), ==, "false");
    send (fixture, "PUT", "/preferences/suppress_confirm_delete_artist",
          fixture->operator_token, "{\"value\":\"true\"}", &on);
    g_assert_cmpuint (on.status, ==, 200);
    g_assert_cmpstr (member (&on, "value"), ==, "true");
    send (fixture, "PUT", "/preferences/suppress_confirm_delete_artist",
          fixture->operator_token, "{\"value\":\"maybe\"}", &bad);
    g_assert_cmpuint (bad.status, ==, 400);
  }
}

static void
test_preferences_invalid (Fixture       *fixture,
                          gconstpointer  data)
{
  struct
  {
    const char *method;
    const char *path;
    const char *body;
  } cases[] = {
    { "PUT", "/preferences/theme", "{\"value\":\"purple\"}" },
    { "PUT", "/preferences/page_size", "{\"value\":\"600\"}" },
    { "PUT", "/preferences/bg_opacity", "{\"value\":\"5\"}" },
    { "PUT", "/preferences/metadata_languages", "{\"value\":\"en\"}" },
    { "PUT", "/preferences/theme", "{\"value\":1}" },
    { "PUT", "/preferences/theme", "{\"theme\":\"light\"}" },
    { "PUT", "/preferences/theme", "\"light\"" },
    { "PUT", "/preferences/favourite_colour", "{\"value\":\"blue\"}" },
    { "PUT", "/preferences/suppress_confirm_", "{\"value\":\"true\"}" },
    { "GET", "/preferences/favourite_colour", NULL },
    { "GET", "/preferences/SUPPRESS_CONFIRM_X", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Reply) reply = { 0 };

      send (fixture, cases[i].method, cases[i].path, fixture->operator_token, cases[i].body,
            &reply);
      if (reply.status != 400)
        g_error ("%s %s %s answered %u", cases[i].method, cases[i].path,
                 cases[i].body ? cases[i].body : "", reply.status);
      error_of (&reply);
    }

  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM user_preferences WHERE user_id = ?1",
                               fixture->operator->id), ==, 0);
  {
    g_auto(Reply) unknown = { 0 };

    send (fixture, "GET", "/preferences/favourite_colour", fixture->operator_token, NULL,
          &unknown);
    g_assert_nonnull (strstr (error_of (&unknown), "favourite_colour"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/server-routes/tokens/lifecycle", test_token_lifecycle);
  ADD ("/server-routes/tokens/scopes-and-ownership", test_token_scopes_and_ownership);
  ADD ("/server-routes/oidc", test_oidc);
  ADD ("/server-routes/settings/get-hides-secrets", test_settings_get_hides_secrets);
  ADD ("/server-routes/settings/put", test_settings_put);
  ADD ("/server-routes/settings/put-invalid", test_settings_put_invalid);
  ADD ("/server-routes/settings/nfo-output", test_settings_nfo_output);
  ADD ("/server-routes/settings/logging", test_settings_logging);
  ADD ("/server-routes/preferences", test_preferences);
  ADD ("/server-routes/preferences/invalid", test_preferences_invalid);
#undef ADD

  return g_test_run ();
}

/* test-server-routes.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "sw-settings.h"
#include "sw-test-server.h"
#include "sw-user-private.h"

/* Tokens, OIDC, settings and preferences through the real server on a loopback port,
 * with a real SoupSession, and the outcome checked in the store where it matters. */

typedef SwTestServer Fixture;

static JsonObject *
find_token (SwTestReply *list,
            const char  *id)
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
  g_auto(SwTestReply) created = { 0 };
  g_auto(SwTestReply) me = { 0 };
  g_auto(SwTestReply) list = { 0 };
  g_auto(SwTestReply) revoked = { 0 };
  g_auto(SwTestReply) refused = { 0 };
  g_auto(SwTestReply) again = { 0 };
  g_auto(SwTestReply) unknown = { 0 };
  g_auto(SwTestReply) still_active = { 0 };
  g_auto(SwTestReply) deleted = { 0 };
  g_auto(SwTestReply) list_after = { 0 };
  g_auto(SwTestReply) deleted_again = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *plaintext = NULL;
  g_autofree char *path = NULL;
  g_autofree char *permanent = NULL;
  g_autofree char *own_id = NULL;
  g_autofree char *own_permanent = NULL;
  JsonObject *listed;

  sw_test_server_send (fixture, "POST", "/auth/tokens", fixture->operator_token,
                       "{\"name\":\"  ci runner \",\"scopes\":[\"write\",\"read\"]}", &created);
  g_assert_cmpuint (created.status, ==, 201);
  id = g_strdup (sw_test_reply_member (&created, "id"));
  plaintext = g_strdup (sw_test_reply_member (&created, "token"));
  g_assert_true (g_str_has_prefix (plaintext, "sw_"));
  g_assert_cmpuint (strlen (plaintext), ==, 43);
  g_assert_cmpstr (sw_test_reply_member (&created, "name"), ==, "ci runner");
  g_assert_cmpstr (sw_test_reply_member (&created, "scopes"), ==, "read,write");
  g_assert_cmpstr (sw_test_reply_member (&created, "status"), ==, "active");
  g_assert_cmpstr (sw_test_reply_member (&created, "user_id"), ==, fixture->operator->id);
  g_assert_false (json_object_has_member (sw_test_reply_object (&created), "token_hash"));
  g_assert_null (strstr (created.text, "hash"));

  /* The new token works at once. */
  sw_test_server_send (fixture, "GET", "/auth/me", plaintext, NULL, &me);
  g_assert_cmpuint (me.status, ==, 200);
  g_assert_cmpstr (sw_test_reply_member (&me, "username"), ==, "olly");

  /* Listed for its owner, never with the plaintext. */
  sw_test_server_send (fixture, "GET", "/auth/tokens", fixture->operator_token, NULL, &list);
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
  sw_test_server_send (fixture, "DELETE", permanent, fixture->operator_token, NULL, &still_active);
  g_assert_cmpuint (still_active.status, ==, 409);
  sw_test_reply_error (&still_active);

  path = g_strdup_printf ("/auth/tokens/%s", id);
  sw_test_server_send (fixture, "DELETE", path, fixture->operator_token, NULL, &revoked);
  g_assert_cmpuint (revoked.status, ==, 200);
  g_assert_cmpstr (sw_test_reply_member (&revoked, "status"), ==, "revoked");

  /* A revoked token no longer authenticates. */
  sw_test_server_send (fixture, "GET", "/auth/me", plaintext, NULL, &refused);
  g_assert_cmpuint (refused.status, ==, 401);

  sw_test_server_send (fixture, "DELETE", path, fixture->operator_token, NULL, &again);
  g_assert_cmpuint (again.status, ==, 409);
  sw_test_reply_error (&again);
  sw_test_server_send (fixture, "DELETE", "/auth/tokens/0190a000-0000-7000-8000-000000000000",
                       fixture->operator_token, NULL, &unknown);
  g_assert_cmpuint (unknown.status, ==, 404);
  sw_test_reply_error (&unknown);

  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audit_log WHERE token_id = ?1", id),
                   >=, 2);
  sw_test_server_send (fixture, "DELETE", permanent, fixture->operator_token, NULL, &deleted);
  g_assert_cmpuint (deleted.status, ==, 204);
  g_assert_cmpstr (deleted.text, ==, "");
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM api_tokens WHERE id = ?1", id),
                   ==, 0);
  /* The audit trail stays, without the token's id or name. */
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audit_log WHERE token_id = ?1", id),
                   ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audit_log WHERE token_name = ?1",
                               "ci runner"), ==, 0);

  sw_test_server_send (fixture, "GET", "/auth/tokens", fixture->operator_token, NULL, &list_after);
  g_assert_cmpuint (list_after.status, ==, 200);
  g_assert_null (find_token (&list_after, id));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list_after.body)), ==, 1);

  sw_test_server_send (fixture, "DELETE", permanent, fixture->operator_token, NULL, &deleted_again);
  g_assert_cmpuint (deleted_again.status, ==, 404);

  /* A token may revoke itself, and is refused from then on. */
  own_id = g_strdup (json_object_get_string_member (
    json_array_get_object_element (json_node_get_array (list_after.body), 0), "id"));
  {
    g_auto(SwTestReply) self_revoke = { 0 };
    g_auto(SwTestReply) after = { 0 };
    g_autofree char *own_path = g_strdup_printf ("/auth/tokens/%s", own_id);

    sw_test_server_send (fixture, "DELETE", own_path, fixture->operator_token, NULL, &self_revoke);
    g_assert_cmpuint (self_revoke.status, ==, 200);
    own_permanent = g_strdup_printf ("/auth/tokens/%s/permanent", own_id);
    sw_test_server_send (fixture, "DELETE", own_permanent, fixture->operator_token, NULL, &after);
    g_assert_cmpuint (after.status, ==, 401);
  }
}

static void
test_token_scopes_and_ownership (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *admin_write = sw_test_server_issue_token (fixture, fixture->admin,
                                                             SW_SCOPE_READ | SW_SCOPE_WRITE);
  g_autofree char *admin_path = NULL;
  g_autofree char *admin_permanent = NULL;
  g_autofree char *admin_token_id = NULL;

  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_send (fixture, "POST", "/auth/tokens", fixture->operator_token,
                         "{\"name\":\"plain\"}", &reply);
    g_assert_cmpuint (reply.status, ==, 201);
    g_assert_cmpstr (sw_test_reply_member (&reply, "scopes"), ==, "read");
  }
  /* A token hands out no scope it lacks itself. */
  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_send (fixture, "POST", "/auth/tokens", fixture->operator_token,
                         "{\"name\":\"hooks\",\"scopes\":\"Webhook, read\"}", &reply);
    g_assert_cmpuint (reply.status, ==, 403);
  }
  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_send (fixture, "POST", "/auth/tokens", fixture->operator_token,
                         "{\"name\":\"both\",\"scopes\":\" write , read \"}", &reply);
    g_assert_cmpuint (reply.status, ==, 201);
    g_assert_cmpstr (sw_test_reply_member (&reply, "scopes"), ==, "read,write");
  }
  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_send (fixture, "POST", "/auth/tokens", fixture->operator_token,
                         "{\"name\":\"bad\",\"scopes\":\"read,fly\"}", &reply);
    g_assert_cmpuint (reply.status, ==, 400);
    g_assert_nonnull (strstr (sw_test_reply_error (&reply), "fly"));
  }
  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_send (fixture, "POST", "/auth/tokens", fixture->operator_token,
                         "{\"name\":\"bad\",\"scopes\":42}", &reply);
    g_assert_cmpuint (reply.status, ==, 400);
  }
  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_send (fixture, "POST", "/auth/tokens", fixture->operator_token,
                         "{\"scopes\":\"read\"}", &reply);
    g_assert_cmpuint (reply.status, ==, 400);
    sw_test_reply_error (&reply);
  }
  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_send (fixture, "POST", "/auth/tokens", fixture->operator_token,
                         "{\"name\":\"   \",\"scopes\":\"read\"}", &reply);
    g_assert_cmpuint (reply.status, ==, 400);
  }
  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_send (fixture, "POST", "/auth/tokens", fixture->operator_token, "[1,2]", &reply);
    g_assert_cmpuint (reply.status, ==, 400);
  }
  /* An operator may not ask for the admin scope… */
  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_send (fixture, "POST", "/auth/tokens", fixture->operator_token,
                         "{\"name\":\"root\",\"scopes\":\"read,admin\"}", &reply);
    g_assert_cmpuint (reply.status, ==, 403);
    sw_test_reply_error (&reply);
  }
  /* …nor may an administrator's token that lacks it… */
  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_send (fixture, "POST", "/auth/tokens", admin_write,
                         "{\"name\":\"root\",\"scopes\":[\"admin\"]}", &reply);
    g_assert_cmpuint (reply.status, ==, 403);
  }
  /* …but one that holds it can. */
  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_send (fixture, "POST", "/auth/tokens", fixture->admin_token,
                         "{\"name\":\"root\",\"scopes\":\"admin,webhook\"}", &reply);
    g_assert_cmpuint (reply.status, ==, 201);
    g_assert_cmpstr (sw_test_reply_member (&reply, "scopes"), ==, "webhook,admin");
    admin_token_id = g_strdup (sw_test_reply_member (&reply, "id"));
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
    g_auto(SwTestReply) revoke = { 0 };
    g_auto(SwTestReply) remove = { 0 };
    g_auto(SwTestReply) list = { 0 };

    sw_test_server_send (fixture, "DELETE", admin_path, fixture->operator_token, NULL, &revoke);
    g_assert_cmpuint (revoke.status, ==, 404);
    sw_test_server_send (fixture, "DELETE", admin_permanent, fixture->operator_token, NULL,
                         &remove);
    g_assert_cmpuint (remove.status, ==, 404);
    g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM api_tokens "
                                          "WHERE id = ?1 AND status = 'active'",
                                 admin_token_id), ==, 1);

    sw_test_server_send (fixture, "GET", "/auth/tokens", fixture->operator_token, NULL, &list);
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
      g_auto(SwTestReply) reply = { 0 };

      sw_test_server_send (fixture, "GET", paths[i], NULL, NULL, &reply);
      g_assert_cmpuint (reply.status, ==, 404);
      g_assert_nonnull (strstr (sw_test_reply_error (&reply), "not configured"));
      g_assert_nonnull (strstr (sw_test_reply_error (&reply), "OIDC"));
      g_assert_null (reply.location);
    }

  /* Enabled without an issuer is still not configured. */
  g_assert_true (sw_settings_set (settings, "auth.providers.oidc.enabled", "true", &error));
  g_assert_no_error (error);
  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_send (fixture, "GET", paths[0], NULL, NULL, &reply);
    g_assert_cmpuint (reply.status, ==, 404);
  }

  g_assert_true (sw_settings_set (settings, "auth.providers.oidc.issuer_url",
                                  "https://id.example.org", &error));
  g_assert_true (sw_settings_set (settings, "auth.providers.oidc.client_id", "stillwater",
                                  &error));
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(SwTestReply) reply = { 0 };

      sw_test_server_send (fixture, "GET", paths[i], NULL, NULL, &reply);
      g_assert_cmpuint (reply.status, ==, 501);
      g_assert_cmpstr (sw_test_reply_error (&reply), ==, "not implemented");
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
  g_auto(SwTestReply) reply = { 0 };
  g_auto(SwTestReply) operator = { 0 };
  g_autoptr(GList) keys = NULL;

  /* Rows as an older version or a careless import could have left them. */
  g_assert_true (sw_store_exec (fixture->store,
                                "INSERT INTO settings (key, value, updated_at) VALUES "
                                "('provider.fanarttv.api_key', 'leaked-key', ''), "
                                "('webhook.inbound.emby.secret', 'leaked-hmac', ''), "
                                "('custom.note', 'kept', '')", &error));
  g_assert_no_error (error);

  sw_test_server_send (fixture, "GET", "/settings", fixture->admin_token, NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (sw_test_reply_member (&reply, "custom.note"), ==, "kept");
  g_assert_cmpstr (sw_test_reply_member (&reply, "provider.name_similarity_threshold"), ==, "60");
  g_assert_null (strstr (reply.text, "leaked"));

  keys = json_object_get_members (sw_test_reply_object (&reply));
  g_assert_cmpuint (g_list_length (keys), >, 10);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (sw_test_reply_object (&reply), l->data);

      if (looks_secret (l->data))
        g_error ("GET /settings shows %s", (const char *) l->data);
      g_assert_cmpuint (json_node_get_value_type (value), ==, G_TYPE_STRING);
    }

  sw_test_server_send (fixture, "GET", "/settings", fixture->operator_token, NULL, &operator);
  g_assert_cmpuint (operator.status, ==, 403);
}

static void
test_settings_put (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SwSettings) settings = sw_settings_new (fixture->store);
  g_auto(SwTestReply) put = { 0 };
  g_auto(SwTestReply) get = { 0 };
  g_auto(SwTestReply) empty = { 0 };

  sw_test_server_send (fixture, "PUT", "/settings", fixture->admin_token,
                       "{\"provider.name_similarity_threshold\":\"75\","
                       "\"images.backdrop.target_count\":\" 3\","
                       "\"custom.thing\":\"as sent\"}", &put);
  g_assert_cmpuint (put.status, ==, 200);
  g_assert_cmpstr (sw_test_reply_member (&put, "status"), ==, "updated");

  sw_test_server_send (fixture, "GET", "/settings", fixture->admin_token, NULL, &get);
  g_assert_cmpuint (get.status, ==, 200);
  g_assert_cmpstr (sw_test_reply_member (&get, "provider.name_similarity_threshold"), ==, "75");
  g_assert_cmpstr (sw_test_reply_member (&get, "images.backdrop.target_count"), ==, "3");
  g_assert_cmpstr (sw_test_reply_member (&get, "custom.thing"), ==, "as sent");
  g_assert_cmpint (sw_settings_get_int (settings, "provider.name_similarity_threshold"), ==, 75);

  sw_test_server_send (fixture, "PUT", "/settings", fixture->admin_token, "{}", &empty);
  g_assert_cmpuint (empty.status, ==, 200);
}

static void
test_settings_put_invalid (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(SwSettings) settings = sw_settings_new (fixture->store);
  g_auto(SwTestReply) reply = { 0 };
  g_auto(SwTestReply) secret = { 0 };
  g_auto(SwTestReply) wrong_type = { 0 };
  g_auto(SwTestReply) not_object = { 0 };
  g_auto(SwTestReply) operator = { 0 };
  g_autofree char *before = NULL;
  JsonArray *details;
  g_autofree char *after = NULL;
  gint64 rows = count_rows (fixture, "SELECT count(*) FROM settings WHERE key LIKE ?1", "%");

  sw_test_server_send (fixture, "GET", "/settings", fixture->admin_token, NULL, &reply);
  before = g_strdup (reply.text);
  sw_test_reply_clear (&reply);

  sw_test_server_send (fixture, "PUT", "/settings", fixture->admin_token,
                       "{\"provider.name_similarity_threshold\":\"80\","
                       "\"images.backdrop.target_count\":\"99\","
                       "\"custom.other\":\"x\","
                       "\"rule_schedule.interval_minutes\":\"3\"}", &reply);
  g_assert_cmpuint (reply.status, ==, 400);
  g_assert_nonnull (strstr (sw_test_reply_error (&reply), "images.backdrop.target_count"));
  details = json_object_get_array_member (sw_test_reply_object (&reply), "details");
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

  sw_test_server_send (fixture, "PUT", "/settings", fixture->admin_token,
                       "{\"provider.lastfm.api_key\":\"abc\",\"custom.third\":\"y\"}", &secret);
  g_assert_cmpuint (secret.status, ==, 400);
  g_assert_nonnull (strstr (sw_test_reply_error (&secret), "provider.lastfm.api_key"));

  sw_test_server_send (fixture, "PUT", "/settings", fixture->admin_token,
                       "{\"images.backdrop.target_count\":2}", &wrong_type);
  g_assert_cmpuint (wrong_type.status, ==, 400);
  g_assert_nonnull (strstr (sw_test_reply_error (&wrong_type), "images.backdrop.target_count"));

  sw_test_server_send (fixture, "PUT", "/settings", fixture->admin_token, "[\"a\"]", &not_object);
  g_assert_cmpuint (not_object.status, ==, 400);

  sw_test_server_send (fixture, "PUT", "/settings", fixture->operator_token,
                       "{\"custom.other\":\"x\"}", &operator);
  g_assert_cmpuint (operator.status, ==, 403);

  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM settings WHERE key LIKE ?1", "%"),
                   ==, rows);
  sw_test_reply_clear (&reply);
  sw_test_server_send (fixture, "GET", "/settings", fixture->admin_token, NULL, &reply);
  after = g_strdup (reply.text);
  g_assert_cmpstr (before, ==, after);
}

static void
test_settings_nfo_output (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(SwTestReply) get = { 0 };
  g_auto(SwTestReply) put = { 0 };
  g_auto(SwTestReply) again = { 0 };
  g_auto(SwTestReply) invalid = { 0 };
  g_auto(SwTestReply) after = { 0 };
  JsonObject *map;

  sw_test_server_send (fixture, "GET", "/settings/nfo-output", fixture->admin_token, NULL, &get);
  g_assert_cmpuint (get.status, ==, 200);
  map = sw_test_reply_object (&get);
  g_assert_true (json_object_get_boolean_member (map, "default_behavior"));
  g_assert_false (json_object_get_boolean_member (map, "moods_as_styles"));
  g_assert_cmpstr (json_array_get_string_element (
    json_object_get_array_member (map, "genre_sources"), 0), ==, "genres");

  sw_test_server_send (fixture, "PUT", "/settings/nfo-output", fixture->admin_token,
                       "{\"default_behavior\":false,\"moods_as_styles\":true,"
                       "\"genre_sources\":[\"genres\",\"styles\"]}", &put);
  g_assert_cmpuint (put.status, ==, 200);
  g_assert_false (json_object_get_boolean_member (sw_test_reply_object (&put), "default_behavior"));

  sw_test_server_send (fixture, "GET", "/settings/nfo-output", fixture->admin_token, NULL, &again);
  map = sw_test_reply_object (&again);
  g_assert_false (json_object_get_boolean_member (map, "default_behavior"));
  g_assert_true (json_object_get_boolean_member (map, "moods_as_styles"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (map, "genre_sources")),
                    ==, 2);

  sw_test_server_send (fixture, "PUT", "/settings/nfo-output", fixture->admin_token,
                       "{\"default_behavior\":true,\"genre_sources\":[\"colours\"]}", &invalid);
  g_assert_cmpuint (invalid.status, ==, 400);
  sw_test_reply_error (&invalid);
  sw_test_server_send (fixture, "GET", "/settings/nfo-output", fixture->admin_token, NULL, &after);
  g_assert_false (json_object_get_boolean_member (sw_test_reply_object (&after),
                                                  "default_behavior"));
}

static void
test_settings_logging (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(SwSettings) settings = sw_settings_new (fixture->store);
  g_auto(SwTestReply) get = { 0 };
  g_auto(SwTestReply) put = { 0 };
  g_auto(SwTestReply) invalid = { 0 };
  g_auto(SwTestReply) form = { 0 };
  g_autofree char *level = NULL;
  g_autofree char *format = NULL;

  sw_test_server_send (fixture, "GET", "/settings/logging", fixture->admin_token, NULL, &get);
  g_assert_cmpuint (get.status, ==, 200);
  g_assert_cmpstr (sw_test_reply_member (&get, "level"), ==, "info");

  sw_test_server_send (fixture, "PUT", "/settings/logging", fixture->admin_token,
                       "{\"level\":\"debug\",\"format\":\"text\",\"file_max_files\":3}", &put);
  g_assert_cmpuint (put.status, ==, 200);
  g_assert_cmpstr (sw_test_reply_member (&put, "level"), ==, "debug");
  g_assert_cmpint (json_object_get_int_member (sw_test_reply_object (&put), "file_max_files"), ==,
                   3);
  level = sw_settings_get (settings, "logging.level");
  g_assert_cmpstr (level, ==, "debug");

  sw_test_server_send (fixture, "PUT", "/settings/logging", fixture->admin_token,
                       "{\"level\":\"loud\"}", &invalid);
  g_assert_cmpuint (invalid.status, ==, 400);
  g_clear_pointer (&level, g_free);
  level = sw_settings_get (settings, "logging.level");
  g_assert_cmpstr (level, ==, "debug");

  /* The web UI's form, with the level for this run only, answered with a fragment. */
  sw_test_server_request (fixture, "PUT", "/settings/logging", fixture->admin_token,
                          "application/x-www-form-urlencoded",
                          "level=error&format=json&ephemeral=true", SW_TEST_REQUEST_HTMX, &form);
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
  g_auto(SwTestReply) all = { 0 };
  g_auto(SwTestReply) set = { 0 };
  g_auto(SwTestReply) one = { 0 };
  g_auto(SwTestReply) others = { 0 };
  g_auto(SwTestReply) all_after = { 0 };

  sw_test_server_send (fixture, "GET", "/preferences", fixture->operator_token, NULL, &all);
  g_assert_cmpuint (all.status, ==, 200);
  for (gsize i = 0; i < G_N_ELEMENTS (contract_keys); i++)
    sw_test_reply_member (&all, contract_keys[i]);
  g_assert_cmpstr (sw_test_reply_member (&all, "theme"), ==, "dark");
  g_assert_cmpstr (sw_test_reply_member (&all, "page_size"), ==, "50");
  g_assert_cmpstr (sw_test_reply_member (&all, "metadata_languages"), ==, "[\"en\"]");

  sw_test_server_send (fixture, "PUT", "/preferences/theme", fixture->operator_token,
                       "{\"value\":\"light\"}", &set);
  g_assert_cmpuint (set.status, ==, 200);
  g_assert_cmpstr (sw_test_reply_member (&set, "key"), ==, "theme");
  g_assert_cmpstr (sw_test_reply_member (&set, "value"), ==, "light");

  sw_test_server_send (fixture, "GET", "/preferences/theme", fixture->operator_token, NULL, &one);
  g_assert_cmpuint (one.status, ==, 200);
  g_assert_cmpstr (sw_test_reply_member (&one, "key"), ==, "theme");
  g_assert_cmpstr (sw_test_reply_member (&one, "value"), ==, "light");
  sw_test_server_send (fixture, "GET", "/preferences", fixture->operator_token, NULL, &all_after);
  g_assert_cmpstr (sw_test_reply_member (&all_after, "theme"), ==, "light");

  /* Per user: the administrator still has the default. */
  sw_test_server_send (fixture, "GET", "/preferences/theme", fixture->admin_token, NULL, &others);
  g_assert_cmpstr (sw_test_reply_member (&others, "value"), ==, "dark");

  /* Canonical values come back. */
  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_send (fixture, "PUT", "/preferences/page_size", fixture->operator_token,
                         "{\"value\":\" 100\"}", &reply);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpstr (sw_test_reply_member (&reply, "value"), ==, "100");
  }

  /* suppress_confirm_*: "false" until set, only true/false. */
  {
    g_auto(SwTestReply) unset = { 0 };
    g_auto(SwTestReply) on = { 0 };
    g_auto(SwTestReply) bad = { 0 };

    sw_test_server_send (fixture, "GET", "/preferences/suppress_confirm_delete_artist",
                         fixture->operator_token, NULL, &unset);
    g_assert_cmpuint (unset.status, ==, 200);
    g_assert_cmpstr (sw_test_reply_member (&unset, "value"), ==, "false");
    sw_test_server_send (fixture, "PUT", "/preferences/suppress_confirm_delete_artist",
                         fixture->operator_token, "{\"value\":\"true\"}", &on);
    g_assert_cmpuint (on.status, ==, 200);
    g_assert_cmpstr (sw_test_reply_member (&on, "value"), ==, "true");
    sw_test_server_send (fixture, "PUT", "/preferences/suppress_confirm_delete_artist",
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
      g_auto(SwTestReply) reply = { 0 };

      sw_test_server_send (fixture, cases[i].method, cases[i].path, fixture->operator_token,
                           cases[i].body, &reply);
      if (reply.status != 400)
        g_error ("%s %s %s answered %u", cases[i].method, cases[i].path,
                 cases[i].body ? cases[i].body : "", reply.status);
      sw_test_reply_error (&reply);
    }

  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM user_preferences WHERE user_id = ?1",
                               fixture->operator->id), ==, 0);
  {
    g_auto(SwTestReply) unknown = { 0 };

    sw_test_server_send (fixture, "GET", "/preferences/favourite_colour", fixture->operator_token,
                         NULL, &unknown);
    g_assert_nonnull (strstr (sw_test_reply_error (&unknown), "favourite_colour"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) sw_test_server_add (path, SW_TEST_SERVER_DEFAULT, func)
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

/* sw-routes-auth.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-auth-guard.h"
#include "sw-http.h"
#include "sw-routes-auth.h"
#include "sw-user-private.h"

/* Failed logins per client address: at most LOGIN_ATTEMPTS in LOGIN_WINDOW. */
#define LOGIN_ATTEMPTS 5
#define LOGIN_WINDOW_US (60 * G_USEC_PER_SEC)

typedef struct
{
  guint failures;
  gint64 window_start;
} LoginRecord;

/* What the auth routes share; owned by the router they are registered on. */
typedef struct
{
  SwStore *store;
  GMutex mutex;
  GHashTable *failures;   /* client address → LoginRecord */
} AuthRoutes;

static void
auth_routes_free (AuthRoutes *routes)
{
  g_clear_object (&routes->store);
  g_clear_pointer (&routes->failures, g_hash_table_unref);
  g_mutex_clear (&routes->mutex);
  g_free (routes);
}

static gboolean
login_allowed (AuthRoutes *routes,
               const char *address)
{
  LoginRecord *record;
  gboolean allowed = TRUE;

  g_mutex_lock (&routes->mutex);
  record = g_hash_table_lookup (routes->failures, address);
  if (record != NULL && g_get_monotonic_time () - record->window_start > LOGIN_WINDOW_US)
    g_hash_table_remove (routes->failures, address);
  else if (record != NULL)
    allowed = record->failures < LOGIN_ATTEMPTS;
  g_mutex_unlock (&routes->mutex);

  return allowed;
}

static void
login_failed (AuthRoutes *routes,
              const char *address)
{
  LoginRecord *record;

  g_mutex_lock (&routes->mutex);
  record = g_hash_table_lookup (routes->failures, address);
  if (record == NULL)
    {
      record = g_new0 (LoginRecord, 1);
      record->window_start = g_get_monotonic_time ();
      g_hash_table_insert (routes->failures, g_strdup (address), record);
    }
  record->failures++;
  g_mutex_unlock (&routes->mutex);
}

static const char *
member_string (JsonNode   *body,
               const char *name)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  JsonNode *member = object ? json_object_get_member (object, name) : NULL;

  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (member);
}

/* Reads {username, password}; answers 400 itself when they are missing. */
static JsonNode *
read_credentials (SwHttpMessage  *msg,
                  const char    **username,
                  const char    **password)
{
  g_autoptr(GError) error = NULL;
  JsonNode *body = sw_http_read_json_body (msg, &error);

  if (body == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return NULL;
    }

  *username = member_string (body, "username");
  *password = member_string (body, "password");
  if (*username == NULL || *password == NULL)
    {
      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                             _("username and password are required strings"));
      json_node_unref (body);
      return NULL;
    }
  return body;
}

static void
respond_status (SwHttpMessage *msg,
                guint          status,
                const char    *user_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ok");
  if (user_id != NULL)
    {
      json_builder_set_member_name (builder, "user_id");
      json_builder_add_string_value (builder, user_id);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  sw_http_respond_json (msg, status, body);
}

static void
post_setup (SwHttpMessage *msg,
            GHashTable    *params,
            gpointer       user_data)
{
  SwStore *store = ((AuthRoutes *) user_data)->store;
  const char *username = NULL;
  const char *password = NULL;
  g_autoptr(JsonNode) body = read_credentials (msg, &username, &password);
  g_autoptr(SwUser) user = NULL;
  g_autoptr(GError) error = NULL;
  const char *method;

  if (body == NULL)
    return;

  method = member_string (body, "auth_method");
  if (method != NULL && g_strcmp0 (method, "local") != 0)
    {
      if (g_strcmp0 (method, "emby") == 0 || g_strcmp0 (method, "jellyfin") == 0)
        sw_http_respond_error (msg, SOUP_STATUS_NOT_IMPLEMENTED, "not implemented");
      else
        sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST, _("Unknown auth_method"));
      return;
    }

  user = sw_auth_setup_admin (store, username, password, &error);
  if (user == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  respond_status (msg, SOUP_STATUS_CREATED, user->id);
}

/* A login checks a password hash (about 40 ms of CPU), so it runs on a thread of its
 * own while the server thread serves other connections. */
typedef struct
{
  AuthRoutes *routes;           /* outlives the server threads, so this callback too */
  SwHttpMessage *msg;
  char *address;
  char *username;
  char *password;

  SwUser *user;                 /* results */
  char *token;
  GError *error;
} Login;

static void
login_free (Login *login)
{
  sw_http_message_unref (login->msg);
  g_free (login->address);
  g_free (login->username);
  g_free (login->password);
  g_clear_object (&login->user);
  g_free (login->token);
  g_clear_error (&login->error);
  g_free (login);
}

static void
login_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Login *login = task_data;
  SwStore *store = login->routes->store;

  login->user = sw_auth_login (store, login->username, login->password, &login->error);
  if (login->user != NULL)
    login->token = sw_auth_create_session (store, login->user->id, NULL, &login->error);
  g_task_return_boolean (task, TRUE);
}

/* Back on the server thread. */
static void
login_done_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Login *login = g_task_get_task_data (G_TASK (result));
  SwHttpMessage *msg = login->msg;
  g_autofree char *cookie = NULL;

  if (login->user == NULL || login->token == NULL)
    {
      if (g_error_matches (login->error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS))
        login_failed (login->routes, login->address);
      sw_http_respond_gerror (msg, login->error);
      sw_http_message_unpause (msg);
      return;
    }

  /* Fixed 24 h sessions: a stolen cookie is useful for a bounded time at most. Over
   * HTTPS it is Secure, so the browser never sends it over plain HTTP. */
  cookie = g_strdup_printf ("session=%s; Path=/; %sHttpOnly; SameSite=Lax; Max-Age=%d",
                            login->token, sw_http_message_is_tls (msg) ? "Secure; " : "",
                            SW_SESSION_LIFETIME_SECONDS);
  soup_message_headers_append (sw_http_message_get_response_headers (msg), "Set-Cookie",
                               cookie);
  respond_status (msg, SOUP_STATUS_OK, login->user->id);
  sw_http_message_unpause (msg);
}

static void
post_login (SwHttpMessage *msg,
            GHashTable    *params,
            gpointer       user_data)
{
  AuthRoutes *routes = user_data;
  const char *address = sw_http_message_get_remote_host (msg);
  const char *username = NULL;
  const char *password = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GTask) task = NULL;
  Login *login;

  if (!login_allowed (routes, address))
    {
      soup_message_headers_replace (sw_http_message_get_response_headers (msg),
                                    "Retry-After", "60");
      /* libsoup 3.2 has no name for 429 Too Many Requests. */
      sw_http_respond_error (msg, 429,
                             _("Too many failed logins; try again in a minute"));
      return;
    }

  body = read_credentials (msg, &username, &password);
  if (body == NULL)
    return;

  login = g_new0 (Login, 1);
  login->routes = routes;
  login->msg = sw_http_message_ref (msg);
  login->address = g_strdup (address);
  login->username = g_strdup (username);
  login->password = g_strdup (password);

  sw_http_message_pause (msg);
  task = g_task_new (NULL, NULL, login_done_cb, NULL);
  g_task_set_source_tag (task, post_login);
  g_task_set_task_data (task, login, (GDestroyNotify) login_free);
  g_task_run_in_thread (task, login_thread);
}

static void
post_logout (SwHttpMessage *msg,
             GHashTable    *params,
             gpointer       user_data)
{
  SwStore *store = ((AuthRoutes *) user_data)->store;
  g_autofree char *session = sw_auth_request_cookie (msg, "session");
  g_autoptr(GError) error = NULL;

  if (session != NULL && !sw_auth_delete_session (store, session, &error))
    g_warning ("Could not end a session: %s", error->message);

  soup_message_headers_append (sw_http_message_get_response_headers (msg), "Set-Cookie",
                               sw_http_message_is_tls (msg)
                                 ? "session=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0"
                                 : "session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
  respond_status (msg, SOUP_STATUS_OK, NULL);
}

static void
get_me (SwHttpMessage *msg,
        GHashTable    *params,
        gpointer       user_data)
{
  SwAuthContext *context = sw_auth_context_get (msg);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *scopes = sw_scopes_to_string (context->scopes);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user_id");
  json_builder_add_string_value (builder, context->user->id);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, context->user->username);
  json_builder_set_member_name (builder, "display_name");
  json_builder_add_string_value (builder, context->user->display_name ?
                                          context->user->display_name : "");
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, context->user->role);
  json_builder_set_member_name (builder, "auth_provider");
  json_builder_add_string_value (builder, context->user->auth_provider);
  json_builder_set_member_name (builder, "auth_via");
  json_builder_add_string_value (builder, context->via_session ? "session" : "token");
  json_builder_set_member_name (builder, "scopes");
  json_builder_add_string_value (builder, scopes);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

void
sw_routes_auth_register (SwRouter *router,
                         SwStore  *store)
{
  AuthRoutes *routes = g_new0 (AuthRoutes, 1);

  routes->store = g_object_ref (store);
  g_mutex_init (&routes->mutex);
  routes->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_object_set_data_full (G_OBJECT (router), "sw-auth-routes", routes,
                          (GDestroyNotify) auth_routes_free);

  sw_router_add (router, SOUP_METHOD_POST, "/auth/setup", NULL, NULL, post_setup, routes);
  sw_router_add (router, SOUP_METHOD_POST, "/auth/login", NULL, NULL, post_login, routes);
  sw_router_add (router, SOUP_METHOD_POST, "/auth/logout", NULL, NULL, post_logout, routes);
  sw_router_add (router, SOUP_METHOD_GET, "/auth/me", NULL, NULL, get_me, routes);
}

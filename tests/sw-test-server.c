/* sw-test-server.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "sw-artist-private.h"
#include "sw-artist-query.h"
#include "sw-test-server.h"
#include "sw-test-util.h"
#include "sw-user-private.h"

static void
sw_test_server_init (SwTestServer      *self,
                     SwTestServerFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;

  self->dir = sw_test_make_temp_dir ();
  if (flags & SW_TEST_SERVER_MUSIC)
    {
      self->music = g_build_filename (self->dir, "music", NULL);
      g_assert_cmpint (g_mkdir (self->music, 0755), ==, 0);
    }

  database = (flags & SW_TEST_SERVER_DATABASE_FILE)
             ? g_build_filename (self->dir, "stillwater.db", NULL)
             : g_strdup (":memory:");
  self->store = sw_store_open (database, &error);
  g_assert_no_error (error);
  self->admin = sw_auth_setup_admin (self->store, "ada", "correct horse", &error);
  g_assert_no_error (error);
  self->operator = sw_auth_create_user (self->store, "olly", "correct horse", "operator",
                                        &error);
  g_assert_no_error (error);
  self->admin_token = sw_test_server_issue_token (self, self->admin,
                                                  SW_SCOPE_READ | SW_SCOPE_WRITE |
                                                  SW_SCOPE_ADMIN);
  self->operator_token = sw_test_server_issue_token (self, self->operator,
                                                     SW_SCOPE_READ | SW_SCOPE_WRITE);
  self->read_token = sw_test_server_issue_token (self, self->admin, SW_SCOPE_READ);
  self->token = (flags & SW_TEST_SERVER_CALL_AS_OPERATOR) ? self->operator_token
                                                          : self->admin_token;

  self->server = sw_server_new ("127.0.0.1", 0, self->store);
  /* Both must reach the server before it starts. */
  if (flags & SW_TEST_SERVER_EVENTS)
    {
      self->events = sw_events_new ();
      self->artists = sw_artist_service_new (self->store, self->events);
      sw_server_set_events (self->server, self->events);
    }
  if (flags & SW_TEST_SERVER_JOBS)
    {
      self->jobs = sw_job_queue_new ();
      sw_server_set_jobs (self->server, self->jobs);
    }
}

static void
sw_test_server_clear (SwTestServer *self)
{
  sw_test_server_stop (self);
  g_clear_object (&self->server);
  g_clear_object (&self->artists);
  g_clear_object (&self->jobs);
  g_clear_object (&self->events);
  g_clear_object (&self->admin);
  g_clear_object (&self->operator);
  g_clear_object (&self->store);
  g_clear_pointer (&self->api, g_free);
  g_clear_pointer (&self->admin_token, g_free);
  g_clear_pointer (&self->operator_token, g_free);
  g_clear_pointer (&self->read_token, g_free);
  self->token = NULL;
  sw_test_remove_tree (self->dir);
  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->music, g_free);
}

static void
fixture_setup (gpointer       fixture,
               gconstpointer  data)
{
  sw_test_server_init (fixture, GPOINTER_TO_UINT (data));
  sw_test_server_start (fixture);
}

static void
fixture_teardown (gpointer       fixture,
                  gconstpointer  data)
{
  sw_test_server_clear (fixture);
}

/* The flags travel as the test's data. */
void
sw_test_server_add (const char        *test_path,
                    SwTestServerFlags  flags,
                    SwTestServerFunc   test_func)
{
  g_test_add_vtable (test_path, sizeof (SwTestServer), GUINT_TO_POINTER (flags), fixture_setup,
                     (GTestFixtureFunc) test_func, fixture_teardown);
}

SwTestServer *
sw_test_server_new (SwTestServerFlags flags)
{
  SwTestServer *self = g_new0 (SwTestServer, 1);

  sw_test_server_init (self, flags);
  return self;
}

/* Separate from sw_test_server_new () so that a test can fill the store first. */
void
sw_test_server_start (SwTestServer *self)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (self->api);
  g_assert_true (sw_server_start (self->server, &error));
  g_assert_no_error (error);
  self->api = sw_server_dup_api_uri (self->server);
}

void
sw_test_server_stop (SwTestServer *self)
{
  sw_server_stop (self->server);
  if (self->jobs != NULL)
    sw_job_queue_cancel_all (self->jobs);
}

void
sw_test_server_free (SwTestServer *self)
{
  sw_test_server_clear (self);
  g_free (self);
}

char *
sw_test_server_issue_token (SwTestServer *self,
                            SwUser       *user,
                            SwScopes      scopes)
{
  g_autoptr(GError) error = NULL;
  char *plaintext = sw_auth_create_token (self->store, user->id, "fixture", scopes, NULL,
                                          &error);

  g_assert_no_error (error);
  return plaintext;
}

/* Requests ------------------------------------------------------------------------------ */

void
sw_test_reply_clear (SwTestReply *reply)
{
  g_clear_pointer (&reply->body, json_node_unref);
  g_clear_pointer (&reply->text, g_free);
  g_clear_pointer (&reply->bytes, g_bytes_unref);
  g_clear_pointer (&reply->content_type, g_free);
  g_clear_pointer (&reply->location, g_free);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
}

static SoupMessage *
new_message (SwTestServer       *self,
             const char         *method,
             const char         *path,
             SwTestRequestFlags  flags)
{
  g_autoptr(GUri) api = NULL;
  g_auto(GStrv) parts = g_strsplit (path, "?", 2);
  g_autofree char *full_path = NULL;
  g_autoptr(GUri) uri = NULL;

  g_assert_nonnull (self->api);
  api = g_uri_parse (self->api, G_URI_FLAGS_ENCODED, NULL);
  full_path = (flags & SW_TEST_REQUEST_FROM_ROOT)
              ? g_strdup (parts[0])
              : g_strconcat (g_uri_get_path (api), parts[0], NULL);
  /* Built, not parsed, so that the path is neither checked nor normalised on the way. */
  uri = g_uri_build (G_URI_FLAGS_ENCODED, "http", NULL, g_uri_get_host (api),
                     g_uri_get_port (api), full_path, parts[1], NULL);
  return soup_message_new_from_uri (method, uri);
}

void
sw_test_server_request_full (SwTestServer       *self,
                             const char         *method,
                             const char         *path,
                             const char         *token,
                             const char * const *headers,
                             const char         *content_type,
                             const char         *body,
                             SwTestRequestFlags  flags,
                             SwTestReply        *reply)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = new_message (self, method, path, flags);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *request_headers;
  gsize size;

  g_assert_nonnull (msg);
  /* Redirects are answers to look at, not to follow. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  request_headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *bearer = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_append (request_headers, "Authorization", bearer);
    }
  if (flags & SW_TEST_REQUEST_HTMX)
    soup_message_headers_append (request_headers, "HX-Request", "true");
  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_append (request_headers, headers[i], headers[i + 1]);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }

  reply->bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  reply->content_type = g_strdup (soup_message_headers_get_content_type (reply->headers, NULL));
  reply->location = g_strdup (soup_message_headers_get_one (reply->headers, "Location"));
  size = g_bytes_get_size (reply->bytes);
  reply->text = size > 0 ? g_strndup (g_bytes_get_data (reply->bytes, NULL), size)
                         : g_strdup ("");
  if (size > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gboolean parsed = json_parser_load_from_data (parser, g_bytes_get_data (reply->bytes, NULL),
                                                    size, NULL);

      /* An answer that says it is JSON must be. */
      if (g_strcmp0 (reply->content_type, "application/json") == 0)
        g_assert_true (parsed);
      if (parsed)
        reply->body = json_parser_steal_root (parser);
    }
}

void
sw_test_server_request (SwTestServer       *self,
                        const char         *method,
                        const char         *path,
                        const char         *token,
                        const char         *content_type,
                        const char         *body,
                        SwTestRequestFlags  flags,
                        SwTestReply        *reply)
{
  sw_test_server_request_full (self, method, path, token, NULL, content_type, body, flags,
                               reply);
}

void
sw_test_server_send (SwTestServer *self,
                     const char   *method,
                     const char   *path,
                     const char   *token,
                     const char   *json,
                     SwTestReply  *reply)
{
  sw_test_server_request_full (self, method, path, token, NULL, "application/json", json,
                               SW_TEST_REQUEST_DEFAULT, reply);
}

void
sw_test_server_call (SwTestServer *self,
                     const char   *method,
                     const char   *path,
                     const char   *json,
                     SwTestReply  *reply)
{
  sw_test_server_send (self, method, path, self->token, json, reply);
}

/* Replies ------------------------------------------------------------------------------- */

JsonObject *
sw_test_reply_object (const SwTestReply *reply)
{
  g_assert_nonnull (reply->body);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->body));
  return json_node_get_object (reply->body);
}

JsonArray *
sw_test_reply_array (const SwTestReply *reply)
{
  g_assert_nonnull (reply->body);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (reply->body));
  return json_node_get_array (reply->body);
}

const char *
sw_test_reply_member (const SwTestReply *reply,
                      const char        *name)
{
  JsonObject *object = sw_test_reply_object (reply);

  g_assert_true (json_object_has_member (object, name));
  return json_object_get_string_member (object, name);
}

const char *
sw_test_reply_error (const SwTestReply *reply)
{
  const char *message = sw_test_reply_member (reply, "error");

  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  return message;
}

void
sw_test_reply_assert_error (const SwTestReply *reply,
                            guint              status)
{
  if (reply->status != status)
    g_test_message ("unexpected answer %u: %s", reply->status, reply->text);
  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (reply->content_type, ==, "application/json");
  sw_test_reply_error (reply);
}

const char *
sw_test_reply_header (const SwTestReply *reply,
                      const char        *name)
{
  return soup_message_headers_get_one (reply->headers, name);
}

void
sw_test_server_assert_readable (SwTestServer *self,
                                const char   *path)
{
  g_auto(SwTestReply) anonymous = { 0 };
  g_auto(SwTestReply) reader = { 0 };

  sw_test_server_send (self, "GET", path, NULL, NULL, &anonymous);
  g_assert_cmpuint (anonymous.status, ==, 401);
  sw_test_server_send (self, "GET", path, self->read_token, NULL, &reader);
  g_assert_cmpuint (reader.status, ==, 200);
}

void
sw_test_server_assert_guarded (SwTestServer *self,
                               const char   *method,
                               const char   *path,
                               const char   *json)
{
  g_auto(SwTestReply) anonymous = { 0 };
  g_auto(SwTestReply) reader = { 0 };

  sw_test_server_send (self, method, path, NULL, json, &anonymous);
  sw_test_reply_assert_error (&anonymous, 401);
  sw_test_server_send (self, method, path, self->read_token, json, &reader);
  sw_test_reply_assert_error (&reader, 403);
}

/* The store ----------------------------------------------------------------------------- */

char *
sw_test_server_add_artist (SwTestServer *self,
                           const char   *name,
                           const char   *folder,
                           const char   *library_id)
{
  g_autoptr(GPtrArray) artists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  SwArtist *artist = sw_artist_new ();

  g_assert_nonnull (self->artists);
  artist->name = g_strdup (name);
  if (folder != NULL)
    {
      g_assert_nonnull (self->music);
      artist->path = g_build_filename (self->music, folder, NULL);
      g_assert_cmpint (g_mkdir (artist->path, 0700), ==, 0);
    }
  g_ptr_array_add (artists, artist);
  g_assert_true (sw_artist_service_create (self->artists, artists, library_id, &error));
  g_assert_no_error (error);
  return g_strdup (artist->id);
}

SwArtist *
sw_test_server_get_artist (SwTestServer *self,
                           const char   *id)
{
  g_autoptr(GError) error = NULL;
  SwArtist *artist = sw_artist_store_get (self->store, id, &error);

  g_assert_no_error (error);
  return artist;
}

void
sw_test_server_exec (SwTestServer *self,
                     const char   *format,
                     ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;
  char *sql;

  va_start (args, format);
  sql = sqlite3_vmprintf (format, args);
  va_end (args);

  sw_store_exec (self->store, sql, &error);
  sqlite3_free (sql);
  g_assert_no_error (error);
}

typedef struct
{
  const char *sql;
  gint64 value;
} QueryInt;

static gboolean
query_int_cb (SwStore   *store,
              gpointer   user_data,
              GError   **error)
{
  QueryInt *query = user_data;
  g_autoptr(SwStmt) stmt = sw_store_prepare (store, query->sql, error);

  if (stmt == NULL || !sw_store_step_row (store, stmt, error, "no row"))
    return FALSE;
  query->value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gint64
sw_test_server_query_int (SwTestServer *self,
                          const char   *format,
                          ...)
{
  g_autoptr(GError) error = NULL;
  QueryInt query = { NULL, -1 };
  va_list args;
  char *sql;
  gboolean ok;

  va_start (args, format);
  sql = sqlite3_vmprintf (format, args);
  va_end (args);

  query.sql = sql;
  ok = sw_store_read (self->store, query_int_cb, &query, &error);
  sqlite3_free (sql);
  g_assert_no_error (error);
  g_assert_true (ok);
  return query.value;
}

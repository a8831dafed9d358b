/* test-server-logs.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "sw-log.h"
#include "sw-test-server.h"

/* GET/DELETE /logs and GET/DELETE /logs/files through the real server on a loopback port,
 * with a real SoupSession, over the process-wide log with its writer installed. File
 * logging is switched on the way an administrator does it: PUT /settings/logging. */

typedef struct
{
  SwTestServer *harness;
  char *log_path;               /* harness->dir/stillwater.log */
} Fixture;

static void
log_off (void)
{
  SwLogConfig config = { SW_LOG_LEVEL_INFO, SW_LOG_FORMAT_JSON, NULL, 0, 0, 0 };

  g_assert_true (sw_log_configure (&config, NULL));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  log_off ();
  sw_log_clear ();
  fixture->harness = sw_test_server_new (SW_TEST_SERVER_DEFAULT);
  fixture->log_path = g_build_filename (fixture->harness->dir, "stillwater.log", NULL);
  sw_test_server_start (fixture->harness);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  /* The log lets go of its file before the folder goes. */
  sw_test_server_stop (fixture->harness);
  log_off ();
  sw_log_clear ();
  sw_test_server_free (fixture->harness);
  g_clear_pointer (&fixture->log_path, g_free);
}

static JsonArray *
array_of (SwTestReply *reply)
{
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (reply->content_type, ==, "application/json");
  return sw_test_reply_array (reply);
}

/* The index of the entry with @message in a GET /logs answer, or -1. */
static int
find_message (JsonArray  *entries,
              const char *message)
{
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "message"), message) == 0)
        return i;
    }
  return -1;
}

/* Switches file logging on through the API. */
static void
enable_file_logging (Fixture *fixture)
{
  g_autofree char *body = g_strdup_printf ("{\"level\":\"info\",\"format\":\"json\","
                                           "\"file_path\":\"%s\"}", fixture->log_path);
  g_auto(SwTestReply) reply = { 0 };

  sw_test_server_call (fixture->harness, "PUT", "/settings/logging", body, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_message ("server-logs file logging on");
  g_assert_true (g_file_test (fixture->log_path, G_FILE_TEST_IS_REGULAR));
}

/* A rotated file of the log, @hours_ago old, holding one JSON entry; returns its name. */
static char *
make_rotated (Fixture    *fixture,
              int         hours_ago,
              const char *message)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_hours (now, -hours_ago);
  g_autofree char *stamp = g_date_time_format (then, "%Y-%m-%dT%H-%M-%S");
  g_autofree char *name = g_strdup_printf ("stillwater-%s.000.log", stamp);
  g_autofree char *path = g_build_filename (fixture->harness->dir, name, NULL);
  g_autofree char *line = g_strdup_printf ("{\"time\":\"2026-01-01T00:00:00Z\",\"level\":\"warn\","
                                           "\"message\":\"%s\",\"attrs\":{}}\n", message);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, line, -1, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&name);
}

static gint64
file_size (Fixture    *fixture,
           const char *name)
{
  g_autofree char *path = g_build_filename (fixture->harness->dir, name, NULL);
  GStatBuf info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  return info.st_size;
}

static void
test_get_logs (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(SwTestReply) all = { 0 };
  g_auto(SwTestReply) searched = { 0 };
  g_auto(SwTestReply) warnings = { 0 };
  g_auto(SwTestReply) limited = { 0 };
  JsonArray *entries;
  JsonObject *entry;
  int index;

  g_message ("server-logs first");
  g_message ("server-logs hello from the test");

  sw_test_server_call (fixture->harness, "GET", "/logs", NULL, &all);
  entries = array_of (&all);
  index = find_message (entries, "server-logs hello from the test");
  g_assert_cmpint (index, >=, 0);
  entry = json_array_get_object_element (entries, index);
  g_assert_cmpstr (json_object_get_string_member (entry, "level"), ==, "info");
  g_assert_true (json_object_has_member (entry, "time"));
  g_assert_true (json_object_has_member (entry, "attrs"));
  /* Newest first. */
  g_assert_cmpint (find_message (entries, "server-logs first"), >, index);

  sw_test_server_call (fixture->harness, "GET", "/logs?search=HELLO%20FROM&limit=5", NULL,
                       &searched);
  entries = array_of (&searched);
  g_assert_cmpuint (json_array_get_length (entries), ==, 1);
  g_assert_cmpint (find_message (entries, "server-logs hello from the test"), ==, 0);

  sw_test_server_call (fixture->harness, "GET", "/logs?level=warn", NULL, &warnings);
  g_assert_cmpint (find_message (array_of (&warnings), "server-logs hello from the test"), ==,
                   -1);

  sw_test_server_call (fixture->harness, "GET", "/logs?limit=1&search=server-logs", NULL, &limited);
  entries = array_of (&limited);
  g_assert_cmpuint (json_array_get_length (entries), ==, 1);
  g_assert_cmpint (find_message (entries, "server-logs hello from the test"), ==, 0);
}

static void
test_bad_parameters (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *bad[] = {
    "/logs?level=loud", "/logs?limit=501", "/logs?limit=-1", "/logs?limit=ten",
    "/logs?after=yesterday", "/logs?after=2026-01-01T00:00:00",
    /* Without file logging no file can be read. */
    "/logs?file=stillwater.log",
  };
  const char *bad_files[] = {
    "/logs?file=..%2Fstillwater.log", "/logs?file=%2Fetc%2Fpasswd", "/logs?file=.hidden",
    "/logs?file=a%2Fstillwater.log", "/logs?file=other.log", "/logs?file=..",
    "/logs?file=stillwater-2020-01-01T00-00-00.000.log",
  };
  g_auto(SwTestReply) good = { 0 };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(SwTestReply) reply = { 0 };

      sw_test_server_call (fixture->harness, "GET", bad[i], NULL, &reply);
      sw_test_reply_assert_error (&reply, 400);
    }

  enable_file_logging (fixture);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_auto(SwTestReply) reply = { 0 };

      sw_test_server_call (fixture->harness, "GET", bad_files[i], NULL, &reply);
      sw_test_reply_assert_error (&reply, 400);
    }

  /* The edges of what is allowed. */
  sw_test_server_call (fixture->harness, "GET",
                       "/logs?limit=0&level=ERROR&after=2026-01-01T00:00:00.123456789Z", NULL,
                       &good);
  g_assert_cmpuint (json_array_get_length (array_of (&good)), ==, 0);
}

static void
test_delete_logs (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(SwTestReply) before = { 0 };
  g_auto(SwTestReply) cleared = { 0 };
  g_auto(SwTestReply) after = { 0 };
  g_autoptr(GPtrArray) ring = NULL;

  g_message ("server-logs to be cleared");
  sw_test_server_call (fixture->harness, "GET", "/logs", NULL, &before);
  g_assert_cmpint (find_message (array_of (&before), "server-logs to be cleared"), >=, 0);

  sw_test_server_call (fixture->harness, "DELETE", "/logs", NULL, &cleared);
  g_assert_cmpuint (cleared.status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sw_test_reply_object (&cleared), "status"), ==,
                   "cleared");
  ring = sw_log_get_entries ();
  for (guint i = 0; i < ring->len; i++)
    g_assert_cmpstr (((SwLogEntry *) g_ptr_array_index (ring, i))->message, !=,
                     "server-logs to be cleared");

  sw_test_server_call (fixture->harness, "GET", "/logs", NULL, &after);
  g_assert_cmpint (find_message (array_of (&after), "server-logs to be cleared"), ==, -1);
}

static void
test_htmx (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(SwTestReply) rows = { 0 };
  g_auto(SwTestReply) cleared = { 0 };
  g_auto(SwTestReply) empty = { 0 };

  g_message ("server-logs older row");
  g_log_structured (NULL, G_LOG_LEVEL_MESSAGE, "COMPONENT", "<api>", "TITLE", "<i>x</i>",
                    "MESSAGE", "server-logs <script>alert('x')</script> & \"quoted\"");

  sw_test_server_request (fixture->harness, "GET", "/logs?search=server-logs",
                          fixture->harness->admin_token, NULL, NULL, SW_TEST_REQUEST_HTMX, &rows);
  g_assert_cmpuint (rows.status, ==, 200);
  g_assert_true (g_str_has_prefix (rows.content_type, "text/html"));
  g_assert_null (rows.body);
  g_assert_nonnull (strstr (rows.text, "class=\"log-entry log-info\""));
  g_assert_nonnull (strstr (rows.text,
                            "server-logs &lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; "
                            "&amp; &quot;quoted&quot;"));
  g_assert_nonnull (strstr (rows.text, "&lt;api&gt;"));
  g_assert_nonnull (strstr (rows.text, "title=&lt;i&gt;x&lt;/i&gt;"));
  g_assert_null (strstr (rows.text, "<script>"));
  g_assert_null (strstr (rows.text, "<i>"));
  g_assert_null (strstr (rows.text, "<api>"));
  /* Oldest first in HTML. */
  g_assert_true (strstr (rows.text, "older row") < strstr (rows.text, "&lt;script&gt;"));

  sw_test_server_request (fixture->harness, "DELETE", "/logs", fixture->harness->admin_token, NULL,
                          NULL, SW_TEST_REQUEST_HTMX, &cleared);
  g_assert_cmpuint (cleared.status, ==, 200);
  g_assert_true (g_str_has_prefix (cleared.content_type, "text/html"));
  g_assert_true (g_str_has_prefix (cleared.text, "<span class=\"status-ok\">"));

  sw_test_server_request (fixture->harness, "GET", "/logs?search=server-logs",
                          fixture->harness->admin_token, NULL, NULL, SW_TEST_REQUEST_HTMX, &empty);
  g_assert_cmpuint (empty.status, ==, 200);
  g_assert_cmpstr (empty.text, ==, "");
}

static void
test_files (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *older = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *read_path = NULL;
  g_auto(SwTestReply) listed = { 0 };
  g_auto(SwTestReply) read = { 0 };
  g_auto(SwTestReply) deleted = { 0 };
  g_auto(SwTestReply) relisted = { 0 };
  g_auto(SwTestReply) current = { 0 };
  g_autoptr(GRegex) time_shape = g_regex_new ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", 0, 0,
                                              NULL);
  JsonArray *files;
  JsonObject *object;
  gint64 rotated_bytes;

  enable_file_logging (fixture);
  older = make_rotated (fixture, 5, "server-logs from the older file");
  newer = make_rotated (fixture, 2, "server-logs from the newer file");
  rotated_bytes = file_size (fixture, older) + file_size (fixture, newer);
  g_message ("server-logs in the current file");

  /* The current file first, then rotated newest first. */
  sw_test_server_call (fixture->harness, "GET", "/logs/files", NULL, &listed);
  files = array_of (&listed);
  g_assert_cmpuint (json_array_get_length (files), ==, 3);
  object = json_array_get_object_element (files, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "stillwater.log");
  g_assert_true (json_object_get_boolean_member (object, "is_current"));
  /* The server's access log appends to the current file after each answer. */
  g_assert_cmpint (json_object_get_int_member (object, "size"), >, 0);
  g_assert_cmpint (json_object_get_int_member (object, "size"), <=,
                   file_size (fixture, "stillwater.log"));
  g_assert_true (g_regex_match (time_shape, json_object_get_string_member (object, "mod_time"),
                                0, NULL));
  object = json_array_get_object_element (files, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, newer);
  g_assert_false (json_object_get_boolean_member (object, "is_current"));
  g_assert_cmpint (json_object_get_int_member (object, "size"), ==, file_size (fixture, newer));
  object = json_array_get_object_element (files, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, older);

  /* One of them, read back. */
  read_path = g_strdup_printf ("/logs?file=%s", older);
  sw_test_server_call (fixture->harness, "GET", read_path, NULL, &read);
  g_assert_cmpuint (json_array_get_length (array_of (&read)), ==, 1);
  g_assert_cmpint (find_message (array_of (&read), "server-logs from the older file"), ==, 0);
  sw_test_server_call (fixture->harness, "GET", "/logs?file=stillwater.log&search=current", NULL,
                       &current);
  g_assert_cmpint (find_message (array_of (&current), "server-logs in the current file"), ==, 0);

  /* Deleting removes the rotated files only. */
  sw_test_server_call (fixture->harness, "DELETE", "/logs/files", NULL, &deleted);
  g_assert_cmpuint (deleted.status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (sw_test_reply_object (&deleted), "deleted"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (sw_test_reply_object (&deleted), "bytes_freed"), ==,
                   rotated_bytes);
  g_assert_true (g_file_test (fixture->log_path, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *older_path = g_build_filename (fixture->harness->dir, older, NULL);

    g_assert_false (g_file_test (older_path, G_FILE_TEST_EXISTS));
  }

  sw_test_server_call (fixture->harness, "GET", "/logs/files", NULL, &relisted);
  files = array_of (&relisted);
  g_assert_cmpuint (json_array_get_length (files), ==, 1);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (files, 0),
                                                 "is_current"));
}

static void
test_files_without_file_logging (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_auto(SwTestReply) listed = { 0 };
  g_auto(SwTestReply) deleted = { 0 };

  sw_test_server_call (fixture->harness, "GET", "/logs/files", NULL, &listed);
  g_assert_cmpuint (json_array_get_length (array_of (&listed)), ==, 0);

  sw_test_server_call (fixture->harness, "DELETE", "/logs/files", NULL, &deleted);
  g_assert_cmpuint (deleted.status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (sw_test_reply_object (&deleted), "deleted"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (sw_test_reply_object (&deleted), "bytes_freed"), ==,
                   0);
}

/* The server records each request in the access log once it has been answered. */
static void
test_access_log (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(SwTestReply) health = { 0 };
  gboolean found = FALSE;

  /* Requests are logged at debug. */
  sw_log_set_level (SW_LOG_LEVEL_DEBUG);
  sw_test_server_send (fixture->harness, "GET", "/health", NULL, NULL, &health);
  g_assert_cmpuint (health.status, ==, 200);

  for (guint attempt = 0; attempt < 100 && !found; attempt++)
    {
      g_auto(SwTestReply) reply = { 0 };
      JsonArray *entries;

      sw_test_server_call (fixture->harness, "GET",
                           "/logs?component=" SW_LOG_DOMAIN_ACCESS "&search=health", NULL, &reply);
      entries = array_of (&reply);
      if (json_array_get_length (entries) > 0)
        {
          JsonObject *entry = json_array_get_object_element (entries, 0);
          JsonObject *attrs = json_object_get_object_member (entry, "attrs");

          g_assert_cmpstr (json_object_get_string_member (entry, "component"), ==,
                           SW_LOG_DOMAIN_ACCESS);
          g_assert_cmpstr (json_object_get_string_member (attrs, "method"), ==, "GET");
          g_assert_cmpstr (json_object_get_string_member (attrs, "path"), ==, "/api/v1/health");
          g_assert_cmpint (json_object_get_int_member (attrs, "status"), ==, 200);
          found = TRUE;
        }
      else
        g_usleep (10 * 1000);
    }
  g_assert_true (found);
}

static void
test_auth (Fixture       *fixture,
           gconstpointer  data)
{
  const char *routes[][2] = {
    { "GET", "/logs" }, { "DELETE", "/logs" }, { "GET", "/logs/files" },
    { "DELETE", "/logs/files" },
  };

  g_message ("server-logs survives refused requests");
  for (gsize i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      g_auto(SwTestReply) anonymous = { 0 };
      g_auto(SwTestReply) operator = { 0 };

      sw_test_server_send (fixture->harness, routes[i][0], routes[i][1], NULL, NULL, &anonymous);
      g_assert_cmpuint (anonymous.status, ==, 401);
      g_assert_true (json_object_has_member (sw_test_reply_object (&anonymous), "error"));

      sw_test_server_send (fixture->harness, routes[i][0], routes[i][1],
                           fixture->harness->operator_token, NULL, &operator);
      g_assert_cmpuint (operator.status, ==, 403);
    }

  /* Nobody but an administrator cleared anything. */
  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_call (fixture->harness, "GET", "/logs?search=survives", NULL, &reply);
    g_assert_cmpuint (json_array_get_length (array_of (&reply)), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  sw_log_install ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/server-logs/get", test_get_logs);
  ADD ("/server-logs/bad-parameters", test_bad_parameters);
  ADD ("/server-logs/delete", test_delete_logs);
  ADD ("/server-logs/htmx", test_htmx);
  ADD ("/server-logs/files", test_files);
  ADD ("/server-logs/files-without-file-logging", test_files_without_file_logging);
  ADD ("/server-logs/access-log", test_access_log);
  ADD ("/server-logs/auth", test_auth);

  return g_test_run ();
}

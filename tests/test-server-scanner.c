/* test-server-scanner.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "sw-library-generator.h"
#include "sw-library-private.h"
#include "sw-library-service.h"
#include "sw-test-server.h"

/* POST /scanner/run, GET /scanner/status and GET /libraries/{libId}/operation/status
 * through the real server, scanning a generated library on disk. */

typedef struct
{
  SwTestServer *harness;        /* with a bus, a job queue and the store in its folder */
  char *library_id;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwLibrary) draft = sw_library_new ();
  g_autoptr(SwLibrary) library = NULL;
  SwLibraryGeneratorOptions options;

  fixture->harness = sw_test_server_new (SW_TEST_SERVER_DATABASE_FILE | SW_TEST_SERVER_EVENTS |
                                         SW_TEST_SERVER_JOBS);

  /* Enough folders that a scan is still running when the second request comes. */
  draft->name = g_strdup ("Music");
  draft->path = g_build_filename (fixture->harness->dir, "Music", NULL);
  sw_library_generator_options_init (&options);
  options.artists = 300;
  options.seed = 11;
  options.albums_per_artist = 1;
  g_assert_true (sw_library_generate (draft->path, &options, NULL, &error));
  g_assert_no_error (error);
  library = sw_library_service_create (fixture->harness->store, draft, &error);
  g_assert_no_error (error);
  fixture->library_id = g_strdup (library->id);

  sw_test_server_start (fixture->harness);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sw_test_server_free (fixture->harness);
  g_clear_pointer (&fixture->library_id, g_free);
}

/* Sends a request, with the administrator's token when @authenticated; returns the
 * parsed JSON body (or NULL) and sets @status. */
static JsonNode *
request (Fixture    *fixture,
         const char *method,
         const char *path,
         const char *body,
         gboolean    authenticated,
         guint      *status)
{
  g_auto(SwTestReply) reply = { 0 };

  sw_test_server_send (fixture->harness, method, path,
                       authenticated ? fixture->harness->admin_token : NULL, body, &reply);
  *status = reply.status;
  return reply.body != NULL ? json_node_ref (reply.body) : NULL;
}

static const char *
string_member (JsonNode   *node,
               const char *name)
{
  return json_object_get_string_member (json_node_get_object (node), name);
}

static gint64
int_member (JsonNode   *node,
            const char *name)
{
  return json_object_get_int_member (json_node_get_object (node), name);
}

static void
on_event (SwEvent  *event,
          gpointer  user_data)
{
  GPtrArray *completed = user_data;

  g_ptr_array_add (completed, json_node_ref (sw_event_get_payload (event)));
}

static JsonNode *
wait_for_end (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      guint status = 0;
      g_autoptr(JsonNode) body = request (fixture, "GET", "/scanner/status", NULL, TRUE, &status);

      g_assert_cmpuint (status, ==, 200);
      if (g_strcmp0 (string_member (body, "status"), "running") != 0)
        return g_steal_pointer (&body);
      g_usleep (20 * 1000);
    }
  g_assert_not_reached ();
}

static void
test_run_and_status (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) completed =
    g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(JsonNode) idle = NULL;
  g_autoptr(JsonNode) started = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) running = NULL;
  g_autoptr(JsonNode) finished = NULL;
  g_autoptr(JsonNode) library_status = NULL;
  g_autofree char *library_path = NULL;
  guint subscription;
  guint status = 0;

  subscription = sw_events_subscribe (fixture->harness->events,
                                      (const char *[]) { SW_EVENT_SCAN_COMPLETED, NULL },
                                      g_main_context_default (), on_event, completed, NULL);

  idle = request (fixture, "GET", "/scanner/status", NULL, TRUE, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (string_member (idle, "status"), ==, "idle");

  started = request (fixture, "POST", "/scanner/run", NULL, TRUE, &status);
  g_assert_cmpuint (status, ==, 202);
  g_assert_cmpstr (string_member (started, "status"), ==, "running");

  /* One scan at a time. */
  second = request (fixture, "POST", "/scanner/run", NULL, TRUE, &status);
  g_assert_cmpuint (status, ==, 409);
  g_assert_nonnull (string_member (second, "error"));

  library_path = g_strdup_printf ("/libraries/%s/operation/status", fixture->library_id);
  running = request (fixture, "GET", library_path, NULL, TRUE, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (string_member (running, "operation"), ==, "scan");
  g_assert_cmpstr (string_member (running, "library_name"), ==, "Music");

  finished = wait_for_end (fixture);
  g_assert_cmpstr (string_member (finished, "status"), ==, "completed");
  g_assert_cmpstr (string_member (finished, "id"), ==, string_member (started, "id"));
  g_assert_cmpint (int_member (finished, "new_artists"), >, 250);
  g_assert_cmpint (int_member (finished, "new_artists"), ==,
                   int_member (finished, "total_directories"));
  g_assert_nonnull (string_member (finished, "completed_at"));

  library_status = request (fixture, "GET", library_path, NULL, TRUE, &status);
  g_assert_cmpstr (string_member (library_status, "status"), ==, "completed");

  /* scan.completed reached a subscriber. */
  {
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (completed->len == 0 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
    g_assert_cmpuint (completed->len, ==, 1);
    g_assert_cmpstr (string_member (completed->pdata[0], "scan_id"), ==,
                     string_member (started, "id"));
    g_assert_cmpint (int_member (completed->pdata[0], "new_artists"), ==,
                     int_member (finished, "new_artists"));
  }
  sw_events_unsubscribe (fixture->harness->events, subscription);
}

static void
test_bad_requests (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) unknown = NULL;
  g_autoptr(JsonNode) malformed = NULL;
  g_autoptr(JsonNode) wrong_type = NULL;
  g_autoptr(JsonNode) anonymous = NULL;
  g_autoptr(JsonNode) no_library = NULL;
  guint status = 0;

  unknown = request (fixture, "POST", "/scanner/run", "{\"library_id\": \"nope\"}", TRUE, &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_nonnull (string_member (unknown, "error"));
  malformed = request (fixture, "POST", "/scanner/run", "{\"library_id\": ", TRUE, &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_nonnull (string_member (malformed, "error"));
  wrong_type = request (fixture, "POST", "/scanner/run", "{\"library_id\": 7}", TRUE, &status);
  g_assert_cmpuint (status, ==, 400);
  anonymous = request (fixture, "POST", "/scanner/run", NULL, FALSE, &status);
  g_assert_cmpuint (status, ==, 401);
  no_library = request (fixture, "GET", "/libraries/nope/operation/status", NULL, TRUE, &status);
  g_assert_cmpuint (status, ==, 404);

  /* None of these started anything. */
  {
    g_autoptr(JsonNode) idle = request (fixture, "GET", "/scanner/status", NULL, TRUE, &status);

    g_assert_cmpstr (string_member (idle, "status"), ==, "idle");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/server-scanner/run-and-status", test_run_and_status);
  ADD ("/server-scanner/bad-requests", test_bad_requests);
#undef ADD

  return g_test_run ();
}

/* test-crash-recovery.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>

#include "sw-artist-query.h"
#include "sw-auth.h"
#include "sw-library-generator.h"
#include "sw-library-private.h"
#include "sw-library-service.h"
#include "sw-nfo.h"
#include "sw-test-util.h"
#include "sw-user-private.h"

/* The real binary killed with SIGKILL in the middle of a scan and of NFO writes, then
 * started again on the same data: the database opens and is whole, every finished
 * artist is complete, and every artist.nfo still parses. */

typedef struct
{
  char *dir;
  char *data_dir;
  char *library;
  char *token;
  guint port;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStore) store = NULL;
  g_autoptr(SwUser) admin = NULL;
  g_autoptr(SwLibrary) draft = sw_library_new ();
  g_autoptr(SwLibrary) library = NULL;
  g_autofree char *db = NULL;
  SwLibraryGeneratorOptions options;

  fixture->dir = sw_test_make_temp_dir ();
  fixture->data_dir = g_build_filename (fixture->dir, "data", NULL);
  fixture->library = g_build_filename (fixture->dir, "Music", NULL);
  g_assert_cmpint (g_mkdir (fixture->data_dir, 0700), ==, 0);

  /* Folders with NFOs and no images: quick to make, and the scan still has work. */
  sw_library_generator_options_init (&options);
  options.artists = 800;
  options.seed = 5;
  options.albums_per_artist = 1;
  options.write_images = FALSE;
  g_assert_true (sw_library_generate (fixture->library, &options, NULL, &error));
  g_assert_no_error (error);

  db = g_build_filename (fixture->data_dir, "stillwater.db", NULL);
  store = sw_store_open (db, &error);
  g_assert_no_error (error);
  admin = sw_auth_setup_admin (store, "ada", "correct horse", &error);
  g_assert_no_error (error);
  fixture->token = sw_auth_create_token (store, admin->id, "crash",
                                         SW_SCOPE_READ | SW_SCOPE_WRITE | SW_SCOPE_ADMIN, NULL,
                                         &error);
  g_assert_no_error (error);
  draft->name = g_strdup ("Music");
  draft->path = g_strdup (fixture->library);
  library = sw_library_service_create (store, draft, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sw_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->data_dir, g_free);
  g_clear_pointer (&fixture->library, g_free);
  g_clear_pointer (&fixture->token, g_free);
}

static GSubprocess *
start (Fixture *fixture)
{
  g_autofree char *port = NULL;
  g_autofree char *health = NULL;
  GSubprocess *process;

  fixture->port = sw_test_find_free_port ();
  port = g_strdup_printf ("%u", fixture->port);
  process = sw_test_spawn_stillwater ((const char *[]) { "--headless", "--port", port,
                                                          "--data-dir", fixture->data_dir,
                                                          NULL },
                                      NULL, G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  health = g_strdup_printf ("http://127.0.0.1:%u/api/v1/health", fixture->port);
  g_assert_true (sw_test_wait_for_http (health, 10000));
  return process;
}

static JsonNode *
call (Fixture    *fixture,
      const char *method,
      const char *path,
      const char *body,
      guint      *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/api/v1%s", fixture->port, path);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autofree char *bearer = g_strdup_printf ("Bearer %s", fixture->token);
  g_autoptr(GBytes) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", bearer);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  response = soup_session_send_and_read (session, msg, NULL, NULL);
  *status = soup_message_get_status (msg);
  if (response == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (response, NULL),
                                   g_bytes_get_size (response), NULL))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

static void
kill_hard (GSubprocess *process)
{
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
}

/* The database after a crash: it opens, passes SQLite's check, and holds only
 * complete artists. */
static gint64
check_database (Fixture *fixture)
{
  g_autofree char *db = g_build_filename (fixture->data_dir, "stillwater.db", NULL);
  g_autoptr(SwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStmt) integrity = NULL;
  g_autoptr(SwStmt) incomplete = NULL;
  g_autoptr(SwStmt) count = NULL;

  store = sw_store_open (db, &error);
  g_assert_no_error (error);
  integrity = sw_store_prepare (store, "PRAGMA integrity_check", &error);
  g_assert_true (sw_store_step (store, integrity, &error));
  g_assert_cmpstr (sw_stmt_column_text (integrity, 0), ==, "ok");
  incomplete = sw_store_prepare (store, "SELECT count(*) FROM artists WHERE last_scanned_at IS "
                                        "NULL OR library_ids = '|'", &error);
  g_assert_true (sw_store_step (store, incomplete, &error));
  g_assert_cmpint (sqlite3_column_int64 (incomplete, 0), ==, 0);
  count = sw_store_prepare (store, "SELECT count(*) FROM artists", &error);
  g_assert_true (sw_store_step (store, count, &error));
  return sqlite3_column_int64 (count, 0);
}

static void
test_kill_during_scan (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GSubprocess) first = start (fixture);
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(JsonNode) started = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint status = 0;
  gint64 partial, total;

  started = call (fixture, "POST", "/scanner/run", NULL, &status);
  g_assert_cmpuint (status, ==, 202);

  /* Past the first batch, not at the end. */
  for (;;)
    {
      g_autoptr(JsonNode) progress = call (fixture, "GET", "/scanner/status", NULL, &status);
      JsonObject *object = json_node_get_object (progress);
      gint64 done = json_object_get_int_member (json_object_get_object_member (object, "progress"),
                                                "done");

      g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "running");
      if (done > 300)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (5 * 1000);
    }
  kill_hard (first);

  partial = check_database (fixture);
  g_test_message ("%" G_GINT64_FORMAT " artists were stored before the kill", partial);
  g_assert_cmpint (partial, <, 800);

  /* Started again, a new scan finishes the job. */
  second = start (fixture);
  g_clear_pointer (&started, json_node_unref);
  started = call (fixture, "POST", "/scanner/run", NULL, &status);
  g_assert_cmpuint (status, ==, 202);
  for (;;)
    {
      g_autoptr(JsonNode) progress = call (fixture, "GET", "/scanner/status", NULL, &status);

      if (g_strcmp0 (json_object_get_string_member (json_node_get_object (progress), "status"),
                     "running") != 0)
        {
          g_assert_cmpstr (json_object_get_string_member (json_node_get_object (progress), "status"),
                           ==, "completed");
          total = json_object_get_int_member (json_node_get_object (progress), "total_directories");
          break;
        }
      g_usleep (20 * 1000);
    }
  g_assert_cmpint (sw_test_terminate (second, SIGTERM), ==, 0);
  g_assert_cmpint (check_database (fixture), ==, total);
}

/* Edits rewrite NFOs; a kill in the middle of that leaves every file whole. */
static void
test_kill_during_nfo_writes (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GSubprocess) server = start (fixture);
  g_autoptr(JsonNode) page = NULL;
  g_autoptr(GDir) dir = NULL;
  JsonArray *artists;
  guint status = 0;
  const char *name;
  guint checked = 0;

  /* A finished scan first, so that there are artists to edit. */
  g_clear_pointer (&page, json_node_unref);
  page = call (fixture, "POST", "/scanner/run", NULL, &status);
  for (;;)
    {
      g_autoptr(JsonNode) progress = call (fixture, "GET", "/scanner/status", NULL, &status);

      if (g_strcmp0 (json_object_get_string_member (json_node_get_object (progress), "status"),
                     "running") != 0)
        break;
      g_usleep (20 * 1000);
    }
  g_clear_pointer (&page, json_node_unref);
  page = call (fixture, "GET", "/artists?page_size=200", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  artists = json_object_get_array_member (json_node_get_object (page), "artists");
  g_assert_cmpuint (json_array_get_length (artists), >, 100);

  /* Each edit makes the server rewrite that artist's NFO on its writer thread; kill it
   * while those writes are going on. */
  for (guint i = 0; i < json_array_get_length (artists); i++)
    {
      JsonObject *artist = json_array_get_object_element (artists, i);
      g_autofree char *path = g_strdup_printf ("/artists/%s/fields/biography",
                                               json_object_get_string_member (artist, "id"));
      g_autofree char *body = g_strdup_printf ("{\"value\": \"Rewritten %u, with a longer text "
                                               "so the file changes size.\"}", i);
      g_autoptr(JsonNode) reply = call (fixture, "PATCH", path, body, &status);

      g_assert_cmpuint (status, ==, 200);
    }
  kill_hard (server);

  dir = g_dir_open (fixture->library, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *nfo_path = g_build_filename (fixture->library, name, "artist.nfo", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(SwNfo) nfo = NULL;
      g_autofree char *contents = NULL;

      if (!g_file_get_contents (nfo_path, &contents, NULL, NULL))
        continue;
      /* Files that were malformed or empty to begin with stay so; every other parses. */
      nfo = sw_nfo_parse (contents, -1, &error);
      if (nfo == NULL && strstr (contents, "Rewritten") != NULL)
        g_error ("%s was left half-written: %s", nfo_path, error->message);
      checked++;
    }
  g_assert_cmpuint (checked, >, 100);
  check_database (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/crash-recovery/kill-during-scan", test_kill_during_scan);
  ADD ("/crash-recovery/kill-during-nfo-writes", test_kill_during_nfo_writes);
#undef ADD

  return g_test_run ();
}

/* test-store.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-store.h"
#include "sw-test-util.h"

/* Every test uses a real SQLite file in a temporary directory. */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = sw_test_make_temp_dir ();
  fixture->path = g_build_filename (fixture->dir, "stillwater.db", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sw_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

static gint64
query_int (SwStore    *store,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStmt) stmt = sw_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_true (sw_store_step (store, stmt, &error));
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_fresh_database_reaches_latest (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStore) store = sw_store_open (fixture->path, &error);
  int latest = sw_store_get_latest_schema_version ();

  g_assert_no_error (error);
  g_assert_cmpint (latest, >=, 1);
  g_assert_cmpint (sw_store_get_schema_version (store), ==, latest);
  g_assert_cmpint (query_int (store, "SELECT max(version) FROM schema_migrations"), ==, latest);

  /* WAL, foreign keys, and the seeded platform profiles with exactly one active. */
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM platform_profiles"), ==, 5);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM platform_profiles WHERE is_active"),
                   ==, 1);
  g_assert_cmpint (query_int (store, "SELECT is_active FROM platform_profiles WHERE id = 'kodi'"),
                   ==, 1);
  g_assert_cmpint (query_int (store, "SELECT nfo_enabled FROM platform_profiles WHERE id = 'plex'"),
                   ==, 0);
}

static void
test_reopen_keeps_data (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  int latest = sw_store_get_latest_schema_version ();

  {
    g_autoptr(SwStore) store = sw_store_open (fixture->path, &error);

    g_assert_no_error (error);
    g_assert_true (sw_store_exec (store,
                                  "INSERT INTO settings (key, value, updated_at) "
                                  "VALUES ('probe', 'kept', '2026-01-01T00:00:00Z')", &error));
  }

  {
    g_autoptr(SwStore) store = sw_store_open (fixture->path, &error);
    g_autoptr(SwStmt) stmt = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (sw_store_get_schema_version (store), ==, latest);
    /* Migrations are not applied twice. */
    g_assert_cmpint (query_int (store, "SELECT count(*) FROM schema_migrations"), ==, latest);
    stmt = sw_store_prepare (store, "SELECT value FROM settings WHERE key = 'probe'", &error);
    g_assert_true (sw_store_step (store, stmt, &error));
    g_assert_cmpstr (sw_stmt_column_text (stmt, 0), ==, "kept");
  }
}

static GBytes *
read_file_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  return g_bytes_new_take (contents, length);
}

static void
test_newer_database_refused_untouched (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(SwStore) refused = NULL;
  g_autofree char *wal_path = g_strconcat (fixture->path, "-wal", NULL);

  {
    g_autoptr(SwStore) store = sw_store_open (fixture->path, &error);

    g_assert_no_error (error);
    g_assert_true (sw_store_exec (store,
                                  "INSERT INTO schema_migrations (version, applied_at) "
                                  "VALUES (9999, '2030-01-01T00:00:00Z')", &error));
    /* Closing the last connection folds the WAL into the main file. */
  }

  g_assert_false (g_file_test (wal_path, G_FILE_TEST_EXISTS));
  before = read_file_bytes (fixture->path);
  refused = sw_store_open (fixture->path, &error);
  g_assert_null (refused);
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "9999"));
  after = read_file_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
assert_refused_untouched (const char *path,
                          int         expected_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = read_file_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(SwStore) store = sw_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, SW_STORE_ERROR, expected_code);
  g_assert_nonnull (strstr (error->message, path));
  after = read_file_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_not_a_database_refused_untouched (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autofree char *garbage = g_strnfill (8192, 'x');
  g_autoptr(GError) error = NULL;

  /* Plain text. */
  g_assert_true (g_file_set_contents (fixture->path, "this is my shopping list\n", -1, &error));
  assert_refused_untouched (fixture->path, SW_STORE_ERROR_NOT_A_DATABASE);

  /* An SQLite header followed by garbage: a corrupt database. */
  memcpy (garbage, "SQLite format 3", 16);
  g_assert_true (g_file_set_contents (fixture->path, garbage, 8192, &error));
  assert_refused_untouched (fixture->path, SW_STORE_ERROR_NOT_A_DATABASE);
}

static void
test_foreign_sqlite_database_refused (Fixture       *fixture,
                                      gconstpointer  data)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE recipes (name TEXT)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused_untouched (fixture->path, SW_STORE_ERROR_NOT_A_DATABASE);
}

static gboolean
insert_then_fail (SwStore   *store,
                  gpointer   user_data,
                  GError   **error)
{
  if (!sw_store_exec (store, "INSERT INTO settings (key, value, updated_at) "
                             "VALUES ('half', 'done', 'x')", error))
    return FALSE;

  g_set_error_literal (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID, "validation failed");
  return FALSE;
}

static gboolean
insert_nested (SwStore   *store,
               gpointer   user_data,
               GError   **error)
{
  /* A write inside a write joins the outer transaction... */
  if (!sw_store_write (store, (SwStoreFunc) insert_then_fail, NULL, error))
    return FALSE;
  return TRUE;
}

static void
test_write_rolls_back_on_error (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStore) store = sw_store_open (fixture->path, &error);

  g_assert_false (sw_store_write (store, insert_then_fail, NULL, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM settings WHERE key = 'half'"), ==, 0);
  g_clear_error (&error);

  /* ...so a failure inside rolls back the whole outer transaction. */
  g_assert_false (sw_store_write (store, insert_nested, NULL, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM settings WHERE key = 'half'"), ==, 0);
}

static void
test_constraint_errors (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStore) store = sw_store_open (fixture->path, &error);

  /* Foreign keys are enforced on the writer connection. */
  g_assert_false (sw_store_exec (store,
                                 "INSERT INTO artist_aliases (id, artist_id, alias, created_at) "
                                 "VALUES ('a', 'no-such-artist', 'x', 'now')", &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Protected users cannot be deleted (a schema trigger). */
  g_assert_true (sw_store_exec (store,
                                "INSERT INTO users (id, username, role, is_protected, created_at, "
                                "updated_at) VALUES ('u', 'admin', 'administrator', 1, 'x', 'x')",
                                &error));
  g_assert_false (sw_store_exec (store, "DELETE FROM users WHERE id = 'u'", &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONSTRAINT);
}

static void
test_image_flags_follow_images (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStore) store = sw_store_open (fixture->path, &error);

  g_assert_true (sw_store_exec (store,
                                "INSERT INTO artists (id, name, created_at, updated_at) "
                                "VALUES ('a1', 'Nirvana', 'x', 'x')", &error));
  g_assert_cmpint (query_int (store, "SELECT missing_images FROM artists"), ==, 1);

  g_assert_true (sw_store_exec (store,
                                "INSERT INTO artist_images (id, artist_id, image_type, exists_flag) "
                                "VALUES ('i1', 'a1', 'thumb', 1), ('i2', 'a1', 'fanart', 1)", &error));
  g_assert_cmpint (query_int (store, "SELECT thumb_exists + fanart_exists FROM artists"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT missing_images FROM artists"), ==, 0);

  g_assert_true (sw_store_exec (store, "UPDATE artist_images SET exists_flag = 0 WHERE id = 'i1'",
                                &error));
  g_assert_cmpint (query_int (store, "SELECT thumb_exists FROM artists"), ==, 0);
  g_assert_true (sw_store_exec (store, "DELETE FROM artist_images WHERE id = 'i2'", &error));
  g_assert_cmpint (query_int (store, "SELECT fanart_exists FROM artists"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT missing_images FROM artists"), ==, 1);
}

static void
test_memory_store_is_private (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  {
    g_autoptr(SwStore) store = sw_store_open (":memory:", &error);

    g_assert_no_error (error);
    path = g_strdup (sw_store_get_path (store));
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    g_assert_cmpint (query_int (store, "SELECT count(*) FROM platform_profiles"), ==, 5);
  }

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Concurrency: one writer, two readers paging, no busy errors, no torn pages. */

#define N_ARTISTS 10000
#define BATCH 250

typedef struct
{
  SwStore *store;
  gint done;
  gint pages_read;
} Shared;

typedef struct
{
  Shared *shared;
  int first;
} Batch;

static gboolean
insert_batch (SwStore   *store,
              gpointer   user_data,
              GError   **error)
{
  Batch *batch = user_data;
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
                                             "INSERT INTO artists (id, name, created_at, "
                                             "updated_at) VALUES (?, ?, 'x', 'x')", error);

  if (stmt == NULL)
    return FALSE;

  for (int i = batch->first; i < batch->first + BATCH; i++)
    {
      g_autofree char *id = g_strdup_printf ("artist-%05d", i);
      g_autofree char *name = g_strdup_printf ("Artist %05d", i);

      sw_stmt_bind_text (stmt, 1, id);
      sw_stmt_bind_text (stmt, 2, name);
      if (!sw_store_run (store, stmt, error))
        return FALSE;
      sqlite3_reset (stmt);
    }

  return TRUE;
}

static gpointer
writer_thread (gpointer data)
{
  Shared *shared = data;

  for (int first = 0; first < N_ARTISTS; first += BATCH)
    {
      g_autoptr(GError) error = NULL;
      Batch batch = { shared, first };

      g_assert_true (sw_store_write (shared->store, insert_batch, &batch, &error));
      g_assert_no_error (error);
    }

  g_atomic_int_set (&shared->done, 1);
  return NULL;
}

typedef struct
{
  gint64 total;
  int rows;
  char last[32];
} Page;

static gboolean
read_page (SwStore   *store,
           gpointer   user_data,
           GError   **error)
{
  Page *page = user_data;
  g_autoptr(SwStmt) count = sw_store_prepare (store, "SELECT count(*) FROM artists", error);
  g_autoptr(SwStmt) rows = NULL;

  if (count == NULL || !sw_store_step (store, count, error))
    return FALSE;
  page->total = sqlite3_column_int64 (count, 0);

  rows = sw_store_prepare (store, "SELECT name FROM artists ORDER BY name DESC LIMIT 50", error);
  if (rows == NULL)
    return FALSE;
  page->rows = 0;
  while (sw_store_step (store, rows, error))
    {
      if (page->rows == 0)
        g_strlcpy (page->last, sw_stmt_column_text (rows, 0), sizeof page->last);
      page->rows++;
    }

  return error == NULL || *error == NULL;
}

static gpointer
reader_thread (gpointer data)
{
  Shared *shared = data;

  while (!g_atomic_int_get (&shared->done))
    {
      g_autoptr(GError) error = NULL;
      Page page = { 0 };
      g_autofree char *expected_last = NULL;

      g_assert_true (sw_store_read (shared->store, read_page, &page, &error));
      g_assert_no_error (error);

      /* Inside one read transaction the count and the page agree: whole batches only,
       * and the newest artist visible in the page is exactly the last one counted. */
      g_assert_cmpint (page.total % BATCH, ==, 0);
      g_assert_cmpint (page.rows, ==, MIN (page.total, 50));
      if (page.total > 0)
        {
          expected_last = g_strdup_printf ("Artist %05d", (int) page.total - 1);
          g_assert_cmpstr (page.last, ==, expected_last);
        }
      g_atomic_int_inc (&shared->pages_read);
      /* Leave the writer some CPU on small (and sanitizer-slowed) machines. */
      g_usleep (1000);
    }

  return NULL;
}

static void
test_concurrent_writer_and_readers (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStore) store = sw_store_open (fixture->path, &error);
  Shared shared = { store, 0, 0 };
  GThread *readers[2];
  GThread *writer;

  readers[0] = g_thread_new ("reader-1", reader_thread, &shared);
  readers[1] = g_thread_new ("reader-2", reader_thread, &shared);
  writer = g_thread_new ("writer", writer_thread, &shared);

  g_thread_join (writer);
  g_thread_join (readers[0]);
  g_thread_join (readers[1]);

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM artists"), ==, N_ARTISTS);
  g_assert_cmpint (shared.pages_read, >, 0);
  g_test_message ("readers completed %d consistent pages during the inserts", shared.pages_read);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/migrations/fresh", test_fresh_database_reaches_latest);
  ADD ("/store/migrations/reopen", test_reopen_keeps_data);
  ADD ("/store/migrations/newer-refused", test_newer_database_refused_untouched);
  ADD ("/store/open/not-a-database", test_not_a_database_refused_untouched);
  ADD ("/store/open/foreign-database", test_foreign_sqlite_database_refused);
  ADD ("/store/write/rollback", test_write_rolls_back_on_error);
  ADD ("/store/write/constraints", test_constraint_errors);
  ADD ("/store/schema/image-flags", test_image_flags_follow_images);
  ADD ("/store/concurrency/writer-and-readers", test_concurrent_writer_and_readers);
#undef ADD
  g_test_add_func ("/store/open/memory", test_memory_store_is_private);

  return g_test_run ();
}

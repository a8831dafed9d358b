/* test-library-watcher.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sw-library-private.h"
#include "sw-library-service.h"
#include "sw-library-watcher.h"
#include "sw-test-util.h"

/* fs_watch: a folder that appears, or a file added to an artist's folder, is picked up
 * by a scan without anyone asking; polling does the same on a timer. */

typedef struct
{
  char *dir;
  char *root;
  SwStore *store;
  SwEvents *events;
  SwSettings *settings;
  SwArtistService *service;
  SwJobQueue *jobs;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  fixture->dir = sw_test_make_temp_dir ();
  fixture->root = g_build_filename (fixture->dir, "Music", NULL);
  g_assert_cmpint (g_mkdir (fixture->root, 0755), ==, 0);
  db = g_build_filename (fixture->dir, "stillwater.db", NULL);
  fixture->store = sw_store_open (db, &error);
  g_assert_no_error (error);
  fixture->events = sw_events_new ();
  fixture->settings = sw_settings_new (fixture->store);
  fixture->service = sw_artist_service_new (fixture->store, fixture->events);
  fixture->jobs = sw_job_queue_new ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sw_job_queue_cancel_all (fixture->jobs);
  g_clear_object (&fixture->jobs);
  g_clear_object (&fixture->service);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->events);
  g_clear_object (&fixture->store);
  sw_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->root, g_free);
}

static void
add_library (Fixture *fixture,
             int      fs_watch)
{
  g_autoptr(SwLibrary) draft = sw_library_new ();
  g_autoptr(SwLibrary) library = NULL;
  g_autoptr(GError) error = NULL;

  draft->name = g_strdup ("Music");
  draft->path = g_strdup (fixture->root);
  draft->fs_watch = fs_watch;
  draft->fs_poll_interval = 60;
  library = sw_library_service_create (fixture->store, draft, &error);
  g_assert_no_error (error);
}

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStmt) stmt = sw_store_prepare (fixture->store, sql, &error);

  g_assert_true (sw_store_step (fixture->store, stmt, &error));
  return sqlite3_column_int64 (stmt, 0);
}

/* Runs the main loop until @sql counts @expected (or ten seconds pass). */
static gboolean
wait_for (Fixture    *fixture,
          const char *sql,
          gint64      expected)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (query_int (fixture, sql) == expected)
        return TRUE;
      g_usleep (10 * 1000);
    }
  return FALSE;
}

static void
run_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
}

static void
make_artist (Fixture    *fixture,
             const char *name)
{
  g_autofree char *path = g_build_filename (fixture->root, name, NULL);

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
}

static void
test_watch (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(SwLibraryWatcher) watcher = NULL;
  g_autofree char *image = NULL;

  make_artist (fixture, "ABBA");
  add_library (fixture, 1);
  watcher = sw_library_watcher_new (fixture->jobs, fixture->service, fixture->events,
                                    fixture->settings);
  _sw_library_watcher_set_fast (watcher);

  /* Nothing happens on its own: no change, no scan. */
  run_for (500);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM artists"), ==, 0);

  make_artist (fixture, "Björk");
  g_assert_true (wait_for (fixture, "SELECT count(*) FROM artists WHERE name = 'Björk'", 1));

  /* A file inside an artist's folder counts too. */
  image = g_build_filename (fixture->root, "Björk", "logo.png", NULL);
  {
    static const guint8 png[] = {
      0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
      0, 0, 3, 0x20, 0, 0, 1, 0x36, 8, 6, 0, 0, 0, 0, 0, 0, 0,
    };

    g_assert_true (g_file_set_contents (image, (const char *) png, sizeof png, NULL));
  }
  g_assert_true (wait_for (fixture, "SELECT logo_exists FROM artists WHERE name = 'Björk'", 1));
}

static void
test_poll (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(SwLibraryWatcher) watcher = NULL;

  add_library (fixture, 2);
  watcher = sw_library_watcher_new (fixture->jobs, fixture->service, fixture->events,
                                    fixture->settings);
  _sw_library_watcher_set_fast (watcher);

  make_artist (fixture, "Cure, The");
  g_assert_true (wait_for (fixture, "SELECT count(*) FROM artists", 1));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM artists WHERE name = 'Cure, The'"),
                   ==, 1);
}

static void
test_off (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(SwLibraryWatcher) watcher = NULL;

  add_library (fixture, 0);
  watcher = sw_library_watcher_new (fixture->jobs, fixture->service, fixture->events,
                                    fixture->settings);
  _sw_library_watcher_set_fast (watcher);

  make_artist (fixture, "ABBA");
  run_for (1000);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM artists"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/library-watcher/watch", test_watch);
  ADD ("/library-watcher/poll", test_poll);
  ADD ("/library-watcher/off", test_off);
#undef ADD

  return g_test_run ();
}

/* test-library-stats.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sw-artist-private.h"
#include "sw-artist-service.h"
#include "sw-library-service.h"
#include "sw-library-stats.h"
#include "sw-test-util.h"

/* The dashboard's counts over a real SQLite file. */

typedef struct
{
  char *dir;
  SwStore *store;
  SwEvents *events;
  SwArtistService *service;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = sw_test_make_temp_dir ();
  path = g_build_filename (fixture->dir, "stillwater.db", NULL);
  fixture->store = sw_store_open (path, &error);
  g_assert_no_error (error);
  fixture->events = sw_events_new ();
  fixture->service = sw_artist_service_new (fixture->store, fixture->events);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->service);
  g_clear_object (&fixture->events);
  g_clear_object (&fixture->store);
  sw_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
exec (Fixture    *fixture,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sw_store_exec (fixture->store, sql, &error));
  g_assert_no_error (error);
}

static char *
create_library (Fixture    *fixture,
                const char *name)
{
  g_autoptr(SwLibrary) draft = sw_library_new ();
  g_autoptr(SwLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  char *id = NULL;

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
  g_object_set (draft, "name", name, "path", path, NULL);
  library = sw_library_service_create (fixture->store, draft, &error);
  g_assert_no_error (error);
  g_object_get (library, "id", &id, NULL);
  return id;
}

/* @n artists named "<prefix> <i>" in @library_id; every @mbid_every-th has an MBID. */
static void
create_artists (Fixture    *fixture,
                const char *library_id,
                const char *prefix,
                guint       n,
                guint       mbid_every)
{
  g_autoptr(GPtrArray) artists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i <= n; i++)
    {
      SwArtist *artist = sw_artist_new ();

      artist->name = g_strdup_printf ("%s %u", prefix, i);
      if (mbid_every > 0 && i % mbid_every == 0)
        artist->musicbrainz_id = g_uuid_string_random ();
      g_ptr_array_add (artists, artist);
    }

  g_assert_true (sw_artist_service_create (fixture->service, artists, library_id, &error));
  g_assert_no_error (error);
}

static SwLibraryStats *
read_stats (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  SwLibraryStats *stats = sw_library_stats_read (fixture->store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stats);
  return stats;
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(SwLibraryStats) stats = read_stats (fixture);

  g_assert_cmpuint (stats->artists, ==, 0);
  g_assert_cmpuint (stats->with_mbid, ==, 0);
  g_assert_cmpuint (stats->with_thumb, ==, 0);
  g_assert_cmpuint (stats->with_fanart, ==, 0);
  g_assert_cmpuint (stats->locked, ==, 0);
  g_assert_cmpuint (stats->libraries->len, ==, 0);
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *rock = create_library (fixture, "rock");
  g_autofree char *jazz = create_library (fixture, "Jazz");
  g_autoptr(SwLibraryStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  SwLibraryStatsEntry *first;
  SwLibraryStatsEntry *second;

  create_artists (fixture, rock, "Nova", 12, 3);        /* 4 with an MBID */
  create_artists (fixture, jazz, "Echo", 5, 0);
  create_artists (fixture, NULL, "Loose", 2, 1);        /* in no library, 2 with MBID */

  /* Image flags as the artist_images triggers would set them, and a lock. */
  exec (fixture, "UPDATE artists SET thumb_exists = 1 WHERE name LIKE 'Nova %'");
  exec (fixture, "UPDATE artists SET fanart_exists = 1 WHERE name IN ('Echo 1', 'Echo 2')");
  exec (fixture, "UPDATE artists SET locked = 1, lock_source = 'user', "
                 "locked_at = '2026-01-01T00:00:00Z' WHERE name = 'Echo 3'");
  exec (fixture, "UPDATE libraries SET last_scanned_at = '2026-03-01T10:00:00Z' "
                 "WHERE name = 'rock'");

  stats = read_stats (fixture);
  g_assert_cmpuint (stats->artists, ==, 19);
  g_assert_cmpuint (stats->with_mbid, ==, 6);
  g_assert_cmpuint (stats->with_thumb, ==, 12);
  g_assert_cmpuint (stats->with_fanart, ==, 2);
  g_assert_cmpuint (stats->locked, ==, 1);

  /* By name, case-insensitively: "Jazz" before "rock". */
  g_assert_cmpuint (stats->libraries->len, ==, 2);
  first = stats->libraries->pdata[0];
  second = stats->libraries->pdata[1];
  g_assert_cmpstr (first->id, ==, jazz);
  g_assert_cmpstr (first->name, ==, "Jazz");
  g_assert_true (g_str_has_suffix (first->path, "/Jazz"));
  g_assert_null (first->last_scanned_at);
  g_assert_cmpuint (first->artists, ==, 5);
  g_assert_cmpstr (second->name, ==, "rock");
  g_assert_cmpstr (second->last_scanned_at, ==, "2026-03-01T10:00:00Z");
  g_assert_cmpuint (second->artists, ==, 12);

  /* A deleted library takes its memberships (and its lone artists) with it. */
  g_assert_true (sw_library_service_delete (fixture->store, rock, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stats, sw_library_stats_free);
  stats = read_stats (fixture);
  g_assert_cmpuint (stats->artists, ==, 7);
  g_assert_cmpuint (stats->with_mbid, ==, 2);
  g_assert_cmpuint (stats->with_thumb, ==, 0);
  g_assert_cmpuint (stats->libraries->len, ==, 1);
}

/* Reads from another thread see what the main thread committed. */
static gpointer
read_in_thread (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GError) error = NULL;
  SwLibraryStats *stats = sw_library_stats_read (fixture->store, &error);

  g_assert_no_error (error);
  return stats;
}

static void
test_thread (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SwLibraryStats) stats = NULL;
  GThread *thread;

  create_artists (fixture, NULL, "Nova", 3, 1);
  thread = g_thread_new ("stats", read_in_thread, fixture);
  stats = g_thread_join (thread);
  g_assert_cmpuint (stats->artists, ==, 3);
  g_assert_cmpuint (stats->with_mbid, ==, 3);
}

/* How long the page's query takes at 50,000 artists, for the log only (tests never
 * assert on time). Run with -m perf. */
static void
test_timing (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *library = create_library (fixture, "big");
  gint64 best = G_MAXINT64;

  if (!g_test_perf ())
    {
      g_test_skip ("timing only with -m perf");
      return;
    }

  create_artists (fixture, library, "Artist", 50000, 2);
  for (guint run = 0; run < 10; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(SwLibraryStats) stats = read_stats (fixture);

      best = MIN (best, g_get_monotonic_time () - start);
      g_assert_cmpuint (stats->artists, ==, 50000);
      g_assert_cmpuint (stats->with_mbid, ==, 25000);
    }
  g_test_minimized_result ((double) best / 1000.0, "stats read at 50,000 artists: %.2f ms",
                           (double) best / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/library-stats/empty", Fixture, NULL, fixture_setup, test_empty,
              fixture_teardown);
  g_test_add ("/library-stats/counts", Fixture, NULL, fixture_setup, test_counts,
              fixture_teardown);
  g_test_add ("/library-stats/thread", Fixture, NULL, fixture_setup, test_thread,
              fixture_teardown);
  g_test_add ("/library-stats/timing", Fixture, NULL, fixture_setup, test_timing,
              fixture_teardown);

  return g_test_run ();
}

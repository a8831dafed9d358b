/* bench-store.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "bench-library.h"
#include "bench-report.h"
#include "sw-artist-private.h"
#include "sw-artist-query.h"
#include "sw-artist-service.h"

/* The store with a large library: batched inserts, list pages per filter, get by id,
 * and the resident memory of this process afterwards.
 *
 *   build/bench/bench-store [--artists N] [--runs N] [--batch N] [--only TEXT] [--keep]
 */

static int n_artists = 50000;
static int n_runs = 200;
static gboolean keep;
static int batch_size = 1000;
static char *only;

static void
bench_list (SwStore    *store,
            const char *label,
            const char *param,
            const char *value)
{
  if (only != NULL && strstr (label, only) == NULL)
    return;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  guint total = 0;

  for (int run = 0; run < n_runs; run++)
    {
      g_autoptr(SwArtistQuery) query = sw_artist_query_new ();
      g_autoptr(SwArtistPage) page = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start;
      double ms;

      if (param != NULL)
        g_assert_true (sw_artist_query_set_param (query, param, value, &error));
      /* Different pages, so the bench is not one cached page. */
      sw_artist_query_set_page (query, 1 + run % 20, 50);

      start = g_get_monotonic_time ();
      page = sw_artist_store_list (store, query, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      total = page->total;
      g_array_append_val (samples, ms);
    }

  {
    g_autofree char *full = g_strdup_printf ("list %s (%u match)", label, total);

    bench_report (full, samples);
  }
}

/* The search index is rebuilt on the first search after artists changed: this is the
 * worst case, a write before every search. */
static void
bench_search_after_write (SwStore *store)
{
  const char *label = "search \"ra\" after a write (index rebuilt)";
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  if (only != NULL && strstr (label, only) == NULL)
    return;

  for (int run = 0; run < MIN (n_runs, 50); run++)
    {
      g_autoptr(SwArtistQuery) query = sw_artist_query_new ();
      g_autoptr(SwArtistPage) page = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *sql = g_strdup_printf ("UPDATE artists SET health_score = %d "
                                              "WHERE rowid = 1", run);
      gint64 start;
      double ms;

      g_assert_true (sw_store_exec (store, sql, &error));
      g_assert_true (sw_artist_query_set_param (query, "search", "ra", &error));
      start = g_get_monotonic_time ();
      page = sw_artist_store_list (store, query, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      g_array_append_val (samples, ms);
    }
  bench_report (label, samples);
}


int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "artists", 'a', 0, G_OPTION_ARG_INT, &n_artists, "Artists to insert (50000)", "N" },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &n_runs, "Runs per measurement (200)", "N" },
    { "keep", 'k', 0, G_OPTION_ARG_NONE, &keep, "Keep the database for inspection", NULL },
    { "batch", 'b', 0, G_OPTION_ARG_INT, &batch_size, "Artists per transaction (1000)", "N" },
    { "only", 'o', 0, G_OPTION_ARG_STRING, &only, "Only list measurements whose label has TEXT",
      "TEXT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— benchmark the artist store");
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStore) store = NULL;
  g_autoptr(SwEvents) events = NULL;
  g_autoptr(SwArtistService) service = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1973);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  gint64 start;
  double insert_s, checkpointed_s;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  dir = g_dir_make_tmp ("stillwater-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "stillwater.db", NULL);
  store = sw_store_open (path, &error);
  g_assert_no_error (error);
  events = sw_events_new ();
  service = sw_artist_service_new (store, events);
  g_assert_true (sw_store_exec (store, "INSERT INTO libraries (id, name, path, created_at, "
                                "updated_at) VALUES ('lib', 'Music', '/music', 'x', 'x')",
                                &error));

  /* Insert in batches, as a scan does. */
  start = g_get_monotonic_time ();
  for (int first = 0; first < n_artists; first += batch_size)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      for (int i = first; i < MIN (first + batch_size, n_artists); i++)
        g_ptr_array_add (batch, bench_random_artist (rand, i));
      g_assert_true (sw_artist_service_create (service, batch, "lib", &error));
      g_assert_no_error (error);
      for (guint i = 0; i < batch->len; i += 7)
        g_ptr_array_add (ids, g_strdup (((SwArtist *) batch->pdata[i])->id));
    }
  insert_s = (g_get_monotonic_time () - start) / 1e6;
  /* Commits do not wait for checkpoints; this is when the last one is done too. */
  sw_store_wait_for_checkpoint (store);
  checkpointed_s = (g_get_monotonic_time () - start) / 1e6;

  /* Images for about half the artists (the scanner's job; raw SQL keeps this short). */
  g_assert_true (sw_store_exec (store,
    "INSERT INTO artist_images (id, artist_id, image_type, exists_flag, width, height) "
    "SELECT 't' || id, id, 'thumb', 1, 1000, 1000 FROM artists WHERE rowid % 2 = 0", &error));
  g_assert_true (sw_store_exec (store,
    "INSERT INTO artist_images (id, artist_id, image_type, exists_flag, width, height) "
    "SELECT 'f' || id, id, 'fanart', 1, 1920, 1080 FROM artists WHERE rowid % 3 = 0", &error));
  g_assert_true (sw_store_exec (store, "UPDATE artists SET locked = 1, lock_source = 'user', "
                                "locked_at = 'x' WHERE rowid % 50 = 0", &error));
  g_assert_true (sw_store_exec (store, "ANALYZE", &error));
  sw_store_wait_for_checkpoint (store);

  g_print ("Stillwater store benchmark: %d artists, %d runs per list measurement\n\n",
           n_artists, n_runs);
  {
    g_autofree char *label = g_strdup_printf ("insert (batches of %d)", batch_size);

    g_print ("%-44s %.2f s (%.0f artists/s)\n", label, insert_s, n_artists / insert_s);
    g_print ("%-44s %.2f s\n\n", "insert, until the log is checkpointed", checkpointed_s);
  }

  bench_list (store, "no filter", NULL, NULL);
  bench_list (store, "search \"ra\"", "search", "ra");
  bench_list (store, "search \"kalo\"", "search", "kalo");
  bench_search_after_write (store);
  bench_list (store, "missing_meta +y", "filter_missing_meta", "+y");
  bench_list (store, "missing_meta -y", "filter_missing_meta", "-y");
  bench_list (store, "missing_images +y", "filter_missing_images", "+y");
  bench_list (store, "missing_images -y", "filter_missing_images", "-y");
  bench_list (store, "missing_mbid +y", "filter_missing_mbid", "+y");
  bench_list (store, "missing_mbid -y", "filter_missing_mbid", "-y");
  bench_list (store, "excluded +y", "filter_excluded", "+y");
  bench_list (store, "excluded -y", "filter_excluded", "-y");
  bench_list (store, "locked +y", "filter_locked", "+y");
  bench_list (store, "locked -y", "filter_locked", "-y");
  bench_list (store, "type_person +y", "filter_type_person", "+y");
  bench_list (store, "type_group +y", "filter_type_group", "+y");
  bench_list (store, "type_orchestra +y", "filter_type_orchestra", "+y");
  bench_list (store, "type_other +y", "filter_type_other", "+y");
  bench_list (store, "library_id", "library_id", "lib");
  bench_list (store, "filter_library +y", "filter_library_lib", "+y");
  bench_list (store, "filter_library -y", "filter_library_lib", "-y");
  bench_list (store, "sort sort_name", "sort", "sort_name");
  bench_list (store, "sort health_score", "sort", "health_score");
  bench_list (store, "sort updated_at desc", "order", "desc");
  g_print ("\n");

  for (guint i = 0; i < MIN (ids->len, 2000u); i++)
    {
      const char *id = g_ptr_array_index (ids, g_rand_int_range (rand, 0, ids->len));
      g_autoptr(SwArtist) artist = NULL;
      double ms;

      start = g_get_monotonic_time ();
      artist = sw_artist_store_get (store, id, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_nonnull (artist);
      g_array_append_val (samples, ms);
    }
  bench_report ("get by id", samples);

  g_print ("\n%-44s %.1f MB\n", "resident memory (VmRSS)", bench_memory_kib ("VmRSS:") / 1024.0);

  g_clear_object (&service);
  g_clear_object (&store);
  if (keep)
    g_print ("database kept at %s\n", path);
  else
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }
  g_free (only);
  return 0;
}

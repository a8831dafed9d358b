/* bench-artist-model.c
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
#include "sw-artist-list-model-private.h"
#include "sw-artist-private.h"
#include "sw-artist-service.h"

/* The GUI's artist list model over a large library: building it (the count), reading
 * a row whose page is not cached (what a view pays when it scrolls to new rows), a
 * search replacing the list, every row read top to bottom, and the resident memory.
 *
 *   build/bench/bench-artist-model [--artists N] [--runs N]
 */

static int n_artists = 50000;
static int n_runs = 500;

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}


static void
set_search (SwArtistListModel *model,
            const char        *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sw_artist_list_model_set_query_param (model, "search", value, &error));
  g_assert_no_error (error);
}

/* Each run alternates with an empty search, so every run is a change: the time from
 * the new text to the new count (and first page) being known. */
static void
bench_search (SwArtistListModel *model,
              const char        *text)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *label = NULL;
  guint matches = 0;

  for (int run = 0; run < n_runs / 5; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      set_search (model, text);
      matches = g_list_model_get_n_items (G_LIST_MODEL (model));
      ms = elapsed_ms (start);
      g_array_append_val (samples, ms);
      set_search (model, "");
    }

  label = g_strdup_printf ("search \"%s\" (%u matches)", text, matches);
  bench_report (label, samples);
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "artists", 'a', 0, G_OPTION_ARG_INT, &n_artists, "Artists to insert (50000)", "N" },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &n_runs, "Runs per measurement (500)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— benchmark the artist list model");
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStore) store = NULL;
  g_autoptr(SwEvents) events = NULL;
  g_autoptr(SwArtistService) service = NULL;
  g_autoptr(SwArtistListModel) model = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1973);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  double max_ms = 0, walk_ms;
  gint64 start;
  guint total;

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

  for (int first = 0; first < n_artists; first += 1000)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      for (int i = first; i < MIN (first + 1000, n_artists); i++)
        g_ptr_array_add (batch, bench_random_artist (rand, i));
      g_assert_true (sw_artist_service_create (service, batch, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (sw_store_exec (store, "ANALYZE", &error));
  sw_store_wait_for_checkpoint (store);

  g_print ("Stillwater artist list model benchmark: %d artists, %d runs\n\n", n_artists,
           n_runs);

  /* Without events: nothing here iterates a main loop to deliver them. */
  for (int run = 0; run < n_runs / 5; run++)
    {
      double ms;

      g_clear_object (&model);
      start = g_get_monotonic_time ();
      model = sw_artist_list_model_new (store, NULL);
      total = g_list_model_get_n_items (G_LIST_MODEL (model));
      ms = elapsed_ms (start);
      g_assert_cmpuint (total, ==, (guint) n_artists);
      g_array_append_val (samples, ms);
    }
  bench_report ("construct (count + first page)", samples);

  g_array_set_size (samples, 0);
  for (int run = 0; run < n_runs; run++)
    {
      guint position;
      g_autoptr(SwArtist) artist = NULL;
      double ms;

      do
        position = g_rand_int_range (rand, 0, n_artists);
      while (sw_artist_list_model_is_cached (model, position));

      start = g_get_monotonic_time ();
      artist = g_list_model_get_item (G_LIST_MODEL (model), position);
      ms = elapsed_ms (start);
      g_assert_nonnull (artist);
      g_array_append_val (samples, ms);
    }
  bench_report ("get_item, uncached position (page of 200)", samples);
  g_print ("%-44s %u\n", "pages cached afterwards", sw_artist_list_model_get_n_cached_pages (model));

  /* Top to bottom, as a held Page Down does: the slowest single call is what a frame
   * could wait for. */
  g_clear_object (&model);
  model = sw_artist_list_model_new (store, NULL);
  start = g_get_monotonic_time ();
  for (guint position = 0; position < (guint) n_artists; position++)
    {
      gint64 item_start = g_get_monotonic_time ();
      g_autoptr(SwArtist) artist = g_list_model_get_item (G_LIST_MODEL (model), position);

      g_assert_nonnull (artist);
      max_ms = MAX (max_ms, elapsed_ms (item_start));
    }
  walk_ms = elapsed_ms (start);
  g_print ("%-44s %.1f ms (slowest call %.3f ms)\n", "every item, top to bottom", walk_ms, max_ms);
  g_print ("\n");

  bench_search (model, "ra");
  bench_search (model, "kalo");
  bench_search (model, "mar 4");

  /* The first search after a write rebuilds the store's name index. */
  g_array_set_size (samples, 0);
  for (int run = 0; run < 20; run++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE artists SET origin = 'run %d' "
                                              "WHERE rowid = 1", run);
      double ms;

      g_assert_true (sw_store_exec (store, sql, &error));
      start = g_get_monotonic_time ();
      set_search (model, "ra");
      ms = elapsed_ms (start);
      g_array_append_val (samples, ms);
      set_search (model, "");
    }
  bench_report ("search \"ra\" right after a write", samples);

  g_print ("\n%-44s %.1f MB\n", "resident memory (VmRSS)", bench_memory_kib ("VmRSS:") / 1024.0);

  g_clear_object (&model);
  g_clear_object (&service);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }
  return 0;
}

/* test-artist-list-model.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-artist-list-model-private.h"
#include "sw-artist-private.h"
#include "sw-artist-query.h"
#include "sw-artist-service.h"
#include "sw-artist-slots.h"
#include "sw-test-util.h"

/* The paged artist list over a real SQLite file with 2,000 artists. No display: the
 * model is plain GIO. */

#define N_ARTISTS 2000
/* The model reads this many rows at a time. */
#define PAGE_ROWS 200

typedef struct
{
  char *dir;
  SwStore *store;
  SwEvents *events;
  SwArtistService *service;
  SwArtistListModel *model;
  /* items-changed emissions: position, removed, added */
  GArray *changes;
} Fixture;

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  Change change = { position, removed, added };

  g_array_append_val (fixture->changes, change);
}

/* Names in an order unlike their creation order, with mixed case so that the list's
 * case-insensitive name order is what is tested. Every 10th is a group with an MBID;
 * the name of every 100th contains "zebra". */
static SwArtist *
make_artist (guint index)
{
  SwArtist *artist = sw_artist_new ();
  guint scrambled = (index * 7919) % N_ARTISTS;

  artist->name = g_strdup_printf ("%s %04u%s", scrambled % 2 ? "artist" : "Artist", scrambled,
                                  index % 100 == 0 ? " zebra" : "");
  if (index % 10 == 0)
    {
      artist->type = g_strdup ("group");
      artist->musicbrainz_id = g_uuid_string_random ();
    }
  else
    artist->type = g_strdup ("person");
  return artist;
}

/* The 2,000 artists are created once, through SwArtistService, into a database that
 * each test copies. */
static char *template_dir;

static void
create_template (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStore) store = NULL;
  g_autoptr(SwEvents) events = sw_events_new ();
  g_autoptr(SwArtistService) service = NULL;
  g_autoptr(GPtrArray) artists = g_ptr_array_new_with_free_func (g_object_unref);

  template_dir = sw_test_make_temp_dir ();
  path = g_build_filename (template_dir, "stillwater.db", NULL);
  store = sw_store_open (path, &error);
  g_assert_no_error (error);
  service = sw_artist_service_new (store, events);

  for (guint i = 0; i < N_ARTISTS; i++)
    g_ptr_array_add (artists, make_artist (i));
  g_assert_true (sw_artist_service_create (service, artists, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = sw_test_make_temp_dir ();
  /* The template's store is closed, so its log is checkpointed, but copy any log too. */
  for (guint i = 0; i < 3; i++)
    {
      const char *suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *name = g_strconcat ("stillwater.db", suffixes[i], NULL);
      g_autofree char *from = g_build_filename (template_dir, name, NULL);
      g_autofree char *to = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(GFile) source = g_file_new_for_path (from);
      g_autoptr(GFile) target = g_file_new_for_path (to);

      if (i == 0 || g_file_test (from, G_FILE_TEST_EXISTS))
        {
          g_assert_true (g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL,
                                      &error));
          g_assert_no_error (error);
        }
    }

  path = g_build_filename (fixture->dir, "stillwater.db", NULL);
  fixture->store = sw_store_open (path, &error);
  g_assert_no_error (error);
  fixture->events = sw_events_new ();
  fixture->service = sw_artist_service_new (fixture->store, fixture->events);

  fixture->model = sw_artist_list_model_new (fixture->store, fixture->events);
  fixture->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_signal_connect (fixture->model, "items-changed", G_CALLBACK (on_items_changed), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->model);
  g_clear_pointer (&fixture->changes, g_array_unref);
  g_clear_object (&fixture->service);
  g_clear_object (&fixture->events);
  g_clear_object (&fixture->store);
  sw_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* Every id of the query's result, in order, read straight from the store. */
static GPtrArray *
store_ids (SwStore            *store,
           const char *const  *params)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SwArtistQuery) query = sw_artist_query_new ();

  for (guint i = 0; params != NULL && params[i] != NULL; i += 2)
    g_assert_true (sw_artist_query_set_param (query, params[i], params[i + 1], NULL));

  for (guint page_number = 1;; page_number++)
    {
      g_autoptr(SwArtistPage) page = NULL;
      g_autoptr(GError) error = NULL;

      sw_artist_query_set_page (query, page_number, SW_ARTIST_QUERY_MAX_PAGE_SIZE);
      page = sw_artist_store_list (store, query, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < page->artists->len; i++)
        g_ptr_array_add (ids, g_strdup (sw_artist_get_id (page->artists->pdata[i])));
      if (page->artists->len < SW_ARTIST_QUERY_MAX_PAGE_SIZE)
        break;
    }

  return ids;
}

static void
assert_item_id (GListModel *model,
                guint       position,
                const char *id)
{
  g_autoptr(SwArtist) artist = g_list_model_get_item (model, position);

  g_assert_nonnull (artist);
  g_assert_cmpstr (sw_artist_get_id (artist), ==, id);
}

static void
assert_matches_store (Fixture           *fixture,
                      const char *const *params)
{
  GListModel *model = G_LIST_MODEL (fixture->model);
  g_autoptr(GPtrArray) ids = store_ids (fixture->store, params);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, ids->len);
  g_assert_cmpuint (sw_artist_list_model_get_total (fixture->model), ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    assert_item_id (model, i, ids->pdata[i]);
  g_assert_null (g_list_model_get_item (model, ids->len));
}

static void
test_items_in_name_order (Fixture       *fixture,
                          gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->model);
  g_autoptr(GPtrArray) ids = store_ids (fixture->store, NULL);
  g_autoptr(SwArtist) first = NULL;
  g_autoptr(SwArtist) last = NULL;
  guint total = 0;

  g_assert_true (g_list_model_get_item_type (model) == SW_TYPE_ARTIST);
  g_assert_cmpuint (ids->len, ==, N_ARTISTS);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_ARTISTS);
  g_object_get (fixture->model, "total", &total, NULL);
  g_assert_cmpuint (total, ==, N_ARTISTS);

  /* Out of order on purpose: the last page before the first. */
  assert_item_id (model, N_ARTISTS - 1, ids->pdata[N_ARTISTS - 1]);
  assert_item_id (model, 0, ids->pdata[0]);
  assert_item_id (model, 1, ids->pdata[1]);
  assert_item_id (model, 1234, ids->pdata[1234]);

  /* The store's order is the names' order, ignoring case. */
  first = g_list_model_get_item (model, 0);
  last = g_list_model_get_item (model, N_ARTISTS - 1);
  g_assert_cmpstr (sw_artist_get_name (first), ==, "Artist 0000 zebra");
  g_assert_cmpstr (sw_artist_get_name (last), ==, "artist 1999");

  assert_matches_store (fixture, NULL);
  g_assert_cmpuint (fixture->changes->len, ==, 0);
}

/* Sets one parameter and checks that exactly one items-changed replaced every item. */
static void
set_param (Fixture    *fixture,
           const char *name,
           const char *value,
           guint       expected_total)
{
  g_autoptr(GError) error = NULL;
  guint old_total = sw_artist_list_model_get_total (fixture->model);
  Change *change;

  g_array_set_size (fixture->changes, 0);
  g_assert_true (sw_artist_list_model_set_query_param (fixture->model, name, value, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (fixture->changes->len, ==, 1);
  change = &g_array_index (fixture->changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, old_total);
  g_assert_cmpuint (change->added, ==, expected_total);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==,
                    expected_total);
}

static void
on_notify_total (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_query_params (Fixture       *fixture,
                   gconstpointer  data)
{
  guint notifications = 0;
  g_autoptr(GError) error = NULL;

  g_signal_connect (fixture->model, "notify::total", G_CALLBACK (on_notify_total),
                    &notifications);

  set_param (fixture, "search", "zebra", N_ARTISTS / 100);
  g_assert_cmpuint (notifications, ==, 1);
  assert_matches_store (fixture, (const char *const[]) { "search", "zebra", NULL });

  /* The same value again changes nothing. */
  g_array_set_size (fixture->changes, 0);
  g_assert_true (sw_artist_list_model_set_query_param (fixture->model, "search", "zebra",
                                                       &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->changes->len, ==, 0);

  set_param (fixture, "filter_missing_mbid", "-y", N_ARTISTS / 100);
  set_param (fixture, "search", "", N_ARTISTS / 10);
  assert_matches_store (fixture, (const char *const[]) { "filter_missing_mbid", "-y", NULL });

  set_param (fixture, "filter_missing_mbid", "", N_ARTISTS);
  set_param (fixture, "filter_type_person", "+y", N_ARTISTS - N_ARTISTS / 10);

  /* Sorting keeps the count but replaces every item. */
  set_param (fixture, "order", "desc", N_ARTISTS - N_ARTISTS / 10);
  assert_matches_store (fixture, (const char *const[]) {
                          "filter_type_person", "+y", "order", "desc", NULL });
  set_param (fixture, "sort", "created_at", N_ARTISTS - N_ARTISTS / 10);
  assert_matches_store (fixture, (const char *const[]) {
                          "filter_type_person", "+y", "order", "desc",
                          "sort", "created_at", NULL });

  set_param (fixture, "library_id", "no-such-library", 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (fixture->model), 0));
}

static void
assert_refused (Fixture    *fixture,
                const char *name,
                const char *value)
{
  g_autoptr(GError) error = NULL;

  g_array_set_size (fixture->changes, 0);
  g_assert_false (sw_artist_list_model_set_query_param (fixture->model, name, value, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
  g_assert_cmpuint (fixture->changes->len, ==, 0);
  g_assert_cmpuint (sw_artist_list_model_get_total (fixture->model), ==, N_ARTISTS);
}

static void
test_invalid_params (Fixture       *fixture,
                     gconstpointer  data)
{
  assert_refused (fixture, "sort", "loudness");
  assert_refused (fixture, "order", "sideways");
  assert_refused (fixture, "filter", "no_such_filter");
  assert_refused (fixture, "filter_missing_meta", "yes");
  assert_refused (fixture, "filter_library_lib-1", "maybe");
  assert_refused (fixture, "filter_no_such_filter", "+y");
  assert_refused (fixture, "filter_library_", "+y");
  assert_refused (fixture, "page", "2");
  assert_refused (fixture, "page_size", "10");
  assert_refused (fixture, "colour", "blue");

  /* Still the unfiltered list, in name order. */
  assert_matches_store (fixture, NULL);
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_change_quit (GListModel *model,
                guint       position,
                guint       removed,
                guint       added,
                GMainLoop  *loop)
{
  g_main_loop_quit (loop);
}

/* Runs the main loop until the model changes, or 2 s pass. Returns the milliseconds
 * it took. */
static gint64
wait_for_change (Fixture *fixture)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GSource) timeout = g_timeout_source_new (2000);
  gint64 start = g_get_monotonic_time ();
  gulong handler;

  g_source_set_callback (timeout, quit_loop, loop, NULL);
  g_source_attach (timeout, NULL);
  handler = g_signal_connect (fixture->model, "items-changed", G_CALLBACK (on_change_quit),
                              loop);
  g_main_loop_run (loop);
  g_signal_handler_disconnect (fixture->model, handler);
  g_source_destroy (timeout);
  return (g_get_monotonic_time () - start) / 1000;
}

static void
test_follows_events (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SwArtist) first = NULL;
  g_autoptr(SwArtist) renamed = NULL;
  Change *change;
  gint64 waited;

  /* Fill the cache, so a stale page would show. */
  ids = store_ids (fixture->store, NULL);
  assert_item_id (G_LIST_MODEL (fixture->model), 0, ids->pdata[0]);

  /* Three artists in three writes: one burst, one refresh. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
      SwArtist *artist = sw_artist_new ();

      artist->name = g_strdup_printf ("AAA new %u", i);
      g_ptr_array_add (one, artist);
      g_ptr_array_add (added, g_object_ref (artist));
      g_assert_true (sw_artist_service_create (fixture->service, one, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, N_ARTISTS);

  /* One refresh: the three rows are added at the end and the rows a view may show (the
   * first page, the only one read) are replaced; never every row (GTK would read them
   * all). */
  waited = wait_for_change (fixture);
  g_test_message ("new artists shown after %" G_GINT64_FORMAT " ms", waited);
  g_assert_cmpuint (fixture->changes->len, ==, 2);
  change = &g_array_index (fixture->changes, Change, 0);
  g_assert_cmpuint (change->position, ==, N_ARTISTS);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, 3);
  change = &g_array_index (fixture->changes, Change, 1);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, PAGE_ROWS);
  g_assert_cmpuint (change->added, ==, PAGE_ROWS);
  g_assert_cmpuint (sw_artist_list_model_get_total (fixture->model), ==, N_ARTISTS + 3);
  assert_item_id (G_LIST_MODEL (fixture->model), 0,
                  sw_artist_get_id (added->pdata[0]));

  /* Nothing more arrives: the burst was one refresh. */
  g_assert_cmpint (wait_for_change (fixture), >=, 1900);
  g_assert_cmpuint (fixture->changes->len, ==, 2);

  /* A rename keeps the count; the shown rows are replaced, and the row reads anew. */
  g_array_set_size (fixture->changes, 0);
  g_assert_true (sw_artist_service_update_field (fixture->service,
                                                 sw_artist_get_id (added->pdata[0]), "name",
                                                 "AAA renamed", "manual", NULL, &error));
  g_assert_no_error (error);
  wait_for_change (fixture);
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  change = &g_array_index (fixture->changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, PAGE_ROWS);
  g_assert_cmpuint (change->added, ==, PAGE_ROWS);
  renamed = g_list_model_get_item (G_LIST_MODEL (fixture->model), 2);
  g_assert_cmpstr (sw_artist_get_name (renamed), ==, "AAA renamed");

  assert_matches_store (fixture, NULL);
  first = g_list_model_get_item (G_LIST_MODEL (fixture->model), 0);
  g_assert_cmpstr (sw_artist_get_name (first), ==, "AAA new 1");
}

static void
test_cache_bounded (Fixture       *fixture,
                    gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->model);
  g_autoptr(GPtrArray) ids = store_ids (fixture->store, NULL);

  /* The defaults hold all 2,000 in 10 pages: read them all once. */
  for (guint i = 0; i < N_ARTISTS; i++)
    assert_item_id (model, i, ids->pdata[i]);
  g_assert_cmpuint (sw_artist_list_model_get_n_cached_pages (fixture->model), ==, 10);

  /* 40 pages of 50 through a cache of 4: at most 4 stay, the most recent ones. */
  sw_artist_list_model_set_cache_limits (fixture->model, 50, 4);
  g_assert_cmpuint (sw_artist_list_model_get_n_cached_pages (fixture->model), ==, 0);
  for (guint i = 0; i < N_ARTISTS; i++)
    {
      assert_item_id (model, i, ids->pdata[i]);
      g_assert_cmpuint (sw_artist_list_model_get_n_cached_pages (fixture->model), <=, 4);
    }
  g_assert_cmpuint (sw_artist_list_model_get_n_cached_pages (fixture->model), ==, 4);
  g_assert_true (sw_artist_list_model_is_cached (fixture->model, N_ARTISTS - 1));
  g_assert_true (sw_artist_list_model_is_cached (fixture->model, N_ARTISTS - 200));
  g_assert_false (sw_artist_list_model_is_cached (fixture->model, N_ARTISTS - 201));
  g_assert_false (sw_artist_list_model_is_cached (fixture->model, 0));

  /* An evicted page is read again, correctly; using a page keeps it. */
  assert_item_id (model, 0, ids->pdata[0]);
  assert_item_id (model, N_ARTISTS - 200, ids->pdata[N_ARTISTS - 200]);
  assert_item_id (model, 100, ids->pdata[100]);
  assert_item_id (model, 60, ids->pdata[60]);
  g_assert_true (sw_artist_list_model_is_cached (fixture->model, 0));
  g_assert_true (sw_artist_list_model_is_cached (fixture->model, N_ARTISTS - 200));
  g_assert_false (sw_artist_list_model_is_cached (fixture->model, N_ARTISTS - 1));
  g_assert_cmpuint (sw_artist_list_model_get_n_cached_pages (fixture->model), ==, 4);
}

/* A row deleted behind the model's back (no event): the model answers NULL for the
 * position that no longer exists instead of crashing, then corrects itself. */
static void
test_store_changed_without_event (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = store_ids (fixture->store, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("DELETE FROM artists WHERE id = '%s'",
                                          (char *) ids->pdata[0]);
  g_autoptr(SwArtist) artist = NULL;

  g_assert_true (sw_store_exec (fixture->store, sql, &error));
  g_assert_no_error (error);

  /* The last page is not cached: reading it finds one row fewer. */
  g_assert_false (sw_artist_list_model_is_cached (fixture->model, N_ARTISTS - 1));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (fixture->model), N_ARTISTS - 1));
  artist = g_list_model_get_item (G_LIST_MODEL (fixture->model), N_ARTISTS - 2);
  g_assert_cmpstr (sw_artist_get_id (artist), ==, ids->pdata[N_ARTISTS - 1]);

  /* The refresh removes the last position and replaces the pages read last. */
  wait_for_change (fixture);
  g_assert_cmpuint (fixture->changes->len, >=, 2);
  g_assert_cmpuint (g_array_index (fixture->changes, Change, 0).position, ==, N_ARTISTS - 1);
  g_assert_cmpuint (g_array_index (fixture->changes, Change, 0).removed, ==, 1);
  g_assert_cmpuint (g_array_index (fixture->changes, Change, 0).added, ==, 0);
  g_assert_cmpuint (sw_artist_list_model_get_total (fixture->model), ==, N_ARTISTS - 1);
  g_ptr_array_remove_index (ids, 0);
  assert_matches_store (fixture, NULL);
}

/* A copy with one parameter changed: counted once, the original untouched. */
static void
test_copy_with_param (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(SwArtistListModel) same = NULL;
  g_autoptr(SwArtistListModel) zebras = NULL;
  g_autoptr(SwArtistListModel) refused = NULL;
  g_autoptr(GError) error = NULL;

  same = sw_artist_list_model_copy_with_param (fixture->model, "search", "", &error);
  g_assert_no_error (error);
  g_assert_true (same == fixture->model);

  zebras = sw_artist_list_model_copy_with_param (fixture->model, "search", "zebra", &error);
  g_assert_no_error (error);
  g_assert_true (zebras != fixture->model);
  g_assert_cmpuint (sw_artist_list_model_get_total (zebras), ==, N_ARTISTS / 100);
  g_assert_cmpuint (sw_artist_list_model_get_total (fixture->model), ==, N_ARTISTS);
  g_assert_cmpuint (fixture->changes->len, ==, 0);

  refused = sw_artist_list_model_copy_with_param (fixture->model, "page_size", "10", &error);
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
  g_assert_null (refused);
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
} SlotChange;

static void
on_slots_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  SlotChange change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
count_notify (GObject    *slot,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* The view's slots keep their identity when the list behind them changes: only their
 * artist changes, and only the difference in length is added or removed at the end. */
static void
test_slots_keep_identity (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(SwArtistSlots) slots = sw_artist_slots_new (fixture->model);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (SlotChange));
  g_autoptr(SwArtistListModel) zebras = NULL;
  g_autoptr(SwArtistSlot) first = NULL;
  g_autoptr(SwArtistSlot) again = NULL;
  g_autoptr(SwArtistSlot) far = NULL;
  g_autoptr(SwArtist) old_first = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;
  SlotChange *change;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, N_ARTISTS);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (slots)) == SW_TYPE_ARTIST_SLOT);
  first = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  far = g_list_model_get_item (G_LIST_MODEL (slots), 500);
  old_first = g_object_ref (sw_artist_slot_get_artist (first));
  g_signal_connect (first, "notify::artist", G_CALLBACK (count_notify), &notified);
  g_signal_connect (slots, "items-changed", G_CALLBACK (on_slots_changed), changes);

  zebras = sw_artist_list_model_copy_with_param (fixture->model, "search", "zebra", &error);
  g_assert_no_error (error);
  sw_artist_slots_set_source (slots, zebras);

  /* The same slot at position 0 now holds the first zebra. */
  again = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  g_assert_true (again == first);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (sw_artist_slot_get_artist (first) != old_first);
  g_assert_nonnull (strstr (sw_artist_get_name (sw_artist_slot_get_artist (first)), "zebra"));
  /* Past the new end, a held slot is emptied. */
  g_assert_null (sw_artist_slot_get_artist (far));

  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, SlotChange, 0);
  g_assert_cmpuint (change->position, ==, N_ARTISTS / 100);
  g_assert_cmpuint (change->removed, ==, N_ARTISTS - N_ARTISTS / 100);
  g_assert_cmpuint (change->added, ==, 0);

  /* And back: the positions come again at the end, the first slot shows its artist. */
  sw_artist_slots_set_source (slots, fixture->model);
  g_assert_cmpuint (changes->len, ==, 2);
  change = &g_array_index (changes, SlotChange, 1);
  g_assert_cmpuint (change->position, ==, N_ARTISTS / 100);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, N_ARTISTS - N_ARTISTS / 100);
  g_assert_cmpstr (sw_artist_get_id (sw_artist_slot_get_artist (first)), ==,
                   sw_artist_get_id (old_first));
}

static void
count_page_loaded (SwArtistListModel *model,
                   guint              first,
                   guint              n_items,
                   guint             *count)
{
  (*count)++;
}

/* Runs the default context until *@count reaches @at_least, or 5 s pass. */
static void
iterate_until_count (guint *count,
                     guint  at_least)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (*count < at_least && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (*count, >=, at_least);
}

/* A slot whose page is not in memory does not read it on the calling thread: it is
 * empty, a worker thread reads the page (and the next, the position being near its
 * end), and the slot then shows its artist. */
static void
test_slots_read_in_background (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(SwArtistSlots) slots = sw_artist_slots_new (fixture->model);
  g_autoptr(SwArtistSlot) slot = NULL;
  g_autoptr(SwArtist) expected = NULL;
  guint notified = 0, loaded = 0;
  const guint position = 3 * PAGE_ROWS + 150;

  g_signal_connect (fixture->model, "page-loaded", G_CALLBACK (count_page_loaded), &loaded);
  slot = g_list_model_get_item (G_LIST_MODEL (slots), position);
  g_assert_nonnull (slot);
  g_assert_null (sw_artist_slot_get_artist (slot));
  g_assert_false (sw_artist_list_model_is_cached (fixture->model, position));
  g_assert_null (sw_artist_list_model_peek_item (fixture->model, position));

  g_signal_connect (slot, "notify::artist", G_CALLBACK (count_notify), &notified);
  iterate_until_count (&notified, 1);
  g_assert_true (sw_artist_list_model_is_cached (fixture->model, position));

  /* The artist the synchronous path gives for that position. */
  expected = g_list_model_get_item (G_LIST_MODEL (fixture->model), position);
  g_assert_cmpstr (sw_artist_get_id (sw_artist_slot_get_artist (slot)), ==,
                   sw_artist_get_id (expected));

  /* The page ahead was read too, without anyone showing it. */
  iterate_until_count (&loaded, 2);
  g_assert_true (sw_artist_list_model_is_cached (fixture->model, position + PAGE_ROWS));
}

/* A read started for the list as it was is thrown away when the list changes before it
 * arrives (a new search): its rows belong to other positions now. */
static void
test_stale_page_read_dropped (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint loaded = 0;
  const guint position = 5 * PAGE_ROWS;

  g_signal_connect (fixture->model, "page-loaded", G_CALLBACK (count_page_loaded), &loaded);
  sw_artist_list_model_request_page (fixture->model, position);
  /* Asking again while it is on its way starts no second read. */
  sw_artist_list_model_request_page (fixture->model, position);
  g_assert_true (sw_artist_list_model_set_query_param (fixture->model, "filter_type_person",
                                                       "+y", &error));
  g_assert_no_error (error);

  /* The filtered list is still long enough to have that page: read it afresh. */
  sw_artist_list_model_request_page (fixture->model, position);
  iterate_until_count (&loaded, 1);
  /* Let the stale read arrive too, if it were to be used. */
  for (gint64 end = g_get_monotonic_time () + 200 * 1000; g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, FALSE);

  g_assert_cmpuint (loaded, ==, 1);
  assert_matches_store (fixture, (const char *const[]) { "filter_type_person", "+y", NULL });
}

static void
counted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (*result == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (*result);
  return *result;
}

/* A derived list reads nothing until it is counted, which happens on the reader
 * thread; a cancelled count leaves it uncounted. */
static void
test_count_in_background (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(SwArtistListModel) zebras = NULL;
  g_autoptr(SwArtistListModel) groups = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GError) error = NULL;

  zebras = sw_artist_list_model_derive (fixture->model, "search", "zebra", &error);
  g_assert_no_error (error);
  g_assert_true (zebras != fixture->model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (zebras)), ==, 0);
  g_assert_cmpuint (sw_artist_list_model_get_n_cached_pages (zebras), ==, 0);
  /* The value in use gives the model itself. */
  g_assert_true (sw_artist_list_model_derive (zebras, "search", "zebra", NULL) == zebras);
  g_object_unref (zebras);

  sw_artist_list_model_count_async (zebras, NULL, counted_cb, &result);
  g_assert_cmpuint (sw_artist_list_model_get_total (zebras), ==, 0);
  g_assert_true (sw_artist_list_model_count_finish (zebras, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sw_artist_list_model_get_total (zebras), ==, N_ARTISTS / 100);
  g_assert_true (sw_artist_list_model_is_cached (zebras, 0));
  g_object_unref (fixture->model);
  fixture->model = g_steal_pointer (&zebras);
  assert_matches_store (fixture, (const char *const[]) { "search", "zebra", NULL });

  groups = sw_artist_list_model_derive (fixture->model, "filter_type_group", "+y", &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  sw_artist_list_model_count_async (groups, cancellable, counted_cb, &cancelled);
  g_assert_false (sw_artist_list_model_count_finish (groups, wait_for_result (&cancelled),
                                                     &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (sw_artist_list_model_get_total (groups), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/artist-list-model/name-order", Fixture, NULL, fixture_setup,
              test_items_in_name_order, fixture_teardown);
  g_test_add ("/artist-list-model/query-params", Fixture, NULL, fixture_setup,
              test_query_params, fixture_teardown);
  g_test_add ("/artist-list-model/invalid-params", Fixture, NULL, fixture_setup,
              test_invalid_params, fixture_teardown);
  g_test_add ("/artist-list-model/follows-events", Fixture, NULL, fixture_setup,
              test_follows_events, fixture_teardown);
  g_test_add ("/artist-list-model/cache-bounded", Fixture, NULL, fixture_setup,
              test_cache_bounded, fixture_teardown);
  g_test_add ("/artist-list-model/store-changed-without-event", Fixture, NULL, fixture_setup,
              test_store_changed_without_event, fixture_teardown);
  g_test_add ("/artist-list-model/copy-with-param", Fixture, NULL, fixture_setup,
              test_copy_with_param, fixture_teardown);
  g_test_add ("/artist-list-model/slots-keep-identity", Fixture, NULL, fixture_setup,
              test_slots_keep_identity, fixture_teardown);
  g_test_add ("/artist-list-model/slots-read-in-background", Fixture, NULL, fixture_setup,
              test_slots_read_in_background, fixture_teardown);
  g_test_add ("/artist-list-model/stale-page-read-dropped", Fixture, NULL, fixture_setup,
              test_stale_page_read_dropped, fixture_teardown);
  g_test_add ("/artist-list-model/count-in-background", Fixture, NULL, fixture_setup,
              test_count_in_background, fixture_teardown);

  create_template ();
  status = g_test_run ();
  sw_test_remove_tree (template_dir);
  g_free (template_dir);
  return status;
}

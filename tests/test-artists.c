/* test-artists.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-alias-private.h"
#include "sw-artist-duplicates.h"
#include "sw-artist-identity.h"
#include "sw-artist-names.h"
#include "sw-artist-private.h"
#include "sw-artist-query.h"
#include "sw-artist-service.h"
#include "sw-member-private.h"
#include "sw-metadata-change-private.h"
#include "sw-test-util.h"

/* Queries and mutations against a real SQLite file. The fixture library:
 *
 *   name            type        mbid  bio  genres  thumb fanart  locked excluded  library
 *   ABBA            group       yes   yes  yes     yes   yes     no     no        lib-a
 *   Björk           person      yes   yes  yes     yes   no      yes    no        lib-a
 *   Cure, The       group       no    no   no      no    no      no     no        lib-b
 *   Berliner Phil.  orchestra   no    yes  yes     no    yes     no     no        lib-b
 *   Soundtrack      ''          no    no   no      no    no      no     yes       lib-a
 */

typedef struct
{
  char *dir;
  SwStore *store;
  SwEvents *events;
  SwArtistService *service;
  char *ids[5];
} Fixture;

#define ABBA 0
#define BJORK 1
#define CURE 2
#define BERLIN 3
#define SOUNDTRACK 4

static SwArtist *
make_artist (const char *name,
             const char *type,
             const char *mbid,
             const char *biography,
             const char *genre)
{
  SwArtist *artist = sw_artist_new ();

  artist->name = g_strdup (name);
  artist->type = g_strdup (type);
  artist->musicbrainz_id = g_strdup (mbid);
  artist->biography = g_strdup (biography);
  if (genre != NULL)
    {
      artist->genres = g_new0 (char *, 2);
      artist->genres[0] = g_strdup (genre);
    }
  return artist;
}

static void
exec (Fixture    *fixture,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sw_store_exec (fixture->store, sql, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lib_a = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) lib_b = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *sql = NULL;
  SwArtist *soundtrack;

  fixture->dir = sw_test_make_temp_dir ();
  path = g_build_filename (fixture->dir, "stillwater.db", NULL);
  fixture->store = sw_store_open (path, &error);
  g_assert_no_error (error);
  fixture->events = sw_events_new ();
  fixture->service = sw_artist_service_new (fixture->store, fixture->events);

  exec (fixture, "INSERT INTO libraries (id, name, path, created_at, updated_at) VALUES "
                 "('lib-a', 'A', '/music/a', 'x', 'x'), ('lib-b', 'B', '/music/b', 'x', 'x')");

  g_ptr_array_add (lib_a, make_artist ("ABBA", "group", "d87e52c5-bb8d-4da8-b941-9f4928627dc8",
                                       "Swedish pop group.", "Pop"));
  g_ptr_array_add (lib_a, make_artist ("Björk", "person", "87c5dedd-371d-4a53-9f7f-80522fb7f3cb",
                                       "Icelandic singer.", "Electronic"));
  soundtrack = make_artist ("Soundtrack", "", "", "", NULL);
  soundtrack->is_excluded = TRUE;
  soundtrack->exclusion_reason = g_strdup ("default exclusion list");
  g_ptr_array_add (lib_a, soundtrack);
  g_ptr_array_add (lib_b, make_artist ("Cure, The", "group", "", "", NULL));
  g_ptr_array_add (lib_b, make_artist ("Berliner Philharmoniker", "orchestra", "",
                                       "Orchestra in Berlin.", "Classical"));

  g_assert_true (sw_artist_service_create (fixture->service, lib_a, "lib-a", &error));
  g_assert_no_error (error);
  g_assert_true (sw_artist_service_create (fixture->service, lib_b, "lib-b", &error));
  g_assert_no_error (error);

  fixture->ids[ABBA] = g_strdup (((SwArtist *) lib_a->pdata[0])->id);
  fixture->ids[BJORK] = g_strdup (((SwArtist *) lib_a->pdata[1])->id);
  fixture->ids[SOUNDTRACK] = g_strdup (((SwArtist *) lib_a->pdata[2])->id);
  fixture->ids[CURE] = g_strdup (((SwArtist *) lib_b->pdata[0])->id);
  fixture->ids[BERLIN] = g_strdup (((SwArtist *) lib_b->pdata[1])->id);

  sql = g_strdup_printf ("INSERT INTO artist_images (id, artist_id, image_type, exists_flag, "
                         "width, height, low_res) VALUES "
                         "('img-1', '%1$s', 'thumb', 1, 1000, 1000, 0), "
                         "('img-2', '%1$s', 'fanart', 1, 1920, 1080, 0), "
                         "('img-3', '%2$s', 'thumb', 1, 300, 300, 1), "
                         "('img-4', '%3$s', 'fanart', 1, 1280, 720, 0)",
                         fixture->ids[ABBA], fixture->ids[BJORK], fixture->ids[BERLIN]);
  exec (fixture, sql);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE artists SET locked = 1, lock_source = 'user', locked_at = 'x' "
                         "WHERE id = '%s'", fixture->ids[BJORK]);
  exec (fixture, sql);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixture->ids); i++)
    g_clear_pointer (&fixture->ids[i], g_free);
  g_clear_object (&fixture->service);
  g_clear_object (&fixture->events);
  g_clear_object (&fixture->store);
  sw_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* Runs a list query given as "name=value&name=value" and returns the names in order. */
static char *
list_names (Fixture    *fixture,
            const char *params,
            guint      *total)
{
  g_autoptr(SwArtistQuery) query = sw_artist_query_new ();
  g_autoptr(SwArtistPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pairs = g_strsplit (params, "&", -1);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (pairs[i], "=", 2);

      if (pair[0] == NULL || pair[0][0] == '\0')
        continue;
      g_assert_true (sw_artist_query_set_param (query, pair[0], pair[1], &error));
      g_assert_no_error (error);
    }

  page = sw_artist_store_list (fixture->store, query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < page->artists->len; i++)
    g_ptr_array_add (names, ((SwArtist *) page->artists->pdata[i])->name);
  g_ptr_array_add (names, NULL);

  if (total != NULL)
    *total = page->total;
  return g_strjoinv (",", (char **) names->pdata);
}

static void
assert_list (Fixture    *fixture,
             const char *params,
             const char *expected)
{
  guint total = 0;
  g_autofree char *names = list_names (fixture, params, &total);

  g_test_message ("%s -> %s", params, names);
  g_assert_cmpstr (names, ==, expected);
}

static void
test_sorts (Fixture       *fixture,
            gconstpointer  data)
{
  assert_list (fixture, "", "ABBA,Berliner Philharmoniker,Björk,Cure, The,Soundtrack");
  assert_list (fixture, "sort=name&order=desc",
               "Soundtrack,Cure, The,Björk,Berliner Philharmoniker,ABBA");
  assert_list (fixture, "sort=type",
               "Soundtrack,ABBA,Cure, The,Berliner Philharmoniker,Björk");
}

static void
test_sort_name_and_dates (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  /* The sort name wins over the name when set. */
  g_assert_true (sw_artist_service_update_field (fixture->service, fixture->ids[CURE],
                                                 "sort_name", "Cure", "manual", NULL, &error));
  assert_list (fixture, "sort=sort_name",
               "ABBA,Berliner Philharmoniker,Björk,Cure, The,Soundtrack");
  g_assert_true (sw_artist_service_update_field (fixture->service, fixture->ids[ABBA],
                                                 "sort_name", "Zz", "manual", NULL, &error));
  assert_list (fixture, "sort=sort_name",
               "Berliner Philharmoniker,Björk,Cure, The,Soundtrack,ABBA");

  sql = g_strdup_printf ("UPDATE artists SET origin = CASE id WHEN '%s' THEN 'Sweden' "
                         "WHEN '%s' THEN 'Iceland' ELSE '' END, "
                         "health_score = CASE id WHEN '%s' THEN 90 WHEN '%s' THEN 40 ELSE 60 END, "
                         "created_at = CASE id WHEN '%s' THEN '2020-01-01T00:00:00Z' "
                         "ELSE '2025-01-01T00:00:00Z' END, "
                         "updated_at = CASE id WHEN '%s' THEN '2030-01-01T00:00:00Z' "
                         "ELSE '2025-01-01T00:00:00Z' END",
                         fixture->ids[ABBA], fixture->ids[BJORK], fixture->ids[ABBA],
                         fixture->ids[CURE], fixture->ids[BERLIN], fixture->ids[SOUNDTRACK]);
  exec (fixture, sql);

  {
    g_autofree char *names = list_names (fixture, "sort=origin&order=desc", NULL);

    g_assert_true (g_str_has_prefix (names, "ABBA,Björk,"));
  }
  {
    g_autofree char *names = list_names (fixture, "sort=health_score&order=desc", NULL);

    g_assert_true (g_str_has_prefix (names, "ABBA,"));
    g_assert_true (g_str_has_suffix (names, ",Cure, The"));
  }
  {
    g_autofree char *names = list_names (fixture, "sort=created_at", NULL);

    g_assert_true (g_str_has_prefix (names, "Berliner Philharmoniker,"));
  }
  {
    g_autofree char *names = list_names (fixture, "sort=updated_at&order=desc", NULL);

    g_assert_true (g_str_has_prefix (names, "Soundtrack,"));
  }
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  /* Each filter, both ways. */
  assert_list (fixture, "filter_missing_meta=+y", "Cure, The,Soundtrack");
  assert_list (fixture, "filter_missing_meta=-y", "ABBA,Berliner Philharmoniker,Björk");
  assert_list (fixture, "filter_missing_images=+y",
               "Berliner Philharmoniker,Björk,Cure, The,Soundtrack");
  assert_list (fixture, "filter_missing_images=-y", "ABBA");
  assert_list (fixture, "filter_missing_mbid=+y", "Berliner Philharmoniker,Cure, The,Soundtrack");
  assert_list (fixture, "filter_missing_mbid=-y", "ABBA,Björk");
  assert_list (fixture, "filter_excluded=+y", "Soundtrack");
  assert_list (fixture, "filter_excluded=-y", "ABBA,Berliner Philharmoniker,Björk,Cure, The");
  assert_list (fixture, "filter_locked=+y", "Björk");
  assert_list (fixture, "filter_locked=-y", "ABBA,Berliner Philharmoniker,Cure, The,Soundtrack");
  assert_list (fixture, "filter_type_person=+y", "Björk");
  assert_list (fixture, "filter_type_person=-y",
               "ABBA,Berliner Philharmoniker,Cure, The,Soundtrack");
  assert_list (fixture, "filter_type_group=+y", "ABBA,Cure, The");
  assert_list (fixture, "filter_type_group=-y", "Berliner Philharmoniker,Björk,Soundtrack");
  assert_list (fixture, "filter_type_orchestra=+y", "Berliner Philharmoniker");
  assert_list (fixture, "filter_type_orchestra=-y", "ABBA,Björk,Cure, The,Soundtrack");
  assert_list (fixture, "filter_type_other=+y", "Soundtrack");

  /* The legacy single filter means "+y". */
  assert_list (fixture, "filter=locked", "Björk");

  /* Filters combine with AND. */
  assert_list (fixture, "filter_missing_mbid=-y&filter_locked=-y", "ABBA");
  assert_list (fixture, "filter_type_group=+y&filter_missing_meta=+y", "Cure, The");
}

static void
test_library_filters (Fixture       *fixture,
                      gconstpointer  data)
{
  assert_list (fixture, "library_id=lib-a", "ABBA,Björk,Soundtrack");
  assert_list (fixture, "library_id=lib-b", "Berliner Philharmoniker,Cure, The");
  assert_list (fixture, "library_id=nope", "");
  assert_list (fixture, "filter_library_lib-a=+y", "ABBA,Björk,Soundtrack");
  assert_list (fixture, "filter_library_lib-a=-y", "Berliner Philharmoniker,Cure, The");
  assert_list (fixture, "filter_library_lib-a=-y&filter_library_lib-b=-y", "");
  assert_list (fixture, "filter_library_lib-b=+y&filter_type_group=+y", "Cure, The");
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  assert_list (fixture, "search=cure", "Cure, The");
  assert_list (fixture, "search=BJ", "Björk");
  assert_list (fixture, "search=r", "Berliner Philharmoniker,Björk,Cure, The,Soundtrack");
  assert_list (fixture, "search=zzz", "");
  /* Case folding covers more than ASCII. */
  assert_list (fixture, "search=jör", "Björk");
  assert_list (fixture, "search=BJÖRK", "Björk");
  assert_list (fixture, "search=PHIL", "Berliner Philharmoniker");
  /* Query syntax and LIKE wildcards in the text are just text. */
  assert_list (fixture, "search=a\"b", "");
  assert_list (fixture, "search=AND", "");
  assert_list (fixture, "search=ab*", "");
  assert_list (fixture, "search=cure OR abba", "");
  assert_list (fixture, "search=%25", "");
  assert_list (fixture, "search=_", "");
  /* A match never spans the name and the next artist's text. */
  assert_list (fixture, "search=a\n\nb", "");

  /* With other filters, other sorts and either order. */
  assert_list (fixture, "search=r&order=desc", "Soundtrack,Cure, The,Björk,Berliner Philharmoniker");
  assert_list (fixture, "search=r&filter_type_group=+y", "Cure, The");
  assert_list (fixture, "search=r&filter_type_group=-y&library_id=lib-b", "Berliner Philharmoniker");
  assert_list (fixture, "search=r&sort=type", "Soundtrack,Cure, The,Berliner Philharmoniker,Björk");
  assert_list (fixture, "search=r&sort=type&order=desc",
               "Björk,Berliner Philharmoniker,Cure, The,Soundtrack");

  /* The sort name is searched too. */
  g_assert_true (sw_artist_service_update_field (fixture->service, fixture->ids[ABBA],
                                                 "sort_name", "Agnetha", "manual", NULL, &error));
  assert_list (fixture, "search=agne", "ABBA");
}

/* Folder names copied from macOS come decomposed (NFD); typed searches are composed. */
static void
test_search_normalizes (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) artists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (artists, make_artist ("Sigur Ro\xcc\x81s", "group", "", "", NULL));
  g_assert_true (sw_artist_service_create (fixture->service, artists, NULL, &error));
  g_assert_no_error (error);

  assert_list (fixture, "search=rós", "Sigur Ro\xcc\x81s");
  assert_list (fixture, "search=RÓS", "Sigur Ro\xcc\x81s");
  {
    g_autofree char *folded = sw_artist_names_fold ("ÅSA\nﬁ");

    g_assert_cmpstr (folded, ==, "åsa fi");
  }
}

/* The in-memory search index follows every committed change, and only those. */
typedef struct
{
  Fixture *fixture;
  char *search_result;
} WriteThenFail;

static gboolean
search_then_fail (SwStore   *store,
                  gpointer   user_data,
                  GError   **error)
{
  WriteThenFail *state = user_data;
  g_autoptr(GError) local_error = NULL;

  if (!sw_store_exec (store, "UPDATE artists SET name = 'Rolled Back' WHERE name = 'ABBA'",
                      error))
    return FALSE;
  /* Inside the transaction the change is visible… */
  state->search_result = list_names (state->fixture, "search=rolled", NULL);
  g_set_error_literal (error, SW_STORE_ERROR, SW_STORE_ERROR_FAILED, "roll back");
  return FALSE;
}

static void
test_search_follows_changes (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  WriteThenFail state = { fixture, NULL };

  assert_list (fixture, "search=abba", "ABBA");

  g_assert_true (sw_artist_service_update_field (fixture->service, fixture->ids[ABBA], "name",
                                                 "Agnetha & Co", "manual", NULL, &error));
  g_assert_no_error (error);
  assert_list (fixture, "search=abba", "");
  assert_list (fixture, "search=agnetha", "Agnetha & Co");

  sql = g_strdup_printf ("DELETE FROM artists WHERE id = '%s'", fixture->ids[CURE]);
  exec (fixture, sql);
  assert_list (fixture, "search=cure", "");
  assert_list (fixture, "search=r", "Berliner Philharmoniker,Björk,Soundtrack");

  /* …but after the rollback the search does not remember it. */
  exec (fixture, "UPDATE artists SET name = 'ABBA' WHERE name = 'Agnetha & Co'");
  g_assert_false (sw_store_write (fixture->store, search_then_fail, &state, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_FAILED);
  g_assert_cmpstr (state.search_result, ==, "Rolled Back");
  g_free (state.search_result);
  assert_list (fixture, "search=rolled", "");
  assert_list (fixture, "search=abba", "ABBA");
}

static void
test_ids_and_paging (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *ids = g_strdup_printf ("ids=%s,not an id!,%s", fixture->ids[CURE],
                                          fixture->ids[ABBA]);
  g_autoptr(SwArtistQuery) query = sw_artist_query_new ();
  g_autoptr(GString) many = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint total = 0;

  assert_list (fixture, ids, "ABBA,Cure, The");
  assert_list (fixture, "ids=", "");

  /* 1000 ids at most; tokens of the wrong shape are dropped. */
  for (guint i = 0; i < 1200; i++)
    g_string_append_printf (many, "%sid-%u", i ? "," : "", i);
  g_string_append (many, ",bad/id,");
  g_assert_true (sw_artist_query_set_param (query, "ids", many->str, &error));
  g_assert_cmpuint (query->ids->len, ==, 1000);
  g_assert_false (sw_artist_id_is_valid ("bad/id"));
  g_assert_false (sw_artist_id_is_valid (""));
  g_assert_true (sw_artist_id_is_valid ("a_B-9"));

  /* page_size is clamped to 10–500; page < 1 means 1. */
  g_assert_true (sw_artist_query_set_param (query, "page_size", "3", &error));
  g_assert_cmpuint (query->page_size, ==, 10);
  g_assert_true (sw_artist_query_set_param (query, "page_size", "9000", &error));
  g_assert_cmpuint (query->page_size, ==, 500);
  g_assert_true (sw_artist_query_set_param (query, "page_size", "abc", &error));
  g_assert_cmpuint (query->page_size, ==, 50);
  g_assert_true (sw_artist_query_set_param (query, "page", "0", &error));
  g_assert_cmpuint (query->page, ==, 1);

  /* A second page past the end is empty, with the total still right. */
  {
    g_autofree char *names = list_names (fixture, "page=2&page_size=10", &total);

    g_assert_cmpstr (names, ==, "");
    g_assert_cmpuint (total, ==, 5);
  }
}

static void
test_paging_many (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) artists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 95; i++)
    {
      g_autofree char *name = g_strdup_printf ("Zebra %02u", i);

      g_ptr_array_add (artists, make_artist (name, "", "", "", NULL));
    }
  g_assert_true (sw_artist_service_create (fixture->service, artists, NULL, &error));

  /* Ten pages of ten: every artist exactly once, in order. */
  for (guint page = 1; page <= 10; page++)
    {
      g_autofree char *params = g_strdup_printf ("page=%u&page_size=10", page);
      guint total = 0;
      g_autofree char *names = list_names (fixture, params, &total);
      g_auto(GStrv) split = g_strsplit (names, ",", -1);

      g_assert_cmpuint (total, ==, 100);
      for (guint i = 0; split[i] != NULL && split[i][0] != '\0'; i++)
        if (!g_str_equal (split[i], " The"))
          g_assert_true (g_hash_table_add (seen, g_strdup (split[i])));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 100);

  /* Paging through search hits, both orders: every hit once, in order. */
  for (guint descending = 0; descending <= 1; descending++)
    {
      g_autoptr(GString) all = g_string_new (NULL);

      for (guint page = 1; page <= 10; page++)
        {
          g_autofree char *params = g_strdup_printf ("search=ZEBRA&page=%u&page_size=10%s",
                                                     page, descending ? "&order=desc" : "");
          guint total = 0;
          g_autofree char *names = list_names (fixture, params, &total);

          g_assert_cmpuint (total, ==, 95);
          if (names[0] != '\0')
            g_string_append_printf (all, "%s%s", all->len > 0 ? "," : "", names);
        }
      g_assert_true (g_str_has_prefix (all->str, descending ? "Zebra 94,Zebra 93," : "Zebra 00,Zebra 01,"));
      g_assert_true (g_str_has_suffix (all->str, descending ? ",Zebra 01,Zebra 00" : ",Zebra 93,Zebra 94"));
      g_assert_cmpuint (strlen (all->str), ==, 95 * strlen ("Zebra 00") + 94);
    }
}

static void
test_bad_parameters (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *bad[][2] = {
    { "sort", "popularity" }, { "order", "sideways" }, { "filter_locked", "yes" },
    { "filter_library_x", "1" }, { "filter", "nonsense" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(SwArtistQuery) query = sw_artist_query_new ();
      g_autoptr(GError) error = NULL;

      g_assert_false (sw_artist_query_set_param (query, bad[i][0], bad[i][1], &error));
      g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
    }
}

static void
test_get (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwArtist) abba = sw_artist_store_get (fixture->store, fixture->ids[ABBA], &error);
  g_autoptr(SwArtist) berlin = sw_artist_store_get (fixture->store, fixture->ids[BERLIN], &error);
  g_autoptr(SwArtist) missing = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (abba->name, ==, "ABBA");
  g_assert_cmpstr (abba->library_id, ==, "lib-a");
  g_assert_cmpstr (abba->genres[0], ==, "Pop");
  g_assert_true (abba->thumb_exists);
  g_assert_true (abba->fanart_exists);
  g_assert_cmpint (abba->fanart_count, ==, 1);
  g_assert_cmpint (abba->thumb_width, ==, 1000);
  g_assert_cmpint (abba->fanart_height, ==, 1080);
  g_assert_false (abba->logo_exists);
  g_assert_nonnull (abba->created_at);
  g_assert_true (berlin->fanart_exists);
  g_assert_false (berlin->thumb_exists);

  missing = sw_artist_store_get (fixture->store, "no-such-id", &error);
  g_assert_null (missing);
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND);
}

/* Validation: every rule with one accepted and one rejected value. */
static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  const struct {
    const char *field;
    const char *good;
    const char *stored;
    const char *bad;
  } cases[] = {
    { "name", "  ABBA (Sweden) ", "ABBA (Sweden)", "   " },
    { "musicbrainz_id", "D87E52C5-BB8D-4DA8-B941-9F4928627DC8",
      "d87e52c5-bb8d-4da8-b941-9f4928627dc8", "not-a-uuid" },
    { "audiodb_id", "111239", "111239", "abc" },
    { "discogs_id", "69866", "69866", "69866x" },
    { "deezer_id", "1462", "1462", "-1" },
    { "wikidata_id", "q11649", "Q11649", "11649" },
    { "type", "Choir", "choir", "band" },
    { "gender", "Female", "female", "robot" },
    { "genres", "[\" Pop \", \"pop\", \"\", \"Disco\"]", "[\"Pop\",\"Disco\"]", "Pop, Disco" },
    { "styles", "[\"Europop\"]", "[\"Europop\"]", "[1, 2]" },
    { "moods", "[]", "[]", "{\"a\": 1}" },
    { "biography", "A band.", "A band.", NULL },
    { "origin", "Stockholm", "Stockholm", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *stored = sw_artist_validate_field (cases[i].field, cases[i].good, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (stored, ==, cases[i].stored);

      if (cases[i].bad != NULL)
        {
          g_autofree char *rejected = sw_artist_validate_field (cases[i].field, cases[i].bad,
                                                                &error);

          g_assert_null (rejected);
          g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, cases[i].field));
        }
    }

  /* Length limits, unknown fields, and clearing. */
  {
    g_autofree char *long_text = g_strnfill (1025, 'x');
    g_autofree char *huge_bio = g_strnfill (64 * 1024 + 1, 'x');
    g_autoptr(GError) error = NULL;

    g_assert_null (sw_artist_validate_field ("origin", long_text, &error));
    g_clear_error (&error);
    g_assert_null (sw_artist_validate_field ("biography", huge_bio, &error));
    g_clear_error (&error);
    g_assert_null (sw_artist_validate_field ("path", "/etc", &error));
    g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_null (sw_artist_validate_field ("name", "\xff\xfe", &error));
    g_clear_error (&error);
    {
      g_autofree char *cleared = sw_artist_validate_field ("musicbrainz_id", "", &error);

      g_assert_cmpstr (cleared, ==, "");
    }
  }
  g_assert_cmpuint (g_strv_length ((char **) sw_artist_editable_fields ()), ==, 20);
}

static void
test_rejected_update_changes_nothing (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwArtist) after = NULL;
  guint total = 0;
  g_autoptr(GPtrArray) history = NULL;

  g_assert_false (sw_artist_service_update_field (fixture->service, fixture->ids[ABBA],
                                                  "musicbrainz_id", "nope", "manual", NULL,
                                                  &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sw_artist_service_clear_field (fixture->service, fixture->ids[ABBA], "name",
                                                 "manual", &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sw_artist_service_update_field (fixture->service, "no-such-artist", "origin",
                                                  "x", "manual", NULL, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sw_artist_service_update_field (fixture->service, fixture->ids[ABBA], "origin",
                                                  "x", "gremlins", NULL, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  after = sw_artist_store_get (fixture->store, fixture->ids[ABBA], &error);
  g_assert_cmpstr (after->musicbrainz_id, ==, "d87e52c5-bb8d-4da8-b941-9f4928627dc8");
  g_assert_cmpstr (after->origin, ==, "");
  history = sw_artist_service_list_history (fixture->service, fixture->ids[ABBA], 50, 0, &total,
                                            &error);
  g_assert_cmpuint (total, ==, 0);
}

static void
test_name_collision (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* "The Cure" has the same identity as "Cure, The". */
  g_assert_false (sw_artist_service_update_field (fixture->service, fixture->ids[ABBA], "name",
                                                  "The Cure", "manual", NULL, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Renaming an artist to a variant of its own name is fine. */
  g_assert_true (sw_artist_service_update_field (fixture->service, fixture->ids[CURE], "name",
                                                 "The Cure", "manual", NULL, &error));
  g_assert_no_error (error);
}

static void
test_identity_keys (void)
{
  const char *same[][2] = {
    { "The Cure", "Cure, The" }, { "The Cure", "cure" }, { "AC_DC", "AC DC" },
    { "AC-DC", "ac dc" }, { "Guns N’ Roses", "Guns N' Roses" }, { "Sigur  Rós", "sigur rós" },
    { "STRASSE", "Straße" }, { "A Perfect Circle", "Perfect Circle" },
  };
  g_autofree char *only_article = sw_artist_identity_key ("The");
  g_autofree char *acdc = sw_artist_identity_key ("ACDC");
  g_autofree char *ac_dc = sw_artist_identity_key ("AC/DC");

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *a = sw_artist_identity_key (same[i][0]);
      g_autofree char *b = sw_artist_identity_key (same[i][1]);

      g_assert_cmpstr (a, ==, b);
    }

  g_assert_cmpstr (only_article, ==, "the");
  g_assert_cmpstr (acdc, !=, ac_dc);
}

static void
test_history_and_revert (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(SwArtist) artist = NULL;
  SwMetadataChange *latest;
  g_autofree char *first_change = NULL;
  g_autofree char *genres_change = NULL;
  gboolean noop = TRUE;
  guint total = 0;

  g_assert_true (sw_artist_service_update_field (fixture->service, fixture->ids[ABBA],
                                                 "biography", "Version two.", "manual",
                                                 "operator", &error));
  g_assert_true (sw_artist_service_update_field (fixture->service, fixture->ids[ABBA],
                                                 "genres", "[\"Pop\", \"Disco\"]",
                                                 "provider:musicbrainz", "", &error));
  /* The same value again records nothing. */
  g_assert_true (sw_artist_service_update_field (fixture->service, fixture->ids[ABBA],
                                                 "biography", "Version two.", "manual", NULL,
                                                 &error));

  history = sw_artist_service_list_history (fixture->service, fixture->ids[ABBA], 50, 0, &total,
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 2);
  latest = history->pdata[0];
  g_assert_cmpstr (latest->field, ==, "genres");
  g_assert_cmpstr (latest->old_value, ==, "[\"Pop\"]");
  g_assert_cmpstr (latest->new_value, ==, "[\"Pop\",\"Disco\"]");
  g_assert_cmpstr (latest->source, ==, "provider:musicbrainz");
  g_assert_cmpstr (latest->artist_name, ==, "ABBA");
  first_change = g_strdup (((SwMetadataChange *) history->pdata[1])->id);
  genres_change = g_strdup (latest->id);
  g_assert_cmpstr (((SwMetadataChange *) history->pdata[1])->old_value, ==, "Swedish pop group.");
  g_assert_cmpstr (((SwMetadataChange *) history->pdata[1])->producer, ==, "operator");

  /* Reverting puts the old value back and records a "revert" change. */
  g_assert_true (sw_artist_service_revert (fixture->service, first_change, &noop, &error));
  g_assert_no_error (error);
  g_assert_false (noop);
  artist = sw_artist_store_get (fixture->store, fixture->ids[ABBA], &error);
  g_assert_cmpstr (artist->biography, ==, "Swedish pop group.");
  g_clear_pointer (&history, g_ptr_array_unref);
  history = sw_artist_service_list_history (fixture->service, fixture->ids[ABBA], 1, 0, &total,
                                            &error);
  g_assert_cmpuint (total, ==, 3);
  g_assert_cmpstr (((SwMetadataChange *) history->pdata[0])->source, ==, "revert");

  /* Again: nothing left to do. */
  g_assert_true (sw_artist_service_revert (fixture->service, first_change, &noop, &error));
  g_assert_true (noop);

  /* A revert cannot be reverted; unknown changes are not found. */
  g_assert_false (sw_artist_service_revert (fixture->service,
                                            ((SwMetadataChange *) history->pdata[0])->id,
                                            &noop, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sw_artist_service_revert (fixture->service, "nope", &noop, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Reverting a list change restores the list. */
  g_assert_true (sw_artist_service_revert (fixture->service, genres_change, &noop, &error));
  g_clear_object (&artist);
  artist = sw_artist_store_get (fixture->store, fixture->ids[ABBA], &error);
  g_assert_cmpuint (g_strv_length (artist->genres), ==, 1);
}

static void
test_locks_and_automation (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwArtist) artist = NULL;

  /* Björk is locked: automation is refused, the operator is not. */
  g_assert_false (sw_artist_service_update_field (fixture->service, fixture->ids[BJORK],
                                                  "origin", "Reykjavík", "provider:wikidata",
                                                  NULL, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (sw_artist_service_update_field (fixture->service, fixture->ids[BJORK],
                                                  "origin", "Reykjavík", "scan", NULL, &error));
  g_clear_error (&error);
  g_assert_true (sw_artist_service_update_field (fixture->service, fixture->ids[BJORK], "origin",
                                                 "Reykjavík", "manual", NULL, &error));
  g_assert_no_error (error);

  /* Whole-artist lock transitions are conditional. */
  g_assert_false (sw_artist_service_set_locked (fixture->service, fixture->ids[BJORK], TRUE,
                                                "user", &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (sw_artist_service_set_locked (fixture->service, fixture->ids[BJORK], FALSE,
                                               NULL, &error));
  g_assert_false (sw_artist_service_set_locked (fixture->service, fixture->ids[BJORK], FALSE,
                                                NULL, &error));
  g_clear_error (&error);
  g_assert_false (sw_artist_service_set_locked (fixture->service, fixture->ids[BJORK], TRUE,
                                                "burglar", &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Field locks stop automation on that field only. */
  g_assert_true (sw_artist_service_set_field_locked (fixture->service, fixture->ids[BJORK],
                                                     " Biography ", TRUE, &error));
  g_assert_false (sw_artist_service_update_field (fixture->service, fixture->ids[BJORK],
                                                  "biography", "From a provider.",
                                                  "provider:lastfm", NULL, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (sw_artist_service_update_field (fixture->service, fixture->ids[BJORK],
                                                 "disambiguation", "singer",
                                                 "provider:musicbrainz", NULL, &error));
  g_assert_true (sw_artist_service_update_field (fixture->service, fixture->ids[BJORK],
                                                 "biography", "Mine.", "manual", NULL, &error));
  artist = sw_artist_store_get (fixture->store, fixture->ids[BJORK], &error);
  g_assert_true (sw_artist_is_field_locked (artist, "biography"));
  g_assert_cmpstr (artist->biography, ==, "Mine.");
  g_assert_false (artist->locked);

  g_assert_false (sw_artist_service_set_field_locked (fixture->service, fixture->ids[BJORK],
                                                      "path", TRUE, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sw_artist_service_set_field_locked (fixture->service, fixture->ids[BJORK],
                                                     "biography", FALSE, &error));
  g_assert_true (sw_artist_service_update_field (fixture->service, fixture->ids[BJORK],
                                                 "biography", "From a provider.",
                                                 "provider:lastfm", NULL, &error));
  g_assert_no_error (error);

  /* Image locks, by image id, for this artist only. */
  g_assert_true (sw_artist_service_set_image_locked (fixture->service, fixture->ids[ABBA],
                                                     "img-1", TRUE, &error));
  g_assert_false (sw_artist_service_set_image_locked (fixture->service, fixture->ids[BJORK],
                                                      "img-1", TRUE, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND);
}

static void
test_type_change_clears_gender (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwArtist) artist = NULL;

  g_assert_true (sw_artist_service_update_field (fixture->service, fixture->ids[BJORK], "gender",
                                                 "female", "manual", NULL, &error));
  g_assert_true (sw_artist_service_update_field (fixture->service, fixture->ids[BJORK], "type",
                                                 "group", "manual", NULL, &error));
  artist = sw_artist_store_get (fixture->store, fixture->ids[BJORK], &error);
  g_assert_cmpstr (artist->gender, ==, "");
}

typedef struct
{
  GPtrArray *names;
  GPtrArray *fields;
} Received;

static void
event_cb (SwEvent  *event,
          gpointer  user_data)
{
  Received *received = user_data;
  JsonObject *payload = json_node_get_object (sw_event_get_payload (event));

  g_ptr_array_add (received->names, g_strdup (sw_event_get_name (event)));
  g_ptr_array_add (received->fields, g_strdup (json_object_get_string_member_with_default (
                                                 payload, "field", "")));
}

static void
test_events_published (Fixture       *fixture,
                       gconstpointer  data)
{
  Received received = { g_ptr_array_new_with_free_func (g_free),
                        g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GError) error = NULL;
  guint id;

  id = sw_events_subscribe (fixture->events, NULL, NULL, event_cb, &received, NULL);
  g_assert_true (sw_artist_service_update_field (fixture->service, fixture->ids[ABBA], "origin",
                                                 "Stockholm", "manual", NULL, &error));
  /* No change, no event. */
  g_assert_true (sw_artist_service_update_field (fixture->service, fixture->ids[ABBA], "origin",
                                                 "Stockholm", "manual", NULL, &error));
  g_assert_true (sw_artist_service_set_locked (fixture->service, fixture->ids[ABBA], TRUE, "user",
                                               &error));

  while (received.names->len < 2)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpuint (received.names->len, ==, 2);
  g_assert_cmpstr (received.names->pdata[0], ==, "artist.updated");
  g_assert_cmpstr (received.fields->pdata[0], ==, "origin");
  g_assert_cmpstr (received.fields->pdata[1], ==, "locked");

  sw_events_unsubscribe (fixture->events, id);
  g_ptr_array_unref (received.names);
  g_ptr_array_unref (received.fields);
}

static void
test_aliases_and_members (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwAlias) alias = NULL;
  g_autoptr(GPtrArray) aliases = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) stored = NULL;
  SwMember *member;

  alias = sw_artist_service_add_alias (fixture->service, fixture->ids[ABBA], " A*B*B*A ",
                                       "manual", &error);
  g_assert_no_error (error);
  g_assert_nonnull (alias);
  g_assert_null (sw_artist_service_add_alias (fixture->service, fixture->ids[ABBA], "A*B*B*A",
                                              "manual", &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_null (sw_artist_service_add_alias (fixture->service, fixture->ids[ABBA], "  ",
                                              "manual", &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Automation cannot add aliases to a locked artist. */
  g_assert_null (sw_artist_service_add_alias (fixture->service, fixture->ids[BJORK], "Bjork",
                                              "provider:musicbrainz", &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  aliases = sw_artist_service_list_aliases (fixture->service, fixture->ids[ABBA], &error);
  g_assert_cmpuint (aliases->len, ==, 1);
  g_assert_true (sw_artist_service_remove_alias (fixture->service, fixture->ids[ABBA],
                                                 alias->id, &error));
  g_assert_false (sw_artist_service_remove_alias (fixture->service, fixture->ids[ABBA],
                                                  alias->id, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  member = sw_member_new ();
  member->member_name = g_strdup ("Agnetha Fältskog");
  member->instruments = g_strsplit ("vocals", ",", -1);
  g_ptr_array_add (members, member);
  member = sw_member_new ();
  member->member_name = g_strdup ("Benny Andersson");
  member->member_mbid = g_strdup ("not a uuid");
  g_ptr_array_add (members, member);

  g_assert_false (sw_artist_service_save_members (fixture->service, fixture->ids[ABBA], members,
                                                  "manual", &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&member->member_mbid, g_free);
  g_assert_true (sw_artist_service_save_members (fixture->service, fixture->ids[ABBA], members,
                                                 "manual", &error));
  stored = sw_artist_service_list_members (fixture->service, fixture->ids[ABBA], &error);
  g_assert_cmpuint (stored->len, ==, 2);
  g_assert_cmpstr (((SwMember *) stored->pdata[0])->member_name, ==, "Agnetha Fältskog");
  g_assert_cmpstr (((SwMember *) stored->pdata[0])->instruments[0], ==, "vocals");
  g_assert_cmpint (((SwMember *) stored->pdata[1])->sort_order, ==, 1);

  g_assert_true (sw_artist_service_clear_members (fixture->service, fixture->ids[ABBA], "manual",
                                                  &error));
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = sw_artist_service_list_members (fixture->service, fixture->ids[ABBA], &error);
  g_assert_cmpuint (stored->len, ==, 0);
}

static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) artists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  SwDuplicateGroup *group;
  g_autofree char *sql = NULL;

  g_ptr_array_add (artists, make_artist ("The Cure", "", "", "", NULL));
  g_ptr_array_add (artists, make_artist ("ABBA (band)", "", "d87e52c5-bb8d-4da8-b941-9f4928627dc8",
                                         "", NULL));
  /* Same name key as ABBA but a different MBID: never joined to it. */
  g_ptr_array_add (artists, make_artist ("Abba", "", "11111111-2222-3333-4444-555555555555",
                                         "", NULL));
  g_assert_true (sw_artist_service_create (fixture->service, artists, NULL, &error));

  groups = sw_artist_store_find_duplicates (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 2);

  group = groups->pdata[0];
  g_assert_cmpstr (group->reason, ==, "mbid");
  g_assert_cmpuint (group->ids->len, ==, 2);
  g_assert_cmpstr (group->names->pdata[0], ==, "ABBA");
  g_assert_cmpstr (group->names->pdata[1], ==, "ABBA (band)");

  group = groups->pdata[1];
  g_assert_cmpstr (group->reason, ==, "name_key");
  g_assert_cmpstr (group->key, ==, "cure");
  g_assert_cmpuint (group->ids->len, ==, 2);

  /* An ignored group stays hidden. */
  sql = g_strdup_printf ("INSERT INTO ignored_duplicate_groups (id, signature, created_at) "
                         "VALUES ('i', '%s', 'x')", group->signature);
  exec (fixture, sql);
  g_clear_pointer (&groups, g_ptr_array_unref);
  groups = sw_artist_store_find_duplicates (fixture->store, &error);
  g_assert_cmpuint (groups->len, ==, 1);
}

/* One writer adding 10,000 artists through the service while two readers page through
 * the list: no busy errors, and every page agrees with its own count. */

#define CONCURRENT_ARTISTS 10000
#define CONCURRENT_BATCH 250

typedef struct
{
  SwArtistService *service;
  SwStore *store;
  gint done;
  gint pages;
} Concurrency;

static gpointer
writer_thread (gpointer data)
{
  Concurrency *shared = data;

  for (int first = 0; first < CONCURRENT_ARTISTS; first += CONCURRENT_BATCH)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;

      for (int i = first; i < first + CONCURRENT_BATCH; i++)
        {
          g_autofree char *name = g_strdup_printf ("Writer %05d", i);

          g_ptr_array_add (batch, make_artist (name, "", "", "", NULL));
        }
      g_assert_true (sw_artist_service_create (shared->service, batch, "lib-b", &error));
      g_assert_no_error (error);
    }

  g_atomic_int_set (&shared->done, 1);
  return NULL;
}

static gpointer
reader_thread (gpointer data)
{
  Concurrency *shared = data;

  while (!g_atomic_int_get (&shared->done))
    {
      g_autoptr(SwArtistQuery) query = sw_artist_query_new ();
      g_autoptr(SwArtistPage) page = NULL;
      g_autoptr(GError) error = NULL;
      guint written;

      g_assert_true (sw_artist_query_set_param (query, "search", "Writer", &error));
      g_assert_true (sw_artist_query_set_param (query, "order", "desc", &error));
      page = sw_artist_store_list (shared->store, query, &error);
      g_assert_no_error (error);

      /* Whole batches only, and the newest artist counted is the first on the page. */
      written = page->total;
      g_assert_cmpuint (written % CONCURRENT_BATCH, ==, 0);
      g_assert_cmpuint (page->artists->len, ==, MIN (written, 50));
      if (written > 0)
        {
          g_autofree char *newest = g_strdup_printf ("Writer %05u", written - 1);

          g_assert_cmpstr (((SwArtist *) page->artists->pdata[0])->name, ==, newest);
        }
      g_atomic_int_inc (&shared->pages);
      /* Leave the writer some CPU on small (and sanitizer-slowed) machines. */
      g_usleep (1000);
    }

  return NULL;
}

static void
test_concurrent_writer_and_readers (Fixture       *fixture,
                                    gconstpointer  data)
{
  Concurrency shared = { fixture->service, fixture->store, 0, 0 };
  GThread *threads[3];
  guint total = 0;
  g_autofree char *names = NULL;

  threads[0] = g_thread_new ("reader-1", reader_thread, &shared);
  threads[1] = g_thread_new ("reader-2", reader_thread, &shared);
  threads[2] = g_thread_new ("writer", writer_thread, &shared);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  names = list_names (fixture, "search=Writer", &total);
  g_assert_cmpuint (total, ==, CONCURRENT_ARTISTS);
  g_assert_cmpint (shared.pages, >, 0);
  g_test_message ("%d consistent pages read while writing", shared.pages);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/artists/list/sorts", test_sorts);
  ADD ("/artists/list/sort-name-and-dates", test_sort_name_and_dates);
  ADD ("/artists/list/filters", test_filters);
  ADD ("/artists/list/library-filters", test_library_filters);
  ADD ("/artists/list/search", test_search);
  ADD ("/artists/list/search-normalizes", test_search_normalizes);
  ADD ("/artists/list/search-follows-changes", test_search_follows_changes);
  ADD ("/artists/list/ids-and-paging", test_ids_and_paging);
  ADD ("/artists/list/paging-many", test_paging_many);
  ADD ("/artists/list/bad-parameters", test_bad_parameters);
  ADD ("/artists/get", test_get);
  ADD ("/artists/update/validation", test_validation);
  ADD ("/artists/update/rejected-changes-nothing", test_rejected_update_changes_nothing);
  ADD ("/artists/update/name-collision", test_name_collision);
  ADD ("/artists/update/type-clears-gender", test_type_change_clears_gender);
  ADD ("/artists/history/revert", test_history_and_revert);
  ADD ("/artists/locks/automation", test_locks_and_automation);
  ADD ("/artists/events", test_events_published);
  ADD ("/artists/aliases-and-members", test_aliases_and_members);
  ADD ("/artists/duplicates", test_duplicates);
  ADD ("/artists/concurrency", test_concurrent_writer_and_readers);
#undef ADD
  g_test_add_func ("/artists/identity-keys", test_identity_keys);

  return g_test_run ();
}

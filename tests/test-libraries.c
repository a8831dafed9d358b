/* test-libraries.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "sw-artist-private.h"
#include "sw-artist-service.h"
#include "sw-library-private.h"
#include "sw-library-service.h"
#include "sw-platform-profile-private.h"
#include "sw-platform-service.h"
#include "sw-test-util.h"

/* The library and platform-profile services against a real SQLite file, with real
 * folders in a temporary directory for the path checks. */

typedef struct
{
  char *dir;                    /* temporary; holds the database and music folders */
  char *music;                  /* dir/music, an existing folder */
  SwStore *store;
} Fixture;

static void
exec (Fixture    *fixture,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sw_store_exec (fixture->store, sql, &error));
  g_assert_no_error (error);
}

typedef struct
{
  const char *sql;
  gint64 value;
} Count;

static gboolean
count_cb (SwStore   *store,
          gpointer   user_data,
          GError   **error)
{
  Count *count = user_data;
  g_autoptr(SwStmt) stmt = sw_store_prepare (store, count->sql, error);

  if (stmt == NULL || !sw_store_step (store, stmt, error))
    return FALSE;
  count->value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* The single integer a query returns. */
static gint64 G_GNUC_PRINTF (2, 3)
query_int (Fixture    *fixture,
           const char *format,
           ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  Count count = { NULL, -1 };
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  count.sql = sql;
  g_assert_true (sw_store_read (fixture->store, count_cb, &count, &error));
  g_assert_no_error (error);
  return count.value;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = sw_test_make_temp_dir ();
  fixture->music = g_build_filename (fixture->dir, "music", NULL);
  g_assert_cmpint (g_mkdir (fixture->music, 0755), ==, 0);
  path = g_build_filename (fixture->dir, "stillwater.db", NULL);
  fixture->store = sw_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  sw_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->music, g_free);
}

static SwLibrary *
draft_library (const char *name,
               const char *path)
{
  SwLibrary *draft = sw_library_new ();

  draft->name = g_strdup (name);
  draft->path = g_strdup (path);
  return draft;
}

static SwLibrary *
create_library (Fixture    *fixture,
                const char *name,
                const char *path)
{
  g_autoptr(SwLibrary) draft = draft_library (name, path);
  g_autoptr(GError) error = NULL;
  SwLibrary *library = sw_library_service_create (fixture->store, draft, &error);

  g_assert_no_error (error);
  g_assert_nonnull (library);
  return library;
}

/* Creating @draft fails with @code, and no library is written. */
static void
assert_create_fails (Fixture   *fixture,
                     SwLibrary *draft,
                     int        code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwLibrary) library = NULL;
  gint64 before = query_int (fixture, "SELECT count(*) FROM libraries");

  library = sw_library_service_create (fixture->store, draft, &error);
  g_assert_error (error, SW_STORE_ERROR, code);
  g_assert_null (library);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM libraries"), ==, before);
}

/* Libraries: creating ----------------------------------------------------------------- */

static void
test_create_and_list (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *messy = g_strdup_printf ("%s//./", fixture->music);
  g_autoptr(SwLibrary) library = create_library (fixture, "  Music  ", messy);
  g_autoptr(SwLibrary) pathless = create_library (fixture, "Emby music", "");
  g_autoptr(SwLibrary) fetched = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  guint artist_count = 99;

  /* Stored cleaned and trimmed, with the defaults filled in. */
  g_assert_cmpstr (library->name, ==, "Music");
  g_assert_cmpstr (library->path, ==, fixture->music);
  g_assert_cmpstr (library->type, ==, "regular");
  g_assert_cmpstr (library->source, ==, "manual");
  g_assert_cmpint (library->fs_watch, ==, 0);
  g_assert_cmpint (library->fs_poll_interval, ==, 60);
  g_assert_false (library->nfo_lock_data);
  g_assert_cmpuint (strlen (library->id), ==, 36);
  g_assert_nonnull (library->created_at);
  g_assert_cmpstr (library->created_at, ==, library->updated_at);

  /* A pathless library (a media server's) is allowed. */
  g_assert_cmpstr (pathless->path, ==, "");

  fetched = sw_library_service_get (fixture->store, library->id, &artist_count, &error);
  g_assert_no_error (error);
  g_assert_true (sw_library_equal (fetched, library));
  g_assert_cmpuint (artist_count, ==, 0);

  list = sw_library_service_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  /* By name, case-insensitively. */
  g_assert_cmpstr (((SwLibrary *) list->pdata[0])->name, ==, "Emby music");
  g_assert_cmpstr (((SwLibrary *) list->pdata[1])->name, ==, "Music");

  g_clear_object (&fetched);
  fetched = sw_library_service_get (fixture->store, "nope", NULL, &error);
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND);
  g_assert_null (fetched);
}

static void
test_create_accepts_settings (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(SwLibrary) draft = draft_library ("Watched", fixture->music);
  g_autoptr(SwLibrary) library = NULL;
  g_autoptr(GError) error = NULL;

  draft->type = g_strdup ("regular");
  draft->fs_watch = 3;
  draft->fs_poll_interval = 1800;
  draft->nfo_lock_data = TRUE;
  library = sw_library_service_create (fixture->store, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (library->fs_watch, ==, 3);
  g_assert_cmpint (library->fs_poll_interval, ==, 1800);
  g_assert_true (library->nfo_lock_data);
  g_assert_cmpint (query_int (fixture, "SELECT fs_poll_interval FROM libraries"), ==, 1800);
}

static void
test_create_validation (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *file = g_build_filename (fixture->dir, "not-a-folder", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing", NULL);
  g_autofree char *dotdot = g_strdup_printf ("%s/../music", fixture->music);
  g_autofree char *long_name = g_strnfill (201, 'x');
  struct
  {
    const char *name;
    const char *path;
    const char *type;
    const char *source;
    int fs_watch;
    int fs_poll_interval;
    const char *connection_id;
  } cases[] = {
    { "", NULL, NULL, NULL, 0, 0, NULL },                   /* no name */
    { " \t ", NULL, NULL, NULL, 0, 0, NULL },               /* blank name */
    { long_name, NULL, NULL, NULL, 0, 0, NULL },
    { "Bad\x01name", NULL, NULL, NULL, 0, 0, NULL },
    { "Relative", "music", NULL, NULL, 0, 0, NULL },
    { "Dotdot", dotdot, NULL, NULL, 0, 0, NULL },
    { "Missing", missing, NULL, NULL, 0, 0, NULL },
    { "File", file, NULL, NULL, 0, 0, NULL },
    { "Classical", NULL, "classical", NULL, 0, 0, NULL },
    { "Typed", NULL, "jazz", NULL, 0, 0, NULL },
    { "Sourced", NULL, NULL, "plex", 0, 0, NULL },
    { "Watch high", NULL, NULL, NULL, 4, 0, NULL },
    { "Watch low", NULL, NULL, NULL, -1, 0, NULL },
    { "Poll", NULL, NULL, NULL, 0, 61, NULL },
    { "No connection", NULL, NULL, "emby", 0, 0, "conn-x" },
    { "Manual connection", NULL, NULL, "manual", 0, 0, "conn-1" },
  };

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  exec (fixture, "INSERT INTO connections (id, name, type, url, created_at, updated_at) "
                 "VALUES ('conn-1', 'Emby', 'emby', 'http://emby', 'x', 'x')");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SwLibrary) draft = draft_library (cases[i].name, cases[i].path);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].name);
      draft->type = g_strdup (cases[i].type);
      draft->source = g_strdup (cases[i].source);
      draft->fs_watch = cases[i].fs_watch;
      draft->fs_poll_interval = cases[i].fs_poll_interval;
      draft->connection_id = g_strdup (cases[i].connection_id);
      assert_create_fails (fixture, draft, SW_STORE_ERROR_INVALID);
    }

  /* The accepted counterparts. */
  {
    g_autoptr(SwLibrary) draft = draft_library ("Emby", "");
    g_autoptr(SwLibrary) library = NULL;
    g_autoptr(SwLibrary) again = NULL;
    g_autoptr(GError) error = NULL;

    draft->source = g_strdup ("emby");
    draft->connection_id = g_strdup ("conn-1");
    draft->external_id = g_strdup ("lib-on-emby");
    library = sw_library_service_create (fixture->store, draft, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (library->connection_id, ==, "conn-1");
    g_assert_cmpstr (library->external_id, ==, "lib-on-emby");

    /* The same server library twice is a conflict. */
    g_free (draft->name);
    draft->name = g_strdup ("Emby again");
    assert_create_fails (fixture, draft, SW_STORE_ERROR_CONFLICT);
  }
}

static void
test_unreadable_folder (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *locked = g_build_filename (fixture->dir, "locked", NULL);
  g_autoptr(SwLibrary) draft = draft_library ("Locked", locked);

  if (geteuid () == 0)
    {
      g_test_skip ("root can read any folder");
      return;
    }

  g_assert_cmpint (g_mkdir (locked, 0), ==, 0);
  assert_create_fails (fixture, draft, SW_STORE_ERROR_INVALID);
  g_assert_cmpint (g_chmod (locked, 0755), ==, 0);
}

static void
test_unique_names (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SwLibrary) music = create_library (fixture, "Müsic", "");
  g_autoptr(SwLibrary) other = create_library (fixture, "Other", "");
  g_autoptr(SwLibrary) same = draft_library ("MÜSIC", "");
  g_autoptr(SwLibrary) renamed = NULL;
  g_autoptr(GError) error = NULL;

  /* Names are unique in any case. */
  assert_create_fails (fixture, same, SW_STORE_ERROR_CONFLICT);

  /* Renaming onto another library's name is refused, and changes nothing. */
  g_free (other->name);
  other->name = g_strdup ("müsic");
  renamed = sw_library_service_update (fixture->store, other, &error);
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT);
  g_assert_null (renamed);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM libraries WHERE name = 'Other'"),
                   ==, 1);
  g_clear_error (&error);

  /* A library may change the case of its own name. */
  g_free (music->name);
  music->name = g_strdup ("MÜSIC");
  renamed = sw_library_service_update (fixture->store, music, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (renamed->name, ==, "MÜSIC");
}

/* Libraries: updating ------------------------------------------------------------------ */

static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *other_dir = g_build_filename (fixture->dir, "other", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing", NULL);
  g_autoptr(SwLibrary) library = create_library (fixture, "Music", fixture->music);
  g_autoptr(SwLibrary) updated = NULL;
  g_autoptr(SwLibrary) edit = NULL;
  g_autoptr(SwLibrary) stored = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (other_dir, 0755), ==, 0);

  /* Every editable field at once. */
  edit = sw_library_copy (library);
  g_free (edit->name);
  edit->name = g_strdup ("Renamed");
  g_free (edit->path);
  edit->path = g_strdup_printf ("%s/", other_dir);
  edit->fs_watch = 2;
  edit->fs_poll_interval = 300;
  edit->nfo_lock_data = TRUE;
  updated = sw_library_service_update (fixture->store, edit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (updated->name, ==, "Renamed");
  g_assert_cmpstr (updated->path, ==, other_dir);
  g_assert_cmpint (updated->fs_watch, ==, 2);
  g_assert_cmpint (updated->fs_poll_interval, ==, 300);
  g_assert_true (updated->nfo_lock_data);
  g_assert_cmpstr (updated->created_at, ==, library->created_at);

  /* Bad values are refused and change nothing. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(SwLibrary) bad = sw_library_copy (updated);
      g_autoptr(SwLibrary) result = NULL;
      g_autoptr(GError) invalid = NULL;

      switch (i)
        {
        case 0: bad->fs_watch = 7; break;
        case 1: bad->fs_poll_interval = 120; break;
        case 2: g_free (bad->path); bad->path = g_strdup (missing); break;
        case 3: g_free (bad->name); bad->name = g_strdup (""); break;
        default: g_free (bad->type); bad->type = g_strdup ("classical"); break;
        }
      result = sw_library_service_update (fixture->store, bad, &invalid);
      g_assert_error (invalid, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
      g_assert_null (result);
    }
  stored = sw_library_service_get (fixture->store, library->id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sw_library_equal (stored, updated));

  /* A folder that went offline does not block other changes: the path is checked
   * only when it changes. */
  g_assert_cmpint (g_rmdir (other_dir), ==, 0);
  g_clear_object (&edit);
  edit = sw_library_copy (stored);
  g_free (edit->name);
  edit->name = g_strdup ("Offline");
  g_clear_object (&updated);
  updated = sw_library_service_update (fixture->store, edit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (updated->name, ==, "Offline");
  g_assert_cmpstr (updated->path, ==, other_dir);

  /* An unknown id. */
  g_free (edit->id);
  edit->id = g_strdup ("nope");
  g_clear_object (&updated);
  updated = sw_library_service_update (fixture->store, edit, &error);
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND);
  g_assert_null (updated);
}

/* Libraries: deleting ------------------------------------------------------------------ */

/* Two libraries and five artists:
 *   only_a        in A only
 *   both          in A and B
 *   platform      in A only, known to a media server, with an open violation
 *   only_b        in B only, with an open violation
 * and a history row for only_a. */
typedef struct
{
  SwEvents *events;
  SwArtistService *artists;
  SwLibrary *a;
  SwLibrary *b;
  char *only_a;
  char *both;
  char *platform;
  char *only_b;
} Catalogue;

static void
catalogue_clear (Catalogue *catalogue)
{
  g_clear_object (&catalogue->artists);
  g_clear_object (&catalogue->events);
  g_clear_object (&catalogue->a);
  g_clear_object (&catalogue->b);
  g_clear_pointer (&catalogue->only_a, g_free);
  g_clear_pointer (&catalogue->both, g_free);
  g_clear_pointer (&catalogue->platform, g_free);
  g_clear_pointer (&catalogue->only_b, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Catalogue, catalogue_clear)

static char *
add_artist (Catalogue  *catalogue,
            const char *name,
            SwLibrary  *library)
{
  g_autoptr(GPtrArray) artists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  SwArtist *artist = sw_artist_new ();

  artist->name = g_strdup (name);
  g_ptr_array_add (artists, artist);
  g_assert_true (sw_artist_service_create (catalogue->artists, artists, library->id, &error));
  g_assert_no_error (error);
  return g_strdup (artist->id);
}

static void
catalogue_init (Fixture   *fixture,
                Catalogue *catalogue)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  catalogue->events = sw_events_new ();
  catalogue->artists = sw_artist_service_new (fixture->store, catalogue->events);
  catalogue->a = create_library (fixture, "A", "");
  catalogue->b = create_library (fixture, "B", "");
  catalogue->only_a = add_artist (catalogue, "Only A", catalogue->a);
  catalogue->both = add_artist (catalogue, "Both", catalogue->a);
  catalogue->platform = add_artist (catalogue, "Platform", catalogue->a);
  catalogue->only_b = add_artist (catalogue, "Only B", catalogue->b);

  sql = g_strdup_printf (
    "INSERT INTO artist_libraries (artist_id, library_id, added_at) VALUES ('%s', '%s', 'x')",
    catalogue->both, catalogue->b->id);
  exec (fixture, sql);
  g_free (sql);

  exec (fixture, "INSERT INTO connections (id, name, type, url, created_at, updated_at) "
                 "VALUES ('conn-1', 'Emby', 'emby', 'http://emby', 'x', 'x')");
  sql = g_strdup_printf ("INSERT INTO artist_platform_ids (artist_id, connection_id, "
                         "platform_artist_id, created_at, updated_at) "
                         "VALUES ('%s', 'conn-1', 'e-1', 'x', 'x')", catalogue->platform);
  exec (fixture, sql);
  g_free (sql);

  exec (fixture, "INSERT INTO rules (id, name, category, created_at, updated_at) "
                 "VALUES ('nfo_exists', 'NFO exists', 'nfo', 'x', 'x')");
  sql = g_strdup_printf ("INSERT INTO rule_violations (id, rule_id, artist_id, artist_name, "
                         "message, created_at, updated_at) VALUES "
                         "('v-1', 'nfo_exists', '%s', 'Platform', 'no NFO', 'x', 'x'), "
                         "('v-2', 'nfo_exists', '%s', 'Only B', 'no NFO', 'x', 'x')",
                         catalogue->platform, catalogue->only_b);
  exec (fixture, sql);

  g_assert_true (sw_artist_service_update_field (catalogue->artists, catalogue->only_a,
                                                 "biography", "Once upon a time.", "manual",
                                                 NULL, &error));
  g_assert_no_error (error);
}

static gint64
artist_exists (Fixture    *fixture,
               const char *id)
{
  return query_int (fixture, "SELECT count(*) FROM artists WHERE id = '%s'", id);
}

static void
test_delete_keeps_artists_with_a_home (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_auto(Catalogue) catalogue = { 0 };
  g_autoptr(GError) error = NULL;
  guint n_deleted = 99;

  catalogue_init (fixture, &catalogue);
  g_assert_true (sw_library_service_delete (fixture->store, catalogue.a->id, FALSE, &n_deleted,
                                            &error));
  g_assert_no_error (error);

  /* Only the artist nothing can reach any more is gone. */
  g_assert_cmpuint (n_deleted, ==, 1);
  g_assert_cmpint (artist_exists (fixture, catalogue.only_a), ==, 0);
  g_assert_cmpint (artist_exists (fixture, catalogue.both), ==, 1);
  g_assert_cmpint (artist_exists (fixture, catalogue.platform), ==, 1);
  g_assert_cmpint (artist_exists (fixture, catalogue.only_b), ==, 1);

  /* Memberships of A are gone, and the derived column follows. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM libraries"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM artist_libraries "
                                       "WHERE library_id = '%s'", catalogue.a->id), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM artists WHERE id = '%s' AND "
                                       "library_ids = '|%s|'", catalogue.both,
                              catalogue.b->id), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM artists WHERE id = '%s' AND "
                                       "library_ids = '|'", catalogue.platform), ==, 1);

  /* History outlives the artist. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM metadata_changes "
                                       "WHERE artist_id = '%s'", catalogue.only_a), ==, 1);

  /* The artist kept for its media server has its violation dismissed; others stay open. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM rule_violations WHERE id = 'v-1' "
                                       "AND status = 'dismissed' AND dismissed_at IS NOT NULL"),
                   ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM rule_violations WHERE id = 'v-2' "
                                       "AND status = 'open'"), ==, 1);
}

static void
test_delete_with_artists (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(Catalogue) catalogue = { 0 };
  g_autoptr(GError) error = NULL;
  guint n_deleted = 0;

  catalogue_init (fixture, &catalogue);
  g_assert_true (sw_library_service_delete (fixture->store, catalogue.a->id, TRUE, &n_deleted,
                                            &error));
  g_assert_no_error (error);

  /* Every artist with no other library goes, media-server id or not. */
  g_assert_cmpuint (n_deleted, ==, 2);
  g_assert_cmpint (artist_exists (fixture, catalogue.only_a), ==, 0);
  g_assert_cmpint (artist_exists (fixture, catalogue.platform), ==, 0);
  g_assert_cmpint (artist_exists (fixture, catalogue.both), ==, 1);
  g_assert_cmpint (artist_exists (fixture, catalogue.only_b), ==, 1);

  /* Their child rows went with them; history stayed. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM artist_platform_ids"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM rule_violations"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM metadata_changes "
                                       "WHERE artist_id = '%s'", catalogue.only_a), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM artist_libraries"), ==, 2);
}

static void
test_delete_unknown (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SwLibrary) library = create_library (fixture, "Music", "");
  g_autoptr(GError) error = NULL;

  g_assert_false (sw_library_service_delete (fixture->store, "nope", TRUE, NULL, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM libraries"), ==, 1);
}

/* Platform profiles -------------------------------------------------------------------- */

static SwPlatformProfile *
draft_profile (const char *name)
{
  SwPlatformProfile *draft = sw_platform_service_new_draft ();

  draft->name = g_strdup (name);
  return draft;
}

static void
set_names (char       ***slot,
           const char   *first,
           ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    g_strv_builder_add (builder, name);
  va_end (args);
  g_strfreev (*slot);
  *slot = g_strv_builder_end (builder);
}

static gint64
active_count (Fixture *fixture)
{
  return query_int (fixture, "SELECT count(*) FROM platform_profiles WHERE is_active = 1");
}

static void
test_profiles_seeded (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = sw_platform_service_list (fixture->store, &error);
  g_autoptr(SwPlatformProfile) active = NULL;
  g_autoptr(SwPlatformProfile) plex = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (profiles->len, ==, 5);
  for (guint i = 0; i < profiles->len; i++)
    {
      SwPlatformProfile *profile = profiles->pdata[i];
      g_auto(GStrv) problems = sw_platform_service_check (profile);

      g_assert_true (profile->is_builtin);
      g_assert_null (problems);
    }

  active = sw_platform_service_get_active (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (active->id, ==, "kodi");
  g_assert_cmpstr (active->image_naming_fanart[0], ==, "fanart.jpg");

  plex = sw_platform_service_get (fixture->store, "plex", &error);
  g_assert_no_error (error);
  g_assert_false (plex->nfo_enabled);
  g_assert_cmpstr (plex->image_naming_thumb[0], ==, "artist.jpg");
  g_assert_cmpstr (plex->image_naming_logo[0], ==, "logo.png");
}

static void
test_profile_create (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SwPlatformProfile) draft = draft_profile (" My server ");
  g_autoptr(SwPlatformProfile) profile = NULL;
  g_autoptr(SwPlatformProfile) fetched = NULL;
  g_autoptr(SwPlatformProfile) same = draft_profile ("KODI");
  g_autoptr(SwPlatformProfile) duplicate = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) details = NULL;

  set_names (&draft->image_naming_fanart, " backdrop.jpg ", "backdrop2.JPEG", NULL);
  draft->is_active = TRUE;       /* ignored: a new profile starts inactive */
  draft->is_builtin = TRUE;      /* ignored */
  profile = sw_platform_service_create (fixture->store, draft, &details, &error);
  g_assert_no_error (error);
  g_assert_null (details);
  g_assert_cmpstr (profile->name, ==, "My server");
  g_assert_false (profile->is_builtin);
  g_assert_false (profile->is_active);
  g_assert_true (profile->nfo_enabled);
  g_assert_cmpstr (profile->nfo_format, ==, "kodi");
  g_assert_cmpstr (profile->image_naming_fanart[0], ==, "backdrop.jpg");
  g_assert_cmpstr (profile->image_naming_fanart[1], ==, "backdrop2.JPEG");
  g_assert_cmpstr (profile->image_naming_thumb[0], ==, "folder.jpg");
  g_assert_cmpint (active_count (fixture), ==, 1);

  fetched = sw_platform_service_get (fixture->store, profile->id, &error);
  g_assert_no_error (error);
  g_assert_true (sw_platform_profile_equal (fetched, profile));

  /* Names are unique in any case. */
  duplicate = sw_platform_service_create (fixture->store, same, &details, &error);
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT);
  g_assert_null (duplicate);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM platform_profiles"), ==, 6);
}

static gboolean
strv_has (GStrv       strv,
          const char *text)
{
  return strv != NULL && g_strv_contains ((const char *const *) strv, text);
}

static void
test_profile_validation (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SwPlatformProfile) draft = draft_profile ("");
  g_autoptr(SwPlatformProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) details = NULL;
  const char *expected[] = {
    "name: a profile needs a name",
    "nfo_format: the only NFO format is “kodi”",
    "image_naming.thumb: a file name is empty",
    "image_naming.thumb: “art/folder.jpg” must be a file name, not a path",
    "image_naming.thumb: “art\\folder.jpg” must be a file name, not a path",
    "image_naming.thumb: “folder.gif” must end in .jpg, .jpeg or .png",
    "image_naming.thumb: “.jpg” needs a name before the extension",
    "image_naming.fanart: “Fanart.jpg” is listed twice",
    "image_naming.fanart: “FOLDER.jpg” is already used for thumb",
    "image_naming.logo: “logo.jpg” must be a .png file",
    "image_naming.banner: at least one file name is needed",
  };

  g_free (draft->nfo_format);
  draft->nfo_format = g_strdup ("jellyfin");
  set_names (&draft->image_naming_thumb, "folder.jpg", "", "art/folder.jpg", "art\\folder.jpg",
             "folder.gif", ".jpg", NULL);
  set_names (&draft->image_naming_fanart, "fanart.jpg", "Fanart.jpg", "FOLDER.jpg", NULL);
  set_names (&draft->image_naming_logo, "logo.jpg", NULL);
  g_clear_pointer (&draft->image_naming_banner, g_strfreev);

  profile = sw_platform_service_create (fixture->store, draft, &details, &error);
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
  g_assert_null (profile);
  g_assert_nonnull (details);
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("expecting %s", expected[i]);
      g_assert_true (strv_has (details, expected[i]));
    }
  g_assert_cmpuint (g_strv_length (details), ==, G_N_ELEMENTS (expected));
  /* The error is the first problem. */
  g_assert_cmpstr (error->message, ==, details[0]);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM platform_profiles"), ==, 5);

  /* The same checks without writing, for a form that shows problems as they appear. */
  {
    g_auto(GStrv) problems = sw_platform_service_check (draft);

    g_assert_cmpuint (g_strv_length (problems), ==, G_N_ELEMENTS (expected));
  }

  /* Too many names, and a long one. */
  {
    g_autoptr(SwPlatformProfile) many = draft_profile ("Many");
    g_autofree char *stem = g_strnfill (252, 'a');
    g_autofree char *long_name = g_strdup_printf ("%s.png", stem);
    g_auto(GStrv) problems = NULL;

    g_strfreev (many->image_naming_fanart);
    many->image_naming_fanart = g_new0 (char *, 22);
    for (guint i = 0; i < 21; i++)
      many->image_naming_fanart[i] = g_strdup_printf ("fanart%u.jpg", i);
    set_names (&many->image_naming_logo, long_name, NULL);
    problems = sw_platform_service_check (many);
    g_assert_cmpuint (g_strv_length (problems), ==, 2);
    g_assert_true (strv_has (problems, "image_naming.fanart: at most 20 file names are allowed"));
    g_assert_true (g_str_has_prefix (problems[1], "image_naming.logo: “aaa"));
  }
}

static void
test_profile_update (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SwPlatformProfile) custom = NULL;
  g_autoptr(SwPlatformProfile) updated = NULL;
  g_autoptr(SwPlatformProfile) kodi = NULL;
  g_autoptr(SwPlatformProfile) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) details = NULL;

  /* Custom is the built-in one to edit. */
  custom = sw_platform_service_get (fixture->store, "custom", &error);
  g_assert_no_error (error);
  g_free (custom->name);
  custom->name = g_strdup ("Custom NAS");
  custom->nfo_enabled = FALSE;
  custom->use_symlinks = TRUE;
  set_names (&custom->image_naming_thumb, "poster.png", NULL);
  updated = sw_platform_service_update (fixture->store, custom, &details, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (updated->name, ==, "Custom NAS");
  g_assert_false (updated->nfo_enabled);
  g_assert_true (updated->use_symlinks);
  g_assert_cmpstr (updated->image_naming_thumb[0], ==, "poster.png");
  g_assert_null (updated->image_naming_thumb[1]);
  g_assert_true (updated->is_builtin);

  /* An invalid change is refused with its details and changes nothing. */
  set_names (&custom->image_naming_logo, "logo.jpg", NULL);
  g_clear_object (&refused);
  refused = sw_platform_service_update (fixture->store, custom, &details, &error);
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
  g_assert_true (strv_has (details, "image_naming.logo: “logo.jpg” must be a .png file"));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM platform_profiles WHERE id = "
                                       "'custom' AND image_naming LIKE '%%\"logo.png\"%%'"), ==, 1);
  g_clear_error (&error);
  g_clear_pointer (&details, g_strfreev);

  /* The platforms' own profiles are read-only. */
  kodi = sw_platform_service_get (fixture->store, "kodi", &error);
  g_assert_no_error (error);
  kodi->nfo_enabled = FALSE;
  refused = sw_platform_service_update (fixture->store, kodi, &details, &error);
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT);
  g_assert_null (refused);
  g_assert_cmpint (query_int (fixture, "SELECT nfo_enabled FROM platform_profiles "
                                       "WHERE id = 'kodi'"), ==, 1);
  g_clear_error (&error);

  /* An unknown id. */
  g_free (kodi->id);
  kodi->id = g_strdup ("nope");
  refused = sw_platform_service_update (fixture->store, kodi, &details, &error);
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND);
}

static void
test_profile_activate_and_delete (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(SwPlatformProfile) draft = draft_profile ("Mine");
  g_autoptr(SwPlatformProfile) mine = NULL;
  g_autoptr(SwPlatformProfile) active = NULL;
  g_autoptr(GError) error = NULL;

  mine = sw_platform_service_create (fixture->store, draft, NULL, &error);
  g_assert_no_error (error);

  /* Exactly one active profile, whichever it is. */
  g_assert_true (sw_platform_service_activate (fixture->store, "emby", &error));
  g_assert_no_error (error);
  g_assert_cmpint (active_count (fixture), ==, 1);
  active = sw_platform_service_get_active (fixture->store, &error);
  g_assert_cmpstr (active->id, ==, "emby");
  g_clear_object (&active);

  g_assert_true (sw_platform_service_activate (fixture->store, mine->id, &error));
  g_assert_no_error (error);
  g_assert_true (sw_platform_service_activate (fixture->store, mine->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (active_count (fixture), ==, 1);
  active = sw_platform_service_get_active (fixture->store, &error);
  g_assert_cmpstr (active->id, ==, mine->id);
  g_clear_object (&active);

  g_assert_false (sw_platform_service_activate (fixture->store, "nope", &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (active_count (fixture), ==, 1);

  /* The active profile cannot be deleted, nor can a built-in one. */
  g_assert_false (sw_platform_service_delete (fixture->store, mine->id, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (sw_platform_service_delete (fixture->store, "custom", &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (sw_platform_service_delete (fixture->store, "nope", &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM platform_profiles"), ==, 6);

  g_assert_true (sw_platform_service_activate (fixture->store, "kodi", &error));
  g_assert_true (sw_platform_service_delete (fixture->store, mine->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM platform_profiles"), ==, 5);
  g_assert_cmpint (active_count (fixture), ==, 1);
}

static void
test_profile_legacy_naming (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(SwPlatformProfile) custom = NULL;
  g_autoptr(GError) error = NULL;

  /* Older rows kept one string per image type. */
  exec (fixture, "UPDATE platform_profiles SET image_naming = '{\"thumb\":\"cover.jpg\","
                 "\"fanart\":[\"fanart.jpg\"],\"logo\":\"logo.png\",\"banner\":\"banner.jpg\"}' "
                 "WHERE id = 'custom'");
  custom = sw_platform_service_get (fixture->store, "custom", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (custom->image_naming_thumb[0], ==, "cover.jpg");
  g_assert_null (custom->image_naming_thumb[1]);
  g_assert_cmpstr (custom->image_naming_logo[0], ==, "logo.png");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/libraries/create-and-list", test_create_and_list);
  ADD ("/libraries/create-accepts-settings", test_create_accepts_settings);
  ADD ("/libraries/create-validation", test_create_validation);
  ADD ("/libraries/unreadable-folder", test_unreadable_folder);
  ADD ("/libraries/unique-names", test_unique_names);
  ADD ("/libraries/update", test_update);
  ADD ("/libraries/delete/keeps-artists-with-a-home", test_delete_keeps_artists_with_a_home);
  ADD ("/libraries/delete/with-artists", test_delete_with_artists);
  ADD ("/libraries/delete/unknown", test_delete_unknown);
  ADD ("/platforms/seeded", test_profiles_seeded);
  ADD ("/platforms/create", test_profile_create);
  ADD ("/platforms/validation", test_profile_validation);
  ADD ("/platforms/update", test_profile_update);
  ADD ("/platforms/activate-and-delete", test_profile_activate_and_delete);
  ADD ("/platforms/legacy-naming", test_profile_legacy_naming);
#undef ADD

  return g_test_run ();
}

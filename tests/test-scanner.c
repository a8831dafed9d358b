/* test-scanner.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <utime.h>

#include "sw-artist-private.h"
#include "sw-artist-query.h"
#include "sw-library-generator.h"
#include "sw-library-private.h"
#include "sw-library-service.h"
#include "sw-scanner.h"
#include "sw-test-util.h"

/* The scanner on real folders and a real SQLite file: what it finds, what it skips,
 * what a re-scan touches, removal, cancellation. */

typedef struct
{
  char *dir;
  char *root;
  SwStore *store;
  SwEvents *events;
  SwSettings *settings;
  SwArtistService *service;
  char *library_id;
} Fixture;

static void
write_text (const char *folder,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
}

static void
write_image (const char *folder,
             const char *name,
             int         width,
             int         height)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, g_str_has_suffix (name, ".png") ? "png" : "jpeg",
                                  &error, NULL));
}

static char *
make_folder (Fixture    *fixture,
             const char *name)
{
  char *path = g_build_filename (fixture->root, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
  return path;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwLibrary) draft = sw_library_new ();
  g_autoptr(SwLibrary) library = NULL;
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

  draft->name = g_strdup ("Music");
  draft->path = g_strdup (fixture->root);
  library = sw_library_service_create (fixture->store, draft, &error);
  g_assert_no_error (error);
  fixture->library_id = g_strdup (library->id);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->service);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->events);
  g_clear_object (&fixture->store);
  sw_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->root, g_free);
  g_clear_pointer (&fixture->library_id, g_free);
}

static SwScanCounts
scan (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  SwScanCounts counts;

  g_assert_true (sw_scanner_run (fixture->service, fixture->events, fixture->settings, NULL,
                                 NULL, NULL, NULL, &counts, &error));
  g_assert_no_error (error);
  return counts;
}

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStmt) stmt = sw_store_prepare (fixture->store, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  g_assert_true (sw_store_step (fixture->store, stmt, &error));
  value = sqlite3_column_int64 (stmt, 0);
  return value;
}

static SwArtist *
artist_at (Fixture    *fixture,
           const char *folder)
{
  g_autofree char *path = g_build_filename (fixture->root, folder, NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM artists WHERE path = '%s'", path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStmt) stmt = sw_store_prepare (fixture->store, sql, &error);
  g_autofree char *id = NULL;

  if (!sw_store_step (fixture->store, stmt, &error))
    return NULL;
  id = g_strdup (sw_stmt_column_text (stmt, 0));
  g_clear_pointer (&stmt, sw_stmt_release);
  return sw_artist_store_get (fixture->store, id, &error);
}

/* Pushes a folder's time into the future, as an edit after the last scan would. */
static void
touch_later (const char *path)
{
  struct utimbuf times;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  times.actime = st.st_atime;
  times.modtime = time (NULL) + 5;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

static void
build_small_library (Fixture *fixture)
{
  g_autofree char *abba = make_folder (fixture, "ABBA");
  g_autofree char *bjork = make_folder (fixture, "Björk");
  g_autofree char *soundtrack = make_folder (fixture, "Soundtrack");
  g_autofree char *various = make_folder (fixture, "Various Artists");
  g_autofree char *hidden = make_folder (fixture, ".cache");
  g_autofree char *junk = make_folder (fixture, "@eaDir");
  g_autofree char *album = g_build_filename (abba, "Arrival", NULL);

  write_text (abba, "artist.nfo",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<artist>\n"
              "  <name>ABBA</name>\n"
              "  <musicBrainzArtistID>d87e52c5-bb8d-4da8-b941-9f4928627dc8</musicBrainzArtistID>\n"
              "  <type>Group</type>\n  <genre>Pop</genre>\n  <genre>Disco</genre>\n"
              "  <biography>Swedish pop group.</biography>\n</artist>\n");
  write_image (abba, "folder.jpg", 1000, 1000);
  write_image (abba, "fanart.jpg", 1920, 1080);
  write_image (abba, "fanart1.jpg", 1280, 720);
  g_assert_cmpint (g_mkdir (album, 0755), ==, 0);
  write_image (album, "folder.jpg", 500, 500);   /* an album's cover, not the artist's */
  write_image (bjork, "Folder.JPG", 100, 100);   /* low resolution, odd case */
  write_text (soundtrack, "artist.nfo", "<artist><name>Soundtrack</name>");   /* malformed */
  write_text (various, "artist.nfo", "<artist><name>VA</name></artist>");
  write_text (fixture->root, "notes.txt", "not a folder");
  (void) hidden;
  (void) junk;
}

static void
test_first_scan (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SwArtist) abba = NULL;
  g_autoptr(SwArtist) bjork = NULL;
  g_autoptr(SwArtist) soundtrack = NULL;
  SwScanCounts counts;

  build_small_library (fixture);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM libraries "
                                       "WHERE last_scanned_at IS NOT NULL"), ==, 0);
  counts = scan (fixture);
  g_assert_cmpuint (counts.total_directories, ==, 3);
  g_assert_cmpuint (counts.new_artists, ==, 3);
  /* The library records when it was last scanned. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM libraries "
                                       "WHERE last_scanned_at IS NOT NULL"), ==, 1);
  g_assert_cmpuint (counts.updated_artists, ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM artists"), ==, 3);

  abba = artist_at (fixture, "ABBA");
  g_assert_nonnull (abba);
  g_assert_cmpstr (abba->musicbrainz_id, ==, "d87e52c5-bb8d-4da8-b941-9f4928627dc8");
  g_assert_cmpstr (abba->type, ==, "group");
  g_assert_cmpstr (abba->biography, ==, "Swedish pop group.");
  g_assert_cmpstrv (abba->genres, ((const char *[]) { "Pop", "Disco", NULL }));
  g_assert_true (abba->nfo_exists);
  g_assert_true (abba->thumb_exists);
  g_assert_true (abba->fanart_exists);
  g_assert_cmpstr (abba->library_id, ==, fixture->library_id);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM artist_images i JOIN artists a "
                                       "ON a.id = i.artist_id WHERE a.name = 'ABBA' AND "
                                       "i.image_type = 'fanart'"), ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT width * 10000 + height FROM artist_images i "
                                       "JOIN artists a ON a.id = i.artist_id WHERE a.name = "
                                       "'ABBA' AND i.image_type = 'fanart' AND slot_index = 1"),
                   ==, 1280 * 10000 + 720);
  g_assert_cmpint (query_int (fixture, "SELECT length (content_hash) FROM artist_images i "
                                       "JOIN artists a ON a.id = i.artist_id WHERE a.name = "
                                       "'ABBA' AND i.image_type = 'thumb'"), ==, 64);

  bjork = artist_at (fixture, "Björk");
  g_assert_nonnull (bjork);
  g_assert_cmpstr (bjork->name, ==, "Björk");
  g_assert_false (bjork->nfo_exists);
  g_assert_true (bjork->thumb_exists);
  g_assert_cmpint (query_int (fixture, "SELECT low_res FROM artist_images i JOIN artists a ON "
                                       "a.id = i.artist_id WHERE a.name = 'Björk'"), ==, 1);

  /* A malformed NFO is reported, not fatal: the folder name stands in. */
  soundtrack = artist_at (fixture, "Soundtrack");
  g_assert_nonnull (soundtrack);
  g_assert_true (soundtrack->is_excluded);
  g_assert_cmpstr (soundtrack->exclusion_reason, ==, "default exclusion list");
  g_assert_true (soundtrack->nfo_exists);

  g_assert_null (artist_at (fixture, "Various Artists"));
  g_assert_null (artist_at (fixture, ".cache"));
  g_assert_null (artist_at (fixture, "@eaDir"));
}

static void
test_rescan_touches_only_changes (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *bjork = g_build_filename (fixture->root, "Björk", NULL);
  g_autofree char *abba_scanned = NULL;
  g_autofree char *abba_scanned_again = NULL;
  g_autoptr(SwArtist) after = NULL;
  SwScanCounts counts;

  build_small_library (fixture);
  scan (fixture);
  {
    g_autoptr(SwArtist) abba = artist_at (fixture, "ABBA");

    abba_scanned = g_strdup (abba->last_scanned_at);
  }
  g_assert_nonnull (abba_scanned);

  /* Nothing changed: every folder is skipped. */
  counts = scan (fixture);
  g_assert_cmpuint (counts.unchanged_artists, ==, 3);
  g_assert_cmpuint (counts.new_artists + counts.updated_artists + counts.removed_artists, ==, 0);

  /* One folder gains a logo: only that artist is touched. */
  write_image (bjork, "logo.png", 800, 310);
  touch_later (bjork);
  counts = scan (fixture);
  g_assert_cmpuint (counts.updated_artists, ==, 1);
  g_assert_cmpuint (counts.unchanged_artists, ==, 2);
  after = artist_at (fixture, "Björk");
  g_assert_true (after->logo_exists);
  {
    g_autoptr(SwArtist) abba = artist_at (fixture, "ABBA");

    abba_scanned_again = g_strdup (abba->last_scanned_at);
  }
  g_assert_cmpstr (abba_scanned_again, ==, abba_scanned);
}

/* An NFO edited by someone else is read again; locked fields keep their values. */
static void
test_rescan_reimports_edited_nfo (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *abba = g_build_filename (fixture->root, "ABBA", NULL);
  g_autoptr(SwArtist) before = NULL;
  g_autoptr(SwArtist) after = NULL;
  g_autoptr(GError) error = NULL;
  SwScanCounts counts;

  build_small_library (fixture);
  scan (fixture);
  before = artist_at (fixture, "ABBA");
  g_assert_true (sw_artist_service_set_field_locked (fixture->service, before->id, "genres", TRUE,
                                                     &error));
  g_assert_no_error (error);

  write_text (abba, "artist.nfo",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<artist>\n"
              "  <name>ABBA</name>\n  <genre>Schlager</genre>\n"
              "  <biography>Edited in Kodi.</biography>\n</artist>\n");
  touch_later (abba);
  counts = scan (fixture);
  g_assert_cmpuint (counts.updated_artists, ==, 1);

  after = artist_at (fixture, "ABBA");
  g_assert_cmpstr (after->biography, ==, "Edited in Kodi.");
  g_assert_cmpstrv (after->genres, ((const char *[]) { "Pop", "Disco", NULL }));
  /* Values the new file leaves out stay (an import never clears). */
  g_assert_cmpstr (after->musicbrainz_id, ==, "d87e52c5-bb8d-4da8-b941-9f4928627dc8");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM metadata_changes WHERE "
                                       "field = 'biography' AND source = 'scan'"), ==, 1);

  /* The same file again is not an edit. */
  touch_later (abba);
  scan (fixture);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM metadata_changes WHERE "
                                       "source = 'scan'"), ==, 1);
}

static void
test_removed_folder (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *abba = g_build_filename (fixture->root, "ABBA", NULL);
  SwScanCounts counts;

  build_small_library (fixture);
  scan (fixture);
  sw_test_remove_tree (abba);

  counts = scan (fixture);
  g_assert_cmpuint (counts.removed_artists, ==, 1);
  g_assert_null (artist_at (fixture, "ABBA"));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM artist_images i WHERE NOT EXISTS "
                                       "(SELECT 1 FROM artists a WHERE a.id = i.artist_id)"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM artists"), ==, 2);
}

typedef struct
{
  GCancellable *cancellable;
  guint cancel_at;
} CancelAt;

static void
cancel_at (guint       done,
           guint       total,
           const char *current,
           gpointer    user_data)
{
  CancelAt *state = user_data;

  if (done == state->cancel_at)
    g_cancellable_cancel (state->cancellable);
}

static void
generate (Fixture *fixture,
          guint    artists)
{
  SwLibraryGeneratorOptions options;
  g_autoptr(GError) error = NULL;

  sw_library_generator_options_init (&options);
  options.artists = artists;
  options.seed = 7;
  options.albums_per_artist = 1;
  options.force = TRUE;
  g_assert_true (sw_library_generate (fixture->root, &options, NULL, &error));
  g_assert_no_error (error);
}

/* A cancelled scan keeps every finished batch whole, and the next scan completes it. */
static void
test_cancel_leaves_consistent_state (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CancelAt state = { cancellable, 300 };
  SwScanCounts counts;
  gint64 artists;

  generate (fixture, 400);
  g_assert_false (sw_scanner_run (fixture->service, fixture->events, fixture->settings, NULL,
                                  cancel_at, &state, cancellable, &counts, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  artists = query_int (fixture, "SELECT count(*) FROM artists");
  g_assert_cmpint (artists, ==, counts.new_artists);
  g_assert_cmpint (artists, >, 0);
  g_assert_cmpint (artists, <, 400);
  /* Every stored artist is complete: in the library, scanned, its images recorded. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM artists WHERE last_scanned_at IS NULL "
                                       "OR library_ids = '|'"), ==, 0);

  counts = scan (fixture);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM artists"), ==,
                   counts.total_directories);
  g_assert_cmpuint (counts.removed_artists, ==, 0);
}

static void
test_nothing_to_scan (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SwScanCounts counts;

  g_assert_false (sw_scanner_run (fixture->service, fixture->events, fixture->settings,
                                  "no-such-library", NULL, NULL, NULL, &counts, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/scanner/first-scan", test_first_scan);
  ADD ("/scanner/rescan-touches-only-changes", test_rescan_touches_only_changes);
  ADD ("/scanner/rescan-reimports-edited-nfo", test_rescan_reimports_edited_nfo);
  ADD ("/scanner/removed-folder", test_removed_folder);
  ADD ("/scanner/cancel", test_cancel_leaves_consistent_state);
  ADD ("/scanner/nothing-to-scan", test_nothing_to_scan);
#undef ADD

  return g_test_run ();
}

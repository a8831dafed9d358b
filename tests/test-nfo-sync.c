/* test-nfo-sync.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sw-artist-private.h"
#include "sw-artist-service.h"
#include "sw-nfo-sync.h"
#include "sw-test-util.h"

/* An edit through the artist service rewrites artist.nfo; scans, pathless artists,
 * disabled NFOs and unreadable files are left alone. */

typedef struct
{
  char *dir;
  char *folder;
  char *nfo_path;
  SwStore *store;
  SwEvents *events;
  SwSettings *settings;
  SwArtistService *service;
  SwNfoSync *sync;
  char *artist_id;
} Fixture;

static const char original_nfo[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<artist>\n  <name>ABBA</name>\n"
  "  <biography>Old text.</biography>\n  <myplugin rating=\"5\">kept</myplugin>\n</artist>\n";

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
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) artists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *db = NULL;
  SwArtist *artist;

  fixture->dir = sw_test_make_temp_dir ();
  fixture->folder = g_build_filename (fixture->dir, "ABBA", NULL);
  fixture->nfo_path = g_build_filename (fixture->folder, "artist.nfo", NULL);
  g_assert_cmpint (g_mkdir (fixture->folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (fixture->nfo_path, original_nfo, -1, &error));

  db = g_build_filename (fixture->dir, "stillwater.db", NULL);
  fixture->store = sw_store_open (db, &error);
  g_assert_no_error (error);
  fixture->events = sw_events_new ();
  fixture->settings = sw_settings_new (fixture->store);
  fixture->service = sw_artist_service_new (fixture->store, fixture->events);
  fixture->sync = sw_nfo_sync_new (fixture->store, fixture->events, fixture->settings);

  artist = sw_artist_new ();
  artist->name = g_strdup ("ABBA");
  artist->biography = g_strdup ("Old text.");
  artist->path = g_strdup (fixture->folder);
  g_ptr_array_add (artists, artist);
  g_assert_true (sw_artist_service_create (fixture->service, artists, NULL, &error));
  g_assert_no_error (error);
  fixture->artist_id = g_strdup (artist->id);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->sync);
  g_clear_object (&fixture->service);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->events);
  g_clear_object (&fixture->store);
  sw_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->folder, g_free);
  g_clear_pointer (&fixture->nfo_path, g_free);
  g_clear_pointer (&fixture->artist_id, g_free);
}

static char *
read_nfo (Fixture *fixture)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (fixture->nfo_path, &contents, NULL, NULL));
  return contents;
}

static void
edit (Fixture    *fixture,
      const char *field,
      const char *value,
      const char *source)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sw_artist_service_update_field (fixture->service, fixture->artist_id, field,
                                                 value, source, NULL, &error));
  g_assert_no_error (error);
  sw_nfo_sync_flush (fixture->sync);
}

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStmt) stmt = sw_store_prepare (fixture->store, sql, &error);

  g_assert_true (sw_store_step (fixture->store, stmt, &error));
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_edit_rewrites (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *written = NULL;
  g_autofree char *stored_hash = NULL;
  g_autofree char *file_hash = NULL;

  edit (fixture, "biography", "New text.", "manual");
  written = read_nfo (fixture);
  g_assert_nonnull (strstr (written, "<biography>New text.</biography>"));
  g_assert_null (strstr (written, "Old text."));
  /* Elements Stillwater does not know survive. */
  g_assert_nonnull (strstr (written, "<myplugin rating=\"5\">kept</myplugin>"));

  /* The old file is kept as a snapshot, and the new one's fingerprint recorded. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM nfo_snapshots WHERE content LIKE "
                                   "'%Old text.%'"), ==, 1);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SwStmt) stmt = sw_store_prepare (fixture->store, "SELECT nfo_hash FROM artists", &error);

    g_assert_true (sw_store_step (fixture->store, stmt, &error));
    stored_hash = g_strdup (sw_stmt_column_text (stmt, 0));
  }
  file_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, written, -1);
  g_assert_cmpstr (stored_hash, ==, file_hash);

  /* No temporary files are left next to it. */
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->folder, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (dir) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }
}

static void
test_left_alone (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *after_scan = NULL;
  g_autofree char *after_disabled = NULL;
  g_autofree char *after_malformed = NULL;
  static const char malformed[] = "<artist><name>ABBA</name><biography>unclosed";
  g_autoptr(GError) error = NULL;

  /* A scan read its value from the file: nothing to write back. */
  edit (fixture, "biography", "From a scan.", "scan");
  after_scan = read_nfo (fixture);
  g_assert_cmpstr (after_scan, ==, original_nfo);

  /* NFOs switched off in the active profile. */
  exec (fixture, "UPDATE platform_profiles SET nfo_enabled = 0 WHERE is_active = 1");
  edit (fixture, "biography", "While disabled.", "manual");
  after_disabled = read_nfo (fixture);
  g_assert_cmpstr (after_disabled, ==, original_nfo);
  exec (fixture, "UPDATE platform_profiles SET nfo_enabled = 1 WHERE is_active = 1");

  /* A file that cannot be parsed is never overwritten. */
  g_assert_true (g_file_set_contents (fixture->nfo_path, malformed, -1, NULL));
  g_assert_false (sw_nfo_sync_write_artist (fixture->store, fixture->settings,
                                            fixture->artist_id, &error));
  g_assert_nonnull (error);
  edit (fixture, "biography", "Not written.", "manual");
  after_malformed = read_nfo (fixture);
  g_assert_cmpstr (after_malformed, ==, malformed);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM nfo_snapshots"), ==, 0);
}

static void
test_missing_file_is_created (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *written = NULL;

  g_assert_cmpint (g_unlink (fixture->nfo_path), ==, 0);
  edit (fixture, "disambiguation", "Swedish pop group", "manual");
  written = read_nfo (fixture);
  g_assert_nonnull (strstr (written, "<name>ABBA</name>"));
  g_assert_nonnull (strstr (written, "<disambiguation>Swedish pop group</disambiguation>"));
  g_assert_cmpint (count (fixture, "SELECT nfo_exists FROM artists"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/nfo-sync/edit-rewrites", test_edit_rewrites);
  ADD ("/nfo-sync/left-alone", test_left_alone);
  ADD ("/nfo-sync/missing-file-is-created", test_missing_file_is_created);
#undef ADD

  return g_test_run ();
}

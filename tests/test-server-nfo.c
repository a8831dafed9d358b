/* test-server-nfo.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sys/stat.h>

#include "sw-atomic-file.h"
#include "sw-nfo-state.h"
#include "sw-nfo.h"
#include "sw-test-server.h"
#include "sw-time.h"

/* GET /artists/{id}/nfo/diff and /nfo/conflict through the real server on a loopback
 * port with a real SoupSession, against real artist.nfo files in a temporary folder. */

typedef struct
{
  SwTestServer *harness;
  SwEvents *events;
  SwArtistService *service;
  char *with_path_id;       /* folder exists; the test decides about artist.nfo */
  char *pathless_id;
  char *nfo_path;
  SwArtist *with_path;
} Fixture;

static SwArtist *
new_artist (const char *name,
            const char *path)
{
  SwArtist *artist = sw_artist_new ();

  g_object_set (artist,
                "name", name,
                "sort-name", name,
                "type", "group",
                "musicbrainz-id", "3f1c9a52-7d4e-4b8a-9c61-0e2d5b7a8f90",
                "genres", (char *[]) { (char *) "Shoegaze", NULL },
                "styles", (char *[]) { (char *) "Noise Pop", NULL },
                "moods", (char *[]) { (char *) "Hazy", NULL },
                "biography", "Formed in Reykjavík.",
                "path", path,
                NULL);
  return artist;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) artists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folder = NULL;

  /* The artists are made with a service of their own: the server gets no bus. */
  fixture->harness = sw_test_server_new (SW_TEST_SERVER_DEFAULT);
  folder = g_build_filename (fixture->harness->dir, "Nebula Drive", NULL);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  fixture->nfo_path = g_build_filename (folder, "artist.nfo", NULL);
  fixture->events = sw_events_new ();
  fixture->service = sw_artist_service_new (fixture->harness->store, fixture->events);

  g_ptr_array_add (artists, new_artist ("Nebula Drive", folder));
  g_ptr_array_add (artists, new_artist ("Platform Only", ""));
  g_assert_true (sw_artist_service_create (fixture->service, artists, NULL, &error));
  g_assert_no_error (error);
  fixture->with_path = g_object_ref (g_ptr_array_index (artists, 0));
  fixture->with_path_id = g_strdup (sw_artist_get_id (fixture->with_path));
  fixture->pathless_id = g_strdup (sw_artist_get_id (g_ptr_array_index (artists, 1)));

  sw_test_server_start (fixture->harness);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sw_test_server_stop (fixture->harness);
  g_clear_object (&fixture->service);
  g_clear_object (&fixture->events);
  g_clear_object (&fixture->with_path);
  sw_test_server_free (fixture->harness);
  g_clear_pointer (&fixture->with_path_id, g_free);
  g_clear_pointer (&fixture->pathless_id, g_free);
  g_clear_pointer (&fixture->nfo_path, g_free);
}

static JsonObject *
get_object (Fixture     *fixture,
            const char  *artist_id,
            const char  *what,
            SwTestReply *reply)
{
  g_autofree char *path = g_strdup_printf ("/artists/%s/nfo/%s", artist_id, what);

  sw_test_server_call (fixture->harness, "GET", path, NULL, reply);
  g_assert_cmpuint (reply->status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (reply->content_type, ==, "application/json");
  g_assert_nonnull (reply->body);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->body));
  return json_node_get_object (reply->body);
}

/* The "status" of @field in a diff, with its values. */
static const char *
diff_status (JsonObject  *diff,
             const char  *field,
             const char **old_value,
             const char **new_value)
{
  JsonArray *fields = json_object_get_array_member (diff, "fields");

  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *entry = json_array_get_object_element (fields, i);

      if (g_str_equal (json_object_get_string_member (entry, "field"), field))
        {
          if (old_value != NULL)
            *old_value = json_object_get_string_member (entry, "old_value");
          if (new_value != NULL)
            *new_value = json_object_get_string_member (entry, "new_value");
          return json_object_get_string_member (entry, "status");
        }
    }
  g_assert_not_reached ();
}

/* What Stillwater writes for the artist, saved, with its fingerprint recorded (as a
 * scan or a write-back does). */
static void
write_our_file (Fixture *fixture)
{
  g_autoptr(SwNfo) nfo = sw_nfo_new_from_artist (fixture->with_path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  gint64 mtime_us = 0;

  g_ptr_array_add (nfo->extras, g_strdup ("<path>/somewhere/else</path>"));
  g_assert_true (sw_nfo_save (nfo, fixture->nfo_path, &hash, &mtime_us, &error));
  g_assert_no_error (error);
  g_assert_true (sw_nfo_state_set (fixture->harness->store, fixture->with_path_id, hash, mtime_us,
                                   &error));
  g_assert_no_error (error);
}

static void
write_raw (Fixture    *fixture,
           const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (fixture->nfo_path, contents, -1, &error));
  g_assert_no_error (error);
}

static void
set_mtime (const char *path,
           gint64      unix_seconds)
{
  struct timespec times[2] = { { unix_seconds, 0 }, { unix_seconds, 0 } };

  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
}

/* diff ---------------------------------------------------------------------------------- */

static void
test_diff_pathless (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(SwTestReply) reply = { 0 };
  JsonObject *diff = get_object (fixture, fixture->pathless_id, "diff", &reply);
  JsonArray *fields = json_object_get_array_member (diff, "fields");

  /* The virtual file is what would be written: no difference. */
  g_assert_true (json_object_get_boolean_member (diff, "virtual"));
  g_assert_false (json_object_get_boolean_member (diff, "has_diff"));
  g_assert_cmpuint (json_array_get_length (fields), ==, 20);
  g_assert_cmpstr (diff_status (diff, "name", NULL, NULL), ==, "unchanged");
  g_assert_false (json_object_has_member (diff, "file_error"));
}

static void
test_diff_file (Fixture       *fixture,
                gconstpointer  data)
{
  const char *old_value = NULL;
  const char *new_value = NULL;

  /* No file yet: everything the database has would be added. */
  {
    g_auto(SwTestReply) reply = { 0 };
    JsonObject *diff = get_object (fixture, fixture->with_path_id, "diff", &reply);

    g_assert_false (json_object_get_boolean_member (diff, "virtual"));
    g_assert_true (json_object_get_boolean_member (diff, "has_diff"));
    g_assert_cmpstr (diff_status (diff, "name", &old_value, &new_value), ==, "added");
    g_assert_cmpstr (old_value, ==, "");
    g_assert_cmpstr (new_value, ==, "Nebula Drive");
    g_assert_cmpstr (diff_status (diff, "genres", NULL, NULL), ==, "added");
    g_assert_cmpstr (diff_status (diff, "born", NULL, NULL), ==, "unchanged");
    g_assert_false (json_object_has_member (diff, "file_error"));
  }

  /* The file Stillwater wrote: nothing to show. */
  write_our_file (fixture);
  {
    g_auto(SwTestReply) reply = { 0 };
    JsonObject *diff = get_object (fixture, fixture->with_path_id, "diff", &reply);

    g_assert_false (json_object_get_boolean_member (diff, "has_diff"));
  }

  /* Edited elsewhere: the file's values are old, the database's new. */
  write_raw (fixture, "<artist><name>Edited Elsewhere</name><genre>Shoegaze</genre>"
                      "<style>Noise Pop</style><mood>Hazy</mood><type>group</type>"
                      "<sortname>Nebula Drive</sortname><born>1990</born>"
                      "<musicbrainzartistid>3f1c9a52-7d4e-4b8a-9c61-0e2d5b7a8f90"
                      "</musicbrainzartistid><biography>Formed in Reykjavík.</biography>"
                      "</artist>");
  {
    g_auto(SwTestReply) reply = { 0 };
    JsonObject *diff = get_object (fixture, fixture->with_path_id, "diff", &reply);

    g_assert_true (json_object_get_boolean_member (diff, "has_diff"));
    g_assert_cmpstr (diff_status (diff, "name", &old_value, &new_value), ==, "changed");
    g_assert_cmpstr (old_value, ==, "Edited Elsewhere");
    g_assert_cmpstr (new_value, ==, "Nebula Drive");
    g_assert_cmpstr (diff_status (diff, "born", NULL, NULL), ==, "removed");
    g_assert_cmpstr (diff_status (diff, "styles", NULL, NULL), ==, "unchanged");
  }

  /* The output mapping counts: with moods as styles, <style> would change. */
  {
    g_auto(SwTestReply) put = { 0 };
    g_auto(SwTestReply) reply = { 0 };
    JsonObject *diff;

    sw_test_server_call (fixture->harness, "PUT", "/settings/nfo-output",
                         "{\"default_behavior\": false, \"moods_as_styles\": true}", &put);
    g_assert_cmpuint (put.status, ==, SOUP_STATUS_OK);
    diff = get_object (fixture, fixture->with_path_id, "diff", &reply);
    g_assert_cmpstr (diff_status (diff, "styles", &old_value, &new_value), ==, "changed");
    g_assert_cmpstr (old_value, ==, "Noise Pop");
    g_assert_cmpstr (new_value, ==, "Noise Pop, Hazy");
  }

  /* A file that cannot be read is shown as absent, with the reason. */
  write_raw (fixture, "<artist><name>cut off");
  {
    g_auto(SwTestReply) reply = { 0 };
    JsonObject *diff = get_object (fixture, fixture->with_path_id, "diff", &reply);

    g_assert_true (json_object_get_boolean_member (diff, "has_diff"));
    g_assert_cmpstr (diff_status (diff, "name", NULL, NULL), ==, "added");
    g_assert_nonnull (strstr (json_object_get_string_member (diff, "file_error"),
                              "not well-formed"));
  }
  /* … and is left as it was. */
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (fixture->nfo_path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "<artist><name>cut off");
  }
}

static void
test_diff_htmx (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(SwTestReply) reply = { 0 };
  g_autofree char *path = g_strdup_printf ("/artists/%s/nfo/diff", fixture->with_path_id);

  write_raw (fixture, "<artist><name>Edited &lt;b&gt;</name></artist>");
  sw_test_server_request (fixture->harness, "GET", path, fixture->harness->admin_token, NULL, NULL,
                          SW_TEST_REQUEST_HTMX, &reply);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (reply.content_type, ==, "text/html");
  g_assert_nonnull (strstr (reply.text, "<table>"));
  g_assert_nonnull (strstr (reply.text, "<tr class=\"nfo-diff-changed\"><td>name</td>"
                                        "<td>Edited &lt;b&gt;</td><td>Nebula Drive</td>"));
  /* Values are escaped, never markup. */
  g_assert_null (strstr (reply.text, "<b>"));
}

/* conflict ------------------------------------------------------------------------------ */

static void
assert_no_conflict_without_file (JsonObject *check)
{
  g_assert_false (json_object_get_boolean_member (check, "has_conflict"));
  g_assert_false (json_object_has_member (check, "last_modified"));
  g_assert_false (json_object_has_member (check, "reason"));
}

static void
test_conflict_no_file (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(SwTestReply) pathless = { 0 };
  g_auto(SwTestReply) missing = { 0 };

  assert_no_conflict_without_file (get_object (fixture, fixture->pathless_id, "conflict",
                                               &pathless));
  assert_no_conflict_without_file (get_object (fixture, fixture->with_path_id, "conflict",
                                               &missing));
}

static void
test_conflict_external_edit (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *ours = NULL;

  write_our_file (fixture);
  g_assert_true (g_file_get_contents (fixture->nfo_path, &ours, NULL, NULL));

  /* As written: no conflict, and the file's time is reported. */
  {
    g_auto(SwTestReply) reply = { 0 };
    JsonObject *check = get_object (fixture, fixture->with_path_id, "conflict", &reply);
    g_autofree char *hash = NULL;
    gint64 mtime_us = 0;
    g_autoptr(GDateTime) time = NULL;
    g_autofree char *expected = NULL;

    g_assert_true (sw_file_fingerprint (fixture->nfo_path, &hash, &mtime_us, NULL));
    time = g_date_time_new_from_unix_utc (mtime_us / G_USEC_PER_SEC);
    expected = sw_time_format_rfc3339 (time);
    g_assert_false (json_object_get_boolean_member (check, "has_conflict"));
    g_assert_false (json_object_has_member (check, "reason"));
    g_assert_cmpstr (json_object_get_string_member (check, "last_modified"), ==, expected);
  }

  /* Another program changes the bytes: a conflict, with a reason. */
  write_raw (fixture, "<artist><name>Changed by Kodi</name></artist>\n");
  set_mtime (fixture->nfo_path, 1600000000);
  {
    g_auto(SwTestReply) reply = { 0 };
    JsonObject *check = get_object (fixture, fixture->with_path_id, "conflict", &reply);

    g_assert_true (json_object_get_boolean_member (check, "has_conflict"));
    g_assert_cmpstr (json_object_get_string_member (check, "reason"), !=, "");
    g_assert_cmpstr (json_object_get_string_member (check, "last_modified"), ==,
                     "2020-09-13T12:26:40Z");
  }

  /* The same bytes back with a new time (a copy, a touch): no conflict. */
  write_raw (fixture, ours);
  {
    g_auto(SwTestReply) reply = { 0 };
    JsonObject *check = get_object (fixture, fixture->with_path_id, "conflict", &reply);

    g_assert_false (json_object_get_boolean_member (check, "has_conflict"));
  }
}

/* Without a recorded fingerprint: modified after the newest snapshot, or within the
 * last day when there is none, is a conflict. */
static void
test_conflict_fallback (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  write_raw (fixture, "<artist><name>Found on disk</name></artist>\n");
  {
    g_auto(SwTestReply) reply = { 0 };
    JsonObject *check = get_object (fixture, fixture->with_path_id, "conflict", &reply);

    g_assert_true (json_object_get_boolean_member (check, "has_conflict"));
  }

  set_mtime (fixture->nfo_path, g_get_real_time () / G_USEC_PER_SEC - 3 * 24 * 3600);
  {
    g_auto(SwTestReply) reply = { 0 };
    JsonObject *check = get_object (fixture, fixture->with_path_id, "conflict", &reply);

    g_assert_false (json_object_get_boolean_member (check, "has_conflict"));
  }

  /* A snapshot (in SQL's default time format) older than the file. */
  sql = g_strdup_printf ("INSERT INTO nfo_snapshots (id, artist_id, content, created_at) "
                         "VALUES ('s1', '%s', '<artist/>', '2001-01-01 00:00:00')",
                         fixture->with_path_id);
  g_assert_true (sw_store_exec (fixture->harness->store, sql, &error));
  g_assert_no_error (error);
  {
    g_auto(SwTestReply) reply = { 0 };
    JsonObject *check = get_object (fixture, fixture->with_path_id, "conflict", &reply);

    g_assert_true (json_object_get_boolean_member (check, "has_conflict"));
  }
}

/* errors -------------------------------------------------------------------------------- */

static void
test_unknown_artist (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *paths[] = {
    "/artists/no-such-artist/nfo/diff", "/artists/no-such-artist/nfo/conflict",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(SwTestReply) reply = { 0 };

      sw_test_server_call (fixture->harness, "GET", paths[i], NULL, &reply);
      g_assert_cmpuint (reply.status, ==, SOUP_STATUS_NOT_FOUND);
      g_assert_nonnull (reply.body);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (reply.body),
                                                      "error"), !=, "");
    }
}

static void
test_unauthorized (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *routes[] = { "diff", "conflict" };

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      g_auto(SwTestReply) reply = { 0 };
      g_auto(SwTestReply) bad = { 0 };
      g_autofree char *path = g_strdup_printf ("/artists/%s/nfo/%s", fixture->with_path_id,
                                               routes[i]);

      sw_test_server_send (fixture->harness, "GET", path, NULL, NULL, &reply);
      g_assert_cmpuint (reply.status, ==, SOUP_STATUS_UNAUTHORIZED);
      sw_test_server_send (fixture->harness, "GET", path,
                           "sw_0000000000000000000000000000000000000000", NULL, &bad);
      g_assert_cmpuint (bad.status, ==, SOUP_STATUS_UNAUTHORIZED);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/server/nfo/diff/pathless", test_diff_pathless);
  ADD ("/server/nfo/diff/file", test_diff_file);
  ADD ("/server/nfo/diff/htmx", test_diff_htmx);
  ADD ("/server/nfo/conflict/no-file", test_conflict_no_file);
  ADD ("/server/nfo/conflict/external-edit", test_conflict_external_edit);
  ADD ("/server/nfo/conflict/fallback", test_conflict_fallback);
  ADD ("/server/nfo/unknown-artist", test_unknown_artist);
  ADD ("/server/nfo/unauthorized", test_unauthorized);

#undef ADD

  return g_test_run ();
}

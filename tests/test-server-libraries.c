/* test-server-libraries.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "sw-artist-private.h"
#include "sw-test-server.h"

/* The library routes through the real server on a loopback port with a real SoupSession,
 * with real folders in a temporary directory, and outcomes checked in the store. */

/* With an existing folder, music. */
typedef SwTestServer Fixture;

static void
send_form (Fixture     *fixture,
           const char  *method,
           const char  *path,
           const char  *form,
           SwTestReply *reply)
{
  sw_test_server_request (fixture, method, path, fixture->admin_token,
                          "application/x-www-form-urlencoded", form, SW_TEST_REQUEST_DEFAULT,
                          reply);
}

/* Creates a library through the API and returns its id. */
static char *
post_library (Fixture    *fixture,
              const char *name,
              const char *path)
{
  g_auto(SwTestReply) reply = { 0 };
  g_autofree char *json = g_strdup_printf ("{\"name\": \"%s\", \"path\": \"%s\"}", name, path);

  sw_test_server_call (fixture, "POST", "/libraries", json, &reply);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_CREATED);
  return g_strdup (json_object_get_string_member (sw_test_reply_object (&reply), "id"));
}

/* Tests ------------------------------------------------------------------------------- */

static void
test_lifecycle (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(SwTestReply) created = { 0 };
  g_auto(SwTestReply) list = { 0 };
  g_auto(SwTestReply) got = { 0 };
  g_auto(SwTestReply) updated = { 0 };
  g_auto(SwTestReply) kept = { 0 };
  g_auto(SwTestReply) deleted = { 0 };
  g_auto(SwTestReply) gone = { 0 };
  g_autofree char *json = g_strdup_printf ("{\"name\": \"Music\", \"path\": \"%s/\", "
                                           "\"type\": \"regular\"}", fixture->music);
  g_autofree char *path = NULL;
  JsonObject *library;
  JsonArray *array;
  const char *id;

  sw_test_server_call (fixture, "POST", "/libraries", json, &created);
  g_assert_cmpuint (created.status, ==, SOUP_STATUS_CREATED);
  library = sw_test_reply_object (&created);
  id = json_object_get_string_member (library, "id");
  g_assert_nonnull (id);
  g_assert_cmpstr (json_object_get_string_member (library, "name"), ==, "Music");
  g_assert_cmpstr (json_object_get_string_member (library, "path"), ==, fixture->music);
  g_assert_cmpstr (json_object_get_string_member (library, "type"), ==, "regular");
  g_assert_cmpstr (json_object_get_string_member (library, "source"), ==, "manual");
  g_assert_cmpint (json_object_get_int_member (library, "fs_watch"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (library, "fs_poll_interval"), ==, 60);
  g_assert_false (json_object_get_boolean_member (library, "nfo_lock_data"));
  g_assert_cmpstr (json_object_get_string_member (library, "shared_fs_status"), ==, "");
  g_assert_true (json_object_has_member (library, "created_at"));
  g_assert_false (json_object_has_member (library, "connection_id"));

  sw_test_server_call (fixture, "GET", "/libraries", NULL, &list);
  g_assert_cmpuint (list.status, ==, SOUP_STATUS_OK);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (list.body));
  array = json_node_get_array (list.body);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "id"), ==, id);

  path = g_strdup_printf ("/libraries/%s", id);
  sw_test_server_call (fixture, "GET", path, NULL, &got);
  g_assert_cmpuint (got.status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (json_object_get_string_member (
    json_object_get_object_member (sw_test_reply_object (&got), "library"), "name"), ==, "Music");
  g_assert_cmpint (json_object_get_int_member (sw_test_reply_object (&got), "artist_count"), ==, 0);

  sw_test_server_call (fixture, "PUT", path, "{\"name\": \"Renamed\", \"fs_watch\": 3, "
                                             "\"fs_poll_interval\": 900, \"nfo_lock_data\": true}",
                       &updated);
  g_assert_cmpuint (updated.status, ==, SOUP_STATUS_OK);
  library = sw_test_reply_object (&updated);
  g_assert_cmpstr (json_object_get_string_member (library, "name"), ==, "Renamed");
  g_assert_cmpstr (json_object_get_string_member (library, "path"), ==, fixture->music);
  g_assert_cmpint (json_object_get_int_member (library, "fs_watch"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (library, "fs_poll_interval"), ==, 900);
  g_assert_true (json_object_get_boolean_member (library, "nfo_lock_data"));

  /* Empty strings keep what is there. */
  sw_test_server_call (fixture, "PUT", path, "{\"name\": \"\", \"path\": \"\", \"type\": \"\"}",
                       &kept);
  g_assert_cmpuint (kept.status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (json_object_get_string_member (sw_test_reply_object (&kept), "name"), ==,
                   "Renamed");
  g_assert_cmpstr (json_object_get_string_member (sw_test_reply_object (&kept), "path"), ==,
                   fixture->music);

  sw_test_server_call (fixture, "DELETE", path, NULL, &deleted);
  g_assert_cmpuint (deleted.status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (json_object_get_string_member (sw_test_reply_object (&deleted), "status"), ==,
                   "deleted");
  g_assert_cmpint (sw_test_server_query_int (fixture, "SELECT count(*) FROM libraries"), ==, 0);

  sw_test_server_call (fixture, "GET", path, NULL, &gone);
  sw_test_reply_assert_error (&gone, SOUP_STATUS_NOT_FOUND);
}

static void
test_form_bodies (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(SwTestReply) created = { 0 };
  g_auto(SwTestReply) updated = { 0 };
  g_auto(SwTestReply) bad = { 0 };
  g_autofree char *encoded = g_uri_escape_string (fixture->music, NULL, FALSE);
  g_autofree char *form = g_strdup_printf ("name=Form+music&path=%s&type=regular", encoded);
  g_autofree char *path = NULL;
  JsonObject *library;

  send_form (fixture, "POST", "/libraries", form, &created);
  g_assert_cmpuint (created.status, ==, SOUP_STATUS_CREATED);
  library = sw_test_reply_object (&created);
  g_assert_cmpstr (json_object_get_string_member (library, "name"), ==, "Form music");
  g_assert_cmpstr (json_object_get_string_member (library, "path"), ==, fixture->music);

  /* A checked checkbox sends "on". */
  path = g_strdup_printf ("/libraries/%s", json_object_get_string_member (library, "id"));
  send_form (fixture, "PUT", path, "nfo_lock_data=on&fs_watch=2&fs_poll_interval=300",
             &updated);
  g_assert_cmpuint (updated.status, ==, SOUP_STATUS_OK);
  library = sw_test_reply_object (&updated);
  g_assert_true (json_object_get_boolean_member (library, "nfo_lock_data"));
  g_assert_cmpint (json_object_get_int_member (library, "fs_watch"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (library, "fs_poll_interval"), ==, 300);
  g_assert_cmpstr (json_object_get_string_member (library, "name"), ==, "Form music");

  send_form (fixture, "PUT", path, "fs_watch=often", &bad);
  sw_test_reply_assert_error (&bad, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpint (sw_test_server_query_int (fixture, "SELECT fs_watch FROM libraries"), ==, 2);
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *file = g_build_filename (fixture->dir, "a-file", NULL);
  g_autofree char *id = post_library (fixture, "Music", fixture->music);
  g_autofree char *path = g_strdup_printf ("/libraries/%s", id);
  g_autofree char *relative = g_strdup ("{\"name\": \"R\", \"path\": \"music/rock\"}");
  g_autofree char *missing = g_strdup_printf ("{\"name\": \"M\", \"path\": \"%s/missing\"}",
                                              fixture->dir);
  g_autofree char *not_dir = g_strdup_printf ("{\"name\": \"F\", \"path\": \"%s\"}", file);
  g_autofree char *dotdot = g_strdup_printf ("{\"name\": \"D\", \"path\": \"%s/../music\"}",
                                             fixture->music);
  g_autofree char *duplicate = g_strdup_printf ("{\"name\": \"MUSIC\", \"path\": \"%s\"}",
                                                fixture->music);
  g_autofree char *stored = NULL;
  struct
  {
    const char *method;
    const char *path;
    const char *body;
    guint status;
  } cases[] = {
    { "POST", "/libraries", relative, SOUP_STATUS_BAD_REQUEST },
    { "POST", "/libraries", missing, SOUP_STATUS_BAD_REQUEST },
    { "POST", "/libraries", not_dir, SOUP_STATUS_BAD_REQUEST },
    { "POST", "/libraries", dotdot, SOUP_STATUS_BAD_REQUEST },
    { "POST", "/libraries", duplicate, SOUP_STATUS_CONFLICT },
    { "POST", "/libraries", "{\"name\": \"X\", \"type\": \"classical\"}", SOUP_STATUS_BAD_REQUEST },
    { "POST", "/libraries", "{\"path\": \"/\"}", SOUP_STATUS_BAD_REQUEST },
    { "POST", "/libraries", "{\"name\": 42}", SOUP_STATUS_BAD_REQUEST },
    { "POST", "/libraries", "{\"name\": \"X\"", SOUP_STATUS_BAD_REQUEST },
    { "POST", "/libraries", "[\"X\"]", SOUP_STATUS_BAD_REQUEST },
    { "POST", "/libraries", "", SOUP_STATUS_BAD_REQUEST },
    { "PUT", path, "{\"fs_watch\": 9}", SOUP_STATUS_BAD_REQUEST },
    { "PUT", path, "{\"fs_watch\": \"1\"}", SOUP_STATUS_BAD_REQUEST },
    { "PUT", path, "{\"fs_watch\": 99999999999}", SOUP_STATUS_BAD_REQUEST },
    { "PUT", path, "{\"fs_poll_interval\": 61}", SOUP_STATUS_BAD_REQUEST },
    { "PUT", path, "{\"nfo_lock_data\": \"yes\"}", SOUP_STATUS_BAD_REQUEST },
    { "PUT", path, relative, SOUP_STATUS_BAD_REQUEST },
    { "PUT", path, "{oops}", SOUP_STATUS_BAD_REQUEST },
    { "GET", "/libraries/nope", NULL, SOUP_STATUS_NOT_FOUND },
    { "PUT", "/libraries/nope", "{\"name\": \"Y\"}", SOUP_STATUS_NOT_FOUND },
    { "DELETE", "/libraries/nope", NULL, SOUP_STATUS_NOT_FOUND },
    { "DELETE", "/libraries/nope?deleteArtists=maybe", NULL, SOUP_STATUS_BAD_REQUEST },
  };

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  stored = g_strdup_printf ("SELECT count(*) FROM libraries WHERE name = 'Music' AND "
                            "path = '%s' AND fs_watch = 0 AND fs_poll_interval = 60 AND "
                            "nfo_lock_data = 0", fixture->music);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SwTestReply) reply = { 0 };

      g_test_message ("%s %s %s", cases[i].method, cases[i].path,
                      cases[i].body ? cases[i].body : "");
      sw_test_server_call (fixture, cases[i].method, cases[i].path, cases[i].body, &reply);
      sw_test_reply_assert_error (&reply, cases[i].status);

      /* Nothing changed. */
      g_assert_cmpint (sw_test_server_query_int (fixture, "SELECT count(*) FROM libraries"), ==, 1);
      g_assert_cmpint (sw_test_server_query_int (fixture, "%s", stored), ==, 1);
    }
}

static void
test_delete_artists (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SwEvents) events = sw_events_new ();
  g_autoptr(SwArtistService) service = sw_artist_service_new (fixture->store, events);
  g_autoptr(GError) error = NULL;
  g_autofree char *keep_id = post_library (fixture, "Keep", "");
  g_autofree char *purge_id = post_library (fixture, "Purge", "");
  g_autofree char *keep_path = g_strdup_printf ("/libraries/%s", keep_id);
  g_autofree char *purge_path = g_strdup_printf ("/libraries/%s?deleteArtists=true", purge_id);
  g_autofree char *sql = NULL;
  g_auto(SwTestReply) counted = { 0 };
  g_auto(SwTestReply) kept = { 0 };
  g_auto(SwTestReply) purged = { 0 };
  const char *names[] = { "Known", "Unknown", "Purged" };
  SwArtist *artists[3];

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      artists[i] = sw_artist_new ();
      artists[i]->name = g_strdup (names[i]);
      g_ptr_array_add (batch, g_object_ref (artists[i]));
      g_assert_true (sw_artist_service_create (service, batch, i < 2 ? keep_id : purge_id,
                                               &error));
      g_assert_no_error (error);
    }
  g_assert_true (sw_artist_service_update_field (service, artists[2]->id, "biography", "Bio",
                                                 "manual", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sw_store_exec (fixture->store,
                                "INSERT INTO connections (id, name, type, url, created_at, "
                                "updated_at) VALUES ('c', 'Emby', 'emby', 'http://e', 'x', 'x')",
                                &error));
  sql = g_strdup_printf ("INSERT INTO artist_platform_ids (artist_id, connection_id, "
                         "platform_artist_id, created_at, updated_at) "
                         "VALUES ('%s', 'c', 'e1', 'x', 'x')", artists[0]->id);
  g_assert_true (sw_store_exec (fixture->store, sql, &error));
  g_assert_no_error (error);

  sw_test_server_call (fixture, "GET", keep_path, NULL, &counted);
  g_assert_cmpint (json_object_get_int_member (sw_test_reply_object (&counted), "artist_count"), ==,
                   2);

  /* Default: memberships go; the artist known to a media server stays, the other one
   * could never be reached again and goes. */
  sw_test_server_call (fixture, "DELETE", keep_path, NULL, &kept);
  g_assert_cmpuint (kept.status, ==, SOUP_STATUS_OK);
  g_assert_cmpint (sw_test_server_query_int (fixture,
                                             "SELECT count(*) FROM artists WHERE id = '%s'",
                                             artists[0]->id), ==, 1);
  g_assert_cmpint (sw_test_server_query_int (fixture,
                                             "SELECT count(*) FROM artists WHERE id = '%s'",
                                             artists[1]->id), ==, 0);
  g_assert_cmpint (sw_test_server_query_int (fixture, "SELECT count(*) FROM artist_libraries "
                                                      "WHERE library_id = '%s'", keep_id), ==, 0);

  sw_test_server_call (fixture, "DELETE", purge_path, NULL, &purged);
  g_assert_cmpuint (purged.status, ==, SOUP_STATUS_OK);
  g_assert_cmpint (sw_test_server_query_int (fixture,
                                             "SELECT count(*) FROM artists WHERE id = '%s'",
                                             artists[2]->id), ==, 0);
  /* History stays. */
  g_assert_cmpint (sw_test_server_query_int (fixture,
                                             "SELECT count(*) FROM metadata_changes "
                                             "WHERE artist_id = '%s'", artists[2]->id), ==, 1);
  g_assert_cmpint (sw_test_server_query_int (fixture, "SELECT count(*) FROM libraries"), ==, 0);

  for (guint i = 0; i < 3; i++)
    g_object_unref (artists[i]);
}

static void
test_auth (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *id = post_library (fixture, "Music", "");
  g_autofree char *path = g_strdup_printf ("/libraries/%s", id);
  g_autofree char *status_path = g_strdup_printf ("/libraries/%s/operation/status", id);
  const char *body = "{\"name\": \"Other\"}";
  struct
  {
    const char *method;
    const char *path;
    const char *body;
  } writes[] = {
    { "POST", "/libraries", body },
    { "PUT", path, body },
    { "DELETE", path, NULL },
  };
  g_auto(SwTestReply) anonymous = { 0 };
  g_auto(SwTestReply) read_list = { 0 };
  g_auto(SwTestReply) read_one = { 0 };
  g_auto(SwTestReply) operator_list = { 0 };
  g_auto(SwTestReply) not_built = { 0 };

  sw_test_server_send (fixture, "GET", "/libraries", NULL, NULL, &anonymous);
  sw_test_reply_assert_error (&anonymous, SOUP_STATUS_UNAUTHORIZED);

  sw_test_server_send (fixture, "GET", "/libraries", fixture->read_token, NULL, &read_list);
  g_assert_cmpuint (read_list.status, ==, SOUP_STATUS_OK);
  sw_test_server_send (fixture, "GET", path, fixture->read_token, NULL, &read_one);
  g_assert_cmpuint (read_one.status, ==, SOUP_STATUS_OK);
  sw_test_server_send (fixture, "GET", "/libraries", fixture->operator_token, NULL, &operator_list);
  g_assert_cmpuint (operator_list.status, ==, SOUP_STATUS_OK);

  for (gsize i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      g_auto(SwTestReply) operator = { 0 };

      /* Without a token, or with one that lacks the write scope. */
      sw_test_server_assert_guarded (fixture, writes[i].method, writes[i].path, writes[i].body);
      /* Changing libraries is for administrators. */
      sw_test_server_send (fixture, writes[i].method, writes[i].path, fixture->operator_token,
                           writes[i].body, &operator);
      sw_test_reply_assert_error (&operator, SOUP_STATUS_FORBIDDEN);
    }
  g_assert_cmpint (sw_test_server_query_int (fixture,
                                             "SELECT count(*) FROM libraries WHERE name = 'Music'"),
                   ==, 1);
  g_assert_cmpint (sw_test_server_query_int (fixture, "SELECT count(*) FROM libraries"), ==, 1);

  /* Operation status waits for the scanner. */
  sw_test_server_call (fixture, "GET", status_path, NULL, &not_built);
  g_assert_cmpuint (not_built.status, ==, SOUP_STATUS_NOT_IMPLEMENTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) sw_test_server_add (path, SW_TEST_SERVER_MUSIC, func)
  ADD ("/server/libraries/lifecycle", test_lifecycle);
  ADD ("/server/libraries/form-bodies", test_form_bodies);
  ADD ("/server/libraries/bad-input", test_bad_input);
  ADD ("/server/libraries/delete-artists", test_delete_artists);
  ADD ("/server/libraries/auth", test_auth);
#undef ADD

  return g_test_run ();
}

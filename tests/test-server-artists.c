/* test-server-artists.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sw-artist-private.h"
#include "sw-library-service.h"
#include "sw-preferences.h"
#include "sw-settings.h"
#include "sw-test-server.h"
#include "sw-user-private.h"

/* The artist routes (list, badge, one artist, locks, duplicates, members, folder
 * rename) through the real server on a loopback port, with a real SoupSession, over a
 * real store whose artists are made with SwArtistService. */

/* A bus with an artist service, a music folder; the operator's token by default. */
typedef SwTestServer Fixture;

#define FIXTURE_FLAGS \
  (SW_TEST_SERVER_MUSIC | SW_TEST_SERVER_EVENTS | SW_TEST_SERVER_CALL_AS_OPERATOR)

/* The names of the artists of a list reply, in order, joined with ",". */
static char *
listed_names (SwTestReply *reply)
{
  JsonArray *artists;
  GString *names = g_string_new (NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  artists = json_object_get_array_member (sw_test_reply_object (reply), "artists");
  for (guint i = 0; i < json_array_get_length (artists); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "," : "",
                            json_object_get_string_member (
                              json_array_get_object_element (artists, i), "name"));
  return g_string_free (names, FALSE);
}

/* GET /artists ---------------------------------------------------------------------------- */

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *abba = sw_test_server_add_artist (fixture, "ABBA", NULL, NULL);
  g_autofree char *cure = sw_test_server_add_artist (fixture, "The Cure", NULL, NULL);
  g_autofree char *bjork = sw_test_server_add_artist (fixture, "Björk", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(SwTestReply) all = { 0 };
  g_auto(SwTestReply) desc = { 0 };
  g_auto(SwTestReply) search = { 0 };
  g_auto(SwTestReply) group = { 0 };
  g_auto(SwTestReply) ids = { 0 };
  g_autofree char *ids_path = g_strdup_printf ("/artists?ids=%s,not%%20an%%20id,%s", abba, cure);
  JsonObject *object;

  g_assert_true (sw_artist_service_update_field (fixture->artists, cure, "type", "group",
                                                 "manual", NULL, &error));
  g_assert_no_error (error);

  sw_test_server_call (fixture, "GET", "/artists", NULL, &all);
  object = sw_test_reply_object (&all);
  g_assert_cmpint (json_object_get_int_member (object, "total"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "page"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "page_size"), ==, 50);
  {
    g_autofree char *names = listed_names (&all);

    g_assert_cmpstr (names, ==, "ABBA,Björk,The Cure");
  }
  /* Every artist has the contract's required members. */
  {
    JsonObject *first = json_array_get_object_element (
      json_object_get_array_member (object, "artists"), 0);

    g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, abba);
    g_assert_true (json_object_has_member (first, "locked"));
    g_assert_true (json_object_has_member (first, "genres"));
    g_assert_true (json_object_has_member (first, "created_at"));
  }

  sw_test_server_call (fixture, "GET", "/artists?sort=name&order=desc", NULL, &desc);
  {
    g_autofree char *names = listed_names (&desc);

    g_assert_cmpstr (names, ==, "The Cure,Björk,ABBA");
  }

  sw_test_server_call (fixture, "GET", "/artists?search=bj%C3%B6", NULL, &search);
  {
    g_autofree char *names = listed_names (&search);

    g_assert_cmpstr (names, ==, "Björk");
  }

  sw_test_server_call (fixture, "GET", "/artists?filter_type_group=%2By", NULL, &group);
  {
    g_autofree char *names = listed_names (&group);

    g_assert_cmpstr (names, ==, "The Cure");
  }

  /* Tokens that are not ids are dropped. */
  sw_test_server_call (fixture, "GET", ids_path, NULL, &ids);
  {
    g_autofree char *names = listed_names (&ids);

    g_assert_cmpstr (names, ==, "ABBA,The Cure");
  }
}

static void
test_list_paging (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(SwSettings) settings = sw_settings_new (fixture->store);
  g_autoptr(SwPreferences) preferences = sw_preferences_new (fixture->store, settings);
  g_autoptr(GError) error = NULL;
  struct
  {
    const char *path;
    gint64 page_size;
  } cases[] = {
    { "/artists?page_size=0", 10 },
    { "/artists?page_size=10000", 500 },
    { "/artists?page_size=25", 25 },
    { "/artists?page_size=lots", 50 },
  };

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("Artist %02u", i);
      g_autofree char *id = sw_test_server_add_artist (fixture, name, NULL, NULL);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SwTestReply) reply = { 0 };

      sw_test_server_call (fixture, "GET", cases[i].path, NULL, &reply);
      g_assert_cmpuint (reply.status, ==, 200);
      g_assert_cmpint (json_object_get_int_member (sw_test_reply_object (&reply), "page_size"), ==,
                       cases[i].page_size);
    }

  /* The second page of ten holds the last two; a page past the end is empty. */
  {
    g_auto(SwTestReply) second = { 0 };
    g_auto(SwTestReply) beyond = { 0 };
    g_autofree char *names = NULL;

    sw_test_server_call (fixture, "GET", "/artists?page=2&page_size=10", NULL, &second);
    names = listed_names (&second);
    g_assert_cmpstr (names, ==, "Artist 10,Artist 11");
    g_assert_cmpint (json_object_get_int_member (sw_test_reply_object (&second), "total"), ==, 12);
    sw_test_server_call (fixture, "GET", "/artists?page=9&page_size=10", NULL, &beyond);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        sw_test_reply_object (&beyond), "artists")), ==, 0);
  }

  /* Without page_size (or with an empty one), the caller's preference applies. */
  g_assert_true (sw_preferences_set (preferences, fixture->operator->id, "page_size", "20", NULL,
                                     &error));
  g_assert_no_error (error);
  {
    g_auto(SwTestReply) reply = { 0 };
    g_auto(SwTestReply) empty = { 0 };

    sw_test_server_call (fixture, "GET", "/artists", NULL, &reply);
    g_assert_cmpint (json_object_get_int_member (sw_test_reply_object (&reply), "page_size"), ==,
                     20);
    sw_test_server_call (fixture, "GET", "/artists?page_size=&sort=", NULL, &empty);
    g_assert_cmpint (json_object_get_int_member (sw_test_reply_object (&empty), "page_size"), ==,
                     20);
  }
}

static void
test_list_libraries (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SwLibrary) draft = sw_library_new ();
  g_autoptr(SwLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *library_id = NULL;
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  g_autofree char *include = NULL;
  g_autofree char *exclude = NULL;
  g_autofree char *by_id = NULL;

  g_object_set (draft, "name", "Main", "path", fixture->music, NULL);
  library = sw_library_service_create (fixture->store, draft, &error);
  g_assert_no_error (error);
  g_object_get (library, "id", &library_id, NULL);

  in = sw_test_server_add_artist (fixture, "Inside", NULL, library_id);
  out = sw_test_server_add_artist (fixture, "Outside", NULL, NULL);
  include = g_strdup_printf ("/artists?filter_library_%s=%%2By", library_id);
  exclude = g_strdup_printf ("/artists?filter_library_%s=-y", library_id);
  by_id = g_strdup_printf ("/artists?library_id=%s", library_id);

  {
    g_auto(SwTestReply) reply = { 0 };
    g_autofree char *names = NULL;

    sw_test_server_call (fixture, "GET", include, NULL, &reply);
    names = listed_names (&reply);
    g_assert_cmpstr (names, ==, "Inside");
  }
  {
    g_auto(SwTestReply) reply = { 0 };
    g_autofree char *names = NULL;

    sw_test_server_call (fixture, "GET", exclude, NULL, &reply);
    names = listed_names (&reply);
    g_assert_cmpstr (names, ==, "Outside");
  }
  {
    g_auto(SwTestReply) reply = { 0 };
    g_autofree char *names = NULL;

    sw_test_server_call (fixture, "GET", by_id, NULL, &reply);
    names = listed_names (&reply);
    g_assert_cmpstr (names, ==, "Inside");
  }
}

static void
test_list_bad_input (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *paths[] = {
    "/artists?sort=shoe_size",
    "/artists?order=sideways",
    "/artists?filter_missing_mbid=maybe",
    "/artists?filter=no_such_filter",
    "/artists?filter_library_no-such-library=%2By",
    "/artists?filter_library_=%2By",
    "/artists?filter_library_a%2F..=-y",
    "/artists?library_id=no-such-library",
    "/artists?search=a%00b",
    "/artists?search=%FF%FE",
    "/artists/locked?sort=shoe_size",
  };
  g_autofree char *id = sw_test_server_add_artist (fixture, "Kept", NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(SwTestReply) reply = { 0 };

      sw_test_server_call (fixture, "GET", paths[i], NULL, &reply);
      sw_test_reply_assert_error (&reply, 400);
    }

  /* A bad escape in the URL is refused before any route sees it. */
  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_call (fixture, "GET", "/artists?search=%zz", NULL, &reply);
    g_assert_cmpuint (reply.status, ==, 400);
  }
}

/* Badge, one artist, duplicates ---------------------------------------------------------- */

static void
test_badge (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(SwTestReply) empty = { 0 };
  g_auto(SwTestReply) counted = { 0 };

  /* No artists: an empty fragment ("show nothing"), never a 0. */
  sw_test_server_call (fixture, "GET", "/artists/badge", NULL, &empty);
  g_assert_cmpuint (empty.status, ==, 200);
  g_assert_cmpstr (empty.content_type, ==, "text/html");
  g_assert_cmpstr (empty.text, ==, "");

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Band %u", i);
      g_autofree char *id = sw_test_server_add_artist (fixture, name, NULL, NULL);
    }

  sw_test_server_call (fixture, "GET", "/artists/badge", NULL, &counted);
  g_assert_cmpuint (counted.status, ==, 200);
  g_assert_cmpstr (counted.content_type, ==, "text/html");
  g_assert_nonnull (strstr (counted.text, ">3</span>"));
  g_assert_true (g_str_has_prefix (counted.text, "<span class=\"badge\""));
}

static void
test_get_artist (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *id = sw_test_server_add_artist (fixture, "Queen", "Queen", NULL);
  g_autofree char *path = g_strdup_printf ("/artists/%s", id);
  g_autofree char *members_path = g_strdup_printf ("/artists/%s/members/from-provider", id);
  g_auto(SwTestReply) bare = { 0 };
  g_auto(SwTestReply) saved = { 0 };
  g_auto(SwTestReply) full = { 0 };
  g_auto(SwTestReply) missing = { 0 };
  JsonObject *object;
  JsonArray *members;

  sw_test_server_call (fixture, "GET", path, NULL, &bare);
  g_assert_cmpuint (bare.status, ==, 200);
  object = sw_test_reply_object (&bare);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "artist"),
                                                  "name"), ==, "Queen");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "members")),
                    ==, 0);

  sw_test_server_call (fixture, "POST", members_path,
                       "[{\"name\": \"Freddie Mercury\", \"instruments\": [\"vocals\", \"piano\"], "
                       "\"date_joined\": \"1970\", \"is_active\": false},"
                       " {\"name\": \"Brian May\", \"mbid\": null, \"instruments\": [\"guitar\"]}]",
                       &saved);
  g_assert_cmpuint (saved.status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sw_test_reply_object (&saved), "status"), ==,
                   "saved");

  sw_test_server_call (fixture, "GET", path, NULL, &full);
  members = json_object_get_array_member (sw_test_reply_object (&full), "members");
  g_assert_cmpuint (json_array_get_length (members), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (members, 0),
                                                  "member_name"), ==, "Freddie Mercury");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (members, 0),
                                                  "artist_id"), ==, id);

  sw_test_server_call (fixture, "GET", "/artists/no-such-artist", NULL, &missing);
  sw_test_reply_assert_error (&missing, 404);
}

static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *cure = sw_test_server_add_artist (fixture, "The Cure", NULL, NULL);
  g_autofree char *cure_again = sw_test_server_add_artist (fixture, "Cure", NULL, NULL);
  g_autofree char *other = sw_test_server_add_artist (fixture, "Abba", NULL, NULL);
  g_auto(SwTestReply) reply = { 0 };
  JsonArray *groups;
  JsonObject *group;
  JsonArray *artists;

  sw_test_server_call (fixture, "GET", "/artists/duplicates", NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (reply.body));
  groups = json_node_get_array (reply.body);
  g_assert_cmpuint (json_array_get_length (groups), ==, 1);

  group = json_array_get_object_element (groups, 0);
  g_assert_nonnull (strstr (json_object_get_string_member (group, "reason"), "Cure"));
  artists = json_object_get_array_member (group, "artists");
  g_assert_cmpuint (json_array_get_length (artists), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const char *id = json_object_get_string_member (json_array_get_object_element (artists, i),
                                                      "id");

      g_assert_true (g_str_equal (id, cure) || g_str_equal (id, cure_again));
    }
}

/* Locks ---------------------------------------------------------------------------------- */

static void
test_artist_lock (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *id = sw_test_server_add_artist (fixture, "Tool", NULL, NULL);
  g_autofree char *other = sw_test_server_add_artist (fixture, "Yes", NULL, NULL);
  g_autofree char *path = g_strdup_printf ("/artists/%s/lock", id);
  g_auto(SwTestReply) locked = { 0 };
  g_auto(SwTestReply) again = { 0 };
  g_auto(SwTestReply) listed = { 0 };
  g_auto(SwTestReply) unlocked = { 0 };
  g_auto(SwTestReply) twice = { 0 };
  g_auto(SwTestReply) missing = { 0 };
  g_autoptr(GError) error = NULL;
  JsonObject *artist;

  sw_test_server_call (fixture, "POST", path, NULL, &locked);
  g_assert_cmpuint (locked.status, ==, 200);
  artist = sw_test_reply_object (&locked);
  g_assert_cmpstr (json_object_get_string_member (artist, "id"), ==, id);
  g_assert_true (json_object_get_boolean_member (artist, "locked"));
  g_assert_cmpstr (json_object_get_string_member (artist, "lock_source"), ==, "user");
  g_assert_true (json_object_has_member (artist, "locked_at"));

  sw_test_server_call (fixture, "POST", path, NULL, &again);
  sw_test_reply_assert_error (&again, 409);

  sw_test_server_call (fixture, "GET", "/artists/locked", NULL, &listed);
  {
    g_autofree char *names = listed_names (&listed);

    g_assert_cmpstr (names, ==, "Tool");
  }

  /* Automation may not change a locked artist; the operator still may. */
  g_assert_false (sw_artist_service_update_field (fixture->artists, id, "origin", "USA",
                                                  "provider:musicbrainz", NULL, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  {
    g_autofree char *field_path = g_strdup_printf ("/artists/%s/fields/origin", id);
    g_auto(SwTestReply) edit = { 0 };
    g_autoptr(SwArtist) artist_now = NULL;

    sw_test_server_call (fixture, "PATCH", field_path, "{\"value\": \"Los Angeles\"}", &edit);
    g_assert_cmpuint (edit.status, ==, 200);
    artist_now = sw_test_server_get_artist (fixture, id);
    g_assert_cmpstr (artist_now->origin, ==, "Los Angeles");
  }

  sw_test_server_call (fixture, "DELETE", path, NULL, &unlocked);
  g_assert_cmpuint (unlocked.status, ==, 200);
  g_assert_false (json_object_get_boolean_member (sw_test_reply_object (&unlocked), "locked"));
  g_assert_false (json_object_has_member (sw_test_reply_object (&unlocked), "lock_source"));

  sw_test_server_call (fixture, "DELETE", path, NULL, &twice);
  sw_test_reply_assert_error (&twice, 409);

  sw_test_server_call (fixture, "POST", "/artists/no-such-artist/lock", NULL, &missing);
  sw_test_reply_assert_error (&missing, 404);
}

static gboolean
has_locked_field (JsonObject *artist,
                  const char *field)
{
  JsonArray *fields;

  if (!json_object_has_member (artist, "locked_fields"))
    return FALSE;
  fields = json_object_get_array_member (artist, "locked_fields");
  for (guint i = 0; i < json_array_get_length (fields); i++)
    if (g_str_equal (json_array_get_string_element (fields, i), field))
      return TRUE;
  return FALSE;
}

static void
test_field_locks (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *id = sw_test_server_add_artist (fixture, "Muse", NULL, NULL);
  g_autofree char *path = g_strdup_printf ("/artists/%s/field-locks/Biography", id);
  g_autofree char *bad_field = g_strdup_printf ("/artists/%s/field-locks/shoe_size", id);
  g_autofree char *edit_path = g_strdup_printf ("/artists/%s/fields/biography", id);
  g_auto(SwTestReply) locked = { 0 };
  g_auto(SwTestReply) edited = { 0 };
  g_auto(SwTestReply) unlocked = { 0 };
  g_auto(SwTestReply) bad = { 0 };
  g_auto(SwTestReply) missing = { 0 };
  g_autoptr(GError) error = NULL;

  /* Field names are lowercased. */
  sw_test_server_call (fixture, "POST", path, NULL, &locked);
  g_assert_cmpuint (locked.status, ==, 200);
  g_assert_true (has_locked_field (sw_test_reply_object (&locked), "biography"));

  /* A locked field refuses automation, not the operator. */
  g_assert_false (sw_artist_service_update_field (fixture->artists, id, "biography", "Scraped",
                                                  "provider:lastfm", NULL, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT);
  sw_test_server_call (fixture, "PATCH", edit_path, "{\"value\": \"Written by hand\"}", &edited);
  g_assert_cmpuint (edited.status, ==, 200);

  sw_test_server_call (fixture, "DELETE", path, NULL, &unlocked);
  g_assert_cmpuint (unlocked.status, ==, 200);
  g_assert_false (has_locked_field (sw_test_reply_object (&unlocked), "biography"));

  sw_test_server_call (fixture, "POST", bad_field, NULL, &bad);
  sw_test_reply_assert_error (&bad, 400);
  sw_test_server_call (fixture, "POST", "/artists/no-such-artist/field-locks/biography", NULL,
                       &missing);
  sw_test_reply_assert_error (&missing, 404);
}

static void
add_image (Fixture    *fixture,
           const char *image_id,
           const char *artist_id,
           const char *type)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO artist_images (id, artist_id, image_type, slot_index, exists_flag) "
    "VALUES ('%s', '%s', '%s', 0, 1)", image_id, artist_id, type);

  g_assert_true (sw_store_exec (fixture->store, sql, &error));
  g_assert_no_error (error);
}

static void
test_image_locks (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *id = sw_test_server_add_artist (fixture, "Blur", NULL, NULL);
  g_autofree char *other = sw_test_server_add_artist (fixture, "Oasis", NULL, NULL);
  g_autofree char *path = g_strdup_printf ("/artists/%s/image-locks/img-thumb", id);
  g_autofree char *foreign = g_strdup_printf ("/artists/%s/image-locks/img-oasis", id);
  g_autofree char *unknown = g_strdup_printf ("/artists/%s/image-locks/no-such-image", id);
  g_auto(SwTestReply) locked = { 0 };
  g_auto(SwTestReply) unlocked = { 0 };
  g_auto(SwTestReply) not_its = { 0 };
  g_auto(SwTestReply) missing = { 0 };
  JsonArray *images;

  add_image (fixture, "img-thumb", id, "thumb");
  add_image (fixture, "img-fanart", id, "fanart");
  add_image (fixture, "img-oasis", other, "thumb");

  sw_test_server_call (fixture, "POST", path, NULL, &locked);
  g_assert_cmpuint (locked.status, ==, 200);
  images = json_object_get_array_member (sw_test_reply_object (&locked), "images");
  g_assert_cmpuint (json_array_get_length (images), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (images, 0), "id"),
                   ==, "img-thumb");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (images, 0),
                                                 "locked"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (images, 1),
                                                  "locked"));

  sw_test_server_call (fixture, "DELETE", path, NULL, &unlocked);
  g_assert_cmpuint (unlocked.status, ==, 200);
  images = json_object_get_array_member (sw_test_reply_object (&unlocked), "images");
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (images, 0),
                                                  "locked"));

  /* Another artist's image is not found for this one. */
  sw_test_server_call (fixture, "POST", foreign, NULL, &not_its);
  sw_test_reply_assert_error (&not_its, 404);
  sw_test_server_call (fixture, "POST", unknown, NULL, &missing);
  sw_test_reply_assert_error (&missing, 404);
}

/* Aliases -------------------------------------------------------------------------------- */

static char *
alias_names (Fixture    *fixture,
             const char *path)
{
  g_auto(SwTestReply) reply = { 0 };
  GString *names = g_string_new (NULL);
  JsonArray *aliases;

  sw_test_server_call (fixture, "GET", path, NULL, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (reply.body));
  aliases = json_node_get_array (reply.body);
  for (guint i = 0; i < json_array_get_length (aliases); i++)
    {
      JsonObject *alias = json_array_get_object_element (aliases, i);

      g_string_append_printf (names, "%s%s:%s", i > 0 ? "," : "",
                              json_object_get_string_member (alias, "alias"),
                              json_object_get_string_member (alias, "source"));
    }
  return g_string_free (names, FALSE);
}

static void
test_aliases (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *id = sw_test_server_add_artist (fixture, "The Beatles", NULL, NULL);
  g_autofree char *other = sw_test_server_add_artist (fixture, "The Rutles", NULL, NULL);
  g_autofree char *path = g_strdup_printf ("/artists/%s/aliases", id);
  g_autofree char *other_path = g_strdup_printf ("/artists/%s/aliases", other);
  g_autofree char *lock = g_strdup_printf ("/artists/%s/lock", id);
  g_autofree char *alias_id = NULL;
  g_autofree char *delete_path = NULL;
  g_autofree char *foreign_delete = NULL;
  g_auto(SwTestReply) created = { 0 };
  g_auto(SwTestReply) form = { 0 };
  g_auto(SwTestReply) provider = { 0 };
  g_auto(SwTestReply) locked = { 0 };
  g_auto(SwTestReply) deleted = { 0 };
  struct
  {
    const char *body;
    guint status;
  } refused[] = {
    { "{\"alias\": \"Fab Four\"}", 409 },
    { "{\"alias\": \"   \"}", 400 },
    { "{\"source\": \"manual\"}", 400 },
    { "{\"alias\": 4}", 400 },
    { "{\"alias\": \"Mop Tops\", \"source\": \"musicbrainz\"}", 400 },
    { "{\"alias\": \"Mop Tops\", \"source\": 1}", 400 },
    { "{\"alias\": ", 400 },
  };
  JsonObject *object;

  {
    g_autofree char *names = alias_names (fixture, path);

    g_assert_cmpstr (names, ==, "");
  }

  sw_test_server_call (fixture, "POST", path, "{\"alias\": \"  Fab Four \"}", &created);
  g_assert_cmpuint (created.status, ==, 201);
  object = sw_test_reply_object (&created);
  g_assert_cmpstr (json_object_get_string_member (object, "alias"), ==, "Fab Four");
  g_assert_cmpstr (json_object_get_string_member (object, "source"), ==, "manual");
  g_assert_cmpstr (json_object_get_string_member (object, "artist_id"), ==, id);
  alias_id = g_strdup (json_object_get_string_member (object, "id"));

  sw_test_server_request (fixture, "POST", path, fixture->operator_token,
                          "application/x-www-form-urlencoded", "alias=Beatles%2C+The",
                          SW_TEST_REQUEST_DEFAULT, &form);
  g_assert_cmpuint (form.status, ==, 201);
  sw_test_server_call (fixture, "POST", path,
                       "{\"alias\": \"Los Beatles\", \"source\": \"provider:musicbrainz\"}",
                       &provider);
  g_assert_cmpuint (provider.status, ==, 201);

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_auto(SwTestReply) reply = { 0 };

      sw_test_server_call (fixture, "POST", path, refused[i].body, &reply);
      sw_test_reply_assert_error (&reply, refused[i].status);
    }

  /* A provider's alias is automation: a locked artist refuses it, the operator's not. */
  sw_test_server_call (fixture, "POST", lock, NULL, &locked);
  g_assert_cmpuint (locked.status, ==, 200);
  {
    g_auto(SwTestReply) automated = { 0 };
    g_auto(SwTestReply) manual = { 0 };

    sw_test_server_call (fixture, "POST", path,
                         "{\"alias\": \"Mop Tops\", \"source\": \"provider:x\"}", &automated);
    sw_test_reply_assert_error (&automated, 409);
    sw_test_server_call (fixture, "POST", path, "{\"alias\": \"Mop Tops\"}", &manual);
    g_assert_cmpuint (manual.status, ==, 201);
  }

  {
    g_autofree char *names = alias_names (fixture, path);

    g_assert_cmpstr (names, ==, "Beatles, The:manual,Fab Four:manual,"
                                "Los Beatles:provider:musicbrainz,Mop Tops:manual");
  }

  /* Another artist's alias is not found for this one. */
  foreign_delete = g_strdup_printf ("%s/%s", other_path, alias_id);
  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_call (fixture, "DELETE", foreign_delete, NULL, &reply);
    sw_test_reply_assert_error (&reply, 404);
  }

  delete_path = g_strdup_printf ("%s/%s", path, alias_id);
  sw_test_server_call (fixture, "DELETE", delete_path, NULL, &deleted);
  g_assert_cmpuint (deleted.status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sw_test_reply_object (&deleted), "status"), ==,
                   "deleted");
  {
    g_auto(SwTestReply) again = { 0 };
    g_autofree char *names = alias_names (fixture, path);

    g_assert_null (strstr (names, "Fab Four"));
    sw_test_server_call (fixture, "DELETE", delete_path, NULL, &again);
    sw_test_reply_assert_error (&again, 404);
  }

  {
    g_auto(SwTestReply) list = { 0 };
    g_auto(SwTestReply) add = { 0 };

    sw_test_server_call (fixture, "GET", "/artists/no-such-artist/aliases", NULL, &list);
    sw_test_reply_assert_error (&list, 404);
    sw_test_server_call (fixture, "POST", "/artists/no-such-artist/aliases", "{\"alias\": \"X\"}",
                         &add);
    sw_test_reply_assert_error (&add, 404);
  }
}

/* Members -------------------------------------------------------------------------------- */

static guint
n_members (Fixture    *fixture,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = sw_artist_service_list_members (fixture->artists, id, &error);

  g_assert_no_error (error);
  return members->len;
}

static void
test_members (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *id = sw_test_server_add_artist (fixture, "Band", NULL, NULL);
  g_autofree char *path = g_strdup_printf ("/artists/%s/members/from-provider", id);
  g_autofree char *clear = g_strdup_printf ("/artists/%s/members", id);
  const char *bad_bodies[] = {
    "{\"name\": \"not an array\"}",
    "[{\"name\": 42}]",
    "[{\"name\": \"Ok\", \"instruments\": \"guitar\"}]",
    "[{\"name\": \"Ok\", \"instruments\": [1]}]",
    "[{\"name\": \"Ok\", \"is_active\": \"yes\"}]",
    "[\"just a name\"]",
    "[{\"name\": \"Ok\", \"mbid\": \"not-a-uuid\"}]",
    "[{\"name\": \"   \"}]",
    "[{\"name\": \"Ok\"",
  };
  g_auto(SwTestReply) html = { 0 };
  g_auto(SwTestReply) cleared = { 0 };
  g_auto(SwTestReply) missing = { 0 };

  /* The web UI gets the members section back, every name escaped. */
  sw_test_server_request (fixture, "POST", path, fixture->operator_token, "application/json",
                          "[{\"name\": \"<script>alert(1)</script>\", \"instruments\": [\"b&ss\"]},"
                          " {\"name\": \"Drummer\", "
                          "\"mbid\": \"5b11f4ce-a62d-471e-81fc-a69a8278c7da\"}]",
                          SW_TEST_REQUEST_HTMX, &html);
  g_assert_cmpuint (html.status, ==, 200);
  g_assert_cmpstr (html.content_type, ==, "text/html");
  g_assert_null (strstr (html.text, "<script>"));
  g_assert_nonnull (strstr (html.text, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_nonnull (strstr (html.text, "b&amp;ss"));
  g_assert_cmpuint (n_members (fixture, id), ==, 2);

  /* Bad bodies are refused whole: the two members stay. */
  for (gsize i = 0; i < G_N_ELEMENTS (bad_bodies); i++)
    {
      g_auto(SwTestReply) reply = { 0 };

      sw_test_server_call (fixture, "POST", path, bad_bodies[i], &reply);
      sw_test_reply_assert_error (&reply, 400);
      g_assert_cmpuint (n_members (fixture, id), ==, 2);
    }

  sw_test_server_call (fixture, "DELETE", clear, NULL, &cleared);
  g_assert_cmpuint (cleared.status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sw_test_reply_object (&cleared), "status"), ==,
                   "cleared");
  g_assert_cmpuint (n_members (fixture, id), ==, 0);

  sw_test_server_call (fixture, "DELETE", "/artists/no-such-artist/members", NULL, &missing);
  sw_test_reply_assert_error (&missing, 404);
}

/* Folder rename ---------------------------------------------------------------------------- */

static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *id = sw_test_server_add_artist (fixture, "Pink Floyd", "Pink Floyd", NULL);
  g_autofree char *path = g_strdup_printf ("/artists/%s/rename-directory", id);
  g_autofree char *old_folder = g_build_filename (fixture->music, "Pink Floyd", NULL);
  g_autofree char *new_folder = g_build_filename (fixture->music, "Floyd, Pink", NULL);
  g_autofree char *nfo = g_build_filename (new_folder, "artist.nfo", NULL);
  g_autofree char *in_old = g_build_filename (old_folder, "artist.nfo", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SwArtist) artist = NULL;
  g_auto(SwTestReply) renamed = { 0 };
  g_auto(SwTestReply) history = { 0 };
  g_auto(SwTestReply) form = { 0 };
  g_autofree char *history_path = g_strdup_printf ("/artists/%s/history", id);
  g_autofree char *form_folder = g_build_filename (fixture->music, "Form & Name", NULL);
  JsonObject *change;

  g_assert_true (g_file_set_contents (in_old, "<artist/>", -1, &error));
  g_assert_no_error (error);

  sw_test_server_call (fixture, "POST", path, "{\"new_dirname\": \"Floyd, Pink\"}", &renamed);
  g_assert_cmpuint (renamed.status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sw_test_reply_object (&renamed), "status"), ==,
                   "renamed");
  g_assert_cmpstr (json_object_get_string_member (sw_test_reply_object (&renamed), "new_path"), ==,
                   new_folder);

  /* The folder moved with its contents, and the store followed. */
  g_assert_false (g_file_test (old_folder, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (nfo, G_FILE_TEST_IS_REGULAR));
  artist = sw_test_server_get_artist (fixture, id);
  g_assert_cmpstr (artist->path, ==, new_folder);

  /* One change, in the history. */
  sw_test_server_call (fixture, "GET", history_path, NULL, &history);
  change = json_array_get_object_element (
    json_object_get_array_member (sw_test_reply_object (&history), "changes"), 0);
  g_assert_cmpstr (json_object_get_string_member (change, "field"), ==, "path");
  g_assert_cmpstr (json_object_get_string_member (change, "old_value"), ==, old_folder);
  g_assert_cmpstr (json_object_get_string_member (change, "new_value"), ==, new_folder);
  g_assert_cmpstr (json_object_get_string_member (change, "source"), ==, "manual");

  /* The web UI posts a form. */
  sw_test_server_request (fixture, "POST", path, fixture->operator_token,
                          "application/x-www-form-urlencoded", "new_dirname=Form+%26+Name",
                          SW_TEST_REQUEST_DEFAULT, &form);
  g_assert_cmpuint (form.status, ==, 200);
  g_assert_true (g_file_test (form_folder, G_FILE_TEST_IS_DIR));
  g_assert_false (g_file_test (new_folder, G_FILE_TEST_EXISTS));
}

static guint
count_entries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint count = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    count++;
  return count;
}

static void
test_rename_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *id = sw_test_server_add_artist (fixture, "Genesis", "Genesis", NULL);
  g_autofree char *taken = sw_test_server_add_artist (fixture, "Taken", "Taken", NULL);
  g_autofree char *pathless = sw_test_server_add_artist (fixture, "Cloud Only", NULL, NULL);
  g_autofree char *path = g_strdup_printf ("/artists/%s/rename-directory", id);
  g_autofree char *pathless_path = g_strdup_printf ("/artists/%s/rename-directory", pathless);
  g_autofree char *lock_path = g_strdup_printf ("/artists/%s/lock", id);
  g_autofree char *folder = g_build_filename (fixture->music, "Genesis", NULL);
  g_autofree char *outside = g_build_filename (fixture->dir, "x", NULL);
  g_autoptr(SwArtist) artist = NULL;
  struct
  {
    const char *content_type;
    const char *body;
    guint status;
  } cases[] = {
    { "application/json", "{\"new_dirname\": \"\"}", 400 },
    { "application/json", "{\"new_dirname\": \".\"}", 400 },
    { "application/json", "{\"new_dirname\": \"..\"}", 400 },
    { "application/json", "{\"new_dirname\": \"../x\"}", 400 },
    { "application/json", "{\"new_dirname\": \"a/b\"}", 400 },
    { "application/json", "{\"new_dirname\": \"a\\\\b\"}", 400 },
    { "application/json", "{\"new_dirname\": \"a\\u0000/../b\"}", 400 },
    { "application/json", "{\"new_dirname\": \"line\\nbreak\"}", 400 },
    { "application/json", "{\"new_dirname\": \"Genesis\"}", 400 },
    { "application/json", "{\"new_dirname\": 7}", 400 },
    { "application/json", "{\"other\": \"x\"}", 400 },
    { "application/json", "{\"new_dirname\": ", 400 },
    { "application/json", "[\"x\"]", 400 },
    { "application/x-www-form-urlencoded", "new_dirname=..%2Fx", 400 },
    { "application/x-www-form-urlencoded", "new_dirname=a%00b", 400 },
    { "text/plain", "new_dirname=x", 415 },
    { "application/json", "{\"new_dirname\": \"Taken\"}", 409 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SwTestReply) reply = { 0 };

      sw_test_server_request (fixture, "POST", path, fixture->operator_token, cases[i].content_type,
                              cases[i].body, SW_TEST_REQUEST_DEFAULT, &reply);
      sw_test_reply_assert_error (&reply, cases[i].status);
      /* Nothing moved: the two folders, as they were. */
      g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
      g_assert_cmpuint (count_entries (fixture->music), ==, 2);
      g_assert_false (g_file_test (outside, G_FILE_TEST_EXISTS));
    }
  artist = sw_test_server_get_artist (fixture, id);
  g_assert_cmpstr (artist->path, ==, folder);

  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_call (fixture, "POST", pathless_path, "{\"new_dirname\": \"Somewhere\"}",
                         &reply);
    sw_test_reply_assert_error (&reply, 409);
  }
  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_call (fixture, "POST", "/artists/no-such-artist/rename-directory",
                         "{\"new_dirname\": \"Somewhere\"}", &reply);
    sw_test_reply_assert_error (&reply, 404);
  }

  /* A locked artist's folder stays. */
  {
    g_auto(SwTestReply) lock = { 0 };
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_call (fixture, "POST", lock_path, NULL, &lock);
    g_assert_cmpuint (lock.status, ==, 200);
    sw_test_server_call (fixture, "POST", path, "{\"new_dirname\": \"Genesis II\"}", &reply);
    sw_test_reply_assert_error (&reply, 409);
    g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  }
  {
    g_auto(SwTestReply) unlock = { 0 };
    g_auto(SwTestReply) reply = { 0 };

    /* A folder gone from disk is a conflict, and the stored path stays. */
    sw_test_server_call (fixture, "DELETE", lock_path, NULL, &unlock);
    g_assert_cmpint (g_rmdir (folder), ==, 0);
    sw_test_server_call (fixture, "POST", path, "{\"new_dirname\": \"Genesis II\"}", &reply);
    sw_test_reply_assert_error (&reply, 409);
    g_clear_object (&artist);
    artist = sw_test_server_get_artist (fixture, id);
    g_assert_cmpstr (artist->path, ==, folder);
  }
}

/* Authorisation -------------------------------------------------------------------------- */

static void
test_auth (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *id = sw_test_server_add_artist (fixture, "Kraftwerk", "Kraftwerk", NULL);
  g_autofree char *lock = g_strdup_printf ("/artists/%s/lock", id);
  g_autofree char *field_lock = g_strdup_printf ("/artists/%s/field-locks/name", id);
  g_autofree char *members = g_strdup_printf ("/artists/%s/members", id);
  g_autofree char *rename = g_strdup_printf ("/artists/%s/rename-directory", id);
  g_autofree char *aliases = g_strdup_printf ("/artists/%s/aliases", id);
  g_autofree char *one = g_strdup_printf ("/artists/%s", id);
  const char *reads[] = { "/artists", "/artists/badge", "/artists/locked", "/artists/duplicates",
                          one, aliases };
  struct
  {
    const char *method;
    const char *path;
  } writes[] = {
    { "POST", lock }, { "DELETE", lock }, { "POST", field_lock }, { "DELETE", members },
    { "POST", rename }, { "POST", aliases },
  };
  g_autoptr(SwArtist) artist = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (reads); i++)
    sw_test_server_assert_readable (fixture, reads[i]);

  for (gsize i = 0; i < G_N_ELEMENTS (writes); i++)
    sw_test_server_assert_guarded (fixture, writes[i].method, writes[i].path,
                                   "{\"new_dirname\": \"Elsewhere\"}");

  /* Nothing happened. */
  artist = sw_test_server_get_artist (fixture, id);
  g_assert_false (artist->locked);
  g_assert_true (g_str_has_suffix (artist->path, "/Kraftwerk"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) sw_test_server_add ("/server/artists/" name, FIXTURE_FLAGS, func)

  ADD ("list", test_list);
  ADD ("list-paging", test_list_paging);
  ADD ("list-libraries", test_list_libraries);
  ADD ("list-bad-input", test_list_bad_input);
  ADD ("badge", test_badge);
  ADD ("get", test_get_artist);
  ADD ("duplicates", test_duplicates);
  ADD ("lock", test_artist_lock);
  ADD ("field-locks", test_field_locks);
  ADD ("image-locks", test_image_locks);
  ADD ("aliases", test_aliases);
  ADD ("members", test_members);
  ADD ("rename", test_rename);
  ADD ("rename-refused", test_rename_refused);
  ADD ("auth", test_auth);

#undef ADD

  return g_test_run ();
}

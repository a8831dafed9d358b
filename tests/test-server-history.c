/* test-server-history.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sw-artist-private.h"
#include "sw-preferences.h"
#include "sw-settings.h"
#include "sw-test-server.h"
#include "sw-user-private.h"

/* GET /artists/{id}/history, GET /history with every filter and POST /history/{id}/revert
 * through the real server on a loopback port with a real SoupSession, over a real store
 * whose changes are made with SwArtistService (and, where exact times matter, rows
 * written with the times a test needs). */

/* A bus with an artist service, a music folder; the operator's token by default. */
typedef SwTestServer Fixture;

#define FIXTURE_FLAGS \
  (SW_TEST_SERVER_MUSIC | SW_TEST_SERVER_EVENTS | SW_TEST_SERVER_CALL_AS_OPERATOR)

static void
edit (Fixture    *fixture,
      const char *id,
      const char *field,
      const char *value,
      const char *source)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sw_artist_service_update_field (fixture->artists, id, field, value, source,
                                                 NULL, &error));
  g_assert_no_error (error);
}

static JsonArray *
changes_of (SwTestReply *reply)
{
  g_assert_cmpuint (reply->status, ==, 200);
  return json_object_get_array_member (sw_test_reply_object (reply), "changes");
}

static gint64
total_of (SwTestReply *reply)
{
  g_assert_cmpuint (reply->status, ==, 200);
  return json_object_get_int_member (sw_test_reply_object (reply), "total");
}

/* "field:source" of every change of a reply, joined with ",". */
static char *
summary (SwTestReply *reply)
{
  JsonArray *changes = changes_of (reply);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      g_string_append_printf (text, "%s%s:%s", i > 0 ? "," : "",
                              json_object_get_string_member (change, "field"),
                              json_object_get_string_member (change, "source"));
    }
  return g_string_free (text, FALSE);
}

static char *
history_summary (Fixture    *fixture,
                 const char *path)
{
  g_auto(SwTestReply) reply = { 0 };

  sw_test_server_call (fixture, "GET", path, NULL, &reply);
  return summary (&reply);
}

/* GET /history ------------------------------------------------------------------------- */

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *alpha = sw_test_server_add_artist (fixture, "Alpha", NULL, NULL);
  g_autofree char *beta = sw_test_server_add_artist (fixture, "Beta", NULL, NULL);
  g_autofree char *by_artist = g_strdup_printf ("/history?artist_id=%s", alpha);
  g_autofree char *combined = g_strdup_printf ("/history?artist_id=%s&source=provider:*", beta);
  g_auto(SwTestReply) all = { 0 };
  JsonObject *newest;

  edit (fixture, alpha, "biography", "A story", "manual");
  edit (fixture, alpha, "origin", "Oslo", "provider:musicbrainz");
  edit (fixture, beta, "genres", "[\"Jazz\"]", "provider:lastfm");
  edit (fixture, beta, "origin", "Bergen", "scan");
  edit (fixture, alpha, "formed", "1990", "rule:missing_formed");

  /* Newest first, each with its artist's name. */
  sw_test_server_call (fixture, "GET", "/history", NULL, &all);
  g_assert_cmpint (total_of (&all), ==, 5);
  {
    g_autofree char *text = summary (&all);

    g_assert_cmpstr (text, ==, "formed:rule:missing_formed,origin:scan,genres:provider:lastfm,"
                               "origin:provider:musicbrainz,biography:manual");
  }
  newest = json_array_get_object_element (changes_of (&all), 0);
  g_assert_cmpstr (json_object_get_string_member (newest, "artist_id"), ==, alpha);
  g_assert_cmpstr (json_object_get_string_member (newest, "artist_name"), ==, "Alpha");
  g_assert_cmpstr (json_object_get_string_member (newest, "old_value"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (newest, "new_value"), ==, "1990");
  g_assert_true (json_object_has_member (newest, "id"));
  g_assert_true (json_object_has_member (newest, "created_at"));
  g_assert_cmpint (json_object_get_int_member (sw_test_reply_object (&all), "offset"), ==, 0);

  {
    g_autofree char *text = history_summary (fixture, by_artist);

    g_assert_cmpstr (text, ==, "formed:rule:missing_formed,origin:provider:musicbrainz,"
                               "biography:manual");
  }
  {
    g_autofree char *text = history_summary (fixture, "/history?field=origin&field=genres");

    g_assert_cmpstr (text, ==, "origin:scan,genres:provider:lastfm,origin:provider:musicbrainz");
  }
  {
    g_autofree char *text = history_summary (fixture, "/history?source=provider%3A*");

    g_assert_cmpstr (text, ==, "genres:provider:lastfm,origin:provider:musicbrainz");
  }
  {
    g_autofree char *text = history_summary (fixture, "/history?source=manual&source=scan");

    g_assert_cmpstr (text, ==, "origin:scan,biography:manual");
  }
  {
    g_autofree char *text = history_summary (fixture, "/history?source=scan&source=rule:*");

    g_assert_cmpstr (text, ==, "formed:rule:missing_formed,origin:scan");
  }
  {
    g_autofree char *text = history_summary (fixture, combined);

    g_assert_cmpstr (text, ==, "genres:provider:lastfm");
  }
  {
    g_autofree char *text = history_summary (fixture, "/history?field=origin&source=scan");

    g_assert_cmpstr (text, ==, "origin:scan");
  }
  {
    g_autofree char *text = history_summary (fixture, "/history?artist_id=nobody-at-all");

    g_assert_cmpstr (text, ==, "");
  }
}

static void
test_artist_names (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *id = sw_test_server_add_artist (fixture, "Old Name", NULL, NULL);
  g_autofree char *gone = sw_test_server_add_artist (fixture, "Gone Band", NULL, NULL);
  g_autofree char *delete = g_strdup_printf ("DELETE FROM artists WHERE id = '%s'", gone);
  g_autoptr(GError) error = NULL;
  g_auto(SwTestReply) reply = { 0 };
  JsonArray *changes;

  edit (fixture, gone, "origin", "Nowhere", "manual");
  edit (fixture, id, "origin", "Somewhere", "manual");
  edit (fixture, id, "name", "New Name", "manual");
  g_assert_true (sw_store_exec (fixture->store, delete, &error));
  g_assert_no_error (error);

  /* The current name where the artist exists; the name it had where it is gone. */
  sw_test_server_call (fixture, "GET", "/history", NULL, &reply);
  changes = changes_of (&reply);
  g_assert_cmpuint (json_array_get_length (changes), ==, 3);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, i),
                                                    "artist_name"), ==, "New Name");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 2),
                                                  "artist_name"), ==, "Gone Band");
}

static void
test_paging (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *id = sw_test_server_add_artist (fixture, "Prolific", NULL, NULL);
  g_autoptr(SwSettings) settings = sw_settings_new (fixture->store);
  g_autoptr(SwPreferences) preferences = sw_preferences_new (fixture->store, settings);
  g_autoptr(GError) error = NULL;
  struct
  {
    const char *path;
    gint64 limit;
    guint n_changes;
  } cases[] = {
    { "/history", 50, 12 },
    { "/history?limit=10", 10, 10 },
    { "/history?limit=10&offset=10", 10, 2 },
    { "/history?limit=1", 10, 10 },
    { "/history?limit=10000", 500, 12 },
    { "/history?offset=40", 50, 0 },
  };

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *value = g_strdup_printf ("Take %u", i);

      edit (fixture, id, "disambiguation", value, "manual");
    }

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SwTestReply) reply = { 0 };

      sw_test_server_call (fixture, "GET", cases[i].path, NULL, &reply);
      g_assert_cmpint (total_of (&reply), ==, 12);
      g_assert_cmpint (json_object_get_int_member (sw_test_reply_object (&reply), "limit"), ==,
                       cases[i].limit);
      g_assert_cmpuint (json_array_get_length (changes_of (&reply)), ==, cases[i].n_changes);
    }

  /* The second page goes on where the first ended. */
  {
    g_auto(SwTestReply) second = { 0 };
    JsonObject *first_of_second;

    sw_test_server_call (fixture, "GET", "/history?limit=10&offset=10", NULL, &second);
    first_of_second = json_array_get_object_element (changes_of (&second), 0);
    g_assert_cmpstr (json_object_get_string_member (first_of_second, "new_value"), ==, "Take 1");
  }

  /* Without a limit, the caller's page_size preference applies. */
  g_assert_true (sw_preferences_set (preferences, fixture->operator->id, "page_size", "10", NULL,
                                     &error));
  g_assert_no_error (error);
  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_call (fixture, "GET", "/history", NULL, &reply);
    g_assert_cmpint (json_object_get_int_member (sw_test_reply_object (&reply), "limit"), ==, 10);
    g_assert_cmpuint (json_array_get_length (changes_of (&reply)), ==, 10);
  }
}

static void
insert_change (Fixture    *fixture,
               const char *artist_id,
               const char *created_at)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = sw_store_new_id ();
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO metadata_changes (id, artist_id, artist_name, field, old_value, new_value, "
    "source, created_at) VALUES ('%s', '%s', 'Timed', 'born', '', '%s', 'import', '%s')",
    id, artist_id, created_at, created_at);

  g_assert_true (sw_store_exec (fixture->store, sql, &error));
  g_assert_no_error (error);
}

static gint64
count_for (Fixture    *fixture,
           const char *path)
{
  g_auto(SwTestReply) reply = { 0 };

  sw_test_server_call (fixture, "GET", path, NULL, &reply);
  return total_of (&reply);
}

static void
test_dates (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *id = sw_test_server_add_artist (fixture, "Timed", NULL, NULL);
  struct
  {
    const char *path;
    gint64 total;
  } cases[] = {
    { "/history?from=2024-01-15", 3 },
    /* A date-only "to" takes in that whole day. */
    { "/history?to=2024-01-15", 3 },
    { "/history?from=2024-01-15&to=2024-01-15", 2 },
    { "/history?to=2024-01-15T00:00:00Z", 2 },
    { "/history?from=2024-01-15T00:00:01Z", 2 },
    /* Offsets are converted: 01:00 at +02:00 is 23:00 UTC the day before. */
    { "/history?from=2024-01-15T01:00:00%2B02:00", 4 },
    { "/history?to=2024-01-15T12:00:00.750Z", 2 },
    { "/history?from=2024-01-16&to=2024-01-16", 1 },
    { "/history?from=2024-01-17", 0 },
  };

  insert_change (fixture, id, "2024-01-14T23:59:59Z");
  insert_change (fixture, id, "2024-01-15T00:00:00Z");
  insert_change (fixture, id, "2024-01-15T23:59:59Z");
  insert_change (fixture, id, "2024-01-16T00:00:00Z");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].path);
      g_assert_cmpint (count_for (fixture, cases[i].path), ==, cases[i].total);
    }
}

/* A change made now is found with today's date as "to", not only with a later time. */
static void
test_date_only_to_today (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *id = sw_test_server_add_artist (fixture, "Today", NULL, NULL);
  g_auto(SwTestReply) all = { 0 };
  g_autofree char *day = NULL;
  g_autofree char *to_day = NULL;
  g_autofree char *from_next = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) next = NULL;
  const char *created_at;

  edit (fixture, id, "origin", "Here", "manual");
  sw_test_server_call (fixture, "GET", "/history", NULL, &all);
  created_at = json_object_get_string_member (json_array_get_object_element (changes_of (&all), 0),
                                              "created_at");
  day = g_strndup (created_at, 10);
  time = g_date_time_new_from_iso8601 (created_at, NULL);
  next = g_date_time_add_days (time, 1);
  to_day = g_strdup_printf ("/history?to=%s", day);
  from_next = g_date_time_format (next, "/history?from=%Y-%m-%d");

  g_assert_cmpint (count_for (fixture, to_day), ==, 1);
  g_assert_cmpint (count_for (fixture, from_next), ==, 0);
}

static void
test_bad_params (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *paths[] = {
    "/history?limit=ten",
    "/history?limit=-1",
    "/history?offset=-1",
    "/history?offset=x",
    "/history?artist_id=..%2Fx",
    "/history?field=a%20b",
    "/history?source=bogus",
    "/history?source=*",
    "/history?source=provider:**",
    "/history?from=yesterday",
    "/history?from=2024-13-01",
    "/history?from=2024-02-30",
    "/history?to=2024-01-15T25:00:00Z",
    "/history?from=2024-01-15T10:00:00",
    "/history?from=2024-01-15%2010:00:00Z",
    "/history?from=2024-01-16&to=2024-01-15",
    "/history?from=%FF",
  };
  g_autofree char *id = sw_test_server_add_artist (fixture, "Kept", NULL, NULL);
  g_autofree char *artist_path = g_strdup_printf ("/artists/%s/history?limit=lots", id);

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(SwTestReply) reply = { 0 };

      sw_test_server_call (fixture, "GET", paths[i], NULL, &reply);
      g_test_message ("%s", paths[i]);
      sw_test_reply_assert_error (&reply, 400);
    }

  {
    g_auto(SwTestReply) reply = { 0 };

    sw_test_server_call (fixture, "GET", artist_path, NULL, &reply);
    sw_test_reply_assert_error (&reply, 400);
  }
}

/* GET /artists/{id}/history ------------------------------------------------------------- */

static void
test_artist_history (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *id = sw_test_server_add_artist (fixture, "Mine", NULL, NULL);
  g_autofree char *other = sw_test_server_add_artist (fixture, "Theirs", NULL, NULL);
  g_autofree char *path = g_strdup_printf ("/artists/%s/history", id);
  g_autofree char *paged = g_strdup_printf ("/artists/%s/history?limit=10&offset=1", id);
  /* Other filters are not this route's: they are ignored. */
  g_autofree char *ignored = g_strdup_printf ("/artists/%s/history?artist_id=%s&source=scan", id,
                                              other);
  g_auto(SwTestReply) reply = { 0 };
  g_auto(SwTestReply) missing = { 0 };
  JsonObject *object;

  edit (fixture, id, "origin", "Turku", "manual");
  edit (fixture, other, "origin", "Espoo", "manual");
  edit (fixture, id, "born", "1970", "provider:wikidata");

  sw_test_server_call (fixture, "GET", path, NULL, &reply);
  object = sw_test_reply_object (&reply);
  g_assert_cmpint (json_object_get_int_member (object, "total"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "limit"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (object, "offset"), ==, 0);
  {
    g_autofree char *text = summary (&reply);

    g_assert_cmpstr (text, ==, "born:provider:wikidata,origin:manual");
  }
  {
    g_autofree char *text = history_summary (fixture, paged);

    g_assert_cmpstr (text, ==, "origin:manual");
  }
  {
    g_autofree char *text = history_summary (fixture, ignored);

    g_assert_cmpstr (text, ==, "born:provider:wikidata,origin:manual");
  }

  sw_test_server_call (fixture, "GET", "/artists/no-such-artist/history", NULL, &missing);
  sw_test_reply_assert_error (&missing, 404);
}

/* POST /history/{id}/revert ------------------------------------------------------------- */

/* The id of the artist's newest change. */
static char *
newest_change_id (Fixture    *fixture,
                  const char *artist_id)
{
  g_autofree char *path = g_strdup_printf ("/artists/%s/history", artist_id);
  g_auto(SwTestReply) reply = { 0 };

  sw_test_server_call (fixture, "GET", path, NULL, &reply);
  return g_strdup (json_object_get_string_member (
    json_array_get_object_element (changes_of (&reply), 0), "id"));
}

static void
test_revert_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *id = sw_test_server_add_artist (fixture, "Reverted", NULL, NULL);
  g_autofree char *field = g_strdup_printf ("/artists/%s/fields/biography", id);
  g_autofree char *change_id = NULL;
  g_autofree char *revert = NULL;
  g_autofree char *revert_id = NULL;
  g_autofree char *revert_of_revert = NULL;
  g_autofree char *history = g_strdup_printf ("/artists/%s/history", id);
  g_auto(SwTestReply) first = { 0 };
  g_auto(SwTestReply) second = { 0 };
  g_auto(SwTestReply) reverted = { 0 };
  g_auto(SwTestReply) again = { 0 };
  g_auto(SwTestReply) refused = { 0 };
  g_auto(SwTestReply) recorded = { 0 };
  g_autoptr(SwArtist) artist = NULL;
  JsonObject *object;
  JsonObject *newest;

  sw_test_server_call (fixture, "PATCH", field, "{\"value\": \"First draft\"}", &first);
  g_assert_cmpuint (first.status, ==, 200);
  sw_test_server_call (fixture, "PATCH", field, "{\"value\": \"Second draft\"}", &second);
  g_assert_cmpuint (second.status, ==, 200);

  change_id = newest_change_id (fixture, id);
  revert = g_strdup_printf ("/history/%s/revert", change_id);
  sw_test_server_call (fixture, "POST", revert, NULL, &reverted);
  g_assert_cmpuint (reverted.status, ==, 200);
  object = sw_test_reply_object (&reverted);
  g_assert_true (json_object_get_boolean_member (object, "reverted"));
  g_assert_false (json_object_get_boolean_member (object, "noop"));
  g_assert_cmpstr (json_object_get_string_member (object, "change_id"), ==, change_id);

  artist = sw_test_server_get_artist (fixture, id);
  g_assert_cmpstr (artist->biography, ==, "First draft");

  /* The revert is a change of its own. */
  sw_test_server_call (fixture, "GET", history, NULL, &recorded);
  newest = json_array_get_object_element (changes_of (&recorded), 0);
  g_assert_cmpint (total_of (&recorded), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (newest, "source"), ==, "revert");
  g_assert_cmpstr (json_object_get_string_member (newest, "old_value"), ==, "Second draft");
  g_assert_cmpstr (json_object_get_string_member (newest, "new_value"), ==, "First draft");

  /* Again: the value is already back, so nothing happens. */
  sw_test_server_call (fixture, "POST", revert, NULL, &again);
  g_assert_cmpuint (again.status, ==, 200);
  g_assert_false (json_object_get_boolean_member (sw_test_reply_object (&again), "reverted"));
  g_assert_true (json_object_get_boolean_member (sw_test_reply_object (&again), "noop"));

  /* A revert cannot be reverted. */
  revert_id = g_strdup (json_object_get_string_member (newest, "id"));
  revert_of_revert = g_strdup_printf ("/history/%s/revert", revert_id);
  sw_test_server_call (fixture, "POST", revert_of_revert, NULL, &refused);
  sw_test_reply_assert_error (&refused, 400);
  g_clear_object (&artist);
  artist = sw_test_server_get_artist (fixture, id);
  g_assert_cmpstr (artist->biography, ==, "First draft");
}

static void
test_revert_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *id = sw_test_server_add_artist (fixture, "Alpha", NULL, NULL);
  g_autofree char *lock = g_strdup_printf ("/artists/%s/lock", id);
  g_autofree char *name = g_strdup_printf ("/artists/%s/fields/name", id);
  g_autofree char *lock_change = NULL;
  g_autofree char *name_change = NULL;
  g_autofree char *revert_lock = NULL;
  g_autofree char *revert_name = NULL;
  g_autofree char *newcomer = NULL;
  g_auto(SwTestReply) locked = { 0 };
  g_auto(SwTestReply) renamed = { 0 };
  g_auto(SwTestReply) not_revertable = { 0 };
  g_auto(SwTestReply) collision = { 0 };
  g_auto(SwTestReply) missing = { 0 };
  g_autoptr(SwArtist) artist = NULL;

  sw_test_server_call (fixture, "POST", lock, NULL, &locked);
  g_assert_cmpuint (locked.status, ==, 200);
  lock_change = newest_change_id (fixture, id);
  revert_lock = g_strdup_printf ("/history/%s/revert", lock_change);
  sw_test_server_call (fixture, "POST", revert_lock, NULL, &not_revertable);
  sw_test_reply_assert_error (&not_revertable, 400);

  /* The name it had is taken by another artist now. */
  sw_test_server_call (fixture, "PATCH", name, "{\"value\": \"Beta\"}", &renamed);
  g_assert_cmpuint (renamed.status, ==, 200);
  name_change = newest_change_id (fixture, id);
  newcomer = sw_test_server_add_artist (fixture, "Alpha", NULL, NULL);
  revert_name = g_strdup_printf ("/history/%s/revert", name_change);
  sw_test_server_call (fixture, "POST", revert_name, NULL, &collision);
  sw_test_reply_assert_error (&collision, 409);

  sw_test_server_call (fixture, "POST", "/history/no-such-change/revert", NULL, &missing);
  sw_test_reply_assert_error (&missing, 404);

  artist = sw_test_server_get_artist (fixture, id);
  g_assert_cmpstr (artist->name, ==, "Beta");
  g_assert_true (artist->locked);
}

/* Reverting is the operator's: a locked artist is reverted all the same. The web UI
 * gets a confirmation fragment. */
static void
test_revert_locked_html (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *id = sw_test_server_add_artist (fixture, "<b>Bold</b> & Co", NULL, NULL);
  g_autofree char *lock = g_strdup_printf ("/artists/%s/lock", id);
  g_autofree char *change_id = NULL;
  g_autofree char *revert = NULL;
  g_auto(SwTestReply) locked = { 0 };
  g_auto(SwTestReply) reply = { 0 };
  g_autoptr(SwArtist) artist = NULL;

  edit (fixture, id, "origin", "Reykjavík", "manual");
  change_id = newest_change_id (fixture, id);
  sw_test_server_call (fixture, "POST", lock, NULL, &locked);
  g_assert_cmpuint (locked.status, ==, 200);

  revert = g_strdup_printf ("/history/%s/revert", change_id);
  sw_test_server_request (fixture, "POST", revert, fixture->operator_token, NULL, NULL,
                          SW_TEST_REQUEST_HTMX, &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (reply.content_type, ==, "text/html");
  g_assert_null (strstr (reply.text, "<b>"));
  g_assert_nonnull (strstr (reply.text, "&lt;b&gt;Bold&lt;/b&gt; &amp; Co"));
  g_assert_nonnull (strstr (reply.text, "origin"));

  artist = sw_test_server_get_artist (fixture, id);
  g_assert_cmpstr (artist->origin, ==, "");
}

static void
test_auth (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *id = sw_test_server_add_artist (fixture, "Guarded", NULL, NULL);
  g_autofree char *history = g_strdup_printf ("/artists/%s/history", id);
  g_autofree char *change_id = NULL;
  g_autofree char *revert = NULL;
  g_autoptr(SwArtist) artist = NULL;
  const char *reads[] = { "/history", history };

  edit (fixture, id, "origin", "Vault", "manual");
  change_id = newest_change_id (fixture, id);
  revert = g_strdup_printf ("/history/%s/revert", change_id);

  for (gsize i = 0; i < G_N_ELEMENTS (reads); i++)
    sw_test_server_assert_readable (fixture, reads[i]);
  sw_test_server_assert_guarded (fixture, "POST", revert, NULL);

  artist = sw_test_server_get_artist (fixture, id);
  g_assert_cmpstr (artist->origin, ==, "Vault");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) sw_test_server_add ("/server/history/" name, FIXTURE_FLAGS, func)

  ADD ("filters", test_filters);
  ADD ("artist-names", test_artist_names);
  ADD ("paging", test_paging);
  ADD ("dates", test_dates);
  ADD ("date-only-to-today", test_date_only_to_today);
  ADD ("bad-params", test_bad_params);
  ADD ("artist-history", test_artist_history);
  ADD ("revert-round-trip", test_revert_round_trip);
  ADD ("revert-refused", test_revert_refused);
  ADD ("revert-locked-html", test_revert_locked_html);
  ADD ("auth", test_auth);

#undef ADD

  return g_test_run ();
}

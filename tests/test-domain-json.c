/* test-domain-json.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sw-alias.h"
#include "sw-api-token-private.h"
#include "sw-artist-image.h"
#include "sw-artist-private.h"
#include "sw-fields.h"
#include "sw-library.h"
#include "sw-member.h"
#include "sw-metadata-change.h"
#include "sw-platform-profile-private.h"
#include "sw-user-private.h"

/* An artist as the API returns it, with every member set, in canonical form. */
static const char artist_fixture[] =
  "{"
  "\"id\":\"a1\",\"name\":\"Nirvana\",\"sort_name\":\"Nirvana\",\"type\":\"group\","
  "\"gender\":\"\",\"origin\":\"Aberdeen, Washington\","
  "\"disambiguation\":\"90s US grunge band\","
  "\"musicbrainz_id\":\"5b11f4ce-a62d-471e-81fc-a69a8278c7da\",\"audiodb_id\":\"111319\","
  "\"discogs_id\":\"125246\",\"wikidata_id\":\"Q11649\",\"deezer_id\":\"415\","
  "\"spotify_id\":\"6olE6TJLqED3rqDCT0FyPh\","
  "\"genres\":[\"Rock\",\"Grunge\"],\"styles\":[\"Alternative Rock\"],\"moods\":[\"Angry\"],"
  "\"years_active\":\"1987-1994\",\"born\":\"\",\"formed\":\"1987\",\"died\":\"\","
  "\"disbanded\":\"1994\",\"biography\":\"A band from Aberdeen.\","
  "\"path\":\"/music/Nirvana\",\"library_id\":\"lib1\","
  "\"nfo_exists\":true,\"thumb_exists\":true,\"fanart_exists\":true,\"fanart_count\":2,"
  "\"logo_exists\":false,\"banner_exists\":true,"
  "\"thumb_low_res\":false,\"fanart_low_res\":true,\"logo_low_res\":false,"
  "\"banner_low_res\":false,"
  "\"thumb_placeholder\":\"data:image/jpeg;base64,AAAA\","
  "\"fanart_placeholder\":\"data:image/jpeg;base64,BBBB\","
  "\"logo_placeholder\":\"data:image/png;base64,CCCC\","
  "\"banner_placeholder\":\"data:image/jpeg;base64,DDDD\","
  "\"thumb_width\":1000,\"thumb_height\":1000,\"fanart_width\":1920,\"fanart_height\":1080,"
  "\"logo_width\":800,\"logo_height\":310,\"banner_width\":1000,\"banner_height\":185,"
  "\"health_score\":87.5,\"health_evaluated_at\":\"2026-05-06T00:55:51Z\","
  "\"dirty_since\":\"2026-05-06T01:00:00Z\",\"rules_evaluated_at\":\"2026-05-06T00:55:52Z\","
  "\"is_excluded\":true,\"exclusion_reason\":\"default exclusion list\","
  "\"is_classical\":false,\"locked\":true,\"lock_source\":\"user\","
  "\"locked_at\":\"2026-05-01T10:00:00Z\",\"locked_fields\":[\"biography\",\"genres\"],"
  "\"audiodb_id_fetched_at\":\"2026-04-01T00:00:00Z\","
  "\"discogs_id_fetched_at\":\"2026-04-02T00:00:00Z\","
  "\"wikidata_id_fetched_at\":\"2026-04-03T00:00:00Z\","
  "\"lastfm_fetched_at\":\"2026-04-04T00:00:00Z\","
  "\"metadata_sources\":{\"biography\":\"lastfm\",\"musicbrainz_id\":\"operator-confirmed\"},"
  "\"last_scanned_at\":\"2026-05-05T23:00:00Z\","
  "\"discography\":[{\"title\":\"Nevermind\",\"year\":\"1991\","
  "\"musicbrainz_release_group_id\":\"1b022e01-4da6-387b-8658-8678046e4cef\"}],"
  "\"created_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-05-06T00:55:51Z\""
  "}";

typedef enum
{
  KIND_STRING,
  KIND_BOOLEAN,
  KIND_INT,
  KIND_NUMBER,
  KIND_DATE_TIME,
  KIND_STRINGS_OR_NULL,   /* array of strings, null when empty */
  KIND_STRINGS,           /* array of strings, omitted when empty */
  KIND_STRING_MAP,
  KIND_ARRAY,
} MemberKind;

/* Every member of the contract's Artist schema plus the extra members of the domain
 * reference's artist table, with the JSON type and whether it is left out when empty. */
static const struct
{
  const char *name;
  MemberKind  kind;
  gboolean    omit_empty;
} artist_members[] = {
  { "id", KIND_STRING, FALSE },
  { "name", KIND_STRING, FALSE },
  { "sort_name", KIND_STRING, FALSE },
  { "type", KIND_STRING, FALSE },
  { "gender", KIND_STRING, FALSE },
  { "origin", KIND_STRING, FALSE },
  { "disambiguation", KIND_STRING, FALSE },
  { "musicbrainz_id", KIND_STRING, FALSE },
  { "audiodb_id", KIND_STRING, FALSE },
  { "discogs_id", KIND_STRING, FALSE },
  { "wikidata_id", KIND_STRING, FALSE },
  { "deezer_id", KIND_STRING, FALSE },
  { "spotify_id", KIND_STRING, FALSE },
  { "genres", KIND_STRINGS_OR_NULL, FALSE },
  { "styles", KIND_STRINGS_OR_NULL, FALSE },
  { "moods", KIND_STRINGS_OR_NULL, FALSE },
  { "years_active", KIND_STRING, FALSE },
  { "born", KIND_STRING, FALSE },
  { "formed", KIND_STRING, FALSE },
  { "died", KIND_STRING, FALSE },
  { "disbanded", KIND_STRING, FALSE },
  { "biography", KIND_STRING, FALSE },
  { "path", KIND_STRING, FALSE },
  { "library_id", KIND_STRING, FALSE },
  { "nfo_exists", KIND_BOOLEAN, FALSE },
  { "thumb_exists", KIND_BOOLEAN, FALSE },
  { "fanart_exists", KIND_BOOLEAN, FALSE },
  { "fanart_count", KIND_INT, FALSE },
  { "logo_exists", KIND_BOOLEAN, FALSE },
  { "banner_exists", KIND_BOOLEAN, FALSE },
  { "thumb_low_res", KIND_BOOLEAN, FALSE },
  { "fanart_low_res", KIND_BOOLEAN, FALSE },
  { "logo_low_res", KIND_BOOLEAN, FALSE },
  { "banner_low_res", KIND_BOOLEAN, FALSE },
  { "thumb_placeholder", KIND_STRING, TRUE },
  { "fanart_placeholder", KIND_STRING, TRUE },
  { "logo_placeholder", KIND_STRING, TRUE },
  { "banner_placeholder", KIND_STRING, TRUE },
  { "thumb_width", KIND_INT, TRUE },
  { "thumb_height", KIND_INT, TRUE },
  { "fanart_width", KIND_INT, TRUE },
  { "fanart_height", KIND_INT, TRUE },
  { "logo_width", KIND_INT, TRUE },
  { "logo_height", KIND_INT, TRUE },
  { "banner_width", KIND_INT, TRUE },
  { "banner_height", KIND_INT, TRUE },
  { "health_score", KIND_NUMBER, FALSE },
  { "health_evaluated_at", KIND_DATE_TIME, TRUE },
  { "dirty_since", KIND_DATE_TIME, TRUE },
  { "rules_evaluated_at", KIND_DATE_TIME, TRUE },
  { "is_excluded", KIND_BOOLEAN, FALSE },
  { "exclusion_reason", KIND_STRING, TRUE },
  { "is_classical", KIND_BOOLEAN, FALSE },
  { "locked", KIND_BOOLEAN, FALSE },
  { "lock_source", KIND_STRING, TRUE },
  { "locked_at", KIND_DATE_TIME, TRUE },
  { "locked_fields", KIND_STRINGS, TRUE },
  { "audiodb_id_fetched_at", KIND_DATE_TIME, TRUE },
  { "discogs_id_fetched_at", KIND_DATE_TIME, TRUE },
  { "wikidata_id_fetched_at", KIND_DATE_TIME, TRUE },
  { "lastfm_fetched_at", KIND_DATE_TIME, TRUE },
  { "metadata_sources", KIND_STRING_MAP, TRUE },
  { "last_scanned_at", KIND_DATE_TIME, TRUE },
  { "discography", KIND_ARRAY, TRUE },
  { "created_at", KIND_DATE_TIME, FALSE },
  { "updated_at", KIND_DATE_TIME, FALSE },
};

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static char *
to_string (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static void
assert_json_equal (JsonNode *a,
                   JsonNode *b)
{
  if (!json_node_equal (a, b))
    {
      g_autofree char *sa = to_string (a);
      g_autofree char *sb = to_string (b);

      g_error ("JSON differs:\n%s\n%s", sa, sb);
    }
}

static gboolean
node_holds (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
is_string_array (JsonNode *node)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!node_holds (json_array_get_element (array, i), G_TYPE_STRING))
      return FALSE;

  return TRUE;
}

static void
assert_member_kind (JsonObject *object,
                    const char *name,
                    MemberKind  kind)
{
  JsonNode *node = json_object_get_member (object, name);
  gboolean ok = FALSE;

  if (node == NULL)
    g_error ("member %s is missing", name);

  switch (kind)
    {
    case KIND_STRING:
      ok = node_holds (node, G_TYPE_STRING);
      break;

    case KIND_DATE_TIME:
      {
        g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
        g_autoptr(GDateTime) time = NULL;
        const char *text;

        ok = node_holds (node, G_TYPE_STRING);
        if (!ok)
          break;
        text = json_node_get_string (node);
        time = g_date_time_new_from_iso8601 (text, utc);
        ok = time != NULL && g_str_has_suffix (text, "Z") && strlen (text) == 20;
        break;
      }

    case KIND_BOOLEAN:
      ok = node_holds (node, G_TYPE_BOOLEAN);
      break;

    case KIND_INT:
      ok = node_holds (node, G_TYPE_INT64);
      break;

    case KIND_NUMBER:
      ok = node_holds (node, G_TYPE_DOUBLE) || node_holds (node, G_TYPE_INT64);
      break;

    case KIND_STRINGS_OR_NULL:
      ok = JSON_NODE_HOLDS_NULL (node) || is_string_array (node);
      break;

    case KIND_STRINGS:
      ok = is_string_array (node);
      break;

    case KIND_STRING_MAP:
      {
        JsonObjectIter iter;
        const char *key;
        JsonNode *value;

        ok = JSON_NODE_HOLDS_OBJECT (node);
        if (!ok)
          break;
        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &key, &value))
          ok = ok && node_holds (value, G_TYPE_STRING);
        break;
      }

    case KIND_ARRAY:
      ok = JSON_NODE_HOLDS_ARRAY (node);
      break;

    default:
      g_assert_not_reached ();
    }

  if (!ok)
    g_error ("member %s has the wrong JSON type", name);
}

static SwArtist *
artist_from_fixture (void)
{
  g_autoptr(JsonNode) node = parse (artist_fixture);
  g_autoptr(GError) error = NULL;
  SwArtist *artist = sw_artist_new_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_nonnull (artist);
  return artist;
}

typedef struct
{
  guint       count;
  GPtrArray  *names;
} NotifyLog;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  NotifyLog *log = user_data;

  log->count++;
  g_ptr_array_add (log->names, g_strdup (g_param_spec_get_name (pspec)));
}

static void
notify_log_init (NotifyLog *log,
                 gpointer   object)
{
  log->count = 0;
  log->names = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (object, "notify", G_CALLBACK (on_notify), log);
}

static void
notify_log_clear (NotifyLog *log,
                  gpointer   object)
{
  g_signal_handlers_disconnect_by_func (object, on_notify, log);
  g_clear_pointer (&log->names, g_ptr_array_unref);
}

/* ---------------------------------------------------------------------------------- */

static void
test_artist_members_full (void)
{
  g_autoptr(SwArtist) artist = artist_from_fixture ();
  g_autoptr(JsonNode) json = sw_artist_to_json (artist);
  JsonObject *object = json_node_get_object (json);

  for (guint i = 0; i < G_N_ELEMENTS (artist_members); i++)
    assert_member_kind (object, artist_members[i].name, artist_members[i].kind);

  /* Nothing beyond the known members. */
  g_assert_cmpuint (json_object_get_size (object), ==, G_N_ELEMENTS (artist_members));

  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "genres")));
  g_assert_cmpfloat (json_object_get_double_member (object, "health_score"), ==, 87.5);
}

static void
test_artist_members_empty (void)
{
  g_autoptr(SwArtist) artist = sw_artist_new ();
  g_autoptr(JsonNode) json = NULL;
  JsonObject *object;
  guint expected = 0;

  /* A stored artist always has these; every other field is left at its default. */
  g_object_set (artist,
                "id", "a1",
                "created-at", "2026-01-01T00:00:00Z",
                "updated-at", "2026-01-01T00:00:00Z",
                NULL);

  json = sw_artist_to_json (artist);
  object = json_node_get_object (json);

  for (guint i = 0; i < G_N_ELEMENTS (artist_members); i++)
    {
      const char *name = artist_members[i].name;

      if (artist_members[i].omit_empty)
        {
          if (json_object_has_member (object, name))
            g_error ("empty member %s should be left out", name);
          continue;
        }

      assert_member_kind (object, name, artist_members[i].kind);
      expected++;
    }

  g_assert_cmpuint (json_object_get_size (object), ==, expected);

  /* Empty lists are null, not [], per the contract. */
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "genres")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "styles")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "moods")));
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "");
  g_assert_false (json_object_get_boolean_member (object, "locked"));
  g_assert_cmpint (json_object_get_int_member (object, "fanart_count"), ==, 0);
}

static void
test_artist_empty_list_forms (void)
{
  g_autoptr(SwArtist) artist = sw_artist_new ();
  g_autoptr(JsonNode) json = NULL;
  const char * const empty[] = { NULL };
  JsonObject *object;

  /* An empty vector and an empty map read as empty, like NULL. */
  artist->genres = g_new0 (char *, 1);
  artist->metadata_sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  artist->locked_fields = g_new0 (char *, 1);
  g_object_set (artist, "styles", empty, NULL);

  json = sw_artist_to_json (artist);
  object = json_node_get_object (json);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "genres")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "styles")));
  g_assert_false (json_object_has_member (object, "metadata_sources"));
  g_assert_false (json_object_has_member (object, "locked_fields"));
}

static void
test_artist_roundtrip (void)
{
  g_autoptr(JsonNode) fixture = parse (artist_fixture);
  g_autoptr(SwArtist) artist = artist_from_fixture ();
  g_autoptr(SwArtist) again = NULL;
  g_autoptr(JsonNode) first = sw_artist_to_json (artist);
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;

  assert_json_equal (fixture, first);

  again = sw_artist_new_from_json (first, &error);
  g_assert_no_error (error);
  second = sw_artist_to_json (again);
  assert_json_equal (first, second);
  g_assert_true (sw_artist_equal (artist, again));

  /* Byte for byte too: output order is the table's, maps are sorted. */
  first_text = to_string (first);
  second_text = to_string (second);
  g_assert_cmpstr (first_text, ==, second_text);

  g_assert_cmpstr (sw_artist_get_id (again), ==, "a1");
  g_assert_cmpstr (sw_artist_get_name (again), ==, "Nirvana");
  g_assert_cmpstr (sw_artist_get_sort_name (again), ==, "Nirvana");
  g_assert_cmpstr (sw_artist_get_artist_type (again), ==, "group");
  g_assert_cmpstr (sw_artist_get_musicbrainz_id (again), ==,
                   "5b11f4ce-a62d-471e-81fc-a69a8278c7da");
  g_assert_true (sw_artist_get_locked (again));
  g_assert_cmpstr (g_hash_table_lookup (again->metadata_sources, "biography"), ==, "lastfm");
  g_assert_cmpint (again->fanart_count, ==, 2);
  g_assert_cmpfloat (again->health_score, ==, 87.5);
}

static void
test_artist_unknown_members (void)
{
  g_autoptr(JsonNode) node = parse ("{\"name\":\"Hole\",\"bogus\":1,"
                                    "\"nested\":{\"genres\":42},\"members\":null}");
  g_autoptr(GError) error = NULL;
  g_autoptr(SwArtist) artist = sw_artist_new_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_nonnull (artist);
  g_assert_cmpstr (sw_artist_get_name (artist), ==, "Hole");
}

static void
test_artist_absent_members_kept (void)
{
  g_autoptr(SwArtist) artist = artist_from_fixture ();
  g_autoptr(JsonNode) patch = parse ("{\"biography\":\"New text.\"}");
  g_autoptr(GError) error = NULL;

  g_assert_true (sw_artist_update_from_json (artist, patch, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (artist->biography, ==, "New text.");
  g_assert_cmpstr (artist->name, ==, "Nirvana");
  g_assert_cmpstr (artist->genres[1], ==, "Grunge");
}

static void
test_artist_null_reads_as_empty (void)
{
  g_autoptr(SwArtist) artist = artist_from_fixture ();
  g_autoptr(JsonNode) patch = parse ("{\"biography\":null,\"genres\":null,\"locked_at\":null,"
                                     "\"metadata_sources\":null,\"discography\":null,"
                                     "\"created_at\":\"\",\"moods\":[]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *object;

  g_assert_true (sw_artist_update_from_json (artist, patch, &error));
  g_assert_no_error (error);

  json = sw_artist_to_json (artist);
  object = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "biography"), ==, "");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "genres")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "moods")));
  g_assert_false (json_object_has_member (object, "locked_at"));
  g_assert_false (json_object_has_member (object, "metadata_sources"));
  g_assert_false (json_object_has_member (object, "discography"));
  g_assert_false (json_object_has_member (object, "created_at"));
}

static void
test_artist_wrong_types (void)
{
  static const struct
  {
    const char *member;
    const char *json;
    int         code;
  } cases[] = {
    { "name", "1", SW_FIELDS_ERROR_INVALID_TYPE },
    { "name", "true", SW_FIELDS_ERROR_INVALID_TYPE },
    { "name", "[\"x\"]", SW_FIELDS_ERROR_INVALID_TYPE },
    { "biography", "{}", SW_FIELDS_ERROR_INVALID_TYPE },
    { "genres", "\"Rock\"", SW_FIELDS_ERROR_INVALID_TYPE },
    { "genres", "[\"Rock\",1]", SW_FIELDS_ERROR_INVALID_TYPE },
    { "styles", "{}", SW_FIELDS_ERROR_INVALID_TYPE },
    { "locked_fields", "\"name\"", SW_FIELDS_ERROR_INVALID_TYPE },
    { "nfo_exists", "\"true\"", SW_FIELDS_ERROR_INVALID_TYPE },
    { "nfo_exists", "1", SW_FIELDS_ERROR_INVALID_TYPE },
    { "locked", "null", SW_FIELDS_ERROR_INVALID_TYPE },
    { "fanart_count", "1.5", SW_FIELDS_ERROR_INVALID_TYPE },
    { "fanart_count", "\"3\"", SW_FIELDS_ERROR_INVALID_TYPE },
    { "fanart_count", "null", SW_FIELDS_ERROR_INVALID_TYPE },
    { "thumb_width", "9999999999", SW_FIELDS_ERROR_INVALID_VALUE },
    { "health_score", "\"87\"", SW_FIELDS_ERROR_INVALID_TYPE },
    { "health_score", "null", SW_FIELDS_ERROR_INVALID_TYPE },
    { "metadata_sources", "[]", SW_FIELDS_ERROR_INVALID_TYPE },
    { "metadata_sources", "{\"genres\":1}", SW_FIELDS_ERROR_INVALID_TYPE },
    { "created_at", "5", SW_FIELDS_ERROR_INVALID_TYPE },
    { "created_at", "\"yesterday\"", SW_FIELDS_ERROR_INVALID_VALUE },
    { "discography", "{}", SW_FIELDS_ERROR_INVALID_TYPE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SwArtist) artist = artist_from_fixture ();
      g_autoptr(SwArtist) before = sw_artist_copy (artist);
      g_autofree char *text = NULL;
      g_autoptr(JsonNode) patch = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) json_before = NULL;
      g_autoptr(JsonNode) json_after = NULL;
      NotifyLog log;

      /* Valid changes around the bad member must not be applied either. */
      text = g_strdup_printf ("{\"origin\":\"Changed\",\"%s\":%s,\"genres_extra\":0,"
                              "\"disambiguation\":\"Changed too\"}",
                              cases[i].member, cases[i].json);
      patch = parse (text);
      notify_log_init (&log, artist);
      g_test_message ("case %s: %s", cases[i].member, cases[i].json);

      g_assert_false (sw_artist_update_from_json (artist, patch, &error));
      g_assert_error (error, SW_FIELDS_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].member));

      g_assert_cmpuint (log.count, ==, 0);
      g_assert_true (sw_artist_equal (artist, before));
      json_before = sw_artist_to_json (before);
      json_after = sw_artist_to_json (artist);
      assert_json_equal (json_before, json_after);

      notify_log_clear (&log, artist);
      g_clear_error (&error);

      /* The constructor reports the same error and returns nothing. */
      g_assert_null (sw_artist_new_from_json (patch, &error));
      g_assert_error (error, SW_FIELDS_ERROR, cases[i].code);
    }
}

static void
test_artist_not_an_object (void)
{
  g_autoptr(JsonNode) node = parse ("[1,2]");
  g_autoptr(SwArtist) artist = sw_artist_new ();
  g_autoptr(GError) error = NULL;

  g_assert_null (sw_artist_new_from_json (node, &error));
  g_assert_error (error, SW_FIELDS_ERROR, SW_FIELDS_ERROR_INVALID_TYPE);
  g_clear_error (&error);

  g_assert_false (sw_artist_update_from_json (artist, node, &error));
  g_assert_error (error, SW_FIELDS_ERROR, SW_FIELDS_ERROR_INVALID_TYPE);
}

static void
test_artist_notify (void)
{
  g_autoptr(SwArtist) artist = sw_artist_new ();
  g_autoptr(GHashTable) sources = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const genres[] = { "Rock", "Grunge", NULL };
  const char * const same_genres[] = { "Rock", "Grunge", NULL };
  g_autoptr(JsonNode) same = NULL;
  g_autoptr(JsonNode) two_changes = NULL;
  g_autoptr(GError) error = NULL;
  NotifyLog log;

  notify_log_init (&log, artist);

  g_object_set (artist, "name", "Nirvana", NULL);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (log.names, 0), ==, "name");
  g_object_set (artist, "name", "Nirvana", NULL);
  g_assert_cmpuint (log.count, ==, 1);

  /* NULL and "" are the same empty value. */
  g_object_set (artist, "biography", "", NULL);
  g_assert_cmpuint (log.count, ==, 1);

  g_object_set (artist, "genres", genres, NULL);
  g_assert_cmpuint (log.count, ==, 2);
  g_object_set (artist, "genres", same_genres, NULL);
  g_assert_cmpuint (log.count, ==, 2);

  g_object_set (artist, "fanart-count", 3, "health-score", 50.0, "locked", TRUE, NULL);
  g_assert_cmpuint (log.count, ==, 5);
  g_object_set (artist, "fanart-count", 3, "health-score", 50.0, "locked", TRUE, NULL);
  g_assert_cmpuint (log.count, ==, 5);

  g_hash_table_insert (sources, (char *) "genres", (char *) "lastfm");
  g_object_set (artist, "metadata-sources", sources, NULL);
  g_assert_cmpuint (log.count, ==, 6);
  g_object_set (artist, "metadata-sources", sources, NULL);
  g_assert_cmpuint (log.count, ==, 6);
  /* The object keeps its own copy. */
  g_hash_table_insert (sources, (char *) "styles", (char *) "audiodb");
  g_assert_cmpuint (g_hash_table_size (artist->metadata_sources), ==, 1);

  g_object_set (artist, "created-at", "2026-01-01T00:00:00Z", NULL);
  g_assert_cmpuint (log.count, ==, 7);

  /* JSON carrying the current values changes nothing and notifies nothing. */
  same = sw_artist_to_json (artist);
  g_assert_true (sw_artist_update_from_json (artist, same, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.count, ==, 7);

  two_changes = parse ("{\"name\":\"Nirvana\",\"sort_name\":\"Nirvana, The\","
                       "\"genres\":[\"Rock\",\"Grunge\"],\"locked\":false}");
  g_assert_true (sw_artist_update_from_json (artist, two_changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.count, ==, 9);
  /* Both changed properties, each once (queued notifications come in any order). */
  g_assert_true (g_ptr_array_find_with_equal_func (log.names, "sort-name", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (log.names, "locked", g_str_equal, NULL));
  g_assert_cmpstr (g_ptr_array_index (log.names, 7), !=, g_ptr_array_index (log.names, 8));

  notify_log_clear (&log, artist);
}

static void
test_artist_properties (void)
{
  g_autoptr(SwArtist) artist = artist_from_fixture ();
  g_autofree char *sort_name = NULL;
  g_auto(GStrv) genres = NULL;
  g_autoptr(GHashTable) sources = NULL;
  g_autoptr(JsonNode) discography = NULL;
  double score = 0;
  int count = 0;
  gboolean locked = FALSE;

  g_object_get (artist,
                "sort-name", &sort_name,
                "genres", &genres,
                "metadata-sources", &sources,
                "discography", &discography,
                "health-score", &score,
                "fanart-count", &count,
                "locked", &locked,
                NULL);

  g_assert_cmpstr (sort_name, ==, "Nirvana");
  g_assert_cmpstrv (genres, ((const char * const[]) { "Rock", "Grunge", NULL }));
  g_assert_cmpstr (g_hash_table_lookup (sources, "biography"), ==, "lastfm");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (discography));
  g_assert_cmpfloat (score, ==, 87.5);
  g_assert_cmpint (count, ==, 2);
  g_assert_true (locked);
}

static void
test_artist_copy_is_deep (void)
{
  g_autoptr(SwArtist) artist = artist_from_fixture ();
  g_autoptr(SwArtist) copy = sw_artist_copy (artist);
  g_autoptr(JsonNode) before = sw_artist_to_json (copy);
  g_autoptr(JsonNode) after = NULL;
  JsonArray *albums;

  g_assert_true (copy != artist);
  g_assert_true (sw_artist_equal (artist, copy));
  g_assert_true (copy->name != artist->name);
  g_assert_true (copy->genres != artist->genres);
  g_assert_true (copy->genres[0] != artist->genres[0]);
  g_assert_true (copy->metadata_sources != artist->metadata_sources);
  g_assert_true (copy->discography != artist->discography);

  /* Change the original in place, behind the API's back. */
  artist->name[0] = 'X';
  artist->genres[0][0] = 'X';
  g_hash_table_insert (artist->metadata_sources, g_strdup ("genres"), g_strdup ("audiodb"));
  albums = json_node_get_array (artist->discography);
  json_array_add_string_element (albums, "extra");
  g_object_set (artist, "locked-fields", NULL, NULL);

  after = sw_artist_to_json (copy);
  assert_json_equal (before, after);
  g_assert_false (sw_artist_equal (artist, copy));
  g_assert_cmpstr (copy->name, ==, "Nirvana");
  g_assert_cmpstr (copy->genres[0], ==, "Rock");
  g_assert_true (sw_artist_is_field_locked (copy, "genres"));
}

static void
test_artist_field_locks (void)
{
  g_autoptr(SwArtist) artist = sw_artist_new ();
  g_autoptr(JsonNode) patch = parse ("{\"locked_fields\":[\"Genres\",\" name \",\"genres\",\"\","
                                     "\"BIOGRAPHY\"]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  const char * const *locked;
  const char * const raw[] = { "Styles", "styles", NULL };

  g_assert_null (sw_artist_get_locked_fields (artist));
  g_assert_false (sw_artist_is_field_locked (artist, "genres"));

  g_assert_true (sw_artist_update_from_json (artist, patch, &error));
  g_assert_no_error (error);

  /* Stored lowercased, trimmed and deduplicated, in first-seen order. */
  locked = sw_artist_get_locked_fields (artist);
  g_assert_cmpstrv (locked, ((const char * const[]) { "genres", "name", "biography", NULL }));
  g_assert_true (sw_artist_is_field_locked (artist, "genres"));
  g_assert_true (sw_artist_is_field_locked (artist, "GENRES"));
  g_assert_true (sw_artist_is_field_locked (artist, "name"));
  g_assert_false (sw_artist_is_field_locked (artist, "styles"));
  g_assert_false (sw_artist_is_field_locked (artist, ""));

  json = sw_artist_to_json (artist);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (json),
                                                                "locked_fields")));

  g_object_set (artist, "locked-fields", raw, NULL);
  g_assert_cmpstrv (sw_artist_get_locked_fields (artist),
                    ((const char * const[]) { "styles", NULL }));
}

static void
test_artist_timestamps (void)
{
  g_autoptr(SwArtist) artist = sw_artist_new ();
  g_autoptr(JsonNode) patch = parse ("{\"created_at\":\"2026-05-06 00:55:51\","
                                     "\"updated_at\":\"2026-05-06T02:55:51+02:00\","
                                     "\"locked_at\":\"2026-05-06T00:55:51.123456Z\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *object;

  g_assert_true (sw_artist_update_from_json (artist, patch, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (artist->created_at, ==, "2026-05-06T00:55:51Z");
  g_assert_cmpstr (artist->updated_at, ==, "2026-05-06T00:55:51Z");
  g_assert_cmpstr (artist->locked_at, ==, "2026-05-06T00:55:51Z");

  /* SQLite's datetime('now') form, as the store may read it, comes out as RFC 3339. */
  g_free (artist->last_scanned_at);
  artist->last_scanned_at = g_strdup ("2026-05-06 10:00:00");
  g_free (artist->dirty_since);
  artist->dirty_since = g_strdup ("");
  json = sw_artist_to_json (artist);
  object = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "last_scanned_at"), ==,
                   "2026-05-06T10:00:00Z");
  g_assert_false (json_object_has_member (object, "dirty_since"));
}

static void
test_fields_properties (void)
{
  GObjectClass *artist_class = g_type_class_ref (SW_TYPE_ARTIST);
  GObjectClass *user_class = g_type_class_ref (SW_TYPE_USER);
  GObjectClass *token_class = g_type_class_ref (SW_TYPE_API_TOKEN);
  GObjectClass *profile_class = g_type_class_ref (SW_TYPE_PLATFORM_PROFILE);
  guint n_fields = 0;
  guint n_props = 0;
  g_autofree GParamSpec **pspecs = NULL;
  GParamSpec *pspec;

  /* One property per field, named after the JSON member with '-' for '_'. */
  sw_artist_get_fields (&n_fields);
  pspecs = g_object_class_list_properties (artist_class, &n_props);
  g_assert_cmpuint (n_props, ==, n_fields);

  pspec = g_object_class_find_property (artist_class, "audiodb-id-fetched-at");
  g_assert_nonnull (pspec);
  g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
  g_assert_true (G_IS_PARAM_SPEC_BOXED (g_object_class_find_property (artist_class, "genres")));
  g_assert_nonnull (g_object_class_find_property (profile_class, "image-naming-fanart"));

  /* Secrets have no property. */
  g_assert_null (g_object_class_find_property (user_class, "password-hash"));
  g_assert_null (g_object_class_find_property (token_class, "token-hash"));
  g_assert_nonnull (g_object_class_find_property (user_class, "username"));

  g_type_class_unref (artist_class);
  g_type_class_unref (user_class);
  g_type_class_unref (token_class);
  g_type_class_unref (profile_class);
}

/* ---------------------------------------------------------------------------------- */
/* The other types: round trip through a canonical fixture. */

typedef JsonNode *(*ToJsonFunc)     (gpointer   object);
typedef gpointer  (*FromJsonFunc)   (JsonNode  *node,
                                     GError   **error);

static gpointer
assert_roundtrip (const char   *fixture,
                  FromJsonFunc  from_json,
                  ToJsonFunc    to_json)
{
  g_autoptr(JsonNode) expected = parse (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) object = from_json (expected, &error);
  g_autoptr(GObject) again = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (object);

  first = to_json (object);
  assert_json_equal (expected, first);

  again = from_json (first, &error);
  g_assert_no_error (error);
  second = to_json (again);
  assert_json_equal (first, second);

  return g_steal_pointer (&object);
}

static void
test_library_roundtrip (void)
{
  g_autoptr(SwLibrary) library = NULL;
  g_autoptr(SwLibrary) plain = sw_library_new ();
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) patch = parse ("{\"fs_notify_supported\":true}");
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  gboolean supported = TRUE;

  library = assert_roundtrip ("{\"id\":\"l1\",\"name\":\"Music\",\"path\":\"/music\","
                              "\"type\":\"regular\",\"source\":\"emby\","
                              "\"connection_id\":\"c1\",\"external_id\":\"x9\","
                              "\"fs_watch\":3,\"fs_poll_interval\":300,"
                              "\"shared_fs_status\":\"suspected\","
                              "\"shared_fs_evidence\":\"[\\\"same path\\\"]\","
                              "\"shared_fs_peer_library_ids\":\"l2,l3\","
                              "\"nfo_lock_data\":true,"
                              "\"created_at\":\"2026-01-01T00:00:00Z\","
                              "\"updated_at\":\"2026-01-02T00:00:00Z\"}",
                              (FromJsonFunc) sw_library_new_from_json,
                              (ToJsonFunc) sw_library_to_json);
  g_assert_nonnull (library);

  /* Manual libraries leave the platform members out; fs_notify_supported is a runtime
   * probe: written when true, never read from JSON. */
  g_assert_true (sw_library_update_from_json (plain, patch, &error));
  g_assert_no_error (error);
  g_object_get (plain, "fs-notify-supported", &supported, NULL);
  g_assert_false (supported);

  g_object_set (plain, "fs-notify-supported", TRUE, "fs-watch", 1, NULL);
  json = sw_library_to_json (plain);
  object = json_node_get_object (json);
  g_assert_false (json_object_has_member (object, "connection_id"));
  g_assert_false (json_object_has_member (object, "external_id"));
  g_assert_true (json_object_get_boolean_member (object, "fs_notify_supported"));
  g_assert_cmpint (json_object_get_int_member (object, "fs_watch"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "shared_fs_status"), ==, "");
}

static void
test_artist_image_roundtrip (void)
{
  g_autoptr(SwArtistImage) image = NULL;
  g_autoptr(SwArtistImage) bare = sw_artist_image_new ();
  g_autoptr(JsonNode) json = NULL;
  JsonObject *object;

  image = assert_roundtrip ("{\"id\":\"i1\",\"artist_id\":\"a1\",\"image_type\":\"fanart\","
                            "\"slot_index\":1,\"exists\":true,\"low_res\":false,"
                            "\"placeholder\":\"data:image/jpeg;base64,AA\",\"width\":1920,"
                            "\"height\":1080,\"phash\":\"0123456789abcdef\","
                            "\"content_hash\":\"e3b0c442\",\"file_format\":\"jpeg\","
                            "\"source\":\"fanarttv\","
                            "\"last_written_at\":\"2026-03-01T12:00:00Z\",\"locked\":true}",
                            (FromJsonFunc) sw_artist_image_new_from_json,
                            (ToJsonFunc) sw_artist_image_to_json);
  g_assert_nonnull (image);

  json = sw_artist_image_to_json (bare);
  object = json_node_get_object (json);
  g_assert_true (json_object_has_member (object, "exists"));
  g_assert_true (json_object_has_member (object, "slot_index"));
  g_assert_false (json_object_has_member (object, "width"));
  g_assert_false (json_object_has_member (object, "placeholder"));
  g_assert_false (json_object_has_member (object, "last_written_at"));
}

static void
test_alias_roundtrip (void)
{
  g_autoptr(SwAlias) alias = NULL;

  alias = assert_roundtrip ("{\"id\":\"al1\",\"artist_id\":\"a1\",\"alias\":\"The Beatles\","
                            "\"source\":\"musicbrainz\","
                            "\"created_at\":\"2026-01-01T00:00:00Z\"}",
                            (FromJsonFunc) sw_alias_new_from_json,
                            (ToJsonFunc) sw_alias_to_json);
  g_assert_nonnull (alias);
}

static void
test_member_roundtrip (void)
{
  g_autoptr(SwMember) member = NULL;
  g_autoptr(SwMember) sparse = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) bad = parse ("{\"instruments\":[\"guitar\",7]}");

  member = assert_roundtrip ("{\"id\":\"m1\",\"artist_id\":\"a1\","
                             "\"member_name\":\"Kurt Cobain\","
                             "\"member_mbid\":\"mbid-1\",\"instruments\":[\"guitar\",\"vocals\"],"
                             "\"vocal_type\":\"baritone\",\"date_joined\":\"1987\","
                             "\"date_left\":\"1994\",\"is_original_member\":true,"
                             "\"sort_order\":1,\"created_at\":\"2026-01-01T00:00:00Z\","
                             "\"updated_at\":\"2026-01-01T00:00:00Z\"}",
                             (FromJsonFunc) sw_member_new_from_json,
                             (ToJsonFunc) sw_member_to_json);
  g_assert_nonnull (member);

  /* Unknown instruments are null; the optional strings are left out. */
  sparse = assert_roundtrip ("{\"id\":\"m2\",\"artist_id\":\"a1\",\"member_name\":\"Dave\","
                             "\"instruments\":null,\"is_original_member\":false,"
                             "\"sort_order\":0,\"created_at\":\"2026-01-01T00:00:00Z\","
                             "\"updated_at\":\"2026-01-01T00:00:00Z\"}",
                             (FromJsonFunc) sw_member_new_from_json,
                             (ToJsonFunc) sw_member_to_json);
  g_assert_nonnull (sparse);

  g_assert_false (sw_member_update_from_json (member, bad, &error));
  g_assert_error (error, SW_FIELDS_ERROR, SW_FIELDS_ERROR_INVALID_TYPE);
  g_assert_nonnull (strstr (error->message, "instruments"));
}

static void
test_metadata_change_roundtrip (void)
{
  g_autoptr(SwMetadataChange) change = NULL;
  g_autoptr(SwMetadataChange) plain = NULL;

  change = assert_roundtrip ("{\"id\":\"h1\",\"artist_id\":\"a1\",\"field\":\"genres\","
                             "\"old_value\":\"\",\"new_value\":\"Rock, Grunge\","
                             "\"source\":\"provider:musicbrainz\","
                             "\"producer\":\"provider:musicbrainz\","
                             "\"created_at\":\"2026-01-01T00:00:00Z\","
                             "\"artist_name\":\"Nirvana\"}",
                             (FromJsonFunc) sw_metadata_change_new_from_json,
                             (ToJsonFunc) sw_metadata_change_to_json);
  g_assert_nonnull (change);

  /* The contract's required members, nothing else, when producer and name are unset. */
  plain = assert_roundtrip ("{\"id\":\"h2\",\"artist_id\":\"a1\",\"field\":\"biography\","
                            "\"old_value\":\"Old\",\"new_value\":\"\",\"source\":\"manual\","
                            "\"created_at\":\"2026-01-01T00:00:00Z\"}",
                            (FromJsonFunc) sw_metadata_change_new_from_json,
                            (ToJsonFunc) sw_metadata_change_to_json);
  g_assert_nonnull (plain);
}

static void
test_platform_profile_roundtrip (void)
{
  g_autoptr(SwPlatformProfile) profile = NULL;
  g_autoptr(SwPlatformProfile) legacy = NULL;
  g_autoptr(SwPlatformProfile) empty = sw_platform_profile_new ();
  g_autoptr(JsonNode) legacy_json = parse ("{\"image_naming\":{\"thumb\":\"folder.jpg\","
                                           "\"fanart\":\"\"}}");
  g_autoptr(JsonNode) bad = parse ("{\"name\":\"X\",\"image_naming\":[\"folder.jpg\"]}");
  g_autoptr(JsonNode) bad_inner = parse ("{\"image_naming\":{\"logo\":[1]}}");
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *naming;

  profile = assert_roundtrip ("{\"id\":\"kodi\",\"name\":\"Kodi\",\"is_builtin\":true,"
                              "\"is_active\":true,\"nfo_enabled\":true,\"nfo_format\":\"kodi\","
                              "\"image_naming\":{\"thumb\":[\"folder.jpg\",\"artist.jpg\"],"
                              "\"fanart\":[\"fanart.jpg\"],\"logo\":[\"logo.png\"],"
                              "\"banner\":[\"banner.jpg\"]},\"use_symlinks\":false,"
                              "\"created_at\":\"2026-01-01T00:00:00Z\","
                              "\"updated_at\":\"2026-01-01T00:00:00Z\"}",
                              (FromJsonFunc) sw_platform_profile_new_from_json,
                              (ToJsonFunc) sw_platform_profile_to_json);
  g_assert_cmpstrv (profile->image_naming_thumb,
                    ((const char * const[]) { "folder.jpg", "artist.jpg", NULL }));

  /* The legacy single-string form is read as one-item lists. */
  legacy = sw_platform_profile_new_from_json (legacy_json, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (legacy->image_naming_thumb, ((const char * const[]) { "folder.jpg", NULL }));
  g_assert_null (legacy->image_naming_fanart);

  /* Empty lists are [] inside image_naming, and the object is always there. */
  json = sw_platform_profile_to_json (empty);
  naming = json_object_get_object_member (json_node_get_object (json), "image_naming");
  g_assert_nonnull (naming);
  g_assert_cmpuint (json_object_get_size (naming), ==, 4);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (naming, "banner")));

  g_assert_false (sw_platform_profile_update_from_json (profile, bad, &error));
  g_assert_error (error, SW_FIELDS_ERROR, SW_FIELDS_ERROR_INVALID_TYPE);
  g_assert_nonnull (strstr (error->message, "image_naming"));
  g_assert_cmpstr (profile->name, ==, "Kodi");
  g_clear_error (&error);

  g_assert_false (sw_platform_profile_update_from_json (profile, bad_inner, &error));
  g_assert_error (error, SW_FIELDS_ERROR, SW_FIELDS_ERROR_INVALID_TYPE);
  g_assert_nonnull (strstr (error->message, "image_naming.logo"));
  g_assert_cmpstrv (profile->image_naming_logo, ((const char * const[]) { "logo.png", NULL }));
}

static void
test_user_secret (void)
{
  g_autoptr(SwUser) user = NULL;
  g_autoptr(SwUser) copy = NULL;
  g_autoptr(SwUser) from_json = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) sneaky = parse ("{\"username\":\"eve\","
                                      "\"password_hash\":\"$2a$10$injected\"}");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  user = assert_roundtrip ("{\"id\":\"u1\",\"username\":\"admin\",\"display_name\":\"Admin\","
                           "\"role\":\"administrator\",\"auth_provider\":\"local\","
                           "\"provider_id\":\"\",\"is_active\":true,\"is_protected\":true,"
                           "\"created_at\":\"2026-01-01T00:00:00Z\","
                           "\"updated_at\":\"2026-01-01T00:00:00Z\","
                           "\"last_login\":\"2026-05-01T08:00:00Z\"}",
                           (FromJsonFunc) sw_user_new_from_json,
                           (ToJsonFunc) sw_user_to_json);

  sw_user_set_password_hash (user, "$2a$10$abcdefghijklmnopqrstuv");
  g_assert_cmpstr (sw_user_get_password_hash (user), ==, "$2a$10$abcdefghijklmnopqrstuv");

  json = sw_user_to_json (user);
  text = to_string (json);
  g_assert_null (strstr (text, "password"));
  g_assert_null (strstr (text, "$2a$"));

  /* Copies keep the secret; JSON never sets it. */
  copy = sw_user_copy (user);
  g_assert_cmpstr (sw_user_get_password_hash (copy), ==, "$2a$10$abcdefghijklmnopqrstuv");
  g_assert_true (sw_user_equal (user, copy));

  from_json = sw_user_new_from_json (sneaky, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sw_user_get_password_hash (from_json), ==, "");
  g_assert_null (from_json->password_hash);
}

static void
test_api_token_secret (void)
{
  g_autoptr(SwApiToken) token = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) bad = parse ("{\"scopes\":[\"read\",\"write\"]}");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  token = assert_roundtrip ("{\"id\":\"t1\",\"name\":\"CI\",\"scopes\":\"read,write\","
                            "\"user_id\":\"u1\",\"status\":\"revoked\","
                            "\"created_at\":\"2026-01-01T00:00:00Z\","
                            "\"last_used_at\":\"2026-02-01T00:00:00Z\","
                            "\"revoked_at\":\"2026-03-01T00:00:00Z\"}",
                            (FromJsonFunc) sw_api_token_new_from_json,
                            (ToJsonFunc) sw_api_token_to_json);

  token->token_hash = g_strdup ("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  json = sw_api_token_to_json (token);
  text = to_string (json);
  g_assert_null (strstr (text, "token_hash"));
  g_assert_null (strstr (text, "9f86d081"));
  g_assert_cmpstr (sw_api_token_get_token_hash (token), ==, token->token_hash);

  /* The contract's scopes is a comma-separated string, not an array. */
  g_assert_false (sw_api_token_update_from_json (token, bad, &error));
  g_assert_error (error, SW_FIELDS_ERROR, SW_FIELDS_ERROR_INVALID_TYPE);
  g_assert_cmpstr (token->scopes, ==, "read,write");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/domain/artist/json-members-full", test_artist_members_full);
  g_test_add_func ("/domain/artist/json-members-empty", test_artist_members_empty);
  g_test_add_func ("/domain/artist/json-empty-list-forms", test_artist_empty_list_forms);
  g_test_add_func ("/domain/artist/json-roundtrip", test_artist_roundtrip);
  g_test_add_func ("/domain/artist/json-unknown-members", test_artist_unknown_members);
  g_test_add_func ("/domain/artist/json-absent-members-kept", test_artist_absent_members_kept);
  g_test_add_func ("/domain/artist/json-null-reads-as-empty", test_artist_null_reads_as_empty);
  g_test_add_func ("/domain/artist/json-wrong-types", test_artist_wrong_types);
  g_test_add_func ("/domain/artist/json-not-an-object", test_artist_not_an_object);
  g_test_add_func ("/domain/artist/json-timestamps", test_artist_timestamps);
  g_test_add_func ("/domain/artist/notify-on-change", test_artist_notify);
  g_test_add_func ("/domain/artist/properties", test_artist_properties);
  g_test_add_func ("/domain/artist/copy-is-deep", test_artist_copy_is_deep);
  g_test_add_func ("/domain/artist/field-locks", test_artist_field_locks);
  g_test_add_func ("/domain/fields/properties", test_fields_properties);
  g_test_add_func ("/domain/library/json-roundtrip", test_library_roundtrip);
  g_test_add_func ("/domain/artist-image/json-roundtrip", test_artist_image_roundtrip);
  g_test_add_func ("/domain/alias/json-roundtrip", test_alias_roundtrip);
  g_test_add_func ("/domain/member/json-roundtrip", test_member_roundtrip);
  g_test_add_func ("/domain/metadata-change/json-roundtrip", test_metadata_change_roundtrip);
  g_test_add_func ("/domain/platform-profile/json-roundtrip", test_platform_profile_roundtrip);
  g_test_add_func ("/domain/user/secret-never-in-json", test_user_secret);
  g_test_add_func ("/domain/api-token/secret-never-in-json", test_api_token_secret);

  return g_test_run ();
}

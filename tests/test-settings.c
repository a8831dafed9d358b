/* test-settings.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sw-preferences.h"
#include "sw-settings.h"
#include "sw-store.h"
#include "sw-test-util.h"

/* Every test uses a real SQLite file in a temporary directory. */

typedef struct
{
  char *dir;
  char *path;
  SwStore *store;
  SwSettings *settings;
  SwPreferences *prefs;
} Fixture;

static gboolean
exec_func (SwStore   *store,
           gpointer   user_data,
           GError   **error)
{
  return sw_store_exec (store, user_data, error);
}

/* Runs raw SQL in a write transaction: rows the API would never write. */
static void
exec_sql (SwStore    *store,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sw_store_write (store, exec_func, (gpointer) sql, &error));
  g_assert_no_error (error);
}

static gint64
query_int (SwStore    *store,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStmt) stmt = sw_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_true (sw_store_step (store, stmt, &error));
  return sqlite3_column_int64 (stmt, 0);
}

static void
add_user (SwStore    *store,
          const char *id,
          const char *username)
{
  g_autofree char *sql =
    g_strdup_printf ("INSERT INTO users (id, username, created_at, updated_at) VALUES "
                     "('%s', '%s', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                     id, username);

  exec_sql (store, sql);
}

static void
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->store = sw_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->settings = sw_settings_new (fixture->store);
  fixture->prefs = sw_preferences_new (fixture->store, fixture->settings);
}

static void
close_store (Fixture *fixture)
{
  g_clear_object (&fixture->prefs);
  g_clear_object (&fixture->settings);
  g_assert_finalize_object (fixture->store);
  fixture->store = NULL;
}

/* Fallbacks to defaults are logged as messages. g_test_expect_message() does not see
 * structured logging in GLib 2.74, so a writer collects them instead. */
static GMutex logged_lock;
static GPtrArray *logged;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  if ((log_level & G_LOG_LEVEL_MASK) != G_LOG_LEVEL_MESSAGE)
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  for (gsize i = 0; i < n_fields; i++)
    if (strcmp (fields[i].key, "MESSAGE") == 0)
      {
        g_mutex_lock (&logged_lock);
        g_ptr_array_add (logged, g_strdup (fields[i].value));
        g_mutex_unlock (&logged_lock);
      }

  return G_LOG_WRITER_HANDLED;
}

/* Asserts that exactly the messages naming @keys (in order) were logged since the last
 * call. */
static void
assert_logged (const char *const *keys)
{
  g_mutex_lock (&logged_lock);
  g_assert_cmpuint (logged->len, ==, g_strv_length ((char **) keys));
  for (guint i = 0; i < logged->len; i++)
    if (strstr (g_ptr_array_index (logged, i), keys[i]) == NULL)
      g_error ("message “%s” does not name %s",
               (const char *) g_ptr_array_index (logged, i), keys[i]);
  g_ptr_array_set_size (logged, 0);
  g_mutex_unlock (&logged_lock);
}

#define ASSERT_LOGGED(...) assert_logged ((const char *const[]) { __VA_ARGS__, NULL })
#define ASSERT_NOTHING_LOGGED() assert_logged ((const char *const[]) { NULL })

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = sw_test_make_temp_dir ();
  fixture->path = g_build_filename (fixture->dir, "stillwater.db", NULL);
  open_store (fixture);
  add_user (fixture->store, "u1", "alice");
  add_user (fixture->store, "u2", "bob");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  close_store (fixture);
  ASSERT_NOTHING_LOGGED ();
  sw_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

/* -Werror=write-strings makes literals const; the tables here never own them. */
static void
put (GHashTable *table,
     const char *key,
     const char *value)
{
  g_hash_table_insert (table, (gpointer) key, (gpointer) value);
}

static gint64
count_settings (Fixture *fixture)
{
  return query_int (fixture->store, "SELECT count(*) FROM settings");
}

static void
assert_setting (SwSettings *settings,
                const char *key,
                const char *expected)
{
  g_autofree char *value = sw_settings_get (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

static void
assert_invalid (GError     *error,
                const char *key)
{
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
  if (strstr (error->message, key) == NULL)
    g_error ("error “%s” does not name %s", error->message, key);
}

/* Any key: the value is refused and nothing is written. */
static void
assert_set_refused (SwSettings *settings,
                    const char *key,
                    const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sw_settings_set (settings, key, value, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
}

/* Settings: every validated key --------------------------------------------------------- */

typedef struct
{
  const char *key;
  const char *good;             /* accepted … */
  const char *canonical;        /* … and stored as this */
  const char *bad;              /* rejected */
} KeyCase;

/* One row per validated key (domain-api §3.2, plus the §3.6/§3.8 keys we validate).
 * Boundaries are covered by the extra rows below. */
static const KeyCase key_cases[] = {
  { "rule_schedule.interval_minutes", "5", "5", "4" },
  { "backup_retention_count", "14", "14", "0" },
  { "backup_max_age_days", "0", "0", "-1" },
  { "backup.interval_hours", "12", "12", "0" },
  { "cache.image.max_size_mb", "512", "512", "-5" },
  { "images.backdrop.target_count", "10", "10", "11" },
  { "provider.name_similarity_threshold", "100", "100", "101" },
  { "rule_engine.artist_workers", "64", "64", "65" },
  { "scanner.exclusions", " Various ,VA,, OST ", "Various, VA, OST", "Various\xff" },
  { "scanner.mtime_fast_path", "0", "false", "maybe" },
  { "musicbrainz.contributions", "web_form", "web_form", "web-form" },
  { "auth.method", "jellyfin", "jellyfin", "oidc" },
  { "server.base_path", "/stillwater", "/stillwater", "/stillwater/" },
  { "auth.providers.local.enabled", "1", "true", "false" },
  { "mbid_revalidate.enabled", "TRUE", "true", "yes" },
  { "mbid_revalidate.interval_hours", "6", "6", "0" },
  { "mbid_revalidate.max_per_pass", "1", "1", "-200" },
  { "mbid_revalidate.name_similarity_threshold", "0", "0", "-1" },
  { "mbid_revalidate.catalogue_match_percent", "100", "100", "100.5" },
  { "logging.level", "debug", "debug", "verbose" },
  { "logging.format", "text", "text", "xml" },
  { "nfo.output.default_behavior", "false", "false", "no" },
  { "nfo.output.moods_as_styles", "1", "true", "2" },
  { "nfo.output.genre_sources", "[ \"genres\", \"moods\" ]", "[\"genres\",\"moods\"]",
    "[\"genres\",\"tags\"]" },
  { "nfo.output.advanced_remap", "{\"genre\": [\"genres\", \"styles\"], \"mood\": []}",
    "{\"genre\":[\"genres\",\"styles\"],\"mood\":[]}", "{\"tag\":[\"genres\"]}" },
};

/* Boundaries and canonical forms. */
static const KeyCase extra_cases[] = {
  { "rule_schedule.interval_minutes", "0", "0", "1" },
  { "rule_schedule.interval_minutes", " 1440 ", "1440", "-5" },
  { "backup_retention_count", "1", "1", "seven" },
  { "backup_max_age_days", "365", "365", "" },
  { "images.backdrop.target_count", "1", "1", "0" },
  { "provider.name_similarity_threshold", "0", "0", "-1" },
  { "rule_engine.artist_workers", "1", "1", "0" },
  { "rule_engine.artist_workers", "+8", "8", "99999999999999999999" },
  { "scanner.exclusions", "", "", "\xc3" },
  { "scanner.mtime_fast_path", "true", "true", "" },
  { "server.base_path", "", "/", "//" },
  { "server.base_path", "/", "/", "relative" },
  { "server.base_path", "/a/b_c-d", "/a/b_c-d", "/a//b" },
  { "server.base_path", "/A9", "/A9", "/with space" },
  { "auth.providers.local.enabled", "true", "true", "0" },
  { "auth.providers.local.enabled", "TRUE", "true", "" },
  { "mbid_revalidate.catalogue_match_percent", "0", "0", "101" },
  { "nfo.output.genre_sources", "[]", "[]", "\"genres\"" },
  { "nfo.output.genre_sources", "[\"styles\"]", "[\"styles\"]", "[\"Genres\"]" },
  { "nfo.output.advanced_remap", "null", "null", "[]" },
  { "nfo.output.advanced_remap", "{}", "{}", "{\"genre\":\"genres\"}" },
  { "nfo.output.advanced_remap", "{\"style\":[\"moods\"]}", "{\"style\":[\"moods\"]}",
    "not json" },
};

static void
check_key_case (Fixture       *fixture,
                const KeyCase *c)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = sw_settings_get (fixture->settings, c->key);
  g_autofree char *validated = NULL;

  g_autofree char *good_shown = g_strescape (c->good, NULL);
  g_autofree char *bad_shown = g_strescape (c->bad, NULL);

  g_test_message ("%s: good “%s”, bad “%s”", c->key, good_shown, bad_shown);
  g_assert_true (sw_settings_is_known_key (c->key));
  g_assert_true (sw_settings_is_validated_key (c->key));

  /* Rejected: nothing changes. */
  g_assert_false (sw_settings_set (fixture->settings, c->key, c->bad, &error));
  assert_invalid (error, c->key);
  g_clear_error (&error);
  assert_setting (fixture->settings, c->key, before);

  g_assert_null (sw_settings_validate (c->key, c->bad, &error));
  assert_invalid (error, c->key);
  g_clear_error (&error);

  /* Accepted and stored canonical. */
  validated = sw_settings_validate (c->key, c->good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (validated, ==, c->canonical);

  g_assert_true (sw_settings_set (fixture->settings, c->key, c->good, &error));
  g_assert_no_error (error);
  assert_setting (fixture->settings, c->key, c->canonical);

  /* And a rejected value does not replace it. */
  g_assert_false (sw_settings_set (fixture->settings, c->key, c->bad, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
  assert_setting (fixture->settings, c->key, c->canonical);
}

static void
test_validated_keys (Fixture       *fixture,
                     gconstpointer  data)
{
  for (gsize i = 0; i < G_N_ELEMENTS (key_cases); i++)
    check_key_case (fixture, &key_cases[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (extra_cases); i++)
    check_key_case (fixture, &extra_cases[i]);
}

/* The table above covers every validated key the registry lists. */
static void
test_validated_keys_all_covered (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(JsonNode) node = sw_settings_to_json (fixture->settings);
  JsonObject *object = json_node_get_object (node);
  g_autoptr(GList) members = json_object_get_members (object);
  guint validated = 0;

  for (GList *l = members; l != NULL; l = l->next)
    {
      gboolean covered = FALSE;

      if (!sw_settings_is_validated_key (l->data))
        continue;

      validated++;
      for (gsize i = 0; i < G_N_ELEMENTS (key_cases); i++)
        covered |= strcmp (key_cases[i].key, l->data) == 0;
      if (!covered)
        g_error ("validated key %s has no test case", (const char *) l->data);
    }

  /* 19 from §3.2 + logging.level/format + 4 nfo.output keys. */
  g_assert_cmpuint (validated, ==, G_N_ELEMENTS (key_cases));
  g_assert_cmpuint (validated, ==, 25);

  /* The input-only key is validated too (tested in test_baseline_choice). */
  g_assert_true (sw_settings_is_validated_key ("onboarding.baseline_choice"));
}

/* Settings: defaults, get and set ------------------------------------------------------------ */

static void
test_defaults (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(GStrv) exclusions = NULL;
  g_auto(GStrv) biography = NULL;
  g_auto(GStrv) skipped = NULL;
  g_autoptr(JsonNode) vocab = NULL;

  g_assert_cmpint (count_settings (fixture), ==, 0);

  /* Validated keys (§3.2). */
  assert_setting (fixture->settings, "rule_schedule.interval_minutes", "0");
  assert_setting (fixture->settings, "backup_retention_count", "7");
  assert_setting (fixture->settings, "backup_max_age_days", "0");
  assert_setting (fixture->settings, "backup.interval_hours", "24");
  assert_setting (fixture->settings, "cache.image.max_size_mb", "0");
  assert_setting (fixture->settings, "images.backdrop.target_count", "1");
  assert_setting (fixture->settings, "provider.name_similarity_threshold", "60");
  assert_setting (fixture->settings, "rule_engine.artist_workers", "2");
  assert_setting (fixture->settings, "scanner.exclusions",
                  "Various Artists, Various, VA, Soundtrack, OST");
  assert_setting (fixture->settings, "scanner.mtime_fast_path", "true");
  assert_setting (fixture->settings, "musicbrainz.contributions", "disabled");
  assert_setting (fixture->settings, "auth.method", "local");
  assert_setting (fixture->settings, "server.base_path", "/");
  assert_setting (fixture->settings, "auth.providers.local.enabled", "true");
  assert_setting (fixture->settings, "mbid_revalidate.enabled", "false");
  assert_setting (fixture->settings, "mbid_revalidate.interval_hours", "24");
  assert_setting (fixture->settings, "mbid_revalidate.max_per_pass", "200");
  assert_setting (fixture->settings, "mbid_revalidate.name_similarity_threshold", "80");
  assert_setting (fixture->settings, "mbid_revalidate.catalogue_match_percent", "25");

  /* Other known keys. */
  assert_setting (fixture->settings, "multi_user.enabled", "false");
  assert_setting (fixture->settings, "notif_badge_severity_info", "false");
  assert_setting (fixture->settings, "notif_badge_severity_error", "true");
  assert_setting (fixture->settings, "users.inactive_threshold_days", "90");
  assert_setting (fixture->settings, "foreign_file_scan.interval_hours", "6");
  assert_setting (fixture->settings, "lock_sync.interval_minutes", "30");
  assert_setting (fixture->settings, "updater.channel", "stable");
  assert_setting (fixture->settings, "logging.level", "info");
  assert_setting (fixture->settings, "logging.format", "json");
  assert_setting (fixture->settings, "nfo.output.genre_sources", "[\"genres\"]");
  assert_setting (fixture->settings, "nfo.output.advanced_remap", "null");
  assert_setting (fixture->settings, "provider.priority.thumb",
                  "[\"fanarttv\",\"audiodb\",\"deezer\"]");
  assert_setting (fixture->settings, "provider.websearch.duckduckgo.enabled", "false");

  /* Known but unset by default; unknown. */
  assert_setting (fixture->settings, "onboarding.completed", NULL);
  assert_setting (fixture->settings, "auth.server_url", NULL);
  assert_setting (fixture->settings, "no.such.key", NULL);
  g_assert_true (sw_settings_is_known_key ("onboarding.completed"));
  g_assert_false (sw_settings_is_known_key ("no.such.key"));
  g_assert_false (sw_settings_is_validated_key ("notif_badge_enabled"));

  /* Typed getters. */
  g_assert_cmpint (sw_settings_get_int (fixture->settings, "backup_retention_count"), ==, 7);
  g_assert_cmpint (sw_settings_get_int (fixture->settings, "provider.name_similarity_threshold"),
                   ==, 60);
  g_assert_true (sw_settings_get_boolean (fixture->settings, "scanner.mtime_fast_path"));
  g_assert_false (sw_settings_get_boolean (fixture->settings, "auto_fetch_images"));
  g_assert_false (sw_settings_get_boolean (fixture->settings, "onboarding.completed"));
  g_assert_cmpfloat (sw_settings_get_double (fixture->settings, "provider.musicbrainz.rate_limit"),
                     ==, 0);

  exclusions = sw_settings_get_strv (fixture->settings, "scanner.exclusions");
  g_assert_cmpuint (g_strv_length (exclusions), ==, 5);
  g_assert_cmpstr (exclusions[0], ==, "Various Artists");
  g_assert_cmpstr (exclusions[4], ==, "OST");

  biography = sw_settings_get_strv (fixture->settings, "provider.priority.biography");
  g_assert_cmpuint (g_strv_length (biography), ==, 4);
  g_assert_cmpstr (biography[0], ==, "musicbrainz");
  g_assert_false (g_strv_contains ((const char *const *) biography, "wikidata"));

  skipped = sw_settings_get_strv (fixture->settings, "updater.skipped_versions");
  g_assert_cmpuint (g_strv_length (skipped), ==, 0);

  vocab = sw_settings_get_json (fixture->settings, "metadata_vocab");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (vocab));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (vocab), "max_genres"), ==, 0);

  /* Reading defaults wrote nothing: defaults live in the registry. */
  g_assert_cmpint (count_settings (fixture), ==, 0);
}

static void
test_set_get (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) exclusions = NULL;
  g_autofree char *updated_at = NULL;

  g_assert_true (sw_settings_set (fixture->settings, "rule_engine.artist_workers", " 8 ", &error));
  g_assert_no_error (error);
  assert_setting (fixture->settings, "rule_engine.artist_workers", "8");
  g_assert_cmpint (sw_settings_get_int (fixture->settings, "rule_engine.artist_workers"), ==, 8);

  /* Upsert: a second write replaces the row. */
  g_assert_true (sw_settings_set (fixture->settings, "rule_engine.artist_workers", "4", &error));
  g_assert_cmpint (sw_settings_get_int (fixture->settings, "rule_engine.artist_workers"), ==, 4);
  g_assert_cmpint (count_settings (fixture), ==, 1);

  /* Each row carries an RFC 3339 UTC timestamp. */
  {
    g_autoptr(SwStmt) stmt = sw_store_prepare (fixture->store,
                                               "SELECT updated_at FROM settings", &error);

    g_assert_no_error (error);
    g_assert_true (sw_store_step (fixture->store, stmt, &error));
    updated_at = g_strdup (sw_stmt_column_text (stmt, 0));
  }
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$",
                                       updated_at, 0, 0));

  g_assert_true (sw_settings_set (fixture->settings, "scanner.exclusions", "A,  B ,C", &error));
  exclusions = sw_settings_get_strv (fixture->settings, "scanner.exclusions");
  g_assert_cmpuint (g_strv_length (exclusions), ==, 3);
  g_assert_cmpstr (exclusions[1], ==, "B");

  /* Keys without a rule are stored as sent, known … */
  g_assert_true (sw_settings_set (fixture->settings, "notif_badge_enabled", "false", &error));
  g_assert_false (sw_settings_get_boolean (fixture->settings, "notif_badge_enabled"));
  g_assert_true (sw_settings_set (fixture->settings, "ui.artists_view", " grid ", &error));
  assert_setting (fixture->settings, "ui.artists_view", " grid ");
  g_assert_true (sw_settings_set (fixture->settings, "provider.lastfm.rate_limit", "2.5", &error));
  g_assert_cmpfloat (sw_settings_get_double (fixture->settings, "provider.lastfm.rate_limit"),
                     ==, 2.5);

  /* … or not. */
  g_assert_true (sw_settings_set (fixture->settings, "some.future_key", "anything goes", &error));
  g_assert_no_error (error);
  assert_setting (fixture->settings, "some.future_key", "anything goes");

  /* A malformed key is refused. */
  assert_set_refused (fixture->settings, "bad key", "x");
  assert_set_refused (fixture->settings, "", "x");
  assert_set_refused (fixture->settings, "a..b", "x");

  /* Values must be UTF-8, whatever the key. */
  g_assert_false (sw_settings_set (fixture->settings, "some.future_key", "\xfe", &error));
  assert_invalid (error, "some.future_key");
  assert_setting (fixture->settings, "some.future_key", "anything goes");
}

static void
test_set_many_atomic (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  put (values, "backup_retention_count", "10");
  put (values, "auth.method", "emby");
  put (values, "some.free_key", "x");
  put (values, "images.backdrop.target_count", "42");

  g_assert_false (sw_settings_set_many (fixture->settings, values, &error));
  assert_invalid (error, "images.backdrop.target_count");
  g_clear_error (&error);

  /* Nothing at all was written, not even the valid keys or the free one. */
  g_assert_cmpint (count_settings (fixture), ==, 0);
  assert_setting (fixture->settings, "backup_retention_count", "7");
  assert_setting (fixture->settings, "auth.method", "local");

  /* A secret among them fails the whole batch too. */
  put (values, "images.backdrop.target_count", "3");
  put (values, "provider.fanarttv.api_key", "k");
  g_assert_false (sw_settings_set_many (fixture->settings, values, &error));
  assert_invalid (error, "provider.fanarttv.api_key");
  g_clear_error (&error);
  g_assert_cmpint (count_settings (fixture), ==, 0);

  g_hash_table_remove (values, "provider.fanarttv.api_key");
  g_assert_true (sw_settings_set_many (fixture->settings, values, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_settings (fixture), ==, 4);
  assert_setting (fixture->settings, "backup_retention_count", "10");
  assert_setting (fixture->settings, "auth.method", "emby");
  assert_setting (fixture->settings, "images.backdrop.target_count", "3");
  assert_setting (fixture->settings, "some.free_key", "x");

  /* An empty batch is fine and writes nothing. */
  g_hash_table_remove_all (values);
  g_assert_true (sw_settings_set_many (fixture->settings, values, &error));
  g_assert_cmpint (count_settings (fixture), ==, 4);
}

static void
on_changed (SwSettings *settings,
            const char *key,
            gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (key));
}

static void
test_changed_signal (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) level = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  g_signal_connect (fixture->settings, "changed", G_CALLBACK (on_changed), all);
  g_signal_connect (fixture->settings, "changed::logging.level", G_CALLBACK (on_changed), level);

  g_assert_true (sw_settings_set (fixture->settings, "logging.level", "warn", &error));
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpuint (level->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (level, 0), ==, "logging.level");

  /* A failed write emits nothing. */
  g_assert_false (sw_settings_set (fixture->settings, "logging.level", "loud", &error));
  g_clear_error (&error);
  g_assert_cmpuint (all->len, ==, 1);

  put (values, "logging.format", "text");
  put (values, "auth.method", "emby");
  g_assert_true (sw_settings_set_many (fixture->settings, values, &error));
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpuint (level->len, ==, 1);

  g_assert_true (sw_settings_reset (fixture->settings, "logging.level", &error));
  g_assert_cmpuint (level->len, ==, 2);
  assert_setting (fixture->settings, "logging.level", "info");
}

static void
test_invalid_changes_nothing (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;

  g_assert_true (sw_settings_set (fixture->settings, "backup_retention_count", "3", &error));
  before = sw_settings_to_json (fixture->settings);

  assert_set_refused (fixture->settings, "backup_retention_count", "-3");
  assert_set_refused (fixture->settings, "auth.providers.local.enabled", "false");

  after = sw_settings_to_json (fixture->settings);
  g_assert_true (json_node_equal (before, after));
  g_assert_cmpint (count_settings (fixture), ==, 1);
}

static void
test_secrets_never_listed (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char *const secret_keys[] = {
    "provider.fanarttv.api_key", "webhook.inbound.lidarr.secret", "smtp.password",
    "oidc.client_secret", "some.refresh_token", "backup.passwd", "auth.hmac_secret",
    "x.Authorization", NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;

  for (guint i = 0; secret_keys[i] != NULL; i++)
    {
      g_assert_true (sw_settings_is_secret_key (secret_keys[i]));
      g_assert_false (sw_settings_set (fixture->settings, secret_keys[i], "s3cr3t", &error));
      assert_invalid (error, secret_keys[i]);
      g_clear_error (&error);
    }
  g_assert_cmpint (count_settings (fixture), ==, 0);

  g_assert_false (sw_settings_is_secret_key ("provider.fanarttv.key_status"));
  g_assert_false (sw_settings_is_secret_key ("provider.priority.biography"));
  g_assert_false (sw_settings_is_secret_key ("auth.providers.oidc.client_id"));

  /* Rows that got into the table some other way (an import from the original) are still
   * never listed. */
  exec_sql (fixture->store,
            "INSERT INTO settings VALUES ('provider.lastfm.api_key', 'c2VjcmV0', 'x'), "
            "('webhook.inbound.emby.secret', 'hmac', 'x'), ('session.secret', 'ss', 'x'), "
            "('provider.lastfm.key_status', 'ok', 'x')");

  node = sw_settings_to_json (fixture->settings);
  object = json_node_get_object (node);
  g_assert_false (json_object_has_member (object, "provider.lastfm.api_key"));
  g_assert_false (json_object_has_member (object, "webhook.inbound.emby.secret"));
  g_assert_false (json_object_has_member (object, "session.secret"));
  g_assert_cmpstr (json_object_get_string_member (object, "provider.lastfm.key_status"), ==, "ok");

  text = json_to_string (node, FALSE);
  g_assert_null (strstr (text, "c2VjcmV0"));
  g_assert_null (strstr (text, "hmac"));
}

static void
test_to_json (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  g_assert_true (sw_settings_set (fixture->settings, "auth.method", "emby", &error));
  g_assert_true (sw_settings_set (fixture->settings, "custom.key", "v", &error));

  node = sw_settings_to_json (fixture->settings);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);

  /* Flat map of strings (contract: additionalProperties: string). */
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    g_assert_cmpint (json_node_get_value_type (json_object_get_member (object, l->data)), ==,
                     G_TYPE_STRING);

  /* Stored values, defaults for the rest, unknown stored keys too. */
  g_assert_cmpstr (json_object_get_string_member (object, "auth.method"), ==, "emby");
  g_assert_cmpstr (json_object_get_string_member (object, "custom.key"), ==, "v");
  g_assert_cmpstr (json_object_get_string_member (object, "multi_user.enabled"), ==, "false");
  g_assert_cmpstr (json_object_get_string_member (object, "musicbrainz.contributions"), ==,
                   "disabled");
  g_assert_cmpstr (json_object_get_string_member (object, "provider.priority.genres"), ==,
                   "[\"musicbrainz\",\"lastfm\",\"audiodb\",\"discogs\"]");

  /* Keys unset by default, input-only and legacy keys are not listed. */
  g_assert_false (json_object_has_member (object, "onboarding.completed"));
  g_assert_false (json_object_has_member (object, "onboarding.baseline_choice"));
  g_assert_false (json_object_has_member (object, "rule_schedule.interval_hours"));
}

static void
test_reset (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sw_settings_set (fixture->settings, "provider.priority.genres",
                                  "[\"lastfm\"]", &error));
  g_assert_true (sw_settings_set (fixture->settings, "provider.priority.genres.disabled",
                                  "[\"discogs\"]", &error));
  g_assert_true (sw_settings_set (fixture->settings, "provider_x", "keep", &error));
  g_assert_true (sw_settings_set (fixture->settings, "backup_max_age_days", "9", &error));
  g_assert_cmpint (count_settings (fixture), ==, 4);

  /* The prefix is literal: '_' is not a wildcard. */
  g_assert_true (sw_settings_reset_prefix (fixture->settings, "provider.", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_settings (fixture), ==, 2);
  assert_setting (fixture->settings, "provider.priority.genres",
                  "[\"musicbrainz\",\"lastfm\",\"audiodb\",\"discogs\"]");
  assert_setting (fixture->settings, "provider_x", "keep");

  g_assert_true (sw_settings_reset (fixture->settings, "backup_max_age_days", &error));
  assert_setting (fixture->settings, "backup_max_age_days", "0");
  g_assert_true (sw_settings_reset (fixture->settings, "never.stored", &error));
  g_assert_cmpint (count_settings (fixture), ==, 1);
}

static void
test_corrupt_value_reads_default (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_auto(GStrv) priority = NULL;
  g_autoptr(JsonNode) remap = NULL;

  exec_sql (fixture->store,
            "INSERT INTO settings VALUES ('provider.name_similarity_threshold', '500', 'x'), "
            "('scanner.mtime_fast_path', 'perhaps', 'x'), "
            "('provider.priority.styles', '{oops', 'x'), "
            "('nfo.output.advanced_remap', '{\"genre\":[\"x\"]}', 'x'), "
            "('users.inactive_threshold_days', 'ninety', 'x')");

  /* The text getter shows what is stored … */
  assert_setting (fixture->settings, "provider.name_similarity_threshold", "500");

  /* … the typed getters what is used. */
  g_assert_cmpint (sw_settings_get_int (fixture->settings, "provider.name_similarity_threshold"),
                   ==, 60);
  ASSERT_LOGGED ("provider.name_similarity_threshold");

  g_assert_true (sw_settings_get_boolean (fixture->settings, "scanner.mtime_fast_path"));
  ASSERT_LOGGED ("scanner.mtime_fast_path");

  priority = sw_settings_get_strv (fixture->settings, "provider.priority.styles");
  g_assert_cmpuint (g_strv_length (priority), ==, 2);
  g_assert_cmpstr (priority[0], ==, "audiodb");

  remap = sw_settings_get_json (fixture->settings, "nfo.output.advanced_remap");
  ASSERT_LOGGED ("nfo.output.advanced_remap");
  g_assert_true (JSON_NODE_HOLDS_NULL (remap));

  g_assert_cmpint (sw_settings_get_int (fixture->settings, "users.inactive_threshold_days"),
                   ==, 90);
}

static void
test_legacy_interval_hours (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  exec_sql (fixture->store,
            "INSERT INTO settings VALUES ('rule_schedule.interval_hours', '2', 'x')");
  g_assert_cmpint (sw_settings_get_int (fixture->settings, "rule_schedule.interval_minutes"),
                   ==, 120);
  assert_setting (fixture->settings, "rule_schedule.interval_minutes", "120");

  /* Writing the minutes deletes the legacy key. */
  g_assert_true (sw_settings_set (fixture->settings, "rule_schedule.interval_minutes", "0",
                                  &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM settings WHERE "
                              "key = 'rule_schedule.interval_hours'"), ==, 0);
  g_assert_cmpint (sw_settings_get_int (fixture->settings, "rule_schedule.interval_minutes"),
                   ==, 0);
}

static void
test_baseline_choice (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sw_settings_set (fixture->settings, "onboarding.baseline_choice", "maybe",
                                   &error));
  assert_invalid (error, "onboarding.baseline_choice");
  g_clear_error (&error);

  g_assert_true (sw_settings_set (fixture->settings, "onboarding.baseline_choice", "yes", &error));
  assert_setting (fixture->settings, "foreign_files.baseline_completed", "true");
  g_assert_true (sw_settings_set (fixture->settings, "onboarding.baseline_choice", "no", &error));
  assert_setting (fixture->settings, "foreign_files.baseline_completed", "");

  /* The input key itself is never stored. */
  g_assert_cmpint (count_settings (fixture), ==, 1);
}

static void
test_fallback_key (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  assert_setting (fixture->settings, "auth.providers.emby.server_url", NULL);
  g_assert_true (sw_settings_set (fixture->settings, "auth.server_url", "http://emby:8096",
                                  &error));
  assert_setting (fixture->settings, "auth.providers.emby.server_url", "http://emby:8096");
  g_assert_true (sw_settings_set (fixture->settings, "auth.providers.emby.server_url",
                                  "http://other", &error));
  assert_setting (fixture->settings, "auth.providers.emby.server_url", "http://other");
  assert_setting (fixture->settings, "auth.providers.jellyfin.server_url", "http://emby:8096");
}

/* Settings: logging and NFO output --------------------------------------------------------- */

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static void
assert_json (JsonNode   *node,
             const char *expected)
{
  g_autoptr(JsonNode) want = parse (expected);

  if (!json_node_equal (node, want))
    {
      g_autofree char *got = json_to_string (node, FALSE);

      g_error ("got %s, expected %s", got, expected);
    }
}

static void
test_logging (Fixture       *fixture,
              gconstpointer  data)
{
  /* Each names the member it fails on (none for a body that is not an object). */
  static const struct
  {
    const char *body;
    const char *member;
  } bad_logging[] = {
    { "{\"level\":\"loud\",\"file_max_files\":9}", "level" },
    { "{\"format\":\"xml\"}", "format" },
    { "{\"file_max_files\":\"many\"}", "file_max_files" },
    { "[]", NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) config = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) result = NULL;

  config = sw_settings_get_logging (fixture->settings);
  assert_json (config, "{\"level\":\"info\",\"format\":\"json\",\"file_path\":\"\","
               "\"file_max_size_mb\":10,\"file_max_files\":5,\"file_max_age_days\":30}");

  /* Empty and zero fields keep the current values; numbers may come as strings (forms). */
  body = parse ("{\"level\":\"debug\",\"format\":\"\",\"file_path\":\"/var/log/sw.log\","
                "\"file_max_size_mb\":0,\"file_max_files\":\"7\"}");
  result = sw_settings_update_logging (fixture->settings, body, FALSE, &error);
  g_assert_no_error (error);
  assert_json (result, "{\"level\":\"debug\",\"format\":\"json\",\"file_path\":\"/var/log/sw.log\","
               "\"file_max_size_mb\":10,\"file_max_files\":7,\"file_max_age_days\":30}");
  g_clear_pointer (&config, json_node_unref);
  config = sw_settings_get_logging (fixture->settings);
  g_assert_true (json_node_equal (config, result));

  /* All six keys are persisted. */
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM settings WHERE "
                              "key LIKE 'logging.%'"), ==, 6);

  /* Invalid level, format or number, or not an object: nothing changes. */
  for (gsize i = 0; i < G_N_ELEMENTS (bad_logging); i++)
    {
      g_autoptr(JsonNode) bad = parse (bad_logging[i].body);

      g_assert_null (sw_settings_update_logging (fixture->settings, bad, FALSE, &error));
      g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
      if (bad_logging[i].member != NULL)
        assert_invalid (error, bad_logging[i].member);
      g_clear_error (&error);
    }
  g_clear_pointer (&result, json_node_unref);
  result = sw_settings_get_logging (fixture->settings);
  g_assert_true (json_node_equal (config, result));

  /* Ephemeral level: applied in the result, not persisted. */
  g_clear_pointer (&body, json_node_unref);
  g_clear_pointer (&result, json_node_unref);
  body = parse ("{\"level\":\"trace\",\"format\":\"text\"}");
  result = sw_settings_update_logging (fixture->settings, body, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (result), "level"), ==,
                   "trace");
  assert_setting (fixture->settings, "logging.level", "debug");
  assert_setting (fixture->settings, "logging.format", "text");

  /* A stored value ≤ 0 (only possible through PUT /settings) reads as the default. */
  g_assert_true (sw_settings_set (fixture->settings, "logging.file_max_age_days", "0", &error));
  g_clear_pointer (&config, json_node_unref);
  config = sw_settings_get_logging (fixture->settings);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (config),
                                               "file_max_age_days"), ==, 30);
}

static void
test_nfo_output (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char *const bad_bodies[] = {
    "{\"genre_sources\":[\"genres\",\"tags\"]}",
    "{\"genre_sources\":\"genres\"}",
    "{\"advanced_remap\":{\"tag\":[\"genres\"]}}",
    "{\"advanced_remap\":{\"genre\":[\"genre\"]}}",
    "{\"advanced_remap\":[]}",
    "{\"default_behavior\":\"false\"}",
    "{\"moods_as_styles\":1}",
    "[]",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) map = NULL;
  g_autoptr(JsonNode) result = NULL;

  map = sw_settings_get_nfo_output (fixture->settings);
  assert_json (map, "{\"default_behavior\":true,\"moods_as_styles\":false,"
               "\"genre_sources\":[\"genres\"],\"advanced_remap\":null}");

  /* A full update; all four keys stored in one go. */
  {
    g_autoptr(JsonNode) body =
      parse ("{\"default_behavior\":false,\"moods_as_styles\":true,"
             "\"genre_sources\":[\"genres\",\"styles\"],"
             "\"advanced_remap\":{\"genre\":[\"genres\",\"moods\"],\"style\":[],"
             "\"mood\":[\"moods\"]}}");

    result = sw_settings_update_nfo_output (fixture->settings, body, &error);
    g_assert_no_error (error);
    g_assert_true (json_node_equal (result, body));
  }
  g_clear_pointer (&map, json_node_unref);
  map = sw_settings_get_nfo_output (fixture->settings);
  g_assert_true (json_node_equal (map, result));
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM settings WHERE "
                              "key LIKE 'nfo.output.%'"), ==, 4);
  assert_setting (fixture->settings, "nfo.output.genre_sources", "[\"genres\",\"styles\"]");

  /* Invalid source or element names: 400, nothing changes. */
  for (guint i = 0; bad_bodies[i] != NULL; i++)
    {
      g_autoptr(JsonNode) body = parse (bad_bodies[i]);
      g_autoptr(JsonNode) after = NULL;

      g_test_message ("bad NFO body %s", bad_bodies[i]);
      g_assert_null (sw_settings_update_nfo_output (fixture->settings, body, &error));
      g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
      g_clear_error (&error);
      after = sw_settings_get_nfo_output (fixture->settings);
      g_assert_true (json_node_equal (after, map));
    }

  /* Absent members keep their value; an explicit null clears advanced_remap. */
  {
    g_autoptr(JsonNode) body = parse ("{\"advanced_remap\":null}");

    g_clear_pointer (&result, json_node_unref);
    result = sw_settings_update_nfo_output (fixture->settings, body, &error);
    g_assert_no_error (error);
    assert_json (result, "{\"default_behavior\":false,\"moods_as_styles\":true,"
                 "\"genre_sources\":[\"genres\",\"styles\"],\"advanced_remap\":null}");
    assert_setting (fixture->settings, "nfo.output.advanced_remap", "null");
  }
}

/* Persistence ------------------------------------------------------------------------------ */

static void
test_persistence (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *theme = NULL;

  g_assert_true (sw_settings_set (fixture->settings, "images.backdrop.target_count", "4",
                                  &error));
  g_assert_true (sw_settings_set (fixture->settings, "custom.key", "kept", &error));
  g_assert_true (sw_preferences_set (fixture->prefs, "u1", "theme", "light", NULL, &error));
  g_assert_true (sw_preferences_set (fixture->prefs, "u1", "suppress_confirm_delete", "true",
                                     NULL, &error));
  g_assert_no_error (error);

  close_store (fixture);
  open_store (fixture);

  assert_setting (fixture->settings, "images.backdrop.target_count", "4");
  assert_setting (fixture->settings, "custom.key", "kept");
  assert_setting (fixture->settings, "backup_retention_count", "7");
  theme = sw_preferences_get (fixture->prefs, "u1", "theme", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (theme, ==, "light");
  g_clear_pointer (&theme, g_free);
  theme = sw_preferences_get (fixture->prefs, "u1", "suppress_confirm_delete", &error);
  g_assert_cmpstr (theme, ==, "true");
}

static gpointer
set_from_thread (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (sw_settings_set (fixture->settings, "rule_engine.artist_workers", "16", &error));
  g_assert_no_error (error);
  return g_thread_self ();
}

static void
on_changed_thread (SwSettings *settings,
                   const char *key,
                   gpointer    user_data)
{
  *(GThread **) user_data = g_thread_self ();
}

static void
test_other_thread (Fixture       *fixture,
                   gconstpointer  data)
{
  GThread *emitted_on = NULL;
  GThread *thread;
  gpointer worker;

  g_signal_connect (fixture->settings, "changed", G_CALLBACK (on_changed_thread), &emitted_on);
  thread = g_thread_new ("settings-writer", set_from_thread, fixture);
  worker = g_thread_join (thread);

  /* The signal ran on the writing thread; the main thread reads the new value. */
  g_assert_true (emitted_on == worker);
  g_assert_cmpint (sw_settings_get_int (fixture->settings, "rule_engine.artist_workers"), ==, 16);
}

/* Preferences ------------------------------------------------------------------------------ */

static const char *const listed_keys[] = {
  "theme", "sidebar_state", "content_width", "font_family", "font_size", "letter_spacing",
  "thumbnail_size", "reduced_motion", "lite_mode", "language", "notification_enabled",
  "page_size", "metadata_languages", "auto_fetch_images", "metadata_name_romanization_fallback",
  "bg_opacity", NULL
};

static void
test_prefs_defaults (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) all = sw_preferences_get_all (fixture->prefs, "u1", &error);
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  assert_json (all, "{\"theme\":\"dark\",\"sidebar_state\":\"full\",\"content_width\":\"narrow\","
               "\"font_family\":\"inter\",\"font_size\":\"medium\",\"letter_spacing\":\"normal\","
               "\"thumbnail_size\":\"medium\",\"reduced_motion\":\"system\",\"lite_mode\":\"off\","
               "\"language\":\"en\",\"notification_enabled\":\"true\",\"page_size\":\"50\","
               "\"metadata_languages\":\"[\\\"en\\\"]\",\"auto_fetch_images\":\"false\","
               "\"metadata_name_romanization_fallback\":\"true\",\"bg_opacity\":\"85\"}");
  g_assert_cmpuint (json_object_get_size (json_node_get_object (all)), ==,
                    g_strv_length ((char **) listed_keys));

  /* Keys outside the listed set have defaults too. */
  value = sw_preferences_get (fixture->prefs, "u1", "density", &error);
  g_assert_cmpstr (value, ==, "comfortable");
  g_clear_pointer (&value, g_free);
  value = sw_preferences_get (fixture->prefs, "u1", "saved_views", &error);
  g_assert_cmpstr (value, ==, "[]");
  g_clear_pointer (&value, g_free);
  value = sw_preferences_get (fixture->prefs, "u1", "kbd_hints", &error);
  g_assert_cmpstr (value, ==, "show");
  g_clear_pointer (&value, g_free);
  value = sw_preferences_get (fixture->prefs, "u1", "suppress_confirm_anything", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "false");
  g_clear_pointer (&value, g_free);

  /* auto_fetch_images follows the instance setting until the user picks. */
  g_assert_true (sw_settings_set (fixture->settings, "auto_fetch_images", "true", &error));
  value = sw_preferences_get (fixture->prefs, "u1", "auto_fetch_images", &error);
  g_assert_cmpstr (value, ==, "true");
  g_clear_pointer (&value, g_free);
  g_assert_true (sw_preferences_set (fixture->prefs, "u1", "auto_fetch_images", "false", NULL,
                                     &error));
  value = sw_preferences_get (fixture->prefs, "u1", "auto_fetch_images", &error);
  g_assert_cmpstr (value, ==, "false");
  g_clear_pointer (&value, g_free);

  /* Suppress-confirm rows are not part of the fixed set. */
  g_assert_true (sw_preferences_set (fixture->prefs, "u1", "suppress_confirm_x", "true", NULL,
                                     &error));
  after = sw_preferences_get_all (fixture->prefs, "u1", &error);
  g_assert_false (json_object_has_member (json_node_get_object (after), "suppress_confirm_x"));
  g_assert_cmpuint (json_object_get_size (json_node_get_object (after)), ==, 16);
}

typedef struct
{
  const char *key;
  const char *good;
  const char *canonical;
  const char *bad;
} PrefCase;

static const PrefCase pref_cases[] = {
  { "theme", "light", "light", "blue" },
  { "theme", "system", "system", "Dark" },
  { "sidebar_state", "icon-only", "icon-only", "icons" },
  { "content_width", "wide", "wide", "full" },
  { "font_family", "atkinson", "atkinson", "comic" },
  { "font_size", "xx-large", "xx-large", "huge" },
  { "letter_spacing", "extra-wide", "extra-wide", "tight" },
  { "thumbnail_size", "large", "large", "x-large" },
  { "reduced_motion", "on", "on", "true" },
  { "lite_mode", "auto", "auto", "yes" },
  { "language", "en", "en", "fr" },
  { "notification_enabled", "false", "false", "0" },
  { "auto_fetch_images", "true", "true", "on" },
  { "metadata_name_romanization_fallback", "false", "false", "" },
  { "density", "compact", "compact", "dense" },
  { "mono_font", "cascadia", "cascadia", "consolas" },
  { "kbd_hints", "hide", "hide", "none" },
  { "touch_friendly", "on", "on", "auto" },
  { "show_platform_debug", "true", "true", "1" },
  { "page_size", "10", "10", "9" },
  { "page_size", " 500", "500", "501" },
  { "page_size", "050", "50", "fifty" },
  { "bg_opacity", "20", "20", "19" },
  { "bg_opacity", "100", "100", "101" },
  { "metadata_languages", "[\"ja\", \"en-US\", \"zh-Hant-TW\"]",
    "[\"ja\",\"en-US\",\"zh-Hant-TW\"]", "[]" },
  { "metadata_languages", "[\"en\"]", "[\"en\"]", "[\"e\"]" },
  { "metadata_languages", "[\"de\"]", "[\"de\"]", "\"en\"" },
  { "metadata_languages", "[\"fr-CA\"]", "[\"fr-CA\"]", "[\"en_US\"]" },
  { "saved_views",
    "[{\"name\":\"Rock\",\"params\":\"genre=rock\",\"created_at\":\"2026-01-01T00:00:00Z\"}]",
    "[{\"name\":\"Rock\",\"params\":\"genre=rock\",\"created_at\":\"2026-01-01T00:00:00Z\"}]",
    "[{\"name\":\"   \",\"params\":\"\"}]" },
  { "saved_views", "[]", "[]", "[{\"params\":\"x\"}]" },
  { "saved_views", "[{\"name\":\"x\"}]", "[{\"name\":\"x\"}]", "{\"name\":\"x\"}" },
  { "artist_detail_section_order", "[\"bio\", \"members\"]", "[\"bio\",\"members\"]",
    "[\"bio\", \"\"]" },
  { "artist_detail_hidden_sections", "[]", "[]", "[1]" },
  { "artist_detail_collapsed_sections", "[\"images\"]", "[\"images\"]", "images" },
  { "suppress_confirm_delete_artist", "true", "true", "yes" },
  { "suppress_confirm_bulk-fix", "false", "false", "1" },
  { "suppress_confirm_x9", " true ", "true", "" },
};

static void
test_prefs_validation (Fixture       *fixture,
                       gconstpointer  data)
{
  for (gsize i = 0; i < G_N_ELEMENTS (pref_cases); i++)
    {
      const PrefCase *c = &pref_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *stored = NULL;

      g_test_message ("%s: good “%s”, bad “%s”", c->key, c->good, c->bad);
      g_assert_true (sw_preferences_is_known_key (c->key));
      before = sw_preferences_get (fixture->prefs, "u1", c->key, &error);
      g_assert_no_error (error);

      g_assert_false (sw_preferences_set (fixture->prefs, "u1", c->key, c->bad, NULL, &error));
      assert_invalid (error, c->key);
      g_clear_error (&error);
      after = sw_preferences_get (fixture->prefs, "u1", c->key, &error);
      g_assert_cmpstr (after, ==, before);
      g_clear_pointer (&after, g_free);

      g_assert_true (sw_preferences_set (fixture->prefs, "u1", c->key, c->good, &stored, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (stored, ==, c->canonical);
      after = sw_preferences_get (fixture->prefs, "u1", c->key, &error);
      g_assert_cmpstr (after, ==, c->canonical);
    }

  /* Every listed key has a case. */
  for (guint i = 0; listed_keys[i] != NULL; i++)
    {
      gboolean covered = FALSE;

      for (gsize j = 0; j < G_N_ELEMENTS (pref_cases); j++)
        covered |= strcmp (pref_cases[j].key, listed_keys[i]) == 0;
      g_assert_true (covered);
    }

  /* Limits of the list preferences. */
  {
    g_autoptr(GString) views = g_string_new ("[");
    g_autoptr(GString) ids = g_string_new ("[");
    g_autofree char *long_name = g_strnfill (51, 'n');
    g_autofree char *long_params = g_strnfill (2001, 'p');
    g_autofree char *body = NULL;
    g_autoptr(GError) error = NULL;

    for (int i = 0; i < 21; i++)
      g_string_append_printf (views, "%s{\"name\":\"v%d\"}", i > 0 ? "," : "", i);
    g_string_append (views, "]");
    g_assert_false (sw_preferences_set (fixture->prefs, "u1", "saved_views", views->str, NULL,
                                        &error));
    g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
    g_clear_error (&error);

    body = g_strdup_printf ("[{\"name\":\"%s\"}]", long_name);
    g_assert_false (sw_preferences_set (fixture->prefs, "u1", "saved_views", body, NULL, &error));
    g_clear_error (&error);
    g_clear_pointer (&body, g_free);
    body = g_strdup_printf ("[{\"name\":\"ok\",\"params\":\"%s\"}]", long_params);
    g_assert_false (sw_preferences_set (fixture->prefs, "u1", "saved_views", body, NULL, &error));
    g_clear_error (&error);

    for (int i = 0; i < 51; i++)
      g_string_append_printf (ids, "%s\"s%d\"", i > 0 ? "," : "", i);
    g_string_append (ids, "]");
    g_assert_false (sw_preferences_set (fixture->prefs, "u1", "artist_detail_section_order",
                                        ids->str, NULL, &error));
    g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
  }
}

static void
test_prefs_unknown_key (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char *const unknown[] = {
    "colour", "suppress_confirm_", "suppress_confirm_Delete", "suppress_confirm_a.b",
    "suppress_confirm", "Theme", "", NULL
  };

  for (guint i = 0; unknown[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;

      g_test_message ("unknown preference “%s”", unknown[i]);
      g_assert_false (sw_preferences_is_known_key (unknown[i]));
      g_assert_false (sw_preferences_set (fixture->prefs, "u1", unknown[i], "true", NULL, &error));
      g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
      g_clear_error (&error);
      value = sw_preferences_get (fixture->prefs, "u1", unknown[i], &error);
      g_assert_null (value);
      g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID);
    }

  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM user_preferences"), ==, 0);
}

static void
test_prefs_unknown_user (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonNode) all = NULL;
  g_autofree char *value = NULL;

  g_assert_false (sw_preferences_set (fixture->prefs, "ghost", "theme", "light", NULL, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "ghost"));
  g_clear_error (&error);

  value = sw_preferences_get (fixture->prefs, "ghost", "theme", &error);
  g_assert_null (value);
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  all = sw_preferences_get_all (fixture->prefs, "ghost", &error);
  g_assert_null (all);
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Even an empty change names the missing user. */
  g_assert_false (sw_preferences_set_many (fixture->prefs, "ghost", values, NULL, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND);

  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM user_preferences"), ==, 0);
}

static void
test_prefs_isolation (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) bob = NULL;
  g_autofree char *value = NULL;

  g_assert_true (sw_preferences_set (fixture->prefs, "u1", "theme", "light", NULL, &error));
  g_assert_true (sw_preferences_set (fixture->prefs, "u1", "page_size", "100", NULL, &error));
  g_assert_true (sw_preferences_set (fixture->prefs, "u1", "suppress_confirm_scan", "true", NULL,
                                     &error));
  g_assert_no_error (error);

  bob = sw_preferences_get_all (fixture->prefs, "u2", &error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (bob), "theme"), ==,
                   "dark");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (bob), "page_size"), ==,
                   "50");
  value = sw_preferences_get (fixture->prefs, "u2", "suppress_confirm_scan", &error);
  g_assert_cmpstr (value, ==, "false");
  g_clear_pointer (&value, g_free);

  value = sw_preferences_get (fixture->prefs, "u1", "page_size", &error);
  g_assert_cmpstr (value, ==, "100");
  g_clear_pointer (&value, g_free);

  /* Deleting a user deletes their preferences (ON DELETE CASCADE). */
  exec_sql (fixture->store, "DELETE FROM users WHERE id = 'u1'");
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM user_preferences"), ==, 0);
}

static void
test_prefs_set_many (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) written = NULL;
  g_autoptr(GError) error = NULL;

  put (values, "theme", "light");
  put (values, "page_size", "1000");
  put (values, "suppress_confirm_merge", "true");
  g_assert_false (sw_preferences_set_many (fixture->prefs, "u1", values, &written, &error));
  assert_invalid (error, "page_size");
  g_clear_error (&error);
  g_assert_null (written);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM user_preferences"), ==, 0);

  put (values, "page_size", " 100");
  g_assert_true (sw_preferences_set_many (fixture->prefs, "u1", values, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (written), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (written, "page_size"), ==, "100");
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM user_preferences"), ==, 3);
}

static void
test_prefs_bad_stored_value (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autofree char *value = NULL;

  exec_sql (fixture->store,
            "INSERT INTO user_preferences VALUES ('u1', 'page_size', '5000', 'x'), "
            "('u1', 'metadata_languages', 'not json', 'x')");

  value = sw_preferences_get (fixture->prefs, "u1", "page_size", &error);
  ASSERT_LOGGED ("page_size");
  g_assert_cmpstr (value, ==, "50");

  all = sw_preferences_get_all (fixture->prefs, "u1", &error);
  ASSERT_LOGGED ("page_size", "metadata_languages");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (all),
                                                  "metadata_languages"), ==, "[\"en\"]");
}

static void
on_pref_changed (SwPreferences *prefs,
                 const char    *user_id,
                 const char    *key,
                 gpointer       user_data)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%s/%s", user_id, key));
}

static void
test_prefs_changed_signal (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_signal_connect (fixture->prefs, "changed::theme", G_CALLBACK (on_pref_changed), seen);
  g_assert_true (sw_preferences_set (fixture->prefs, "u2", "theme", "system", NULL, &error));
  g_assert_true (sw_preferences_set (fixture->prefs, "u2", "density", "compact", NULL, &error));
  g_assert_false (sw_preferences_set (fixture->prefs, "u2", "theme", "pink", NULL, &error));
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "u2/theme");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  logged = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (capture_writer, NULL, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/settings/validated-keys", test_validated_keys);
  ADD ("/settings/validated-keys-all-covered", test_validated_keys_all_covered);
  ADD ("/settings/defaults", test_defaults);
  ADD ("/settings/set-get", test_set_get);
  ADD ("/settings/set-many-atomic", test_set_many_atomic);
  ADD ("/settings/changed-signal", test_changed_signal);
  ADD ("/settings/invalid-changes-nothing", test_invalid_changes_nothing);
  ADD ("/settings/secrets-never-listed", test_secrets_never_listed);
  ADD ("/settings/to-json", test_to_json);
  ADD ("/settings/reset", test_reset);
  ADD ("/settings/corrupt-value-reads-default", test_corrupt_value_reads_default);
  ADD ("/settings/legacy-interval-hours", test_legacy_interval_hours);
  ADD ("/settings/baseline-choice", test_baseline_choice);
  ADD ("/settings/fallback-key", test_fallback_key);
  ADD ("/settings/logging", test_logging);
  ADD ("/settings/nfo-output", test_nfo_output);
  ADD ("/settings/persistence", test_persistence);
  ADD ("/settings/other-thread", test_other_thread);
  ADD ("/preferences/defaults", test_prefs_defaults);
  ADD ("/preferences/validation", test_prefs_validation);
  ADD ("/preferences/unknown-key", test_prefs_unknown_key);
  ADD ("/preferences/unknown-user", test_prefs_unknown_user);
  ADD ("/preferences/isolation", test_prefs_isolation);
  ADD ("/preferences/set-many", test_prefs_set_many);
  ADD ("/preferences/bad-stored-value", test_prefs_bad_stored_value);
  ADD ("/preferences/changed-signal", test_prefs_changed_signal);

#undef ADD

  return g_test_run ();
}

/* test-logs.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sw-log.h"
#include "sw-settings.h"
#include "sw-store.h"
#include "sw-test-util.h"

/* The process-wide log with its writer installed: the ring, levels, structured fields,
 * the access log, queries, the rotating file in both formats, pruning, many threads at
 * once, and following the settings. Every test starts with an empty ring, level info and
 * no file; log files live in a temporary directory. */

typedef struct
{
  char *dir;
  char *path;                   /* dir/stillwater.log */
} Fixture;

static void
configure (SwLogLevel   level,
           SwLogFormat  format,
           const char  *path,
           gint64       max_size,
           guint        max_files,
           guint        max_age_days)
{
  SwLogConfig config = { level, format, path, max_size, max_files, max_age_days };
  g_autoptr(GError) error = NULL;

  g_assert_true (sw_log_configure (&config, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = sw_test_make_temp_dir ();
  fixture->path = g_build_filename (fixture->dir, "stillwater.log", NULL);
  configure (SW_LOG_LEVEL_INFO, SW_LOG_FORMAT_JSON, NULL, 0, 0, 0);
  sw_log_clear ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  configure (SW_LOG_LEVEL_INFO, SW_LOG_FORMAT_JSON, NULL, 0, 0, 0);
  sw_log_clear ();
  sw_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

/* The ring's entries whose message starts with @prefix, oldest first. */
static GPtrArray *
entries_with_prefix (const char *prefix)
{
  g_autoptr(GPtrArray) all = sw_log_get_entries ();
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_log_entry_unref);

  for (guint i = 0; i < all->len; i++)
    {
      SwLogEntry *entry = g_ptr_array_index (all, i);

      if (g_str_has_prefix (entry->message, prefix))
        g_ptr_array_add (found, sw_log_entry_ref (entry));
    }
  return found;
}

static SwLogEntry *
entry_at (GPtrArray *entries,
          guint      index)
{
  g_assert_cmpuint (index, <, entries->len);
  return g_ptr_array_index (entries, index);
}

static GVariant *
attr (SwLogEntry *entry,
      const char *key)
{
  GVariant *value = g_variant_lookup_value (entry->attrs, key, NULL);

  g_assert_nonnull (value);
  return value;
}

/* Every entry of the log file @name, oldest first. */
static GPtrArray *
file_entries (const char *name)
{
  SwLogQuery query = { SW_LOG_LEVEL_TRACE, NULL, NULL, 0, G_MAXUINT };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) newest_first = sw_log_query_file (name, &query, &error);
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_log_entry_unref);

  g_assert_no_error (error);
  g_assert_nonnull (newest_first);
  for (guint i = newest_first->len; i > 0; i--)
    g_ptr_array_add (entries, sw_log_entry_ref (g_ptr_array_index (newest_first, i - 1)));
  return entries;
}

static char **
file_lines (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 0);
  g_assert_true (contents[length - 1] == '\n');
  contents[length - 1] = '\0';
  return g_strsplit (contents, "\n", -1);
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
}

static gboolean
exists (const char *dir,
        const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The rotated name of a time @days_ago days before now. */
static char *
rotated_name_days_ago (int days_ago,
                       int millis)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days_ago);
  g_autofree char *stamp = g_date_time_format (then, "%Y-%m-%dT%H-%M-%S");

  return g_strdup_printf ("stillwater-%s.%03d.log", stamp, millis);
}

/* The ring ------------------------------------------------------------------------------ */

static void
test_ring_bound_and_order (Fixture       *fixture,
                           gconstpointer  data)
{
  const guint extra = 25;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) newest = NULL;
  SwLogQuery query = { SW_LOG_LEVEL_TRACE, "ring ", NULL, 0, 3 };

  for (guint i = 0; i < SW_LOG_RING_SIZE + extra; i++)
    g_message ("ring %u", i);

  all = sw_log_get_entries ();
  g_assert_cmpuint (all->len, ==, SW_LOG_RING_SIZE);
  /* The oldest were dropped; the rest are in logging order. */
  g_assert_cmpstr (entry_at (all, 0)->message, ==, "ring 25");
  g_assert_cmpstr (entry_at (all, all->len - 1)->message, ==, "ring 2024");
  for (guint i = 1; i < all->len; i++)
    {
      g_autofree char *expected = g_strdup_printf ("ring %u", extra + i);

      g_assert_cmpstr (entry_at (all, i)->message, ==, expected);
      g_assert_cmpint (entry_at (all, i)->time_us, >=, entry_at (all, i - 1)->time_us);
    }

  /* Queries answer newest first. */
  newest = sw_log_query (&query);
  g_assert_cmpuint (newest->len, ==, 3);
  g_assert_cmpstr (entry_at (newest, 0)->message, ==, "ring 2024");
  g_assert_cmpstr (entry_at (newest, 2)->message, ==, "ring 2022");

  sw_log_clear ();
  g_clear_pointer (&all, g_ptr_array_unref);
  all = entries_with_prefix ("ring ");
  g_assert_cmpuint (all->len, ==, 0);
}

static void
test_levels (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) found = NULL;
  SwLogLevel level;

  g_assert_true (sw_log_level_from_string ("warn", &level));
  g_assert_cmpint (level, ==, SW_LOG_LEVEL_WARN);
  g_assert_false (sw_log_level_from_string ("loud", &level));
  g_assert_cmpstr (sw_log_level_to_string (SW_LOG_LEVEL_TRACE), ==, "trace");

  /* info: debug is left out. */
  g_debug ("lvl debug hidden");
  g_info ("lvl info shown");
  g_message ("lvl message shown");
  g_warning ("lvl warning shown");
  g_critical ("lvl critical shown");
  found = entries_with_prefix ("lvl ");
  g_assert_cmpuint (found->len, ==, 4);
  g_assert_cmpstr (entry_at (found, 0)->message, ==, "lvl info shown");
  g_assert_cmpint (entry_at (found, 0)->level, ==, SW_LOG_LEVEL_INFO);
  g_assert_cmpint (entry_at (found, 1)->level, ==, SW_LOG_LEVEL_INFO);
  g_assert_cmpint (entry_at (found, 2)->level, ==, SW_LOG_LEVEL_WARN);
  g_assert_cmpint (entry_at (found, 3)->level, ==, SW_LOG_LEVEL_ERROR);

  /* warn: info is left out too. */
  sw_log_clear ();
  sw_log_set_level (SW_LOG_LEVEL_WARN);
  g_message ("lvl message hidden");
  g_warning ("lvl warning shown");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = entries_with_prefix ("lvl ");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (entry_at (found, 0)->message, ==, "lvl warning shown");

  /* debug and trace take debug messages. */
  sw_log_clear ();
  configure (SW_LOG_LEVEL_DEBUG, SW_LOG_FORMAT_JSON, NULL, 0, 0, 0);
  g_debug ("lvl debug shown");
  sw_log_set_level (SW_LOG_LEVEL_TRACE);
  g_debug ("lvl debug at trace");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = entries_with_prefix ("lvl ");
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpint (entry_at (found, 0)->level, ==, SW_LOG_LEVEL_DEBUG);
  g_assert_cmpint (sw_log_get_level (), ==, SW_LOG_LEVEL_TRACE);

  /* The access log is debug: nothing at info. */
  sw_log_set_level (SW_LOG_LEVEL_INFO);
  sw_log_access ("GET", "/lvl", 200, 10, NULL);
  sw_log_set_level (SW_LOG_LEVEL_INFO);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = entries_with_prefix ("GET /lvl");
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_structured_fields (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GVariant) password = NULL;
  g_autoptr(GVariant) artist = NULL;
  g_autoptr(GRegex) time_shape = g_regex_new ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z$",
                                              0, 0, NULL);
  JsonObject *object;
  JsonObject *attrs;

  g_log_structured ("stillwater-test", G_LOG_LEVEL_MESSAGE,
                    "COMPONENT", "scanner",
                    "PASSWORD", "hunter2",
                    "ARTIST", "Nina Simone",
                    "MESSAGE", "fields scan %d", 1);
  g_log_structured ("stillwater-test", G_LOG_LEVEL_MESSAGE, "MESSAGE", "fields domain only");
  g_message ("fields no domain");

  found = entries_with_prefix ("fields ");
  g_assert_cmpuint (found->len, ==, 3);

  /* COMPONENT wins over the domain; secrets never reach the entry. */
  g_assert_cmpstr (entry_at (found, 0)->component, ==, "scanner");
  password = attr (entry_at (found, 0), "password");
  g_assert_cmpstr (g_variant_get_string (password, NULL), ==, "[REDACTED]");
  artist = attr (entry_at (found, 0), "artist");
  g_assert_cmpstr (g_variant_get_string (artist, NULL), ==, "Nina Simone");
  g_assert_null (g_variant_lookup_value (entry_at (found, 0)->attrs, "code_file", NULL));
  g_assert_null (g_variant_lookup_value (entry_at (found, 0)->attrs, "message", NULL));

  g_assert_cmpstr (entry_at (found, 1)->component, ==, "stillwater-test");
  g_assert_null (entry_at (found, 2)->component);

  /* The contract's LogEntry. */
  json = sw_log_entry_to_json (entry_at (found, 0));
  object = json_node_get_object (json);
  g_assert_true (g_regex_match (time_shape, json_object_get_string_member (object, "time"), 0,
                                NULL));
  g_assert_cmpstr (json_object_get_string_member (object, "level"), ==, "info");
  g_assert_cmpstr (json_object_get_string_member (object, "message"), ==, "fields scan 1");
  g_assert_cmpstr (json_object_get_string_member (object, "component"), ==, "scanner");
  attrs = json_object_get_object_member (object, "attrs");
  g_assert_cmpstr (json_object_get_string_member (attrs, "password"), ==, "[REDACTED]");
  g_assert_cmpstr (json_object_get_string_member (attrs, "artist"), ==, "Nina Simone");

  g_clear_pointer (&json, json_node_unref);
  json = sw_log_entry_to_json (entry_at (found, 2));
  g_assert_false (json_object_has_member (json_node_get_object (json), "component"));
}

static void
test_access_log (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GVariant) status = NULL;
  g_autoptr(GVariant) duration = NULL;
  g_autoptr(GVariant) path = NULL;
  g_autoptr(GVariant) client = NULL;
  SwLogEntry *entry;

  sw_log_set_level (SW_LOG_LEVEL_DEBUG);
  sw_log_access ("GET", "/api/v1/artists?apikey=sw_secret1&page=2&X-Api_Key=abc&tokenish=t2",
                 200, 1500, "127.0.0.1");
  found = entries_with_prefix ("GET /api/v1/artists");
  g_assert_cmpuint (found->len, ==, 1);
  entry = entry_at (found, 0);

  g_assert_cmpstr (entry->component, ==, SW_LOG_DOMAIN_ACCESS);
  g_assert_cmpint (entry->level, ==, SW_LOG_LEVEL_DEBUG);
  g_assert_null (strstr (entry->message, "sw_secret1"));
  g_assert_null (strstr (entry->message, "t2"));
  status = attr (entry, "status");
  g_assert_true (g_variant_is_of_type (status, G_VARIANT_TYPE_INT64));
  g_assert_cmpint (g_variant_get_int64 (status), ==, 200);
  duration = attr (entry, "duration_ms");
  g_assert_cmpfloat_with_epsilon (g_variant_get_double (duration), 1.5, 1e-9);
  path = attr (entry, "path");
  g_assert_cmpstr (g_variant_get_string (path, NULL), ==,
                   "/api/v1/artists?apikey=REDACTED&page=2&X-Api_Key=REDACTED&tokenish=REDACTED");
  client = attr (entry, "client");
  g_assert_cmpstr (g_variant_get_string (client, NULL), ==, "127.0.0.1");
  g_assert_cmpstr (entry->message, ==,
                   "GET /api/v1/artists?apikey=REDACTED&page=2&X-Api_Key=REDACTED"
                   "&tokenish=REDACTED 200 1.5 ms");
}

static void
test_query_filters (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) result = NULL;
  SwLogQuery query = { SW_LOG_LEVEL_TRACE, NULL, NULL, 0, 100 };
  gint64 after;

  g_log_structured ("stillwater-test", G_LOG_LEVEL_MESSAGE, "COMPONENT", "provider",
                    "MESSAGE", "q Éclair fetched");
  g_usleep (2000);
  g_log_structured ("stillwater-test", G_LOG_LEVEL_WARNING, "COMPONENT", "scanner",
                    "MESSAGE", "q folder missing");
  g_usleep (2000);
  g_message ("q plain message");
  all = entries_with_prefix ("q ");
  g_assert_cmpuint (all->len, ==, 3);

  /* Search ignores case, also beyond ASCII. */
  query.search = "ÉCLAIR";
  result = sw_log_query (&query);
  g_assert_cmpuint (result->len, ==, 1);
  g_assert_cmpstr (entry_at (result, 0)->message, ==, "q Éclair fetched");

  query.search = "q ";
  query.component = "scanner";
  g_clear_pointer (&result, g_ptr_array_unref);
  result = sw_log_query (&query);
  g_assert_cmpuint (result->len, ==, 1);
  g_assert_cmpstr (entry_at (result, 0)->message, ==, "q folder missing");

  query.component = NULL;
  query.min_level = SW_LOG_LEVEL_WARN;
  g_clear_pointer (&result, g_ptr_array_unref);
  result = sw_log_query (&query);
  g_assert_cmpuint (result->len, ==, 1);
  g_assert_cmpint (entry_at (result, 0)->level, ==, SW_LOG_LEVEL_WARN);

  /* After: strictly later than the first entry. */
  query.min_level = SW_LOG_LEVEL_TRACE;
  query.after_us = entry_at (all, 0)->time_us;
  g_clear_pointer (&result, g_ptr_array_unref);
  result = sw_log_query (&query);
  g_assert_cmpuint (result->len, ==, 2);
  g_assert_cmpstr (entry_at (result, 0)->message, ==, "q plain message");
  g_assert_cmpstr (entry_at (result, 1)->message, ==, "q folder missing");

  /* The formatted time parses back to the same instant. */
  {
    g_autofree char *text = sw_log_entry_dup_time (entry_at (all, 1));

    g_assert_true (sw_log_parse_time (text, &after));
    g_assert_cmpint (after, ==, entry_at (all, 1)->time_us);
    g_assert_false (sw_log_parse_time ("yesterday", &after));
    g_assert_false (sw_log_parse_time ("2026-01-01T00:00:00", &after));
  }

  query.after_us = 0;
  query.limit = 0;
  g_clear_pointer (&result, g_ptr_array_unref);
  result = sw_log_query (&query);
  g_assert_cmpuint (result->len, ==, 0);
}

/* The file ----------------------------------------------------------------------------- */

static void
test_file_formats (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *tricky = "fmt \"quoted\" and\nnew line\ttab <b>&amp; ünïcödé = \\";
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GVariant) status = NULL;
  g_autoptr(GVariant) duration = NULL;
  g_autoptr(GVariant) number_text = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  configure (SW_LOG_LEVEL_INFO, SW_LOG_FORMAT_JSON, fixture->path, 0, 0, 0);
  g_log_structured (NULL, G_LOG_LEVEL_MESSAGE, "COMPONENT", "api", "MESSAGE", "%s", tricky);

  /* json: one LogEntry object per line. */
  lines = file_lines (fixture->path);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_true (json_parser_load_from_data (parser, lines[0], -1, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "message"), ==, tricky);
  g_assert_cmpstr (json_object_get_string_member (object, "level"), ==, "info");
  g_assert_cmpstr (json_object_get_string_member (object, "component"), ==, "api");
  g_assert_true (json_object_has_member (object, "time"));

  /* text, live, into the same file: logfmt lines. */
  configure (SW_LOG_LEVEL_DEBUG, SW_LOG_FORMAT_TEXT, fixture->path, 0, 0, 0);
  g_log_structured (NULL, G_LOG_LEVEL_WARNING, "COMPONENT", "api", "COUNT", "42",
                    "MESSAGE", "%s", tricky);
  sw_log_access ("POST", "/api/v1/x", 201, 2000, "::1");
  g_strfreev (lines);
  lines = file_lines (fixture->path);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[1], "time="));
  g_assert_nonnull (strstr (lines[1], " level=warn component=api msg=\"fmt \\\"quoted\\\" and\\nnew"));
  g_assert_nonnull (strstr (lines[1], " count=\"42\""));
  g_assert_nonnull (strstr (lines[2], " status=201 "));
  g_assert_nonnull (strstr (lines[2], " duration_ms=2.0 "));

  /* Both formats read back to the same entries, types included. */
  entries = file_entries ("stillwater.log");
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpstr (entry_at (entries, 0)->message, ==, tricky);
  g_assert_cmpstr (entry_at (entries, 1)->message, ==, tricky);
  g_assert_cmpint (entry_at (entries, 1)->level, ==, SW_LOG_LEVEL_WARN);
  g_assert_cmpstr (entry_at (entries, 1)->component, ==, "api");
  number_text = attr (entry_at (entries, 1), "count");
  g_assert_cmpstr (g_variant_get_string (number_text, NULL), ==, "42");
  status = attr (entry_at (entries, 2), "status");
  g_assert_cmpint (g_variant_get_int64 (status), ==, 201);
  duration = attr (entry_at (entries, 2), "duration_ms");
  g_assert_cmpfloat_with_epsilon (g_variant_get_double (duration), 2.0, 1e-9);
  g_assert_cmpstr (entry_at (entries, 2)->component, ==, SW_LOG_DOMAIN_ACCESS);

  /* Only the owner may read the file. */
  {
    GStatBuf info;

    g_assert_cmpint (g_stat (fixture->path, &info), ==, 0);
    g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  }
}

static void
test_file_rotation (Fixture       *fixture,
                    gconstpointer  data)
{
  const guint n_messages = 300;
  const gint64 max_size = 2000;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) rotated_shape =
    g_regex_new ("^stillwater-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d\\.\\d{3}\\.log$", 0, 0,
                 NULL);
  SwLogFileInfo *current;
  guint expected = 0;
  guint total = 0;

  configure (SW_LOG_LEVEL_INFO, SW_LOG_FORMAT_TEXT, fixture->path, max_size, 3, 0);
  for (guint i = 0; i < n_messages; i++)
    g_message ("rot %04u padding padding padding padding padding padding", i);

  files = sw_log_list_files (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 4);

  current = g_ptr_array_index (files, 0);
  g_assert_cmpstr (current->name, ==, "stillwater.log");
  g_assert_true (current->is_current);

  /* Three rotated files kept, newest first, none past the size. */
  for (guint i = 1; i < files->len; i++)
    {
      SwLogFileInfo *info = g_ptr_array_index (files, i);

      g_assert_false (info->is_current);
      g_assert_true (g_regex_match (rotated_shape, info->name, 0, NULL));
      g_assert_cmpint (info->size, >, 0);
      g_assert_cmpint (info->size, <=, max_size);
      if (i > 1)
        g_assert_cmpstr (info->name, <, ((SwLogFileInfo *) g_ptr_array_index (files, i - 1))->name);
    }
  g_assert_cmpint (current->size, <=, max_size);

  /* Oldest rotated file → current file: consecutive messages ending with the last one. */
  for (guint i = files->len; i > 0; i--)
    {
      SwLogFileInfo *info = g_ptr_array_index (files, i - 1);
      g_autoptr(GPtrArray) entries = file_entries (info->name);

      g_assert_cmpuint (entries->len, >, 0);
      for (guint j = 0; j < entries->len; j++)
        {
          guint number = 0;

          g_assert_cmpint (sscanf (entry_at (entries, j)->message, "rot %u", &number), ==, 1);
          if (total > 0)
            g_assert_cmpuint (number, ==, expected);
          expected = number + 1;
          total++;
        }
    }
  g_assert_cmpuint (expected, ==, n_messages);
  g_assert_cmpuint (total, <, n_messages);
}

static void
test_file_pruning (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *ancient = g_strdup ("stillwater-2020-01-01T00-00-00.000.log");
  g_autofree char *old = rotated_name_days_ago (31, 0);
  g_autofree char *recent1 = rotated_name_days_ago (3, 0);
  g_autofree char *recent2 = rotated_name_days_ago (2, 0);
  g_autofree char *recent3 = rotated_name_days_ago (1, 0);
  const char *foreign[] = { "stillwater-garbage.log", "other.log", "stillwater.log.1",
                            "stillwater-2020-13-01T00-00-00.000.log", ".stillwater.log" };
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  guint64 bytes = 0;
  guint deleted = 0;

  write_file (fixture->dir, ancient, "a\n");
  write_file (fixture->dir, old, "b\n");
  write_file (fixture->dir, recent1, "c\n");
  write_file (fixture->dir, recent2, "dd\n");
  write_file (fixture->dir, recent3, "eee\n");
  for (gsize i = 0; i < G_N_ELEMENTS (foreign); i++)
    write_file (fixture->dir, foreign[i], "x\n");

  /* Opening prunes by age … */
  configure (SW_LOG_LEVEL_INFO, SW_LOG_FORMAT_JSON, fixture->path, 0, 0, 30);
  g_assert_false (exists (fixture->dir, ancient));
  g_assert_false (exists (fixture->dir, old));
  g_assert_true (exists (fixture->dir, recent1));
  g_assert_true (exists (fixture->dir, recent3));

  /* … and a new count limit prunes the oldest at once. */
  configure (SW_LOG_LEVEL_INFO, SW_LOG_FORMAT_JSON, fixture->path, 0, 2, 30);
  g_assert_false (exists (fixture->dir, recent1));
  g_assert_true (exists (fixture->dir, recent2));
  g_assert_true (exists (fixture->dir, recent3));

  files = sw_log_list_files (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 3);
  g_assert_cmpstr (((SwLogFileInfo *) g_ptr_array_index (files, 1))->name, ==, recent3);
  g_assert_cmpstr (((SwLogFileInfo *) g_ptr_array_index (files, 2))->name, ==, recent2);

  /* Deleting rotated files spares the current one and everything not ours. */
  g_message ("prune keep me");
  g_assert_true (sw_log_delete_rotated (&deleted, &bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (deleted, ==, 2);
  g_assert_cmpuint (bytes, ==, strlen ("dd\n") + strlen ("eee\n"));
  g_assert_true (exists (fixture->dir, "stillwater.log"));
  for (gsize i = 0; i < G_N_ELEMENTS (foreign); i++)
    g_assert_true (exists (fixture->dir, foreign[i]));

  g_assert_true (sw_log_delete_rotated (&deleted, &bytes, &error));
  g_assert_cmpuint (deleted, ==, 0);
  g_assert_cmpuint (bytes, ==, 0);
}

static void
test_file_names (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *rotated = rotated_name_days_ago (1, 5);
  g_autofree char *missing = rotated_name_days_ago (1, 6);
  const char *refused[] = { "", "../stillwater.log", "/etc/passwd", ".stillwater.log",
                            "sub/stillwater.log", "other.log", "..", "stillwater.log/",
                            "stillwater-garbage.log", missing };
  SwLogQuery query = { SW_LOG_LEVEL_TRACE, NULL, NULL, 0, 10 };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  /* Without file logging there is nothing to read. */
  entries = sw_log_query_file ("stillwater.log", &query, &error);
  g_assert_error (error, SW_LOG_ERROR, SW_LOG_ERROR_NOT_CONFIGURED);
  g_assert_null (entries);
  g_clear_error (&error);

  write_file (fixture->dir, rotated,
              "{\"time\":\"2026-01-02T03:04:05.5Z\",\"level\":\"warn\",\"message\":\"from disk\"}\n"
              "not a log line\n");
  write_file (fixture->dir, "other.log", "x\n");
  configure (SW_LOG_LEVEL_INFO, SW_LOG_FORMAT_JSON, fixture->path, 0, 0, 0);

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      entries = sw_log_query_file (refused[i], &query, &error);
      g_assert_error (error, SW_LOG_ERROR, SW_LOG_ERROR_INVALID);
      g_assert_null (entries);
      g_clear_error (&error);
    }

  /* A rotated file reads; the line that is no entry is skipped. */
  entries = sw_log_query_file (rotated, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (entry_at (entries, 0)->message, ==, "from disk");
  g_assert_cmpint (entry_at (entries, 0)->level, ==, SW_LOG_LEVEL_WARN);
  g_assert_cmpint (entry_at (entries, 0)->time_us % G_USEC_PER_SEC, ==, 500000);
}

static void
test_file_unwritable (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (fixture->dir, "blocker", NULL);
  g_autofree char *below = g_build_filename (blocker, "stillwater.log", NULL);
  SwLogConfig config = { SW_LOG_LEVEL_INFO, SW_LOG_FORMAT_JSON, below, 0, 0, 0 };
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  /* A file where the directory should be: file logging stays off, the ring goes on. */
  write_file (fixture->dir, "blocker", "");
  g_assert_false (sw_log_configure (&config, &error));
  g_assert_error (error, SW_LOG_ERROR, SW_LOG_ERROR_FAILED);
  g_message ("unwritable still in the ring");
  found = entries_with_prefix ("unwritable ");
  g_assert_cmpuint (found->len, ==, 1);
  files = sw_log_list_files (NULL);
  g_assert_cmpuint (files->len, ==, 0);
}

/* Threads ----------------------------------------------------------------------------- */

#define N_THREADS 8
#define PER_THREAD 300

static gpointer
log_from_thread (gpointer data)
{
  guint thread = GPOINTER_TO_UINT (data);

  for (guint i = 0; i < PER_THREAD; i++)
    g_message ("thr %u %u %s", thread, i, i % 7 == 0 ? "with a longer tail to vary sizes" : "");
  return NULL;
}

/* Checks that every thread's messages appear in order; returns how many there were. */
static guint
check_thread_order (GPtrArray *entries,
                    gboolean   complete)
{
  int next[N_THREADS];
  guint seen = 0;

  for (guint t = 0; t < N_THREADS; t++)
    next[t] = -1;

  for (guint i = 0; i < entries->len; i++)
    {
      SwLogEntry *entry = g_ptr_array_index (entries, i);
      guint thread, number;

      if (sscanf (entry->message, "thr %u %u", &thread, &number) != 2)
        continue;
      g_assert_cmpuint (thread, <, N_THREADS);
      if (complete || next[thread] >= 0)
        g_assert_cmpint (number, ==, MAX (next[thread], 0));
      next[thread] = number + 1;
      seen++;
    }

  return seen;
}

static void
test_threads (Fixture       *fixture,
              gconstpointer  data)
{
  GThread *threads[N_THREADS];
  g_autoptr(GPtrArray) ring = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) from_files = g_ptr_array_new_with_free_func (
    (GDestroyNotify) sw_log_entry_unref);
  g_autoptr(GError) error = NULL;

  configure (SW_LOG_LEVEL_INFO, SW_LOG_FORMAT_JSON, fixture->path, 32 * 1024, 0, 0);
  for (guint t = 0; t < N_THREADS; t++)
    threads[t] = g_thread_new ("logger", log_from_thread, GUINT_TO_POINTER (t));

  /* Meanwhile: reconfigure (format and limits, same file), read the ring and the files. */
  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(GPtrArray) snapshot = sw_log_get_entries ();
      g_autoptr(GPtrArray) listing = sw_log_list_files (&error);

      g_assert_no_error (error);
      g_assert_cmpuint (snapshot->len, <=, SW_LOG_RING_SIZE);
      g_assert_cmpuint (listing->len, >=, 1);
      configure (SW_LOG_LEVEL_INFO, round % 2 ? SW_LOG_FORMAT_TEXT : SW_LOG_FORMAT_JSON,
                 fixture->path, 32 * 1024, 0, 0);
      g_usleep (500);
    }

  for (guint t = 0; t < N_THREADS; t++)
    g_thread_join (threads[t]);

  /* The ring holds the newest SW_LOG_RING_SIZE, each thread's in its own order. */
  ring = sw_log_get_entries ();
  g_assert_cmpuint (ring->len, ==, SW_LOG_RING_SIZE);
  g_assert_cmpuint (check_thread_order (ring, FALSE), ==, SW_LOG_RING_SIZE);

  /* The files hold all of them, whole lines only, in order, across rotations. */
  files = sw_log_list_files (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, >, 2);
  for (guint i = files->len; i > 0; i--)
    {
      SwLogFileInfo *info = g_ptr_array_index (files, i - 1);
      g_autoptr(GPtrArray) entries = file_entries (info->name);

      for (guint j = 0; j < entries->len; j++)
        g_ptr_array_add (from_files, sw_log_entry_ref (g_ptr_array_index (entries, j)));
    }
  g_assert_cmpuint (check_thread_order (from_files, TRUE), ==, N_THREADS * PER_THREAD);
}

/* Settings ------------------------------------------------------------------------------ */

static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(SwStore) store = NULL;
  g_autoptr(SwSettings) settings = NULL;
  g_autoptr(SwSettings) unwatched = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) lines = NULL;

  store = sw_store_open (":memory:", &error);
  g_assert_no_error (error);
  settings = sw_settings_new (store);
  unwatched = sw_settings_new (store);

  /* The defaults: info, no file. */
  sw_log_set_level (SW_LOG_LEVEL_ERROR);
  sw_log_configure_from_settings (settings);
  g_assert_cmpint (sw_log_get_level (), ==, SW_LOG_LEVEL_INFO);
  files = sw_log_list_files (&error);
  g_assert_cmpuint (files->len, ==, 0);

  /* Watched: a change applies at once. */
  sw_log_watch_settings (settings);
  sw_log_watch_settings (settings);
  g_assert_true (sw_settings_set (settings, "logging.level", "debug", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sw_log_get_level (), ==, SW_LOG_LEVEL_DEBUG);
  g_debug ("cfg debug now recorded");

  /* The whole logging configuration, as PUT /settings/logging writes it. */
  json = g_strdup_printf ("{\"file_path\":\"%s\",\"format\":\"text\",\"level\":\"info\"}",
                          fixture->path);
  body = json_from_string (json, &error);
  g_assert_no_error (error);
  result = sw_settings_update_logging (settings, body, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_debug ("cfg debug dropped again");
  g_message ("cfg into the file");
  lines = file_lines (fixture->path);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_true (g_str_has_prefix (lines[0], "time="));
  g_assert_nonnull (strstr (lines[0], "msg=\"cfg into the file\""));

  /* Another instance is not watched until asked to be. */
  g_assert_true (sw_settings_set (unwatched, "logging.level", "error", &error));
  g_assert_cmpint (sw_log_get_level (), ==, SW_LOG_LEVEL_INFO);
  g_assert_true (sw_settings_set (settings, "logging.level", "warn", &error));
  g_assert_cmpint (sw_log_get_level (), ==, SW_LOG_LEVEL_WARN);
  g_message ("cfg message dropped at warn");

  found = entries_with_prefix ("cfg ");
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (entry_at (found, 0)->message, ==, "cfg debug now recorded");
  g_assert_cmpstr (entry_at (found, 1)->message, ==, "cfg into the file");

  g_clear_object (&settings);
  g_clear_object (&unwatched);
  g_assert_finalize_object (g_steal_pointer (&store));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  sw_log_install ();
  /* Warnings and criticals are what these tests log on purpose. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/logs/ring/bound-and-order", test_ring_bound_and_order);
  ADD ("/logs/levels", test_levels);
  ADD ("/logs/structured-fields", test_structured_fields);
  ADD ("/logs/access-log", test_access_log);
  ADD ("/logs/query-filters", test_query_filters);
  ADD ("/logs/file/formats", test_file_formats);
  ADD ("/logs/file/rotation", test_file_rotation);
  ADD ("/logs/file/pruning", test_file_pruning);
  ADD ("/logs/file/names", test_file_names);
  ADD ("/logs/file/unwritable", test_file_unwritable);
  ADD ("/logs/threads", test_threads);
  ADD ("/logs/settings", test_settings);

  return g_test_run ();
}

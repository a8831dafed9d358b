/* sw-history-query.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-query.h"
#include "sw-artist-service.h"
#include "sw-history-query.h"
#include "sw-json-text.h"
#include "sw-metadata-change-private.h"

/* One request may name at most this many fields or sources. */
#define MAX_VALUES 100

SwHistoryQuery *
sw_history_query_new (void)
{
  SwHistoryQuery *query = g_new0 (SwHistoryQuery, 1);

  query->fields = g_ptr_array_new_with_free_func (g_free);
  query->sources = g_ptr_array_new_with_free_func (g_free);
  query->source_prefixes = g_ptr_array_new_with_free_func (g_free);
  query->limit = SW_HISTORY_QUERY_DEFAULT_LIMIT;
  return query;
}

void
sw_history_query_free (SwHistoryQuery *query)
{
  if (query == NULL)
    return;

  g_free (query->artist_id);
  g_clear_pointer (&query->fields, g_ptr_array_unref);
  g_clear_pointer (&query->sources, g_ptr_array_unref);
  g_clear_pointer (&query->source_prefixes, g_ptr_array_unref);
  g_free (query->from);
  g_free (query->to);
  g_free (query);
}

static gboolean
invalid (GError     **error,
         const char  *name,
         const char  *value,
         const char  *expected)
{
  g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
               _("“%s” is not a valid %s: expected %s"), value, name, expected);
  return FALSE;
}

static gboolean
is_digits (const char *text,
           gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static int
digits_value (const char *text,
              gsize       length)
{
  int value = 0;

  for (gsize i = 0; i < length; i++)
    value = value * 10 + (text[i] - '0');
  return value;
}

/* "YYYY-MM-DD" at the start of @value. */
static gboolean
has_date_shape (const char *value)
{
  return strlen (value) >= 10 && is_digits (value, 4) && value[4] == '-' &&
         is_digits (value + 5, 2) && value[7] == '-' && is_digits (value + 8, 2);
}

/* The stored form: UTC, whole seconds, "Z". Stored times are truncated to the second,
 * so a bound is too; both bounds are inclusive. */
static char *
format_stored (GDateTime *time)
{
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                          g_date_time_get_year (time), g_date_time_get_month (time),
                          g_date_time_get_day_of_month (time), g_date_time_get_hour (time),
                          g_date_time_get_minute (time), g_date_time_get_second (time));
}

/* A date-only "to" means the end of that UTC day: the whole day is included. */
static gboolean
parse_bound (const char  *name,
             const char  *value,
             gboolean     end_of_day,
             char       **bound,
             GError     **error)
{
  const char *expected = _("an RFC 3339 time or a date (YYYY-MM-DD)");
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (!has_date_shape (value))
    return invalid (error, name, value, expected);

  if (value[10] == '\0')
    {
      time = g_date_time_new_utc (digits_value (value, 4), digits_value (value + 5, 2),
                                  digits_value (value + 8, 2),
                                  end_of_day ? 23 : 0, end_of_day ? 59 : 0, end_of_day ? 59 : 0);
      if (time == NULL)
        return invalid (error, name, value, expected);
      *bound = format_stored (time);
      return TRUE;
    }

  /* RFC 3339 always names the offset, so no default zone is assumed. */
  if (value[10] != 'T' && value[10] != 't')
    return invalid (error, name, value, expected);
  time = g_date_time_new_from_iso8601 (value, NULL);
  if (time == NULL)
    return invalid (error, name, value, expected);
  utc = g_date_time_to_utc (time);
  if (utc == NULL || g_date_time_get_year (utc) < 1)
    return invalid (error, name, value, expected);

  *bound = format_stored (utc);
  return TRUE;
}

static gboolean
parse_count (const char  *name,
             const char  *value,
             guint       *result,
             GError     **error)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT, &number, NULL))
    return invalid (error, name, value, _("a whole number"));

  *result = (guint) number;
  return TRUE;
}

/* Field names are identifiers: letters, digits, '_' and '-'. */
static gboolean
add_field (SwHistoryQuery  *query,
           const char      *value,
           GError         **error)
{
  if (!sw_artist_id_is_valid (value))
    return invalid (error, "field", value, _("a field name"));

  g_ptr_array_add (query->fields, g_strdup (value));
  return TRUE;
}

/* "provider:*" matches every provider; other sources are matched exactly and must be
 * ones the history records. */
static gboolean
add_source (SwHistoryQuery  *query,
            const char      *value,
            GError         **error)
{
  const char *expected = _("manual, scan, import, revert, provider:<name>, rule:<id> "
                           "or a prefix ending in “*”");
  const char *star = strchr (value, '*');

  if (star == NULL)
    {
      if (!sw_artist_source_is_valid (value))
        return invalid (error, "source", value, expected);
      g_ptr_array_add (query->sources, g_strdup (value));
      return TRUE;
    }

  if (star == value || star[1] != '\0')
    return invalid (error, "source", value, expected);

  g_ptr_array_add (query->source_prefixes, g_strndup (value, star - value));
  return TRUE;
}

gboolean
sw_history_query_set_param (SwHistoryQuery  *query,
                            const char      *name,
                            const char      *value,
                            GError         **error)
{
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  /* An empty value is the same as leaving the parameter out. */
  if (value == NULL || value[0] == '\0')
    return TRUE;

  if (g_str_equal (name, "limit"))
    {
      guint limit;

      if (!parse_count (name, value, &limit, error))
        return FALSE;
      query->limit = CLAMP (limit, SW_HISTORY_QUERY_MIN_LIMIT, SW_HISTORY_QUERY_MAX_LIMIT);
      return TRUE;
    }

  if (g_str_equal (name, "offset"))
    return parse_count (name, value, &query->offset, error);

  if (g_str_equal (name, "artist_id"))
    {
      if (!sw_artist_id_is_valid (value))
        return invalid (error, name, value, _("an artist id"));
      g_free (query->artist_id);
      query->artist_id = g_strdup (value);
      return TRUE;
    }

  if (g_str_equal (name, "field") || g_str_equal (name, "source"))
    {
      gboolean is_field = g_str_equal (name, "field");

      if (query->fields->len + query->sources->len + query->source_prefixes->len >= MAX_VALUES)
        {
          g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                       _("At most %d fields and sources can be given"), MAX_VALUES);
          return FALSE;
        }
      return is_field ? add_field (query, value, error) : add_source (query, value, error);
    }

  if (g_str_equal (name, "from") || g_str_equal (name, "to"))
    {
      gboolean is_to = g_str_equal (name, "to");
      char *bound = NULL;

      if (!parse_bound (name, value, is_to, &bound, error))
        return FALSE;
      if (is_to)
        {
          g_free (query->to);
          query->to = bound;
        }
      else
        {
          g_free (query->from);
          query->from = bound;
        }
      return TRUE;
    }

  return TRUE;
}

gboolean
sw_history_query_check (const SwHistoryQuery  *query,
                        GError               **error)
{
  g_return_val_if_fail (query != NULL, FALSE);

  if (query->from != NULL && query->to != NULL && strcmp (query->from, query->to) > 0)
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("“from” (%s) is after “to” (%s)"), query->from, query->to);
      return FALSE;
    }
  return TRUE;
}

/* Reading ------------------------------------------------------------------------------- */

typedef struct
{
  const SwHistoryQuery *query;
  char *where;
  char *fields_json;
  char *sources_json;
  char *prefixes_json;
  guint total;
  GPtrArray *changes;
} ListRequest;

static char *
json_list (GPtrArray *items)
{
  g_autofree const char **strv = g_new0 (const char *, items->len + 1);

  for (guint i = 0; i < items->len; i++)
    strv[i] = g_ptr_array_index (items, i);
  return sw_json_text_from_strv (strv);
}

/* Only the filters in use appear, so each combination is its own cached statement and
 * the artist and time indexes stay usable. */
static char *
build_where (const SwHistoryQuery *query)
{
  g_autoptr(GPtrArray) conditions = g_ptr_array_new ();
  g_autoptr(GPtrArray) source_terms = g_ptr_array_new ();
  g_autofree char *sources = NULL;

  if (query->artist_id != NULL)
    g_ptr_array_add (conditions, (char *) "m.artist_id = :artist");
  if (query->fields->len > 0)
    g_ptr_array_add (conditions, (char *) "m.field IN (SELECT value FROM json_each (:fields))");
  if (query->sources->len > 0)
    g_ptr_array_add (source_terms, (char *) "m.source IN (SELECT value FROM json_each (:sources))");
  if (query->source_prefixes->len > 0)
    g_ptr_array_add (source_terms, (char *)
                     "EXISTS (SELECT 1 FROM json_each (:prefixes) p "
                     "WHERE substr (m.source, 1, length (p.value)) = p.value)");
  if (source_terms->len > 0)
    {
      g_autofree char *either = NULL;

      g_ptr_array_add (source_terms, NULL);
      either = g_strjoinv (" OR ", (char **) source_terms->pdata);
      sources = g_strdup_printf ("(%s)", either);
      g_ptr_array_add (conditions, sources);
    }
  if (query->from != NULL)
    g_ptr_array_add (conditions, (char *) "m.created_at >= :from");
  if (query->to != NULL)
    g_ptr_array_add (conditions, (char *) "m.created_at <= :to");

  if (conditions->len == 0)
    return g_strdup ("");

  g_ptr_array_add (conditions, NULL);
  {
    g_autofree char *joined = g_strjoinv (" AND ", (char **) conditions->pdata);

    return g_strdup_printf ("WHERE %s ", joined);
  }
}

static void
bind_named (SwStmt     *stmt,
            const char *name,
            const char *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sw_stmt_bind_text (stmt, index, value);
}

static void
bind_filters (SwStmt      *stmt,
              ListRequest *request)
{
  bind_named (stmt, ":artist", request->query->artist_id);
  bind_named (stmt, ":fields", request->fields_json);
  bind_named (stmt, ":sources", request->sources_json);
  bind_named (stmt, ":prefixes", request->prefixes_json);
  bind_named (stmt, ":from", request->query->from);
  bind_named (stmt, ":to", request->query->to);
}

#define CHANGE_COLUMNS \
  "m.id, m.artist_id, " \
  "coalesce ((SELECT a.name FROM artists a WHERE a.id = m.artist_id), m.artist_name), " \
  "m.field, m.old_value, m.new_value, m.source, m.producer, m.created_at "

static gboolean
list_in_transaction (SwStore   *store,
                     gpointer   user_data,
                     GError   **error)
{
  ListRequest *request = user_data;
  g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM metadata_changes m %s",
                                                request->where);
  g_autofree char *rows_sql = g_strdup_printf (
    "SELECT " CHANGE_COLUMNS "FROM metadata_changes m %s"
    "ORDER BY m.created_at DESC, m.rowid DESC LIMIT :limit OFFSET :offset", request->where);
  g_autoptr(SwStmt) count = sw_store_prepare (store, count_sql, error);
  g_autoptr(SwStmt) rows = NULL;

  if (count == NULL)
    return FALSE;
  bind_filters (count, request);
  if (!sw_store_step (store, count, error))
    return FALSE;
  request->total = (guint) sqlite3_column_int64 (count, 0);

  rows = sw_store_prepare (store, rows_sql, error);
  if (rows == NULL)
    return FALSE;
  bind_filters (rows, request);
  sw_stmt_bind_int64 (rows, sqlite3_bind_parameter_index (rows, ":limit"), request->query->limit);
  sw_stmt_bind_int64 (rows, sqlite3_bind_parameter_index (rows, ":offset"),
                      request->query->offset);
  return sw_store_foreach_row (store, rows, _sw_metadata_change_add_row, request->changes, error);
}

GPtrArray *
sw_history_store_list (SwStore               *store,
                       const SwHistoryQuery  *query,
                       guint                 *total,
                       GError               **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_object_unref);
  ListRequest request = { query };
  gboolean ok;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!sw_history_query_check (query, error))
    return NULL;

  request.where = build_where (query);
  request.fields_json = json_list (query->fields);
  request.sources_json = json_list (query->sources);
  request.prefixes_json = json_list (query->source_prefixes);
  request.changes = changes;

  ok = sw_store_read (store, list_in_transaction, &request, error);
  g_free (request.where);
  g_free (request.fields_json);
  g_free (request.sources_json);
  g_free (request.prefixes_json);
  if (!ok)
    return NULL;

  if (total != NULL)
    *total = request.total;
  return g_steal_pointer (&changes);
}

typedef struct
{
  const char *id;
  SwMetadataChange *change;
} GetRequest;

static gboolean
get_in_transaction (SwStore   *store,
                    gpointer   user_data,
                    GError   **error)
{
  GetRequest *request = user_data;
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "SELECT " CHANGE_COLUMNS "FROM metadata_changes m WHERE m.id = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, request->id);
  if (!sw_store_step_row (store, stmt, error, _("There is no change with id “%s”"),
                          request->id))
    return FALSE;

  request->change = _sw_metadata_change_from_row (stmt);
  return TRUE;
}

SwMetadataChange *
sw_history_store_get (SwStore     *store,
                      const char  *change_id,
                      GError     **error)
{
  GetRequest request = { change_id, NULL };

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (change_id != NULL, NULL);

  if (!sw_store_read (store, get_in_transaction, &request, error))
    return NULL;

  return request.change;
}

/* sw-artist-query.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-names.h"
#include "sw-artist-private.h"
#include "sw-artist-query.h"
#include "sw-artist-row.h"
#include "sw-json-text.h"

/* Columns read for every artist, list or single. Field locks, fanart count and each
 * type's slot-0 image ("low_res|width|height|placeholder") come from small correlated
 * subqueries that run only for the rows of the page. (LEFT JOINs would let SQLite's
 * planner build a Bloom filter over the whole image table on every page.) */
#define IMAGE_SLOT(type) \
  "(SELECT low_res || '|' || width || '|' || height || '|' || placeholder " \
  "  FROM artist_images WHERE artist_id = a.id AND image_type = '" type "' " \
  "  AND slot_index = 0)"

#define ARTIST_COLUMNS \
  "a.id, a.name, a.sort_name, a.type, a.gender, a.origin, a.disambiguation, " \
  "a.musicbrainz_id, a.audiodb_id, a.discogs_id, a.wikidata_id, a.deezer_id, a.spotify_id, " \
  "a.genres, a.styles, a.moods, a.years_active, a.born, a.formed, a.died, a.disbanded, " \
  "a.biography, a.path, a.nfo_exists, a.thumb_exists, a.fanart_exists, a.logo_exists, " \
  "a.banner_exists, a.health_score, a.health_evaluated_at, a.dirty_since, " \
  "a.rules_evaluated_at, a.is_excluded, a.exclusion_reason, a.is_classical, a.locked, " \
  "a.lock_source, a.locked_at, a.metadata_sources, a.audiodb_id_fetched_at, " \
  "a.discogs_id_fetched_at, a.wikidata_id_fetched_at, a.lastfm_fetched_at, " \
  "a.last_scanned_at, a.created_at, a.updated_at, a.library_ids, " \
  "(SELECT json_group_array (field) FROM " \
  "  (SELECT field FROM artist_field_locks WHERE artist_id = a.id ORDER BY field)), " \
  "(SELECT count(*) FROM artist_images WHERE artist_id = a.id AND image_type = 'fanart' " \
  "  AND exists_flag = 1), " \
  IMAGE_SLOT ("thumb") ", " IMAGE_SLOT ("fanart") ", " IMAGE_SLOT ("logo") ", " \
  IMAGE_SLOT ("banner") " "

static const char *filter_names[SW_ARTIST_N_FILTERS] = {
  "missing_meta", "missing_images", "missing_mbid", "excluded", "locked",
  "type_person", "type_group", "type_orchestra", "type_other",
};

/* The conditions for "+y" and "-y", each written so an index can answer it: a plain
 * NOT (...) would make SQLite read every row. */
static const char *filter_conditions[SW_ARTIST_N_FILTERS][2] = {
  { "a.missing_meta = 1", "a.missing_meta = 0" },
  { "a.missing_images = 1", "a.missing_images = 0" },
  { "a.has_mbid = 0", "a.has_mbid = 1" },
  { "a.is_excluded = 1", "a.is_excluded = 0" },
  { "a.locked = 1", "a.locked = 0" },
  { "a.type_class = 'person'", "a.type_class IN ('group', 'orchestra', 'other')" },
  { "a.type_class = 'group'", "a.type_class IN ('person', 'orchestra', 'other')" },
  { "a.type_class = 'orchestra'", "a.type_class IN ('person', 'group', 'other')" },
  { "a.type_class = 'other'", "a.type_class IN ('person', 'group', 'orchestra')" },
};

/* Sort keys, each followed by the direction; they match the artists_* indexes. */
static const struct {
  const char *name;
  const char *keys[3];
} sorts[] = {
  [SW_ARTIST_SORT_NAME] = { "name", { "a.name COLLATE NOCASE", "a.id" } },
  [SW_ARTIST_SORT_SORT_NAME] = { "sort_name", { "a.sort_key COLLATE NOCASE", "a.id" } },
  [SW_ARTIST_SORT_TYPE] = { "type", { "a.type", "a.name COLLATE NOCASE", "a.id" } },
  [SW_ARTIST_SORT_ORIGIN] = { "origin", { "a.origin COLLATE NOCASE", "a.id" } },
  [SW_ARTIST_SORT_HEALTH_SCORE] = { "health_score", { "a.health_score", "a.id" } },
  [SW_ARTIST_SORT_UPDATED_AT] = { "updated_at", { "a.updated_at", "a.id" } },
  [SW_ARTIST_SORT_CREATED_AT] = { "created_at", { "a.created_at", "a.id" } },
};

static char *
build_order_by (const SwArtistQuery *query)
{
  GString *order_by = g_string_new (NULL);
  const char *direction = query->descending ? " DESC" : " ASC";

  for (guint i = 0; i < G_N_ELEMENTS (sorts[0].keys) && sorts[query->sort].keys[i]; i++)
    g_string_append_printf (order_by, "%s%s%s", i > 0 ? ", " : "",
                            sorts[query->sort].keys[i], direction);

  return g_string_free (order_by, FALSE);
}

SwArtistQuery *
sw_artist_query_new (void)
{
  SwArtistQuery *query = g_new0 (SwArtistQuery, 1);

  query->page = 1;
  query->page_size = SW_ARTIST_QUERY_DEFAULT_PAGE_SIZE;
  query->library_filters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return query;
}

void
sw_artist_query_free (SwArtistQuery *query)
{
  if (query == NULL)
    return;

  g_free (query->search);
  g_free (query->library_id);
  g_clear_pointer (&query->library_filters, g_hash_table_unref);
  g_clear_pointer (&query->ids, g_ptr_array_unref);
  g_free (query);
}

SwArtistQuery *
sw_artist_query_copy (const SwArtistQuery *query)
{
  SwArtistQuery *copy = sw_artist_query_new ();
  GHashTableIter iter;
  gpointer library_id, tristate;

  copy->search = g_strdup (query->search);
  memcpy (copy->filters, query->filters, sizeof copy->filters);
  copy->library_id = g_strdup (query->library_id);
  g_hash_table_iter_init (&iter, query->library_filters);
  while (g_hash_table_iter_next (&iter, &library_id, &tristate))
    g_hash_table_insert (copy->library_filters, g_strdup (library_id), tristate);
  if (query->ids != NULL)
    {
      copy->ids = g_ptr_array_new_full (query->ids->len, g_free);
      for (guint i = 0; i < query->ids->len; i++)
        g_ptr_array_add (copy->ids, g_strdup (g_ptr_array_index (query->ids, i)));
    }
  copy->sort = query->sort;
  copy->descending = query->descending;
  copy->page = query->page;
  copy->page_size = query->page_size;
  return copy;
}

void
sw_artist_query_set_page (SwArtistQuery *query,
                          guint          page,
                          guint          page_size)
{
  query->page = MAX (page, 1);
  query->page_size = CLAMP (page_size, SW_ARTIST_QUERY_MIN_PAGE_SIZE,
                            SW_ARTIST_QUERY_MAX_PAGE_SIZE);
}

static gboolean
parse_tristate (const char  *name,
                const char  *value,
                SwTristate  *tristate,
                GError     **error)
{
  if (g_strcmp0 (value, "+y") == 0)
    *tristate = SW_TRISTATE_INCLUDE;
  else if (g_strcmp0 (value, "-y") == 0)
    *tristate = SW_TRISTATE_EXCLUDE;
  else if (value == NULL || value[0] == '\0')
    *tristate = SW_TRISTATE_ANY;
  else
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("%s must be “+y” or “-y”, not “%s”"), name, value);
      return FALSE;
    }

  return TRUE;
}

gboolean
sw_artist_id_is_valid (const char *id)
{
  gsize length = 0;

  if (id == NULL)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++, length++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;

  return length >= 1 && length <= 64;
}

/* Tokens that are not ids are dropped, and the list is capped, as the contract says. */
static void
set_ids (SwArtistQuery *query,
         const char    *value)
{
  g_auto(GStrv) tokens = g_strsplit (value, ",", -1);

  g_clear_pointer (&query->ids, g_ptr_array_unref);
  query->ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; tokens[i] != NULL && query->ids->len < SW_ARTIST_QUERY_MAX_IDS; i++)
    {
      char *token = g_strstrip (tokens[i]);

      if (sw_artist_id_is_valid (token))
        g_ptr_array_add (query->ids, g_strdup (token));
    }
}

static gboolean
parse_uint (const char *value,
            guint      *result)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &number, NULL))
    return FALSE;

  *result = (guint) number;
  return TRUE;
}

gboolean
sw_artist_query_set_param (SwArtistQuery  *query,
                           const char     *name,
                           const char     *value,
                           GError        **error)
{
  guint number;

  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (value == NULL)
    value = "";

  if (g_str_equal (name, "search"))
    {
      g_free (query->search);
      query->search = value[0] != '\0' ? g_strstrip (g_strdup (value)) : NULL;
      return TRUE;
    }

  if (g_str_equal (name, "page"))
    {
      /* Out-of-range or malformed pages fall back to the first, as the contract says. */
      query->page = parse_uint (value, &number) && number >= 1 ? number : 1;
      return TRUE;
    }

  if (g_str_equal (name, "page_size"))
    {
      if (parse_uint (value, &number))
        query->page_size = CLAMP (number, SW_ARTIST_QUERY_MIN_PAGE_SIZE,
                                  SW_ARTIST_QUERY_MAX_PAGE_SIZE);
      else
        query->page_size = SW_ARTIST_QUERY_DEFAULT_PAGE_SIZE;
      return TRUE;
    }

  if (g_str_equal (name, "sort"))
    {
      if (value[0] == '\0')
        {
          query->sort = SW_ARTIST_SORT_NAME;
          return TRUE;
        }
      for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
        if (g_str_equal (value, sorts[i].name))
          {
            query->sort = i;
            return TRUE;
          }
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("Unknown sort “%s”"), value);
      return FALSE;
    }

  if (g_str_equal (name, "order"))
    {
      if (value[0] == '\0' || g_str_equal (value, "asc"))
        query->descending = FALSE;
      else if (g_str_equal (value, "desc"))
        query->descending = TRUE;
      else
        {
          g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                       _("order must be “asc” or “desc”, not “%s”"), value);
          return FALSE;
        }
      return TRUE;
    }

  if (g_str_equal (name, "library_id"))
    {
      g_free (query->library_id);
      query->library_id = value[0] != '\0' ? g_strdup (value) : NULL;
      return TRUE;
    }

  if (g_str_equal (name, "ids"))
    {
      set_ids (query, value);
      return TRUE;
    }

  /* The legacy single "filter" names one of the filters, meaning "+y". */
  if (g_str_equal (name, "filter"))
    {
      if (value[0] == '\0')
        return TRUE;
      for (guint i = 0; i < SW_ARTIST_N_FILTERS; i++)
        if (g_str_equal (value, filter_names[i]))
          {
            query->filters[i] = SW_TRISTATE_INCLUDE;
            return TRUE;
          }
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("Unknown filter “%s”"), value);
      return FALSE;
    }

  if (g_str_has_prefix (name, "filter_library_"))
    {
      const char *library_id = name + strlen ("filter_library_");
      SwTristate tristate;

      if (!parse_tristate (name, value, &tristate, error))
        return FALSE;
      if (tristate == SW_TRISTATE_ANY)
        g_hash_table_remove (query->library_filters, library_id);
      else
        g_hash_table_insert (query->library_filters, g_strdup (library_id),
                             GINT_TO_POINTER (tristate));
      return TRUE;
    }

  if (g_str_has_prefix (name, "filter_"))
    {
      for (guint i = 0; i < SW_ARTIST_N_FILTERS; i++)
        if (g_str_equal (name + strlen ("filter_"), filter_names[i]))
          return parse_tristate (name, value, &query->filters[i], error);
    }

  return TRUE;
}

void
sw_artist_page_free (SwArtistPage *page)
{
  if (page == NULL)
    return;

  g_clear_pointer (&page->artists, g_ptr_array_unref);
  g_free (page);
}

/* Reading rows ------------------------------------------------------------------------- */

static char *
column_dup (SwStmt *stmt,
            int    *column)
{
  return g_strdup (sw_stmt_column_text (stmt, (*column)++));
}

static char *
column_dup_nullable (SwStmt *stmt,
                     int    *column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, (*column)++);

  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

static gboolean
column_bool (SwStmt *stmt,
             int    *column)
{
  return sqlite3_column_int (stmt, (*column)++) != 0;
}

static int
column_int (SwStmt *stmt,
            int    *column)
{
  return sqlite3_column_int (stmt, (*column)++);
}

static char **
column_strv (SwStmt *stmt,
             int    *column)
{
  return sw_json_text_to_strv (sw_stmt_column_text (stmt, (*column)++));
}

/* Unpacks an IMAGE_SLOT column; NULL (no image row) leaves the defaults. */
static void
read_image_slot (SwStmt    *stmt,
                 int        column,
                 gboolean  *low_res,
                 int       *width,
                 int       *height,
                 char     **placeholder)
{
  const char *packed = (const char *) sqlite3_column_text (stmt, column);
  g_auto(GStrv) parts = NULL;

  if (packed == NULL)
    return;

  parts = g_strsplit (packed, "|", 4);
  if (g_strv_length (parts) != 4)
    return;

  *low_res = atoi (parts[0]) != 0;
  *width = atoi (parts[1]);
  *height = atoi (parts[2]);
  *placeholder = parts[3][0] != '\0' ? g_strdup (parts[3]) : NULL;
}

/* "|lib-1|lib-2|" lists memberships oldest first; the first is the primary library. */
static char *
primary_library (const char *library_ids)
{
  const char *start = library_ids[0] == '|' ? library_ids + 1 : library_ids;
  const char *end = strchr (start, '|');

  return end != NULL && end > start ? g_strndup (start, end - start) : NULL;
}

SwArtist *
_sw_artist_from_row (SwStmt *stmt)
{
  SwArtist *self = sw_artist_new ();
  int c = 0;

  self->id = column_dup (stmt, &c);
  self->name = column_dup (stmt, &c);
  self->sort_name = column_dup (stmt, &c);
  self->type = column_dup (stmt, &c);
  self->gender = column_dup (stmt, &c);
  self->origin = column_dup (stmt, &c);
  self->disambiguation = column_dup (stmt, &c);
  self->musicbrainz_id = column_dup (stmt, &c);
  self->audiodb_id = column_dup (stmt, &c);
  self->discogs_id = column_dup (stmt, &c);
  self->wikidata_id = column_dup (stmt, &c);
  self->deezer_id = column_dup (stmt, &c);
  self->spotify_id = column_dup (stmt, &c);
  self->genres = column_strv (stmt, &c);
  self->styles = column_strv (stmt, &c);
  self->moods = column_strv (stmt, &c);
  self->years_active = column_dup (stmt, &c);
  self->born = column_dup (stmt, &c);
  self->formed = column_dup (stmt, &c);
  self->died = column_dup (stmt, &c);
  self->disbanded = column_dup (stmt, &c);
  self->biography = column_dup (stmt, &c);
  self->path = column_dup (stmt, &c);
  self->nfo_exists = column_bool (stmt, &c);
  self->thumb_exists = column_bool (stmt, &c);
  self->fanart_exists = column_bool (stmt, &c);
  self->logo_exists = column_bool (stmt, &c);
  self->banner_exists = column_bool (stmt, &c);
  self->health_score = sqlite3_column_double (stmt, c++);
  self->health_evaluated_at = column_dup_nullable (stmt, &c);
  self->dirty_since = column_dup_nullable (stmt, &c);
  self->rules_evaluated_at = column_dup_nullable (stmt, &c);
  self->is_excluded = column_bool (stmt, &c);
  self->exclusion_reason = column_dup (stmt, &c);
  self->is_classical = column_bool (stmt, &c);
  self->locked = column_bool (stmt, &c);
  self->lock_source = column_dup (stmt, &c);
  self->locked_at = column_dup_nullable (stmt, &c);
  self->metadata_sources = sw_json_text_to_map (sw_stmt_column_text (stmt, c++));
  self->audiodb_id_fetched_at = column_dup_nullable (stmt, &c);
  self->discogs_id_fetched_at = column_dup_nullable (stmt, &c);
  self->wikidata_id_fetched_at = column_dup_nullable (stmt, &c);
  self->lastfm_fetched_at = column_dup_nullable (stmt, &c);
  self->last_scanned_at = column_dup_nullable (stmt, &c);
  self->created_at = column_dup (stmt, &c);
  self->updated_at = column_dup (stmt, &c);
  self->library_id = primary_library (sw_stmt_column_text (stmt, c++));
  self->locked_fields = column_strv (stmt, &c);
  self->fanart_count = column_int (stmt, &c);

  read_image_slot (stmt, c++, &self->thumb_low_res, &self->thumb_width, &self->thumb_height,
                   &self->thumb_placeholder);
  read_image_slot (stmt, c++, &self->fanart_low_res, &self->fanart_width, &self->fanart_height,
                   &self->fanart_placeholder);
  read_image_slot (stmt, c++, &self->logo_low_res, &self->logo_width, &self->logo_height,
                   &self->logo_placeholder);
  read_image_slot (stmt, c++, &self->banner_low_res, &self->banner_width, &self->banner_height,
                   &self->banner_placeholder);

  return self;
}

/* Listing ------------------------------------------------------------------------------ */

typedef struct
{
  const SwArtistQuery *query;
  SwArtistPage *page;
  GArray *matches;   /* search hits (rowids) in name order; NULL without a search */
} ListRequest;

static void
append_condition (GString    *where,
                  const char *condition,
                  SwTristate  tristate)
{
  g_string_append (where, where->len == 0 ? " WHERE " : " AND ");
  if (tristate == SW_TRISTATE_EXCLUDE)
    g_string_append_printf (where, "NOT (%s)", condition);
  else
    g_string_append_printf (where, "(%s)", condition);
}

static void
append_filter (GString        *where,
               SwArtistFilter  filter,
               SwTristate      tristate)
{
  g_string_append (where, where->len == 0 ? " WHERE " : " AND ");
  g_string_append (where, filter_conditions[filter][tristate == SW_TRISTATE_EXCLUDE]);
}

/* Rowids as a JSON array, for "rowid IN (SELECT value FROM json_each (?))". */
static char *
rowids_json (GArray *rowids,
             guint   first,
             guint   n)
{
  GString *json = g_string_new ("[");

  for (guint i = first; i < first + n; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > first ? "," : "",
                            g_array_index (rowids, gint64, i));
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* Builds the WHERE clause and the text parameters it binds, in order. Library filters
 * are visited in sorted order so equal queries give equal SQL (one cached statement). */
static char *
build_where (const SwArtistQuery *query,
             GArray              *matches,
             GPtrArray           *params)
{
  GString *where = g_string_new (NULL);
  g_autoptr(GList) libraries = NULL;

  if (matches != NULL)
    {
      /* The search ran in memory (sw-artist-names.c); its hits join the other filters. */
      append_condition (where, "a.rowid IN (SELECT value FROM json_each (?1))",
                        SW_TRISTATE_INCLUDE);
      g_ptr_array_add (params, rowids_json (matches, 0, matches->len));
    }
  else
    g_ptr_array_add (params, NULL);   /* keeps ?1 reserved for the search */

  for (guint i = 0; i < SW_ARTIST_N_FILTERS; i++)
    if (query->filters[i] != SW_TRISTATE_ANY)
      append_filter (where, i, query->filters[i]);

  if (query->library_id != NULL)
    {
      g_autofree char *condition = g_strdup_printf (
        "instr (a.library_ids, '|' || ?%u || '|') > 0", params->len + 1);

      append_condition (where, condition, SW_TRISTATE_INCLUDE);
      g_ptr_array_add (params, g_strdup (query->library_id));
    }

  libraries = g_list_sort (g_hash_table_get_keys (query->library_filters),
                           (GCompareFunc) g_strcmp0);
  for (GList *l = libraries; l != NULL; l = l->next)
    {
      g_autofree char *condition = g_strdup_printf (
        "instr (a.library_ids, '|' || ?%u || '|') > 0", params->len + 1);

      append_condition (where, condition,
                        GPOINTER_TO_INT (g_hash_table_lookup (query->library_filters, l->data)));
      g_ptr_array_add (params, g_strdup (l->data));
    }

  if (query->ids != NULL)
    {
      g_autofree char *condition = g_strdup_printf (
        "a.id IN (SELECT value FROM json_each (?%u))", params->len + 1);
      g_autofree const char **ids = g_new0 (const char *, query->ids->len + 1);

      for (guint i = 0; i < query->ids->len; i++)
        ids[i] = g_ptr_array_index (query->ids, i);
      g_ptr_array_add (params, sw_json_text_from_strv (ids));
      append_condition (where, condition, SW_TRISTATE_INCLUDE);
    }

  return g_string_free (where, FALSE);
}

static void
bind_params (SwStmt    *stmt,
             GPtrArray *params)
{
  for (guint i = 0; i < params->len; i++)
    if (g_ptr_array_index (params, i) != NULL)
      sw_stmt_bind_text (stmt, i + 1, g_ptr_array_index (params, i));
}

static void
add_artist_row (SwStmt   *stmt,
                gpointer  artists)
{
  g_ptr_array_add (artists, _sw_artist_from_row (stmt));
}

/* A search with nothing else to filter: the count is the number of hits, and in name
 * order a page is a slice of them, so SQLite only reads the page's own rows. */
static gboolean
is_plain_search (const SwArtistQuery *query)
{
  if (query->search == NULL || query->library_id != NULL || query->ids != NULL ||
      g_hash_table_size (query->library_filters) > 0)
    return FALSE;

  for (guint i = 0; i < SW_ARTIST_N_FILTERS; i++)
    if (query->filters[i] != SW_TRISTATE_ANY)
      return FALSE;

  return TRUE;
}

static gboolean
count_matches (SwStore     *store,
               const char  *where,
               GPtrArray   *params,
               guint       *total,
               GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM artists a%s", where);
  g_autoptr(SwStmt) count = sw_store_prepare (store, sql, error);

  if (count == NULL)
    return FALSE;
  bind_params (count, params);
  if (!sw_store_step (store, count, error))
    return error == NULL || *error == NULL;
  *total = (guint) sqlite3_column_int64 (count, 0);
  return TRUE;
}

/* The rows of a name-ordered slice of the search hits. */
static gboolean
list_search_slice (SwStore            *store,
                   ListRequest        *request,
                   const char         *order_by,
                   guint               offset,
                   GError            **error)
{
  const SwArtistQuery *query = request->query;
  guint n = MIN (query->page_size, request->matches->len - offset);
  /* Descending name order is the hits read from the end. */
  guint first = query->descending ? request->matches->len - offset - n : offset;
  g_autofree char *ids = rowids_json (request->matches, first, n);
  g_autofree char *sql = g_strdup_printf ("SELECT " ARTIST_COLUMNS "FROM artists a "
                                          "WHERE a.rowid IN (SELECT value FROM json_each (?1)) "
                                          "ORDER BY %s", order_by);
  g_autoptr(SwStmt) rows = sw_store_prepare (store, sql, error);

  if (rows == NULL)
    return FALSE;
  sw_stmt_bind_text (rows, 1, ids);
  return sw_store_foreach_row (store, rows, add_artist_row, request->page->artists, error);
}

static gboolean
list_in_transaction (SwStore   *store,
                     gpointer   user_data,
                     GError   **error)
{
  ListRequest *request = user_data;
  const SwArtistQuery *query = request->query;
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *where = NULL;
  g_autofree char *order_by = build_order_by (query);
  g_autofree char *page_sql = NULL;
  g_autoptr(SwStmt) rows = NULL;
  guint64 offset = (guint64) (query->page - 1) * query->page_size;

  if (query->search != NULL)
    {
      request->matches = sw_artist_names_search (store, query->search, error);
      if (request->matches == NULL)
        return FALSE;
    }

  if (is_plain_search (query) && query->sort == SW_ARTIST_SORT_NAME)
    {
      request->page->total = request->matches->len;
      return offset >= request->page->total ||
             list_search_slice (store, request, order_by, (guint) offset, error);
    }

  where = build_where (query, request->matches, params);
  if (is_plain_search (query))
    request->page->total = request->matches->len;
  else if (!count_matches (store, where, params, &request->page->total, error))
    return FALSE;

  /* Past the last match there is nothing to look for. */
  if (offset >= request->page->total)
    return TRUE;

  /* The page's ids first (from the list index alone), then the full rows for just
   * those: skipped rows of an OFFSET never pay for joins and subqueries. */
  page_sql = g_strdup_printf ("SELECT " ARTIST_COLUMNS "FROM (SELECT a.id AS page_id "
                              "FROM artists a%s ORDER BY %s LIMIT ?%u OFFSET ?%u) AS page "
                              "JOIN artists a ON a.id = page.page_id ORDER BY %s",
                              where, order_by, params->len + 1, params->len + 2, order_by);
  rows = sw_store_prepare (store, page_sql, error);
  if (rows == NULL)
    return FALSE;
  bind_params (rows, params);
  sw_stmt_bind_int64 (rows, params->len + 1, query->page_size);
  sw_stmt_bind_int64 (rows, params->len + 2, (gint64) offset);

  return sw_store_foreach_row (store, rows, add_artist_row, request->page->artists, error);
}

SwArtistPage *
sw_artist_store_list (SwStore              *store,
                      const SwArtistQuery  *query,
                      GError              **error)
{
  g_autoptr(SwArtistPage) page = g_new0 (SwArtistPage, 1);
  g_autoptr(GArray) matches = NULL;
  ListRequest request = { query, page, NULL };
  gboolean ok;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  page->artists = g_ptr_array_new_with_free_func (g_object_unref);
  page->page = query->page;
  page->page_size = query->page_size;

  /* Count and rows come from one read transaction, so they always agree. */
  ok = sw_store_read (store, list_in_transaction, &request, error);
  matches = request.matches;
  if (!ok)
    return NULL;

  return g_steal_pointer (&page);
}

/* Single artist ------------------------------------------------------------------------ */

typedef struct
{
  const char *id;
  SwArtist *artist;
} GetRequest;

static gboolean
get_in_transaction (SwStore   *store,
                    gpointer   user_data,
                    GError   **error)
{
  GetRequest *request = user_data;
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
                                             "SELECT " ARTIST_COLUMNS "FROM artists a "
                                             "WHERE a.id = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, request->id);
  if (!sw_store_step_row (store, stmt, error, _("There is no artist with id “%s”"), request->id))
    return FALSE;

  request->artist = _sw_artist_from_row (stmt);
  return TRUE;
}

SwArtist *
sw_artist_store_get (SwStore     *store,
                     const char  *id,
                     GError     **error)
{
  GetRequest request = { id, NULL };

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!sw_store_read (store, get_in_transaction, &request, error))
    return NULL;

  return request.artist;
}

gboolean
sw_artist_store_exists (SwStore     *store,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store, "SELECT 1 FROM artists WHERE id = ?1", error);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, id);
  return sw_store_step_any (store, stmt, &found, error) && found;
}

/* sw-scan-write.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-artist-identity.h"
#include "sw-artist-private.h"
#include "sw-artist-query.h"
#include "sw-artist-validate.h"
#include "sw-json-text.h"
#include "sw-library-private.h"
#include "sw-scan-private.h"
#include "sw-time.h"

/* The database side of a scan: new artists through the artist service, flags, image
 * rows and NFO fingerprints in one transaction per batch, NFO re-imports, removals. */

gboolean
_sw_scan_name_in (const char         *name,
         const char * const *list,
         gsize               n)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name));

  for (gsize i = 0; i < n; i++)
    if (g_ascii_strcasecmp (trimmed, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* RFC 3339 with microseconds: the unchanged-folder check compares against file times,
 * which have them. */
static char *
format_time_us (gint64 time_us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autofree char *seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%06dZ", seconds, (int) (time_us % G_USEC_PER_SEC));
}

static gboolean
is_excluded (Scan       *scan,
             const char *dir_name)
{
  return _sw_scan_name_in (dir_name, (const char * const *) scan->exclusions,
                  g_strv_length (scan->exclusions));
}

/* New artists: named after the folder, then whatever their NFO says. */
static gboolean
create_new (Scan    *scan,
            GError **error)
{
  g_autoptr(GPtrArray) artists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) creating = g_ptr_array_new ();

  for (guint i = 0; i < scan->pending->len; i++)
    {
      Pending *pending = scan->pending->pdata[i];
      SwScanFolder *folder = pending->folder;
      SwArtist *artist;
      g_autofree char *key = NULL;

      if (pending->known != NULL)
        continue;

      artist = sw_artist_new ();
      artist->name = g_strdup (folder->dir_name);
      artist->sort_name = g_strdup (folder->dir_name);
      artist->path = g_strdup (folder->path);
      artist->nfo_exists = folder->nfo_exists;
      if (folder->nfo != NULL)
        {
          sw_nfo_apply_to_artist (folder->nfo, artist);
          pending->lock_on_import = folder->nfo->lockdata;
        }
      if (is_excluded (scan, folder->dir_name))
        {
          artist->is_excluded = TRUE;
          artist->exclusion_reason = g_strdup ("default exclusion list");
        }

      key = sw_artist_identity_key (artist->name);
      if (!g_hash_table_add (scan->name_keys, g_steal_pointer (&key)))
        {
          scan->counts->suspected_duplicates++;
          g_info ("Scan: “%s” may be a duplicate of another artist", folder->path);
        }

      g_ptr_array_add (artists, artist);
      g_ptr_array_add (creating, pending);
    }

  if (artists->len == 0)
    return TRUE;
  if (!sw_artist_service_create (scan->service, artists, scan->library->id, error))
    return FALSE;

  for (guint i = 0; i < artists->len; i++)
    ((Pending *) creating->pdata[i])->artist_id =
      g_strdup (((SwArtist *) artists->pdata[i])->id);
  scan->counts->new_artists += artists->len;
  return TRUE;
}

static gboolean
run_bound (SwStore     *store,
           const char  *sql,
           GError     **error,
           ...)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store, sql, error);
  va_list args;
  int column = 1;
  const char *text;

  if (stmt == NULL)
    return FALSE;

  va_start (args, error);
  while ((text = va_arg (args, const char *)) != NULL)
    sw_stmt_bind_text (stmt, column++, text);
  va_end (args);

  return sw_store_run (store, stmt, error);
}

/* The registry of images follows the folder: found ones are stored, missing ones go
 * (a locked one stays, marked missing). */
static gboolean
save_images (SwStore      *store,
             const char   *artist_id,
             SwScanFolder *folder,
             GError      **error)
{
  g_autoptr(SwStmt) upsert = sw_store_prepare (store,
    "INSERT INTO artist_images (id, artist_id, image_type, slot_index, exists_flag, low_res, "
    "  width, height, size_bytes, file_name, file_format, content_hash) "
    "VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
    "ON CONFLICT (artist_id, image_type, slot_index) DO UPDATE SET exists_flag = 1, "
    "  low_res = excluded.low_res, width = excluded.width, height = excluded.height, "
    "  size_bytes = excluded.size_bytes, file_name = excluded.file_name, "
    "  file_format = excluded.file_format, content_hash = excluded.content_hash", error);
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *found = NULL;

  if (upsert == NULL)
    return FALSE;

  for (guint i = 0; i < folder->images->len; i++)
    {
      SwScanImage *image = folder->images->pdata[i];
      g_autofree char *id = sw_store_new_id ();

      sw_stmt_bind_text (upsert, 1, id);
      sw_stmt_bind_text (upsert, 2, artist_id);
      sw_stmt_bind_text (upsert, 3, image->slot);
      sw_stmt_bind_int64 (upsert, 4, image->index);
      sw_stmt_bind_int64 (upsert, 5, image->low_res);
      sw_stmt_bind_int64 (upsert, 6, image->width);
      sw_stmt_bind_int64 (upsert, 7, image->height);
      sw_stmt_bind_int64 (upsert, 8, image->size);
      sw_stmt_bind_text (upsert, 9, image->file_name);
      sw_stmt_bind_text (upsert, 10, image->format);
      sw_stmt_bind_text (upsert, 11, image->content_hash);
      if (!sw_store_run (store, upsert, error))
        return FALSE;
      sqlite3_reset (upsert);
      g_ptr_array_add (slots, g_strdup_printf ("%s:%u", image->slot, image->index));
    }
  g_ptr_array_add (slots, NULL);
  found = sw_json_text_from_strv ((const char * const *) slots->pdata);

  return run_bound (store,
                    "DELETE FROM artist_images WHERE artist_id = ?1 AND locked = 0 "
                    "AND image_type || ':' || slot_index NOT IN (SELECT value FROM json_each (?2))",
                    error, artist_id, found, NULL) &&
         run_bound (store,
                    "UPDATE artist_images SET exists_flag = 0 WHERE artist_id = ?1 AND locked = 1 "
                    "AND image_type || ':' || slot_index NOT IN (SELECT value FROM json_each (?2))",
                    error, artist_id, found, NULL);
}

static gboolean
save_pending (SwStore   *store,
              gpointer   user_data,
              GError   **error)
{
  Scan *scan = user_data;
  g_autofree char *now = sw_time_now_rfc3339 ();

  for (guint i = 0; i < scan->pending->len; i++)
    {
      Pending *pending = scan->pending->pdata[i];
      SwScanFolder *folder = pending->folder;
      g_autofree char *nfo_mtime = g_strdup_printf ("%" G_GINT64_FORMAT, folder->nfo_mtime_us);
      g_autofree char *scanned_at = format_time_us (folder->read_at_us);
      gboolean excluded = is_excluded (scan, folder->dir_name);

      if (!run_bound (store,
                      "UPDATE artists SET nfo_exists = ?2, nfo_hash = ?3, nfo_mtime = ?4, "
                      "last_scanned_at = ?5, dirty_since = coalesce (dirty_since, ?5), "
                      "is_excluded = ?6, exclusion_reason = ?7 WHERE id = ?1",
                      error, pending->artist_id, folder->nfo_exists ? "1" : "0",
                      folder->nfo_hash != NULL ? folder->nfo_hash : "", nfo_mtime, scanned_at,
                      excluded ? "1" : "0", excluded ? "default exclusion list" : "", NULL) ||
          !run_bound (store,
                      "INSERT OR IGNORE INTO artist_libraries (artist_id, library_id, added_at) "
                      "VALUES (?1, ?2, ?3)", error, pending->artist_id, scan->library->id, now,
                      NULL) ||
          !save_images (store, pending->artist_id, folder, error))
        return FALSE;

      /* <lockdata> locks an artist when it is first found, never on a re-scan. */
      if (pending->lock_on_import &&
          !run_bound (store, "UPDATE artists SET locked = 1, lock_source = 'initial_import', "
                             "locked_at = ?2 WHERE id = ?1", error, pending->artist_id, now, NULL))
        return FALSE;
    }
  return TRUE;
}

static void
announce_updates (Scan *scan)
{
  if (scan->events == NULL)
    return;

  for (guint i = 0; i < scan->pending->len; i++)
    {
      Pending *pending = scan->pending->pdata[i];
      g_autoptr(JsonBuilder) builder = NULL;

      if (pending->known == NULL)
        continue;
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, pending->artist_id);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, "scan");
      json_builder_end_object (builder);
      sw_events_publish_take (scan->events, SW_EVENT_ARTIST_UPDATED,
                              json_builder_get_root (builder));
    }
}

/* A field as the artist service takes it: text, or a JSON array for lists. */
static char *
field_text (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));
  return json_to_string (value, FALSE);
}

/* An NFO edited outside Stillwater since it was last read: its values go through the
 * artist service as source "scan", so history records them and locked fields keep
 * theirs. A locked artist is left alone. */
static void
reimport_nfo (Scan    *scan,
              Pending *pending)
{
  g_autoptr(SwArtist) stored = NULL;
  g_autoptr(SwArtist) merged = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  const char * const *fields = sw_artist_editable_fields ();
  g_autoptr(GError) error = NULL;

  if (pending->folder->nfo == NULL || pending->known->locked ||
      g_strcmp0 (pending->folder->nfo_hash, pending->known->nfo_hash) == 0)
    return;

  stored = sw_artist_store_get (scan->store, pending->artist_id, &error);
  if (stored == NULL)
    {
      g_info ("Scan: cannot read back artist %s: %s", pending->artist_id, error->message);
      return;
    }
  merged = sw_artist_copy (stored);
  sw_nfo_apply_to_artist (pending->folder->nfo, merged);
  before = sw_artist_to_json (stored);
  after = sw_artist_to_json (merged);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      JsonNode *old_value = json_object_get_member (json_node_get_object (before), fields[i]);
      JsonNode *new_value = json_object_get_member (json_node_get_object (after), fields[i]);
      g_autofree char *text = NULL;
      g_autoptr(GError) field_error = NULL;

      if (old_value != NULL && new_value != NULL && json_node_equal (old_value, new_value))
        continue;
      text = field_text (new_value);
      if (!sw_artist_service_update_field (scan->service, pending->artist_id, fields[i], text,
                                           "scan", NULL, &field_error))
        g_info ("Scan: %s of “%s” not taken from its NFO: %s", fields[i],
                   pending->folder->path, field_error->message);
    }
}

gboolean
_sw_scan_flush (Scan    *scan,
                GError **error)
{
  if (scan->pending->len == 0)
    return TRUE;

  for (guint i = 0; i < scan->pending->len; i++)
    {
      Pending *pending = scan->pending->pdata[i];

      if (pending->known != NULL)
        {
          pending->artist_id = g_strdup (pending->known->id);
          scan->counts->updated_artists++;
        }
    }

  if (!create_new (scan, error) || !sw_store_write (scan->store, save_pending, scan, error))
    return FALSE;

  for (guint i = 0; i < scan->pending->len; i++)
    {
      Pending *pending = scan->pending->pdata[i];

      if (pending->known != NULL)
        reimport_nfo (scan, pending);
    }
  announce_updates (scan);
  g_ptr_array_set_size (scan->pending, 0);
  return TRUE;
}

static gboolean
delete_artists (SwStore   *store,
                gpointer   user_data,
                GError   **error)
{
  return run_bound (store, "DELETE FROM artists WHERE id IN (SELECT value FROM json_each (?1))",
                    error, user_data, NULL);
}

/* Artists of this library whose folder was not seen are removed; their history stays
 * (metadata_changes has no foreign key to artists). */
gboolean
_sw_scan_remove_vanished (Scan    *scan,
                          GError **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree char *json = NULL;
  GHashTableIter iter;
  gpointer path, value;

  g_hash_table_iter_init (&iter, scan->known);
  while (g_hash_table_iter_next (&iter, &path, &value))
    {
      Known *known = value;

      if (known->in_library && !g_hash_table_contains (scan->seen, path))
        g_ptr_array_add (ids, known->id);
    }
  if (ids->len == 0)
    return TRUE;

  g_ptr_array_add (ids, NULL);
  json = sw_json_text_from_strv ((const char * const *) ids->pdata);
  if (!sw_store_write (scan->store, delete_artists, json, error))
    return FALSE;
  scan->counts->removed_artists += ids->len - 1;
  return TRUE;
}

/* sw-artist-service-history.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-service-private.h"
#include "sw-metadata-change-private.h"

/* Reading the field-level history, and putting an old value back. */

typedef struct
{
  const char *artist_id;
  guint limit;
  guint offset;
  guint total;
  GPtrArray *changes;
} HistoryRequest;

static gboolean
list_history_in_transaction (SwStore   *store,
                             gpointer   user_data,
                             GError   **error)
{
  HistoryRequest *request = user_data;
  g_autoptr(SwStmt) count = sw_store_prepare (store,
    "SELECT count(*) FROM metadata_changes WHERE artist_id = ?1", error);
  g_autoptr(SwStmt) rows = NULL;

  if (count == NULL)
    return FALSE;
  sw_stmt_bind_text (count, 1, request->artist_id);
  if (!sw_store_step (store, count, error))
    return FALSE;
  request->total = (guint) sqlite3_column_int64 (count, 0);

  /* Several changes can share a second; insertion order breaks the tie. */
  rows = sw_store_prepare (store,
    "SELECT id, artist_id, artist_name, field, old_value, new_value, source, producer, "
    "created_at FROM metadata_changes WHERE artist_id = ?1 "
    "ORDER BY created_at DESC, rowid DESC LIMIT ?2 OFFSET ?3", error);
  if (rows == NULL)
    return FALSE;
  sw_stmt_bind_text (rows, 1, request->artist_id);
  sw_stmt_bind_int64 (rows, 2, request->limit);
  sw_stmt_bind_int64 (rows, 3, request->offset);

  return sw_store_foreach_row (store, rows, _sw_metadata_change_add_row, request->changes, error);
}

GPtrArray *
sw_artist_service_list_history (SwArtistService  *self,
                                const char       *artist_id,
                                guint             limit,
                                guint             offset,
                                guint            *total,
                                GError          **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_object_unref);
  HistoryRequest request = { artist_id, CLAMP (limit, 1, 500), offset, 0, changes };

  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (self), NULL);
  g_return_val_if_fail (artist_id != NULL, NULL);

  if (!sw_store_read (self->store, list_history_in_transaction, &request, error))
    return NULL;

  if (total != NULL)
    *total = request.total;
  return g_steal_pointer (&changes);
}

static SwMetadataChange *
get_change (SwStore     *store,
            const char  *change_id,
            GError     **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "SELECT id, artist_id, artist_name, field, old_value, new_value, source, producer, "
    "created_at FROM metadata_changes WHERE id = ?1", error);

  if (stmt == NULL)
    return NULL;

  sw_stmt_bind_text (stmt, 1, change_id);
  if (!sw_store_step_row (store, stmt, error, _("There is no change with id “%s”"), change_id))
    return NULL;
  return _sw_metadata_change_from_row (stmt);
}

gboolean
sw_artist_service_revert (SwArtistService  *self,
                          const char       *change_id,
                          gboolean         *noop,
                          GError          **error)
{
  g_autoptr(SwMetadataChange) change = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (self), FALSE);
  g_return_val_if_fail (change_id != NULL, FALSE);

  change = get_change (self->store, change_id, error);
  if (change == NULL)
    return FALSE;

  if (g_strcmp0 (change->source, "revert") == 0)
    {
      g_set_error_literal (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                           _("A revert cannot itself be reverted"));
      return FALSE;
    }

  if (!sw_artist_field_is_editable (change->field))
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("Changes to “%s” cannot be reverted"), change->field);
      return FALSE;
    }

  /* The single-field path does the work; it skips locks for "revert" by design. */
  if (!_sw_artist_update_field (self, change->artist_id, change->field, change->old_value,
                                "revert", "", &changed, error))
    return FALSE;

  if (noop != NULL)
    *noop = !changed;
  return TRUE;
}

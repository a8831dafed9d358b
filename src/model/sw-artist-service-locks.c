/* sw-artist-service-locks.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-service-private.h"
#include "sw-time.h"

/* Whole-artist locks, field locks and image-slot locks. Each change is recorded in the
 * history (fields "locked", "locked_fields", "image_locks"); none of them is revertable. */

typedef struct
{
  const char *artist_id;
  const char *subject;      /* lock source, field name or image id */
  gboolean locked;
  gboolean changed;
} LockRequest;

static gboolean
set_locked_in_transaction (SwStore   *store,
                           gpointer   user_data,
                           GError   **error)
{
  LockRequest *request = user_data;
  g_auto(ArtistState) state = { 0 };
  g_autoptr(SwStmt) stmt = NULL;
  g_autofree char *now = sw_time_now_rfc3339 ();
  ChangeRecord change = { 0 };

  if (!_sw_artist_load_state (store, request->artist_id, &state, error))
    return FALSE;

  if (state.locked == request->locked)
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT,
                   request->locked ? _("“%s” is already locked") : _("“%s” is not locked"),
                   state.name);
      return FALSE;
    }

  stmt = sw_store_prepare (store,
    "UPDATE artists SET locked = ?1, lock_source = ?2, locked_at = ?3, updated_at = ?4 "
    "WHERE id = ?5", error);
  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_int64 (stmt, 1, request->locked);
  sw_stmt_bind_text (stmt, 2, request->locked ? request->subject : "");
  sw_stmt_bind_text_or_null (stmt, 3, request->locked ? now : NULL);
  sw_stmt_bind_text (stmt, 4, now);
  sw_stmt_bind_text (stmt, 5, request->artist_id);

  change = (ChangeRecord) { request->artist_id, state.name, "locked",
                            request->locked ? "false" : "true",
                            request->locked ? "true" : "false", "manual", "operator" };
  request->changed = TRUE;
  return sw_store_run (store, stmt, error) && _sw_artist_record_change (store, &change, error);
}

gboolean
sw_artist_service_set_locked (SwArtistService  *self,
                              const char       *artist_id,
                              gboolean          locked,
                              const char       *lock_source,
                              GError          **error)
{
  LockRequest request = { artist_id, lock_source ? lock_source : "user", locked, FALSE };

  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (self), FALSE);
  g_return_val_if_fail (artist_id != NULL, FALSE);

  if (locked && !g_strv_contains ((const char *[]) { "user", "initial_import", "platform", NULL },
                                  request.subject))
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("“%s” is not a lock source"), request.subject);
      return FALSE;
    }

  if (!sw_store_write (self->store, set_locked_in_transaction, &request, error))
    return FALSE;

  _sw_artist_publish_artist_event (self, SW_EVENT_ARTIST_UPDATED, artist_id, "locked", "manual");
  return TRUE;
}

static gboolean
set_field_locked_in_transaction (SwStore   *store,
                                 gpointer   user_data,
                                 GError   **error)
{
  LockRequest *request = user_data;
  g_auto(ArtistState) state = { 0 };
  g_autoptr(SwStmt) stmt = NULL;
  g_autofree char *now = sw_time_now_rfc3339 ();
  ChangeRecord change = { 0 };

  if (!_sw_artist_load_state (store, request->artist_id, &state, error))
    return FALSE;

  stmt = sw_store_prepare (store, request->locked ?
    "INSERT OR IGNORE INTO artist_field_locks (artist_id, field, locked_at) VALUES (?1, ?2, ?3)" :
    "DELETE FROM artist_field_locks WHERE artist_id = ?1 AND field = ?2 AND ?3 IS NOT NULL",
    error);
  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, request->artist_id);
  sw_stmt_bind_text (stmt, 2, request->subject);
  sw_stmt_bind_text (stmt, 3, now);
  if (!sw_store_run (store, stmt, error))
    return FALSE;

  /* Locking a locked field (or unlocking an unlocked one) is not a change. */
  if (sqlite3_changes (sqlite3_db_handle (stmt)) == 0)
    return TRUE;

  change = (ChangeRecord) { request->artist_id, state.name, "locked_fields",
                            request->locked ? "" : request->subject,
                            request->locked ? request->subject : "", "manual", "operator" };
  request->changed = TRUE;
  return _sw_artist_touch_artist (store, request->artist_id, error) &&
         _sw_artist_record_change (store, &change, error);
}

gboolean
sw_artist_service_set_field_locked (SwArtistService  *self,
                                    const char       *artist_id,
                                    const char       *field,
                                    gboolean          locked,
                                    GError          **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (field ? field : ""));
  g_autofree char *name = g_ascii_strdown (trimmed, -1);
  LockRequest request = { artist_id, NULL, locked, FALSE };

  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (self), FALSE);
  g_return_val_if_fail (artist_id != NULL, FALSE);

  if (!sw_artist_field_is_lockable (name))
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("“%s” is not a field that can be locked"), field ? field : "");
      return FALSE;
    }

  request.subject = name;
  if (!sw_store_write (self->store, set_field_locked_in_transaction, &request, error))
    return FALSE;

  if (request.changed)
    _sw_artist_publish_artist_event (self, SW_EVENT_ARTIST_UPDATED, artist_id, "locked_fields",
                                     "manual");
  return TRUE;
}

static gboolean
set_image_locked_in_transaction (SwStore   *store,
                                 gpointer   user_data,
                                 GError   **error)
{
  LockRequest *request = user_data;
  g_auto(ArtistState) state = { 0 };
  g_autoptr(SwStmt) select = NULL;
  g_autoptr(SwStmt) update = NULL;
  g_autofree char *slot = NULL;
  ChangeRecord change = { 0 };

  if (!_sw_artist_load_state (store, request->artist_id, &state, error))
    return FALSE;

  select = sw_store_prepare (store,
    "SELECT image_type || ':' || slot_index, locked FROM artist_images "
    "WHERE id = ?1 AND artist_id = ?2", error);
  if (select == NULL)
    return FALSE;
  sw_stmt_bind_text (select, 1, request->subject);
  sw_stmt_bind_text (select, 2, request->artist_id);
  if (!sw_store_step_row (store, select, error, _("“%s” has no image with id “%s”"),
                          state.name, request->subject))
    return FALSE;

  if ((sqlite3_column_int (select, 1) != 0) == request->locked)
    return TRUE;
  slot = g_strdup (sw_stmt_column_text (select, 0));

  update = sw_store_prepare (store, "UPDATE artist_images SET locked = ?1 WHERE id = ?2", error);
  if (update == NULL)
    return FALSE;
  sw_stmt_bind_int64 (update, 1, request->locked);
  sw_stmt_bind_text (update, 2, request->subject);

  change = (ChangeRecord) { request->artist_id, state.name, "image_locks",
                            request->locked ? "" : slot, request->locked ? slot : "",
                            "manual", "operator" };
  request->changed = TRUE;
  return sw_store_run (store, update, error) &&
         _sw_artist_touch_artist (store, request->artist_id, error) &&
         _sw_artist_record_change (store, &change, error);
}

gboolean
sw_artist_service_set_image_locked (SwArtistService  *self,
                                    const char       *artist_id,
                                    const char       *image_id,
                                    gboolean          locked,
                                    GError          **error)
{
  LockRequest request = { artist_id, image_id, locked, FALSE };

  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (self), FALSE);
  g_return_val_if_fail (artist_id != NULL && image_id != NULL, FALSE);

  if (!sw_store_write (self->store, set_image_locked_in_transaction, &request, error))
    return FALSE;

  if (request.changed)
    _sw_artist_publish_artist_event (self, SW_EVENT_ARTIST_UPDATED, artist_id, "image_locks",
                                     "manual");
  return TRUE;
}

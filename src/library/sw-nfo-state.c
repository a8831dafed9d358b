/* sw-nfo-state.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-nfo-state.h"

typedef struct
{
  const char *artist_id;
  const char *sha256_hex;
  gint64 mtime_us;
  char *hash_out;
  char *snapshot_out;
} StateJob;

static gboolean
read_state (SwStore   *store,
            gpointer   user_data,
            GError   **error)
{
  StateJob *job = user_data;
  g_autoptr(SwStmt) stmt =
    sw_store_prepare (store, "SELECT nfo_hash, nfo_mtime FROM artists WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sw_stmt_bind_text (stmt, 1, job->artist_id);
  if (!sw_store_step_row (store, stmt, error, _("no artist with id “%s”"), job->artist_id))
    return FALSE;

  job->hash_out = g_strdup (sw_stmt_column_text (stmt, 0));
  job->mtime_us = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

gboolean
sw_nfo_state_get (SwStore     *store,
                  const char  *artist_id,
                  char       **sha256_hex,
                  gint64      *mtime_us,
                  GError     **error)
{
  StateJob job = { .artist_id = artist_id };

  g_return_val_if_fail (SW_IS_STORE (store), FALSE);
  g_return_val_if_fail (artist_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!sw_store_read (store, read_state, &job, error))
    return FALSE;

  if (sha256_hex != NULL)
    *sha256_hex = g_steal_pointer (&job.hash_out);
  if (mtime_us != NULL)
    *mtime_us = job.mtime_us;
  g_free (job.hash_out);
  return TRUE;
}

static gboolean
write_state (SwStore   *store,
             gpointer   user_data,
             GError   **error)
{
  StateJob *job = user_data;
  g_autoptr(SwStmt) stmt =
    sw_store_prepare (store,
                      "UPDATE artists SET nfo_hash = ?, nfo_mtime = ? WHERE id = ? RETURNING id",
                      error);

  if (stmt == NULL)
    return FALSE;
  sw_stmt_bind_text (stmt, 1, job->sha256_hex);
  sw_stmt_bind_int64 (stmt, 2, job->mtime_us);
  sw_stmt_bind_text (stmt, 3, job->artist_id);
  return sw_store_step_row (store, stmt, error, _("no artist with id “%s”"), job->artist_id);
}

gboolean
sw_nfo_state_set (SwStore     *store,
                  const char  *artist_id,
                  const char  *sha256_hex,
                  gint64       mtime_us,
                  GError     **error)
{
  StateJob job = {
    .artist_id = artist_id,
    .sha256_hex = sha256_hex != NULL ? sha256_hex : "",
    .mtime_us = mtime_us,
  };

  g_return_val_if_fail (SW_IS_STORE (store), FALSE);
  g_return_val_if_fail (artist_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return sw_store_write (store, write_state, &job, error);
}

static gboolean
read_snapshot (SwStore   *store,
               gpointer   user_data,
               GError   **error)
{
  StateJob *job = user_data;
  g_autoptr(SwStmt) stmt =
    sw_store_prepare (store,
                      "SELECT created_at FROM nfo_snapshots WHERE artist_id = ? "
                      "ORDER BY created_at DESC LIMIT 1",
                      error);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sw_stmt_bind_text (stmt, 1, job->artist_id);
  if (!sw_store_step_any (store, stmt, &found, error))
    return FALSE;
  if (found)
    job->snapshot_out = g_strdup (sw_stmt_column_text (stmt, 0));
  return TRUE;
}

char *
sw_nfo_state_latest_snapshot (SwStore     *store,
                              const char  *artist_id,
                              GError     **error)
{
  StateJob job = { .artist_id = artist_id };

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (artist_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sw_store_read (store, read_snapshot, &job, error))
    return NULL;
  return job.snapshot_out;
}

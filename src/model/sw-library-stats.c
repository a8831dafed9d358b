/* sw-library-stats.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-library-stats.h"

static void
entry_free (gpointer data)
{
  SwLibraryStatsEntry *entry = data;

  g_free (entry->id);
  g_free (entry->name);
  g_free (entry->path);
  g_free (entry->last_scanned_at);
  g_free (entry);
}

void
sw_library_stats_free (SwLibraryStats *stats)
{
  if (stats == NULL)
    return;

  g_clear_pointer (&stats->libraries, g_ptr_array_unref);
  g_free (stats);
}

static guint
column_count (SwStmt *stmt,
              int     column)
{
  return (guint) CLAMP (sqlite3_column_int64 (stmt, column), 0, G_MAXUINT);
}

/* One scan of the table: the flags are plain columns, and total() of an empty table is
 * 0 where sum() would be NULL. */
static gboolean
read_counts (SwStore         *store,
             SwLibraryStats  *stats,
             GError         **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "SELECT count(*), total (has_mbid), total (thumb_exists <> 0), "
    "total (fanart_exists <> 0), total (locked <> 0) FROM artists", error);

  if (stmt == NULL || !sw_store_step (store, stmt, error))
    return FALSE;

  stats->artists = column_count (stmt, 0);
  stats->with_mbid = column_count (stmt, 1);
  stats->with_thumb = column_count (stmt, 2);
  stats->with_fanart = column_count (stmt, 3);
  stats->locked = column_count (stmt, 4);
  return TRUE;
}

static void
add_library (SwStmt   *stmt,
             gpointer  user_data)
{
  SwLibraryStatsEntry *entry = g_new0 (SwLibraryStatsEntry, 1);

  entry->id = g_strdup (sw_stmt_column_text (stmt, 0));
  entry->name = g_strdup (sw_stmt_column_text (stmt, 1));
  entry->path = g_strdup (sw_stmt_column_text (stmt, 2));
  if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    entry->last_scanned_at = g_strdup (sw_stmt_column_text (stmt, 3));
  entry->artists = column_count (stmt, 4);
  g_ptr_array_add (user_data, entry);
}

/* The member counts come from the artist_libraries_library index. */
static gboolean
read_libraries (SwStore         *store,
                SwLibraryStats  *stats,
                GError         **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "SELECT l.id, l.name, l.path, l.last_scanned_at, "
    "(SELECT count(*) FROM artist_libraries al WHERE al.library_id = l.id) "
    "FROM libraries l ORDER BY l.name COLLATE NOCASE, l.id", error);

  if (stmt == NULL)
    return FALSE;

  return sw_store_foreach_row (store, stmt, add_library, stats->libraries, error);
}

static gboolean
read_stats (SwStore   *store,
            gpointer   user_data,
            GError   **error)
{
  SwLibraryStats *stats = user_data;

  return read_counts (store, stats, error) && read_libraries (store, stats, error);
}

SwLibraryStats *
sw_library_stats_read (SwStore  *store,
                       GError  **error)
{
  g_autoptr(SwLibraryStats) stats = g_new0 (SwLibraryStats, 1);

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stats->libraries = g_ptr_array_new_with_free_func (entry_free);
  if (!sw_store_read (store, read_stats, stats, error))
    return NULL;

  return g_steal_pointer (&stats);
}

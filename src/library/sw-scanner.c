/* sw-scanner.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-library-private.h"
#include "sw-library-service.h"
#include "sw-platform-service.h"
#include "sw-scan-folder.h"
#include "sw-scan-private.h"
#include "sw-scanner.h"

/* Folders per write transaction: large enough that commits do not dominate, small
 * enough that a cancelled or killed scan keeps most of its work and readers never
 * wait long. */
#define BATCH_SIZE 250

/* Never artists: what operating systems and NAS boxes leave in shares. */
static const char *const junk_names[] = {
  "$recycle.bin", "system volume information", "@eadir", "@__thumb", ".trash", ".trashes",
  ".ds_store", "lost+found", "thumbs.db", "desktop.ini",
};
/* Compilation buckets: never artist rows, whatever the exclusion list says. */
static const char *const compilation_names[] = {
  "various artists", "various artist", "various", "va",
};

static void
known_free (Known *known)
{
  g_free (known->id);
  g_free (known->nfo_hash);
  g_free (known);
}

static void
pending_free (Pending *pending)
{
  sw_scan_folder_free (pending->folder);
  g_free (pending->artist_id);
  g_free (pending);
}

static gboolean
is_candidate (const char *root,
              const char *name)
{
  g_autofree char *path = NULL;

  if (name[0] == '.' || _sw_scan_name_in (name, junk_names, G_N_ELEMENTS (junk_names)) ||
      _sw_scan_name_in (name, compilation_names, G_N_ELEMENTS (compilation_names)))
    return FALSE;

  path = g_build_filename (root, name, NULL);
  return g_file_test (path, G_FILE_TEST_IS_DIR);
}

static gint64
parse_time_us (const char *text)
{
  g_autoptr(GDateTime) time = text != NULL && *text ? g_date_time_new_from_iso8601 (text, NULL)
                                                    : NULL;

  return time != NULL ? g_date_time_to_unix (time) * G_USEC_PER_SEC +
                        g_date_time_get_microsecond (time) : 0;
}

static void
add_known (SwStmt   *stmt,
           gpointer  user_data)
{
  Scan *scan = user_data;
  Known *known = g_new0 (Known, 1);

  known->id = g_strdup (sw_stmt_column_text (stmt, 0));
  known->last_scanned_us = parse_time_us (sw_stmt_column_text (stmt, 2));
  known->in_library = sqlite3_column_int (stmt, 3) != 0;
  known->locked = sqlite3_column_int (stmt, 5) != 0;
  known->nfo_hash = g_strdup (sw_stmt_column_text (stmt, 6));
  g_hash_table_replace (scan->known, g_strdup (sw_stmt_column_text (stmt, 1)), known);
  g_hash_table_add (scan->name_keys, g_strdup (sw_stmt_column_text (stmt, 4)));
}

/* Every artist with a folder, keyed by path: identity during a scan is the path. */
static gboolean
load_known (SwStore   *store,
            gpointer   user_data,
            GError   **error)
{
  Scan *scan = user_data;
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "SELECT id, path, last_scanned_at, instr (library_ids, '|' || ?1 || '|') > 0, name_key, "
    "locked, nfo_hash FROM artists WHERE path <> ''", error);

  if (stmt == NULL)
    return FALSE;
  sw_stmt_bind_text (stmt, 1, scan->library->id);
  return sw_store_foreach_row (store, stmt, add_known, scan, error);
}

static GPtrArray *
list_candidates (const char  *root,
                 GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (root, 0, error);
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (dir == NULL)
    return NULL;

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (is_candidate (root, name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  return g_steal_pointer (&names);
}

typedef struct _ReadBatch ReadBatch;

/* One folder, read on a pool thread: the filesystem only, never the store. */
typedef struct
{
  ReadBatch *batch;
  char *path;
  Known *known;
  gboolean unchanged;
  SwScanFolder *folder;
  GError *error;
} FolderRead;

/* A batch of folders being read while the previous batch is written. */
struct _ReadBatch
{
  Scan *scan;
  guint first;
  guint n;
  FolderRead *reads;
  GMutex lock;
  GCond done;
  guint remaining;
};

static void
folder_read_clear (FolderRead *read)
{
  g_free (read->path);
  g_clear_pointer (&read->folder, sw_scan_folder_free);
  g_clear_error (&read->error);
}

static void
read_folder (gpointer data,
             gpointer user_data)
{
  FolderRead *read = data;
  ReadBatch *batch = read->batch;
  Scan *scan = batch->scan;

  if (!g_cancellable_is_cancelled (scan->cancellable))
    {
      if (read->known != NULL && read->known->in_library && scan->fast_path &&
          sw_scan_folder_unchanged (read->path, scan->profile, read->known->last_scanned_us))
        read->unchanged = TRUE;
      else
        read->folder = sw_scan_folder_read (read->path, scan->profile, &read->error);
    }

  g_mutex_lock (&batch->lock);
  if (--batch->remaining == 0)
    g_cond_signal (&batch->done);
  g_mutex_unlock (&batch->lock);
}

/* Starts reading @n folders from @first on the pool: every core at once. */
static ReadBatch *
start_reads (Scan        *scan,
             GThreadPool *pool,
             GPtrArray   *names,
             guint        first,
             guint        n)
{
  ReadBatch *batch = g_new0 (ReadBatch, 1);

  batch->scan = scan;
  batch->first = first;
  batch->n = n;
  batch->reads = g_new0 (FolderRead, n);
  batch->remaining = n;
  g_mutex_init (&batch->lock);
  g_cond_init (&batch->done);

  for (guint i = 0; i < n; i++)
    {
      batch->reads[i].batch = batch;
      batch->reads[i].path = g_build_filename (scan->library->path, names->pdata[first + i],
                                               NULL);
      batch->reads[i].known = g_hash_table_lookup (scan->known, batch->reads[i].path);
    }
  for (guint i = 0; i < n; i++)
    g_thread_pool_push (pool, &batch->reads[i], NULL);
  return batch;
}

static void
wait_reads (ReadBatch *batch)
{
  g_mutex_lock (&batch->lock);
  while (batch->remaining > 0)
    g_cond_wait (&batch->done, &batch->lock);
  g_mutex_unlock (&batch->lock);
}

/* Waits for the reads (they touch the batch until the last one ends), then frees. */
static void
read_batch_free (ReadBatch *batch)
{
  if (batch == NULL)
    return;

  wait_reads (batch);
  for (guint i = 0; i < batch->n; i++)
    folder_read_clear (&batch->reads[i]);
  g_free (batch->reads);
  g_mutex_clear (&batch->lock);
  g_cond_clear (&batch->done);
  g_free (batch);
}

/* Turns a batch's reads into pending changes, in name order. FALSE when cancelled. */
static gboolean
take_reads (Scan                *scan,
            ReadBatch           *batch,
            GPtrArray           *names,
            SwScanProgressFunc   progress,
            gpointer             progress_data,
            GError             **error)
{
  for (guint i = 0; i < batch->n; i++)
    {
      FolderRead *read = &batch->reads[i];
      Pending *pending;

      if (g_cancellable_set_error_if_cancelled (scan->cancellable, error))
        return FALSE;
      if (progress != NULL)
        progress (batch->first + i, names->len, names->pdata[batch->first + i], progress_data);
      g_hash_table_add (scan->seen, g_strdup (read->path));

      if (read->unchanged)
        scan->counts->unchanged_artists++;
      else if (read->folder == NULL)
        /* An unreadable folder is left as it was, and its artist kept. */
        g_info ("Scan: skipping “%s”: %s", read->path,
                read->error != NULL ? read->error->message : "?");
      else
        {
          if (read->folder->nfo_error != NULL)
            g_info ("Scan: the NFO in “%s” cannot be read: %s", read->path,
                    read->folder->nfo_error);
          pending = g_new0 (Pending, 1);
          pending->folder = g_steal_pointer (&read->folder);
          pending->known = read->known;
          g_ptr_array_add (scan->pending, pending);
        }
    }
  return TRUE;
}

static gboolean
scan_library (Scan                *scan,
              SwScanProgressFunc   progress,
              gpointer             progress_data,
              GError             **error)
{
  g_autoptr(GPtrArray) names = NULL;
  ReadBatch *next = NULL;
  GThreadPool *pool;
  gboolean ok = TRUE;

  if (!sw_store_read (scan->store, load_known, scan, error))
    return FALSE;

  names = list_candidates (scan->library->path, error);
  if (names == NULL)
    {
      g_prefix_error (error, _("Cannot read the library “%s”: "), scan->library->name);
      return FALSE;
    }
  scan->counts->total_directories += names->len;

  /* While one batch is written to the database, the pool reads the next. */
  pool = g_thread_pool_new (read_folder, NULL, g_get_num_processors (), FALSE, NULL);
  if (names->len > 0)
    next = start_reads (scan, pool, names, 0, MIN (BATCH_SIZE, names->len));

  while (ok && next != NULL)
    {
      ReadBatch *current = next;
      guint after = current->first + current->n;

      wait_reads (current);
      next = after < names->len
             ? start_reads (scan, pool, names, after, MIN (BATCH_SIZE, names->len - after))
             : NULL;
      ok = take_reads (scan, current, names, progress, progress_data, error) &&
           _sw_scan_flush (scan, error);
      read_batch_free (current);
    }
  /* After a failure the batch being read is finished and dropped. */
  read_batch_free (next);
  g_thread_pool_free (pool, FALSE, TRUE);

  if (!ok || g_cancellable_set_error_if_cancelled (scan->cancellable, error))
    return FALSE;
  if (progress != NULL)
    progress (names->len, names->len, NULL, progress_data);

  return _sw_scan_remove_vanished (scan, error);
}

static void
scan_clear (Scan *scan)
{
  g_clear_pointer (&scan->known, g_hash_table_unref);
  g_clear_pointer (&scan->seen, g_hash_table_unref);
  g_clear_pointer (&scan->name_keys, g_hash_table_unref);
  g_clear_pointer (&scan->pending, g_ptr_array_unref);
}

gboolean
sw_scanner_run (SwArtistService     *service,
                SwEvents            *events,
                SwSettings          *settings,
                const char          *library_id,
                SwScanProgressFunc   progress,
                gpointer             progress_data,
                GCancellable        *cancellable,
                SwScanCounts        *counts,
                GError             **error)
{
  SwStore *store = sw_artist_service_get_store (service);
  g_autoptr(SwPlatformProfile) profile = NULL;
  g_autoptr(GPtrArray) libraries = NULL;
  g_auto(GStrv) exclusions = NULL;
  gboolean fast_path;
  guint scanned = 0;

  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (service), FALSE);
  g_return_val_if_fail (SW_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  *counts = (SwScanCounts) { 0 };
  profile = sw_platform_service_get_active (store, error);
  libraries = profile != NULL ? sw_library_service_list (store, error) : NULL;
  if (libraries == NULL)
    return FALSE;
  exclusions = sw_settings_get_strv (settings, "scanner.exclusions");
  fast_path = sw_settings_get_boolean (settings, "scanner.mtime_fast_path");

  for (guint i = 0; i < libraries->len; i++)
    {
      SwLibrary *library = libraries->pdata[i];
      Scan scan = {
        service, events, store, profile, library, cancellable, exclusions, fast_path,
        g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) known_free),
        g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
        g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
        g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free),
        counts,
      };
      gboolean ok;

      if (library->path == NULL || library->path[0] == '\0' ||
          (library_id != NULL && g_strcmp0 (library->id, library_id) != 0))
        {
          scan_clear (&scan);
          continue;
        }

      scanned++;
      ok = scan_library (&scan, progress, progress_data, error);
      scan_clear (&scan);
      if (!ok || !sw_library_service_mark_scanned (store, library->id, error))
        return FALSE;
    }

  if (scanned == 0)
    {
      g_set_error_literal (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                           library_id != NULL
                           ? _("That library has no folder to scan")
                           : _("There is no library with a folder to scan"));
      return FALSE;
    }
  return TRUE;
}

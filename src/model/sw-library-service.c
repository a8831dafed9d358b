/* sw-library-service.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sw-library-private.h"
#include "sw-library-service.h"
#include "sw-name-check.h"
#include "sw-time.h"
#include "sw-value-check.h"

/* Library names are shown in lists and menus, so they are kept short and printable. */
#define NAME_MAX_CHARS 200

#define LIBRARY_COLUMNS \
  "id, name, path, type, source, connection_id, external_id, fs_watch, fs_poll_interval, " \
  "nfo_lock_data, shared_fs_status, shared_fs_evidence, shared_fs_peer_library_ids, " \
  "created_at, updated_at"

static const gint64 poll_intervals[] = { 60, 300, 900, 1800 };

gboolean
sw_library_poll_interval_is_valid (gint64 seconds)
{
  for (gsize i = 0; i < G_N_ELEMENTS (poll_intervals); i++)
    if (poll_intervals[i] == seconds)
      return TRUE;

  return FALSE;
}

static SwLibrary *
library_from_row (SwStmt *stmt)
{
  SwLibrary *library = sw_library_new ();
  int column = 0;

  library->id = g_strdup (sw_stmt_column_text (stmt, column++));
  library->name = g_strdup (sw_stmt_column_text (stmt, column++));
  library->path = g_strdup (sw_stmt_column_text (stmt, column++));
  library->type = g_strdup (sw_stmt_column_text (stmt, column++));
  library->source = g_strdup (sw_stmt_column_text (stmt, column++));
  library->connection_id = g_strdup (sw_stmt_column_text (stmt, column++));
  library->external_id = g_strdup (sw_stmt_column_text (stmt, column++));
  library->fs_watch = sqlite3_column_int (stmt, column++);
  library->fs_poll_interval = sqlite3_column_int (stmt, column++);
  library->nfo_lock_data = sqlite3_column_int (stmt, column++) != 0;
  library->shared_fs_status = g_strdup (sw_stmt_column_text (stmt, column++));
  library->shared_fs_evidence = g_strdup (sw_stmt_column_text (stmt, column++));
  library->shared_fs_peer_library_ids = g_strdup (sw_stmt_column_text (stmt, column++));
  library->created_at = g_strdup (sw_stmt_column_text (stmt, column++));
  library->updated_at = g_strdup (sw_stmt_column_text (stmt, column++));
  return library;
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* Validation ------------------------------------------------------------------------------ */

/* Trimmed and NFC-normalised, so one name typed on two keyboards is one name. */
static char *
check_name (const char  *name,
            GError     **error)
{
  g_autofree char *normalized = NULL;
  glong length;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return sw_value_refuse (error, _("The library name is not valid UTF-8 text"));

  normalized = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
  g_strstrip (normalized);
  length = g_utf8_strlen (normalized, -1);

  if (length == 0)
    return sw_value_refuse (error, _("A library needs a name"));

  if (length > NAME_MAX_CHARS)
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("The library name is too long (at most %d characters)"), NAME_MAX_CHARS);
      return NULL;
    }

  if (sw_name_has_control_characters (normalized))
    return sw_value_refuse (error, _("The library name must not contain control characters"));

  return g_steal_pointer (&normalized);
}

static gboolean
has_parent_segment (const char *path)
{
  g_auto(GStrv) segments = g_strsplit (path, G_DIR_SEPARATOR_S, -1);

  for (guint i = 0; segments[i] != NULL; i++)
    if (g_str_equal (segments[i], ".."))
      return TRUE;

  return FALSE;
}

/* The path as stored: "" for a pathless library, else the cleaned form of an absolute
 * path to a folder that exists and can be listed. */
static char *
check_path (const char  *path,
            GError     **error)
{
  g_autofree char *printable = NULL;
  g_autofree char *cleaned = NULL;
  GStatBuf info;

  if (path == NULL || path[0] == '\0')
    return g_strdup ("");

  if (!g_utf8_validate (path, -1, NULL))
    return sw_value_refuse (error, _("The library path is not valid UTF-8 text"));

  printable = sw_value_printable (path);
  if (sw_name_has_control_characters (path))
    return sw_value_refuse (error, _("The library path must not contain control characters"));

  if (!g_path_is_absolute (path))
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("The library path must be absolute, not “%s”"), printable);
      return NULL;
    }

  /* Refused rather than resolved: "/music/../etc" is almost certainly not meant. */
  if (has_parent_segment (path))
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("The library path must not contain “..”: “%s”"), printable);
      return NULL;
    }

  cleaned = g_canonicalize_filename (path, NULL);
  /* POSIX keeps a leading "//"; on Linux it is the root like "/". */
  while (g_str_has_prefix (cleaned, "//"))
    memmove (cleaned, cleaned + 1, strlen (cleaned));

  g_clear_pointer (&printable, g_free);
  printable = sw_value_printable (cleaned);

  if (g_stat (cleaned, &info) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                     _("The folder “%s” does not exist"), printable);
      else
        g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                     _("The folder “%s” cannot be used: %s"), printable,
                     g_strerror (saved_errno));
      return NULL;
    }

  if (!S_ISDIR (info.st_mode))
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("“%s” is not a folder"), printable);
      return NULL;
    }

  /* Scanning lists the folder and enters it. */
  if (g_access (cleaned, R_OK | X_OK) != 0)
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("The folder “%s” cannot be read"), printable);
      return NULL;
    }

  return g_steal_pointer (&cleaned);
}

static const char *
check_type (const char  *type,
            GError     **error)
{
  if (type == NULL || type[0] == '\0' || g_str_equal (type, "regular"))
    return "regular";

  if (g_str_equal (type, "classical"))
    return sw_value_refuse (error, _("Classical libraries are no longer supported; "
                                     "use the type “regular”"));

  return sw_value_refuse (error, _("The library type must be “regular”"));
}

static const char *
check_source (const char  *source,
              GError     **error)
{
  const char *sources[] = { "manual", "emby", "jellyfin", "lidarr" };

  if (source == NULL || source[0] == '\0')
    return "manual";

  for (gsize i = 0; i < G_N_ELEMENTS (sources); i++)
    if (g_str_equal (source, sources[i]))
      return sources[i];

  return sw_value_refuse (error, _("The library source must be manual, emby, jellyfin or lidarr"));
}

static gboolean
check_watch (int          fs_watch,
             int          fs_poll_interval,
             GError     **error)
{
  if (fs_watch < 0 || fs_watch > SW_LIBRARY_FS_WATCH_MAX)
    {
      sw_value_refuse (error, _("fs_watch must be 0 (off), 1 (watch), 2 (poll) or 3 (both)"));
      return FALSE;
    }

  if (!sw_library_poll_interval_is_valid (fs_poll_interval))
    {
      sw_value_refuse (error, _("fs_poll_interval must be 60, 300, 900 or 1800 seconds"));
      return FALSE;
    }

  return TRUE;
}

/* The checked values of a library about to be written. */
typedef struct
{
  char *id;
  char *name;
  char *path;
  const char *type;
  const char *source;
  char *connection_id;
  char *external_id;
  int fs_watch;
  int fs_poll_interval;
  gboolean nfo_lock_data;
  gboolean path_changed;        /* updates only */

  SwLibrary *result;
} Write;

static void
write_clear (Write *write)
{
  g_clear_pointer (&write->id, g_free);
  g_clear_pointer (&write->name, g_free);
  g_clear_pointer (&write->path, g_free);
  g_clear_pointer (&write->connection_id, g_free);
  g_clear_pointer (&write->external_id, g_free);
  g_clear_object (&write->result);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Write, write_clear)

/* Names compare case-insensitively: "Music" and "music" side by side in a menu would
 * only confuse. */
static gboolean
check_name_free (SwStore     *store,
                 const char  *name,
                 const char  *own_id,
                 GError     **error)
{
  g_autofree char *clash = NULL;

  if (!sw_name_find_clash (store, "SELECT id, name FROM libraries", name, own_id, &clash,
                           error))
    return FALSE;

  if (clash != NULL)
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT,
                   _("A library named “%s” already exists"), clash);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_connection (SwStore     *store,
                  Write       *write,
                  GError     **error)
{
  g_autoptr(SwStmt) connection = NULL;
  g_autoptr(SwStmt) taken = NULL;
  gboolean found = FALSE;

  if (write->connection_id == NULL || write->connection_id[0] == '\0')
    {
      if (write->external_id != NULL && write->external_id[0] != '\0')
        {
          sw_value_refuse (error, _("A library with an external id needs a connection"));
          return FALSE;
        }
      return TRUE;
    }

  if (g_str_equal (write->source, "manual"))
    {
      sw_value_refuse (error, _("A manual library cannot belong to a connection"));
      return FALSE;
    }

  connection = sw_store_prepare (store, "SELECT 1 FROM connections WHERE id = ?1", error);
  if (connection == NULL)
    return FALSE;
  sw_stmt_bind_text (connection, 1, write->connection_id);
  if (!sw_store_step_any (store, connection, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("There is no connection with id “%s”"), write->connection_id);
      return FALSE;
    }

  if (write->external_id == NULL || write->external_id[0] == '\0')
    return TRUE;

  taken = sw_store_prepare (store,
    "SELECT 1 FROM libraries WHERE connection_id = ?1 AND external_id = ?2", error);
  if (taken == NULL)
    return FALSE;
  sw_stmt_bind_text (taken, 1, write->connection_id);
  sw_stmt_bind_text (taken, 2, write->external_id);
  if (!sw_store_step_any (store, taken, &found, error))
    return FALSE;
  if (found)
    {
      g_set_error_literal (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT,
                           _("This server library has been added already"));
      return FALSE;
    }

  return TRUE;
}

/* Reading --------------------------------------------------------------------------------- */

typedef struct
{
  const char *id;
  SwLibrary *library;
  guint artist_count;
  GPtrArray *libraries;
} Read;

static gboolean
load_library (SwStore     *store,
              const char  *id,
              SwLibrary  **library,
              GError     **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "SELECT " LIBRARY_COLUMNS " FROM libraries WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, id);
  if (!sw_store_step_row (store, stmt, error, _("There is no library with id “%s”"), id))
    return FALSE;

  *library = library_from_row (stmt);
  return TRUE;
}

static void
add_library_row (SwStmt   *stmt,
                 gpointer  user_data)
{
  g_ptr_array_add (user_data, library_from_row (stmt));
}

static gboolean
list_libraries (SwStore   *store,
                gpointer   user_data,
                GError   **error)
{
  Read *read = user_data;
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "SELECT " LIBRARY_COLUMNS " FROM libraries ORDER BY name COLLATE NOCASE, id", error);

  if (stmt == NULL)
    return FALSE;

  return sw_store_foreach_row (store, stmt, add_library_row, read->libraries, error);
}

GPtrArray *
sw_library_service_list (SwStore  *store,
                         GError  **error)
{
  g_autoptr(GPtrArray) libraries = g_ptr_array_new_with_free_func (g_object_unref);
  Read read = { .libraries = libraries };

  g_return_val_if_fail (SW_IS_STORE (store), NULL);

  if (!sw_store_read (store, list_libraries, &read, error))
    return NULL;

  return g_steal_pointer (&libraries);
}

static gboolean
get_library (SwStore   *store,
             gpointer   user_data,
             GError   **error)
{
  Read *read = user_data;
  g_autoptr(SwStmt) count = NULL;

  if (!load_library (store, read->id, &read->library, error))
    return FALSE;

  count = sw_store_prepare (store,
    "SELECT count(*) FROM artist_libraries WHERE library_id = ?1", error);
  if (count == NULL)
    return FALSE;
  sw_stmt_bind_text (count, 1, read->id);
  if (!sw_store_step (store, count, error))
    return FALSE;
  read->artist_count = (guint) sqlite3_column_int64 (count, 0);
  return TRUE;
}

SwLibrary *
sw_library_service_get (SwStore     *store,
                        const char  *id,
                        guint       *artist_count,
                        GError     **error)
{
  Read read = { .id = id };

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!sw_store_read (store, get_library, &read, error))
    {
      g_clear_object (&read.library);
      return NULL;
    }

  if (artist_count != NULL)
    *artist_count = read.artist_count;
  return read.library;
}

/* Creating and updating ------------------------------------------------------------------- */

static gboolean
create_library (SwStore   *store,
                gpointer   user_data,
                GError   **error)
{
  Write *write = user_data;
  g_autofree char *now = sw_time_now_rfc3339 ();
  g_autoptr(SwStmt) stmt = NULL;

  if (!check_name_free (store, write->name, NULL, error) ||
      !check_connection (store, write, error))
    return FALSE;

  stmt = sw_store_prepare (store,
    "INSERT INTO libraries (id, name, path, type, source, connection_id, external_id, "
    "fs_watch, fs_poll_interval, nfo_lock_data, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)", error);
  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, write->id);
  sw_stmt_bind_text (stmt, 2, write->name);
  sw_stmt_bind_text (stmt, 3, write->path);
  sw_stmt_bind_text (stmt, 4, write->type);
  sw_stmt_bind_text (stmt, 5, write->source);
  sw_stmt_bind_text_or_null (stmt, 6, write->connection_id);
  sw_stmt_bind_text (stmt, 7, or_empty (write->external_id));
  sw_stmt_bind_int64 (stmt, 8, write->fs_watch);
  sw_stmt_bind_int64 (stmt, 9, write->fs_poll_interval);
  sw_stmt_bind_int64 (stmt, 10, write->nfo_lock_data);
  sw_stmt_bind_text (stmt, 11, now);
  if (!sw_store_run (store, stmt, error))
    return FALSE;

  return load_library (store, write->id, &write->result, error);
}

SwLibrary *
sw_library_service_create (SwStore    *store,
                           SwLibrary  *draft,
                           GError    **error)
{
  g_auto(Write) write = { 0 };

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (SW_IS_LIBRARY (draft), NULL);

  write.id = sw_store_new_id ();
  write.fs_watch = draft->fs_watch;
  write.fs_poll_interval = draft->fs_poll_interval != 0 ? draft->fs_poll_interval : 60;
  write.nfo_lock_data = draft->nfo_lock_data;
  write.connection_id = g_strdup (draft->connection_id);
  write.external_id = g_strdup (draft->external_id);

  if ((write.name = check_name (draft->name, error)) == NULL ||
      (write.type = check_type (draft->type, error)) == NULL ||
      (write.source = check_source (draft->source, error)) == NULL ||
      !check_watch (write.fs_watch, write.fs_poll_interval, error) ||
      (write.path = check_path (draft->path, error)) == NULL)
    return NULL;

  if (!sw_store_write (store, create_library, &write, error))
    return NULL;

  return g_steal_pointer (&write.result);
}

static gboolean
update_library (SwStore   *store,
                gpointer   user_data,
                GError   **error)
{
  Write *write = user_data;
  g_autoptr(SwLibrary) current = NULL;
  g_autofree char *now = NULL;
  g_autoptr(SwStmt) stmt = NULL;

  if (!load_library (store, write->id, &current, error))
    return FALSE;

  if (!check_name_free (store, write->name, write->id, error))
    return FALSE;

  /* A path the caller left alone stays what it is now, even if it changed meanwhile. */
  if (!write->path_changed)
    {
      g_free (write->path);
      write->path = g_strdup (current->path);
    }

  stmt = sw_store_prepare (store,
    "UPDATE libraries SET name = ?2, path = ?3, type = ?4, fs_watch = ?5, "
    "fs_poll_interval = ?6, nfo_lock_data = ?7, updated_at = ?8 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  now = sw_time_now_rfc3339 ();
  sw_stmt_bind_text (stmt, 1, write->id);
  sw_stmt_bind_text (stmt, 2, write->name);
  sw_stmt_bind_text (stmt, 3, write->path);
  sw_stmt_bind_text (stmt, 4, write->type);
  sw_stmt_bind_int64 (stmt, 5, write->fs_watch);
  sw_stmt_bind_int64 (stmt, 6, write->fs_poll_interval);
  sw_stmt_bind_int64 (stmt, 7, write->nfo_lock_data);
  sw_stmt_bind_text (stmt, 8, now);
  if (!sw_store_run (store, stmt, error))
    return FALSE;

  return load_library (store, write->id, &write->result, error);
}

SwLibrary *
sw_library_service_update (SwStore    *store,
                           SwLibrary  *library,
                           GError    **error)
{
  g_auto(Write) write = { 0 };
  g_autoptr(SwLibrary) current = NULL;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (SW_IS_LIBRARY (library), NULL);

  if (library->id == NULL || library->id[0] == '\0')
    return sw_value_refuse (error, _("The library has no id"));

  /* The stored path decides whether the folder must be checked on disk (slow, and
   * outside the write lock). */
  current = sw_library_service_get (store, library->id, NULL, error);
  if (current == NULL)
    return NULL;

  write.id = g_strdup (library->id);
  write.fs_watch = library->fs_watch;
  write.fs_poll_interval = library->fs_poll_interval;
  write.nfo_lock_data = library->nfo_lock_data;

  if ((write.name = check_name (library->name, error)) == NULL ||
      (write.type = check_type (library->type, error)) == NULL ||
      !check_watch (write.fs_watch, write.fs_poll_interval, error))
    return NULL;

  if (g_strcmp0 (or_empty (library->path), current->path) != 0)
    {
      write.path = check_path (library->path, error);
      if (write.path == NULL)
        return NULL;
      write.path_changed = TRUE;
    }

  if (!sw_store_write (store, update_library, &write, error))
    return NULL;

  return g_steal_pointer (&write.result);
}

/* Deleting -------------------------------------------------------------------------------- */

typedef struct
{
  const char *id;
  gboolean delete_artists;
  guint n_deleted;
} Delete;

/* Runs one statement with ?1 = the library id (?2 = now, when it has one) and adds the
 * number of rows it changed to *changed (when not NULL). */
static gboolean
run_for_library (SwStore     *store,
                 const char  *sql,
                 const char  *library_id,
                 guint       *changed,
                 GError     **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store, sql, error);
  g_autoptr(SwStmt) count = NULL;
  g_autofree char *now = NULL;

  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, library_id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    {
      now = sw_time_now_rfc3339 ();
      sw_stmt_bind_text (stmt, 2, now);
    }
  if (!sw_store_run (store, stmt, error))
    return FALSE;

  if (changed == NULL)
    return TRUE;

  count = sw_store_prepare (store, "SELECT changes ()", error);
  if (count == NULL || !sw_store_step (store, count, error))
    return FALSE;
  *changed += (guint) sqlite3_column_int64 (count, 0);
  return TRUE;
}

/* Members of the library (?1) that are in no other library. */
#define ONLY_HERE \
  "id IN (SELECT artist_id FROM artist_libraries WHERE library_id = ?1) " \
  "AND NOT EXISTS (SELECT 1 FROM artist_libraries o " \
  "                WHERE o.artist_id = artists.id AND o.library_id <> ?1)"

static gboolean
delete_library (SwStore   *store,
                gpointer   user_data,
                GError   **error)
{
  Delete *request = user_data;
  g_autoptr(SwLibrary) library = NULL;

  if (!load_library (store, request->id, &library, error))
    return FALSE;

  /* Child rows (images, aliases, violations …) go with each artist by cascade;
   * metadata_changes has no foreign key, so the history stays. */
  if (request->delete_artists &&
      !run_for_library (store, "DELETE FROM artists WHERE " ONLY_HERE, request->id,
                        &request->n_deleted, error))
    return FALSE;

  /* An artist with no library and no media-server id could never be reached again. */
  if (!run_for_library (store,
                        "DELETE FROM artists WHERE " ONLY_HERE " AND NOT EXISTS "
                        "(SELECT 1 FROM artist_platform_ids p WHERE p.artist_id = artists.id)",
                        request->id, &request->n_deleted, error))
    return FALSE;

  /* The rest stay for their media server, but no rule looks at them any more. */
  if (!run_for_library (store,
                        "UPDATE rule_violations SET status = 'dismissed', dismissed_at = ?2, "
                        "updated_at = ?2 WHERE status IN ('open', 'pending_choice') AND "
                        "artist_id IN (SELECT id FROM artists WHERE " ONLY_HERE ")",
                        request->id, NULL, error))
    return FALSE;

  /* Memberships go by cascade, and the triggers keep artists.library_ids in step. */
  return run_for_library (store, "DELETE FROM libraries WHERE id = ?1", request->id, NULL,
                          error);
}

gboolean
sw_library_service_delete (SwStore     *store,
                           const char  *id,
                           gboolean     delete_artists,
                           guint       *n_deleted,
                           GError     **error)
{
  Delete request = { id, delete_artists, 0 };

  g_return_val_if_fail (SW_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!sw_store_write (store, delete_library, &request, error))
    return FALSE;

  if (n_deleted != NULL)
    *n_deleted = request.n_deleted;
  return TRUE;
}

static gboolean
mark_scanned (SwStore   *store,
              gpointer   user_data,
              GError   **error)
{
  return run_for_library (store, "UPDATE libraries SET last_scanned_at = ?2 WHERE id = ?1",
                          user_data, NULL, error);
}

gboolean
sw_library_service_mark_scanned (SwStore     *store,
                                 const char  *id,
                                 GError     **error)
{
  g_return_val_if_fail (SW_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return sw_store_write (store, mark_scanned, (gpointer) id, error);
}

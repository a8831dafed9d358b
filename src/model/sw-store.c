/* sw-store.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sw-migrations.h"
#include "sw-store-checkpointer.h"
#include "sw-store.h"
#include "sw-time.h"

#define MIGRATIONS_PATH "/io/github/stillwater/Stillwater/migrations"
#define BUSY_TIMEOUT_MS 5000
/* Page caches (negative = KiB). Index-heavy batch inserts thrash SQLite's 2 MiB
 * default; these keep a 50,000-artist library's hot pages in memory. */
#define WRITER_CACHE_KIB "-24576"
#define READER_CACHE_KIB "-8192"
/* The log is checkpointed in the background from this many pages (SQLite's own
 * threshold); if it still grows past the second figure, the writer checkpoints too,
 * which bounds the log during a long scan. The file is cut back after it restarts. */
#define WAL_CHECKPOINT_PAGES 1000
#define WAL_WRITER_CHECKPOINT_PAGES 8192
#define WAL_SIZE_LIMIT "33554432"

/* Tables whose committed changes in-memory caches must notice: the artist search index
 * (sw-artist-names.c) and the session cache (sw-auth-sessions.c). */
static const char *const watched_tables[] = { "artists", "sessions", "users" };
#define N_WATCHED_TABLES G_N_ELEMENTS (watched_tables)

/* One SQLite connection and its prepared-statement cache. The writer connection is
 * used by one thread at a time (under write_mutex); each reader belongs to one thread. */
typedef struct
{
  sqlite3 *db;
  GHashTable *statements;   /* SQL text → sqlite3_stmt* */
  guint read_depth;
} SwConnection;

struct _SwStore
{
  GObject parent_instance;

  char *path;
  gboolean delete_on_finalize;
  int schema_version;

  GMutex write_mutex;
  SwConnection *writer;
  SwStoreCheckpointer *checkpointer;
  guint touched;              /* watched_tables bits, by the write in progress */
  guint versions[N_WATCHED_TABLES];   /* atomic */

  GMutex readers_mutex;
  GHashTable *readers;      /* GThread* → SwConnection* */
};

G_DEFINE_FINAL_TYPE (SwStore, sw_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (sw-store-error-quark, sw_store_error)

/* The store whose write transaction the current thread is inside, if any. */
static GPrivate current_writer;

static void
connection_free (SwConnection *connection)
{
  if (connection == NULL)
    return;

  g_clear_pointer (&connection->statements, g_hash_table_unref);
  sqlite3_close_v2 (connection->db);
  g_free (connection);
}

static SwStoreError
error_code_for (int sqlite_code)
{
  switch (sqlite_code & 0xff)
    {
    case SQLITE_CONSTRAINT:
      return SW_STORE_ERROR_CONSTRAINT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return SW_STORE_ERROR_BUSY;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return SW_STORE_ERROR_NOT_A_DATABASE;
    default:
      return SW_STORE_ERROR_FAILED;
    }
}

static gboolean
set_error_from_db (sqlite3  *db,
                   int       sqlite_code,
                   GError  **error)
{
  g_set_error (error, SW_STORE_ERROR, error_code_for (sqlite_code), "%s",
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (sqlite_code));
  return FALSE;
}

static SwConnection *
connection_open (const char  *path,
                 gboolean     create,
                 GError     **error)
{
  SwConnection *connection = g_new0 (SwConnection, 1);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc;

  rc = sqlite3_open_v2 (path, &connection->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SW_STORE_ERROR, error_code_for (rc),
                   _("Cannot open the database “%s”: %s"), path,
                   connection->db ? sqlite3_errmsg (connection->db) : sqlite3_errstr (rc));
      connection_free (connection);
      return NULL;
    }

  sqlite3_busy_timeout (connection->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (connection->db, 1);
  connection->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) sqlite3_finalize);
  return connection;
}

static gboolean
connection_exec (SwConnection  *connection,
                 const char    *sql,
                 GError       **error)
{
  int rc = sqlite3_exec (connection->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_error_from_db (connection->db, rc, error);

  return TRUE;
}

static SwStmt *
connection_prepare (SwConnection  *connection,
                    const char    *sql,
                    GError       **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (connection->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (connection->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_db (connection->db, rc, error);
      return NULL;
    }

  g_hash_table_insert (connection->statements, g_strdup (sql), stmt);
  return stmt;
}

/* Runs one query returning a single integer; -1 with @error on failure. */
/* Runs one statement without parameters from the statement cache: BEGIN and COMMIT
 * around every read would otherwise be parsed again each time. */
static gboolean
connection_run_cached (SwConnection  *connection,
                       const char    *sql,
                       GError       **error)
{
  SwStmt *stmt = connection_prepare (connection, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_error_from_db (connection->db, rc, error);

  return TRUE;
}

static gint64
connection_query_int (SwConnection  *connection,
                      const char    *sql,
                      GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;
  int rc;

  rc = sqlite3_prepare_v2 (connection->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    value = 0;
  else
    set_error_from_db (connection->db, rc, error);

  sqlite3_finalize (stmt);
  return value;
}

/* Migrations ------------------------------------------------------------------------- */

static int
migration_number (const char *name)
{
  return (int) g_ascii_strtoll (name, NULL, 10);
}

static int
compare_migration_names (gconstpointer a,
                         gconstpointer b)
{
  return migration_number (*(const char **) a) - migration_number (*(const char **) b);
}

static GStrv
list_migrations (void)
{
  g_auto(GStrv) names = NULL;

  sw_migrations_register_resource ();
  names = g_resources_enumerate_children (MIGRATIONS_PATH, 0, NULL);
  g_assert (names != NULL);
  qsort (names, g_strv_length (names), sizeof (char *), compare_migration_names);
  return g_steal_pointer (&names);
}

int
sw_store_get_latest_schema_version (void)
{
  g_auto(GStrv) names = list_migrations ();
  guint n = g_strv_length (names);

  return n > 0 ? migration_number (names[n - 1]) : 0;
}

/* Reads the schema version without writing anything, so a file we must refuse is left
 * exactly as it was. */
static gboolean
read_schema_version (SwStore    *self,
                     int        *version,
                     GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 tables;
  gint64 has_version_table;

  tables = connection_query_int (self->writer, "SELECT count(*) FROM sqlite_master", &local_error);
  if (tables < 0)
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Stillwater database (%s); it was left untouched"),
                   self->path, local_error->message);
      return FALSE;
    }

  has_version_table = connection_query_int (self->writer,
                                            "SELECT count(*) FROM sqlite_master WHERE "
                                            "type = 'table' AND name = 'schema_migrations'",
                                            error);
  if (has_version_table < 0)
    return FALSE;

  if (has_version_table == 0)
    {
      if (tables > 0)
        {
          g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_A_DATABASE,
                       _("“%s” is an SQLite database of another program; it was left untouched"),
                       self->path);
          return FALSE;
        }
      *version = 0;
      return TRUE;
    }

  *version = (int) connection_query_int (self->writer,
                                         "SELECT coalesce(max(version), 0) FROM schema_migrations",
                                         error);
  return *version >= 0;
}

static gboolean
apply_migration (SwStore     *self,
                 const char  *name,
                 GError     **error)
{
  g_autofree char *resource = g_build_path ("/", MIGRATIONS_PATH, name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *record = NULL;
  g_autofree char *now = sw_time_now_rfc3339 ();

  bytes = g_resources_lookup_data (resource, 0, error);
  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  record = g_strdup_printf ("INSERT INTO schema_migrations (version, applied_at) "
                            "VALUES (%d, '%s')", migration_number (name), now);

  if (!connection_exec (self->writer, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!connection_exec (self->writer, sql, error) ||
      !connection_exec (self->writer, record, error))
    {
      connection_exec (self->writer, "ROLLBACK", NULL);
      g_prefix_error (error, _("Migration %s failed: "), name);
      return FALSE;
    }

  return connection_exec (self->writer, "COMMIT", error);
}

static gboolean
migrate (SwStore  *self,
         int       current,
         GError  **error)
{
  g_auto(GStrv) names = list_migrations ();

  /* Table rebuilds in later migrations need foreign keys off; it is a per-connection
   * setting that cannot change inside a transaction. */
  if (!connection_exec (self->writer, "PRAGMA foreign_keys = OFF", error) ||
      !connection_exec (self->writer,
                        "CREATE TABLE IF NOT EXISTS schema_migrations ("
                        " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", error))
    return FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (migration_number (names[i]) <= current)
        continue;
      if (!apply_migration (self, names[i], error))
        return FALSE;
      self->schema_version = migration_number (names[i]);
    }

  if (connection_query_int (self->writer, "SELECT count(*) FROM pragma_foreign_key_check",
                            error) != 0)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_FAILED,
                     _("The database has broken references after migrating"));
      return FALSE;
    }

  return connection_exec (self->writer, "PRAGMA foreign_keys = ON", error);
}

/* GObject ------------------------------------------------------------------------------ */

static void
sw_store_finalize (GObject *object)
{
  SwStore *self = (SwStore *)object;

  /* The writer closes last, so it is the connection that folds the log back in. */
  g_clear_pointer (&self->checkpointer, sw_store_checkpointer_free);
  g_clear_pointer (&self->readers, g_hash_table_unref);
  g_clear_pointer (&self->writer, connection_free);

  if (self->delete_on_finalize)
    {
      g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (self->path, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
      g_unlink (self->path);
    }

  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->write_mutex);
  g_mutex_clear (&self->readers_mutex);

  G_OBJECT_CLASS (sw_store_parent_class)->finalize (object);
}

static void
sw_store_class_init (SwStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sw_store_finalize;
}

static void
sw_store_init (SwStore *self)
{
  g_mutex_init (&self->write_mutex);
  g_mutex_init (&self->readers_mutex);
  self->readers = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) connection_free);
}

static void
on_row_change (gpointer       data,
               int            operation,
               const char    *database,
               const char    *table,
               sqlite3_int64  rowid)
{
  SwStore *self = data;

  for (guint i = 0; i < N_WATCHED_TABLES; i++)
    if (strcmp (table, watched_tables[i]) == 0)
      self->touched |= 1u << i;
}

static int
on_wal_commit (gpointer    data,
               sqlite3    *db,
               const char *database,
               int         n_pages)
{
  SwStore *self = data;

  if (n_pages >= WAL_CHECKPOINT_PAGES)
    sw_store_checkpointer_request (self->checkpointer);
  if (n_pages >= WAL_WRITER_CHECKPOINT_PAGES)
    sqlite3_wal_checkpoint_v2 (db, database, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);

  return SQLITE_OK;
}

static char *
make_private_temp_path (GError **error)
{
  g_autofree char *dir = g_dir_make_tmp ("stillwater-store-XXXXXX", error);

  if (dir == NULL)
    return NULL;

  return g_build_filename (dir, "stillwater.db", NULL);
}

SwStore *
sw_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(SwStore) self = NULL;
  int version = 0;
  int latest;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SW_TYPE_STORE, NULL);

  if (g_strcmp0 (path, ":memory:") == 0)
    {
      /* Readers need their own connections, which an in-memory database cannot give,
       * so ":memory:" is a private file that disappears with the store. */
      self->path = make_private_temp_path (error);
      if (self->path == NULL)
        return NULL;
      self->delete_on_finalize = TRUE;
    }
  else
    self->path = g_strdup (path);

  self->writer = connection_open (self->path, TRUE, error);
  if (self->writer == NULL || !read_schema_version (self, &version, error))
    return NULL;

  latest = sw_store_get_latest_schema_version ();
  if (version > latest)
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of Stillwater "
                     "(schema %d; this version knows up to %d). It was left untouched."),
                   self->path, version, latest);
      return NULL;
    }

  self->schema_version = version;
  if (!connection_exec (self->writer, "PRAGMA journal_mode = WAL", error) ||
      !connection_exec (self->writer, "PRAGMA synchronous = NORMAL", error) ||
      !connection_exec (self->writer, "PRAGMA cache_size = " WRITER_CACHE_KIB, error) ||
      /* Statement journals (statements that fire triggers) stay in memory instead of
       * being written to a temporary file page by page. */
      !connection_exec (self->writer, "PRAGMA temp_store = MEMORY", error) ||
      !connection_exec (self->writer, "PRAGMA journal_size_limit = " WAL_SIZE_LIMIT, error) ||
      !migrate (self, version, error))
    {
      g_prefix_error (error, _("Cannot prepare the database “%s”: "), self->path);
      return NULL;
    }

  /* Replaces SQLite's automatic checkpoint (it is a WAL hook too). */
  self->checkpointer = sw_store_checkpointer_new (self->path);
  sqlite3_wal_hook (self->writer->db, on_wal_commit, self);
  sqlite3_update_hook (self->writer->db, on_row_change, self);

  return g_steal_pointer (&self);
}

guint
sw_store_get_table_version (SwStore    *self,
                            const char *table)
{
  g_return_val_if_fail (SW_IS_STORE (self), 0);

  for (guint i = 0; i < N_WATCHED_TABLES; i++)
    if (strcmp (table, watched_tables[i]) == 0)
      return (guint) g_atomic_int_get (&self->versions[i]);

  g_return_val_if_reached (0);
}

void
sw_store_wait_for_checkpoint (SwStore *self)
{
  g_return_if_fail (SW_IS_STORE (self));

  sw_store_checkpointer_wait_idle (self->checkpointer);
}

const char *
sw_store_get_path (SwStore *self)
{
  g_return_val_if_fail (SW_IS_STORE (self), NULL);

  return self->path;
}

int
sw_store_get_schema_version (SwStore *self)
{
  g_return_val_if_fail (SW_IS_STORE (self), 0);

  return self->schema_version;
}

/* Connections per thread --------------------------------------------------------------- */

static gboolean
in_write (SwStore *self)
{
  return g_private_get (&current_writer) == self;
}

gboolean
sw_store_is_writing (SwStore *self)
{
  g_return_val_if_fail (SW_IS_STORE (self), FALSE);

  return in_write (self);
}

static SwConnection *
get_reader (SwStore  *self,
            GError  **error)
{
  SwConnection *reader;

  g_mutex_lock (&self->readers_mutex);
  reader = g_hash_table_lookup (self->readers, g_thread_self ());
  g_mutex_unlock (&self->readers_mutex);

  if (reader != NULL)
    return reader;

  reader = connection_open (self->path, FALSE, error);
  if (reader == NULL)
    return NULL;

  if (!connection_exec (reader, "PRAGMA foreign_keys = ON; PRAGMA query_only = ON; "
                               "PRAGMA cache_size = " READER_CACHE_KIB, error))
    {
      connection_free (reader);
      return NULL;
    }

  /* A thread id may be reused after a thread exits; the old connection is idle by
   * then, so the new thread simply inherits it. */
  g_mutex_lock (&self->readers_mutex);
  g_hash_table_insert (self->readers, g_thread_self (), reader);
  g_mutex_unlock (&self->readers_mutex);
  return reader;
}

static SwConnection *
current_connection (SwStore  *self,
                    GError  **error)
{
  return in_write (self) ? self->writer : get_reader (self, error);
}

gboolean
sw_store_write (SwStore      *self,
                SwStoreFunc   func,
                gpointer      user_data,
                GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (SW_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (in_write (self))
    return func (self, user_data, error);

  g_mutex_lock (&self->write_mutex);
  g_private_set (&current_writer, self);

  ok = connection_run_cached (self->writer, "BEGIN IMMEDIATE", error);
  if (ok)
    {
      g_autoptr(GError) local_error = NULL;

      if (func (self, user_data, &local_error))
        ok = connection_run_cached (self->writer, "COMMIT", error);
      else
        {
          ok = FALSE;
          if (local_error == NULL)
            g_set_error_literal (&local_error, SW_STORE_ERROR, SW_STORE_ERROR_FAILED,
                                 _("The change was not saved"));
          g_propagate_error (error, g_steal_pointer (&local_error));
        }

      if (!ok && sqlite3_get_autocommit (self->writer->db) == 0)
        connection_exec (self->writer, "ROLLBACK", NULL);
      for (guint i = 0; ok && i < N_WATCHED_TABLES; i++)
        if (self->touched & (1u << i))
          g_atomic_int_inc (&self->versions[i]);
    }
  self->touched = 0;

  g_private_set (&current_writer, NULL);
  g_mutex_unlock (&self->write_mutex);
  return ok;
}

gboolean
sw_store_read (SwStore      *self,
               SwStoreFunc   func,
               gpointer      user_data,
               GError      **error)
{
  SwConnection *reader;
  gboolean ok;

  g_return_val_if_fail (SW_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (in_write (self))
    return func (self, user_data, error);

  reader = get_reader (self, error);
  if (reader == NULL)
    return FALSE;

  if (reader->read_depth++ == 0 && !connection_run_cached (reader, "BEGIN", error))
    {
      reader->read_depth--;
      return FALSE;
    }

  ok = func (self, user_data, error);

  if (--reader->read_depth == 0)
    connection_run_cached (reader, "COMMIT", NULL);

  return ok;
}

SwStmt *
sw_store_prepare (SwStore     *self,
                  const char  *sql,
                  GError     **error)
{
  SwConnection *connection;

  g_return_val_if_fail (SW_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  connection = current_connection (self, error);
  if (connection == NULL)
    return NULL;

  return connection_prepare (connection, sql, error);
}

gboolean
sw_store_set_error (SwStore  *self,
                    int       sqlite_code,
                    GError  **error)
{
  SwConnection *connection;

  g_return_val_if_fail (SW_IS_STORE (self), FALSE);

  connection = current_connection (self, NULL);
  return set_error_from_db (connection ? connection->db : NULL, sqlite_code, error);
}

gboolean
sw_store_step (SwStore  *self,
               SwStmt   *stmt,
               GError  **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    set_error_from_db (sqlite3_db_handle (stmt), rc, error);
  return FALSE;
}

gboolean
sw_store_step_any (SwStore   *self,
                   SwStmt    *stmt,
                   gboolean  *found,
                   GError   **error)
{
  g_autoptr(GError) local_error = NULL;

  *found = sw_store_step (self, stmt, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
sw_store_step_row (SwStore     *self,
                   SwStmt      *stmt,
                   GError     **error,
                   const char  *not_found_format,
                   ...)
{
  gboolean found = FALSE;
  va_list args;

  if (!sw_store_step_any (self, stmt, &found, error))
    return FALSE;

  if (!found)
    {
      va_start (args, not_found_format);
      g_propagate_error (error, g_error_new_valist (SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND,
                                                    not_found_format, args));
      va_end (args);
    }
  return found;
}

gboolean
sw_store_foreach_row (SwStore    *self,
                      SwStmt     *stmt,
                      SwRowFunc   func,
                      gpointer    user_data,
                      GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  while (sw_store_step (self, stmt, &local_error))
    func (stmt, user_data);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
sw_store_run (SwStore  *self,
              SwStmt   *stmt,
              GError  **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;

  return set_error_from_db (sqlite3_db_handle (stmt), rc, error);
}

static gboolean
exec_in_write (SwStore   *self,
               gpointer   user_data,
               GError   **error)
{
  return sw_store_exec (self, user_data, error);
}

gboolean
sw_store_exec (SwStore     *self,
               const char  *sql,
               GError     **error)
{
  g_autoptr(SwStmt) stmt = NULL;

  g_return_val_if_fail (SW_IS_STORE (self), FALSE);

  stmt = sw_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  /* A statement that writes, issued outside a write, becomes its own write. */
  if (!in_write (self) && !sqlite3_stmt_readonly (stmt))
    return sw_store_write (self, exec_in_write, (gpointer) sql, error);

  return sw_store_run (self, stmt, error);
}

/* Statement helpers -------------------------------------------------------------------- */

void
sw_stmt_release (SwStmt *stmt)
{
  if (stmt == NULL)
    return;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

const char *
sw_stmt_column_text (SwStmt *stmt,
                     int     column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

void
sw_stmt_bind_text (SwStmt     *stmt,
                   int         index,
                   const char *value)
{
  sqlite3_bind_text (stmt, index, value != NULL ? value : "", -1, SQLITE_TRANSIENT);
}

void
sw_stmt_bind_text_or_null (SwStmt     *stmt,
                           int         index,
                           const char *value)
{
  if (value == NULL || *value == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

void
sw_stmt_bind_int64 (SwStmt *stmt,
                    int     index,
                    gint64  value)
{
  sqlite3_bind_int64 (stmt, index, value);
}

void
sw_stmt_bind_double (SwStmt *stmt,
                     int     index,
                     double  value)
{
  sqlite3_bind_double (stmt, index, value);
}

/* Version 7 UUIDs: the first 48 bits are the time in milliseconds, the rest random.
 * New ids sort after old ones, so inserts append to the primary-key index instead of
 * touching random pages of it. */
char *
sw_store_new_id (void)
{
  guint8 bytes[16];
  guint64 now_ms = (guint64) (g_get_real_time () / 1000);

  for (guint i = 0; i < 16; i += 4)
    {
      guint32 r = g_random_int ();

      memcpy (bytes + i, &r, 4);
    }
  for (guint i = 0; i < 6; i++)
    bytes[i] = (guint8) (now_ms >> (40 - 8 * i));
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5],
                          bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11],
                          bytes[12], bytes[13], bytes[14], bytes[15]);
}

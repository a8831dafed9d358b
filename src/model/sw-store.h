/* sw-store.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define SW_STORE_ERROR (sw_store_error_quark ())

typedef enum
{
  SW_STORE_ERROR_FAILED,        /* SQLite or I/O failure */
  SW_STORE_ERROR_NOT_A_DATABASE,/* the file is not SQLite, or is corrupt */
  SW_STORE_ERROR_TOO_NEW,       /* written by a newer Stillwater; left untouched */
  SW_STORE_ERROR_BUSY,          /* the lock could not be taken within the busy timeout */
  SW_STORE_ERROR_CONSTRAINT,    /* a UNIQUE / CHECK / FOREIGN KEY constraint failed */
  SW_STORE_ERROR_NOT_FOUND,     /* the row asked for does not exist */
  SW_STORE_ERROR_INVALID,       /* a value failed validation; nothing was written */
  SW_STORE_ERROR_CONFLICT,      /* the change conflicts with current state (e.g. locked) */
} SwStoreError;

/* A prepared statement borrowed from the store's per-connection cache. Release it with
 * g_autoptr(SwStmt): that resets it and clears its bindings for the next user. */
typedef sqlite3_stmt SwStmt;
void sw_stmt_release (SwStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwStmt, sw_stmt_release)

#define SW_TYPE_STORE (sw_store_get_type ())

G_DECLARE_FINAL_TYPE (SwStore, sw_store, SW, STORE, GObject)

/* Runs inside a transaction; return FALSE with @error set to roll back. */
typedef gboolean (*SwStoreFunc) (SwStore   *store,
                                 gpointer   user_data,
                                 GError   **error);

GQuark    sw_store_error_quark      (void);

/* Opens (creating if needed) and migrates the database. ":memory:" gives a private
 * temporary database that is deleted when the store is finalized. */
SwStore  *sw_store_open             (const char   *path,
                                     GError      **error);
const char *sw_store_get_path       (SwStore      *self);
/* Changes after every committed write that changed rows of @table, so in-memory
 * caches know when they are stale. Only "artists", "sessions" and "users" are
 * watched. */
guint     sw_store_get_table_version (SwStore     *self,
                                      const char  *table);
/* TRUE inside sw_store_write() on this thread: reads then see uncommitted changes. */
gboolean  sw_store_is_writing       (SwStore      *self);
/* Waits until the background checkpoint has nothing left to do (benchmarks). */
void      sw_store_wait_for_checkpoint (SwStore   *self);
int       sw_store_get_schema_version (SwStore    *self);
int       sw_store_get_latest_schema_version (void);

/* Serialized writes: @func runs on the single writer connection inside
 * BEGIN IMMEDIATE … COMMIT, with the writer lock held. Nested calls from inside a
 * write function join the outer transaction. */
gboolean  sw_store_write            (SwStore      *self,
                                     SwStoreFunc   func,
                                     gpointer      user_data,
                                     GError      **error);

/* Consistent reads: @func runs in one read transaction on this thread's own read
 * connection (WAL: never blocked by the writer). Inside a write function it uses the
 * writer connection, so it sees the uncommitted changes. */
gboolean  sw_store_read             (SwStore      *self,
                                     SwStoreFunc   func,
                                     gpointer      user_data,
                                     GError      **error);

/* Borrows a cached statement on the connection the current thread should use: the
 * writer inside sw_store_write(), otherwise this thread's reader. Do not hold two
 * borrows of the same SQL text at once on one thread. */
SwStmt   *sw_store_prepare          (SwStore      *self,
                                     const char   *sql,
                                     GError      **error);

/* Steps once: TRUE with a row available, FALSE at the end or on error (check @error). */
gboolean  sw_store_step             (SwStore      *self,
                                     SwStmt       *stmt,
                                     GError      **error);
/* Steps to the one row a lookup expects; no row is SW_STORE_ERROR_NOT_FOUND with the
 * message given. */
gboolean  sw_store_step_row         (SwStore      *self,
                                     SwStmt       *stmt,
                                     GError      **error,
                                     const char   *not_found_format,
                                     ...) G_GNUC_PRINTF (4, 5);
/* Steps once and says whether there was a row; FALSE only on error. */
gboolean  sw_store_step_any         (SwStore      *self,
                                     SwStmt       *stmt,
                                     gboolean     *found,
                                     GError      **error);
/* Calls @func for every row; FALSE on the first error. */
typedef void (*SwRowFunc) (SwStmt   *stmt,
                           gpointer  user_data);
gboolean  sw_store_foreach_row      (SwStore      *self,
                                     SwStmt       *stmt,
                                     SwRowFunc     func,
                                     gpointer      user_data,
                                     GError      **error);
/* Steps a statement that returns no rows. */
gboolean  sw_store_run              (SwStore      *self,
                                     SwStmt       *stmt,
                                     GError      **error);
/* Prepares, runs and releases ONE statement (no parameters; text after the first
 * statement is ignored); one that writes and is
 * issued outside sw_store_write() runs as its own write transaction. */
gboolean  sw_store_exec             (SwStore      *self,
                                     const char   *sql,
                                     GError      **error);
/* Sets @error from the current connection's last SQLite error; returns FALSE. */
gboolean  sw_store_set_error        (SwStore      *self,
                                     int           sqlite_code,
                                     GError      **error);

/* Column helpers: never NULL for text (NULL columns read as ""). */
const char *sw_stmt_column_text     (SwStmt       *stmt,
                                     int           column);
void      sw_stmt_bind_text         (SwStmt       *stmt,
                                     int           index,
                                     const char   *value);
/* Binds NULL when @value is NULL or empty. */
void      sw_stmt_bind_text_or_null (SwStmt       *stmt,
                                     int           index,
                                     const char   *value);
void      sw_stmt_bind_int64        (SwStmt       *stmt,
                                     int           index,
                                     gint64        value);
void      sw_stmt_bind_double       (SwStmt       *stmt,
                                     int           index,
                                     double        value);

/* A fresh random UUID v4 string (primary keys). */
char     *sw_store_new_id           (void);

G_END_DECLS

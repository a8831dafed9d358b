/* sw-auth-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-auth.h"
#include "sw-user-private.h"

G_BEGIN_DECLS

/* Shared by sw-auth*.c, which split authentication by topic. */

/* The users columns _sw_auth_user_from_row() reads, for "SELECT " SW_AUTH_USER_COLUMNS
 * " FROM users u …"; they come first, so extra columns start at SW_AUTH_USER_N_COLUMNS. */
#define SW_AUTH_USER_COLUMNS \
  "u.id, u.username, u.display_name, u.role, u.auth_provider, u.provider_id, " \
  "u.is_active, u.is_protected, u.invited_by, u.created_at, u.updated_at, u.last_login"
#define SW_AUTH_USER_N_COLUMNS 12

/* A user from the current row; never fills the password hash. */
SwUser   *_sw_auth_user_from_row    (SwStmt      *stmt);

/* Prepares @sql, binds @key to ?1 and steps once; *@found says whether there was a
 * row. With @found NULL the row is a user's and required: no row is
 * SW_AUTH_ERROR_NOT_FOUND. NULL on error; otherwise the statement, to hold in
 * g_autoptr(SwStmt). */
SwStmt   *_sw_auth_step_by          (SwStore     *store,
                                     const char  *sql,
                                     const char  *key,
                                     gboolean    *found,
                                     GError     **error);

/* For sw_store_read(): steps @sql, which selects SW_AUTH_USER_COLUMNS and then one
 * text column, with @key bound to ?1. No row leaves @user and @extra NULL. */
typedef struct
{
  const char *sql;
  const char *key;
  SwUser *user;
  char *extra;
} SwAuthUserLookup;

gboolean  _sw_auth_find_user        (SwStore     *store,
                                     gpointer     user_data,
                                     GError     **error);

/* The column's text, NULL for SQL NULL. */
char     *_sw_auth_column_dup       (SwStmt      *stmt,
                                     int          column);

/* @n_bytes from the kernel CSPRNG (getrandom), lower-case hex. */
char     *_sw_auth_random_hex       (gsize        n_bytes,
                                     GError     **error);
/* Lower-case hex SHA-256 of @text. */
char     *_sw_auth_sha256_hex       (const char  *text);
/* TRUE when @text is exactly @length lower-case hex digits. */
gboolean  _sw_auth_is_hex           (const char  *text,
                                     gsize        length);
/* RFC 3339 UTC, @offset_seconds from now. */
char     *_sw_auth_time_from_now    (gint64       offset_seconds);
/* Compares with a hash that no password matches, in the time a real check takes. */
void      _sw_auth_dummy_check      (const char  *password);

G_END_DECLS

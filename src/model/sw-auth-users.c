/* sw-auth-users.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sw-auth-private.h"
#include "sw-time.h"

/* First-run setup, local users and login. Passwords are hashed and checked outside any
 * transaction: yescrypt takes tens of milliseconds and must not hold the writer lock. */

/* Trims Unicode white space at both ends. @text is valid UTF-8. */
static char *
trim_utf8 (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  while (end > start)
    {
      const char *previous = g_utf8_find_prev_char (start, end);

      if (previous == NULL || !g_unichar_isspace (g_utf8_get_char (previous)))
        break;
      end = previous;
    }

  return g_strndup (start, (gsize) (end - start));
}

/* The stored form: trimmed and NFC-normalised, so that the same name typed on two
 * keyboards is one name (uniqueness is also case-insensitive, by the column's NOCASE). */
static char *
normalize_username (const char  *username,
                    GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *normalized = NULL;
  glong length;

  if (username == NULL || !g_utf8_validate (username, -1, NULL))
    {
      g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID,
                           _("The username is not valid UTF-8 text"));
      return NULL;
    }

  trimmed = trim_utf8 (username);
  normalized = g_utf8_normalize (trimmed, -1, G_NORMALIZE_NFC);
  length = g_utf8_strlen (normalized, -1);

  if (length == 0)
    {
      g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID,
                           _("A username is required"));
      return NULL;
    }

  if (length > SW_USERNAME_MAX_CHARS)
    {
      g_set_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID,
                   _("The username is too long (at most %d characters)"),
                   SW_USERNAME_MAX_CHARS);
      return NULL;
    }

  for (const char *p = normalized; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_type (g_utf8_get_char (p)) == G_UNICODE_CONTROL)
      {
        g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID,
                             _("The username must not contain control characters"));
        return NULL;
      }

  return g_steal_pointer (&normalized);
}

/* Loading ------------------------------------------------------------------------------ */

typedef struct
{
  const char *user_id;
  SwUser *user;
} UserLookup;

static gboolean
load_user (SwStore   *store,
           gpointer   user_data,
           GError   **error)
{
  UserLookup *lookup = user_data;
  g_autoptr(SwStmt) stmt = NULL;

  stmt = _sw_auth_step_by (store,
                           "SELECT " SW_AUTH_USER_COLUMNS " FROM users u WHERE u.id = ?1",
                           lookup->user_id, NULL, error);
  if (stmt == NULL)
    return FALSE;

  lookup->user = _sw_auth_user_from_row (stmt);
  return TRUE;
}

SwUser *
sw_auth_get_user (SwStore     *store,
                  const char  *user_id,
                  GError     **error)
{
  UserLookup lookup = { user_id, NULL };

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (user_id != NULL, NULL);

  if (!sw_store_read (store, load_user, &lookup, error))
    return NULL;

  return lookup.user;
}

static gboolean
find_first_admin (SwStore   *store,
                  gpointer   user_data,
                  GError   **error)
{
  char **user_id = user_data;
  g_autoptr(SwStmt) stmt = NULL;
  gboolean found = FALSE;

  stmt = sw_store_prepare (store,
                           "SELECT id FROM users WHERE role = 'administrator' AND is_active = 1 "
                           "ORDER BY created_at, id LIMIT 1", error);
  if (stmt == NULL || !sw_store_step_any (store, stmt, &found, error))
    return FALSE;
  if (found)
    *user_id = g_strdup (sw_stmt_column_text (stmt, 0));
  return TRUE;
}

char *
sw_auth_dup_first_admin_id (SwStore  *store,
                            GError  **error)
{
  char *user_id = NULL;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);

  if (!sw_store_read (store, find_first_admin, &user_id, error))
    return NULL;
  return user_id;
}

/* Setup and creation ------------------------------------------------------------------- */

static gboolean
count_users (SwStore   *store,
             gpointer   user_data,
             GError   **error)
{
  gboolean *any = user_data;
  g_autoptr(SwStmt) stmt = sw_store_prepare (store, "SELECT 1 FROM users LIMIT 1", error);

  return stmt != NULL && sw_store_step_any (store, stmt, any, error);
}

gboolean
sw_auth_needs_setup (SwStore   *store,
                     gboolean  *needs_setup,
                     GError   **error)
{
  gboolean any = FALSE;

  g_return_val_if_fail (SW_IS_STORE (store), FALSE);
  g_return_val_if_fail (needs_setup != NULL, FALSE);

  if (!sw_store_read (store, count_users, &any, error))
    return FALSE;

  *needs_setup = !any;
  return TRUE;
}

typedef struct
{
  const char *username;
  const char *password_hash;
  const char *role;
  gboolean setup;           /* the first administrator: only into an empty table */
  SwUser *user;
} NewUser;

static gboolean
insert_user (SwStore   *store,
             gpointer   user_data,
             GError   **error)
{
  NewUser *request = user_data;
  g_autofree char *id = sw_store_new_id ();
  g_autofree char *now = sw_time_now_rfc3339 ();
  g_autoptr(SwStmt) insert = NULL;
  UserLookup lookup = { id, NULL };

  if (!request->setup)
    {
      g_autoptr(SwStmt) taken = NULL;
      gboolean found = FALSE;

      /* username is COLLATE NOCASE: "Admin" is taken when "admin" exists. */
      taken = sw_store_prepare (store, "SELECT 1 FROM users WHERE username = ?1", error);
      if (taken == NULL)
        return FALSE;
      sw_stmt_bind_text (taken, 1, request->username);
      if (!sw_store_step_any (store, taken, &found, error))
        return FALSE;
      if (found)
        {
          g_set_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_CONFLICT,
                       _("The username “%s” is already taken"), request->username);
          return FALSE;
        }
    }

  /* For setup, the WHERE makes the check and the insert one statement, and the write
   * lock makes two setups run one after the other: the second inserts nothing. */
  insert = sw_store_prepare (store,
    "INSERT INTO users (id, username, password_hash, role, auth_provider, is_protected, "
    "                   created_at, updated_at) "
    "SELECT ?1, ?2, ?3, ?4, 'local', ?5, ?6, ?6 "
    "WHERE ?5 = 0 OR NOT EXISTS (SELECT 1 FROM users)", error);
  if (insert == NULL)
    return FALSE;

  sw_stmt_bind_text (insert, 1, id);
  sw_stmt_bind_text (insert, 2, request->username);
  sw_stmt_bind_text (insert, 3, request->password_hash);
  sw_stmt_bind_text (insert, 4, request->role);
  sw_stmt_bind_int64 (insert, 5, request->setup);
  sw_stmt_bind_text (insert, 6, now);
  if (!sw_store_run (store, insert, error))
    return FALSE;

  if (sqlite3_changes (sqlite3_db_handle (insert)) == 0)
    {
      g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_ALREADY_SET_UP,
                           _("Stillwater is already set up"));
      return FALSE;
    }

  if (!load_user (store, &lookup, error))
    return FALSE;

  request->user = lookup.user;
  return TRUE;
}

static SwUser *
create_local_user (SwStore     *store,
                   const char  *username,
                   const char  *password,
                   const char  *role,
                   gboolean     setup,
                   GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *hash = NULL;
  NewUser request = { 0 };

  name = normalize_username (username, error);
  if (name == NULL)
    return NULL;

  hash = sw_auth_hash_password (password, error);
  if (hash == NULL)
    return NULL;

  request = (NewUser) { name, hash, role, setup, NULL };
  if (!sw_store_write (store, insert_user, &request, error))
    return NULL;

  return request.user;
}

SwUser *
sw_auth_setup_admin (SwStore     *store,
                     const char  *username,
                     const char  *password,
                     GError     **error)
{
  gboolean needs_setup = FALSE;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);

  /* Checked up front too, so a late setup is refused before its input is judged and
   * without spending a password hash; the insert checks again, atomically. */
  if (!sw_auth_needs_setup (store, &needs_setup, error))
    return NULL;
  if (!needs_setup)
    {
      g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_ALREADY_SET_UP,
                           _("Stillwater is already set up"));
      return NULL;
    }

  return create_local_user (store, username, password, "administrator", TRUE, error);
}

SwUser *
sw_auth_create_user (SwStore     *store,
                     const char  *username,
                     const char  *password,
                     const char  *role,
                     GError     **error)
{
  g_return_val_if_fail (SW_IS_STORE (store), NULL);

  if (g_strcmp0 (role, "administrator") != 0 && g_strcmp0 (role, "operator") != 0)
    {
      g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID,
                           _("The role must be “administrator” or “operator”"));
      return NULL;
    }

  return create_local_user (store, username, password, role, FALSE, error);
}

/* Login -------------------------------------------------------------------------------- */

typedef struct
{
  const char *user_id;
  const char *now;
} LoginStamp;

static gboolean
stamp_last_login (SwStore   *store,
                  gpointer   user_data,
                  GError   **error)
{
  LoginStamp *stamp = user_data;
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
                                             "UPDATE users SET last_login = ?1 WHERE id = ?2",
                                             error);

  if (stmt == NULL)
    return FALSE;
  sw_stmt_bind_text (stmt, 1, stamp->now);
  sw_stmt_bind_text (stmt, 2, stamp->user_id);
  return sw_store_run (store, stmt, error);
}

SwUser *
sw_auth_login (SwStore     *store,
               const char  *username,
               const char  *password,
               GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *now = NULL;
  g_autoptr(SwUser) user = NULL;
  SwAuthUserLookup lookup = {
    "SELECT " SW_AUTH_USER_COLUMNS ", u.password_hash FROM users u WHERE u.username = ?1",
  };
  LoginStamp stamp = { 0 };
  gboolean accepted = FALSE;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);

  /* A name that could never have been stored is an unknown user. */
  name = normalize_username (username, NULL);
  if (name != NULL)
    {
      lookup.key = name;
      if (!sw_store_read (store, _sw_auth_find_user, &lookup, error))
        return NULL;
    }
  user = g_steal_pointer (&lookup.user);
  hash = g_steal_pointer (&lookup.extra);

  /* Unknown users and users without a local password (federated ones) cost one
   * yescrypt check like everyone else, so the time taken does not tell them apart. An
   * inactive user's password is checked too before being refused, for the same reason. */
  if (user != NULL && g_str_has_prefix (hash, "$"))
    accepted = sw_auth_check_password (password, hash);
  else
    _sw_auth_dummy_check (password);

  if (hash != NULL)
    explicit_bzero (hash, strlen (hash));

  if (!accepted || !user->is_active)
    {
      g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS,
                           _("Invalid username or password"));
      return NULL;
    }

  now = sw_time_now_rfc3339 ();
  stamp = (LoginStamp) { user->id, now };
  if (!sw_store_write (store, stamp_last_login, &stamp, error))
    return NULL;

  g_free (user->last_login);
  user->last_login = g_steal_pointer (&now);
  return g_steal_pointer (&user);
}

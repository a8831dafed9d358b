/* sw-auth-sessions.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-auth-private.h"
#include "sw-auth-session-cache.h"
#include "sw-time.h"

/* Login sessions. The token is 32 bytes from the kernel CSPRNG, given to the caller as
 * 64 hex digits for the cookie; the table keeps only its SHA-256 (sessions.id), so a
 * copy of the database does not let anyone log in. A plain, unsalted hash is enough for
 * 256 random bits, and it keeps the lookup a primary-key probe.
 *
 * Lifetime: a fixed 24 hours from login, not renewed by use. A sliding window would
 * need a write on every request (or a throttled one, like API tokens); a fixed one
 * bounds how long a stolen cookie works and matches the cookie's Max-Age, so browser and
 * server agree on when the session ends. Expired rows are deleted when presented and by
 * sw_auth_sweep_sessions(), which the runtime runs periodically.
 *
 * Expiry times are RFC 3339 UTC text of one fixed width, so SQL compares them as text. */

#define SESSION_TOKEN_BYTES 32

static void
invalid_session (GError **error)
{
  g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS,
                       _("The session is not valid; please log in again"));
}

/* Creation ----------------------------------------------------------------------------- */

typedef struct
{
  const char *user_id;
  const char *session_id;
  const char *expires_at;
} NewSession;

static gboolean
insert_session (SwStore   *store,
                gpointer   user_data,
                GError   **error)
{
  NewSession *request = user_data;
  g_autofree char *now = sw_time_now_rfc3339 ();
  g_autoptr(SwStmt) user = NULL;
  g_autoptr(SwStmt) insert = NULL;

  user = _sw_auth_step_by (store, "SELECT is_active FROM users WHERE id = ?1",
                           request->user_id, NULL, error);
  if (user == NULL)
    return FALSE;
  if (sqlite3_column_int (user, 0) == 0)
    {
      g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS,
                           _("This account is deactivated"));
      return FALSE;
    }

  insert = sw_store_prepare (store,
    "INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES (?1, ?2, ?3, ?4)",
    error);
  if (insert == NULL)
    return FALSE;
  sw_stmt_bind_text (insert, 1, request->session_id);
  sw_stmt_bind_text (insert, 2, request->user_id);
  sw_stmt_bind_text (insert, 3, request->expires_at);
  sw_stmt_bind_text (insert, 4, now);
  return sw_store_run (store, insert, error);
}

char *
sw_auth_create_session (SwStore     *store,
                        const char  *user_id,
                        GDateTime  **expires_at,
                        GError     **error)
{
  g_autoptr(GDateTime) expiry = NULL;
  g_autofree char *token = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *expiry_text = NULL;
  NewSession request = { 0 };

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (user_id != NULL, NULL);

  token = _sw_auth_random_hex (SESSION_TOKEN_BYTES, error);
  if (token == NULL)
    return NULL;
  session_id = _sw_auth_sha256_hex (token);

  /* Whole seconds, as stored, so the caller's cookie and the row agree exactly. */
  expiry = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC +
                                          SW_SESSION_LIFETIME_SECONDS);
  expiry_text = sw_time_format_rfc3339 (expiry);

  request = (NewSession) { user_id, session_id, expiry_text };
  if (!sw_store_write (store, insert_session, &request, error))
    return NULL;

  if (expires_at != NULL)
    *expires_at = g_steal_pointer (&expiry);
  return g_steal_pointer (&token);
}

/* Validation --------------------------------------------------------------------------- */

typedef struct
{
  const char *session_id;   /* NULL: every expired session */
  const char *now;          /* NULL: whatever its expiry */
  guint deleted;
} SessionDelete;

static gboolean
delete_sessions (SwStore   *store,
                 gpointer   user_data,
                 GError   **error)
{
  SessionDelete *request = user_data;
  g_autoptr(SwStmt) stmt = NULL;

  /* Never both NULL: that would end every session. */
  g_assert (request->session_id != NULL || request->now != NULL);

  stmt = sw_store_prepare (store,
                           "DELETE FROM sessions WHERE (?1 IS NULL OR id = ?1) "
                           "AND (?2 IS NULL OR expires_at <= ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sw_stmt_bind_text_or_null (stmt, 1, request->session_id);
  sw_stmt_bind_text_or_null (stmt, 2, request->now);
  if (!sw_store_run (store, stmt, error))
    return FALSE;

  request->deleted = (guint) sqlite3_changes (sqlite3_db_handle (stmt));
  return TRUE;
}

SwUser *
sw_auth_validate_session (SwStore     *store,
                          const char  *token,
                          GError     **error)
{
  g_autofree char *session_id = NULL;
  g_autofree char *now = NULL;
  g_autofree char *expires_at = NULL;
  g_autoptr(SwUser) user = NULL;
  SwAuthUserLookup lookup = {
    "SELECT " SW_AUTH_USER_COLUMNS ", s.expires_at "
    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?1",
  };
  SwSessionCacheStamp stamp;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);

  if (!_sw_auth_is_hex (token, 2 * SESSION_TOKEN_BYTES))
    {
      invalid_session (error);
      return NULL;
    }

  session_id = _sw_auth_sha256_hex (token);
  user = _sw_session_cache_get (store, session_id);
  if (user != NULL)
    return g_steal_pointer (&user);

  _sw_session_cache_stamp (store, &stamp);
  lookup.key = session_id;
  if (!sw_store_read (store, _sw_auth_find_user, &lookup, error))
    return NULL;
  user = g_steal_pointer (&lookup.user);
  expires_at = g_steal_pointer (&lookup.extra);

  if (user == NULL)
    {
      invalid_session (error);
      return NULL;
    }

  now = sw_time_now_rfc3339 ();
  if (g_strcmp0 (expires_at, now) <= 0)
    {
      /* Only if still expired: the delete re-checks, in case of a clock step. */
      SessionDelete request = { session_id, now, 0 };

      if (!sw_store_write (store, delete_sessions, &request, error))
        return NULL;

      g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_EXPIRED,
                           _("The session has expired; please log in again"));
      return NULL;
    }

  if (!user->is_active)
    {
      invalid_session (error);
      return NULL;
    }

  _sw_session_cache_put (store, session_id, user, expires_at, &stamp);
  return g_steal_pointer (&user);
}

gboolean
sw_auth_delete_session (SwStore     *store,
                        const char  *token,
                        GError     **error)
{
  g_autofree char *session_id = NULL;
  SessionDelete request = { 0 };

  g_return_val_if_fail (SW_IS_STORE (store), FALSE);

  /* Nothing could have been stored for it. */
  if (!_sw_auth_is_hex (token, 2 * SESSION_TOKEN_BYTES))
    return TRUE;

  session_id = _sw_auth_sha256_hex (token);
  request.session_id = session_id;
  return sw_store_write (store, delete_sessions, &request, error);
}

guint
sw_auth_sweep_sessions (SwStore  *store,
                        GError  **error)
{
  g_autofree char *now = sw_time_now_rfc3339 ();
  SessionDelete request = { NULL, now, 0 };

  g_return_val_if_fail (SW_IS_STORE (store), 0);

  if (!sw_store_write (store, delete_sessions, &request, error))
    return 0;

  return request.deleted;
}

/* sw-auth-tokens.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sw-api-token-private.h"
#include "sw-auth-private.h"
#include "sw-time.h"

/* API tokens. The plaintext is "sw_" followed by 40 hex digits (160 bits from the kernel
 * CSPRNG); it is returned once and only its SHA-256 is stored (api_tokens.token_hash,
 * unique), so validation is one index probe. Scopes are stored as canonical CSV.
 *
 * Every create, revoke and delete writes an audit_log row (token.create, token.revoke,
 * token.delete) in the same transaction. A permanent delete anonymises the token's
 * rows: token_id NULL and token_name "", and the token.delete row itself names nothing,
 * so no trace of the token's name is left. */

#define TOKEN_PREFIX "sw_"
#define TOKEN_RANDOM_BYTES 20

/* Writing last_used_at on every request would turn every API read into a write; once a
 * minute is precise enough for "last used". */
#define LAST_USED_RESOLUTION_SECONDS 60

#define TOKEN_COLUMNS "t.id, t.name, t.scopes, t.user_id, t.status, t.created_at, " \
                      "t.last_used_at, t.revoked_at"

/* A token from TOKEN_COLUMNS, starting at column @first. */
static SwApiToken *
token_from_row (SwStmt *stmt,
                int     first)
{
  SwApiToken *token = sw_api_token_new ();

  token->id = _sw_auth_column_dup (stmt, first);
  token->name = _sw_auth_column_dup (stmt, first + 1);
  token->scopes = _sw_auth_column_dup (stmt, first + 2);
  token->user_id = _sw_auth_column_dup (stmt, first + 3);
  token->status = _sw_auth_column_dup (stmt, first + 4);
  token->created_at = _sw_auth_column_dup (stmt, first + 5);
  token->last_used_at = _sw_auth_column_dup (stmt, first + 6);
  token->revoked_at = _sw_auth_column_dup (stmt, first + 7);

  return token;
}

static gboolean
write_audit (SwStore     *store,
             const char  *action,
             const char  *token_id,
             const char  *token_name,
             const char  *user_id,
             const char  *detail,
             GError     **error)
{
  g_autofree char *id = sw_store_new_id ();
  g_autofree char *now = sw_time_now_rfc3339 ();
  g_autoptr(SwStmt) stmt = NULL;

  stmt = sw_store_prepare (store,
    "INSERT INTO audit_log (id, action, token_id, token_name, user_id, actor_user_id, "
    "                       detail, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, id);
  sw_stmt_bind_text (stmt, 2, action);
  sw_stmt_bind_text_or_null (stmt, 3, token_id);
  sw_stmt_bind_text (stmt, 4, token_name);
  sw_stmt_bind_text_or_null (stmt, 5, user_id);
  sw_stmt_bind_text (stmt, 6, detail);
  sw_stmt_bind_text (stmt, 7, now);
  return sw_store_run (store, stmt, error);
}

/* Trimmed (ASCII and Unicode white space alike), 1–100 characters, no control
 * characters. */
static char *
normalize_token_name (const char  *name,
                      GError     **error)
{
  g_autofree char *trimmed = NULL;
  glong length;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID,
                           _("The token name is not valid UTF-8 text"));
      return NULL;
    }

  trimmed = g_strstrip (g_strdup (name));
  length = g_utf8_strlen (trimmed, -1);
  if (length == 0 || length > SW_TOKEN_NAME_MAX_CHARS)
    {
      g_set_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID,
                   _("The token name must be 1 to %d characters long"), SW_TOKEN_NAME_MAX_CHARS);
      return NULL;
    }

  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_type (g_utf8_get_char (p)) == G_UNICODE_CONTROL)
      {
        g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID,
                             _("The token name must not contain control characters"));
        return NULL;
      }

  return g_steal_pointer (&trimmed);
}

/* Creation ----------------------------------------------------------------------------- */

typedef struct
{
  const char *user_id;
  const char *name;
  SwScopes scopes;
  const char *token_hash;
  SwApiToken *token;
} NewToken;

static gboolean
insert_token (SwStore   *store,
              gpointer   user_data,
              GError   **error)
{
  NewToken *request = user_data;
  g_autofree char *id = sw_store_new_id ();
  g_autofree char *now = sw_time_now_rfc3339 ();
  g_autofree char *scopes = sw_scopes_to_string (request->scopes);
  g_autoptr(SwStmt) user = NULL;
  g_autoptr(SwStmt) insert = NULL;
  g_autoptr(SwApiToken) token = NULL;

  user = _sw_auth_step_by (store, "SELECT role FROM users WHERE id = ?1",
                           request->user_id, NULL, error);
  if (user == NULL)
    return FALSE;
  if ((request->scopes & SW_SCOPE_ADMIN) &&
      g_strcmp0 (sw_stmt_column_text (user, 0), "administrator") != 0)
    {
      g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID,
                           _("Only administrators can create tokens with the admin scope"));
      return FALSE;
    }

  insert = sw_store_prepare (store,
    "INSERT INTO api_tokens (id, name, token_hash, scopes, user_id, status, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, 'active', ?6)", error);
  if (insert == NULL)
    return FALSE;
  sw_stmt_bind_text (insert, 1, id);
  sw_stmt_bind_text (insert, 2, request->name);
  sw_stmt_bind_text (insert, 3, request->token_hash);
  sw_stmt_bind_text (insert, 4, scopes);
  sw_stmt_bind_text (insert, 5, request->user_id);
  sw_stmt_bind_text (insert, 6, now);
  if (!sw_store_run (store, insert, error))
    return FALSE;

  if (!write_audit (store, "token.create", id, request->name, request->user_id, scopes, error))
    return FALSE;

  token = sw_api_token_new ();
  token->id = g_steal_pointer (&id);
  token->name = g_strdup (request->name);
  token->scopes = g_steal_pointer (&scopes);
  token->user_id = g_strdup (request->user_id);
  token->status = g_strdup ("active");
  token->created_at = g_steal_pointer (&now);
  request->token = g_steal_pointer (&token);
  return TRUE;
}

char *
sw_auth_create_token (SwStore      *store,
                      const char   *user_id,
                      const char   *name,
                      SwScopes      scopes,
                      SwApiToken  **token,
                      GError      **error)
{
  g_autofree char *clean_name = NULL;
  g_autofree char *random = NULL;
  g_autofree char *plaintext = NULL;
  g_autofree char *token_hash = NULL;
  NewToken request = { 0 };

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (user_id != NULL, NULL);

  clean_name = normalize_token_name (name, error);
  if (clean_name == NULL)
    return NULL;

  if (scopes == 0 || (scopes & ~SW_SCOPES_ALL) != 0)
    {
      g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID,
                           _("A token needs at least one scope of read, write, webhook or admin"));
      return NULL;
    }

  random = _sw_auth_random_hex (TOKEN_RANDOM_BYTES, error);
  if (random == NULL)
    return NULL;
  plaintext = g_strconcat (TOKEN_PREFIX, random, NULL);
  token_hash = _sw_auth_sha256_hex (plaintext);

  request = (NewToken) { user_id, clean_name, scopes, token_hash, NULL };
  if (!sw_store_write (store, insert_token, &request, error))
    return NULL;

  if (token != NULL)
    *token = request.token;
  else
    g_object_unref (request.token);
  return g_steal_pointer (&plaintext);
}

/* Validation --------------------------------------------------------------------------- */

typedef struct
{
  const char *token_hash;
  SwUser *user;
  SwApiToken *token;
} TokenLookup;

static gboolean
find_token (SwStore   *store,
            gpointer   user_data,
            GError   **error)
{
  TokenLookup *lookup = user_data;
  g_autoptr(SwStmt) stmt = NULL;
  gboolean found = FALSE;

  stmt = _sw_auth_step_by (store,
                           "SELECT " SW_AUTH_USER_COLUMNS ", " TOKEN_COLUMNS " "
                           "FROM api_tokens t JOIN users u ON u.id = t.user_id "
                           "WHERE t.token_hash = ?1",
                           lookup->token_hash, &found, error);
  if (stmt == NULL)
    return FALSE;
  if (found)
    {
      lookup->user = _sw_auth_user_from_row (stmt);
      lookup->token = token_from_row (stmt, SW_AUTH_USER_N_COLUMNS);
    }
  return TRUE;
}

typedef struct
{
  const char *token_id;
  const char *now;
  const char *threshold;
} TokenUse;

static gboolean
stamp_last_used (SwStore   *store,
                 gpointer   user_data,
                 GError   **error)
{
  TokenUse *use = user_data;
  g_autoptr(SwStmt) stmt = NULL;

  /* Re-checked here: of several requests in the same minute, one writes. */
  stmt = sw_store_prepare (store,
                           "UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1 "
                           "AND (last_used_at IS NULL OR last_used_at <= ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sw_stmt_bind_text (stmt, 1, use->token_id);
  sw_stmt_bind_text (stmt, 2, use->now);
  sw_stmt_bind_text (stmt, 3, use->threshold);
  return sw_store_run (store, stmt, error);
}

static void
invalid_token (GError **error)
{
  g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS,
                       _("The API token is not valid"));
}

SwUser *
sw_auth_validate_token (SwStore     *store,
                        const char  *plaintext,
                        SwScopes    *scopes,
                        char       **token_id,
                        GError     **error)
{
  g_autofree char *token_hash = NULL;
  g_autoptr(SwUser) user = NULL;
  g_autoptr(SwApiToken) token = NULL;
  TokenLookup lookup = { 0 };
  SwScopes token_scopes = 0;
  g_autofree char *threshold = NULL;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);

  if (plaintext == NULL || !g_str_has_prefix (plaintext, TOKEN_PREFIX) ||
      !_sw_auth_is_hex (plaintext + strlen (TOKEN_PREFIX), 2 * TOKEN_RANDOM_BYTES))
    {
      invalid_token (error);
      return NULL;
    }

  token_hash = _sw_auth_sha256_hex (plaintext);
  lookup.token_hash = token_hash;
  if (!sw_store_read (store, find_token, &lookup, error))
    return NULL;
  user = g_steal_pointer (&lookup.user);
  token = g_steal_pointer (&lookup.token);

  if (token == NULL)
    {
      invalid_token (error);
      return NULL;
    }

  if (g_strcmp0 (token->status, "active") != 0)
    {
      g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_REVOKED,
                           _("The API token has been revoked"));
      return NULL;
    }

  /* Scopes are only ever written by this file; anything else is not a usable token. */
  if (!user->is_active || !sw_scopes_parse (token->scopes, &token_scopes, NULL) ||
      token_scopes == 0)
    {
      invalid_token (error);
      return NULL;
    }

  threshold = _sw_auth_time_from_now (-LAST_USED_RESOLUTION_SECONDS);
  if (token->last_used_at == NULL || g_strcmp0 (token->last_used_at, threshold) <= 0)
    {
      g_autofree char *now = sw_time_now_rfc3339 ();
      g_autoptr(GError) local_error = NULL;
      TokenUse use = { token->id, now, threshold };

      /* Bookkeeping: failing to record the use does not refuse a valid token. */
      if (!sw_store_write (store, stamp_last_used, &use, &local_error))
        g_warning ("Cannot record the use of API token %s: %s", token->id,
                   local_error->message);
    }

  if (scopes != NULL)
    *scopes = token_scopes;
  if (token_id != NULL)
    *token_id = g_strdup (token->id);
  return g_steal_pointer (&user);
}

/* Listing, revoking, deleting ---------------------------------------------------------- */

typedef struct
{
  const char *user_id;
  GPtrArray *tokens;
} TokenList;

static void
add_token (SwStmt   *stmt,
           gpointer  user_data)
{
  g_ptr_array_add (user_data, token_from_row (stmt, 0));
}

static gboolean
list_tokens (SwStore   *store,
             gpointer   user_data,
             GError   **error)
{
  TokenList *list = user_data;
  g_autoptr(SwStmt) stmt = NULL;

  /* rowid breaks ties within one second: insertion order. */
  stmt = sw_store_prepare (store,
                           "SELECT " TOKEN_COLUMNS " FROM api_tokens t WHERE t.user_id = ?1 "
                           "ORDER BY t.created_at DESC, t.rowid DESC", error);
  if (stmt == NULL)
    return FALSE;
  sw_stmt_bind_text (stmt, 1, list->user_id);
  return sw_store_foreach_row (store, stmt, add_token, list->tokens, error);
}

GPtrArray *
sw_auth_list_tokens (SwStore     *store,
                     const char  *user_id,
                     GError     **error)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_object_unref);
  TokenList list = { user_id, tokens };

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (user_id != NULL, NULL);

  if (!sw_store_read (store, list_tokens, &list, error))
    return NULL;

  return g_steal_pointer (&tokens);
}

typedef struct
{
  const char *user_id;
  const char *token_id;
  gboolean revoke;   /* TRUE: revoke the active token; FALSE: delete the revoked one */
} TokenChange;

/* The token's name; NOT_FOUND unless it is the user's, CONFLICT unless it is active
 * for a revocation and revoked for a deletion. */
static char *
load_own_token (SwStore      *store,
                TokenChange  *change,
                GError      **error)
{
  g_autoptr(SwStmt) stmt = NULL;
  gboolean found = FALSE;
  gboolean active;

  stmt = sw_store_prepare (store,
                           "SELECT name, status FROM api_tokens WHERE id = ?1 AND user_id = ?2",
                           error);
  if (stmt == NULL)
    return NULL;
  sw_stmt_bind_text (stmt, 1, change->token_id);
  sw_stmt_bind_text (stmt, 2, change->user_id);
  if (!sw_store_step_any (store, stmt, &found, error))
    return NULL;
  if (!found)
    {
      g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_NOT_FOUND,
                           _("There is no such API token"));
      return NULL;
    }

  active = g_strcmp0 (sw_stmt_column_text (stmt, 1), "active") == 0;
  if (active != change->revoke)
    {
      g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_CONFLICT,
                           change->revoke ? _("The API token is already revoked")
                                          : _("The API token is still active; revoke it first"));
      return NULL;
    }

  return g_strdup (sw_stmt_column_text (stmt, 0));
}

/* Prepares @sql, binds the token id to ?1 (and @now, when given, to ?2) and runs it. */
static gboolean
run_on_token (SwStore      *store,
              const char   *sql,
              TokenChange  *change,
              const char   *now,
              GError      **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sw_stmt_bind_text (stmt, 1, change->token_id);
  if (now != NULL)
    sw_stmt_bind_text (stmt, 2, now);
  return sw_store_run (store, stmt, error);
}

static gboolean
change_token (SwStore   *store,
              gpointer   user_data,
              GError   **error)
{
  TokenChange *change = user_data;
  g_autofree char *name = load_own_token (store, change, error);

  if (name == NULL)
    return FALSE;

  if (change->revoke)
    {
      g_autofree char *now = sw_time_now_rfc3339 ();

      return run_on_token (store,
                           "UPDATE api_tokens SET status = 'revoked', revoked_at = ?2 "
                           "WHERE id = ?1", change, now, error) &&
             write_audit (store, "token.revoke", change->token_id, name, change->user_id, "",
                          error);
    }

  return run_on_token (store,
                       "UPDATE audit_log SET token_id = NULL, token_name = '' "
                       "WHERE token_id = ?1", change, NULL, error) &&
         run_on_token (store, "DELETE FROM api_tokens WHERE id = ?1", change, NULL, error) &&
         write_audit (store, "token.delete", NULL, "", change->user_id, "", error);
}

gboolean
sw_auth_revoke_token (SwStore     *store,
                      const char  *user_id,
                      const char  *token_id,
                      GError     **error)
{
  TokenChange change = { user_id, token_id, TRUE };

  g_return_val_if_fail (SW_IS_STORE (store), FALSE);
  g_return_val_if_fail (user_id != NULL && token_id != NULL, FALSE);

  return sw_store_write (store, change_token, &change, error);
}

gboolean
sw_auth_delete_token (SwStore     *store,
                      const char  *user_id,
                      const char  *token_id,
                      GError     **error)
{
  TokenChange change = { user_id, token_id, FALSE };

  g_return_val_if_fail (SW_IS_STORE (store), FALSE);
  g_return_val_if_fail (user_id != NULL && token_id != NULL, FALSE);

  return sw_store_write (store, change_token, &change, error);
}

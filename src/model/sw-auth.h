/* sw-auth.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sw-api-token.h"
#include "sw-store.h"
#include "sw-user.h"

G_BEGIN_DECLS

/* Authentication on the model side: password hashing, first-run setup and local users,
 * login sessions and API tokens. Outcomes of authentication are SW_AUTH_ERROR; storage
 * failures are SW_STORE_ERROR, passed through unchanged. The SwUser objects returned
 * never carry the password hash. */

#define SW_AUTH_ERROR (sw_auth_error_quark ())

typedef enum
{
  SW_AUTH_ERROR_INVALID_CREDENTIALS, /* unknown, wrong, malformed, or the user is inactive */
  SW_AUTH_ERROR_EXPIRED,             /* a session past its expiry (the row is deleted) */
  SW_AUTH_ERROR_REVOKED,             /* a revoked API token */
  SW_AUTH_ERROR_ALREADY_SET_UP,      /* setup when a user already exists */
  SW_AUTH_ERROR_WEAK_PASSWORD,       /* shorter than SW_PASSWORD_MIN_CHARS */
  SW_AUTH_ERROR_INVALID,             /* a value failed validation; nothing was written */
  SW_AUTH_ERROR_NOT_FOUND,           /* no such user, or not the user's token */
  SW_AUTH_ERROR_CONFLICT,            /* username taken; token already revoked or still active */
} SwAuthError;

typedef enum
{
  SW_SCOPE_READ = 1 << 0,
  SW_SCOPE_WRITE = 1 << 1,
  SW_SCOPE_WEBHOOK = 1 << 2,
  SW_SCOPE_ADMIN = 1 << 3,
} SwScopes;

#define SW_SCOPES_ALL (SW_SCOPE_READ | SW_SCOPE_WRITE | SW_SCOPE_WEBHOOK | SW_SCOPE_ADMIN)

/* Fixed lifetime counted from login, no sliding renewal (see sw-auth-sessions.c). */
#define SW_SESSION_LIFETIME_SECONDS (24 * 3600)

/* Password policy: at least 8 characters (UTF-8 characters, not bytes), at most 1024
 * bytes. Usernames: 1–64 characters after trimming, no control characters. */
#define SW_PASSWORD_MIN_CHARS 8
#define SW_PASSWORD_MAX_BYTES 1024
#define SW_USERNAME_MAX_CHARS 64
#define SW_TOKEN_NAME_MAX_CHARS 100

GQuark     sw_auth_error_quark        (void);

/* Passwords ----------------------------------------------------------------------------- */

/* A libxcrypt yescrypt hash ("$y$…", default cost, fresh salt). WEAK_PASSWORD when too
 * short, INVALID when too long or not UTF-8. */
char      *sw_auth_hash_password      (const char   *password,
                                       GError      **error);
/* Recomputes the hash and compares in constant time. FALSE for a NULL, empty or
 * malformed hash (federated users have none). */
gboolean   sw_auth_check_password     (const char   *password,
                                       const char   *hash);

/* Setup and users ----------------------------------------------------------------------- */

gboolean   sw_auth_needs_setup        (SwStore      *store,
                                       gboolean     *needs_setup,
                                       GError      **error);
/* Creates the first administrator (protected, auth_provider "local") only while there
 * are no users at all; atomic, so of two racing setups exactly one succeeds and the
 * other gets ALREADY_SET_UP. */
SwUser    *sw_auth_setup_admin        (SwStore      *store,
                                       const char   *username,
                                       const char   *password,
                                       GError      **error);
/* @role: "administrator" or "operator". CONFLICT when the username is taken
 * (case-insensitively). */
SwUser    *sw_auth_create_user        (SwStore      *store,
                                       const char   *username,
                                       const char   *password,
                                       const char   *role,
                                       GError      **error);
/* INVALID_CREDENTIALS for an unknown user, a wrong password or an inactive user, alike
 * and in about the same time. Stamps last_login. */
SwUser    *sw_auth_login              (SwStore      *store,
                                       const char   *username,
                                       const char   *password,
                                       GError      **error);
/* NOT_FOUND when there is no such user. */
SwUser    *sw_auth_get_user           (SwStore      *store,
                                       const char   *user_id,
                                       GError      **error);

/* The id of the first active administrator (who owns what the desktop creates, such as
 * API tokens); NULL without @error when there is none. */
char      *sw_auth_dup_first_admin_id (SwStore      *store,
                                       GError      **error);

/* Sessions ------------------------------------------------------------------------------ */

/* Returns the session token (64 hex characters) for the cookie; only its SHA-256 is
 * stored. @expires_at (optional) receives the expiry. NOT_FOUND for an unknown user,
 * INVALID_CREDENTIALS for an inactive one. */
char      *sw_auth_create_session     (SwStore      *store,
                                       const char   *user_id,
                                       GDateTime   **expires_at,
                                       GError      **error);
/* The session's user. EXPIRED (and the row deleted) past its expiry;
 * INVALID_CREDENTIALS for an unknown or malformed token or an inactive user. */
SwUser    *sw_auth_validate_session   (SwStore      *store,
                                       const char   *token,
                                       GError      **error);
/* Logging out is idempotent: an unknown or malformed token is not an error. */
gboolean   sw_auth_delete_session     (SwStore      *store,
                                       const char   *token,
                                       GError      **error);
/* Deletes every expired session; returns how many (0 with @error set on failure). */
guint      sw_auth_sweep_sessions     (SwStore      *store,
                                       GError      **error);

/* API tokens ---------------------------------------------------------------------------- */

/* Accepts names separated by commas and/or whitespace, case-insensitively; empty or
 * NULL gives 0 (callers apply their default). INVALID names the unknown scope. */
gboolean   sw_scopes_parse            (const char   *csv_or_list,
                                       SwScopes     *scopes,
                                       GError      **error);
/* Canonical CSV in the order read,write,webhook,admin; "" for none. */
char      *sw_scopes_to_string        (SwScopes      scopes);

/* Returns the plaintext token ("sw_" + 40 hex characters), to be shown once; only its
 * SHA-256 is stored. @token (optional) receives the stored token. INVALID for a name
 * that is empty or over 100 characters, no scopes or unknown scope bits, or the admin
 * scope for a user who is not an administrator; NOT_FOUND for an unknown user. */
char      *sw_auth_create_token       (SwStore      *store,
                                       const char   *user_id,
                                       const char   *name,
                                       SwScopes      scopes,
                                       SwApiToken  **token,
                                       GError      **error);
/* The token's user, its @scopes and @token_id (both optional). REVOKED for a revoked
 * token; INVALID_CREDENTIALS for an unknown or malformed one or an inactive user.
 * last_used_at is updated at most once a minute. */
SwUser    *sw_auth_validate_token     (SwStore      *store,
                                       const char   *plaintext,
                                       SwScopes     *scopes,
                                       char        **token_id,
                                       GError      **error);
/* The user's tokens (SwApiToken), newest first. */
GPtrArray *sw_auth_list_tokens        (SwStore      *store,
                                       const char   *user_id,
                                       GError      **error);
/* NOT_FOUND when the token is not the user's; CONFLICT when already revoked. */
gboolean   sw_auth_revoke_token       (SwStore      *store,
                                       const char   *user_id,
                                       const char   *token_id,
                                       GError      **error);
/* Deletes a revoked token for good (CONFLICT while active, NOT_FOUND when not the
 * user's) and anonymises its audit rows in the same transaction. */
gboolean   sw_auth_delete_token       (SwStore      *store,
                                       const char   *user_id,
                                       const char   *token_id,
                                       GError      **error);

G_END_DECLS

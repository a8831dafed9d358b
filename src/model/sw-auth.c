/* sw-auth.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <crypt.h>
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "sw-auth-private.h"
#include "sw-time.h"

/* Password hashing, randomness, hashing of tokens and scopes: what the users, sessions
 * and tokens parts (sw-auth-users.c, sw-auth-sessions.c, sw-auth-tokens.c) share. */

G_DEFINE_QUARK (sw-auth-error-quark, sw_auth_error)

/* Passwords ----------------------------------------------------------------------------- */

/* The only hash method accepted: libxcrypt's yescrypt. */
#define YESCRYPT_PREFIX "$y$"

/* The policy allows passwords of up to 1024 bytes, but libxcrypt refuses passphrases of
 * CRYPT_MAX_PASSPHRASE_SIZE (512) bytes or more. Those long ones are fed to yescrypt as
 * "sha256:" followed by the hex SHA-256 of the password: still a salted yescrypt hash
 * of 256 bits of the password, and finding a short password that collides needs a
 * SHA-256 preimage. Passwords below the limit are hashed as they are, so the hashes stay
 * ordinary crypt(3) hashes. */
static char *
run_crypt (const char *password,
           const char *setting)
{
  g_autofree char *prehashed = NULL;
  struct crypt_data *data;
  const char *input = password;
  const char *result;
  char *hash = NULL;

  if (strlen (password) >= CRYPT_MAX_PASSPHRASE_SIZE)
    {
      g_autofree char *digest = _sw_auth_sha256_hex (password);

      prehashed = g_strconcat ("sha256:", digest, NULL);
      explicit_bzero (digest, strlen (digest));
      input = prehashed;
    }

  /* struct crypt_data is 32 KiB: too big for a thread's stack in good conscience. */
  data = g_new0 (struct crypt_data, 1);
  result = crypt_r (input, setting, data);
  if (result != NULL && result[0] != '*')
    hash = g_strdup (result);

  explicit_bzero (data, sizeof *data);
  g_free (data);
  if (prehashed != NULL)
    explicit_bzero (prehashed, strlen (prehashed));

  return hash;
}

/* Length is not secret (every yescrypt hash of one cost has the same length); the bytes
 * are compared without an early exit. */
static gboolean
equal_constant_time (const char *a,
                     const char *b)
{
  gsize length = strlen (a);
  volatile guint8 difference = 0;

  if (strlen (b) != length)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    difference |= (guint8) a[i] ^ (guint8) b[i];

  return difference == 0;
}

static gboolean
check_password_policy (const char  *password,
                       GError     **error)
{
  if (!g_utf8_validate (password, -1, NULL))
    {
      g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID,
                           _("The password is not valid UTF-8 text"));
      return FALSE;
    }

  if (strlen (password) > SW_PASSWORD_MAX_BYTES)
    {
      g_set_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID,
                   _("The password is too long (at most %d bytes)"), SW_PASSWORD_MAX_BYTES);
      return FALSE;
    }

  if (g_utf8_strlen (password, -1) < SW_PASSWORD_MIN_CHARS)
    {
      g_set_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_WEAK_PASSWORD,
                   _("The password must be at least %d characters long"),
                   SW_PASSWORD_MIN_CHARS);
      return FALSE;
    }

  return TRUE;
}

char *
sw_auth_hash_password (const char  *password,
                       GError     **error)
{
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  char *hash;

  if (!check_password_policy (password != NULL ? password : "", error))
    return NULL;

  /* Default cost; a NULL random source makes libxcrypt read the salt from the OS. */
  if (crypt_gensalt_rn (YESCRYPT_PREFIX, 0, NULL, 0, setting, sizeof setting) == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not make a password salt: %s"), g_strerror (saved_errno));
      return NULL;
    }

  hash = run_crypt (password, setting);
  if (hash == NULL || !g_str_has_prefix (hash, YESCRYPT_PREFIX))
    {
      g_free (hash);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Could not hash the password"));
      return NULL;
    }

  return hash;
}

gboolean
sw_auth_check_password (const char *password,
                        const char *hash)
{
  g_autofree char *computed = NULL;

  if (password == NULL || hash == NULL || !g_str_has_prefix (hash, YESCRYPT_PREFIX))
    return FALSE;

  /* Nothing outside the policy can have been hashed. */
  if (strlen (password) > SW_PASSWORD_MAX_BYTES || !g_utf8_validate (password, -1, NULL))
    return FALSE;

  /* The stored hash is the setting: same method, cost and salt. */
  computed = run_crypt (password, hash);
  if (computed == NULL)
    return FALSE;

  return equal_constant_time (computed, hash);
}

void
_sw_auth_dummy_check (const char *password)
{
  static char *dummy_hash = NULL;

  if (g_once_init_enter (&dummy_hash))
    {
      g_autofree char *secret = _sw_auth_random_hex (16, NULL);
      char *hash = sw_auth_hash_password (secret != NULL ? secret : "stillwater dummy", NULL);

      /* Hashing cannot fail short of a broken libxcrypt; never leave with NULL. */
      g_once_init_leave (&dummy_hash, hash != NULL ? hash : g_strdup (YESCRYPT_PREFIX));
    }

  (void) sw_auth_check_password (password != NULL ? password : "", dummy_hash);
}

/* Randomness, hashing, time -------------------------------------------------------------- */

static const char hex_digits[] = "0123456789abcdef";

char *
_sw_auth_random_hex (gsize    n_bytes,
                     GError **error)
{
  g_autofree guint8 *bytes = g_malloc (n_bytes);
  char *hex;
  gsize done = 0;

  while (done < n_bytes)
    {
      ssize_t n = getrandom (bytes + done, n_bytes - done, 0);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not read random bytes: %s"), g_strerror (saved_errno));
          return NULL;
        }
      done += (gsize) n;
    }

  hex = g_malloc (2 * n_bytes + 1);
  for (gsize i = 0; i < n_bytes; i++)
    {
      hex[2 * i] = hex_digits[bytes[i] >> 4];
      hex[2 * i + 1] = hex_digits[bytes[i] & 0x0f];
    }
  hex[2 * n_bytes] = '\0';
  explicit_bzero (bytes, n_bytes);

  return hex;
}

char *
_sw_auth_sha256_hex (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

gboolean
_sw_auth_is_hex (const char *text,
                 gsize       length)
{
  gsize i;

  if (text == NULL)
    return FALSE;

  for (i = 0; text[i] != '\0'; i++)
    if (i >= length || strchr (hex_digits, text[i]) == NULL)
      return FALSE;

  return i == length;
}

char *
_sw_auth_time_from_now (gint64 offset_seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) time = g_date_time_add_seconds (now, (gdouble) offset_seconds);

  return sw_time_format_rfc3339 (time);
}

/* Users ---------------------------------------------------------------------------------- */

char *
_sw_auth_column_dup (SwStmt *stmt,
                     int     column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup (text) : NULL;
}

SwUser *
_sw_auth_user_from_row (SwStmt *stmt)
{
  SwUser *user = sw_user_new ();

  user->id = _sw_auth_column_dup (stmt, 0);
  user->username = _sw_auth_column_dup (stmt, 1);
  user->display_name = _sw_auth_column_dup (stmt, 2);
  user->role = _sw_auth_column_dup (stmt, 3);
  user->auth_provider = _sw_auth_column_dup (stmt, 4);
  user->provider_id = _sw_auth_column_dup (stmt, 5);
  user->is_active = sqlite3_column_int (stmt, 6) != 0;
  user->is_protected = sqlite3_column_int (stmt, 7) != 0;
  user->invited_by = _sw_auth_column_dup (stmt, 8);
  user->created_at = _sw_auth_column_dup (stmt, 9);
  user->updated_at = _sw_auth_column_dup (stmt, 10);
  user->last_login = _sw_auth_column_dup (stmt, 11);

  return user;
}

SwStmt *
_sw_auth_step_by (SwStore     *store,
                  const char  *sql,
                  const char  *key,
                  gboolean    *found,
                  GError     **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store, sql, error);
  gboolean any = FALSE;

  if (stmt == NULL)
    return NULL;
  sw_stmt_bind_text (stmt, 1, key);
  if (!sw_store_step_any (store, stmt, &any, error))
    return NULL;
  if (found != NULL)
    *found = any;
  else if (!any)
    {
      g_set_error_literal (error, SW_AUTH_ERROR, SW_AUTH_ERROR_NOT_FOUND,
                           _("There is no such user"));
      return NULL;
    }
  return g_steal_pointer (&stmt);
}

gboolean
_sw_auth_find_user (SwStore   *store,
                    gpointer   user_data,
                    GError   **error)
{
  SwAuthUserLookup *lookup = user_data;
  g_autoptr(SwStmt) stmt = NULL;
  gboolean found = FALSE;

  stmt = _sw_auth_step_by (store, lookup->sql, lookup->key, &found, error);
  if (stmt == NULL)
    return FALSE;
  if (found)
    {
      lookup->user = _sw_auth_user_from_row (stmt);
      lookup->extra = g_strdup (sw_stmt_column_text (stmt, SW_AUTH_USER_N_COLUMNS));
    }
  return TRUE;
}

/* Scopes --------------------------------------------------------------------------------- */

/* In the canonical order. */
static const struct
{
  const char *name;
  SwScopes scope;
} scope_names[] = {
  { "read", SW_SCOPE_READ },
  { "write", SW_SCOPE_WRITE },
  { "webhook", SW_SCOPE_WEBHOOK },
  { "admin", SW_SCOPE_ADMIN },
};

gboolean
sw_scopes_parse (const char  *csv_or_list,
                 SwScopes    *scopes,
                 GError     **error)
{
  g_auto(GStrv) parts = NULL;
  SwScopes result = 0;

  g_return_val_if_fail (scopes != NULL, FALSE);

  parts = g_strsplit_set (csv_or_list != NULL ? csv_or_list : "", ", \t\r\n", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean known = FALSE;

      if (parts[i][0] == '\0')
        continue;

      for (guint j = 0; j < G_N_ELEMENTS (scope_names) && !known; j++)
        if (g_ascii_strcasecmp (parts[i], scope_names[j].name) == 0)
          {
            result |= scope_names[j].scope;
            known = TRUE;
          }

      if (!known)
        {
          g_autofree char *shown = g_utf8_make_valid (parts[i], -1);

          g_set_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID,
                       _("“%s” is not a token scope (read, write, webhook or admin)"), shown);
          return FALSE;
        }
    }

  *scopes = result;
  return TRUE;
}

char *
sw_scopes_to_string (SwScopes scopes)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (scope_names); i++)
    if (scopes & scope_names[i].scope)
      {
        if (text->len > 0)
          g_string_append_c (text, ',');
        g_string_append (text, scope_names[i].name);
      }

  return g_string_free (text, FALSE);
}

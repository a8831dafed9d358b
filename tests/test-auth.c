/* test-auth.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sw-api-token-private.h"
#include "sw-auth.h"
#include "sw-test-util.h"
#include "sw-user-private.h"

/* Passwords, setup, users, sessions and API tokens against a real SQLite file. */

#define ADMIN_PASSWORD "correct horse battery"
#define OPERATOR_PASSWORD "operator password"

typedef struct
{
  char *dir;
  char *path;
  SwStore *store;
  SwUser *admin;      /* only with fixture_setup_users */
  SwUser *operator;
} Fixture;

static void
exec (Fixture    *fixture,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sw_store_exec (fixture->store, sql, &error));
  g_assert_no_error (error);
}

static void
exec_printf (Fixture    *fixture,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
exec_printf (Fixture    *fixture,
             const char *format,
             ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  exec (fixture, sql);
}

static char *
query_textv (Fixture    *fixture,
             const char *format,
             va_list     args) G_GNUC_PRINTF (2, 0);

static char *
query_textv (Fixture    *fixture,
             const char *format,
             va_list     args)
{
  g_autofree char *sql = g_strdup_vprintf (format, args);
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStmt) stmt = NULL;
  gboolean found = FALSE;

  stmt = sw_store_prepare (fixture->store, sql, &error);
  g_assert_no_error (error);
  g_assert_true (sw_store_step_any (fixture->store, stmt, &found, &error));
  g_assert_no_error (error);
  if (!found || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup (sw_stmt_column_text (stmt, 0));
}

/* The first column of the first row as text; NULL when there is no row or it is NULL. */
static char *
query_text (Fixture    *fixture,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static char *
query_text (Fixture    *fixture,
            const char *format,
            ...)
{
  char *text;
  va_list args;

  va_start (args, format);
  text = query_textv (fixture, format, args);
  va_end (args);
  return text;
}

static gint64
query_int (Fixture    *fixture,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static gint64
query_int (Fixture    *fixture,
           const char *format,
           ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = query_textv (fixture, format, args);
  va_end (args);
  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static void
fixture_setup_empty (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = sw_test_make_temp_dir ();
  fixture->path = g_build_filename (fixture->dir, "stillwater.db", NULL);
  fixture->store = sw_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_setup_users (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_setup_empty (fixture, data);

  fixture->admin = sw_auth_setup_admin (fixture->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->admin);

  fixture->operator = sw_auth_create_user (fixture->store, "olive", OPERATOR_PASSWORD,
                                           "operator", &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->operator);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->admin);
  g_clear_object (&fixture->operator);
  g_clear_object (&fixture->store);
  sw_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

/* Passwords ----------------------------------------------------------------------------- */

static void
test_password_hash (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = sw_auth_hash_password ("s3cret password", &error);
  g_autofree char *again = sw_auth_hash_password ("s3cret password", &error);
  g_autofree char *no_hash_part = NULL;
  g_autofree char *one_short = NULL;
  g_autofree char *tampered = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$y$"));
  g_assert_cmpuint (strlen (hash), >, 40);
  /* A fresh salt each time. */
  g_assert_cmpstr (hash, !=, again);

  g_assert_true (sw_auth_check_password ("s3cret password", hash));
  g_assert_true (sw_auth_check_password ("s3cret password", again));
  g_assert_false (sw_auth_check_password ("s3cret passworD", hash));
  g_assert_false (sw_auth_check_password ("s3cret passwor", hash));
  g_assert_false (sw_auth_check_password ("", hash));
  g_assert_false (sw_auth_check_password (NULL, hash));

  /* Empty, missing, truncated or altered hashes never match. */
  g_assert_false (sw_auth_check_password ("s3cret password", ""));
  g_assert_false (sw_auth_check_password ("s3cret password", NULL));
  g_assert_false (sw_auth_check_password ("s3cret password", "$y$"));
  no_hash_part = g_strndup (hash, strrchr (hash, '$') - hash + 1);
  g_assert_false (sw_auth_check_password ("s3cret password", no_hash_part));
  no_hash_part[strlen (no_hash_part) - 1] = '\0';
  g_assert_false (sw_auth_check_password ("s3cret password", no_hash_part));
  one_short = g_strndup (hash, strlen (hash) - 1);
  g_assert_false (sw_auth_check_password ("s3cret password", one_short));
  tampered = g_strdup (hash);
  tampered[strlen (tampered) - 1] = tampered[strlen (tampered) - 1] == 'a' ? 'b' : 'a';
  g_assert_false (sw_auth_check_password ("s3cret password", tampered));
  /* Not yescrypt: refused even though crypt(3) knows the method. */
  g_assert_false (sw_auth_check_password ("password", "$1$abcdefgh$3m7bBh6zM0lH5yFMqVHb./"));
}

static void
test_password_long (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_password = g_strnfill (1024, 'x');
  g_autofree char *too_long = g_strnfill (1025, 'x');
  g_autofree char *other = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *no_hash = NULL;

  /* Beyond libxcrypt's own 512-byte limit, up to the policy's 1024. */
  hash = sw_auth_hash_password (long_password, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$y$"));
  g_assert_true (sw_auth_check_password (long_password, hash));
  other = g_strdup (long_password);
  other[1000] = 'y';
  g_assert_false (sw_auth_check_password (other, hash));
  other[1000] = 'x';
  other[600] = '\0';
  g_assert_false (sw_auth_check_password (other, hash));

  no_hash = sw_auth_hash_password (too_long, &error);
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID);
  g_assert_null (no_hash);
  g_assert_false (sw_auth_check_password (too_long, hash));
}

static void
test_password_policy (void)
{
  struct
  {
    const char *password;
    int code;                /* -1: accepted */
  } cases[] = {
    { "", SW_AUTH_ERROR_WEAK_PASSWORD },
    { "1234567", SW_AUTH_ERROR_WEAK_PASSWORD },
    { "12345678", -1 },
    /* Characters, not bytes: 7 two-byte characters are 14 bytes but still too short. */
    { "ééééééé", SW_AUTH_ERROR_WEAK_PASSWORD },
    { "éééééééé", -1 },
    { "\xff\xfe invalid utf-8", SW_AUTH_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *hash = sw_auth_hash_password (cases[i].password, &error);

      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (sw_auth_check_password (cases[i].password, hash));
        }
      else
        {
          g_assert_error (error, SW_AUTH_ERROR, cases[i].code);
          g_assert_null (hash);
        }
    }
}

/* Setup and users ----------------------------------------------------------------------- */

static void
test_setup_once (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwUser) admin = NULL;
  g_autoptr(SwUser) second = NULL;
  g_autofree char *stored_hash = NULL;
  gboolean needs_setup = FALSE;

  g_assert_true (sw_auth_needs_setup (fixture->store, &needs_setup, &error));
  g_assert_no_error (error);
  g_assert_true (needs_setup);

  /* Refused input writes nothing: setup is still possible afterwards. */
  g_assert_null (sw_auth_setup_admin (fixture->store, "admin", "short", &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_WEAK_PASSWORD);
  g_clear_error (&error);
  g_assert_null (sw_auth_setup_admin (fixture->store, "   ", ADMIN_PASSWORD, &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM users"), ==, 0);

  admin = sw_auth_setup_admin (fixture->store, "  Admin ", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (admin);
  g_assert_cmpstr (admin->username, ==, "Admin");
  g_assert_cmpstr (admin->role, ==, "administrator");
  g_assert_cmpstr (admin->auth_provider, ==, "local");
  g_assert_true (admin->is_protected);
  g_assert_true (admin->is_active);
  g_assert_nonnull (admin->id);
  g_assert_nonnull (admin->created_at);
  /* The hash stays in the database. */
  g_assert_null (admin->password_hash);
  stored_hash = query_text (fixture, "SELECT password_hash FROM users WHERE id = '%s'",
                            admin->id);
  g_assert_true (g_str_has_prefix (stored_hash, "$y$"));
  g_assert_true (sw_auth_check_password (ADMIN_PASSWORD, stored_hash));

  g_assert_true (sw_auth_needs_setup (fixture->store, &needs_setup, &error));
  g_assert_false (needs_setup);

  second = sw_auth_setup_admin (fixture->store, "other", ADMIN_PASSWORD, &error);
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_ALREADY_SET_UP);
  g_assert_null (second);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM users"), ==, 1);

  /* The protection triggers apply to the first administrator. */
  g_assert_false (sw_store_exec (fixture->store, "UPDATE users SET is_active = 0", NULL));
}

typedef struct
{
  SwStore *store;
  const char *username;
  gint *ready;
  SwUser *user;
  GError *error;
} SetupRacer;

static gpointer
race_setup (gpointer data)
{
  SetupRacer *racer = data;

  /* Both threads start together. */
  g_atomic_int_inc (racer->ready);
  while (g_atomic_int_get (racer->ready) < 2)
    g_thread_yield ();

  racer->user = sw_auth_setup_admin (racer->store, racer->username, ADMIN_PASSWORD,
                                     &racer->error);
  return NULL;
}

static void
test_setup_race (void)
{
  for (guint round = 0; round < 3; round++)
    {
      Fixture fixture = { 0 };
      gint ready = 0;
      SetupRacer racers[2] = {
        { NULL, "first", &ready, NULL, NULL },
        { NULL, "second", &ready, NULL, NULL },
      };
      GThread *threads[2];
      guint winners = 0;

      fixture_setup_empty (&fixture, NULL);
      for (guint i = 0; i < 2; i++)
        {
          racers[i].store = fixture.store;
          threads[i] = g_thread_new ("setup", race_setup, &racers[i]);
        }
      for (guint i = 0; i < 2; i++)
        g_thread_join (threads[i]);

      for (guint i = 0; i < 2; i++)
        {
          if (racers[i].user != NULL)
            {
              winners++;
              g_assert_no_error (racers[i].error);
              g_assert_cmpstr (racers[i].user->username, ==, racers[i].username);
            }
          else
            {
              g_assert_error (racers[i].error, SW_AUTH_ERROR, SW_AUTH_ERROR_ALREADY_SET_UP);
            }
          g_clear_object (&racers[i].user);
          g_clear_error (&racers[i].error);
        }
      g_assert_cmpuint (winners, ==, 1);
      g_assert_cmpint (query_int (&fixture, "SELECT count(*) FROM users"), ==, 1);
      g_assert_cmpint (query_int (&fixture, "SELECT count(*) FROM users WHERE is_protected = 1 "
                                            "AND role = 'administrator'"), ==, 1);
      fixture_teardown (&fixture, NULL);
    }
}

static void
test_users_create (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwUser) bob = NULL;
  g_autoptr(SwUser) fetched = NULL;
  g_autoptr(SwUser) nobody = NULL;
  g_autofree char *longest = g_strnfill (64, 'n');
  g_autofree char *too_long = g_strnfill (65, 'n');
  g_autoptr(SwUser) longest_user = NULL;
  g_autoptr(SwUser) jose = NULL;
  const char *bad_names[] = { "", " \t ", "\u3000", too_long, "tab\there", "nul\x01", "\xc3" };

  g_assert_cmpstr (fixture->operator->role, ==, "operator");
  g_assert_false (fixture->operator->is_protected);

  bob = sw_auth_create_user (fixture->store, "  Bob\u00a0", OPERATOR_PASSWORD, "administrator",
                             &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bob->username, ==, "Bob");
  g_assert_cmpstr (bob->role, ==, "administrator");
  g_assert_false (bob->is_protected);

  fetched = sw_auth_get_user (fixture->store, bob->id, &error);
  g_assert_no_error (error);
  g_assert_true (sw_user_equal (fetched, bob));

  /* Usernames are unique regardless of case. */
  g_assert_null (sw_auth_create_user (fixture->store, "BOB", OPERATOR_PASSWORD, "operator",
                                      &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_CONFLICT);
  g_clear_error (&error);

  /* NFC: a decomposed "é" is the same name as the composed one. */
  jose = sw_auth_create_user (fixture->store, "Jos\u00e9", OPERATOR_PASSWORD, "operator",
                              &error);
  g_assert_no_error (error);
  g_assert_nonnull (jose);
  g_assert_null (sw_auth_create_user (fixture->store, "Jose\u0301", OPERATOR_PASSWORD,
                                      "operator", &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_null (sw_auth_create_user (fixture->store, "carol", OPERATOR_PASSWORD, "root",
                                      &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sw_auth_create_user (fixture->store, "carol", OPERATOR_PASSWORD, NULL, &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sw_auth_create_user (fixture->store, "carol", "1234", "operator", &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_WEAK_PASSWORD);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      g_assert_null (sw_auth_create_user (fixture->store, bad_names[i], OPERATOR_PASSWORD,
                                          "operator", &error));
      g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID);
      g_clear_error (&error);
    }

  longest_user = sw_auth_create_user (fixture->store, longest, OPERATOR_PASSWORD, "operator",
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpstr (longest_user->username, ==, longest);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM users"), ==, 5);

  nobody = sw_auth_get_user (fixture->store, "no-such-id", &error);
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_NOT_FOUND);
  g_assert_null (nobody);
}

static void
test_login (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwUser) user = NULL;
  g_autoptr(SwUser) again = NULL;
  g_autofree char *stored_login = NULL;

  g_assert_null (fixture->admin->last_login);

  user = sw_auth_login (fixture->store, "admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->id, ==, fixture->admin->id);
  g_assert_nonnull (user->last_login);
  g_assert_null (user->password_hash);
  stored_login = query_text (fixture, "SELECT last_login FROM users WHERE id = '%s'", user->id);
  g_assert_cmpstr (stored_login, ==, user->last_login);

  /* Usernames match trimmed and case-insensitively. */
  again = sw_auth_login (fixture->store, " ADMIN ", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->id, ==, fixture->admin->id);

  /* Wrong password, unknown user, empty input: the same error. */
  g_assert_null (sw_auth_login (fixture->store, "admin", "wrong password", &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);
  g_assert_null (sw_auth_login (fixture->store, "admin", OPERATOR_PASSWORD, &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);
  g_assert_null (sw_auth_login (fixture->store, "nobody", ADMIN_PASSWORD, &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);
  g_assert_null (sw_auth_login (fixture->store, "", "", &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);
  g_assert_null (sw_auth_login (fixture->store, NULL, NULL, &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);

  /* An inactive user with the right password. */
  g_clear_object (&user);
  user = sw_auth_login (fixture->store, "olive", OPERATOR_PASSWORD, &error);
  g_assert_no_error (error);
  g_clear_object (&user);
  exec_printf (fixture, "UPDATE users SET is_active = 0, last_login = NULL WHERE id = '%s'",
               fixture->operator->id);
  g_assert_null (sw_auth_login (fixture->store, "olive", OPERATOR_PASSWORD, &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);
  /* A refused login is not a login. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM users WHERE id = '%s' "
                                       "AND last_login IS NULL", fixture->operator->id), ==, 1);

  /* A federated user has no local password: even an empty one does not log in. */
  exec (fixture, "INSERT INTO users (id, username, auth_provider, provider_id, created_at, "
                 "updated_at) VALUES ('fed', 'fed', 'jellyfin', 'j-1', 'x', 'x')");
  g_assert_null (sw_auth_login (fixture->store, "fed", "", &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);
  g_assert_null (sw_auth_login (fixture->store, "fed", "anything at all", &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS);
}

/* Sessions ------------------------------------------------------------------------------ */

static char *
sha256_hex (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static gboolean
is_lower_hex (const char *text,
              gsize       length)
{
  if (strlen (text) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return FALSE;
  return TRUE;
}

static void
test_sessions_lifecycle (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expires_at = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(SwUser) user = NULL;
  g_autofree char *token = NULL;
  g_autofree char *hashed = NULL;
  g_autofree char *stored_expiry = NULL;
  g_autofree char *expiry_text = NULL;
  GTimeSpan lifetime;

  token = sw_auth_create_session (fixture->store, fixture->admin->id, &expires_at, &error);
  g_assert_no_error (error);
  g_assert_true (is_lower_hex (token, 64));

  /* 24 hours from now, and what the row says. */
  lifetime = g_date_time_difference (expires_at, now);
  g_assert_cmpint (lifetime, >=, (SW_SESSION_LIFETIME_SECONDS - 5) * G_TIME_SPAN_SECOND);
  g_assert_cmpint (lifetime, <=, (SW_SESSION_LIFETIME_SECONDS + 5) * G_TIME_SPAN_SECOND);
  hashed = sha256_hex (token);
  stored_expiry = query_text (fixture, "SELECT expires_at FROM sessions WHERE id = '%s'", hashed);
  expiry_text = g_date_time_format (expires_at, "%Y-%m-%dT%H:%M:%SZ");
  g_assert_cmpstr (stored_expiry, ==, expiry_text);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM sessions WHERE id = '%s'", token),
                   ==, 0);

  user = sw_auth_validate_session (fixture->store, token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->id, ==, fixture->admin->id);
  g_assert_cmpstr (user->role, ==, "administrator");
  g_clear_object (&user);

  /* Malformed or unknown tokens. */
  {
    g_autofree char *upper = g_ascii_strup (token, -1);
    g_autofree char *unknown = g_strnfill (64, 'a');
    const char *bad[] = { NULL, "", "abc", hashed + 1, upper, unknown };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_null (sw_auth_validate_session (fixture->store, bad[i], &error));
        g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS);
        g_clear_error (&error);
      }
    /* The stored hash is not a credential either. */
    g_assert_null (sw_auth_validate_session (fixture->store, hashed, &error));
    g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS);
    g_clear_error (&error);
  }

  /* Logging out ends the session; doing it twice is fine. */
  g_assert_true (sw_auth_delete_session (fixture->store, token, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM sessions"), ==, 0);
  g_assert_null (sw_auth_validate_session (fixture->store, token, &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);
  g_assert_true (sw_auth_delete_session (fixture->store, token, &error));
  g_assert_true (sw_auth_delete_session (fixture->store, "garbage", &error));
  g_assert_no_error (error);
}

static void
test_sessions_users (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *none = NULL;

  none = sw_auth_create_session (fixture->store, "no-such-user", NULL, &error);
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_NOT_FOUND);
  g_assert_null (none);
  g_clear_error (&error);

  /* Deactivating a user ends the use of their existing sessions... */
  token = sw_auth_create_session (fixture->store, fixture->operator->id, NULL, &error);
  g_assert_no_error (error);
  exec_printf (fixture, "UPDATE users SET is_active = 0 WHERE id = '%s'", fixture->operator->id);
  g_assert_null (sw_auth_validate_session (fixture->store, token, &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);

  /* ...and they cannot get a new one. */
  g_free (none);
  none = sw_auth_create_session (fixture->store, fixture->operator->id, NULL, &error);
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS);
  g_assert_null (none);
}

/* Validations are cached in memory; every way a session can stop being valid must
 * still take effect on the very next request. */
static SwUser *
validate_twice (Fixture    *fixture,
                const char *token)
{
  g_autoptr(SwUser) first = sw_auth_validate_session (fixture->store, token, NULL);
  SwUser *second = sw_auth_validate_session (fixture->store, token, NULL);

  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_true (first != second);   /* each caller gets its own copy */
  g_assert_cmpstr (first->id, ==, second->id);
  g_assert_cmpstr (first->role, ==, second->role);
  return second;
}

static void
test_sessions_cache_follows_changes (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *other = NULL;
  g_autofree char *hashed = NULL;
  g_autoptr(SwUser) user = NULL;
  g_autoptr(SwUser) carol = NULL;

  token = sw_auth_create_session (fixture->store, fixture->operator->id, NULL, &error);
  g_assert_no_error (error);
  hashed = sha256_hex (token);

  /* A copy handed out cannot change what the next caller sees. */
  user = validate_twice (fixture, token);
  g_free (user->role);
  user->role = g_strdup ("administrator");
  g_clear_object (&user);
  user = validate_twice (fixture, token);
  g_assert_cmpstr (user->role, ==, "operator");
  g_clear_object (&user);

  /* A role change is seen at once. */
  exec_printf (fixture, "UPDATE users SET role = 'administrator' WHERE id = '%s'",
               fixture->operator->id);
  user = validate_twice (fixture, token);
  g_assert_cmpstr (user->role, ==, "administrator");
  g_clear_object (&user);

  /* Another user's login invalidates nothing that should stay valid. */
  other = sw_auth_create_session (fixture->store, fixture->admin->id, NULL, &error);
  g_assert_no_error (error);
  user = validate_twice (fixture, token);
  g_clear_object (&user);

  /* Expiry moved into the past, logout, deactivation: each ends it immediately. */
  exec_printf (fixture, "UPDATE sessions SET expires_at = '2000-01-01T00:00:00Z' WHERE id = '%s'",
               hashed);
  g_assert_null (sw_auth_validate_session (fixture->store, token, &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_EXPIRED);
  g_clear_error (&error);

  user = validate_twice (fixture, other);
  g_clear_object (&user);
  g_assert_true (sw_auth_delete_session (fixture->store, other, &error));
  g_assert_null (sw_auth_validate_session (fixture->store, other, &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);

  carol = sw_auth_create_user (fixture->store, "carol", OPERATOR_PASSWORD, "operator", &error);
  g_assert_no_error (error);
  g_free (other);
  other = sw_auth_create_session (fixture->store, carol->id, NULL, &error);
  g_assert_no_error (error);
  user = validate_twice (fixture, other);
  g_clear_object (&user);
  exec_printf (fixture, "UPDATE users SET is_active = 0 WHERE id = '%s'", carol->id);
  g_assert_null (sw_auth_validate_session (fixture->store, other, &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS);
}

static void
test_sessions_expired (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *hashed = NULL;
  g_autoptr(SwUser) user = NULL;

  token = sw_auth_create_session (fixture->store, fixture->admin->id, NULL, &error);
  g_assert_no_error (error);
  hashed = sha256_hex (token);

  exec_printf (fixture, "UPDATE sessions SET expires_at = '2000-01-01T00:00:00Z' WHERE id = '%s'",
               hashed);
  user = sw_auth_validate_session (fixture->store, token, &error);
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_EXPIRED);
  g_assert_null (user);
  g_clear_error (&error);
  /* Presenting it deleted it: the next try is unknown. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM sessions WHERE id = '%s'", hashed),
                   ==, 0);
  g_assert_null (sw_auth_validate_session (fixture->store, token, &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS);
}

static void
test_sessions_sweep (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwUser) user = NULL;
  char *tokens[3];

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      tokens[i] = sw_auth_create_session (fixture->store, fixture->admin->id, NULL, &error);
      g_assert_no_error (error);
    }

  g_assert_cmpuint (sw_auth_sweep_sessions (fixture->store, &error), ==, 0);
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *hashed = sha256_hex (tokens[i]);

      exec_printf (fixture, "UPDATE sessions SET expires_at = '2001-02-03T04:05:06Z' "
                            "WHERE id = '%s'", hashed);
    }

  g_assert_cmpuint (sw_auth_sweep_sessions (fixture->store, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM sessions"), ==, 1);
  g_assert_cmpuint (sw_auth_sweep_sessions (fixture->store, &error), ==, 0);

  user = sw_auth_validate_session (fixture->store, tokens[2], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->id, ==, fixture->admin->id);
  g_assert_null (sw_auth_validate_session (fixture->store, tokens[0], NULL));

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    g_free (tokens[i]);
}

/* True when @needle occurs in the database file or its WAL. */
static gboolean
database_contains (Fixture    *fixture,
                   const char *needle)
{
  const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (fixture->path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      for (gsize at = 0; at + strlen (needle) <= length; at++)
        if (memcmp (contents + at, needle, strlen (needle)) == 0)
          return TRUE;
    }
  return FALSE;
}

static void
test_secrets_not_stored (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *session = NULL;
  g_autofree char *session_hash = NULL;
  g_autofree char *api_token = NULL;
  g_autofree char *api_token_hash = NULL;
  g_autoptr(SwUser) user = NULL;

  session = sw_auth_create_session (fixture->store, fixture->admin->id, NULL, &error);
  g_assert_no_error (error);
  api_token = sw_auth_create_token (fixture->store, fixture->admin->id, "backup script",
                                    SW_SCOPE_READ, NULL, &error);
  g_assert_no_error (error);
  session_hash = sha256_hex (session);
  api_token_hash = sha256_hex (api_token);

  /* Closed: every byte is in the database file or its WAL. */
  g_clear_object (&fixture->store);

  /* The search works: the hashes are there. */
  g_assert_true (database_contains (fixture, session_hash));
  g_assert_true (database_contains (fixture, api_token_hash));
  g_assert_true (database_contains (fixture, "backup script"));
  /* The secrets are not, nor the passwords. */
  g_assert_false (database_contains (fixture, session));
  g_assert_false (database_contains (fixture, api_token));
  g_assert_false (database_contains (fixture, api_token + 3));
  g_assert_false (database_contains (fixture, ADMIN_PASSWORD));
  g_assert_false (database_contains (fixture, OPERATOR_PASSWORD));

  /* And they still work after reopening. */
  fixture->store = sw_store_open (fixture->path, &error);
  g_assert_no_error (error);
  user = sw_auth_validate_session (fixture->store, session, &error);
  g_assert_no_error (error);
  g_clear_object (&user);
  user = sw_auth_validate_token (fixture->store, api_token, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->id, ==, fixture->admin->id);
}

/* API tokens ---------------------------------------------------------------------------- */

static void
test_scopes (void)
{
  struct
  {
    const char *text;
    SwScopes scopes;
  } good[] = {
    { "read", SW_SCOPE_READ },
    { "read,write", SW_SCOPE_READ | SW_SCOPE_WRITE },
    { " Admin , webhook ", SW_SCOPE_ADMIN | SW_SCOPE_WEBHOOK },
    { "write read", SW_SCOPE_READ | SW_SCOPE_WRITE },
    { "read,,read,\twrite\n", SW_SCOPE_READ | SW_SCOPE_WRITE },
    { "admin,webhook,write,read", SW_SCOPES_ALL },
    { "", 0 },
    { " , ", 0 },
    { NULL, 0 },
  };
  const char *bad[] = { "delete", "read,delete", "read;write", "reads", "*", "r\xc3" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      SwScopes scopes = 0xff;

      g_assert_true (sw_scopes_parse (good[i].text, &scopes, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (scopes, ==, good[i].scopes);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      SwScopes scopes = SW_SCOPE_WRITE;

      g_assert_false (sw_scopes_parse (bad[i], &scopes, &error));
      g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      /* Untouched on failure. */
      g_assert_cmpuint (scopes, ==, SW_SCOPE_WRITE);
    }
  {
    g_autoptr(GError) error = NULL;
    SwScopes scopes = 0;

    g_assert_false (sw_scopes_parse ("read,delete", &scopes, &error));
    g_assert_nonnull (strstr (error->message, "delete"));
  }

  /* Canonical order, and every subset round-trips. */
  {
    g_autofree char *all = sw_scopes_to_string (SW_SCOPES_ALL);
    g_autofree char *two = sw_scopes_to_string (SW_SCOPE_ADMIN | SW_SCOPE_READ);
    g_autofree char *none = sw_scopes_to_string (0);

    g_assert_cmpstr (all, ==, "read,write,webhook,admin");
    g_assert_cmpstr (two, ==, "read,admin");
    g_assert_cmpstr (none, ==, "");
  }
  for (guint subset = 0; subset <= SW_SCOPES_ALL; subset++)
    {
      g_autofree char *text = sw_scopes_to_string (subset);
      SwScopes parsed = 0xff;

      g_assert_true (sw_scopes_parse (text, &parsed, NULL));
      g_assert_cmpuint (parsed, ==, subset);
    }
}

static gboolean
is_token_plaintext (const char *plaintext)
{
  return g_str_has_prefix (plaintext, "sw_") && is_lower_hex (plaintext + 3, 40);
}

static void
test_tokens_create (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwApiToken) token = NULL;
  g_autofree char *plaintext = NULL;
  g_autofree char *other = NULL;
  g_autofree char *hashed = NULL;
  g_autofree char *longest_name = g_strnfill (100, 'n');
  g_autofree char *too_long_name = g_strnfill (101, 'n');
  g_autofree char *operator_token = NULL;

  plaintext = sw_auth_create_token (fixture->store, fixture->admin->id, "  Lidarr hook ",
                                    SW_SCOPE_WRITE | SW_SCOPE_READ, &token, &error);
  g_assert_no_error (error);
  g_assert_true (is_token_plaintext (plaintext));
  g_assert_cmpstr (token->name, ==, "Lidarr hook");
  g_assert_cmpstr (token->scopes, ==, "read,write");
  g_assert_cmpstr (token->status, ==, "active");
  g_assert_cmpstr (token->user_id, ==, fixture->admin->id);
  g_assert_nonnull (token->created_at);
  g_assert_null (token->revoked_at);
  g_assert_null (token->token_hash);

  /* Stored as its SHA-256 only. */
  hashed = sha256_hex (plaintext);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM api_tokens WHERE id = '%s' "
                                       "AND token_hash = '%s' AND scopes = 'read,write'",
                              token->id, hashed), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM api_tokens WHERE token_hash = '%s'",
                              plaintext), ==, 0);

  /* Audited. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE action = "
                                       "'token.create' AND token_id = '%s' AND token_name = "
                                       "'Lidarr hook' AND user_id = '%s'",
                              token->id, fixture->admin->id), ==, 1);

  /* Every token is different. */
  other = sw_auth_create_token (fixture->store, fixture->admin->id, "Lidarr hook",
                                SW_SCOPE_READ, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (other, !=, plaintext);

  g_free (other);
  other = sw_auth_create_token (fixture->store, fixture->admin->id, longest_name, SW_SCOPE_READ,
                                NULL, &error);
  g_assert_no_error (error);

  /* Refusals write nothing. */
  {
    struct
    {
      const char *user_id;
      const char *name;
      SwScopes scopes;
      int code;
    } bad[] = {
      { fixture->admin->id, "", SW_SCOPE_READ, SW_AUTH_ERROR_INVALID },
      { fixture->admin->id, "   ", SW_SCOPE_READ, SW_AUTH_ERROR_INVALID },
      { fixture->admin->id, NULL, SW_SCOPE_READ, SW_AUTH_ERROR_INVALID },
      { fixture->admin->id, too_long_name, SW_SCOPE_READ, SW_AUTH_ERROR_INVALID },
      { fixture->admin->id, "bell\a", SW_SCOPE_READ, SW_AUTH_ERROR_INVALID },
      { fixture->admin->id, "no scopes", 0, SW_AUTH_ERROR_INVALID },
      { fixture->admin->id, "unknown bit", SW_SCOPE_READ | (1 << 5), SW_AUTH_ERROR_INVALID },
      { fixture->operator->id, "operator admin", SW_SCOPE_ADMIN, SW_AUTH_ERROR_INVALID },
      { "no-such-user", "orphan", SW_SCOPE_READ, SW_AUTH_ERROR_NOT_FOUND },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *none = sw_auth_create_token (fixture->store, bad[i].user_id,
                                                      bad[i].name, bad[i].scopes, NULL,
                                                      &error);

        g_assert_error (error, SW_AUTH_ERROR, bad[i].code);
        g_assert_null (none);
        g_clear_error (&error);
      }
  }
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM api_tokens"), ==, 3);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log"), ==, 3);

  /* Operators get every other scope. */
  operator_token = sw_auth_create_token (fixture->store, fixture->operator->id, "operator",
                                         SW_SCOPE_READ | SW_SCOPE_WRITE | SW_SCOPE_WEBHOOK,
                                         NULL, &error);
  g_assert_no_error (error);
  g_assert_true (is_token_plaintext (operator_token));
}

static void
test_tokens_validate (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwApiToken) token = NULL;
  g_autoptr(SwUser) user = NULL;
  g_autofree char *plaintext = NULL;
  g_autofree char *token_id = NULL;
  g_autofree char *last_used = NULL;
  SwScopes scopes = 0;

  plaintext = sw_auth_create_token (fixture->store, fixture->operator->id, "webhooks",
                                    SW_SCOPE_WEBHOOK | SW_SCOPE_READ, &token, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM api_tokens WHERE id = '%s' AND "
                                       "last_used_at IS NULL", token->id), ==, 1);

  user = sw_auth_validate_token (fixture->store, plaintext, &scopes, &token_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->id, ==, fixture->operator->id);
  g_assert_cmpstr (user->role, ==, "operator");
  g_assert_cmpuint (scopes, ==, SW_SCOPE_WEBHOOK | SW_SCOPE_READ);
  g_assert_cmpstr (token_id, ==, token->id);
  g_clear_object (&user);

  /* The first use is recorded... */
  last_used = query_text (fixture, "SELECT last_used_at FROM api_tokens WHERE id = '%s'",
                          token->id);
  g_assert_nonnull (last_used);

  /* ...a use within the minute after it is not... */
  exec_printf (fixture, "UPDATE api_tokens SET last_used_at = "
                        "strftime ('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now', '-30 seconds') "
                        "WHERE id = '%s'", token->id);
  g_free (last_used);
  last_used = query_text (fixture, "SELECT last_used_at FROM api_tokens WHERE id = '%s'",
                          token->id);
  user = sw_auth_validate_token (fixture->store, plaintext, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&user);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM api_tokens WHERE id = '%s' AND "
                                       "last_used_at = '%s'", token->id, last_used), ==, 1);

  /* ...and one later is. */
  exec_printf (fixture, "UPDATE api_tokens SET last_used_at = '2020-01-01T00:00:00Z' "
                        "WHERE id = '%s'", token->id);
  user = sw_auth_validate_token (fixture->store, plaintext, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&user);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM api_tokens WHERE id = '%s' AND "
                                       "last_used_at > '2020-01-01T00:00:00Z'", token->id), ==, 1);

  /* Malformed and unknown tokens. */
  {
    g_autofree char *upper = g_ascii_strup (plaintext, -1);
    g_autofree char *unknown = g_strconcat ("sw_", "0123456789012345678901234567890123456789",
                                            NULL);
    g_autofree char *hash = sha256_hex (plaintext);
    g_autofree char *longer = g_strconcat (plaintext, "0", NULL);
    g_autofree char *shorter = g_strndup (plaintext, strlen (plaintext) - 1);
    const char *bad[] = { NULL, "", "sw_", plaintext + 3, upper, unknown, hash, longer,
                          shorter };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_null (sw_auth_validate_token (fixture->store, bad[i], NULL, NULL, &error));
        g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS);
        g_clear_error (&error);
      }
  }

  /* An inactive owner's token does not authenticate. */
  exec_printf (fixture, "UPDATE users SET is_active = 0 WHERE id = '%s'", fixture->operator->id);
  g_assert_null (sw_auth_validate_token (fixture->store, plaintext, NULL, NULL, &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS);
}

static void
test_tokens_list (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GPtrArray) none = NULL;
  const char *names[] = { "first", "second", "third" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *plaintext = sw_auth_create_token (fixture->store, fixture->admin->id,
                                                         names[i], SW_SCOPE_READ, NULL, &error);

      g_assert_no_error (error);
    }
  {
    g_autofree char *plaintext = sw_auth_create_token (fixture->store, fixture->operator->id,
                                                       "someone else's", SW_SCOPE_READ, NULL,
                                                       &error);
    g_assert_no_error (error);
  }

  tokens = sw_auth_list_tokens (fixture->store, fixture->admin->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tokens->len, ==, 3);
  for (guint i = 0; i < tokens->len; i++)
    {
      SwApiToken *token = g_ptr_array_index (tokens, i);
      g_autoptr(JsonNode) json = sw_api_token_to_json (token);
      JsonObject *object = json_node_get_object (json);

      /* Newest first. */
      g_assert_cmpstr (token->name, ==, names[2 - i]);
      g_assert_cmpstr (token->user_id, ==, fixture->admin->id);
      g_assert_cmpstr (token->status, ==, "active");
      g_assert_null (token->token_hash);
      g_assert_true (json_object_has_member (object, "id"));
      g_assert_cmpstr (json_object_get_string_member (object, "scopes"), ==, "read");
      g_assert_false (json_object_has_member (object, "token_hash"));
      g_assert_false (json_object_has_member (object, "token"));
    }

  none = sw_auth_list_tokens (fixture->store, "no-such-user", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_tokens_revoke_delete (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwApiToken) token = NULL;
  g_autoptr(SwApiToken) kept = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autofree char *plaintext = NULL;
  g_autofree char *kept_plaintext = NULL;
  g_autofree char *revoked_at = NULL;

  plaintext = sw_auth_create_token (fixture->store, fixture->admin->id, "old laptop",
                                    SW_SCOPE_READ, &token, &error);
  g_assert_no_error (error);
  kept_plaintext = sw_auth_create_token (fixture->store, fixture->admin->id, "new laptop",
                                         SW_SCOPE_READ, &kept, &error);
  g_assert_no_error (error);

  /* Only revoked tokens can be deleted; only the owner can do either. */
  g_assert_false (sw_auth_delete_token (fixture->store, fixture->admin->id, token->id, &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (sw_auth_revoke_token (fixture->store, fixture->operator->id, token->id,
                                        &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sw_auth_revoke_token (fixture->store, fixture->admin->id, "no-such-token",
                                        &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (sw_auth_revoke_token (fixture->store, fixture->admin->id, token->id, &error));
  g_assert_no_error (error);
  revoked_at = query_text (fixture, "SELECT revoked_at FROM api_tokens WHERE id = '%s' "
                                    "AND status = 'revoked'", token->id);
  g_assert_nonnull (revoked_at);
  g_assert_null (sw_auth_validate_token (fixture->store, plaintext, NULL, NULL, &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_REVOKED);
  g_clear_error (&error);
  g_assert_false (sw_auth_revoke_token (fixture->store, fixture->admin->id, token->id, &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE action = "
                                       "'token.revoke' AND token_id = '%s' AND token_name = "
                                       "'old laptop'", token->id), ==, 1);

  tokens = sw_auth_list_tokens (fixture->store, fixture->admin->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tokens->len, ==, 2);
  g_assert_cmpstr (((SwApiToken *) tokens->pdata[1])->status, ==, "revoked");
  g_assert_cmpstr (((SwApiToken *) tokens->pdata[1])->revoked_at, ==, revoked_at);
  g_clear_pointer (&tokens, g_ptr_array_unref);

  g_assert_false (sw_auth_delete_token (fixture->store, fixture->operator->id, token->id,
                                        &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (sw_auth_delete_token (fixture->store, fixture->admin->id, token->id, &error));
  g_assert_no_error (error);

  /* Gone, and nothing in the audit log names it any more. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM api_tokens WHERE id = '%s'",
                              token->id), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE token_id = '%s' "
                                       "OR token_name = 'old laptop' "
                                       "OR detail LIKE '%%old laptop%%'", token->id), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE token_id IS NULL "
                                       "AND token_name = '' AND user_id = '%s' AND action IN "
                                       "('token.create', 'token.revoke', 'token.delete')",
                              fixture->admin->id), ==, 3);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE action = "
                                       "'token.delete'"), ==, 1);
  /* The other token's history is untouched. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE token_id = '%s' "
                                       "AND token_name = 'new laptop'", kept->id), ==, 1);

  g_assert_false (sw_auth_delete_token (fixture->store, fixture->admin->id, token->id, &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sw_auth_validate_token (fixture->store, plaintext, NULL, NULL, &error));
  g_assert_error (error, SW_AUTH_ERROR, SW_AUTH_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);

  tokens = sw_auth_list_tokens (fixture->store, fixture->admin->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tokens->len, ==, 1);
  g_assert_cmpstr (((SwApiToken *) tokens->pdata[0])->id, ==, kept->id);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/auth/password/hash", test_password_hash);
  g_test_add_func ("/auth/password/long", test_password_long);
  g_test_add_func ("/auth/password/policy", test_password_policy);
  g_test_add ("/auth/setup/once", Fixture, NULL, fixture_setup_empty, test_setup_once,
              fixture_teardown);
  g_test_add_func ("/auth/setup/race", test_setup_race);
  g_test_add ("/auth/users/create", Fixture, NULL, fixture_setup_users, test_users_create,
              fixture_teardown);
  g_test_add ("/auth/users/login", Fixture, NULL, fixture_setup_users, test_login,
              fixture_teardown);
  g_test_add ("/auth/sessions/lifecycle", Fixture, NULL, fixture_setup_users,
              test_sessions_lifecycle, fixture_teardown);
  g_test_add ("/auth/sessions/users", Fixture, NULL, fixture_setup_users, test_sessions_users,
              fixture_teardown);
  g_test_add ("/auth/sessions/cache", Fixture, NULL, fixture_setup_users,
              test_sessions_cache_follows_changes, fixture_teardown);
  g_test_add ("/auth/sessions/expired", Fixture, NULL, fixture_setup_users,
              test_sessions_expired, fixture_teardown);
  g_test_add ("/auth/sessions/sweep", Fixture, NULL, fixture_setup_users, test_sessions_sweep,
              fixture_teardown);
  g_test_add ("/auth/secrets-not-stored", Fixture, NULL, fixture_setup_users,
              test_secrets_not_stored, fixture_teardown);
  g_test_add_func ("/auth/tokens/scopes", test_scopes);
  g_test_add ("/auth/tokens/create", Fixture, NULL, fixture_setup_users, test_tokens_create,
              fixture_teardown);
  g_test_add ("/auth/tokens/validate", Fixture, NULL, fixture_setup_users,
              test_tokens_validate, fixture_teardown);
  g_test_add ("/auth/tokens/list", Fixture, NULL, fixture_setup_users, test_tokens_list,
              fixture_teardown);
  g_test_add ("/auth/tokens/revoke-delete", Fixture, NULL, fixture_setup_users,
              test_tokens_revoke_delete, fixture_teardown);

  return g_test_run ();
}

/* test-secrets.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sw-secrets.h"
#include "sw-store.h"
#include "sw-test-util.h"

#define PLAINTEXT "fanart-7f3a9c1e5b2d4068a1b3c5d7e9f10234-secret"

/* Defined here again, not taken from sw_secrets_get_schema(): the keyring tests check
 * the items against the schema as specified. */
static const SecretSchema expected_schema = {
  "io.github.stillwater.Stillwater.Secret",
  SECRET_SCHEMA_DONT_MATCH_NAME,
  {
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

typedef struct
{
  char *root;
  char *data_dir;
  char *db_path;
  char *key_path;
  SwStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  f->root = sw_test_make_temp_dir ();
  /* Not created here: the fallback creates the data directory itself. */
  f->data_dir = g_build_filename (f->root, "data", NULL);
  f->db_path = g_build_filename (f->root, "stillwater.db", NULL);
  f->key_path = g_build_filename (f->data_dir, "secrets.key", NULL);
  f->store = sw_store_open (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_clear_object (&f->store);
  sw_test_remove_tree (f->root);
  g_free (f->root);
  g_free (f->data_dir);
  g_free (f->db_path);
  g_free (f->key_path);
}

static SwSecrets *
open_fallback (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SwSecrets *secrets;

  secrets = sw_secrets_new_sync (f->store, f->data_dir, SW_SECRETS_BACKEND_PREFERENCE_FILE,
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (secrets);
  g_assert_cmpint (sw_secrets_get_backend (secrets), ==, SW_SECRETS_BACKEND_ENCRYPTED_DATABASE);
  return secrets;
}

/* Raw access to the secrets table ----------------------------------------------------- */

typedef struct
{
  const char *kind;
  const char *id;
  GBytes *nonce;
  GBytes *ciphertext;
  int rows;
} RawRow;

static gboolean
read_raw (SwStore   *store,
          gpointer   user_data,
          GError   **error)
{
  RawRow *row = user_data;
  g_autoptr(SwStmt) stmt = NULL;

  stmt = sw_store_prepare (store, "SELECT nonce, ciphertext FROM secrets "
                           "WHERE kind = ?1 AND id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sw_stmt_bind_text (stmt, 1, row->kind);
  sw_stmt_bind_text (stmt, 2, row->id);
  while (sw_store_step (store, stmt, error))
    {
      row->rows++;
      g_clear_pointer (&row->nonce, g_bytes_unref);
      g_clear_pointer (&row->ciphertext, g_bytes_unref);
      row->nonce = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      row->ciphertext = g_bytes_new (sqlite3_column_blob (stmt, 1),
                                     sqlite3_column_bytes (stmt, 1));
    }
  return error == NULL || *error == NULL;
}

static void
raw_row_get (SwStore    *store,
             const char *kind,
             const char *id,
             GBytes    **nonce,
             GBytes    **ciphertext)
{
  g_autoptr(GError) error = NULL;
  RawRow row = { kind, id, NULL, NULL, 0 };

  g_assert_true (sw_store_read (store, read_raw, &row, &error));
  g_assert_no_error (error);
  g_assert_cmpint (row.rows, ==, 1);
  *nonce = row.nonce;
  *ciphertext = row.ciphertext;
}

static int
raw_row_count (SwStore    *store,
               const char *kind,
               const char *id)
{
  g_autoptr(GError) error = NULL;
  RawRow row = { kind, id, NULL, NULL, 0 };

  g_assert_true (sw_store_read (store, read_raw, &row, &error));
  g_assert_no_error (error);
  g_clear_pointer (&row.nonce, g_bytes_unref);
  g_clear_pointer (&row.ciphertext, g_bytes_unref);
  return row.rows;
}

typedef struct
{
  const char *sql;
  const char *text[4];
  GBytes *blob; /* bound as ?5 when set */
} RawWrite;

static gboolean
write_raw (SwStore   *store,
           gpointer   user_data,
           GError   **error)
{
  RawWrite *w = user_data;
  g_autoptr(SwStmt) stmt = NULL;

  stmt = sw_store_prepare (store, w->sql, error);
  if (stmt == NULL)
    return FALSE;
  for (int i = 0; i < 4; i++)
    if (w->text[i] != NULL)
      sw_stmt_bind_text (stmt, i + 1, w->text[i]);
  if (w->blob != NULL)
    {
      gsize size;
      gconstpointer data = g_bytes_get_data (w->blob, &size);

      /* An empty GBytes has no data pointer, which would bind NULL. */
      if (size == 0)
        g_assert_cmpint (sqlite3_bind_zeroblob (stmt, 5, 0), ==, SQLITE_OK);
      else
        g_assert_cmpint (sqlite3_bind_blob (stmt, 5, data, (int) size, SQLITE_TRANSIENT), ==,
                         SQLITE_OK);
    }
  return sw_store_run (store, stmt, error);
}

static void
raw_write (SwStore  *store,
           RawWrite *w)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = sw_store_write (store, write_raw, w, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
raw_set_column (SwStore    *store,
                const char *kind,
                const char *id,
                const char *column,
                GBytes     *value)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE secrets SET %s = ?5 "
                                          "WHERE kind = ?1 AND id = ?2", column);
  RawWrite w = { sql, { kind, id, NULL, NULL }, value };

  raw_write (store, &w);
}

/* Copies the sealed value of one row into another (kind, id). */
static void
raw_copy_row (SwStore    *store,
              const char *from_kind,
              const char *from_id,
              const char *to_kind,
              const char *to_id)
{
  RawWrite w = {
    "INSERT OR REPLACE INTO secrets (kind, id, nonce, ciphertext, updated_at) "
    "SELECT ?3, ?4, nonce, ciphertext, updated_at FROM secrets WHERE kind = ?1 AND id = ?2",
    { from_kind, from_id, to_kind, to_id },
    NULL,
  };

  raw_write (store, &w);
}

/* memmem() needs _GNU_SOURCE. */
static gboolean
memory_contains (const void *haystack,
                 gsize       size,
                 const char *needle)
{
  const char *data = haystack;
  gsize needle_length = strlen (needle);

  for (gsize i = 0; data != NULL && i + needle_length <= size; i++)
    if (memcmp (data + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return memory_contains (data, size, needle);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memory_contains (contents, length, needle);
}

static void
assert_lookup (SwSecrets  *secrets,
               const char *kind,
               const char *id,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwSecretValue) value = sw_secrets_lookup_sync (secrets, kind, id, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, expected);
}

static void
assert_lookup_fails (SwSecrets  *secrets,
                     const char *kind,
                     const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwSecretValue) value = sw_secrets_lookup_sync (secrets, kind, id, NULL, &error);

  g_assert_error (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_DECRYPT);
  g_assert_null (value);
  /* The message names the row, never a value. */
  g_assert_nonnull (strstr (error->message, id));
  g_assert_null (strstr (error->message, PLAINTEXT));
}

static void
store_ok (SwSecrets  *secrets,
          const char *kind,
          const char *id,
          const char *label,
          const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sw_secrets_store_sync (secrets, kind, id, label, value, NULL, &error));
  g_assert_no_error (error);
}

static void
delete_ok (SwSecrets  *secrets,
           const char *kind,
           const char *id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sw_secrets_delete_sync (secrets, kind, id, NULL, &error));
  g_assert_no_error (error);
}

/* Encrypted-database backend ------------------------------------------------------------ */

static void
test_fallback_round_trip (Fixture       *f,
                          gconstpointer  user_data)
{
  g_autoptr(SwSecrets) secrets = open_fallback (f);
  SwSecretsBackend backend = SW_SECRETS_BACKEND_SECRET_SERVICE;

  g_assert_cmpstr (sw_secrets_get_backend_name (secrets), ==, "encrypted-database");
  g_object_get (secrets, "backend", &backend, NULL);
  g_assert_cmpint (backend, ==, SW_SECRETS_BACKEND_ENCRYPTED_DATABASE);
  /* Asked for explicitly: no fallback to explain. */
  g_assert_null (sw_secrets_get_fallback_reason (secrets));

  store_ok (secrets, "provider", "fanarttv", "Stillwater: fanarttv API key", PLAINTEXT);
  assert_lookup (secrets, "provider", "fanarttv", PLAINTEXT);

  /* Overwrite: one row, the new value. */
  store_ok (secrets, "provider", "fanarttv", NULL, "second value");
  assert_lookup (secrets, "provider", "fanarttv", "second value");
  g_assert_cmpint (raw_row_count (f->store, "provider", "fanarttv"), ==, 1);

  /* Same id under another kind is another secret. */
  store_ok (secrets, "connection", "fanarttv", NULL, "other");
  assert_lookup (secrets, "provider", "fanarttv", "second value");
  assert_lookup (secrets, "connection", "fanarttv", "other");

  /* Non-ASCII survives. */
  store_ok (secrets, "connection", "0b6f…ü", NULL, "pässwörd ✓");
  assert_lookup (secrets, "connection", "0b6f…ü", "pässwörd ✓");

  delete_ok (secrets, "provider", "fanarttv");
  assert_lookup (secrets, "provider", "fanarttv", NULL);
  g_assert_cmpint (raw_row_count (f->store, "provider", "fanarttv"), ==, 0);
  assert_lookup (secrets, "connection", "fanarttv", "other");

  /* Deleting what is not there is not an error. */
  delete_ok (secrets, "provider", "fanarttv");
}

static void
test_fallback_missing (Fixture       *f,
                       gconstpointer  user_data)
{
  g_autoptr(SwSecrets) secrets = open_fallback (f);

  assert_lookup (secrets, "provider", "never-stored", NULL);
}

static void
test_fallback_ciphertext (Fixture       *f,
                          gconstpointer  user_data)
{
  g_autoptr(SwSecrets) secrets = open_fallback (f);
  g_autoptr(GBytes) nonce = NULL;
  g_autoptr(GBytes) ciphertext = NULL;
  g_autoptr(GBytes) nonce2 = NULL;
  g_autoptr(GBytes) ciphertext2 = NULL;
  g_autofree char *wal_path = g_strconcat (f->db_path, "-wal", NULL);

  store_ok (secrets, "provider", "fanarttv", NULL, PLAINTEXT);

  raw_row_get (f->store, "provider", "fanarttv", &nonce, &ciphertext);
  g_assert_cmpuint (g_bytes_get_size (nonce), ==, 24);
  /* XChaCha20-Poly1305: same length as the value plus a 16-byte tag. */
  g_assert_cmpuint (g_bytes_get_size (ciphertext), ==, strlen (PLAINTEXT) + 16);
  g_assert_false (bytes_contain (ciphertext, PLAINTEXT));
  g_assert_false (bytes_contain (ciphertext, "fanart-7f3a9c1e"));

  /* Nor anywhere in the database files. */
  g_assert_false (file_contains (f->db_path, "fanart-7f3a9c1e"));
  g_assert_false (file_contains (wal_path, "fanart-7f3a9c1e"));

  /* A fresh nonce every time: storing the same value again changes both columns. */
  store_ok (secrets, "provider", "fanarttv", NULL, PLAINTEXT);
  raw_row_get (f->store, "provider", "fanarttv", &nonce2, &ciphertext2);
  g_assert_false (g_bytes_equal (nonce, nonce2));
  g_assert_false (g_bytes_equal (ciphertext, ciphertext2));
}

static void
test_fallback_key_file (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autoptr(SwSecrets) secrets = NULL;
  g_autofree char *key = NULL;
  gsize key_length = 0;
  struct stat st;
  mode_t old_umask;

  g_assert_false (g_file_test (f->key_path, G_FILE_TEST_EXISTS));

  /* Even under an odd umask the key file ends up exactly 0600. */
  old_umask = umask (0277);
  secrets = open_fallback (f);
  umask (old_umask);

  g_assert_cmpint (g_lstat (f->key_path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  g_assert_cmpint (st.st_size, ==, 32);
  g_assert_cmpint (st.st_uid, ==, geteuid ());

  /* The data directory it created is private too. */
  g_assert_cmpint (g_stat (f->data_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_true (g_file_get_contents (f->key_path, &key, &key_length, NULL));
  g_assert_cmpuint (key_length, ==, 32);
}

static void
test_fallback_tampered (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autoptr(SwSecrets) secrets = open_fallback (f);
  g_autoptr(GBytes) nonce = NULL;
  g_autoptr(GBytes) ciphertext = NULL;
  g_autoptr(GBytes) flipped = NULL;
  g_autoptr(GBytes) flipped_nonce = NULL;
  g_autoptr(GBytes) short_ciphertext = NULL;
  g_autoptr(GBytes) short_nonce = NULL;
  g_autofree guint8 *data = NULL;
  gconstpointer bytes_data;
  gsize size;

  store_ok (secrets, "provider", "fanarttv", NULL, PLAINTEXT);
  raw_row_get (f->store, "provider", "fanarttv", &nonce, &ciphertext);

  /* One bit of the ciphertext. */
  bytes_data = g_bytes_get_data (ciphertext, &size);
  data = g_memdup2 (bytes_data, size);
  data[3] ^= 0x01;
  flipped = g_bytes_new (data, size);
  raw_set_column (f->store, "provider", "fanarttv", "ciphertext", flipped);
  assert_lookup_fails (secrets, "provider", "fanarttv");

  /* One bit of the tag (the last byte). */
  data[3] ^= 0x01;
  data[size - 1] ^= 0x80;
  g_clear_pointer (&flipped, g_bytes_unref);
  flipped = g_bytes_new (data, size);
  raw_set_column (f->store, "provider", "fanarttv", "ciphertext", flipped);
  assert_lookup_fails (secrets, "provider", "fanarttv");

  /* The original ciphertext with one bit of the nonce changed. */
  raw_set_column (f->store, "provider", "fanarttv", "ciphertext", ciphertext);
  assert_lookup (secrets, "provider", "fanarttv", PLAINTEXT);
  g_clear_pointer (&data, g_free);
  bytes_data = g_bytes_get_data (nonce, &size);
  data = g_memdup2 (bytes_data, size);
  data[0] ^= 0x01;
  flipped_nonce = g_bytes_new (data, size);
  raw_set_column (f->store, "provider", "fanarttv", "nonce", flipped_nonce);
  assert_lookup_fails (secrets, "provider", "fanarttv");

  /* Truncated columns are an error, not a crash. */
  raw_set_column (f->store, "provider", "fanarttv", "nonce", nonce);
  short_ciphertext = g_bytes_new ("abc", 3);
  raw_set_column (f->store, "provider", "fanarttv", "ciphertext", short_ciphertext);
  assert_lookup_fails (secrets, "provider", "fanarttv");
  raw_set_column (f->store, "provider", "fanarttv", "ciphertext", ciphertext);
  short_nonce = g_bytes_new ("", 0);
  raw_set_column (f->store, "provider", "fanarttv", "nonce", short_nonce);
  assert_lookup_fails (secrets, "provider", "fanarttv");

  /* Restored, it reads again: nothing else was damaged. */
  raw_set_column (f->store, "provider", "fanarttv", "nonce", nonce);
  assert_lookup (secrets, "provider", "fanarttv", PLAINTEXT);
}

static void
test_fallback_moved_row (Fixture       *f,
                         gconstpointer  user_data)
{
  g_autoptr(SwSecrets) secrets = open_fallback (f);

  store_ok (secrets, "provider", "fanarttv", NULL, PLAINTEXT);
  store_ok (secrets, "provider", "musicbrainz", NULL, "mb-value");

  /* Another id, same kind: overwriting an existing row. */
  raw_copy_row (f->store, "provider", "fanarttv", "provider", "musicbrainz");
  assert_lookup_fails (secrets, "provider", "musicbrainz");

  /* Another kind, same id. */
  raw_copy_row (f->store, "provider", "fanarttv", "connection", "fanarttv");
  assert_lookup_fails (secrets, "connection", "fanarttv");

  /* The boundary between kind and id is part of the binding. */
  store_ok (secrets, "provider", "ab", NULL, "boundary");
  raw_copy_row (f->store, "provider", "ab", "providera", "b");
  assert_lookup_fails (secrets, "providera", "b");

  /* The original is still fine. */
  assert_lookup (secrets, "provider", "fanarttv", PLAINTEXT);
  assert_lookup (secrets, "provider", "ab", "boundary");
}

static void
assert_key_file_refused (Fixture    *f,
                         const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwSecrets) secrets = NULL;

  g_test_message ("key file: %s", what);
  secrets = sw_secrets_new_sync (f->store, f->data_dir, SW_SECRETS_BACKEND_PREFERENCE_FILE,
                                 NULL, &error);
  g_assert_error (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_KEY_FILE);
  g_assert_null (secrets);
  g_assert_nonnull (strstr (error->message, f->key_path));
}

static void
test_fallback_unsafe_key_file (Fixture       *f,
                               gconstpointer  user_data)
{
  g_autoptr(SwSecrets) secrets = open_fallback (f);
  g_autofree char *key = NULL;
  g_autofree char *elsewhere = g_build_filename (f->root, "elsewhere.key", NULL);
  gsize key_length;

  g_assert_true (sw_secrets_store_sync (secrets, "provider", "fanarttv", NULL, PLAINTEXT,
                                        NULL, NULL));
  g_clear_object (&secrets);
  g_assert_true (g_file_get_contents (f->key_path, &key, &key_length, NULL));

  g_assert_cmpint (g_chmod (f->key_path, 0644), ==, 0);
  assert_key_file_refused (f, "world-readable");
  g_assert_cmpint (g_chmod (f->key_path, 0640), ==, 0);
  assert_key_file_refused (f, "group-readable");
  g_assert_cmpint (g_chmod (f->key_path, 0602), ==, 0);
  assert_key_file_refused (f, "world-writable");

  /* The refused file was left alone: fixing the mode makes everything readable again. */
  g_assert_cmpint (g_chmod (f->key_path, 0600), ==, 0);
  secrets = open_fallback (f);
  assert_lookup (secrets, "provider", "fanarttv", PLAINTEXT);
  g_clear_object (&secrets);

  /* Wrong sizes. */
  g_assert_true (g_file_set_contents_full (f->key_path, key, 31,
                                           G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
  assert_key_file_refused (f, "31 bytes");
  g_assert_true (g_file_set_contents_full (f->key_path, "", 0,
                                           G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
  assert_key_file_refused (f, "empty");
  g_assert_true (g_file_set_contents_full (f->key_path, PLAINTEXT, -1,
                                           G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
  assert_key_file_refused (f, "too long");

  /* Not a regular file. */
  g_assert_cmpint (g_unlink (f->key_path), ==, 0);
  g_assert_true (g_file_set_contents_full (elsewhere, key, 32,
                                           G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
  g_assert_cmpint (symlink (elsewhere, f->key_path), ==, 0);
  assert_key_file_refused (f, "symbolic link");
  g_assert_cmpint (g_unlink (f->key_path), ==, 0);
  g_assert_cmpint (g_mkdir (f->key_path, 0700), ==, 0);
  assert_key_file_refused (f, "directory");
  g_assert_cmpint (g_rmdir (f->key_path), ==, 0);
}

static void
test_fallback_persistence (Fixture       *f,
                           gconstpointer  user_data)
{
  g_autoptr(SwSecrets) first = open_fallback (f);
  g_autoptr(SwSecrets) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key_before = NULL;
  g_autofree char *key_after = NULL;

  store_ok (first, "provider", "fanarttv", NULL, PLAINTEXT);
  store_ok (first, "connection", "c6a0e4f8", NULL, "emby-key");
  g_assert_true (g_file_get_contents (f->key_path, &key_before, NULL, NULL));
  g_clear_object (&first);

  /* A new store and a new SwSecrets over the same files, as after a restart. */
  g_clear_object (&f->store);
  f->store = sw_store_open (f->db_path, &error);
  g_assert_no_error (error);
  second = open_fallback (f);
  assert_lookup (second, "provider", "fanarttv", PLAINTEXT);
  assert_lookup (second, "connection", "c6a0e4f8", "emby-key");
  g_assert_true (g_file_get_contents (f->key_path, &key_after, NULL, NULL));
  g_assert_cmpmem (key_before, 32, key_after, 32);
}

/* A lost key file: a new key is made (with a warning), the old rows fail to decrypt
 * instead of reading as garbage, and storing again repairs them. In a subprocess, to
 * see the warning: g_test_expect_message() misses structured logging in GLib 2.74. */
static void
test_fallback_lost_key (Fixture       *f,
                        gconstpointer  user_data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(SwSecrets) first = open_fallback (f);
      g_autoptr(SwSecrets) second = NULL;

      g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

      store_ok (first, "provider", "fanarttv", NULL, PLAINTEXT);
      store_ok (first, "connection", "c6a0e4f8", NULL, "emby-key");
      g_clear_object (&first);

      g_assert_cmpint (g_unlink (f->key_path), ==, 0);
      second = open_fallback (f);
      assert_lookup_fails (second, "provider", "fanarttv");
      store_ok (second, "provider", "fanarttv", NULL, "re-entered");
      assert_lookup (second, "provider", "fanarttv", "re-entered");
      assert_lookup_fails (second, "connection", "c6a0e4f8");
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*WARNING*2 secrets sealed with a previous key*");
  g_test_trap_assert_stderr_unmatched ("*" PLAINTEXT "*");
}

typedef enum
{
  CALL_STORE,
  CALL_LOOKUP,
  CALL_DELETE,
} Call;

static void
test_invalid_arguments (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autoptr(SwSecrets) secrets = open_fallback (f);
  g_autofree char *long_id = g_strnfill (257, 'a');
  g_autofree char *long_value = g_strnfill (64 * 1024 + 1, 'v');
  /* Values (the last three) are never echoed in the message; @hidden is the part that
   * must not appear. */
  const struct
  {
    Call call;
    const char *kind;
    const char *id;
    const char *value;
    const char *hidden;
  } cases[] = {
    { CALL_STORE, "", "x", "v", NULL },
    { CALL_STORE, "Provider", "x", "v", NULL },
    { CALL_STORE, "pro vider", "x", "v", NULL },
    { CALL_STORE, "provider/x", "x", "v", NULL },
    { CALL_STORE, "k\xc3\xa9", "x", "v", NULL },
    { CALL_STORE, "provider", "", "v", NULL },
    { CALL_STORE, "provider", long_id, "v", NULL },
    { CALL_STORE, "provider", "\xff", "v", NULL },
    { CALL_LOOKUP, "", "x", NULL, NULL },
    { CALL_DELETE, "provider", "", NULL, NULL },
    { CALL_STORE, "provider", "x", "", NULL },
    { CALL_STORE, "provider", "x", long_value, "vvvv" },
    { CALL_STORE, "provider", "x", "bad\xfe", "bad" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SwSecretValue) value = NULL;
      gboolean ok = FALSE;

      g_test_message ("invalid arguments, case %" G_GSIZE_FORMAT, i);
      if (cases[i].call == CALL_STORE)
        ok = sw_secrets_store_sync (secrets, cases[i].kind, cases[i].id, NULL, cases[i].value,
                                    NULL, &error);
      else if (cases[i].call == CALL_LOOKUP)
        ok = (value = sw_secrets_lookup_sync (secrets, cases[i].kind, cases[i].id, NULL,
                                              &error)) != NULL;
      else
        ok = sw_secrets_delete_sync (secrets, cases[i].kind, cases[i].id, NULL, &error);

      g_assert_false (ok);
      g_assert_error (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_INVALID);
      if (cases[i].hidden != NULL)
        g_assert_null (strstr (error->message, cases[i].hidden));
    }

  /* Nothing was written. */
  g_assert_cmpint (raw_row_count (f->store, "provider", "x"), ==, 0);
}

/* Asynchronous API ---------------------------------------------------------------------- */

typedef struct
{
  GMainLoop *loop;
  GAsyncResult *result;
  guint pending;
} Waiter;

static void
on_ready (GObject      *source_object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Waiter *w = user_data;

  g_assert_null (w->result);
  w->result = g_object_ref (result);
  g_main_loop_quit (w->loop);
}

static GAsyncResult *
wait_for_result (Waiter *w)
{
  g_main_loop_run (w->loop);
  g_assert_nonnull (w->result);
  return g_steal_pointer (&w->result);
}

static SwSecrets *
new_async_and_wait (Waiter                     *w,
                    SwStore                    *store,
                    const char                 *data_dir,
                    SwSecretsBackendPreference  preference,
                    GCancellable               *cancellable,
                    GError                    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sw_secrets_new_async (store, data_dir, preference, cancellable, on_ready, w);
  result = wait_for_result (w);
  return sw_secrets_new_finish (result, error);
}

static void
store_async_ok (Waiter     *w,
                SwSecrets  *secrets,
                const char *kind,
                const char *id,
                const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  sw_secrets_store (secrets, kind, id, "Stillwater: async test", value, NULL, on_ready, w);
  result = wait_for_result (w);
  g_assert_true (sw_secrets_store_finish (secrets, result, &error));
  g_assert_no_error (error);
}

static void
assert_lookup_async (Waiter     *w,
                     SwSecrets  *secrets,
                     const char *kind,
                     const char *id,
                     const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SwSecretValue) value = NULL;

  sw_secrets_lookup (secrets, kind, id, NULL, on_ready, w);
  result = wait_for_result (w);
  value = sw_secrets_lookup_finish (secrets, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, expected);
}

static void
delete_async_ok (Waiter     *w,
                 SwSecrets  *secrets,
                 const char *kind,
                 const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  sw_secrets_delete (secrets, kind, id, NULL, on_ready, w);
  result = wait_for_result (w);
  g_assert_true (sw_secrets_delete_finish (secrets, result, &error));
  g_assert_no_error (error);
}

/* Store, overwrite, look up, delete, look up again: all through the async calls. */
static void
exercise_async (Waiter     *w,
                SwSecrets  *secrets,
                const char *kind,
                const char *id)
{
  store_async_ok (w, secrets, kind, id, "first");
  store_async_ok (w, secrets, kind, id, PLAINTEXT);
  assert_lookup_async (w, secrets, kind, id, PLAINTEXT);
  delete_async_ok (w, secrets, kind, id);

  /* Absent: NULL without an error, and deleting again succeeds. */
  assert_lookup_async (w, secrets, kind, id, NULL);
  delete_async_ok (w, secrets, kind, id);

  /* Invalid input is reported through the callback too. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GAsyncResult) result = NULL;

    sw_secrets_store (secrets, kind, id, NULL, "", NULL, on_ready, w);
    result = wait_for_result (w);
    g_assert_false (sw_secrets_store_finish (secrets, result, &error));
    g_assert_error (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_INVALID);
  }
}

static void
on_many_ready (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Waiter *w = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (sw_secrets_store_finish (SW_SECRETS (source_object), result, &error));
  g_assert_no_error (error);
  if (--w->pending == 0)
    g_main_loop_quit (w->loop);
}

static void
test_fallback_async (Fixture       *f,
                     gconstpointer  user_data)
{
  Waiter w = { g_main_loop_new (NULL, FALSE), NULL, 0 };
  g_autoptr(SwSecrets) secrets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(SwSecrets) none = NULL;

  secrets = new_async_and_wait (&w, f->store, f->data_dir, SW_SECRETS_BACKEND_PREFERENCE_FILE,
                                NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sw_secrets_get_backend (secrets), ==, SW_SECRETS_BACKEND_ENCRYPTED_DATABASE);

  exercise_async (&w, secrets, "provider", "fanarttv");

  /* Many at once, from the worker pool's threads. */
  for (guint i = 0; i < 16; i++)
    {
      g_autofree char *id = g_strdup_printf ("id-%u", i);
      g_autofree char *value = g_strdup_printf ("value-%u", i);

      w.pending++;
      sw_secrets_store (secrets, "connection", id, NULL, value, NULL, on_many_ready, &w);
    }
  g_main_loop_run (w.loop);
  g_assert_cmpuint (w.pending, ==, 0);
  for (guint i = 0; i < 16; i++)
    {
      g_autofree char *id = g_strdup_printf ("id-%u", i);
      g_autofree char *value = g_strdup_printf ("value-%u", i);

      assert_lookup (secrets, "connection", id, value);
    }

  /* A cancelled constructor reports the cancellation. */
  g_cancellable_cancel (cancelled);
  none = new_async_and_wait (&w, f->store, f->data_dir, SW_SECRETS_BACKEND_PREFERENCE_AUTO,
                             cancelled, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (none);

  g_main_loop_unref (w.loop);
}

/* Secret Service backend ---------------------------------------------------------------- */

/* tools/test sets up a keyring; elsewhere the keyring tests skip. */
static SwSecrets *
open_service_or_skip (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwSecrets) secrets = NULL;
  const char *reason;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      reason = "DBUS_SESSION_BUS_ADDRESS is not set";
    }
  else
    {
      /* AUTO, not SERVICE: it never prompts, and a locked keyring just means a skip. */
      secrets = sw_secrets_new_sync (f->store, f->data_dir, SW_SECRETS_BACKEND_PREFERENCE_AUTO,
                                     NULL, &error);
      g_assert_no_error (error);
      if (sw_secrets_get_backend (secrets) == SW_SECRETS_BACKEND_SECRET_SERVICE)
        {
          g_assert_cmpstr (sw_secrets_get_backend_name (secrets), ==, "secret-service");
          g_assert_null (sw_secrets_get_fallback_reason (secrets));
          return g_steal_pointer (&secrets);
        }
      reason = sw_secrets_get_fallback_reason (secrets);
    }

  if (g_strcmp0 (g_getenv ("SW_TEST_REQUIRE_SECRET_SERVICE"), "1") == 0)
    g_error ("No usable Secret Service: %s", reason);

  g_test_skip_printf ("No usable Secret Service: %s", reason);
  return NULL;
}

static GList *
search_keyring (const char *kind,
                const char *id)
{
  g_autoptr(GHashTable) attributes = secret_attributes_build (&expected_schema,
                                                              "kind", kind, "id", id, NULL);
  g_autoptr(GError) error = NULL;
  GList *items;

  items = secret_service_search_sync (NULL, &expected_schema, attributes,
                                      SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  return items;
}

static void
test_service_round_trip (Fixture       *f,
                         gconstpointer  user_data)
{
  g_autoptr(SwSecrets) secrets = open_service_or_skip (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *label = g_strdup_printf ("Stillwater: test %s", id);
  g_autofree char *found = NULL;
  g_autoptr(GHashTable) item_attributes = NULL;
  g_autofree char *item_label = NULL;
  GList *items;
  SecretItem *item;

  if (secrets == NULL)
    return;

  g_assert_cmpstr (sw_secrets_get_schema ()->name, ==, expected_schema.name);
  g_assert_cmpint (sw_secrets_get_schema ()->flags, ==, SECRET_SCHEMA_DONT_MATCH_NAME);

  store_ok (secrets, "connection", id, label, "first");
  store_ok (secrets, "connection", id, label, PLAINTEXT);
  assert_lookup (secrets, "connection", id, PLAINTEXT);

  /* Really in the keyring, under the schema's attributes, as one item with our label;
   * and nothing in the database. */
  found = secret_password_lookup_sync (&expected_schema, NULL, &error,
                                       "kind", "connection", "id", id, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, PLAINTEXT);
  g_clear_pointer (&found, secret_password_free);

  items = search_keyring ("connection", id);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  item = items->data;
  item_label = secret_item_get_label (item);
  g_assert_cmpstr (item_label, ==, label);
  item_attributes = secret_item_get_attributes (item);
  g_assert_cmpstr (g_hash_table_lookup (item_attributes, "kind"), ==, "connection");
  g_assert_cmpstr (g_hash_table_lookup (item_attributes, "id"), ==, id);
  g_list_free_full (items, g_object_unref);
  g_assert_cmpint (raw_row_count (f->store, "connection", id), ==, 0);

  delete_ok (secrets, "connection", id);
  assert_lookup (secrets, "connection", id, NULL);
  found = secret_password_lookup_sync (&expected_schema, NULL, &error,
                                       "kind", "connection", "id", id, NULL);
  g_assert_no_error (error);
  g_assert_null (found);

  delete_ok (secrets, "connection", id);
}

static void
test_service_async (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autoptr(SwSecrets) probe = open_service_or_skip (f);
  g_autoptr(SwSecrets) secrets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();
  Waiter w = { NULL, NULL, 0 };
  GList *items;

  if (probe == NULL)
    return;

  w.loop = g_main_loop_new (NULL, FALSE);
  secrets = new_async_and_wait (&w, f->store, f->data_dir, SW_SECRETS_BACKEND_PREFERENCE_AUTO,
                                NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sw_secrets_get_backend (secrets), ==, SW_SECRETS_BACKEND_SECRET_SERVICE);

  exercise_async (&w, secrets, "provider", id);
  items = search_keyring ("provider", id);
  g_assert_null (items);

  /* SERVICE also accepts it. */
  g_clear_object (&secrets);
  secrets = new_async_and_wait (&w, NULL, NULL, SW_SECRETS_BACKEND_PREFERENCE_SERVICE,
                                NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sw_secrets_get_backend (secrets), ==, SW_SECRETS_BACKEND_SECRET_SERVICE);

  g_main_loop_unref (w.loop);
}

/* Backend selection without a session bus: in subprocesses, because GLib keeps the
 * session bus connection for the life of the process. */
static void
test_auto_unreachable_bus (Fixture       *f,
                           gconstpointer  user_data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(SwSecrets) secrets = NULL;
      g_autoptr(SwSecrets) none = NULL;
      g_autoptr(GError) error = NULL;

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent", TRUE);

      secrets = sw_secrets_new_sync (f->store, f->data_dir, SW_SECRETS_BACKEND_PREFERENCE_AUTO,
                                     NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sw_secrets_get_backend (secrets), ==,
                       SW_SECRETS_BACKEND_ENCRYPTED_DATABASE);
      g_assert_cmpstr (sw_secrets_get_backend_name (secrets), ==, "encrypted-database");
      g_assert_nonnull (sw_secrets_get_fallback_reason (secrets));
      g_test_message ("fallback reason: %s", sw_secrets_get_fallback_reason (secrets));

      store_ok (secrets, "provider", "fanarttv", NULL, PLAINTEXT);
      assert_lookup (secrets, "provider", "fanarttv", PLAINTEXT);

      /* Asking for the keyring explicitly is an error instead. */
      none = sw_secrets_new_sync (NULL, NULL, SW_SECRETS_BACKEND_PREFERENCE_SERVICE,
                                  NULL, &error);
      g_assert_error (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_UNAVAILABLE);
      g_assert_null (none);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_auto_no_bus (Fixture       *f,
                  gconstpointer  user_data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(SwSecrets) secrets = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *runtime_dir = g_build_filename (f->root, "runtime", NULL);

      /* No address and no user bus socket: AUTO must not try X11 autolaunch. */
      g_assert_cmpint (g_mkdir (runtime_dir, 0700), ==, 0);
      g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
      g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);

      secrets = sw_secrets_new_sync (f->store, f->data_dir, SW_SECRETS_BACKEND_PREFERENCE_AUTO,
                                     NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sw_secrets_get_backend (secrets), ==,
                       SW_SECRETS_BACKEND_ENCRYPTED_DATABASE);
      g_assert_nonnull (sw_secrets_get_fallback_reason (secrets));
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_enum_types (void)
{
  g_autoptr(GEnumClass) backends = g_type_class_ref (SW_TYPE_SECRETS_BACKEND);
  g_autoptr(GEnumClass) preferences = g_type_class_ref (SW_TYPE_SECRETS_BACKEND_PREFERENCE);

  g_assert_cmpint (g_enum_get_value_by_nick (backends, "secret-service")->value, ==,
                   SW_SECRETS_BACKEND_SECRET_SERVICE);
  g_assert_cmpint (g_enum_get_value_by_nick (backends, "encrypted-database")->value, ==,
                   SW_SECRETS_BACKEND_ENCRYPTED_DATABASE);
  g_assert_cmpstr (sw_secrets_backend_to_string (SW_SECRETS_BACKEND_SECRET_SERVICE), ==,
                   "secret-service");
  g_assert_cmpstr (sw_secrets_backend_to_string (SW_SECRETS_BACKEND_ENCRYPTED_DATABASE), ==,
                   "encrypted-database");
  g_assert_cmpint (g_enum_get_value_by_nick (preferences, "auto")->value, ==,
                   SW_SECRETS_BACKEND_PREFERENCE_AUTO);
  g_assert_cmpint (g_enum_get_value_by_nick (preferences, "secret-service")->value, ==,
                   SW_SECRETS_BACKEND_PREFERENCE_SERVICE);
  g_assert_cmpint (g_enum_get_value_by_nick (preferences, "encrypted-database")->value, ==,
                   SW_SECRETS_BACKEND_PREFERENCE_FILE);
}

#define ADD_FIXTURE_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_FIXTURE_TEST ("/secrets/fallback/round-trip", test_fallback_round_trip);
  ADD_FIXTURE_TEST ("/secrets/fallback/missing", test_fallback_missing);
  ADD_FIXTURE_TEST ("/secrets/fallback/ciphertext", test_fallback_ciphertext);
  ADD_FIXTURE_TEST ("/secrets/fallback/key-file", test_fallback_key_file);
  ADD_FIXTURE_TEST ("/secrets/fallback/tampered", test_fallback_tampered);
  ADD_FIXTURE_TEST ("/secrets/fallback/moved-row", test_fallback_moved_row);
  ADD_FIXTURE_TEST ("/secrets/fallback/unsafe-key-file", test_fallback_unsafe_key_file);
  ADD_FIXTURE_TEST ("/secrets/fallback/persistence", test_fallback_persistence);
  ADD_FIXTURE_TEST ("/secrets/fallback/lost-key", test_fallback_lost_key);
  ADD_FIXTURE_TEST ("/secrets/fallback/async", test_fallback_async);
  ADD_FIXTURE_TEST ("/secrets/invalid-arguments", test_invalid_arguments);
  ADD_FIXTURE_TEST ("/secrets/service/round-trip", test_service_round_trip);
  ADD_FIXTURE_TEST ("/secrets/service/async", test_service_async);
  ADD_FIXTURE_TEST ("/secrets/auto/unreachable-bus", test_auto_unreachable_bus);
  ADD_FIXTURE_TEST ("/secrets/auto/no-bus", test_auto_no_bus);
  g_test_add_func ("/secrets/enum-types", test_enum_types);

  return g_test_run ();
}

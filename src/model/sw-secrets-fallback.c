/* sw-secrets-fallback.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sw-data-dir.h"
#include "sw-secrets.h"
#include "sw-secrets-fallback.h"
#include "sw-time.h"

#define KEY_BYTES crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES

G_STATIC_ASSERT (KEY_BYTES == 32);
G_STATIC_ASSERT (NONCE_BYTES == 24);

struct _SwSecretsFallback
{
  SwStore *store;
  char *key_path;
  guint8 key[KEY_BYTES];
};

static gboolean
ensure_sodium (GError **error)
{
  static gsize initialized = 0;
  static int result;

  if (g_once_init_enter (&initialized))
    {
      result = sodium_init ();
      g_once_init_leave (&initialized, 1);
    }

  if (result < 0)
    {
      g_set_error_literal (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_FAILED,
                           _("The cryptography library (libsodium) could not be initialised"));
      return FALSE;
    }

  return TRUE;
}

/* Reads or writes all @length bytes, retrying after signals. */
static gboolean
transfer_all (int      fd,
              guint8  *buffer,
              gsize    length,
              gboolean writing)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = writing ? write (fd, buffer + done, length - done)
                          : read (fd, buffer + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          errno = EIO; /* the file shrank under us, or takes no more */
          return FALSE;
        }
      done += n;
    }

  return TRUE;
}

/* Checks an open key file before trusting it: a regular file of ours, private, exactly
 * KEY_BYTES long. */
static gboolean
read_key_file (int          fd,
               const char  *path,
               guint8      *key,
               GError     **error)
{
  g_autofree char *problem = NULL;
  struct stat st;

  if (fstat (fd, &st) != 0)
    problem = g_strdup_printf (_("Could not inspect the key file “%s”: %s"),
                               path, g_strerror (errno));
  else if (!S_ISREG (st.st_mode))
    problem = g_strdup_printf (_("The key file “%s” is not a regular file"), path);
  else if (st.st_uid != geteuid ())
    problem = g_strdup_printf (_("The key file “%s” belongs to another user (uid %u); "
                                 "it must belong to the user running Stillwater"),
                               path, (guint) st.st_uid);
  else if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    problem = g_strdup_printf (_("The key file “%s” is accessible to other users (mode %04o) "
                                 "and is not used; make it private with “chmod 600 %s”, and "
                                 "replace the stored secrets if others may have read it"),
                               path, (guint) (st.st_mode & 07777), path);
  else if (st.st_size != KEY_BYTES)
    problem = g_strdup_printf (_("The key file “%s” is %" G_GINT64_FORMAT " bytes long; "
                                 "a Stillwater key file is exactly %u bytes"),
                               path, (gint64) st.st_size, (guint) KEY_BYTES);
  else if (!transfer_all (fd, key, KEY_BYTES, FALSE))
    {
      problem = g_strdup_printf (_("Could not read the key file “%s”: %s"),
                                 path, g_strerror (errno));
      sodium_memzero (key, KEY_BYTES);
    }

  if (problem != NULL)
    {
      g_set_error_literal (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_KEY_FILE, problem);
      return FALSE;
    }

  return TRUE;
}

/* Best effort: makes the new directory entry durable. Some file systems refuse to
 * fsync a directory; the key itself was already synced. */
static void
sync_directory (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return;
  (void) fsync (fd);
  close (fd);
}

/* Creates the key file with O_EXCL, so two processes never both write one. Sets
 * G_FILE_ERROR_EXIST when another process created it first. */
static gboolean
create_key_file (const char  *path,
                 guint8      *key,
                 GError     **error)
{
  gboolean written;
  int fd;
  int saved_errno;

  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      if (saved_errno == EEXIST)
        g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_EXIST, "exists");
      else
        g_set_error (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_KEY_FILE,
                     _("Could not create the key file “%s”: %s"),
                     path, g_strerror (saved_errno));
      return FALSE;
    }

  randombytes_buf (key, KEY_BYTES);

  /* The umask can only have removed bits from 0600; fchmod makes it exact. */
  written = fchmod (fd, 0600) == 0 && transfer_all (fd, key, KEY_BYTES, TRUE) && fsync (fd) == 0;
  saved_errno = errno;
  /* A failed close can lose the data too; after a failed write, the write's errno counts. */
  if (close (fd) != 0 && written)
    {
      written = FALSE;
      saved_errno = errno;
    }

  if (!written)
    {
      sodium_memzero (key, KEY_BYTES);
      unlink (path);
      g_set_error (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_KEY_FILE,
                   _("Could not write the key file “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  sync_directory (path);
  return TRUE;
}

static gboolean
load_or_create_key (const char  *path,
                    guint8      *key,
                    gboolean    *created,
                    GError     **error)
{
  *created = FALSE;

  /* Two rounds: if another process creates the file between our open and our create,
   * the second round reads its key. */
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GError) local_error = NULL;
      int fd = open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

      if (fd >= 0)
        {
          gboolean ok = read_key_file (fd, path, key, error);

          close (fd);
          return ok;
        }

      if (errno == ELOOP)
        {
          g_set_error (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_KEY_FILE,
                       _("The key file “%s” is a symbolic link; it must be a regular file"),
                       path);
          return FALSE;
        }
      if (errno != ENOENT)
        {
          g_set_error (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_KEY_FILE,
                   _("Could not open the key file “%s”: %s"), path, g_strerror (errno));
          return FALSE;
        }

      if (create_key_file (path, key, &local_error))
        {
          *created = TRUE;
          return TRUE;
        }
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_EXIST))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  g_set_error (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_KEY_FILE,
               _("The key file “%s” keeps appearing and disappearing"), path);
  return FALSE;
}

static gboolean
count_rows (SwStore   *store,
            gpointer   user_data,
            GError   **error)
{
  gint64 *count = user_data;
  g_autoptr(SwStmt) stmt = NULL;
  gboolean found = FALSE;

  stmt = sw_store_prepare (store, "SELECT count(*) FROM secrets", error);
  if (stmt == NULL || !sw_store_step_any (store, stmt, &found, error))
    return FALSE;

  if (!found)
    {
      g_set_error_literal (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_FAILED,
                           "count(*) returned no row");
      return FALSE;
    }

  *count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

SwSecretsFallback *
sw_secrets_fallback_open (SwStore     *store,
                          const char  *data_dir,
                          GError     **error)
{
  g_autoptr(SwSecretsFallback) self = NULL;
  gboolean created = FALSE;
  gint64 rows = 0;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ensure_sodium (error))
    return NULL;

  /* Checks the table before touching the key: a database without it is not ours. */
  if (!sw_store_read (store, count_rows, &rows, error))
    return NULL;

  if (!sw_data_dir_ensure (data_dir, error))
    return NULL;

  self = g_new0 (SwSecretsFallback, 1);
  self->store = g_object_ref (store);
  self->key_path = g_build_filename (data_dir, SW_SECRETS_KEY_FILE_NAME, NULL);

  if (!load_or_create_key (self->key_path, self->key, &created, error))
    return NULL;

  /* A lost key cannot be recovered; say so once instead of failing every start. The
   * old rows fail to decrypt until they are stored again. */
  if (created && rows > 0)
    g_warning ("Created a new secrets key file %s, but the database holds %" G_GINT64_FORMAT
               " secrets sealed with a previous key; they cannot be read and must be "
               "entered again", self->key_path, rows);

  return g_steal_pointer (&self);
}

void
sw_secrets_fallback_free (SwSecretsFallback *self)
{
  if (self == NULL)
    return;

  sodium_memzero (self->key, sizeof self->key);
  g_clear_object (&self->store);
  g_free (self->key_path);
  g_free (self);
}

/* "kind\0id": binds a ciphertext to its row, so it cannot be moved to another. */
static guint8 *
build_associated_data (const char *kind,
                       const char *id,
                       gsize      *length)
{
  gsize kind_len = strlen (kind);
  gsize id_len = strlen (id);
  guint8 *data = g_malloc (kind_len + 1 + id_len);

  memcpy (data, kind, kind_len);
  data[kind_len] = '\0';
  memcpy (data + kind_len + 1, id, id_len);
  *length = kind_len + 1 + id_len;
  return data;
}

typedef struct
{
  const char *kind;
  const char *id;
  const guint8 *nonce;
  const guint8 *ciphertext;
  gsize ciphertext_len;
  const char *updated_at;
} WriteRow;

static gboolean
write_row (SwStore   *store,
           gpointer   user_data,
           GError   **error)
{
  WriteRow *row = user_data;
  g_autoptr(SwStmt) stmt = NULL;
  int rc;

  stmt = sw_store_prepare (store,
                           "INSERT INTO secrets (kind, id, nonce, ciphertext, updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5) "
                           "ON CONFLICT (kind, id) DO UPDATE SET nonce = excluded.nonce, "
                           "ciphertext = excluded.ciphertext, updated_at = excluded.updated_at",
                           error);
  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, row->kind);
  sw_stmt_bind_text (stmt, 2, row->id);
  rc = sqlite3_bind_blob (stmt, 3, row->nonce, NONCE_BYTES, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_blob (stmt, 4, row->ciphertext, (int) row->ciphertext_len, SQLITE_STATIC);
  if (rc != SQLITE_OK)
    return sw_store_set_error (store, rc, error);
  sw_stmt_bind_text (stmt, 5, row->updated_at);

  return sw_store_run (store, stmt, error);
}

gboolean
sw_secrets_fallback_store (SwSecretsFallback  *self,
                           const char         *kind,
                           const char         *id,
                           const char         *value,
                           GError            **error)
{
  g_autofree guint8 *ad = NULL;
  g_autofree guint8 *ciphertext = NULL;
  g_autofree char *now = sw_time_now_rfc3339 ();
  guint8 nonce[NONCE_BYTES];
  gsize ad_len;
  gsize value_len = strlen (value);
  unsigned long long ciphertext_len = 0;
  WriteRow row;

  ad = build_associated_data (kind, id, &ad_len);
  ciphertext = g_malloc (value_len + TAG_BYTES);
  randombytes_buf (nonce, sizeof nonce);

  if (crypto_aead_xchacha20poly1305_ietf_encrypt (ciphertext, &ciphertext_len,
                                                  (const guint8 *) value, value_len,
                                                  ad, ad_len, NULL, nonce, self->key) != 0)
    {
      g_set_error_literal (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_FAILED,
                           _("Could not encrypt the secret"));
      return FALSE;
    }

  row = (WriteRow) {
    .kind = kind,
    .id = id,
    .nonce = nonce,
    .ciphertext = ciphertext,
    .ciphertext_len = ciphertext_len,
    .updated_at = now,
  };
  return sw_store_write (self->store, write_row, &row, error);
}

typedef struct
{
  const char *kind;
  const char *id;
  GBytes *nonce;
  GBytes *ciphertext;
} ReadRow;

static gboolean
read_row (SwStore   *store,
          gpointer   user_data,
          GError   **error)
{
  ReadRow *row = user_data;
  g_autoptr(SwStmt) stmt = NULL;
  gboolean found = FALSE;

  stmt = sw_store_prepare (store,
                           "SELECT nonce, ciphertext FROM secrets WHERE kind = ?1 AND id = ?2",
                           error);
  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, row->kind);
  sw_stmt_bind_text (stmt, 2, row->id);

  if (!sw_store_step_any (store, stmt, &found, error))
    return FALSE;
  if (!found)
    return TRUE; /* no such row */

  /* Copied before the statement is released. A zero-length blob reads as NULL. */
  row->nonce = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  row->ciphertext = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
  return TRUE;
}

char *
sw_secrets_fallback_lookup (SwSecretsFallback  *self,
                            const char         *kind,
                            const char         *id,
                            GError            **error)
{
  g_autoptr(GBytes) nonce = NULL;
  g_autoptr(GBytes) ciphertext = NULL;
  g_autofree guint8 *ad = NULL;
  ReadRow row = { kind, id, NULL, NULL };
  const guint8 *nonce_data;
  const guint8 *ciphertext_data;
  gsize nonce_len;
  gsize ciphertext_len;
  gsize ad_len;
  gsize capacity;
  unsigned long long plain_len = 0;
  char *plain;

  if (!sw_store_read (self->store, read_row, &row, error))
    {
      g_clear_pointer (&row.nonce, g_bytes_unref);
      g_clear_pointer (&row.ciphertext, g_bytes_unref);
      return NULL;
    }

  nonce = g_steal_pointer (&row.nonce);
  ciphertext = g_steal_pointer (&row.ciphertext);
  if (nonce == NULL)
    return NULL;

  nonce_data = g_bytes_get_data (nonce, &nonce_len);
  ciphertext_data = g_bytes_get_data (ciphertext, &ciphertext_len);
  if (nonce_len != NONCE_BYTES || ciphertext_len < TAG_BYTES)
    {
      g_set_error (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_DECRYPT,
                   _("The stored secret %s/%s is damaged"), kind, id);
      return NULL;
    }

  ad = build_associated_data (kind, id, &ad_len);
  capacity = ciphertext_len - TAG_BYTES + 1;
  plain = g_malloc (capacity);

  if (crypto_aead_xchacha20poly1305_ietf_decrypt ((guint8 *) plain, &plain_len, NULL,
                                                  ciphertext_data, ciphertext_len,
                                                  ad, ad_len, nonce_data, self->key) != 0)
    {
      sodium_memzero (plain, capacity);
      g_free (plain);
      g_set_error (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_DECRYPT,
                   _("The stored secret %s/%s could not be decrypted: it was changed, or "
                     "sealed with a different key file; enter it again"),
                   kind, id);
      return NULL;
    }

  plain[plain_len] = '\0';

  /* Authenticated, so this is what we sealed; stays a cheap guard for callers that
   * treat the value as a C string. */
  if (plain_len == 0 || memchr (plain, '\0', plain_len) != NULL ||
      !g_utf8_validate_len (plain, plain_len, NULL))
    {
      sodium_memzero (plain, capacity);
      g_free (plain);
      g_set_error (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_DECRYPT,
                   _("The stored secret %s/%s is not valid text"), kind, id);
      return NULL;
    }

  return plain;
}

typedef struct
{
  const char *kind;
  const char *id;
} DeleteRow;

static gboolean
delete_row (SwStore   *store,
            gpointer   user_data,
            GError   **error)
{
  DeleteRow *row = user_data;
  g_autoptr(SwStmt) stmt = NULL;

  stmt = sw_store_prepare (store, "DELETE FROM secrets WHERE kind = ?1 AND id = ?2", error);
  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, row->kind);
  sw_stmt_bind_text (stmt, 2, row->id);
  return sw_store_run (store, stmt, error);
}

gboolean
sw_secrets_fallback_delete (SwSecretsFallback  *self,
                            const char         *kind,
                            const char         *id,
                            GError            **error)
{
  DeleteRow row = { kind, id };

  return sw_store_write (self->store, delete_row, &row, error);
}

/* sw-secrets.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "sw-store.h"

G_BEGIN_DECLS

#define SW_SECRETS_ERROR (sw_secrets_error_quark ())

typedef enum
{
  SW_SECRETS_ERROR_FAILED,      /* an I/O or crypto library failure */
  SW_SECRETS_ERROR_UNAVAILABLE, /* the Secret Service was required but does not answer */
  SW_SECRETS_ERROR_KEY_FILE,    /* the fallback key file is unsafe, damaged or unusable */
  SW_SECRETS_ERROR_DECRYPT,     /* a stored value failed authentication (changed, moved,
                                 * or encrypted with another key) */
  SW_SECRETS_ERROR_INVALID,     /* a kind, id or value was rejected; nothing was written */
} SwSecretsError;

/* Where secrets live. The nicks are what sw_secrets_get_backend_name() returns. */
typedef enum
{
  SW_SECRETS_BACKEND_SECRET_SERVICE,     /* "secret-service": the desktop keyring */
  SW_SECRETS_BACKEND_ENCRYPTED_DATABASE, /* "encrypted-database": the secrets table */
} SwSecretsBackend;

/* What the caller asks for. Nicks: "auto", "secret-service", "encrypted-database". */
typedef enum
{
  SW_SECRETS_BACKEND_PREFERENCE_AUTO,    /* the keyring when usable, else the database */
  SW_SECRETS_BACKEND_PREFERENCE_SERVICE, /* the keyring or an error */
  SW_SECRETS_BACKEND_PREFERENCE_FILE,    /* always the encrypted database */
} SwSecretsBackendPreference;

/* A secret value as returned by the lookup functions: a NUL-terminated string that is
 * overwritten with zeros when freed. Free it with sw_secret_value_free(), or declare
 * `g_autoptr(SwSecretValue) value = sw_secrets_lookup_finish (…);` */
typedef char SwSecretValue;
void sw_secret_value_free (SwSecretValue *value);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwSecretValue, sw_secret_value_free)

#define SW_TYPE_SECRETS_BACKEND (sw_secrets_backend_get_type ())
#define SW_TYPE_SECRETS_BACKEND_PREFERENCE (sw_secrets_backend_preference_get_type ())
#define SW_TYPE_SECRETS (sw_secrets_get_type ())

G_DECLARE_FINAL_TYPE (SwSecrets, sw_secrets, SW, SECRETS, GObject)

GQuark       sw_secrets_error_quark                  (void);
GType        sw_secrets_backend_get_type             (void) G_GNUC_CONST;
GType        sw_secrets_backend_preference_get_type  (void) G_GNUC_CONST;
const char  *sw_secrets_backend_to_string            (SwSecretsBackend backend);

/* The libsecret schema of Stillwater's keyring items: "io.github.stillwater.Stillwater.Secret"
 * with the string attributes "kind" and "id". */
const SecretSchema *sw_secrets_get_schema            (void);

/* Picks the backend, once; nothing is migrated between backends. AUTO uses the Secret
 * Service when it answers on the session bus (within 5 seconds) and its default
 * collection exists and is unlocked; otherwise the encrypted database, and
 * sw_secrets_get_fallback_reason() says why. AUTO never causes a prompt. SERVICE fails
 * with SW_SECRETS_ERROR_UNAVAILABLE when nothing answers, but accepts a locked or
 * missing default collection (libsecret may then prompt on first use). FILE always uses
 * the database. The database backend needs @store and @data_dir (which holds the key
 * file "secrets.key", created 0600 on first use); with SERVICE both may be NULL. */
void         sw_secrets_new_async    (SwStore                    *store,
                                      const char                 *data_dir,
                                      SwSecretsBackendPreference  preference,
                                      GCancellable               *cancellable,
                                      GAsyncReadyCallback         callback,
                                      gpointer                    user_data);
SwSecrets   *sw_secrets_new_finish   (GAsyncResult               *result,
                                      GError                    **error);
/* The same, blocking (up to the probe's timeout): runs the asynchronous constructor in
 * a private main context. */
SwSecrets   *sw_secrets_new_sync     (SwStore                    *store,
                                      const char                 *data_dir,
                                      SwSecretsBackendPreference  preference,
                                      GCancellable               *cancellable,
                                      GError                    **error);

SwSecretsBackend sw_secrets_get_backend      (SwSecrets *self);
const char      *sw_secrets_get_backend_name (SwSecrets *self);
/* Why AUTO did not pick the Secret Service (for logs and the health page), or NULL. */
const char      *sw_secrets_get_fallback_reason (SwSecrets *self);

/* Secrets are identified by (@kind, @id), e.g. ("provider", "fanarttv") or
 * ("connection", "<uuid>"). @kind is 1–64 characters of [a-z0-9._-]; @id is 1–256 bytes
 * of UTF-8; @value is non-empty UTF-8 of at most 64 KiB (to forget a secret, delete it).
 * @label (may be NULL) names the keyring item, e.g. "Stillwater: fanarttv API key"; the
 * database backend does not keep it.
 *
 * An SwSecrets never changes after construction, so it may be used from any thread
 * (as usual in GIO, an async call completes in the caller's thread-default main context).
 * The database backend runs its work in GTask worker threads. Errors are
 * SW_SECRETS_ERROR, SW_STORE_ERROR (database), G_IO_ERROR_CANCELLED, or the Secret
 * Service's own (G_DBUS_ERROR, SECRET_ERROR); none of them contains a value. */
void         sw_secrets_store         (SwSecrets            *self,
                                       const char           *kind,
                                       const char           *id,
                                       const char           *label,
                                       const char           *value,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean     sw_secrets_store_finish  (SwSecrets            *self,
                                       GAsyncResult         *result,
                                       GError              **error);

/* Returns NULL without an error when there is no such secret. */
void         sw_secrets_lookup        (SwSecrets            *self,
                                       const char           *kind,
                                       const char           *id,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
SwSecretValue *sw_secrets_lookup_finish (SwSecrets          *self,
                                       GAsyncResult         *result,
                                       GError              **error);

/* Deleting a secret that does not exist succeeds. */
void         sw_secrets_delete        (SwSecrets            *self,
                                       const char           *kind,
                                       const char           *id,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean     sw_secrets_delete_finish (SwSecrets            *self,
                                       GAsyncResult         *result,
                                       GError              **error);

/* Blocking variants, for tests and tools (they block on D-Bus or disk). */
gboolean     sw_secrets_store_sync    (SwSecrets            *self,
                                       const char           *kind,
                                       const char           *id,
                                       const char           *label,
                                       const char           *value,
                                       GCancellable         *cancellable,
                                       GError              **error);
SwSecretValue *sw_secrets_lookup_sync (SwSecrets            *self,
                                       const char           *kind,
                                       const char           *id,
                                       GCancellable         *cancellable,
                                       GError              **error);
gboolean     sw_secrets_delete_sync   (SwSecrets            *self,
                                       const char           *kind,
                                       const char           *id,
                                       GCancellable         *cancellable,
                                       GError              **error);

G_END_DECLS

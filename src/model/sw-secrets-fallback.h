/* sw-secrets-fallback.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sw-store.h"

G_BEGIN_DECLS

/* Private to SwSecrets: the "encrypted-database" backend. Values are sealed with
 * XChaCha20-Poly1305 (libsodium) under a random 32-byte key kept in
 * <data_dir>/secrets.key, and stored in the secrets table. Immutable once opened, so
 * it may be used from any thread; arguments are validated by the caller. */
typedef struct _SwSecretsFallback SwSecretsFallback;

#define SW_SECRETS_KEY_FILE_NAME "secrets.key"

/* Loads the key file, creating it (0600) when it does not exist yet. */
SwSecretsFallback *sw_secrets_fallback_open   (SwStore            *store,
                                               const char         *data_dir,
                                               GError            **error);
void               sw_secrets_fallback_free   (SwSecretsFallback  *self);

gboolean           sw_secrets_fallback_store  (SwSecretsFallback  *self,
                                               const char         *kind,
                                               const char         *id,
                                               const char         *value,
                                               GError            **error);
/* NULL without an error when there is no such row. Free with sw_secret_value_free(). */
char              *sw_secrets_fallback_lookup (SwSecretsFallback  *self,
                                               const char         *kind,
                                               const char         *id,
                                               GError            **error);
gboolean           sw_secrets_fallback_delete (SwSecretsFallback  *self,
                                               const char         *kind,
                                               const char         *id,
                                               GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwSecretsFallback, sw_secrets_fallback_free)

G_END_DECLS

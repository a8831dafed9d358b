/* sw-preferences-tokens.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sw-auth.h"
#include "sw-store.h"

G_BEGIN_DECLS

#define SW_TYPE_PREFERENCES_TOKENS (sw_preferences_tokens_get_type ())

G_DECLARE_FINAL_TYPE (SwPreferencesTokens, sw_preferences_tokens, SW, PREFERENCES_TOKENS, AdwPreferencesGroup)

/* The API tokens of the first administrator; without one, the way to set it up. */
GtkWidget *sw_preferences_tokens_new         (SwStore              *store);

/* What the dialogs do once confirmed. Each shows its error as a toast and changes
 * nothing on failure. create shows the new token, once, in a dialog with a copy button. */
gboolean   sw_preferences_tokens_create      (SwPreferencesTokens  *self,
                                              const char           *name,
                                              SwScopes              scopes,
                                              GError              **error);
gboolean   sw_preferences_tokens_revoke      (SwPreferencesTokens  *self,
                                              const char           *token_id,
                                              GError              **error);
gboolean   sw_preferences_tokens_setup_admin (SwPreferencesTokens  *self,
                                              const char           *username,
                                              const char           *password,
                                              GError              **error);

G_END_DECLS

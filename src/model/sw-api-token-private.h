/* sw-api-token-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-api-token.h"
#include "sw-fields.h"

G_BEGIN_DECLS

/* The instance struct, for the store, which fills fields directly (storage as in
 * sw-fields.h; writing fields directly does not notify). */
struct _SwApiToken
{
  GObject parent_instance;

  char *id;
  char *name;
  char *scopes;                  /* CSV: read,write,webhook,admin */
  char *user_id;
  char *status;                  /* active|revoked */
  char *created_at;
  char *last_used_at;
  char *revoked_at;
  char *token_hash;              /* SHA-256 hex; never in JSON */
};

/* The field table behind the properties and the JSON mapping. */
const SwField *sw_api_token_get_fields (guint *n_fields);

G_END_DECLS

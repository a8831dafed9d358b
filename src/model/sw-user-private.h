/* sw-user-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-user.h"
#include "sw-fields.h"

G_BEGIN_DECLS

/* The instance struct, for the store, which fills fields directly (storage as in
 * sw-fields.h; writing fields directly does not notify). */
struct _SwUser
{
  GObject parent_instance;

  char *id;
  char *username;
  char *display_name;
  char *role;                    /* administrator|operator */
  char *auth_provider;           /* local|emby|jellyfin|oidc */
  char *provider_id;
  gboolean is_active;
  gboolean is_protected;
  char *invited_by;
  char *created_at;
  char *updated_at;
  char *last_login;
  char *password_hash;           /* yescrypt (libxcrypt); never in JSON */
};

/* The field table behind the properties and the JSON mapping. */
const SwField *sw_user_get_fields (guint *n_fields);

G_END_DECLS

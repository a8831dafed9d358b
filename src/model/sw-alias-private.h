/* sw-alias-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-alias.h"
#include "sw-fields.h"

G_BEGIN_DECLS

/* The instance struct, for the store, which fills fields directly (storage as in
 * sw-fields.h; writing fields directly does not notify). */
struct _SwAlias
{
  GObject parent_instance;

  char *id;
  char *artist_id;
  char *alias;
  char *source;
  char *created_at;
};

/* The field table behind the properties and the JSON mapping. */
const SwField *sw_alias_get_fields (guint *n_fields);

G_END_DECLS

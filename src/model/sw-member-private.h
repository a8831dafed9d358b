/* sw-member-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-member.h"
#include "sw-fields.h"

G_BEGIN_DECLS

/* The instance struct, for the store, which fills fields directly (storage as in
 * sw-fields.h; writing fields directly does not notify). */
struct _SwMember
{
  GObject parent_instance;

  char *id;
  char *artist_id;
  char *member_name;
  char *member_mbid;
  char **instruments;
  char *vocal_type;
  char *date_joined;
  char *date_left;
  gboolean is_original_member;
  int sort_order;
  char *created_at;
  char *updated_at;
};

/* The field table behind the properties and the JSON mapping. */
const SwField *sw_member_get_fields (guint *n_fields);

G_END_DECLS

/* sw-metadata-change-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-metadata-change.h"
#include "sw-fields.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* The instance struct, for the store, which fills fields directly (storage as in
 * sw-fields.h; writing fields directly does not notify). */
struct _SwMetadataChange
{
  GObject parent_instance;

  char *id;
  char *artist_id;
  char *field;
  char *old_value;
  char *new_value;
  char *source;                  /* manual, scan, provider:<name>, … */
  char *producer;
  char *created_at;
  char *artist_name;             /* joined, not stored */
};

/* The field table behind the properties and the JSON mapping. */
const SwField *sw_metadata_change_get_fields (guint *n_fields);

/* A history row selected as: id, artist_id, artist name, field, old_value, new_value,
 * source, producer, created_at. */
SwMetadataChange *_sw_metadata_change_from_row (SwStmt   *stmt);
/* For sw_store_foreach_row(): appends the row to the GPtrArray @changes. */
void              _sw_metadata_change_add_row  (SwStmt   *stmt,
                                                gpointer  changes);

G_END_DECLS

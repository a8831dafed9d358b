/* sw-metadata-change.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-metadata-change-private.h"

/* One field-level change in an artist's history: the contract's MetadataChange schema.
 * artist_name is only filled by the global history listing; producer is not in the
 * contract's schema yet, so both are left out when empty. */

#define F(member, kind, flags) SW_FIELD_ENTRY (SwMetadataChange, member, kind, flags)

static const SwField metadata_change_fields[] = {
  F (id, STRING, 0),
  F (artist_id, STRING, 0),
  F (field, STRING, 0),
  F (old_value, STRING, 0),
  F (new_value, STRING, 0),
  F (source, STRING, 0),
  F (producer, STRING, SW_FIELD_OMIT_EMPTY),
  F (created_at, TIMESTAMP, 0),
  F (artist_name, STRING, SW_FIELD_OMIT_EMPTY),
};

#undef F

#define N_FIELDS G_N_ELEMENTS (metadata_change_fields)

G_DEFINE_FINAL_TYPE (SwMetadataChange, sw_metadata_change, G_TYPE_OBJECT)

enum {
  PROP_0,
  /* One property per field, in table order. */
  N_PROPS = 1 + N_FIELDS
};

static GParamSpec *properties[N_PROPS];

static void
sw_metadata_change_finalize (GObject *object)
{
  sw_fields_clear (object, metadata_change_fields, N_FIELDS);

  G_OBJECT_CLASS (sw_metadata_change_parent_class)->finalize (object);
}

static void
sw_metadata_change_class_init (SwMetadataChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sw_metadata_change_finalize;
  object_class->get_property = sw_fields_get_property;
  object_class->set_property = sw_fields_set_property;

  sw_fields_install_properties (object_class, metadata_change_fields, N_FIELDS, PROP_0 + 1,
                                properties);
}

static void
sw_metadata_change_init (SwMetadataChange *self)
{
}

const SwField *
sw_metadata_change_get_fields (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = N_FIELDS;

  return metadata_change_fields;
}

SwMetadataChange *
sw_metadata_change_new (void)
{
  return g_object_new (SW_TYPE_METADATA_CHANGE, NULL);
}

SwMetadataChange *
sw_metadata_change_copy (SwMetadataChange *self)
{
  g_return_val_if_fail (SW_IS_METADATA_CHANGE (self), NULL);

  return sw_fields_dup_object (self, metadata_change_fields, N_FIELDS);
}

gboolean
sw_metadata_change_equal (SwMetadataChange *a,
                          SwMetadataChange *b)
{
  g_return_val_if_fail (SW_IS_METADATA_CHANGE (a), FALSE);
  g_return_val_if_fail (SW_IS_METADATA_CHANGE (b), FALSE);

  return sw_fields_equal (a, b, metadata_change_fields, N_FIELDS);
}

JsonNode *
sw_metadata_change_to_json (SwMetadataChange *self)
{
  g_return_val_if_fail (SW_IS_METADATA_CHANGE (self), NULL);

  return sw_fields_to_json (self, metadata_change_fields, N_FIELDS);
}

SwMetadataChange *
sw_metadata_change_new_from_json (JsonNode  *node,
                                  GError   **error)
{
  return sw_fields_new_from_json (SW_TYPE_METADATA_CHANGE, metadata_change_fields, N_FIELDS, node,
                                  error);
}

gboolean
sw_metadata_change_update_from_json (SwMetadataChange  *self,
                                     JsonNode          *node,
                                     GError           **error)
{
  g_return_val_if_fail (SW_IS_METADATA_CHANGE (self), FALSE);

  return sw_fields_update_from_json (self, metadata_change_fields, N_FIELDS, node, error);
}

SwMetadataChange *
_sw_metadata_change_from_row (SwStmt *stmt)
{
  SwMetadataChange *change = sw_metadata_change_new ();

  change->id = g_strdup (sw_stmt_column_text (stmt, 0));
  change->artist_id = g_strdup (sw_stmt_column_text (stmt, 1));
  change->artist_name = g_strdup (sw_stmt_column_text (stmt, 2));
  change->field = g_strdup (sw_stmt_column_text (stmt, 3));
  change->old_value = g_strdup (sw_stmt_column_text (stmt, 4));
  change->new_value = g_strdup (sw_stmt_column_text (stmt, 5));
  change->source = g_strdup (sw_stmt_column_text (stmt, 6));
  change->producer = g_strdup (sw_stmt_column_text (stmt, 7));
  change->created_at = g_strdup (sw_stmt_column_text (stmt, 8));
  return change;
}

void
_sw_metadata_change_add_row (SwStmt   *stmt,
                             gpointer  changes)
{
  g_ptr_array_add (changes, _sw_metadata_change_from_row (stmt));
}

/* sw-alias.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-alias-private.h"

/* An alternative name of an artist (table artist_aliases). */

#define F(member, kind, flags) SW_FIELD_ENTRY (SwAlias, member, kind, flags)

static const SwField alias_fields[] = {
  F (id, STRING, 0),
  F (artist_id, STRING, 0),
  F (alias, STRING, 0),
  F (source, STRING, 0),
  F (created_at, TIMESTAMP, 0),
};

#undef F

#define N_FIELDS G_N_ELEMENTS (alias_fields)

G_DEFINE_FINAL_TYPE (SwAlias, sw_alias, G_TYPE_OBJECT)

enum {
  PROP_0,
  /* One property per field, in table order. */
  N_PROPS = 1 + N_FIELDS
};

static GParamSpec *properties[N_PROPS];

static void
sw_alias_finalize (GObject *object)
{
  sw_fields_clear (object, alias_fields, N_FIELDS);

  G_OBJECT_CLASS (sw_alias_parent_class)->finalize (object);
}

static void
sw_alias_class_init (SwAliasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sw_alias_finalize;
  object_class->get_property = sw_fields_get_property;
  object_class->set_property = sw_fields_set_property;

  sw_fields_install_properties (object_class, alias_fields, N_FIELDS, PROP_0 + 1, properties);
}

static void
sw_alias_init (SwAlias *self)
{
}

const SwField *
sw_alias_get_fields (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = N_FIELDS;

  return alias_fields;
}

SwAlias *
sw_alias_new (void)
{
  return g_object_new (SW_TYPE_ALIAS, NULL);
}

SwAlias *
sw_alias_copy (SwAlias *self)
{
  g_return_val_if_fail (SW_IS_ALIAS (self), NULL);

  return sw_fields_dup_object (self, alias_fields, N_FIELDS);
}

gboolean
sw_alias_equal (SwAlias *a,
                SwAlias *b)
{
  g_return_val_if_fail (SW_IS_ALIAS (a), FALSE);
  g_return_val_if_fail (SW_IS_ALIAS (b), FALSE);

  return sw_fields_equal (a, b, alias_fields, N_FIELDS);
}

JsonNode *
sw_alias_to_json (SwAlias *self)
{
  g_return_val_if_fail (SW_IS_ALIAS (self), NULL);

  return sw_fields_to_json (self, alias_fields, N_FIELDS);
}

SwAlias *
sw_alias_new_from_json (JsonNode  *node,
                        GError   **error)
{
  return sw_fields_new_from_json (SW_TYPE_ALIAS, alias_fields, N_FIELDS, node, error);
}

gboolean
sw_alias_update_from_json (SwAlias   *self,
                           JsonNode  *node,
                           GError   **error)
{
  g_return_val_if_fail (SW_IS_ALIAS (self), FALSE);

  return sw_fields_update_from_json (self, alias_fields, N_FIELDS, node, error);
}

/* sw-member.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-member-private.h"

/* A member of a band: the contract's BandMember schema (table band_members). */

#define F(member, kind, flags) SW_FIELD_ENTRY (SwMember, member, kind, flags)

static const SwField member_fields[] = {
  F (id, STRING, 0),
  F (artist_id, STRING, 0),
  F (member_name, STRING, 0),
  F (member_mbid, STRING, SW_FIELD_OMIT_EMPTY),
  F (instruments, STRV, SW_FIELD_NULL_WHEN_EMPTY),
  F (vocal_type, STRING, SW_FIELD_OMIT_EMPTY),
  F (date_joined, STRING, SW_FIELD_OMIT_EMPTY),
  F (date_left, STRING, SW_FIELD_OMIT_EMPTY),
  F (is_original_member, BOOLEAN, 0),
  F (sort_order, INT, 0),
  F (created_at, TIMESTAMP, 0),
  F (updated_at, TIMESTAMP, 0),
};

#undef F

#define N_FIELDS G_N_ELEMENTS (member_fields)

G_DEFINE_FINAL_TYPE (SwMember, sw_member, G_TYPE_OBJECT)

enum {
  PROP_0,
  /* One property per field, in table order. */
  N_PROPS = 1 + N_FIELDS
};

static GParamSpec *properties[N_PROPS];

static void
sw_member_finalize (GObject *object)
{
  sw_fields_clear (object, member_fields, N_FIELDS);

  G_OBJECT_CLASS (sw_member_parent_class)->finalize (object);
}

static void
sw_member_class_init (SwMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sw_member_finalize;
  object_class->get_property = sw_fields_get_property;
  object_class->set_property = sw_fields_set_property;

  sw_fields_install_properties (object_class, member_fields, N_FIELDS, PROP_0 + 1, properties);
}

static void
sw_member_init (SwMember *self)
{
}

const SwField *
sw_member_get_fields (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = N_FIELDS;

  return member_fields;
}

SwMember *
sw_member_new (void)
{
  return g_object_new (SW_TYPE_MEMBER, NULL);
}

SwMember *
sw_member_copy (SwMember *self)
{
  g_return_val_if_fail (SW_IS_MEMBER (self), NULL);

  return sw_fields_dup_object (self, member_fields, N_FIELDS);
}

gboolean
sw_member_equal (SwMember *a,
                 SwMember *b)
{
  g_return_val_if_fail (SW_IS_MEMBER (a), FALSE);
  g_return_val_if_fail (SW_IS_MEMBER (b), FALSE);

  return sw_fields_equal (a, b, member_fields, N_FIELDS);
}

JsonNode *
sw_member_to_json (SwMember *self)
{
  g_return_val_if_fail (SW_IS_MEMBER (self), NULL);

  return sw_fields_to_json (self, member_fields, N_FIELDS);
}

SwMember *
sw_member_new_from_json (JsonNode  *node,
                         GError   **error)
{
  return sw_fields_new_from_json (SW_TYPE_MEMBER, member_fields, N_FIELDS, node, error);
}

gboolean
sw_member_update_from_json (SwMember  *self,
                            JsonNode  *node,
                            GError   **error)
{
  g_return_val_if_fail (SW_IS_MEMBER (self), FALSE);

  return sw_fields_update_from_json (self, member_fields, N_FIELDS, node, error);
}

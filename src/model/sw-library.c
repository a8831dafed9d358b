/* sw-library.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-library-private.h"

/* A media library root (or a pathless platform library): the contract's Library schema. */

#define F(member, kind, flags) SW_FIELD_ENTRY (SwLibrary, member, kind, flags)

static const SwField library_fields[] = {
  F (id, STRING, 0),
  F (name, STRING, 0),
  F (path, STRING, 0),
  F (type, STRING, 0),
  F (source, STRING, 0),
  F (connection_id, STRING, SW_FIELD_OMIT_EMPTY),
  F (external_id, STRING, SW_FIELD_OMIT_EMPTY),
  F (fs_watch, INT, 0),
  F (fs_poll_interval, INT, 0),
  F (shared_fs_status, STRING, 0),
  F (shared_fs_evidence, STRING, 0),
  F (shared_fs_peer_library_ids, STRING, 0),
  F (nfo_lock_data, BOOLEAN, 0),
  F (fs_notify_supported, BOOLEAN, SW_FIELD_OMIT_EMPTY | SW_FIELD_READ_ONLY_JSON),
  F (created_at, TIMESTAMP, 0),
  F (updated_at, TIMESTAMP, 0),
};

#undef F

#define N_FIELDS G_N_ELEMENTS (library_fields)

G_DEFINE_FINAL_TYPE (SwLibrary, sw_library, G_TYPE_OBJECT)

enum {
  PROP_0,
  /* One property per field, in table order. */
  N_PROPS = 1 + N_FIELDS
};

static GParamSpec *properties[N_PROPS];

static void
sw_library_finalize (GObject *object)
{
  sw_fields_clear (object, library_fields, N_FIELDS);

  G_OBJECT_CLASS (sw_library_parent_class)->finalize (object);
}

static void
sw_library_class_init (SwLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sw_library_finalize;
  object_class->get_property = sw_fields_get_property;
  object_class->set_property = sw_fields_set_property;

  sw_fields_install_properties (object_class, library_fields, N_FIELDS, PROP_0 + 1, properties);
}

static void
sw_library_init (SwLibrary *self)
{
}

const SwField *
sw_library_get_fields (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = N_FIELDS;

  return library_fields;
}

SwLibrary *
sw_library_new (void)
{
  return g_object_new (SW_TYPE_LIBRARY, NULL);
}

SwLibrary *
sw_library_copy (SwLibrary *self)
{
  g_return_val_if_fail (SW_IS_LIBRARY (self), NULL);

  return sw_fields_dup_object (self, library_fields, N_FIELDS);
}

gboolean
sw_library_equal (SwLibrary *a,
                  SwLibrary *b)
{
  g_return_val_if_fail (SW_IS_LIBRARY (a), FALSE);
  g_return_val_if_fail (SW_IS_LIBRARY (b), FALSE);

  return sw_fields_equal (a, b, library_fields, N_FIELDS);
}

JsonNode *
sw_library_to_json (SwLibrary *self)
{
  g_return_val_if_fail (SW_IS_LIBRARY (self), NULL);

  return sw_fields_to_json (self, library_fields, N_FIELDS);
}

SwLibrary *
sw_library_new_from_json (JsonNode  *node,
                          GError   **error)
{
  return sw_fields_new_from_json (SW_TYPE_LIBRARY, library_fields, N_FIELDS, node, error);
}

gboolean
sw_library_update_from_json (SwLibrary  *self,
                             JsonNode   *node,
                             GError    **error)
{
  g_return_val_if_fail (SW_IS_LIBRARY (self), FALSE);

  return sw_fields_update_from_json (self, library_fields, N_FIELDS, node, error);
}

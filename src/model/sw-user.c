/* sw-user.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-user-private.h"

/* A local or federated account (table users). password_hash is a secret field: it is
 * freed and copied with the object but never written to JSON and has no property. */

#define F(member, kind, flags) SW_FIELD_ENTRY (SwUser, member, kind, flags)

static const SwField user_fields[] = {
  F (id, STRING, 0),
  F (username, STRING, 0),
  F (display_name, STRING, 0),
  F (role, STRING, 0),
  F (auth_provider, STRING, 0),
  F (provider_id, STRING, 0),
  F (is_active, BOOLEAN, 0),
  F (is_protected, BOOLEAN, 0),
  F (invited_by, STRING, SW_FIELD_OMIT_EMPTY),
  F (created_at, TIMESTAMP, 0),
  F (updated_at, TIMESTAMP, 0),
  F (last_login, TIMESTAMP, SW_FIELD_OMIT_EMPTY),
  F (password_hash, STRING, SW_FIELD_SECRET),
};

#undef F

#define N_FIELDS G_N_ELEMENTS (user_fields)

G_DEFINE_FINAL_TYPE (SwUser, sw_user, G_TYPE_OBJECT)

enum {
  PROP_0,
  /* One property per field, in table order. */
  N_PROPS = 1 + N_FIELDS
};

static GParamSpec *properties[N_PROPS];

static void
sw_user_finalize (GObject *object)
{
  sw_fields_clear (object, user_fields, N_FIELDS);

  G_OBJECT_CLASS (sw_user_parent_class)->finalize (object);
}

static void
sw_user_class_init (SwUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sw_user_finalize;
  object_class->get_property = sw_fields_get_property;
  object_class->set_property = sw_fields_set_property;

  sw_fields_install_properties (object_class, user_fields, N_FIELDS, PROP_0 + 1, properties);
}

static void
sw_user_init (SwUser *self)
{
}

const SwField *
sw_user_get_fields (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = N_FIELDS;

  return user_fields;
}

SwUser *
sw_user_new (void)
{
  return g_object_new (SW_TYPE_USER, NULL);
}

SwUser *
sw_user_copy (SwUser *self)
{
  g_return_val_if_fail (SW_IS_USER (self), NULL);

  return sw_fields_dup_object (self, user_fields, N_FIELDS);
}

gboolean
sw_user_equal (SwUser *a,
               SwUser *b)
{
  g_return_val_if_fail (SW_IS_USER (a), FALSE);
  g_return_val_if_fail (SW_IS_USER (b), FALSE);

  return sw_fields_equal (a, b, user_fields, N_FIELDS);
}

JsonNode *
sw_user_to_json (SwUser *self)
{
  g_return_val_if_fail (SW_IS_USER (self), NULL);

  return sw_fields_to_json (self, user_fields, N_FIELDS);
}

SwUser *
sw_user_new_from_json (JsonNode  *node,
                       GError   **error)
{
  return sw_fields_new_from_json (SW_TYPE_USER, user_fields, N_FIELDS, node, error);
}

gboolean
sw_user_update_from_json (SwUser    *self,
                          JsonNode  *node,
                          GError   **error)
{
  g_return_val_if_fail (SW_IS_USER (self), FALSE);

  return sw_fields_update_from_json (self, user_fields, N_FIELDS, node, error);
}

/* The hash never appears in JSON; these are for the authentication code. */
const char *
sw_user_get_password_hash (SwUser *self)
{
  g_return_val_if_fail (SW_IS_USER (self), NULL);

  return self->password_hash != NULL ? self->password_hash : "";
}

void
sw_user_set_password_hash (SwUser     *self,
                           const char *password_hash)
{
  g_return_if_fail (SW_IS_USER (self));

  if (g_strcmp0 (self->password_hash, password_hash) == 0)
    return;

  g_free (self->password_hash);
  self->password_hash = g_strdup (password_hash);
}

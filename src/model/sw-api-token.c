/* sw-api-token.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-api-token-private.h"

/* An API token: the contract's APIToken schema. scopes is the comma-separated string
 * the contract uses ("read,write"). token_hash is a secret field: never in JSON. */

#define F(member, kind, flags) SW_FIELD_ENTRY (SwApiToken, member, kind, flags)

static const SwField api_token_fields[] = {
  F (id, STRING, 0),
  F (name, STRING, 0),
  F (scopes, STRING, 0),
  F (user_id, STRING, 0),
  F (status, STRING, 0),
  F (created_at, TIMESTAMP, 0),
  F (last_used_at, TIMESTAMP, SW_FIELD_OMIT_EMPTY),
  F (revoked_at, TIMESTAMP, SW_FIELD_OMIT_EMPTY),
  F (token_hash, STRING, SW_FIELD_SECRET),
};

#undef F

#define N_FIELDS G_N_ELEMENTS (api_token_fields)

G_DEFINE_FINAL_TYPE (SwApiToken, sw_api_token, G_TYPE_OBJECT)

enum {
  PROP_0,
  /* One property per field, in table order. */
  N_PROPS = 1 + N_FIELDS
};

static GParamSpec *properties[N_PROPS];

static void
sw_api_token_finalize (GObject *object)
{
  sw_fields_clear (object, api_token_fields, N_FIELDS);

  G_OBJECT_CLASS (sw_api_token_parent_class)->finalize (object);
}

static void
sw_api_token_class_init (SwApiTokenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sw_api_token_finalize;
  object_class->get_property = sw_fields_get_property;
  object_class->set_property = sw_fields_set_property;

  sw_fields_install_properties (object_class, api_token_fields, N_FIELDS, PROP_0 + 1, properties);
}

static void
sw_api_token_init (SwApiToken *self)
{
}

const SwField *
sw_api_token_get_fields (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = N_FIELDS;

  return api_token_fields;
}

SwApiToken *
sw_api_token_new (void)
{
  return g_object_new (SW_TYPE_API_TOKEN, NULL);
}

SwApiToken *
sw_api_token_copy (SwApiToken *self)
{
  g_return_val_if_fail (SW_IS_API_TOKEN (self), NULL);

  return sw_fields_dup_object (self, api_token_fields, N_FIELDS);
}

gboolean
sw_api_token_equal (SwApiToken *a,
                    SwApiToken *b)
{
  g_return_val_if_fail (SW_IS_API_TOKEN (a), FALSE);
  g_return_val_if_fail (SW_IS_API_TOKEN (b), FALSE);

  return sw_fields_equal (a, b, api_token_fields, N_FIELDS);
}

JsonNode *
sw_api_token_to_json (SwApiToken *self)
{
  g_return_val_if_fail (SW_IS_API_TOKEN (self), NULL);

  return sw_fields_to_json (self, api_token_fields, N_FIELDS);
}

SwApiToken *
sw_api_token_new_from_json (JsonNode  *node,
                            GError   **error)
{
  return sw_fields_new_from_json (SW_TYPE_API_TOKEN, api_token_fields, N_FIELDS, node, error);
}

gboolean
sw_api_token_update_from_json (SwApiToken  *self,
                               JsonNode    *node,
                               GError     **error)
{
  g_return_val_if_fail (SW_IS_API_TOKEN (self), FALSE);

  return sw_fields_update_from_json (self, api_token_fields, N_FIELDS, node, error);
}

/* The hash never appears in JSON; these are for the authentication code. */
const char *
sw_api_token_get_token_hash (SwApiToken *self)
{
  g_return_val_if_fail (SW_IS_API_TOKEN (self), NULL);

  return self->token_hash != NULL ? self->token_hash : "";
}

void
sw_api_token_set_token_hash (SwApiToken *self,
                             const char *token_hash)
{
  g_return_if_fail (SW_IS_API_TOKEN (self));

  if (g_strcmp0 (self->token_hash, token_hash) == 0)
    return;

  g_free (self->token_hash);
  self->token_hash = g_strdup (token_hash);
}

/* sw-platform-profile.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-platform-profile-private.h"

/* Naming and NFO conventions of a media platform (table platform_profiles). The four
 * filename lists are the nested JSON object image_naming {thumb, fanart, logo, banner};
 * the legacy single-string form {"thumb": "folder.jpg"} is accepted when reading. */

#define F(member, kind, flags) SW_FIELD_ENTRY (SwPlatformProfile, member, kind, flags)

static const SwField platform_profile_fields[] = {
  F (id, STRING, 0),
  F (name, STRING, 0),
  F (is_builtin, BOOLEAN, 0),
  F (is_active, BOOLEAN, 0),
  F (nfo_enabled, BOOLEAN, 0),
  F (nfo_format, STRING, 0),
  { "thumb", SW_FIELD_STRV, G_STRUCT_OFFSET (SwPlatformProfile, image_naming_thumb),
    SW_FIELD_STRV_ACCEPT_STRING, "image_naming" },
  { "fanart", SW_FIELD_STRV, G_STRUCT_OFFSET (SwPlatformProfile, image_naming_fanart),
    SW_FIELD_STRV_ACCEPT_STRING, "image_naming" },
  { "logo", SW_FIELD_STRV, G_STRUCT_OFFSET (SwPlatformProfile, image_naming_logo),
    SW_FIELD_STRV_ACCEPT_STRING, "image_naming" },
  { "banner", SW_FIELD_STRV, G_STRUCT_OFFSET (SwPlatformProfile, image_naming_banner),
    SW_FIELD_STRV_ACCEPT_STRING, "image_naming" },
  F (use_symlinks, BOOLEAN, 0),
  F (created_at, TIMESTAMP, 0),
  F (updated_at, TIMESTAMP, 0),
};

#undef F

#define N_FIELDS G_N_ELEMENTS (platform_profile_fields)

G_DEFINE_FINAL_TYPE (SwPlatformProfile, sw_platform_profile, G_TYPE_OBJECT)

enum {
  PROP_0,
  /* One property per field, in table order. */
  N_PROPS = 1 + N_FIELDS
};

static GParamSpec *properties[N_PROPS];

static void
sw_platform_profile_finalize (GObject *object)
{
  sw_fields_clear (object, platform_profile_fields, N_FIELDS);

  G_OBJECT_CLASS (sw_platform_profile_parent_class)->finalize (object);
}

static void
sw_platform_profile_class_init (SwPlatformProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sw_platform_profile_finalize;
  object_class->get_property = sw_fields_get_property;
  object_class->set_property = sw_fields_set_property;

  sw_fields_install_properties (object_class, platform_profile_fields, N_FIELDS, PROP_0 + 1,
                                properties);
}

static void
sw_platform_profile_init (SwPlatformProfile *self)
{
}

const SwField *
sw_platform_profile_get_fields (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = N_FIELDS;

  return platform_profile_fields;
}

SwPlatformProfile *
sw_platform_profile_new (void)
{
  return g_object_new (SW_TYPE_PLATFORM_PROFILE, NULL);
}

SwPlatformProfile *
sw_platform_profile_copy (SwPlatformProfile *self)
{
  g_return_val_if_fail (SW_IS_PLATFORM_PROFILE (self), NULL);

  return sw_fields_dup_object (self, platform_profile_fields, N_FIELDS);
}

gboolean
sw_platform_profile_equal (SwPlatformProfile *a,
                           SwPlatformProfile *b)
{
  g_return_val_if_fail (SW_IS_PLATFORM_PROFILE (a), FALSE);
  g_return_val_if_fail (SW_IS_PLATFORM_PROFILE (b), FALSE);

  return sw_fields_equal (a, b, platform_profile_fields, N_FIELDS);
}

JsonNode *
sw_platform_profile_to_json (SwPlatformProfile *self)
{
  g_return_val_if_fail (SW_IS_PLATFORM_PROFILE (self), NULL);

  return sw_fields_to_json (self, platform_profile_fields, N_FIELDS);
}

SwPlatformProfile *
sw_platform_profile_new_from_json (JsonNode  *node,
                                   GError   **error)
{
  return sw_fields_new_from_json (SW_TYPE_PLATFORM_PROFILE, platform_profile_fields, N_FIELDS, node,
                                  error);
}

gboolean
sw_platform_profile_update_from_json (SwPlatformProfile  *self,
                                      JsonNode           *node,
                                      GError            **error)
{
  g_return_val_if_fail (SW_IS_PLATFORM_PROFILE (self), FALSE);

  return sw_fields_update_from_json (self, platform_profile_fields, N_FIELDS, node, error);
}

/* sw-platform-profile-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-platform-profile.h"
#include "sw-fields.h"

G_BEGIN_DECLS

/* The instance struct, for the store, which fills fields directly (storage as in
 * sw-fields.h; writing fields directly does not notify). */
struct _SwPlatformProfile
{
  GObject parent_instance;

  char *id;
  char *name;
  gboolean is_builtin;
  gboolean is_active;
  gboolean nfo_enabled;
  char *nfo_format;              /* kodi */
  char **image_naming_thumb;
  char **image_naming_fanart;
  char **image_naming_logo;
  char **image_naming_banner;
  gboolean use_symlinks;
  char *created_at;
  char *updated_at;
};

/* The field table behind the properties and the JSON mapping. */
const SwField *sw_platform_profile_get_fields (guint *n_fields);

G_END_DECLS

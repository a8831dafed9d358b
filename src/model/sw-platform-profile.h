/* sw-platform-profile.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SW_TYPE_PLATFORM_PROFILE (sw_platform_profile_get_type ())

G_DECLARE_FINAL_TYPE (SwPlatformProfile, sw_platform_profile, SW, PLATFORM_PROFILE, GObject)

SwPlatformProfile *sw_platform_profile_new              (void);
SwPlatformProfile *sw_platform_profile_copy             (SwPlatformProfile  *self);
gboolean           sw_platform_profile_equal            (SwPlatformProfile  *a,
                                                         SwPlatformProfile  *b);
JsonNode          *sw_platform_profile_to_json          (SwPlatformProfile  *self);
SwPlatformProfile *sw_platform_profile_new_from_json    (JsonNode           *node,
                                                         GError            **error);
gboolean           sw_platform_profile_update_from_json (SwPlatformProfile  *self,
                                                         JsonNode           *node,
                                                         GError            **error);

G_END_DECLS

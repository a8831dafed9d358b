/* sw-platform-service.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-platform-profile.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* Platform profiles: how NFOs and images are named for the media server in use.
 * Exactly one profile is active. The seeded profiles are built in: Kodi, Emby, Jellyfin
 * and Plex cannot be changed, Custom can; none of them can be deleted.
 *
 * Errors: SW_STORE_ERROR_INVALID for a profile that fails validation (with every
 * problem in @details, one sentence each, prefixed by the member it is about, e.g.
 * "image_naming.logo: …"), SW_STORE_ERROR_CONFLICT for a name in use (in any case), a
 * change to a read-only profile or deleting a built-in or the active one, and
 * SW_STORE_ERROR_NOT_FOUND for an unknown id. Nothing is written on error. */

#define SW_PLATFORM_PROFILE_CUSTOM "custom"

/* A new profile with the defaults a created one starts from: NFOs on in Kodi format,
 * and Kodi's image names (folder.jpg, fanart.jpg, logo.png, banner.jpg). */
SwPlatformProfile *sw_platform_service_new_draft  (void);

/* Every problem of @profile as stored (name, NFO format, image names), or NULL when it
 * is valid. */
GStrv              sw_platform_service_check      (SwPlatformProfile  *profile);

/* Every profile, by name. */
GPtrArray         *sw_platform_service_list       (SwStore            *store,
                                                   GError            **error);
SwPlatformProfile *sw_platform_service_get        (SwStore            *store,
                                                   const char         *id,
                                                   GError            **error);
/* The active profile: what the scanner and the writers name files after. */
SwPlatformProfile *sw_platform_service_get_active (SwStore            *store,
                                                   GError            **error);

/* Creates an inactive, non-built-in profile from @draft's name, nfo_enabled,
 * nfo_format, image names and use_symlinks. File names are stored trimmed. @details
 * (may be NULL) receives the problems on SW_STORE_ERROR_INVALID. */
SwPlatformProfile *sw_platform_service_create     (SwStore            *store,
                                                   SwPlatformProfile  *draft,
                                                   GStrv              *details,
                                                   GError            **error);
/* Saves those same fields of @profile onto the stored profile with its id. */
SwPlatformProfile *sw_platform_service_update     (SwStore            *store,
                                                   SwPlatformProfile  *profile,
                                                   GStrv              *details,
                                                   GError            **error);
gboolean           sw_platform_service_delete     (SwStore            *store,
                                                   const char         *id,
                                                   GError            **error);
/* Makes @id the one active profile. Files already on disk are not renamed. */
gboolean           sw_platform_service_activate   (SwStore            *store,
                                                   const char         *id,
                                                   GError            **error);

G_END_DECLS

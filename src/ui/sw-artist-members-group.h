/* sw-artist-members-group.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sw-artist-service.h"

G_BEGIN_DECLS

/* The artist editor's "Members" group: one row per band member (name; instruments and years
 * underneath) with a remove button, and an entry row at the end that adds one. Every
 * change saves the whole list (source "manual"); a refused one is explained under the
 * list and changes nothing. */

#define SW_TYPE_ARTIST_MEMBERS_GROUP (sw_artist_members_group_get_type ())

G_DECLARE_FINAL_TYPE (SwArtistMembersGroup, sw_artist_members_group, SW, ARTIST_MEMBERS_GROUP,
                      AdwPreferencesGroup)

GtkWidget *sw_artist_members_group_new           (SwArtistService      *service);
/* NULL empties the group. Reads the members (a small read on the main thread). */
void       sw_artist_members_group_set_artist_id (SwArtistMembersGroup *self,
                                                  const char           *artist_id);

G_END_DECLS

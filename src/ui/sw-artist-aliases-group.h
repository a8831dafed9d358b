/* sw-artist-aliases-group.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sw-artist-service.h"

G_BEGIN_DECLS

/* The artist editor's "Aliases" group: one row per alias with a remove button, and an
 * entry row at the end that adds one (source "manual"). A refused change (empty,
 * duplicate) is explained under the list and changes nothing. */

#define SW_TYPE_ARTIST_ALIASES_GROUP (sw_artist_aliases_group_get_type ())

G_DECLARE_FINAL_TYPE (SwArtistAliasesGroup, sw_artist_aliases_group, SW, ARTIST_ALIASES_GROUP,
                      AdwPreferencesGroup)

GtkWidget *sw_artist_aliases_group_new           (SwArtistService      *service);
/* NULL empties the group. Reads the aliases (a small read on the main thread). */
void       sw_artist_aliases_group_set_artist_id (SwArtistAliasesGroup *self,
                                                  const char           *artist_id);

G_END_DECLS

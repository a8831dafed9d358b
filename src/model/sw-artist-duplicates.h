/* sw-artist-duplicates.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *reason;          /* "mbid" or "name_key" */
  char *key;             /* the shared MBID or identity key */
  char *signature;       /* member ids sorted, joined with '|' */
  GPtrArray *ids;        /* member artist ids, sorted by name */
  GPtrArray *names;      /* their names, same order */
} SwDuplicateGroup;

void       sw_duplicate_group_free          (SwDuplicateGroup *group);

/* Artists that look like the same artist: equal identity keys (see
 * sw_artist_identity_key()) or a shared MusicBrainz ID. Two different MBIDs never join
 * one group. Groups the user chose to ignore are left out. */
GPtrArray *sw_artist_store_find_duplicates  (SwStore          *store,
                                             GError          **error);

G_END_DECLS

/* sw-nfo-state.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-store.h"

G_BEGIN_DECLS

/* What Stillwater knows about an artist's artist.nfo on disk: the fingerprint
 * (artists.nfo_hash, nfo_mtime) of the file as it last read or wrote it, so a later
 * change by another program can be told apart from our own. Not artist fields: they
 * change no history and send no events. Unknown artists are SW_STORE_ERROR_NOT_FOUND. */

/* @sha256_hex is "" and @mtime_us 0 when nothing was recorded. */
gboolean  sw_nfo_state_get              (SwStore     *store,
                                         const char  *artist_id,
                                         char       **sha256_hex,
                                         gint64      *mtime_us,
                                         GError     **error);
/* Records a fingerprint; "" / 0 forgets it. */
gboolean  sw_nfo_state_set              (SwStore     *store,
                                         const char  *artist_id,
                                         const char  *sha256_hex,
                                         gint64       mtime_us,
                                         GError     **error);
/* The created_at of the artist's newest nfo_snapshots row, NULL when there is none
 * (also for an unknown artist). */
char     *sw_nfo_state_latest_snapshot  (SwStore     *store,
                                         const char  *artist_id,
                                         GError     **error);

G_END_DECLS

/* sw-nfo-sync.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-events.h"
#include "sw-settings.h"

G_BEGIN_DECLS

/* Keeps each artist's artist.nfo in step with the database: after any committed edit
 * of an artist's metadata (GUI, API, providers, rules — not scans, which read the
 * file), the NFO is rebuilt from the database. One path for every front end, because
 * it listens to the "artist.updated" events the artist service publishes. */

#define SW_TYPE_NFO_SYNC (sw_nfo_sync_get_type ())

G_DECLARE_FINAL_TYPE (SwNfoSync, sw_nfo_sync, SW, NFO_SYNC, GObject)

/* Starts listening, on a thread of its own. */
SwNfoSync *sw_nfo_sync_new   (SwStore    *store,
                              SwEvents   *events,
                              SwSettings *settings);
/* Waits until every edit announced so far has been written (tests, shutdown). */
void       sw_nfo_sync_flush (SwNfoSync  *self);

/* Rebuilds one artist's NFO now: nothing for a pathless artist or when the active
 * platform profile has NFOs off; the previous file is kept in nfo_snapshots; an
 * existing file that cannot be parsed is never overwritten (SW_NFO_ERROR). Writes are
 * atomic; artists.nfo_hash/nfo_mtime record what was written. */
gboolean   sw_nfo_sync_write_artist (SwStore    *store,
                                     SwSettings *settings,
                                     const char *artist_id,
                                     GError    **error);

G_END_DECLS

/* sw-nfo-conflict.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist-service.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* Has another program changed an artist's artist.nfo since Stillwater last read or
 * wrote it? The file's SHA-256 against artists.nfo_hash (a touched file with the same
 * bytes is no conflict); without a recorded hash, the reference server's rule: modified
 * after the newest NFO snapshot, else within the last 24 hours. No file (pathless
 * artist, none written yet, unreadable) is no conflict. @last_modified (may be NULL)
 * gets the file's modification time as RFC 3339, NULL without a file. Reads files: call
 * it off the main thread. */
gboolean sw_nfo_conflict_check  (SwStore          *store,
                                 const char       *artist_id,
                                 gboolean         *has_conflict,
                                 char            **last_modified,
                                 GError          **error);

/* "Reload from File": the file's values go through @service as source "import", field
 * by field (history, events, field locks as for any automated source), and the file's
 * fingerprint is recorded so it no longer counts as a conflict. Fields the file does not
 * set keep their values. Reads the file: call it off the main thread. */
gboolean sw_nfo_conflict_reload (SwArtistService  *service,
                                 const char       *artist_id,
                                 GError          **error);

G_END_DECLS

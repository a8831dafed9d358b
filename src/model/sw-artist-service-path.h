/* sw-artist-service-path.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist-service.h"

G_BEGIN_DECLS

/* Records that the artist's folder is now at @path (an absolute path; the caller has
 * already moved it on disk), with a history row (field "path", not revertable) and an
 * artist.updated event. A path that another artist has is a conflict. */
gboolean sw_artist_service_set_path (SwArtistService  *self,
                                     const char       *artist_id,
                                     const char       *path,
                                     const char       *source,
                                     GError          **error);

G_END_DECLS

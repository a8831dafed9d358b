/* sw-artist-extras.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist-editor.h"
#include "sw-artist-service.h"
#include "sw-events.h"

G_BEGIN_DECLS

/* The artist editor's further sections — Images, Aliases, Members — and its History tab,
 * added to an editor and kept on its artist: they follow the artist's changes from the
 * event bus (an edit in the editor, the REST API, a scan). */

#define SW_TYPE_ARTIST_EXTRAS (sw_artist_extras_get_type ())

G_DECLARE_FINAL_TYPE (SwArtistExtras, sw_artist_extras, SW, ARTIST_EXTRAS, GObject)

SwArtistExtras *sw_artist_extras_new            (SwArtistEditor  *editor,
                                                 SwArtistService *service,
                                                 SwEvents        *events);
/* Call with the editor's: NULL empties the sections. */
void            sw_artist_extras_set_artist_id  (SwArtistExtras  *self,
                                                 const char      *artist_id);

G_END_DECLS

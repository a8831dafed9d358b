/* sw-artist-editor.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sw-artist-service.h"
#include "sw-events.h"

G_BEGIN_DECLS

/* The detail pane of the Artists page: one artist's fields, edited in place and saved
 * through the artist service (as the REST API's field routes are), with its own header
 * bar (Open Folder, Lock/Unlock), undo of the last edit, live updates from the event
 * bus and the "artist.nfo changed on disk" bar.
 *
 * Property "show-back-button": a back button at the start of the header bar that
 * activates "artists.back" (installed by the page that holds the editor). */

#define SW_TYPE_ARTIST_EDITOR (sw_artist_editor_get_type ())

G_DECLARE_FINAL_TYPE (SwArtistEditor, sw_artist_editor, SW, ARTIST_EDITOR, AdwBin)

GtkWidget    *sw_artist_editor_new            (SwArtistService *service,
                                               SwEvents        *events);
/* NULL shows the "No Artist Selected" page. */
void          sw_artist_editor_set_artist_id  (SwArtistEditor  *self,
                                               const char      *artist_id);
const char   *sw_artist_editor_get_artist_id  (SwArtistEditor  *self);
/* The avatar's image; NULL puts the initials back. */
void          sw_artist_editor_set_thumbnail  (SwArtistEditor  *self,
                                               GdkPaintable    *thumbnail);
/* A vertical box after the field groups, for more sections. */
GtkBox       *sw_artist_editor_get_sections   (SwArtistEditor  *self);
/* Holds the "details" page; more pages (history) may be added. */
AdwViewStack *sw_artist_editor_get_view_stack (SwArtistEditor  *self);

G_END_DECLS

/* sw-artist-editor-fields.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist.h"

G_BEGIN_DECLS

/* What a row shows for @field ("a, b" for lists). */
char       *sw_artist_editor_field_display   (SwArtist     *artist,
                                              const char   *field);
/* The field as the artist service takes it (JSON arrays for lists), for Undo. */
char       *sw_artist_editor_field_stored    (SwArtist     *artist,
                                              const char   *field);
/* A row's text as the artist service takes it. */
char       *sw_artist_editor_field_from_text (const char   *field,
                                              const char   *text);
/* Combo rows ("type", "gender"): position 0 is "not set". */
guint       sw_artist_editor_combo_position  (const char   *field,
                                              const char   *value);
const char *sw_artist_editor_combo_value     (const char   *field,
                                              guint         position);
/* The message of a validation error without the "field: " prefix. */
const char *sw_artist_editor_error_text      (const GError *error,
                                              const char   *field);

G_END_DECLS

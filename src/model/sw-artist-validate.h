/* sw-artist-validate.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The 20 fields an edit may set, in display order. */
const char * const *sw_artist_editable_fields   (void);
gboolean            sw_artist_field_is_editable (const char  *field);
gboolean            sw_artist_field_is_list     (const char  *field);
/* Field names a lock may name: the editable ones, plus members and spotify_id. */
gboolean            sw_artist_field_is_lockable (const char  *field);
gboolean            sw_artist_type_is_group     (const char  *type);

/* Checks @value for @field and returns it as it is stored (trimmed, lowercased ids,
 * list fields as canonical JSON array text), or NULL with SW_STORE_ERROR_INVALID.
 * An empty value clears the field, except for the name. */
char               *sw_artist_validate_field    (const char  *field,
                                                 const char  *value,
                                                 GError     **error);

G_END_DECLS

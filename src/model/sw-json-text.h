/* sw-json-text.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The store keeps lists as JSON array text and maps as JSON object text. These convert
 * between that text and GLib values; malformed text reads as empty. */
char       **sw_json_text_to_strv      (const char          *text);
char        *sw_json_text_from_strv    (const char * const  *strv);
GHashTable  *sw_json_text_to_map       (const char          *text);
char        *sw_json_text_from_map     (GHashTable          *map);

G_END_DECLS

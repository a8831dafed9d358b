/* sw-artist-names.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-store.h"

G_BEGIN_DECLS

/* Substring search over every artist's name and sort name: case-insensitive (Unicode
 * case folding, NFKC), any length. Returns the rowids of the matching artists, each
 * once, in list order (name, case-insensitive, then id); NULL on error. */
GArray *sw_artist_names_search (SwStore     *store,
                                const char  *text,
                                GError     **error);

/* @text as the search compares it; newlines become spaces. */
char   *sw_artist_names_fold   (const char  *text);

G_END_DECLS

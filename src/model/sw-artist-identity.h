/* sw-artist-identity.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The key under which two artist names count as the same artist: "The Cure",
 * "Cure, The" and "cure" share one; "AC/DC" stored as "AC_DC" matches "AC DC". */
char *sw_artist_identity_key (const char *name);

G_END_DECLS

/* sw-sha256.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Lowercase hex SHA-256 of a file's bytes. Nettle's implementation uses the CPU's SHA
 * instructions where there are some: about five times GLib's speed, and hashing every
 * image is most of a first scan's work. */
char *sw_sha256_file (const char  *path,
                      GError     **error);

G_END_DECLS

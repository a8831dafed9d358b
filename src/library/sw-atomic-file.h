/* sw-atomic-file.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Replaces @path with @data so that a reader, a crash or a power cut sees either the old
 * file or the new one, never a mix: a temporary file is created next to it, written,
 * synced and renamed over the target, then the directory is synced. The new file takes
 * the old one's permission bits (0644 when there was none). On failure the temporary
 * file is removed, @path is untouched and @error is set (G_FILE_ERROR).
 *
 * A symbolic link at @path is replaced by the file, not written through. */
gboolean sw_atomic_file_write (const char  *path,
                               const void  *data,
                               gsize        length,
                               GError     **error);

/* The SHA-256 of the file's bytes (lowercase hex) and its modification time in
 * microseconds since the epoch, both taken from one open file. Either output may be
 * NULL. G_FILE_ERROR_NOENT when there is no file. */
gboolean sw_file_fingerprint  (const char  *path,
                               char       **sha256_hex,
                               gint64      *mtime_us,
                               GError     **error);

G_END_DECLS

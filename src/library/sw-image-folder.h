/* sw-image-folder.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sys/stat.h>

G_BEGIN_DECLS

/* Image files inside one artist folder, never outside it. A file name is a plain name
 * (no '/', no "..", not "." and not empty), and what it resolves to, symbolic links
 * followed, must be a regular file directly in the folder. Failures are G_IO_ERROR:
 * INVALID_FILENAME for a name that is not plain, PERMISSION_DENIED for one that leads
 * out of the folder, NOT_FOUND, NOT_REGULAR_FILE, or the system's error. */

gboolean   sw_image_folder_name_is_safe (const char   *file_name);

/* The names in @folder, sorted (what sw_image_naming_match() takes). */
char     **sw_image_folder_list         (const char   *folder,
                                         GError      **error);

/* A read-only descriptor for @file_name in @folder, and its fstat() in @st. */
int        sw_image_folder_open         (const char   *folder,
                                         const char   *file_name,
                                         struct stat  *st,
                                         GError      **error);

/* Removes @file_name from @folder: a symbolic link itself, never what it points to;
 * never a directory. A file that is already gone is not an error. */
gboolean   sw_image_folder_remove       (const char   *folder,
                                         const char   *file_name,
                                         GError      **error);

G_END_DECLS

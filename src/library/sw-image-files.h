/* sw-image-files.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sys/stat.h>

#include "sw-image-naming.h"
#include "sw-platform-profile.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* An artist's image files, read and removed, for the API and the GUI alike.
 *
 * The registry (artist_images) names each slot's file; the files are those names in
 * the artist's folder. A slot whose rows carry no file names yet (never scanned since
 * names were recorded) is found in the folder by the active profile's naming instead.
 * Errors: SW_STORE_ERROR_NOT_FOUND for an unknown artist or a missing image,
 * SW_STORE_ERROR_INVALID for an unknown slot, SW_STORE_ERROR_CONFLICT for a refused
 * removal; file errors are G_IO_ERROR. */

/* The images of @slot as SwImageFile, by index, and the folder they are in (the
 * artist's path, or for an artist without one the image cache,
 * <database directory>/cache/images/<artist id>). */
GPtrArray         *sw_image_files_list           (SwStore       *store,
                                                  const char    *artist_id,
                                                  const char    *slot,
                                                  char         **folder,
                                                  GError       **error);

/* Opens image @index of @slot read-only: the descriptor, with its folder, file name and
 * fstat() (each out argument may be NULL). A registered file that is gone from the
 * folder is SW_STORE_ERROR_NOT_FOUND. */
int                sw_image_files_open           (SwStore       *store,
                                                  const char    *artist_id,
                                                  const char    *slot,
                                                  guint          index,
                                                  char         **folder,
                                                  char         **file_name,
                                                  struct stat   *st,
                                                  GError       **error);

/* Removes every file of @slot (every name the folder could show for it, so no other
 * file takes its place; for fanart, all of them) and the slot's registry rows, which
 * clears the artist's *_exists flag. Refused (SW_STORE_ERROR_CONFLICT) for an artist
 * without a folder and when any image of the slot is locked. Returns the names removed. */
GPtrArray         *sw_image_files_delete         (SwStore       *store,
                                                  const char    *artist_id,
                                                  const char    *slot,
                                                  GError       **error);

/* The id of a random artist with fanart; SW_STORE_ERROR_NOT_FOUND when none has. */
char              *sw_image_files_random_fanart_artist (SwStore  *store,
                                                        GError  **error);

G_END_DECLS

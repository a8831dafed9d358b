/* sw-image-naming.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sw-platform-profile.h"

G_BEGIN_DECLS

/* Which files in an artist folder are its images, and what a new one is called, by a
 * platform profile's image_naming. Pure functions over file names: nothing here
 * touches the disk.
 *
 * Slots are "thumb", "fanart", "logo" and "banner". A slot's candidate names are the
 * profile's list for it followed by the built-in defaults (folder/artist/poster,
 * fanart/backdrop, logo/logo-white, banner), so a folder written for another platform
 * is still understood. Names match case-insensitively by their stem, with any of the
 * extensions jpg, jpeg, png and webp; when several files share a stem, the one with
 * the configured extension wins, then the first in byte order.
 *
 * Fanart is numbered: "fanart.jpg" is number 0 and "fanart1.jpg", "fanart2.jpg" … (any
 * positive number) follow. The first candidate stem whose unnumbered file exists is the
 * folder's convention, else the first with any numbered file; its files, ordered by
 * number (gaps closed), are slots 0, 1, 2 … */

typedef struct
{
  const char *slot;             /* static string: "thumb", "fanart", "logo", "banner" */
  guint index;                  /* the slot position; above 0 only for fanart */
  guint number;                 /* the number in the file name; 0 when it has none */
  char *file_name;              /* as found in the folder */
} SwImageFile;

void           sw_image_file_free              (SwImageFile              *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwImageFile, sw_image_file_free)

/* TRUE for the four slot names. */
gboolean       sw_image_naming_is_slot         (const char               *slot);

/* The profile's names for @slot, or the defaults when it has none (@profile may be
 * NULL for the defaults alone). Free with g_strfreev(). NULL for an unknown slot. */
char         **sw_image_naming_names           (const SwPlatformProfile  *profile,
                                                const char               *slot);

/* The images among @file_names (a NULL-terminated list of names in one artist folder):
 * SwImageFile, thumb first, then fanart by index, logo, banner. Names with a '/' are
 * ignored. */
GPtrArray     *sw_image_naming_match           (const SwPlatformProfile  *profile,
                                                const char * const       *file_names);

/* Every name among @file_names that could be taken for @slot: all extension variants of
 * every candidate stem and, for fanart, every numbered file of every candidate stem.
 * What removing the slot must remove so that no other file takes its place. Sorted;
 * NULL for an unknown slot. */
GPtrArray     *sw_image_naming_find_all        (const SwPlatformProfile  *profile,
                                                const char               *slot,
                                                const char * const       *file_names);

/* The name a writer gives image @index of @slot: the profile's first name for the slot,
 * with @extension ("jpg", "png" …, a leading dot allowed; NULL keeps the configured
 * one). Fanart @index 1 and up is numbered @index on the Kodi profile (fanart1.jpg)
 * and @index + 1 elsewhere (backdrop2.jpg), as those platforms read them. NULL for an
 * unknown slot, an index above 0 on a single slot, or an extension that is not an
 * image's. */
char          *sw_image_naming_file_name       (const SwPlatformProfile  *profile,
                                                const char               *slot,
                                                guint                     index,
                                                const char               *extension);

G_END_DECLS

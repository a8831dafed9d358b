/* sw-scan-folder.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-nfo.h"
#include "sw-platform-profile.h"

G_BEGIN_DECLS

/* What one artist folder holds, as the scanner sees it. Private to the scanner. */

typedef struct
{
  const char *slot;             /* static */
  guint index;
  char *file_name;
  char *format;                 /* "jpeg", "png", "webp"; "" when the header is unreadable */
  guint width;
  guint height;
  gint64 size;
  char *content_hash;
  gboolean low_res;
} SwScanImage;

typedef struct
{
  char *path;
  char *dir_name;
  gint64 mtime_us;              /* the folder's */
  gint64 read_at_us;            /* when reading began: later changes are newer than this */
  gboolean nfo_exists;
  SwNfo *nfo;                   /* NULL when absent or unreadable */
  char *nfo_error;              /* why the NFO could not be read, if it could not */
  char *nfo_hash;
  gint64 nfo_mtime_us;
  GPtrArray *images;            /* SwScanImage */
} SwScanFolder;

void          sw_scan_folder_free      (SwScanFolder            *folder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwScanFolder, sw_scan_folder_free)

/* Whether the folder may be skipped: it was scanned at @last_scanned_us and neither it
 * nor any file the profile names (NFO, images) changed since. Lists the folder and
 * looks at those files' times only. FALSE when in doubt. */
gboolean      sw_scan_folder_unchanged (const char              *path,
                                        const SwPlatformProfile *profile,
                                        gint64                   last_scanned_us);

/* Reads the folder: the NFO (parsed), and every image the profile names, probed from
 * its header, sized and hashed. NULL with @error when the folder cannot be listed. */
SwScanFolder *sw_scan_folder_read      (const char              *path,
                                        const SwPlatformProfile *profile,
                                        GError                 **error);

G_END_DECLS

/* sw-scanner.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sw-artist-service.h"
#include "sw-settings.h"

G_BEGIN_DECLS

typedef struct
{
  guint new_artists;
  guint updated_artists;
  guint removed_artists;
  guint unchanged_artists;
  guint total_directories;
  guint suspected_duplicates;
} SwScanCounts;

/* Called from the scanning thread after each folder. */
typedef void (*SwScanProgressFunc) (guint       done,
                                    guint       total,
                                    const char *current,
                                    gpointer    user_data);

/* Scans every library with a path (or only @library_id): each immediate subfolder of
 * its root is an artist. New folders become artists (their NFO imported), changed ones
 * are updated, folders that are gone take their artists with them, and folders
 * unchanged since the last scan are skipped. Writes go in batches, one transaction
 * each, so a cancelled or killed scan leaves every finished batch and nothing half.
 * Updated artists are announced on @events (may be NULL); new ones by the service.
 * G_IO_ERROR_CANCELLED when @cancellable fires; SW_STORE_ERROR_INVALID when there is
 * nothing to scan. */
gboolean sw_scanner_run (SwArtistService     *service,
                         SwEvents            *events,
                         SwSettings          *settings,
                         const char          *library_id,
                         SwScanProgressFunc   progress,
                         gpointer             progress_data,
                         GCancellable        *cancellable,
                         SwScanCounts        *counts,
                         GError             **error);

G_END_DECLS

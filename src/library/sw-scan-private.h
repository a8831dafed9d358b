/* sw-scan-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-platform-profile.h"
#include "sw-scan-folder.h"
#include "sw-scanner.h"

G_BEGIN_DECLS

/* What sw-scanner.c (finding and reading folders) and sw-scan-write.c (writing what
 * was found) share. */

typedef struct
{
  char *id;
  gint64 last_scanned_us;
  gboolean in_library;
  gboolean locked;
  char *nfo_hash;               /* of the file last read or written */
} Known;

typedef struct
{
  SwScanFolder *folder;
  Known *known;                 /* NULL for a new artist */
  char *artist_id;              /* once known or created */
  gboolean lock_on_import;
} Pending;

typedef struct
{
  SwArtistService *service;
  SwEvents *events;
  SwStore *store;
  SwPlatformProfile *profile;
  SwLibrary *library;
  GCancellable *cancellable;
  char **exclusions;
  gboolean fast_path;
  GHashTable *known;            /* path → Known */
  GHashTable *seen;             /* paths */
  GHashTable *name_keys;        /* identity keys of every artist, for duplicates */
  GPtrArray *pending;           /* Pending */
  SwScanCounts *counts;
} Scan;

gboolean _sw_scan_name_in        (const char         *name,
                                  const char * const *list,
                                  gsize               n);
/* Writes the pending folders (creating, updating, re-importing NFOs) and clears them. */
gboolean _sw_scan_flush          (Scan               *scan,
                                  GError            **error);
/* Removes the library's artists whose folder was not seen. */
gboolean _sw_scan_remove_vanished (Scan              *scan,
                                   GError           **error);

G_END_DECLS

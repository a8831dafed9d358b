/* sw-library-stats.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-store.h"

G_BEGIN_DECLS

/* One library as the dashboard shows it. */
typedef struct
{
  char *id;
  char *name;
  char *path;                    /* "" for a pathless (media-server) library */
  char *last_scanned_at;         /* RFC 3339, or NULL when never recorded */
  guint artists;                 /* members of this library */
} SwLibraryStatsEntry;

/* The library's counts at one moment: every number comes from one read transaction. */
typedef struct
{
  guint artists;
  guint with_mbid;
  guint with_thumb;              /* slot-0 thumbnail present */
  guint with_fanart;             /* slot-0 fanart present */
  guint locked;
  GPtrArray *libraries;          /* SwLibraryStatsEntry, by name */
} SwLibraryStats;

/* Reads the counts and the libraries. Safe from any thread (each thread reads on its
 * own connection); one pass over the artists table, so run it off the main thread. */
SwLibraryStats *sw_library_stats_read (SwStore         *store,
                                       GError         **error);
void            sw_library_stats_free (SwLibraryStats  *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwLibraryStats, sw_library_stats_free)

G_END_DECLS

/* sw-library-watcher.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist-service.h"
#include "sw-job-queue.h"
#include "sw-settings.h"

G_BEGIN_DECLS

/* Honours each library's fs_watch setting: bit 1 watches the folders (a change is
 * followed, after a quiet moment, by a scan of that library, which reads only the
 * folders that changed), bit 2 scans every fs_poll_interval seconds. Libraries are
 * re-read every minute, so new settings take effect without a restart. Runs on the
 * GMainContext that creates it. */

#define SW_TYPE_LIBRARY_WATCHER (sw_library_watcher_get_type ())

G_DECLARE_FINAL_TYPE (SwLibraryWatcher, sw_library_watcher, SW, LIBRARY_WATCHER, GObject)

SwLibraryWatcher *sw_library_watcher_new     (SwJobQueue       *jobs,
                                              SwArtistService  *service,
                                              SwEvents         *events,
                                              SwSettings       *settings);
/* Reads the libraries again now (after a change through the GUI or the API). */
void              sw_library_watcher_refresh (SwLibraryWatcher *self);

/* Tests: shorter quiet time, and seconds of polling counted as milliseconds. */
void              _sw_library_watcher_set_fast (SwLibraryWatcher *self);

G_END_DECLS

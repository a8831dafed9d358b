/* sw-window.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sw-artist-service.h"
#include "sw-events.h"
#include "sw-job-queue.h"
#include "sw-server-status.h"
#include "sw-store.h"

G_BEGIN_DECLS

#define SW_TYPE_WINDOW (sw_window_get_type ())

G_DECLARE_FINAL_TYPE (SwWindow, sw_window, SW, WINDOW, AdwApplicationWindow)

/* @settings may be NULL (nothing is remembered). @store, @events, @jobs and @service
 * come together or are all NULL: without them the window shows the server status only. */
SwWindow *sw_window_new          (GtkApplication   *application,
                                  GSettings        *settings,
                                  SwServerStatus   *server_status,
                                  SwStore          *store,
                                  SwEvents         *events,
                                  SwJobQueue       *jobs,
                                  SwArtistService  *service);

/* What "Add Music Library…" does once a folder is chosen: creates a library named after
 * the folder and starts scanning it, showing the progress. On error nothing is shown;
 * the library stays created if only the scan could not start. */
gboolean  sw_window_add_library  (SwWindow         *self,
                                  const char       *path,
                                  GError          **error);

/* What "Try a Sample Library" does: generates a small library into the data directory
 * on a worker thread, then adds and scans it like a chosen folder. */
void      sw_window_try_sample_library (SwWindow   *self);

/* The Artists page (NULL without a store), for the tests and tools/screenshots. */
GtkWidget *sw_window_get_artists_page (SwWindow    *self);

G_END_DECLS

/* sw-dashboard-libraries.h
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
#include "sw-library-stats.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* The dashboard's Libraries list: a row per library with its artist count, its last
 * scan and Scan Now. A scan running anywhere (this list, the window, the web API)
 * shows as a spinner on its library, and while one runs no button starts another.
 * Toasts go to the nearest AdwToastOverlay above @list. */
typedef struct _SwDashboardLibraries SwDashboardLibraries;

SwDashboardLibraries *sw_dashboard_libraries_new          (GtkListBox           *list,
                                                           SwStore              *store,
                                                           SwEvents             *events,
                                                           SwJobQueue           *jobs,
                                                           SwArtistService      *service);
/* Removes its rows from the list. */
void                  sw_dashboard_libraries_free         (SwDashboardLibraries *self);
/* Shows @entries (SwLibraryStatsEntry), which must stay valid until the next update.
 * Rows are rebuilt only when the set or order of libraries changed. */
void                  sw_dashboard_libraries_update       (SwDashboardLibraries *self,
                                                           GPtrArray            *entries);
/* Rewrites every row from what it shows: the relative times ("Last scan 5 minutes
 * ago"), and the running scan's spinner and the buttons' sensitivity. */
void                  sw_dashboard_libraries_update_times (SwDashboardLibraries *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwDashboardLibraries, sw_dashboard_libraries_free)

G_END_DECLS

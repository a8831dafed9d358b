/* sw-dashboard-page.h
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
#include "sw-store.h"

G_BEGIN_DECLS

#define SW_TYPE_DASHBOARD_PAGE (sw_dashboard_page_get_type ())

G_DECLARE_FINAL_TYPE (SwDashboardPage, sw_dashboard_page, SW, DASHBOARD_PAGE, AdwBin)

/* The dashboard's content (the window gives it its header bar): the library's counts,
 * the libraries with Scan Now, and the events seen since the page was made. Follows
 * the bus: counts and libraries refresh at most twice a second. Toasts go to the
 * nearest AdwToastOverlay above it. */
GtkWidget *sw_dashboard_page_new (SwStore         *store,
                                  SwEvents        *events,
                                  SwJobQueue      *jobs,
                                  SwArtistService *service);

G_END_DECLS

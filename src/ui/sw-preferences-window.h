/* sw-preferences-window.h
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

#define SW_TYPE_PREFERENCES_WINDOW (sw_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SwPreferencesWindow, sw_preferences_window, SW, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The Preferences window: Libraries, Server, NFO Output and Appearance pages.
 * @parent may be NULL. @settings may be NULL (tests): the server port and remote access
 * cannot be changed then and the color scheme is not remembered. */
GtkWidget *sw_preferences_window_new (GtkWindow       *parent,
                                      GSettings       *settings,
                                      SwServerStatus  *status,
                                      SwStore         *store,
                                      SwEvents        *events,
                                      SwJobQueue      *jobs,
                                      SwArtistService *service);

G_END_DECLS

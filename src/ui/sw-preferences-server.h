/* sw-preferences-server.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sw-server-status.h"
#include "sw-store.h"

G_BEGIN_DECLS

#define SW_TYPE_PREFERENCES_SERVER (sw_preferences_server_get_type ())

G_DECLARE_FINAL_TYPE (SwPreferencesServer, sw_preferences_server, SW, PREFERENCES_SERVER, AdwPreferencesPage)

/* Port, remote access (GSettings; the application rebinds the server when they change),
 * the address, and the API tokens. @settings may be NULL: the port and switch are then
 * insensitive. */
GtkWidget *sw_preferences_server_new (GSettings      *settings,
                                      SwServerStatus *status,
                                      SwStore        *store);

G_END_DECLS

/* sw-preferences-dialogs.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sw-auth.h"

G_BEGIN_DECLS

/* The small dialogs of the Preferences window. Each is modal over @parent and calls
 * back only when the user confirms. */

typedef void (*SwTokenCreateFunc) (const char *name,
                                   SwScopes    scopes,
                                   gpointer    user_data);
typedef void (*SwAdminSetupFunc)  (const char *username,
                                   const char *password,
                                   gpointer    user_data);

/* Name and access level of a new API token. */
void sw_preferences_ask_new_token   (GtkWidget         *parent,
                                     SwTokenCreateFunc  func,
                                     gpointer           user_data);
/* The new token, shown this once, with a copy button. */
void sw_preferences_show_new_token  (GtkWidget         *parent,
                                     const char        *token);
/* Username and password (at least SW_PASSWORD_MIN_CHARS) of the first administrator. */
void sw_preferences_ask_admin_setup (GtkWidget         *parent,
                                     SwAdminSetupFunc   func,
                                     gpointer           user_data);
/* A toast on the Preferences window holding @widget. */
void sw_preferences_toast           (GtkWidget         *widget,
                                     const char        *message);

G_END_DECLS

/* sw-library-chooser.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The modal folder picker for adding a music library (the empty state and
 * Preferences both offer one). Native, so that the Flatpak portal is used when
 * sandboxed. @parent may be NULL. */
GtkFileChooserNative *sw_library_chooser_new (GtkWindow *parent);

G_END_DECLS

/* sw-data-dir.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *sw_data_dir_default (void);
gboolean  sw_data_dir_ensure  (const char  *path,
                               GError     **error);

G_END_DECLS

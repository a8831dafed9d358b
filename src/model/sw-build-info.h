/* sw-build-info.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *sw_build_info_version (void);
const char *sw_build_info_commit  (void);

G_END_DECLS

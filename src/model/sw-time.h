/* sw-time.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *sw_time_format_rfc3339 (GDateTime *time);
char *sw_time_now_rfc3339    (void);

G_END_DECLS

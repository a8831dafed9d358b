/* sw-dashboard-time.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Just now", "5 minutes ago", "3 hours ago", "2 days ago", then the local date;
 * both times are microseconds since the Unix epoch. */
char *sw_dashboard_format_relative         (gint64      then_us,
                                            gint64      now_us);
/* The same for an RFC 3339 time; NULL when @rfc3339 does not parse. */
char *sw_dashboard_format_relative_rfc3339 (const char *rfc3339,
                                            gint64      now_us);

G_END_DECLS

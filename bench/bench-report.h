/* bench-report.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Prints one line: @label, then the median, p99 (nearest rank) and maximum of
 * @samples_ms (doubles, milliseconds; sorted in place). */
void bench_report (const char *label,
                   GArray     *samples_ms);

G_END_DECLS

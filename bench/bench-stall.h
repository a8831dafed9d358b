/* bench-stall.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Attributes main-loop stalls: a watchdog thread notices when the main thread has not
 * called bench_stall_tick() for @threshold_ms, and then, every @threshold_ms while the
 * stall lasts, prints the main thread's stack and how much CPU time it used during the
 * stall (little CPU means it waited: a lock, I/O, or the scheduler). Call from the main
 * thread. */
void bench_stall_watch_start (guint threshold_ms);
void bench_stall_tick        (void);
void bench_stall_watch_stop  (void);

G_END_DECLS

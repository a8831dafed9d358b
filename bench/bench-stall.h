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
 * stall lasts, prints the main thread's stack and the CPU time used during the stall
 * by the main thread, the process and the whole machine (a main thread using little
 * CPU waited: for a lock, the disk, or the scheduler, which the other two tell apart).
 * Call from the main thread. */
void bench_stall_watch_start (guint threshold_ms);
void bench_stall_tick        (void);
void bench_stall_watch_stop  (void);

/* The process's major page faults so far: reads from the disk its memory waited for. */
gint64 bench_major_faults    (void);

G_END_DECLS

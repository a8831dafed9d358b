/* bench-library.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist.h"

G_BEGIN_DECLS

/* A made-up artist like those of a large real library: a unique name of one to three
 * words, a type, an MBID for 60 %, a biography and a genre for 70 %, 1 % excluded. */
SwArtist *bench_random_artist (GRand      *rand,
                               int         index);

/* A /proc/self/status field in KiB ("VmRSS:", "VmHWM:"), or -1. */
long      bench_memory_kib    (const char *field);

G_END_DECLS

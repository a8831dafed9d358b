/* bench-report.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bench-report.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

void
bench_report (const char *label,
              GArray     *samples_ms)
{
  guint n = samples_ms->len;
  guint p99 = MIN (n - 1, (guint) (n * 0.99));

  g_array_sort (samples_ms, compare_doubles);
  g_print ("%-44s median %7.3f ms   p99 %7.3f ms   max %7.3f ms\n", label,
           g_array_index (samples_ms, double, n / 2), g_array_index (samples_ms, double, p99),
           g_array_index (samples_ms, double, n - 1));
}

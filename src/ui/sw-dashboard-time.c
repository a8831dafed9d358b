/* sw-dashboard-time.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-dashboard-time.h"

char *
sw_dashboard_format_relative (gint64 then_us,
                              gint64 now_us)
{
  /* A time slightly ahead (another clock, a step back) still reads as now. */
  gint64 seconds = MAX (now_us - then_us, 0) / G_USEC_PER_SEC;
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) local = NULL;
  gint64 n;

  if (seconds < 60)
    return g_strdup (_("Just now"));

  if (seconds < 60 * 60)
    {
      n = seconds / 60;
      return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", n), (int) n);
    }

  if (seconds < 24 * 60 * 60)
    {
      n = seconds / (60 * 60);
      return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", n), (int) n);
    }

  if (seconds < 30 * 24 * 60 * 60)
    {
      n = seconds / (24 * 60 * 60);
      return g_strdup_printf (ngettext ("%d day ago", "%d days ago", n), (int) n);
    }

  then = g_date_time_new_from_unix_utc (then_us / G_USEC_PER_SEC);
  if (then == NULL)
    return g_strdup (_("Long ago"));
  local = g_date_time_to_local (then);
  /* TRANSLATORS: a date in the past, see the strftime() manual */
  return g_date_time_format (local, _("%e %B %Y"));
}

char *
sw_dashboard_format_relative_rfc3339 (const char *rfc3339,
                                      gint64      now_us)
{
  g_autoptr(GDateTime) time = NULL;

  if (rfc3339 == NULL)
    return NULL;

  time = g_date_time_new_from_iso8601 (rfc3339, NULL);
  if (time == NULL)
    return NULL;

  return sw_dashboard_format_relative (g_date_time_to_unix (time) * G_USEC_PER_SEC
                                       + g_date_time_get_microsecond (time), now_us);
}

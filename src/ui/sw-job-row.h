/* sw-job-row.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sw-job.h"

G_BEGIN_DECLS

/* One job in the jobs popover: what it is, its state, the item it works on, a
 * progress bar and, while it runs, a Cancel button. */

#define SW_TYPE_JOB_ROW (sw_job_row_get_type ())

G_DECLARE_FINAL_TYPE (SwJobRow, sw_job_row, SW, JOB_ROW, GtkBox)

GtkWidget  *sw_job_row_new        (SwJob       *job);
SwJob      *sw_job_row_get_job    (SwJobRow    *self);
/* Reads the job again (its getters are safe from any thread; rows are polled). */
void        sw_job_row_update     (SwJobRow    *self);

/* "Library Scan" for SW_SCAN_JOB_KIND; an unknown kind as it is. */
const char *sw_job_kind_label     (const char  *kind);

G_END_DECLS

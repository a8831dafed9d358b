/* sw-jobs-button.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sw-job-queue.h"

G_BEGIN_DECLS

/* The header bar's jobs indicator: hidden until a job has run, a progress pie (or a
 * spinner while the total is unknown) while jobs run, a check mark after. It opens a
 * popover with the running and recent jobs, each running one with a Cancel button.
 *
 * Signal "job-finished" (SwJob *job): once per job that ends while the button
 * exists, on the main thread (the window shows a toast). */

#define SW_TYPE_JOBS_BUTTON (sw_jobs_button_get_type ())

G_DECLARE_FINAL_TYPE (SwJobsButton, sw_jobs_button, SW, JOBS_BUTTON, AdwBin)

GtkWidget *sw_jobs_button_new (SwJobQueue *queue);

G_END_DECLS

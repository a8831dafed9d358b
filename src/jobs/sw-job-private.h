/* sw-job-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-job.h"

G_BEGIN_DECLS

/* For SwJobQueue. */
SwJob *_sw_job_new    (const char *kind);
void   _sw_job_finish (SwJob      *self,
                       GError     *error);

G_END_DECLS

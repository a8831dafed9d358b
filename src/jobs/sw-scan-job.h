/* sw-scan-job.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist-service.h"
#include "sw-job-queue.h"
#include "sw-settings.h"

G_BEGIN_DECLS

#define SW_SCAN_JOB_KIND "scan"

/* Starts a scan of every library (@library_id NULL) or one, as a job of kind
 * SW_SCAN_JOB_KIND: SW_JOB_ERROR_BUSY while a scan runs. At the end "scan.completed"
 * is published on @events with {scan_id, status, total_directories, new_artists}. */
SwJob    *sw_scan_job_start   (SwJobQueue       *queue,
                               SwArtistService  *service,
                               SwEvents         *events,
                               SwSettings       *settings,
                               const char       *library_id,
                               GError          **error);
/* The library a scan job covers; NULL for all of them. */
const char *sw_scan_job_get_library_id (SwJob *job);
/* The scan's state in the API's shape: {id, status, started_at, completed_at,
 * new_artists, updated_artists, removed_artists, unchanged_artists,
 * total_directories, suspected_duplicates, error, progress: {done, total, current}}. */
JsonNode *sw_scan_job_to_json (SwJob            *job);

G_END_DECLS

/* sw-preferences-libraries.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sw-artist-service.h"
#include "sw-events.h"
#include "sw-job-queue.h"
#include "sw-store.h"

G_BEGIN_DECLS

#define SW_TYPE_PREFERENCES_LIBRARIES (sw_preferences_libraries_get_type ())

G_DECLARE_FINAL_TYPE (SwPreferencesLibraries, sw_preferences_libraries, SW, PREFERENCES_LIBRARIES, AdwPreferencesPage)

GtkWidget *sw_preferences_libraries_new       (SwStore                 *store,
                                               SwEvents                *events,
                                               SwJobQueue              *jobs,
                                               SwArtistService         *service);

/* What the page's controls do once confirmed; the folder chooser ends in _add. A
 * refused change (invalid, unreadable or duplicate path, a name in use) is shown under
 * the list and changes nothing. @name NULL: the folder's name. Adding also starts a
 * scan of the new library when no scan is running. */
gboolean   sw_preferences_libraries_add       (SwPreferencesLibraries  *self,
                                               const char              *path,
                                               const char              *name,
                                               GError                 **error);
gboolean   sw_preferences_libraries_rename    (SwPreferencesLibraries  *self,
                                               const char              *library_id,
                                               const char              *name,
                                               GError                 **error);
gboolean   sw_preferences_libraries_set_watch (SwPreferencesLibraries  *self,
                                               const char              *library_id,
                                               int                      fs_watch,
                                               int                      poll_interval,
                                               GError                 **error);
/* @delete_artists: also delete the artists that are in no other library. */
gboolean   sw_preferences_libraries_remove    (SwPreferencesLibraries  *self,
                                               const char              *library_id,
                                               gboolean                 delete_artists,
                                               GError                 **error);
/* SW_JOB_ERROR_BUSY (also a toast) while another scan runs. */
gboolean   sw_preferences_libraries_scan      (SwPreferencesLibraries  *self,
                                               const char              *library_id,
                                               GError                 **error);

G_END_DECLS

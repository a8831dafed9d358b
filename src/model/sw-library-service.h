/* sw-library-service.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-library.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* Music libraries: listing, validation and changes, for the GUI and the REST API alike.
 * Invalid input is SW_STORE_ERROR_INVALID, a name another library has (in any case)
 * SW_STORE_ERROR_CONFLICT and an unknown id SW_STORE_ERROR_NOT_FOUND; nothing is
 * written then.
 *
 * A library path is absolute, has no ".." segment, and names an existing folder this
 * process can list; it is stored cleaned ("/music//a/./" → "/music/a"). An empty path
 * is a pathless library, whose artists come from a media server. */

/* The highest fs_watch: bit 1 watches the folder, bit 2 polls it. */
#define SW_LIBRARY_FS_WATCH_MAX 3

/* Whether fs_poll_interval may be @seconds: 60, 300, 900 or 1800. */
gboolean   sw_library_poll_interval_is_valid (gint64       seconds);

/* Every library, by name. */
GPtrArray *sw_library_service_list   (SwStore     *store,
                                      GError     **error);
/* One library; @artist_count (may be NULL) receives the number of artists in it. */
SwLibrary *sw_library_service_get    (SwStore     *store,
                                      const char  *id,
                                      guint       *artist_count,
                                      GError     **error);

/* Creates a library from @draft: name, path, type (empty = "regular"), source (empty =
 * "manual"), connection_id, external_id, fs_watch, fs_poll_interval (0 = 60) and
 * nfo_lock_data are taken; id and timestamps are made here. Returns the stored
 * library. */
SwLibrary *sw_library_service_create (SwStore     *store,
                                      SwLibrary   *draft,
                                      GError     **error);

/* Saves the editable fields of @library (name, path, type, fs_watch, fs_poll_interval,
 * nfo_lock_data) onto the stored library with its id. The path is checked on disk only
 * when it changes, so a library whose folder is offline can still be renamed. Returns
 * the stored library. */
SwLibrary *sw_library_service_update (SwStore     *store,
                                      SwLibrary   *library,
                                      GError     **error);

/* Removes a library. Its artists lose their membership; then, with @delete_artists,
 * every artist that is in no other library is deleted, and in any case an artist left
 * with no library and no media-server id is deleted (nothing could ever reach it
 * again). Open violations of artists that stay without a library are dismissed.
 * Change history is kept. @n_deleted (may be NULL) receives the number of artists
 * deleted. */
gboolean   sw_library_service_delete (SwStore     *store,
                                      const char  *id,
                                      gboolean     delete_artists,
                                      guint       *n_deleted,
                                      GError     **error);

/* Records that a scan of the library has just completed (last_scanned_at). */
gboolean   sw_library_service_mark_scanned (SwStore   *store,
                                            const char *id,
                                            GError   **error);

G_END_DECLS

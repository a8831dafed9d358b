/* sw-thumbnail-loader.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sw-artist.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* Artist thumbnails for lists: decoded off the main thread (at most two at a time),
 * scaled and centre-cropped to a square of @size pixels, and kept in an LRU cache of
 * a bounded number of textures. @size is in device pixels: a widget passes its
 * logical size times its scale factor. A cached texture is checked against the file
 * (inode, size, modification time) on every load, so a replaced file is decoded again;
 * a file that cannot be decoded is remembered as such until it changes. */

#define SW_TYPE_THUMBNAIL_LOADER (sw_thumbnail_loader_get_type ())

G_DECLARE_FINAL_TYPE (SwThumbnailLoader, sw_thumbnail_loader, SW, THUMBNAIL_LOADER, GObject)

#define SW_THUMBNAIL_LOADER_DEFAULT_MAX_ENTRIES 600

SwThumbnailLoader *sw_thumbnail_loader_new            (SwStore            *store);

/* The cached texture of @artist at @size, or NULL. Never touches the disk. */
GdkTexture        *sw_thumbnail_loader_lookup         (SwThumbnailLoader  *self,
                                                       SwArtist           *artist,
                                                       int                 size);

/* Loads the thumbnail on a worker thread; a request cancelled before its turn is
 * dropped without reading anything. */
void               sw_thumbnail_loader_load_async     (SwThumbnailLoader  *self,
                                                       SwArtist           *artist,
                                                       int                 size,
                                                       GCancellable       *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer            user_data);
/* A new reference; NULL without @error when the artist has no thumbnail, NULL with
 * @error when the file cannot be read or decoded (or the request was cancelled). */
GdkTexture        *sw_thumbnail_loader_load_finish    (SwThumbnailLoader  *self,
                                                       GAsyncResult       *result,
                                                       GError            **error);

/* The cache bound (default SW_THUMBNAIL_LOADER_DEFAULT_MAX_ENTRIES); the least
 * recently used entries beyond it are dropped at once. */
void               sw_thumbnail_loader_set_max_entries (SwThumbnailLoader *self,
                                                        guint              max_entries);
guint              sw_thumbnail_loader_get_n_entries  (SwThumbnailLoader  *self);
/* How many files were decoded so far (tests and measurements). */
guint              sw_thumbnail_loader_get_n_decodes  (SwThumbnailLoader  *self);

G_END_DECLS

/* sw-image-texture.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sw-store.h"

G_BEGIN_DECLS

/* Loads one of an artist's image files as a texture on a worker thread: finding the
 * file (sw_image_files_open), decoding and scaling it never block the main loop.
 * The image is scaled to fit @max_width × @max_height, keeping its aspect ratio. */
void        sw_image_texture_load_async  (SwStore              *store,
                                          const char           *artist_id,
                                          const char           *slot,
                                          guint                 index,
                                          int                   max_width,
                                          int                   max_height,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
GdkTexture *sw_image_texture_load_finish (GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS

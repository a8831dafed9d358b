/* sw-sample-library.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* "Try a Sample Library": a small generated library (the generator of tools/gen-library)
 * so that a newcomer sees artists, metadata and artwork within seconds. Written on a
 * worker thread into @root; a sample made before (it has its manifest) is reused. */
void   sw_sample_library_create_async  (GObject             *source_object,
                                        const char          *root,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* The root path, or NULL with @error. */
char  *sw_sample_library_create_finish (GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS

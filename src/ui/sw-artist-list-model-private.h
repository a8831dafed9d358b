/* sw-artist-list-model-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist-list-model.h"

G_BEGIN_DECLS

/* For tests and benchmarks: the page cache seen from outside. */
guint    sw_artist_list_model_get_n_cached_pages (SwArtistListModel *self);
gboolean sw_artist_list_model_is_cached          (SwArtistListModel *self,
                                                  guint              position);
/* Rows per page (10–500) and pages kept; drops the cache. */
void     sw_artist_list_model_set_cache_limits   (SwArtistListModel *self,
                                                  guint              page_size,
                                                  guint              max_pages);

G_END_DECLS

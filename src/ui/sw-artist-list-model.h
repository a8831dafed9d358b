/* sw-artist-list-model.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sw-artist.h"
#include "sw-events.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* The artist list for the GUI: a GListModel of SwArtist over the store that counts the
 * matching artists once and reads rows page by page as positions are asked for, keeping
 * only the most recently used pages. It follows SwEvents (artist.new, artist.updated,
 * scan.completed) on the thread-default GMainContext of the thread that created it, and
 * must only be used on that thread.
 *
 * g_list_model_get_item() on a position whose page is not cached reads that page
 * synchronously (about 1 ms for 200 rows when the disk is not involved); views use
 * sw_artist_list_model_peek_item() and sw_artist_list_model_request_page() instead,
 * which leave the reading to two reader threads. get_item() returns NULL when the row is
 * gone (the store changed since the count) or cannot be read; a refresh then follows.
 * A refresh after store changes (its count read on a reader thread) adds or removes
 * the difference at the end and replaces only the rows of the pages read last (what a
 * view shows), never every row. */

#define SW_TYPE_ARTIST_LIST_MODEL (sw_artist_list_model_get_type ())

G_DECLARE_FINAL_TYPE (SwArtistListModel, sw_artist_list_model, SW, ARTIST_LIST_MODEL, GObject)

/* @events may be NULL: the model then changes only with its query. */
SwArtistListModel *sw_artist_list_model_new             (SwStore            *store,
                                                         SwEvents           *events);

/* Sets one GET /artists query parameter: search, sort, order, filter, filter_<name>,
 * filter_library_<id>, library_id or ids (an empty value restores the default). Paging is
 * the model's own, so page and page_size are refused, as are unknown names and invalid
 * values (SW_STORE_ERROR_INVALID; nothing changes). A change re-counts and emits one
 * items-changed replacing every item. */
gboolean           sw_artist_list_model_set_query_param (SwArtistListModel  *self,
                                                         const char         *name,
                                                         const char         *value,
                                                         GError            **error);

/* A new model with this model's query and one parameter changed (validated as above),
 * counted once; @self itself when the value is the one in use. For views: GTK 4.8's list
 * views read every row an items-changed adds, so a view swaps to the copy instead of
 * having @self replace all its rows. */
SwArtistListModel *sw_artist_list_model_copy_with_param (SwArtistListModel  *self,
                                                         const char         *name,
                                                         const char         *value,
                                                         GError            **error);

/* The same without counting (so without reading): the copy is empty and follows no
 * events until sw_artist_list_model_count_async() has finished. @self itself when the
 * value is the one in use. */
SwArtistListModel *sw_artist_list_model_derive          (SwArtistListModel  *self,
                                                         const char         *name,
                                                         const char         *value,
                                                         GError            **error);
/* Counts a derived model on a reader thread (the main loop never waits for the
 * disk). Finishing fails only when @cancellable was cancelled; a list that cannot be
 * read is empty, as when counted synchronously. */
void               sw_artist_list_model_count_async     (SwArtistListModel  *self,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
gboolean           sw_artist_list_model_count_finish    (SwArtistListModel  *self,
                                                         GAsyncResult       *result,
                                                         GError            **error);

/* For views, which must not wait for the disk: the artist at @position if its page is
 * in memory (a new reference), otherwise NULL, without reading. */
SwArtist          *sw_artist_list_model_peek_item       (SwArtistListModel  *self,
                                                         guint               position);
/* Reads the page holding @position on a worker thread, unless it is in memory or on
 * its way; "page-loaded" (first position, count) follows on the model's thread. */
void               sw_artist_list_model_request_page    (SwArtistListModel  *self,
                                                         guint               position);

/* The number of matching artists (also the "total" property and the item count). */
guint              sw_artist_list_model_get_total       (SwArtistListModel  *self);

G_END_DECLS

/* sw-artist-image-query.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-artist-image-private.h"
#include "sw-artist-image-query.h"

typedef struct
{
  const char *artist_id;
  GPtrArray *images;
} ListRequest;

static void
add_image_row (SwStmt   *stmt,
               gpointer  images)
{
  SwArtistImage *image = sw_artist_image_new ();

  image->id = g_strdup (sw_stmt_column_text (stmt, 0));
  image->artist_id = g_strdup (sw_stmt_column_text (stmt, 1));
  image->image_type = g_strdup (sw_stmt_column_text (stmt, 2));
  image->slot_index = sqlite3_column_int (stmt, 3);
  image->exists = sqlite3_column_int (stmt, 4) != 0;
  image->low_res = sqlite3_column_int (stmt, 5) != 0;
  image->placeholder = g_strdup (sw_stmt_column_text (stmt, 6));
  image->width = sqlite3_column_int (stmt, 7);
  image->height = sqlite3_column_int (stmt, 8);
  image->phash = g_strdup (sw_stmt_column_text (stmt, 9));
  image->content_hash = g_strdup (sw_stmt_column_text (stmt, 10));
  image->file_format = g_strdup (sw_stmt_column_text (stmt, 11));
  image->source = g_strdup (sw_stmt_column_text (stmt, 12));
  image->last_written_at = g_strdup (sw_stmt_column_text (stmt, 13));
  image->locked = sqlite3_column_int (stmt, 14) != 0;
  g_ptr_array_add (images, image);
}

static gboolean
list_in_transaction (SwStore   *store,
                     gpointer   user_data,
                     GError   **error)
{
  ListRequest *request = user_data;
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "SELECT id, artist_id, image_type, slot_index, exists_flag, low_res, placeholder, width, "
    "height, phash, content_hash, file_format, source, last_written_at, locked "
    "FROM artist_images WHERE artist_id = ?1 "
    "ORDER BY CASE image_type WHEN 'thumb' THEN 0 WHEN 'fanart' THEN 1 WHEN 'logo' THEN 2 "
    "ELSE 3 END, slot_index", error);

  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, request->artist_id);
  return sw_store_foreach_row (store, stmt, add_image_row, request->images, error);
}

GPtrArray *
sw_artist_store_list_images (SwStore     *store,
                             const char  *artist_id,
                             GError     **error)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_object_unref);
  ListRequest request = { artist_id, images };

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (artist_id != NULL, NULL);

  if (!sw_store_read (store, list_in_transaction, &request, error))
    return NULL;

  return g_steal_pointer (&images);
}

/* sw-artist-image-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist-image.h"
#include "sw-fields.h"

G_BEGIN_DECLS

/* The instance struct, for the store, which fills fields directly (storage as in
 * sw-fields.h; writing fields directly does not notify). */
struct _SwArtistImage
{
  GObject parent_instance;

  char *id;
  char *artist_id;
  char *image_type;              /* thumb|fanart|logo|banner */
  int slot_index;
  gboolean exists;               /* column exists_flag */
  gboolean low_res;
  char *placeholder;             /* data URI */
  int width;                     /* 0 = unknown */
  int height;
  char *phash;
  char *content_hash;
  char *file_format;             /* jpeg|png */
  char *source;                  /* provenance */
  char *last_written_at;
  gboolean locked;
};

/* The field table behind the properties and the JSON mapping. */
const SwField *sw_artist_image_get_fields (guint *n_fields);

G_END_DECLS

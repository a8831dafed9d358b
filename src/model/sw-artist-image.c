/* sw-artist-image.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-artist-image-private.h"

/* One image slot of an artist (table artist_images). The JSON member for exists_flag is
 * "exists", as the image list endpoints return it. */

#define F(member, kind, flags) SW_FIELD_ENTRY (SwArtistImage, member, kind, flags)

static const SwField artist_image_fields[] = {
  F (id, STRING, 0),
  F (artist_id, STRING, 0),
  F (image_type, STRING, 0),
  F (slot_index, INT, 0),
  F (exists, BOOLEAN, 0),
  F (low_res, BOOLEAN, 0),
  F (placeholder, STRING, SW_FIELD_OMIT_EMPTY),
  F (width, INT, SW_FIELD_OMIT_EMPTY),
  F (height, INT, SW_FIELD_OMIT_EMPTY),
  F (phash, STRING, SW_FIELD_OMIT_EMPTY),
  F (content_hash, STRING, SW_FIELD_OMIT_EMPTY),
  F (file_format, STRING, SW_FIELD_OMIT_EMPTY),
  F (source, STRING, SW_FIELD_OMIT_EMPTY),
  F (last_written_at, TIMESTAMP, SW_FIELD_OMIT_EMPTY),
  F (locked, BOOLEAN, 0),
};

#undef F

#define N_FIELDS G_N_ELEMENTS (artist_image_fields)

G_DEFINE_FINAL_TYPE (SwArtistImage, sw_artist_image, G_TYPE_OBJECT)

enum {
  PROP_0,
  /* One property per field, in table order. */
  N_PROPS = 1 + N_FIELDS
};

static GParamSpec *properties[N_PROPS];

static void
sw_artist_image_finalize (GObject *object)
{
  sw_fields_clear (object, artist_image_fields, N_FIELDS);

  G_OBJECT_CLASS (sw_artist_image_parent_class)->finalize (object);
}

static void
sw_artist_image_class_init (SwArtistImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sw_artist_image_finalize;
  object_class->get_property = sw_fields_get_property;
  object_class->set_property = sw_fields_set_property;

  sw_fields_install_properties (object_class, artist_image_fields, N_FIELDS, PROP_0 + 1,
                                properties);
}

static void
sw_artist_image_init (SwArtistImage *self)
{
}

const SwField *
sw_artist_image_get_fields (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = N_FIELDS;

  return artist_image_fields;
}

SwArtistImage *
sw_artist_image_new (void)
{
  return g_object_new (SW_TYPE_ARTIST_IMAGE, NULL);
}

SwArtistImage *
sw_artist_image_copy (SwArtistImage *self)
{
  g_return_val_if_fail (SW_IS_ARTIST_IMAGE (self), NULL);

  return sw_fields_dup_object (self, artist_image_fields, N_FIELDS);
}

gboolean
sw_artist_image_equal (SwArtistImage *a,
                       SwArtistImage *b)
{
  g_return_val_if_fail (SW_IS_ARTIST_IMAGE (a), FALSE);
  g_return_val_if_fail (SW_IS_ARTIST_IMAGE (b), FALSE);

  return sw_fields_equal (a, b, artist_image_fields, N_FIELDS);
}

JsonNode *
sw_artist_image_to_json (SwArtistImage *self)
{
  g_return_val_if_fail (SW_IS_ARTIST_IMAGE (self), NULL);

  return sw_fields_to_json (self, artist_image_fields, N_FIELDS);
}

SwArtistImage *
sw_artist_image_new_from_json (JsonNode  *node,
                               GError   **error)
{
  return sw_fields_new_from_json (SW_TYPE_ARTIST_IMAGE, artist_image_fields, N_FIELDS, node, error);
}

gboolean
sw_artist_image_update_from_json (SwArtistImage  *self,
                                  JsonNode       *node,
                                  GError        **error)
{
  g_return_val_if_fail (SW_IS_ARTIST_IMAGE (self), FALSE);

  return sw_fields_update_from_json (self, artist_image_fields, N_FIELDS, node, error);
}

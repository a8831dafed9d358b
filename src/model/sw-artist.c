/* sw-artist.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-artist-private.h"

/* A music artist or group: the contract's Artist schema. Everything about fields, JSON
 * and properties comes from the table below through sw-fields. */

#define OMIT SW_FIELD_OMIT_EMPTY
#define F(member, kind, flags) SW_FIELD_ENTRY (SwArtist, member, kind, flags)

static const SwField artist_fields[] = {
  F (id, STRING, 0),
  F (name, STRING, 0),
  F (sort_name, STRING, 0),
  F (type, STRING, 0),
  F (gender, STRING, 0),
  F (origin, STRING, 0),
  F (disambiguation, STRING, 0),
  F (musicbrainz_id, STRING, 0),
  F (audiodb_id, STRING, 0),
  F (discogs_id, STRING, 0),
  F (wikidata_id, STRING, 0),
  F (deezer_id, STRING, 0),
  F (spotify_id, STRING, 0),
  F (genres, STRV, SW_FIELD_NULL_WHEN_EMPTY),
  F (styles, STRV, SW_FIELD_NULL_WHEN_EMPTY),
  F (moods, STRV, SW_FIELD_NULL_WHEN_EMPTY),
  F (years_active, STRING, 0),
  F (born, STRING, 0),
  F (formed, STRING, 0),
  F (died, STRING, 0),
  F (disbanded, STRING, 0),
  F (biography, STRING, 0),
  F (path, STRING, 0),
  F (library_id, STRING, 0),
  F (nfo_exists, BOOLEAN, 0),
  F (thumb_exists, BOOLEAN, 0),
  F (fanart_exists, BOOLEAN, 0),
  F (fanart_count, INT, 0),
  F (logo_exists, BOOLEAN, 0),
  F (banner_exists, BOOLEAN, 0),
  F (thumb_low_res, BOOLEAN, 0),
  F (fanart_low_res, BOOLEAN, 0),
  F (logo_low_res, BOOLEAN, 0),
  F (banner_low_res, BOOLEAN, 0),
  F (thumb_placeholder, STRING, OMIT),
  F (fanart_placeholder, STRING, OMIT),
  F (logo_placeholder, STRING, OMIT),
  F (banner_placeholder, STRING, OMIT),
  F (thumb_width, INT, OMIT),
  F (thumb_height, INT, OMIT),
  F (fanart_width, INT, OMIT),
  F (fanart_height, INT, OMIT),
  F (logo_width, INT, OMIT),
  F (logo_height, INT, OMIT),
  F (banner_width, INT, OMIT),
  F (banner_height, INT, OMIT),
  F (health_score, DOUBLE, 0),
  F (health_evaluated_at, TIMESTAMP, OMIT),
  F (dirty_since, TIMESTAMP, OMIT),
  F (rules_evaluated_at, TIMESTAMP, OMIT),
  F (is_excluded, BOOLEAN, 0),
  F (exclusion_reason, STRING, OMIT),
  F (is_classical, BOOLEAN, 0),
  F (locked, BOOLEAN, 0),
  F (lock_source, STRING, OMIT),
  F (locked_at, TIMESTAMP, OMIT),
  F (locked_fields, STRV, OMIT | SW_FIELD_STRV_NAME_SET),
  F (audiodb_id_fetched_at, TIMESTAMP, OMIT),
  F (discogs_id_fetched_at, TIMESTAMP, OMIT),
  F (wikidata_id_fetched_at, TIMESTAMP, OMIT),
  F (lastfm_fetched_at, TIMESTAMP, OMIT),
  F (metadata_sources, STRING_MAP, OMIT),
  F (last_scanned_at, TIMESTAMP, OMIT),
  F (discography, JSON_ARRAY, OMIT),
  F (created_at, TIMESTAMP, 0),
  F (updated_at, TIMESTAMP, 0),
};

#undef F
#undef OMIT

#define N_FIELDS G_N_ELEMENTS (artist_fields)

G_DEFINE_FINAL_TYPE (SwArtist, sw_artist, G_TYPE_OBJECT)

enum {
  PROP_0,
  /* One property per field, in table order. */
  N_PROPS = 1 + N_FIELDS
};

static GParamSpec *properties[N_PROPS];

static void
sw_artist_finalize (GObject *object)
{
  sw_fields_clear (object, artist_fields, N_FIELDS);

  G_OBJECT_CLASS (sw_artist_parent_class)->finalize (object);
}

static void
sw_artist_class_init (SwArtistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sw_artist_finalize;
  object_class->get_property = sw_fields_get_property;
  object_class->set_property = sw_fields_set_property;

  sw_fields_install_properties (object_class, artist_fields, N_FIELDS, PROP_0 + 1, properties);
}

static void
sw_artist_init (SwArtist *self)
{
}

const SwField *
sw_artist_get_fields (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = N_FIELDS;

  return artist_fields;
}

SwArtist *
sw_artist_new (void)
{
  return g_object_new (SW_TYPE_ARTIST, NULL);
}

SwArtist *
sw_artist_copy (SwArtist *self)
{
  g_return_val_if_fail (SW_IS_ARTIST (self), NULL);

  return sw_fields_dup_object (self, artist_fields, N_FIELDS);
}

gboolean
sw_artist_equal (SwArtist *a,
                 SwArtist *b)
{
  g_return_val_if_fail (SW_IS_ARTIST (a), FALSE);
  g_return_val_if_fail (SW_IS_ARTIST (b), FALSE);

  return sw_fields_equal (a, b, artist_fields, N_FIELDS);
}

JsonNode *
sw_artist_to_json (SwArtist *self)
{
  g_return_val_if_fail (SW_IS_ARTIST (self), NULL);

  return sw_fields_to_json (self, artist_fields, N_FIELDS);
}

SwArtist *
sw_artist_new_from_json (JsonNode  *node,
                         GError   **error)
{
  return sw_fields_new_from_json (SW_TYPE_ARTIST, artist_fields, N_FIELDS, node, error);
}

gboolean
sw_artist_update_from_json (SwArtist  *self,
                            JsonNode  *node,
                            GError   **error)
{
  g_return_val_if_fail (SW_IS_ARTIST (self), FALSE);

  return sw_fields_update_from_json (self, artist_fields, N_FIELDS, node, error);
}

static const char *
not_null (const char *s)
{
  return s != NULL ? s : "";
}

const char *
sw_artist_get_id (SwArtist *self)
{
  g_return_val_if_fail (SW_IS_ARTIST (self), NULL);

  return not_null (self->id);
}

const char *
sw_artist_get_name (SwArtist *self)
{
  g_return_val_if_fail (SW_IS_ARTIST (self), NULL);

  return not_null (self->name);
}

const char *
sw_artist_get_sort_name (SwArtist *self)
{
  g_return_val_if_fail (SW_IS_ARTIST (self), NULL);

  return not_null (self->sort_name);
}

const char *
sw_artist_get_artist_type (SwArtist *self)
{
  g_return_val_if_fail (SW_IS_ARTIST (self), NULL);

  return not_null (self->type);
}

const char *
sw_artist_get_musicbrainz_id (SwArtist *self)
{
  g_return_val_if_fail (SW_IS_ARTIST (self), NULL);

  return not_null (self->musicbrainz_id);
}

gboolean
sw_artist_get_locked (SwArtist *self)
{
  g_return_val_if_fail (SW_IS_ARTIST (self), FALSE);

  return self->locked;
}

const char * const *
sw_artist_get_locked_fields (SwArtist *self)
{
  g_return_val_if_fail (SW_IS_ARTIST (self), NULL);

  if (self->locked_fields == NULL || self->locked_fields[0] == NULL)
    return NULL;

  return (const char * const *) self->locked_fields;
}

gboolean
sw_artist_is_field_locked (SwArtist   *self,
                           const char *field)
{
  g_return_val_if_fail (SW_IS_ARTIST (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  for (guint i = 0; self->locked_fields != NULL && self->locked_fields[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (self->locked_fields[i], field) == 0)
        return TRUE;
    }

  return FALSE;
}

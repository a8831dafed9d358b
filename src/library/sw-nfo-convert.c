/* sw-nfo-convert.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-artist-private.h"
#include "sw-artist-validate.h"
#include "sw-json-text.h"
#include "sw-nfo-private.h"
#include "sw-time.h"

/* Between an NFO and an artist: import (file → artist) and the file Stillwater writes
 * for an artist (artist → file). */

#define NFO_MEMBER(member) G_STRUCT_OFFSET (SwNfo, member)

/* Artist fields that are one NFO element each, by their artist field name. Gender and
 * the lists have rules of their own below. */
static const struct
{
  const char *field;
  gsize offset;
} scalar_fields[] = {
  { "name", NFO_MEMBER (name) },
  { "sort_name", NFO_MEMBER (sort_name) },
  { "type", NFO_MEMBER (type) },
  { "disambiguation", NFO_MEMBER (disambiguation) },
  { "musicbrainz_id", NFO_MEMBER (musicbrainz_id) },
  { "audiodb_id", NFO_MEMBER (audiodb_id) },
  { "discogs_id", NFO_MEMBER (discogs_id) },
  { "wikidata_id", NFO_MEMBER (wikidata_id) },
  { "deezer_id", NFO_MEMBER (deezer_id) },
  { "spotify_id", NFO_MEMBER (spotify_id) },
  { "years_active", NFO_MEMBER (years_active) },
  { "born", NFO_MEMBER (born) },
  { "formed", NFO_MEMBER (formed) },
  { "died", NFO_MEMBER (died) },
  { "disbanded", NFO_MEMBER (disbanded) },
  { "biography", NFO_MEMBER (biography) },
};

static const struct
{
  const char *field;
  gsize offset;
} list_fields[] = {
  { "genres", NFO_MEMBER (genres) },
  { "styles", NFO_MEMBER (styles) },
  { "moods", NFO_MEMBER (moods) },
};

#undef NFO_MEMBER

static const char *
nfo_string (const SwNfo *nfo,
            gsize        offset)
{
  return *(char **) G_STRUCT_MEMBER_P ((gpointer) nfo, offset);
}

static char **
nfo_list (const SwNfo *nfo,
          gsize        offset)
{
  return *(char ***) G_STRUCT_MEMBER_P ((gpointer) nfo, offset);
}

/* "sort_name" → "sort-name", the property of the field. */
static char *
property_name (const char *field)
{
  return g_strdelimit (g_strdup (field), "_", '-');
}

/* Persons have a gender; groups, orchestras, choirs and "other" do not. */
static gboolean
type_is_individual (const char *type)
{
  return type != NULL && (g_ascii_strcasecmp (type, "person") == 0 ||
                          g_ascii_strcasecmp (type, "solo") == 0 ||
                          g_ascii_strcasecmp (type, "character") == 0);
}

/* The value as the artist field stores it, or NULL when the field would refuse it.
 * spotify_id is not an editable field (providers set it), so it is only trimmed. */
static char *
canonical_value (const char *field,
                 const char *value)
{
  g_autoptr(GError) error = NULL;
  char *canonical;

  if (g_str_equal (field, "spotify_id"))
    return g_strstrip (g_strdup (value));

  canonical = sw_artist_validate_field (field, value, &error);
  if (canonical == NULL)
    g_debug ("NFO value for %s skipped: %s", field, error->message);
  return canonical;
}

static void
import_scalar (SwArtist   *artist,
               const char *field,
               const char *value)
{
  g_autofree char *canonical = NULL;
  g_autofree char *property = NULL;

  if (value == NULL || value[0] == '\0' || sw_artist_is_field_locked (artist, field))
    return;

  canonical = canonical_value (field, value);
  if (canonical == NULL || canonical[0] == '\0')
    return;

  property = property_name (field);
  g_object_set (artist, property, canonical, NULL);
}

static void
import_list (SwArtist    *artist,
             const char  *field,
             char       **values)
{
  g_autofree char *json = NULL;
  g_autofree char *canonical = NULL;
  g_auto(GStrv) items = NULL;

  if (values == NULL || values[0] == NULL || sw_artist_is_field_locked (artist, field))
    return;

  json = sw_json_text_from_strv ((const char * const *) values);
  canonical = canonical_value (field, json);
  if (canonical == NULL)
    return;

  items = sw_json_text_to_strv (canonical);
  if (items != NULL && items[0] != NULL)
    g_object_set (artist, field, items, NULL);
}

static JsonNode *
albums_to_discography (GPtrArray *albums)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < albums->len; i++)
    {
      const SwNfoAlbum *album = g_ptr_array_index (albums, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, album->title != NULL ? album->title : "");
      if (album->year != NULL)
        {
          json_builder_set_member_name (builder, "year");
          json_builder_add_string_value (builder, album->year);
        }
      if (album->musicbrainz_release_group_id != NULL)
        {
          json_builder_set_member_name (builder, "musicbrainz_release_group_id");
          json_builder_add_string_value (builder, album->musicbrainz_release_group_id);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

void
sw_nfo_apply_to_artist (const SwNfo *nfo,
                        SwArtist    *artist)
{
  const char *nfo_type;

  g_return_if_fail (nfo != NULL);
  g_return_if_fail (SW_IS_ARTIST (artist));

  g_object_freeze_notify (G_OBJECT (artist));

  for (guint i = 0; i < G_N_ELEMENTS (scalar_fields); i++)
    import_scalar (artist, scalar_fields[i].field, nfo_string (nfo, scalar_fields[i].offset));

  /* A gender next to a group type is a leftover; the file's type decides. */
  nfo_type = nfo->type;
  if (nfo_type == NULL || type_is_individual (nfo_type))
    import_scalar (artist, "gender", nfo->gender);

  for (guint i = 0; i < G_N_ELEMENTS (list_fields); i++)
    import_list (artist, list_fields[i].field, nfo_list (nfo, list_fields[i].offset));

  /* Groups have no gender, unless somebody locked one in on purpose. */
  if (sw_artist_type_is_group (artist->type) && artist->gender != NULL &&
      artist->gender[0] != '\0' && !sw_artist_is_field_locked (artist, "gender"))
    g_object_set (artist, "gender", "", NULL);

  if (nfo->albums->len > 0)
    {
      g_autoptr(JsonNode) discography = albums_to_discography (nfo->albums);

      g_object_set (artist, "discography", discography, NULL);
    }

  g_object_thaw_notify (G_OBJECT (artist));
}

/* Artist → file ------------------------------------------------------------------------- */

static char *
dup_trimmed (const char *text)
{
  g_autofree char *copy = g_strdup (text != NULL ? text : "");

  return sw_nfo_dup_nonempty (g_strstrip (copy));
}

static const char *
json_member_text (JsonObject *object,
                  const char *name,
                  char        buffer[32])
{
  JsonNode *member = json_object_get_member (object, name);

  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member))
    return NULL;
  if (json_node_get_value_type (member) == G_TYPE_STRING)
    return json_node_get_string (member);
  if (json_node_get_value_type (member) == G_TYPE_INT64)
    {
      g_snprintf (buffer, 32, "%" G_GINT64_FORMAT, json_node_get_int (member));
      return buffer;
    }
  return NULL;
}

/* The artist's transient discography ([{title, year?, musicbrainz_release_group_id?}]). */
static void
discography_to_albums (JsonNode  *discography,
                       GPtrArray *albums)
{
  JsonArray *array;

  if (discography == NULL || !JSON_NODE_HOLDS_ARRAY (discography))
    return;

  array = json_node_get_array (discography);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      char year_buffer[32];
      g_autofree char *title = NULL;
      g_autofree char *year = NULL;
      g_autofree char *mbid = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      object = json_node_get_object (element);
      title = dup_trimmed (json_member_text (object, "title", year_buffer));
      year = dup_trimmed (json_member_text (object, "year", year_buffer));
      mbid = dup_trimmed (json_member_text (object, "musicbrainz_release_group_id",
                                            year_buffer));
      if (title != NULL || year != NULL || mbid != NULL)
        g_ptr_array_add (albums, sw_nfo_album_new (title, year, mbid));
    }
}

static void
copy_thumbs (GPtrArray *to,
             GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    {
      const SwNfoThumb *thumb = g_ptr_array_index (from, i);

      g_ptr_array_add (to, sw_nfo_thumb_new (thumb->url, thumb->aspect, thumb->preview));
    }
}

SwNfo *
sw_nfo_new_from_artist (const SwArtist           *artist,
                        const SwNfo              *previous,
                        const SwNfoOutputOptions *options)
{
  SwArtist *self = (SwArtist *) artist;
  SwNfo *nfo;

  g_return_val_if_fail (SW_IS_ARTIST (self), NULL);

  nfo = sw_nfo_new ();
  for (guint i = 0; i < G_N_ELEMENTS (scalar_fields); i++)
    {
      g_autofree char *property = property_name (scalar_fields[i].field);
      g_autofree char *value = NULL;
      char **member = G_STRUCT_MEMBER_P (nfo, scalar_fields[i].offset);

      g_object_get (self, property, &value, NULL);
      *member = dup_trimmed (value);
    }
  /* Kodi shows a gender for persons only; a group's would be stale data. */
  if (type_is_individual (nfo->type))
    nfo->gender = dup_trimmed (self->gender);

  sw_nfo_output_options_map (options, (const char * const *) self->genres,
                             (const char * const *) self->styles,
                             (const char * const *) self->moods,
                             &nfo->genres, &nfo->styles, &nfo->moods);

  nfo->lockdata = self->locked || (options != NULL && options->lockdata);
  nfo->stillwater_version = g_strdup ("1");
  nfo->stillwater_written = options != NULL && options->written != NULL
                            ? g_strdup (options->written)
                            : sw_time_now_rfc3339 ();

  discography_to_albums (self->discography, nfo->albums);

  /* What the database does not hold stays as the file had it. */
  if (previous != NULL)
    {
      if (nfo->albums->len == 0)
        for (guint i = 0; i < previous->albums->len; i++)
          {
            const SwNfoAlbum *album = g_ptr_array_index (previous->albums, i);

            g_ptr_array_add (nfo->albums, sw_nfo_album_new (album->title, album->year,
                                                            album->musicbrainz_release_group_id));
          }
      copy_thumbs (nfo->thumbs, previous->thumbs);
      nfo->fanart_url = g_strdup (previous->fanart_url);
      copy_thumbs (nfo->fanart, previous->fanart);
      for (guint i = 0; i < previous->extras->len; i++)
        g_ptr_array_add (nfo->extras, g_strdup (g_ptr_array_index (previous->extras, i)));
    }

  return nfo;
}

/* sw-nfo.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sw-nfo-private.h"

/* The SwNfo value type: life cycle, equality, and the output options. Parsing, writing,
 * conversion and the diff live in sw-nfo-parse.c, sw-nfo-write.c, sw-nfo-convert.c and
 * sw-nfo-diff.c. */

G_DEFINE_QUARK (sw-nfo-error-quark, sw_nfo_error)
G_DEFINE_BOXED_TYPE (SwNfo, sw_nfo, sw_nfo_copy, sw_nfo_free)

char *
sw_nfo_dup_nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

gboolean
sw_nfo_str_equal (const char *a,
                  const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static gboolean
strv_equal (char * const *a,
            char * const *b)
{
  guint n_a = a != NULL ? g_strv_length ((char **) a) : 0;
  guint n_b = b != NULL ? g_strv_length ((char **) b) : 0;

  if (n_a != n_b)
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    if (g_strcmp0 (a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}

SwNfoThumb *
sw_nfo_thumb_new (const char *url,
                  const char *aspect,
                  const char *preview)
{
  SwNfoThumb *thumb = g_new0 (SwNfoThumb, 1);

  thumb->url = sw_nfo_dup_nonempty (url);
  thumb->aspect = sw_nfo_dup_nonempty (aspect);
  thumb->preview = sw_nfo_dup_nonempty (preview);
  return thumb;
}

void
sw_nfo_thumb_free (SwNfoThumb *thumb)
{
  if (thumb == NULL)
    return;
  g_free (thumb->url);
  g_free (thumb->aspect);
  g_free (thumb->preview);
  g_free (thumb);
}

static gpointer
thumb_copy (gconstpointer src,
            gpointer      data)
{
  const SwNfoThumb *thumb = src;

  return sw_nfo_thumb_new (thumb->url, thumb->aspect, thumb->preview);
}

static gboolean
thumb_equal (const SwNfoThumb *a,
             const SwNfoThumb *b)
{
  return sw_nfo_str_equal (a->url, b->url) && sw_nfo_str_equal (a->aspect, b->aspect) &&
         sw_nfo_str_equal (a->preview, b->preview);
}

SwNfoAlbum *
sw_nfo_album_new (const char *title,
                  const char *year,
                  const char *musicbrainz_release_group_id)
{
  SwNfoAlbum *album = g_new0 (SwNfoAlbum, 1);

  album->title = sw_nfo_dup_nonempty (title);
  album->year = sw_nfo_dup_nonempty (year);
  album->musicbrainz_release_group_id = sw_nfo_dup_nonempty (musicbrainz_release_group_id);
  return album;
}

void
sw_nfo_album_free (SwNfoAlbum *album)
{
  if (album == NULL)
    return;
  g_free (album->title);
  g_free (album->year);
  g_free (album->musicbrainz_release_group_id);
  g_free (album);
}

static gpointer
album_copy (gconstpointer src,
            gpointer      data)
{
  const SwNfoAlbum *album = src;

  return sw_nfo_album_new (album->title, album->year, album->musicbrainz_release_group_id);
}

static gboolean
album_equal (const SwNfoAlbum *a,
             const SwNfoAlbum *b)
{
  return sw_nfo_str_equal (a->title, b->title) && sw_nfo_str_equal (a->year, b->year) &&
         sw_nfo_str_equal (a->musicbrainz_release_group_id, b->musicbrainz_release_group_id);
}

static gpointer
string_copy (gconstpointer src,
             gpointer      data)
{
  return g_strdup (src);
}

SwNfo *
sw_nfo_new (void)
{
  SwNfo *nfo = g_new0 (SwNfo, 1);

  nfo->albums = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_nfo_album_free);
  nfo->thumbs = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_nfo_thumb_free);
  nfo->fanart = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_nfo_thumb_free);
  nfo->extras = g_ptr_array_new_with_free_func (g_free);
  return nfo;
}

/* The string members, for copying and comparing them as one table. */
#define STRING_MEMBER(member) G_STRUCT_OFFSET (SwNfo, member)
static const gsize string_members[] = {
  STRING_MEMBER (name), STRING_MEMBER (sort_name), STRING_MEMBER (type),
  STRING_MEMBER (gender), STRING_MEMBER (disambiguation), STRING_MEMBER (musicbrainz_id),
  STRING_MEMBER (audiodb_id), STRING_MEMBER (discogs_id), STRING_MEMBER (wikidata_id),
  STRING_MEMBER (deezer_id), STRING_MEMBER (spotify_id), STRING_MEMBER (years_active),
  STRING_MEMBER (born), STRING_MEMBER (formed), STRING_MEMBER (died),
  STRING_MEMBER (disbanded), STRING_MEMBER (biography), STRING_MEMBER (stillwater_version),
  STRING_MEMBER (stillwater_written), STRING_MEMBER (fanart_url),
};
static const gsize list_members[] = {
  STRING_MEMBER (genres), STRING_MEMBER (styles), STRING_MEMBER (moods),
};
#undef STRING_MEMBER

static char **
string_at (const SwNfo *nfo,
           gsize        offset)
{
  return G_STRUCT_MEMBER_P ((gpointer) nfo, offset);
}

static char ***
list_at (const SwNfo *nfo,
         gsize        offset)
{
  return G_STRUCT_MEMBER_P ((gpointer) nfo, offset);
}

SwNfo *
sw_nfo_copy (const SwNfo *nfo)
{
  SwNfo *copy;

  g_return_val_if_fail (nfo != NULL, NULL);

  copy = g_new0 (SwNfo, 1);
  for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
    *string_at (copy, string_members[i]) = g_strdup (*string_at (nfo, string_members[i]));
  for (guint i = 0; i < G_N_ELEMENTS (list_members); i++)
    *list_at (copy, list_members[i]) = g_strdupv (*list_at (nfo, list_members[i]));
  copy->lockdata = nfo->lockdata;

  copy->albums = g_ptr_array_copy (nfo->albums, album_copy, NULL);
  copy->thumbs = g_ptr_array_copy (nfo->thumbs, thumb_copy, NULL);
  copy->fanart = g_ptr_array_copy (nfo->fanart, thumb_copy, NULL);
  copy->extras = g_ptr_array_copy (nfo->extras, string_copy, NULL);
  g_ptr_array_set_free_func (copy->albums, (GDestroyNotify) sw_nfo_album_free);
  g_ptr_array_set_free_func (copy->thumbs, (GDestroyNotify) sw_nfo_thumb_free);
  g_ptr_array_set_free_func (copy->fanart, (GDestroyNotify) sw_nfo_thumb_free);
  g_ptr_array_set_free_func (copy->extras, g_free);
  return copy;
}

void
sw_nfo_free (SwNfo *nfo)
{
  if (nfo == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
    g_free (*string_at (nfo, string_members[i]));
  for (guint i = 0; i < G_N_ELEMENTS (list_members); i++)
    g_strfreev (*list_at (nfo, list_members[i]));
  g_ptr_array_unref (nfo->albums);
  g_ptr_array_unref (nfo->thumbs);
  g_ptr_array_unref (nfo->fanart);
  g_ptr_array_unref (nfo->extras);
  g_free (nfo);
}

static gboolean
array_equal (GPtrArray *a,
             GPtrArray *b,
             gboolean (*equal) (gconstpointer, gconstpointer))
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

gboolean
sw_nfo_equal (const SwNfo *a,
              const SwNfo *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
    if (!sw_nfo_str_equal (*string_at (a, string_members[i]), *string_at (b, string_members[i])))
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (list_members); i++)
    if (!strv_equal (*list_at (a, list_members[i]), *list_at (b, list_members[i])))
      return FALSE;

  return a->lockdata == b->lockdata &&
         array_equal (a->albums, b->albums, (gpointer) album_equal) &&
         array_equal (a->thumbs, b->thumbs, (gpointer) thumb_equal) &&
         array_equal (a->fanart, b->fanart, (gpointer) thumb_equal) &&
         array_equal (a->extras, b->extras, (gpointer) g_str_equal);
}

/* Output options ------------------------------------------------------------------------- */

void
sw_nfo_output_options_init (SwNfoOutputOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->default_behavior = TRUE;
  options->genre_sources = g_strdupv ((char *[]) { (char *) "genres", NULL });
}

void
sw_nfo_output_options_clear (SwNfoOutputOptions *options)
{
  g_return_if_fail (options != NULL);

  g_clear_pointer (&options->genre_sources, g_strfreev);
  g_clear_pointer (&options->remap_genre, g_strfreev);
  g_clear_pointer (&options->remap_style, g_strfreev);
  g_clear_pointer (&options->remap_mood, g_strfreev);
  g_clear_pointer (&options->written, g_free);
}

static char **
end_list_strv (char **strv)
{
  if (strv[0] == NULL)
    g_clear_pointer (&strv, g_strfreev);
  return strv;
}

/* A JSON array's string items (NULL when none); anything else is skipped (the setting's validator
 * has already refused it on the way in). */
static char **
remap_sources (JsonObject *remap,
               const char *element)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *member = json_object_get_member (remap, element);

  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (item));
        }
    }
  return end_list_strv (g_strv_builder_end (builder));
}

void
sw_nfo_output_options_load (SwNfoOutputOptions *options,
                            SwSettings         *settings)
{
  g_autoptr(JsonNode) remap = NULL;

  g_return_if_fail (options != NULL);
  g_return_if_fail (SW_IS_SETTINGS (settings));

  /* The typed getters read a corrupt stored value as the default. */
  options->default_behavior = sw_settings_get_boolean (settings, "nfo.output.default_behavior");
  options->moods_as_styles = sw_settings_get_boolean (settings, "nfo.output.moods_as_styles");
  g_strfreev (options->genre_sources);
  options->genre_sources = sw_settings_get_strv (settings, "nfo.output.genre_sources");

  g_clear_pointer (&options->remap_genre, g_strfreev);
  g_clear_pointer (&options->remap_style, g_strfreev);
  g_clear_pointer (&options->remap_mood, g_strfreev);
  remap = sw_settings_get_json (settings, "nfo.output.advanced_remap");
  options->has_remap = remap != NULL && JSON_NODE_HOLDS_OBJECT (remap);
  if (options->has_remap)
    {
      JsonObject *object = json_node_get_object (remap);

      options->remap_genre = remap_sources (object, "genre");
      options->remap_style = remap_sources (object, "style");
      options->remap_mood = remap_sources (object, "mood");
    }
}

static const char * const *
source_list (const char         *source,
             const char * const *genres,
             const char * const *styles,
             const char * const *moods)
{
  if (g_strcmp0 (source, "genres") == 0)
    return genres;
  if (g_strcmp0 (source, "styles") == 0)
    return styles;
  if (g_strcmp0 (source, "moods") == 0)
    return moods;
  return NULL;
}

static void
add_unique (GPtrArray          *out,
            GHashTable         *seen,
            const char * const *values)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      char *key = g_utf8_casefold (values[i], -1);

      if (g_hash_table_add (seen, key))
        g_ptr_array_add (out, g_strdup (values[i]));
    }
}

/* NULL for an empty result, as SwNfo and SwArtist store empty lists. */
static char **
end_list (GPtrArray *out)
{
  if (out->len == 0)
    {
      g_ptr_array_unref (out);
      return NULL;
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* The concatenation of the named sources, de-duplicated ignoring case (first spelling
 * wins). */
static char **
collect (const char * const *sources,
         const char * const *genres,
         const char * const *styles,
         const char * const *moods)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; sources != NULL && sources[i] != NULL; i++)
    add_unique (out, seen, source_list (sources[i], genres, styles, moods));
  return end_list (out);
}

static char **
copy_list (const char * const *values)
{
  return values != NULL && values[0] != NULL ? g_strdupv ((char **) values) : NULL;
}

void
sw_nfo_output_options_map (const SwNfoOutputOptions *options,
                           const char * const       *genres,
                           const char * const       *styles,
                           const char * const       *moods,
                           char                   ***out_genres,
                           char                   ***out_styles,
                           char                   ***out_moods)
{
  static const char * const default_genre_sources[] = { "genres", NULL };
  const char * const *genre_sources;

  g_return_if_fail (out_genres != NULL && out_styles != NULL && out_moods != NULL);

  /* Advanced remap overrides everything; without options each list keeps its element. */
  if (options != NULL && options->has_remap)
    {
      *out_genres = collect ((const char * const *) options->remap_genre, genres, styles, moods);
      *out_styles = collect ((const char * const *) options->remap_style, genres, styles, moods);
      *out_moods = collect ((const char * const *) options->remap_mood, genres, styles, moods);
      return;
    }

  if (options == NULL || options->default_behavior)
    {
      *out_genres = copy_list (genres);
      *out_styles = copy_list (styles);
      *out_moods = copy_list (moods);
      return;
    }

  genre_sources = options->genre_sources != NULL && options->genre_sources[0] != NULL
                  ? (const char * const *) options->genre_sources
                  : default_genre_sources;
  *out_genres = collect (genre_sources, genres, styles, moods);
  if (options->moods_as_styles)
    {
      static const char * const styles_then_moods[] = { "styles", "moods", NULL };

      *out_styles = collect (styles_then_moods, genres, styles, moods);
    }
  else
    *out_styles = copy_list (styles);
  /* Kodi reads <mood>, so moods are always written as themselves too. */
  *out_moods = copy_list (moods);
}

/* sw-library-generator-nfo.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sw-library-generator-private.h"

/* The artist.nfo text of each variant, in the Kodi artist format. Every variant that
 * should parse is well-formed XML (the entity one once its HTML entities are mapped),
 * so a parser failure on it is the parser's bug, not the fixture's. */

static const char * const genres[] = {
  "Rock", "Pop", "Jazz", "Electronic", "Folk", "Classical", "Hip-Hop", "Metal", "Soul",
  "Blues", "Ambient", "Indie", "Punk", "Country", "Reggae",
};

static const char * const styles[] = {
  "Alternative Rock", "Shoegaze", "Post-Punk", "Synthpop", "Bebop", "Trip Hop",
  "Baroque", "Dream Pop", "Krautrock", "Neo-Soul",
};

static const char * const moods[] = {
  "Melancholy", "Energetic", "Brooding", "Uplifting", "Reflective", "Playful", "Dark",
};

static const char * const ampersand_genres[] = {
  "Rock & Roll", "Drum & Bass", "Rhythm & Blues",
};

/* Unknown elements real files carry: other tools' fields and hand-made additions. */
static const char * const custom_names[] = {
  "userrating", "customelement", "anothertag", "instruments", "dateadded", "path",
};

gboolean
sw_gen_nfo_gives_name (SwLibraryGeneratorNfo variant)
{
  switch (variant)
    {
    case SW_LIBRARY_GENERATOR_NFO_COMPLETE:
    case SW_LIBRARY_GENERATOR_NFO_MINIMAL:
    case SW_LIBRARY_GENERATOR_NFO_CUSTOM:
    case SW_LIBRARY_GENERATOR_NFO_ENTITIES:
    case SW_LIBRARY_GENERATOR_NFO_BOM:
      return TRUE;
    case SW_LIBRARY_GENERATOR_NFO_MALFORMED:
    case SW_LIBRARY_GENERATOR_NFO_EMPTY:
    case SW_LIBRARY_GENERATOR_NFO_NONE:
    case SW_LIBRARY_GENERATOR_NFO_N_VARIANTS:
    default:
      return FALSE;
    }
}

static char *
random_uuid (GRand *rand)
{
  guint32 a = g_rand_int (rand);
  guint32 b = g_rand_int (rand);
  guint32 c = g_rand_int (rand);
  guint32 d = g_rand_int (rand);

  /* Version 4, variant 10xx: the shape of a MusicBrainz id. */
  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x",
                          a, b >> 16, b & 0xfff, ((c >> 16) & 0x3fff) | 0x8000, c & 0xffff, d);
}

static void
add_text (GString    *out,
          const char *indent,
          const char *element,
          const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append_printf (out, "%s<%s>%s</%s>\n", indent, element, escaped, element);
}

/* The text as a careless HTML-minded tool writes it: XML-escaped, then accented
 * letters as HTML named entities, which XML does not define. */
static char *
html_escape (const char *text)
{
  static const struct { const char *letter; const char *entity; } named[] = {
    { "é", "&eacute;" }, { "è", "&egrave;" }, { "ö", "&ouml;" }, { "ü", "&uuml;" },
    { "ä", "&auml;" },
  };
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autoptr(GString) out = g_string_new (escaped);

  for (gsize i = 0; i < G_N_ELEMENTS (named); i++)
    g_string_replace (out, named[i].letter, named[i].entity, 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const char *
type_of (SwGenKind kind,
         GRand    *rand)
{
  /* Kodi writes lowercase; hand-edited files often capitalise. */
  gboolean capital = g_rand_int_range (rand, 0, 5) == 0;

  switch (kind)
    {
    case SW_GEN_KIND_WOMAN:
    case SW_GEN_KIND_MAN:
      return capital ? "Person" : "person";
    case SW_GEN_KIND_ORCHESTRA:
      return capital ? "Orchestra" : "orchestra";
    case SW_GEN_KIND_CHOIR:
      return capital ? "Choir" : "choir";
    case SW_GEN_KIND_GROUP:
    default:
      return capital ? "Group" : "group";
    }
}

static gboolean
is_person (SwGenKind kind)
{
  return kind == SW_GEN_KIND_WOMAN || kind == SW_GEN_KIND_MAN;
}

/* A few years before the first album, so the file agrees with the folders. */
static guint
first_year (const SwGenArtist *artist,
            GRand             *rand)
{
  guint before = (guint) g_rand_int_range (rand, 0, 4);

  if (artist->albums->len > 0)
    return ((const SwGenAlbum *) g_ptr_array_index (artist->albums, 0))->year - before;
  return 1955 + (guint) g_rand_int_range (rand, 0, 60) + before;
}

static char *
biography (const SwGenArtist *artist,
           GRand             *rand,
           guint              since)
{
  const char *what = is_person (artist->kind) ? "singer and songwriter" : "band";

  if (artist->kind == SW_GEN_KIND_ORCHESTRA)
    what = "orchestra";
  else if (artist->kind == SW_GEN_KIND_CHOIR)
    what = "choir";

  return g_strdup_printf ("%s is a %s from %s, active since %u. Their %s records mix %s "
                          "with %s.",
                          artist->name, what, artist->place, since,
                          SW_GEN_PICK (rand, moods), SW_GEN_PICK (rand, genres),
                          SW_GEN_PICK (rand, styles));
}

static void
add_complete (GString     *out,
              SwGenArtist *artist,
              GRand       *rand,
              const char  *indent)
{
  guint since = first_year (artist, rand);
  guint n_genres = (guint) g_rand_int_range (rand, 1, 4);
  guint n_styles = (guint) g_rand_int_range (rand, 0, 3);
  guint n_moods = (guint) g_rand_int_range (rand, 0, 3);
  gboolean ended = g_rand_int_range (rand, 0, 100) < 15;
  g_autofree char *bio = biography (artist, rand, since);
  g_autofree char *years = NULL;
  g_autofree char *url = NULL;

  artist->mbid = random_uuid (rand);
  artist->lockdata = g_rand_int_range (rand, 0, 100) < 5;

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\" ?>\n");
  g_string_append (out, "<artist>\n");
  add_text (out, indent, "name", artist->name);
  add_text (out, indent, "sortname", artist->sort_name);
  add_text (out, indent, "type", type_of (artist->kind, rand));
  if (is_person (artist->kind))
    add_text (out, indent, "gender", artist->kind == SW_GEN_KIND_WOMAN ? "female" : "male");
  if (g_rand_int_range (rand, 0, 100) < 30)
    {
      const char *what = is_person (artist->kind) ? "singer" : "band";
      g_autofree char *disambiguation = g_strdup_printf ("%s, %s", what, artist->place);

      add_text (out, indent, "disambiguation", disambiguation);
    }
  add_text (out, indent, "musicbrainzartistid", artist->mbid);
  if (g_rand_int_range (rand, 0, 100) < 60)
    g_string_append_printf (out, "%s<audiodbartistid>%u</audiodbartistid>\n",
                            indent, 111000 + (guint) g_rand_int_range (rand, 0, 99000));
  if (g_rand_int_range (rand, 0, 100) < 40)
    g_string_append_printf (out, "%s<discogsartistid>%u</discogsartistid>\n",
                            indent, 1000 + (guint) g_rand_int_range (rand, 0, 9000000));
  for (guint i = 0; i < n_genres; i++)
    add_text (out, indent, "genre", SW_GEN_PICK (rand, genres));
  for (guint i = 0; i < n_styles; i++)
    add_text (out, indent, "style", SW_GEN_PICK (rand, styles));
  for (guint i = 0; i < n_moods; i++)
    add_text (out, indent, "mood", SW_GEN_PICK (rand, moods));

  years = ended ? g_strdup_printf ("%us - %us", since / 10 * 10, (since + 15) / 10 * 10)
                : g_strdup_printf ("%us - present", since / 10 * 10);
  add_text (out, indent, "yearsactive", years);
  if (is_person (artist->kind))
    {
      g_string_append_printf (out, "%s<born>%u-%02u-%02u</born>\n", indent,
                              since - 20, (guint) g_rand_int_range (rand, 1, 13),
                              (guint) g_rand_int_range (rand, 1, 29));
      if (ended)
        g_string_append_printf (out, "%s<died>%u</died>\n", indent, since + 30);
      else
        g_string_append_printf (out, "%s<died></died>\n", indent);
    }
  else
    {
      g_string_append_printf (out, "%s<formed>%u</formed>\n", indent, since);
      if (ended)
        g_string_append_printf (out, "%s<disbanded>%u</disbanded>\n", indent, since + 15);
    }
  add_text (out, indent, "biography", bio);

  url = g_strdup_printf ("https://images.example.org/artist/%s", artist->mbid);
  g_string_append_printf (out, "%s<thumb aspect=\"thumb\" preview=\"%s/thumb-preview.jpg\">"
                          "%s/thumb.jpg</thumb>\n", indent, url, url);
  g_string_append_printf (out, "%s<fanart>\n%s%s<thumb preview=\"%s/fanart-preview.jpg\">"
                          "%s/fanart.jpg</thumb>\n%s</fanart>\n",
                          indent, indent, indent, url, url, indent);
  for (guint i = 0; i < artist->albums->len; i++)
    {
      const SwGenAlbum *album = g_ptr_array_index (artist->albums, i);
      g_autofree char *title = g_markup_escape_text (album->title, -1);

      g_string_append_printf (out, "%s<album>\n%s%s<title>%s</title>\n"
                              "%s%s<year>%u</year>\n%s</album>\n",
                              indent, indent, indent, title, indent, indent, album->year,
                              indent);
    }
  if (artist->lockdata)
    g_string_append_printf (out, "%s<lockdata>true</lockdata>\n", indent);
  g_string_append (out, "</artist>\n");
}

static void
add_custom_element (GString     *out,
                    SwGenArtist *artist,
                    const char  *element)
{
  if (g_str_equal (element, "userrating"))
    g_string_append (out, "  <userrating max=\"10\">7</userrating>\n");
  else if (g_str_equal (element, "customelement"))
    g_string_append (out, "  <customelement>Kept as written</customelement>\n");
  else if (g_str_equal (element, "anothertag"))
    g_string_append (out, "  <anothertag attribute=\"test\">value</anothertag>\n");
  else if (g_str_equal (element, "instruments"))
    g_string_append (out, "  <instruments>\n    <instrument>guitar</instrument>\n"
                     "    <instrument>vocals</instrument>\n  </instruments>\n");
  else if (g_str_equal (element, "dateadded"))
    g_string_append (out, "  <dateadded>2019-04-12 10:22:01</dateadded>\n");
  else
    {
      g_autofree char *folder = g_markup_escape_text (artist->folder, -1);

      g_string_append_printf (out, "  <path>/srv/music/%s/</path>\n", folder);
    }
}

static void
add_custom (GString     *out,
            SwGenArtist *artist,
            GRand       *rand)
{
  const char *picked[G_N_ELEMENTS (custom_names)];
  guint n = (guint) g_rand_int_range (rand, 1, 4);

  /* A partial shuffle: n distinct names in random order. */
  memcpy (picked, custom_names, sizeof picked);
  for (guint i = 0; i < n; i++)
    {
      guint j = (guint) g_rand_int_range (rand, (gint32) i, G_N_ELEMENTS (picked));
      const char *swap = picked[i];

      picked[i] = picked[j];
      picked[j] = swap;
      g_ptr_array_add (artist->custom, (gpointer) picked[i]);
    }

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<artist>\n");
  add_text (out, "  ", "name", artist->name);
  add_custom_element (out, artist, picked[0]);
  add_text (out, "  ", "genre", SW_GEN_PICK (rand, genres));
  if (g_rand_boolean (rand))
    {
      artist->mbid = random_uuid (rand);
      add_text (out, "  ", "musicbrainzartistid", artist->mbid);
    }
  for (guint i = 1; i < n; i++)
    add_custom_element (out, artist, picked[i]);
  g_string_append (out, "</artist>\n");
}

static void
add_entities (GString     *out,
              SwGenArtist *artist,
              GRand       *rand)
{
  g_autofree char *name = html_escape (artist->name);
  g_autofree char *genre = g_markup_escape_text (SW_GEN_PICK (rand, ampersand_genres), -1);
  g_autofree char *place = html_escape (artist->place);

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<artist>\n");
  g_string_append_printf (out, "  <name>%s</name>\n", name);
  g_string_append_printf (out, "  <genre>%s</genre>\n", genre);
  g_string_append_printf (out, "  <biography>Formed in %s&nbsp;&mdash; caf&eacute; "
                          "gigs, a d&eacute;but on a small label&hellip; "
                          "&ldquo;Mostly harmless&rdquo;, wrote one critic.%s "
                          "&copy; 2024 Example Records&trade;</biography>\n",
                          place, g_rand_boolean (rand) ? " Credits: &eth;a &oacute;l." : "");
  g_string_append (out, "</artist>\n");
}

static void
add_malformed (GString     *out,
               SwGenArtist *artist,
               GRand       *rand)
{
  g_autofree char *name = g_markup_escape_text (artist->name, -1);

  g_string_append_printf (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<artist>\n"
                          "  <name>%s</name>\n", name);
  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:     /* never closed */
      g_string_append_printf (out, "  <genre>%s</genre>\n  <biography>Written by hand and "
                              "never closed\n</artist>\n", SW_GEN_PICK (rand, genres));
      break;
    case 1:     /* mismatched */
      g_string_append_printf (out, "  <genre>%s</style>\n</artist>\n",
                              SW_GEN_PICK (rand, genres));
      break;
    default:    /* cut off mid-write */
      g_string_append_printf (out, "  <genre>%s</genre>\n  <biogr",
                              SW_GEN_PICK (rand, genres));
      break;
    }
}

/* Returns the file's bytes, or NULL when the artist gets no artist.nfo. */
GBytes *
sw_gen_nfo_render (SwGenArtist *artist,
                   GRand       *rand)
{
  g_autoptr(GString) out = g_string_new (NULL);

  switch (artist->nfo)
    {
    case SW_LIBRARY_GENERATOR_NFO_COMPLETE:
      add_complete (out, artist, rand, "    ");
      break;
    case SW_LIBRARY_GENERATOR_NFO_BOM:
      g_string_append (out, "\xef\xbb\xbf");
      add_complete (out, artist, rand, "\t");
      break;
    case SW_LIBRARY_GENERATOR_NFO_MINIMAL:
      {
        g_autofree char *name = g_markup_escape_text (artist->name, -1);

        if (g_rand_boolean (rand))
          g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        g_string_append_printf (out, "<artist>\n  <name>%s</name>\n</artist>\n", name);
      }
      break;
    case SW_LIBRARY_GENERATOR_NFO_CUSTOM:
      add_custom (out, artist, rand);
      break;
    case SW_LIBRARY_GENERATOR_NFO_ENTITIES:
      add_entities (out, artist, rand);
      break;
    case SW_LIBRARY_GENERATOR_NFO_MALFORMED:
      add_malformed (out, artist, rand);
      break;
    case SW_LIBRARY_GENERATOR_NFO_EMPTY:
      /* Zero bytes, or a BOM and nothing else: both are empty to a reader. */
      if (g_rand_int_range (rand, 0, 4) == 0)
        g_string_append (out, "\xef\xbb\xbf");
      break;
    case SW_LIBRARY_GENERATOR_NFO_NONE:
    case SW_LIBRARY_GENERATOR_NFO_N_VARIANTS:
    default:
      return NULL;
    }

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

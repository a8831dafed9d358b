/* sw-library-generator-names.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-library-generator-private.h"

/* Invented names in the shapes real libraries have: people, "The …" bands, bands with
 * an ampersand, ensembles, orchestras and choirs, and names in Cyrillic, Japanese and
 * accented Latin. */

static const char * const women[] = {
  "Anna", "Chloé", "Élodie", "Greta", "Inès", "Léa", "Nina", "Paula", "Rosa", "Ulla",
  "Vera", "Yara", "Zoë", "Ada", "Clara", "Frida", "Helena", "Jana", "Mira", "Olga",
  "Ruth", "Tilda", "Ingrid", "Maëlle", "Sólveig", "Agnès", "Lucía", "Marta", "Noémie",
  "Ivana",
};

static const char * const men[] = {
  "Björn", "Dmitri", "Felix", "Hugo", "Jonas", "Kai", "Mateo", "Oskar", "Quentin",
  "Søren", "Tomás", "Wim", "Xavier", "Bruno", "Dario", "Emil", "Gaspard", "Ivo", "Lars",
  "Nils", "Pablo", "Sven", "Viktor", "Jérôme", "Andrés", "Håkon", "Luca", "Matías",
  "Otto", "René",
};

static const char * const surnames[] = {
  "Andersson", "Bauer", "Castillo", "Dubois", "Eriksen", "Fischer", "García", "Haugen",
  "Ibáñez", "Jansen", "Kowalski", "Lindqvist", "Müller", "Novák", "O'Connor", "Petrović",
  "Quinn", "Rossi", "Schäfer", "Thorsen", "Varga", "Weiß", "Young", "Zieliński", "Åberg",
  "Núñez", "Moreau", "Høeg", "Dvořák", "Lefèvre", "Okafor", "Brennan", "Sørensen",
  "Costa", "Hallström", "Ferreira",
};

static const char * const adjectives[] = {
  "Silent", "Electric", "Crimson", "Hollow", "Golden", "Velvet", "Broken", "Wandering",
  "Northern", "Paper", "Midnight", "Iron", "Glass", "Lunar", "Restless", "Quiet", "Wild",
  "Frozen", "Burning", "Distant", "Violet", "Neon", "Hidden", "Copper", "Pale", "Savage",
  "Gentle", "Ancient", "Cosmic", "Amber",
};

static const char * const plural_nouns[] = {
  "Wolves", "Rivers", "Engines", "Lanterns", "Sparrows", "Machines", "Horizons", "Echoes",
  "Strangers", "Satellites", "Tides", "Mirrors", "Pilots", "Ghosts", "Harbours", "Foxes",
  "Orchids", "Comets", "Signals", "Giants", "Drifters", "Valleys", "Embers", "Owls",
  "Saints", "Canyons", "Shadows", "Lions", "Waves", "Arrows",
};

static const char * const nouns[] = {
  "Harbour", "Engine", "Lantern", "Sparrow", "Horizon", "Echo", "Stranger", "Satellite",
  "Tide", "Mirror", "Pilot", "Ghost", "Fox", "Orchid", "Comet", "Signal", "Giant",
  "Valley", "Ember", "Owl", "Canyon", "Shadow", "River", "Arrow", "Garden", "Winter",
  "Summer", "Lighthouse", "Station", "Island",
};

static const char * const ensembles[] = {
  "Trio", "Quartet", "Quintet", "Ensemble", "Band", "Collective",
};

static const char * const cities[] = {
  "Oslo", "Kraków", "Zürich", "Lyon", "Göteborg", "Brno", "Porto", "Tartu", "Malmö",
  "Sevilla", "Reykjavík", "Łódź", "Bergen", "Bordeaux", "Köln", "Tallinn", "Valencia",
  "Aarhus", "Graz", "Bilbao",
};

static const char * const cyr_men[] = {
  "Алексей", "Борис", "Дмитрий", "Сергей", "Иван", "Михаил", "Павел", "Юрий",
};

static const char * const cyr_women[] = {
  "Мария", "Ольга", "Татьяна", "Наталья", "Елена", "Анна", "Ирина", "Светлана",
};

/* Masculine and feminine forms, in pairs. */
static const char * const cyr_surnames[][2] = {
  { "Смирнов", "Смирнова" }, { "Волков", "Волкова" }, { "Соколов", "Соколова" },
  { "Морозов", "Морозова" }, { "Лебедев", "Лебедева" }, { "Орлов", "Орлова" },
  { "Зайцев", "Зайцева" }, { "Павлов", "Павлова" }, { "Белов", "Белова" },
  { "Комаров", "Комарова" },
};

static const char * const cyr_adjectives[] = {
  "Северные", "Тихие", "Белые", "Красные", "Старые", "Дикие", "Золотые", "Далёкие",
  "Ночные", "Синие",
};

static const char * const cyr_nouns[] = {
  "Огни", "Волны", "Ночи", "Звёзды", "Мосты", "Птицы", "Реки", "Сны", "Города", "Ветры",
};

static const char * const jp_families[] = {
  "山田", "佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "中村", "小林", "加藤",
};

static const char * const jp_given[] = {
  "花子", "太郎", "美咲", "健太", "由美", "翔", "さくら", "陽菜", "蓮", "葵",
};

static const char * const jp_adjectives[] = {
  "青い", "白い", "静かな", "遠い", "赤い", "小さな", "眠れる", "新しい",
};

static const char * const jp_nouns[] = {
  "月", "森", "空", "海", "夜", "鳥", "花", "雨", "街", "光",
};

static const char * const fr_nouns[] = {
  "Étoiles", "Rêveurs", "Fantômes", "Océans", "Frères", "Élégants", "Nuées", "Écluses",
  "Lumières", "Pèlerins",
};

static const char * const dj_prefixes[] = {
  "DJ", "MC", "Lil'", "Señor",
};

static const char * const album_extras[] = {
  " (Deluxe Edition)", " (Remastered)", " (Live)", " [Bonus Tracks]", " (EP)",
};

const char *
sw_gen_pick (GRand              *rand,
             const char * const *words,
             gsize               n_words)
{
  return words[g_rand_int_range (rand, 0, (gint32) n_words)];
}

/* What makes two names the same artist for this generator: case and a leading "The"
 * do not count, so "The Silent Wolves" and "Silent Wolves" never both appear. */
static char *
name_key (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  if (g_str_has_prefix (folded, "the "))
    return g_strdup (folded + 4);
  return g_steal_pointer (&folded);
}

static void
make_name (SwGenArtist *artist,
           GRand       *rand)
{
  guint roll = (guint) g_rand_int_range (rand, 0, 100);
  const char *first;
  const char *last;
  gboolean woman = g_rand_boolean (rand);

  g_clear_pointer (&artist->name, g_free);
  g_clear_pointer (&artist->sort_name, g_free);
  artist->kind = SW_GEN_KIND_GROUP;
  artist->place = SW_GEN_PICK (rand, cities);

  if (roll < 26)
    {
      first = woman ? SW_GEN_PICK (rand, women) : SW_GEN_PICK (rand, men);
      last = SW_GEN_PICK (rand, surnames);
      artist->kind = woman ? SW_GEN_KIND_WOMAN : SW_GEN_KIND_MAN;
      artist->name = g_strdup_printf ("%s %s", first, last);
      artist->sort_name = g_strdup_printf ("%s, %s", last, first);
    }
  else if (roll < 38)
    {
      g_autofree char *rest = g_strdup_printf ("%s %s", SW_GEN_PICK (rand, adjectives),
                                               SW_GEN_PICK (rand, plural_nouns));

      artist->name = g_strdup_printf ("The %s", rest);
      artist->sort_name = g_strdup_printf ("%s, The", rest);
    }
  else if (roll < 48)
    {
      artist->name = g_strdup_printf ("%s %s", SW_GEN_PICK (rand, adjectives),
                                      SW_GEN_PICK (rand, plural_nouns));
    }
  else if (roll < 54)
    {
      first = woman ? SW_GEN_PICK (rand, women) : SW_GEN_PICK (rand, men);
      artist->name = g_strdup_printf ("%s %s & the %s", first, SW_GEN_PICK (rand, surnames),
                                      SW_GEN_PICK (rand, plural_nouns));
    }
  else if (roll < 59)
    {
      artist->name = g_strdup_printf ("%s %s", SW_GEN_PICK (rand, surnames),
                                      SW_GEN_PICK (rand, ensembles));
    }
  else if (roll < 62)
    {
      artist->kind = SW_GEN_KIND_ORCHESTRA;
      artist->name = g_strdup_printf (g_rand_boolean (rand) ? "%s Philharmonic Orchestra"
                                                            : "%s Chamber Orchestra",
                                      SW_GEN_PICK (rand, cities));
    }
  else if (roll < 64)
    {
      artist->kind = SW_GEN_KIND_CHOIR;
      artist->name = g_strdup_printf (g_rand_boolean (rand) ? "%s Chamber Choir"
                                                            : "%s Cathedral Choir",
                                      SW_GEN_PICK (rand, cities));
    }
  else if (roll < 70)
    {
      guint i = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (cyr_surnames));

      first = woman ? SW_GEN_PICK (rand, cyr_women) : SW_GEN_PICK (rand, cyr_men);
      last = cyr_surnames[i][woman ? 1 : 0];
      artist->kind = woman ? SW_GEN_KIND_WOMAN : SW_GEN_KIND_MAN;
      artist->name = g_strdup_printf ("%s %s", first, last);
      artist->sort_name = g_strdup_printf ("%s, %s", last, first);
    }
  else if (roll < 74)
    {
      artist->name = g_strdup_printf ("%s %s", SW_GEN_PICK (rand, cyr_adjectives),
                                      SW_GEN_PICK (rand, cyr_nouns));
    }
  else if (roll < 79)
    {
      artist->kind = woman ? SW_GEN_KIND_WOMAN : SW_GEN_KIND_MAN;
      artist->name = g_strdup_printf ("%s%s", SW_GEN_PICK (rand, jp_families),
                                      SW_GEN_PICK (rand, jp_given));
    }
  else if (roll < 83)
    {
      artist->name = g_strdup_printf ("%s%s", SW_GEN_PICK (rand, jp_adjectives),
                                      SW_GEN_PICK (rand, jp_nouns));
    }
  else if (roll < 88)
    {
      artist->name = g_strdup_printf ("Les %s de %s", SW_GEN_PICK (rand, fr_nouns),
                                      SW_GEN_PICK (rand, cities));
    }
  else if (roll < 92)
    {
      artist->kind = woman ? SW_GEN_KIND_WOMAN : SW_GEN_KIND_MAN;
      artist->name = g_strdup_printf ("%s %s", SW_GEN_PICK (rand, dj_prefixes),
                                      SW_GEN_PICK (rand, surnames));
    }
  else
    {
      artist->name = g_strdup_printf ("%s %s %s", SW_GEN_PICK (rand, adjectives),
                                      SW_GEN_PICK (rand, adjectives),
                                      SW_GEN_PICK (rand, plural_nouns));
    }

  if (artist->sort_name == NULL)
    artist->sort_name = g_strdup (artist->name);
}

void
sw_gen_pick_name (SwGenArtist *artist,
                  GRand       *rand,
                  GHashTable  *taken)
{
  g_autofree char *key = NULL;

  /* A crowded name space falls back to a disambiguating number. */
  for (guint attempt = 0; attempt < 16; attempt++)
    {
      g_clear_pointer (&key, g_free);
      make_name (artist, rand);
      key = name_key (artist->name);
      if (!g_hash_table_contains (taken, key))
        break;
    }

  for (guint n = 2; g_hash_table_contains (taken, key); n++)
    {
      char *numbered = g_strdup_printf ("%s (%u)", artist->name, n);

      g_free (key);
      key = name_key (numbered);
      if (!g_hash_table_contains (taken, key))
        {
          g_free (artist->name);
          artist->name = numbered;
          g_free (artist->sort_name);
          artist->sort_name = g_strdup (numbered);
        }
      else
        g_free (numbered);
    }
  g_hash_table_add (taken, g_steal_pointer (&key));

  /* Folders like "Beatles, The" or "Dubois, Chloé": only when the NFO brings back
   * the real name, so what the scanner should find stays well defined. */
  g_clear_pointer (&artist->folder, g_free);
  if (sw_gen_nfo_gives_name (artist->nfo) &&
      g_strcmp0 (artist->sort_name, artist->name) != 0 &&
      g_rand_int_range (rand, 0, 100) < 25)
    artist->folder = g_strdup (artist->sort_name);
  else
    artist->folder = g_strdup (artist->name);
}

static char *
album_title (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      return g_strdup_printf ("Songs from the %s", SW_GEN_PICK (rand, nouns));
    case 1:
      return g_strdup_printf ("Live in %s", SW_GEN_PICK (rand, cities));
    case 2:
      return g_strdup_printf ("The %s %s", SW_GEN_PICK (rand, adjectives),
                              SW_GEN_PICK (rand, nouns));
    case 3:
      return g_strdup_printf ("%s %s%s", SW_GEN_PICK (rand, adjectives),
                              SW_GEN_PICK (rand, nouns), SW_GEN_PICK (rand, album_extras));
    case 4:
      return g_strdup (SW_GEN_PICK (rand, plural_nouns));
    default:
      return g_strdup_printf ("%s %s", SW_GEN_PICK (rand, adjectives),
                              SW_GEN_PICK (rand, nouns));
    }
}

static char *
track_title (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      return g_strdup (SW_GEN_PICK (rand, nouns));
    case 1:
      return g_strdup_printf ("The %s", SW_GEN_PICK (rand, nouns));
    default:
      return g_strdup_printf ("%s %s", SW_GEN_PICK (rand, adjectives),
                              SW_GEN_PICK (rand, nouns));
    }
}

static void
album_free (gpointer data)
{
  SwGenAlbum *album = data;

  g_free (album->title);
  g_free (album->folder);
  g_ptr_array_unref (album->tracks);
  g_free (album);
}

/* Folder names in the three spellings taggers produce; tracks are tiny files with
 * the format's magic bytes, since the scanner only lists album folders. */
void
sw_gen_plan_albums (SwGenArtist *artist,
                    GRand       *rand,
                    guint        count)
{
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint year = 1960 + (guint) g_rand_int_range (rand, 0, 46);

  artist->albums = g_ptr_array_new_with_free_func (album_free);
  for (guint i = 0; i < count; i++)
    {
      SwGenAlbum *album = g_new0 (SwGenAlbum, 1);
      const char *ext = g_rand_int_range (rand, 0, 10) < 7 ? "flac" : "mp3";
      guint n_tracks = (guint) g_rand_int_range (rand, 2, 6);
      guint roll;

      album->title = album_title (rand);
      for (guint n = 2; g_hash_table_contains (titles, album->title); n++)
        {
          char *numbered = g_strdup_printf ("%s %u", album->title, n);

          g_free (album->title);
          album->title = numbered;
        }
      g_hash_table_add (titles, g_strdup (album->title));

      album->year = MIN (year, 2025);
      year += (guint) g_rand_int_range (rand, 1, 5);

      roll = (guint) g_rand_int_range (rand, 0, 10);
      if (roll < 6)
        album->folder = g_strdup_printf ("%s (%u)", album->title, album->year);
      else if (roll < 8)
        album->folder = g_strdup_printf ("%u - %s", album->year, album->title);
      else
        album->folder = g_strdup (album->title);

      album->tracks = g_ptr_array_new_with_free_func (g_free);
      for (guint t = 1; t <= n_tracks; t++)
        {
          g_autofree char *title = track_title (rand);

          g_ptr_array_add (album->tracks, g_strdup_printf ("%02u - %s.%s", t, title, ext));
        }
      g_ptr_array_add (artist->albums, album);
    }
}

/* bench-library.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bench-library.h"
#include "sw-artist-private.h"

static const char *syllables[] = {
  "ka", "lo", "mi", "ra", "ven", "tor", "sil", "an", "bel", "dru", "el", "fa", "gor", "hu",
  "is", "jo", "ke", "lu", "mar", "ne", "os", "pe", "qui", "ro", "sa", "ti", "ul", "vo",
};
static const char *types[] = { "person", "group", "orchestra", "choir", "", "solo" };
static const char *genres[] = { "Rock", "Pop", "Jazz", "Electronic", "Folk", "Classical" };

static char *
random_name (GRand *rand)
{
  GString *name = g_string_new (NULL);
  int words = g_rand_int_range (rand, 1, 4);

  for (int w = 0; w < words; w++)
    {
      int parts = g_rand_int_range (rand, 2, 4);

      if (w > 0)
        g_string_append_c (name, ' ');
      for (int p = 0; p < parts; p++)
        g_string_append (name, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
    }
  name->str[0] = g_ascii_toupper (name->str[0]);
  return g_string_free (name, FALSE);
}

SwArtist *
bench_random_artist (GRand *rand,
               int    index)
{
  SwArtist *artist = sw_artist_new ();
  g_autofree char *base = random_name (rand);

  /* The index keeps names unique, as folder names are. */
  artist->name = g_strdup_printf ("%s %d", base, index);
  artist->type = g_strdup (types[g_rand_int_range (rand, 0, G_N_ELEMENTS (types))]);
  if (g_rand_double (rand) < 0.6)
    artist->musicbrainz_id = g_uuid_string_random ();
  if (g_rand_double (rand) < 0.7)
    {
      /* About 1.5 KB of biography, like a Last.fm summary. */
      GString *bio = g_string_new (NULL);

      while (bio->len < 1500)
        g_string_append (bio, "A band from somewhere who played music for a long time. ");
      artist->biography = g_string_free (bio, FALSE);
      artist->genres = g_new0 (char *, 2);
      artist->genres[0] = g_strdup (genres[g_rand_int_range (rand, 0, G_N_ELEMENTS (genres))]);
    }
  artist->path = g_strdup_printf ("/music/%s", artist->name);
  artist->is_excluded = g_rand_double (rand) < 0.01;
  return artist;
}

long
bench_memory_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  return line ? strtol (line + strlen (field), NULL, 10) : -1;
}

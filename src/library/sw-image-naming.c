/* sw-image-naming.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sw-image-naming.h"
#include "sw-platform-profile-private.h"

static const char * const slots[] = { "thumb", "fanart", "logo", "banner" };

/* The names every platform's folders may use, whatever the active profile says. */
static const char * const default_thumb[] = {
  "folder.jpg", "folder.png", "artist.jpg", "artist.png", "poster.jpg", "poster.png", NULL
};
static const char * const default_fanart[] = {
  "fanart.jpg", "fanart.png", "backdrop.jpg", "backdrop.png", NULL
};
static const char * const default_logo[] = { "logo.png", "logo-white.png", NULL };
static const char * const default_banner[] = { "banner.jpg", "banner.png", NULL };

static const char * const image_extensions[] = { "jpg", "jpeg", "png", "webp", NULL };

/* More digits than this is not a fanart number but a name that happens to end in
 * digits (and would overflow). */
#define MAX_NUMBER_DIGITS 6

void
sw_image_file_free (SwImageFile *file)
{
  if (file == NULL)
    return;
  g_free (file->file_name);
  g_free (file);
}

static SwImageFile *
image_file_new (const char *slot,
                guint       index,
                guint       number,
                const char *file_name)
{
  SwImageFile *file = g_new0 (SwImageFile, 1);

  file->slot = slot;
  file->index = index;
  file->number = number;
  file->file_name = g_strdup (file_name);
  return file;
}

/* The static slot string, so SwImageFile can point at it; NULL if unknown. */
static const char *
intern_slot (const char *slot)
{
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    if (g_strcmp0 (slot, slots[i]) == 0)
      return slots[i];
  return NULL;
}

gboolean
sw_image_naming_is_slot (const char *slot)
{
  return intern_slot (slot) != NULL;
}

static const char * const *
default_names (const char *slot)
{
  if (g_strcmp0 (slot, "thumb") == 0)
    return default_thumb;
  if (g_strcmp0 (slot, "fanart") == 0)
    return default_fanart;
  if (g_strcmp0 (slot, "logo") == 0)
    return default_logo;
  if (g_strcmp0 (slot, "banner") == 0)
    return default_banner;
  return NULL;
}

static char * const *
profile_names (const SwPlatformProfile *profile,
               const char              *slot)
{
  if (profile == NULL)
    return NULL;
  if (g_strcmp0 (slot, "thumb") == 0)
    return profile->image_naming_thumb;
  if (g_strcmp0 (slot, "fanart") == 0)
    return profile->image_naming_fanart;
  if (g_strcmp0 (slot, "logo") == 0)
    return profile->image_naming_logo;
  if (g_strcmp0 (slot, "banner") == 0)
    return profile->image_naming_banner;
  return NULL;
}

char **
sw_image_naming_names (const SwPlatformProfile *profile,
                       const char              *slot)
{
  char * const *names;

  if (!sw_image_naming_is_slot (slot))
    return NULL;

  names = profile_names (profile, slot);
  if (names != NULL && names[0] != NULL)
    return g_strdupv ((char **) names);
  return g_strdupv ((char **) default_names (slot));
}

static gboolean
is_image_extension (const char *extension)
{
  return extension != NULL && g_strv_contains (image_extensions, extension);
}

/* Splits a configured or found name at its last dot into a lowercase stem and
 * extension. FALSE for names that are not plain image file names. */
static gboolean
split_name (const char  *name,
            char       **stem,
            char       **extension)
{
  const char *dot;

  if (name == NULL || *name == '\0' || strchr (name, '/') != NULL)
    return FALSE;

  dot = strrchr (name, '.');
  if (dot == NULL || dot == name)
    return FALSE;

  *extension = g_ascii_strdown (dot + 1, -1);
  if (!is_image_extension (*extension))
    {
      g_clear_pointer (extension, g_free);
      return FALSE;
    }
  *stem = g_ascii_strdown (name, dot - name);
  return TRUE;
}

typedef struct
{
  char *stem;
  char *extension;              /* the configured one, lowercase */
} Candidate;

static void
candidate_clear (Candidate *candidate)
{
  g_free (candidate->stem);
  g_free (candidate->extension);
}

static void
add_candidates (GArray             *candidates,
                const char * const *names)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      Candidate candidate = { NULL, NULL };
      gboolean seen = FALSE;

      if (!split_name (names[i], &candidate.stem, &candidate.extension))
        continue;
      for (guint j = 0; j < candidates->len && !seen; j++)
        seen = strcmp (g_array_index (candidates, Candidate, j).stem, candidate.stem) == 0;
      if (seen)
        candidate_clear (&candidate);
      else
        g_array_append_val (candidates, candidate);
    }
}

/* The profile's stems first, then the defaults', each once, in order. */
static GArray *
candidates_for (const SwPlatformProfile *profile,
                const char              *slot)
{
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));

  g_array_set_clear_func (candidates, (GDestroyNotify) candidate_clear);
  add_candidates (candidates, (const char * const *) profile_names (profile, slot));
  add_candidates (candidates, default_names (slot));
  return candidates;
}

/* One file of the folder, split once. */
typedef struct
{
  const char *file_name;
  char *stem;
  char *extension;
} Entry;

static void
entry_clear (Entry *entry)
{
  g_free (entry->stem);
  g_free (entry->extension);
}

static GArray *
entries_for (const char * const *file_names)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (Entry));

  g_array_set_clear_func (entries, (GDestroyNotify) entry_clear);
  for (guint i = 0; file_names != NULL && file_names[i] != NULL; i++)
    {
      Entry entry = { file_names[i], NULL, NULL };

      if (split_name (file_names[i], &entry.stem, &entry.extension))
        g_array_append_val (entries, entry);
    }
  return entries;
}

/* Whether @stem is @base (number 0) or @base followed by a positive number. */
static gboolean
stem_number (const char *stem,
             const char *base,
             guint      *number)
{
  gsize base_length = strlen (base);
  const char *digits;
  gsize n_digits;

  if (strncmp (stem, base, base_length) != 0)
    return FALSE;

  digits = stem + base_length;
  n_digits = strlen (digits);
  if (n_digits == 0)
    {
      *number = 0;
      return TRUE;
    }
  if (n_digits > MAX_NUMBER_DIGITS)
    return FALSE;
  for (gsize i = 0; i < n_digits; i++)
    if (!g_ascii_isdigit (digits[i]))
      return FALSE;

  *number = (guint) strtoul (digits, NULL, 10);
  return *number > 0;
}

/* Among files for the same stem and number: the configured extension, then byte order. */
static gboolean
entry_is_better (const Entry     *entry,
                 const Entry     *best,
                 const Candidate *candidate)
{
  gboolean entry_exact, best_exact;

  if (best == NULL)
    return TRUE;
  entry_exact = strcmp (entry->extension, candidate->extension) == 0;
  best_exact = strcmp (best->extension, candidate->extension) == 0;
  if (entry_exact != best_exact)
    return entry_exact;
  return strcmp (entry->file_name, best->file_name) < 0;
}

static const Entry *
find_best (GArray          *entries,
           const Candidate *candidate,
           guint            wanted_number)
{
  const Entry *best = NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *entry = &g_array_index (entries, Entry, i);
      guint number;

      if (stem_number (entry->stem, candidate->stem, &number) && number == wanted_number &&
          entry_is_better (entry, best, candidate))
        best = entry;
    }
  return best;
}

static gboolean
has_numbered (GArray          *entries,
              const Candidate *candidate)
{
  for (guint i = 0; i < entries->len; i++)
    {
      guint number;

      if (stem_number (g_array_index (entries, Entry, i).stem, candidate->stem, &number) &&
          number > 0)
        return TRUE;
    }
  return FALSE;
}

static void
match_single (const SwPlatformProfile *profile,
              const char              *slot,
              GArray                  *entries,
              GPtrArray               *result)
{
  g_autoptr(GArray) candidates = candidates_for (profile, slot);

  for (guint i = 0; i < candidates->len; i++)
    {
      const Entry *best = find_best (entries, &g_array_index (candidates, Candidate, i), 0);

      if (best != NULL)
        {
          g_ptr_array_add (result, image_file_new (slot, 0, 0, best->file_name));
          return;
        }
    }
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static void
match_fanart (const SwPlatformProfile *profile,
              GArray                  *entries,
              GPtrArray               *result)
{
  g_autoptr(GArray) candidates = candidates_for (profile, "fanart");
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  const Candidate *family = NULL;

  for (guint i = 0; i < candidates->len && family == NULL; i++)
    if (find_best (entries, &g_array_index (candidates, Candidate, i), 0) != NULL)
      family = &g_array_index (candidates, Candidate, i);
  for (guint i = 0; i < candidates->len && family == NULL; i++)
    if (has_numbered (entries, &g_array_index (candidates, Candidate, i)))
      family = &g_array_index (candidates, Candidate, i);
  if (family == NULL)
    return;

  /* The distinct numbers present, in order; each becomes the next index. */
  for (guint i = 0; i < entries->len; i++)
    {
      guint number;
      gboolean seen = FALSE;

      if (!stem_number (g_array_index (entries, Entry, i).stem, family->stem, &number))
        continue;
      for (guint j = 0; j < numbers->len && !seen; j++)
        seen = g_array_index (numbers, guint, j) == number;
      if (!seen)
        g_array_append_val (numbers, number);
    }
  g_array_sort (numbers, compare_numbers);

  for (guint i = 0; i < numbers->len; i++)
    {
      guint number = g_array_index (numbers, guint, i);
      const Entry *best = find_best (entries, family, number);

      g_ptr_array_add (result, image_file_new ("fanart", i, number, best->file_name));
    }
}

GPtrArray *
sw_image_naming_match (const SwPlatformProfile  *profile,
                       const char * const       *file_names)
{
  g_autoptr(GArray) entries = entries_for (file_names);
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_image_file_free);

  g_return_val_if_fail (profile == NULL || SW_IS_PLATFORM_PROFILE ((gpointer) profile), result);

  match_single (profile, slots[0], entries, result);
  match_fanart (profile, entries, result);
  match_single (profile, slots[2], entries, result);
  match_single (profile, slots[3], entries, result);
  return result;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
sw_image_naming_find_all (const SwPlatformProfile  *profile,
                          const char               *slot,
                          const char * const       *file_names)
{
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GArray) candidates = NULL;
  GPtrArray *result;
  gboolean numbered;

  if (!sw_image_naming_is_slot (slot))
    return NULL;

  entries = entries_for (file_names);
  candidates = candidates_for (profile, slot);
  numbered = strcmp (slot, "fanart") == 0;
  result = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *entry = &g_array_index (entries, Entry, i);

      for (guint j = 0; j < candidates->len; j++)
        {
          guint number;

          if (stem_number (entry->stem, g_array_index (candidates, Candidate, j).stem, &number) &&
              (numbered || number == 0))
            {
              g_ptr_array_add (result, g_strdup (entry->file_name));
              break;
            }
        }
    }
  g_ptr_array_sort (result, compare_strings);
  return result;
}

char *
sw_image_naming_file_name (const SwPlatformProfile  *profile,
                           const char               *slot,
                           guint                     index,
                           const char               *extension)
{
  g_auto(GStrv) names = sw_image_naming_names (profile, slot);
  g_autofree char *stem = NULL;
  g_autofree char *configured = NULL;
  g_autofree char *wanted = NULL;
  const char *dot;
  gboolean kodi;

  if (names == NULL || names[0] == NULL)
    return NULL;
  if (index > 0 && strcmp (slot, "fanart") != 0)
    return NULL;

  if (extension != NULL)
    {
      wanted = g_ascii_strdown (extension[0] == '.' ? extension + 1 : extension, -1);
      if (!is_image_extension (wanted))
        return NULL;
    }

  /* The configured stem keeps its case: the profile's spelling is what is written. */
  dot = strrchr (names[0], '.');
  if (dot == NULL || dot == names[0] || strchr (names[0], '/') != NULL)
    return NULL;
  stem = g_strndup (names[0], dot - names[0]);
  configured = g_strdup (dot + 1);

  if (index == 0)
    return g_strdup_printf ("%s.%s", stem, wanted != NULL ? wanted : configured);

  kodi = profile != NULL && g_strcmp0 (profile->id, "kodi") == 0;
  return g_strdup_printf ("%s%u.%s", stem, kodi ? index : index + 1,
                          wanted != NULL ? wanted : configured);
}

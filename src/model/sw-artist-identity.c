/* sw-artist-identity.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sw-artist-identity.h"

static gunichar
fold_punctuation (gunichar c)
{
  switch (c)
    {
    case 0x2019: case 0x2018: case 0x02BC: case '`': case 0x00B4: case 0x2032: case 0xFF07:
      return '\'';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
      return '-';
    case 0x201C: case 0x201D: case 0x00AB: case 0x00BB:
      return '"';
    default:
      return c;
    }
}

/* Drops format characters, folds punctuation, and collapses whitespace runs. */
static char *
clean_characters (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean pending_space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_FORMAT)
        continue;
      if (g_unichar_isspace (c) || c == 0x00A0)
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        {
          g_string_append_c (out, ' ');
          pending_space = FALSE;
        }
      g_string_append_unichar (out, fold_punctuation (c));
    }

  return g_string_free (out, FALSE);
}

static char *
strip_article (char *key)
{
  static const char *suffixes[] = { ", the", ", a", ", an" };
  static const char *prefixes[] = { "the ", "a ", "an " };
  gsize length = strlen (key);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      gsize suffix_length = strlen (suffixes[i]);

      if (length > suffix_length && g_str_has_suffix (key, suffixes[i]))
        {
          key[length - suffix_length] = '\0';
          break;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (key, prefixes[i]) && key[strlen (prefixes[i])] != '\0')
      {
        memmove (key, key + strlen (prefixes[i]), strlen (key) - strlen (prefixes[i]) + 1);
        break;
      }

  return g_strstrip (key);
}

/* Runs of '-', '_' and spaces become one space. */
static char *
collapse_separators (const char *key)
{
  GString *out = g_string_new (NULL);
  gboolean pending = FALSE;

  for (const char *p = key; *p != '\0'; p++)
    {
      if (*p == '-' || *p == '_' || *p == ' ')
        {
          pending = out->len > 0;
          continue;
        }
      if (pending)
        g_string_append_c (out, ' ');
      pending = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

char *
sw_artist_identity_key (const char *name)
{
  g_autofree char *normalized = NULL;
  g_autofree char *cleaned = NULL;
  g_autofree char *folded = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return g_strdup ("");

  normalized = g_utf8_normalize (name, -1, G_NORMALIZE_NFKC);
  cleaned = clean_characters (normalized);
  folded = g_utf8_casefold (cleaned, -1);

  return collapse_separators (strip_article (folded));
}

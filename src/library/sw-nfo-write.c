/* sw-nfo-write.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "sw-atomic-file.h"
#include "sw-nfo-private.h"

/* Writing artist.nfo: a fixed layout written by hand rather than through a DOM, so the
 * file looks the same every time and diffs of it stay small. Preserved extra elements
 * are already serialized XML and go in as they are. */

#define INDENT "  "

/* The characters XML 1.0 allows at all. */
static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* Escapes for element text or, with @attribute, a double-quoted attribute value. Bytes
 * that are not UTF-8 and characters XML cannot carry become U+FFFD: the file must stay
 * readable whatever the database holds. A carriage return is written as a reference,
 * since a parser would turn a raw one into a line feed. */
static void
append_escaped (GString    *out,
                const char *text,
                gboolean    attribute)
{
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      const char *next;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append (out, "\xEF\xBF\xBD");
          p++;
          continue;
        }
      next = g_utf8_next_char (p);

      switch (c)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, attribute ? "&quot;" : "\"");
          break;
        case '\r':
          g_string_append (out, "&#13;");
          break;
        case '\n':
          g_string_append (out, attribute ? "&#10;" : "\n");
          break;
        case '\t':
          g_string_append (out, attribute ? "&#9;" : "\t");
          break;
        default:
          if (is_xml_char (c))
            g_string_append_len (out, p, next - p);
          else
            g_string_append (out, "\xEF\xBF\xBD");
          break;
        }
      p = next;
    }
}

static void
append_element (GString    *out,
                const char *indent,
                const char *element,
                const char *text)
{
  if (text == NULL || text[0] == '\0')
    return;

  g_string_append_printf (out, "%s<%s>", indent, element);
  append_escaped (out, text, FALSE);
  g_string_append_printf (out, "</%s>\n", element);
}

static void
append_elements (GString    *out,
                 const char *element,
                 char      **values)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    append_element (out, INDENT, element, values[i]);
}

static void
append_attribute (GString    *out,
                  const char *name,
                  const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;

  g_string_append_printf (out, " %s=\"", name);
  append_escaped (out, value, TRUE);
  g_string_append_c (out, '"');
}

static void
append_thumb (GString          *out,
              const char       *indent,
              const SwNfoThumb *thumb)
{
  g_string_append_printf (out, "%s<thumb", indent);
  append_attribute (out, "aspect", thumb->aspect);
  append_attribute (out, "preview", thumb->preview);
  g_string_append_c (out, '>');
  if (thumb->url != NULL)
    append_escaped (out, thumb->url, FALSE);
  g_string_append (out, "</thumb>\n");
}

char *
sw_nfo_to_xml (const SwNfo *nfo,
               gsize       *length)
{
  GString *out;

  g_return_val_if_fail (nfo != NULL, NULL);

  out = g_string_sized_new (4096);
  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<artist>\n");

  append_element (out, INDENT, "name", nfo->name);
  append_element (out, INDENT, "sortname", nfo->sort_name);
  append_element (out, INDENT, "type", nfo->type);
  append_element (out, INDENT, "gender", nfo->gender);
  append_element (out, INDENT, "disambiguation", nfo->disambiguation);
  append_element (out, INDENT, "musicbrainzartistid", nfo->musicbrainz_id);
  append_element (out, INDENT, "audiodbartistid", nfo->audiodb_id);
  append_element (out, INDENT, "discogsartistid", nfo->discogs_id);
  append_element (out, INDENT, "wikidataid", nfo->wikidata_id);
  append_element (out, INDENT, "deezerartistid", nfo->deezer_id);
  append_element (out, INDENT, "spotifyartistid", nfo->spotify_id);
  append_elements (out, "genre", nfo->genres);
  append_elements (out, "style", nfo->styles);
  append_elements (out, "mood", nfo->moods);
  append_element (out, INDENT, "yearsactive", nfo->years_active);
  append_element (out, INDENT, "born", nfo->born);
  append_element (out, INDENT, "formed", nfo->formed);
  append_element (out, INDENT, "died", nfo->died);
  append_element (out, INDENT, "disbanded", nfo->disbanded);
  append_element (out, INDENT, "biography", nfo->biography);

  /* Omitted when false: media servers read a missing <lockdata> as false. */
  if (nfo->lockdata)
    g_string_append (out, INDENT "<lockdata>true</lockdata>\n");

  if (nfo->stillwater_version != NULL || nfo->stillwater_written != NULL)
    {
      g_string_append (out, INDENT "<stillwater");
      append_attribute (out, "version", nfo->stillwater_version);
      append_attribute (out, "written", nfo->stillwater_written);
      g_string_append (out, "/>\n");
    }

  for (guint i = 0; i < nfo->albums->len; i++)
    {
      const SwNfoAlbum *album = g_ptr_array_index (nfo->albums, i);

      g_string_append (out, INDENT "<album>\n");
      append_element (out, INDENT INDENT, "title", album->title);
      append_element (out, INDENT INDENT, "year", album->year);
      append_element (out, INDENT INDENT, "musicbrainzreleasegroupid",
                      album->musicbrainz_release_group_id);
      g_string_append (out, INDENT "</album>\n");
    }

  for (guint i = 0; i < nfo->thumbs->len; i++)
    append_thumb (out, INDENT, g_ptr_array_index (nfo->thumbs, i));

  if (nfo->fanart->len > 0 || nfo->fanart_url != NULL)
    {
      g_string_append (out, INDENT "<fanart");
      append_attribute (out, "url", nfo->fanart_url);
      g_string_append (out, ">\n");
      for (guint i = 0; i < nfo->fanart->len; i++)
        append_thumb (out, INDENT INDENT, g_ptr_array_index (nfo->fanart, i));
      g_string_append (out, INDENT "</fanart>\n");
    }

  for (guint i = 0; i < nfo->extras->len; i++)
    g_string_append_printf (out, INDENT "%s\n", (const char *) g_ptr_array_index (nfo->extras, i));

  g_string_append (out, "</artist>\n");

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

gboolean
sw_nfo_save (const SwNfo  *nfo,
             const char   *path,
             char        **sha256_hex,
             gint64       *mtime_us,
             GError      **error)
{
  g_autofree char *xml = NULL;
  GStatBuf st;
  gsize length = 0;

  g_return_val_if_fail (nfo != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  xml = sw_nfo_to_xml (nfo, &length);
  if (!sw_atomic_file_write (path, xml, length, error))
    return FALSE;

  /* The hash is of the bytes just written; the time is the file system's. */
  if (sha256_hex != NULL)
    *sha256_hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) xml, length);
  if (mtime_us != NULL)
    {
      if (g_stat (path, &st) == 0)
        *mtime_us = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
      else
        *mtime_us = 0;
    }
  return TRUE;
}

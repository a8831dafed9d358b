/* sw-nfo-parse.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE             /* memmem */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sw-nfo-private.h"

/* Reading artist.nfo.
 *
 * Files come from Kodi, Emby, Jellyfin, taggers and people with text editors, and they
 * sit in folders that anyone may have written to. So the bytes first go through a small
 * pass of our own (prepare()) that makes the common mistakes harmless and refuses what
 * is dangerous, and only then to libxml2 in strict mode, without entity substitution,
 * DTD loading or network access:
 *
 *   - HTML entities that Kodi files carry (&nbsp; &eacute; …) become character
 *     references; any other unknown entity and a stray '&' (AC&DC) become literal text.
 *   - A document type declaration with an internal subset or an external identifier is
 *     refused outright. NFO files never need one, and it is the only way to declare an
 *     entity: with it gone no entity can be expanded (billion laughs) or fetched (XXE),
 *     whatever libxml2's own limits are.
 *
 * Anything that is still not well-formed is an error rather than a best guess: a file
 * we cannot read completely must never be written back in part. */

/* The HTML entities Kodi-written files are known to contain (the set the reference
 * server accepts). Every other unknown entity stays literal text. */
static const struct
{
  const char *name;
  const char *reference;
} html_entities[] = {
  { "nbsp", "&#160;" }, { "mdash", "&#8212;" }, { "ndash", "&#8211;" },
  { "laquo", "&#171;" }, { "raquo", "&#187;" }, { "ldquo", "&#8220;" },
  { "rdquo", "&#8221;" }, { "lsquo", "&#8216;" }, { "rsquo", "&#8217;" },
  { "bull", "&#8226;" }, { "hellip", "&#8230;" }, { "copy", "&#169;" },
  { "reg", "&#174;" }, { "trade", "&#8482;" }, { "eacute", "&#233;" },
  { "egrave", "&#232;" }, { "ouml", "&#246;" }, { "uuml", "&#252;" },
  { "auml", "&#228;" },
};

static const char * const xml_entities[] = { "amp", "lt", "gt", "quot", "apos", NULL };

#define MAX_ENTITY_NAME 32

static void
init_libxml (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

static gboolean
has_prefix (const char *p,
            const char *end,
            const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize) (end - p) >= n && memcmp (p, prefix, n) == 0;
}

/* Copies from @p up to and including @terminator (or to the end) unchanged. */
static const char *
copy_through (GString    *out,
              const char *p,
              const char *end,
              const char *terminator)
{
  const char *found = memmem (p, end - p, terminator, strlen (terminator));
  const char *stop = found != NULL ? found + strlen (terminator) : end;

  g_string_append_len (out, p, stop - p);
  return stop;
}

static gboolean
is_name_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.';
}

/* At an '&': writes what the parser should see and returns where to go on. */
static const char *
prepare_reference (GString    *out,
                   const char *p,
                   const char *end)
{
  const char *q = p + 1;

  if (q < end && *q == '#')
    {
      gboolean hex = q + 1 < end && (q[1] == 'x' || q[1] == 'X');
      const char *digits = q + (hex ? 2 : 1);

      q = digits;
      while (q < end && (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q)))
        q++;
      if (q > digits && q < end && *q == ';')
        {
          g_string_append_len (out, p, q + 1 - p);
          return q + 1;
        }
    }
  else if (q < end && is_name_start (*q))
    {
      char name[MAX_ENTITY_NAME + 1];
      gsize n = 0;

      while (q < end && is_name_char (*q) && n < MAX_ENTITY_NAME)
        name[n++] = *q++;
      name[n] = '\0';

      if (q < end && *q == ';')
        {
          if (g_strv_contains (xml_entities, name))
            {
              g_string_append_len (out, p, q + 1 - p);
              return q + 1;
            }
          for (guint i = 0; i < G_N_ELEMENTS (html_entities); i++)
            {
              if (strcmp (html_entities[i].name, name) == 0)
                {
                  g_string_append (out, html_entities[i].reference);
                  return q + 1;
                }
            }
        }
    }

  /* Unknown entity or a lone '&': literal text. */
  g_string_append (out, "&amp;");
  return p + 1;
}

/* At "<!DOCTYPE": a bare one (<!DOCTYPE artist>) is dropped; one that could declare or
 * load anything is refused. */
static const char *
prepare_doctype (const char  *p,
                 const char  *end,
                 GError     **error)
{
  const char *q = p + strlen ("<!DOCTYPE");

  for (; q < end && *q != '>'; q++)
    {
      if (*q == '[' || has_prefix (q, end, "SYSTEM") || has_prefix (q, end, "PUBLIC"))
        {
          g_set_error_literal (error, SW_NFO_ERROR, SW_NFO_ERROR_DTD,
                               _("The file declares a document type with entities or an "
                                 "external DTD, which artist.nfo files never need"));
          return NULL;
        }
    }
  return q < end ? q + 1 : end;
}

static GString *
prepare (const char  *data,
         gsize        length,
         GError     **error)
{
  g_autoptr(GString) out = g_string_sized_new (length + length / 16);
  const char *p = data;
  const char *end = data + length;

  while (p < end)
    {
      const char *special = p;

      while (special < end && *special != '&' && *special != '<')
        special++;
      g_string_append_len (out, p, special - p);
      p = special;
      if (p == end)
        break;

      if (*p == '&')
        p = prepare_reference (out, p, end);
      else if (has_prefix (p, end, "<!--"))
        p = copy_through (out, p, end, "-->");
      else if (has_prefix (p, end, "<![CDATA["))
        p = copy_through (out, p, end, "]]>");
      else if (has_prefix (p, end, "<?"))
        p = copy_through (out, p, end, "?>");
      else if (has_prefix (p, end, "<!DOCTYPE") || has_prefix (p, end, "<!doctype"))
        {
          p = prepare_doctype (p, end, error);
          if (p == NULL)
            return NULL;
        }
      else
        {
          g_string_append_c (out, '<');
          p++;
        }
    }
  return g_steal_pointer (&out);
}

/* Element text: every text and CDATA descendant, trimmed; NULL when empty. */
static char *
node_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = NULL;

  if (content != NULL)
    {
      g_autofree char *copy = g_strdup ((const char *) content);

      text = sw_nfo_dup_nonempty (g_strstrip (copy));
      xmlFree (content);
    }
  return text;
}

static char *
node_attribute (xmlNode    *node,
                const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *result = NULL;

  if (value != NULL)
    {
      result = sw_nfo_dup_nonempty ((const char *) value);
      xmlFree (value);
    }
  return result;
}

static gboolean
name_is (xmlNode    *node,
         const char *name)
{
  /* A prefixed element (<foo:name>) belongs to somebody else's vocabulary. */
  return node->ns == NULL || node->ns->prefix == NULL
         ? g_ascii_strcasecmp ((const char *) node->name, name) == 0
         : FALSE;
}

static SwNfoThumb *
read_thumb (xmlNode *node)
{
  g_autofree char *url = node_text (node);
  g_autofree char *aspect = node_attribute (node, "aspect");
  g_autofree char *preview = node_attribute (node, "preview");

  if (url == NULL && aspect == NULL && preview == NULL)
    return NULL;
  return sw_nfo_thumb_new (url, aspect, preview);
}

static void
read_fanart (SwNfo   *nfo,
             xmlNode *node)
{
  char *url = node_attribute (node, "url");

  if (url != NULL)
    {
      g_free (nfo->fanart_url);
      nfo->fanart_url = url;
    }

  /* Only <thumb> children mean anything in <fanart>. */
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE && name_is (child, "thumb"))
        {
          SwNfoThumb *thumb = read_thumb (child);

          if (thumb != NULL)
            g_ptr_array_add (nfo->fanart, thumb);
        }
    }
}

static void
read_album (SwNfo   *nfo,
            xmlNode *node)
{
  g_autofree char *title = NULL;
  g_autofree char *year = NULL;
  g_autofree char *mbid = NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      char **slot = NULL;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (name_is (child, "title"))
        slot = &title;
      else if (name_is (child, "year"))
        slot = &year;
      else if (name_is (child, "musicbrainzreleasegroupid"))
        slot = &mbid;
      else
        continue;

      g_free (*slot);
      *slot = node_text (child);
    }

  if (title != NULL || year != NULL || mbid != NULL)
    g_ptr_array_add (nfo->albums, sw_nfo_album_new (title, year, mbid));
}

static gboolean
parse_lockdata (const char *text)
{
  return text != NULL && (g_ascii_strcasecmp (text, "true") == 0 || strcmp (text, "1") == 0 ||
                          g_ascii_strcasecmp (text, "yes") == 0);
}

/* An unknown element as UTF-8 XML. It is copied into a document of its own first, so
 * namespace declarations it relies on from <artist> come along with it. */
static char *
serialize_extra (xmlNode *node)
{
  xmlDoc *doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNode *copy = xmlDocCopyNode (node, doc, 1);
  xmlBuffer *buffer = xmlBufferCreate ();
  xmlSaveCtxt *save;
  char *result;

  xmlDocSetRootElement (doc, copy);
  save = xmlSaveToBuffer (buffer, "UTF-8", XML_SAVE_NO_DECL | XML_SAVE_AS_XML);
  xmlSaveTree (save, copy);
  xmlSaveClose (save);

  result = g_strndup ((const char *) xmlBufferContent (buffer), xmlBufferLength (buffer));
  xmlBufferFree (buffer);
  xmlFreeDoc (doc);
  return result;
}

#define M(member) G_STRUCT_OFFSET (SwNfo, member)

/* Elements whose trimmed text is one string member. */
static const struct
{
  const char *element;
  gsize offset;
} text_elements[] = {
  { "name", M (name) },
  { "sortname", M (sort_name) },
  { "type", M (type) },
  { "gender", M (gender) },
  { "disambiguation", M (disambiguation) },
  { "musicbrainzartistid", M (musicbrainz_id) },
  { "audiodbartistid", M (audiodb_id) },
  { "discogsartistid", M (discogs_id) },
  { "wikidataid", M (wikidata_id) },
  { "deezerartistid", M (deezer_id) },
  { "spotifyartistid", M (spotify_id) },
  { "yearsactive", M (years_active) },
  { "born", M (born) },
  { "formed", M (formed) },
  { "died", M (died) },
  { "disbanded", M (disbanded) },
  { "biography", M (biography) },
};

/* Repeated elements that each add one item to a list member. */
static const struct
{
  const char *element;
  gsize offset;
} list_elements[] = {
  { "genre", M (genres) },
  { "style", M (styles) },
  { "mood", M (moods) },
};

#undef M

static gboolean
read_text_element (SwNfo   *nfo,
                   xmlNode *node)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_elements); i++)
    {
      if (name_is (node, text_elements[i].element))
        {
          char **member = G_STRUCT_MEMBER_P (nfo, text_elements[i].offset);
          char *text = node_text (node);

          /* A repeated element: the last non-empty one wins. */
          if (text != NULL)
            {
              g_free (*member);
              *member = text;
            }
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
read_list_element (GPtrArray **lists,
                   xmlNode    *node)
{
  for (guint i = 0; i < G_N_ELEMENTS (list_elements); i++)
    {
      if (name_is (node, list_elements[i].element))
        {
          char *text = node_text (node);

          if (text != NULL)
            g_ptr_array_add (lists[i], text);
          return TRUE;
        }
    }
  return FALSE;
}

static void
read_artist (SwNfo   *nfo,
             xmlNode *root)
{
  GPtrArray *lists[G_N_ELEMENTS (list_elements)];

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    lists[i] = g_ptr_array_new ();

  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;

      /* Not a name another program could have meant (e.g. "A:0"): nothing to keep. */
      if (xmlValidateNCName (node->name, 0) != 0)
        continue;

      if (read_text_element (nfo, node) || read_list_element (lists, node))
        continue;

      if (name_is (node, "thumb"))
        {
          SwNfoThumb *thumb = read_thumb (node);

          if (thumb != NULL)
            g_ptr_array_add (nfo->thumbs, thumb);
        }
      else if (name_is (node, "fanart"))
        read_fanart (nfo, node);
      else if (name_is (node, "album"))
        read_album (nfo, node);
      else if (name_is (node, "lockdata"))
        {
          g_autofree char *text = node_text (node);

          nfo->lockdata = parse_lockdata (text);
        }
      else if (name_is (node, "stillwater"))
        {
          g_free (nfo->stillwater_version);
          g_free (nfo->stillwater_written);
          nfo->stillwater_version = node_attribute (node, "version");
          nfo->stillwater_written = node_attribute (node, "written");
        }
      else
        g_ptr_array_add (nfo->extras, serialize_extra (node));
    }

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      char ***member = G_STRUCT_MEMBER_P (nfo, list_elements[i].offset);

      if (lists[i]->len > 0)
        {
          g_ptr_array_add (lists[i], NULL);
          *member = (char **) g_ptr_array_free (lists[i], FALSE);
        }
      else
        g_ptr_array_unref (lists[i]);
    }
}

static void
set_malformed (GError         **error,
               xmlParserCtxt   *ctxt)
{
  const xmlError *xml_error = xmlCtxtGetLastError (ctxt);
  g_autofree char *reason = NULL;

  if (xml_error != NULL && xml_error->message != NULL)
    reason = g_strchomp (g_strdup (xml_error->message));

  if (reason != NULL)
    g_set_error (error, SW_NFO_ERROR, SW_NFO_ERROR_MALFORMED,
                 _("The file is not well-formed XML (line %d): %s"), xml_error->line, reason);
  else
    g_set_error_literal (error, SW_NFO_ERROR, SW_NFO_ERROR_MALFORMED,
                         _("The file is not well-formed XML"));
}

SwNfo *
sw_nfo_parse (const char  *data,
              gssize       length,
              GError     **error)
{
  g_autoptr(GString) prepared = NULL;
  g_autoptr(SwNfo) nfo = NULL;
  const char *end;
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  xmlNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);
  if (length > SW_NFO_MAX_SIZE)
    {
      g_set_error (error, SW_NFO_ERROR, SW_NFO_ERROR_TOO_LARGE,
                   _("The file is larger than %d MiB"), SW_NFO_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  end = data + length;
  if (has_prefix (data, end, "\xEF\xBB\xBF"))
    data += 3;
  /* White space before the XML declaration is an error to XML, not to Kodi. */
  while (data < end && g_ascii_isspace (*data))
    data++;
  if (data == end)
    {
      g_set_error_literal (error, SW_NFO_ERROR, SW_NFO_ERROR_EMPTY, _("The file is empty"));
      return NULL;
    }

  prepared = prepare (data, end - data, error);
  if (prepared == NULL)
    return NULL;

  init_libxml ();
  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    g_error ("Out of memory");

  /* No XML_PARSE_NOENT, DTDLOAD or HUGE: entities stay unexpanded, nothing is fetched,
   * and libxml2's size and depth limits apply. */
  doc = xmlCtxtReadMemory (ctxt, prepared->str, prepared->len, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || !ctxt->wellFormed)
    {
      set_malformed (error, ctxt);
      g_clear_pointer (&doc, xmlFreeDoc);
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }
  xmlFreeParserCtxt (ctxt);

  root = xmlDocGetRootElement (doc);
  if (root == NULL || g_ascii_strcasecmp ((const char *) root->name, "artist") != 0)
    {
      g_set_error (error, SW_NFO_ERROR, SW_NFO_ERROR_NOT_ARTIST,
                   _("The root element is <%s>, not <artist>"),
                   root != NULL ? (const char *) root->name : "");
      xmlFreeDoc (doc);
      return NULL;
    }

  nfo = sw_nfo_new ();
  read_artist (nfo, root);
  xmlFreeDoc (doc);
  return g_steal_pointer (&nfo);
}

/* Reads the whole file, refusing more than SW_NFO_MAX_SIZE bytes before reading them. */
static GBytes *
read_file (const char  *path,
           gint64      *mtime_us,
           GError     **error)
{
  g_autofree char *data = NULL;
  struct stat st;
  gsize allocated;
  gsize length = 0;
  int saved_errno = 0;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not open “%s”: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("“%s” is not a regular file"), path);
      close (fd);
      return NULL;
    }
  if (st.st_size > SW_NFO_MAX_SIZE)
    {
      g_set_error (error, SW_NFO_ERROR, SW_NFO_ERROR_TOO_LARGE,
                   _("“%s” is larger than %d MiB"), path, SW_NFO_MAX_SIZE / (1024 * 1024));
      close (fd);
      return NULL;
    }

  /* Room for the size fstat() saw and one byte more, so a file that grew meanwhile
   * is noticed; it may grow to one byte more than allowed, which is then refused. */
  allocated = st.st_size + 1;
  data = g_malloc (allocated);
  while (length < SW_NFO_MAX_SIZE + 1)
    {
      gssize n;

      if (length == allocated)
        {
          allocated = MIN (allocated * 2, SW_NFO_MAX_SIZE + 1);
          data = g_realloc (data, allocated);
        }
      n = read (fd, data + length, allocated - length);
      if (n == 0)
        break;
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          saved_errno = errno;
          break;
        }
      length += n;
    }
  close (fd);

  if (saved_errno != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not read “%s”: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  if (length > SW_NFO_MAX_SIZE)
    {
      g_set_error (error, SW_NFO_ERROR, SW_NFO_ERROR_TOO_LARGE,
                   _("“%s” is larger than %d MiB"), path, SW_NFO_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  if (mtime_us != NULL)
    *mtime_us = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

SwNfo *
sw_nfo_load_full (const char  *path,
                  char       **sha256_hex,
                  gint64      *mtime_us,
                  GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SwNfo) nfo = NULL;
  gsize length;
  const char *data;
  gint64 mtime = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = read_file (path, &mtime, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  nfo = sw_nfo_parse (data != NULL ? data : "", length, error);
  if (nfo == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  if (sha256_hex != NULL)
    *sha256_hex = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (mtime_us != NULL)
    *mtime_us = mtime;
  return g_steal_pointer (&nfo);
}

SwNfo *
sw_nfo_load (const char  *path,
             GError     **error)
{
  return sw_nfo_load_full (path, NULL, NULL, error);
}

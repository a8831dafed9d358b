/* test-library-generator.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <string.h>
#include <sys/stat.h>

#include "sw-library-generator.h"
#include "sw-test-util.h"

/* Generates real trees in temporary directories and checks them from the outside: the
 * files on disk, the manifest, the images decoded with gdk-pixbuf, the NFOs parsed
 * with libxml2, and the gen-library binary. */

#define BOM "\xef\xbb\xbf"

/* One 200-artist library, written once, for the tests that only read. */
static char *shared_root;

static char *
generate (const SwLibraryGeneratorOptions *options)
{
  g_autofree char *parent = sw_test_make_temp_dir ();
  char *root = g_build_filename (parent, "library", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (sw_library_generate (root, options, NULL, &error));
  g_assert_no_error (error);
  return root;
}

static void
remove_library (const char *root)
{
  g_autofree char *parent = g_path_get_dirname (root);

  sw_test_remove_tree (parent);
}

static const char *
shared_library (void)
{
  if (shared_root == NULL)
    {
      SwLibraryGeneratorOptions options;

      sw_library_generator_options_init (&options);
      options.artists = 200;
      options.seed = 2026;
      shared_root = generate (&options);
    }
  return shared_root;
}

/* Every entry under root as "relative/path" (folders end in "/"), with a file's
 * SHA-256 after a tab. */
static void
collect_tree (const char *root,
              const char *relative,
              GPtrArray  *entries)
{
  g_autofree char *dir_path = g_build_filename (root, relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = *relative != '\0' ? g_build_filename (relative, name, NULL)
                                                 : g_strdup (name);
      g_autofree char *path = g_build_filename (root, child, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_ptr_array_add (entries, g_strconcat (child, "/", NULL));
          collect_tree (root, child, entries);
        }
      else
        {
          g_autofree char *contents = NULL;
          g_autofree char *sum = NULL;
          gsize length = 0;

          g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
          sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents,
                                             length);
          g_ptr_array_add (entries, g_strdup_printf ("%s\t%s", child, sum));
        }
    }
}

/* "Artist/" is 1, "Artist/Album/" 2. */
static guint
depth (const char *entry)
{
  guint slashes = 0;

  for (const char *p = entry; *p != '\0' && *p != '\t'; p++)
    slashes += *p == '/';
  return slashes;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
tree_of (const char *root)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_free);

  collect_tree (root, "", entries);
  g_ptr_array_sort (entries, compare_strings);
  return entries;
}

static gboolean
trees_equal (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (strcmp (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

static guint
count_entries (const char *path,
               gboolean    dirs)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint count = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) == dirs)
        count++;
    }
  return count;
}

static JsonNode *
load_manifest (const char *root)
{
  g_autofree char *path = g_build_filename (root, "manifest.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static JsonArray *
manifest_artists (JsonNode *manifest)
{
  return json_object_get_array_member (json_node_get_object (manifest), "artists");
}

/* base/<the member's value>: a folder or file the manifest names. */
static char *
member_path (const char *base,
             JsonObject *object,
             const char *member)
{
  return g_build_filename (base, json_object_get_string_member (object, member), NULL);
}

static char *
read_nfo (const char *root,
          JsonObject *artist,
          gsize      *length)
{
  g_autofree char *dir = member_path (root, artist, "folder");
  g_autofree char *path = g_build_filename (dir, "artist.nfo", NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, length, NULL))
    return NULL;
  return contents;
}

static xmlDoc *
parse_xml (const char *text,
           gsize       length,
           int         extra_flags)
{
  return xmlReadMemory (text, (int) length, "artist.nfo", NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | extra_flags);
}

static xmlNode *
child_element (xmlNode    *parent,
               const char *name)
{
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0)
      return node;
  return NULL;
}

static char *
child_text (xmlNode    *parent,
            const char *name)
{
  xmlNode *node = child_element (parent, name);
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  text = g_strdup ((const char *) content);
  xmlFree (content);
  return text;
}

static guint
count_children (xmlNode *parent)
{
  guint count = 0;

  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      count++;
  return count;
}

/* The reference's 19 HTML entities, as a reader maps them before parsing. */
static char *
map_html_entities (const char *text)
{
  static const char * const entities[][2] = {
    { "&nbsp;", "&#160;" }, { "&mdash;", "&#8212;" }, { "&ndash;", "&#8211;" },
    { "&laquo;", "&#171;" }, { "&raquo;", "&#187;" }, { "&ldquo;", "&#8220;" },
    { "&rdquo;", "&#8221;" }, { "&lsquo;", "&#8216;" }, { "&rsquo;", "&#8217;" },
    { "&bull;", "&#8226;" }, { "&hellip;", "&#8230;" }, { "&copy;", "&#169;" },
    { "&reg;", "&#174;" }, { "&trade;", "&#8482;" }, { "&eacute;", "&#233;" },
    { "&egrave;", "&#232;" }, { "&ouml;", "&#246;" }, { "&uuml;", "&#252;" },
    { "&auml;", "&#228;" },
  };
  g_autoptr(GString) out = g_string_new (text);

  for (gsize i = 0; i < G_N_ELEMENTS (entities); i++)
    g_string_replace (out, entities[i][0], entities[i][1], 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_determinism (void)
{
  SwLibraryGeneratorOptions options;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autoptr(GPtrArray) tree_a = NULL;
  g_autoptr(GPtrArray) tree_b = NULL;
  g_autoptr(GPtrArray) tree_c = NULL;
  g_autoptr(GPtrArray) tree_d = NULL;
  guint images = 0;
  guint j = 0;

  sw_library_generator_options_init (&options);
  options.artists = 40;
  options.albums_per_artist = 2;
  options.seed = 7;
  a = generate (&options);
  b = generate (&options);
  tree_a = tree_of (a);
  tree_b = tree_of (b);
  g_assert_cmpuint (tree_a->len, >, 40 * 4);
  g_assert_true (trees_equal (tree_a, tree_b));

  options.seed = 8;
  c = generate (&options);
  tree_c = tree_of (c);
  g_assert_false (trees_equal (tree_a, tree_c));

  /* Images draw from their own generator: without them, everything else is the same. */
  options.seed = 7;
  options.write_images = FALSE;
  d = generate (&options);
  tree_d = tree_of (d);
  for (guint i = 0; i < tree_a->len; i++)
    {
      const char *entry = g_ptr_array_index (tree_a, i);
      g_autofree char *base = g_path_get_basename (entry);

      if (g_str_has_prefix (entry, "manifest.json"))
        continue;
      if (g_regex_match_simple ("^(folder|fanart[0-9]*|logo|banner)\\.(jpg|png)\t", base, 0, 0))
        {
          images++;
          continue;
        }
      while (j < tree_d->len && g_str_has_prefix (g_ptr_array_index (tree_d, j), "manifest.json"))
        j++;
      g_assert_cmpuint (j, <, tree_d->len);
      g_assert_cmpstr (entry, ==, g_ptr_array_index (tree_d, j));
      j++;
    }
  while (j < tree_d->len && g_str_has_prefix (g_ptr_array_index (tree_d, j), "manifest.json"))
    j++;
  g_assert_cmpuint (j, ==, tree_d->len);
  g_assert_cmpuint (images, >=, 2 * 39);

  remove_library (a);
  remove_library (b);
  remove_library (c);
  remove_library (d);
}

static void
test_counts (void)
{
  SwLibraryGeneratorOptions options;
  g_autofree char *root = NULL;
  g_autofree char *empty = NULL;
  g_autoptr(JsonNode) manifest = NULL;
  JsonArray *artists;
  guint buckets = 0;

  sw_library_generator_options_init (&options);
  options.artists = 50;
  options.albums_per_artist = 2;
  options.images_min = 1;
  options.images_max = 3;
  root = generate (&options);
  manifest = load_manifest (root);
  artists = manifest_artists (manifest);

  g_assert_cmpuint (count_entries (root, TRUE), ==, 50);
  g_assert_cmpuint (count_entries (root, FALSE), ==, 1);      /* manifest.json */
  g_assert_cmpuint (json_array_get_length (artists), ==, 50);

  for (guint i = 0; i < json_array_get_length (artists); i++)
    {
      JsonObject *artist = json_array_get_object_element (artists, i);
      const char *scan = json_object_get_string_member (artist, "scan");
      const char *nfo = json_object_get_string_member (artist, "nfo");
      JsonArray *albums = json_object_get_array_member (artist, "albums");
      JsonArray *images = json_object_get_array_member (artist, "images");
      g_autofree char *dir = member_path (root, artist, "folder");
      g_autofree char *nfo_path = g_build_filename (dir, "artist.nfo", NULL);
      guint files = count_entries (dir, FALSE);

      g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
      g_assert_cmpuint (count_entries (dir, TRUE), ==, 2);
      g_assert_cmpuint (json_array_get_length (albums), ==, 2);
      for (guint k = 0; k < 2; k++)
        {
          JsonObject *album = json_array_get_object_element (albums, k);
          g_autofree char *album_dir = member_path (dir, album, "folder");
          guint tracks = count_entries (album_dir, FALSE);

          g_assert_cmpuint (tracks, ==, json_object_get_int_member (album, "tracks"));
          g_assert_cmpuint (tracks, >=, 2);
          g_assert_cmpuint (tracks, <=, 5);
        }

      g_assert_cmpint (g_file_test (nfo_path, G_FILE_TEST_EXISTS), ==,
                       g_strcmp0 (nfo, "none") != 0);
      if (g_str_equal (scan, "artist"))
        {
          g_assert_cmpuint (json_array_get_length (images), >=, 1);
          g_assert_cmpuint (json_array_get_length (images), <=, 3);
        }
      else
        {
          buckets++;
          g_assert_cmpuint (json_array_get_length (images), ==, 0);
        }
      /* Exactly the manifest's images and the NFO, nothing else. */
      g_assert_cmpuint (files, ==, json_array_get_length (images) + (g_strcmp0 (nfo, "none") != 0));
      for (guint k = 0; k < json_array_get_length (images); k++)
        {
          JsonObject *image = json_array_get_object_element (images, k);
          g_autofree char *path = member_path (dir, image, "file");

          g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
        }
    }
  /* 50 artists: one compilation bucket (one per 40). */
  g_assert_cmpuint (buckets, ==, 1);
  remove_library (root);

  options.artists = 20;
  options.albums_per_artist = 0;
  options.write_images = FALSE;
  options.write_manifest = FALSE;
  empty = generate (&options);
  g_assert_cmpuint (count_entries (empty, TRUE), ==, 20);
  g_assert_cmpuint (count_entries (empty, FALSE), ==, 0);
  {
    g_autoptr(GPtrArray) tree = tree_of (empty);

    /* Artist folders and their NFOs only: no albums, no images. */
    for (guint i = 0; i < tree->len; i++)
      {
        const char *entry = g_ptr_array_index (tree, i);

        if (g_str_has_suffix (entry, "/"))
          g_assert_cmpuint (depth (entry), ==, 1);
        else
          g_assert_nonnull (strstr (entry, "/artist.nfo\t"));
      }
  }
  remove_library (empty);
}

static void
check_nfo (const char            *root,
           JsonObject            *artist,
           SwLibraryGeneratorNfo  variant)
{
  const char *name = json_object_get_string_member (artist, "name");
  const char *mbid = json_object_get_string_member (artist, "musicbrainz_id");
  g_autofree char *text = NULL;
  gsize length = 0;
  xmlDoc *doc = NULL;
  xmlNode *top;
  g_autofree char *parsed_name = NULL;

  text = read_nfo (root, artist, &length);
  if (variant == SW_LIBRARY_GENERATOR_NFO_NONE)
    {
      g_assert_null (text);
      return;
    }
  g_assert_nonnull (text);

  switch (variant)
    {
    case SW_LIBRARY_GENERATOR_NFO_EMPTY:
      g_assert_true (length == 0 || (length == 3 && memcmp (text, BOM, 3) == 0));
      return;

    case SW_LIBRARY_GENERATOR_NFO_MALFORMED:
      doc = parse_xml (text, length, 0);
      g_assert_null (doc);
      g_assert_cmpstr (name, ==, json_object_get_string_member (artist, "folder"));
      g_assert_null (mbid);
      return;

    case SW_LIBRARY_GENERATOR_NFO_ENTITIES:
      {
        g_autofree char *mapped = map_html_entities (text);

        /* Not XML as written (&eacute; is not an XML entity); readable once mapped. */
        g_assert_null (parse_xml (text, length, 0));
        g_assert_nonnull (strstr (text, "&mdash;"));
        g_assert_nonnull (strstr (text, "&amp;"));
        doc = parse_xml (mapped, strlen (mapped), XML_PARSE_RECOVER);
      }
      break;

    case SW_LIBRARY_GENERATOR_NFO_BOM:
      g_assert_cmpmem (text, 3, BOM, 3);
      doc = parse_xml (text, length, 0);
      break;

    case SW_LIBRARY_GENERATOR_NFO_COMPLETE:
    case SW_LIBRARY_GENERATOR_NFO_MINIMAL:
    case SW_LIBRARY_GENERATOR_NFO_CUSTOM:
      g_assert_false (g_str_has_prefix (text, BOM));
      doc = parse_xml (text, length, 0);
      break;

    case SW_LIBRARY_GENERATOR_NFO_NONE:
    case SW_LIBRARY_GENERATOR_NFO_N_VARIANTS:
    default:
      g_assert_not_reached ();
    }

  g_assert_nonnull (doc);
  top = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) top->name, ==, "artist");
  parsed_name = child_text (top, "name");
  g_assert_cmpstr (parsed_name, ==, name);

  if (variant == SW_LIBRARY_GENERATOR_NFO_COMPLETE || variant == SW_LIBRARY_GENERATOR_NFO_BOM)
    {
      g_autofree char *parsed_mbid = child_text (top, "musicbrainzartistid");
      g_autofree char *lockdata = child_text (top, "lockdata");
      guint albums = 0;

      g_assert_cmpstr (parsed_mbid, ==, mbid);
      g_assert_true (g_regex_match_simple ("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}"
                                           "-[0-9a-f]{12}$", mbid, 0, 0));
      g_assert_cmpint (lockdata != NULL, ==, json_object_get_boolean_member (artist, "lockdata"));
      g_assert_nonnull (child_element (top, "biography"));
      g_assert_nonnull (child_element (top, "genre"));
      g_assert_nonnull (child_element (top, "fanart"));
      for (xmlNode *node = top->children; node != NULL; node = node->next)
        if (node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, "album") == 0)
          albums++;
      g_assert_cmpuint (albums, ==,
                        json_array_get_length (json_object_get_array_member (artist, "albums")));
    }
  else if (variant == SW_LIBRARY_GENERATOR_NFO_MINIMAL)
    g_assert_cmpuint (count_children (top), ==, 1);
  else if (variant == SW_LIBRARY_GENERATOR_NFO_CUSTOM)
    {
      JsonArray *custom = json_object_get_array_member (artist, "custom_elements");

      g_assert_cmpuint (json_array_get_length (custom), >=, 1);
      for (guint i = 0; i < json_array_get_length (custom); i++)
        g_assert_nonnull (child_element (top, json_array_get_string_element (custom, i)));
    }

  xmlFreeDoc (doc);
}

static void
test_variants (void)
{
  const char *root = shared_library ();
  g_autoptr(JsonNode) manifest = load_manifest (root);
  JsonArray *artists = manifest_artists (manifest);
  guint seen[SW_LIBRARY_GENERATOR_NFO_N_VARIANTS] = { 0, };
  guint skipped = 0;
  guint excluded = 0;
  guint renamed = 0;

  g_assert_cmpuint (json_array_get_length (artists), ==, 200);
  for (guint i = 0; i < json_array_get_length (artists); i++)
    {
      JsonObject *artist = json_array_get_object_element (artists, i);
      const char *scan = json_object_get_string_member (artist, "scan");
      const char *folder = json_object_get_string_member (artist, "folder");
      const char *name = json_object_get_string_member (artist, "name");
      const char *nfo = json_object_get_string_member (artist, "nfo");
      SwLibraryGeneratorNfo variant;

      g_assert_true (sw_library_generator_nfo_from_string (nfo, &variant));
      check_nfo (root, artist, variant);

      if (g_str_equal (scan, "skipped"))
        {
          skipped++;
          g_assert_true (g_strv_contains ((const char * const[]) { "Various Artists", "VA",
                                                                   "Various", NULL }, folder));
          continue;
        }
      if (g_str_equal (scan, "excluded"))
        {
          excluded++;
          g_assert_true (g_str_equal (folder, "Soundtrack") || g_str_equal (folder, "OST"));
          continue;
        }
      g_assert_cmpstr (scan, ==, "artist");
      seen[variant]++;
      if (!g_str_equal (folder, name))
        {
          /* "Beatles, The": only where the NFO gives the real name back. */
          renamed++;
          g_assert_true (variant != SW_LIBRARY_GENERATOR_NFO_NONE &&
                         variant != SW_LIBRARY_GENERATOR_NFO_EMPTY &&
                         variant != SW_LIBRARY_GENERATOR_NFO_MALFORMED);
          g_assert_nonnull (strstr (folder, ", "));
        }
    }

  for (guint v = 0; v < SW_LIBRARY_GENERATOR_NFO_N_VARIANTS; v++)
    {
      g_test_message ("%s: %u", sw_library_generator_nfo_to_string (v), seen[v]);
      g_assert_cmpuint (seen[v], >, 0);
    }
  g_assert_cmpuint (skipped, ==, 3);
  g_assert_cmpuint (excluded, ==, 2);
  g_assert_cmpuint (renamed, >, 0);
}

static void
test_variant_weights (void)
{
  SwLibraryGeneratorOptions options;
  SwLibraryGeneratorNfo variant;

  for (guint v = 0; v < SW_LIBRARY_GENERATOR_NFO_N_VARIANTS; v++)
    {
      const char *name = sw_library_generator_nfo_to_string (v);

      g_assert_nonnull (name);
      g_assert_true (sw_library_generator_nfo_from_string (name, &variant));
      g_assert_cmpint (variant, ==, v);
    }
  g_assert_false (sw_library_generator_nfo_from_string ("xml", &variant));

  /* Two variants with weight: only those two, both present even in a small library. */
  sw_library_generator_options_init (&options);
  options.artists = 12;
  options.albums_per_artist = 0;
  options.write_images = FALSE;
  options.nfo_weights[SW_LIBRARY_GENERATOR_NFO_MALFORMED] = 1;
  options.nfo_weights[SW_LIBRARY_GENERATOR_NFO_COMPLETE] = 1000;
  {
    g_autofree char *root = generate (&options);
    g_autoptr(JsonNode) manifest = load_manifest (root);
    JsonArray *artists = manifest_artists (manifest);
    guint malformed = 0;

    for (guint i = 0; i < json_array_get_length (artists); i++)
      {
        const char *nfo = json_object_get_string_member (json_array_get_object_element (artists, i),
                                                         "nfo");

        g_assert_true (g_str_equal (nfo, "complete") || g_str_equal (nfo, "malformed"));
        malformed += g_str_equal (nfo, "malformed");
      }
    g_assert_cmpuint (malformed, >=, 1);
    remove_library (root);
  }
}

static void
test_images (void)
{
  static const struct { const char *type; int width; int height; } limits[] = {
    { "thumb", 500, 500 }, { "fanart", 960, 540 }, { "logo", 400, 155 }, { "banner", 758, 140 },
  };
  const char *root = shared_library ();
  g_autoptr(JsonNode) manifest = load_manifest (root);
  JsonArray *artists = manifest_artists (manifest);
  guint low[G_N_ELEMENTS (limits)] = { 0, };
  guint fine[G_N_ELEMENTS (limits)] = { 0, };
  g_autoptr(GHashTable) decoded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (artists); i++)
    {
      JsonObject *artist = json_array_get_object_element (artists, i);
      JsonArray *images = json_object_get_array_member (artist, "images");
      guint fanart = 0;

      for (guint k = 0; k < json_array_get_length (images); k++)
        {
          JsonObject *image = json_array_get_object_element (images, k);
          const char *file = json_object_get_string_member (image, "file");
          const char *type = json_object_get_string_member (image, "type");
          int width = (int) json_object_get_int_member (image, "width");
          int height = (int) json_object_get_int_member (image, "height");
          gboolean low_res = json_object_get_boolean_member (image, "low_res");
          g_autofree char *dir = member_path (root, artist, "folder");
          g_autofree char *path = g_build_filename (dir, file, NULL);
          g_autofree char *shape = g_strdup_printf ("%s:%d:%d", type, width, height);
          g_autoptr(GError) error = NULL;
          g_autoptr(GdkPixbuf) pixbuf = NULL;
          GdkPixbufFormat *format;
          g_autofree char *format_name = NULL;
          int header_width = 0;
          int header_height = 0;
          guint slot = G_N_ELEMENTS (limits);

          /* Every header is read; one file of each shape is decoded in full. */
          if (g_hash_table_add (decoded, g_steal_pointer (&shape)))
            {
              pixbuf = gdk_pixbuf_new_from_file (path, &error);
              g_assert_no_error (error);
              g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, width);
              g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, height);
            }
          format = gdk_pixbuf_get_file_info (path, &header_width, &header_height);
          g_assert_nonnull (format);
          g_assert_cmpint (header_width, ==, width);
          g_assert_cmpint (header_height, ==, height);
          format_name = gdk_pixbuf_format_get_name (format);

          for (guint s = 0; s < G_N_ELEMENTS (limits); s++)
            if (g_str_equal (limits[s].type, type))
              slot = s;
          g_assert_cmpuint (slot, <, G_N_ELEMENTS (limits));
          g_assert_cmpint (low_res, ==, width < limits[slot].width || height < limits[slot].height);
          if (low_res)
            low[slot]++;
          else
            fine[slot]++;

          /* Kodi names, the format the extension says; a logo is a PNG with alpha. */
          if (g_str_equal (type, "logo"))
            {
              g_assert_cmpstr (file, ==, "logo.png");
              g_assert_cmpstr (format_name, ==, "png");
              if (pixbuf != NULL)
                {
                  g_assert_true (gdk_pixbuf_get_has_alpha (pixbuf));
                  g_assert_cmpuint (gdk_pixbuf_get_pixels (pixbuf)[3], ==, 0);
                }
            }
          else
            {
              g_assert_cmpstr (format_name, ==, "jpeg");
              if (g_str_equal (type, "thumb"))
                g_assert_cmpstr (file, ==, "folder.jpg");
              else if (g_str_equal (type, "banner"))
                g_assert_cmpstr (file, ==, "banner.jpg");
              else
                {
                  g_autofree char *expected = NULL;

                  if (fanart == 0)
                    expected = g_strdup ("fanart.jpg");
                  else
                    expected = g_strdup_printf ("fanart%u.jpg", fanart);

                  g_assert_cmpstr (file, ==, expected);
                  fanart++;
                }
            }
        }
    }

  g_test_message ("%u image shapes decoded", g_hash_table_size (decoded));
  for (guint s = 0; s < G_N_ELEMENTS (limits); s++)
    {
      g_test_message ("%s: %u low-res, %u not", limits[s].type, low[s], fine[s]);
      g_assert_cmpuint (low[s], >, 0);
      g_assert_cmpuint (fine[s], >, 0);
    }
}

static gboolean
has_char_in (const char *text,
             gunichar    first,
             gunichar    last)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= first && c <= last)
        return TRUE;
    }
  return FALSE;
}

static void
test_names (void)
{
  const char *root = shared_library ();
  g_autoptr(JsonNode) manifest = load_manifest (root);
  JsonArray *artists = manifest_artists (manifest);
  g_autoptr(GHashTable) folders = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  gboolean cyrillic = FALSE, japanese = FALSE, accented = FALSE, the = FALSE, ampersand = FALSE;
  const char *name;
  guint dirs = 0;

  for (guint i = 0; i < json_array_get_length (artists); i++)
    {
      JsonObject *artist = json_array_get_object_element (artists, i);

      g_hash_table_add (folders, (gpointer) json_object_get_string_member (artist, "folder"));
    }
  g_assert_cmpuint (g_hash_table_size (folders), ==, 200);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (root, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      dirs++;
      g_assert_true (g_utf8_validate (name, -1, NULL));
      g_assert_true (g_hash_table_contains (folders, name));
      g_assert_null (strchr (name, '/'));
      g_assert_false (g_str_has_prefix (name, "."));
      cyrillic |= has_char_in (name, 0x0400, 0x04ff);
      japanese |= has_char_in (name, 0x3040, 0x30ff) || has_char_in (name, 0x4e00, 0x9fff);
      accented |= has_char_in (name, 0x00c0, 0x017f);
      the |= g_str_has_prefix (name, "The ") || g_str_has_suffix (name, ", The");
      ampersand |= strstr (name, " & ") != NULL;
    }
  g_assert_cmpuint (dirs, ==, 200);
  g_assert_true (cyrillic);
  g_assert_true (japanese);
  g_assert_true (accented);
  g_assert_true (the);
  g_assert_true (ampersand);
}

static void
test_refusals (void)
{
  g_autofree char *parent = sw_test_make_temp_dir ();
  g_autofree char *root = g_build_filename (parent, "library", NULL);
  g_autofree char *keep = g_build_filename (root, "keep.txt", NULL);
  g_autofree char *missing = g_build_filename (parent, "a", "b", "library", NULL);
  g_autoptr(GError) error = NULL;
  SwLibraryGeneratorOptions options;

  sw_library_generator_options_init (&options);
  options.artists = 10;
  options.albums_per_artist = 1;

  g_assert_cmpint (g_mkdir (root, 0755), ==, 0);
  g_assert_true (g_file_set_contents (keep, "mine", -1, NULL));

  /* Not empty: refused, and nothing is added. */
  g_assert_false (sw_library_generate (root, &options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_EMPTY);
  g_assert_nonnull (strstr (error->message, root));
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (root, TRUE) + count_entries (root, FALSE), ==, 1);

  /* A file where the folder should be. */
  g_assert_false (sw_library_generate (keep, &options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_clear_error (&error);

  /* Bad options: refused before anything is created. */
  options.images_min = 5;
  options.images_max = 2;
  g_assert_false (sw_library_generate (missing, &options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  options.images_min = 2;
  options.albums_per_artist = 1000;
  g_assert_false (sw_library_generate (missing, &options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  options.albums_per_artist = 1;
  g_assert_false (sw_library_generate ("", &options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Forced: written next to what is there, which stays. */
  options.force = TRUE;
  g_assert_true (sw_library_generate (root, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (root, TRUE), ==, 10);
  g_assert_true (g_file_test (keep, G_FILE_TEST_IS_REGULAR));

  /* Forced over an earlier run with the same seed: the same tree again. */
  {
    g_autoptr(GPtrArray) before = tree_of (root);
    g_autoptr(GPtrArray) after = NULL;

    g_assert_true (sw_library_generate (root, &options, NULL, &error));
    g_assert_no_error (error);
    after = tree_of (root);
    g_assert_true (trees_equal (before, after));
  }

  /* Missing parents are created. */
  options.force = FALSE;
  g_assert_true (sw_library_generate (missing, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (missing, TRUE), ==, 10);

  sw_test_remove_tree (parent);
}

typedef struct
{
  GCancellable *cancellable;
  guint cancel_at;
  guint calls;
  guint last_done;
} CancelState;

static void
cancel_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  CancelState *state = user_data;

  g_assert_cmpuint (done, ==, state->last_done + 1);
  g_assert_cmpuint (total, ==, 300);
  state->last_done = done;
  state->calls++;
  if (done == state->cancel_at)
    g_cancellable_cancel (state->cancellable);
}

static void
test_cancel (void)
{
  g_autofree char *parent = sw_test_make_temp_dir ();
  g_autofree char *root = g_build_filename (parent, "library", NULL);
  g_autofree char *never = g_build_filename (parent, "never", NULL);
  g_autofree char *manifest = g_build_filename (root, "manifest.json", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  SwLibraryGeneratorOptions options;
  CancelState state = { cancellable, 5, 0, 0 };

  sw_library_generator_options_init (&options);
  options.artists = 300;
  options.progress = cancel_progress;
  options.progress_data = &state;

  g_assert_false (sw_library_generate (root, &options, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (state.calls, ==, 5);
  g_assert_cmpuint (count_entries (root, TRUE), ==, 5);
  g_assert_false (g_file_test (manifest, G_FILE_TEST_EXISTS));

  /* Already cancelled: not even the folder is created. */
  g_assert_false (sw_library_generate (never, &options, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));

  sw_test_remove_tree (parent);
}

static void
check_mtimes (const char *path,
              gint64      mtime,
              guint      *checked)
{
  g_autoptr(GDir) dir = NULL;
  GStatBuf st;
  const char *name;

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  g_assert_cmpint ((gint64) st.st_mtime, ==, mtime);
  (*checked)++;
  if (!S_ISDIR (st.st_mode))
    return;

  dir = g_dir_open (path, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      check_mtimes (child, mtime, checked);
    }
}

static void
test_mtime (void)
{
  SwLibraryGeneratorOptions options;
  g_autofree char *root = NULL;
  guint checked = 0;

  sw_library_generator_options_init (&options);
  options.artists = 20;
  options.albums_per_artist = 1;
  options.mtime = 1600000000;
  root = generate (&options);
  check_mtimes (root, options.mtime, &checked);
  g_assert_cmpuint (checked, >, 20 * 4);
  remove_library (root);
}

static int
run_binary (const char * const *args,
            char              **err_out)
{
  const char *binary = g_getenv ("SW_GEN_LIBRARY_BIN");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, err_out, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

#define ARGS(...) ((const char * const[]) { __VA_ARGS__, NULL })

static void
test_binary (void)
{
  g_autofree char *parent = sw_test_make_temp_dir ();
  g_autofree char *root = g_build_filename (parent, "library", NULL);
  g_autofree char *bare = g_build_filename (parent, "bare", NULL);
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GPtrArray) reference = NULL;
  g_autoptr(GPtrArray) again = NULL;
  SwLibraryGeneratorOptions options;

  /* The binary writes exactly what the library function writes. */
  g_assert_cmpint (run_binary (ARGS ("--artists", "20", "--seed", "3", "--quiet", root), &err),
                   ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&err, g_free);
  sw_library_generator_options_init (&options);
  options.artists = 20;
  options.seed = 3;
  expected = generate (&options);
  written = tree_of (root);
  reference = tree_of (expected);
  g_assert_true (trees_equal (written, reference));
  remove_library (expected);

  /* Not empty without --force: exit 1, a message, nothing changed. */
  g_assert_cmpint (run_binary (ARGS ("--artists", "5", root), &err), ==, 1);
  g_assert_nonnull (strstr (err, "not empty"));
  g_clear_pointer (&err, g_free);
  again = tree_of (root);
  g_assert_true (trees_equal (written, again));

  /* Usage errors: exit 2. */
  g_assert_cmpint (run_binary (ARGS ("--artists", "many", bare), &err), ==, 2);
  g_assert_nonnull (strstr (err, "--artists"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_binary (ARGS ("--nfo", "xml=1", bare), &err), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_binary (ARGS ("--artists", "3"), &err), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (bare, G_FILE_TEST_EXISTS));

  /* --no-images, --albums, --nfo. */
  g_assert_cmpint (run_binary (ARGS ("--artists", "8", "--no-images", "--albums", "1",
                                     "--nfo", "minimal=1", "-q", bare), &err), ==, 0);
  g_clear_pointer (&err, g_free);
  {
    g_autoptr(GPtrArray) tree = tree_of (bare);
    guint albums = 0;

    for (guint i = 0; i < tree->len; i++)
      {
        const char *entry = g_ptr_array_index (tree, i);

        g_assert_null (strstr (entry, ".jpg"));
        g_assert_null (strstr (entry, ".png"));
        if (g_str_has_suffix (entry, "/") && depth (entry) == 2)
          albums++;
      }
    g_assert_cmpuint (albums, ==, 8);
  }

  sw_test_remove_tree (parent);
}

#undef ARGS

static void
test_performance (void)
{
  SwLibraryGeneratorOptions options;
  g_autofree char *root = NULL;
  gint64 started;
  double seconds;

  sw_library_generator_options_init (&options);
  options.artists = 2000;
  started = g_get_monotonic_time ();
  root = generate (&options);
  seconds = (double) (g_get_monotonic_time () - started) / G_USEC_PER_SEC;
  g_test_message ("2000 artists (3 albums, 2-4 images each) in %.2f s", seconds);
  g_assert_cmpuint (count_entries (root, TRUE), ==, 2000);
  remove_library (root);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/library-generator/determinism", test_determinism);
  g_test_add_func ("/library-generator/counts", test_counts);
  g_test_add_func ("/library-generator/variants", test_variants);
  g_test_add_func ("/library-generator/variant-weights", test_variant_weights);
  g_test_add_func ("/library-generator/images", test_images);
  g_test_add_func ("/library-generator/names", test_names);
  g_test_add_func ("/library-generator/refusals", test_refusals);
  g_test_add_func ("/library-generator/cancel", test_cancel);
  g_test_add_func ("/library-generator/mtime", test_mtime);
  g_test_add_func ("/library-generator/binary", test_binary);
  g_test_add_func ("/library-generator/performance", test_performance);

  status = g_test_run ();

  if (shared_root != NULL)
    remove_library (shared_root);
  g_free (shared_root);
  xmlCleanupParser ();
  return status;
}

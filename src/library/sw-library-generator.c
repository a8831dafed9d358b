/* sw-library-generator.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

#include "sw-library-generator-private.h"

/* Writes a synthetic music library: one folder per artist with album folders, an
 * artist.nfo in one of the variants real libraries have, and artist images; and a
 * manifest.json at the root saying what a scanner should find.
 *
 * Everything comes from GRands seeded with the seed, so a seed and options give a
 * byte-identical tree. Each artist draws from its own generators (one each for the
 * name, the NFO, the albums and the images), so turning images off or changing the
 * album count leaves the names and NFOs as they were. */

#define MAX_ARTISTS 1000000
#define MAX_ALBUMS 100
#define MAX_IMAGES 20
#define MAX_WEIGHT 1000000

enum
{
  SALT_NAME = 1,
  SALT_NFO,
  SALT_ALBUMS,
  SALT_IMAGES,
};

static const char * const nfo_names[SW_LIBRARY_GENERATOR_NFO_N_VARIANTS] = {
  [SW_LIBRARY_GENERATOR_NFO_COMPLETE] = "complete",
  [SW_LIBRARY_GENERATOR_NFO_MINIMAL] = "minimal",
  [SW_LIBRARY_GENERATOR_NFO_CUSTOM] = "custom",
  [SW_LIBRARY_GENERATOR_NFO_ENTITIES] = "entities",
  [SW_LIBRARY_GENERATOR_NFO_BOM] = "bom",
  [SW_LIBRARY_GENERATOR_NFO_MALFORMED] = "malformed",
  [SW_LIBRARY_GENERATOR_NFO_EMPTY] = "empty",
  [SW_LIBRARY_GENERATOR_NFO_NONE] = "none",
};

static const guint default_weights[SW_LIBRARY_GENERATOR_NFO_N_VARIANTS] = {
  [SW_LIBRARY_GENERATOR_NFO_COMPLETE] = 30,
  [SW_LIBRARY_GENERATOR_NFO_MINIMAL] = 12,
  [SW_LIBRARY_GENERATOR_NFO_CUSTOM] = 10,
  [SW_LIBRARY_GENERATOR_NFO_ENTITIES] = 10,
  [SW_LIBRARY_GENERATOR_NFO_BOM] = 8,
  [SW_LIBRARY_GENERATOR_NFO_MALFORMED] = 8,
  [SW_LIBRARY_GENERATOR_NFO_EMPTY] = 7,
  [SW_LIBRARY_GENERATOR_NFO_NONE] = 15,
};

/* Folders the scanner must not treat as ordinary artists (with the default exclusion
 * list), in the order they join as the library grows: one per 40 artists. */
static const struct
{
  const char *name;
  SwGenScan scan;
} specials[] = {
  { "Various Artists", SW_GEN_SCAN_SKIPPED },
  { "Soundtrack", SW_GEN_SCAN_EXCLUDED },
  { "VA", SW_GEN_SCAN_SKIPPED },
  { "OST", SW_GEN_SCAN_EXCLUDED },
  { "Various", SW_GEN_SCAN_SKIPPED },
};

/* A few bytes with the format's magic: enough for anything that sniffs a track. */
static const char flac_bytes[] = "fLaC\0\0\0\x22";
static const char mp3_bytes[] = "ID3\x04\0\0\0\0\0\0";

typedef struct
{
  const char *root;
  const SwLibraryGeneratorOptions *options;
  const guint *weights;
  SwLibraryGeneratorNfo *variants;  /* per artist */
  guint8 *special;                  /* per artist: 0, or index into specials + 1 */
  GHashTable *taken;                /* name keys */
  SwGenImageCache *images;
  JsonBuilder *manifest;
} Generation;

void
sw_library_generator_options_init (SwLibraryGeneratorOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->artists = 100;
  options->seed = 1;
  options->albums_per_artist = 3;
  options->images_min = 2;
  options->images_max = 4;
  options->write_images = TRUE;
  options->write_manifest = TRUE;
}

const char *
sw_library_generator_nfo_to_string (SwLibraryGeneratorNfo variant)
{
  g_return_val_if_fail (variant < SW_LIBRARY_GENERATOR_NFO_N_VARIANTS, NULL);
  return nfo_names[variant];
}

gboolean
sw_library_generator_nfo_from_string (const char            *text,
                                      SwLibraryGeneratorNfo *variant)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < SW_LIBRARY_GENERATOR_NFO_N_VARIANTS; i++)
    {
      if (g_ascii_strcasecmp (text, nfo_names[i]) == 0)
        {
          if (variant != NULL)
            *variant = (SwLibraryGeneratorNfo) i;
          return TRUE;
        }
    }
  return FALSE;
}

void
sw_gen_artist_free (SwGenArtist *artist)
{
  g_free (artist->folder);
  g_free (artist->name);
  g_free (artist->sort_name);
  g_free (artist->mbid);
  g_clear_pointer (&artist->albums, g_ptr_array_unref);
  g_clear_pointer (&artist->images, g_ptr_array_unref);
  g_clear_pointer (&artist->custom, g_ptr_array_unref);
  g_free (artist);
}

static GRand *
artist_rand (guint32 seed,
             guint   index,
             guint32 salt)
{
  guint32 words[3] = { seed, index, salt };

  return g_rand_new_with_seed_array (words, G_N_ELEMENTS (words));
}

static gboolean
check_options (const SwLibraryGeneratorOptions *options,
               GError                         **error)
{
  if (options->artists > MAX_ARTISTS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("At most %u artists can be generated"), MAX_ARTISTS);
      return FALSE;
    }
  if (options->albums_per_artist > MAX_ALBUMS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("At most %u albums per artist can be generated"), MAX_ALBUMS);
      return FALSE;
    }
  if (options->images_min > options->images_max || options->images_max > MAX_IMAGES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Images per artist must be a range within 0 to %u"), MAX_IMAGES);
      return FALSE;
    }
  for (guint i = 0; i < SW_LIBRARY_GENERATOR_NFO_N_VARIANTS; i++)
    {
      if (options->nfo_weights[i] > MAX_WEIGHT)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("An NFO variant weight must be at most %u"), MAX_WEIGHT);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
directory_is_empty (const char  *path,
                    gboolean    *empty,
                    GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, error);

  if (dir == NULL)
    return FALSE;
  *empty = g_dir_read_name (dir) == NULL;
  return TRUE;
}

/* A missing root is created; an existing one must be a directory, and empty unless
 * forced, so a mistyped path cannot scatter artists over somebody's real library. */
static gboolean
prepare_root (const char  *root,
              gboolean     force,
              GError     **error)
{
  gboolean empty = TRUE;

  if (g_file_test (root, G_FILE_TEST_EXISTS))
    {
      if (!g_file_test (root, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                       _("“%s” is not a folder"), root);
          return FALSE;
        }
      if (force)
        return TRUE;
      if (!directory_is_empty (root, &empty, error))
        return FALSE;
      if (!empty)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_EMPTY,
                       _("The folder “%s” is not empty"), root);
          return FALSE;
        }
      return TRUE;
    }

  if (g_mkdir_with_parents (root, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), root, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_mtime (const char  *path,
           gint64       mtime,
           GError     **error)
{
  struct timespec times[2];

  if (mtime <= 0)
    return TRUE;

  times[0].tv_sec = times[1].tv_sec = (time_t) mtime;
  times[0].tv_nsec = times[1].tv_nsec = 0;
  if (utimensat (AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not set the time of “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
make_dir (const char  *path,
          GError     **error)
{
  if (g_mkdir (path, 0755) != 0)
    {
      int saved_errno = errno;

      /* Only reachable with force: an earlier run's folder is written into. */
      if (saved_errno == EEXIST && g_file_test (path, G_FILE_TEST_IS_DIR))
        return TRUE;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* Written through a temporary file and a rename, like every write into a music folder;
 * without an fsync, which a throwaway library does not need, unless it replaces a file. */
static gboolean
write_file (const char    *path,
            gconstpointer  data,
            gsize          size,
            gint64         mtime,
            GError       **error)
{
  if (!g_file_set_contents_full (path, size > 0 ? data : "", (gssize) size,
                                 G_FILE_SET_CONTENTS_CONSISTENT |
                                 G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                 0644, error))
    return FALSE;
  return set_mtime (path, mtime, error);
}

static gboolean
write_albums (Generation         *gen,
              const SwGenArtist  *artist,
              const char         *artist_dir,
              GError            **error)
{
  gint64 mtime = gen->options->mtime;

  for (guint i = 0; i < artist->albums->len; i++)
    {
      const SwGenAlbum *album = g_ptr_array_index (artist->albums, i);
      g_autofree char *dir = g_build_filename (artist_dir, album->folder, NULL);

      if (!make_dir (dir, error))
        return FALSE;

      for (guint t = 0; t < album->tracks->len; t++)
        {
          const char *file = g_ptr_array_index (album->tracks, t);
          g_autofree char *path = g_build_filename (dir, file, NULL);
          gboolean flac = g_str_has_suffix (file, ".flac");

          if (!write_file (path, flac ? flac_bytes : mp3_bytes,
                           flac ? sizeof flac_bytes - 1 : sizeof mp3_bytes - 1, mtime, error))
            return FALSE;
        }

      if (!set_mtime (dir, mtime, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_images (Generation         *gen,
              const SwGenArtist  *artist,
              const char         *artist_dir,
              GError            **error)
{
  for (guint i = 0; i < artist->images->len; i++)
    {
      const SwGenImage *image = g_ptr_array_index (artist->images, i);
      g_autofree char *path = g_build_filename (artist_dir, image->file, NULL);
      g_autoptr(GBytes) bytes = sw_gen_image_cache_encode (gen->images, image, error);
      gsize size = 0;
      gconstpointer data;

      if (bytes == NULL)
        return FALSE;
      data = g_bytes_get_data (bytes, &size);
      if (!write_file (path, data, size, gen->options->mtime, error))
        return FALSE;
    }
  return TRUE;
}

static SwGenArtist *
plan_artist (Generation *gen,
             guint       index)
{
  const SwLibraryGeneratorOptions *options = gen->options;
  g_autoptr(SwGenArtist) artist = g_new0 (SwGenArtist, 1);
  g_autoptr(GRand) name_rand = artist_rand (options->seed, index, SALT_NAME);
  g_autoptr(GRand) album_rand = artist_rand (options->seed, index, SALT_ALBUMS);

  artist->nfo = gen->variants[index];
  artist->custom = g_ptr_array_new ();
  if (gen->special[index] > 0)
    {
      guint s = gen->special[index] - 1u;

      /* Compilation buckets: albums, but no artist metadata or artwork. */
      artist->scan = specials[s].scan;
      artist->name = g_strdup (specials[s].name);
      artist->sort_name = g_strdup (specials[s].name);
      artist->folder = g_strdup (specials[s].name);
      artist->kind = SW_GEN_KIND_GROUP;
      artist->place = "";
    }
  else
    {
      artist->scan = SW_GEN_SCAN_ARTIST;
      sw_gen_pick_name (artist, name_rand, gen->taken);
    }

  sw_gen_plan_albums (artist, album_rand, options->albums_per_artist);

  if (options->write_images && artist->scan == SW_GEN_SCAN_ARTIST)
    {
      g_autoptr(GRand) image_rand = artist_rand (options->seed, index, SALT_IMAGES);

      sw_gen_plan_images (artist, image_rand, options->images_min, options->images_max);
    }
  else
    artist->images = g_ptr_array_new ();

  return g_steal_pointer (&artist);
}

static void
add_manifest_entry (JsonBuilder       *builder,
                    const SwGenArtist *artist)
{
  static const char * const scans[] = { "artist", "skipped", "excluded" };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "folder");
  json_builder_add_string_value (builder, artist->folder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, artist->name);
  json_builder_set_member_name (builder, "scan");
  json_builder_add_string_value (builder, scans[artist->scan]);
  json_builder_set_member_name (builder, "nfo");
  json_builder_add_string_value (builder, nfo_names[artist->nfo]);
  json_builder_set_member_name (builder, "musicbrainz_id");
  if (artist->mbid != NULL)
    json_builder_add_string_value (builder, artist->mbid);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "lockdata");
  json_builder_add_boolean_value (builder, artist->lockdata);

  json_builder_set_member_name (builder, "custom_elements");
  json_builder_begin_array (builder);
  for (guint i = 0; i < artist->custom->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (artist->custom, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "albums");
  json_builder_begin_array (builder);
  for (guint i = 0; i < artist->albums->len; i++)
    {
      const SwGenAlbum *album = g_ptr_array_index (artist->albums, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "folder");
      json_builder_add_string_value (builder, album->folder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, album->title);
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, album->year);
      json_builder_set_member_name (builder, "tracks");
      json_builder_add_int_value (builder, album->tracks->len);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "images");
  json_builder_begin_array (builder);
  for (guint i = 0; i < artist->images->len; i++)
    {
      const SwGenImage *image = g_ptr_array_index (artist->images, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, image->file);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, sw_gen_slot_to_string (image->slot));
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, image->width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, image->height);
      json_builder_set_member_name (builder, "low_res");
      json_builder_add_boolean_value (builder, image->low_res);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static gboolean
generate_artist (Generation  *gen,
                 guint        index,
                 GError     **error)
{
  g_autoptr(SwGenArtist) artist = plan_artist (gen, index);
  g_autoptr(GRand) nfo_rand = artist_rand (gen->options->seed, index, SALT_NFO);
  g_autoptr(GBytes) nfo = sw_gen_nfo_render (artist, nfo_rand);
  g_autofree char *dir = g_build_filename (gen->root, artist->folder, NULL);

  if (!make_dir (dir, error) || !write_albums (gen, artist, dir, error))
    return FALSE;

  if (nfo != NULL)
    {
      g_autofree char *path = g_build_filename (dir, "artist.nfo", NULL);
      gsize size = 0;
      gconstpointer data = g_bytes_get_data (nfo, &size);

      if (!write_file (path, data, size, gen->options->mtime, error))
        return FALSE;
    }

  if (!write_images (gen, artist, dir, error))
    return FALSE;

  /* Last: writing the contents moved the folder's mtime. */
  if (!set_mtime (dir, gen->options->mtime, error))
    return FALSE;

  if (gen->manifest != NULL)
    add_manifest_entry (gen->manifest, artist);
  return TRUE;
}

static SwLibraryGeneratorNfo
pick_variant (const guint *weights,
              guint64      total,
              GRand       *rand)
{
  guint64 roll = (guint64) (g_rand_double (rand) * (double) total);

  for (guint i = 0; i < SW_LIBRARY_GENERATOR_NFO_N_VARIANTS; i++)
    {
      if (roll < weights[i])
        return (SwLibraryGeneratorNfo) i;
      roll -= weights[i];
    }
  return SW_LIBRARY_GENERATOR_NFO_NONE;
}

/* Which folders are compilation buckets, and each artist's NFO variant. Every variant
 * with a weight appears at least once when there are enough artists, so a small
 * library still covers them all. */
static void
plan_library (Generation *gen)
{
  const SwLibraryGeneratorOptions *options = gen->options;
  guint n = options->artists;
  guint n_specials = MIN (G_N_ELEMENTS (specials), n / 40);
  guint32 words[2] = { options->seed, G_MAXUINT32 };
  g_autoptr(GRand) rand = g_rand_new_with_seed_array (words, G_N_ELEMENTS (words));
  guint counts[SW_LIBRARY_GENERATOR_NFO_N_VARIANTS] = { 0, };
  guint64 total = 0;

  for (guint i = 0; i < SW_LIBRARY_GENERATOR_NFO_N_VARIANTS; i++)
    total += gen->weights[i];

  for (guint s = 0; s < n_specials; s++)
    {
      guint at;

      do
        at = (guint) g_rand_int_range (rand, 0, (gint32) n);
      while (gen->special[at] != 0);
      gen->special[at] = (guint8) (s + 1);
    }

  for (guint i = 0; i < n; i++)
    {
      gen->variants[i] = gen->special[i] != 0 ? SW_LIBRARY_GENERATOR_NFO_NONE
                                              : pick_variant (gen->weights, total, rand);
      if (gen->special[i] == 0)
        counts[gen->variants[i]]++;
    }

  for (guint v = 0; v < SW_LIBRARY_GENERATOR_NFO_N_VARIANTS; v++)
    {
      guint start;

      if (gen->weights[v] == 0 || counts[v] > 0 || n == 0)
        continue;

      /* Take the place of an artist whose variant is there more than once. */
      start = (guint) g_rand_int_range (rand, 0, (gint32) n);
      for (guint k = 0; k < n; k++)
        {
          guint i = (start + k) % n;

          if (gen->special[i] == 0 && counts[gen->variants[i]] > 1)
            {
              counts[gen->variants[i]]--;
              gen->variants[i] = (SwLibraryGeneratorNfo) v;
              counts[v]++;
              break;
            }
        }
    }
}

static void
begin_manifest (JsonBuilder                     *builder,
                const SwLibraryGeneratorOptions *options)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "generator");
  json_builder_add_string_value (builder, "stillwater-library-generator");
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, options->seed);
  json_builder_set_member_name (builder, "albums_per_artist");
  json_builder_add_int_value (builder, options->albums_per_artist);
  json_builder_set_member_name (builder, "images_min");
  json_builder_add_int_value (builder, options->images_min);
  json_builder_set_member_name (builder, "images_max");
  json_builder_add_int_value (builder, options->images_max);
  json_builder_set_member_name (builder, "write_images");
  json_builder_add_boolean_value (builder, options->write_images);
  json_builder_set_member_name (builder, "artists");
  json_builder_begin_array (builder);
}

static gboolean
write_manifest (Generation  *gen,
                GError     **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = g_build_filename (gen->root, "manifest.json", NULL);
  g_autofree char *text = NULL;
  gsize length = 0;

  json_builder_end_array (gen->manifest);
  json_builder_end_object (gen->manifest);
  root = json_builder_get_root (gen->manifest);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &length);
  return write_file (path, text, length, gen->options->mtime, error);
}

static void
generation_clear (Generation *gen)
{
  g_clear_pointer (&gen->variants, g_free);
  g_clear_pointer (&gen->special, g_free);
  g_clear_pointer (&gen->taken, g_hash_table_unref);
  g_clear_pointer (&gen->images, sw_gen_image_cache_free);
  g_clear_object (&gen->manifest);
}

/* Artists already written stay when a later one fails or the run is cancelled; the
 * manifest is written only for a complete library. */
gboolean
sw_library_generate (const char                      *root,
                     const SwLibraryGeneratorOptions *options,
                     GCancellable                    *cancellable,
                     GError                         **error)
{
  Generation gen = { 0, };
  gboolean ok = FALSE;
  guint64 total = 0;

  g_return_val_if_fail (root != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*root == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The library folder path is empty"));
      return FALSE;
    }
  if (!check_options (options, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!prepare_root (root, options->force, error))
    return FALSE;

  for (guint i = 0; i < SW_LIBRARY_GENERATOR_NFO_N_VARIANTS; i++)
    total += options->nfo_weights[i];

  gen.root = root;
  gen.options = options;
  gen.weights = total > 0 ? options->nfo_weights : default_weights;
  gen.variants = g_new0 (SwLibraryGeneratorNfo, MAX (options->artists, 1));
  gen.special = g_new0 (guint8, MAX (options->artists, 1));
  gen.taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gen.images = sw_gen_image_cache_new ();
  if (options->write_manifest)
    {
      gen.manifest = json_builder_new ();
      begin_manifest (gen.manifest, options);
    }

  plan_library (&gen);

  for (guint i = 0; i < options->artists; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (!generate_artist (&gen, i, error))
        goto out;
      if (options->progress != NULL)
        options->progress (i + 1, options->artists, options->progress_data);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  if (gen.manifest != NULL && !write_manifest (&gen, error))
    goto out;
  if (!set_mtime (root, options->mtime, error))
    goto out;
  ok = TRUE;

out:
  generation_clear (&gen);
  return ok;
}

/* sw-library-generator.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The artist.nfo an artist folder gets. Each is a shape found in real libraries. */
typedef enum
{
  SW_LIBRARY_GENERATOR_NFO_COMPLETE,        /* every Kodi element, albums, thumbs */
  SW_LIBRARY_GENERATOR_NFO_MINIMAL,         /* <name> only */
  SW_LIBRARY_GENERATOR_NFO_CUSTOM,          /* a few fields plus unknown elements */
  SW_LIBRARY_GENERATOR_NFO_ENTITIES,        /* &amp; and HTML named entities (&eacute;) */
  SW_LIBRARY_GENERATOR_NFO_BOM,             /* a complete file behind a UTF-8 BOM */
  SW_LIBRARY_GENERATOR_NFO_MALFORMED,       /* an unclosed or mismatched tag */
  SW_LIBRARY_GENERATOR_NFO_EMPTY,           /* zero bytes, or only a BOM */
  SW_LIBRARY_GENERATOR_NFO_NONE,            /* no artist.nfo at all */
  SW_LIBRARY_GENERATOR_NFO_N_VARIANTS
} SwLibraryGeneratorNfo;

/* Called on the generating thread after each artist folder is complete. */
typedef void (*SwLibraryGeneratorProgress) (guint    done,
                                            guint    total,
                                            gpointer user_data);

typedef struct
{
  guint artists;              /* folders at the root, including compilation buckets */
  guint32 seed;               /* same seed and options: a byte-identical tree */
  guint albums_per_artist;
  guint images_min;           /* images per artist, chosen evenly in [min, max] */
  guint images_max;
  gboolean write_images;
  gboolean write_manifest;    /* manifest.json at the root */
  gboolean force;             /* write into a directory that is not empty */
  gint64 mtime;               /* > 0: every file and folder gets this mtime (Unix time) */
  /* Relative weights; all zero means the default mix. */
  guint nfo_weights[SW_LIBRARY_GENERATOR_NFO_N_VARIANTS];
  SwLibraryGeneratorProgress progress;
  gpointer progress_data;
} SwLibraryGeneratorOptions;

void        sw_library_generator_options_init   (SwLibraryGeneratorOptions *options);

const char *sw_library_generator_nfo_to_string  (SwLibraryGeneratorNfo      variant);
gboolean    sw_library_generator_nfo_from_string (const char                *text,
                                                  SwLibraryGeneratorNfo     *variant);

/* Writes the library into @root (created if missing; refused with
 * G_IO_ERROR_NOT_EMPTY if it has entries and options->force is unset) and, with
 * write_manifest, manifest.json at the root: per folder the name a scan should end
 * with, "artist"/"skipped"/"excluded", the NFO variant, its MusicBrainz id, lockdata,
 * unknown elements, albums, and images with size and low-res flag. Bad options are
 * refused before anything is created. A cancelled or failed run keeps the artists
 * written so far and writes no manifest. */
gboolean    sw_library_generate                 (const char                      *root,
                                                 const SwLibraryGeneratorOptions *options,
                                                 GCancellable                    *cancellable,
                                                 GError                         **error);

G_END_DECLS

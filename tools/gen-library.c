/* gen-library.c — writes a synthetic music library for tests and benchmarks
 *
 *   gen-library [--artists N] [--seed S] [--albums N] [--images MIN-MAX]
 *               [--no-images] [--no-manifest] [--nfo VARIANT=WEIGHT,…]
 *               [--mtime UNIX-TIME] [--force] DIRECTORY
 *
 * A developer tool, not installed; its messages are not translated.
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "sw-library-generator.h"

#define EXIT_USAGE 2

typedef struct
{
  gboolean show;
  guint last;
} Progress;

static gboolean
parse_uint (const char  *option,
            const char  *text,
            guint64      max,
            guint64     *out,
            GError     **error)
{
  if (!g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s wants a whole number from 0 to %" G_GUINT64_FORMAT ", not “%s”",
                   option, max, text);
      return FALSE;
    }
  return TRUE;
}

/* "2-4", or "3" for exactly three. */
static gboolean
parse_images (const char                 *text,
              SwLibraryGeneratorOptions  *options,
              GError                    **error)
{
  g_auto(GStrv) parts = g_strsplit (text, "-", 2);
  guint64 min = 0;
  guint64 max = 0;

  if (!parse_uint ("--images", parts[0], G_MAXUINT, &min, error))
    return FALSE;
  if (parts[1] == NULL)
    max = min;
  else if (!parse_uint ("--images", parts[1], G_MAXUINT, &max, error))
    return FALSE;

  options->images_min = (guint) min;
  options->images_max = (guint) max;
  return TRUE;
}

/* "complete=3,none=1": variants not named get weight 0. */
static gboolean
parse_nfo_mix (const char                 *text,
               SwLibraryGeneratorOptions  *options,
               GError                    **error)
{
  g_auto(GStrv) items = g_strsplit (text, ",", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (items[i], "=", 2);
      SwLibraryGeneratorNfo variant;
      guint64 weight = 1;

      if (!sw_library_generator_nfo_from_string (g_strstrip (pair[0]), &variant))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--nfo: unknown variant “%s” (complete, minimal, custom, entities, "
                       "bom, malformed, empty, none)", pair[0]);
          return FALSE;
        }
      if (pair[1] != NULL && !parse_uint ("--nfo", g_strstrip (pair[1]), G_MAXUINT, &weight, error))
        return FALSE;
      options->nfo_weights[variant] = (guint) weight;
    }
  return TRUE;
}

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;

  if (!progress->show || (done != total && done - progress->last < 250))
    return;
  progress->last = done;
  fprintf (stderr, "\r%u/%u artists", done, total);
  if (done == total)
    fputc ('\n', stderr);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *artists = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *albums = NULL;
  g_autofree char *images = NULL;
  g_autofree char *nfo = NULL;
  g_autofree char *mtime = NULL;
  g_auto(GStrv) targets = NULL;
  gboolean no_images = FALSE;
  gboolean no_manifest = FALSE;
  gboolean force = FALSE;
  gboolean quiet = FALSE;
  GOptionEntry entries[] = {
    { "artists", 'n', 0, G_OPTION_ARG_STRING, &artists,
      "Artist folders to write, compilation folders included (default 100)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed,
      "Seed: the same seed and options write the same bytes (default 1)", "S" },
    { "albums", 0, 0, G_OPTION_ARG_STRING, &albums, "Albums per artist (default 3)", "N" },
    { "images", 0, 0, G_OPTION_ARG_STRING, &images,
      "Images per artist (default 2-4)", "MIN-MAX" },
    { "no-images", 0, 0, G_OPTION_ARG_NONE, &no_images, "Write no artist images", NULL },
    { "no-manifest", 0, 0, G_OPTION_ARG_NONE, &no_manifest, "Write no manifest.json", NULL },
    { "nfo", 0, 0, G_OPTION_ARG_STRING, &nfo,
      "artist.nfo variant weights, e.g. complete=3,none=1", "VARIANT=WEIGHT,…" },
    { "mtime", 0, 0, G_OPTION_ARG_STRING, &mtime,
      "Give every file and folder this modification time", "UNIX-TIME" },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      "Write into a directory that is not empty", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Print nothing but errors", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &targets, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIRECTORY");
  g_autoptr(GError) error = NULL;
  SwLibraryGeneratorOptions options;
  Progress progress = { FALSE, 0 };
  guint64 value = 0;
  gint64 started;

  setlocale (LC_ALL, "");
  sw_library_generator_options_init (&options);

  g_option_context_set_summary (context,
                                "Writes a synthetic music library (artist folders, albums, "
                                "artist.nfo variants, images) and a manifest.json describing "
                                "what a scanner should find.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto usage;

  if (targets == NULL || targets[0] == NULL || targets[1] != NULL)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "give exactly one target directory");
      goto usage;
    }

  if (artists != NULL)
    {
      if (!parse_uint ("--artists", artists, G_MAXUINT, &value, &error))
        goto usage;
      options.artists = (guint) value;
    }
  if (seed != NULL)
    {
      if (!parse_uint ("--seed", seed, G_MAXUINT32, &value, &error))
        goto usage;
      options.seed = (guint32) value;
    }
  if (albums != NULL)
    {
      if (!parse_uint ("--albums", albums, G_MAXUINT, &value, &error))
        goto usage;
      options.albums_per_artist = (guint) value;
    }
  if (images != NULL && !parse_images (images, &options, &error))
    goto usage;
  if (nfo != NULL && !parse_nfo_mix (nfo, &options, &error))
    goto usage;
  if (mtime != NULL)
    {
      if (!parse_uint ("--mtime", mtime, G_MAXINT32, &value, &error))
        goto usage;
      options.mtime = (gint64) value;
    }
  options.write_images = !no_images;
  options.write_manifest = !no_manifest;
  options.force = force;

  progress.show = !quiet && isatty (STDERR_FILENO);
  options.progress = on_progress;
  options.progress_data = &progress;

  started = g_get_monotonic_time ();
  if (!sw_library_generate (targets[0], &options, NULL, &error))
    {
      if (progress.show && progress.last > 0)
        fputc ('\n', stderr);
      fprintf (stderr, "gen-library: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (!quiet)
    printf ("Wrote %u artists to %s in %.2f s\n", options.artists, targets[0],
            (double) (g_get_monotonic_time () - started) / G_USEC_PER_SEC);
  return EXIT_SUCCESS;

usage:
  fprintf (stderr, "gen-library: %s\nTry “gen-library --help”.\n", error->message);
  return EXIT_USAGE;
}

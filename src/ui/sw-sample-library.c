/* sw-sample-library.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-library-generator.h"
#include "sw-sample-library.h"

/* Enough artists to scroll and search, few enough to be written in about a second. */
#define SAMPLE_ARTISTS 40
#define SAMPLE_SEED    1973

static void
create_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const char *root = task_data;
  g_autofree char *manifest = g_build_filename (root, "manifest.json", NULL);
  SwLibraryGeneratorOptions options;
  GError *error = NULL;

  if (g_file_test (manifest, G_FILE_TEST_EXISTS))
    {
      g_task_return_pointer (task, g_strdup (root), g_free);
      return;
    }

  sw_library_generator_options_init (&options);
  options.artists = SAMPLE_ARTISTS;
  options.seed = SAMPLE_SEED;
  options.albums_per_artist = 2;
  options.images_min = 2;
  options.images_max = 4;
  options.write_images = TRUE;
  options.write_manifest = TRUE;
  /* Mostly complete files, so the sample shows what a good library looks like, with a
   * few of the gaps Stillwater is there to fill. */
  options.nfo_weights[SW_LIBRARY_GENERATOR_NFO_COMPLETE] = 6;
  options.nfo_weights[SW_LIBRARY_GENERATOR_NFO_CUSTOM] = 1;
  options.nfo_weights[SW_LIBRARY_GENERATOR_NFO_MINIMAL] = 1;
  options.nfo_weights[SW_LIBRARY_GENERATOR_NFO_NONE] = 1;

  if (!sw_library_generate (root, &options, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_strdup (root), g_free);
}

void
sw_sample_library_create_async (GObject             *source_object,
                                const char          *root,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (root != NULL);

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, sw_sample_library_create_async);
  g_task_set_task_data (task, g_strdup (root), g_free);
  g_task_run_in_thread (task, create_in_thread);
}

char *
sw_sample_library_create_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sw_sample_library_create_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

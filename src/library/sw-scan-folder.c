/* sw-scan-folder.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sw-image-naming.h"
#include "sw-image-probe.h"
#include "sw-scan-folder.h"

#define NFO_NAME "artist.nfo"

static void
scan_image_free (SwScanImage *image)
{
  g_free (image->file_name);
  g_free (image->format);
  g_free (image->content_hash);
  g_free (image);
}

void
sw_scan_folder_free (SwScanFolder *folder)
{
  if (folder == NULL)
    return;

  g_free (folder->path);
  g_free (folder->dir_name);
  g_clear_pointer (&folder->nfo, sw_nfo_free);
  g_free (folder->nfo_error);
  g_free (folder->nfo_hash);
  g_clear_pointer (&folder->images, g_ptr_array_unref);
  g_free (folder);
}

/* The folder's entries (plain names), or NULL when it cannot be listed. */
static GPtrArray *
list_names (const char  *path,
            GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, error);
  GPtrArray *names;
  const char *name;

  if (dir == NULL)
    return NULL;

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (names, NULL);
  return names;
}

static const char *
find_nfo (GPtrArray *names)
{
  for (guint i = 0; names->pdata[i] != NULL; i++)
    if (g_ascii_strcasecmp (names->pdata[i], NFO_NAME) == 0)
      return names->pdata[i];
  return NULL;
}

static gboolean
modified_since (const char *folder,
                const char *name,
                gint64      since_us)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return TRUE;
  return (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000 > since_us;
}

/* Replacing a file's contents in place does not touch its folder's time on POSIX, so
 * the files that matter are looked at too. */
gboolean
sw_scan_folder_unchanged (const char              *path,
                          const SwPlatformProfile *profile,
                          gint64                   last_scanned_us)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) images = NULL;
  const char *nfo;
  GStatBuf st;

  if (last_scanned_us <= 0 || g_stat (path, &st) != 0 ||
      (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000 > last_scanned_us)
    return FALSE;

  names = list_names (path, NULL);
  if (names == NULL)
    return FALSE;

  nfo = find_nfo (names);
  if (nfo != NULL && modified_since (path, nfo, last_scanned_us))
    return FALSE;

  images = sw_image_naming_match (profile, (const char * const *) names->pdata);
  for (guint i = 0; i < images->len; i++)
    if (modified_since (path, ((SwImageFile *) images->pdata[i])->file_name, last_scanned_us))
      return FALSE;

  return TRUE;
}

static SwScanImage *
read_image (const char  *folder,
            SwImageFile *file)
{
  g_autofree char *path = g_build_filename (folder, file->file_name, NULL);
  SwScanImage *image = g_new0 (SwScanImage, 1);
  SwImageProbe probe = { 0 };
  GStatBuf st;

  image->slot = file->slot;
  image->index = file->index;
  image->file_name = g_strdup (file->file_name);
  if (g_stat (path, &st) == 0)
    image->size = st.st_size;

  /* An unreadable header still counts as a file in the slot, of unknown size. */
  if (sw_image_probe_file (path, &probe, NULL))
    {
      image->width = probe.width;
      image->height = probe.height;
      image->low_res = sw_image_is_low_res (file->slot, probe.width, probe.height);
    }
  image->format = g_strdup (probe.format != SW_IMAGE_FORMAT_UNKNOWN
                            ? sw_image_format_to_string (probe.format) : "");
  image->content_hash = sw_image_content_hash (path, NULL);
  if (image->content_hash == NULL)
    image->content_hash = g_strdup ("");
  return image;
}

SwScanFolder *
sw_scan_folder_read (const char              *path,
                     const SwPlatformProfile *profile,
                     GError                 **error)
{
  g_autoptr(SwScanFolder) folder = g_new0 (SwScanFolder, 1);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) files = NULL;
  const char *nfo;
  GStatBuf st;

  folder->read_at_us = g_get_real_time ();
  names = list_names (path, error);
  if (names == NULL)
    return NULL;

  folder->path = g_strdup (path);
  folder->dir_name = g_path_get_basename (path);
  if (g_stat (path, &st) == 0)
    folder->mtime_us = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;

  nfo = find_nfo (names);
  if (nfo != NULL)
    {
      g_autofree char *nfo_path = g_build_filename (path, nfo, NULL);
      g_autoptr(GError) nfo_error = NULL;

      folder->nfo_exists = TRUE;
      folder->nfo = sw_nfo_load_full (nfo_path, &folder->nfo_hash, &folder->nfo_mtime_us,
                                      &nfo_error);
      if (folder->nfo == NULL)
        folder->nfo_error = g_strdup (nfo_error->message);
    }

  folder->images = g_ptr_array_new_with_free_func ((GDestroyNotify) scan_image_free);
  files = sw_image_naming_match (profile, (const char * const *) names->pdata);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (folder->images, read_image (path, files->pdata[i]));

  return g_steal_pointer (&folder);
}

/* sw-image-folder.c
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
#include <stdlib.h>
#include <unistd.h>

#include "sw-image-folder.h"

/* "Could not <verb> “<name>”: <reason>" from errno. */
static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *action,
                 const char  *name)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s “%s”: %s", action,
               name, g_strerror (saved_errno));
  return FALSE;
}

gboolean
sw_image_folder_name_is_safe (const char *file_name)
{
  return file_name != NULL && *file_name != '\0' &&
         strchr (file_name, '/') == NULL &&
         strstr (file_name, "..") == NULL &&
         strcmp (file_name, ".") != 0;
}

static gboolean
check_name (const char  *file_name,
            GError     **error)
{
  if (sw_image_folder_name_is_safe (file_name))
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                       _("An image file name must be a plain name inside the artist folder"));
  return FALSE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char **
sw_image_folder_list (const char  *folder,
                      GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_val_if_fail (folder != NULL, NULL);

  dir = g_dir_open (folder, 0, error);
  if (dir == NULL)
    return NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* The folder and the file with every link resolved; the file's directory must be the
 * folder, so neither "../" nor a link pointing elsewhere leaves it. */
static char *
resolve_inside (const char  *folder,
                const char  *file_name,
                GError     **error)
{
  g_autofree char *real_folder = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *real_file = NULL;
  g_autofree char *parent = NULL;

  if (!check_name (file_name, error))
    return NULL;

  real_folder = realpath (folder, NULL);
  if (real_folder == NULL)
    {
      int saved_errno = errno;

      set_errno_error (error, saved_errno, _("Could not open the folder"), folder);
      return NULL;
    }

  joined = g_build_filename (real_folder, file_name, NULL);
  real_file = realpath (joined, NULL);
  if (real_file == NULL)
    {
      int saved_errno = errno;

      set_errno_error (error, saved_errno, _("Could not open"), file_name);
      return NULL;
    }

  parent = g_path_get_dirname (real_file);
  if (strcmp (parent, real_folder) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("“%s” leads outside the artist folder"), file_name);
      return NULL;
    }
  return g_steal_pointer (&real_file);
}

int
sw_image_folder_open (const char   *folder,
                      const char   *file_name,
                      struct stat  *st,
                      GError      **error)
{
  g_autofree char *path = NULL;
  struct stat local;
  int fd;

  g_return_val_if_fail (folder != NULL, -1);

  path = resolve_inside (folder, file_name, error);
  if (path == NULL)
    return -1;

  /* O_NOFOLLOW: the resolved path has no link left, so one appearing now is refused;
   * O_NONBLOCK: a FIFO planted under an image name must not hang the caller. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      set_errno_error (error, saved_errno, _("Could not open"), file_name);
      return -1;
    }

  if (st == NULL)
    st = &local;
  if (fstat (fd, st) != 0)
    {
      int saved_errno = errno;

      set_errno_error (error, saved_errno, _("Could not open"), file_name);
      close (fd);
      return -1;
    }
  if (!S_ISREG (st->st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file"), file_name);
      close (fd);
      return -1;
    }
  return fd;
}

gboolean
sw_image_folder_remove (const char  *folder,
                        const char  *file_name,
                        GError     **error)
{
  g_autofree char *real_folder = NULL;
  g_autofree char *path = NULL;
  GStatBuf st;

  g_return_val_if_fail (folder != NULL, FALSE);

  if (!check_name (file_name, error))
    return FALSE;

  real_folder = realpath (folder, NULL);
  if (real_folder == NULL)
    {
      int saved_errno = errno;

      return set_errno_error (error, saved_errno, _("Could not open the folder"), folder);
    }

  /* The name itself, not what it links to: a plain name has no '/' to follow. */
  path = g_build_filename (real_folder, file_name, NULL);
  if (g_lstat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return TRUE;
      return set_errno_error (error, saved_errno, _("Could not remove"), file_name);
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder, not an image"), file_name);
      return FALSE;
    }
  if (g_unlink (path) != 0)
    {
      int saved_errno = errno;

      if (saved_errno != ENOENT)
        return set_errno_error (error, saved_errno, _("Could not remove"), file_name);
    }
  return TRUE;
}

/* sw-data-dir.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sw-data-dir.h"

char *
sw_data_dir_default (void)
{
  return g_build_filename (g_get_user_data_dir (), "stillwater", NULL);
}

/* The data dir holds the database, credentials fallback and logs, so a directory we
 * create is private (0700). An existing one is left as the user set it up. */
gboolean
sw_data_dir_ensure (const char  *path,
                    GError     **error)
{
  g_autofree char *parent = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*path == '\0')
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                           _("The data directory path is empty"));
      return FALSE;
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (g_access (path, R_OK | W_OK | X_OK) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("The data directory “%s” is not writable: %s"),
                       path, g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR,
                   _("The data directory “%s” exists but is not a directory"), path);
      return FALSE;
    }

  /* Parents are created with the usual permissions; only the data dir is private. */
  parent = g_path_get_dirname (path);
  if (g_mkdir_with_parents (parent, 0755) != 0 || g_mkdir (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the data directory “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  /* mkdir honours the umask; make sure the result is exactly 0700. */
  if (g_chmod (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not restrict the data directory “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

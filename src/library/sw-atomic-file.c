/* sw-atomic-file.c
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
#include <sys/stat.h>
#include <unistd.h>

#include "sw-atomic-file.h"

/* Random names collide only when a crash left temporaries behind; a few tries are
 * plenty, and a directory that refuses every one has another problem. */
#define MAX_TEMP_ATTEMPTS 16

static gboolean
set_file_error (GError     **error,
                int          saved_errno,
                const char  *message)
{
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), message);
  return FALSE;
}

/* Opens a new, hidden temporary file next to the target. Hidden, so a media server or
 * our own scanner that looks at the folder meanwhile does not pick it up. */
static int
create_temp (const char  *dir,
             const char  *base,
             char       **temp_path,
             GError     **error)
{
  int saved_errno = EEXIST;

  for (guint attempt = 0; attempt < MAX_TEMP_ATTEMPTS; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x.tmp", base, g_random_int ());
      g_autofree char *path = g_build_filename (dir, name, NULL);
      int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);

      if (fd >= 0)
        {
          *temp_path = g_steal_pointer (&path);
          return fd;
        }
      saved_errno = errno;
      if (saved_errno != EEXIST)
        break;
    }

  {
    g_autofree char *message = g_strdup_printf (_("Could not create a temporary file in “%s”: %s"),
                                                dir, g_strerror (saved_errno));

    set_file_error (error, saved_errno, message);
  }
  return -1;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           int         *saved_errno)
{
  while (length > 0)
    {
      gssize written = write (fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }
      data += written;
      length -= written;
    }
  return TRUE;
}

/* The rename is only durable once the directory entry is. Some file systems cannot
 * sync a directory (EINVAL); by then the new content is in place either way. */
static void
sync_directory (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    {
      g_debug ("Could not open %s to sync it: %s", dir, g_strerror (errno));
      return;
    }
  if (fsync (fd) != 0 && errno != EINVAL)
    g_warning ("Could not sync the directory %s: %s", dir, g_strerror (errno));
  close (fd);
}

gboolean
sw_atomic_file_write (const char  *path,
                      const void  *data,
                      gsize        length,
                      GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp_path = NULL;
  g_autofree char *message = NULL;
  mode_t mode = 0644;
  struct stat st;
  int saved_errno = 0;
  int fd;

  g_return_val_if_fail (path != NULL && path[0] != '\0', FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stat (path, &st) == 0)
    {
      if (!S_ISREG (st.st_mode))
        {
          message = g_strdup_printf (_("“%s” is not a regular file"), path);
          return set_file_error (error, S_ISDIR (st.st_mode) ? EISDIR : EINVAL, message);
        }
      mode = st.st_mode & 07777;
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  fd = create_temp (dir, base, &temp_path, error);
  if (fd < 0)
    return FALSE;

  /* open() applied the umask; the file gets exactly the mode it is replacing. */
  if (write_all (fd, data, length, &saved_errno))
    {
      if (fchmod (fd, mode) != 0 || fsync (fd) != 0)
        saved_errno = errno;
    }
  if (saved_errno != 0)
    {
      message = g_strdup_printf (_("Could not write “%s”: %s"), temp_path,
                                 g_strerror (saved_errno));
      close (fd);
      g_unlink (temp_path);
      return set_file_error (error, saved_errno, message);
    }

  /* close() reports write-back errors on some file systems (NFS). */
  if (close (fd) != 0)
    {
      saved_errno = errno;
      message = g_strdup_printf (_("Could not write “%s”: %s"), temp_path,
                                 g_strerror (saved_errno));
      g_unlink (temp_path);
      return set_file_error (error, saved_errno, message);
    }

  if (rename (temp_path, path) != 0)
    {
      saved_errno = errno;
      message = g_strdup_printf (_("Could not replace “%s”: %s"), path,
                                 g_strerror (saved_errno));
      g_unlink (temp_path);
      return set_file_error (error, saved_errno, message);
    }

  sync_directory (dir);
  return TRUE;
}

gboolean
sw_file_fingerprint (const char  *path,
                     char       **sha256_hex,
                     gint64      *mtime_us,
                     GError     **error)
{
  g_autoptr(GChecksum) checksum = NULL;
  g_autofree char *message = NULL;
  struct stat st;
  guint8 buffer[64 * 1024];
  int saved_errno;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      saved_errno = errno;
      message = g_strdup_printf (_("Could not open “%s”: %s"), path, g_strerror (saved_errno));
      return set_file_error (error, saved_errno, message);
    }

  if (fstat (fd, &st) != 0)
    saved_errno = errno;
  else if (!S_ISREG (st.st_mode))
    saved_errno = S_ISDIR (st.st_mode) ? EISDIR : EINVAL;
  else
    saved_errno = 0;
  if (saved_errno != 0)
    {
      message = g_strdup_printf (_("“%s” is not a regular file"), path);
      close (fd);
      return set_file_error (error, saved_errno, message);
    }

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  for (;;)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n == 0)
        break;
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          saved_errno = errno;
          message = g_strdup_printf (_("Could not read “%s”: %s"), path,
                                     g_strerror (saved_errno));
          close (fd);
          return set_file_error (error, saved_errno, message);
        }
      g_checksum_update (checksum, buffer, n);
    }
  close (fd);

  if (sha256_hex != NULL)
    *sha256_hex = g_strdup (g_checksum_get_string (checksum));
  if (mtime_us != NULL)
    *mtime_us = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
  return TRUE;
}

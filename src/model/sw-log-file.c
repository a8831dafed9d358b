/* sw-log-file.c
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
#include <string.h>
#include <unistd.h>

#include "sw-log-private.h"

/* "YYYY-MM-DDTHH-MM-SS.mmm": the rotation time in UTC, in a form every file system takes. */
#define STAMP_LENGTH 23

struct _SwLogFile
{
  char *path;
  char *dir;
  char *name;                   /* the current file's name */
  char *stem;                   /* name without its extension … */
  char *ext;                    /* … and the extension, with its dot ("" if none) */
  int fd;
  gint64 size;
  gint64 max_size;
  guint max_files;
  guint max_age_days;
  gint64 last_rotated_ms;       /* the newest rotated file's time */
};

typedef struct
{
  char *name;
  gint64 time_us;               /* from the name */
} Rotated;

static void
rotated_free (gpointer data)
{
  Rotated *rotated = data;

  g_free (rotated->name);
  g_free (rotated);
}

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what,
                 const char  *path)
{
  g_set_error (error, SW_LOG_ERROR, SW_LOG_ERROR_FAILED, "%s %s: %s", what, path,
               g_strerror (saved_errno));
}

static gboolean
open_current (SwLogFile  *self,
              GError    **error)
{
  GStatBuf info;

  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      set_errno_error (error, errno, _("Cannot create the log directory"), self->dir);
      return FALSE;
    }

  /* Logs can name users and paths: readable by the owner only. */
  self->fd = g_open (self->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (self->fd < 0)
    {
      set_errno_error (error, errno, _("Cannot open the log file"), self->path);
      return FALSE;
    }

  self->size = fstat (self->fd, &info) == 0 ? info.st_size : 0;
  return TRUE;
}

static void
close_current (SwLogFile *self)
{
  if (self->fd >= 0)
    g_close (self->fd, NULL);
  self->fd = -1;
}

/* Rotated names ------------------------------------------------------------------------------ */

static gboolean
read_digits (const char *text,
             guint       count,
             int        *out)
{
  int value = 0;

  for (guint i = 0; i < count; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + g_ascii_digit_value (text[i]);
    }

  *out = value;
  return TRUE;
}

static gboolean
parse_stamp (const char *stamp,
             gint64     *time_us)
{
  g_autoptr(GDateTime) time = NULL;
  int year, month, day, hour, minute, second, millis;

  if (!read_digits (stamp, 4, &year) || stamp[4] != '-' ||
      !read_digits (stamp + 5, 2, &month) || stamp[7] != '-' ||
      !read_digits (stamp + 8, 2, &day) || stamp[10] != 'T' ||
      !read_digits (stamp + 11, 2, &hour) || stamp[13] != '-' ||
      !read_digits (stamp + 14, 2, &minute) || stamp[16] != '-' ||
      !read_digits (stamp + 17, 2, &second) || stamp[19] != '.' ||
      !read_digits (stamp + 20, 3, &millis))
    return FALSE;

  time = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (time == NULL)
    return FALSE;

  *time_us = g_date_time_to_unix (time) * G_USEC_PER_SEC + millis * 1000;
  return TRUE;
}

/* Whether @name is "<stem>-<stamp><ext>"; its time when it is. */
static gboolean
is_rotated_name (SwLogFile  *self,
                 const char *name,
                 gint64     *time_us)
{
  gsize stem_length = strlen (self->stem);
  gsize ext_length = strlen (self->ext);
  gsize length = strlen (name);
  g_autofree char *stamp = NULL;

  if (length != stem_length + 1 + STAMP_LENGTH + ext_length ||
      strncmp (name, self->stem, stem_length) != 0 || name[stem_length] != '-' ||
      strcmp (name + length - ext_length, self->ext) != 0)
    return FALSE;

  stamp = g_strndup (name + stem_length + 1, STAMP_LENGTH);
  return parse_stamp (stamp, time_us);
}

static char *
rotated_name (SwLogFile *self,
              gint64     time_ms)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (time_ms / 1000);
  g_autofree char *stamp = g_date_time_format (time, "%Y-%m-%dT%H-%M-%S");

  return g_strdup_printf ("%s-%s.%03d%s", self->stem, stamp, (int) (time_ms % 1000), self->ext);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const Rotated *first = *(Rotated * const *) a;
  const Rotated *second = *(Rotated * const *) b;

  if (first->time_us != second->time_us)
    return first->time_us > second->time_us ? -1 : 1;
  return strcmp (second->name, first->name);
}

/* The rotated set, newest first. */
static GPtrArray *
list_rotated (SwLogFile  *self,
              GError    **error)
{
  g_autoptr(GPtrArray) rotated = g_ptr_array_new_with_free_func (rotated_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  dir = g_dir_open (self->dir, 0, &local_error);
  if (dir == NULL)
    {
      g_set_error (error, SW_LOG_ERROR, SW_LOG_ERROR_FAILED, "%s", local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gint64 time_us;

      if (is_rotated_name (self, name, &time_us))
        {
          Rotated *item = g_new0 (Rotated, 1);

          item->name = g_strdup (name);
          item->time_us = time_us;
          g_ptr_array_add (rotated, item);
        }
    }

  g_ptr_array_sort (rotated, compare_newest_first);
  return g_steal_pointer (&rotated);
}

/* Deletes rotated files beyond the count or older than the age limit. Failures are left
 * for the next pass: there is nowhere to report them from inside the log writer. */
static void
prune (SwLogFile *self)
{
  g_autoptr(GPtrArray) rotated = NULL;
  gint64 oldest = G_MININT64;

  if (self->max_files == 0 && self->max_age_days == 0)
    return;

  rotated = list_rotated (self, NULL);
  if (rotated == NULL)
    return;

  if (self->max_age_days > 0)
    oldest = g_get_real_time () - (gint64) self->max_age_days * 24 * 3600 * G_USEC_PER_SEC;

  for (guint i = 0; i < rotated->len; i++)
    {
      Rotated *item = g_ptr_array_index (rotated, i);

      if ((self->max_files > 0 && i >= self->max_files) || item->time_us < oldest)
        {
          g_autofree char *path = g_build_filename (self->dir, item->name, NULL);

          g_unlink (path);
        }
    }
}

static gboolean
rotate (SwLogFile  *self,
        GError    **error)
{
  gint64 time_ms = g_get_real_time () / 1000;
  g_autofree char *target = NULL;

  /* Names must sort in rotation order, or pruning would take the wrong file: a second
   * rotation within a millisecond (or after the clock stepped back) takes the next one. */
  time_ms = MAX (time_ms, self->last_rotated_ms + 1);
  for (;;)
    {
      g_autofree char *name = rotated_name (self, time_ms);

      g_free (target);
      target = g_build_filename (self->dir, name, NULL);
      if (!g_file_test (target, G_FILE_TEST_EXISTS))
        break;
      time_ms++;
    }

  close_current (self);
  if (g_rename (self->path, target) != 0)
    {
      int saved_errno = errno;

      /* Keep writing to the current file rather than lose messages. */
      if (open_current (self, error))
        set_errno_error (error, saved_errno, _("Cannot rotate the log file"), self->path);
      return FALSE;
    }

  self->last_rotated_ms = time_ms;
  if (!open_current (self, error))
    return FALSE;

  prune (self);
  return TRUE;
}

/* Public ------------------------------------------------------------------------------------ */

SwLogFile *
sw_log_file_open (const char  *path,
                  gint64       max_size,
                  guint        max_files,
                  guint        max_age_days,
                  GError     **error)
{
  g_autoptr(SwLogFile) self = g_new0 (SwLogFile, 1);
  g_autoptr(GPtrArray) rotated = NULL;
  const char *dot;

  g_return_val_if_fail (path != NULL && path[0] != '\0', NULL);

  self->fd = -1;
  self->path = g_strdup (path);
  self->dir = g_path_get_dirname (path);
  self->name = g_path_get_basename (path);
  dot = strrchr (self->name, '.');
  if (dot != NULL && dot != self->name)
    {
      self->stem = g_strndup (self->name, dot - self->name);
      self->ext = g_strdup (dot);
    }
  else
    {
      self->stem = g_strdup (self->name);
      self->ext = g_strdup ("");
    }
  self->max_size = MAX (max_size, 0);
  self->max_files = max_files;
  self->max_age_days = max_age_days;

  if (strcmp (self->name, G_DIR_SEPARATOR_S) == 0 || strcmp (self->name, ".") == 0 ||
      g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SW_LOG_ERROR, SW_LOG_ERROR_FAILED,
                   _("The log file %s is a directory"), path);
      return NULL;
    }

  if (!open_current (self, error))
    return NULL;

  rotated = list_rotated (self, NULL);
  if (rotated != NULL && rotated->len > 0)
    self->last_rotated_ms = ((Rotated *) g_ptr_array_index (rotated, 0))->time_us / 1000;

  prune (self);
  return g_steal_pointer (&self);
}

void
sw_log_file_free (SwLogFile *self)
{
  if (self == NULL)
    return;

  close_current (self);
  g_free (self->path);
  g_free (self->dir);
  g_free (self->name);
  g_free (self->stem);
  g_free (self->ext);
  g_free (self);
}

const char *
sw_log_file_get_path (SwLogFile *self)
{
  return self->path;
}

void
sw_log_file_set_limits (SwLogFile *self,
                        gint64     max_size,
                        guint      max_files,
                        guint      max_age_days)
{
  gboolean changed = self->max_files != max_files || self->max_age_days != max_age_days;

  self->max_size = MAX (max_size, 0);
  self->max_files = max_files;
  self->max_age_days = max_age_days;
  if (changed)
    prune (self);
}

gboolean
sw_log_file_write (SwLogFile   *self,
                   const char  *data,
                   gsize        length,
                   GError     **error)
{
  gsize written = 0;

  if (self->max_size > 0 && self->size > 0 && self->size + (gint64) length > self->max_size)
    {
      g_autoptr(GError) rotate_error = NULL;

      /* A failed rotation keeps the current file open; the line is still written. */
      if (!rotate (self, &rotate_error) && self->fd < 0)
        {
          g_propagate_error (error, g_steal_pointer (&rotate_error));
          return FALSE;
        }
    }

  if (self->fd < 0 && !open_current (self, error))
    return FALSE;

  while (written < length)
    {
      gssize n = write (self->fd, data + written, length - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          set_errno_error (error, n < 0 ? errno : ENOSPC, _("Cannot write the log file"),
                           self->path);
          return FALSE;
        }
      written += n;
    }

  self->size += written;
  return TRUE;
}

static SwLogFileInfo *
file_info (SwLogFile  *self,
           const char *name,
           gboolean    is_current)
{
  g_autofree char *path = g_build_filename (self->dir, name, NULL);
  SwLogFileInfo *info;
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return NULL;

  info = g_new0 (SwLogFileInfo, 1);
  info->name = g_strdup (name);
  info->size = buf.st_size;
  info->mod_time = buf.st_mtime;
  info->is_current = is_current;
  return info;
}

GPtrArray *
sw_log_file_list (SwLogFile  *self,
                  GError    **error)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) rotated = NULL;
  SwLogFileInfo *info;

  rotated = list_rotated (self, error);
  if (rotated == NULL)
    return NULL;

  files = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_log_file_info_free);
  info = file_info (self, self->name, TRUE);
  if (info != NULL)
    g_ptr_array_add (files, info);

  /* A file that vanished between listing and stat() is simply not listed. */
  for (guint i = 0; i < rotated->len; i++)
    {
      Rotated *item = g_ptr_array_index (rotated, i);

      info = file_info (self, item->name, FALSE);
      if (info != NULL)
        g_ptr_array_add (files, info);
    }

  return g_steal_pointer (&files);
}

gboolean
sw_log_file_delete_rotated (SwLogFile  *self,
                            guint      *deleted,
                            guint64    *bytes_freed,
                            GError    **error)
{
  g_autoptr(GPtrArray) rotated = NULL;
  g_autoptr(GError) first_error = NULL;

  *deleted = 0;
  *bytes_freed = 0;

  rotated = list_rotated (self, error);
  if (rotated == NULL)
    return FALSE;

  for (guint i = 0; i < rotated->len; i++)
    {
      Rotated *item = g_ptr_array_index (rotated, i);
      g_autofree char *path = g_build_filename (self->dir, item->name, NULL);
      GStatBuf buf;
      gint64 size = g_stat (path, &buf) == 0 ? buf.st_size : 0;

      if (g_unlink (path) != 0)
        {
          if (errno != ENOENT && first_error == NULL)
            set_errno_error (&first_error, errno, _("Cannot delete the log file"), path);
          continue;
        }

      (*deleted)++;
      *bytes_freed += size;
    }

  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }

  return TRUE;
}

int
sw_log_file_open_named (SwLogFile   *self,
                        const char  *name,
                        GError     **error)
{
  g_autofree char *path = NULL;
  gint64 time_us;
  int fd;

  /* A plain name of this log's own set: no directories, nothing hidden, no other file. */
  if (name[0] == '\0' || name[0] == '.' || strchr (name, '/') != NULL ||
      strchr (name, '\\') != NULL || !g_utf8_validate (name, -1, NULL) ||
      (strcmp (name, self->name) != 0 && !is_rotated_name (self, name, &time_us)))
    {
      g_set_error_literal (error, SW_LOG_ERROR, SW_LOG_ERROR_INVALID,
                           _("file must name the current log file or one of its rotated files"));
      return -1;
    }

  /* Plain POSIX, not GIO: this runs under the log's file lock, and GIO may log (and take
   * its own locks) the first time it is used. */
  path = g_build_filename (self->dir, name, NULL);
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT || saved_errno == ELOOP)
        g_set_error (error, SW_LOG_ERROR, SW_LOG_ERROR_INVALID, _("There is no log file %s"),
                     name);
      else
        set_errno_error (error, saved_errno, _("Cannot open the log file"), path);
      return -1;
    }

  return fd;
}

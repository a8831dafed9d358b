/* sw-log-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sw-log.h"

G_BEGIN_DECLS

/* Shared by sw-log.c, sw-log-entry.c and sw-log-file.c; nothing here logs through GLib,
 * because all of it runs inside the log writer. */

/* Entry lines (sw-log-entry.c) ------------------------------------------------------------ */

/* One line in @format, with its newline. */
char       *sw_log_entry_format_line  (const SwLogEntry *entry,
                                       SwLogFormat       format);
/* A line in either format (the file may have switched formats); NULL when it is neither. */
SwLogEntry *sw_log_entry_parse_line   (const char       *line);

/* The rotating file (sw-log-file.c) ------------------------------------------------------- */

/* The active log file and its rotated set, "<stem>-<UTC time><ext>" beside it, e.g.
 * "stillwater.log" → "stillwater-2026-03-28T10-00-00.000.log". Not thread-safe: sw-log.c
 * holds its file lock around every call. */
typedef struct _SwLogFile SwLogFile;

SwLogFile    *sw_log_file_open           (const char    *path,
                                          gint64         max_size,
                                          guint          max_files,
                                          guint          max_age_days,
                                          GError       **error);
void          sw_log_file_free           (SwLogFile     *self);
const char   *sw_log_file_get_path       (SwLogFile     *self);
/* Prunes the rotated set when a limit changes. */
void          sw_log_file_set_limits     (SwLogFile     *self,
                                          gint64         max_size,
                                          guint          max_files,
                                          guint          max_age_days);
/* Appends @length bytes, rotating first when they would take the file past its size. */
gboolean      sw_log_file_write          (SwLogFile     *self,
                                          const char    *data,
                                          gsize          length,
                                          GError       **error);
GPtrArray    *sw_log_file_list           (SwLogFile     *self,
                                          GError       **error);
gboolean      sw_log_file_delete_rotated (SwLogFile     *self,
                                          guint         *deleted,
                                          guint64       *bytes_freed,
                                          GError       **error);
/* Opens the current file or one of its rotated files by plain name, for reading: a file
 * descriptor, or -1. */
int           sw_log_file_open_named     (SwLogFile     *self,
                                          const char    *name,
                                          GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwLogFile, sw_log_file_free)

G_END_DECLS

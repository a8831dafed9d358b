/* sw-log.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sw-settings.h"

G_BEGIN_DECLS

/* The process-wide log: every GLib message at or above the configured level goes to an
 * in-memory ring of the last SW_LOG_RING_SIZE entries and, when a file is configured, to
 * a size-rotated log file; stderr keeps GLib's default output. Everything here may be
 * called from any thread. */

#define SW_LOG_RING_SIZE 2000

/* The log domain (and so the component) of the access log. */
#define SW_LOG_DOMAIN_ACCESS "stillwater-access"

/* The contract's levels, least severe first. */
typedef enum
{
  SW_LOG_LEVEL_TRACE,
  SW_LOG_LEVEL_DEBUG,
  SW_LOG_LEVEL_INFO,
  SW_LOG_LEVEL_WARN,
  SW_LOG_LEVEL_ERROR,
} SwLogLevel;

typedef enum
{
  SW_LOG_FORMAT_JSON,   /* one LogEntry JSON object per line */
  SW_LOG_FORMAT_TEXT,   /* one logfmt line: time=… level=… component=… msg="…" key=value … */
} SwLogFormat;

#define SW_LOG_ERROR (sw_log_error_quark ())

typedef enum
{
  SW_LOG_ERROR_INVALID,          /* a file name or query value that is not acceptable */
  SW_LOG_ERROR_NOT_CONFIGURED,   /* file logging is off */
  SW_LOG_ERROR_FAILED,           /* the file system refused */
} SwLogError;

GQuark      sw_log_error_quark        (void);

gboolean    sw_log_level_from_string  (const char   *text,
                                       SwLogLevel   *level);
const char *sw_log_level_to_string    (SwLogLevel    level);
gboolean    sw_log_format_from_string (const char   *text,
                                       SwLogFormat  *format);

/* One recorded entry: immutable once made, so it may be shared between threads and kept
 * (sw_log_entry_ref()). */
typedef struct
{
  gint64 time_us;               /* wall clock, microseconds since the epoch */
  SwLogLevel level;
  char *message;
  char *component;              /* NULL when the message has none */
  GVariant *attrs;              /* a{sv}, never NULL (maybe empty) */
} SwLogEntry;

#define SW_TYPE_LOG_ENTRY (sw_log_entry_get_type ())

GType       sw_log_entry_get_type     (void) G_GNUC_CONST;
/* @attrs: a floating or owned a{sv} (taken), or NULL for none. */
SwLogEntry *sw_log_entry_new          (gint64        time_us,
                                       SwLogLevel    level,
                                       const char   *message,
                                       const char   *component,
                                       GVariant     *attrs);
SwLogEntry *sw_log_entry_ref          (SwLogEntry   *entry);
void        sw_log_entry_unref        (SwLogEntry   *entry);
/* The contract's LogEntry: {time, level, message, component?, attrs}. */
JsonNode   *sw_log_entry_to_json      (const SwLogEntry *entry);
/* The entry's time, RFC 3339 in UTC with microseconds. */
char       *sw_log_entry_dup_time     (const SwLogEntry *entry);
/* RFC 3339 with an offset and any fraction (as in GET /logs?after=) to microseconds
 * since the epoch. */
gboolean    sw_log_parse_time         (const char       *text,
                                       gint64           *time_us);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwLogEntry, sw_log_entry_unref)

/* Where and what to log. */
typedef struct
{
  SwLogLevel level;
  SwLogFormat format;
  const char *file_path;        /* NULL or "": no file */
  gint64 file_max_size;         /* bytes; 0: never rotate */
  guint file_max_files;         /* rotated files kept; 0: all */
  guint file_max_age_days;      /* rotated files older than this are deleted; 0: never */
} SwLogConfig;

/* Installs the GLib log writer (once per process; later calls do nothing). Messages at or
 * above the level are recorded; stderr output goes through g_log_writer_default(), which
 * still hides info and debug unless G_MESSAGES_DEBUG asks for them, and warnings and
 * errors always reach it (so fatal warnings stay fatal). Until configured, the level is
 * info and there is no file. */
void        sw_log_install            (void);

/* Applies @config at once. A file that cannot be opened leaves file logging off and
 * returns FALSE; the level and format apply anyway. Opening (re)starts age and count
 * pruning of the file's rotated set. */
gboolean    sw_log_configure          (const SwLogConfig *config,
                                       GError           **error);
void        sw_log_set_level          (SwLogLevel    level);
SwLogLevel  sw_log_get_level          (void);

/* Applies the logging.* settings (sizes in MB; stored numbers ≤ 0 read as the defaults).
 * Failure to open the file is logged as a warning. */
void        sw_log_configure_from_settings (SwSettings *settings);
/* Reapplies the logging.* settings whenever @settings writes one of them. Any number of
 * instances may be watched (the watch ends with the instance); watching twice is one
 * watch. */
void        sw_log_watch_settings     (SwSettings   *settings);

/* One access-log entry: domain SW_LOG_DOMAIN_ACCESS, level debug, attributes method,
 * path (secrets in the query string scrubbed), status, duration_ms and client. Debug,
 * because at info every request (the web UI polls) would push the messages that matter
 * out of the ring, and because below the level the call costs one atomic read where an
 * entry costs ~5 µs, a tenth of a request. */
void        sw_log_access             (const char   *method,
                                       const char   *path,
                                       guint         status,
                                       gint64        duration_us,
                                       const char   *client);

/* The ring, oldest first (elements: SwLogEntry, owned). */
GPtrArray  *sw_log_get_entries        (void);
void        sw_log_clear              (void);

/* GET /logs filters. */
typedef struct
{
  SwLogLevel min_level;         /* SW_LOG_LEVEL_TRACE: every level */
  const char *search;           /* case-insensitive substring of the message; NULL: any */
  const char *component;        /* exact; NULL: any */
  gint64 after_us;              /* only entries strictly later; 0: no bound */
  guint limit;
} SwLogQuery;

/* The @query->limit newest matching entries of the ring, newest first. */
GPtrArray  *sw_log_query              (const SwLogQuery *query);
/* The same from the log file @name (the current file or one of its rotated files; a
 * plain file name), ignoring after_us. Lines that are neither format are skipped.
 * SW_LOG_ERROR_INVALID for any other name, SW_LOG_ERROR_NOT_CONFIGURED without file
 * logging. */
GPtrArray  *sw_log_query_file         (const char       *name,
                                       const SwLogQuery *query,
                                       GError          **error);

typedef struct
{
  char *name;                   /* file name, no directory */
  gint64 size;
  gint64 mod_time;              /* seconds since the epoch */
  gboolean is_current;
} SwLogFileInfo;

void        sw_log_file_info_free     (SwLogFileInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwLogFileInfo, sw_log_file_info_free)

/* The current file first, then rotated files newest first; empty without file logging
 * (elements: SwLogFileInfo, owned). */
GPtrArray  *sw_log_list_files         (GError      **error);
/* Deletes every rotated file of the current log file, never the file itself; does
 * nothing without file logging. */
gboolean    sw_log_delete_rotated     (guint        *deleted,
                                       guint64      *bytes_freed,
                                       GError      **error);

G_END_DECLS

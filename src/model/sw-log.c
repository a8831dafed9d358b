/* sw-log.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sw-log-private.h"

G_DEFINE_QUARK (sw-log-error-quark, sw_log_error)

/* Two locks, never held together and never while calling into GLib logging: the ring's
 * (short: a pointer swap) and the file's (configuration and every file system operation
 * on the log file, in plain POSIX and GLib calls, never GIO). A thread is "busy" while it
 * is inside the writer or holds the file lock; a message it logs then (from code that
 * runs there) is passed to GLib's default writer only, so nothing ever waits on a lock
 * its own thread holds. */

static GMutex ring_lock;
static SwLogEntry *ring[SW_LOG_RING_SIZE];
static guint ring_start;
static guint ring_count;

static GMutex file_lock;
static SwLogFile *log_file;
static gint log_format = SW_LOG_FORMAT_JSON;        /* atomic */

static gint min_level = SW_LOG_LEVEL_INFO;
static GPrivate busy;

static const char *const level_names[] = { "trace", "debug", "info", "warn", "error" };

/* Attribute keys whose values are never recorded. */
static const char *const redacted_keys[] = {
  "api_key", "apikey", "api-key", "password", "passwd", "secret", "client_secret", "token",
  "access_token", "refresh_token", "private_key", "privatekey", "authorization", "hmac_secret",
};

/* Query parameters of an access-log path whose values are scrubbed: any name containing
 * one of these. */
static const char *const scrubbed_params[] = {
  "apikey", "api_key", "password", "secret", "token", "authorization",
};

#define REDACTED "[REDACTED]"

/* Levels and formats --------------------------------------------------------------------- */

gboolean
sw_log_level_from_string (const char *text,
                          SwLogLevel *level)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (level_names); i++)
    if (g_ascii_strcasecmp (text, level_names[i]) == 0)
      {
        *level = (SwLogLevel) i;
        return TRUE;
      }

  return FALSE;
}

const char *
sw_log_level_to_string (SwLogLevel level)
{
  g_return_val_if_fail ((guint) level < G_N_ELEMENTS (level_names), "info");

  return level_names[level];
}

gboolean
sw_log_format_from_string (const char  *text,
                           SwLogFormat *format)
{
  if (g_strcmp0 (text, "json") == 0)
    *format = SW_LOG_FORMAT_JSON;
  else if (g_strcmp0 (text, "text") == 0)
    *format = SW_LOG_FORMAT_TEXT;
  else
    return FALSE;

  return TRUE;
}

static SwLogLevel
level_from_glib (GLogLevelFlags log_level)
{
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    return SW_LOG_LEVEL_ERROR;
  if (log_level & G_LOG_LEVEL_WARNING)
    return SW_LOG_LEVEL_WARN;
  if (log_level & G_LOG_LEVEL_DEBUG)
    return SW_LOG_LEVEL_DEBUG;
  return SW_LOG_LEVEL_INFO;
}

void
sw_log_set_level (SwLogLevel level)
{
  g_return_if_fail ((guint) level < G_N_ELEMENTS (level_names));

  g_atomic_int_set (&min_level, level);
}

SwLogLevel
sw_log_get_level (void)
{
  return (SwLogLevel) g_atomic_int_get (&min_level);
}

/* Recording ---------------------------------------------------------------------------------- */

static gboolean
is_busy (void)
{
  return g_private_get (&busy) != NULL;
}

/* Returns whether the thread was busy already, for unlock_file(). */
static gboolean
lock_file (void)
{
  gboolean was_busy = is_busy ();

  g_mutex_lock (&file_lock);
  g_private_set (&busy, GINT_TO_POINTER (TRUE));
  return was_busy;
}

static void
unlock_file (gboolean was_busy)
{
  g_private_set (&busy, was_busy ? GINT_TO_POINTER (TRUE) : NULL);
  g_mutex_unlock (&file_lock);
}

/* Under the file lock. log_file is also read, atomically, without it. */
static void
close_log_file (void)
{
  SwLogFile *old = log_file;

  g_atomic_pointer_set (&log_file, NULL);
  sw_log_file_free (old);
}

static void
ring_push (SwLogEntry *entry)
{
  g_mutex_lock (&ring_lock);
  if (ring_count == SW_LOG_RING_SIZE)
    {
      sw_log_entry_unref (ring[ring_start]);
      ring[ring_start] = sw_log_entry_ref (entry);
      ring_start = (ring_start + 1) % SW_LOG_RING_SIZE;
    }
  else
    {
      ring[(ring_start + ring_count) % SW_LOG_RING_SIZE] = sw_log_entry_ref (entry);
      ring_count++;
    }
  g_mutex_unlock (&ring_lock);
}

/* A file that cannot be written is closed (until the next configuration) and said so once,
 * in the ring and on stderr, without going through GLib logging. */
static void
report_file_failure (const char *message)
{
  g_autoptr(SwLogEntry) entry = sw_log_entry_new (g_get_real_time (), SW_LOG_LEVEL_ERROR,
                                                  message, NULL, NULL);

  ring_push (entry);
  g_printerr ("stillwater: %s\n", message);
}

static void
record (SwLogEntry *entry)
{
  g_autofree char *failure = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_busy;

  ring_push (entry);

  /* Formatted before the lock; a format change in between makes no difference. */
  if (g_atomic_pointer_get (&log_file) == NULL)
    return;
  line = sw_log_entry_format_line (entry, (SwLogFormat) g_atomic_int_get (&log_format));

  was_busy = lock_file ();
  if (log_file != NULL && !sw_log_file_write (log_file, line, strlen (line), &error))
    {
      failure = g_strdup_printf (_("Logging to a file stopped: %s"), error->message);
      close_log_file ();
    }
  unlock_file (was_busy);

  if (failure != NULL)
    report_file_failure (failure);
}

static gboolean
is_redacted_key (const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (redacted_keys); i++)
    if (g_ascii_strcasecmp (key, redacted_keys[i]) == 0)
      return TRUE;

  return FALSE;
}

/* Journal fields that the entry itself carries, or that are noise in a log viewer. */
static gboolean
is_entry_field (const char *key)
{
  static const char *const keys[] = {
    "MESSAGE", "PRIORITY", "GLIB_DOMAIN", "GLIB_OLD_LOG_API", "CODE_FILE", "CODE_LINE",
    "CODE_FUNC", "COMPONENT",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    if (strcmp (key, keys[i]) == 0)
      return TRUE;

  return FALSE;
}

/* A field's value as text: NUL-terminated (length -1) or counted; NULL when binary. */
static char *
field_text (const GLogField *field)
{
  if (field->value == NULL)
    return NULL;
  if (field->length < 0)
    return g_strdup (field->value);
  if (!g_utf8_validate_len (field->value, field->length, NULL))
    return NULL;
  return g_strndup (field->value, field->length);
}

static void
take_text (char           **slot,
           const GLogField *field)
{
  g_free (*slot);
  *slot = field_text (field);
}

/* The component is the COMPONENT field when a caller gives one, else the log domain. */
static SwLogEntry *
entry_from_fields (SwLogLevel       level,
                   const GLogField *fields,
                   gsize            n_fields)
{
  g_autoptr(GVariantBuilder) attrs = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);
  g_autofree char *message = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *component = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      const GLogField *field = &fields[i];
      g_autofree char *value = NULL;
      g_autofree char *key = NULL;

      if (field->key == NULL)
        continue;

      if (strcmp (field->key, "MESSAGE") == 0)
        take_text (&message, field);
      else if (strcmp (field->key, "GLIB_DOMAIN") == 0)
        take_text (&domain, field);
      else if (strcmp (field->key, "COMPONENT") == 0)
        take_text (&component, field);
      if (is_entry_field (field->key))
        continue;

      value = field_text (field);
      if (value == NULL)
        continue;
      key = g_ascii_strdown (field->key, -1);
      g_variant_builder_add (attrs, "{sv}", key,
                             g_variant_new_string (is_redacted_key (key) ? REDACTED : value));
    }

  return sw_log_entry_new (g_get_real_time (), level, message,
                           component != NULL ? component : domain,
                           g_variant_builder_end (attrs));
}

static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  SwLogLevel level = level_from_glib (log_level);
  gboolean wanted = level >= sw_log_get_level ();

  if (wanted && !is_busy ())
    {
      SwLogEntry *entry;

      g_private_set (&busy, GINT_TO_POINTER (TRUE));
      entry = entry_from_fields (level, fields, n_fields);
      record (entry);
      sw_log_entry_unref (entry);
      g_private_set (&busy, NULL);
    }

  /* Warnings and worse always reach the default writer: it is what makes them fatal
   * where they should be (g_log_set_always_fatal(), G_DEBUG=fatal-warnings). */
  if (wanted || (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING |
                              G_LOG_FLAG_FATAL)) != 0)
    return g_log_writer_default (log_level, fields, n_fields, NULL);

  return G_LOG_WRITER_HANDLED;
}

void
sw_log_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      g_log_set_writer_func (log_writer, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}

/* Configuration ------------------------------------------------------------------------------ */

gboolean
sw_log_configure (const SwLogConfig  *config,
                  GError            **error)
{
  const char *path;
  gboolean ok = TRUE;
  gboolean was_busy;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail ((guint) config->level < G_N_ELEMENTS (level_names), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sw_log_set_level (config->level);
  path = config->file_path != NULL && config->file_path[0] != '\0' ? config->file_path : NULL;

  was_busy = lock_file ();
  g_atomic_int_set (&log_format, config->format);
  if (log_file != NULL && g_strcmp0 (path, sw_log_file_get_path (log_file)) != 0)
    close_log_file ();

  if (log_file != NULL)
    sw_log_file_set_limits (log_file, config->file_max_size, config->file_max_files,
                            config->file_max_age_days);
  else if (path != NULL)
    {
      SwLogFile *opened = sw_log_file_open (path, config->file_max_size, config->file_max_files,
                                            config->file_max_age_days, error);

      g_atomic_pointer_set (&log_file, opened);
      ok = opened != NULL;
    }
  unlock_file (was_busy);

  return ok;
}

static guint
positive_member (JsonObject *object,
                 const char *name)
{
  gint64 value = json_object_get_int_member (object, name);

  return (guint) CLAMP (value, 0, G_MAXUINT);
}

void
sw_log_configure_from_settings (SwSettings *settings)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  SwLogConfig config = { SW_LOG_LEVEL_INFO, SW_LOG_FORMAT_JSON, NULL, 0, 0, 0 };
  JsonObject *object;

  g_return_if_fail (SW_IS_SETTINGS (settings));

  /* Read before any lock is taken: the store may log. */
  node = sw_settings_get_logging (settings);
  object = json_node_get_object (node);
  sw_log_level_from_string (json_object_get_string_member (object, "level"), &config.level);
  sw_log_format_from_string (json_object_get_string_member (object, "format"), &config.format);
  config.file_path = json_object_get_string_member (object, "file_path");
  config.file_max_size = (gint64) positive_member (object, "file_max_size_mb") * 1024 * 1024;
  config.file_max_files = positive_member (object, "file_max_files");
  config.file_max_age_days = positive_member (object, "file_max_age_days");

  if (!sw_log_configure (&config, &error))
    g_warning ("Logging to %s is off: %s", config.file_path, error->message);
}

static void
settings_changed_cb (SwSettings *settings,
                     const char *key,
                     gpointer    user_data)
{
  if (g_str_has_prefix (key, "logging."))
    sw_log_configure_from_settings (settings);
}

void
sw_log_watch_settings (SwSettings *settings)
{
  g_return_if_fail (SW_IS_SETTINGS (settings));

  if (g_signal_handler_find (settings, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                             settings_changed_cb, NULL) != 0)
    return;

  g_signal_connect (settings, "changed", G_CALLBACK (settings_changed_cb), NULL);
}

/* The access log ---------------------------------------------------------------------------- */

static gboolean
is_scrubbed_param (const char *name)
{
  g_autofree char *decoded = g_uri_unescape_string (name, NULL);
  g_autofree char *lower = g_ascii_strdown (decoded != NULL ? decoded : name, -1);

  for (gsize i = 0; i < G_N_ELEMENTS (scrubbed_params); i++)
    if (strstr (lower, scrubbed_params[i]) != NULL)
      return TRUE;

  return FALSE;
}

/* The path with the values of secret-looking query parameters replaced. */
static char *
scrub_path (const char *path)
{
  const char *query = strchr (path, '?');
  g_auto(GStrv) params = NULL;
  GString *out;

  if (query == NULL)
    return g_strdup (path);

  out = g_string_new_len (path, query - path + 1);
  params = g_strsplit (query + 1, "&", -1);
  for (guint i = 0; params[i] != NULL; i++)
    {
      const char *equals = strchr (params[i], '=');
      g_autofree char *name = equals != NULL ? g_strndup (params[i], equals - params[i])
                                             : g_strdup (params[i]);

      if (i > 0)
        g_string_append_c (out, '&');
      if (equals != NULL && is_scrubbed_param (name))
        g_string_append_printf (out, "%s=REDACTED", name);
      else
        g_string_append (out, params[i]);
    }

  return g_string_free (out, FALSE);
}

void
sw_log_access (const char *method,
               const char *path,
               guint       status,
               gint64      duration_us,
               const char *client)
{
  g_autoptr(GVariantBuilder) attrs = NULL;
  g_autoptr(SwLogEntry) entry = NULL;
  g_autofree char *scrubbed = NULL;
  g_autofree char *message = NULL;
  char millis[G_ASCII_DTOSTR_BUF_SIZE];
  double duration_ms = duration_us / 1000.0;

  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL);

  if (SW_LOG_LEVEL_DEBUG < sw_log_get_level () || is_busy ())
    return;

  scrubbed = scrub_path (path);
  g_ascii_formatd (millis, sizeof millis, "%.1f", duration_ms);
  message = g_strdup_printf ("%s %s %u %s ms", method, scrubbed, status, millis);

  attrs = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (attrs, "{sv}", "method", g_variant_new_string (method));
  g_variant_builder_add (attrs, "{sv}", "path", g_variant_new_string (scrubbed));
  g_variant_builder_add (attrs, "{sv}", "status", g_variant_new_int64 (status));
  g_variant_builder_add (attrs, "{sv}", "duration_ms", g_variant_new_double (duration_ms));
  if (client != NULL)
    g_variant_builder_add (attrs, "{sv}", "client", g_variant_new_string (client));
  entry = sw_log_entry_new (g_get_real_time (), SW_LOG_LEVEL_DEBUG, message,
                            SW_LOG_DOMAIN_ACCESS, g_variant_builder_end (attrs));

  g_private_set (&busy, GINT_TO_POINTER (TRUE));
  record (entry);
  g_private_set (&busy, NULL);

  /* stderr as for any other info message (shown with G_MESSAGES_DEBUG). */
  {
    const GLogField fields[] = {
      { "MESSAGE", message, -1 },
      { "PRIORITY", "7", -1 },
      { "GLIB_DOMAIN", SW_LOG_DOMAIN_ACCESS, -1 },
    };

    g_log_writer_default (G_LOG_LEVEL_DEBUG, fields, G_N_ELEMENTS (fields), NULL);
  }
}

/* The ring ---------------------------------------------------------------------------------- */

GPtrArray *
sw_log_get_entries (void)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_log_entry_unref);

  g_mutex_lock (&ring_lock);
  for (guint i = 0; i < ring_count; i++)
    g_ptr_array_add (entries, sw_log_entry_ref (ring[(ring_start + i) % SW_LOG_RING_SIZE]));
  g_mutex_unlock (&ring_lock);

  return entries;
}

void
sw_log_clear (void)
{
  SwLogEntry *old[SW_LOG_RING_SIZE];
  guint n_old;

  g_mutex_lock (&ring_lock);
  n_old = ring_count;
  for (guint i = 0; i < ring_count; i++)
    old[i] = ring[(ring_start + i) % SW_LOG_RING_SIZE];
  ring_start = 0;
  ring_count = 0;
  g_mutex_unlock (&ring_lock);

  for (guint i = 0; i < n_old; i++)
    sw_log_entry_unref (old[i]);
}

/* Queries ---------------------------------------------------------------------------------- */

typedef struct
{
  const SwLogQuery *query;
  char *folded_search;          /* NULL: no search */
  gboolean use_after;
} Matcher;

static void
matcher_init (Matcher          *matcher,
              const SwLogQuery *query,
              gboolean          use_after)
{
  matcher->query = query;
  matcher->folded_search = query->search != NULL && query->search[0] != '\0'
                           ? g_utf8_casefold (query->search, -1) : NULL;
  matcher->use_after = use_after && query->after_us != 0;
}

static void
matcher_clear (Matcher *matcher)
{
  g_clear_pointer (&matcher->folded_search, g_free);
}

static gboolean
matches (Matcher          *matcher,
         const SwLogEntry *entry)
{
  const SwLogQuery *query = matcher->query;

  if (entry->level < query->min_level)
    return FALSE;
  if (query->component != NULL && query->component[0] != '\0' &&
      g_strcmp0 (entry->component, query->component) != 0)
    return FALSE;
  if (matcher->use_after && entry->time_us <= query->after_us)
    return FALSE;
  if (matcher->folded_search != NULL)
    {
      g_autofree char *folded = g_utf8_casefold (entry->message, -1);

      if (strstr (folded, matcher->folded_search) == NULL)
        return FALSE;
    }

  return TRUE;
}

GPtrArray *
sw_log_query (const SwLogQuery *query)
{
  g_autoptr(GPtrArray) entries = sw_log_get_entries ();
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_log_entry_unref);
  Matcher matcher;

  g_return_val_if_fail (query != NULL, result);

  matcher_init (&matcher, query, TRUE);
  for (guint i = entries->len; i > 0 && result->len < query->limit; i--)
    {
      SwLogEntry *entry = g_ptr_array_index (entries, i - 1);

      if (matches (&matcher, entry))
        g_ptr_array_add (result, sw_log_entry_ref (entry));
    }
  matcher_clear (&matcher);

  return result;
}

GPtrArray *
sw_log_query_file (const char        *name,
                   const SwLogQuery  *query,
                   GError           **error)
{
  GQueue newest = G_QUEUE_INIT;
  GPtrArray *result;
  Matcher matcher;
  FILE *stream;
  char *line = NULL;
  size_t capacity = 0;
  ssize_t length;
  int saved_errno = 0;
  gboolean was_busy;
  int fd = -1;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  was_busy = lock_file ();
  if (log_file == NULL)
    g_set_error_literal (error, SW_LOG_ERROR, SW_LOG_ERROR_NOT_CONFIGURED,
                         _("Logging to a file is not configured"));
  else
    fd = sw_log_file_open_named (log_file, name, error);
  unlock_file (was_busy);

  if (fd < 0)
    return NULL;

  stream = fdopen (fd, "r");
  if (stream == NULL)
    {
      saved_errno = errno;
      close (fd);
      g_set_error (error, SW_LOG_ERROR, SW_LOG_ERROR_FAILED, "%s", g_strerror (saved_errno));
      return NULL;
    }

  /* Read outside the lock: a rotation renames the file, which the open file survives.
   * Only the newest matches are kept while reading, so memory stays bounded. */
  matcher_init (&matcher, query, FALSE);
  errno = 0;
  while (query->limit > 0 && (length = getline (&line, &capacity, stream)) >= 0)
    {
      SwLogEntry *entry;

      if (length > 0 && line[length - 1] == '\n')
        line[--length] = '\0';
      entry = g_utf8_validate_len (line, length, NULL) ? sw_log_entry_parse_line (line) : NULL;
      if (entry == NULL)
        continue;
      if (!matches (&matcher, entry))
        {
          sw_log_entry_unref (entry);
          continue;
        }

      g_queue_push_head (&newest, entry);
      if (newest.length > query->limit)
        sw_log_entry_unref (g_queue_pop_tail (&newest));
    }
  if (ferror (stream))
    saved_errno = errno != 0 ? errno : EIO;
  matcher_clear (&matcher);
  free (line);
  fclose (stream);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_log_entry_unref);
  while (!g_queue_is_empty (&newest))
    g_ptr_array_add (result, g_queue_pop_head (&newest));

  if (saved_errno != 0)
    {
      g_ptr_array_unref (result);
      g_set_error (error, SW_LOG_ERROR, SW_LOG_ERROR_FAILED, "%s", g_strerror (saved_errno));
      return NULL;
    }

  return result;
}

/* Files -------------------------------------------------------------------------------------- */

void
sw_log_file_info_free (SwLogFileInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->name);
  g_free (info);
}

GPtrArray *
sw_log_list_files (GError **error)
{
  GPtrArray *files;
  gboolean was_busy;

  was_busy = lock_file ();
  if (log_file == NULL)
    files = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_log_file_info_free);
  else
    files = sw_log_file_list (log_file, error);
  unlock_file (was_busy);

  return files;
}

gboolean
sw_log_delete_rotated (guint    *deleted,
                       guint64  *bytes_freed,
                       GError  **error)
{
  guint n_deleted = 0;
  guint64 n_bytes = 0;
  gboolean ok = TRUE;
  gboolean was_busy;

  was_busy = lock_file ();
  if (log_file != NULL)
    ok = sw_log_file_delete_rotated (log_file, &n_deleted, &n_bytes, error);
  unlock_file (was_busy);

  if (deleted != NULL)
    *deleted = n_deleted;
  if (bytes_freed != NULL)
    *bytes_freed = n_bytes;
  return ok;
}

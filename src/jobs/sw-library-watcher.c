/* sw-library-watcher.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-library-private.h"
#include "sw-library-service.h"
#include "sw-library-watcher.h"
#include "sw-scan-job.h"

#define WATCH_BIT 1
#define POLL_BIT 2
/* Copying an album into a folder is many events: scan once it has been quiet. */
#define QUIET_MS 2000
#define REFRESH_S 60
/* When another scan is running, try again after this. */
#define RETRY_MS 5000

typedef struct
{
  SwLibraryWatcher *watcher;    /* unowned */
  char *id;
  char *path;
  int fs_watch;
  int poll_interval;
  GPtrArray *monitors;          /* GFileMonitor: the root and each artist folder */
  guint quiet_source;
  guint poll_source;
} Watched;

struct _SwLibraryWatcher
{
  GObject parent_instance;

  SwJobQueue *jobs;
  SwArtistService *service;
  SwEvents *events;
  SwSettings *settings;
  GHashTable *libraries;        /* id → Watched */
  guint refresh_source;
  guint quiet_ms;
  guint poll_unit_ms;
};

G_DEFINE_FINAL_TYPE (SwLibraryWatcher, sw_library_watcher, G_TYPE_OBJECT)

static void
watched_free (Watched *watched)
{
  g_clear_handle_id (&watched->quiet_source, g_source_remove);
  g_clear_handle_id (&watched->poll_source, g_source_remove);
  for (guint i = 0; i < watched->monitors->len; i++)
    g_signal_handlers_disconnect_by_data (watched->monitors->pdata[i], watched);
  g_ptr_array_unref (watched->monitors);
  g_free (watched->id);
  g_free (watched->path);
  g_free (watched);
}

static void schedule_scan (Watched *watched,
                           guint    delay_ms);

static gboolean
scan_now_cb (gpointer data)
{
  Watched *watched = data;
  SwLibraryWatcher *self = watched->watcher;
  g_autoptr(SwJob) job = NULL;
  g_autoptr(GError) error = NULL;

  watched->quiet_source = 0;
  job = sw_scan_job_start (self->jobs, self->service, self->events, self->settings,
                           watched->id, &error);
  if (job == NULL && g_error_matches (error, SW_JOB_ERROR, SW_JOB_ERROR_BUSY))
    schedule_scan (watched, RETRY_MS);
  else if (job == NULL)
    g_message ("Cannot scan library %s after a change: %s", watched->id, error->message);
  return G_SOURCE_REMOVE;
}

/* (Re)starts the quiet period. */
static void
schedule_scan (Watched *watched,
               guint    delay_ms)
{
  g_clear_handle_id (&watched->quiet_source, g_source_remove);
  watched->quiet_source = g_timeout_add (delay_ms, scan_now_cb, watched);
}

static void watch_folder (Watched    *watched,
                          const char *path);

static void
changed_cb (GFileMonitor      *monitor,
            GFile             *file,
            GFile             *other,
            GFileMonitorEvent  event,
            gpointer           user_data)
{
  Watched *watched = user_data;

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      /* A new artist folder is watched too. */
      {
        g_autoptr(GFile) parent = g_file_get_parent (file);
        g_autofree char *parent_path = parent != NULL ? g_file_get_path (parent) : NULL;
        g_autofree char *path = g_file_get_path (file);

        if (g_strcmp0 (parent_path, watched->path) == 0 && path != NULL &&
            g_file_test (path, G_FILE_TEST_IS_DIR))
          watch_folder (watched, path);
      }
      G_GNUC_FALLTHROUGH;
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
      schedule_scan (watched, watched->watcher->quiet_ms);
      break;
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}

static void
watch_folder (Watched    *watched,
              const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GFileMonitor *monitor;

  monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (monitor == NULL)
    {
      g_message ("Cannot watch “%s”: %s", path, error->message);
      return;
    }
  g_signal_connect (monitor, "changed", G_CALLBACK (changed_cb), watched);
  g_ptr_array_add (watched->monitors, monitor);
}

/* The root, for folders coming and going, and each artist folder, for its files. */
static void
watch_library (Watched *watched)
{
  g_autoptr(GDir) dir = g_dir_open (watched->path, 0, NULL);
  const char *name;

  watch_folder (watched, watched->path);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (watched->path, name, NULL);

      if (name[0] != '.' && g_file_test (path, G_FILE_TEST_IS_DIR))
        watch_folder (watched, path);
    }
}

static gboolean
poll_cb (gpointer data)
{
  Watched *watched = data;

  if (watched->quiet_source == 0)
    scan_now_cb (watched);
  return G_SOURCE_CONTINUE;
}

static gboolean
same_settings (Watched   *watched,
               SwLibrary *library)
{
  return g_strcmp0 (watched->path, library->path) == 0 &&
         watched->fs_watch == library->fs_watch &&
         watched->poll_interval == library->fs_poll_interval;
}

void
sw_library_watcher_refresh (SwLibraryWatcher *self)
{
  g_autoptr(GPtrArray) libraries = NULL;
  g_autoptr(GHashTable) current = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SW_IS_LIBRARY_WATCHER (self));

  libraries = sw_library_service_list (sw_artist_service_get_store (self->service), &error);
  if (libraries == NULL)
    {
      g_message ("Cannot read the libraries to watch: %s", error->message);
      return;
    }

  current = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) watched_free);
  for (guint i = 0; i < libraries->len; i++)
    {
      SwLibrary *library = libraries->pdata[i];
      Watched *watched;

      if (library->path == NULL || library->path[0] == '\0' ||
          (library->fs_watch & (WATCH_BIT | POLL_BIT)) == 0)
        continue;

      /* Unchanged settings keep their monitors and timers. */
      watched = g_hash_table_lookup (self->libraries, library->id);
      if (watched != NULL && same_settings (watched, library))
        {
          g_hash_table_steal (self->libraries, library->id);
          g_hash_table_insert (current, g_strdup (library->id), watched);
          continue;
        }

      watched = g_new0 (Watched, 1);
      watched->watcher = self;
      watched->id = g_strdup (library->id);
      watched->path = g_strdup (library->path);
      watched->fs_watch = library->fs_watch;
      watched->poll_interval = MAX (library->fs_poll_interval, 1);
      watched->monitors = g_ptr_array_new_with_free_func (g_object_unref);
      if (library->fs_watch & WATCH_BIT)
        watch_library (watched);
      if (library->fs_watch & POLL_BIT)
        watched->poll_source = g_timeout_add ((guint) watched->poll_interval * self->poll_unit_ms,
                                              poll_cb, watched);
      g_hash_table_insert (current, g_strdup (library->id), watched);
    }

  /* What is left was removed or changed. */
  g_hash_table_unref (self->libraries);
  self->libraries = g_steal_pointer (&current);
}

static gboolean
refresh_cb (gpointer data)
{
  sw_library_watcher_refresh (data);
  return G_SOURCE_CONTINUE;
}

static void
sw_library_watcher_dispose (GObject *object)
{
  SwLibraryWatcher *self = (SwLibraryWatcher *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_pointer (&self->libraries, g_hash_table_unref);
  g_clear_object (&self->jobs);
  g_clear_object (&self->service);
  g_clear_object (&self->events);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sw_library_watcher_parent_class)->dispose (object);
}

static void
sw_library_watcher_class_init (SwLibraryWatcherClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sw_library_watcher_dispose;
}

static void
sw_library_watcher_init (SwLibraryWatcher *self)
{
  self->libraries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) watched_free);
  self->quiet_ms = QUIET_MS;
  self->poll_unit_ms = 1000;
}

SwLibraryWatcher *
sw_library_watcher_new (SwJobQueue      *jobs,
                        SwArtistService *service,
                        SwEvents        *events,
                        SwSettings      *settings)
{
  SwLibraryWatcher *self;

  g_return_val_if_fail (SW_IS_JOB_QUEUE (jobs), NULL);
  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (service), NULL);
  g_return_val_if_fail (SW_IS_SETTINGS (settings), NULL);

  self = g_object_new (SW_TYPE_LIBRARY_WATCHER, NULL);
  self->jobs = g_object_ref (jobs);
  self->service = g_object_ref (service);
  self->events = events != NULL ? g_object_ref (events) : NULL;
  self->settings = g_object_ref (settings);
  sw_library_watcher_refresh (self);
  self->refresh_source = g_timeout_add_seconds (REFRESH_S, refresh_cb, self);
  return self;
}

void
_sw_library_watcher_set_fast (SwLibraryWatcher *self)
{
  self->quiet_ms = 100;
  self->poll_unit_ms = 1;
  /* Timers already running keep their old period. */
  g_hash_table_remove_all (self->libraries);
  sw_library_watcher_refresh (self);
}

/* sw-runtime.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-artist-service.h"
#include "sw-library-watcher.h"
#include "sw-log.h"
#include "sw-nfo-sync.h"
#include "sw-runtime.h"
#include "sw-server-tls.h"
#include "sw-server.h"
#include "sw-settings.h"

/* Everything both modes run: the services below the UI (store, events, artist
 * service, job queue, web server). The GUI and headless applications each own one. */
struct _SwRuntime
{
  GObject parent_instance;

  char *data_dir;
  char *listen_address;
  guint port;
  char *tls_cert_file;
  char *tls_key_file;

  SwServerStatus *server_status;
  SwStore *store;
  SwEvents *events;
  SwArtistService *artist_service;
  SwJobQueue *jobs;
  SwNfoSync *nfo_sync;
  SwLibraryWatcher *watcher;
  SwServer *server;
};

G_DEFINE_FINAL_TYPE (SwRuntime, sw_runtime, G_TYPE_OBJECT)

static void
sw_runtime_dispose (GObject *object)
{
  SwRuntime *self = (SwRuntime *)object;

  sw_runtime_stop (self);
  g_clear_object (&self->watcher);
  /* A running scan holds the store; it stops at its next folder. */
  if (self->jobs != NULL)
    sw_job_queue_cancel_all (self->jobs);
  g_clear_object (&self->jobs);
  g_clear_object (&self->nfo_sync);
  g_clear_object (&self->server);
  g_clear_object (&self->artist_service);
  g_clear_object (&self->events);
  g_clear_object (&self->store);
  g_clear_object (&self->server_status);

  G_OBJECT_CLASS (sw_runtime_parent_class)->dispose (object);
}

static void
sw_runtime_finalize (GObject *object)
{
  SwRuntime *self = (SwRuntime *)object;

  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->listen_address, g_free);
  g_clear_pointer (&self->tls_cert_file, g_free);
  g_clear_pointer (&self->tls_key_file, g_free);

  G_OBJECT_CLASS (sw_runtime_parent_class)->finalize (object);
}

static void
sw_runtime_class_init (SwRuntimeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sw_runtime_dispose;
  object_class->finalize = sw_runtime_finalize;
}

static void
sw_runtime_init (SwRuntime *self)
{
  /* First, so that everything from here on reaches the log viewer. */
  sw_log_install ();
  self->server_status = sw_server_status_new ();
  self->events = sw_events_new ();
  self->jobs = sw_job_queue_new ();
}

SwRuntime *
sw_runtime_new (const char *data_dir,
                const char *listen_address,
                guint       port)
{
  SwRuntime *self;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (listen_address != NULL, NULL);

  self = g_object_new (SW_TYPE_RUNTIME, NULL);
  self->data_dir = g_strdup (data_dir);
  self->listen_address = g_strdup (listen_address);
  self->port = port;
  return self;
}

void
sw_runtime_set_tls_files (SwRuntime  *self,
                          const char *cert_file,
                          const char *key_file)
{
  g_return_if_fail (SW_IS_RUNTIME (self));
  g_return_if_fail ((cert_file == NULL) == (key_file == NULL));

  g_free (self->tls_cert_file);
  self->tls_cert_file = g_strdup (cert_file);
  g_free (self->tls_key_file);
  self->tls_key_file = g_strdup (key_file);
}

/* The database comes first: without it nothing else is worth starting. A file that is
 * not ours, or is from a newer version, is refused and left untouched. */
gboolean
sw_runtime_open_store (SwRuntime  *self,
                       GError    **error)
{
  g_autofree char *path = NULL;
  g_autoptr(SwSettings) settings = NULL;

  g_return_val_if_fail (SW_IS_RUNTIME (self), FALSE);
  g_return_val_if_fail (self->store == NULL, FALSE);

  path = g_build_filename (self->data_dir, "stillwater.db", NULL);
  self->store = sw_store_open (path, error);
  if (self->store == NULL)
    return FALSE;

  /* The stored logging.* settings apply from here; later changes are followed where
   * they are written (see sw_routes_logs_register()). */
  settings = sw_settings_new (self->store);
  sw_log_configure_from_settings (settings);

  self->artist_service = sw_artist_service_new (self->store, self->events);
  self->nfo_sync = sw_nfo_sync_new (self->store, self->events, settings);
  self->watcher = sw_library_watcher_new (self->jobs, self->artist_service, self->events,
                                          settings);
  return TRUE;
}

gboolean
sw_runtime_start_server (SwRuntime  *self,
                         GError    **error)
{
  g_autofree char *uri = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SW_IS_RUNTIME (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  if (self->tls_cert_file != NULL)
    {
      certificate = sw_server_tls_load (self->tls_cert_file, self->tls_key_file, &local_error);
      if (certificate == NULL)
        {
          sw_server_status_set_failed (self->server_status, local_error->message);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  self->server = sw_server_new (self->listen_address, self->port, self->store);
  sw_server_set_events (self->server, self->events);
  sw_server_set_jobs (self->server, self->jobs);
  if (certificate != NULL)
    sw_server_set_tls_certificate (self->server, certificate);
  if (!sw_server_start (self->server, &local_error))
    {
      sw_server_status_set_failed (self->server_status, local_error->message);
      g_clear_object (&self->server);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  uri = sw_server_dup_api_uri (self->server);
  sw_server_status_set_listening (self->server_status, uri);
  return TRUE;
}

void
sw_runtime_stop (SwRuntime *self)
{
  g_return_if_fail (SW_IS_RUNTIME (self));

  if (self->server == NULL)
    return;

  sw_server_stop (self->server);
  g_clear_object (&self->server);
  sw_server_status_set_stopped (self->server_status);
}

gboolean
sw_runtime_restart_server (SwRuntime   *self,
                           const char  *listen_address,
                           guint        port,
                           GError     **error)
{
  g_return_val_if_fail (SW_IS_RUNTIME (self), FALSE);
  g_return_val_if_fail (listen_address != NULL, FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  /* Stopped first: the new address may overlap the old one (127.0.0.1 and 0.0.0.0 on
   * the same port), so both cannot be bound at once. */
  sw_runtime_stop (self);

  g_free (self->listen_address);
  self->listen_address = g_strdup (listen_address);
  self->port = port;

  return sw_runtime_start_server (self, error);
}

const char *
sw_runtime_get_listen_address (SwRuntime *self)
{
  g_return_val_if_fail (SW_IS_RUNTIME (self), NULL);

  return self->listen_address;
}

guint
sw_runtime_get_port (SwRuntime *self)
{
  g_return_val_if_fail (SW_IS_RUNTIME (self), 0);

  return self->port;
}

const char *
sw_runtime_get_data_dir (SwRuntime *self)
{
  g_return_val_if_fail (SW_IS_RUNTIME (self), NULL);

  return self->data_dir;
}

SwStore *
sw_runtime_get_store (SwRuntime *self)
{
  g_return_val_if_fail (SW_IS_RUNTIME (self), NULL);

  return self->store;
}

SwJobQueue *
sw_runtime_get_jobs (SwRuntime *self)
{
  g_return_val_if_fail (SW_IS_RUNTIME (self), NULL);

  return self->jobs;
}

SwEvents *
sw_runtime_get_events (SwRuntime *self)
{
  g_return_val_if_fail (SW_IS_RUNTIME (self), NULL);

  return self->events;
}

SwArtistService *
sw_runtime_get_artist_service (SwRuntime *self)
{
  g_return_val_if_fail (SW_IS_RUNTIME (self), NULL);

  return self->artist_service;
}

SwServerStatus *
sw_runtime_get_server_status (SwRuntime *self)
{
  g_return_val_if_fail (SW_IS_RUNTIME (self), NULL);

  return self->server_status;
}

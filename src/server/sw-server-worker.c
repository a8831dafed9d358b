/* sw-server-worker.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-http-core.h"
#include "sw-routes-events.h"
#include "sw-server-worker.h"

struct _SwServerWorker
{
  SwRouter *router;
  guint index;
  GSocket *listener;
  SwHttpTls *tls;

  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SwHttpCore *core;             /* created and shut down on the thread */

  /* Server thread only. */
  GSource *drain_timeout;

  /* Start handshake with the thread that calls sw_server_worker_start(): once it is
   * done, the thread owns its context, so invoking on it runs there. */
  GMutex start_mutex;
  GCond start_cond;
  gboolean start_done;
  GError *start_error;
};

SwServerWorker *
sw_server_worker_new (SwRouter *router,
                      guint     index)
{
  SwServerWorker *self = g_new0 (SwServerWorker, 1);

  self->router = g_object_ref (router);
  self->index = index;
  g_mutex_init (&self->start_mutex);
  g_cond_init (&self->start_cond);
  return self;
}

static void
dispatch_cb (SwHttpMessage *msg,
             gpointer       user_data)
{
  SwServerWorker *self = user_data;

  sw_router_dispatch (self->router, msg);
}

static void
drained_cb (gpointer user_data)
{
  SwServerWorker *self = user_data;

  if (self->drain_timeout != NULL)
    {
      g_source_destroy (self->drain_timeout);
      g_clear_pointer (&self->drain_timeout, g_source_unref);
    }
  g_main_loop_quit (self->loop);
}

static void
report_started (SwServerWorker *self,
                GError         *error)
{
  g_mutex_lock (&self->start_mutex);
  self->start_error = error;
  self->start_done = TRUE;
  g_cond_signal (&self->start_cond);
  g_mutex_unlock (&self->start_mutex);
}

static gpointer
worker_thread (gpointer data)
{
  SwServerWorker *self = data;
  GError *error = NULL;

  g_main_context_push_thread_default (self->context);
  self->core = sw_http_core_new (g_socket_get_fd (self->listener), self->tls, self->context,
                                 dispatch_cb, self, &error);
  report_started (self, error);
  if (self->core == NULL)
    {
      g_main_context_pop_thread_default (self->context);
      return NULL;
    }

  g_main_loop_run (self->loop);

  sw_http_core_shutdown (self->core);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

gboolean
sw_server_worker_start (SwServerWorker   *self,
                        GSocket          *listener,
                        GTlsCertificate  *certificate,
                        GError          **error)
{
  g_autofree char *name = g_strdup_printf ("sw-server-%u", self->index);
  GError *start_error;

  g_return_val_if_fail (self->thread == NULL, FALSE);

  if (certificate != NULL && (self->tls = sw_http_tls_new (certificate, error)) == NULL)
    return FALSE;

  self->listener = g_object_ref (listener);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new (name, worker_thread, self);

  g_mutex_lock (&self->start_mutex);
  while (!self->start_done)
    g_cond_wait (&self->start_cond, &self->start_mutex);
  start_error = g_steal_pointer (&self->start_error);
  g_mutex_unlock (&self->start_mutex);

  if (start_error != NULL)
    {
      sw_server_worker_join (self);
      g_propagate_error (error, start_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
drain_timeout_cb (gpointer data)
{
  SwServerWorker *self = data;

  g_debug ("Server thread %u: %u requests still running after %d ms; closing them",
           self->index, sw_http_core_get_n_in_flight (self->core), SW_SERVER_WORKER_DRAIN_MS);
  g_clear_pointer (&self->drain_timeout, g_source_unref);
  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

/* On the worker thread. Event streams end first, so that their connections are idle
 * when the core starts draining; connections the kernel had queued but nobody accepted
 * are refused once the listening socket is closed. */
static gboolean
begin_stop_cb (gpointer data)
{
  SwServerWorker *self = data;

  sw_routes_events_close_all (self->router);

  self->drain_timeout = g_timeout_source_new (SW_SERVER_WORKER_DRAIN_MS);
  g_source_set_callback (self->drain_timeout, drain_timeout_cb, self, NULL);
  g_source_attach (self->drain_timeout, self->context);

  sw_http_core_drain (self->core, G_CALLBACK (drained_cb), self);
  g_socket_close (self->listener, NULL);
  return G_SOURCE_REMOVE;
}

void
sw_server_worker_begin_stop (SwServerWorker *self)
{
  if (self->thread == NULL)
    return;

  /* Invoked from inside the loop: a plain g_main_loop_quit() could land before the
   * thread reaches g_main_loop_run() and be lost. */
  g_main_context_invoke_full (self->context, G_PRIORITY_HIGH, begin_stop_cb, self, NULL);
}

void
sw_server_worker_join (SwServerWorker *self)
{
  g_clear_pointer (&self->thread, g_thread_join);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->core, sw_http_core_free);
  g_clear_object (&self->listener);
  g_clear_pointer (&self->tls, sw_http_tls_free);
}

guint
sw_server_worker_get_n_in_flight (SwServerWorker *self)
{
  return self->core != NULL ? sw_http_core_get_n_in_flight (self->core) : 0;
}

void
sw_server_worker_free (SwServerWorker *self)
{
  if (self == NULL)
    return;

  sw_server_worker_begin_stop (self);
  sw_server_worker_join (self);
  g_clear_object (&self->router);
  g_mutex_clear (&self->start_mutex);
  g_cond_clear (&self->start_cond);
  g_free (self);
}

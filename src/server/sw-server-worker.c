/* sw-server-worker.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "sw-http.h"
#include "sw-log.h"
#include "sw-routes-events.h"
#include "sw-server-worker.h"

/* Set on a message once its headers have arrived: from then on it is "in flight". (A
 * kept-alive connection always has a started message waiting for the next request;
 * that one must not hold up a shutdown.) */
#define IN_FLIGHT_KEY "sw-in-flight"

/* What the access log needs from the start of a request (the peer's address cannot be
 * asked for once the client has gone). */
typedef struct
{
  gint64 started_us;
  char *client;
} InFlight;

static void
in_flight_free (InFlight *request)
{
  g_free (request->client);
  g_free (request);
}

struct _SwServerWorker
{
  SwRouter *router;
  guint index;
  GSocket *listener;
  GTlsCertificate *certificate;

  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;

  /* Server thread only. */
  gint in_flight;                /* atomic: others read it */
  gboolean draining;
  GSource *drain_timeout;

  /* Start handshake with the thread that calls sw_server_worker_start(). */
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
handle_request_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  SwServerWorker *self = user_data;

  sw_router_dispatch (self->router, msg);
}

/* Refuses an oversized body as soon as its size is known, before it is read: the
 * connection is taken from libsoup, answered 413 directly, and closed (libsoup 3.2 would
 * otherwise keep reading the body it was promised). */
static void request_done (SwServerWorker    *self,
                          SoupServerMessage *msg,
                          gboolean           aborted);

static void
reject_too_large (SwServerWorker    *self,
                  SoupServerMessage *msg)
{
  static const char body[] = "{\"error\":\"The request body is too large\"}";
  g_autoptr(GIOStream) stream = NULL;
  g_autofree char *answer = NULL;

  /* libsoup forgets a message whose connection is taken: account for it here. */
  soup_server_message_set_status (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
  request_done (self, msg, FALSE);

  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;
  answer = g_strdup_printf ("HTTP/1.1 413 Request Entity Too Large\r\n"
                            "Content-Type: application/json\r\n"
                            "X-Content-Type-Options: nosniff\r\n"
                            "Connection: close\r\n"
                            "Content-Length: %zu\r\n\r\n%s", sizeof body - 1, body);
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), answer, strlen (answer),
                             NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  if (soup_server_message_get_request_body (msg)->length > SW_HTTP_MAX_UPLOAD_BODY)
    reject_too_large (user_data, msg);
}

/* libsoup calls early handlers once the headers are in, before the body: the request
 * is in flight from here, and an oversized body can be refused before it is read.
 * (An early handler rather than per-message signals: connecting those for every
 * request cost a few percent of the throughput.) */
static void
headers_read_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  SwServerWorker *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  InFlight *request = g_new0 (InFlight, 1);

  request->started_us = g_get_monotonic_time ();
  request->client = g_strdup (soup_server_message_get_remote_host (msg));
  g_object_set_data_full (G_OBJECT (msg), IN_FLIGHT_KEY, request,
                          (GDestroyNotify) in_flight_free);
  g_atomic_int_inc (&self->in_flight);
  sw_http_set_corked (msg, TRUE);

  if (encoding == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > SW_HTTP_MAX_UPLOAD_BODY)
    reject_too_large (self, msg);
  else if (encoding == SOUP_ENCODING_CHUNKED || encoding == SOUP_ENCODING_EOF)
    g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), self);
}

static void
finish_drain (SwServerWorker *self)
{
  if (self->drain_timeout != NULL)
    {
      g_source_destroy (self->drain_timeout);
      g_clear_pointer (&self->drain_timeout, g_source_unref);
    }
  g_main_loop_quit (self->loop);
}

/* Finished or aborted: either way the request no longer holds up a shutdown. */
static void
request_done (SwServerWorker    *self,
              SoupServerMessage *msg,
              gboolean           aborted)
{
  InFlight *request = g_object_get_data (G_OBJECT (msg), IN_FLIGHT_KEY);

  if (request == NULL)
    return;

  sw_http_set_corked (msg, FALSE);

  sw_log_access (soup_server_message_get_method (msg),
                 g_uri_get_path (soup_server_message_get_uri (msg)),
                 soup_server_message_get_status (msg),
                 g_get_monotonic_time () - request->started_us, request->client);
  g_object_set_data (G_OBJECT (msg), IN_FLIGHT_KEY, NULL);

  g_assert (g_atomic_int_get (&self->in_flight) > 0);
  if (g_atomic_int_dec_and_test (&self->in_flight) && self->draining)
    finish_drain (self);
}

static void
request_finished_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     gpointer           user_data)
{
  request_done (user_data, msg, FALSE);
}

static void
request_aborted_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  request_done (user_data, msg, TRUE);
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
  g_autoptr(SoupServer) soup = NULL;
  GError *error = NULL;

  g_main_context_push_thread_default (self->context);

  soup = soup_server_new ("server-header", "Stillwater/" PACKAGE_VERSION " ",
                          "tls-certificate", self->certificate, NULL);
  soup_server_add_handler (soup, NULL, handle_request_cb, self, NULL);
  soup_server_add_early_handler (soup, NULL, headers_read_cb, self, NULL);
  g_signal_connect (soup, "request-finished", G_CALLBACK (request_finished_cb), self);
  g_signal_connect (soup, "request-aborted", G_CALLBACK (request_aborted_cb), self);

  if (!soup_server_listen_socket (soup, self->listener,
                                  self->certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0,
                                  &error))
    {
      report_started (self, error);
      g_main_context_pop_thread_default (self->context);
      return NULL;
    }

  report_started (self, NULL);
  g_main_loop_run (self->loop);

  soup_server_disconnect (soup);
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

  self->listener = g_object_ref (listener);
  self->certificate = certificate != NULL ? g_object_ref (certificate) : NULL;
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
           self->index, g_atomic_int_get (&self->in_flight), SW_SERVER_WORKER_DRAIN_MS);
  g_clear_pointer (&self->drain_timeout, g_source_unref);
  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

/* On the worker thread. Closing the listening socket makes libsoup drop its listener;
 * connections the kernel had queued but nobody accepted are refused. */
static gboolean
begin_stop_cb (gpointer data)
{
  SwServerWorker *self = data;

  g_socket_close (self->listener, NULL);
  sw_routes_events_close_all (self->router);

  self->draining = TRUE;
  if (g_atomic_int_get (&self->in_flight) == 0)
    {
      finish_drain (self);
      return G_SOURCE_REMOVE;
    }

  self->drain_timeout = g_timeout_source_new (SW_SERVER_WORKER_DRAIN_MS);
  g_source_set_callback (self->drain_timeout, drain_timeout_cb, self, NULL);
  g_source_attach (self->drain_timeout, self->context);
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
  g_clear_object (&self->listener);
  g_clear_object (&self->certificate);
}

guint
sw_server_worker_get_n_in_flight (SwServerWorker *self)
{
  return (guint) g_atomic_int_get (&self->in_flight);
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

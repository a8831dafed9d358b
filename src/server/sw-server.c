/* sw-server.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "sw-auth-guard.h"
#include "sw-contract-operations.h"
#include "sw-http.h"
#include "sw-preferences.h"
#include "sw-routes-auth.h"
#include "sw-router.h"
#include "sw-routes-docs.h"
#include "sw-routes-events.h"
#include "sw-routes-health.h"
#include "sw-routes-oidc.h"
#include "sw-routes-preferences.h"
#include "sw-routes-settings.h"
#include "sw-routes-tokens.h"
#include "sw-settings.h"
#include "sw-server.h"

#define API_PREFIX "/api/v1"

/* The SoupServer lives on its own thread and GMainContext so a burst of requests never
 * stutters the GUI, and a busy GUI never delays a request. sw_server_start() waits
 * until the socket is bound so callers learn about a busy port synchronously. */
struct _SwServer
{
  GObject parent_instance;

  char *listen_address;
  guint requested_port;
  guint bound_port;
  SwStore *store;
  SwSettings *settings;         /* with the store only */
  SwPreferences *preferences;   /* with the store only */
  SwEvents *events;

  SwRouter *router;
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;

  /* Start handshake between the caller and the server thread. */
  GMutex start_mutex;
  GCond start_cond;
  gboolean start_done;
  GError *start_error;
};

G_DEFINE_FINAL_TYPE (SwServer, sw_server, G_TYPE_OBJECT)

G_DEFINE_QUARK (sw-server-error-quark, sw_server_error)

static void
sw_server_dispose (GObject *object)
{
  SwServer *self = (SwServer *)object;

  sw_server_stop (self);

  G_OBJECT_CLASS (sw_server_parent_class)->dispose (object);
}

static void
sw_server_finalize (GObject *object)
{
  SwServer *self = (SwServer *)object;

  g_clear_pointer (&self->listen_address, g_free);
  g_clear_object (&self->router);
  g_clear_object (&self->preferences);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->events);
  g_mutex_clear (&self->start_mutex);
  g_cond_clear (&self->start_cond);

  G_OBJECT_CLASS (sw_server_parent_class)->finalize (object);
}

static void
sw_server_class_init (SwServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sw_server_dispose;
  object_class->finalize = sw_server_finalize;
}

/* Every operation of the API contract is registered first, answering 501 until a
 * route file builds it: clients and the docs see the whole API, honestly. */
static void
register_contract (SwRouter *router)
{
  guint n_operations = 0;
  const SwContractOperation *operations = sw_contract_operations (&n_operations);

  for (guint i = 0; i < n_operations; i++)
    sw_router_add_unimplemented (router, operations[i].method, operations[i].path,
                                 operations[i].tag, operations[i].summary,
                                 operations[i].operation_id, operations[i].flags);
}

static void
sw_server_init (SwServer *self)
{
  g_mutex_init (&self->start_mutex);
  g_cond_init (&self->start_cond);

  self->router = sw_router_new (API_PREFIX);
  register_contract (self->router);
  sw_routes_health_register (self->router);
  sw_routes_docs_register (self->router);
}

/* Without a store nobody can sign in, so every operation but the public ones answers
 * 401; that is how the server runs in tests of the plumbing alone. */
SwServer *
sw_server_new (const char *listen_address,
               guint       port,
               SwStore    *store)
{
  SwServer *self;

  g_return_val_if_fail (listen_address != NULL, NULL);
  g_return_val_if_fail (port <= G_MAXUINT16, NULL);
  g_return_val_if_fail (store == NULL || SW_IS_STORE (store), NULL);

  self = g_object_new (SW_TYPE_SERVER, NULL);
  self->listen_address = g_strdup (listen_address);
  self->requested_port = port;
  self->store = store != NULL ? g_object_ref (store) : NULL;

  sw_router_set_guard (self->router, sw_auth_guard, self->store);
  if (self->store != NULL)
    {
      self->settings = sw_settings_new (self->store);
      self->preferences = sw_preferences_new (self->store, self->settings);

      sw_routes_auth_register (self->router, self->store);
      sw_routes_tokens_register (self->router, self->store);
      sw_routes_oidc_register (self->router, self->settings);
      sw_routes_settings_register (self->router, self->settings);
      sw_routes_preferences_register (self->router, self->preferences);
    }
  return self;
}

/* The bus GET /events/stream streams; that route exists with a store (to sign clients
 * in) and the bus. Call before sw_server_start(), once. */
void
sw_server_set_events (SwServer *self,
                      SwEvents *events)
{
  g_return_if_fail (SW_IS_SERVER (self));
  g_return_if_fail (SW_IS_EVENTS (events));
  g_return_if_fail (self->thread == NULL);
  g_return_if_fail (self->events == NULL);

  self->events = g_object_ref (events);
  if (self->store != NULL)
    sw_routes_events_register (self->router, self->events);
}

static void
handle_request_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  SwServer *self = user_data;

  sw_router_dispatch (self->router, msg);
}

/* Refuses an oversized body as soon as its size is known, before it is read: the
 * connection is taken from libsoup, answered 413 directly, and closed (libsoup 3.2 would
 * otherwise keep reading the body it was promised). */
static void
reject_too_large (SoupServerMessage *msg)
{
  static const char body[] = "{\"error\":\"The request body is too large\"}";
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  g_autofree char *answer = NULL;

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
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > SW_HTTP_MAX_UPLOAD_BODY)
    reject_too_large (msg);
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  if (soup_server_message_get_request_body (msg)->length > SW_HTTP_MAX_UPLOAD_BODY)
    reject_too_large (msg);
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), NULL);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), NULL);
}

static GSocketAddress *
parse_listen_address (const char  *listen_address,
                      guint        port,
                      GError     **error)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_strcmp0 (listen_address, "localhost") == 0)
    address = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  else
    address = g_inet_address_new_from_string (listen_address);

  if (address == NULL)
    {
      g_set_error (error, SW_SERVER_ERROR, SW_SERVER_ERROR_INVALID_ADDRESS,
                   _("“%s” is not an IP address to listen on"), listen_address);
      return NULL;
    }

  return g_inet_socket_address_new (address, port);
}

static void
report_started (SwServer *self,
                GError   *error)
{
  g_mutex_lock (&self->start_mutex);
  self->start_error = error;
  self->start_done = TRUE;
  g_cond_signal (&self->start_cond);
  g_mutex_unlock (&self->start_mutex);
}

static gboolean
listen_on (SwServer    *self,
           SoupServer  *soup,
           GError     **error)
{
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) local_error = NULL;
  GSList *listeners;

  address = parse_listen_address (self->listen_address, self->requested_port, error);
  if (address == NULL)
    return FALSE;

  if (!soup_server_listen (soup, address, 0, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        g_set_error (error, SW_SERVER_ERROR, SW_SERVER_ERROR_ADDRESS_IN_USE,
                     _("Port %u on %s is already in use"),
                     self->requested_port, self->listen_address);
      else
        g_set_error (error, SW_SERVER_ERROR, SW_SERVER_ERROR_FAILED,
                     _("Cannot listen on %s port %u: %s"),
                     self->listen_address, self->requested_port, local_error->message);
      return FALSE;
    }

  /* With port 0 the kernel picks one; read back what we got. */
  listeners = soup_server_get_listeners (soup);
  if (listeners != NULL)
    {
      g_autoptr(GSocketAddress) local = g_socket_get_local_address (listeners->data, NULL);

      if (G_IS_INET_SOCKET_ADDRESS (local))
        self->bound_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
    }
  g_slist_free (listeners);

  return TRUE;
}

static gpointer
server_thread (gpointer data)
{
  SwServer *self = data;
  g_autoptr(SoupServer) soup = NULL;
  GError *error = NULL;

  g_main_context_push_thread_default (self->context);

  soup = soup_server_new ("server-header", "Stillwater/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (soup, NULL, handle_request_cb, self, NULL);
  g_signal_connect (soup, "request-started", G_CALLBACK (request_started_cb), NULL);

  if (!listen_on (self, soup, &error))
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
sw_server_start (SwServer  *self,
                 GError   **error)
{
  GError *start_error;

  g_return_val_if_fail (SW_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->start_done = FALSE;
  self->thread = g_thread_new ("sw-server", server_thread, self);

  g_mutex_lock (&self->start_mutex);
  while (!self->start_done)
    g_cond_wait (&self->start_cond, &self->start_mutex);
  start_error = g_steal_pointer (&self->start_error);
  g_mutex_unlock (&self->start_mutex);

  if (start_error != NULL)
    {
      sw_server_stop (self);
      g_propagate_error (error, start_error);
      return FALSE;
    }

  g_debug ("Server listening on %s port %u", self->listen_address, self->bound_port);
  return TRUE;
}

typedef struct
{
  GMainLoop *loop;
  SwRouter *router;
} StopData;

static void
stop_data_free (StopData *stop)
{
  g_main_loop_unref (stop->loop);
  g_object_unref (stop->router);
  g_free (stop);
}

/* On the server thread: open event streams end (and leave the bus) first. */
static gboolean
quit_loop_cb (gpointer data)
{
  StopData *stop = data;

  sw_routes_events_close_all (stop->router);
  g_main_loop_quit (stop->loop);
  return G_SOURCE_REMOVE;
}

void
sw_server_stop (SwServer *self)
{
  StopData *stop;

  g_return_if_fail (SW_IS_SERVER (self));

  if (self->thread == NULL)
    return;

  /* Quit from inside the loop: a plain g_main_loop_quit() could land before the
   * thread reaches g_main_loop_run() and be lost. */
  stop = g_new0 (StopData, 1);
  stop->loop = g_main_loop_ref (self->loop);
  stop->router = g_object_ref (self->router);
  g_main_context_invoke_full (self->context, G_PRIORITY_HIGH, quit_loop_cb, stop,
                              (GDestroyNotify) stop_data_free);
  g_clear_pointer (&self->thread, g_thread_join);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  self->bound_port = 0;
}

gboolean
sw_server_is_running (SwServer *self)
{
  g_return_val_if_fail (SW_IS_SERVER (self), FALSE);

  return self->thread != NULL;
}

guint
sw_server_get_port (SwServer *self)
{
  g_return_val_if_fail (SW_IS_SERVER (self), 0);

  return self->bound_port;
}

SwRouter *
sw_server_get_router (SwServer *self)
{
  g_return_val_if_fail (SW_IS_SERVER (self), NULL);

  return self->router;
}

char *
sw_server_dup_api_uri (SwServer *self)
{
  g_return_val_if_fail (SW_IS_SERVER (self), NULL);

  if (self->thread == NULL)
    return NULL;

  if (strchr (self->listen_address, ':') != NULL)
    return g_strdup_printf ("http://[%s]:%u" API_PREFIX, self->listen_address, self->bound_port);

  return g_strdup_printf ("http://%s:%u" API_PREFIX, self->listen_address, self->bound_port);
}

/* sw-server.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <gio/gnetworking.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "sw-artist-service.h"
#include "sw-auth-guard.h"
#include "sw-contract-operations.h"
#include "sw-http.h"
#include "sw-preferences.h"
#include "sw-routes-aliases.h"
#include "sw-routes-artist-fields.h"
#include "sw-routes-artists.h"
#include "sw-routes-auth.h"
#include "sw-router.h"
#include "sw-routes-docs.h"
#include "sw-routes-events.h"
#include "sw-routes-health.h"
#include "sw-routes-history.h"
#include "sw-routes-images.h"
#include "sw-routes-libraries.h"
#include "sw-routes-logs.h"
#include "sw-routes-nfo.h"
#include "sw-routes-oidc.h"
#include "sw-routes-platforms.h"
#include "sw-routes-preferences.h"
#include "sw-routes-scanner.h"
#include "sw-routes-settings.h"
#include "sw-routes-tokens.h"
#include "sw-settings.h"
#include "sw-server-worker.h"
#include "sw-server.h"

#define API_PREFIX "/api/v1"

/* Requests are served by threads of their own, never the GUI's, so a burst of requests
 * never stutters the window and a busy window never delays a request. Each thread
 * (sw-server-worker.c) has its own GMainContext, HTTP core and listening socket on the
 * same port (SO_REUSEPORT), and the kernel spreads new connections over them evenly,
 * where threads sharing one socket would race for every accept(). sw_server_start()
 * returns once every socket is bound, so callers learn about a busy port synchronously. */
#define LISTEN_BACKLOG 511

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
  SwArtistService *artist_service;  /* with the store and the bus */
  SwJobQueue *jobs;
  GTlsCertificate *certificate;

  SwRouter *router;
  GPtrArray *workers;           /* SwServerWorker, while running */
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
  g_clear_object (&self->artist_service);
  g_clear_object (&self->events);
  g_clear_object (&self->jobs);
  g_clear_object (&self->certificate);

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
      sw_routes_logs_register (self->router, self->settings);
      sw_routes_images_register (self->router, self->store);
      sw_routes_nfo_register (self->router, self->store, self->settings);
      sw_routes_libraries_register (self->router, self->store);
      sw_routes_platforms_register (self->router, self->store);
      sw_routes_preferences_register (self->router, self->preferences);
    }
  return self;
}

/* The bus GET /events/stream streams; that route and the artist routes (whose changes
 * are published on it) exist with a store (to sign clients in) and the bus. Call before
 * sw_server_start(), once. */
void
sw_server_set_events (SwServer *self,
                      SwEvents *events)
{
  g_return_if_fail (SW_IS_SERVER (self));
  g_return_if_fail (SW_IS_EVENTS (events));
  g_return_if_fail (self->workers == NULL);
  g_return_if_fail (self->events == NULL);

  self->events = g_object_ref (events);
  if (self->store == NULL)
    return;

  sw_routes_events_register (self->router, self->events);
  /* Artist changes are published on the bus, so the artist routes come with it. */
  self->artist_service = sw_artist_service_new (self->store, self->events);
  sw_routes_artists_register (self->router, self->artist_service, self->preferences);
  sw_routes_artist_fields_register (self->router, self->artist_service);
  sw_routes_aliases_register (self->router, self->artist_service);
  sw_routes_history_register (self->router, self->artist_service, self->preferences);
}

/* The queue scans run on; the scanner routes exist with a store, the bus and the
 * queue. Call after sw_server_set_events() and before sw_server_start(), once. */
void
sw_server_set_jobs (SwServer   *self,
                    SwJobQueue *jobs)
{
  g_return_if_fail (SW_IS_SERVER (self));
  g_return_if_fail (SW_IS_JOB_QUEUE (jobs));
  g_return_if_fail (self->events != NULL);
  g_return_if_fail (self->workers == NULL);
  g_return_if_fail (self->jobs == NULL);

  self->jobs = g_object_ref (jobs);
  if (self->store != NULL)
    sw_routes_scanner_register (self->router, self->store, self->settings, self->events,
                                self->jobs);
}

/* Serves HTTPS with @certificate. Call before sw_server_start(). */
void
sw_server_set_tls_certificate (SwServer        *self,
                               GTlsCertificate *certificate)
{
  g_return_if_fail (SW_IS_SERVER (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));
  g_return_if_fail (self->workers == NULL);

  g_set_object (&self->certificate, certificate);
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

static gboolean
set_error_from_errno (GError **error)
{
  int saved = errno;

  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
  return FALSE;
}

/* g_socket_bind() clears SO_REUSEPORT on stream sockets, so this one binds itself. */
static gboolean
bind_shared (GSocket         *socket,
             GSocketAddress  *address,
             GError         **error)
{
  struct sockaddr_storage native;
  int fd = g_socket_get_fd (socket);
  int on = 1;

  if (!g_socket_address_to_native (address, &native, sizeof native, error))
    return FALSE;

  if (setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0 ||
      setsockopt (fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) != 0 ||
      bind (fd, (struct sockaddr *) &native, g_socket_address_get_native_size (address)) != 0)
    return set_error_from_errno (error);

  return TRUE;
}

static GSocket *
open_listener (GSocketAddress  *address,
               gboolean         share_port,
               GError         **error)
{
  g_autoptr(GSocket) socket = NULL;

  socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return NULL;

  if (g_socket_address_get_family (address) == G_SOCKET_FAMILY_IPV6 &&
      !g_socket_set_option (socket, IPPROTO_IPV6, IPV6_V6ONLY, TRUE, error))
    return NULL;
  /* GLib's default backlog of 10 overflows when many clients connect at once, and
   * each refused SYN costs the client a one-second retransmission. */
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);

  if (!(share_port ? bind_shared (socket, address, error)
                   : g_socket_bind (socket, address, TRUE, error)) ||
      !g_socket_listen (socket, error))
    return NULL;

  return g_steal_pointer (&socket);
}

static void
set_listen_error (SwServer  *self,
                  GError    *cause,
                  GError   **error)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
    g_set_error (error, SW_SERVER_ERROR, SW_SERVER_ERROR_ADDRESS_IN_USE,
                 _("Port %u on %s is already in use"),
                 self->requested_port, self->listen_address);
  else
    g_set_error (error, SW_SERVER_ERROR, SW_SERVER_ERROR_FAILED,
                 _("Cannot listen on %s port %u: %s"),
                 self->listen_address, self->requested_port, cause->message);
}

/* The port is checked with a socket that does not share it, so another server on it
 * (even another Stillwater, whose sockets do share) counts as "in use"; then one
 * shared socket per thread is bound to the port that check got. */
static GPtrArray *
open_listeners (SwServer  *self,
                guint      count,
                GError   **error)
{
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) probe = NULL;
  g_autoptr(GPtrArray) listeners = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  guint16 port;

  address = parse_listen_address (self->listen_address, self->requested_port, error);
  if (address == NULL)
    return NULL;

  probe = open_listener (address, FALSE, &local_error);
  if (probe == NULL)
    {
      set_listen_error (self, local_error, error);
      return NULL;
    }
  local = g_socket_get_local_address (probe, error);
  if (local == NULL)
    return NULL;
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  g_socket_close (probe, NULL);

  bound = g_inet_socket_address_new (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)),
                                     port);
  for (guint i = 0; i < count; i++)
    {
      GSocket *listener = open_listener (bound, TRUE, &local_error);

      if (listener == NULL)
        {
          set_listen_error (self, local_error, error);
          return NULL;
        }
      g_ptr_array_add (listeners, listener);
    }

  self->bound_port = port;
  return g_steal_pointer (&listeners);
}

/* Half the processors, one to four. The HTTP core answers a request in microseconds, so
 * one thread keeps up with nginx's single worker; a second thread on a machine whose
 * clients take the other cores only gets descheduled, and its connections wait a whole
 * time slice (bench/README.md: at 64 connections on two cores, p99 4.5–5.3 ms with two
 * threads, about 2 ms with one). So a handler must not hold its thread: slow work pauses
 * the message (login's password check) or is a job. */
static guint
worker_count (void)
{
  return CLAMP (g_get_num_processors () / 2, 1, 4);
}

gboolean
sw_server_start (SwServer  *self,
                 GError   **error)
{
  g_autoptr(GPtrArray) listeners = NULL;

  g_return_val_if_fail (SW_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->workers == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  listeners = open_listeners (self, worker_count (), error);
  if (listeners == NULL)
    return FALSE;

  self->workers = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_server_worker_free);
  for (guint i = 0; i < listeners->len; i++)
    {
      SwServerWorker *worker = sw_server_worker_new (self->router, i);

      g_ptr_array_add (self->workers, worker);
      if (!sw_server_worker_start (worker, listeners->pdata[i], self->certificate, error))
        {
          sw_server_stop (self);
          return FALSE;
        }
    }

  g_debug ("Server listening on %s port %u with %u threads", self->listen_address,
           self->bound_port, self->workers->len);
  return TRUE;
}

/* Every thread drains at once: no new connections, event streams end, requests in
 * flight finish (for at most SW_SERVER_WORKER_DRAIN_MS). */
void
sw_server_stop (SwServer *self)
{
  g_return_if_fail (SW_IS_SERVER (self));

  if (self->workers == NULL)
    return;

  for (guint i = 0; i < self->workers->len; i++)
    sw_server_worker_begin_stop (self->workers->pdata[i]);
  for (guint i = 0; i < self->workers->len; i++)
    sw_server_worker_join (self->workers->pdata[i]);
  g_clear_pointer (&self->workers, g_ptr_array_unref);
  self->bound_port = 0;
}

guint
sw_server_get_n_in_flight (SwServer *self)
{
  guint n = 0;

  g_return_val_if_fail (SW_IS_SERVER (self), 0);

  for (guint i = 0; self->workers != NULL && i < self->workers->len; i++)
    n += sw_server_worker_get_n_in_flight (self->workers->pdata[i]);
  return n;
}

gboolean
sw_server_is_running (SwServer *self)
{
  g_return_val_if_fail (SW_IS_SERVER (self), FALSE);

  return self->workers != NULL;
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
  const char *scheme;

  g_return_val_if_fail (SW_IS_SERVER (self), NULL);

  if (self->workers == NULL)
    return NULL;

  scheme = self->certificate != NULL ? "https" : "http";
  if (strchr (self->listen_address, ':') != NULL)
    return g_strdup_printf ("%s://[%s]:%u" API_PREFIX, scheme, self->listen_address,
                            self->bound_port);

  return g_strdup_printf ("%s://%s:%u" API_PREFIX, scheme, self->listen_address,
                          self->bound_port);
}

/* sw-http-core.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* memmem(), accept4() */
#define _GNU_SOURCE

#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sw-http-connection.h"
#include "sw-log.h"

/* How many epoll events, and new connections, one turn of the main loop takes. */
#define MAX_EVENTS 64
/* Timeouts are checked this often, while there are connections. */
#define SWEEP_INTERVAL_MS 2000

static const gint64 default_timeouts_s[SW_HTTP_N_TIMEOUTS] = {
  [SW_HTTP_TIMEOUT_IDLE] = 60,
  [SW_HTTP_TIMEOUT_REQUEST] = 30,
  [SW_HTTP_TIMEOUT_WRITE] = 60,
  [SW_HTTP_TIMEOUT_HANDSHAKE] = 15,
  [SW_HTTP_TIMEOUT_LINGER] = 2,
};

typedef struct
{
  GSource source;
  SwHttpCore *core;
} EpollSource;

struct _SwHttpCore
{
  int listen_fd;
  int epoll_fd;
  SwHttpTls *tls;
  GMainContext *context;
  GSource *epoll_source;
  GSource *sweep_source;
  SwHttpDispatchFunc dispatch;
  gpointer dispatch_data;

  GQueue connections;
  GList *closed;                /* closed connections' links, freed between turns */

  gint in_flight;               /* atomic */
  gboolean draining;
  GCallback drained;
  gpointer drained_data;

  gint64 date_second;
  char date_header[64];

  gint64 timeouts_us[SW_HTTP_N_TIMEOUTS];
  guint sweep_interval_ms;
};

static void
free_closed (SwHttpCore *core)
{
  while (core->closed != NULL)
    {
      GList *link = core->closed;

      core->closed = link->next;
      sw_http_connection_free (link->data);
    }
}

static void sweep_start (SwHttpCore *core);

static char *
peer_address (const struct sockaddr_storage *address)
{
  char text[INET6_ADDRSTRLEN] = "";

  if (address->ss_family == AF_INET)
    inet_ntop (AF_INET, &((const struct sockaddr_in *) address)->sin_addr, text, sizeof text);
  else if (address->ss_family == AF_INET6)
    inet_ntop (AF_INET6, &((const struct sockaddr_in6 *) address)->sin6_addr, text, sizeof text);
  return g_strdup (text[0] != '\0' ? text : "unknown");
}

static void
accept_connections (SwHttpCore *core)
{
  for (guint i = 0; i < MAX_EVENTS; i++)
    {
      struct sockaddr_storage address;
      socklen_t address_length = sizeof address;
      struct epoll_event event = { 0 };
      g_autofree char *host = NULL;
      GRefString *remote_host;
      SwHttpConnection *connection;
      int one = 1;
      int fd;

      fd = accept4 (core->listen_fd, (struct sockaddr *) &address, &address_length,
                    SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0)
        {
          if (errno == EINTR || errno == ECONNABORTED || errno == EPROTO)
            continue;
          /* Out of descriptors: the queued clients wait until one is closed. */
          if (errno == EMFILE || errno == ENFILE)
            g_debug ("Cannot accept a connection: %s", g_strerror (errno));
          return;
        }

      /* Responses leave in one write; a streamed piece should not wait for an ACK. */
      setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

      host = peer_address (&address);
      remote_host = g_ref_string_new (host);
      connection = sw_http_connection_new (core, fd, remote_host,
                                           core->tls != NULL ? sw_http_tls_session_new (core->tls, fd)
                                                             : NULL);
      g_ref_string_release (remote_host);

      event.events = SW_HTTP_CONNECTION_INITIAL_EVENTS;
      event.data.ptr = connection;
      if (epoll_ctl (core->epoll_fd, EPOLL_CTL_ADD, fd, &event) < 0)
        {
          g_warning ("Cannot watch a connection: %s", g_strerror (errno));
          g_queue_push_tail_link (&core->connections, sw_http_connection_get_link (connection));
          sw_http_connection_close (connection);
          continue;
        }
      g_queue_push_tail_link (&core->connections, sw_http_connection_get_link (connection));
      sweep_start (core);
    }
}

static gboolean
epoll_source_dispatch (GSource     *source,
                       GSourceFunc  callback,
                       gpointer     user_data)
{
  SwHttpCore *core = ((EpollSource *) source)->core;
  struct epoll_event events[MAX_EVENTS];
  int n;

  n = epoll_wait (core->epoll_fd, events, MAX_EVENTS, 0);
  for (int i = 0; i < n; i++)
    {
      if (events[i].data.ptr == NULL)
        accept_connections (core);
      else
        sw_http_connection_handle (events[i].data.ptr, events[i].events);
    }
  /* Only now: a connection closed above may still have had an event in the batch. */
  free_closed (core);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs epoll_source_funcs = {
  .dispatch = epoll_source_dispatch,
};

static gboolean
sweep_cb (gpointer user_data)
{
  SwHttpCore *core = user_data;
  gint64 now = g_get_monotonic_time ();
  GList *link = core->connections.head;

  while (link != NULL)
    {
      GList *next = link->next;

      if (sw_http_connection_get_deadline (link->data) <= now)
        sw_http_connection_close (link->data);
      link = next;
    }
  free_closed (core);

  if (core->connections.length > 0)
    return G_SOURCE_CONTINUE;
  g_clear_pointer (&core->sweep_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
sweep_start (SwHttpCore *core)
{
  if (core->sweep_source != NULL)
    return;

  /* Whole seconds let the system bundle the wakeups, unless a test wants them fast. */
  core->sweep_source = core->sweep_interval_ms % 1000 == 0
                       ? g_timeout_source_new_seconds (core->sweep_interval_ms / 1000)
                       : g_timeout_source_new (core->sweep_interval_ms);
  g_source_set_callback (core->sweep_source, sweep_cb, core, NULL);
  g_source_attach (core->sweep_source, core->context);
}

SwHttpCore *
sw_http_core_new (int                 listen_fd,
                  SwHttpTls          *tls,
                  GMainContext       *context,
                  SwHttpDispatchFunc  dispatch,
                  gpointer            user_data,
                  GError            **error)
{
  SwHttpCore *core;
  struct epoll_event event = { .events = EPOLLIN, .data.ptr = NULL };
  int epoll_fd;

  epoll_fd = epoll_create1 (EPOLL_CLOEXEC);
  if (epoll_fd < 0 || epoll_ctl (epoll_fd, EPOLL_CTL_ADD, listen_fd, &event) < 0)
    {
      int saved_errno = errno;

      if (epoll_fd >= 0)
        close (epoll_fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot watch the listening socket: %s"), g_strerror (saved_errno));
      return NULL;
    }

  core = g_new0 (SwHttpCore, 1);
  core->epoll_fd = epoll_fd;

  core->listen_fd = listen_fd;
  core->tls = tls;
  core->context = g_main_context_ref (context);
  core->dispatch = dispatch;
  core->dispatch_data = user_data;
  core->sweep_interval_ms = SWEEP_INTERVAL_MS;
  for (guint i = 0; i < SW_HTTP_N_TIMEOUTS; i++)
    core->timeouts_us[i] = default_timeouts_s[i] * G_USEC_PER_SEC;

  /* One file descriptor in the main loop for all connections. It may recurse: otherwise
   * GLib takes the descriptor out of its poll set and puts it back around every
   * dispatch, and wakes the context each time. */
  core->epoll_source = g_source_new (&epoll_source_funcs, sizeof (EpollSource));
  ((EpollSource *) core->epoll_source)->core = core;
  g_source_set_name (core->epoll_source, "sw-http-core");
  g_source_set_can_recurse (core->epoll_source, TRUE);
  g_source_add_unix_fd (core->epoll_source, core->epoll_fd, G_IO_IN);
  g_source_attach (core->epoll_source, context);
  return core;
}

static void
check_drained (SwHttpCore *core)
{
  GCallback drained = core->drained;

  if (!core->draining || drained == NULL || g_atomic_int_get (&core->in_flight) > 0)
    return;
  core->drained = NULL;
  ((void (*) (gpointer)) drained) (core->drained_data);
}

void
sw_http_core_drain (SwHttpCore *core,
                    GCallback   drained,
                    gpointer    user_data)
{
  GList *link = core->connections.head;

  core->draining = TRUE;
  core->drained = drained;
  core->drained_data = user_data;
  epoll_ctl (core->epoll_fd, EPOLL_CTL_DEL, core->listen_fd, NULL);

  while (link != NULL)
    {
      GList *next = link->next;

      if (sw_http_connection_is_idle (link->data))
        sw_http_connection_close (link->data);
      link = next;
    }
  free_closed (core);
  check_drained (core);
}

gint64
sw_http_core_get_timeout_us (SwHttpCore    *core,
                             SwHttpTimeout  timeout)
{
  return core->timeouts_us[timeout];
}

void
_sw_http_core_set_timeouts (SwHttpCore *core,
                            guint       ms)
{
  for (guint i = 0; i < SW_HTTP_N_TIMEOUTS; i++)
    core->timeouts_us[i] = ms * G_TIME_SPAN_MILLISECOND;
  core->sweep_interval_ms = MAX (ms / 2, 1);
}

guint
sw_http_core_get_n_in_flight (SwHttpCore *core)
{
  return (guint) g_atomic_int_get (&core->in_flight);
}

void
sw_http_core_shutdown (SwHttpCore *core)
{
  core->drained = NULL;
  while (core->connections.head != NULL)
    sw_http_connection_close (core->connections.head->data);
  free_closed (core);

  if (core->sweep_source != NULL)
    g_source_destroy (core->sweep_source);
  g_clear_pointer (&core->sweep_source, g_source_unref);
  if (core->epoll_source != NULL)
    g_source_destroy (core->epoll_source);
  g_clear_pointer (&core->epoll_source, g_source_unref);
}

void
sw_http_core_free (SwHttpCore *core)
{
  if (core == NULL)
    return;

  g_assert (core->connections.length == 0 && core->epoll_source == NULL);
  if (core->epoll_fd >= 0)
    close (core->epoll_fd);
  g_main_context_unref (core->context);
  g_free (core);
}

/* What the connections ask of the core. */

void
sw_http_core_watch (SwHttpCore       *core,
                    int               fd,
                    SwHttpConnection *connection,
                    guint32           events)
{
  struct epoll_event event = { .events = events, .data.ptr = connection };

  if (epoll_ctl (core->epoll_fd, EPOLL_CTL_MOD, fd, &event) < 0)
    g_warning ("Cannot watch a connection: %s", g_strerror (errno));
}

void
sw_http_core_dispatch (SwHttpCore    *core,
                       SwHttpMessage *msg)
{
  core->dispatch (msg, core->dispatch_data);
}

void
sw_http_core_request_started (SwHttpCore *core)
{
  g_atomic_int_inc (&core->in_flight);
}

void
sw_http_core_request_ended (SwHttpCore    *core,
                            SwHttpMessage *msg)
{
  sw_log_access (msg->method, msg->uri != NULL ? g_uri_get_path (msg->uri) : "-",
                 msg->status, g_get_monotonic_time () - msg->started_us, msg->remote_host);

  g_assert (g_atomic_int_get (&core->in_flight) > 0);
  g_atomic_int_dec_and_test (&core->in_flight);
  check_drained (core);
}

void
sw_http_core_connection_closed (SwHttpCore       *core,
                                SwHttpConnection *connection)
{
  GList *link = sw_http_connection_get_link (connection);

  g_queue_unlink (&core->connections, link);
  link->prev = NULL;
  link->next = core->closed;
  core->closed = link;
}

gboolean
sw_http_core_is_draining (SwHttpCore *core)
{
  return core->draining;
}

const char *
sw_http_core_get_date_header (SwHttpCore *core)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (now != core->date_second)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (now);
      g_autofree char *text = soup_date_time_to_string (time, SOUP_DATE_HTTP);

      g_snprintf (core->date_header, sizeof core->date_header, "Date: %s\r\n", text);
      core->date_second = now;
    }
  return core->date_header;
}

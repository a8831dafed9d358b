/* sw-routes-events.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "sw-http.h"
#include "sw-routes-events.h"

/* Each client of GET /events/stream is one SoupServerMessage kept open with a chunked
 * body, and one subscription on the bus delivered on the server thread's GMainContext.
 * Everything about a stream happens on that thread: events, heartbeats, libsoup's
 * signals and the end of the stream, so a stream needs no lock. A stream ends exactly
 * once (stream_close), whatever ends it first: libsoup finishing the message (the client
 * went away or the write failed), the client hanging up, a backlog over the limit, or
 * the server stopping; after that no callback of it runs again. */

#define ROUTES_KEY "sw-event-routes"

/* Events that stay inside the application (peer and file-system notifications, review
 * queue) are not streamed; these are. */
static const char *const streamed_events[] = {
  SW_EVENT_SCAN_COMPLETED,
  SW_EVENT_RULE_VIOLATION,
  SW_EVENT_BULK_COMPLETED,
  SW_EVENT_ARTIST_NEW,
  SW_EVENT_ARTIST_UPDATED,
  SW_EVENT_METADATA_FIXED,
  SW_EVENT_CONFLICT_CHANGED,
  SW_EVENT_OPERATION_PROGRESS,
  SW_EVENT_CONNECTION_PUSH_FAILED,
  SW_EVENT_BACKDROP_COLLISION,
  SW_EVENT_MBID_REVALIDATION_SUMMARY,
  SW_EVENT_ACTIVITY_RECENT,
  SW_EVENT_SETTINGS_CHANGED,
  SW_EVENT_DASHBOARD_ACTION_RESOLVED,
  NULL
};

static guint heartbeat_ms_override;

typedef struct
{
  SwEvents *events;
  GMutex lock;
  GList *streams;       /* EventStream, under lock; each used only by its own thread */
  gint n_streams;       /* atomic, for tests */
} EventRoutes;

typedef struct
{
  EventRoutes *routes;
  GList *link;                  /* in routes->streams */
  GMainContext *context;        /* of the server thread serving it */
  SoupServerMessage *msg;
  guint subscription;
  GSource *heartbeat;
  GSource *hangup;              /* watches the socket for the client closing it */
  guint queued_chunks;          /* appended, not yet written */
  gsize queued_bytes;
} EventStream;

typedef enum
{
  STREAM_FINISHED,      /* libsoup is done with the message: touch nothing of it */
  STREAM_END,           /* end the body cleanly */
  STREAM_ABORT,         /* drop the connection: the client cannot keep up or left */
} StreamEnd;

static void
stream_close (EventStream *stream,
              StreamEnd    how)
{
  EventRoutes *routes = stream->routes;
  g_autoptr(SoupServerMessage) msg = g_steal_pointer (&stream->msg);

  sw_events_unsubscribe (routes->events, stream->subscription);
  if (stream->heartbeat != NULL)
    g_source_destroy (stream->heartbeat);
  g_clear_pointer (&stream->heartbeat, g_source_unref);
  if (stream->hangup != NULL)
    g_source_destroy (stream->hangup);
  g_clear_pointer (&stream->hangup, g_source_unref);
  g_signal_handlers_disconnect_by_data (msg, stream);

  g_mutex_lock (&routes->lock);
  routes->streams = g_list_delete_link (routes->streams, stream->link);
  g_mutex_unlock (&routes->lock);
  g_atomic_int_add (&routes->n_streams, -1);
  g_free (stream);

  if (how == STREAM_ABORT)
    {
      GSocket *socket = soup_server_message_get_socket (msg);

      /* The next write fails, and libsoup closes the connection itself; the body is
       * completed so that there is a next write (a stream with nothing queued would
       * otherwise wait for more body forever and keep the connection). */
      if (socket != NULL)
        g_socket_shutdown (socket, TRUE, TRUE, NULL);
      soup_message_body_complete (soup_server_message_get_response_body (msg));
      soup_server_message_unpause (msg);
    }
  else if (how == STREAM_END)
    {
      soup_message_body_complete (soup_server_message_get_response_body (msg));
      soup_server_message_unpause (msg);
    }
}

/* Takes @text. */
static void
stream_push (EventStream *stream,
             char        *text)
{
  gsize length = strlen (text);

  if (stream->queued_chunks >= SW_EVENTS_MAX_BACKLOG_EVENTS ||
      stream->queued_bytes + length > SW_EVENTS_MAX_BACKLOG_BYTES)
    {
      g_debug ("Event stream client fell %u events (%zu bytes) behind; dropping it",
               stream->queued_chunks, stream->queued_bytes);
      g_free (text);
      stream_close (stream, STREAM_ABORT);
      return;
    }

  stream->queued_chunks++;
  stream->queued_bytes += length;
  soup_message_body_append (soup_server_message_get_response_body (stream->msg),
                            SOUP_MEMORY_TAKE, text, length);
  soup_server_message_unpause (stream->msg);
}

static void
wrote_chunk_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  EventStream *stream = user_data;

  if (stream->queued_chunks > 0)
    stream->queued_chunks--;
}

static void
wrote_body_data_cb (SoupServerMessage *msg,
                    guint              chunk_size,
                    gpointer           user_data)
{
  EventStream *stream = user_data;

  stream->queued_bytes -= MIN (stream->queued_bytes, chunk_size);
}

static void
finished_cb (SoupServerMessage *msg,
             gpointer           user_data)
{
  stream_close (user_data, STREAM_FINISHED);
}

static void
event_cb (SwEvent  *event,
          gpointer  user_data)
{
  EventStream *stream = user_data;
  JsonNode *payload = sw_event_get_payload (event);
  g_autofree char *data = payload != NULL ? json_to_string (payload, FALSE) : g_strdup ("{}");

  stream_push (stream, g_strdup_printf ("id: %" G_GUINT64_FORMAT "\nevent: %s\ndata: %s\n\n",
                                        sw_event_get_sequence (event),
                                        sw_event_get_name (event), data));
}

static gboolean
heartbeat_cb (gpointer user_data)
{
  stream_push (user_data, g_strdup (": ping\n\n"));
  return G_SOURCE_CONTINUE;
}

/* A client sends nothing on an event stream, so a readable socket means it hung up
 * (read returns 0) or, unusually, pipelined a request; then heartbeats find out. */
static gboolean
hangup_cb (GSocket      *socket,
           GIOCondition  condition,
           gpointer      user_data)
{
  EventStream *stream = user_data;
  char byte;
  GInputVector vector = { &byte, 1 };
  gint flags = G_SOCKET_MSG_PEEK;
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_socket_receive_message (socket, NULL, &vector, 1, NULL, NULL, &flags, NULL, &error);
  if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return G_SOURCE_CONTINUE;
  if (n > 0)
    {
      g_clear_pointer (&stream->hangup, g_source_unref);
      return G_SOURCE_REMOVE;
    }

  stream_close (stream, STREAM_ABORT);
  return G_SOURCE_REMOVE;
}

static void
get_stream (SoupServerMessage *msg,
            GHashTable        *params,
            gpointer           user_data)
{
  EventRoutes *routes = user_data;
  GMainContext *context = g_main_context_get_thread_default ();
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  GSocket *socket = soup_server_message_get_socket (msg);
  EventStream *stream;
  guint interval;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "X-Accel-Buffering", "no");
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);

  stream = g_new0 (EventStream, 1);
  stream->routes = routes;
  stream->msg = g_object_ref (msg);
  stream->context = context;
  g_mutex_lock (&routes->lock);
  routes->streams = g_list_prepend (routes->streams, stream);
  stream->link = routes->streams;
  g_mutex_unlock (&routes->lock);
  g_atomic_int_inc (&routes->n_streams);

  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (wrote_chunk_cb), stream);
  g_signal_connect (msg, "wrote-body-data", G_CALLBACK (wrote_body_data_cb), stream);
  g_signal_connect (msg, "finished", G_CALLBACK (finished_cb), stream);

  stream->subscription = sw_events_subscribe (routes->events, streamed_events, context,
                                              event_cb, stream, NULL);

  interval = g_atomic_int_get (&heartbeat_ms_override);
  stream->heartbeat = g_timeout_source_new (interval > 0 ? interval : SW_EVENTS_HEARTBEAT_MS);
  g_source_set_callback (stream->heartbeat, heartbeat_cb, stream, NULL);
  g_source_attach (stream->heartbeat, context);

  if (socket != NULL)
    {
      stream->hangup = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
      g_source_set_callback (stream->hangup, G_SOURCE_FUNC (hangup_cb), stream, NULL);
      g_source_attach (stream->hangup, context);
    }

  /* Every event goes out as soon as it is written. */
  sw_http_set_corked (msg, FALSE);
  stream_push (stream, g_strdup (": connected\n\n"));
}

static void
event_routes_free (EventRoutes *routes)
{
  /* The server closes its streams before its thread ends. */
  g_warn_if_fail (routes->streams == NULL);
  g_clear_object (&routes->events);
  g_mutex_clear (&routes->lock);
  g_free (routes);
}

void
sw_routes_events_register (SwRouter *router,
                           SwEvents *events)
{
  EventRoutes *routes;

  g_return_if_fail (SW_IS_ROUTER (router));
  g_return_if_fail (SW_IS_EVENTS (events));

  routes = g_new0 (EventRoutes, 1);
  routes->events = g_object_ref (events);
  g_mutex_init (&routes->lock);
  g_object_set_data_full (G_OBJECT (router), ROUTES_KEY, routes,
                          (GDestroyNotify) event_routes_free);

  sw_router_add (router, SOUP_METHOD_GET, "/events/stream", NULL, NULL, get_stream, routes);
}

void
sw_routes_events_close_all (SwRouter *router)
{
  GMainContext *context = g_main_context_get_thread_default ();
  g_autoptr(GList) mine = NULL;
  EventRoutes *routes;

  g_return_if_fail (SW_IS_ROUTER (router));

  routes = g_object_get_data (G_OBJECT (router), ROUTES_KEY);
  if (routes == NULL)
    return;

  /* Only this thread's streams: each is touched only by the thread serving it. */
  g_mutex_lock (&routes->lock);
  for (GList *l = routes->streams; l != NULL; l = l->next)
    {
      EventStream *stream = l->data;

      if (stream->context == context)
        mine = g_list_prepend (mine, stream);
    }
  g_mutex_unlock (&routes->lock);

  for (GList *l = mine; l != NULL; l = l->next)
    stream_close (l->data, STREAM_END);
}

guint
sw_routes_events_get_n_streams (SwRouter *router)
{
  EventRoutes *routes;

  g_return_val_if_fail (SW_IS_ROUTER (router), 0);

  routes = g_object_get_data (G_OBJECT (router), ROUTES_KEY);
  return routes != NULL ? (guint) g_atomic_int_get (&routes->n_streams) : 0;
}

void
_sw_routes_events_set_heartbeat_ms (guint interval_ms)
{
  g_atomic_int_set (&heartbeat_ms_override, interval_ms);
}

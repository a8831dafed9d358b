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

/* Each client of GET /events/stream is one SwHttpMessage kept open with a chunked
 * body, and one subscription on the bus delivered on the server thread's GMainContext.
 * Everything about a stream happens on that thread: events, heartbeats, the HTTP core's
 * callbacks and the end of the stream, so a stream needs no lock. A stream ends exactly
 * once (stream_close), whatever ends it first: the core finishing the response (the
 * client hung up or stopped reading, or a write failed), a backlog over the limit, or
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
  SwHttpMessage *msg;
  guint subscription;
  GSource *heartbeat;
  guint queued_chunks;          /* appended, not yet written */
  gsize queued_bytes;
} EventStream;

typedef enum
{
  STREAM_FINISHED,      /* the core ended the response itself: nothing is left to end */
  STREAM_END,           /* end the body cleanly */
  STREAM_ABORT,         /* drop the connection: the client cannot keep up */
} StreamEnd;

static void
stream_close (EventStream *stream,
              StreamEnd    how)
{
  EventRoutes *routes = stream->routes;
  g_autoptr(SwHttpMessage) msg = g_steal_pointer (&stream->msg);

  sw_events_unsubscribe (routes->events, stream->subscription);
  if (stream->heartbeat != NULL)
    g_source_destroy (stream->heartbeat);
  g_clear_pointer (&stream->heartbeat, g_source_unref);

  g_mutex_lock (&routes->lock);
  routes->streams = g_list_delete_link (routes->streams, stream->link);
  g_mutex_unlock (&routes->lock);
  g_atomic_int_add (&routes->n_streams, -1);
  g_free (stream);

  /* No callback of the stream runs after end_stream, so it may be gone already. An
   * aborted stream is closed at once: its client is not reading, and a clean end would
   * first have to write out everything queued for it. */
  if (how == STREAM_ABORT)
    sw_http_message_end_stream (msg, TRUE);
  else if (how == STREAM_END)
    sw_http_message_end_stream (msg, FALSE);
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
  soup_message_body_append (sw_http_message_get_response_body (stream->msg),
                            SOUP_MEMORY_TAKE, text, length);
  /* Each event goes out now, not with the next one. */
  sw_http_message_resume (stream->msg);
}

/* Every push appends one piece, so each written piece is one event (or heartbeat) out
 * of the backlog. */
static void
wrote_cb (SwHttpMessage *msg,
          gsize          length,
          gpointer       user_data)
{
  EventStream *stream = user_data;

  if (stream->queued_chunks > 0)
    stream->queued_chunks--;
  stream->queued_bytes -= MIN (stream->queued_bytes, length);
}

static void
finished_cb (SwHttpMessage *msg,
             gboolean       completed,
             gpointer       user_data)
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

static void
get_stream (SwHttpMessage *msg,
            GHashTable    *params,
            gpointer       user_data)
{
  EventRoutes *routes = user_data;
  GMainContext *context = g_main_context_get_thread_default ();
  SoupMessageHeaders *headers = sw_http_message_get_response_headers (msg);
  EventStream *stream;
  guint interval;

  sw_http_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "X-Accel-Buffering", "no");
  soup_message_body_set_accumulate (sw_http_message_get_response_body (msg), FALSE);

  stream = g_new0 (EventStream, 1);
  stream->routes = routes;
  stream->msg = sw_http_message_ref (msg);
  stream->context = context;
  g_mutex_lock (&routes->lock);
  routes->streams = g_list_prepend (routes->streams, stream);
  stream->link = routes->streams;
  g_mutex_unlock (&routes->lock);
  g_atomic_int_inc (&routes->n_streams);

  sw_http_message_stream (msg, wrote_cb, finished_cb, stream);

  stream->subscription = sw_events_subscribe (routes->events, streamed_events, context,
                                              event_cb, stream, NULL);

  interval = g_atomic_int_get (&heartbeat_ms_override);
  stream->heartbeat = g_timeout_source_new (interval > 0 ? interval : SW_EVENTS_HEARTBEAT_MS);
  g_source_set_callback (stream->heartbeat, heartbeat_cb, stream, NULL);
  g_source_attach (stream->heartbeat, context);

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

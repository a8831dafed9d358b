/* sw-events.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Event names. The first group is the set webhooks and the internal bus share (all but
 * SW_EVENT_ARTIST_UPDATED may be subscribed by webhooks). */
#define SW_EVENT_ARTIST_NEW                 "artist.new"
#define SW_EVENT_ARTIST_UPDATED             "artist.updated"
#define SW_EVENT_METADATA_FIXED             "metadata.fixed"
#define SW_EVENT_REVIEW_NEEDED              "review.needed"
#define SW_EVENT_RULE_VIOLATION             "rule.violation"
#define SW_EVENT_BULK_COMPLETED             "bulk.completed"
#define SW_EVENT_SCAN_COMPLETED             "scan.completed"
#define SW_EVENT_LIDARR_ARTIST_ADD          "lidarr.artist.add"
#define SW_EVENT_LIDARR_DOWNLOAD            "lidarr.download"
#define SW_EVENT_EMBY_ARTIST_UPDATE         "emby.artist.update"
#define SW_EVENT_EMBY_LIBRARY_SCAN          "emby.library.scan"
#define SW_EVENT_JELLYFIN_ARTIST_UPDATE     "jellyfin.artist.update"
#define SW_EVENT_JELLYFIN_LIBRARY_SCAN      "jellyfin.library.scan"
#define SW_EVENT_FS_DIR_CREATED             "fs.dir.created"
#define SW_EVENT_FS_DIR_REMOVED             "fs.dir.removed"
#define SW_EVENT_FS_UNEXPECTED_WRITE        "fs.unexpected.write"

/* Published on the bus and forwarded on the SSE stream only. Progress of scans, bulk
 * actions and other long operations is one event, told apart by its "op_id". */
#define SW_EVENT_OPERATION_PROGRESS         "operation.progress"
#define SW_EVENT_CONFLICT_CHANGED           "conflict.changed"
#define SW_EVENT_CONNECTION_PUSH_FAILED     "connection.push_failed"
#define SW_EVENT_BACKDROP_COLLISION         "backdrop.collision"
#define SW_EVENT_MBID_REVALIDATION_SUMMARY  "mbid.revalidation.summary"
#define SW_EVENT_ACTIVITY_RECENT            "activity.recent"
#define SW_EVENT_SETTINGS_CHANGED           "settings.changed"
#define SW_EVENT_DASHBOARD_ACTION_RESOLVED  "dashboard.action-resolved"

/* The synthetic event of POST /webhooks/{id}/test. */
#define SW_EVENT_TEST                       "test"

/* SwEvent: one published event. Immutable once published, so it may be shared between
 * threads and kept (sw_event_ref()) for as long as wanted, e.g. in a replay buffer. */
typedef struct _SwEvent SwEvent;

#define SW_TYPE_EVENT (sw_event_get_type ())

GType       sw_event_get_type      (void) G_GNUC_CONST;
SwEvent    *sw_event_ref           (SwEvent *self);
void        sw_event_unref         (SwEvent *self);

/* The event name, e.g. SW_EVENT_SCAN_COMPLETED. */
const char *sw_event_get_name      (SwEvent *self);

/* The data, or NULL for an event without data. The node is sealed
 * (json_node_is_immutable()); do not modify it. */
JsonNode   *sw_event_get_payload   (SwEvent *self);

/* Assigned by the bus when the event is published: starts at 1 and strictly increases in
 * publish order across the whole bus, so it doubles as the SSE event id. */
guint64     sw_event_get_sequence  (SwEvent *self);

/* When it was published, in UTC with microseconds, as a GDateTime (owned by the event)
 * and as microseconds since the Unix epoch. Never decreases with the sequence number,
 * even if the system clock steps back. */
GDateTime  *sw_event_get_timestamp (SwEvent *self);
gint64      sw_event_get_real_time (SwEvent *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwEvent, sw_event_unref)

/* SwEvents: the publish/subscribe bus. The runtime owns one. */
#define SW_TYPE_EVENTS (sw_events_get_type ())

G_DECLARE_FINAL_TYPE (SwEvents, sw_events, SW, EVENTS, GObject)

/* Called on the subscriber's GMainContext. @event is borrowed: ref it to keep it. */
typedef void (*SwEventFunc) (SwEvent  *event,
                             gpointer  user_data);

SwEvents *sw_events_new           (void);

/* Delivers every event published after this call whose name is in @types (NULL: every
 * event) to @func, on @context (NULL: the thread-default context of the calling thread,
 * else the global default). Events reach a subscriber in publish order, one at a time.
 * The subscription holds a reference on @context; a context that is no longer iterated
 * must be unsubscribed, or its queue grows. Returns an id > 0 for
 * sw_events_unsubscribe(). Thread-safe. */
guint     sw_events_subscribe     (SwEvents           *self,
                                   const char *const  *types,
                                   GMainContext       *context,
                                   SwEventFunc         func,
                                   gpointer            user_data,
                                   GDestroyNotify      notify);

/* After this returns @func is not running and is never called again, not even for
 * events already queued. When @func is running on another thread at that moment, this
 * waits for it to return (so do not call it from a thread @func waits for); from inside
 * @func itself it returns at once. Then @notify, if any, is called once, on the calling
 * thread, before this returns. Subscriptions still present when the bus is finalized
 * are removed the same way. Thread-safe. */
void      sw_events_unsubscribe   (SwEvents           *self,
                                   guint               id);

/* Publishes an event from any thread and returns its sequence number. @payload may be
 * NULL; otherwise it is sealed, so the caller must not change it afterwards.
 * sw_events_publish() adds its own reference to @payload; sw_events_publish_take() takes
 * over the caller's, e.g. sw_events_publish_take (events, SW_EVENT_X,
 * json_builder_get_root (builder)). */
guint64   sw_events_publish       (SwEvents           *self,
                                   const char         *name,
                                   JsonNode           *payload);
guint64   sw_events_publish_take  (SwEvents           *self,
                                   const char         *name,
                                   JsonNode           *payload);

G_END_DECLS

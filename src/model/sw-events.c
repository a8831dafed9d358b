/* sw-events.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sw-events.h"

/* How the bus works
 *
 * One mutex guards all mutable state: the subscription list, every context's queue, the
 * sequence counter and each subscription's "active" and "running" marks. Publishing
 * takes it once: it numbers the event and appends an (event, subscription) delivery to
 * the queue of each matching subscription's context. Numbering and queueing happen
 * under the same lock, so every queue is in sequence order.
 *
 * Each GMainContext with subscribers has one SwEventsSource, shared by all the
 * subscriptions on that context. A publish that finds its queue idle wakes it with
 * g_source_set_ready_time (0); its dispatch swaps the queue for an empty one and
 * delivers that batch without the lock held, so publishers never wait for subscribers.
 * Before each call it checks, under the lock, that the subscription is still active and
 * marks it running; unsubscribe clears "active" and waits while another thread has it
 * running. That is what makes unsubscribe final. GLib does not dispatch a source
 * recursively, so a callback that iterates its own context meanwhile gets no further
 * events until it returns: a subscriber never runs concurrently with itself.
 *
 * The mutex lives in SwEventsShared, which each source references, because a source can
 * still be in its dispatch on another thread after the bus is gone. The bus holds the
 * reference on each source and on its context; the GMainContext is released by the bus
 * rather than by the source's finalize, during which GLib still uses the context. */

typedef struct
{
  GMutex mutex;
  GCond cond;    /* broadcast when a callback returns and someone waits for it */
  guint waiters; /* threads in sw_events_unsubscribe() waiting on cond */
} SwEventsShared;

struct _SwEvent
{
  guint64 sequence;
  gint64 real_time;
  JsonNode *payload;
  GDateTime *timestamp; /* made on first use, set atomically */
  char name[];
};

typedef struct _SwEventsSource SwEventsSource;

typedef struct
{
  guint id;
  char **types;
  SwEventFunc func;
  gpointer user_data;
  GDestroyNotify notify;
  SwEventsSource *source; /* while subscribed */

  /* Under the lock. */
  gboolean active;
  GThread *running_in; /* the thread inside func, or NULL */
} SwSubscription;

typedef struct
{
  SwEvent *event;
  SwSubscription *subscription;
} SwDelivery;

struct _SwEventsSource
{
  GSource source;

  SwEventsShared *shared;
  GMainContext *context; /* the bus's reference */
  GArray *batch;         /* of SwDelivery, being delivered; touched by dispatch only */

  /* Under the lock. */
  GArray *queue; /* of SwDelivery */
  gboolean woken;
  guint n_subscriptions;
};

struct _SwEvents
{
  GObject parent_instance;

  SwEventsShared *shared;

  /* Under the lock. */
  GPtrArray *subscriptions; /* of SwSubscription, each holding one reference */
  GPtrArray *sources;       /* of SwEventsSource, each holding one reference */
  guint last_id;
  guint64 last_sequence;
  gint64 last_time;
};

G_DEFINE_BOXED_TYPE (SwEvent, sw_event, sw_event_ref, sw_event_unref)
G_DEFINE_FINAL_TYPE (SwEvents, sw_events, G_TYPE_OBJECT)

/* A batch buffer that grew past this many deliveries is given back after use. */
#define BATCH_KEEP_CAPACITY 1024

/* SwEvent */

static SwEvent *
sw_event_new (const char *name,
              JsonNode   *payload)
{
  gsize len = strlen (name);
  SwEvent *self = g_atomic_rc_box_alloc0 (sizeof (SwEvent) + len + 1);

  memcpy (self->name, name, len + 1);
  self->payload = payload;

  return self;
}

static void
sw_event_clear (gpointer data)
{
  SwEvent *self = data;

  g_clear_pointer (&self->payload, json_node_unref);
  g_clear_pointer (&self->timestamp, g_date_time_unref);
}

SwEvent *
sw_event_ref (SwEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
sw_event_unref (SwEvent *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, sw_event_clear);
}

const char *
sw_event_get_name (SwEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

JsonNode *
sw_event_get_payload (SwEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->payload;
}

guint64
sw_event_get_sequence (SwEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->sequence;
}

gint64
sw_event_get_real_time (SwEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->real_time;
}

GDateTime *
sw_event_get_timestamp (SwEvent *self)
{
  GDateTime *timestamp;

  g_return_val_if_fail (self != NULL, NULL);

  /* Most events are never asked for one, so it is made here; two threads may race to
   * make it, and the loser's copy is dropped. */
  timestamp = g_atomic_pointer_get (&self->timestamp);
  if (timestamp == NULL)
    {
      g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (self->real_time
                                                                    / G_USEC_PER_SEC);

      timestamp = g_date_time_add (seconds, self->real_time % G_USEC_PER_SEC);
      if (!g_atomic_pointer_compare_and_exchange (&self->timestamp, NULL, timestamp))
        {
          g_date_time_unref (timestamp);
          timestamp = g_atomic_pointer_get (&self->timestamp);
        }
    }

  return timestamp;
}

/* Shared lock */

static void
sw_events_shared_clear (gpointer data)
{
  SwEventsShared *shared = data;

  g_mutex_clear (&shared->mutex);
  g_cond_clear (&shared->cond);
}

static SwEventsShared *
sw_events_shared_new (void)
{
  SwEventsShared *shared = g_atomic_rc_box_new0 (SwEventsShared);

  g_mutex_init (&shared->mutex);
  g_cond_init (&shared->cond);

  return shared;
}

static void
sw_events_shared_unref (SwEventsShared *shared)
{
  g_atomic_rc_box_release_full (shared, sw_events_shared_clear);
}

/* Subscriptions and deliveries */

static void
sw_subscription_clear (gpointer data)
{
  SwSubscription *sub = data;

  g_clear_pointer (&sub->types, g_strfreev);
}

static void
sw_subscription_unref (SwSubscription *sub)
{
  g_atomic_rc_box_release_full (sub, sw_subscription_clear);
}

static gboolean
sw_subscription_wants (SwSubscription *sub,
                       const char     *name)
{
  return sub->types == NULL || g_strv_contains ((const char *const *)sub->types, name);
}

/* Releases the references the deliveries hold and empties the array. Call it without
 * the lock: the last reference on an event frees its payload. */
static void
sw_deliveries_clear (GArray *deliveries)
{
  for (guint i = 0; i < deliveries->len; i++)
    {
      SwDelivery *delivery = &g_array_index (deliveries, SwDelivery, i);

      sw_event_unref (delivery->event);
      sw_subscription_unref (delivery->subscription);
    }
  g_array_set_size (deliveries, 0);
}

static GArray *
sw_deliveries_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (SwDelivery));
}

/* SwEventsSource */

static gboolean
sw_events_source_dispatch (GSource     *source,
                           GSourceFunc  callback G_GNUC_UNUSED,
                           gpointer     user_data G_GNUC_UNUSED)
{
  SwEventsSource *self = (SwEventsSource *)source;
  SwEventsShared *shared = self->shared;
  GArray *batch;

  /* Take everything queued so far; what is published meanwhile waits for the next
   * dispatch, so other sources of this context get their turn in between. */
  g_mutex_lock (&shared->mutex);
  batch = self->queue;
  self->queue = self->batch;
  self->batch = batch;
  self->woken = FALSE;
  g_source_set_ready_time (source, -1);
  g_mutex_unlock (&shared->mutex);

  for (guint i = 0; i < batch->len; i++)
    {
      SwDelivery *delivery = &g_array_index (batch, SwDelivery, i);
      SwSubscription *sub = delivery->subscription;
      gboolean active;

      g_mutex_lock (&shared->mutex);
      active = sub->active;
      if (active)
        sub->running_in = g_thread_self ();
      g_mutex_unlock (&shared->mutex);

      if (!active)
        continue;

      sub->func (delivery->event, sub->user_data);

      g_mutex_lock (&shared->mutex);
      sub->running_in = NULL;
      if (shared->waiters > 0)
        g_cond_broadcast (&shared->cond);
      g_mutex_unlock (&shared->mutex);
    }

  /* A GSource is never dispatched recursively, so self->batch is still this array. */
  if (batch->len > BATCH_KEEP_CAPACITY)
    {
      self->batch = sw_deliveries_new ();
      sw_deliveries_clear (batch);
      g_array_unref (batch);
    }
  else
    {
      sw_deliveries_clear (batch);
    }

  return G_SOURCE_CONTINUE;
}

static void
sw_events_source_finalize (GSource *source)
{
  SwEventsSource *self = (SwEventsSource *)source;

  /* Nothing else can reach the source now, so no lock. */
  sw_deliveries_clear (self->queue);
  sw_deliveries_clear (self->batch);
  g_clear_pointer (&self->queue, g_array_unref);
  g_clear_pointer (&self->batch, g_array_unref);
  g_clear_pointer (&self->shared, sw_events_shared_unref);
}

static GSourceFuncs sw_events_source_funcs = {
  .dispatch = sw_events_source_dispatch,
  .finalize = sw_events_source_finalize,
};

/* Takes over @context. */
static SwEventsSource *
sw_events_source_new (SwEventsShared *shared,
                      GMainContext   *context)
{
  GSource *source = g_source_new (&sw_events_source_funcs, sizeof (SwEventsSource));
  SwEventsSource *self = (SwEventsSource *)source;

  self->shared = g_atomic_rc_box_acquire (shared);
  self->context = context;
  self->queue = sw_deliveries_new ();
  self->batch = sw_deliveries_new ();

  g_source_set_static_name (source, "SwEvents");
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_ready_time (source, -1);

  return self;
}

/* Destroys a source the bus no longer lists. Call it without the lock. */
static void
sw_events_source_discard (SwEventsSource *self)
{
  GMainContext *context = self->context;

  g_source_destroy ((GSource *)self);
  g_source_unref ((GSource *)self);
  g_main_context_unref (context);
}

/* SwEvents */

/* With the lock held, takes @sub, already off the subscription list, out of service:
 * after this no delivery will call it and it is not running on another thread. Its
 * queued deliveries move to @dropped. Returns its source if no subscription uses it any
 * more; the source is then off the list too, for sw_events_source_discard(). */
static SwEventsSource *
sw_events_deactivate_locked (SwEvents       *self,
                             SwSubscription *sub,
                             GArray         *dropped)
{
  SwEventsSource *source = sub->source;
  GArray *queue = source->queue;
  guint kept = 0;

  sub->active = FALSE;
  sub->source = NULL;

  for (guint i = 0; i < queue->len; i++)
    {
      SwDelivery *delivery = &g_array_index (queue, SwDelivery, i);

      if (delivery->subscription == sub)
        g_array_append_vals (dropped, delivery, 1);
      else
        g_array_index (queue, SwDelivery, kept++) = *delivery;
    }
  g_array_set_size (queue, kept);

  source->n_subscriptions--;
  if (source->n_subscriptions == 0)
    g_ptr_array_remove_fast (self->sources, source);
  else
    source = NULL;

  /* A delivery that passed the "active" check before we cleared it may still be inside
   * the callback on the context's thread. From that thread itself (the callback is
   * unsubscribing) there is nothing to wait for. */
  while (sub->running_in != NULL && sub->running_in != g_thread_self ())
    {
      self->shared->waiters++;
      g_cond_wait (&self->shared->cond, &self->shared->mutex);
      self->shared->waiters--;
    }

  return source;
}

/* The rest of a removal, without the lock. */
static void
sw_events_finish_removal (SwSubscription *sub,
                          SwEventsSource *dead_source)
{
  if (sub->notify != NULL)
    sub->notify (sub->user_data);
  sw_subscription_unref (sub);

  if (dead_source != NULL)
    sw_events_source_discard (dead_source);
}

static void
sw_events_dispose (GObject *object)
{
  SwEvents *self = (SwEvents *)object;
  g_autoptr(GPtrArray) removed = g_ptr_array_new ();
  g_autoptr(GPtrArray) dead_sources = g_ptr_array_new ();
  g_autoptr(GArray) dropped = sw_deliveries_new ();

  g_mutex_lock (&self->shared->mutex);
  while (self->subscriptions->len > 0)
    {
      SwSubscription *sub = g_ptr_array_steal_index (self->subscriptions, 0);
      SwEventsSource *dead_source = sw_events_deactivate_locked (self, sub, dropped);

      g_ptr_array_add (removed, sub);
      if (dead_source != NULL)
        g_ptr_array_add (dead_sources, dead_source);
    }
  g_mutex_unlock (&self->shared->mutex);

  sw_deliveries_clear (dropped);
  for (guint i = 0; i < removed->len; i++)
    sw_events_finish_removal (g_ptr_array_index (removed, i), NULL);
  for (guint i = 0; i < dead_sources->len; i++)
    sw_events_source_discard (g_ptr_array_index (dead_sources, i));

  G_OBJECT_CLASS (sw_events_parent_class)->dispose (object);
}

static void
sw_events_finalize (GObject *object)
{
  SwEvents *self = (SwEvents *)object;

  g_clear_pointer (&self->subscriptions, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->shared, sw_events_shared_unref);

  G_OBJECT_CLASS (sw_events_parent_class)->finalize (object);
}

static void
sw_events_class_init (SwEventsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sw_events_dispose;
  object_class->finalize = sw_events_finalize;
}

static void
sw_events_init (SwEvents *self)
{
  self->shared = sw_events_shared_new ();
  self->subscriptions = g_ptr_array_new ();
  self->sources = g_ptr_array_new ();
}

SwEvents *
sw_events_new (void)
{
  return g_object_new (SW_TYPE_EVENTS, NULL);
}

guint
sw_events_subscribe (SwEvents           *self,
                     const char *const  *types,
                     GMainContext       *context,
                     SwEventFunc         func,
                     gpointer            user_data,
                     GDestroyNotify      notify)
{
  g_autoptr(GMainContext) target = NULL;
  SwEventsSource *source = NULL;
  SwSubscription *sub;
  guint id;

  g_return_val_if_fail (SW_IS_EVENTS (self), 0);
  g_return_val_if_fail (types == NULL || types[0] != NULL, 0);
  g_return_val_if_fail (func != NULL, 0);

  if (context != NULL)
    target = g_main_context_ref (context);
  else
    target = g_main_context_ref_thread_default ();

  sub = g_atomic_rc_box_new0 (SwSubscription);
  sub->types = g_strdupv ((char **)types);
  sub->func = func;
  sub->user_data = user_data;
  sub->notify = notify;
  sub->active = TRUE;

  g_mutex_lock (&self->shared->mutex);

  for (guint i = 0; i < self->sources->len && source == NULL; i++)
    {
      SwEventsSource *candidate = g_ptr_array_index (self->sources, i);

      if (candidate->context == target)
        source = candidate;
    }

  if (source == NULL)
    {
      source = sw_events_source_new (self->shared, g_steal_pointer (&target));
      g_source_attach ((GSource *)source, source->context);
      g_ptr_array_add (self->sources, source);
    }

  source->n_subscriptions++;
  sub->source = source;

  /* Ids are not reused before 2^32 subscriptions; 0 is never one. */
  id = ++self->last_id;
  if (id == 0)
    id = ++self->last_id;
  sub->id = id;
  g_ptr_array_add (self->subscriptions, sub);

  g_mutex_unlock (&self->shared->mutex);

  return id;
}

void
sw_events_unsubscribe (SwEvents *self,
                       guint     id)
{
  g_autoptr(GArray) dropped = NULL;
  SwSubscription *sub = NULL;
  SwEventsSource *dead_source;

  g_return_if_fail (SW_IS_EVENTS (self));
  g_return_if_fail (id > 0);

  g_mutex_lock (&self->shared->mutex);

  for (guint i = 0; i < self->subscriptions->len; i++)
    {
      SwSubscription *candidate = g_ptr_array_index (self->subscriptions, i);

      if (candidate->id == id)
        {
          sub = g_ptr_array_steal_index (self->subscriptions, i);
          break;
        }
    }

  if (sub == NULL)
    {
      g_mutex_unlock (&self->shared->mutex);
      g_critical ("%s: no subscription with id %u", G_STRFUNC, id);
      return;
    }

  dropped = sw_deliveries_new ();
  dead_source = sw_events_deactivate_locked (self, sub, dropped);

  g_mutex_unlock (&self->shared->mutex);

  sw_deliveries_clear (dropped);
  sw_events_finish_removal (sub, dead_source);
}

guint64
sw_events_publish_take (SwEvents   *self,
                        const char *name,
                        JsonNode   *payload)
{
  g_autoptr(SwEvent) event = NULL;
  guint64 sequence;
  gint64 now;

  g_return_val_if_fail (SW_IS_EVENTS (self), 0);
  g_return_val_if_fail (name != NULL && *name != '\0', 0);

  if (payload != NULL)
    json_node_seal (payload);
  event = sw_event_new (name, payload);
  now = g_get_real_time ();

  g_mutex_lock (&self->shared->mutex);

  /* Clamped so that time never goes back as the sequence goes up. */
  self->last_time = MAX (self->last_time, now);
  event->real_time = self->last_time;
  event->sequence = ++self->last_sequence;
  sequence = event->sequence;

  for (guint i = 0; i < self->subscriptions->len; i++)
    {
      SwSubscription *sub = g_ptr_array_index (self->subscriptions, i);
      SwEventsSource *source = sub->source;
      SwDelivery delivery;

      if (!sw_subscription_wants (sub, event->name))
        continue;

      delivery.event = sw_event_ref (event);
      delivery.subscription = g_atomic_rc_box_acquire (sub);
      g_array_append_vals (source->queue, &delivery, 1);

      if (!source->woken)
        {
          source->woken = TRUE;
          g_source_set_ready_time ((GSource *)source, 0);
        }
    }

  g_mutex_unlock (&self->shared->mutex);

  return sequence;
}

guint64
sw_events_publish (SwEvents   *self,
                   const char *name,
                   JsonNode   *payload)
{
  g_return_val_if_fail (SW_IS_EVENTS (self), 0);
  g_return_val_if_fail (name != NULL && *name != '\0', 0);

  return sw_events_publish_take (self, name, payload != NULL ? json_node_ref (payload) : NULL);
}

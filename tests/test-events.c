/* test-events.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-events.h"

#define TEST_DONE "test.done"

/* Helpers */

/* Collects what one subscription receives, and where. */
typedef struct
{
  GPtrArray *events;     /* of SwEvent, in delivery order */
  GMainContext *context; /* where deliveries are expected */
  GThread *thread;       /* which thread they are expected on */
  guint misplaced;       /* deliveries on another thread or outside the context */
  guint notified;
} Recorder;

static Recorder *
recorder_new (GMainContext *context,
              GThread      *thread)
{
  Recorder *recorder = g_new0 (Recorder, 1);

  recorder->events = g_ptr_array_new_with_free_func ((GDestroyNotify)sw_event_unref);
  recorder->context = context != NULL ? context : g_main_context_default ();
  recorder->thread = thread != NULL ? thread : g_thread_self ();

  return recorder;
}

static void
recorder_free (Recorder *recorder)
{
  g_ptr_array_unref (recorder->events);
  g_free (recorder);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Recorder, recorder_free)

static void
record_event (SwEvent  *event,
              gpointer  user_data)
{
  Recorder *recorder = user_data;

  if (g_thread_self () != recorder->thread || !g_main_context_is_owner (recorder->context))
    recorder->misplaced++;
  g_ptr_array_add (recorder->events, sw_event_ref (event));
}

static void
record_notify (gpointer user_data)
{
  Recorder *recorder = user_data;

  recorder->notified++;
}

static const char *
recorded_name (Recorder *recorder,
               guint     index)
{
  return sw_event_get_name (g_ptr_array_index (recorder->events, index));
}

/* Dispatches whatever is ready on @context without blocking. Everything in these tests
 * that is published from the calling thread is ready at once. */
static void
drain (GMainContext *context)
{
  if (context == NULL)
    context = g_main_context_default ();
  while (g_main_context_iteration (context, FALSE))
    ;
}

static void
wait_for_flag (int *flag)
{
  while (!g_atomic_int_get (flag))
    g_usleep (1000);
}

static JsonNode *
make_payload (const char *key,
              gint64      value)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (object, key, value);
  json_node_take_object (node, object);

  return node;
}

static gint64
payload_int (SwEvent    *event,
             const char *key)
{
  JsonNode *payload = sw_event_get_payload (event);

  g_assert_nonnull (payload);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (payload));
  g_assert_true (json_object_has_member (json_node_get_object (payload), key));

  return json_object_get_int_member (json_node_get_object (payload), key);
}

/* A thread running its own GMainContext until TEST_DONE is published. */
typedef struct
{
  SwEvents *events;
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;

  /* If set, subscribed from the worker thread with a NULL context (so the thread-default
   * one) and unsubscribed there when the loop ends. */
  SwEventFunc func;
  gpointer func_data;

  int ready;
} Worker;

static void
quit_loop (SwEvent  *event G_GNUC_UNUSED,
           gpointer  user_data)
{
  g_main_loop_quit (user_data);
}

static gpointer
worker_main (gpointer data)
{
  Worker *worker = data;
  const char *done[] = { TEST_DONE, NULL };
  guint func_id = 0;
  guint quit_id;

  g_main_context_push_thread_default (worker->context);

  if (worker->func != NULL)
    func_id = sw_events_subscribe (worker->events, NULL, NULL, worker->func, worker->func_data,
                                   NULL);
  quit_id = sw_events_subscribe (worker->events, done, NULL, quit_loop, worker->loop, NULL);
  g_atomic_int_set (&worker->ready, 1);

  g_main_loop_run (worker->loop);

  sw_events_unsubscribe (worker->events, quit_id);
  if (func_id != 0)
    sw_events_unsubscribe (worker->events, func_id);

  g_main_context_pop_thread_default (worker->context);

  return NULL;
}

static Worker *
worker_new (SwEvents    *events,
            SwEventFunc  func,
            gpointer     func_data)
{
  Worker *worker = g_new0 (Worker, 1);

  worker->events = g_object_ref (events);
  worker->context = g_main_context_new ();
  worker->loop = g_main_loop_new (worker->context, FALSE);
  worker->func = func;
  worker->func_data = func_data;

  return worker;
}

static void
worker_start (Worker *worker)
{
  worker->thread = g_thread_new ("test-worker", worker_main, worker);
  wait_for_flag (&worker->ready);
}

/* Publishes TEST_DONE, waits for the worker to end and frees it. */
static void
worker_finish (Worker *worker)
{
  sw_events_publish (worker->events, TEST_DONE, NULL);
  g_thread_join (worker->thread);

  g_main_loop_unref (worker->loop);
  g_main_context_unref (worker->context);
  g_object_unref (worker->events);
  g_free (worker);
}

/* Tests */

static void
test_delivers_on_main_context (void)
{
  g_autoptr(SwEvents) events = sw_events_new ();
  g_autoptr(Recorder) recorder = recorder_new (NULL, NULL);
  JsonObject *object = json_object_new ();
  JsonNode *payload = json_node_new (JSON_NODE_OBJECT);
  SwEvent *event;
  GDateTime *timestamp;
  gint64 before, after;
  guint64 sequence;
  guint id;

  json_object_set_string_member (object, "artist_id", "a1");
  json_node_take_object (payload, object);

  id = sw_events_subscribe (events, NULL, NULL, record_event, recorder, NULL);
  g_assert_cmpuint (id, >, 0);

  before = g_get_real_time ();
  sequence = sw_events_publish_take (events, SW_EVENT_ARTIST_UPDATED, payload);
  after = g_get_real_time ();
  g_assert_cmpuint (sequence, ==, 1);

  /* Delivery goes through the context, never from inside publish. */
  g_assert_cmpuint (recorder->events->len, ==, 0);
  drain (NULL);
  g_assert_cmpuint (recorder->events->len, ==, 1);
  g_assert_cmpuint (recorder->misplaced, ==, 0);

  event = g_ptr_array_index (recorder->events, 0);
  g_assert_cmpstr (sw_event_get_name (event), ==, "artist.updated");
  g_assert_cmpuint (sw_event_get_sequence (event), ==, sequence);
  g_assert_true (sw_event_get_payload (event) == payload);
  g_assert_true (json_node_is_immutable (sw_event_get_payload (event)));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (payload), "artist_id"),
                   ==, "a1");

  g_assert_cmpint (sw_event_get_real_time (event), >=, before);
  g_assert_cmpint (sw_event_get_real_time (event), <=, after);
  timestamp = sw_event_get_timestamp (event);
  g_assert_nonnull (timestamp);
  g_assert_true (timestamp == sw_event_get_timestamp (event));
  g_assert_cmpint (g_date_time_get_utc_offset (timestamp), ==, 0);
  g_assert_cmpint (g_date_time_to_unix (timestamp) * G_USEC_PER_SEC
                   + g_date_time_get_microsecond (timestamp),
                   ==, sw_event_get_real_time (event));

  /* Delivered once only. */
  drain (NULL);
  g_assert_cmpuint (recorder->events->len, ==, 1);

  sw_events_unsubscribe (events, id);
}

static void
test_filters_by_type (void)
{
  g_autoptr(SwEvents) events = sw_events_new ();
  g_autoptr(Recorder) updates = recorder_new (NULL, NULL);
  g_autoptr(Recorder) scans = recorder_new (NULL, NULL);
  g_autoptr(Recorder) all = recorder_new (NULL, NULL);
  const char *update_types[] = { SW_EVENT_ARTIST_UPDATED, NULL };
  const char *scan_types[] = { SW_EVENT_SCAN_COMPLETED, SW_EVENT_FS_DIR_CREATED, NULL };
  const char *published[] = {
    SW_EVENT_ARTIST_UPDATED, SW_EVENT_SCAN_COMPLETED, SW_EVENT_FS_DIR_CREATED,
    SW_EVENT_ARTIST_NEW, SW_EVENT_SCAN_COMPLETED, SW_EVENT_ARTIST_UPDATED,
    SW_EVENT_OPERATION_PROGRESS,
  };
  guint ids[3];

  ids[0] = sw_events_subscribe (events, update_types, NULL, record_event, updates, NULL);
  ids[1] = sw_events_subscribe (events, scan_types, NULL, record_event, scans, NULL);
  ids[2] = sw_events_subscribe (events, NULL, NULL, record_event, all, NULL);
  g_assert_cmpuint (ids[0], !=, ids[1]);
  g_assert_cmpuint (ids[1], !=, ids[2]);

  for (guint i = 0; i < G_N_ELEMENTS (published); i++)
    sw_events_publish (events, published[i], NULL);
  drain (NULL);

  g_assert_cmpuint (updates->events->len, ==, 2);
  g_assert_cmpstr (recorded_name (updates, 0), ==, "artist.updated");
  g_assert_cmpstr (recorded_name (updates, 1), ==, "artist.updated");
  g_assert_cmpuint (sw_event_get_sequence (g_ptr_array_index (updates->events, 0)), ==, 1);
  g_assert_cmpuint (sw_event_get_sequence (g_ptr_array_index (updates->events, 1)), ==, 6);

  g_assert_cmpuint (scans->events->len, ==, 3);
  g_assert_cmpstr (recorded_name (scans, 0), ==, "scan.completed");
  g_assert_cmpstr (recorded_name (scans, 1), ==, "fs.dir.created");
  g_assert_cmpstr (recorded_name (scans, 2), ==, "scan.completed");

  g_assert_cmpuint (all->events->len, ==, G_N_ELEMENTS (published));
  for (guint i = 0; i < G_N_ELEMENTS (published); i++)
    {
      g_assert_cmpstr (recorded_name (all, i), ==, published[i]);
      g_assert_null (sw_event_get_payload (g_ptr_array_index (all->events, i)));
    }

  /* The same event object reaches every subscriber that wants it. */
  g_assert_true (g_ptr_array_index (updates->events, 0) == g_ptr_array_index (all->events, 0));

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    sw_events_unsubscribe (events, ids[i]);
}

/* Publishes 1..n as {"<from>": i} from a thread of its own. */
typedef struct
{
  SwEvents *events;
  const char *from;
  guint n;
} Publisher;

static gpointer
publisher_main (gpointer data)
{
  Publisher *publisher = data;

  for (guint i = 1; i <= publisher->n; i++)
    sw_events_publish_take (publisher->events, SW_EVENT_OPERATION_PROGRESS,
                            make_payload (publisher->from, i));

  return NULL;
}

/* Events from "main" and "third" each arrive complete and in order. */
static void
assert_two_sources_in_order (Recorder *recorder,
                             guint     n)
{
  gint64 next_main = 1, next_third = 1;
  guint64 last_sequence = 0;

  g_assert_cmpuint (recorder->misplaced, ==, 0);
  g_assert_cmpuint (recorder->events->len, ==, 2 * n + 1);

  for (guint i = 0; i < 2 * n; i++)
    {
      SwEvent *event = g_ptr_array_index (recorder->events, i);
      JsonObject *object = json_node_get_object (sw_event_get_payload (event));

      g_assert_cmpuint (sw_event_get_sequence (event), >, last_sequence);
      last_sequence = sw_event_get_sequence (event);

      if (json_object_has_member (object, "main"))
        g_assert_cmpint (payload_int (event, "main"), ==, next_main++);
      else
        g_assert_cmpint (payload_int (event, "third"), ==, next_third++);
    }
  g_assert_cmpint (next_main, ==, n + 1);
  g_assert_cmpint (next_third, ==, n + 1);
  g_assert_cmpstr (recorded_name (recorder, 2 * n), ==, TEST_DONE);
}

static void
test_delivers_on_other_thread (void)
{
  const guint n = 2000;
  g_autoptr(SwEvents) events = sw_events_new ();
  g_autoptr(Recorder) own = NULL;      /* subscribed by the worker, thread-default context */
  g_autoptr(Recorder) explicit = NULL; /* subscribed here, naming the worker's context */
  Publisher third = { events, "third", n };
  GThread *third_thread;
  Worker *worker;
  guint explicit_id;

  own = recorder_new (NULL, NULL);
  worker = worker_new (events, record_event, own);
  own->context = worker->context;
  explicit = recorder_new (worker->context, NULL);
  worker_start (worker);
  own->thread = explicit->thread = worker->thread;

  explicit_id = sw_events_subscribe (events, NULL, worker->context, record_event, explicit,
                                     NULL);

  third_thread = g_thread_new ("test-publisher", publisher_main, &third);
  for (guint i = 1; i <= n; i++)
    sw_events_publish_take (events, SW_EVENT_OPERATION_PROGRESS, make_payload ("main", i));
  g_thread_join (third_thread);

  worker_finish (worker);

  assert_two_sources_in_order (own, n);
  assert_two_sources_in_order (explicit, n);

  /* Nothing reached the main thread's context. */
  drain (NULL);
  sw_events_unsubscribe (events, explicit_id);
  g_assert_cmpuint (explicit->events->len, ==, 2 * n + 1);
}

typedef struct
{
  SwEvents *events;
  guint id;
  guint calls;
  guint notified;
  gboolean in_callback;
  gboolean notified_in_callback;
} SelfRemover;

static void
unsubscribe_self (SwEvent  *event G_GNUC_UNUSED,
                  gpointer  user_data)
{
  SelfRemover *remover = user_data;

  remover->calls++;
  remover->in_callback = TRUE;
  sw_events_unsubscribe (remover->events, remover->id);
  remover->in_callback = FALSE;
}

static void
self_remover_notify (gpointer user_data)
{
  SelfRemover *remover = user_data;

  remover->notified++;
  remover->notified_in_callback = remover->in_callback;
}

static void
test_unsubscribe_drops_queued (void)
{
  g_autoptr(SwEvents) events = sw_events_new ();
  g_autoptr(Recorder) gone = recorder_new (NULL, NULL);
  g_autoptr(Recorder) stays = recorder_new (NULL, NULL);
  g_autoptr(GMainContext) idle_context = g_main_context_new ();
  g_autoptr(Recorder) elsewhere = recorder_new (idle_context, NULL);
  SelfRemover remover = { events, 0, 0, 0, FALSE, FALSE };
  guint gone_id, stays_id, elsewhere_id;

  /* Two subscriptions share the main context; one leaves with events queued. */
  gone_id = sw_events_subscribe (events, NULL, NULL, record_event, gone, record_notify);
  stays_id = sw_events_subscribe (events, NULL, NULL, record_event, stays, record_notify);
  for (guint i = 0; i < 3; i++)
    sw_events_publish (events, SW_EVENT_ARTIST_NEW, NULL);

  sw_events_unsubscribe (events, gone_id);
  g_assert_cmpuint (gone->notified, ==, 1);
  drain (NULL);
  g_assert_cmpuint (gone->events->len, ==, 0);
  g_assert_cmpuint (stays->events->len, ==, 3);

  /* A callback that unsubscribes itself is not called for the rest of its batch; its
   * notify runs inside that call. */
  remover.id = sw_events_subscribe (events, NULL, NULL, unsubscribe_self, &remover,
                                    self_remover_notify);
  for (guint i = 0; i < 5; i++)
    sw_events_publish (events, SW_EVENT_ARTIST_NEW, NULL);
  drain (NULL);
  g_assert_cmpuint (remover.calls, ==, 1);
  g_assert_cmpuint (remover.notified, ==, 1);
  g_assert_true (remover.notified_in_callback);
  g_assert_cmpuint (stays->events->len, ==, 8);

  /* On a context nobody iterates yet: queued, then unsubscribed, then iterated. */
  elsewhere_id = sw_events_subscribe (events, NULL, idle_context, record_event, elsewhere,
                                      record_notify);
  sw_events_publish (events, SW_EVENT_SCAN_COMPLETED, NULL);
  sw_events_publish (events, SW_EVENT_SCAN_COMPLETED, NULL);
  g_assert_true (g_main_context_pending (idle_context));
  sw_events_unsubscribe (events, elsewhere_id);
  g_assert_cmpuint (elsewhere->notified, ==, 1);
  drain (idle_context);
  g_assert_cmpuint (elsewhere->events->len, ==, 0);
  /* Its last subscription gone, the bus left that context. */
  g_assert_false (g_main_context_pending (idle_context));

  drain (NULL);
  g_assert_cmpuint (stays->events->len, ==, 10);
  sw_events_unsubscribe (events, stays_id);
  g_assert_cmpuint (stays->notified, ==, 1);
  g_assert_cmpuint (gone->notified, ==, 1);
  g_assert_cmpuint (remover.notified, ==, 1);
}

typedef struct
{
  int calls;
  int entered;
  int finished;
  int notified;
  int finished_at_notify;
} SlowCallback;

static void
slow_callback (SwEvent  *event G_GNUC_UNUSED,
               gpointer  user_data)
{
  SlowCallback *slow = user_data;

  g_atomic_int_inc (&slow->calls);
  g_atomic_int_set (&slow->entered, 1);
  g_usleep (100 * 1000);
  g_atomic_int_set (&slow->finished, 1);
}

static void
slow_notify (gpointer user_data)
{
  SlowCallback *slow = user_data;

  g_atomic_int_set (&slow->finished_at_notify, g_atomic_int_get (&slow->finished));
  g_atomic_int_inc (&slow->notified);
}

static void
test_unsubscribe_waits_for_running_callback (void)
{
  g_autoptr(SwEvents) events = sw_events_new ();
  SlowCallback slow = { 0, 0, 0, 0, 0 };
  Worker *worker = worker_new (events, NULL, NULL);
  guint id;

  worker_start (worker);
  id = sw_events_subscribe (events, NULL, worker->context, slow_callback, &slow, slow_notify);

  sw_events_publish (events, SW_EVENT_ARTIST_UPDATED, NULL);
  wait_for_flag (&slow.entered);

  /* The callback is running on the worker; unsubscribe returns only once it is done,
   * and calls notify after that. */
  sw_events_unsubscribe (events, id);
  g_assert_cmpint (g_atomic_int_get (&slow.finished), ==, 1);
  g_assert_cmpint (g_atomic_int_get (&slow.notified), ==, 1);
  g_assert_cmpint (g_atomic_int_get (&slow.finished_at_notify), ==, 1);

  sw_events_publish (events, SW_EVENT_ARTIST_UPDATED, NULL);
  worker_finish (worker);
  g_assert_cmpint (g_atomic_int_get (&slow.calls), ==, 1);
  g_assert_cmpint (g_atomic_int_get (&slow.notified), ==, 1);
}

static void
test_notify_once (void)
{
  SwEvents *events = sw_events_new ();
  g_autoptr(Recorder) first = recorder_new (NULL, NULL);
  g_autoptr(Recorder) second = recorder_new (NULL, NULL);
  g_autoptr(Recorder) third = recorder_new (NULL, NULL);
  g_autoptr(GMainContext) other_context = g_main_context_new ();
  guint first_id;

  first_id = sw_events_subscribe (events, NULL, NULL, record_event, first, record_notify);
  g_assert_cmpuint (first->notified, ==, 0);
  sw_events_unsubscribe (events, first_id);
  g_assert_cmpuint (first->notified, ==, 1);

  /* Unsubscribing again is a programming error, and notifies nobody. (A critical is
   * fatal under GTest and g_test_expect_message() does not see structured logging in
   * GLib 2.74, so this runs in a subprocess.) */
  if (g_test_undefined ())
    {
      if (g_test_subprocess ())
        {
          sw_events_unsubscribe (events, first_id);
          return;
        }
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_failed ();
      g_test_trap_assert_stderr ("*CRITICAL*no subscription with id 1*");
    }
  g_assert_cmpuint (first->notified, ==, 1);

  /* Subscriptions left when the bus goes are removed then: notified once, and what was
   * queued for them is dropped. */
  sw_events_subscribe (events, NULL, NULL, record_event, second, record_notify);
  sw_events_subscribe (events, NULL, other_context, record_event, third, record_notify);
  sw_events_publish (events, SW_EVENT_ARTIST_NEW, NULL);
  g_assert_true (g_main_context_pending (other_context));
  g_object_unref (events);

  g_assert_cmpuint (second->notified, ==, 1);
  g_assert_cmpuint (third->notified, ==, 1);
  drain (NULL);
  drain (other_context);
  g_assert_cmpuint (second->events->len, ==, 0);
  g_assert_cmpuint (third->events->len, ==, 0);
  g_assert_false (g_main_context_pending (other_context));
  g_assert_cmpuint (first->notified, ==, 1);
  g_assert_cmpuint (second->notified, ==, 1);
  g_assert_cmpuint (third->notified, ==, 1);
}

/* Many publishers */

#define N_PUBLISHERS 4
#define PER_PUBLISHER 10000

typedef struct
{
  SwEvents *events;
  guint index;
} CountingPublisher;

static gpointer
counting_publisher_main (gpointer data)
{
  CountingPublisher *publisher = data;

  for (guint i = 0; i < PER_PUBLISHER; i++)
    {
      JsonObject *object = json_object_new ();
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_int_member (object, "publisher", publisher->index);
      json_object_set_int_member (object, "index", i);
      json_node_take_object (node, object);
      sw_events_publish_take (publisher->events, SW_EVENT_ARTIST_UPDATED, node);
    }

  return NULL;
}

typedef struct
{
  CountingPublisher publishers[N_PUBLISHERS];
  GThread *threads[N_PUBLISHERS];
  SwEvents *events;
} Publishers;

/* Joins the publishers, then publishes TEST_DONE, which comes after all their events. */
static gpointer
coordinator_main (gpointer data)
{
  Publishers *publishers = data;

  for (guint i = 0; i < N_PUBLISHERS; i++)
    g_thread_join (publishers->threads[i]);
  sw_events_publish (publishers->events, TEST_DONE, NULL);

  return NULL;
}

/* Checks every event as it arrives rather than keeping 40,000 of them. */
typedef struct
{
  GMainContext *context;
  GThread *thread;
  GMainLoop *loop; /* quit on TEST_DONE, if set */
  gint64 next_index[N_PUBLISHERS];
  guint64 last_sequence;
  gint64 last_time;
  guint received;
  guint out_of_order;
  guint misplaced;
  gboolean done;
} Counter;

static void
count_event (SwEvent  *event,
             gpointer  user_data)
{
  Counter *counter = user_data;
  gboolean done = g_str_equal (sw_event_get_name (event), TEST_DONE);
  gint64 publisher, index;

  /* The worker may see a second TEST_DONE, from worker_finish(), before it stops. */
  if (done && counter->done)
    return;

  if (g_thread_self () != counter->thread || !g_main_context_is_owner (counter->context))
    counter->misplaced++;
  if (sw_event_get_sequence (event) <= counter->last_sequence
      || sw_event_get_real_time (event) < counter->last_time)
    counter->out_of_order++;
  counter->last_sequence = sw_event_get_sequence (event);
  counter->last_time = sw_event_get_real_time (event);

  if (done)
    {
      counter->done = TRUE;
      if (counter->loop != NULL)
        g_main_loop_quit (counter->loop);
      return;
    }

  publisher = payload_int (event, "publisher");
  index = payload_int (event, "index");
  g_assert_cmpint (publisher, >=, 0);
  g_assert_cmpint (publisher, <, N_PUBLISHERS);
  if (index != counter->next_index[publisher])
    counter->out_of_order++;
  counter->next_index[publisher] = index + 1;
  counter->received++;
}

static void
assert_counted_all (Counter *counter)
{
  g_assert_true (counter->done);
  g_assert_cmpuint (counter->misplaced, ==, 0);
  g_assert_cmpuint (counter->out_of_order, ==, 0);
  g_assert_cmpuint (counter->received, ==, N_PUBLISHERS * PER_PUBLISHER);
  for (guint i = 0; i < N_PUBLISHERS; i++)
    g_assert_cmpint (counter->next_index[i], ==, PER_PUBLISHER);
  g_assert_cmpuint (counter->last_sequence, ==, N_PUBLISHERS * PER_PUBLISHER + 1);
}

static void
test_many_publishers (void)
{
  g_autoptr(SwEvents) events = sw_events_new ();
  g_autoptr(GMainLoop) main_loop = g_main_loop_new (NULL, FALSE);
  Counter on_main = { 0 }, on_worker = { 0 };
  Publishers publishers = { 0 };
  GThread *coordinator;
  Worker *worker;
  guint main_id;
  gint64 start, elapsed;

  worker = worker_new (events, count_event, &on_worker);
  on_worker.context = worker->context;
  worker_start (worker);
  on_worker.thread = worker->thread;

  on_main.context = g_main_context_default ();
  on_main.thread = g_thread_self ();
  on_main.loop = main_loop;
  main_id = sw_events_subscribe (events, NULL, NULL, count_event, &on_main, NULL);

  start = g_get_monotonic_time ();
  publishers.events = events;
  for (guint i = 0; i < N_PUBLISHERS; i++)
    {
      publishers.publishers[i].events = events;
      publishers.publishers[i].index = i;
      publishers.threads[i] = g_thread_new ("test-publisher", counting_publisher_main,
                                            &publishers.publishers[i]);
    }
  coordinator = g_thread_new ("test-coordinator", coordinator_main, &publishers);

  /* The main thread consumes while the others publish. */
  g_main_loop_run (main_loop);
  g_thread_join (coordinator);

  /* worker_finish() publishes a second TEST_DONE, which ends the worker's loop. */
  worker_finish (worker);
  elapsed = g_get_monotonic_time () - start;

  drain (NULL);
  sw_events_unsubscribe (events, main_id);

  assert_counted_all (&on_main);
  assert_counted_all (&on_worker);

  g_test_message ("%d events from %d threads to 2 subscribers on 2 threads: %.1f ms, "
                  "%.0f events/s",
                  N_PUBLISHERS * PER_PUBLISHER, N_PUBLISHERS, elapsed / 1000.0,
                  N_PUBLISHERS * PER_PUBLISHER / (elapsed / (double)G_USEC_PER_SEC));
}

static void
test_publish_without_subscribers (void)
{
  g_autoptr(SwEvents) events = sw_events_new ();
  g_autoptr(Recorder) late = recorder_new (NULL, NULL);
  g_autoptr(Recorder) filtered = recorder_new (NULL, NULL);
  const char *never[] = { SW_EVENT_FS_UNEXPECTED_WRITE, NULL };
  guint late_id, filtered_id;

  g_assert_cmpuint (sw_events_publish (events, SW_EVENT_ARTIST_NEW, NULL), ==, 1);
  g_assert_cmpuint (sw_events_publish_take (events, SW_EVENT_ARTIST_NEW,
                                            make_payload ("n", 2)), ==, 2);

  filtered_id = sw_events_subscribe (events, never, NULL, record_event, filtered, NULL);
  g_assert_cmpuint (sw_events_publish (events, SW_EVENT_ARTIST_NEW, NULL), ==, 3);
  drain (NULL);
  g_assert_cmpuint (filtered->events->len, ==, 0);

  /* A new subscription sees only what is published after it. */
  late_id = sw_events_subscribe (events, NULL, NULL, record_event, late, NULL);
  g_assert_cmpuint (sw_events_publish (events, SW_EVENT_ARTIST_NEW, NULL), ==, 4);
  drain (NULL);
  g_assert_cmpuint (late->events->len, ==, 1);
  g_assert_cmpuint (sw_event_get_sequence (g_ptr_array_index (late->events, 0)), ==, 4);
  g_assert_cmpuint (filtered->events->len, ==, 0);

  sw_events_unsubscribe (events, late_id);
  sw_events_unsubscribe (events, filtered_id);
}

static void
test_sequence_increases (void)
{
  g_autoptr(SwEvents) events = sw_events_new ();
  g_autoptr(Recorder) recorder = recorder_new (NULL, NULL);
  guint64 returned[100];
  guint id;

  id = sw_events_subscribe (events, NULL, NULL, record_event, recorder, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (returned); i++)
    returned[i] = sw_events_publish (events, i % 2 ? SW_EVENT_ARTIST_NEW : SW_EVENT_TEST,
                                     NULL);
  drain (NULL);

  g_assert_cmpuint (recorder->events->len, ==, G_N_ELEMENTS (returned));
  for (guint i = 0; i < G_N_ELEMENTS (returned); i++)
    {
      SwEvent *event = g_ptr_array_index (recorder->events, i);

      g_assert_cmpuint (sw_event_get_sequence (event), ==, returned[i]);
      if (i > 0)
        {
          SwEvent *previous = g_ptr_array_index (recorder->events, i - 1);

          g_assert_cmpuint (sw_event_get_sequence (event), >, sw_event_get_sequence (previous));
          g_assert_cmpint (sw_event_get_real_time (event), >=,
                           sw_event_get_real_time (previous));
        }
    }

  /* Each bus counts for itself. */
  {
    g_autoptr(SwEvents) other = sw_events_new ();

    g_assert_cmpuint (sw_events_publish (other, SW_EVENT_TEST, NULL), ==, 1);
  }

  sw_events_unsubscribe (events, id);
}

typedef struct
{
  SwEvents *events;
  guint64 republished;
} Republisher;

static void
republish_once (SwEvent  *event,
                gpointer  user_data)
{
  Republisher *republisher = user_data;

  if (g_str_equal (sw_event_get_name (event), SW_EVENT_SCAN_COMPLETED))
    republisher->republished = sw_events_publish (republisher->events, SW_EVENT_ARTIST_NEW,
                                                  NULL);
}

static void
test_publish_from_callback (void)
{
  g_autoptr(SwEvents) events = sw_events_new ();
  g_autoptr(Recorder) recorder = recorder_new (NULL, NULL);
  Republisher republisher = { events, 0 };
  guint republisher_id, recorder_id;

  republisher_id = sw_events_subscribe (events, NULL, NULL, republish_once, &republisher, NULL);
  recorder_id = sw_events_subscribe (events, NULL, NULL, record_event, recorder, NULL);

  sw_events_publish (events, SW_EVENT_SCAN_COMPLETED, NULL);
  sw_events_publish (events, SW_EVENT_BULK_COMPLETED, NULL);
  drain (NULL);

  /* The event published from inside a callback comes after those already queued. */
  g_assert_cmpuint (republisher.republished, ==, 3);
  g_assert_cmpuint (recorder->events->len, ==, 3);
  g_assert_cmpstr (recorded_name (recorder, 0), ==, "scan.completed");
  g_assert_cmpstr (recorded_name (recorder, 1), ==, "bulk.completed");
  g_assert_cmpstr (recorded_name (recorder, 2), ==, "artist.new");
  g_assert_cmpuint (sw_event_get_sequence (g_ptr_array_index (recorder->events, 2)), ==, 3);

  sw_events_unsubscribe (events, republisher_id);
  sw_events_unsubscribe (events, recorder_id);
}

static void
test_event_boxed_and_payload_ownership (void)
{
  g_autoptr(SwEvents) events = sw_events_new ();
  g_autoptr(Recorder) recorder = recorder_new (NULL, NULL);
  g_autoptr(JsonNode) payload = make_payload ("kept", 1);
  g_autoptr(SwEvent) copy = NULL;
  SwEvent *event;
  guint id;

  g_assert_true (G_TYPE_IS_BOXED (SW_TYPE_EVENT));

  id = sw_events_subscribe (events, NULL, NULL, record_event, recorder, NULL);

  /* sw_events_publish() leaves the caller its reference, and seals the node. */
  g_assert_false (json_node_is_immutable (payload));
  sw_events_publish (events, SW_EVENT_METADATA_FIXED, payload);
  g_assert_true (json_node_is_immutable (payload));
  drain (NULL);

  g_assert_cmpuint (recorder->events->len, ==, 1);
  event = g_ptr_array_index (recorder->events, 0);
  g_assert_true (sw_event_get_payload (event) == payload);
  g_assert_cmpint (payload_int (event, "kept"), ==, 1);

  /* Boxed copies are references to the same immutable event. */
  copy = g_boxed_copy (SW_TYPE_EVENT, event);
  g_assert_true (copy == event);
  g_ptr_array_set_size (recorder->events, 0);
  g_assert_cmpstr (sw_event_get_name (copy), ==, "metadata.fixed");
  g_assert_cmpint (payload_int (copy, "kept"), ==, 1);

  sw_events_unsubscribe (events, id);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/events/delivers-on-main-context", test_delivers_on_main_context);
  g_test_add_func ("/events/filters-by-type", test_filters_by_type);
  g_test_add_func ("/events/delivers-on-other-thread", test_delivers_on_other_thread);
  g_test_add_func ("/events/unsubscribe/drops-queued", test_unsubscribe_drops_queued);
  g_test_add_func ("/events/unsubscribe/waits-for-running-callback",
                   test_unsubscribe_waits_for_running_callback);
  g_test_add_func ("/events/unsubscribe/notify-once", test_notify_once);
  g_test_add_func ("/events/many-publishers", test_many_publishers);
  g_test_add_func ("/events/publish-without-subscribers", test_publish_without_subscribers);
  g_test_add_func ("/events/sequence-increases", test_sequence_increases);
  g_test_add_func ("/events/publish-from-callback", test_publish_from_callback);
  g_test_add_func ("/events/event-boxed", test_event_boxed_and_payload_ownership);

  return g_test_run ();
}

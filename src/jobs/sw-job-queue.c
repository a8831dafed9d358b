/* sw-job-queue.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-job-private.h"
#include "sw-job-queue.h"

/* Each job gets a thread of its own rather than a GTask on a pool: jobs are few and
 * long, and a plain thread needs no main loop to finish its bookkeeping (headless
 * mode and tests have none running while they wait). */

#define MAX_FINISHED 20

typedef struct
{
  SwJobQueue *queue;
  SwJob *job;
  SwJobFunc func;
  gpointer user_data;
  GDestroyNotify destroy;
  GThread *thread;
} Run;

struct _SwJobQueue
{
  GObject parent_instance;

  GMutex lock;
  GCond ended;
  GPtrArray *running;           /* Run* */
  GQueue finished;              /* SwJob*, newest first */

  GMainContext *context;        /* where "job-started" / "job-ended" are emitted */
};

enum {
  JOB_STARTED,
  JOB_ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SwJobQueue, sw_job_queue, G_TYPE_OBJECT)

G_DEFINE_QUARK (sw-job-error-quark, sw_job_error)

static void
sw_job_queue_finalize (GObject *object)
{
  SwJobQueue *self = (SwJobQueue *)object;

  g_ptr_array_unref (self->running);
  g_queue_clear_full (&self->finished, g_object_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->ended);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (sw_job_queue_parent_class)->finalize (object);
}

static void
sw_job_queue_class_init (SwJobQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sw_job_queue_finalize;

  signals[JOB_STARTED] =
    g_signal_new ("job-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, SW_TYPE_JOB);
  signals[JOB_ENDED] =
    g_signal_new ("job-ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, SW_TYPE_JOB);
}

static void
sw_job_queue_init (SwJobQueue *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->ended);
  self->running = g_ptr_array_new ();
  self->context = g_main_context_ref_thread_default ();
}

SwJobQueue *
sw_job_queue_new (void)
{
  return g_object_new (SW_TYPE_JOB_QUEUE, NULL);
}

static Run *
find_running (SwJobQueue *self,
              const char *kind)
{
  for (guint i = 0; i < self->running->len; i++)
    {
      Run *run = self->running->pdata[i];

      if (g_str_equal (sw_job_get_kind (run->job), kind))
        return run;
    }
  return NULL;
}

typedef struct
{
  GWeakRef queue;
  SwJob *job;
  guint signal_id;
} Emission;

static void
emission_free (gpointer data)
{
  Emission *emission = data;

  g_weak_ref_clear (&emission->queue);
  g_object_unref (emission->job);
  g_free (emission);
}

static gboolean
emit_cb (gpointer data)
{
  Emission *emission = data;
  g_autoptr(SwJobQueue) self = g_weak_ref_get (&emission->queue);

  if (self != NULL)
    g_signal_emit (self, emission->signal_id, 0, emission->job);
  return G_SOURCE_REMOVE;
}

/* Always through an idle on the queue's context, never directly: a job may start on
 * a server thread and ends on its own, and the GUI listens on the main thread. Both
 * signals of one job go through the same context in order, so "job-started" always
 * comes first. The queue is held weakly so that an idle nobody dispatches (headless
 * mode, tests without a loop) does not keep it alive. */
static void
schedule_emission (SwJobQueue *self,
                   guint       signal_id,
                   SwJob      *job)
{
  g_autoptr(GSource) source = g_idle_source_new ();
  Emission *emission = g_new0 (Emission, 1);

  g_weak_ref_init (&emission->queue, self);
  emission->job = g_object_ref (job);
  emission->signal_id = signal_id;
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_cb, emission, emission_free);
  g_source_set_static_name (source, "[stillwater] job queue signal");
  g_source_attach (source, self->context);
}

static gpointer
run_thread (gpointer data)
{
  Run *run = data;
  SwJobQueue *self = run->queue;
  GError *error = NULL;

  if (!run->func (run->job, run->user_data, &error) && error == NULL)
    g_set_error_literal (&error, SW_JOB_ERROR, SW_JOB_ERROR_FAILED, _("The job failed"));
  if (run->destroy != NULL)
    run->destroy (run->user_data);
  _sw_job_finish (run->job, error);

  g_mutex_lock (&self->lock);
  g_ptr_array_remove (self->running, run);
  g_queue_push_head (&self->finished, g_object_ref (run->job));
  while (g_queue_get_length (&self->finished) > MAX_FINISHED)
    g_object_unref (g_queue_pop_tail (&self->finished));
  g_cond_broadcast (&self->ended);
  g_mutex_unlock (&self->lock);
  schedule_emission (self, signals[JOB_ENDED], run->job);

  /* The thread is detached: nobody joins it, the waiters watch self->running. */
  g_object_unref (run->job);
  g_object_unref (run->queue);
  g_free (run);
  return NULL;
}

SwJob *
sw_job_queue_start (SwJobQueue      *self,
                    const char      *kind,
                    SwJobFunc        func,
                    gpointer         user_data,
                    GDestroyNotify   destroy,
                    GError         **error)
{
  g_autofree char *name = NULL;
  SwJob *job;
  Run *run;

  g_return_val_if_fail (SW_IS_JOB_QUEUE (self), NULL);
  g_return_val_if_fail (kind != NULL && func != NULL, NULL);

  g_mutex_lock (&self->lock);
  if (find_running (self, kind) != NULL)
    {
      g_mutex_unlock (&self->lock);
      if (destroy != NULL)
        destroy (user_data);
      g_set_error (error, SW_JOB_ERROR, SW_JOB_ERROR_BUSY,
                   _("A %s is already running"), kind);
      return NULL;
    }

  run = g_new0 (Run, 1);
  run->queue = g_object_ref (self);
  run->job = _sw_job_new (kind);
  run->func = func;
  run->user_data = user_data;
  run->destroy = destroy;
  g_ptr_array_add (self->running, run);
  g_mutex_unlock (&self->lock);

  /* The caller's reference, taken first: the thread may be done with @run at once. */
  job = g_object_ref (run->job);
  schedule_emission (self, signals[JOB_STARTED], job);
  name = g_strdup_printf ("sw-job-%s", kind);
  g_thread_unref (g_thread_new (name, run_thread, run));
  return job;
}

SwJob *
sw_job_queue_get_latest (SwJobQueue *self,
                         const char *kind)
{
  SwJob *job = NULL;
  Run *run;

  g_return_val_if_fail (SW_IS_JOB_QUEUE (self), NULL);

  g_mutex_lock (&self->lock);
  run = find_running (self, kind);
  if (run != NULL)
    job = g_object_ref (run->job);
  for (GList *l = self->finished.head; job == NULL && l != NULL; l = l->next)
    if (g_str_equal (sw_job_get_kind (l->data), kind))
      job = g_object_ref (l->data);
  g_mutex_unlock (&self->lock);

  return job;
}

GPtrArray *
sw_job_queue_list (SwJobQueue *self)
{
  GPtrArray *jobs = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SW_IS_JOB_QUEUE (self), jobs);

  g_mutex_lock (&self->lock);
  for (guint i = self->running->len; i > 0; i--)
    g_ptr_array_add (jobs, g_object_ref (((Run *) self->running->pdata[i - 1])->job));
  for (GList *l = self->finished.head; l != NULL; l = l->next)
    g_ptr_array_add (jobs, g_object_ref (l->data));
  g_mutex_unlock (&self->lock);

  return jobs;
}

void
sw_job_queue_wait (SwJobQueue *self)
{
  g_return_if_fail (SW_IS_JOB_QUEUE (self));

  g_mutex_lock (&self->lock);
  while (self->running->len > 0)
    g_cond_wait (&self->ended, &self->lock);
  g_mutex_unlock (&self->lock);
}

void
sw_job_queue_cancel_all (SwJobQueue *self)
{
  g_return_if_fail (SW_IS_JOB_QUEUE (self));

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->running->len; i++)
    sw_job_cancel (((Run *) self->running->pdata[i])->job);
  g_mutex_unlock (&self->lock);

  sw_job_queue_wait (self);
}

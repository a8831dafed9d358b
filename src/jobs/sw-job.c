/* sw-job.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-job-private.h"
#include "sw-store.h"
#include "sw-time.h"

struct _SwJob
{
  GObject parent_instance;

  char *id;
  char *kind;
  GCancellable *cancellable;
  GMainContext *context;        /* where notifications are emitted */

  GMutex lock;                  /* everything below */
  SwJobState state;
  guint done;
  guint total;
  char *current;
  char *started_at;
  char *finished_at;
  char *error;
  JsonNode *result;
  gboolean progress_notify_pending;
};

G_DEFINE_FINAL_TYPE (SwJob, sw_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sw_job_finalize (GObject *object)
{
  SwJob *self = (SwJob *)object;

  g_free (self->id);
  g_free (self->kind);
  g_clear_object (&self->cancellable);
  g_main_context_unref (self->context);
  g_free (self->current);
  g_free (self->started_at);
  g_free (self->finished_at);
  g_free (self->error);
  g_clear_pointer (&self->result, json_node_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (sw_job_parent_class)->finalize (object);
}

static void
sw_job_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  SwJob *self = SW_JOB (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, sw_job_get_state (self));
      break;
    case PROP_PROGRESS:
      {
        guint done, total;

        sw_job_get_progress (self, &done, &total);
        g_value_set_double (value, total > 0 ? (double) done / total : 0.0);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_job_class_init (SwJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sw_job_finalize;
  object_class->get_property = sw_job_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, SW_JOB_RUNNING, SW_JOB_CANCELLED, SW_JOB_RUNNING,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sw_job_init (SwJob *self)
{
  g_mutex_init (&self->lock);
  self->cancellable = g_cancellable_new ();
  self->context = g_main_context_ref_thread_default ();
}

SwJob *
_sw_job_new (const char *kind)
{
  SwJob *self = g_object_new (SW_TYPE_JOB, NULL);

  self->id = sw_store_new_id ();
  self->kind = g_strdup (kind);
  self->started_at = sw_time_now_rfc3339 ();
  return self;
}

const char *
sw_job_get_id (SwJob *self)
{
  g_return_val_if_fail (SW_IS_JOB (self), NULL);

  return self->id;
}

const char *
sw_job_get_kind (SwJob *self)
{
  g_return_val_if_fail (SW_IS_JOB (self), NULL);

  return self->kind;
}

SwJobState
sw_job_get_state (SwJob *self)
{
  SwJobState state;

  g_return_val_if_fail (SW_IS_JOB (self), SW_JOB_FAILED);

  g_mutex_lock (&self->lock);
  state = self->state;
  g_mutex_unlock (&self->lock);
  return state;
}

const char *
sw_job_state_to_string (SwJobState state)
{
  switch (state)
    {
    case SW_JOB_RUNNING:
      return "running";
    case SW_JOB_COMPLETED:
      return "completed";
    case SW_JOB_FAILED:
      return "failed";
    case SW_JOB_CANCELLED:
      return "cancelled";
    default:
      g_return_val_if_reached ("failed");
    }
}

void
sw_job_get_progress (SwJob *self,
                     guint *done,
                     guint *total)
{
  g_return_if_fail (SW_IS_JOB (self));

  g_mutex_lock (&self->lock);
  if (done != NULL)
    *done = self->done;
  if (total != NULL)
    *total = self->total;
  g_mutex_unlock (&self->lock);
}

/* Copies a string field under the lock. */
static char *
dup_locked (SwJob      *self,
            char      **field)
{
  char *copy;

  g_mutex_lock (&self->lock);
  copy = g_strdup (*field);
  g_mutex_unlock (&self->lock);
  return copy;
}

char *
sw_job_dup_current (SwJob *self)
{
  g_return_val_if_fail (SW_IS_JOB (self), NULL);

  return dup_locked (self, &self->current);
}

char *
sw_job_dup_started_at (SwJob *self)
{
  g_return_val_if_fail (SW_IS_JOB (self), NULL);

  return dup_locked (self, &self->started_at);
}

char *
sw_job_dup_finished_at (SwJob *self)
{
  g_return_val_if_fail (SW_IS_JOB (self), NULL);

  return dup_locked (self, &self->finished_at);
}

char *
sw_job_dup_error (SwJob *self)
{
  g_return_val_if_fail (SW_IS_JOB (self), NULL);

  return dup_locked (self, &self->error);
}

JsonNode *
sw_job_dup_result (SwJob *self)
{
  JsonNode *result;

  g_return_val_if_fail (SW_IS_JOB (self), NULL);

  g_mutex_lock (&self->lock);
  result = self->result != NULL ? json_node_ref (self->result) : NULL;
  g_mutex_unlock (&self->lock);
  return result;
}

GCancellable *
sw_job_get_cancellable (SwJob *self)
{
  g_return_val_if_fail (SW_IS_JOB (self), NULL);

  return self->cancellable;
}

void
sw_job_cancel (SwJob *self)
{
  g_return_if_fail (SW_IS_JOB (self));

  g_cancellable_cancel (self->cancellable);
}

static gboolean
notify_progress_cb (gpointer data)
{
  SwJob *self = data;

  g_mutex_lock (&self->lock);
  self->progress_notify_pending = FALSE;
  g_mutex_unlock (&self->lock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  return G_SOURCE_REMOVE;
}

static gboolean
notify_state_cb (gpointer data)
{
  g_object_notify_by_pspec (G_OBJECT (data), properties[PROP_STATE]);
  return G_SOURCE_REMOVE;
}

/* Always through a source: g_main_context_invoke() runs the function right here, on the
 * worker, when no thread owns the context at that moment (a test between iterations),
 * and a window would then hear of a job on the wrong thread. */
static void
notify_in_context (SwJob       *self,
                   int          priority,
                   GSourceFunc  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, priority);
  g_source_set_callback (source, notify, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[stillwater] job notification");
  g_source_attach (source, self->context);
}

/* At most one progress notification waits at a time, however fast the work reports. */
void
sw_job_set_progress (SwJob      *self,
                     guint       done,
                     guint       total,
                     const char *current)
{
  gboolean schedule;

  g_return_if_fail (SW_IS_JOB (self));

  g_mutex_lock (&self->lock);
  self->done = done;
  self->total = total;
  if (g_strcmp0 (self->current, current) != 0)
    {
      g_free (self->current);
      self->current = g_strdup (current);
    }
  schedule = !self->progress_notify_pending;
  self->progress_notify_pending = TRUE;
  g_mutex_unlock (&self->lock);

  if (schedule)
    notify_in_context (self, G_PRIORITY_DEFAULT_IDLE, notify_progress_cb);
}

void
sw_job_set_result (SwJob    *self,
                   JsonNode *result)
{
  g_return_if_fail (SW_IS_JOB (self));

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->result, json_node_unref);
  self->result = result != NULL ? json_node_ref (result) : NULL;
  g_mutex_unlock (&self->lock);
}

/* Takes @error (NULL on success). */
void
_sw_job_finish (SwJob  *self,
                GError *error)
{
  g_mutex_lock (&self->lock);
  if (error == NULL)
    self->state = SW_JOB_COMPLETED;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->state = SW_JOB_CANCELLED;
  else
    {
      self->state = SW_JOB_FAILED;
      self->error = g_strdup (error->message);
    }
  self->finished_at = sw_time_now_rfc3339 ();
  g_mutex_unlock (&self->lock);
  g_clear_error (&error);

  notify_in_context (self, G_PRIORITY_DEFAULT, notify_state_cb);
}

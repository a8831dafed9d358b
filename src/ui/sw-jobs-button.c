/* sw-jobs-button.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-job-row.h"
#include "sw-jobs-button.h"
#include "sw-ui.h"

/* Progress is polled while jobs run. A job notifies on the context of whoever started
 * it, which is a server thread for a scan started over the API, so the button cannot
 * listen to it; the queue's own signals come on the main thread and say when to
 * start and stop polling. Four times a second is smooth enough for a bar. */
#define POLL_INTERVAL_MS 250
/* Finished jobs shown under the running ones. */
#define MAX_RECENT 10

struct _SwJobsButton
{
  AdwBin parent_instance;

  GtkMenuButton *menu_button;
  GtkStack *indicator;
  GtkDrawingArea *pie;
  GtkSpinner *spinner;
  GtkListBox *list;

  SwJobQueue *queue;
  guint poll_id;
  double fraction;              /* of all running jobs together, for the pie */
};

G_DEFINE_FINAL_TYPE (SwJobsButton, sw_jobs_button, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_QUEUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  JOB_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
draw_pie (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  SwJobsButton *self = user_data;
  double radius = MIN (width, height) / 2.0 - 1.0;
  double cx = width / 2.0, cy = height / 2.0;
  GdkRGBA color;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);

  /* The whole circle faint, the part done solid, starting at twelve o'clock. */
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.25);
  cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
  cairo_fill (cr);

  if (self->fraction > 0.0)
    {
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha);
      cairo_move_to (cr, cx, cy);
      cairo_arc (cr, cx, cy, radius, -G_PI / 2, -G_PI / 2 + 2 * G_PI * self->fraction);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
}

/* Reads every row's job; returns whether any still runs. */
static gboolean
update (SwJobsButton *self)
{
  guint64 done_sum = 0, total_sum = 0;
  gboolean running = FALSE, unknown_total = FALSE;
  g_autofree char *tooltip = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SwJobRow *row = SW_JOB_ROW (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (child)));
      SwJob *job = sw_job_row_get_job (row);
      guint done = 0, total = 0;

      sw_job_row_update (row);
      if (sw_job_get_state (job) != SW_JOB_RUNNING)
        continue;

      running = TRUE;
      sw_job_get_progress (job, &done, &total);
      if (total == 0)
        unknown_total = TRUE;
      done_sum += MIN (done, total);
      total_sum += total;
    }

  self->fraction = total_sum > 0 ? (double) done_sum / total_sum : 0.0;
  gtk_widget_queue_draw (GTK_WIDGET (self->pie));

  gtk_spinner_set_spinning (self->spinner, running && unknown_total);
  if (!running)
    gtk_stack_set_visible_child_name (self->indicator, "done");
  else if (unknown_total)
    gtk_stack_set_visible_child_name (self->indicator, "spinner");
  else
    gtk_stack_set_visible_child_name (self->indicator, "pie");

  if (!running)
    tooltip = g_strdup (_("Jobs"));
  else if (unknown_total)
    tooltip = g_strdup (_("Jobs Running"));
  else
    /* TRANSLATORS: the jobs button's tooltip while jobs run; %d is a percentage */
    tooltip = g_strdup_printf (_("Jobs Running: %d %%"), (int) (self->fraction * 100));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), tooltip);

  return running;
}

static gboolean
poll_cb (gpointer data)
{
  SwJobsButton *self = data;

  if (update (self))
    return G_SOURCE_CONTINUE;

  self->poll_id = 0;
  return G_SOURCE_REMOVE;
}

/* The popover lists what the queue holds: running jobs, then the recent ones. */
static void
rebuild (SwJobsButton *self)
{
  g_autoptr(GPtrArray) jobs = sw_job_queue_list (self->queue);
  GtkWidget *child;
  guint n_finished = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; i < jobs->len; i++)
    {
      SwJob *job = g_ptr_array_index (jobs, i);
      GtkWidget *row;

      if (sw_job_get_state (job) != SW_JOB_RUNNING && n_finished++ >= MAX_RECENT)
        continue;

      row = gtk_list_box_row_new ();
      /* Nothing to activate: focus goes to the Cancel buttons. */
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), sw_job_row_new (job));
      gtk_list_box_append (self->list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), jobs->len > 0);
  if (update (self) && self->poll_id == 0)
    self->poll_id = g_timeout_add (POLL_INTERVAL_MS, poll_cb, self);
}

static void
popover_show_cb (SwJobsButton *self)
{
  update (self);
}

static void
job_started_cb (SwJobsButton *self,
                SwJob        *job)
{
  rebuild (self);
}

static void
job_ended_cb (SwJobsButton *self,
              SwJob        *job)
{
  rebuild (self);
  g_signal_emit (self, signals[JOB_FINISHED], 0, job);
}

static void
sw_jobs_button_constructed (GObject *object)
{
  SwJobsButton *self = SW_JOBS_BUTTON (object);

  G_OBJECT_CLASS (sw_jobs_button_parent_class)->constructed (object);

  g_signal_connect_object (self->queue, "job-started", G_CALLBACK (job_started_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->queue, "job-ended", G_CALLBACK (job_ended_cb), self,
                           G_CONNECT_SWAPPED);
  rebuild (self);
}

static void
sw_jobs_button_dispose (GObject *object)
{
  SwJobsButton *self = SW_JOBS_BUTTON (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  /* AdwBin keeps its own pointer to the child the template gave it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_JOBS_BUTTON);
  g_clear_object (&self->queue);

  G_OBJECT_CLASS (sw_jobs_button_parent_class)->dispose (object);
}

static void
sw_jobs_button_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SwJobsButton *self = SW_JOBS_BUTTON (object);

  switch (prop_id)
    {
    case PROP_QUEUE:
      self->queue = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_jobs_button_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SwJobsButton *self = SW_JOBS_BUTTON (object);

  switch (prop_id)
    {
    case PROP_QUEUE:
      g_value_set_object (value, self->queue);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_jobs_button_class_init (SwJobsButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sw_jobs_button_constructed;
  object_class->dispose = sw_jobs_button_dispose;
  object_class->set_property = sw_jobs_button_set_property;
  object_class->get_property = sw_jobs_button_get_property;

  properties[PROP_QUEUE] =
    g_param_spec_object ("queue", NULL, NULL, SW_TYPE_JOB_QUEUE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[JOB_FINISHED] =
    g_signal_new ("job-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, SW_TYPE_JOB);

  sw_ui_init ();
  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "sw-jobs-button.ui");
  gtk_widget_class_bind_template_child (widget_class, SwJobsButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, SwJobsButton, indicator);
  gtk_widget_class_bind_template_child (widget_class, SwJobsButton, pie);
  gtk_widget_class_bind_template_child (widget_class, SwJobsButton, spinner);
  gtk_widget_class_bind_template_child (widget_class, SwJobsButton, list);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
}

static void
sw_jobs_button_init (SwJobsButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->pie, draw_pie, self, NULL);
}

GtkWidget *
sw_jobs_button_new (SwJobQueue *queue)
{
  g_return_val_if_fail (SW_IS_JOB_QUEUE (queue), NULL);

  return g_object_new (SW_TYPE_JOBS_BUTTON, "queue", queue, NULL);
}

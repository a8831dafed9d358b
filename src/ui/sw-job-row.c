/* sw-job-row.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-job-row.h"
#include "sw-scan-job.h"
#include "sw-ui.h"

struct _SwJobRow
{
  GtkBox parent_instance;

  GtkLabel *title_label;
  GtkLabel *state_label;
  GtkLabel *current_label;
  GtkProgressBar *progress_bar;
  GtkWidget *cancel_button;

  SwJob *job;
};

G_DEFINE_FINAL_TYPE (SwJobRow, sw_job_row, GTK_TYPE_BOX)

const char *
sw_job_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, SW_SCAN_JOB_KIND) == 0)
    return _("Library Scan");
  return kind;
}

static void
cancel_clicked_cb (SwJobRow *self)
{
  sw_job_cancel (self->job);
  /* The job stops at its next check; one click is enough. */
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
}

static char *
state_text (SwJob      *job,
            SwJobState  state,
            guint       done,
            guint       total)
{
  g_autofree char *error = NULL;

  switch (state)
    {
    case SW_JOB_RUNNING:
      if (g_cancellable_is_cancelled (sw_job_get_cancellable (job)))
        return g_strdup (_("Cancelling…"));
      if (total == 0)
        return g_strdup (_("Starting…"));
      /* TRANSLATORS: a running job's progress, e.g. "120 of 4000" */
      return g_strdup_printf (_("%u of %u"), done, total);
    case SW_JOB_COMPLETED:
      return g_strdup (_("Finished"));
    case SW_JOB_CANCELLED:
      return g_strdup (_("Cancelled"));
    case SW_JOB_FAILED:
    default:
      error = sw_job_dup_error (job);
      if (error == NULL)
        return g_strdup (_("Failed"));
      /* TRANSLATORS: a failed job's state; %s is the reason */
      return g_strdup_printf (_("Failed: %s"), error);
    }
}

void
sw_job_row_update (SwJobRow *self)
{
  g_autofree char *current = NULL;
  g_autofree char *text = NULL;
  SwJobState state;
  guint done = 0, total = 0;
  gboolean running;

  g_return_if_fail (SW_IS_JOB_ROW (self));

  state = sw_job_get_state (self->job);
  running = state == SW_JOB_RUNNING;
  sw_job_get_progress (self->job, &done, &total);
  text = state_text (self->job, state, done, total);
  current = running ? sw_job_dup_current (self->job) : NULL;

  if (g_strcmp0 (gtk_label_get_text (self->state_label), text) != 0)
    gtk_label_set_text (self->state_label, text);
  gtk_label_set_text (self->current_label, current != NULL ? current : "");
  gtk_widget_set_visible (GTK_WIDGET (self->current_label), current != NULL && *current != '\0');
  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) done / total));
  else if (state == SW_JOB_COMPLETED)
    gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
  gtk_widget_set_visible (self->cancel_button, running);
}

static void
sw_job_row_dispose (GObject *object)
{
  SwJobRow *self = SW_JOB_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_JOB_ROW);
  g_clear_object (&self->job);

  G_OBJECT_CLASS (sw_job_row_parent_class)->dispose (object);
}

static void
sw_job_row_class_init (SwJobRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_job_row_dispose;

  sw_ui_init ();
  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "sw-job-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SwJobRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, SwJobRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, SwJobRow, current_label);
  gtk_widget_class_bind_template_child (widget_class, SwJobRow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SwJobRow, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
sw_job_row_init (SwJobRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sw_job_row_new (SwJob *job)
{
  g_autofree char *cancel_label = NULL;
  SwJobRow *self;
  const char *title;

  g_return_val_if_fail (SW_IS_JOB (job), NULL);

  self = g_object_new (SW_TYPE_JOB_ROW, NULL);
  self->job = g_object_ref (job);
  title = sw_job_kind_label (sw_job_get_kind (job));
  gtk_label_set_text (self->title_label, title);
  /* TRANSLATORS: the accessible name of a job's Cancel button, e.g. "Cancel Library Scan" */
  cancel_label = g_strdup_printf (_("Cancel %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cancel_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, cancel_label, -1);
  sw_job_row_update (self);
  return GTK_WIDGET (self);
}

SwJob *
sw_job_row_get_job (SwJobRow *self)
{
  g_return_val_if_fail (SW_IS_JOB_ROW (self), NULL);

  return self->job;
}

/* sw-dashboard-libraries.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-dashboard-libraries.h"
#include "sw-dashboard-time.h"
#include "sw-scan-job.h"
#include "sw-settings.h"

typedef struct
{
  SwLibraryStatsEntry *entry;    /* the caller's, until the next update */
  AdwActionRow *row;
  GtkButton *button;
  GtkSpinner *spinner;
} LibraryRow;

struct _SwDashboardLibraries
{
  GtkListBox *list;              /* not referenced: it outlives us */
  SwStore *store;
  SwEvents *events;
  SwJobQueue *jobs;
  SwArtistService *service;

  GPtrArray *rows;               /* LibraryRow, in list order */
  SwJob *scan_job;               /* the scan shown as running */
};

static void
show_toast (SwDashboardLibraries *self,
            const char           *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self->list),
                                                ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

static void
remove_rows (SwDashboardLibraries *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      LibraryRow *lr = self->rows->pdata[i];

      g_signal_handlers_disconnect_by_data (lr->button, self);
      gtk_list_box_remove (self->list, GTK_WIDGET (lr->row));
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
stop_following_scan (SwDashboardLibraries *self)
{
  if (self->scan_job == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->scan_job, self);
  g_clear_object (&self->scan_job);
}

/* A job leaves RUNNING once; its end also brings "scan.completed" and so a refresh. */
static void
scan_state_changed_cb (SwDashboardLibraries *self)
{
  if (self->scan_job == NULL || sw_job_get_state (self->scan_job) == SW_JOB_RUNNING)
    return;

  stop_following_scan (self);
  sw_dashboard_libraries_update_times (self);
}

static void
follow_scan (SwDashboardLibraries *self,
             SwJob                *job)
{
  if (self->scan_job == job)
    return;

  stop_following_scan (self);
  self->scan_job = g_object_ref (job);
  g_signal_connect_swapped (job, "notify::state", G_CALLBACK (scan_state_changed_cb), self);
  sw_dashboard_libraries_update_times (self);
  /* It may have ended before the handler was connected. */
  scan_state_changed_cb (self);
}

/* A scan started elsewhere (the web API, the window, the folder watcher) shows too. */
static void
notice_running_scan (SwDashboardLibraries *self)
{
  g_autoptr(SwJob) latest = NULL;

  if (self->jobs == NULL || self->scan_job != NULL)
    return;

  latest = sw_job_queue_get_latest (self->jobs, SW_SCAN_JOB_KIND);
  if (latest != NULL && sw_job_get_state (latest) == SW_JOB_RUNNING)
    follow_scan (self, latest);
}

/* The scanner records last_scanned_at; a library scanned by an older version, or whose
 * scan was cancelled, may still have a scan finished while the app runs. */
static char *
dup_last_scan (SwDashboardLibraries *self,
               SwLibraryStatsEntry *entry)
{
  g_autoptr(GPtrArray) jobs = NULL;

  if (entry->last_scanned_at != NULL)
    return g_strdup (entry->last_scanned_at);
  if (self->jobs == NULL)
    return NULL;

  jobs = sw_job_queue_list (self->jobs);
  for (guint i = 0; i < jobs->len; i++)
    {
      SwJob *job = jobs->pdata[i];
      const char *library_id;

      if (g_strcmp0 (sw_job_get_kind (job), SW_SCAN_JOB_KIND) != 0 ||
          sw_job_get_state (job) != SW_JOB_COMPLETED)
        continue;
      library_id = sw_scan_job_get_library_id (job);
      if (library_id == NULL || g_str_equal (library_id, entry->id))
        return sw_job_dup_finished_at (job);
    }

  return NULL;
}

static void
update_library_row (SwDashboardLibraries *self,
                    LibraryRow      *lr,
                    gint64           now_us)
{
  SwLibraryStatsEntry *entry = lr->entry;
  g_autofree char *last_scan = dup_last_scan (self, entry);
  g_autofree char *when = sw_dashboard_format_relative_rfc3339 (last_scan, now_us);
  g_autofree char *count = NULL;
  g_autofree char *scanned = NULL;
  g_autofree char *subtitle = NULL;
  const char *scan_library = self->scan_job != NULL ? sw_scan_job_get_library_id (self->scan_job)
                                                    : NULL;
  gboolean scanning = self->scan_job != NULL &&
                      (scan_library == NULL || g_str_equal (scan_library, entry->id));

  count = g_strdup_printf (ngettext ("%u artist", "%u artists", entry->artists), entry->artists);
  if (scanning)
    scanned = g_strdup (_("Scanning…"));
  else if (when != NULL)
    /* TRANSLATORS: %s is a relative time such as "5 minutes ago" */
    scanned = g_strdup_printf (_("Last scan %s"), when);
  else
    scanned = g_strdup (_("No scan recorded"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (lr->row), entry->name);
  /* TRANSLATORS: the library's artist count, then when it was scanned */
  subtitle = g_strdup_printf (C_("library row", "%s · %s"), count, scanned);
  if (*entry->path != '\0')
    {
      g_autofree char *with_path = g_strdup_printf ("%s\n%s", entry->path, subtitle);

      g_free (subtitle);
      subtitle = g_steal_pointer (&with_path);
    }
  adw_action_row_set_subtitle (lr->row, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (lr->row), *entry->path != '\0' ? entry->path : NULL);

  /* One scan at a time: while one runs, no button starts another. */
  gtk_widget_set_sensitive (GTK_WIDGET (lr->button),
                            self->scan_job == NULL && *entry->path != '\0');
  gtk_widget_set_visible (GTK_WIDGET (lr->spinner), scanning);
  gtk_spinner_set_spinning (lr->spinner, scanning);
}

void
sw_dashboard_libraries_update_times (SwDashboardLibraries *self)
{
  gint64 now_us = g_get_real_time ();

  for (guint i = 0; i < self->rows->len; i++)
    update_library_row (self, self->rows->pdata[i], now_us);
}

static void
scan_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  SwDashboardLibraries *self = user_data;
  const char *library_id = g_object_get_data (G_OBJECT (button), "library-id");
  g_autoptr(SwSettings) settings = sw_settings_new (self->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(SwJob) job = NULL;

  job = sw_scan_job_start (self->jobs, self->service, self->events, settings, library_id,
                           &error);
  if (job == NULL)
    {
      if (g_error_matches (error, SW_JOB_ERROR, SW_JOB_ERROR_BUSY))
        {
          g_autoptr(SwJob) running = sw_job_queue_get_latest (self->jobs, SW_SCAN_JOB_KIND);

          show_toast (self, _("A scan is already running"));
          if (running != NULL)
            follow_scan (self, running);
        }
      else
        show_toast (self, error->message);
      return;
    }

  follow_scan (self, job);
}

static LibraryRow *
library_row_new (SwDashboardLibraries *self,
                 SwLibraryStatsEntry *entry)
{
  LibraryRow *lr = g_new0 (LibraryRow, 1);
  g_autofree char *description = NULL;

  lr->entry = entry;
  lr->row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (lr->row), FALSE);
  adw_action_row_set_subtitle_lines (lr->row, 2);

  lr->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (lr->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Scanning"), -1);
  adw_action_row_add_suffix (lr->row, GTK_WIDGET (lr->spinner));

  lr->button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Scan Now")));
  gtk_widget_set_valign (GTK_WIDGET (lr->button), GTK_ALIGN_CENTER);
  /* TRANSLATORS: %s is a music library's name */
  description = g_strdup_printf (_("Scans the library “%s” for new and changed artists"),
                                 entry->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (lr->button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  g_object_set_data_full (G_OBJECT (lr->button), "library-id", g_strdup (entry->id), g_free);
  g_signal_connect (lr->button, "clicked", G_CALLBACK (scan_clicked_cb), self);
  adw_action_row_add_suffix (lr->row, GTK_WIDGET (lr->button));

  return lr;
}

static gboolean
same_libraries (SwDashboardLibraries *self,
                GPtrArray       *entries)
{
  if (entries->len != self->rows->len)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      SwLibraryStatsEntry *entry = entries->pdata[i];
      LibraryRow *lr = self->rows->pdata[i];

      if (!g_str_equal (entry->id, lr->entry->id))
        return FALSE;
    }
  return TRUE;
}

/* Rows are rebuilt only when the set or order of libraries changed, so a refresh in
 * the middle of a scan keeps the keyboard focus where it was. */
void
sw_dashboard_libraries_update (SwDashboardLibraries *self,
                               GPtrArray            *entries)
{
  notice_running_scan (self);

  if (same_libraries (self, entries))
    {
      for (guint i = 0; i < entries->len; i++)
        ((LibraryRow *) self->rows->pdata[i])->entry = entries->pdata[i];
    }
  else
    {
      remove_rows (self);

      for (guint i = 0; i < entries->len; i++)
        {
          LibraryRow *lr = library_row_new (self, entries->pdata[i]);

          g_ptr_array_add (self->rows, lr);
          gtk_list_box_append (self->list, GTK_WIDGET (lr->row));
        }
    }

  sw_dashboard_libraries_update_times (self);
}

SwDashboardLibraries *
sw_dashboard_libraries_new (GtkListBox      *list,
                            SwStore         *store,
                            SwEvents        *events,
                            SwJobQueue      *jobs,
                            SwArtistService *service)
{
  SwDashboardLibraries *self = g_new0 (SwDashboardLibraries, 1);

  self->list = list;
  self->store = g_object_ref (store);
  self->events = g_object_ref (events);
  self->jobs = g_object_ref (jobs);
  self->service = g_object_ref (service);
  self->rows = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
sw_dashboard_libraries_free (SwDashboardLibraries *self)
{
  if (self == NULL)
    return;

  stop_following_scan (self);
  remove_rows (self);
  g_ptr_array_unref (self->rows);
  g_object_unref (self->service);
  g_object_unref (self->jobs);
  g_object_unref (self->events);
  g_object_unref (self->store);
  g_free (self);
}

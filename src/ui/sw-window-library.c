/* sw-window-library.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-library-chooser.h"
#include "sw-library-service.h"
#include "sw-sample-library.h"
#include "sw-scan-job.h"
#include "sw-window-private.h"

/* The window's part in adding libraries: the folder chooser, the sample library, the
 * first scan's progress page, and scanning every library (F5). */

static void
update_scan_progress (SwWindow *self)
{
  g_autofree char *current = sw_job_dup_current (self->scan_job);
  double fraction = 0.0;

  g_object_get (self->scan_job, "progress", &fraction, NULL);
  gtk_progress_bar_set_fraction (self->scan_progress, fraction);
  gtk_progress_bar_set_text (self->scan_progress,
                             current != NULL && *current != '\0' ? current : _("Starting…"));
}

/* A job only ever leaves RUNNING once, so the state read here stays true. The toast
 * comes from the jobs button, which sees every job end. */
static void
scan_state_changed_cb (SwWindow *self)
{
  if (sw_job_get_state (self->scan_job) == SW_JOB_RUNNING)
    return;

  g_signal_handlers_disconnect_by_data (self->scan_job, self);
  g_clear_object (&self->scan_job);
  _sw_window_update_page (self);
}

void
_sw_window_follow_scan (SwWindow *self,
                        SwJob    *job)
{
  g_return_if_fail (self->scan_job == NULL);

  self->scan_job = g_object_ref (job);
  g_signal_connect_swapped (job, "notify::progress", G_CALLBACK (update_scan_progress), self);
  g_signal_connect_swapped (job, "notify::state", G_CALLBACK (scan_state_changed_cb), self);
  update_scan_progress (self);
  _sw_window_update_page (self);
  /* It may have ended already; its state notification is then still on its way, but
   * nothing would be left to show. */
  scan_state_changed_cb (self);
}

void
_sw_window_stop_following_scan (SwWindow *self)
{
  if (self->scan_job == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->scan_job, self);
  g_clear_object (&self->scan_job);
}

/* A library added and scanned elsewhere (the web API) brings the pages in too. */
void
_sw_window_scan_completed_cb (SwEvent  *event,
                              gpointer  user_data)
{
  SwWindow *self = SW_WINDOW (user_data);

  if (self->scan_job == NULL)
    _sw_window_update_page (self);
}

void
_sw_window_cancel_scan_activated (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  SwWindow *self = SW_WINDOW (user_data);

  if (self->scan_job != NULL)
    sw_job_cancel (self->scan_job);
}

void
_sw_window_scan_all_activated (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  SwWindow *self = SW_WINDOW (user_data);
  g_autoptr(SwSettings) settings = NULL;
  g_autoptr(SwJob) job = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  settings = sw_settings_new (self->store);
  job = sw_scan_job_start (self->jobs, self->service, self->events, settings, NULL, &error);
  if (job == NULL)
    _sw_window_show_toast (self, g_error_matches (error, SW_JOB_ERROR, SW_JOB_ERROR_BUSY)
                      ? _("A scan is already running") : error->message);
  else
    _sw_window_show_toast (self, _("Scanning all libraries…"));
}

/* Adding a library ---------------------------------------------------------------------- */

gboolean
sw_window_add_library (SwWindow    *self,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(SwLibrary) draft = NULL;
  g_autoptr(SwLibrary) library = NULL;
  g_autoptr(SwSettings) settings = NULL;
  g_autoptr(SwJob) job = NULL;
  g_autofree char *name = NULL;
  g_autofree char *library_id = NULL;

  g_return_val_if_fail (SW_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  name = g_path_get_basename (path);
  draft = sw_library_new ();
  g_object_set (draft, "name", name, "path", path, NULL);
  library = sw_library_service_create (self->store, draft, error);
  if (library == NULL)
    return FALSE;

  g_object_get (library, "id", &library_id, NULL);
  settings = sw_settings_new (self->store);
  job = sw_scan_job_start (self->jobs, self->service, self->events, settings, library_id,
                           error);
  if (job == NULL)
    {
      _sw_window_update_page (self);
      return FALSE;
    }

  _sw_window_follow_scan (self, job);
  return TRUE;
}

static void
chooser_response_cb (SwWindow *self,
                     int       response)
{
  g_autoptr(GtkFileChooserNative) chooser = g_steal_pointer (&self->chooser);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = folder != NULL ? g_file_get_path (folder) : NULL;
  if (path == NULL)
    {
      _sw_window_show_toast (self, _("Only local folders can be added"));
      return;
    }

  if (!sw_window_add_library (self, path, &error))
    _sw_window_show_toast (self, error->message);
}

void
_sw_window_add_library_activated (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  SwWindow *self = SW_WINDOW (user_data);

  if (self->chooser != NULL || self->store == NULL)
    return;

  self->chooser = sw_library_chooser_new (GTK_WINDOW (self));
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The sample library -------------------------------------------------------------------- */

static void
sample_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SwWindow *self = SW_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sw_sample_library_create_finish (result, &error);

  self->making_sample = FALSE;
  if (path == NULL)
    {
      _sw_window_update_page (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _sw_window_show_toast (self, error->message);
      return;
    }

  if (!sw_window_add_library (self, path, &error))
    {
      _sw_window_update_page (self);
      _sw_window_show_toast (self, error->message);
    }
}

void
sw_window_try_sample_library (SwWindow *self)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *root = NULL;

  g_return_if_fail (SW_IS_WINDOW (self));
  g_return_if_fail (self->store != NULL);

  if (self->making_sample)
    return;

  data_dir = g_path_get_dirname (sw_store_get_path (self->store));
  root = g_build_filename (data_dir, _("Sample Library"), NULL);
  self->making_sample = TRUE;
  sw_sample_library_create_async (G_OBJECT (self), root, self->cancellable, sample_ready_cb,
                                  NULL);
  gtk_progress_bar_set_fraction (self->scan_progress, 0.0);
  gtk_progress_bar_set_text (self->scan_progress, _("Creating the sample library…"));
  _sw_window_update_page (self);
}

void
_sw_window_try_sample_activated (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  sw_window_try_sample_library (SW_WINDOW (user_data));
}


/* sw-preferences-libraries.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-library-chooser.h"
#include "sw-library-service.h"
#include "sw-preferences-dialogs.h"
#include "sw-preferences-libraries.h"
#include "sw-preferences-library-row.h"
#include "sw-scan-job.h"
#include "sw-ui.h"

/* The Libraries page: every music library as an expander row, plus adding (a folder
 * chooser), renaming, the watch mode, Scan Now and removing (confirmed). All changes go
 * through the library service, whose refusals are shown under the list. */
struct _SwPreferencesLibraries
{
  AdwPreferencesPage parent_instance;

  SwStore *store;
  SwEvents *events;
  SwJobQueue *jobs;
  SwArtistService *service;
  GtkFileChooserNative *chooser;
  GPtrArray *rows;
  guint reload_source;
  GCancellable *details;    /* the counts and scan times being read for the rows */

  AdwPreferencesGroup *group;
  AdwActionRow *empty_row;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (SwPreferencesLibraries, sw_preferences_libraries, ADW_TYPE_PREFERENCES_PAGE)

static void
show_error (SwPreferencesLibraries *self,
            const GError           *error)
{
  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

/* Reports @local_error under the list and hands it to the caller; always FALSE. */
static gboolean
fail (SwPreferencesLibraries  *self,
      GError                  *local_error,
      GError                 **error)
{
  show_error (self, local_error);
  g_propagate_error (error, local_error);
  return FALSE;
}

static void row_rename_cb (SwPreferencesLibraryRow *row, const char *name, SwPreferencesLibraries *self);
static void row_watch_cb (SwPreferencesLibraryRow *row, int watch, int interval, SwPreferencesLibraries *self);
static void row_scan_cb (SwPreferencesLibraryRow *row, SwPreferencesLibraries *self);
static void row_remove_cb (SwPreferencesLibraryRow *row, SwPreferencesLibraries *self);

static void
reload (SwPreferencesLibraries *self)
{
  g_autoptr(GPtrArray) libraries = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  libraries = sw_library_service_list (self->store, &error);
  if (libraries == NULL)
    {
      show_error (self, error);
      return;
    }

  for (guint i = 0; i < libraries->len; i++)
    {
      GtkWidget *row = sw_preferences_library_row_new (libraries->pdata[i]);

      g_signal_connect_object (row, "rename", G_CALLBACK (row_rename_cb), self, 0);
      g_signal_connect_object (row, "watch", G_CALLBACK (row_watch_cb), self, 0);
      g_signal_connect_object (row, "scan", G_CALLBACK (row_scan_cb), self, 0);
      g_signal_connect_object (row, "remove", G_CALLBACK (row_remove_cb), self, 0);
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_row), libraries->len == 0);

  g_cancellable_cancel (self->details);
  g_clear_object (&self->details);
  self->details = g_cancellable_new ();
  sw_preferences_library_rows_load_details (self->rows, self->store, self->details);
}

static gboolean
reload_cb (gpointer user_data)
{
  SwPreferencesLibraries *self = SW_PREFERENCES_LIBRARIES (user_data);

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* For changes a row asked for: rebuilding the rows from inside one of their signal
 * handlers would free the row while it is still emitting. */
static void
queue_reload (SwPreferencesLibraries *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_cb, self);
}

gboolean
sw_preferences_libraries_scan (SwPreferencesLibraries  *self,
                               const char              *library_id,
                               GError                 **error)
{
  g_autoptr(SwSettings) settings = NULL;
  g_autoptr(SwJob) job = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SW_IS_PREFERENCES_LIBRARIES (self), FALSE);

  settings = sw_settings_new (self->store);
  job = sw_scan_job_start (self->jobs, self->service, self->events, settings, library_id,
                           &local_error);
  if (job == NULL)
    {
      if (g_error_matches (local_error, SW_JOB_ERROR, SW_JOB_ERROR_BUSY))
        sw_preferences_toast (GTK_WIDGET (self),
                              _("A scan is already running; try again when it has finished"));
      else
        sw_preferences_toast (GTK_WIDGET (self), local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  sw_preferences_toast (GTK_WIDGET (self), _("Scan started"));
  return TRUE;
}

gboolean
sw_preferences_libraries_add (SwPreferencesLibraries  *self,
                              const char              *path,
                              const char              *name,
                              GError                 **error)
{
  g_autoptr(SwLibrary) draft = sw_library_new ();
  g_autoptr(SwLibrary) library = NULL;
  g_autofree char *folder_name = NULL;
  g_autofree char *id = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (SW_IS_PREFERENCES_LIBRARIES (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* An empty path would make a media-server library, which this page does not add. */
  if (path[0] == '\0')
    return fail (self, g_error_new_literal (SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                                            _("Choose a music folder")), error);

  folder_name = g_path_get_basename (path);
  g_object_set (draft, "name", name != NULL ? name : folder_name, "path", path, NULL);
  library = sw_library_service_create (self->store, draft, &local_error);
  if (library == NULL)
    return fail (self, local_error, error);

  show_error (self, NULL);
  reload (self);
  g_object_get (library, "id", &id, NULL);
  /* The library stays added when the scan cannot start; the toast says why. */
  sw_preferences_libraries_scan (self, id, NULL);
  return TRUE;
}

static SwLibrary *
get_library (SwPreferencesLibraries  *self,
             const char              *library_id,
             GError                 **error)
{
  return sw_library_service_get (self->store, library_id, NULL, error);
}

gboolean
sw_preferences_libraries_rename (SwPreferencesLibraries  *self,
                                 const char              *library_id,
                                 const char              *name,
                                 GError                 **error)
{
  g_autoptr(SwLibrary) library = NULL;
  g_autoptr(SwLibrary) saved = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (SW_IS_PREFERENCES_LIBRARIES (self), FALSE);

  library = get_library (self, library_id, &local_error);
  if (library != NULL)
    {
      g_object_set (library, "name", name, NULL);
      saved = sw_library_service_update (self->store, library, &local_error);
    }
  queue_reload (self);
  if (saved == NULL)
    return fail (self, local_error, error);

  show_error (self, NULL);
  return TRUE;
}

gboolean
sw_preferences_libraries_set_watch (SwPreferencesLibraries  *self,
                                    const char              *library_id,
                                    int                      fs_watch,
                                    int                      poll_interval,
                                    GError                 **error)
{
  g_autoptr(SwLibrary) library = NULL;
  g_autoptr(SwLibrary) saved = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (SW_IS_PREFERENCES_LIBRARIES (self), FALSE);

  library = get_library (self, library_id, &local_error);
  if (library != NULL)
    {
      g_object_set (library, "fs_watch", fs_watch, "fs_poll_interval", poll_interval, NULL);
      saved = sw_library_service_update (self->store, library, &local_error);
    }
  if (saved == NULL)
    {
      queue_reload (self);
      return fail (self, local_error, error);
    }

  /* The row already shows the new mode; rebuilding it would collapse it. */
  show_error (self, NULL);
  return TRUE;
}

gboolean
sw_preferences_libraries_remove (SwPreferencesLibraries  *self,
                                 const char              *library_id,
                                 gboolean                 delete_artists,
                                 GError                 **error)
{
  GError *local_error = NULL;
  guint n_deleted = 0;

  g_return_val_if_fail (SW_IS_PREFERENCES_LIBRARIES (self), FALSE);

  if (!sw_library_service_delete (self->store, library_id, delete_artists, &n_deleted,
                                  &local_error))
    return fail (self, local_error, error);

  show_error (self, NULL);
  reload (self);
  sw_preferences_toast (GTK_WIDGET (self), _("Library removed"));
  return TRUE;
}

/* Row signals --------------------------------------------------------------------------- */

static void
row_rename_cb (SwPreferencesLibraryRow *row,
               const char              *name,
               SwPreferencesLibraries  *self)
{
  sw_preferences_libraries_rename (self, sw_preferences_library_row_get_id (row), name, NULL);
}

static void
row_watch_cb (SwPreferencesLibraryRow *row,
              int                      watch,
              int                      interval,
              SwPreferencesLibraries  *self)
{
  sw_preferences_libraries_set_watch (self, sw_preferences_library_row_get_id (row), watch,
                                      interval, NULL);
}

static void
row_scan_cb (SwPreferencesLibraryRow *row,
             SwPreferencesLibraries  *self)
{
  sw_preferences_libraries_scan (self, sw_preferences_library_row_get_id (row), NULL);
}

static void
remove_response_cb (AdwMessageDialog       *dialog,
                    const char             *response,
                    SwPreferencesLibraries *self)
{
  const char *library_id = g_object_get_data (G_OBJECT (dialog), "library-id");

  if (g_strcmp0 (response, "remove") == 0)
    sw_preferences_libraries_remove (self, library_id, FALSE, NULL);
  else if (g_strcmp0 (response, "remove-artists") == 0)
    sw_preferences_libraries_remove (self, library_id, TRUE, NULL);
}

static void
row_remove_cb (SwPreferencesLibraryRow *row,
               SwPreferencesLibraries  *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                                   _("The folder and its files are not touched. Artists that "
                                     "are only in this library can stay in Stillwater or be "
                                     "removed with it."));
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove “%s”?"),
                                     adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove-artists", _("Remove With _Artists"),
                                    "remove", _("_Keep Artists"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove-artists",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "library-id",
                          g_strdup (sw_preferences_library_row_get_id (row)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Adding -------------------------------------------------------------------------------- */

static void
chooser_response_cb (SwPreferencesLibraries *self,
                     int                     response)
{
  g_autoptr(GtkFileChooserNative) chooser = g_steal_pointer (&self->chooser);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = folder != NULL ? g_file_get_path (folder) : NULL;
  if (path == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                                                     _("Only local folders can be added"));

      show_error (self, error);
      return;
    }

  sw_preferences_libraries_add (self, path, NULL, NULL);
}

static void
add_clicked_cb (SwPreferencesLibraries *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    return;

  self->chooser = sw_library_chooser_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
sw_preferences_libraries_dispose (GObject *object)
{
  SwPreferencesLibraries *self = SW_PREFERENCES_LIBRARIES (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->details);
  g_clear_object (&self->details);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->events);
  g_clear_object (&self->jobs);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (sw_preferences_libraries_parent_class)->dispose (object);
}

static void
sw_preferences_libraries_class_init (SwPreferencesLibrariesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_preferences_libraries_dispose;

  sw_ui_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "sw-preferences-libraries.ui");
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesLibraries, group);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesLibraries, empty_row);
  gtk_widget_class_bind_template_child (widget_class, SwPreferencesLibraries, error_label);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
sw_preferences_libraries_init (SwPreferencesLibraries *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sw_preferences_libraries_new (SwStore         *store,
                              SwEvents        *events,
                              SwJobQueue      *jobs,
                              SwArtistService *service)
{
  SwPreferencesLibraries *self;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (SW_IS_EVENTS (events), NULL);
  g_return_val_if_fail (SW_IS_JOB_QUEUE (jobs), NULL);
  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (service), NULL);

  self = g_object_new (SW_TYPE_PREFERENCES_LIBRARIES, NULL);
  self->store = g_object_ref (store);
  self->events = g_object_ref (events);
  self->jobs = g_object_ref (jobs);
  self->service = g_object_ref (service);
  reload (self);
  return GTK_WIDGET (self);
}

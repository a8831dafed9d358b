/* sw-artist-editor-nfo.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-editor-private.h"
#include "sw-nfo-conflict.h"
#include "sw-nfo-sync.h"

/* The bar that says artist.nfo was changed by another program. Reading and hashing the
 * file, re-importing it and rewriting it all happen on a worker thread. */

/* Our own NFO writer replaces the file and then records its fingerprint; a check in
 * between would see a stranger's file, so changes settle for this long first. */
#define SETTLE_MS 1000

typedef enum
{
  NFO_CHECK,
  NFO_RELOAD,
  NFO_KEEP_MINE,
} NfoWork;

typedef struct
{
  NfoWork work;
  SwArtistService *service;
  char *artist_id;
} NfoTask;

static void
nfo_task_free (gpointer data)
{
  NfoTask *task = data;

  g_clear_object (&task->service);
  g_free (task->artist_id);
  g_free (task);
}

static void
nfo_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  NfoTask *data = task_data;
  SwStore *store = sw_artist_service_get_store (data->service);
  g_autoptr(GError) error = NULL;
  gboolean conflict = FALSE;
  gboolean ok = FALSE;

  switch (data->work)
    {
    case NFO_CHECK:
      ok = sw_nfo_conflict_check (store, data->artist_id, &conflict, NULL, &error);
      break;
    case NFO_RELOAD:
      ok = sw_nfo_conflict_reload (data->service, data->artist_id, &error);
      break;
    case NFO_KEEP_MINE:
      {
        /* Its own instance: settings objects are not shared across threads. */
        g_autoptr(SwSettings) settings = sw_settings_new (store);

        ok = sw_nfo_sync_write_artist (store, settings, data->artist_id, &error);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, conflict);
}

static void
nfo_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SwArtistEditor *self = SW_ARTIST_EDITOR (source);
  NfoTask *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean conflict = g_task_propagate_boolean (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_strcmp0 (data->artist_id, self->artist_id) != 0)
    return;

  if (data->work == NFO_CHECK)
    {
      /* An artist that vanished is the editor's business, not this bar's. */
      if (error != NULL && !g_error_matches (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND))
        g_warning ("NFO check of artist %s: %s", data->artist_id, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->conflict_bar), error == NULL && conflict);
      return;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reload-nfo", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.keep-mine", TRUE);
  if (error != NULL)
    {
      _sw_artist_editor_show_error (self, error);
      return;
    }
  _sw_artist_editor_toast (self, adw_toast_new (data->work == NFO_RELOAD
                                                  ? _("Reloaded from artist.nfo")
                                                  : _("artist.nfo rewritten from Stillwater")));
  gtk_widget_set_visible (GTK_WIDGET (self->conflict_bar), FALSE);
  _sw_artist_editor_queue_reload (self);
}

static void
run (SwArtistEditor *self,
     NfoWork         work)
{
  g_autoptr(GTask) task = NULL;
  NfoTask *data;

  if (self->artist_id == NULL || self->nfo_cancellable == NULL)
    return;

  data = g_new0 (NfoTask, 1);
  data->work = work;
  data->service = g_object_ref (self->service);
  data->artist_id = g_strdup (self->artist_id);
  task = g_task_new (self, self->nfo_cancellable, nfo_done_cb, NULL);
  g_task_set_source_tag (task, run);
  g_task_set_task_data (task, data, nfo_task_free);
  g_task_run_in_thread (task, nfo_thread);
}

static gboolean
check_cb (gpointer user_data)
{
  SwArtistEditor *self = user_data;

  self->nfo_check_source = 0;
  run (self, NFO_CHECK);
  return G_SOURCE_REMOVE;
}

void
_sw_artist_editor_nfo_queue_check (SwArtistEditor *self,
                                   guint           delay_ms)
{
  g_clear_handle_id (&self->nfo_check_source, g_source_remove);
  self->nfo_check_source = g_timeout_add (delay_ms, check_cb, self);
}

static void
file_changed_cb (SwArtistEditor *self)
{
  _sw_artist_editor_nfo_queue_check (self, SETTLE_MS);
}

void
_sw_artist_editor_nfo_stop (SwArtistEditor *self)
{
  g_cancellable_cancel (self->nfo_cancellable);
  g_clear_object (&self->nfo_cancellable);
  if (self->nfo_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->nfo_monitor, self);
      g_file_monitor_cancel (self->nfo_monitor);
      g_clear_object (&self->nfo_monitor);
    }
  g_clear_handle_id (&self->nfo_check_source, g_source_remove);
}

void
_sw_artist_editor_nfo_watch (SwArtistEditor *self)
{
  g_autofree char *path = NULL;

  _sw_artist_editor_nfo_stop (self);
  gtk_widget_set_visible (GTK_WIDGET (self->conflict_bar), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reload-nfo", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.keep-mine", TRUE);
  if (self->artist == NULL)
    return;

  self->nfo_cancellable = g_cancellable_new ();
  g_object_get (self->artist, "path", &path, NULL);
  if (path != NULL && *path != '\0')
    {
      g_autofree char *nfo_path = g_build_filename (path, "artist.nfo", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (nfo_path);
      g_autoptr(GError) error = NULL;

      self->nfo_monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
      if (self->nfo_monitor == NULL)
        g_info ("Not watching %s: %s", nfo_path, error->message);
      else
        g_signal_connect_swapped (self->nfo_monitor, "changed", G_CALLBACK (file_changed_cb),
                                  self);
    }
  _sw_artist_editor_nfo_queue_check (self, 0);
}

static void
reload_nfo_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gtk_widget_action_set_enabled (widget, "editor.reload-nfo", FALSE);
  gtk_widget_action_set_enabled (widget, "editor.keep-mine", FALSE);
  run (SW_ARTIST_EDITOR (widget), NFO_RELOAD);
}

static void
keep_mine_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_action_set_enabled (widget, "editor.reload-nfo", FALSE);
  gtk_widget_action_set_enabled (widget, "editor.keep-mine", FALSE);
  run (SW_ARTIST_EDITOR (widget), NFO_KEEP_MINE);
}

void
_sw_artist_editor_nfo_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.reload-nfo", NULL, reload_nfo_activated);
  gtk_widget_class_install_action (widget_class, "editor.keep-mine", NULL, keep_mine_activated);
}

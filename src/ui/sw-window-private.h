/* sw-window-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sw-window.h"

G_BEGIN_DECLS

struct _SwWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  SwServerStatus *server_status;
  SwStore *store;
  SwEvents *events;
  SwJobQueue *jobs;
  SwArtistService *service;

  SwJob *scan_job;               /* the first-run scan whose progress is shown */
  guint scan_subscription;
  GtkFileChooserNative *chooser;
  GCancellable *cancellable;     /* cancelled at dispose */
  gboolean making_sample;
  GtkWidget *artists_page;

  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  AdwStatusPage *empty_page;
  AdwActionRow *server_row;
  GtkWidget *add_library_button;
  GtkWidget *sample_button;
  GtkProgressBar *scan_progress;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar;
  AdwBin *jobs_slot;
  GtkListBox *sidebar_list;
  GtkListBoxRow *dashboard_row;
  GtkListBoxRow *artists_row;
  GtkLabel *artists_count;
  GtkStack *content_stack;
  AdwBin *dashboard_bin;
  AdwBin *artists_bin;
};

/* sw-window.c */
void _sw_window_update_page                 (SwWindow      *self);
void _sw_window_show_toast                  (SwWindow      *self,
                                             const char    *message);

/* sw-window-library.c: adding libraries and following their first scan */
void _sw_window_follow_scan                 (SwWindow      *self,
                                             SwJob         *job);
void _sw_window_stop_following_scan         (SwWindow      *self);
void _sw_window_scan_completed_cb           (SwEvent       *event,
                                             gpointer       user_data);
void _sw_window_cancel_scan_activated       (GSimpleAction *action,
                                             GVariant      *parameter,
                                             gpointer       user_data);
void _sw_window_scan_all_activated          (GSimpleAction *action,
                                             GVariant      *parameter,
                                             gpointer       user_data);
void _sw_window_add_library_activated       (GSimpleAction *action,
                                             GVariant      *parameter,
                                             gpointer       user_data);
void _sw_window_try_sample_activated        (GSimpleAction *action,
                                             GVariant      *parameter,
                                             gpointer       user_data);

G_END_DECLS

/* sw-preferences-window.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-preferences-appearance.h"
#include "sw-preferences-libraries.h"
#include "sw-preferences-nfo.h"
#include "sw-preferences-server.h"
#include "sw-preferences-window.h"
#include "sw-ui.h"

/* Only assembles the pages; each page owns its controls and saves its own changes. */
struct _SwPreferencesWindow
{
  AdwPreferencesWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (SwPreferencesWindow, sw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
sw_preferences_window_class_init (SwPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  sw_ui_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "sw-preferences-window.ui");
}

static void
sw_preferences_window_init (SwPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
add_page (SwPreferencesWindow *self,
          GtkWidget           *page)
{
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
}

GtkWidget *
sw_preferences_window_new (GtkWindow       *parent,
                           GSettings       *settings,
                           SwServerStatus  *status,
                           SwStore         *store,
                           SwEvents        *events,
                           SwJobQueue      *jobs,
                           SwArtistService *service)
{
  SwPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (SW_IS_SERVER_STATUS (status), NULL);
  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (SW_IS_EVENTS (events), NULL);
  g_return_val_if_fail (SW_IS_JOB_QUEUE (jobs), NULL);
  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (service), NULL);

  self = g_object_new (SW_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  add_page (self, sw_preferences_libraries_new (store, events, jobs, service));
  add_page (self, sw_preferences_server_new (settings, status, store));
  add_page (self, sw_preferences_nfo_new (store));
  add_page (self, sw_preferences_appearance_new (settings));
  return GTK_WIDGET (self);
}

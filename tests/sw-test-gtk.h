/* sw-test-gtk.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sw-artist-service.h"
#include "sw-events.h"
#include "sw-job-queue.h"
#include "sw-server-status.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* Helpers for the GUI tests: they run on the test display (Xvfb under tools/test). */

/* gtk_init_check() and a registered non-unique application; NULL (after a test
 * message) when there is no display: the caller then returns 77 (skipped). */
GtkApplication *sw_test_gtk_init              (int          *argc,
                                               char       ***argv,
                                               const char   *app_id);

/* Runs the default main context until nothing is pending. */
void            sw_test_gtk_iterate           (void);

typedef gboolean (*SwTestCondition) (gpointer data);

/* Runs the main loop until @condition holds or @timeout_ms pass; returns the outcome. */
gboolean        sw_test_gtk_wait_for          (SwTestCondition  condition,
                                               gpointer         data,
                                               guint            timeout_ms);

/* Depth-first searches of a widget tree (visible or not). */
typedef gboolean (*SwTestWidgetMatch) (GtkWidget *widget, gconstpointer data);

GtkWidget      *sw_test_gtk_find_matching     (GtkWidget       *root,
                                               SwTestWidgetMatch match,
                                               gconstpointer    data);
GtkWidget      *sw_test_gtk_find_descendant   (GtkWidget       *root,
                                               GType            type);
GtkWidget      *sw_test_gtk_find_button       (GtkWidget       *root,
                                               const char      *label);
GtkWidget      *sw_test_gtk_find_label        (GtkWidget       *root,
                                               const char      *text);
/* The Artists page's list: the list view with a multiple selection. */
GtkListView    *sw_test_gtk_find_artist_list  (GtkWidget       *root);
/* The artist the list shows at @position (its slot's), or NULL. */
SwArtist       *sw_test_gtk_dup_artist_at     (GtkListView     *list,
                                               guint            position);
GtkStack       *sw_test_gtk_find_stack_with_page (GtkWidget    *root,
                                               const char      *page_name);

/* A store in a temporary directory with the objects the window needs. */
typedef struct
{
  char *dir;
  char *music;               /* an empty folder "Music" inside dir */
  SwStore *store;
  SwEvents *events;
  SwJobQueue *jobs;
  SwArtistService *service;
  SwServerStatus *status;
} SwTestGui;

void            sw_test_gui_setup             (SwTestGui       *gui);
/* Cancels and waits for jobs, then frees everything and removes the directory. */
void            sw_test_gui_teardown          (SwTestGui       *gui);

/* A library named "Music" over gui->music; returns its id. */
char           *sw_test_gui_create_library    (SwTestGui       *gui);

/* 30 artists in @library_id (may be NULL): "Nova 1" … "Nova 10" (groups with an MBID)
 * and "Echo 1" … "Echo 20" (persons). */
void            sw_test_gui_create_artists    (SwTestGui       *gui,
                                               const char      *library_id);

G_END_DECLS

/* sw-artist-editor-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist-editor.h"
#include "sw-field-row.h"
#include "sw-field-row-text.h"

G_BEGIN_DECLS

/* Shared by sw-artist-editor.c (fields, undo, locks) and sw-artist-editor-nfo.c (the
 * artist.nfo conflict bar). */
struct _SwArtistEditor
{
  AdwBin parent_instance;

  SwArtistService *service;
  SwEvents *events;
  guint subscription;
  guint reload_source;

  char *artist_id;
  SwArtist *artist;              /* as last loaded; NULL when none is shown */
  gboolean loading;              /* rows are being filled: not user edits */
  GPtrArray *entry_rows;         /* SwFieldRow, borrowed */
  GPtrArray *locks;              /* SwFieldRowLock, borrowed */

  /* The last edit made here, for Undo. */
  char *undo_artist_id;
  char *undo_field;
  char *undo_value;

  /* The NFO conflict check. */
  GCancellable *nfo_cancellable;
  GFileMonitor *nfo_monitor;
  guint nfo_check_source;

  GtkButton *back_button;
  GtkButton *lock_button;
  GtkWidget *open_folder_button;
  AdwViewSwitcherTitle *switcher_title;
  GtkStack *content_stack;
  AdwViewStack *view_stack;
  GtkBox *details_box;
  GtkBox *conflict_bar;
  AdwAvatar *avatar;
  GtkLabel *name_label;
  GtkLabel *disambiguation_label;
  GtkLabel *mbid_badge;
  GtkWidget *locked_badge;
  AdwComboRow *type_row;
  AdwComboRow *gender_row;
  SwFieldRowText *biography_row;
  SwFieldRow *born_row;
  SwFieldRow *formed_row;
  SwFieldRow *died_row;
  SwFieldRow *disbanded_row;
  GtkBox *sections;
};

void _sw_artist_editor_toast          (SwArtistEditor *self,
                                       AdwToast       *toast);
void _sw_artist_editor_show_error     (SwArtistEditor *self,
                                       const GError   *error);
void _sw_artist_editor_queue_reload   (SwArtistEditor *self);
/* Reads the artist again (see sw-artist-editor.c). */
void _sw_artist_editor_reload         (SwArtistEditor *self,
                                       const char     *forced_field);

/* sw-artist-editor-nfo.c */
/* sw-artist-editor-edits.c */
void _sw_artist_editor_edits_class_init (GtkWidgetClass *widget_class);
void _sw_artist_editor_edits_connect    (SwArtistEditor *self);

void _sw_artist_editor_nfo_class_init (GtkWidgetClass *widget_class);
/* Watches the shown artist's artist.nfo (NULL artist: stops) and checks it now. */
void _sw_artist_editor_nfo_watch      (SwArtistEditor *self);
void _sw_artist_editor_nfo_queue_check (SwArtistEditor *self,
                                       guint           delay_ms);
void _sw_artist_editor_nfo_stop       (SwArtistEditor *self);

G_END_DECLS

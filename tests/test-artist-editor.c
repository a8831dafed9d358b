/* test-artist-editor.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sw-artist-editor.h"
#include "sw-artist-private.h"
#include "sw-artist-query.h"
#include "sw-field-row.h"
#include "sw-field-row-text.h"
#include "sw-nfo-sync.h"
#include "sw-test-gtk.h"
#include "sw-test-util.h"

/* A real editor in a window on the test display, over a real SQLite file and a real
 * artist folder whose artist.nfo a real SwNfoSync keeps in step. */

static GtkApplication *app;

static const char original_nfo[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<artist>\n  <name>ABBA</name>\n"
  "  <biography>Swedish pop.</biography>\n</artist>\n";

typedef struct
{
  SwTestGui gui;
  SwSettings *settings;
  SwNfoSync *sync;
  char *folder;
  char *nfo_path;
  char *artist_id;
  GtkWindow *window;
  AdwToastOverlay *overlay;
  SwArtistEditor *editor;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) artists = g_ptr_array_new_with_free_func (g_object_unref);
  SwArtist *artist;

  sw_test_gui_setup (&fixture->gui);
  fixture->folder = g_build_filename (fixture->gui.music, "ABBA", NULL);
  fixture->nfo_path = g_build_filename (fixture->folder, "artist.nfo", NULL);
  g_assert_cmpint (g_mkdir (fixture->folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (fixture->nfo_path, original_nfo, -1, &error));
  g_assert_no_error (error);

  fixture->settings = sw_settings_new (fixture->gui.store);
  fixture->sync = sw_nfo_sync_new (fixture->gui.store, fixture->gui.events, fixture->settings);

  artist = sw_artist_new ();
  artist->name = g_strdup ("ABBA");
  artist->type = g_strdup ("group");
  artist->biography = g_strdup ("Swedish pop.");
  artist->genres = g_strsplit ("Pop,Disco", ",", -1);
  artist->path = g_strdup (fixture->folder);
  g_ptr_array_add (artists, artist);
  g_assert_true (sw_artist_service_create (fixture->gui.service, artists, NULL, &error));
  g_assert_no_error (error);
  fixture->artist_id = g_strdup (artist->id);
  /* What a scan would have recorded: the file as Stillwater read it. */
  sw_nfo_sync_flush (fixture->sync);
  g_assert_true (sw_nfo_sync_write_artist (fixture->gui.store, fixture->settings,
                                           fixture->artist_id, &error));
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_application_window_new (app));
  gtk_window_set_default_size (fixture->window, 900, 700);
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  fixture->editor = SW_ARTIST_EDITOR (sw_artist_editor_new (fixture->gui.service,
                                                            fixture->gui.events));
  adw_toast_overlay_set_child (fixture->overlay, GTK_WIDGET (fixture->editor));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->overlay));
  gtk_window_present (fixture->window);
  sw_test_gtk_iterate ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  sw_test_gtk_iterate ();
  g_clear_object (&fixture->sync);
  g_clear_object (&fixture->settings);
  sw_test_gui_teardown (&fixture->gui);
  g_clear_pointer (&fixture->folder, g_free);
  g_clear_pointer (&fixture->nfo_path, g_free);
  g_clear_pointer (&fixture->artist_id, g_free);
}

static SwFieldRow *
find_row (Fixture    *fixture,
          const char *field)
{
  GPtrArray *stack = g_ptr_array_new ();
  SwFieldRow *found = NULL;

  g_ptr_array_add (stack, fixture->editor);
  while (stack->len > 0 && found == NULL)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (SW_IS_FIELD_ROW (widget) && g_str_equal (sw_field_row_get_field (SW_FIELD_ROW (widget)), field))
        found = SW_FIELD_ROW (widget);
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_ptr_array_unref (stack);
  g_assert_nonnull (found);
  return found;
}

static SwArtist *
stored (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  SwArtist *artist = sw_artist_store_get (fixture->gui.store, fixture->artist_id, &error);

  g_assert_no_error (error);
  return artist;
}

static const char *
visible_page (Fixture *fixture)
{
  GtkStack *stack = sw_test_gtk_find_stack_with_page (GTK_WIDGET (fixture->editor), "not-found");

  return gtk_stack_get_visible_child_name (stack);
}

static void
show_artist (Fixture *fixture)
{
  sw_artist_editor_set_artist_id (fixture->editor, fixture->artist_id);
  sw_test_gtk_iterate ();
  g_assert_cmpstr (visible_page (fixture), ==, "artist");
}

static void
edit_row (SwFieldRow *row,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static char *
read_nfo (Fixture *fixture)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (fixture->nfo_path, &contents, NULL, NULL));
  return contents;
}

static void
test_template (Fixture       *fixture,
               gconstpointer  data)
{
  g_assert_cmpstr (visible_page (fixture), ==, "empty");
  g_assert_nonnull (sw_test_gtk_find_label (GTK_WIDGET (fixture->editor), "No Artist Selected"));
  g_assert_true (GTK_IS_BOX (sw_artist_editor_get_sections (fixture->editor)));
  g_assert_nonnull (adw_view_stack_get_child_by_name (sw_artist_editor_get_view_stack (fixture->editor),
                                                      "details"));
  g_assert_null (sw_artist_editor_get_artist_id (fixture->editor));

  g_object_set (fixture->editor, "show-back-button", TRUE, NULL);
  {
    gboolean shown = FALSE;

    g_object_get (fixture->editor, "show-back-button", &shown, NULL);
    g_assert_true (shown);
  }

  sw_artist_editor_set_artist_id (fixture->editor, "0190d5f0-0000-7000-8000-000000000000");
  sw_test_gtk_iterate ();
  g_assert_cmpstr (visible_page (fixture), ==, "not-found");
}

static void
test_fill (Fixture       *fixture,
           gconstpointer  data)
{
  show_artist (fixture);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (fixture, "name"))), ==, "ABBA");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (fixture, "genres"))), ==,
                   "Pop, Disco");
  g_assert_nonnull (sw_test_gtk_find_label (GTK_WIDGET (fixture->editor), "Not identified"));
  /* A group: formed/disbanded, not born/died. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (find_row (fixture, "formed"))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (find_row (fixture, "born"))));
}

static void
test_edit_saves (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SwArtist) artist = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *written = NULL;
  g_auto(GStrv) genres = NULL;

  show_artist (fixture);
  edit_row (find_row (fixture, "origin"), "Stockholm");
  edit_row (find_row (fixture, "genres"), "Pop, Europop");
  edit_row (find_row (fixture, "years_active"), "1972-1982");
  sw_nfo_sync_flush (fixture->sync);

  artist = stored (fixture);
  g_object_get (artist, "origin", &origin, "genres", &genres, NULL);
  g_assert_cmpstr (origin, ==, "Stockholm");
  g_assert_cmpuint (g_strv_length (genres), ==, 2);
  g_assert_cmpstr (genres[1], ==, "Europop");

  written = read_nfo (fixture);
  /* artist.nfo has no origin element; years active and genres it has. */
  g_assert_nonnull (strstr (written, "<yearsactive>1972-1982</yearsactive>"));
  g_assert_nonnull (strstr (written, "<genre>Europop</genre>"));
}

static void
test_invalid_mbid (Fixture       *fixture,
                   gconstpointer  data)
{
  SwFieldRow *row;
  g_autoptr(SwArtist) artist = NULL;

  show_artist (fixture);
  row = find_row (fixture, "musicbrainz_id");
  gtk_editable_set_text (GTK_EDITABLE (row), "not-a-uuid");
  /* Checked as typed, before any save. */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_nonnull (sw_field_row_get_error (row));

  artist = stored (fixture);
  g_assert_cmpstr (sw_artist_get_musicbrainz_id (artist), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "not-a-uuid");

  gtk_editable_set_text (GTK_EDITABLE (row), "d87e52c5-bb8d-4da8-b941-9f4928627dc8");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
}

typedef struct
{
  SwFieldRow *row;
  const char *text;
} RowText;

static gboolean
row_shows (gpointer data)
{
  RowText *expected = data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (expected->row)), expected->text) == 0;
}

static void
test_live_update (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RowText expected;
  SwFieldRow *origin;

  show_artist (fixture);
  /* The same call PATCH /artists/{id}/fields/{field} makes. */
  g_assert_true (sw_artist_service_update_field (fixture->gui.service, fixture->artist_id,
                                                 "disambiguation", "Swedish group", "manual",
                                                 NULL, &error));
  g_assert_no_error (error);
  expected.row = find_row (fixture, "disambiguation");
  expected.text = "Swedish group";
  g_assert_true (sw_test_gtk_wait_for (row_shows, &expected, 1000));

  /* Unsaved typing is not overwritten. */
  origin = find_row (fixture, "origin");
  gtk_editable_set_text (GTK_EDITABLE (origin), "typing…");
  g_assert_true (sw_artist_service_update_field (fixture->gui.service, fixture->artist_id,
                                                 "origin", "Sweden", "manual", NULL, &error));
  expected.row = find_row (fixture, "years_active");
  g_assert_true (sw_artist_service_update_field (fixture->gui.service, fixture->artist_id,
                                                 "years_active", "1972-1982", "manual", NULL,
                                                 &error));
  expected.text = "1972-1982";
  g_assert_true (sw_test_gtk_wait_for (row_shows, &expected, 1000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (origin)), ==, "typing…");
}

static gboolean
shows_not_found (gpointer data)
{
  return g_strcmp0 (visible_page (data), "not-found") == 0;
}

static void
test_deleted (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  show_artist (fixture);
  sql = g_strdup_printf ("DELETE FROM artists WHERE id = '%s'", fixture->artist_id);
  g_assert_true (sw_store_exec (fixture->gui.store, sql, &error));
  g_assert_no_error (error);
  sw_events_publish (fixture->gui.events, SW_EVENT_SCAN_COMPLETED, NULL);
  g_assert_true (sw_test_gtk_wait_for (shows_not_found, fixture, 2000));
}

static void
test_lock_field (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SwArtist) artist = NULL;
  SwFieldRowLock *lock;

  show_artist (fixture);
  lock = sw_field_row_get_lock (find_row (fixture, "origin"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (lock)));
  g_signal_emit_by_name (lock, "clicked");
  artist = stored (fixture);
  g_assert_true (sw_artist_is_field_locked (artist, "origin"));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (lock)));

  g_signal_emit_by_name (lock, "clicked");
  g_clear_object (&artist);
  artist = stored (fixture);
  g_assert_false (sw_artist_is_field_locked (artist, "origin"));

  /* The whole artist, by its action (Ctrl+L). */
  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.toggle-lock", NULL);
  g_clear_object (&artist);
  artist = stored (fixture);
  g_assert_true (sw_artist_get_locked (artist));
}

static gboolean
has_undo_button (gpointer data)
{
  Fixture *fixture = data;

  return sw_test_gtk_find_button (GTK_WIDGET (fixture->overlay), "_Undo") != NULL;
}

static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(SwArtist) artist = NULL;
  g_autofree char *biography = NULL;
  SwFieldRowText *bio_row;
  GtkWidget *button;

  show_artist (fixture);
  bio_row = SW_FIELD_ROW_TEXT (sw_test_gtk_find_descendant (GTK_WIDGET (fixture->editor),
                                                            SW_TYPE_FIELD_ROW_TEXT));
  sw_field_row_text_set_text (bio_row, "New text.");
  g_signal_emit_by_name (bio_row, "commit");
  artist = stored (fixture);
  g_object_get (artist, "biography", &biography, NULL);
  g_assert_cmpstr (biography, ==, "New text.");

  /* The toast's Undo button. */
  g_assert_true (sw_test_gtk_wait_for (has_undo_button, fixture, 1000));
  g_assert_nonnull (sw_test_gtk_find_label (GTK_WIDGET (fixture->overlay), "Biography saved"));
  button = sw_test_gtk_find_button (GTK_WIDGET (fixture->overlay), "_Undo");
  g_signal_emit_by_name (button, "clicked");
  g_clear_object (&artist);
  g_clear_pointer (&biography, g_free);
  artist = stored (fixture);
  g_object_get (artist, "biography", &biography, NULL);
  g_assert_cmpstr (biography, ==, "Swedish pop.");

  /* Ctrl+Z, through the editor's shortcut action. */
  edit_row (find_row (fixture, "origin"), "Stockholm");
  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.undo", NULL);
  g_clear_object (&artist);
  artist = stored (fixture);
  g_assert_cmpstr (sw_artist_editor_get_artist_id (fixture->editor), ==, fixture->artist_id);
  {
    g_autofree char *origin = NULL;

    g_object_get (artist, "origin", &origin, NULL);
    g_assert_true (origin == NULL || *origin == '\0');
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (fixture, "origin"))), ==, "");
}

static gboolean
conflict_shown (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *button = sw_test_gtk_find_button (GTK_WIDGET (fixture->editor), "_Reload from File");

  return button != NULL && gtk_widget_is_visible (button);
}

static gboolean
conflict_hidden (gpointer data)
{
  return !conflict_shown (data);
}

static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwArtist) artist = NULL;
  g_autofree char *biography = NULL;
  static const char changed_nfo[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<artist>\n  <name>ABBA</name>\n"
    "  <biography>Changed in Kodi.</biography>\n</artist>\n";

  show_artist (fixture);
  sw_test_gtk_wait_for (conflict_shown, fixture, 300);
  g_assert_false (conflict_shown (fixture));

  g_assert_true (g_file_set_contents (fixture->nfo_path, changed_nfo, -1, &error));
  g_assert_no_error (error);
  g_assert_true (sw_test_gtk_wait_for (conflict_shown, fixture, 5000));

  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.reload-nfo", NULL);
  g_assert_true (sw_test_gtk_wait_for (conflict_hidden, fixture, 5000));
  artist = stored (fixture);
  g_object_get (artist, "biography", &biography, NULL);
  g_assert_cmpstr (biography, ==, "Changed in Kodi.");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = sw_test_gtk_init (&argc, &argv, "io.github.stillwater.Stillwater.TestArtistEditor");
  if (app == NULL)
    return 77;

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/artist-editor/template", test_template);
  ADD ("/artist-editor/fill", test_fill);
  ADD ("/artist-editor/edit-saves", test_edit_saves);
  ADD ("/artist-editor/invalid-mbid", test_invalid_mbid);
  ADD ("/artist-editor/live-update", test_live_update);
  ADD ("/artist-editor/deleted", test_deleted);
  ADD ("/artist-editor/lock-field", test_lock_field);
  ADD ("/artist-editor/undo", test_undo);
  ADD ("/artist-editor/conflict", test_conflict);
#undef ADD

  status = g_test_run ();
  g_object_unref (app);
  return status;
}

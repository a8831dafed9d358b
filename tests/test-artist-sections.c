/* test-artist-sections.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "sw-artist-aliases-group.h"
#include "sw-artist-history-view.h"
#include "sw-artist-images-group.h"
#include "sw-artist-members-group.h"
#include "sw-artist-private.h"
#include "sw-artist-query.h"
#include "sw-image-naming.h"
#include "sw-member-private.h"
#include "sw-platform-service.h"
#include "sw-scanner.h"
#include "sw-test-gtk.h"

/* The artist editor's sections, each on its own in a real window on the test display,
 * over a real SQLite file. */

static GtkApplication *app;

typedef struct
{
  SwTestGui gui;
  GtkWindow *window;
  AdwToastOverlay *overlay;
  char *artist_id;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) artists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  SwArtist *artist = sw_artist_new ();

  sw_test_gui_setup (&fixture->gui);
  artist->name = g_strdup ("Nova");
  artist->type = g_strdup ("group");
  g_ptr_array_add (artists, artist);
  g_assert_true (sw_artist_service_create (fixture->gui.service, artists, NULL, &error));
  g_assert_no_error (error);
  fixture->artist_id = g_strdup (artist->id);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  sw_test_gtk_iterate ();
  g_free (fixture->artist_id);
  sw_test_gui_teardown (&fixture->gui);
}

/* Shows @section alone in a window, inside a toast overlay as the editor has it. */
static void
show (Fixture   *fixture,
      GtkWidget *section)
{
  fixture->window = GTK_WINDOW (gtk_application_window_new (app));
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_window_set_default_size (fixture->window, 800, 600);
  adw_toast_overlay_set_child (fixture->overlay, section);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->overlay));
  gtk_window_present (fixture->window);
  sw_test_gtk_iterate ();
}

static SwArtist *
get_artist (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  SwArtist *artist = sw_artist_store_get (fixture->gui.store, fixture->artist_id, &error);

  g_assert_no_error (error);
  return artist;
}

static void
set_field (Fixture    *fixture,
           const char *field,
           const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sw_artist_service_update_field (fixture->gui.service, fixture->artist_id, field,
                                                 value, "manual", "", &error));
  g_assert_no_error (error);
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  sw_test_gtk_iterate ();
}

/* The first visible list box (a preferences group has a hidden one of its own). */
static GtkWidget *
visible_list (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LIST_BOX (child) && gtk_widget_get_visible (child))
        return child;
      found = visible_list (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The rows of a list box, in order, without the entry row of a group. */
static GPtrArray *
rows_of (GtkWidget *root)
{
  GtkWidget *list = visible_list (root);
  GPtrArray *rows = g_ptr_array_new ();

  g_assert_nonnull (list);
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && !ADW_IS_ENTRY_ROW (child))
      g_ptr_array_add (rows, child);
  return rows;
}

static GtkWidget *
error_label (GtkWidget *root)
{
  /* The only label styled as an error. */
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "error"))
        return child;
      found = error_label (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* History ---------------------------------------------------------------------------- */

typedef struct
{
  Fixture *fixture;
  const char *text;
} ToastSearch;

static gboolean
has_toast (gpointer data)
{
  ToastSearch *search = data;

  return sw_test_gtk_find_label (GTK_WIDGET (search->fixture->overlay), search->text) != NULL;
}

/* A toast replacing another one appears once the old one has gone. */
static gboolean
shows_toast (Fixture    *fixture,
             const char *text)
{
  ToastSearch search = { fixture, text };

  return sw_test_gtk_wait_for (has_toast, &search, 3000);
}

static void
test_history_empty (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *view = sw_artist_history_view_new (fixture->gui.service);
  GtkStack *stack;

  show (fixture, view);
  sw_artist_history_view_set_artist_id (SW_ARTIST_HISTORY_VIEW (view), fixture->artist_id);
  stack = sw_test_gtk_find_stack_with_page (view, "empty");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_nonnull (sw_test_gtk_find_label (view, "No Changes Yet"));

  set_field (fixture, "origin", "Oslo");
  sw_artist_history_view_reload (SW_ARTIST_HISTORY_VIEW (view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "changes");

  sw_artist_history_view_set_artist_id (SW_ARTIST_HISTORY_VIEW (view), NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
}

static void
test_history_revert (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *view = sw_artist_history_view_new (fixture->gui.service);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(SwArtist) artist = NULL;

  set_field (fixture, "biography", "First words");
  set_field (fixture, "biography", "Second words");
  show (fixture, view);
  sw_artist_history_view_set_artist_id (SW_ARTIST_HISTORY_VIEW (view), fixture->artist_id);

  /* Newest first. */
  rows = rows_of (view);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_nonnull (sw_test_gtk_find_label (rows->pdata[0], "Biography"));
  g_assert_nonnull (sw_test_gtk_find_label (rows->pdata[0], "First words → Second words"));
  g_assert_nonnull (sw_test_gtk_find_label (rows->pdata[0], "Edited · Just now"));
  g_assert_nonnull (sw_test_gtk_find_label (rows->pdata[1], "(none) → First words"));

  click (sw_test_gtk_find_button (rows->pdata[0], "Revert"));
  artist = get_artist (fixture);
  g_assert_cmpstr (artist->biography, ==, "First words");
  g_assert_true (shows_toast (fixture, "Change reverted"));

  /* The revert is listed on top, and cannot itself be reverted. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = rows_of (view);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_nonnull (sw_test_gtk_find_label (rows->pdata[0], "Second words → First words"));
  g_assert_nonnull (sw_test_gtk_find_label (rows->pdata[0], "Reverted · Just now"));
  g_assert_null (sw_test_gtk_find_button (rows->pdata[0], "Revert"));

  /* Reverting the same change again finds the value already there. */
  click (sw_test_gtk_find_button (rows->pdata[1], "Revert"));
  g_assert_true (shows_toast (fixture, "Nothing to revert: the field already has that value"));
  g_clear_object (&artist);
  artist = get_artist (fixture);
  g_assert_cmpstr (artist->biography, ==, "First words");
}

static void
test_history_paging (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *view = sw_artist_history_view_new (fixture->gui.service);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *more;

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *origin = g_strdup_printf ("Town %u", i);

      set_field (fixture, "origin", origin);
    }
  show (fixture, view);
  sw_artist_history_view_set_artist_id (SW_ARTIST_HISTORY_VIEW (view), fixture->artist_id);

  rows = rows_of (view);
  g_assert_cmpuint (rows->len, ==, 50);
  g_assert_nonnull (sw_test_gtk_find_label (rows->pdata[0], "Town 58 → Town 59"));
  more = sw_test_gtk_find_button (view, "Show _More");
  g_assert_true (gtk_widget_get_visible (more));

  click (more);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = rows_of (view);
  g_assert_cmpuint (rows->len, ==, 60);
  g_assert_nonnull (sw_test_gtk_find_label (rows->pdata[59], "(none) → Town 0"));
  g_assert_false (gtk_widget_get_visible (more));

  /* A reload keeps what was shown. */
  sw_artist_history_view_reload (SW_ARTIST_HISTORY_VIEW (view));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = rows_of (view);
  g_assert_cmpuint (rows->len, ==, 60);
}

/* Aliases ---------------------------------------------------------------------------- */

static guint
count_aliases (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) aliases = sw_artist_service_list_aliases (fixture->gui.service,
                                                                 fixture->artist_id, &error);

  g_assert_no_error (error);
  return aliases->len;
}

static void
apply_entry (GtkWidget  *group,
             const char *text)
{
  GtkWidget *entry = sw_test_gtk_find_descendant (group, ADW_TYPE_ENTRY_ROW);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "apply");
  sw_test_gtk_iterate ();
}

/* The remove button of a row: its only button. */
static GtkWidget *
row_button (GtkWidget *row)
{
  return sw_test_gtk_find_descendant (row, GTK_TYPE_BUTTON);
}

static void
test_aliases (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *group = sw_artist_aliases_group_new (fixture->gui.service);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *entry = sw_test_gtk_find_descendant (group, ADW_TYPE_ENTRY_ROW);
  GtkWidget *error;

  show (fixture, group);
  g_assert_false (gtk_widget_is_sensitive (entry));
  sw_artist_aliases_group_set_artist_id (SW_ARTIST_ALIASES_GROUP (group), fixture->artist_id);
  g_assert_true (gtk_widget_is_sensitive (entry));
  error = error_label (group);
  g_assert_nonnull (error);
  g_assert_false (gtk_widget_get_visible (error));

  apply_entry (group, "The Nova");
  g_assert_cmpuint (count_aliases (fixture), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  rows = rows_of (group);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, "The Nova");
  g_assert_false (gtk_widget_get_visible (error));

  /* A duplicate and an empty alias are refused, said so, and change nothing. */
  apply_entry (group, "The Nova");
  g_assert_true (gtk_widget_get_visible (error));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error)), ==, "“Nova” already has the alias “The Nova”");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpuint (count_aliases (fixture), ==, 1);

  apply_entry (group, "   ");
  g_assert_true (gtk_widget_get_visible (error));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error)), ==, "Enter an alias");
  g_assert_cmpuint (count_aliases (fixture), ==, 1);

  /* Typing again clears the message. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Nova Band");
  g_assert_false (gtk_widget_get_visible (error));

  click (row_button (rows->pdata[0]));
  g_assert_cmpuint (count_aliases (fixture), ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = rows_of (group);
  g_assert_cmpuint (rows->len, ==, 0);
}

/* Members ---------------------------------------------------------------------------- */

static GPtrArray *
list_members (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *members = sw_artist_service_list_members (fixture->gui.service,
                                                       fixture->artist_id, &error);

  g_assert_no_error (error);
  return members;
}

static void
test_members (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *group = sw_artist_members_group_new (fixture->gui.service);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *error_text;
  SwMember *carol = sw_member_new ();

  carol->member_name = g_strdup ("Carol");
  carol->instruments = g_strsplit ("Guitar|Vocals", "|", -1);
  carol->date_joined = g_strdup ("1990");
  g_ptr_array_add (members, carol);
  g_assert_true (sw_artist_service_save_members (fixture->gui.service, fixture->artist_id,
                                                 members, "manual", &error));
  g_assert_no_error (error);
  g_clear_pointer (&members, g_ptr_array_unref);

  show (fixture, group);
  sw_artist_members_group_set_artist_id (SW_ARTIST_MEMBERS_GROUP (group), fixture->artist_id);
  rows = rows_of (group);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, "Carol");
  g_assert_cmpstr (adw_action_row_get_subtitle (rows->pdata[0]), ==, "Guitar, Vocals · Since 1990");

  apply_entry (group, "Alice");
  members = list_members (fixture);
  g_assert_cmpuint (members->len, ==, 2);
  g_assert_cmpstr (((SwMember *) members->pdata[0])->member_name, ==, "Carol");
  g_assert_cmpstr (((SwMember *) members->pdata[1])->member_name, ==, "Alice");
  /* Saving the whole list kept what the row did not show. */
  g_assert_cmpstr (((SwMember *) members->pdata[0])->date_joined, ==, "1990");
  g_clear_pointer (&members, g_ptr_array_unref);

  /* An empty name is refused and changes nothing. */
  apply_entry (group, " ");
  error_text = error_label (group);
  g_assert_true (gtk_widget_get_visible (error_text));
  members = list_members (fixture);
  g_assert_cmpuint (members->len, ==, 2);
  g_clear_pointer (&members, g_ptr_array_unref);

  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = rows_of (group);
  g_assert_cmpuint (rows->len, ==, 2);
  click (row_button (rows->pdata[0]));
  members = list_members (fixture);
  g_assert_cmpuint (members->len, ==, 1);
  g_assert_cmpstr (((SwMember *) members->pdata[0])->member_name, ==, "Alice");
}

/* Images ----------------------------------------------------------------------------- */

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
write_png (const char *folder,
           const char *slot,
           int         width,
           int         height,
           SwStore    *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwPlatformProfile) profile = sw_platform_service_get_active (store, &error);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);

  g_assert_no_error (error);
  /* Named the way the active profile (and so the scanner) expects. */
  name = sw_image_naming_file_name (profile, slot, 0, "png");
  path = g_build_filename (folder, name, NULL);
  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
}

static gboolean
has_paintable (gpointer picture)
{
  return gtk_picture_get_paintable (picture) != NULL;
}

static void
test_images (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->gui.music, "Aurora", NULL);
  g_autofree char *library_id = NULL;
  g_autoptr(SwSettings) settings = sw_settings_new (fixture->gui.store);
  g_autoptr(SwArtistQuery) query = sw_artist_query_new ();
  g_autoptr(SwArtistPage) page = NULL;
  g_autoptr(GError) error = NULL;
  SwScanCounts counts = { 0 };
  GtkWidget *group = sw_artist_images_group_new (fixture->gui.service);
  GtkWidget *thumb, *fanart, *logo;
  GtkPicture *picture, *gallery_picture;
  GdkPaintable *paintable;
  SwArtist *artist = NULL;
  GtkWidget *popover;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  write_png (folder, "thumb", 100, 100, fixture->gui.store);
  write_png (folder, "fanart", 1000, 562, fixture->gui.store);
  library_id = sw_test_gui_create_library (&fixture->gui);
  g_assert_true (sw_scanner_run (fixture->gui.service, fixture->gui.events, settings, library_id,
                                 NULL, NULL, NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.new_artists, ==, 1);

  g_assert_true (sw_artist_query_set_param (query, "search", "Aurora", &error));
  page = sw_artist_store_list (fixture->gui.store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->artists->len, ==, 1);
  artist = page->artists->pdata[0];
  g_assert_true (artist->thumb_low_res);

  show (fixture, group);
  thumb = find_named (group, "thumb-card");
  fanart = find_named (group, "fanart-card");
  logo = find_named (group, "logo-card");
  g_assert_true (gtk_widget_get_focusable (thumb));
  g_assert_nonnull (sw_test_gtk_find_label (logo, "Missing"));

  sw_artist_images_group_set_artist (SW_ARTIST_IMAGES_GROUP (group), artist);
  picture = GTK_PICTURE (sw_test_gtk_find_descendant (thumb, GTK_TYPE_PICTURE));
  /* Decoded on a worker thread: nothing yet, then the texture. */
  g_assert_null (gtk_picture_get_paintable (picture));
  g_assert_nonnull (sw_test_gtk_find_label (thumb, "100 × 100"));
  g_assert_true (gtk_widget_get_visible (sw_test_gtk_find_label (thumb, "Low Resolution")));
  g_assert_nonnull (sw_test_gtk_find_label (fanart, "1000 × 562"));
  g_assert_false (gtk_widget_get_visible (sw_test_gtk_find_label (fanart, "Low Resolution")));
  g_assert_nonnull (sw_test_gtk_find_label (logo, "Missing"));
  g_assert_true (sw_test_gtk_wait_for (has_paintable, picture, 5000));
  paintable = gtk_picture_get_paintable (picture);
  /* A small image is not scaled up. */
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, 100);

  /* The fanart card opens a gallery of every backdrop. */
  click (fanart);
  popover = sw_test_gtk_find_descendant (fanart, GTK_TYPE_POPOVER);
  g_assert_true (gtk_widget_get_visible (popover));
  gallery_picture = GTK_PICTURE (sw_test_gtk_find_descendant (popover, GTK_TYPE_PICTURE));
  g_assert_nonnull (gallery_picture);
  g_assert_true (sw_test_gtk_wait_for (has_paintable, gallery_picture, 5000));

  /* Clearing empties every card. */
  sw_artist_images_group_set_artist (SW_ARTIST_IMAGES_GROUP (group), NULL);
  g_assert_null (gtk_picture_get_paintable (picture));
  g_assert_nonnull (sw_test_gtk_find_label (thumb, "Missing"));
}

int
main (int   argc,
      char *argv[])
{
  int result;

  app = sw_test_gtk_init (&argc, &argv, "io.github.stillwater.Stillwater.SectionsTest");
  if (app == NULL)
    return 77;

  g_test_add ("/artist-sections/history/empty", Fixture, NULL, fixture_setup,
              test_history_empty, fixture_teardown);
  g_test_add ("/artist-sections/history/revert", Fixture, NULL, fixture_setup,
              test_history_revert, fixture_teardown);
  g_test_add ("/artist-sections/history/paging", Fixture, NULL, fixture_setup,
              test_history_paging, fixture_teardown);
  g_test_add ("/artist-sections/aliases", Fixture, NULL, fixture_setup, test_aliases,
              fixture_teardown);
  g_test_add ("/artist-sections/members", Fixture, NULL, fixture_setup, test_members,
              fixture_teardown);
  g_test_add ("/artist-sections/images", Fixture, NULL, fixture_setup, test_images,
              fixture_teardown);

  result = g_test_run ();
  g_object_unref (app);
  return result;
}

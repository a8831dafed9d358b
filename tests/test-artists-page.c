/* test-artists-page.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-artist-editor.h"
#include "sw-artist-private.h"
#include "sw-artist-row.h"
#include "sw-artists-page.h"
#include "sw-test-gtk.h"
#include "sw-test-server.h"
#include "sw-test-util.h"

/* The Artists page in a real window on the test display: the list over a real SQLite
 * file, search, the filter and sort menus' actions, the editor beside the list, and an
 * edit made through the real REST server showing up while the page is open. */

typedef struct
{
  SwTestGui gui;
  GtkWindow *window;
  SwArtistsPage *page;
} Fixture;

static void
show_page (GtkWindow     **window,
           SwArtistsPage **page,
           SwStore        *store,
           SwEvents       *events,
           SwArtistService *service)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  *page = SW_ARTISTS_PAGE (sw_artists_page_new (store, events, service));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (*page));
  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 1100, 700);
  gtk_window_set_child (*window, overlay);
  gtk_window_present (*window);
  sw_test_gtk_iterate ();
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *library_id = NULL;

  sw_test_gui_setup (&fixture->gui);
  library_id = sw_test_gui_create_library (&fixture->gui);
  sw_test_gui_create_artists (&fixture->gui, library_id);
  show_page (&fixture->window, &fixture->page, fixture->gui.store, fixture->gui.events,
             fixture->gui.service);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  sw_test_gui_teardown (&fixture->gui);
}

static GListModel *
artist_model (SwArtistsPage *page)
{
  GtkListView *list = sw_test_gtk_find_artist_list (GTK_WIDGET (page));

  return gtk_multi_selection_get_model (GTK_MULTI_SELECTION (gtk_list_view_get_model (list)));
}

typedef struct
{
  SwArtistsPage *page;
  guint n_items;
} ItemCount;

static gboolean
has_n_items (gpointer data)
{
  ItemCount *count = data;

  return g_list_model_get_n_items (artist_model (count->page)) == count->n_items;
}

static void
wait_for_n_items (SwArtistsPage *page,
                  guint          n_items)
{
  ItemCount count = { page, n_items };

  g_assert_true (sw_test_gtk_wait_for (has_n_items, &count, 2000));
}

static const char *
name_at (SwArtistsPage *page,
         guint          position)
{
  g_autoptr(SwArtist) artist = sw_test_gtk_dup_artist_at (sw_test_gtk_find_artist_list (GTK_WIDGET (page)),
                                                         position);

  g_assert_nonnull (artist);
  /* The list model keeps its pages, so the name outlives this reference. */
  return sw_artist_get_name (artist);
}

typedef struct
{
  SwArtistsPage *page;
  const char *prefix;
} FirstName;

static gboolean
first_name_has_prefix (gpointer data)
{
  FirstName *first = data;
  g_autoptr(SwArtist) artist = sw_test_gtk_dup_artist_at (
    sw_test_gtk_find_artist_list (GTK_WIDGET (first->page)), 0);

  return artist != NULL && g_str_has_prefix (sw_artist_get_name (artist), first->prefix);
}

/* A new query is counted off the main thread: wait for it to be shown. */
static void
wait_for_first_name (SwArtistsPage *page,
                     const char    *prefix)
{
  FirstName first = { page, prefix };

  g_assert_true (sw_test_gtk_wait_for (first_name_has_prefix, &first, 2000));
}

/* The editor shows the first artist in the list, and that artist's name is @data. */
static gboolean
editor_shows_first (gpointer data)
{
  FirstName *first = data;
  GtkWidget *page = GTK_WIDGET (first->page);
  SwArtistEditor *editor = SW_ARTIST_EDITOR (sw_test_gtk_find_descendant (page,
                                                                          SW_TYPE_ARTIST_EDITOR));
  g_autoptr(SwArtist) artist = sw_test_gtk_dup_artist_at (sw_test_gtk_find_artist_list (page), 0);

  return artist != NULL && g_str_equal (sw_artist_get_name (artist), first->prefix) &&
         g_strcmp0 (sw_artist_editor_get_artist_id (editor), sw_artist_get_id (artist)) == 0;
}

static void
test_list_and_search (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  GtkWidget *entry;
  GtkWidget *row;

  g_assert_cmpuint (sw_artists_page_get_total (fixture->page), ==, 30);
  g_assert_nonnull (sw_test_gtk_find_label (page, "30 artists"));

  /* Rows are real: the first (in name order) is Echo 1. */
  row = sw_test_gtk_find_descendant (page, SW_TYPE_ARTIST_ROW);
  g_assert_nonnull (row);
  g_assert_nonnull (sw_test_gtk_find_label (row, "Echo 1"));

  /* Searching through the entry filters the list (the entry debounces). */
  sw_artists_page_start_search (fixture->page);
  entry = sw_test_gtk_find_descendant (page, GTK_TYPE_SEARCH_ENTRY);
  g_assert_true (gtk_widget_has_focus (entry) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Nova");
  wait_for_n_items (fixture->page, 10);
  g_assert_nonnull (sw_test_gtk_find_label (page, "10 artists"));

  gtk_editable_set_text (GTK_EDITABLE (entry), "Echo 1");
  wait_for_n_items (fixture->page, 11);            /* Echo 1 and Echo 10 … Echo 19 */

  /* Nothing matches: the list gives way to a "no results" page. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Zanzibar");
  wait_for_n_items (fixture->page, 0);
  g_assert_nonnull (sw_test_gtk_find_label (page, "No artists match “Zanzibar”."));

  /* Enter opens the first match in the editor. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Nova 10");
  wait_for_n_items (fixture->page, 1);
  g_signal_emit_by_name (entry, "activate");
  {
    SwArtistEditor *editor = SW_ARTIST_EDITOR (sw_test_gtk_find_descendant (page,
                                                                            SW_TYPE_ARTIST_EDITOR));
    g_autoptr(SwArtist) first = sw_test_gtk_dup_artist_at (sw_test_gtk_find_artist_list (page), 0);

    g_assert_cmpstr (sw_artist_editor_get_artist_id (editor), ==, sw_artist_get_id (first));
  }

  /* Enter before the search is counted (the entry's delay cut short, no main loop
   * turn between) opens the first match of that search once it is. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Echo 7");
  g_signal_emit_by_name (entry, "search-changed");
  g_signal_emit_by_name (entry, "activate");
  {
    FirstName echo_7 = { fixture->page, "Echo 7" };

    g_assert_true (sw_test_gtk_wait_for (editor_shows_first, &echo_7, 2000));
  }

  /* Closing the search shows every artist again. */
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (sw_test_gtk_find_descendant (page,
                                                                               GTK_TYPE_SEARCH_BAR)),
                                  FALSE);
  wait_for_n_items (fixture->page, 30);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

static gboolean
is_chip_for (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static void
test_filters_and_sort (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  GtkWidget *chip;

  /* Missing MBID: the 20 Echoes; the filter shows as a removable chip. */
  g_assert_true (gtk_widget_activate_action (page, "artists.filter-missing-mbid", NULL));
  wait_for_n_items (fixture->page, 20);
  chip = sw_test_gtk_find_matching (page, is_chip_for,
                                    "Remove filter “Missing MusicBrainz ID”");
  g_assert_nonnull (chip);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (chip,
                                                                                    GTK_TYPE_REVEALER))));

  /* Type: groups among them, none (the Novas have MBIDs). */
  g_assert_true (gtk_widget_activate_action (page, "artists.type", "s", "group"));
  wait_for_n_items (fixture->page, 0);
  g_assert_nonnull (sw_test_gtk_find_label (page, "No artists match the filters."));

  /* Removing the MBID chip (the chips were rebuilt) leaves the groups: the ten Novas. */
  chip = sw_test_gtk_find_matching (page, is_chip_for,
                                    "Remove filter “Missing MusicBrainz ID”");
  g_signal_emit_by_name (chip, "clicked");
  wait_for_n_items (fixture->page, 10);
  g_assert_null (sw_test_gtk_find_matching (page, is_chip_for,
                                            "Remove filter “Missing MusicBrainz ID”"));
  g_assert_nonnull (sw_test_gtk_find_matching (page, is_chip_for, "Remove filter “Groups”"));
  g_assert_true (gtk_widget_activate_action (page, "artists.type", "s", ""));
  wait_for_n_items (fixture->page, 30);

  /* Sorting: by name, then reversed. */
  g_assert_cmpstr (name_at (fixture->page, 0), ==, "Echo 1");
  g_assert_true (gtk_widget_activate_action (page, "artists.descending", NULL));
  wait_for_first_name (fixture->page, "Nova");
  g_assert_cmpstr (name_at (fixture->page, 0), ==, "Nova 9");
  g_assert_true (gtk_widget_activate_action (page, "artists.sort", "s", "type"));
  /* Type descending: the persons first. */
  wait_for_first_name (fixture->page, "Echo");
}

static void
test_selection_opens_editor (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  GtkListView *list = sw_test_gtk_find_artist_list (page);
  SwArtistEditor *editor = SW_ARTIST_EDITOR (sw_test_gtk_find_descendant (page,
                                                                          SW_TYPE_ARTIST_EDITOR));
  GtkSelectionModel *selection = gtk_list_view_get_model (list);
  g_autoptr(SwArtist) third = sw_test_gtk_dup_artist_at (list, 2);

  g_assert_null (sw_artist_editor_get_artist_id (editor));
  g_assert_true (gtk_selection_model_select_item (selection, 2, TRUE));
  g_assert_cmpstr (sw_artist_editor_get_artist_id (editor), ==, sw_artist_get_id (third));

  /* Several selected (for bulk actions): the editor keeps the one it shows. */
  g_assert_true (gtk_selection_model_select_item (selection, 5, FALSE));
  g_assert_cmpstr (sw_artist_editor_get_artist_id (editor), ==, sw_artist_get_id (third));
}

/* Through the real server --------------------------------------------------------------- */

typedef struct
{
  SwArtistsPage *page;
  const char *name;
} NameShown;

static gboolean
name_shown_in_list_and_editor (gpointer data)
{
  NameShown *shown = data;
  GtkWidget *editor = sw_test_gtk_find_descendant (GTK_WIDGET (shown->page),
                                                   SW_TYPE_ARTIST_EDITOR);
  GtkWidget *list = GTK_WIDGET (sw_test_gtk_find_artist_list (GTK_WIDGET (shown->page)));

  return sw_test_gtk_find_label (list, shown->name) != NULL &&
         sw_test_gtk_find_label (editor, shown->name) != NULL;
}

static void
test_rest_edit_shows_live (void)
{
  SwTestServer *server = sw_test_server_new (SW_TEST_SERVER_DATABASE_FILE |
                                             SW_TEST_SERVER_EVENTS);
  g_autoptr(GPtrArray) artists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_auto(SwTestReply) reply = { 0 };
  g_autofree char *path = NULL;
  GtkWindow *window;
  SwArtistsPage *page;
  SwArtist *artist = sw_artist_new ();
  NameShown shown;
  gint64 start;

  artist->name = g_strdup ("Portishead");
  g_ptr_array_add (artists, artist);
  g_assert_true (sw_artist_service_create (server->artists, artists, NULL, &error));
  sw_test_server_start (server);

  show_page (&window, &page, server->store, server->events, server->artists);
  sw_artists_page_show_artist (page, artist->id);
  sw_test_gtk_iterate ();
  shown = (NameShown) { page, "Portishead" };
  g_assert_true (sw_test_gtk_wait_for (name_shown_in_list_and_editor, &shown, 2000));

  path = g_strdup_printf ("/artists/%s/fields/name", artist->id);
  sw_test_server_call (server, "PATCH", path, "{\"value\": \"Portishead (Bristol)\"}", &reply);
  g_assert_cmpuint (reply.status, ==, 200);

  start = g_get_monotonic_time ();
  shown.name = "Portishead (Bristol)";
  g_assert_true (sw_test_gtk_wait_for (name_shown_in_list_and_editor, &shown, 1000));
  g_test_message ("the REST edit showed in the list and the editor after %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);

  gtk_window_destroy (window);
  sw_test_gtk_iterate ();
  sw_test_server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = NULL;

  app = sw_test_gtk_init (&argc, &argv, "io.github.stillwater.Stillwater.ArtistsPageTest");
  if (app == NULL)
    return 77;

  g_test_add ("/artists-page/list-and-search", Fixture, NULL, fixture_setup,
              test_list_and_search, fixture_teardown);
  g_test_add ("/artists-page/filters-and-sort", Fixture, NULL, fixture_setup,
              test_filters_and_sort, fixture_teardown);
  g_test_add ("/artists-page/selection-opens-editor", Fixture, NULL, fixture_setup,
              test_selection_opens_editor, fixture_teardown);
  g_test_add_func ("/artists-page/rest-edit-shows-live", test_rest_edit_shows_live);

  return g_test_run ();
}

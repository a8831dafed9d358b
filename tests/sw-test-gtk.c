/* sw-test-gtk.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sw-artist-private.h"
#include "sw-artist-slots.h"
#include "sw-library-service.h"
#include "sw-test-gtk.h"
#include "sw-test-util.h"

GtkApplication *
sw_test_gtk_init (int          *argc,
                  char       ***argv,
                  const char   *app_id)
{
  g_autoptr(GError) error = NULL;
  GtkApplication *app;

  g_test_init (argc, argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_message ("no display; the GUI tests need one (tools/test runs Xvfb)");
      return NULL;
    }

  app = GTK_APPLICATION (adw_application_new (app_id, G_APPLICATION_NON_UNIQUE));
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

void
sw_test_gtk_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

gboolean
sw_test_gtk_wait_for (SwTestCondition condition,
                      gpointer        data,
                      guint           timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      sw_test_gtk_iterate ();
      g_usleep (2000);
    }

  return TRUE;
}

GtkWidget *
sw_test_gtk_find_matching (GtkWidget          *root,
                           SwTestWidgetMatch   match,
               gconstpointer  data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (match (child, data))
        return child;
      if ((found = sw_test_gtk_find_matching (child, match, data)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_type (GtkWidget     *widget,
          gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, (GType) GPOINTER_TO_SIZE (data));
}

GtkWidget *
sw_test_gtk_find_descendant (GtkWidget *root,
                             GType      type)
{
  return sw_test_gtk_find_matching (root, has_type, GSIZE_TO_POINTER (type));
}

static gboolean
is_button_with_label (GtkWidget     *widget,
                      gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

GtkWidget *
sw_test_gtk_find_button (GtkWidget  *root,
                         const char *label)
{
  return sw_test_gtk_find_matching (root, is_button_with_label, label);
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

GtkWidget *
sw_test_gtk_find_label (GtkWidget  *root,
                        const char *text)
{
  return sw_test_gtk_find_matching (root, is_label_with_text, text);
}

static gboolean
is_artist_list (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget) &&
         GTK_IS_MULTI_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (widget)));
}

GtkListView *
sw_test_gtk_find_artist_list (GtkWidget *root)
{
  return GTK_LIST_VIEW (sw_test_gtk_find_matching (root, is_artist_list, NULL));
}

SwArtist *
sw_test_gtk_dup_artist_at (GtkListView *list,
                           guint        position)
{
  g_autoptr(SwArtistSlot) slot = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list)),
                                                        position);
  SwArtist *artist = slot != NULL ? sw_artist_slot_get_artist (slot) : NULL;

  return artist != NULL ? g_object_ref (artist) : NULL;
}

static gboolean
is_stack_with_page (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), data) != NULL;
}

GtkStack *
sw_test_gtk_find_stack_with_page (GtkWidget  *root,
                                  const char *page_name)
{
  return GTK_STACK (sw_test_gtk_find_matching (root, is_stack_with_page, page_name));
}

void
sw_test_gui_setup (SwTestGui *gui)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  gui->dir = sw_test_make_temp_dir ();
  gui->music = g_build_filename (gui->dir, "Music", NULL);
  g_assert_cmpint (g_mkdir (gui->music, 0755), ==, 0);
  db = g_build_filename (gui->dir, "stillwater.db", NULL);
  gui->store = sw_store_open (db, &error);
  g_assert_no_error (error);
  gui->events = sw_events_new ();
  gui->jobs = sw_job_queue_new ();
  gui->service = sw_artist_service_new (gui->store, gui->events);
  gui->status = sw_server_status_new ();
}

void
sw_test_gui_teardown (SwTestGui *gui)
{
  sw_test_gtk_iterate ();
  sw_job_queue_cancel_all (gui->jobs);
  sw_job_queue_wait (gui->jobs);
  sw_test_gtk_iterate ();
  g_clear_object (&gui->status);
  g_clear_object (&gui->service);
  g_clear_object (&gui->jobs);
  g_clear_object (&gui->events);
  g_clear_object (&gui->store);
  sw_test_remove_tree (gui->dir);
  g_clear_pointer (&gui->dir, g_free);
  g_clear_pointer (&gui->music, g_free);
}

char *
sw_test_gui_create_library (SwTestGui *gui)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwLibrary) draft = sw_library_new ();
  g_autoptr(SwLibrary) library = NULL;
  char *id = NULL;

  g_object_set (draft, "name", "Music", "path", gui->music, NULL);
  library = sw_library_service_create (gui->store, draft, &error);
  g_assert_no_error (error);
  g_object_get (library, "id", &id, NULL);
  return id;
}

void
sw_test_gui_create_artists (SwTestGui  *gui,
                            const char *library_id)
{
  g_autoptr(GPtrArray) artists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i <= 30; i++)
    {
      SwArtist *artist = sw_artist_new ();

      if (i <= 10)
        {
          artist->name = g_strdup_printf ("Nova %u", i);
          artist->type = g_strdup ("group");
          artist->musicbrainz_id = g_uuid_string_random ();
        }
      else
        {
          artist->name = g_strdup_printf ("Echo %u", i - 10);
          artist->type = g_strdup ("person");
        }
      g_ptr_array_add (artists, artist);
    }

  g_assert_true (sw_artist_service_create (gui->service, artists, library_id, &error));
  g_assert_no_error (error);
}

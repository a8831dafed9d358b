/* screenshots.c — the README's and docs' screenshots, taken from the real window.
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run through tools/screenshots (which starts Xvfb and a session bus):
 *
 *   screenshots OUTPUT-DIR
 *
 * Opens the window over a fresh data directory, adds a generated library, drives the
 * window to each main view and renders it (with GTK's own renderer, so the image is the
 * window exactly as drawn) into OUTPUT-DIR: empty-state.png, artist-list.png,
 * artist-editor.png, artist-history.png, dashboard.png, preferences.png and
 * artist-editor-dark.png.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sw-artist-editor.h"
#include "sw-artist-query.h"
#include "sw-artists-page.h"
#include "sw-library-generator.h"
#include "sw-preferences-window.h"
#include "sw-scan-job.h"
#include "sw-window.h"

#define WIDTH  1280
#define HEIGHT 800

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

/* The window's content, without the shadow around it. */
static void
save_window (GtkWidget  *window,
             const char *dir,
             const char *name)
{
  GtkWidget *content;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GdkRGBA background;
  int width, height;

  /* Some frames, so that what was just set up is laid out and drawn. */
  iterate_for (400);
  content = gtk_widget_get_first_child (window);
  paintable = gtk_widget_paintable_new (content);
  width = gtk_widget_get_width (content);
  height = gtk_widget_get_height (content);
  /* The window's own background is not in its content's paintable. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (window), "window_bg_color",
                                       &background))
    gdk_rgba_parse (&background, "white");
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Could not write %s", path);
  g_print ("  %s\n", path);
}

static gboolean
scan_running (SwJobQueue *jobs)
{
  g_autoptr(SwJob) job = sw_job_queue_get_latest (jobs, SW_SCAN_JOB_KIND);

  return job != NULL && sw_job_get_state (job) == SW_JOB_RUNNING;
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* The artist to show: a complete one with artwork, so the editor has something to say. */
static char *
pick_artist (SwStore *store)
{
  static const char *const complete[] = {
    "filter_missing_meta", "filter_missing_images", "filter_missing_mbid",
  };
  g_autoptr(SwArtistQuery) query = sw_artist_query_new ();
  g_autoptr(SwArtistPage) page = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (complete); i++)
    g_assert_true (sw_artist_query_set_param (query, complete[i], "-y", NULL));
  page = sw_artist_store_list (store, query, &error);
  if (page == NULL || page->artists->len == 0)
    g_error ("No complete artist to show: %s", error != NULL ? error->message : "none");
  return g_strdup (sw_artist_get_id (page->artists->pdata[0]));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkApplication) app = NULL;
  g_autoptr(SwStore) store = NULL;
  g_autoptr(SwEvents) events = NULL;
  g_autoptr(SwJobQueue) jobs = NULL;
  g_autoptr(SwArtistService) service = NULL;
  g_autoptr(SwServerStatus) status = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *music = NULL;
  g_autofree char *artist_id = NULL;
  SwLibraryGeneratorOptions options;
  const char *out_dir;
  GtkWidget *window;
  GtkWidget *page;
  GtkWidget *preferences;

  if (argc != 2)
    {
      g_printerr ("usage: %s OUTPUT-DIR\n", argv[0]);
      return 2;
    }
  out_dir = argv[1];
  if (!gtk_init_check ())
    {
      g_printerr ("screenshots needs a display (tools/screenshots runs Xvfb)\n");
      return 1;
    }

  app = GTK_APPLICATION (adw_application_new ("io.github.stillwater.Stillwater.Screenshots",
                                              G_APPLICATION_NON_UNIQUE));
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  data_dir = g_dir_make_tmp ("stillwater-screenshots-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (data_dir, "stillwater.db", NULL);
  store = sw_store_open (db, &error);
  g_assert_no_error (error);
  events = sw_events_new ();
  jobs = sw_job_queue_new ();
  service = sw_artist_service_new (store, events);
  status = sw_server_status_new ();
  sw_server_status_set_listening (status, "http://127.0.0.1:1973/api/v1");

  window = GTK_WIDGET (sw_window_new (app, NULL, status, store, events, jobs, service));
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  g_print ("Screenshots:\n");
  save_window (window, out_dir, "empty-state.png");

  /* A library as people have them: complete NFOs mostly, artwork, some gaps. */
  music = g_build_filename (data_dir, "Music", NULL);
  sw_library_generator_options_init (&options);
  options.artists = 60;
  options.seed = 7;
  options.albums_per_artist = 2;
  options.images_min = 2;
  options.images_max = 5;
  options.write_images = TRUE;
  options.nfo_weights[SW_LIBRARY_GENERATOR_NFO_COMPLETE] = 6;
  options.nfo_weights[SW_LIBRARY_GENERATOR_NFO_CUSTOM] = 1;
  options.nfo_weights[SW_LIBRARY_GENERATOR_NFO_MINIMAL] = 1;
  options.nfo_weights[SW_LIBRARY_GENERATOR_NFO_NONE] = 1;
  if (!sw_library_generate (music, &options, NULL, &error) ||
      !sw_window_add_library (SW_WINDOW (window), music, &error))
    g_error ("Could not add the library: %s", error->message);
  while (scan_running (jobs))
    iterate_for (50);
  /* After the "Scan finished" toast has gone. */
  iterate_for (6000);
  save_window (window, out_dir, "artist-list.png");

  page = sw_window_get_artists_page (SW_WINDOW (window));
  artist_id = pick_artist (store);
  sw_artists_page_show_artist (SW_ARTISTS_PAGE (page), artist_id);
  iterate_for (1000);
  save_window (window, out_dir, "artist-editor.png");

  /* The History tab after two edits. */
  sw_artist_service_update_field (service, artist_id, "origin", "Reykjavík, Iceland", "manual",
                                  NULL, NULL);
  sw_artist_service_update_field (service, artist_id, "years_active", "1996–present", "manual",
                                  NULL, NULL);
  adw_view_stack_set_visible_child_name (
    sw_artist_editor_get_view_stack (SW_ARTIST_EDITOR (find_descendant (page,
                                                                        SW_TYPE_ARTIST_EDITOR))),
    "history");
  iterate_for (800);
  save_window (window, out_dir, "artist-history.png");
  adw_view_stack_set_visible_child_name (
    sw_artist_editor_get_view_stack (SW_ARTIST_EDITOR (find_descendant (page,
                                                                        SW_TYPE_ARTIST_EDITOR))),
    "details");

  gtk_widget_activate_action (window, "win.show-page", "s", "dashboard");
  iterate_for (800);
  save_window (window, out_dir, "dashboard.png");
  gtk_widget_activate_action (window, "win.show-page", "s", "artists");

  preferences = sw_preferences_window_new (GTK_WINDOW (window), NULL, status, store, events,
                                           jobs, service);
  gtk_window_set_default_size (GTK_WINDOW (preferences), 720, 640);
  gtk_window_present (GTK_WINDOW (preferences));
  save_window (preferences, out_dir, "preferences.png");
  gtk_window_destroy (GTK_WINDOW (preferences));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  iterate_for (500);
  save_window (window, out_dir, "artist-editor-dark.png");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (200);
  sw_job_queue_cancel_all (jobs);
  sw_job_queue_wait (jobs);
  return 0;
}

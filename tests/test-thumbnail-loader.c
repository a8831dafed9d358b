/* test-thumbnail-loader.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <utime.h>

#include "sw-artist-private.h"
#include "sw-artist-query.h"
#include "sw-artist-row.h"
#include "sw-scanner.h"
#include "sw-test-gtk.h"
#include "sw-test-util.h"
#include "sw-thumbnail-loader.h"

/* Thumbnails from real image files in real artist folders, found through the rows a
 * real scan recorded: size, cache hits, a replaced file, a corrupt one, none at all,
 * cancellation and the cache bound. With a display, the artist row too: its labels,
 * status icons, and the avatar's texture arriving asynchronously. */

typedef struct
{
  SwTestGui gui;
  char *library_id;
} Fixture;

static void
write_image (const char *path,
             const char *type,
             int         width,
             int         height,
             guint32     rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, type, &error, NULL));
  g_assert_no_error (error);
}

static char *
make_artist_folder (Fixture    *fixture,
                    const char *name)
{
  char *folder = g_build_filename (fixture->gui.music, name, NULL);

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  return folder;
}

static void
scan (Fixture *fixture)
{
  g_autoptr(SwSettings) settings = sw_settings_new (fixture->gui.store);
  g_autoptr(GError) error = NULL;
  SwScanCounts counts;

  g_assert_true (sw_scanner_run (fixture->gui.service, fixture->gui.events, settings,
                                 fixture->library_id, NULL, NULL, NULL, &counts, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *alpha = NULL;
  g_autofree char *beta = NULL;
  g_autofree char *gamma = NULL;
  g_autofree char *delta = NULL;
  g_autofree char *path = NULL;

  sw_test_gui_setup (&fixture->gui);
  fixture->library_id = sw_test_gui_create_library (&fixture->gui);

  /* Alpha: a wide JPEG thumbnail. Beta: none. Gamma: a "JPEG" of junk. Delta: a PNG. */
  alpha = make_artist_folder (fixture, "Alpha");
  path = g_build_filename (alpha, "folder.jpg", NULL);
  write_image (path, "jpeg", 300, 200, 0x3366aaff);
  g_clear_pointer (&path, g_free);

  beta = make_artist_folder (fixture, "Beta");

  gamma = make_artist_folder (fixture, "Gamma");
  path = g_build_filename (gamma, "folder.jpg", NULL);
  g_assert_true (g_file_set_contents (path, "\xff\xd8\xff\xe0 this is not a picture", -1, NULL));
  g_clear_pointer (&path, g_free);

  delta = make_artist_folder (fixture, "Delta");
  path = g_build_filename (delta, "folder.png", NULL);
  write_image (path, "png", 64, 64, 0xaa3366ff);

  scan (fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_free (fixture->library_id);
  sw_test_gui_teardown (&fixture->gui);
}

static SwArtist *
artist_named (Fixture    *fixture,
              const char *name)
{
  g_autofree char *path = g_build_filename (fixture->gui.music, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStmt) stmt = sw_store_prepare (fixture->gui.store,
                                             "SELECT id FROM artists WHERE path = ?1", &error);
  g_autofree char *id = NULL;
  SwArtist *artist;

  g_assert_no_error (error);
  sw_stmt_bind_text (stmt, 1, path);
  g_assert_true (sw_store_step (fixture->gui.store, stmt, &error));
  id = g_strdup (sw_stmt_column_text (stmt, 0));
  g_clear_pointer (&stmt, sw_stmt_release);
  artist = sw_artist_store_get (fixture->gui.store, id, &error);
  g_assert_no_error (error);
  return artist;
}

typedef struct
{
  gboolean done;
  GdkTexture *texture;
  GError *error;
} Result;

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *outcome = user_data;

  outcome->texture = sw_thumbnail_loader_load_finish (SW_THUMBNAIL_LOADER (source), result,
                                                      &outcome->error);
  outcome->done = TRUE;
}

/* Loads and runs the main context until the answer is back. */
static GdkTexture *
load (SwThumbnailLoader  *loader,
      SwArtist           *artist,
      int                 size,
      GCancellable       *cancellable,
      GError            **error)
{
  Result outcome = { 0 };
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  sw_thumbnail_loader_load_async (loader, artist, size, cancellable, loaded_cb, &outcome);
  while (!outcome.done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (outcome.done);
  if (outcome.error != NULL)
    g_propagate_error (error, outcome.error);
  return outcome.texture;
}

static void
test_load_and_cache (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SwThumbnailLoader) loader = sw_thumbnail_loader_new (fixture->gui.store);
  g_autoptr(SwArtist) alpha = artist_named (fixture, "Alpha");
  g_autoptr(SwArtist) delta = artist_named (fixture, "Delta");
  g_autoptr(GdkTexture) first = NULL;
  g_autoptr(GdkTexture) cached = NULL;
  g_autoptr(GdkTexture) second = NULL;
  g_autoptr(GdkTexture) png = NULL;
  g_autoptr(GdkTexture) large = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (alpha->thumb_exists);
  g_assert_null (sw_thumbnail_loader_lookup (loader, alpha, 48));

  /* 300 × 200 becomes a centred 48 × 48 square. */
  first = load (loader, alpha, 48, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpint (gdk_texture_get_width (first), ==, 48);
  g_assert_cmpint (gdk_texture_get_height (first), ==, 48);
  g_assert_cmpuint (sw_thumbnail_loader_get_n_decodes (loader), ==, 1);

  cached = sw_thumbnail_loader_lookup (loader, alpha, 48);
  g_assert_true (cached == first);

  /* The file is unchanged: the same texture, nothing decoded. */
  second = load (loader, alpha, 48, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (second == first);
  g_assert_cmpuint (sw_thumbnail_loader_get_n_decodes (loader), ==, 1);

  /* Another size is another entry; a small image is never scaled up. */
  large = load (loader, alpha, 96, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (large), ==, 96);
  png = load (loader, delta, 96, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (png), ==, 64);
  g_assert_cmpuint (sw_thumbnail_loader_get_n_decodes (loader), ==, 3);
  g_assert_cmpuint (sw_thumbnail_loader_get_n_entries (loader), ==, 3);
}

static void
test_changed_file_reloads (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(SwThumbnailLoader) loader = sw_thumbnail_loader_new (fixture->gui.store);
  g_autoptr(SwArtist) alpha = artist_named (fixture, "Alpha");
  g_autofree char *path = g_build_filename (fixture->gui.music, "Alpha", "folder.jpg", NULL);
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  g_autoptr(GdkTexture) cached = NULL;
  g_autoptr(GError) error = NULL;
  struct utimbuf times;

  before = load (loader, alpha, 48, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (before), ==, 48);

  /* Replaced by a smaller picture, with a later time as a real edit would have. */
  write_image (path, "jpeg", 30, 60, 0x22aa33ff);
  times.actime = times.modtime = time (NULL) + 60;
  g_assert_cmpint (utime (path, &times), ==, 0);

  after = load (loader, alpha, 48, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (after);
  g_assert_true (after != before);
  g_assert_cmpint (gdk_texture_get_width (after), ==, 30);
  g_assert_cmpint (gdk_texture_get_height (after), ==, 30);
  g_assert_cmpuint (sw_thumbnail_loader_get_n_decodes (loader), ==, 2);

  cached = sw_thumbnail_loader_lookup (loader, alpha, 48);
  g_assert_true (cached == after);
}

static void
test_corrupt_and_missing (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(SwThumbnailLoader) loader = sw_thumbnail_loader_new (fixture->gui.store);
  g_autoptr(SwArtist) beta = artist_named (fixture, "Beta");
  g_autoptr(SwArtist) gamma = artist_named (fixture, "Gamma");
  g_autoptr(SwArtist) delta = artist_named (fixture, "Delta");
  g_autofree char *delta_file = g_build_filename (fixture->gui.music, "Delta", "folder.png",
                                                  NULL);
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  /* No thumbnail: NULL, no error, nothing read. */
  g_assert_false (beta->thumb_exists);
  texture = load (loader, beta, 48, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (texture);

  /* Junk: an error, no texture, and the failure is remembered until the file changes. */
  g_assert_true (gamma->thumb_exists);
  texture = load (loader, gamma, 48, NULL, &error);
  g_assert_nonnull (error);
  g_assert_null (texture);
  g_clear_error (&error);
  g_assert_cmpuint (sw_thumbnail_loader_get_n_decodes (loader), ==, 1);
  texture = load (loader, gamma, 48, NULL, &error);
  g_assert_nonnull (error);
  g_assert_null (texture);
  g_clear_error (&error);
  g_assert_cmpuint (sw_thumbnail_loader_get_n_decodes (loader), ==, 1);
  g_assert_null (sw_thumbnail_loader_lookup (loader, gamma, 48));

  /* Registered but deleted since the scan: nothing to show, not an error. */
  g_assert_cmpint (g_unlink (delta_file), ==, 0);
  texture = load (loader, delta, 48, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (texture);
}

static void
test_cancelled_is_dropped (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(SwThumbnailLoader) loader = sw_thumbnail_loader_new (fixture->gui.store);
  g_autoptr(SwArtist) alpha = artist_named (fixture, "Alpha");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  Result outcomes[20] = { { 0 } };
  gint64 deadline;
  gboolean all_done;

  /* Twenty rows scrolled past before any decode started: all twenty answer
   * "cancelled" and nothing is decoded. */
  g_cancellable_cancel (cancellable);
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    sw_thumbnail_loader_load_async (loader, alpha, 40 + i, cancellable, loaded_cb,
                                    &outcomes[i]);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  do
    {
      g_main_context_iteration (NULL, TRUE);
      all_done = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
        all_done = all_done && outcomes[i].done;
    }
  while (!all_done && g_get_monotonic_time () < deadline);

  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      g_assert_true (outcomes[i].done);
      g_assert_null (outcomes[i].texture);
      g_assert_error (outcomes[i].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&outcomes[i].error);
    }
  g_assert_cmpuint (sw_thumbnail_loader_get_n_decodes (loader), ==, 0);
  g_assert_cmpuint (sw_thumbnail_loader_get_n_entries (loader), ==, 0);

  /* The loader still works afterwards. */
  texture = load (loader, alpha, 48, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (texture);
}

static void
test_cache_bound (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(SwThumbnailLoader) loader = sw_thumbnail_loader_new (fixture->gui.store);
  g_autoptr(SwArtist) alpha = artist_named (fixture, "Alpha");
  g_autoptr(SwArtist) delta = artist_named (fixture, "Delta");
  g_autoptr(GdkTexture) a = NULL;
  g_autoptr(GdkTexture) d = NULL;
  g_autoptr(GdkTexture) kept = NULL;
  g_autoptr(GError) error = NULL;

  sw_thumbnail_loader_set_max_entries (loader, 2);
  a = load (loader, alpha, 48, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&a);
  a = load (loader, alpha, 32, NULL, &error);
  g_assert_no_error (error);
  /* Alpha at 48 is the least recently used: the third entry pushes it out. */
  d = load (loader, delta, 48, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sw_thumbnail_loader_get_n_entries (loader), ==, 2);
  g_assert_null (sw_thumbnail_loader_lookup (loader, alpha, 48));
  kept = sw_thumbnail_loader_lookup (loader, alpha, 32);
  g_assert_true (kept == a);

  sw_thumbnail_loader_set_max_entries (loader, 0);
  g_assert_cmpuint (sw_thumbnail_loader_get_n_entries (loader), ==, 0);
}

/* The row (needs a display) ------------------------------------------------------------ */

static GtkWidget *
find_image (GtkWidget  *root,
            const char *icon_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_IMAGE (child) &&
          g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (child)), icon_name) == 0)
        return child;
      found = find_image (child, icon_name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
avatar_has_image (gpointer data)
{
  return adw_avatar_get_custom_image (ADW_AVATAR (data)) != NULL;
}

/* A status icon's tooltip and accessible label: made when the tooltip is asked for,
 * from the text the row keeps on the icon (SW_ARTIST_ROW_STATUS_TEXT). */
static const char *
status_text (GtkWidget *icon)
{
  g_assert_true (gtk_widget_get_has_tooltip (icon));
  return g_object_get_data (G_OBJECT (icon), SW_ARTIST_ROW_STATUS_TEXT);
}

static void
test_row (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(SwThumbnailLoader) loader = sw_thumbnail_loader_new (fixture->gui.store);
  g_autoptr(SwArtist) alpha = artist_named (fixture, "Alpha");
  g_autoptr(SwArtist) beta = artist_named (fixture, "Beta");
  g_autoptr(GError) error = NULL;
  GtkWidget *row = g_object_ref_sink (sw_artist_row_new ());
  GtkWidget *question, *missing, *locked;
  AdwAvatar *avatar;

  sw_artist_row_set_thumbnail_loader (SW_ARTIST_ROW (row), loader);
  avatar = ADW_AVATAR (sw_test_gtk_find_descendant (row, ADW_TYPE_AVATAR));
  question = find_image (row, "dialog-question-symbolic");
  missing = find_image (row, "image-missing-symbolic");
  locked = find_image (row, "changes-prevent-symbolic");
  g_assert_nonnull (question);
  g_assert_nonnull (missing);
  g_assert_nonnull (locked);

  g_assert_true (sw_artist_service_update_field (fixture->gui.service, sw_artist_get_id (beta),
                                                 "type", "group", "manual", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sw_artist_service_update_field (fixture->gui.service, sw_artist_get_id (beta),
                                                 "origin", "Lagos", "manual", NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&beta);
  beta = artist_named (fixture, "Beta");

  /* Beta: no images, no MBID; a "Type · Origin" line; initials only. */
  sw_artist_row_set_artist (SW_ARTIST_ROW (row), beta);
  g_assert_nonnull (sw_test_gtk_find_label (row, "Beta"));
  g_assert_nonnull (sw_test_gtk_find_label (row, "Group · Lagos"));
  g_assert_cmpstr (adw_avatar_get_text (avatar), ==, "Beta");
  g_assert_null (adw_avatar_get_custom_image (avatar));
  g_assert_true (gtk_widget_get_visible (question));
  g_assert_true (gtk_widget_get_visible (missing));
  g_assert_cmpstr (status_text (missing), ==, "No thumbnail and no fanart");
  g_assert_false (gtk_widget_get_visible (locked));

  /* Alpha: a thumbnail (no fanart), a disambiguation, locked, with an MBID. */
  g_free (alpha->disambiguation);
  alpha->disambiguation = g_strdup ("the band from Oslo");
  g_free (alpha->musicbrainz_id);
  alpha->musicbrainz_id = g_strdup ("a74b1b7f-71a5-4011-9441-d0b5e4122711");
  alpha->locked = TRUE;
  sw_artist_row_set_artist (SW_ARTIST_ROW (row), alpha);
  g_assert_nonnull (sw_test_gtk_find_label (row, "Alpha"));
  g_assert_nonnull (sw_test_gtk_find_label (row, "the band from Oslo"));
  g_assert_false (gtk_widget_get_visible (question));
  g_assert_true (gtk_widget_get_visible (missing));
  g_assert_cmpstr (status_text (missing), ==, "No fanart");
  g_assert_true (gtk_widget_get_visible (locked));
  g_assert_null (adw_avatar_get_custom_image (avatar));

  /* The thumbnail arrives from the worker. */
  g_assert_true (sw_test_gtk_wait_for (avatar_has_image, avatar, 10000));
  g_assert_true (GDK_IS_TEXTURE (adw_avatar_get_custom_image (avatar)));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (adw_avatar_get_custom_image (avatar))),
                   ==, 48 * gtk_widget_get_scale_factor (row));

  /* Rebinding to an artist without one drops it at once; back to Alpha, the cached
   * texture shows without waiting. */
  sw_artist_row_set_artist (SW_ARTIST_ROW (row), beta);
  g_assert_null (adw_avatar_get_custom_image (avatar));
  sw_artist_row_set_artist (SW_ARTIST_ROW (row), alpha);
  g_assert_nonnull (adw_avatar_get_custom_image (avatar));

  sw_artist_row_set_artist (SW_ARTIST_ROW (row), NULL);
  g_assert_false (gtk_widget_get_visible (missing));
  g_assert_null (adw_avatar_get_custom_image (avatar));
  sw_test_gtk_iterate ();
  g_object_unref (row);
}

/* What binding costs: the figure the list's keyboard scrolling depends on. */
static void
test_row_bind_time (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SwThumbnailLoader) loader = sw_thumbnail_loader_new (fixture->gui.store);
  g_autoptr(SwArtist) alpha = artist_named (fixture, "Alpha");
  g_autoptr(SwArtist) beta = artist_named (fixture, "Beta");
  g_autoptr(SwArtist) delta = artist_named (fixture, "Delta");
  GtkWidget *row = g_object_ref_sink (sw_artist_row_new ());
  SwArtist *artists[] = { alpha, beta, delta };
  g_autoptr(GdkTexture) warm = NULL;
  gint64 start, elapsed;

  sw_artist_row_set_thumbnail_loader (SW_ARTIST_ROW (row), loader);
  warm = load (loader, alpha, 48 * gtk_widget_get_scale_factor (row), NULL, NULL);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 1000; i++)
    sw_artist_row_set_artist (SW_ARTIST_ROW (row), artists[i % G_N_ELEMENTS (artists)]);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("binding 1000 artist rows took %.2f ms (%.1f µs a row)",
                  elapsed / 1000.0, elapsed / 1000.0);
  /* The figure is for the log; the bound only catches gross mistakes (a sanitizer
   * build is some ten times slower, and a normal build takes about 0.1 s). */
  g_assert_cmpint (elapsed, <, 10 * G_USEC_PER_SEC);

  sw_artist_row_set_artist (SW_ARTIST_ROW (row), NULL);
  sw_test_gtk_iterate ();
  g_object_unref (row);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/thumbnail-loader/load-and-cache", test_load_and_cache);
  ADD ("/thumbnail-loader/changed-file-reloads", test_changed_file_reloads);
  ADD ("/thumbnail-loader/corrupt-and-missing", test_corrupt_and_missing);
  ADD ("/thumbnail-loader/cancelled-is-dropped", test_cancelled_is_dropped);
  ADD ("/thumbnail-loader/cache-bound", test_cache_bound);

  /* The row needs GTK, hence a display; the loader does not. */
  if (gtk_init_check ())
    {
      ADD ("/artist-row/bind", test_row);
      ADD ("/artist-row/bind-time", test_row_bind_time);
    }
  else
    g_test_message ("no display: the artist row tests are skipped");

#undef ADD

  return g_test_run ();
}

/* sw-image-texture.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>

#include "sw-image-files.h"
#include "sw-image-texture.h"

typedef struct
{
  SwStore *store;
  char *artist_id;
  char *slot;
  guint index;
  int max_width;
  int max_height;
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_clear_object (&request->store);
  g_free (request->artist_id);
  g_free (request->slot);
  g_free (request);
}

/* Scales down to fit the bounds, never up: a small image stays small (and cheap). */
static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  LoadRequest *request = user_data;
  double scale;

  if (width <= request->max_width && height <= request->max_height)
    return;

  scale = MIN ((double) request->max_width / width, (double) request->max_height / height);
  gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale + 0.5)),
                              MAX (1, (int) (height * scale + 0.5)));
}

static GdkPixbuf *
decode (LoadRequest   *request,
        int            fd,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(GInputStream) stream = g_unix_input_stream_new (fd, TRUE);
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  guchar buffer[65536];
  gssize n;
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), request);
  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error)) > 0)
    if (!gdk_pixbuf_loader_write (loader, buffer, (gsize) n, error))
      break;

  /* close() must run even after a failure, or the loader complains when freed. */
  if (n != 0)
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  if (!gdk_pixbuf_loader_close (loader, error))
    return NULL;

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                           _("The image could not be read"));
      return NULL;
    }
  /* The orientation a camera wrote, applied as any viewer would. */
  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadRequest *request = task_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GError *error = NULL;
  int fd;

  /* The descriptor, not a path: sw_image_files_open has checked that the file is a
   * regular file inside the artist's folder. */
  fd = sw_image_files_open (request->store, request->artist_id, request->slot,
                            request->index, NULL, NULL, NULL, &error);
  if (fd < 0)
    {
      g_task_return_error (task, error);
      return;
    }

  pixbuf = decode (request, fd, cancellable, &error);
  if (pixbuf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, gdk_texture_new_for_pixbuf (pixbuf), g_object_unref);
}

void
sw_image_texture_load_async (SwStore             *store,
                             const char          *artist_id,
                             const char          *slot,
                             guint                index,
                             int                  max_width,
                             int                  max_height,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadRequest *request;

  g_return_if_fail (SW_IS_STORE (store));
  g_return_if_fail (artist_id != NULL);
  g_return_if_fail (slot != NULL);
  g_return_if_fail (max_width > 0 && max_height > 0);

  request = g_new0 (LoadRequest, 1);
  request->store = g_object_ref (store);
  request->artist_id = g_strdup (artist_id);
  request->slot = g_strdup (slot);
  request->index = index;
  request->max_width = max_width;
  request->max_height = max_height;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sw_image_texture_load_async);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_task_data (task, request, (GDestroyNotify) load_request_free);
  g_task_run_in_thread (task, load_in_thread);
}

GdkTexture *
sw_image_texture_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

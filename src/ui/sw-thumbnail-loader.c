/* sw-thumbnail-loader.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <unistd.h>

#include "sw-artist-private.h"
#include "sw-image-files.h"
#include "sw-thumbnail-loader.h"

/* Two decoders: the machines this runs on have two cores, and the main thread must
 * keep one to itself while a list scrolls. */
#define N_WORKERS 2
/* Larger files are not thumbnails anyone should decode for a list row. */
#define MAX_FILE_SIZE (64 * 1024 * 1024)

/* What identifies the file a texture was decoded from. */
typedef struct
{
  dev_t dev;
  ino_t ino;
  goffset size;
  gint64 mtime_ns;
} Stamp;

typedef struct
{
  GList link;                   /* in lru; data points back to the entry */
  char *key;
  Stamp stamp;
  GdkTexture *texture;          /* NULL: the file could not be decoded */
} Entry;

struct _SwThumbnailLoader
{
  GObject parent_instance;

  SwStore *store;
  GThreadPool *pool;            /* GTask*, run by worker () */

  GMutex lock;                  /* everything below; held only for cache updates */
  GHashTable *entries;          /* key → Entry* (owned) */
  GQueue lru;                   /* Entry links, most recently used first */
  guint max_entries;
  guint n_decodes;
};

G_DEFINE_FINAL_TYPE (SwThumbnailLoader, sw_thumbnail_loader, G_TYPE_OBJECT)

typedef struct
{
  char *artist_id;
  char *key;
  int size;
  GdkTexture *texture;          /* the outcome, set on the worker */
  GError *error;
} Request;

static gboolean
stamp_equal (const Stamp *a,
             const Stamp *b)
{
  return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
         a->mtime_ns == b->mtime_ns;
}

static void
request_free (gpointer data)
{
  Request *request = data;

  g_free (request->artist_id);
  g_free (request->key);
  g_clear_object (&request->texture);
  g_clear_error (&request->error);
  g_free (request);
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->key);
  g_clear_object (&entry->texture);
  g_free (entry);
}

static char *
make_key (SwArtist *artist,
          int       size)
{
  return g_strdup_printf ("%s:%d", sw_artist_get_id (artist), size);
}

/* Cache ------------------------------------------------------------------------------- */

/* With the lock held. */
static void
trim_locked (SwThumbnailLoader *self)
{
  while (self->lru.length > self->max_entries)
    {
      GList *link = g_queue_pop_tail_link (&self->lru);

      g_hash_table_remove (self->entries, ((Entry *) link->data)->key);
    }
}

/* With the lock held: the entry for @key, marked as just used, or NULL. */
static Entry *
touch_locked (SwThumbnailLoader *self,
              const char        *key)
{
  Entry *entry = g_hash_table_lookup (self->entries, key);

  if (entry != NULL)
    {
      g_queue_unlink (&self->lru, &entry->link);
      g_queue_push_head_link (&self->lru, &entry->link);
    }
  return entry;
}

static void
store_entry (SwThumbnailLoader *self,
             const char        *key,
             const Stamp       *stamp,
             GdkTexture        *texture)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->link.data = entry;
  entry->key = g_strdup (key);
  entry->stamp = *stamp;
  entry->texture = texture != NULL ? g_object_ref (texture) : NULL;

  g_mutex_lock (&self->lock);
  if (g_hash_table_contains (self->entries, key))
    {
      g_queue_unlink (&self->lru, &((Entry *) g_hash_table_lookup (self->entries, key))->link);
      g_hash_table_remove (self->entries, key);
    }
  g_hash_table_insert (self->entries, entry->key, entry);
  g_queue_push_head_link (&self->lru, &entry->link);
  self->n_decodes++;
  trim_locked (self);
  g_mutex_unlock (&self->lock);
}

/* Decoding (worker threads) ------------------------------------------------------------ */

/* Scales so the shorter side becomes @size (never up): the square is cut from it. */
static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  int size = GPOINTER_TO_INT (user_data);
  int shorter = MIN (width, height);

  if (shorter > size)
    gdk_pixbuf_loader_set_size (loader,
                                MAX (1, (int) ((gint64) width * size / shorter)),
                                MAX (1, (int) ((gint64) height * size / shorter)));
}

static GdkTexture *
decode (int            fd,
        int            size,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(GInputStream) stream = g_unix_input_stream_new (fd, TRUE);
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GdkPixbuf) square = NULL;
  GdkPixbuf *pixbuf;
  guint8 buffer[64 * 1024];
  gboolean ok = TRUE;
  int width, height, side;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb),
                    GINT_TO_POINTER (size));
  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error);

      if (n < 0)
        {
          ok = FALSE;
          break;
        }
      if (n == 0)
        break;
      if (!gdk_pixbuf_loader_write (loader, buffer, n, error))
        {
          ok = FALSE;
          break;
        }
    }
  /* Closed even after a failure: an open loader warns when it is finalized. */
  if (!gdk_pixbuf_loader_close (loader, ok ? error : NULL) && ok)
    return NULL;
  if (!ok)
    return NULL;

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The image file could not be decoded"));
      return NULL;
    }

  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  width = gdk_pixbuf_get_width (oriented);
  height = gdk_pixbuf_get_height (oriented);
  side = MIN (width, height);
  square = gdk_pixbuf_new_subpixbuf (oriented, (width - side) / 2, (height - side) / 2,
                                     side, side);
  return gdk_texture_new_for_pixbuf (square);
}

static void
load (SwThumbnailLoader *self,
      Request           *request,
      GCancellable      *cancellable)
{
  g_autoptr(GError) error = NULL;
  struct stat st;
  Stamp stamp;
  Entry *entry;
  int fd;

  fd = sw_image_files_open (self->store, request->artist_id, "thumb", 0, NULL, NULL, &st,
                            &error);
  if (fd < 0)
    {
      /* No thumbnail is an answer, not a failure. */
      if (!g_error_matches (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND))
        request->error = g_steal_pointer (&error);
      return;
    }

  stamp.dev = st.st_dev;
  stamp.ino = st.st_ino;
  stamp.size = st.st_size;
  stamp.mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) +
                   st.st_mtim.tv_nsec;

  g_mutex_lock (&self->lock);
  entry = touch_locked (self, request->key);
  if (entry != NULL && stamp_equal (&entry->stamp, &stamp))
    {
      if (entry->texture != NULL)
        request->texture = g_object_ref (entry->texture);
      g_mutex_unlock (&self->lock);
      close (fd);
      if (request->texture == NULL)
        request->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                              _("The image file could not be decoded"));
      return;
    }
  g_mutex_unlock (&self->lock);

  if (st.st_size > MAX_FILE_SIZE)
    {
      close (fd);
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The image file is too large for a thumbnail"));
    }
  else
    request->texture = decode (fd, request->size, cancellable, &error);

  /* A cancelled read says nothing about the file: not remembered. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      request->error = g_steal_pointer (&error);
      return;
    }
  store_entry (self, request->key, &stamp, request->texture);
  if (error != NULL)
    request->error = g_steal_pointer (&error);
}

/* Every task is returned, and its reference dropped, on its own main context: the
 * task holds the loader, which must never be finalized on a worker (it waits for
 * them). */
static gboolean
complete_cb (gpointer data)
{
  GTask *task = data;
  Request *request = g_task_get_task_data (task);

  if (request->error != NULL)
    g_task_return_error (task, g_steal_pointer (&request->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&request->texture), g_object_unref);
  return G_SOURCE_REMOVE;
}

static void
worker (gpointer data,
        gpointer user_data)
{
  GTask *task = data;
  SwThumbnailLoader *self = user_data;
  g_autoptr(GSource) source = g_idle_source_new ();

  /* A row scrolled away cancels its request: nothing is read for it, and
   * complete_cb () returns the cancellation. */
  if (!g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    load (self, g_task_get_task_data (task), g_task_get_cancellable (task));

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, complete_cb, task, g_object_unref);
  g_source_set_static_name (source, "[stillwater] thumbnail");
  g_source_attach (source, g_task_get_context (task));
}

/* Object ------------------------------------------------------------------------------- */

static void
sw_thumbnail_loader_finalize (GObject *object)
{
  SwThumbnailLoader *self = (SwThumbnailLoader *)object;

  /* Every queued task holds the loader, so none is left here. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_clear_object (&self->store);
  /* The links live inside the entries, which the table frees: not g_queue_clear (). */
  g_hash_table_unref (self->entries);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (sw_thumbnail_loader_parent_class)->finalize (object);
}

static void
sw_thumbnail_loader_class_init (SwThumbnailLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sw_thumbnail_loader_finalize;
}

static void
sw_thumbnail_loader_init (SwThumbnailLoader *self)
{
  g_mutex_init (&self->lock);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  self->max_entries = SW_THUMBNAIL_LOADER_DEFAULT_MAX_ENTRIES;
  /* Not exclusive: the threads come from GLib's shared set and go back to it. */
  self->pool = g_thread_pool_new (worker, self, N_WORKERS, FALSE, NULL);
}

SwThumbnailLoader *
sw_thumbnail_loader_new (SwStore *store)
{
  SwThumbnailLoader *self;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);

  self = g_object_new (SW_TYPE_THUMBNAIL_LOADER, NULL);
  self->store = g_object_ref (store);
  return self;
}

GdkTexture *
sw_thumbnail_loader_lookup (SwThumbnailLoader *self,
                            SwArtist          *artist,
                            int                size)
{
  g_autofree char *key = NULL;
  GdkTexture *texture = NULL;
  Entry *entry;

  g_return_val_if_fail (SW_IS_THUMBNAIL_LOADER (self), NULL);
  g_return_val_if_fail (SW_IS_ARTIST (artist), NULL);

  if (!artist->thumb_exists)
    return NULL;

  key = make_key (artist, size);
  g_mutex_lock (&self->lock);
  entry = touch_locked (self, key);
  if (entry != NULL && entry->texture != NULL)
    texture = g_object_ref (entry->texture);
  g_mutex_unlock (&self->lock);
  return texture;
}

void
sw_thumbnail_loader_load_async (SwThumbnailLoader   *self,
                                SwArtist            *artist,
                                int                  size,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_return_if_fail (SW_IS_THUMBNAIL_LOADER (self));
  g_return_if_fail (SW_IS_ARTIST (artist));
  g_return_if_fail (size > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sw_thumbnail_loader_load_async);
  g_task_set_name (task, "[stillwater] thumbnail");

  /* The list knows the artist has none: no thread, no disk. */
  if (!artist->thumb_exists)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  request = g_new0 (Request, 1);
  request->artist_id = g_strdup (sw_artist_get_id (artist));
  request->key = make_key (artist, size);
  request->size = size;
  g_task_set_task_data (task, request, request_free);
  g_thread_pool_push (self->pool, g_steal_pointer (&task), NULL);
}

GdkTexture *
sw_thumbnail_loader_load_finish (SwThumbnailLoader  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (SW_IS_THUMBNAIL_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sw_thumbnail_loader_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sw_thumbnail_loader_set_max_entries (SwThumbnailLoader *self,
                                     guint              max_entries)
{
  g_return_if_fail (SW_IS_THUMBNAIL_LOADER (self));

  g_mutex_lock (&self->lock);
  self->max_entries = max_entries;
  trim_locked (self);
  g_mutex_unlock (&self->lock);
}

guint
sw_thumbnail_loader_get_n_entries (SwThumbnailLoader *self)
{
  guint n;

  g_return_val_if_fail (SW_IS_THUMBNAIL_LOADER (self), 0);

  g_mutex_lock (&self->lock);
  n = self->lru.length;
  g_mutex_unlock (&self->lock);
  return n;
}

guint
sw_thumbnail_loader_get_n_decodes (SwThumbnailLoader *self)
{
  guint n;

  g_return_val_if_fail (SW_IS_THUMBNAIL_LOADER (self), 0);

  g_mutex_lock (&self->lock);
  n = self->n_decodes;
  g_mutex_unlock (&self->lock);
  return n;
}

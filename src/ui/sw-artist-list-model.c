/* sw-artist-list-model.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-list-model-private.h"
#include "sw-artist-query.h"
#include "sw-artist.h"

/* 20 pages of 200 rows: a few screens' worth around each place the user has looked,
 * about 4,000 artists in memory however long the list is. */
#define DEFAULT_PAGE_SIZE 200
#define DEFAULT_MAX_PAGES 20

/* Events come in bursts (a scan, a bulk edit): at most one re-count per this many ms. */
#define REFRESH_DELAY_MS 250

typedef struct
{
  guint index;
  GPtrArray *artists;            /* SwArtist */
  GList link;                    /* in SwArtistListModel.lru; data is the page */
} Page;

struct _SwArtistListModel
{
  GObject parent_instance;

  SwStore *store;
  SwEvents *events;
  GMainContext *context;
  guint subscription;
  GSource *refresh_source;

  SwArtistQuery *query;
  GHashTable *params;            /* name → value as last set, to skip repeats */
  guint total;

  gboolean counted;
  guint page_size;
  guint max_pages;
  GHashTable *pages;             /* page index → Page */
  GQueue lru;                    /* most recently used first */

  /* Pages being read on a worker thread (index → itself). A read started before the
   * cache was last dropped belongs to an older list and is thrown away. */
  GHashTable *loading;
  guint generation;
  GCancellable *cancellable;
};

static void sw_artist_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SwArtistListModel, sw_artist_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      sw_artist_list_model_list_model_init))

enum {
  PROP_0,
  PROP_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PAGE_LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void     start_read    (SwArtistListModel   *self,
                               guint                index,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data,
                               gpointer             source_tag);
static gboolean read_is_stale (SwArtistListModel   *self,
                               GAsyncResult        *result);

static const char *const watched_events[] = {
  SW_EVENT_ARTIST_NEW, SW_EVENT_ARTIST_UPDATED, SW_EVENT_SCAN_COMPLETED, NULL,
};

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->artists);
  g_free (page);
}

/* The cache ------------------------------------------------------------------------------ */

static void
drop_cache (SwArtistListModel *self)
{
  /* The hash table frees the pages; the queue only links them. */
  g_queue_init (&self->lru);
  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->loading);
  self->generation++;
}

static void
touch_page (SwArtistListModel *self,
            Page              *page)
{
  g_queue_unlink (&self->lru, &page->link);
  g_queue_push_head_link (&self->lru, &page->link);
}

static void
cache_page (SwArtistListModel *self,
            guint              index,
            GPtrArray         *artists)
{
  Page *page = g_new0 (Page, 1);

  page->index = index;
  page->artists = g_ptr_array_ref (artists);
  page->link.data = page;
  g_hash_table_replace (self->pages, GUINT_TO_POINTER (index), page);
  g_queue_push_head_link (&self->lru, &page->link);

  while (self->lru.length > self->max_pages)
    {
      Page *oldest = g_queue_peek_tail (&self->lru);

      g_queue_unlink (&self->lru, &oldest->link);
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest->index));
    }
}

/* One read of the page's rows and the total they belong to. */
static SwArtistPage *
read_page (SwArtistListModel  *self,
           guint               index,
           GError            **error)
{
  sw_artist_query_set_page (self->query, index + 1, self->page_size);
  return sw_artist_store_list (self->store, self->query, error);
}

/* Counting and refreshing ---------------------------------------------------------------- */

/* The rows a view can be showing: those of the most recently read pages. */
#define SHOWN_PAGES 2

/* Takes a count: the first page of the list with the total (NULL when it could not be
 * read; @error says why). The page is cached. Returns the old total. */
static guint
apply_count (SwArtistListModel  *self,
             SwArtistPage       *first,
             const GError       *error)
{
  guint old_total = self->total;

  if (self->refresh_source != NULL)
    {
      g_source_destroy (self->refresh_source);
      g_clear_pointer (&self->refresh_source, g_source_unref);
    }

  drop_cache (self);
  self->counted = TRUE;
  if (first == NULL)
    {
      g_warning ("Cannot count the artists: %s", error->message);
      self->total = 0;
    }
  else
    {
      self->total = first->total;
      if (first->artists->len > 0)
        cache_page (self, 0, first->artists);
    }

  if (old_total != self->total)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
  return old_total;
}

/* Re-counts on this thread; returns the old total. */
static guint
recount (SwArtistListModel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwArtistPage) first = read_page (self, 0, &error);

  return apply_count (self, first, error);
}

/* After the store changed (an edit, a scan). GTK 4.8's list views read every row an
 * items-changed adds, so "replace everything" would read all 50,000 artists: only the
 * difference in length is added or removed at the end, and the rows a view can be
 * showing (the pages read last) are replaced, so they are bound again. Rows elsewhere
 * are read afresh when they are next shown. */
static void
refresh_with (SwArtistListModel  *self,
              SwArtistPage       *first,
              const GError       *error)
{
  guint shown[SHOWN_PAGES];
  guint n_shown = 0;
  guint old_total;

  for (GList *l = self->lru.head; l != NULL && n_shown < SHOWN_PAGES; l = l->next)
    shown[n_shown++] = ((Page *) l->data)->index;

  old_total = apply_count (self, first, error);
  if (self->total > old_total)
    g_list_model_items_changed (G_LIST_MODEL (self), old_total, 0, self->total - old_total);
  else if (self->total < old_total)
    g_list_model_items_changed (G_LIST_MODEL (self), self->total, old_total - self->total, 0);

  for (guint i = 0; i < n_shown; i++)
    {
      guint start = shown[i] * self->page_size;
      guint end = MIN (start + self->page_size, MIN (old_total, self->total));

      if (start < end)
        g_list_model_items_changed (G_LIST_MODEL (self), start, end - start, end - start);
    }
}

static void
refresh_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SwArtistListModel *self = SW_ARTIST_LIST_MODEL (source);
  g_autoptr(SwArtistPage) first = NULL;
  g_autoptr(GError) error = NULL;

  first = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      read_is_stale (self, result))
    return;
  refresh_with (self, first, error);
}

/* The count is read on the reader threads too: a scan publishes events for minutes, and
 * the main loop must not wait for the disk each time. */
static gboolean
refresh_cb (gpointer user_data)
{
  SwArtistListModel *self = user_data;

  g_clear_pointer (&self->refresh_source, g_source_unref);
  start_read (self, 0, self->cancellable, refresh_read_cb, NULL, refresh_cb);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (SwArtistListModel *self)
{
  if (self->refresh_source != NULL)
    return;

  self->refresh_source = g_timeout_source_new (REFRESH_DELAY_MS);
  g_source_set_callback (self->refresh_source, refresh_cb, self, NULL);
  g_source_set_static_name (self->refresh_source, "[stillwater] artist list refresh");
  g_source_attach (self->refresh_source, self->context);
}

static void
on_event (SwEvent  *event,
          gpointer  user_data)
{
  schedule_refresh (SW_ARTIST_LIST_MODEL (user_data));
}

/* GListModel ----------------------------------------------------------------------------- */

static GType
sw_artist_list_model_get_item_type (GListModel *list)
{
  return SW_TYPE_ARTIST;
}

static guint
sw_artist_list_model_get_n_items (GListModel *list)
{
  return SW_ARTIST_LIST_MODEL (list)->total;
}

static gpointer
sw_artist_list_model_get_item (GListModel *list,
                               guint       position)
{
  SwArtistListModel *self = SW_ARTIST_LIST_MODEL (list);
  guint index = position / self->page_size;
  guint offset = position % self->page_size;
  Page *page;

  if (position >= self->total)
    return NULL;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page != NULL)
    touch_page (self, page);
  else
    {
      g_autoptr(SwArtistPage) read = NULL;
      g_autoptr(GError) error = NULL;

      /* Synchronous: views that must not wait use peek_item and request_page. */
      read = read_page (self, index, &error);
      if (read == NULL)
        {
          g_warning ("Cannot read artists %u–%u: %s", index * self->page_size,
                     (index + 1) * self->page_size - 1, error->message);
          schedule_refresh (self);
          return NULL;
        }

      /* A different total means the store changed after the count (a change whose
       * event is on its way, or one made without events): positions have moved. */
      if (read->total != self->total)
        schedule_refresh (self);

      cache_page (self, index, read->artists);
      page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
    }

  if (offset >= page->artists->len)
    {
      schedule_refresh (self);
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (page->artists, offset));
}

static void
sw_artist_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sw_artist_list_model_get_item_type;
  iface->get_n_items = sw_artist_list_model_get_n_items;
  iface->get_item = sw_artist_list_model_get_item;
}

/* GObject -------------------------------------------------------------------------------- */

static void
sw_artist_list_model_dispose (GObject *object)
{
  SwArtistListModel *self = (SwArtistListModel *)object;

  if (self->subscription != 0)
    {
      sw_events_unsubscribe (self->events, self->subscription);
      self->subscription = 0;
    }
  if (self->refresh_source != NULL)
    {
      g_source_destroy (self->refresh_source);
      g_clear_pointer (&self->refresh_source, g_source_unref);
    }
  g_cancellable_cancel (self->cancellable);
  drop_cache (self);

  G_OBJECT_CLASS (sw_artist_list_model_parent_class)->dispose (object);
}

static void
sw_artist_list_model_finalize (GObject *object)
{
  SwArtistListModel *self = (SwArtistListModel *)object;

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->loading, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->params, g_hash_table_unref);
  g_clear_pointer (&self->query, sw_artist_query_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->events);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sw_artist_list_model_parent_class)->finalize (object);
}

static void
sw_artist_list_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SwArtistListModel *self = SW_ARTIST_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_artist_list_model_class_init (SwArtistListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sw_artist_list_model_dispose;
  object_class->finalize = sw_artist_list_model_finalize;
  object_class->get_property = sw_artist_list_model_get_property;

  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A page read by request_page() is in the cache: positions @position to
   * @position + @n_items - 1 now have their artists. */
  signals[PAGE_LOADED] =
    g_signal_new ("page-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
sw_artist_list_model_init (SwArtistListModel *self)
{
  self->query = sw_artist_query_new ();
  self->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->pages = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, page_free);
  self->loading = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->lru);
  self->page_size = DEFAULT_PAGE_SIZE;
  self->max_pages = DEFAULT_MAX_PAGES;
}

/* Before counting: the store, the events and the thread the model lives on. */
static void
attach (SwArtistListModel *self,
        SwStore           *store,
        SwEvents          *events)
{
  self->store = g_object_ref (store);
  self->context = g_main_context_ref_thread_default ();
  self->events = events != NULL ? g_object_ref (events) : NULL;
}

/* Once counted, the model follows the store's changes. */
static void
subscribe (SwArtistListModel *self)
{
  if (self->events == NULL || self->subscription != 0)
    return;
  /* Unsubscribed in dispose, after which the callback never runs: no reference. */
  self->subscription = sw_events_subscribe (self->events, watched_events, self->context,
                                            on_event, self, NULL);
}

/* Subscribes and counts: the model is then ready. */
static void
start (SwArtistListModel *self,
       SwStore           *store,
       SwEvents          *events)
{
  attach (self, store, events);
  subscribe (self);
  recount (self);
}

SwArtistListModel *
sw_artist_list_model_new (SwStore  *store,
                          SwEvents *events)
{
  SwArtistListModel *self;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (events == NULL || SW_IS_EVENTS (events), NULL);

  self = g_object_new (SW_TYPE_ARTIST_LIST_MODEL, NULL);
  start (self, store, events);
  return self;
}

/* The query ------------------------------------------------------------------------------ */

static gboolean
is_query_param (const char *name)
{
  g_autoptr(SwArtistQuery) probe = NULL;

  if (g_str_equal (name, "search") || g_str_equal (name, "sort") ||
      g_str_equal (name, "order") || g_str_equal (name, "filter") ||
      g_str_equal (name, "library_id") || g_str_equal (name, "ids"))
    return TRUE;
  if (g_str_has_prefix (name, "filter_library_"))
    return name[strlen ("filter_library_")] != '\0';
  if (!g_str_has_prefix (name, "filter_"))
    return FALSE;

  /* The query ignores names it does not know, so a known filter is one that refuses a
   * value no filter accepts. */
  probe = sw_artist_query_new ();
  return !sw_artist_query_set_param (probe, name, "?", NULL);
}

gboolean
sw_artist_list_model_set_query_param (SwArtistListModel  *self,
                                      const char         *name,
                                      const char         *value,
                                      GError            **error)
{
  const char *current;
  guint old_total;

  g_return_val_if_fail (SW_IS_ARTIST_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (value == NULL)
    value = "";

  if (!is_query_param (name))
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("“%s” is not an artist list parameter"), name);
      return FALSE;
    }

  /* Typing the same search again, or choosing the sort already in use, keeps the
   * list, and with it the view's scroll position and selection. */
  current = g_hash_table_lookup (self->params, name);
  if (g_strcmp0 (current != NULL ? current : "", value) == 0)
    return TRUE;

  if (!sw_artist_query_set_param (self->query, name, value, error))
    return FALSE;

  g_hash_table_replace (self->params, g_strdup (name), g_strdup (value));
  old_total = recount (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_total, self->total);
  return TRUE;
}

SwArtistListModel *
sw_artist_list_model_derive (SwArtistListModel  *self,
                             const char         *name,
                             const char         *value,
                             GError            **error)
{
  g_autoptr(SwArtistListModel) copy = NULL;
  GHashTableIter iter;
  gpointer key, param_value;
  const char *current;

  g_return_val_if_fail (SW_IS_ARTIST_LIST_MODEL (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (value == NULL)
    value = "";
  if (!is_query_param (name))
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("“%s” is not an artist list parameter"), name);
      return NULL;
    }

  current = g_hash_table_lookup (self->params, name);
  if (g_strcmp0 (current != NULL ? current : "", value) == 0)
    return g_object_ref (self);

  copy = g_object_new (SW_TYPE_ARTIST_LIST_MODEL, NULL);
  g_hash_table_iter_init (&iter, self->params);
  while (g_hash_table_iter_next (&iter, &key, &param_value))
    {
      /* These were accepted once, so they are again. */
      gboolean accepted = sw_artist_query_set_param (copy->query, key, param_value, NULL);

      g_assert (accepted);
      g_hash_table_replace (copy->params, g_strdup (key), g_strdup (param_value));
    }
  if (!sw_artist_query_set_param (copy->query, name, value, error))
    return NULL;
  g_hash_table_replace (copy->params, g_strdup (name), g_strdup (value));

  attach (copy, self->store, self->events);
  return g_steal_pointer (&copy);
}

SwArtistListModel *
sw_artist_list_model_copy_with_param (SwArtistListModel  *self,
                                      const char         *name,
                                      const char         *value,
                                      GError            **error)
{
  SwArtistListModel *copy = sw_artist_list_model_derive (self, name, value, error);

  if (copy != NULL && copy != self)
    {
      subscribe (copy);
      recount (copy);
    }
  return copy;
}

guint
sw_artist_list_model_get_total (SwArtistListModel *self)
{
  g_return_val_if_fail (SW_IS_ARTIST_LIST_MODEL (self), 0);

  return self->total;
}

/* Reading without waiting ---------------------------------------------------------------- */

SwArtist *
sw_artist_list_model_peek_item (SwArtistListModel *self,
                                guint              position)
{
  Page *page;

  g_return_val_if_fail (SW_IS_ARTIST_LIST_MODEL (self), NULL);

  if (position >= self->total)
    return NULL;
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (position / self->page_size));
  if (page == NULL || position % self->page_size >= page->artists->len)
    return NULL;

  touch_page (self, page);
  return g_object_ref (g_ptr_array_index (page->artists, position % self->page_size));
}

typedef struct
{
  SwStore *store;
  SwArtistQuery *query;          /* a copy, set to the page */
  guint index;
  guint generation;
} PageRead;

static void
page_read_free (PageRead *read)
{
  g_object_unref (read->store);
  sw_artist_query_free (read->query);
  g_free (read);
}

/* Two threads, kept for the process's life, read every list's pages and counts: the
 * store opens two more read connections (with their caches), not one for each thread
 * of GIO's pool, and a count superseded while it runs (a word typed on) does not hold
 * up the next one. */
static void
read_page_in_thread (gpointer data,
                     gpointer unused)
{
  g_autoptr(GTask) task = data;
  PageRead *read = g_task_get_task_data (task);
  GError *error = NULL;
  SwArtistPage *page;

  if (g_task_return_error_if_cancelled (task))
    return;
  page = sw_artist_store_list (read->store, read->query, &error);
  if (page != NULL)
    g_task_return_pointer (task, page, (GDestroyNotify) sw_artist_page_free);
  else
    g_task_return_error (task, error);
}

static GThreadPool *
page_reader (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (read_page_in_thread, NULL, 2, TRUE, NULL));
  return pool;
}

/* A read started before the cache was last dropped belongs to an older list. */
static gboolean
read_is_stale (SwArtistListModel *self,
               GAsyncResult      *result)
{
  PageRead *read = g_task_get_task_data (G_TASK (result));

  return read->generation != self->generation;
}

static void
page_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SwArtistListModel *self = SW_ARTIST_LIST_MODEL (source);
  PageRead *read = g_task_get_task_data (G_TASK (result));
  g_autoptr(SwArtistPage) page = NULL;
  g_autoptr(GError) error = NULL;
  guint first = read->index * self->page_size;

  page = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      read_is_stale (self, result))
    return;

  g_hash_table_remove (self->loading, GUINT_TO_POINTER (read->index));
  if (page == NULL)
    {
      g_warning ("Cannot read artists %u–%u: %s", first, first + self->page_size - 1,
                 error->message);
      schedule_refresh (self);
      return;
    }
  if (page->total != self->total)
    schedule_refresh (self);

  cache_page (self, read->index, page->artists);
  g_signal_emit (self, signals[PAGE_LOADED], 0, first, page->artists->len);
}

static PageRead *
page_read_new (SwArtistListModel *self,
               guint              index)
{
  PageRead *read = g_new0 (PageRead, 1);

  read->store = g_object_ref (self->store);
  read->query = sw_artist_query_copy (self->query);
  sw_artist_query_set_page (read->query, index + 1, self->page_size);
  read->index = index;
  read->generation = self->generation;
  return read;
}

static void
start_read (SwArtistListModel   *self,
            guint                index,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             source_tag)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, "[stillwater] artist list page");
  g_task_set_task_data (task, page_read_new (self, index), (GDestroyNotify) page_read_free);
  g_thread_pool_push (page_reader (), g_steal_pointer (&task), NULL);
}

void
sw_artist_list_model_request_page (SwArtistListModel *self,
                                   guint              position)
{
  guint index;

  g_return_if_fail (SW_IS_ARTIST_LIST_MODEL (self));

  index = position / self->page_size;
  if (position >= self->total ||
      g_hash_table_contains (self->pages, GUINT_TO_POINTER (index)) ||
      g_hash_table_contains (self->loading, GUINT_TO_POINTER (index)))
    return;

  g_hash_table_add (self->loading, GUINT_TO_POINTER (index));
  start_read (self, index, self->cancellable, page_read_cb, NULL,
              sw_artist_list_model_request_page);
}

void
sw_artist_list_model_count_async (SwArtistListModel   *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (SW_IS_ARTIST_LIST_MODEL (self));
  g_return_if_fail (!self->counted);

  start_read (self, 0, cancellable, callback, user_data, sw_artist_list_model_count_async);
}

gboolean
sw_artist_list_model_count_finish (SwArtistListModel  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_autoptr(SwArtistPage) first = NULL;
  g_autoptr(GError) read_error = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sw_artist_list_model_count_async, FALSE);

  first = g_task_propagate_pointer (G_TASK (result), &read_error);
  if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return FALSE;
    }

  /* As when counting synchronously, a list that cannot be read is empty (and says why
   * in the log); the next change counts again. */
  subscribe (self);
  apply_count (self, first, read_error);
  return TRUE;
}

/* Private -------------------------------------------------------------------------------- */

guint
sw_artist_list_model_get_n_cached_pages (SwArtistListModel *self)
{
  g_return_val_if_fail (SW_IS_ARTIST_LIST_MODEL (self), 0);

  return g_hash_table_size (self->pages);
}

gboolean
sw_artist_list_model_is_cached (SwArtistListModel *self,
                                guint              position)
{
  g_return_val_if_fail (SW_IS_ARTIST_LIST_MODEL (self), FALSE);

  return g_hash_table_contains (self->pages, GUINT_TO_POINTER (position / self->page_size));
}

void
sw_artist_list_model_set_cache_limits (SwArtistListModel *self,
                                       guint              page_size,
                                       guint              max_pages)
{
  g_return_if_fail (SW_IS_ARTIST_LIST_MODEL (self));

  self->page_size = CLAMP (page_size, SW_ARTIST_QUERY_MIN_PAGE_SIZE,
                           SW_ARTIST_QUERY_MAX_PAGE_SIZE);
  self->max_pages = MAX (max_pages, 1);
  drop_cache (self);
}

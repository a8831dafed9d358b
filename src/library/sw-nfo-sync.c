/* sw-nfo-sync.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-artist-private.h"
#include "sw-artist-query.h"
#include "sw-library-private.h"
#include "sw-library-service.h"
#include "sw-nfo-sync.h"
#include "sw-nfo.h"
#include "sw-platform-profile-private.h"
#include "sw-platform-service.h"
#include "sw-time.h"

#define NFO_NAME "artist.nfo"

struct _SwNfoSync
{
  GObject parent_instance;

  SwStore *store;
  SwEvents *events;
  SwSettings *settings;
  guint subscription;

  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
};

G_DEFINE_FINAL_TYPE (SwNfoSync, sw_nfo_sync, G_TYPE_OBJECT)

/* Writing --------------------------------------------------------------------------------- */

/* <lockdata> when the library that holds the artist asks for it. */
static gboolean
library_wants_lockdata (SwStore  *store,
                        SwArtist *artist)
{
  g_autoptr(SwLibrary) library = NULL;

  if (artist->library_id == NULL || artist->library_id[0] == '\0')
    return FALSE;
  library = sw_library_service_get (store, artist->library_id, NULL, NULL);
  return library != NULL && library->nfo_lock_data;
}

typedef struct
{
  const char *artist_id;
  const char *old_content;      /* NULL: there was no file */
  const char *hash;
  gint64 mtime_us;
} Written;

static gboolean
record_written (SwStore   *store,
                gpointer   user_data,
                GError   **error)
{
  Written *written = user_data;
  g_autofree char *now = sw_time_now_rfc3339 ();
  g_autoptr(SwStmt) update = NULL;

  if (written->old_content != NULL)
    {
      g_autoptr(SwStmt) snapshot = sw_store_prepare (store,
        "INSERT INTO nfo_snapshots (id, artist_id, content, created_at) VALUES (?1, ?2, ?3, ?4)",
        error);
      g_autofree char *id = sw_store_new_id ();

      if (snapshot == NULL)
        return FALSE;
      sw_stmt_bind_text (snapshot, 1, id);
      sw_stmt_bind_text (snapshot, 2, written->artist_id);
      sw_stmt_bind_text (snapshot, 3, written->old_content);
      sw_stmt_bind_text (snapshot, 4, now);
      if (!sw_store_run (store, snapshot, error))
        return FALSE;
    }

  update = sw_store_prepare (store, "UPDATE artists SET nfo_exists = 1, nfo_hash = ?2, "
                                    "nfo_mtime = ?3 WHERE id = ?1", error);
  if (update == NULL)
    return FALSE;
  sw_stmt_bind_text (update, 1, written->artist_id);
  sw_stmt_bind_text (update, 2, written->hash);
  sw_stmt_bind_int64 (update, 3, written->mtime_us);
  return sw_store_run (store, update, error);
}

gboolean
sw_nfo_sync_write_artist (SwStore    *store,
                          SwSettings *settings,
                          const char *artist_id,
                          GError    **error)
{
  g_autoptr(SwArtist) artist = NULL;
  g_autoptr(SwPlatformProfile) profile = NULL;
  g_autoptr(SwNfo) previous = NULL;
  g_autoptr(SwNfo) nfo = NULL;
  g_auto(SwNfoOutputOptions) options = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *old_content = NULL;
  g_autofree char *hash = NULL;
  Written written = { artist_id, NULL, NULL, 0 };

  artist = sw_artist_store_get (store, artist_id, error);
  if (artist == NULL)
    return FALSE;
  if (artist->path == NULL || artist->path[0] == '\0')
    return TRUE;

  profile = sw_platform_service_get_active (store, error);
  if (profile == NULL)
    return FALSE;
  if (!profile->nfo_enabled)
    return TRUE;

  path = g_build_filename (artist->path, NFO_NAME, NULL);
  if (g_file_get_contents (path, &old_content, NULL, NULL))
    {
      /* What we cannot read we cannot carry over: leave the file to the user. */
      previous = sw_nfo_parse (old_content, -1, error);
      if (previous == NULL)
        {
          g_prefix_error (error, "%s: ", path);
          return FALSE;
        }
    }

  sw_nfo_output_options_init (&options);
  sw_nfo_output_options_load (&options, settings);
  options.lockdata = library_wants_lockdata (store, artist);
  nfo = sw_nfo_new_from_artist (artist, previous, &options);
  if (!sw_nfo_save (nfo, path, &hash, &written.mtime_us, error))
    return FALSE;

  written.old_content = old_content;
  written.hash = hash;
  return sw_store_write (store, record_written, &written, error);
}

/* Listening ------------------------------------------------------------------------------- */

/* A metadata edit from anyone but the scanner (which read the file it got the value
 * from). Lock changes carry no field. */
static void
artist_updated_cb (SwEvent  *event,
                   gpointer  user_data)
{
  SwNfoSync *self = user_data;
  JsonNode *payload = sw_event_get_payload (event);
  JsonObject *object;
  const char *source;
  g_autoptr(GError) error = NULL;

  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    return;
  object = json_node_get_object (payload);
  if (!json_object_has_member (object, "id") || !json_object_has_member (object, "field"))
    return;
  source = json_object_get_string_member_with_default (object, "source", "");
  if (g_str_equal (source, "scan"))
    return;

  if (!sw_nfo_sync_write_artist (self->store, self->settings,
                                 json_object_get_string_member (object, "id"), &error))
    /* Not a programming error: usually a file the user (or another program) broke. */
    g_message ("Not updating the NFO of artist %s: %s",
               json_object_get_string_member (object, "id"), error->message);
}

static gpointer
sync_thread (gpointer data)
{
  SwNfoSync *self = data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
sw_nfo_sync_dispose (GObject *object)
{
  SwNfoSync *self = (SwNfoSync *)object;

  if (self->subscription != 0)
    {
      sw_events_unsubscribe (self->events, self->subscription);
      self->subscription = 0;
    }
  if (self->thread != NULL)
    {
      g_main_context_invoke (self->context, quit_cb, self->loop);
      g_clear_pointer (&self->thread, g_thread_join);
    }
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->events);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sw_nfo_sync_parent_class)->dispose (object);
}

static void
sw_nfo_sync_class_init (SwNfoSyncClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sw_nfo_sync_dispose;
}

static void
sw_nfo_sync_init (SwNfoSync *self)
{
}

SwNfoSync *
sw_nfo_sync_new (SwStore    *store,
                 SwEvents   *events,
                 SwSettings *settings)
{
  static const char *const types[] = { SW_EVENT_ARTIST_UPDATED, NULL };
  SwNfoSync *self;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (SW_IS_EVENTS (events), NULL);
  g_return_val_if_fail (SW_IS_SETTINGS (settings), NULL);

  self = g_object_new (SW_TYPE_NFO_SYNC, NULL);
  self->store = g_object_ref (store);
  self->events = g_object_ref (events);
  self->settings = g_object_ref (settings);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->subscription = sw_events_subscribe (events, types, self->context, artist_updated_cb,
                                            self, NULL);
  self->thread = g_thread_new ("sw-nfo-sync", sync_thread, self);
  return self;
}

typedef struct
{
  GMutex lock;
  GCond cond;
  gboolean done;
} Flush;

static gboolean
flush_cb (gpointer data)
{
  Flush *flush = data;

  g_mutex_lock (&flush->lock);
  flush->done = TRUE;
  g_cond_signal (&flush->cond);
  g_mutex_unlock (&flush->lock);
  return G_SOURCE_REMOVE;
}

/* Events are delivered to the thread's context in order, so once a low-priority idle
 * queued now has run, everything published before has been handled. */
void
sw_nfo_sync_flush (SwNfoSync *self)
{
  Flush flush = { 0 };
  GSource *source;

  g_return_if_fail (SW_IS_NFO_SYNC (self));

  g_mutex_init (&flush.lock);
  g_cond_init (&flush.cond);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_LOW);
  g_source_set_callback (source, flush_cb, &flush, NULL);
  g_source_attach (source, self->context);
  g_source_unref (source);

  g_mutex_lock (&flush.lock);
  while (!flush.done)
    g_cond_wait (&flush.cond, &flush.lock);
  g_mutex_unlock (&flush.lock);
  g_mutex_clear (&flush.lock);
  g_cond_clear (&flush.cond);
}

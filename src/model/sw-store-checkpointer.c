/* sw-store-checkpointer.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "sw-store-checkpointer.h"

/* SQLite's automatic checkpoint runs inside the COMMIT that crosses the threshold, so
 * one write in every few pays for copying a thousand pages. Here the copying runs on
 * its own connection and thread; PASSIVE checkpoints never block the writer or the
 * readers, and the log restarts from its beginning once a checkpoint has caught up. */
struct _SwStoreCheckpointer
{
  char *path;
  sqlite3 *db;
  gboolean wal_known;
  GThread *thread;

  GMutex lock;
  GCond changed;
  gboolean requested;
  gboolean running;
  gboolean stopping;
};

static void
checkpoint (SwStoreCheckpointer *self)
{
  if (self->db == NULL &&
      sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_warning ("Cannot open the database for checkpoints: %s",
                 self->db != NULL ? sqlite3_errmsg (self->db) : "out of memory");
      g_clear_pointer (&self->db, sqlite3_close_v2);
      return;
    }
  /* A connection only knows the database is in WAL mode once it has read it. */
  if (!self->wal_known)
    self->wal_known = sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_schema",
                                    NULL, NULL, NULL) == SQLITE_OK;

  /* SQLITE_BUSY only means another checkpoint was running; the next request retries. */
  sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
}

static gpointer
run (gpointer data)
{
  SwStoreCheckpointer *self = data;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      while (!self->requested && !self->stopping)
        g_cond_wait (&self->changed, &self->lock);
      if (self->stopping)
        break;

      self->requested = FALSE;
      self->running = TRUE;
      g_mutex_unlock (&self->lock);

      checkpoint (self);

      g_mutex_lock (&self->lock);
      self->running = FALSE;
      g_cond_broadcast (&self->changed);
    }
  g_mutex_unlock (&self->lock);

  return NULL;
}

SwStoreCheckpointer *
sw_store_checkpointer_new (const char *path)
{
  SwStoreCheckpointer *self = g_new0 (SwStoreCheckpointer, 1);

  self->path = g_strdup (path);
  g_mutex_init (&self->lock);
  g_cond_init (&self->changed);
  self->thread = g_thread_new ("sw-checkpoint", run, self);
  return self;
}

void
sw_store_checkpointer_request (SwStoreCheckpointer *self)
{
  g_mutex_lock (&self->lock);
  self->requested = TRUE;
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
}

void
sw_store_checkpointer_wait_idle (SwStoreCheckpointer *self)
{
  g_mutex_lock (&self->lock);
  while (self->requested || self->running)
    g_cond_wait (&self->changed, &self->lock);
  g_mutex_unlock (&self->lock);
}

void
sw_store_checkpointer_free (SwStoreCheckpointer *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->changed);
  g_free (self->path);
  g_free (self);
}

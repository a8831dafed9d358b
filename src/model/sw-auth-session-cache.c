/* sw-auth-session-cache.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-auth-session-cache.h"

/* Every API request with a session cookie used to read sessions ⋈ users: a tenth of
 * the server's time per request. Cached entries are keyed by the session id (the
 * token's SHA-256, as stored) and stamped with the store's version counters of the
 * sessions and users tables: a logout, a new login, a deactivated user or a changed
 * role is a committed write to one of them, after which every entry is stale and the
 * next request reads the database again. Expiry is checked on every hit. */

#define QDATA_KEY "sw-session-cache"
/* Far more than a household's browsers; when full, the cache simply starts over. */
#define MAX_ENTRIES 256

typedef struct
{
  SwUser *user;
  gint64 expires_us;            /* wall clock */
  SwSessionCacheStamp stamp;
} Entry;

typedef struct
{
  GMutex lock;
  GHashTable *entries;          /* session id → Entry */
} Cache;

static void
entry_free (Entry *entry)
{
  g_object_unref (entry->user);
  g_free (entry);
}

static void
cache_free (Cache *cache)
{
  g_hash_table_unref (cache->entries);
  g_mutex_clear (&cache->lock);
  g_free (cache);
}

static Cache *
get_cache (SwStore *store)
{
  static GMutex create_lock;
  Cache *cache;

  g_mutex_lock (&create_lock);
  cache = g_object_get_data (G_OBJECT (store), QDATA_KEY);
  if (cache == NULL)
    {
      cache = g_new0 (Cache, 1);
      g_mutex_init (&cache->lock);
      cache->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) entry_free);
      g_object_set_data_full (G_OBJECT (store), QDATA_KEY, cache, (GDestroyNotify) cache_free);
    }
  g_mutex_unlock (&create_lock);

  return cache;
}

void
_sw_session_cache_stamp (SwStore             *store,
                         SwSessionCacheStamp *stamp)
{
  stamp->sessions_version = sw_store_get_table_version (store, "sessions");
  stamp->users_version = sw_store_get_table_version (store, "users");
}

SwUser *
_sw_session_cache_get (SwStore    *store,
                       const char *session_id)
{
  Cache *cache = get_cache (store);
  SwSessionCacheStamp now;
  SwUser *user = NULL;
  Entry *entry;

  _sw_session_cache_stamp (store, &now);

  g_mutex_lock (&cache->lock);
  entry = g_hash_table_lookup (cache->entries, session_id);
  if (entry != NULL &&
      entry->stamp.sessions_version == now.sessions_version &&
      entry->stamp.users_version == now.users_version &&
      g_get_real_time () < entry->expires_us)
    user = sw_user_copy (entry->user);
  g_mutex_unlock (&cache->lock);

  return user;
}

void
_sw_session_cache_put (SwStore                   *store,
                       const char                *session_id,
                       SwUser                    *user,
                       const char                *expires_at,
                       const SwSessionCacheStamp *stamp)
{
  Cache *cache = get_cache (store);
  g_autoptr(GDateTime) expires = g_date_time_new_from_iso8601 (expires_at, NULL);
  Entry *entry;

  /* Uncommitted rows may still be rolled back. */
  if (expires == NULL || sw_store_is_writing (store))
    return;

  entry = g_new0 (Entry, 1);
  entry->user = sw_user_copy (user);
  entry->expires_us = g_date_time_to_unix (expires) * G_USEC_PER_SEC +
                      g_date_time_get_microsecond (expires);
  entry->stamp = *stamp;

  g_mutex_lock (&cache->lock);
  if (g_hash_table_size (cache->entries) >= MAX_ENTRIES)
    g_hash_table_remove_all (cache->entries);
  g_hash_table_replace (cache->entries, g_strdup (session_id), entry);
  g_mutex_unlock (&cache->lock);
}

/* sw-auth-session-cache.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-store.h"
#include "sw-user.h"

G_BEGIN_DECLS

/* Valid sessions seen recently, so an authenticated request does not need a database
 * read. Private to sw-auth-sessions.c. An entry is only trusted while no write has
 * changed the sessions or users tables since it was read, and until it expires. */
typedef struct
{
  guint sessions_version;
  guint users_version;
} SwSessionCacheStamp;

/* The versions to pass to _put(); read them before the database lookup. */
void    _sw_session_cache_stamp (SwStore             *store,
                                 SwSessionCacheStamp *stamp);
/* A copy of the cached user, or NULL when absent, stale or expired. */
SwUser *_sw_session_cache_get   (SwStore             *store,
                                 const char          *session_id);
void    _sw_session_cache_put   (SwStore             *store,
                                 const char          *session_id,
                                 SwUser              *user,
                                 const char          *expires_at,
                                 const SwSessionCacheStamp *stamp);

G_END_DECLS

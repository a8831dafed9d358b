/* sw-auth-guard.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-auth.h"
#include "sw-router.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* Who made a request, as the guard established it. */
typedef struct
{
  SwUser *user;
  SwScopes scopes;          /* a session has every scope its user's role allows */
  gboolean via_session;
  char *token_id;           /* NULL for sessions */
} SwAuthContext;

/* The router guard: credentials (Bearer token, ?apikey=, session cookie), scopes,
 * administrator-only operations and CSRF. @user_data is the SwStore. */
gboolean       sw_auth_guard             (SwHttpMessage     *msg,
                                          const SwRouteInfo *info,
                                          gpointer           user_data);
/* The caller of an authenticated request; NULL on public routes. */
SwAuthContext *sw_auth_context_get       (SwHttpMessage *msg);
/* Issues the csrf_token cookie when the request did not carry one. */
void           sw_auth_ensure_csrf_cookie (SwHttpMessage *msg);
/* The value of one cookie the request carries, or NULL. */
char          *sw_auth_request_cookie    (SwHttpMessage *msg,
                                          const char    *name);
gboolean       sw_auth_constant_time_equal (const char *a,
                                           const char *b);

G_END_DECLS

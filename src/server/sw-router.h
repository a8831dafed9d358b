/* sw-router.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "sw-http-message.h"

G_BEGIN_DECLS

/* params maps each {name} of the route's path template to the decoded segment. */
typedef void (*SwRouteHandler) (SwHttpMessage *msg,
                                GHashTable    *params,
                                gpointer       user_data);

/* What the registry knows about one route, for docs and the auth matrix. */
typedef struct
{
  const char *method;
  const char *path;             /* relative to the prefix, with {param} templates */
  const char *tag;
  const char *summary;
  const char *operation_id;
  guint flags;                  /* SwOperationFlags */
  gboolean implemented;
} SwRouteInfo;

typedef void (*SwRouteInfoFunc) (const SwRouteInfo *info,
                                 gpointer           user_data);

/* Runs before every handler (built or 501); returns FALSE when it has answered the
 * request itself, e.g. 401 or 403. */
typedef gboolean (*SwRouteGuard) (SwHttpMessage     *msg,
                                  const SwRouteInfo *info,
                                  gpointer           user_data);

#define SW_TYPE_ROUTER (sw_router_get_type ())

G_DECLARE_FINAL_TYPE (SwRouter, sw_router, SW, ROUTER, GObject)

SwRouter *sw_router_new      (const char        *prefix);
void      sw_router_add      (SwRouter          *self,
                              const char        *method,
                              const char        *path_template,
                              const char        *tag,
                              const char        *summary,
                              SwRouteHandler     handler,
                              gpointer           user_data);
/* Registers a contract operation that is not built yet: it answers 501. A later
 * sw_router_add() for the same method and path replaces it. */
void      sw_router_add_unimplemented (SwRouter     *self,
                                       const char   *method,
                                       const char   *path_template,
                                       const char   *tag,
                                       const char   *summary,
                                       const char   *operation_id,
                                       guint         flags);
void      sw_router_set_guard    (SwRouter      *self,
                                  SwRouteGuard   guard,
                                  gpointer       user_data);
guint     sw_router_get_n_routes (SwRouter      *self);
const char *sw_router_get_prefix (SwRouter      *self);
/* Visits every route in registration order. */
void      sw_router_foreach      (SwRouter      *self,
                                  SwRouteInfoFunc func,
                                  gpointer       user_data);
void      sw_router_dispatch (SwRouter      *self,
                              SwHttpMessage *msg);

G_END_DECLS

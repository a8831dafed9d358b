/* sw-routes-docs.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-router.h"

G_BEGIN_DECLS

/* GET /docs (a readable page) and GET /docs/openapi.yaml, both generated from the
 * router's registry, so they describe exactly what this server answers. */
void  sw_routes_docs_register        (SwRouter *router);
char *sw_routes_docs_render_openapi  (SwRouter *router);

G_END_DECLS

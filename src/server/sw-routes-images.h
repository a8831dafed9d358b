/* sw-routes-images.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-router.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* The read side of artist images and their removal: GET …/images/{type}/file and
 * /info, GET …/images/fanart/list and …/fanart/{index}/file, DELETE …/images/{type}
 * and GET /images/random-backdrop. */
void sw_routes_images_register (SwRouter *router,
                                SwStore  *store);

G_END_DECLS

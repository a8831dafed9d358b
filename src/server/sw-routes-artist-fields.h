/* sw-routes-artist-fields.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist-service.h"
#include "sw-router.h"

G_BEGIN_DECLS

/* PATCH/DELETE /artists/{id}/fields/{field} and the display and edit fragments
 * (GET …/display, …/edit) of the 20 editable fields. Edits go through @service with
 * the source "manual". (GET …/providers belongs to the providers and stays 501.) */
void sw_routes_artist_fields_register (SwRouter        *router,
                                       SwArtistService *service);

G_END_DECLS

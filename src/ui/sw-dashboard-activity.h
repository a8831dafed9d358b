/* sw-dashboard-activity.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist.h"
#include "sw-events.h"

G_BEGIN_DECLS

/* How the dashboard's recent activity tells events: which it shows, with which icon
 * and sentence, and which of them merge into one entry. */

/* Events a burst of which becomes one entry share a key (every "artist.new" of a
 * scan; repeated edits of one field). NULL for an event the activity does not show
 * (changes a scan makes: the scan's own entry sums them up). */
char       *sw_dashboard_activity_key      (SwEvent  *event);
const char *sw_dashboard_activity_icon     (SwEvent  *event);
/* The artist the sentence names, or NULL. */
const char *sw_dashboard_activity_artist_id (SwEvent *event);
/* The sentence for @count merged events like @event; @artist is the one it names
 * (NULL when it no longer exists). */
char       *sw_dashboard_activity_describe (SwEvent  *event,
                                            SwArtist *artist,
                                            guint     count);

G_END_DECLS

/* sw-routes-artist-request.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sw-preferences.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* Reading requests and writing answers, shared by the artist, field, alias and history
 * routes. A function that returns NULL or FALSE "when it has answered" has already
 * sent the error envelope; the handler just returns. */

/* HX-Request: true — the web UI wants an HTML fragment instead of JSON. */
gboolean    sw_artist_request_is_htmx        (SwHttpMessage *msg);
/* Takes @html. */
void        sw_artist_request_respond_html   (SwHttpMessage *msg,
                                              guint          status,
                                              char          *html);
/* {"status": @status_text} with 200. */
void        sw_artist_request_respond_status (SwHttpMessage *msg,
                                              const char    *status_text);

/* A path parameter; NULL when it has answered (a segment that did not decode). */
const char *sw_artist_request_param          (SwHttpMessage *msg,
                                              GHashTable    *params,
                                              const char    *name);

/* The query string in order with repeated names kept: name, value, name, value, …
 * ('+' is a space). NULL when it has answered: a bad escape, an encoded NUL or text
 * that is not UTF-8. */
GPtrArray  *sw_artist_request_query          (SwHttpMessage *msg);

/* The body as a JSON object: application/json, or an urlencoded form (the web UI's),
 * whose fields become string members. NULL when it has answered: no or malformed body,
 * not an object, too large, an encoded NUL in a string, another content type. */
JsonObject *sw_artist_request_read_object    (SwHttpMessage *msg);
/* The body as any JSON document (arrays too), with the same checks. */
JsonNode   *sw_artist_request_read_json      (SwHttpMessage *msg);

/* A required string member; NULL when it has answered 400. */
const char *sw_artist_request_string_member  (SwHttpMessage *msg,
                                              JsonObject    *object,
                                              const char    *name);

/* 200 with the artist's contract JSON, read afresh (after a change). */
void        sw_artist_request_respond_artist (SwHttpMessage *msg,
                                              SwStore       *store,
                                              const char    *artist_id);

/* The caller's page_size preference (10–500), for lists whose size is not given. */
char       *sw_artist_request_page_size      (SwHttpMessage *msg,
                                              SwPreferences *preferences);

G_END_DECLS

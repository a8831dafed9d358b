/* sw-api-token.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SW_TYPE_API_TOKEN (sw_api_token_get_type ())

G_DECLARE_FINAL_TYPE (SwApiToken, sw_api_token, SW, API_TOKEN, GObject)

SwApiToken *sw_api_token_new              (void);
SwApiToken *sw_api_token_copy             (SwApiToken  *self);
gboolean    sw_api_token_equal            (SwApiToken  *a,
                                           SwApiToken  *b);
JsonNode   *sw_api_token_to_json          (SwApiToken  *self);
SwApiToken *sw_api_token_new_from_json    (JsonNode    *node,
                                           GError     **error);
gboolean    sw_api_token_update_from_json (SwApiToken  *self,
                                           JsonNode    *node,
                                           GError     **error);
const char *sw_api_token_get_token_hash   (SwApiToken  *self);
void        sw_api_token_set_token_hash   (SwApiToken  *self,
                                           const char  *token_hash);

G_END_DECLS

/* sw-alias.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SW_TYPE_ALIAS (sw_alias_get_type ())

G_DECLARE_FINAL_TYPE (SwAlias, sw_alias, SW, ALIAS, GObject)

SwAlias  *sw_alias_new              (void);
SwAlias  *sw_alias_copy             (SwAlias   *self);
gboolean  sw_alias_equal            (SwAlias   *a,
                                     SwAlias   *b);
JsonNode *sw_alias_to_json          (SwAlias   *self);
SwAlias  *sw_alias_new_from_json    (JsonNode  *node,
                                     GError   **error);
gboolean  sw_alias_update_from_json (SwAlias   *self,
                                     JsonNode  *node,
                                     GError   **error);

G_END_DECLS

/* sw-member.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SW_TYPE_MEMBER (sw_member_get_type ())

G_DECLARE_FINAL_TYPE (SwMember, sw_member, SW, MEMBER, GObject)

SwMember *sw_member_new              (void);
SwMember *sw_member_copy             (SwMember  *self);
gboolean  sw_member_equal            (SwMember  *a,
                                      SwMember  *b);
JsonNode *sw_member_to_json          (SwMember  *self);
SwMember *sw_member_new_from_json    (JsonNode  *node,
                                      GError   **error);
gboolean  sw_member_update_from_json (SwMember  *self,
                                      JsonNode  *node,
                                      GError   **error);

G_END_DECLS

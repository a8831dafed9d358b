/* sw-user.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SW_TYPE_USER (sw_user_get_type ())

G_DECLARE_FINAL_TYPE (SwUser, sw_user, SW, USER, GObject)

SwUser     *sw_user_new               (void);
SwUser     *sw_user_copy              (SwUser      *self);
gboolean    sw_user_equal             (SwUser      *a,
                                       SwUser      *b);
JsonNode   *sw_user_to_json           (SwUser      *self);
SwUser     *sw_user_new_from_json     (JsonNode    *node,
                                       GError     **error);
gboolean    sw_user_update_from_json  (SwUser      *self,
                                       JsonNode    *node,
                                       GError     **error);
const char *sw_user_get_password_hash (SwUser      *self);
void        sw_user_set_password_hash (SwUser      *self,
                                       const char  *password_hash);

G_END_DECLS

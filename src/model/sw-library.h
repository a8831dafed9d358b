/* sw-library.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SW_TYPE_LIBRARY (sw_library_get_type ())

G_DECLARE_FINAL_TYPE (SwLibrary, sw_library, SW, LIBRARY, GObject)

SwLibrary *sw_library_new              (void);
SwLibrary *sw_library_copy             (SwLibrary  *self);
gboolean   sw_library_equal            (SwLibrary  *a,
                                        SwLibrary  *b);
JsonNode  *sw_library_to_json          (SwLibrary  *self);
SwLibrary *sw_library_new_from_json    (JsonNode   *node,
                                        GError    **error);
gboolean   sw_library_update_from_json (SwLibrary  *self,
                                        JsonNode   *node,
                                        GError    **error);

G_END_DECLS

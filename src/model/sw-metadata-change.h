/* sw-metadata-change.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SW_TYPE_METADATA_CHANGE (sw_metadata_change_get_type ())

G_DECLARE_FINAL_TYPE (SwMetadataChange, sw_metadata_change, SW, METADATA_CHANGE, GObject)

SwMetadataChange *sw_metadata_change_new              (void);
SwMetadataChange *sw_metadata_change_copy             (SwMetadataChange  *self);
gboolean          sw_metadata_change_equal            (SwMetadataChange  *a,
                                                       SwMetadataChange  *b);
JsonNode         *sw_metadata_change_to_json          (SwMetadataChange  *self);
SwMetadataChange *sw_metadata_change_new_from_json    (JsonNode          *node,
                                                       GError           **error);
gboolean          sw_metadata_change_update_from_json (SwMetadataChange  *self,
                                                       JsonNode          *node,
                                                       GError           **error);

G_END_DECLS

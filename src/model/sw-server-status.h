/* sw-server-status.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SW_TYPE_SERVER_STATUS (sw_server_status_get_type ())

G_DECLARE_FINAL_TYPE (SwServerStatus, sw_server_status, SW, SERVER_STATUS, GObject)

SwServerStatus *sw_server_status_new               (void);
gboolean        sw_server_status_get_listening     (SwServerStatus *self);
const char     *sw_server_status_get_uri           (SwServerStatus *self);
const char     *sw_server_status_get_error_message (SwServerStatus *self);
void            sw_server_status_set_listening     (SwServerStatus *self,
                                                    const char     *uri);
void            sw_server_status_set_failed        (SwServerStatus *self,
                                                    const char     *error_message);
void            sw_server_status_set_stopped       (SwServerStatus *self);

G_END_DECLS

/* sw-runtime.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sw-artist-service.h"
#include "sw-events.h"
#include "sw-job-queue.h"
#include "sw-server-status.h"
#include "sw-store.h"

G_BEGIN_DECLS

#define SW_TYPE_RUNTIME (sw_runtime_get_type ())

G_DECLARE_FINAL_TYPE (SwRuntime, sw_runtime, SW, RUNTIME, GObject)

SwRuntime      *sw_runtime_new               (const char  *data_dir,
                                              const char  *listen_address,
                                              guint        port);
/* PEM files for HTTPS; both NULL (the default) serves plain HTTP. */
void            sw_runtime_set_tls_files     (SwRuntime   *self,
                                              const char  *cert_file,
                                              const char  *key_file);
gboolean        sw_runtime_open_store        (SwRuntime   *self,
                                              GError     **error);
gboolean        sw_runtime_start_server      (SwRuntime   *self,
                                              GError     **error);
void            sw_runtime_stop              (SwRuntime   *self);
/* Stops the server (if running) and starts it again on @listen_address and @port,
 * e.g. after the preferences changed. A failure (a busy port) leaves the server
 * stopped and is also the server status's error message. */
gboolean        sw_runtime_restart_server    (SwRuntime   *self,
                                              const char  *listen_address,
                                              guint        port,
                                              GError     **error);
const char     *sw_runtime_get_listen_address (SwRuntime  *self);
guint           sw_runtime_get_port          (SwRuntime   *self);
const char     *sw_runtime_get_data_dir      (SwRuntime   *self);
SwServerStatus *sw_runtime_get_server_status (SwRuntime   *self);
SwStore        *sw_runtime_get_store         (SwRuntime   *self);
SwEvents       *sw_runtime_get_events        (SwRuntime   *self);
SwJobQueue     *sw_runtime_get_jobs          (SwRuntime   *self);
SwArtistService *sw_runtime_get_artist_service (SwRuntime *self);

G_END_DECLS

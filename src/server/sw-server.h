/* sw-server.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sw-events.h"
#include "sw-job-queue.h"
#include "sw-router.h"
#include "sw-store.h"

G_BEGIN_DECLS

#define SW_SERVER_ERROR (sw_server_error_quark ())

typedef enum
{
  SW_SERVER_ERROR_INVALID_ADDRESS,
  SW_SERVER_ERROR_ADDRESS_IN_USE,
  SW_SERVER_ERROR_FAILED,
} SwServerError;

#define SW_TYPE_SERVER (sw_server_get_type ())

G_DECLARE_FINAL_TYPE (SwServer, sw_server, SW, SERVER, GObject)

GQuark      sw_server_error_quark      (void);
SwServer   *sw_server_new              (const char  *listen_address,
                                        guint        port,
                                        SwStore     *store);
void        sw_server_set_events       (SwServer    *self,
                                        SwEvents    *events);
void        sw_server_set_jobs         (SwServer    *self,
                                        SwJobQueue  *jobs);
void        sw_server_set_tls_certificate (SwServer        *self,
                                           GTlsCertificate *certificate);
gboolean    sw_server_start            (SwServer    *self,
                                        GError     **error);
/* Graceful: new connections are refused, event streams end, and requests in flight
 * finish (for at most 5 s) before connections close. */
void        sw_server_stop             (SwServer    *self);
gboolean    sw_server_is_running       (SwServer    *self);
/* Requests being answered right now (their headers have arrived). */
guint       sw_server_get_n_in_flight  (SwServer    *self);
guint       sw_server_get_port         (SwServer    *self);
char       *sw_server_dup_api_uri      (SwServer    *self);
/* The route registry, e.g. for tests that visit every route. */
SwRouter   *sw_server_get_router       (SwServer    *self);

G_END_DECLS

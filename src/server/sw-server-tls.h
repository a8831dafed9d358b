/* sw-server-tls.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Loads a PEM certificate and its key for HTTPS and checks that they belong together;
 * every error names the file at fault. */
GTlsCertificate *sw_server_tls_load (const char  *cert_file,
                                     const char  *key_file,
                                     GError     **error);

G_END_DECLS

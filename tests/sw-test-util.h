/* sw-test-util.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char      *sw_test_make_temp_dir        (void);
void       sw_test_remove_tree          (const char  *path);
guint      sw_test_find_free_port       (void);

/* A blocking GET with a real SoupSession. Returns the parsed body (NULL when it is
 * not JSON) and stores the HTTP status. */
JsonNode  *sw_test_http_get_json        (const char  *url,
                                         guint       *status,
                                         char       **allow_header);
gboolean   sw_test_wait_for_http        (const char  *url,
                                         guint        timeout_ms);

const char *sw_test_stillwater_binary   (void);
GSubprocess *sw_test_spawn_stillwater   (const char * const *args,
                                         const char * const *env_overrides,
                                         GSubprocessFlags     flags);
int        sw_test_terminate            (GSubprocess *process,
                                         int          signal_number);

G_END_DECLS

/* sw-routes-health.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-build-info.h"
#include "sw-http.h"
#include "sw-routes-health.h"
#include "sw-time.h"

static void
get_health (SwHttpMessage *msg,
            GHashTable    *params,
            gpointer       user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *now = sw_time_now_rfc3339 ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ok");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, sw_build_info_version ());
  json_builder_set_member_name (builder, "commit");
  json_builder_add_string_value (builder, sw_build_info_commit ());
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, now);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

void
sw_routes_health_register (SwRouter *router)
{
  sw_router_add (router, SOUP_METHOD_GET, "/health", "Health", "Health check", get_health, NULL);
}

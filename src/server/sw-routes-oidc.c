/* sw-routes-oidc.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-http.h"
#include "sw-routes-oidc.h"

/* Single sign-on is not built yet. Until it is, these routes say plainly why they
 * cannot help: 404 when no OpenID Connect provider is configured (the contract's answer
 * for that), 501 when one is. They never redirect: a redirect to a provider we cannot
 * talk to, or back to the app as if sign-in had happened, would only mislead. */

/* Configured as the login page will decide it: enabled, with an issuer and a client id. */
static gboolean
oidc_configured (SwSettings *settings)
{
  g_autofree char *issuer = NULL;
  g_autofree char *client_id = NULL;

  if (!sw_settings_get_boolean (settings, "auth.providers.oidc.enabled"))
    return FALSE;

  issuer = sw_settings_get (settings, "auth.providers.oidc.issuer_url");
  client_id = sw_settings_get (settings, "auth.providers.oidc.client_id");
  return issuer != NULL && *g_strstrip (issuer) != '\0' &&
         client_id != NULL && *g_strstrip (client_id) != '\0';
}

static void
oidc_unavailable (SwHttpMessage *msg,
                  GHashTable    *params,
                  gpointer       user_data)
{
  SwSettings *settings = user_data;

  if (!oidc_configured (settings))
    {
      sw_http_respond_error (msg, SOUP_STATUS_NOT_FOUND,
                             _("OpenID Connect (OIDC) sign-in is not configured"));
      return;
    }

  /* Same body as every operation that is not built yet. */
  sw_http_respond_error (msg, SOUP_STATUS_NOT_IMPLEMENTED, "not implemented");
}

void
sw_routes_oidc_register (SwRouter   *router,
                         SwSettings *settings)
{
  g_object_set_data_full (G_OBJECT (router), "sw-oidc-routes", g_object_ref (settings),
                          g_object_unref);

  sw_router_add (router, SOUP_METHOD_GET, "/auth/oidc/login", NULL, NULL, oidc_unavailable,
                 settings);
  sw_router_add (router, SOUP_METHOD_GET, "/auth/oidc/callback", NULL, NULL, oidc_unavailable,
                 settings);
}

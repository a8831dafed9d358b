/* sw-auth-guard.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <sys/random.h>

#include "sw-auth-guard.h"
#include "sw-contract-operations.h"
#include "sw-http.h"
#include "sw-user-private.h"

#define CONTEXT_KEY "sw-auth-context"

static void
sw_auth_context_free (SwAuthContext *context)
{
  g_clear_object (&context->user);
  g_free (context->token_id);
  g_free (context);
}

SwAuthContext *
sw_auth_context_get (SwHttpMessage *msg)
{
  return sw_http_message_get_data (msg, CONTEXT_KEY);
}

gboolean
sw_auth_constant_time_equal (const char *a,
                             const char *b)
{
  gsize length_a = a ? strlen (a) : 0;
  gsize length_b = b ? strlen (b) : 0;
  guint8 difference = length_a != length_b;

  if (a == NULL || b == NULL)
    return FALSE;

  for (gsize i = 0; i < length_a && i < length_b; i++)
    difference |= (guint8) (a[i] ^ b[i]);
  return difference == 0;
}

/* libsoup 3.2 parses cookies only from a client-side SoupMessage, so the Cookie
 * header ("a=1; b=2") is split here. */
char *
sw_auth_request_cookie (SwHttpMessage *msg,
                        const char    *name)
{
  const char *header = soup_message_headers_get_list (
    sw_http_message_get_request_headers (msg), "Cookie");
  g_auto(GStrv) pairs = NULL;
  gsize name_length = strlen (name);

  if (header == NULL)
    return NULL;

  pairs = g_strsplit (header, ";", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *pair = pairs[i];

      while (*pair == ' ' || *pair == '\t')
        pair++;
      if (strncmp (pair, name, name_length) == 0 && pair[name_length] == '=')
        return g_strstrip (g_strdup (pair + name_length + 1));
    }
  return NULL;
}

void
sw_auth_ensure_csrf_cookie (SwHttpMessage *msg)
{
  g_autofree char *existing = sw_auth_request_cookie (msg, "csrf_token");
  g_autofree char *header = NULL;
  static const char hex[] = "0123456789abcdef";
  guint8 random[24];
  char token[2 * sizeof random + 1];

  if (existing != NULL && existing[0] != '\0')
    return;

  if (getrandom (random, sizeof random, 0) != sizeof random)
    return;
  /* Every request without the cookie gets one: no printf per byte. */
  for (guint i = 0; i < sizeof random; i++)
    {
      token[2 * i] = hex[random[i] >> 4];
      token[2 * i + 1] = hex[random[i] & 0xf];
    }
  token[2 * sizeof random] = '\0';

  /* Readable by the page's script (not HttpOnly): it is echoed in X-CSRF-Token. */
  header = g_strconcat ("csrf_token=", token, "; Path=/; ",
                        sw_http_message_is_tls (msg) ? "Secure; " : "", "SameSite=Lax", NULL);
  soup_message_headers_append (sw_http_message_get_response_headers (msg),
                               "Set-Cookie", header);
}

static gboolean
is_safe_method (const char *method)
{
  return g_str_equal (method, SOUP_METHOD_GET) || g_str_equal (method, SOUP_METHOD_HEAD) ||
         g_str_equal (method, SOUP_METHOD_OPTIONS);
}

static char *
bearer_token (SwHttpMessage *msg)
{
  const char *header = soup_message_headers_get_one (
    sw_http_message_get_request_headers (msg), "Authorization");

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return NULL;
  return g_strstrip (g_strdup (header + 7));
}

static char *
apikey_parameter (SwHttpMessage *msg)
{
  const char *query = g_uri_get_query (sw_http_message_get_uri (msg));
  g_autoptr(GHashTable) form = NULL;
  const char *value;

  if (query == NULL)
    return NULL;
  form = soup_form_decode (query);
  value = g_hash_table_lookup (form, "apikey");
  return value != NULL ? g_strdup (value) : NULL;
}

static gboolean
refuse (SwHttpMessage *msg,
        guint          status,
        const char    *message)
{
  if (status == SOUP_STATUS_UNAUTHORIZED)
    soup_message_headers_replace (sw_http_message_get_response_headers (msg),
                                  "WWW-Authenticate", "Bearer realm=\"stillwater\"");
  sw_http_respond_error (msg, status, message);
  return FALSE;
}

/* Establishes who is calling; NULL (with nothing answered) when nobody is. */
static SwAuthContext *
authenticate (SwHttpMessage *msg,
              SwStore       *store)
{
  g_autofree char *token = bearer_token (msg);
  g_autofree char *session = NULL;
  g_autoptr(GError) error = NULL;
  SwAuthContext *context = g_new0 (SwAuthContext, 1);

  if (token == NULL)
    token = apikey_parameter (msg);

  if (token != NULL)
    {
      context->user = sw_auth_validate_token (store, token, &context->scopes,
                                              &context->token_id, &error);
    }
  else if ((session = sw_auth_request_cookie (msg, "session")) != NULL)
    {
      context->user = sw_auth_validate_session (store, session, &error);
      context->via_session = TRUE;
      /* A session may do whatever its user may do. */
      context->scopes = SW_SCOPE_READ | SW_SCOPE_WRITE | SW_SCOPE_WEBHOOK | SW_SCOPE_ADMIN;
    }

  if (context->user == NULL)
    {
      sw_auth_context_free (context);
      return NULL;
    }
  return context;
}

gboolean
sw_auth_guard (SwHttpMessage     *msg,
               const SwRouteInfo *info,
               gpointer           user_data)
{
  SwStore *store = user_data;
  SwAuthContext *context;
  const char *method = sw_http_message_get_method (msg);
  gboolean safe = is_safe_method (method);
  gboolean is_admin;

  sw_auth_ensure_csrf_cookie (msg);

  if (info->flags & SW_OPERATION_PUBLIC)
    return TRUE;

  context = store != NULL ? authenticate (msg, store) : NULL;
  if (context == NULL)
    return refuse (msg, SOUP_STATUS_UNAUTHORIZED, _("Authentication required"));
  sw_http_message_set_data (msg, CONTEXT_KEY, context, (GDestroyNotify) sw_auth_context_free);

  /* Cookies are sent by browsers on their own, so a cookie-authenticated change must
   * prove it comes from our page: the csrf_token cookie echoed in a header. */
  if (context->via_session && !safe)
    {
      g_autofree char *cookie = sw_auth_request_cookie (msg, "csrf_token");
      const char *header = soup_message_headers_get_one (
        sw_http_message_get_request_headers (msg), "X-CSRF-Token");

      if (cookie == NULL || !sw_auth_constant_time_equal (cookie, header))
        return refuse (msg, SOUP_STATUS_FORBIDDEN, _("Missing or wrong CSRF token"));
    }

  if (g_str_has_prefix (info->path, "/webhooks/inbound/"))
    {
      if (!(context->scopes & (SW_SCOPE_WEBHOOK | SW_SCOPE_ADMIN)))
        return refuse (msg, SOUP_STATUS_FORBIDDEN, _("This token lacks the webhook scope"));
    }
  else if (!(context->scopes & (safe ? SW_SCOPE_READ | SW_SCOPE_WRITE | SW_SCOPE_ADMIN
                                     : SW_SCOPE_WRITE | SW_SCOPE_ADMIN)))
    return refuse (msg, SOUP_STATUS_FORBIDDEN,
                   safe ? _("This token lacks the read scope")
                        : _("This token lacks the write scope"));

  is_admin = g_strcmp0 (context->user->role, "administrator") == 0;
  if ((info->flags & SW_OPERATION_ADMIN) && !is_admin)
    return refuse (msg, SOUP_STATUS_FORBIDDEN, _("Only administrators may do this"));

  return TRUE;
}

/* sw-router.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-http.h"
#include "sw-router.h"

/* Routes are registered before the server starts and only read afterwards, from the
 * server thread, so the table needs no lock. */

typedef struct
{
  SwRouteInfo info;             /* points into the fields below */
  char *method;
  char *path_template;
  char **segments;
  guint n_segments;
  char *tag;
  char *summary;
  char *operation_id;
  SwRouteHandler handler;
  gpointer user_data;
} SwRoute;

struct _SwRouter
{
  GObject parent_instance;

  char *prefix;
  GPtrArray *routes;
  SwRouteGuard guard;
  gpointer guard_data;
};

G_DEFINE_FINAL_TYPE (SwRouter, sw_router, G_TYPE_OBJECT)

static void
sw_route_free (SwRoute *route)
{
  g_free (route->method);
  g_free (route->path_template);
  g_strfreev (route->segments);
  g_free (route->tag);
  g_free (route->summary);
  g_free (route->operation_id);
  g_free (route);
}

static char **
split_path (const char *path,
            guint      *n_segments)
{
  g_auto(GStrv) segments = NULL;

  g_assert (path[0] == '/');

  segments = g_strsplit (path + 1, "/", -1);
  *n_segments = g_strv_length (segments);
  return g_steal_pointer (&segments);
}

static gboolean
is_parameter (const char *segment)
{
  gsize length = strlen (segment);

  return length > 2 && segment[0] == '{' && segment[length - 1] == '}';
}

static void
sw_router_finalize (GObject *object)
{
  SwRouter *self = (SwRouter *)object;

  g_clear_pointer (&self->prefix, g_free);
  g_clear_pointer (&self->routes, g_ptr_array_unref);

  G_OBJECT_CLASS (sw_router_parent_class)->finalize (object);
}

static void
sw_router_class_init (SwRouterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sw_router_finalize;
}

static void
sw_router_init (SwRouter *self)
{
  self->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_route_free);
}

SwRouter *
sw_router_new (const char *prefix)
{
  SwRouter *self;

  g_return_val_if_fail (prefix != NULL && prefix[0] == '/', NULL);

  self = g_object_new (SW_TYPE_ROUTER, NULL);
  self->prefix = g_strdup (prefix);
  return self;
}

static void
answer_not_implemented (SwHttpMessage *msg,
                        GHashTable    *params,
                        gpointer       user_data)
{
  sw_http_respond_error (msg, SOUP_STATUS_NOT_IMPLEMENTED, "not implemented");
}

static SwRoute *
find_route (SwRouter   *self,
            const char *method,
            const char *path_template)
{
  for (guint i = 0; i < self->routes->len; i++)
    {
      SwRoute *route = g_ptr_array_index (self->routes, i);

      if (g_str_equal (route->method, method) && g_str_equal (route->path_template, path_template))
        return route;
    }
  return NULL;
}

static SwRoute *
register_route (SwRouter   *self,
                const char *method,
                const char *path_template)
{
  SwRoute *route = find_route (self, method, path_template);

  if (route == NULL)
    {
      route = g_new0 (SwRoute, 1);
      route->method = g_strdup (method);
      route->path_template = g_strdup (path_template);
      route->segments = split_path (path_template, &route->n_segments);
      route->info.method = route->method;
      route->info.path = route->path_template;
      g_ptr_array_add (self->routes, route);
    }
  return route;
}

static void
set_text (char       **field,
          const char **info_field,
          const char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = g_strdup (value);
  *info_field = *field;
}

void
sw_router_add_unimplemented (SwRouter   *self,
                             const char *method,
                             const char *path_template,
                             const char *tag,
                             const char *summary,
                             const char *operation_id,
                             guint       flags)
{
  SwRoute *route;

  g_return_if_fail (SW_IS_ROUTER (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path_template != NULL && path_template[0] == '/');

  /* The contract's description fills in a route that is already built, too. */
  route = register_route (self, method, path_template);
  set_text (&route->tag, &route->info.tag, tag);
  set_text (&route->summary, &route->info.summary, summary);
  set_text (&route->operation_id, &route->info.operation_id, operation_id);
  route->info.flags = flags;
  if (route->info.implemented)
    return;

  route->handler = answer_not_implemented;
  route->user_data = NULL;
}

/* Adds a built route, or builds one the contract table registered as 501; the
 * contract's operation id and flags stay. */
void
sw_router_add (SwRouter       *self,
               const char     *method,
               const char     *path_template,
               const char     *tag,
               const char     *summary,
               SwRouteHandler  handler,
               gpointer        user_data)
{
  SwRoute *route;

  g_return_if_fail (SW_IS_ROUTER (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path_template != NULL && path_template[0] == '/');
  g_return_if_fail (handler != NULL);

  route = register_route (self, method, path_template);
  set_text (&route->tag, &route->info.tag, tag);
  set_text (&route->summary, &route->info.summary, summary);
  route->info.implemented = TRUE;
  route->handler = handler;
  route->user_data = user_data;
}

void
sw_router_foreach (SwRouter        *self,
                   SwRouteInfoFunc  func,
                   gpointer         user_data)
{
  g_return_if_fail (SW_IS_ROUTER (self));

  for (guint i = 0; i < self->routes->len; i++)
    func (&((SwRoute *) g_ptr_array_index (self->routes, i))->info, user_data);
}

const char *
sw_router_get_prefix (SwRouter *self)
{
  g_return_val_if_fail (SW_IS_ROUTER (self), NULL);

  return self->prefix;
}

void
sw_router_set_guard (SwRouter     *self,
                     SwRouteGuard  guard,
                     gpointer      user_data)
{
  g_return_if_fail (SW_IS_ROUTER (self));

  self->guard = guard;
  self->guard_data = user_data;
}

guint
sw_router_get_n_routes (SwRouter *self)
{
  g_return_val_if_fail (SW_IS_ROUTER (self), 0);

  return self->routes->len;
}

/* Returns how many literal segments matched (a better match has more), or -1. */
static int
match_route (const SwRoute *route,
             char         **segments,
             guint          n_segments)
{
  int literal_matches = 0;

  if (route->n_segments != n_segments)
    return -1;

  for (guint i = 0; i < n_segments; i++)
    {
      if (is_parameter (route->segments[i]))
        {
          if (segments[i][0] == '\0')
            return -1;
        }
      else if (g_strcmp0 (route->segments[i], segments[i]) == 0)
        literal_matches++;
      else
        return -1;
    }

  return literal_matches;
}

static GHashTable *
collect_parameters (const SwRoute *route,
                    char         **segments)
{
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < route->n_segments; i++)
    {
      const char *segment = route->segments[i];

      if (is_parameter (segment))
        g_hash_table_insert (params,
                             g_strndup (segment + 1, strlen (segment) - 2),
                             g_uri_unescape_string (segments[i], NULL));
    }

  return params;
}

void
sw_router_dispatch (SwRouter      *self,
                    SwHttpMessage *msg)
{
  const char *path;
  const char *method;
  g_auto(GStrv) segments = NULL;
  g_autoptr(GString) allowed = NULL;
  g_autoptr(GHashTable) params = NULL;
  const SwRoute *best = NULL;
  int best_score = -1;
  guint n_segments;
  gsize prefix_length;

  g_return_if_fail (SW_IS_ROUTER (self));
  g_return_if_fail (msg != NULL);

  path = g_uri_get_path (sw_http_message_get_uri (msg));
  method = sw_http_message_get_method (msg);
  /* HEAD is answered by the GET handler; the HTTP core drops the body. */
  if (g_strcmp0 (method, SOUP_METHOD_HEAD) == 0)
    method = SOUP_METHOD_GET;

  prefix_length = strlen (self->prefix);
  if (!g_str_has_prefix (path, self->prefix) || path[prefix_length] != '/')
    {
      sw_http_respond_error (msg, SOUP_STATUS_NOT_FOUND, _("Not found"));
      return;
    }

  segments = split_path (path + prefix_length, &n_segments);
  allowed = g_string_new (NULL);

  for (guint i = 0; i < self->routes->len; i++)
    {
      const SwRoute *route = g_ptr_array_index (self->routes, i);
      int score = match_route (route, segments, n_segments);

      if (score < 0)
        continue;

      if (g_strcmp0 (route->method, method) != 0)
        {
          if (strstr (allowed->str, route->method) == NULL)
            g_string_append_printf (allowed, "%s%s", allowed->len ? ", " : "", route->method);
          continue;
        }

      if (score > best_score)
        {
          best = route;
          best_score = score;
        }
    }

  if (best != NULL)
    {
      if (self->guard != NULL && !self->guard (msg, &best->info, self->guard_data))
        return;
      params = collect_parameters (best, segments);
      best->handler (msg, params, best->user_data);
      return;
    }

  if (allowed->len > 0)
    {
      soup_message_headers_replace (sw_http_message_get_response_headers (msg),
                                    "Allow", allowed->str);
      sw_http_respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Method not allowed"));
      return;
    }

  sw_http_respond_error (msg, SOUP_STATUS_NOT_FOUND, _("Not found"));
}

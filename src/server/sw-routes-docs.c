/* sw-routes-docs.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-contract-operations.h"
#include "sw-http.h"
#include "sw-routes-docs.h"

/* Routes grouped by path, in registration order, for the "paths" object. */
typedef struct
{
  GPtrArray *paths;        /* char*, first-seen order */
  GHashTable *by_path;     /* path → GPtrArray of const SwRouteInfo* */
} Grouping;

static void
group_route (const SwRouteInfo *info,
             gpointer           user_data)
{
  Grouping *grouping = user_data;
  GPtrArray *routes = g_hash_table_lookup (grouping->by_path, info->path);

  if (routes == NULL)
    {
      routes = g_ptr_array_new ();
      g_hash_table_insert (grouping->by_path, (gpointer) info->path, routes);
      g_ptr_array_add (grouping->paths, (gpointer) info->path);
    }
  g_ptr_array_add (routes, (gpointer) info);
}

static void
append_quoted (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_path_parameters (GString    *out,
                        const char *path)
{
  gboolean first = TRUE;

  for (const char *p = strchr (path, '{'); p != NULL; p = strchr (p + 1, '{'))
    {
      const char *end = strchr (p, '}');

      if (end == NULL)
        break;
      if (first)
        g_string_append (out, "      parameters:\n");
      first = FALSE;
      g_string_append_printf (out,
                              "        - name: %.*s\n"
                              "          in: path\n"
                              "          required: true\n"
                              "          schema:\n"
                              "            type: string\n",
                              (int) (end - p - 1), p + 1);
    }
}

static void
append_operation (GString           *out,
                  const SwRouteInfo *info)
{
  g_autofree char *method = g_ascii_strdown (info->method, -1);

  g_string_append_printf (out, "    %s:\n      tags: [", method);
  append_quoted (out, info->tag ? info->tag : "Other");
  g_string_append (out, "]\n      summary: ");
  append_quoted (out, info->summary);
  g_string_append_c (out, '\n');
  if (info->operation_id != NULL)
    g_string_append_printf (out, "      operationId: %s\n", info->operation_id);
  if (info->flags & SW_OPERATION_PUBLIC)
    g_string_append (out, "      security: []\n");
  append_path_parameters (out, info->path);
  g_string_append_printf (out, "      x-implemented: %s\n",
                          info->implemented ? "true" : "false");
  if (info->implemented)
    g_string_append (out, "      responses:\n"
                          "        \"200\":\n"
                          "          description: Success\n"
                          "        default:\n"
                          "          $ref: \"#/components/responses/Error\"\n");
  else
    g_string_append (out, "      responses:\n"
                          "        \"501\":\n"
                          "          $ref: \"#/components/responses/Error\"\n");
}

char *
sw_routes_docs_render_openapi (SwRouter *router)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(GHashTable) by_path = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  Grouping grouping = { paths, by_path };

  g_return_val_if_fail (SW_IS_ROUTER (router), NULL);

  sw_router_foreach (router, group_route, &grouping);

  g_string_append_printf (out,
    "openapi: 3.1.0\n"
    "info:\n"
    "  title: Stillwater API\n"
    "  version: %s\n"
    "  description: >-\n"
    "    The REST API of this Stillwater server, generated from its own route table.\n"
    "    Operations with x-implemented false are part of the API but not built yet;\n"
    "    they answer 501.\n"
    "servers:\n"
    "  - url: %s\n"
    "security:\n"
    "  - cookieAuth: []\n"
    "  - bearerAuth: []\n"
    "  - apiKeyAuth: []\n"
    "paths:\n", PACKAGE_VERSION, sw_router_get_prefix (router));

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      GPtrArray *routes = g_hash_table_lookup (by_path, path);

      g_string_append (out, "  ");
      append_quoted (out, path);
      g_string_append (out, ":\n");
      for (guint j = 0; j < routes->len; j++)
        append_operation (out, g_ptr_array_index (routes, j));
    }

  g_string_append (out,
    "components:\n"
    "  securitySchemes:\n"
    "    cookieAuth:\n"
    "      type: apiKey\n"
    "      in: cookie\n"
    "      name: session\n"
    "    bearerAuth:\n"
    "      type: http\n"
    "      scheme: bearer\n"
    "    apiKeyAuth:\n"
    "      type: apiKey\n"
    "      in: query\n"
    "      name: apikey\n"
    "  responses:\n"
    "    Error:\n"
    "      description: An error\n"
    "      content:\n"
    "        application/json:\n"
    "          schema:\n"
    "            type: object\n"
    "            required: [error]\n"
    "            properties:\n"
    "              error:\n"
    "                type: string\n"
    "              details:\n"
    "                type: array\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
get_openapi (SwHttpMessage *msg,
             GHashTable    *params,
             gpointer       user_data)
{
  char *yaml = sw_routes_docs_render_openapi (user_data);

  sw_http_respond_text (msg, SOUP_STATUS_OK, "application/yaml", yaml);
}

typedef struct
{
  GString *html;
  const char *current_tag;
  guint built;
  guint total;
} Page;

static void
append_row (const SwRouteInfo *info,
            gpointer           user_data)
{
  Page *page = user_data;
  g_autofree char *path = g_markup_escape_text (info->path, -1);
  g_autofree char *summary = g_markup_escape_text (info->summary ? info->summary : "", -1);

  if (g_strcmp0 (page->current_tag, info->tag) != 0)
    {
      g_autofree char *tag = g_markup_escape_text (info->tag ? info->tag : "Other", -1);

      g_string_append_printf (page->html, "%s<h2>%s</h2>\n<table>\n",
                              page->current_tag ? "</table>\n" : "", tag);
      page->current_tag = info->tag;
    }

  g_string_append_printf (page->html,
                          "<tr><td class=\"m\">%s</td><td><code>%s</code></td><td>%s</td>"
                          "<td class=\"%s\">%s</td></tr>\n",
                          info->method, path, summary,
                          info->implemented ? "ok" : "no",
                          info->implemented ? _("available") : _("not built yet (501)"));
  page->total++;
  page->built += info->implemented;
}

static void
get_docs_page (SwHttpMessage *msg,
               GHashTable    *params,
               gpointer       user_data)
{
  SwRouter *router = user_data;
  Page page = { g_string_new (NULL), NULL, 0, 0 };
  g_autofree char *intro = NULL;
  g_autofree char *intro_html = NULL;
  g_autofree char *title = g_markup_escape_text (_("Stillwater API"), -1);
  char *document;

  sw_router_foreach (router, append_row, &page);
  if (page.current_tag != NULL)
    g_string_append (page.html, "</table>\n");

  intro = g_strdup_printf (_("Base address %s. %u of %u operations are available. The "
                             "machine-readable description is at docs/openapi.yaml."),
                           sw_router_get_prefix (router), page.built, page.total);
  intro_html = g_markup_escape_text (intro, -1);

  document = g_strdup_printf (
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<title>%s</title>\n<style>\n"
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}\n"
    "table{border-collapse:collapse;width:100%%}td{padding:.2em .5em;"
    "border-bottom:1px solid #ddd;vertical-align:top}\n"
    ".m{font-weight:bold;width:5em}.ok{color:#26a269}.no{color:#9a9996}\n"
    "</style>\n</head>\n<body>\n<h1>%s</h1>\n<p>%s</p>\n%s</body>\n</html>\n",
    title, title, intro_html, page.html->str);

  g_string_free (page.html, TRUE);
  sw_http_respond_text (msg, SOUP_STATUS_OK, "text/html; charset=utf-8", document);
}

void
sw_routes_docs_register (SwRouter *router)
{
  sw_router_add (router, SOUP_METHOD_GET, "/docs", "Docs",
                 "Readable list of this server's API operations", get_docs_page, router);
  sw_router_add (router, SOUP_METHOD_GET, "/docs/openapi.yaml", "Docs",
                 "OpenAPI description of this server's API", get_openapi, router);
}

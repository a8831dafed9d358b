/* test-flatpak-manifest.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Checks the Flatpak manifest in flatpak/ for the things the project relies
 * on: the right application id, runtime and command, a small sandbox (no
 * direct file system or Secret Service access; music folders come through the
 * file chooser portal and secrets through the Secret portal) and the
 * application itself being built with meson as the last module.
 */

#include <glib.h>
#include <json-glib/json-glib.h>

#ifndef SW_FLATPAK_MANIFEST
#error "SW_FLATPAK_MANIFEST must be defined to the path of the Flatpak manifest"
#endif

#ifndef SW_APP_ID
#error "SW_APP_ID must be defined to the application id"
#endif

/* Parses the manifest and returns its root node, which must be an object. */
static JsonNode *
load_manifest (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_file (parser, SW_FLATPAK_MANIFEST, &error);
  g_assert_no_error (error);

  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  /* The copy shares the (reference counted) object, so it outlives the
   * parser. */
  return json_node_copy (root);
}

/* Returns the string value of @member, or NULL when @member is missing or is
 * not a string. */
static const char *
get_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* Returns the array value of @member; fails the test when it is missing or
 * not an array. */
static JsonArray *
get_array_member (JsonObject *object,
                  const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));

  return json_node_get_array (node);
}

/* Collects finish-args as borrowed strings; every element must be a
 * string. */
static GPtrArray *
get_finish_args (JsonObject *manifest)
{
  JsonArray *array = get_array_member (manifest, "finish-args");
  GPtrArray *args = g_ptr_array_new ();
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      g_assert_true (JSON_NODE_HOLDS_VALUE (node));
      g_assert_cmpuint (json_node_get_value_type (node), ==, G_TYPE_STRING);
      g_ptr_array_add (args, (gpointer) json_node_get_string (node));
    }

  return args;
}

static gboolean
args_contain (GPtrArray  *args,
              const char *arg)
{
  for (guint i = 0; i < args->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (args, i), arg) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_manifest_parses (void)
{
  g_autoptr(JsonNode) root = load_manifest ();
  JsonObject *manifest = json_node_get_object (root);
  JsonArray *modules;

  modules = get_array_member (manifest, "modules");
  g_assert_cmpuint (json_array_get_length (modules), >, 0);

  /* finish-args is checked in detail below, but it has to be there. */
  get_array_member (manifest, "finish-args");
}

static void
test_manifest_app_id (void)
{
  g_autoptr(JsonNode) root = load_manifest ();
  JsonObject *manifest = json_node_get_object (root);
  const char *app_id;

  /* flatpak-builder accepts both spellings; "app-id" is the older one. */
  app_id = get_string_member (manifest, "app-id");
  if (app_id == NULL)
    app_id = get_string_member (manifest, "id");

  g_assert_nonnull (app_id);
  g_assert_cmpstr (app_id, ==, SW_APP_ID);
}

static void
test_manifest_command (void)
{
  g_autoptr(JsonNode) root = load_manifest ();
  JsonObject *manifest = json_node_get_object (root);

  g_assert_cmpstr (get_string_member (manifest, "command"), ==, "stillwater");
}

static void
test_manifest_runtime (void)
{
  g_autoptr(JsonNode) root = load_manifest ();
  JsonObject *manifest = json_node_get_object (root);
  const char *runtime_version;

  g_assert_cmpstr (get_string_member (manifest, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (get_string_member (manifest, "sdk"), ==, "org.gnome.Sdk");

  runtime_version = get_string_member (manifest, "runtime-version");
  g_assert_nonnull (runtime_version);
  g_assert_cmpstr (runtime_version, !=, "");
}

static void
test_finish_args_required (void)
{
  g_autoptr(JsonNode) root = load_manifest ();
  g_autoptr(GPtrArray) args = get_finish_args (json_node_get_object (root));
  const char *required[] = {
    "--share=network",     /* providers, media servers and the REST API */
    "--socket=wayland",
    "--socket=fallback-x11",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
    {
      if (!args_contain (args, required[i]))
        g_test_fail_printf ("finish-args lacks %s", required[i]);
    }
}

static void
test_finish_args_forbidden (void)
{
  g_autoptr(JsonNode) root = load_manifest ();
  g_autoptr(GPtrArray) args = get_finish_args (json_node_get_object (root));

  for (guint i = 0; i < args->len; i++)
    {
      const char *arg = g_ptr_array_index (args, i);

      /* Music folders are granted through the file chooser portal. */
      if (g_str_has_prefix (arg, "--filesystem"))
        g_test_fail_printf ("finish-args grants file system access: %s", arg);

      /* Credentials go through the Secret portal, not the host keyring. */
      if (g_strcmp0 (arg, "--talk-name=org.freedesktop.secrets") == 0)
        g_test_fail_printf ("finish-args talks to the host keyring: %s", arg);

      /* fallback-x11 already covers X11 sessions. */
      if (g_strcmp0 (arg, "--socket=x11") == 0)
        g_test_fail_printf ("finish-args uses %s instead of --socket=fallback-x11", arg);

      for (guint j = i + 1; j < args->len; j++)
        {
          if (g_strcmp0 (arg, g_ptr_array_index (args, j)) == 0)
            g_test_fail_printf ("finish-args lists %s twice", arg);
        }
    }
}

static void
test_app_module (void)
{
  g_autoptr(JsonNode) root = load_manifest ();
  JsonObject *manifest = json_node_get_object (root);
  JsonArray *modules = get_array_member (manifest, "modules");
  JsonNode *last;
  JsonObject *module;
  JsonArray *sources;
  guint n;

  n = json_array_get_length (modules);
  g_assert_cmpuint (n, >, 0);

  /* The application is built last, after any dependencies it bundles. */
  last = json_array_get_element (modules, n - 1);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (last));
  module = json_node_get_object (last);

  g_assert_cmpstr (get_string_member (module, "name"), ==, "stillwater");
  g_assert_cmpstr (get_string_member (module, "buildsystem"), ==, "meson");

  sources = get_array_member (module, "sources");
  g_assert_cmpuint (json_array_get_length (sources), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flatpak-manifest/parses", test_manifest_parses);
  g_test_add_func ("/flatpak-manifest/app-id", test_manifest_app_id);
  g_test_add_func ("/flatpak-manifest/command", test_manifest_command);
  g_test_add_func ("/flatpak-manifest/runtime", test_manifest_runtime);
  g_test_add_func ("/flatpak-manifest/finish-args/required", test_finish_args_required);
  g_test_add_func ("/flatpak-manifest/finish-args/forbidden", test_finish_args_forbidden);
  g_test_add_func ("/flatpak-manifest/modules/app", test_app_module);

  return g_test_run ();
}

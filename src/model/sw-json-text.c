/* sw-json-text.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "sw-json-text.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = NULL;

  if (text == NULL || text[0] == '\0')
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;

  return json_parser_steal_root (parser);
}

/* Returns NULL for an empty list, as SwArtist stores empty lists. */
char **
sw_json_text_to_strv (const char *text)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;
  guint length;

  /* Fast path for the common empty list. */
  if (text == NULL || g_strcmp0 (text, "[]") == 0)
    return NULL;

  root = parse (text);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;

  array = json_node_get_array (root);
  length = json_array_get_length (array);
  if (length == 0)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

char *
sw_json_text_from_strv (const char * const *strv)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* Most lists are empty; skip the builder for them. */
  if (strv == NULL || strv[0] == NULL)
    return g_strdup ("[]");

  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/* Returns NULL for an empty map. */
GHashTable *
sw_json_text_to_map (const char *text)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) members = NULL;
  GHashTable *map;
  JsonObject *object;

  if (text == NULL || g_strcmp0 (text, "{}") == 0)
    return NULL;

  root = parse (text);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  if (json_object_get_size (object) == 0)
    return NULL;

  map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);

      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        g_hash_table_insert (map, g_strdup (l->data), g_strdup (json_node_get_string (value)));
    }

  return map;
}

char *
sw_json_text_from_map (GHashTable *map)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) keys = NULL;

  json_builder_begin_object (builder);
  if (map != NULL)
    {
      /* Sorted, so equal maps give equal text. */
      keys = g_list_sort (g_hash_table_get_keys (map), (GCompareFunc) g_strcmp0);
      for (GList *l = keys; l != NULL; l = l->next)
        {
          json_builder_set_member_name (builder, l->data);
          json_builder_add_string_value (builder, g_hash_table_lookup (map, l->data));
        }
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

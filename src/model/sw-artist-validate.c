/* sw-artist-validate.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sw-artist-validate.h"
#include "sw-json-text.h"
#include "sw-store.h"

#define MAX_SHORT_TEXT 1024
#define MAX_BIOGRAPHY (64 * 1024)
#define MAX_LIST_ITEMS 100
#define MAX_LIST_ITEM 128

static const char * const editable_fields[] = {
  "name", "sort_name", "type", "gender", "origin", "disambiguation",
  "musicbrainz_id", "audiodb_id", "discogs_id", "wikidata_id", "deezer_id",
  "biography", "genres", "styles", "moods",
  "years_active", "born", "formed", "died", "disbanded",
  NULL
};

static const char * const artist_types[] = {
  "person", "solo", "character", "group", "orchestra", "choir", "other", NULL
};

static const char * const genders[] = { "male", "female", "non-binary", "other", NULL };

const char * const *
sw_artist_editable_fields (void)
{
  return editable_fields;
}

gboolean
sw_artist_field_is_editable (const char *field)
{
  return field != NULL && g_strv_contains (editable_fields, field);
}

gboolean
sw_artist_field_is_list (const char *field)
{
  return g_strcmp0 (field, "genres") == 0 || g_strcmp0 (field, "styles") == 0 ||
         g_strcmp0 (field, "moods") == 0;
}

gboolean
sw_artist_field_is_lockable (const char *field)
{
  return sw_artist_field_is_editable (field) || g_strcmp0 (field, "members") == 0 ||
         g_strcmp0 (field, "spotify_id") == 0;
}

gboolean
sw_artist_type_is_group (const char *type)
{
  return g_strcmp0 (type, "group") == 0 || g_strcmp0 (type, "orchestra") == 0 ||
         g_strcmp0 (type, "choir") == 0;
}

static gboolean
invalid (GError    **error,
         const char *field,
         const char *reason)
{
  g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID, "%s: %s", field, reason);
  return FALSE;
}

static gboolean
all_digits (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Items trimmed, empties dropped, duplicates (ignoring case) dropped, order kept. */
static char *
validate_list (const char  *field,
               const char  *value,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array;

  if (value[0] == '\0')
    return g_strdup ("[]");

  if (!json_parser_load_from_data (parser, value, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      invalid (error, field, _("expected a JSON array of strings"));
      return NULL;
    }

  array = json_node_get_array (json_parser_get_root (parser));
  if (json_array_get_length (array) > MAX_LIST_ITEMS)
    {
      invalid (error, field, _("too many items"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *item = NULL;
      char *folded;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          invalid (error, field, _("expected a JSON array of strings"));
          return NULL;
        }

      item = g_strstrip (g_strdup (json_node_get_string (element)));
      if (item[0] == '\0')
        continue;
      if (strlen (item) > MAX_LIST_ITEM)
        {
          invalid (error, field, _("an item is too long"));
          return NULL;
        }

      folded = g_utf8_casefold (item, -1);
      if (!g_hash_table_add (seen, folded))
        continue;
      g_ptr_array_add (items, g_steal_pointer (&item));
    }

  g_ptr_array_add (items, NULL);
  return sw_json_text_from_strv ((const char * const *) items->pdata);
}

static gboolean
validate_identifier (const char  *field,
                     char        *value,
                     GError     **error)
{
  if (value[0] == '\0')
    return TRUE;

  if (g_str_equal (field, "musicbrainz_id"))
    {
      char *lower = g_ascii_strdown (value, -1);

      strcpy (value, lower);
      g_free (lower);
      return g_uuid_string_is_valid (value) ||
             invalid (error, field, _("expected a MusicBrainz ID (a UUID) or nothing"));
    }

  if (g_str_equal (field, "wikidata_id"))
    {
      value[0] = g_ascii_toupper (value[0]);
      return (value[0] == 'Q' && value[1] != '\0' && all_digits (value + 1)) ||
             invalid (error, field, _("expected a Wikidata ID such as Q11649"));
    }

  /* AudioDB, Discogs and Deezer artist ids are numbers. */
  return all_digits (value) || invalid (error, field, _("expected a number"));
}

static gboolean
validate_enum (const char          *field,
               char                *value,
               const char * const  *allowed,
               GError             **error)
{
  char *lower;

  if (value[0] == '\0')
    return TRUE;

  lower = g_utf8_strdown (value, -1);
  g_strlcpy (value, lower, strlen (value) + 1);
  g_free (lower);

  if (g_strv_contains (allowed, value))
    return TRUE;

  {
    g_autofree char *choices = g_strjoinv (", ", (char **) allowed);
    g_autofree char *reason = g_strdup_printf (_("expected one of %s"), choices);

    return invalid (error, field, reason);
  }
}

char *
sw_artist_validate_field (const char  *field,
                          const char  *value,
                          GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sw_artist_field_is_editable (field))
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("“%s” is not an editable artist field"), field ? field : "");
      return NULL;
    }

  if (value == NULL)
    value = "";

  if (!g_utf8_validate (value, -1, NULL))
    {
      invalid (error, field, _("not valid UTF-8 text"));
      return NULL;
    }

  if (sw_artist_field_is_list (field))
    return validate_list (field, value, error);

  text = g_strstrip (g_strdup (value));

  if (strlen (text) > (g_str_equal (field, "biography") ? MAX_BIOGRAPHY : MAX_SHORT_TEXT))
    {
      invalid (error, field, _("too long"));
      return NULL;
    }

  if (g_str_equal (field, "name") && text[0] == '\0')
    {
      invalid (error, field, _("an artist needs a name"));
      return NULL;
    }

  if (g_str_has_suffix (field, "_id") && !validate_identifier (field, text, error))
    return NULL;
  if (g_str_equal (field, "type") && !validate_enum (field, text, artist_types, error))
    return NULL;
  if (g_str_equal (field, "gender") && !validate_enum (field, text, genders, error))
    return NULL;

  return g_steal_pointer (&text);
}

/* sw-artist-editor-fields.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-editor-fields.h"
#include "sw-artist-validate.h"
#include "sw-json-text.h"

/* Between an artist's stored fields and what the rows show: list fields read as
 * "a, b, c" and go back to the service as JSON arrays; combo rows map positions to
 * the model's vocabularies. */

static const char * const type_values[] = {
  "", "person", "solo", "character", "group", "orchestra", "choir", "other", NULL
};
static const char * const gender_values[] = { "", "male", "female", "non-binary", "other", NULL };

static char *
property_name (const char *field)
{
  return g_strdelimit (g_strdup (field), "_", '-');
}

char *
sw_artist_editor_field_display (SwArtist   *artist,
                                const char *field)
{
  g_autofree char *property = property_name (field);

  if (sw_artist_field_is_list (field))
    {
      g_auto(GStrv) items = NULL;

      g_object_get (artist, property, &items, NULL);
      return items != NULL ? g_strjoinv (", ", items) : g_strdup ("");
    }
  else
    {
      char *value = NULL;

      g_object_get (artist, property, &value, NULL);
      return value != NULL ? value : g_strdup ("");
    }
}

char *
sw_artist_editor_field_stored (SwArtist   *artist,
                               const char *field)
{
  g_autofree char *property = property_name (field);
  g_auto(GStrv) items = NULL;

  if (!sw_artist_field_is_list (field))
    return sw_artist_editor_field_display (artist, field);

  g_object_get (artist, property, &items, NULL);
  return sw_json_text_from_strv ((const char * const *) items);
}

char *
sw_artist_editor_field_from_text (const char *field,
                                  const char *text)
{
  g_auto(GStrv) items = NULL;

  if (!sw_artist_field_is_list (field))
    return g_strdup (text);

  /* The service trims items and drops empty ones and duplicates. */
  items = g_strsplit (text, ",", -1);
  return sw_json_text_from_strv ((const char * const *) items);
}

static const char * const *
combo_values (const char *field)
{
  return g_str_equal (field, "type") ? type_values : gender_values;
}

guint
sw_artist_editor_combo_position (const char *field,
                                 const char *value)
{
  const char * const *values = combo_values (field);

  for (guint i = 0; values[i] != NULL; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return 0;
}

const char *
sw_artist_editor_combo_value (const char *field,
                              guint       position)
{
  const char * const *values = combo_values (field);

  return position < g_strv_length ((char **) values) ? values[position] : "";
}

const char *
sw_artist_editor_error_text (const GError *error,
                             const char   *field)
{
  const char *message = error->message;
  gsize length = strlen (field);

  /* The validator names the field, which the row already shows. */
  if (strncmp (message, field, length) == 0 && strncmp (message + length, ": ", 2) == 0)
    return message + length + 2;
  return message;
}

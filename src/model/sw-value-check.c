/* sw-value-check.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sw-store.h"
#include "sw-value-check.h"

gpointer
sw_value_refuse (GError     **error,
                 const char  *rule)
{
  g_set_error_literal (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID, rule);
  return NULL;
}

gboolean
sw_value_check_text (const char  *value,
                     GError     **error)
{
  if (value != NULL && g_utf8_validate (value, -1, NULL))
    return TRUE;

  sw_value_refuse (error, _("must be UTF-8 text"));
  return FALSE;
}

gboolean
sw_value_parse_int (const char *text,
                    gint64      min,
                    gint64      max,
                    gint64     *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  return g_ascii_string_to_signed (copy, 10, min, max, out, NULL);
}

gboolean
sw_value_parse_bool (const char *text,
                     gboolean   *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  if (g_ascii_strcasecmp (copy, "true") == 0 || strcmp (copy, "1") == 0)
    *out = TRUE;
  else if (g_ascii_strcasecmp (copy, "false") == 0 || strcmp (copy, "0") == 0)
    *out = FALSE;
  else
    return FALSE;

  return TRUE;
}

gboolean
sw_value_parse_double (const char *text,
                       double     *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (copy[0] == '\0')
    return FALSE;

  *out = g_ascii_strtod (copy, &end);
  return *end == '\0' && isfinite (*out);
}

char *
sw_value_csv_canonical (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_ptr_array_add (kept, parts[i]);
    }
  g_ptr_array_add (kept, NULL);

  return g_strjoinv (", ", (char **) kept->pdata);
}

JsonNode *
sw_value_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL) ||
      json_parser_get_root (parser) == NULL)
    return NULL;

  return json_node_copy (json_parser_get_root (parser));
}

char *
sw_value_check_int (const SwValueRule  *rule,
                    const char         *value,
                    GError            **error)
{
  /* The bounds as strings: xgettext cannot see through G_GINT64_FORMAT. */
  g_autofree char *min = g_strdup_printf ("%" G_GINT64_FORMAT, rule->min);
  g_autofree char *max = g_strdup_printf ("%" G_GINT64_FORMAT, rule->max);
  g_autofree char *message = NULL;
  gint64 number;

  if (sw_value_parse_int (value, rule->min, rule->max, &number))
    return g_strdup_printf ("%" G_GINT64_FORMAT, number);

  /* G_MAXINT stands for "no upper bound" in the registries. */
  if (rule->max == G_MAXINT && rule->min == 1)
    message = g_strdup (_("must be a positive integer"));
  else if (rule->max == G_MAXINT)
    message = g_strdup_printf (_("must be an integer of at least %s"), min);
  else
    message = g_strdup_printf (_("must be an integer from %s to %s"), min, max);

  return sw_value_refuse (error, message);
}

char *
sw_value_check_bool (const SwValueRule  *rule,
                     const char         *value,
                     GError            **error)
{
  gboolean flag;

  if (!sw_value_parse_bool (value, &flag))
    return sw_value_refuse (error, _("must be true or false"));

  return g_strdup (flag ? "true" : "false");
}

char *
sw_value_check_enum (const SwValueRule  *rule,
                     const char         *value,
                     GError            **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (value));

  if (!g_strv_contains (rule->choices, copy))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) rule->choices);
      /* Translators: %s is the list of allowed values, separated by commas. */
      g_autofree char *message = g_strdup_printf (_("must be one of %s"), list);

      return sw_value_refuse (error, message);
    }

  return g_steal_pointer (&copy);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

gpointer *
sw_value_sorted_keys (GHashTable *table,
                      guint      *n_keys)
{
  gpointer *keys = g_hash_table_get_keys_as_array (table, n_keys);

  qsort (keys, *n_keys, sizeof (gpointer), compare_strings);
  return keys;
}

char *
sw_value_printable (const char *text)
{
  return text != NULL ? g_utf8_make_valid (text, -1) : g_strdup ("");
}

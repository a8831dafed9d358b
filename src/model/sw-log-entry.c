/* sw-log-entry.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sw-log-private.h"

/* The entry --------------------------------------------------------------------------------- */

static void
entry_clear (gpointer data)
{
  SwLogEntry *entry = data;

  g_free (entry->message);
  g_free (entry->component);
  g_variant_unref (entry->attrs);
}

SwLogEntry *
sw_log_entry_new (gint64      time_us,
                  SwLogLevel  level,
                  const char *message,
                  const char *component,
                  GVariant   *attrs)
{
  SwLogEntry *entry = g_atomic_rc_box_new0 (SwLogEntry);

  entry->time_us = time_us;
  entry->level = level;
  entry->message = g_utf8_make_valid (message != NULL ? message : "", -1);
  entry->component = component != NULL && component[0] != '\0'
                     ? g_utf8_make_valid (component, -1) : NULL;
  if (attrs != NULL)
    entry->attrs = g_variant_ref_sink (attrs);

  if (entry->attrs == NULL || !g_variant_is_of_type (entry->attrs, G_VARIANT_TYPE_VARDICT))
    {
      g_clear_pointer (&entry->attrs, g_variant_unref);
      entry->attrs = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
    }

  return entry;
}

SwLogEntry *
sw_log_entry_ref (SwLogEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return g_atomic_rc_box_acquire (entry);
}

void
sw_log_entry_unref (SwLogEntry *entry)
{
  g_return_if_fail (entry != NULL);

  g_atomic_rc_box_release_full (entry, entry_clear);
}

G_DEFINE_BOXED_TYPE (SwLogEntry, sw_log_entry, sw_log_entry_ref, sw_log_entry_unref)

char *
sw_log_entry_dup_time (const SwLogEntry *entry)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *seconds = NULL;
  gint64 whole = entry->time_us / G_USEC_PER_SEC;
  gint64 fraction = entry->time_us % G_USEC_PER_SEC;

  if (fraction < 0)
    {
      whole--;
      fraction += G_USEC_PER_SEC;
    }

  time = g_date_time_new_from_unix_utc (whole);
  if (time == NULL)
    return g_strdup ("1970-01-01T00:00:00.000000Z");

  seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%06" G_GINT64_FORMAT "Z", seconds, fraction);
}

gboolean
sw_log_parse_time (const char *text,
                   gint64     *time_us)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL || text[0] == '\0')
    return FALSE;

  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    return FALSE;

  *time_us = g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
  return TRUE;
}

JsonNode *
sw_log_entry_to_json (const SwLogEntry *entry)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *time = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  time = sw_log_entry_dup_time (entry);
  json_object_set_string_member (object, "time", time);
  json_object_set_string_member (object, "level", sw_log_level_to_string (entry->level));
  json_object_set_string_member (object, "message", entry->message);
  if (entry->component != NULL)
    json_object_set_string_member (object, "component", entry->component);
  json_object_set_member (object, "attrs", json_gvariant_serialize (entry->attrs));

  return json_node_init_object (json_node_alloc (), object);
}

/* Text lines: logfmt -------------------------------------------------------------------------- */

/* What a bare (unquoted) logfmt value reads back as. */
static GVariant *
parse_bare_value (const char *text)
{
  gint64 number;
  double real;
  char *end = NULL;

  if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, NULL))
    return g_variant_new_int64 (number);

  if (strpbrk (text, ".eE") != NULL)
    {
      real = g_ascii_strtod (text, &end);
      if (end != text && *end == '\0')
        return g_variant_new_double (real);
    }

  if (strcmp (text, "true") == 0 || strcmp (text, "false") == 0)
    return g_variant_new_boolean (text[0] == 't');

  return g_variant_new_string (text);
}

/* A string that would not read back as itself when written bare is quoted. */
static gboolean
needs_quotes (const char *text)
{
  g_autoptr(GVariant) bare = NULL;

  if (text[0] == '\0')
    return TRUE;

  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || *p == '"' || *p == '=' || *p == '\\' || *p == 0x7f)
      return TRUE;

  bare = g_variant_ref_sink (parse_bare_value (text));
  return !g_variant_is_of_type (bare, G_VARIANT_TYPE_STRING);
}

static void
append_string (GString    *out,
               const char *text)
{
  if (!needs_quotes (text))
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if ((guchar) *p < ' ' || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

/* Keys become [A-Za-z0-9_.-]: anything else would break the line's syntax. */
static void
append_key (GString    *out,
            const char *key)
{
  if (key[0] == '\0')
    {
      g_string_append_c (out, '_');
      return;
    }

  for (const char *p = key; *p != '\0'; p++)
    g_string_append_c (out, g_ascii_isalnum (*p) || *p == '_' || *p == '.' || *p == '-' ? *p : '_');
}

static void
append_value (GString  *out,
              GVariant *value)
{
  const GVariantType *type = g_variant_get_type (value);

  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    append_string (out, g_variant_get_string (value, NULL));
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_INT64))
    g_string_append_printf (out, "%" G_GINT64_FORMAT, g_variant_get_int64 (value));
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT64))
    g_string_append_printf (out, "%" G_GUINT64_FORMAT, g_variant_get_uint64 (value));
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_INT32))
    g_string_append_printf (out, "%" G_GINT32_FORMAT, g_variant_get_int32 (value));
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT32))
    g_string_append_printf (out, "%" G_GUINT32_FORMAT, g_variant_get_uint32 (value));
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_BOOLEAN))
    g_string_append (out, g_variant_get_boolean (value) ? "true" : "false");
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE))
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (buffer, sizeof buffer, g_variant_get_double (value));
      /* A whole number keeps a point, so it reads back as a double. */
      if (strpbrk (buffer, ".eEn") == NULL)
        g_strlcat (buffer, ".0", sizeof buffer);
      g_string_append (out, buffer);
    }
  else
    {
      g_autofree char *printed = g_variant_print (value, FALSE);

      append_string (out, printed);
    }
}

static char *
format_text (const SwLogEntry *entry)
{
  GString *out = g_string_new ("time=");
  g_autofree char *time = sw_log_entry_dup_time (entry);
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_string_append (out, time);
  g_string_append (out, " level=");
  g_string_append (out, sw_log_level_to_string (entry->level));
  if (entry->component != NULL)
    {
      g_string_append (out, " component=");
      append_string (out, entry->component);
    }
  g_string_append (out, " msg=");
  append_string (out, entry->message);

  g_variant_iter_init (&iter, entry->attrs);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      g_string_append_c (out, ' ');
      append_key (out, key);
      g_string_append_c (out, '=');
      append_value (out, value);
    }

  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

static char *
format_json (const SwLogEntry *entry)
{
  g_autoptr(JsonNode) node = sw_log_entry_to_json (entry);
  g_autofree char *text = json_to_string (node, FALSE);

  return g_strconcat (text, "\n", NULL);
}

char *
sw_log_entry_format_line (const SwLogEntry *entry,
                          SwLogFormat       format)
{
  return format == SW_LOG_FORMAT_TEXT ? format_text (entry) : format_json (entry);
}

/* Reads one quoted value after its opening quote; *@p ends after the closing one. */
static char *
read_quoted (const char **p)
{
  GString *out = g_string_new (NULL);
  const char *s = *p;

  while (*s != '\0' && *s != '"')
    {
      if (*s != '\\')
        {
          g_string_append_c (out, *s++);
          continue;
        }

      s++;
      switch (*s)
        {
        case 'n':
          g_string_append_c (out, '\n');
          break;
        case 'r':
          g_string_append_c (out, '\r');
          break;
        case 't':
          g_string_append_c (out, '\t');
          break;
        case 'u':
          {
            char hex[5] = { 0, };
            guint64 code = 0;

            if (strlen (s + 1) >= 4)
              memcpy (hex, s + 1, 4);
            if (g_ascii_string_to_unsigned (hex, 16, 0, 0xffff, &code, NULL))
              {
                g_string_append_unichar (out, (gunichar) code);
                s += 4;
              }
            else
              g_string_append_c (out, 'u');
          }
          break;
        case '\0':
          continue;
        default:
          g_string_append_c (out, *s);
        }
      s++;
    }

  if (*s == '"')
    s++;
  *p = s;
  return g_string_free (out, FALSE);
}

static SwLogEntry *
parse_text (const char *line)
{
  g_autoptr(GVariantBuilder) attrs = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);
  g_autofree char *time = NULL;
  g_autofree char *level = NULL;
  g_autofree char *component = NULL;
  g_autofree char *message = NULL;
  const char *p = line;
  SwLogLevel parsed_level;
  gint64 time_us;

  while (*p != '\0')
    {
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      gboolean quoted = FALSE;
      const char *start;

      while (*p == ' ')
        p++;
      if (*p == '\0')
        break;

      start = p;
      while (*p != '\0' && *p != '=' && *p != ' ')
        p++;
      if (*p != '=')
        return NULL;
      key = g_strndup (start, p - start);
      p++;

      if (*p == '"')
        {
          p++;
          value = read_quoted (&p);
          quoted = TRUE;
        }
      else
        {
          start = p;
          while (*p != '\0' && *p != ' ')
            p++;
          value = g_strndup (start, p - start);
        }

      /* The first time, level, component and msg are the entry's; repeats are attributes. */
      if (time == NULL && strcmp (key, "time") == 0)
        time = g_steal_pointer (&value);
      else if (level == NULL && strcmp (key, "level") == 0)
        level = g_steal_pointer (&value);
      else if (component == NULL && strcmp (key, "component") == 0)
        component = g_steal_pointer (&value);
      else if (message == NULL && strcmp (key, "msg") == 0)
        message = g_steal_pointer (&value);
      else
        g_variant_builder_add (attrs, "{sv}", key,
                               quoted ? g_variant_new_string (value) : parse_bare_value (value));
    }

  if (message == NULL || level == NULL || !sw_log_level_from_string (level, &parsed_level) ||
      !sw_log_parse_time (time, &time_us))
    return NULL;

  return sw_log_entry_new (time_us, parsed_level, message, component,
                           g_variant_builder_end (attrs));
}

/* JSON lines ------------------------------------------------------------------------------ */

static GVariant *
variant_from_json (JsonNode *node)
{
  g_autofree char *text = NULL;

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return g_variant_new_string (json_node_get_string (node));
      if (type == G_TYPE_INT64)
        return g_variant_new_int64 (json_node_get_int (node));
      if (type == G_TYPE_DOUBLE)
        return g_variant_new_double (json_node_get_double (node));
      if (type == G_TYPE_BOOLEAN)
        return g_variant_new_boolean (json_node_get_boolean (node));
    }

  /* Objects and arrays are kept as their JSON text. */
  text = json_to_string (node, FALSE);
  return g_variant_new_string (text);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static SwLogEntry *
parse_json (const char *line)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GVariantBuilder) attrs = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);
  JsonObject *object;
  JsonNode *attrs_node;
  const char *message;
  SwLogLevel level;
  gint64 time_us;

  if (!json_parser_load_from_data (parser, line, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  object = json_node_get_object (json_parser_get_root (parser));
  message = string_member (object, "message");
  if (message == NULL || !sw_log_level_from_string (string_member (object, "level"), &level) ||
      !sw_log_parse_time (string_member (object, "time"), &time_us))
    return NULL;

  attrs_node = json_object_get_member (object, "attrs");
  if (attrs_node != NULL && JSON_NODE_HOLDS_OBJECT (attrs_node))
    {
      JsonObject *attrs_object = json_node_get_object (attrs_node);
      g_autoptr(GList) names = json_object_get_members (attrs_object);

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (attrs_object, l->data);

          if (!JSON_NODE_HOLDS_NULL (value))
            g_variant_builder_add (attrs, "{sv}", (const char *) l->data,
                                   variant_from_json (value));
        }
    }

  return sw_log_entry_new (time_us, level, message, string_member (object, "component"),
                           g_variant_builder_end (attrs));
}

SwLogEntry *
sw_log_entry_parse_line (const char *line)
{
  const char *p = line;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '\0')
    return NULL;

  return *p == '{' ? parse_json (p) : parse_text (p);
}

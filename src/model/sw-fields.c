/* sw-fields.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sw-fields.h"
#include "sw-time.h"

/* Longest "group-name" property name; the tables are static, so this is checked once
 * per field when the class installs its properties. */
#define PROPERTY_NAME_MAX 64

/* One field's value, detached from any instance. Owned members follow the storage
 * rules in sw-fields.h; empty values are always stored as NULL here. */
typedef union
{
  char       *s;
  gboolean    b;
  int         i;
  double      d;
  char      **v;
  GHashTable *m;
  JsonNode   *j;
  gpointer    ptr;  /* any of the pointer members above, read or written as such */
} FieldValue;

G_DEFINE_QUARK (sw-fields-error-quark, sw_fields_error)

static GQuark
field_quark (void)
{
  static gsize quark = 0;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("sw-field"));

  return (GQuark) quark;
}

static gboolean
field_has_property (const SwField *field)
{
  return (field->flags & SW_FIELD_SECRET) == 0;
}

static gboolean
field_reads_json (const SwField *field)
{
  return (field->flags & (SW_FIELD_SECRET | SW_FIELD_READ_ONLY_JSON)) == 0;
}

static void
field_property_name (const SwField *field,
                     char          *buf,
                     gsize          size)
{
  char *p;

  if (field->group != NULL)
    g_snprintf (buf, size, "%s-%s", field->group, field->name);
  else
    g_strlcpy (buf, field->name, size);

  for (p = buf; *p != '\0'; p++)
    if (*p == '_')
      *p = '-';
}

/* "image_naming.thumb" for grouped members, for error messages. */
static char *
field_display_name (const SwField *field)
{
  if (field->group != NULL)
    return g_strdup_printf ("%s.%s", field->group, field->name);

  return g_strdup (field->name);
}

/* ---------------------------------------------------------------------------------- */
/* Values                                                                              */

static gboolean
string_is_empty (const char *s)
{
  return s == NULL || *s == '\0';
}

static gboolean
strv_is_empty (char **v)
{
  return v == NULL || v[0] == NULL;
}

static gboolean
map_is_empty (GHashTable *m)
{
  return m == NULL || g_hash_table_size (m) == 0;
}

static gboolean
json_is_empty (JsonNode *j)
{
  if (j == NULL || JSON_NODE_HOLDS_NULL (j))
    return TRUE;

  return JSON_NODE_HOLDS_ARRAY (j) && json_array_get_length (json_node_get_array (j)) == 0;
}

static char *
string_dup_or_null (const char *s)
{
  return string_is_empty (s) ? NULL : g_strdup (s);
}

static GHashTable *
map_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static GHashTable *
map_dup (GHashTable *m)
{
  GHashTable *copy;
  GHashTableIter iter;
  gpointer key, value;

  if (map_is_empty (m))
    return NULL;

  copy = map_new ();
  g_hash_table_iter_init (&iter, m);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value != NULL ? value : ""));

  return copy;
}

static gboolean
map_equal (GHashTable *a,
           GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (map_is_empty (a) || map_is_empty (b))
    return map_is_empty (a) && map_is_empty (b);

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gpointer other;

      if (!g_hash_table_lookup_extended (b, key, NULL, &other) || g_strcmp0 (value, other) != 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
strv_equal (char **a,
            char **b)
{
  if (strv_is_empty (a) || strv_is_empty (b))
    return strv_is_empty (a) && strv_is_empty (b);

  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

/* Trimmed, lowercased, no empty entries, first occurrence kept. */
static char **
strv_to_name_set (char **v)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; v != NULL && v[i] != NULL; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (v[i]));
      g_autofree char *lower = NULL;
      gboolean seen = FALSE;

      if (*trimmed == '\0')
        continue;

      lower = g_utf8_strdown (trimmed, -1);
      for (guint j = 0; j < names->len && !seen; j++)
        seen = strcmp (g_ptr_array_index (names, j), lower) == 0;
      if (!seen)
        g_ptr_array_add (names, g_steal_pointer (&lower));
    }

  if (names->len == 0)
    return NULL;

  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static char **
strv_dup_for_field (const SwField *field,
                    char         **v)
{
  if (strv_is_empty (v))
    return NULL;

  if ((field->flags & SW_FIELD_STRV_NAME_SET) != 0)
    return strv_to_name_set (v);

  return g_strdupv (v);
}

static FieldValue
value_load (const SwField *field,
            gconstpointer  instance)
{
  gpointer p = G_STRUCT_MEMBER_P (instance, field->offset);
  FieldValue value = { 0 };

  switch (field->type)
    {
    case SW_FIELD_BOOLEAN:
      value.b = *(gboolean *) p;
      break;

    case SW_FIELD_INT:
      value.i = *(int *) p;
      break;

    case SW_FIELD_DOUBLE:
      value.d = *(double *) p;
      break;

    case SW_FIELD_STRING:
    case SW_FIELD_TIMESTAMP:
    case SW_FIELD_STRV:
    case SW_FIELD_STRING_MAP:
    case SW_FIELD_JSON_ARRAY:
      value.ptr = *(gpointer *) p;
      break;

    default:
      g_assert_not_reached ();
    }

  return value;
}

/* Stores value (taking ownership) without comparing or freeing what was there. */
static void
value_store (const SwField *field,
             gpointer       instance,
             FieldValue    *value)
{
  gpointer p = G_STRUCT_MEMBER_P (instance, field->offset);

  switch (field->type)
    {
    case SW_FIELD_BOOLEAN:
      *(gboolean *) p = value->b;
      break;

    case SW_FIELD_INT:
      *(int *) p = value->i;
      break;

    case SW_FIELD_DOUBLE:
      *(double *) p = value->d;
      break;

    case SW_FIELD_STRING:
    case SW_FIELD_TIMESTAMP:
    case SW_FIELD_STRV:
    case SW_FIELD_STRING_MAP:
    case SW_FIELD_JSON_ARRAY:
      *(gpointer *) p = g_steal_pointer (&value->ptr);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* How each type's owned value is freed; NULL for the plain ones. */
static const GDestroyNotify value_free_funcs[] = {
  [SW_FIELD_STRING] = g_free,
  [SW_FIELD_TIMESTAMP] = g_free,
  [SW_FIELD_STRV] = (GDestroyNotify) g_strfreev,
  [SW_FIELD_STRING_MAP] = (GDestroyNotify) g_hash_table_unref,
  [SW_FIELD_JSON_ARRAY] = (GDestroyNotify) json_node_unref,
};

static void
value_free (const SwField *field,
            FieldValue    *value)
{
  g_assert ((guint) field->type < G_N_ELEMENTS (value_free_funcs));

  if (value_free_funcs[field->type] != NULL)
    g_clear_pointer (&value->ptr, value_free_funcs[field->type]);
}

static FieldValue
value_dup (const SwField    *field,
           const FieldValue *value)
{
  FieldValue copy = *value;

  switch (field->type)
    {
    case SW_FIELD_STRING:
    case SW_FIELD_TIMESTAMP:
      copy.s = string_dup_or_null (value->s);
      break;

    case SW_FIELD_STRV:
      copy.v = strv_dup_for_field (field, value->v);
      break;

    case SW_FIELD_STRING_MAP:
      copy.m = map_dup (value->m);
      break;

    case SW_FIELD_JSON_ARRAY:
      copy.j = json_is_empty (value->j) ? NULL : json_node_copy (value->j);
      break;

    case SW_FIELD_BOOLEAN:
    case SW_FIELD_INT:
    case SW_FIELD_DOUBLE:
      break;

    default:
      g_assert_not_reached ();
    }

  return copy;
}

static gboolean
value_equal (const SwField    *field,
             const FieldValue *a,
             const FieldValue *b)
{
  switch (field->type)
    {
    case SW_FIELD_STRING:
    case SW_FIELD_TIMESTAMP:
      return g_strcmp0 (a->s != NULL ? a->s : "", b->s != NULL ? b->s : "") == 0;

    case SW_FIELD_BOOLEAN:
      return !a->b == !b->b;

    case SW_FIELD_INT:
      return a->i == b->i;

    case SW_FIELD_DOUBLE:
      return a->d == b->d;

    case SW_FIELD_STRV:
      return strv_equal (a->v, b->v);

    case SW_FIELD_STRING_MAP:
      return map_equal (a->m, b->m);

    case SW_FIELD_JSON_ARRAY:
      if (json_is_empty (a->j) || json_is_empty (b->j))
        return json_is_empty (a->j) && json_is_empty (b->j);
      return json_node_equal (a->j, b->j);

    default:
      g_assert_not_reached ();
    }
}

/* Takes ownership of value. Returns TRUE when the stored value changed. */
static gboolean
value_assign (const SwField *field,
              gpointer       instance,
              FieldValue    *value)
{
  FieldValue old = value_load (field, instance);

  if (value_equal (field, &old, value))
    {
      value_free (field, value);
      return FALSE;
    }

  value_free (field, &old);
  value_store (field, instance, value);
  return TRUE;
}

/* ---------------------------------------------------------------------------------- */
/* Properties                                                                          */

void
sw_fields_install_properties (GObjectClass  *klass,
                              const SwField *fields,
                              guint          n_fields,
                              guint          first_prop_id,
                              GParamSpec   **pspecs)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  g_return_if_fail (G_IS_OBJECT_CLASS (klass));
  g_return_if_fail (first_prop_id > 0);

  for (guint i = 0; i < n_fields; i++)
    {
      const SwField *field = &fields[i];
      char buf[PROPERTY_NAME_MAX];
      const char *name;
      GParamSpec *pspec = NULL;

      if (!field_has_property (field))
        continue;

      field_property_name (field, buf, sizeof buf);
      g_assert (strlen (buf) < sizeof buf - 1);
      /* Interned strings live for the whole process, as G_PARAM_STATIC_NAME needs. */
      name = g_intern_string (buf);

      switch (field->type)
        {
        case SW_FIELD_STRING:
        case SW_FIELD_TIMESTAMP:
          pspec = g_param_spec_string (name, NULL, NULL, NULL, flags);
          break;

        case SW_FIELD_BOOLEAN:
          pspec = g_param_spec_boolean (name, NULL, NULL, FALSE, flags);
          break;

        case SW_FIELD_INT:
          pspec = g_param_spec_int (name, NULL, NULL, G_MININT, G_MAXINT, 0, flags);
          break;

        case SW_FIELD_DOUBLE:
          pspec = g_param_spec_double (name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);
          break;

        case SW_FIELD_STRV:
        case SW_FIELD_STRING_MAP:
        case SW_FIELD_JSON_ARRAY:
          pspec = g_param_spec_boxed (name, NULL, NULL,
                                      field->type == SW_FIELD_STRV ? G_TYPE_STRV
                                      : field->type == SW_FIELD_STRING_MAP ? G_TYPE_HASH_TABLE
                                      : JSON_TYPE_NODE,
                                      flags);
          break;

        default:
          g_assert_not_reached ();
        }

      g_param_spec_set_qdata (pspec, field_quark (), (gpointer) field);
      g_object_class_install_property (klass, first_prop_id + i, pspec);

      if (pspecs != NULL)
        pspecs[first_prop_id + i] = pspec;
    }
}

void
sw_fields_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  const SwField *field = g_param_spec_get_qdata (pspec, field_quark ());
  FieldValue current;

  if (field == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  current = value_load (field, object);

  switch (field->type)
    {
    case SW_FIELD_STRING:
    case SW_FIELD_TIMESTAMP:
      g_value_set_string (value, current.s);
      break;

    case SW_FIELD_BOOLEAN:
      g_value_set_boolean (value, current.b);
      break;

    case SW_FIELD_INT:
      g_value_set_int (value, current.i);
      break;

    case SW_FIELD_DOUBLE:
      g_value_set_double (value, current.d);
      break;

    case SW_FIELD_STRV:
    case SW_FIELD_STRING_MAP:
    case SW_FIELD_JSON_ARRAY:
      g_value_set_boxed (value, current.ptr);
      break;

    default:
      g_assert_not_reached ();
    }
}

void
sw_fields_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  const SwField *field = g_param_spec_get_qdata (pspec, field_quark ());
  FieldValue incoming = { 0 };
  FieldValue owned;

  if (field == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  switch (field->type)
    {
    case SW_FIELD_STRING:
    case SW_FIELD_TIMESTAMP:
      incoming.s = (char *) g_value_get_string (value);
      break;

    case SW_FIELD_BOOLEAN:
      incoming.b = g_value_get_boolean (value) != FALSE;
      break;

    case SW_FIELD_INT:
      incoming.i = g_value_get_int (value);
      break;

    case SW_FIELD_DOUBLE:
      incoming.d = g_value_get_double (value);
      break;

    case SW_FIELD_STRV:
    case SW_FIELD_STRING_MAP:
    case SW_FIELD_JSON_ARRAY:
      incoming.ptr = g_value_get_boxed (value);
      break;

    default:
      g_assert_not_reached ();
    }

  owned = value_dup (field, &incoming);
  if (value_assign (field, object, &owned))
    g_object_notify_by_pspec (object, pspec);
}

/* ---------------------------------------------------------------------------------- */
/* Lifetime                                                                            */

void
sw_fields_clear (gpointer       instance,
                 const SwField *fields,
                 guint          n_fields)
{
  g_return_if_fail (instance != NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      FieldValue current = value_load (&fields[i], instance);
      FieldValue empty = { 0 };

      value_free (&fields[i], &current);
      value_store (&fields[i], instance, &empty);
    }
}

void
sw_fields_copy (gpointer       dest,
                gconstpointer  src,
                const SwField *fields,
                guint          n_fields)
{
  g_return_if_fail (dest != NULL);
  g_return_if_fail (src != NULL);

  if (dest == src)
    return;

  for (guint i = 0; i < n_fields; i++)
    {
      FieldValue from = value_load (&fields[i], src);
      FieldValue copy = value_dup (&fields[i], &from);
      FieldValue old = value_load (&fields[i], dest);

      value_free (&fields[i], &old);
      value_store (&fields[i], dest, &copy);
    }
}

gpointer
sw_fields_dup_object (gpointer       src,
                      const SwField *fields,
                      guint          n_fields)
{
  gpointer copy;

  g_return_val_if_fail (G_IS_OBJECT (src), NULL);

  copy = g_object_new (G_OBJECT_TYPE (src), NULL);
  sw_fields_copy (copy, src, fields, n_fields);
  return copy;
}

gboolean
sw_fields_equal (gconstpointer  a,
                 gconstpointer  b,
                 const SwField *fields,
                 guint          n_fields)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  for (guint i = 0; i < n_fields; i++)
    {
      FieldValue va = value_load (&fields[i], a);
      FieldValue vb = value_load (&fields[i], b);

      if (!value_equal (&fields[i], &va, &vb))
        return FALSE;
    }

  return TRUE;
}

/* ---------------------------------------------------------------------------------- */
/* To JSON                                                                             */

/* "YYYY-MM-DDTHH:MM:SSZ" exactly, the form the contract uses. */
static gboolean
timestamp_is_canonical (const char *s)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";

  if (strlen (s) != sizeof pattern - 1)
    return FALSE;

  for (gsize i = 0; pattern[i] != '\0'; i++)
    {
      if (pattern[i] == 'd' ? !g_ascii_isdigit (s[i]) : s[i] != pattern[i])
        return FALSE;
    }

  return TRUE;
}

/* RFC 3339 UTC with whole seconds, from RFC 3339, "YYYY-MM-DD HH:MM:SS" or
 * "YYYY-MM-DDTHH:MM:SS" (no zone = UTC, as SQLite's datetime() writes). NULL when
 * the text is not a date-time. */
static char *
timestamp_normalize (const char *text)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) time = NULL;

  if (timestamp_is_canonical (text))
    return g_strdup (text);

  utc = g_time_zone_new_utc ();
  time = g_date_time_new_from_iso8601 (text, utc);
  if (time == NULL)
    return NULL;

  return sw_time_format_rfc3339 (time);
}

static JsonNode *
strv_to_node (char **v)
{
  g_autoptr(JsonArray) array = json_array_new ();

  for (guint i = 0; v != NULL && v[i] != NULL; i++)
    json_array_add_string_element (array, v[i]);

  return json_node_init_array (json_node_alloc (), array);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static JsonNode *
map_to_node (GHashTable *m)
{
  g_autoptr(JsonObject) object = json_object_new ();

  if (!map_is_empty (m))
    {
      /* Sorted, so the output does not depend on hash order. */
      g_autofree gpointer *keys = g_hash_table_get_keys_as_array (m, NULL);
      guint n = g_hash_table_size (m);

      g_qsort_with_data (keys, n, sizeof (gpointer), compare_keys, NULL);
      for (guint i = 0; i < n; i++)
        json_object_set_string_member (object, keys[i], g_hash_table_lookup (m, keys[i]));
    }

  return json_node_init_object (json_node_alloc (), object);
}

/* NULL when the member is left out. */
static JsonNode *
field_to_node (const SwField *field,
               gpointer       instance)
{
  FieldValue value = value_load (field, instance);
  gboolean omit_empty = (field->flags & SW_FIELD_OMIT_EMPTY) != 0;
  gboolean null_when_empty = (field->flags & SW_FIELD_NULL_WHEN_EMPTY) != 0;

  switch (field->type)
    {
    case SW_FIELD_STRING:
      if (omit_empty && string_is_empty (value.s))
        return NULL;
      return json_node_init_string (json_node_alloc (), value.s != NULL ? value.s : "");

    case SW_FIELD_TIMESTAMP:
      {
        g_autofree char *normalized = NULL;

        if (string_is_empty (value.s))
          return NULL;
        /* Stored text that is not a date-time is passed on rather than lost. */
        normalized = timestamp_normalize (value.s);
        return json_node_init_string (json_node_alloc (),
                                      normalized != NULL ? normalized : value.s);
      }

    case SW_FIELD_BOOLEAN:
      if (omit_empty && !value.b)
        return NULL;
      return json_node_init_boolean (json_node_alloc (), value.b);

    case SW_FIELD_INT:
      if (omit_empty && value.i == 0)
        return NULL;
      return json_node_init_int (json_node_alloc (), value.i);

    case SW_FIELD_DOUBLE:
      if (omit_empty && value.d == 0.0)
        return NULL;
      return json_node_init_double (json_node_alloc (), value.d);

    case SW_FIELD_STRV:
    case SW_FIELD_STRING_MAP:
    case SW_FIELD_JSON_ARRAY:
      {
        gboolean empty = field->type == SW_FIELD_STRV ? strv_is_empty (value.v)
                       : field->type == SW_FIELD_STRING_MAP ? map_is_empty (value.m)
                       : json_is_empty (value.j);

        if (empty && omit_empty)
          return NULL;
        if (empty && null_when_empty)
          return json_node_init_null (json_node_alloc ());
        if (field->type == SW_FIELD_STRV)
          return strv_to_node (value.v);
        if (field->type == SW_FIELD_STRING_MAP)
          return map_to_node (value.m);
        if (empty)
          {
            g_autoptr(JsonArray) no_items = json_array_new ();

            return json_node_init_array (json_node_alloc (), no_items);
          }
        return json_node_copy (value.j);
      }

    default:
      g_assert_not_reached ();
    }
}

JsonNode *
sw_fields_to_json (gpointer       instance,
                   const SwField *fields,
                   guint          n_fields)
{
  g_autoptr(JsonObject) object = json_object_new ();

  g_return_val_if_fail (instance != NULL, NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      const SwField *field = &fields[i];
      JsonObject *target = object;
      JsonNode *member;

      if ((field->flags & SW_FIELD_SECRET) != 0)
        continue;

      member = field_to_node (field, instance);
      if (member == NULL)
        continue;

      if (field->group != NULL)
        {
          if (!json_object_has_member (object, field->group))
            json_object_set_object_member (object, field->group, json_object_new ());
          target = json_object_get_object_member (object, field->group);
        }

      json_object_set_member (target, field->name, member);
    }

  return json_node_init_object (json_node_alloc (), object);
}

/* ---------------------------------------------------------------------------------- */
/* From JSON                                                                           */

static gboolean
node_holds (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
set_type_error (const SwField  *field,
                const char     *expected,
                GError        **error)
{
  g_autofree char *name = field_display_name (field);

  g_set_error (error, SW_FIELDS_ERROR, SW_FIELDS_ERROR_INVALID_TYPE,
               "Member “%s” must be %s", name, expected);
  return FALSE;
}

/* Finds the member for field: *node stays NULL when it is absent. A null group object
 * stands for null members. */
static gboolean
lookup_member (JsonObject     *object,
               const SwField  *field,
               JsonNode      **node,
               GError        **error)
{
  JsonNode *group;

  *node = NULL;

  if (field->group == NULL)
    {
      *node = json_object_get_member (object, field->name);
      return TRUE;
    }

  group = json_object_get_member (object, field->group);
  if (group == NULL)
    return TRUE;

  if (JSON_NODE_HOLDS_NULL (group))
    {
      *node = group;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (group))
    {
      g_set_error (error, SW_FIELDS_ERROR, SW_FIELDS_ERROR_INVALID_TYPE,
                   "Member “%s” must be an object", field->group);
      return FALSE;
    }

  *node = json_object_get_member (json_node_get_object (group), field->name);
  return TRUE;
}

static gboolean
parse_strv (const SwField  *field,
            JsonNode       *node,
            FieldValue     *out,
            GError        **error)
{
  g_auto(GStrv) items = NULL;
  JsonArray *array;
  guint n;

  if ((field->flags & SW_FIELD_STRV_ACCEPT_STRING) != 0 && node_holds (node, G_TYPE_STRING))
    {
      const char *single = json_node_get_string (node);
      char *one[] = { (char *) single, NULL };

      out->v = strv_dup_for_field (field, string_is_empty (single) ? NULL : one);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return set_type_error (field, "an array of strings", error);

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  items = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!node_holds (element, G_TYPE_STRING))
        return set_type_error (field, "an array of strings", error);
      items[i] = g_strdup (json_node_get_string (element));
    }

  out->v = strv_dup_for_field (field, items);
  return TRUE;
}

static gboolean
parse_map (const SwField  *field,
           JsonNode       *node,
           FieldValue     *out,
           GError        **error)
{
  g_autoptr(GHashTable) map = NULL;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_type_error (field, "an object of strings", error);

  map = map_new ();
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &key, &value))
    {
      if (!node_holds (value, G_TYPE_STRING))
        return set_type_error (field, "an object of strings", error);
      g_hash_table_insert (map, g_strdup (key), g_strdup (json_node_get_string (value)));
    }

  out->m = g_hash_table_size (map) > 0 ? g_steal_pointer (&map) : NULL;
  return TRUE;
}

/* Validates node for field and converts it into *out (owned). */
static gboolean
parse_member (const SwField  *field,
              JsonNode       *node,
              FieldValue     *out,
              GError        **error)
{
  gboolean is_null = JSON_NODE_HOLDS_NULL (node);

  switch (field->type)
    {
    case SW_FIELD_STRING:
      if (is_null)
        return TRUE;
      if (!node_holds (node, G_TYPE_STRING))
        return set_type_error (field, "a string", error);
      out->s = string_dup_or_null (json_node_get_string (node));
      return TRUE;

    case SW_FIELD_TIMESTAMP:
      {
        const char *text;

        if (is_null)
          return TRUE;
        if (!node_holds (node, G_TYPE_STRING))
          return set_type_error (field, "an RFC 3339 date-time string", error);

        text = json_node_get_string (node);
        if (string_is_empty (text))
          return TRUE;

        out->s = timestamp_normalize (text);
        if (out->s == NULL)
          {
            g_autofree char *name = field_display_name (field);

            g_set_error (error, SW_FIELDS_ERROR, SW_FIELDS_ERROR_INVALID_VALUE,
                         "Member “%s” is not an RFC 3339 date-time: “%s”", name, text);
            return FALSE;
          }
        return TRUE;
      }

    case SW_FIELD_BOOLEAN:
      if (!node_holds (node, G_TYPE_BOOLEAN))
        return set_type_error (field, "a boolean", error);
      out->b = json_node_get_boolean (node);
      return TRUE;

    case SW_FIELD_INT:
      {
        gint64 number;

        if (!node_holds (node, G_TYPE_INT64))
          return set_type_error (field, "an integer", error);

        number = json_node_get_int (node);
        if (number < G_MININT || number > G_MAXINT)
          {
            g_autofree char *name = field_display_name (field);

            g_set_error (error, SW_FIELDS_ERROR, SW_FIELDS_ERROR_INVALID_VALUE,
                         "Member “%s” is out of range: %" G_GINT64_FORMAT, name, number);
            return FALSE;
          }
        out->i = (int) number;
        return TRUE;
      }

    case SW_FIELD_DOUBLE:
      if (!node_holds (node, G_TYPE_DOUBLE) && !node_holds (node, G_TYPE_INT64))
        return set_type_error (field, "a number", error);
      out->d = json_node_get_double (node);
      return TRUE;

    case SW_FIELD_STRV:
      if (is_null)
        return TRUE;
      return parse_strv (field, node, out, error);

    case SW_FIELD_STRING_MAP:
      if (is_null)
        return TRUE;
      return parse_map (field, node, out, error);

    case SW_FIELD_JSON_ARRAY:
      if (is_null)
        return TRUE;
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return set_type_error (field, "an array", error);
      out->j = json_is_empty (node) ? NULL : json_node_copy (node);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static void
notify_field (GObject       *object,
              const SwField *field)
{
  char buf[PROPERTY_NAME_MAX];
  GParamSpec *pspec;

  field_property_name (field, buf, sizeof buf);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), buf);
  if (pspec != NULL)
    g_object_notify_by_pspec (object, pspec);
}

gboolean
sw_fields_from_json (gpointer       instance,
                     const SwField *fields,
                     guint          n_fields,
                     JsonObject    *object,
                     GError       **error)
{
  g_autofree FieldValue *values = NULL;
  g_autofree gboolean *present = NULL;
  gboolean ok = TRUE;
  guint i;

  g_return_val_if_fail (G_IS_OBJECT (instance), FALSE);
  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  values = g_new0 (FieldValue, n_fields);
  present = g_new0 (gboolean, n_fields);

  /* Everything is checked and converted before the instance is touched. */
  for (i = 0; i < n_fields && ok; i++)
    {
      JsonNode *node = NULL;

      if (!field_reads_json (&fields[i]))
        continue;

      ok = lookup_member (object, &fields[i], &node, error);
      if (ok && node != NULL)
        {
          ok = parse_member (&fields[i], node, &values[i], error);
          present[i] = TRUE;
        }
    }

  if (!ok)
    {
      for (i = 0; i < n_fields; i++)
        if (present[i])
          value_free (&fields[i], &values[i]);
      return FALSE;
    }

  g_object_freeze_notify (instance);
  for (i = 0; i < n_fields; i++)
    {
      if (present[i] && value_assign (&fields[i], instance, &values[i]))
        notify_field (instance, &fields[i]);
    }
  g_object_thaw_notify (instance);

  return TRUE;
}

static gboolean
check_object_node (JsonNode    *node,
                   GType        type,
                   GError     **error)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;

  g_set_error (error, SW_FIELDS_ERROR, SW_FIELDS_ERROR_INVALID_TYPE,
               "Expected a JSON object for %s", g_type_name (type));
  return FALSE;
}

gboolean
sw_fields_update_from_json (gpointer       instance,
                            const SwField *fields,
                            guint          n_fields,
                            JsonNode      *node,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_OBJECT (instance), FALSE);
  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_object_node (node, G_OBJECT_TYPE (instance), error))
    return FALSE;

  return sw_fields_from_json (instance, fields, n_fields, json_node_get_object (node), error);
}

gpointer
sw_fields_new_from_json (GType          type,
                         const SwField *fields,
                         guint          n_fields,
                         JsonNode      *node,
                         GError       **error)
{
  g_autoptr(GObject) object = NULL;

  g_return_val_if_fail (g_type_is_a (type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_object_node (node, type, error))
    return NULL;

  object = g_object_new (type, NULL);
  if (!sw_fields_from_json (object, fields, n_fields, json_node_get_object (node), error))
    return NULL;

  return g_steal_pointer (&object);
}

/* sw-fields.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Table-driven fields for the domain types. Each type describes its instance struct with
 * a static array of SwField; this file turns the table into GObject properties, frees
 * and copies the fields, and maps them to and from the contract's JSON shape. It is the
 * only place that knows the JSON shape of a domain object.
 *
 * Storage in the instance struct, by type:
 *   STRING, TIMESTAMP  char *        NULL and "" both mean empty
 *   BOOLEAN            gboolean
 *   INT                int
 *   DOUBLE             double
 *   STRV               char **       NULL and an empty vector both mean empty
 *   STRING_MAP         GHashTable *  char * → char *, both owned (g_free); NULL = empty
 *   JSON_ARRAY         JsonNode *    NULL = absent; the array kept as it came
 */

typedef enum
{
  SW_FIELD_STRING,
  SW_FIELD_BOOLEAN,
  SW_FIELD_INT,
  SW_FIELD_DOUBLE,
  SW_FIELD_STRV,        /* JSON array of strings */
  SW_FIELD_TIMESTAMP,   /* RFC 3339 string; always omitted when empty */
  SW_FIELD_STRING_MAP,  /* JSON object of strings */
  SW_FIELD_JSON_ARRAY,  /* any JSON array, kept as a JsonNode (transient data) */
} SwFieldType;

typedef enum
{
  SW_FIELD_NONE = 0,
  /* Left out of the JSON object when empty (false, 0, "", no items). */
  SW_FIELD_OMIT_EMPTY = 1 << 0,
  /* STRV: written as null when empty instead of []. */
  SW_FIELD_NULL_WHEN_EMPTY = 1 << 1,
  /* Written to JSON but ignored when reading JSON (runtime-only values). */
  SW_FIELD_READ_ONLY_JSON = 1 << 2,
  /* Never in JSON and no GObject property; still freed, copied and compared. */
  SW_FIELD_SECRET = 1 << 3,
  /* STRV: a set of names, stored trimmed, lowercased, without empties or duplicates. */
  SW_FIELD_STRV_NAME_SET = 1 << 4,
  /* STRV: a lone JSON string is read as a one-item array (legacy stored shapes). */
  SW_FIELD_STRV_ACCEPT_STRING = 1 << 5,
} SwFieldFlags;

typedef struct
{
  /* JSON member name. The property name is the same with '-' for '_', prefixed with
   * the group ("image_naming" + "thumb" → "image-naming-thumb"). */
  const char   *name;
  SwFieldType   type;
  gsize         offset;   /* G_STRUCT_OFFSET into the instance struct */
  SwFieldFlags  flags;
  /* When set, the member lives in a nested JSON object of this name. */
  const char   *group;
} SwField;

/* A table entry whose JSON member is named like the struct member. */
#define SW_FIELD_ENTRY(Struct, member, kind, field_flags) \
  { #member, SW_FIELD_##kind, G_STRUCT_OFFSET (Struct, member), (field_flags), NULL }

#define SW_FIELDS_ERROR (sw_fields_error_quark ())

typedef enum
{
  SW_FIELDS_ERROR_INVALID_TYPE,   /* a member has the wrong JSON type */
  SW_FIELDS_ERROR_INVALID_VALUE,  /* right type, unusable value (bad date, int overflow) */
} SwFieldsError;

GQuark     sw_fields_error_quark        (void);

/* Installs one read-write property per non-secret field, with ids first_prop_id + i,
 * and stores each pspec in pspecs[first_prop_id + i] (pspecs may be NULL). Secret fields
 * leave their slot NULL. Set the class's get_property/set_property to the two functions
 * below: they find the field from the pspec, so one pair serves every type. */
void       sw_fields_install_properties (GObjectClass  *klass,
                                         const SwField *fields,
                                         guint          n_fields,
                                         guint          first_prop_id,
                                         GParamSpec   **pspecs);
void       sw_fields_get_property       (GObject       *object,
                                         guint          prop_id,
                                         GValue        *value,
                                         GParamSpec    *pspec);
/* Stores a copy of the value and notifies only when it changed. */
void       sw_fields_set_property       (GObject       *object,
                                         guint          prop_id,
                                         const GValue  *value,
                                         GParamSpec    *pspec);

/* Frees every owned field and resets it to empty (for finalize). */
void       sw_fields_clear              (gpointer       instance,
                                         const SwField *fields,
                                         guint          n_fields);
/* Replaces every field of dest by a deep copy of src's, secrets included, without
 * notifying. Meant for fresh objects (copies, snapshots). */
void       sw_fields_copy               (gpointer       dest,
                                         gconstpointer  src,
                                         const SwField *fields,
                                         guint          n_fields);
/* A new object of src's type with a deep copy of every field. */
gpointer   sw_fields_dup_object         (gpointer       src,
                                         const SwField *fields,
                                         guint          n_fields);
/* TRUE when every field is equal (empty forms compare equal), secrets included. */
gboolean   sw_fields_equal              (gconstpointer  a,
                                         gconstpointer  b,
                                         const SwField *fields,
                                         guint          n_fields);

/* A JSON object node in table order. Secret fields never appear. */
JsonNode  *sw_fields_to_json            (gpointer       instance,
                                         const SwField *fields,
                                         guint          n_fields);
/* Assigns the members present in object; unknown members are ignored, absent ones keep
 * their value. JSON null reads as empty for string, timestamp, strv, map and array
 * fields and is an error for boolean, int and double fields. Everything is validated
 * before anything is assigned, so on error the instance is unchanged. Changed fields
 * are notified (when instance is a GObject with the table's properties). */
gboolean   sw_fields_from_json          (gpointer       instance,
                                         const SwField *fields,
                                         guint          n_fields,
                                         JsonObject    *object,
                                         GError       **error);
/* sw_fields_from_json() for a node, which must be a JSON object. */
gboolean   sw_fields_update_from_json   (gpointer       instance,
                                         const SwField *fields,
                                         guint          n_fields,
                                         JsonNode      *node,
                                         GError       **error);
/* g_object_new (type) filled from node, which must be a JSON object. */
gpointer   sw_fields_new_from_json      (GType          type,
                                         const SwField *fields,
                                         guint          n_fields,
                                         JsonNode      *node,
                                         GError       **error);

G_END_DECLS

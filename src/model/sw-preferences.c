/* sw-preferences.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sw-preferences.h"
#include "sw-time.h"

#define SUPPRESS_PREFIX "suppress_confirm_"
#define MAX_KEY_LENGTH 128
#define MAX_SAVED_VIEWS 20
#define MAX_VIEW_NAME 50
#define MAX_VIEW_PARAMS 2000
#define MAX_SECTION_IDS 50
#define MAX_SECTION_ID 64

/* The registry ------------------------------------------------------------------------- */

typedef struct _Pref Pref;

/* Returns the canonical form of @value, or NULL with @error naming the key and rule. */
typedef char *(*Validator) (const Pref   *pref,
                            const char   *key,
                            const char   *value,
                            GError      **error);

struct _Pref
{
  const char *key;
  const char *default_value;
  Validator validate;
  const char *const *choices;   /* enums */
  gint64 min;                   /* integers */
  gint64 max;
  gboolean listed;              /* one of the keys of GET /preferences */
};

static char *validate_enum (const Pref *, const char *, const char *, GError **);
static char *validate_int (const Pref *, const char *, const char *, GError **);
static char *validate_languages (const Pref *, const char *, const char *, GError **);
static char *validate_saved_views (const Pref *, const char *, const char *, GError **);
static char *validate_section_ids (const Pref *, const char *, const char *, GError **);

static const char *const booleans[] = { "true", "false", NULL };
static const char *const themes[] = { "dark", "light", "system", NULL };
static const char *const sidebar_states[] = { "full", "icon-only", "hidden", NULL };
static const char *const content_widths[] = { "narrow", "wide", NULL };
static const char *const font_families[] = { "system", "inter", "atkinson", NULL };
static const char *const font_sizes[] = { "small", "medium", "large", "x-large", "xx-large", NULL };
static const char *const letter_spacings[] = { "normal", "wide", "extra-wide", NULL };
static const char *const thumbnail_sizes[] = { "small", "medium", "large", NULL };
static const char *const reduced_motions[] = { "system", "on", "off", NULL };
static const char *const lite_modes[] = { "off", "on", "auto", NULL };
static const char *const languages[] = { "en", NULL };
static const char *const densities[] = { "compact", "comfortable", "spacious", NULL };
static const char *const mono_fonts[] = { "system", "jetbrains", "cascadia", NULL };
static const char *const kbd_hints[] = { "show", "hide", NULL };
static const char *const on_off[] = { "off", "on", NULL };

#define ENUM(k, def, list, in_list) \
  { .key = k, .default_value = def, .validate = validate_enum, .choices = list, \
    .listed = in_list }
#define INT(k, def, lo, hi) \
  { .key = k, .default_value = def, .validate = validate_int, .min = lo, .max = hi, \
    .listed = TRUE }

/* domain-api §3.4. `listed` marks the contract's GET /preferences key set; the others
 * are reachable one by one (GET/PUT /preferences/{key}). */
static const Pref registry[] = {
  ENUM ("theme", "dark", themes, TRUE),
  ENUM ("sidebar_state", "full", sidebar_states, TRUE),
  ENUM ("content_width", "narrow", content_widths, TRUE),
  ENUM ("font_family", "inter", font_families, TRUE),
  ENUM ("font_size", "medium", font_sizes, TRUE),
  ENUM ("letter_spacing", "normal", letter_spacings, TRUE),
  ENUM ("thumbnail_size", "medium", thumbnail_sizes, TRUE),
  ENUM ("reduced_motion", "system", reduced_motions, TRUE),
  ENUM ("lite_mode", "off", lite_modes, TRUE),
  ENUM ("language", "en", languages, TRUE),
  ENUM ("notification_enabled", "true", booleans, TRUE),
  INT ("page_size", "50", 10, 500),
  { .key = "metadata_languages", .default_value = "[\"en\"]",
    .validate = validate_languages, .listed = TRUE },
  /* The default is the instance setting of the same name (see default_for()). */
  ENUM ("auto_fetch_images", NULL, booleans, TRUE),
  ENUM ("metadata_name_romanization_fallback", "true", booleans, TRUE),
  INT ("bg_opacity", "85", 20, 100),

  ENUM ("density", "comfortable", densities, FALSE),
  ENUM ("mono_font", "jetbrains", mono_fonts, FALSE),
  ENUM ("kbd_hints", "show", kbd_hints, FALSE),
  ENUM ("touch_friendly", "off", on_off, FALSE),
  ENUM ("show_platform_debug", "false", booleans, FALSE),
  { .key = "saved_views", .default_value = "[]", .validate = validate_saved_views },
  { .key = "artist_detail_section_order", .default_value = "[]",
    .validate = validate_section_ids },
  { .key = "artist_detail_hidden_sections", .default_value = "[]",
    .validate = validate_section_ids },
  { .key = "artist_detail_collapsed_sections", .default_value = "[]",
    .validate = validate_section_ids },
};

#undef ENUM
#undef INT

/* suppress_confirm_<action>, action = [a-z0-9_-]+ */
static const Pref suppress_confirm = {
  .key = SUPPRESS_PREFIX "*", .default_value = "false", .validate = validate_enum,
  .choices = booleans,
};

static const Pref *
find_pref (const char *key)
{
  const char *action;

  if (key == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (registry); i++)
    if (strcmp (registry[i].key, key) == 0)
      return &registry[i];

  if (!g_str_has_prefix (key, SUPPRESS_PREFIX) || strlen (key) > MAX_KEY_LENGTH)
    return NULL;

  action = key + strlen (SUPPRESS_PREFIX);
  if (*action == '\0')
    return NULL;
  for (const char *p = action; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_' && *p != '-')
      return NULL;

  return &suppress_confirm;
}

gboolean
sw_preferences_is_known_key (const char *key)
{
  return find_pref (key) != NULL;
}

/* Validators --------------------------------------------------------------------------- */

static void
set_invalid (GError     **error,
             const char  *key,
             const char  *rule)
{
  g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
               "invalid value for preference %s: %s", key, rule);
}

static char *
validate_enum (const Pref   *pref,
               const char   *key,
               const char   *value,
               GError      **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (value));

  if (!g_strv_contains (pref->choices, copy))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) pref->choices);
      g_autofree char *rule = g_strdup_printf ("must be one of %s", list);

      set_invalid (error, key, rule);
      return NULL;
    }

  return g_steal_pointer (&copy);
}

static char *
validate_int (const Pref   *pref,
              const char   *key,
              const char   *value,
              GError      **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (value));
  gint64 number;

  if (!g_ascii_string_to_signed (copy, 10, pref->min, pref->max, &number, NULL))
    {
      g_autofree char *rule = g_strdup_printf ("must be an integer from %" G_GINT64_FORMAT
                                               " to %" G_GINT64_FORMAT, pref->min, pref->max);
      set_invalid (error, key, rule);
      return NULL;
    }

  return g_strdup_printf ("%" G_GINT64_FORMAT, number);
}

static JsonArray *
parse_array (const char *text,
             JsonNode  **root)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  *root = NULL;
  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return NULL;

  *root = json_node_copy (json_parser_get_root (parser));
  return json_node_get_array (*root);
}

static const char *
string_item (JsonArray *array,
             guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

/* BCP 47 syntax: a 2–8 letter primary subtag, then subtags of 1–8 letters or digits. */
static gboolean
is_language_tag (const char *tag)
{
  g_auto(GStrv) subtags = g_strsplit (tag, "-", -1);

  for (guint i = 0; subtags[i] != NULL; i++)
    {
      gsize length = strlen (subtags[i]);

      if (length < (i == 0 ? 2 : 1) || length > 8)
        return FALSE;
      for (const char *p = subtags[i]; *p != '\0'; p++)
        if (i == 0 ? !g_ascii_isalpha (*p) : !g_ascii_isalnum (*p))
          return FALSE;
    }

  return subtags[0] != NULL;
}

static char *
validate_languages (const Pref   *pref,
                    const char   *key,
                    const char   *value,
                    GError      **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array = parse_array (value, &root);
  gboolean ok = array != NULL && json_array_get_length (array) > 0;

  for (guint i = 0; ok && i < json_array_get_length (array); i++)
    ok = string_item (array, i) != NULL && is_language_tag (string_item (array, i));

  if (!ok)
    {
      set_invalid (error, key, "must be a non-empty JSON array of BCP 47 language tags");
      return NULL;
    }

  return json_to_string (root, FALSE);
}

static gboolean
optional_string_member (JsonObject  *object,
                        const char  *member,
                        glong        max_chars)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;

  return json_node_get_value_type (node) == G_TYPE_STRING &&
         g_utf8_strlen (json_node_get_string (node), -1) <= max_chars;
}

static char *
validate_saved_views (const Pref   *pref,
                      const char   *key,
                      const char   *value,
                      GError      **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array = parse_array (value, &root);
  gboolean ok = array != NULL && json_array_get_length (array) <= MAX_SAVED_VIEWS;

  for (guint i = 0; ok && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *view;
      JsonNode *name;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          ok = FALSE;
          break;
        }

      view = json_node_get_object (item);
      name = json_object_get_member (view, "name");
      if (name == NULL || json_node_get_value_type (name) != G_TYPE_STRING)
        {
          ok = FALSE;
          break;
        }

      {
        g_autofree char *trimmed = g_strstrip (g_strdup (json_node_get_string (name)));

        ok = trimmed[0] != '\0' &&
             g_utf8_strlen (json_node_get_string (name), -1) <= MAX_VIEW_NAME &&
             optional_string_member (view, "params", MAX_VIEW_PARAMS) &&
             optional_string_member (view, "created_at", G_MAXLONG);
      }
    }

  if (!ok)
    {
      g_autofree char *rule =
        g_strdup_printf ("must be a JSON array of at most %d objects {name (1–%d characters, "
                         "not blank), params (at most %d characters), created_at}",
                         MAX_SAVED_VIEWS, MAX_VIEW_NAME, MAX_VIEW_PARAMS);
      set_invalid (error, key, rule);
      return NULL;
    }

  return json_to_string (root, FALSE);
}

static char *
validate_section_ids (const Pref   *pref,
                      const char   *key,
                      const char   *value,
                      GError      **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array = parse_array (value, &root);
  gboolean ok = array != NULL && json_array_get_length (array) <= MAX_SECTION_IDS;

  for (guint i = 0; ok && i < json_array_get_length (array); i++)
    {
      const char *id = string_item (array, i);

      ok = id != NULL && id[0] != '\0' && g_utf8_strlen (id, -1) <= MAX_SECTION_ID;
    }

  if (!ok)
    {
      g_autofree char *rule =
        g_strdup_printf ("must be a JSON array of at most %d non-empty ids of at most %d "
                         "characters", MAX_SECTION_IDS, MAX_SECTION_ID);
      set_invalid (error, key, rule);
      return NULL;
    }

  return json_to_string (root, FALSE);
}

static char *
check_value (const char  *key,
             const char  *value,
             GError     **error)
{
  const Pref *pref = find_pref (key);

  if (pref == NULL)
    {
      g_autofree char *shown = key != NULL ? g_utf8_make_valid (key, -1) : g_strdup ("");

      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   "unknown preference key “%s”", shown);
      return NULL;
    }

  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    {
      set_invalid (error, key, "must be UTF-8 text");
      return NULL;
    }

  return pref->validate (pref, key, value, error);
}

char *
sw_preferences_validate (const char  *key,
                         const char  *value,
                         GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return check_value (key, value, error);
}

/* The object ---------------------------------------------------------------------------- */

struct _SwPreferences
{
  GObject parent_instance;

  SwStore *store;
  SwSettings *settings;
};

G_DEFINE_FINAL_TYPE (SwPreferences, sw_preferences, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sw_preferences_finalize (GObject *object)
{
  SwPreferences *self = (SwPreferences *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sw_preferences_parent_class)->finalize (object);
}

static void
sw_preferences_class_init (SwPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sw_preferences_finalize;

  /**
   * SwPreferences::changed:
   * @user_id: whose preference changed
   * @key: the preference key
   *
   * Emitted after the write transaction, once per key written, with the key as the
   * detail, on the thread that made the change.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
sw_preferences_init (SwPreferences *self)
{
}

SwPreferences *
sw_preferences_new (SwStore    *store,
                    SwSettings *settings)
{
  SwPreferences *self;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || SW_IS_SETTINGS (settings), NULL);

  self = g_object_new (SW_TYPE_PREFERENCES, NULL);
  self->store = g_object_ref (store);
  if (settings != NULL)
    self->settings = g_object_ref (settings);

  return self;
}

static char *
default_for (SwPreferences *self,
             const Pref    *pref)
{
  if (pref->default_value != NULL)
    return g_strdup (pref->default_value);

  /* auto_fetch_images: the instance setting, false without one. */
  if (self->settings != NULL && sw_settings_get_boolean (self->settings, "auto_fetch_images"))
    return g_strdup ("true");

  return g_strdup ("false");
}

/* The value to show for a stored row: its canonical form, or the default when the row
 * no longer passes the rule (e.g. a page_size written by another version). */
static char *
effective_value (SwPreferences *self,
                 const Pref    *pref,
                 const char    *key,
                 const char    *stored)
{
  g_autoptr(GError) error = NULL;
  char *canonical;

  if (stored == NULL)
    return default_for (self, pref);

  canonical = pref->validate (pref, key, stored, &error);
  if (canonical != NULL)
    return canonical;

  g_message ("Stored preference %s is not valid (%s); using the default", key, error->message);
  return default_for (self, pref);
}

static gboolean
check_user (SwStore     *store,
            const char  *user_id,
            GError     **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store, "SELECT 1 FROM users WHERE id = ?1", error);
  g_autoptr(GError) local_error = NULL;

  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, user_id);
  if (sw_store_step (store, stmt, &local_error))
    return TRUE;

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND,
                 "no user with id “%s”", user_id);
  return FALSE;
}

/* Reading --------------------------------------------------------------------------------- */

typedef struct
{
  const char *user_id;
  const char *key;              /* one key, or NULL for all */
  GHashTable *rows;             /* out: key → stored value */
} ReadJob;

static gboolean
read_rows (SwStore   *store,
           gpointer   user_data,
           GError   **error)
{
  ReadJob *job = user_data;
  g_autoptr(SwStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!check_user (store, job->user_id, error))
    return FALSE;

  stmt = sw_store_prepare (store,
                           "SELECT key, value FROM user_preferences "
                           "WHERE user_id = ?1 AND (?2 IS NULL OR key = ?2)",
                           error);
  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, job->user_id);
  if (job->key != NULL)
    sw_stmt_bind_text (stmt, 2, job->key);

  while (sw_store_step (store, stmt, &local_error))
    g_hash_table_insert (job->rows, g_strdup (sw_stmt_column_text (stmt, 0)),
                         g_strdup (sw_stmt_column_text (stmt, 1)));

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

JsonNode *
sw_preferences_get_all (SwPreferences  *self,
                        const char     *user_id,
                        GError        **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonObject) object = json_object_new ();
  ReadJob job = { user_id, NULL, rows };
  JsonNode *node;

  g_return_val_if_fail (SW_IS_PREFERENCES (self), NULL);
  g_return_val_if_fail (user_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sw_store_read (self->store, read_rows, &job, error))
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (registry); i++)
    {
      const Pref *pref = &registry[i];

      g_autofree char *value = NULL;

      if (!pref->listed)
        continue;
      value = effective_value (self, pref, pref->key, g_hash_table_lookup (rows, pref->key));
      json_object_set_string_member (object, pref->key, value);
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

char *
sw_preferences_get (SwPreferences  *self,
                    const char     *user_id,
                    const char     *key,
                    GError        **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ReadJob job = { user_id, key, rows };
  const Pref *pref;

  g_return_val_if_fail (SW_IS_PREFERENCES (self), NULL);
  g_return_val_if_fail (user_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pref = find_pref (key);
  if (pref == NULL)
    {
      g_autofree char *shown = key != NULL ? g_utf8_make_valid (key, -1) : g_strdup ("");

      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   "unknown preference key “%s”", shown);
      return NULL;
    }

  if (!sw_store_read (self->store, read_rows, &job, error))
    return NULL;

  return effective_value (self, pref, key, g_hash_table_lookup (rows, key));
}

/* Writing ------------------------------------------------------------------------------ */

typedef struct
{
  const char *user_id;
  GPtrArray *keys;
  GPtrArray *values;
} WriteJob;

static gboolean
write_rows (SwStore   *store,
            gpointer   user_data,
            GError   **error)
{
  WriteJob *job = user_data;
  g_autofree char *now = sw_time_now_rfc3339 ();

  if (!check_user (store, job->user_id, error))
    return FALSE;

  for (guint i = 0; i < job->keys->len; i++)
    {
      g_autoptr(SwStmt) stmt = NULL;

      stmt = sw_store_prepare (store,
                               "INSERT INTO user_preferences (user_id, key, value, updated_at) "
                               "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (user_id, key) DO UPDATE "
                               "SET value = excluded.value, updated_at = excluded.updated_at",
                               error);
      if (stmt == NULL)
        return FALSE;

      sw_stmt_bind_text (stmt, 1, job->user_id);
      sw_stmt_bind_text (stmt, 2, g_ptr_array_index (job->keys, i));
      sw_stmt_bind_text (stmt, 3, g_ptr_array_index (job->values, i));
      sw_stmt_bind_text (stmt, 4, now);
      if (!sw_store_run (store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

gboolean
sw_preferences_set_many (SwPreferences  *self,
                         const char     *user_id,
                         GHashTable     *values,
                         GHashTable    **out_values,
                         GError        **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) canonical = g_ptr_array_new_with_free_func (g_free);
  g_autofree gpointer *sorted = NULL;
  WriteJob job = { user_id, keys, canonical };
  guint n_keys = 0;

  g_return_val_if_fail (SW_IS_PREFERENCES (self), FALSE);
  g_return_val_if_fail (user_id != NULL, FALSE);
  g_return_val_if_fail (values != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sorted = g_hash_table_get_keys_as_array (values, &n_keys);
  qsort (sorted, n_keys, sizeof (gpointer), compare_strings);

  for (guint i = 0; i < n_keys; i++)
    {
      char *value = check_value (sorted[i], g_hash_table_lookup (values, sorted[i]), error);

      if (value == NULL)
        return FALSE;
      g_ptr_array_add (keys, g_strdup (sorted[i]));
      g_ptr_array_add (canonical, value);
    }

  /* An empty change still reports an unknown user. */
  if (!sw_store_write (self->store, write_rows, &job, error))
    return FALSE;

  if (out_values != NULL)
    {
      *out_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; i < keys->len; i++)
        g_hash_table_insert (*out_values, g_strdup (keys->pdata[i]),
                             g_strdup (canonical->pdata[i]));
    }

  for (guint i = 0; i < keys->len; i++)
    g_signal_emit (self, signals[CHANGED], g_quark_from_string (keys->pdata[i]), user_id,
                   keys->pdata[i]);

  return TRUE;
}

gboolean
sw_preferences_set (SwPreferences  *self,
                    const char     *user_id,
                    const char     *key,
                    const char     *value,
                    char          **out_value,
                    GError        **error)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) written = NULL;

  g_return_val_if_fail (SW_IS_PREFERENCES (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_hash_table_insert (values, (gpointer) key, (gpointer) value);
  if (!sw_preferences_set_many (self, user_id, values, &written, error))
    return FALSE;

  if (out_value != NULL)
    *out_value = g_strdup (g_hash_table_lookup (written, key));

  return TRUE;
}

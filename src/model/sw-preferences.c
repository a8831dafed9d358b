/* sw-preferences.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sw-preferences.h"
#include "sw-time.h"
#include "sw-value-check.h"

#define SUPPRESS_PREFIX "suppress_confirm_"
#define MAX_KEY_LENGTH 128
#define MAX_SAVED_VIEWS 20
#define MAX_VIEW_NAME 50
#define MAX_VIEW_PARAMS 2000
#define MAX_SECTION_IDS 50
#define MAX_SECTION_ID 64

/* The registry ------------------------------------------------------------------------- */

typedef struct
{
  const char *key;
  const char *default_value;
  SwValueCheck validate;
  SwValueRule rule;
  gboolean listed;              /* one of the keys of GET /preferences */
} Pref;

static char *validate_languages (const SwValueRule *, const char *, GError **);
static char *validate_saved_views (const SwValueRule *, const char *, GError **);
static char *validate_section_ids (const SwValueRule *, const char *, GError **);

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
  { .key = k, .default_value = def, .validate = sw_value_check_enum, \
    .rule = { .choices = list }, .listed = in_list }
#define INT(k, def, lo, hi) \
  { .key = k, .default_value = def, .validate = sw_value_check_int, \
    .rule = { .min = lo, .max = hi }, .listed = TRUE }

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
  .key = SUPPRESS_PREFIX "*", .default_value = "false", .validate = sw_value_check_enum,
  .rule = { .choices = booleans },
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

/* The compact text of a JSON array of @min_items to @max_items items that all pass
 * @item_ok, or NULL. */
static char *
canonical_array (const char  *text,
                 guint        min_items,
                 guint        max_items,
                 gboolean   (*item_ok) (JsonNode *item))
{
  g_autoptr(JsonNode) root = sw_value_parse_json (text);
  JsonArray *array;
  guint length;

  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;

  array = json_node_get_array (root);
  length = json_array_get_length (array);
  if (length < min_items || length > max_items)
    return NULL;

  for (guint i = 0; i < length; i++)
    if (!item_ok (json_array_get_element (array, i)))
      return NULL;

  return json_to_string (root, FALSE);
}

static const char *
string_of (JsonNode *node)
{
  return json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

/* BCP 47 syntax: a 2–8 letter primary subtag, then subtags of 1–8 letters or digits. */
static gboolean
is_language_tag (JsonNode *item)
{
  const char *tag = string_of (item);
  g_auto(GStrv) subtags = NULL;

  if (tag == NULL)
    return FALSE;

  subtags = g_strsplit (tag, "-", -1);
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

static gboolean
optional_string_member (JsonObject  *object,
                        const char  *member,
                        glong        max_chars)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;

  return string_of (node) != NULL && g_utf8_strlen (string_of (node), -1) <= max_chars;
}

/* {name (not blank), params, created_at}, all strings. */
static gboolean
is_saved_view (JsonNode *item)
{
  JsonObject *view;
  const char *name;
  g_autofree char *trimmed = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (item))
    return FALSE;

  view = json_node_get_object (item);
  name = json_object_has_member (view, "name")
         ? string_of (json_object_get_member (view, "name")) : NULL;
  if (name == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (name));
  return trimmed[0] != '\0' && g_utf8_strlen (name, -1) <= MAX_VIEW_NAME &&
         optional_string_member (view, "params", MAX_VIEW_PARAMS) &&
         optional_string_member (view, "created_at", G_MAXLONG);
}

static gboolean
is_section_id (JsonNode *item)
{
  const char *id = string_of (item);

  return id != NULL && id[0] != '\0' && g_utf8_strlen (id, -1) <= MAX_SECTION_ID;
}

static char *
validate_languages (const SwValueRule  *rule,
                    const char         *value,
                    GError            **error)
{
  char *canonical = canonical_array (value, 1, G_MAXUINT, is_language_tag);

  if (canonical == NULL)
    sw_value_refuse (error, _("must be a non-empty JSON array of BCP 47 language tags"));

  return canonical;
}

static char *
validate_saved_views (const SwValueRule  *rule,
                      const char         *value,
                      GError            **error)
{
  char *canonical = canonical_array (value, 0, MAX_SAVED_VIEWS, is_saved_view);

  if (canonical == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("must be a JSON array of at most %d objects {name (1–%d characters, "
                           "not blank), params (at most %d characters), created_at}"),
                         MAX_SAVED_VIEWS, MAX_VIEW_NAME, MAX_VIEW_PARAMS);

      sw_value_refuse (error, message);
    }

  return canonical;
}

static char *
validate_section_ids (const SwValueRule  *rule,
                      const char         *value,
                      GError            **error)
{
  g_autofree char *message = NULL;
  char *canonical = canonical_array (value, 0, MAX_SECTION_IDS, is_section_id);

  if (canonical != NULL)
    return canonical;

  message = g_strdup_printf (_("must be a JSON array of at most %d non-empty ids of at most %d "
                               "characters"), MAX_SECTION_IDS, MAX_SECTION_ID);
  return sw_value_refuse (error, message);
}

static const Pref *
find_known_pref (const char  *key,
                 GError     **error)
{
  const Pref *pref = find_pref (key);

  if (pref == NULL)
    {
      g_autofree char *shown = sw_value_printable (key);

      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("unknown preference key “%s”"), shown);
    }

  return pref;
}

/* The canonical form of @value under @pref's rule, or NULL with an error naming @key. */
static char *
run_check (const Pref  *pref,
           const char  *key,
           const char  *value,
           GError     **error)
{
  char *canonical = NULL;

  if (sw_value_check_text (value, error))
    canonical = pref->validate (&pref->rule, value, error);
  if (canonical == NULL)
    g_prefix_error (error, _("invalid value for preference %s: "), key);

  return canonical;
}

static char *
check_value (const char  *key,
             const char  *value,
             GError     **error)
{
  const Pref *pref = find_known_pref (key, error);

  return pref != NULL ? run_check (pref, key, value, error) : NULL;
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

  canonical = run_check (pref, key, stored, &error);
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

  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, user_id);
  return sw_store_step_row (store, stmt, error, _("no user with id “%s”"), user_id);
}

/* Reading --------------------------------------------------------------------------------- */

typedef struct
{
  const char *user_id;
  const char *key;              /* one key, or NULL for all */
  GHashTable *rows;             /* out: key → stored value */
} ReadJob;

static void
add_row (SwStmt   *stmt,
         gpointer  rows)
{
  g_hash_table_insert (rows, g_strdup (sw_stmt_column_text (stmt, 0)),
                       g_strdup (sw_stmt_column_text (stmt, 1)));
}

static gboolean
read_rows (SwStore   *store,
           gpointer   user_data,
           GError   **error)
{
  ReadJob *job = user_data;
  g_autoptr(SwStmt) stmt = NULL;

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

  return sw_store_foreach_row (store, stmt, add_row, job->rows, error);
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

  pref = find_known_pref (key, error);
  if (pref == NULL)
    return NULL;

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

  sorted = sw_value_sorted_keys (values, &n_keys);

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

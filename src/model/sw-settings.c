/* sw-settings.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sw-settings.h"
#include "sw-time.h"
#include "sw-value-check.h"

#define MAX_KEY_LENGTH 128

/* The registry ------------------------------------------------------------------------- */

typedef enum
{
  KIND_STRING,
  KIND_BOOL,
  KIND_INT,
  KIND_DOUBLE,
  KIND_ENUM,
  KIND_CSV,
  KIND_JSON_ARRAY,
  KIND_JSON_OBJECT,
  KIND_JSON_OBJECT_OR_NULL,
} Kind;

typedef enum
{
  FLAG_NONE = 0,
  /* A pattern: each '*' stands for one dot-free segment. */
  FLAG_PATTERN = 1 << 0,
  /* Refused by the setters and never listed: the value belongs in SwSecrets. */
  FLAG_SECRET = 1 << 1,
  /* Accepted as input only; written under another key (see translate_virtual()). */
  FLAG_VIRTUAL = 1 << 2,
  /* Read for compatibility; superseded by another key. */
  FLAG_LEGACY = 1 << 3,
} Flags;

typedef struct
{
  const char *key;
  Kind kind;
  const char *default_value;    /* NULL: unset, no default */
  SwValueCheck validate;        /* NULL: stored as sent */
  SwValueRule rule;             /* bounds (KIND_INT), choices (KIND_ENUM) */
  Flags flags;
  const char *fallback_key;     /* read when unset, before the default */
  const char *legacy_key;       /* an older key read when unset … */
  int legacy_factor;            /* … and multiplied by this */
} Entry;

static char *validate_zero_or_min (const SwValueRule *, const char *, GError **);
static char *validate_must_be_true (const SwValueRule *, const char *, GError **);
static char *validate_csv (const SwValueRule *, const char *, GError **);
static char *validate_base_path (const SwValueRule *, const char *, GError **);
static char *validate_nfo_sources (const SwValueRule *, const char *, GError **);
static char *validate_nfo_remap (const SwValueRule *, const char *, GError **);

static const char *const musicbrainz_contributions[] = { "disabled", "web_form", "api", NULL };
static const char *const auth_methods[] = { "local", "emby", "jellyfin", NULL };
static const char *const log_levels[] = { "trace", "debug", "info", "warn", "error", NULL };
static const char *const log_formats[] = { "text", "json", NULL };
static const char *const baseline_choices[] = { "yes", "no", NULL };
static const char *const nfo_sources[] = { "genres", "styles", "moods", NULL };
static const char *const nfo_elements[] = { "genre", "style", "mood", NULL };

#define DEFAULT_EXCLUSIONS "Various Artists, Various, VA, Soundtrack, OST"
#define DEFAULT_VOCAB "{\"exclude\":[],\"max_genres\":0,\"max_styles\":0,\"max_moods\":0}"

/* Shorthands for the table. */
#define INT(k, def, lo, hi) \
  { .key = k, .kind = KIND_INT, .default_value = def, .validate = sw_value_check_int, \
    .rule = { .min = lo, .max = hi } }
#define BOOL(k, def) \
  { .key = k, .kind = KIND_BOOL, .default_value = def, .validate = sw_value_check_bool }
#define ENUM(k, def, list) \
  { .key = k, .kind = KIND_ENUM, .default_value = def, .validate = sw_value_check_enum, \
    .rule = { .choices = list } }
#define PLAIN(k, kind_, def) \
  { .key = k, .kind = kind_, .default_value = def }
#define PRIORITY(field, def) \
  { .key = "provider.priority." field, .kind = KIND_JSON_ARRAY, .default_value = def }
#define PATTERN(k, kind_, def) \
  { .key = k, .kind = kind_, .default_value = def, .flags = FLAG_PATTERN }
#define SECRET(k) \
  { .key = k, .kind = KIND_STRING, .flags = FLAG_PATTERN | FLAG_SECRET }
/* Emby and Jellyfin sign-in have the same keys; the server URL falls back to the shared
 * auth.server_url. */
#define MEDIA_SERVER_AUTH(p) \
  PLAIN ("auth.providers." p ".enabled", KIND_BOOL, "false"), \
  PLAIN ("auth.providers." p ".auto_provision", KIND_BOOL, "false"), \
  PLAIN ("auth.providers." p ".guard_rail", KIND_STRING, "admin"), \
  PLAIN ("auth.providers." p ".default_role", KIND_STRING, "operator"), \
  { .key = "auth.providers." p ".server_url", .kind = KIND_STRING, \
    .fallback_key = "auth.server_url" }

/* Every key the reference knows (domain-api §3.1–3.3, 3.6, 3.8; domain-core §1.3–1.4;
 * domain-integrations §1.6). A key with a validator is checked and canonicalised on every
 * write; all others are stored as sent. */
static const Entry registry[] = {
  /* Validated keys of the reference's PUT /settings (domain-api §3.2). */
  { .key = "rule_schedule.interval_minutes", .kind = KIND_INT, .default_value = "0",
    .validate = validate_zero_or_min, .rule = { .min = 5, .max = G_MAXINT },
    .legacy_key = "rule_schedule.interval_hours", .legacy_factor = 60 },
  INT ("backup_retention_count", "7", 1, G_MAXINT),
  INT ("backup_max_age_days", "0", 0, G_MAXINT),
  INT ("backup.interval_hours", "24", 1, G_MAXINT),
  INT ("cache.image.max_size_mb", "0", 0, G_MAXINT),
  INT ("images.backdrop.target_count", "1", 1, 10),
  INT ("provider.name_similarity_threshold", "60", 0, 100),
  INT ("rule_engine.artist_workers", "2", 1, 64),
  { .key = "scanner.exclusions", .kind = KIND_CSV, .default_value = DEFAULT_EXCLUSIONS,
    .validate = validate_csv },
  BOOL ("scanner.mtime_fast_path", "true"),
  ENUM ("musicbrainz.contributions", "disabled", musicbrainz_contributions),
  ENUM ("auth.method", "local", auth_methods),
  { .key = "server.base_path", .kind = KIND_STRING, .default_value = "/",
    .validate = validate_base_path },
  { .key = "auth.providers.local.enabled", .kind = KIND_BOOL, .default_value = "true",
    .validate = validate_must_be_true },
  BOOL ("mbid_revalidate.enabled", "false"),
  INT ("mbid_revalidate.interval_hours", "24", 1, G_MAXINT),
  INT ("mbid_revalidate.max_per_pass", "200", 1, G_MAXINT),
  INT ("mbid_revalidate.name_similarity_threshold", "80", 0, 100),
  INT ("mbid_revalidate.catalogue_match_percent", "25", 0, 100),

  /* Keys whose dedicated endpoint has a rule (§3.6, §3.8): validated here on every
   * path, including PUT /settings, which the reference would store as sent. */
  ENUM ("logging.level", "info", log_levels),
  ENUM ("logging.format", "json", log_formats),
  BOOL ("nfo.output.default_behavior", "true"),
  BOOL ("nfo.output.moods_as_styles", "false"),
  { .key = "nfo.output.genre_sources", .kind = KIND_JSON_ARRAY,
    .default_value = "[\"genres\"]", .validate = validate_nfo_sources },
  { .key = "nfo.output.advanced_remap", .kind = KIND_JSON_OBJECT_OR_NULL,
    .default_value = "null", .validate = validate_nfo_remap },

  /* PUT /settings input only: "yes" → foreign_files.baseline_completed = "true",
   * "no" → "". */
  { .key = "onboarding.baseline_choice", .kind = KIND_ENUM, .validate = sw_value_check_enum,
    .rule = { .choices = baseline_choices }, .flags = FLAG_VIRTUAL },

  /* Known keys without a rule (§3.3, domain-core §1.4): stored as sent. */
  PLAIN ("auto_fetch_images", KIND_BOOL, "false"),
  PLAIN ("show_platform_debug", KIND_BOOL, "false"),
  PLAIN ("notif_badge_enabled", KIND_BOOL, "true"),
  PLAIN ("notif_badge_severity_error", KIND_BOOL, "true"),
  PLAIN ("notif_badge_severity_warning", KIND_BOOL, "true"),
  PLAIN ("notif_badge_severity_info", KIND_BOOL, "false"),
  PLAIN ("multi_user.enabled", KIND_BOOL, "false"),
  PLAIN ("auth.server_url", KIND_STRING, NULL),
  MEDIA_SERVER_AUTH ("emby"),
  MEDIA_SERVER_AUTH ("jellyfin"),
  PLAIN ("auth.providers.oidc.enabled", KIND_BOOL, "false"),
  PLAIN ("auth.providers.oidc.issuer_url", KIND_STRING, ""),
  PLAIN ("auth.providers.oidc.client_id", KIND_STRING, ""),
  PLAIN ("auth.providers.oidc.auto_provision", KIND_BOOL, "false"),
  PLAIN ("auth.providers.oidc.admin_groups", KIND_STRING, ""),
  PLAIN ("auth.providers.oidc.user_groups", KIND_STRING, ""),
  PLAIN ("auth.providers.oidc.default_role", KIND_STRING, "operator"),
  PLAIN ("auth.providers.oidc.display_name", KIND_STRING, ""),
  PLAIN ("auth.providers.oidc.logo_url", KIND_STRING, ""),
  PLAIN ("users.inactive_threshold_days", KIND_INT, "90"),
  PLAIN ("ui.artists_view", KIND_STRING, "table"),
  PLAIN ("onboarding.completed", KIND_BOOL, NULL),
  PLAIN ("onboarding.step", KIND_INT, NULL),
  PLAIN ("onboarding.conflict_check_completed_at", KIND_STRING, NULL),
  PLAIN ("foreign_files.baseline_completed", KIND_BOOL, NULL),
  PLAIN ("foreign_files.baseline_count", KIND_INT, NULL),
  PLAIN ("foreign_file_scan.interval_hours", KIND_INT, "6"),
  PLAIN ("shared_filesystem.dismissed", KIND_BOOL, NULL),
  PLAIN ("lock_sync.interval_minutes", KIND_INT, "30"),
  PLAIN ("lock_damage_repair.completed_at", KIND_STRING, NULL),
  PLAIN ("db_maintenance.enabled", KIND_BOOL, "true"),
  PLAIN ("db_maintenance.interval_hours", KIND_INT, "24"),
  PLAIN ("db_maintenance.last_optimize_at", KIND_STRING, NULL),
  PLAIN ("logging.file_path", KIND_STRING, ""),
  PLAIN ("logging.file_max_size_mb", KIND_INT, "10"),
  PLAIN ("logging.file_max_files", KIND_INT, "5"),
  PLAIN ("logging.file_max_age_days", KIND_INT, "30"),
  PLAIN ("updater.channel", KIND_STRING, "stable"),
  PLAIN ("updater.enabled", KIND_BOOL, "true"),
  PLAIN ("updater.auto_check", KIND_BOOL, "false"),
  PLAIN ("updater.auto_update", KIND_BOOL, "false"),
  PLAIN ("updater.check_interval_hours", KIND_INT, "24"),
  PLAIN ("updater.skipped_versions", KIND_JSON_ARRAY, "[]"),
  PLAIN ("updater.last_auto_applied", KIND_STRING, NULL),
  PLAIN ("updater.last_auto_applied_version", KIND_STRING, NULL),
  PLAIN ("metadata_vocab", KIND_JSON_OBJECT, DEFAULT_VOCAB),
  { .key = "rule_schedule.interval_hours", .kind = KIND_INT, .flags = FLAG_LEGACY },

  /* Provider priorities: the built-in lists (the seed of the reference's migration 001
   * after 007), here defaults instead of rows. */
  PRIORITY ("biography", "[\"musicbrainz\",\"lastfm\",\"audiodb\",\"discogs\"]"),
  PRIORITY ("genres", "[\"musicbrainz\",\"lastfm\",\"audiodb\",\"discogs\"]"),
  PRIORITY ("styles", "[\"audiodb\",\"discogs\"]"),
  PRIORITY ("moods", "[\"audiodb\"]"),
  PRIORITY ("members", "[\"musicbrainz\",\"wikidata\"]"),
  PRIORITY ("formed", "[\"musicbrainz\",\"wikidata\",\"audiodb\"]"),
  PRIORITY ("born", "[\"musicbrainz\",\"wikidata\",\"wikipedia\"]"),
  PRIORITY ("died", "[\"musicbrainz\",\"wikidata\",\"wikipedia\"]"),
  PRIORITY ("disbanded", "[\"musicbrainz\",\"wikidata\",\"wikipedia\"]"),
  PRIORITY ("years_active", "[\"wikipedia\",\"audiodb\",\"musicbrainz\"]"),
  PRIORITY ("type", "[\"musicbrainz\",\"wikidata\",\"discogs\"]"),
  PRIORITY ("gender", "[\"musicbrainz\",\"wikidata\"]"),
  PRIORITY ("origin", "[\"wikipedia\",\"audiodb\",\"wikidata\",\"musicbrainz\"]"),
  PRIORITY ("thumb", "[\"fanarttv\",\"audiodb\",\"deezer\"]"),
  PRIORITY ("fanart", "[\"fanarttv\",\"audiodb\"]"),
  PRIORITY ("logo", "[\"fanarttv\",\"audiodb\"]"),
  PRIORITY ("banner", "[\"fanarttv\",\"audiodb\"]"),

  /* Families of keys. Checked after the exact names, in this order. */
  PATTERN ("provider.priority.*.disabled", KIND_JSON_ARRAY, NULL),
  PATTERN ("provider.priority.*", KIND_JSON_ARRAY, NULL),
  PATTERN ("provider.websearch.*.enabled", KIND_BOOL, "false"),
  PATTERN ("provider.*.key_status", KIND_STRING, NULL),
  PATTERN ("provider.*.base_url", KIND_STRING, NULL),
  PATTERN ("provider.*.rate_limit", KIND_DOUBLE, NULL),
  PATTERN ("provider.*.rate_limit_ceiling", KIND_DOUBLE, NULL),
  PATTERN ("provider.*.field_verbosity.*", KIND_STRING, NULL),
  SECRET ("provider.*.api_key"),
  SECRET ("webhook.inbound.*.secret"),
};

#undef INT
#undef BOOL
#undef ENUM
#undef PLAIN
#undef PRIORITY
#undef PATTERN
#undef SECRET
#undef MEDIA_SERVER_AUTH

/* Key segments that name a secret: the reference's log-redaction list (§3.6). */
static const char *const secret_segments[] = {
  "api_key", "apikey", "api-key", "password", "passwd", "secret", "client_secret", "token",
  "access_token", "refresh_token", "private_key", "privatekey", "authorization",
  "hmac_secret", NULL
};
static const char *const secret_suffixes[] = {
  "_api_key", "_apikey", "_password", "_passwd", "_secret", "_token", NULL
};

static gboolean
pattern_matches (const char *pattern,
                 const char *key)
{
  while (*pattern != '\0')
    {
      if (*pattern == '*')
        {
          const char *start = key;

          while (*key != '\0' && *key != '.')
            key++;
          if (key == start)
            return FALSE;
          pattern++;
        }
      else if (*pattern++ != *key++)
        return FALSE;
    }

  return *key == '\0';
}

static const Entry *
find_entry (const char *key)
{
  if (key == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (registry); i++)
    if (!(registry[i].flags & FLAG_PATTERN) && strcmp (registry[i].key, key) == 0)
      return &registry[i];

  for (gsize i = 0; i < G_N_ELEMENTS (registry); i++)
    if ((registry[i].flags & FLAG_PATTERN) && pattern_matches (registry[i].key, key))
      return &registry[i];

  return NULL;
}

gboolean
sw_settings_is_known_key (const char *key)
{
  return find_entry (key) != NULL;
}

gboolean
sw_settings_is_validated_key (const char *key)
{
  const Entry *entry = find_entry (key);

  return entry != NULL && entry->validate != NULL;
}

gboolean
sw_settings_is_secret_key (const char *key)
{
  const Entry *entry = find_entry (key);
  g_auto(GStrv) segments = NULL;

  if (entry != NULL)
    return (entry->flags & FLAG_SECRET) != 0;
  if (key == NULL)
    return FALSE;

  segments = g_strsplit (key, ".", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      g_autofree char *segment = g_ascii_strdown (segments[i], -1);

      if (g_strv_contains (secret_segments, segment))
        return TRUE;
      for (guint j = 0; secret_suffixes[j] != NULL; j++)
        if (g_str_has_suffix (segment, secret_suffixes[j]))
          return TRUE;
    }

  return FALSE;
}

/* Letters, digits, '.', '_' and '-'; no empty segment. */
static gboolean
key_is_well_formed (const char *key)
{
  gsize length = strlen (key);

  if (length == 0 || length > MAX_KEY_LENGTH || key[0] == '.' || key[length - 1] == '.' ||
      strstr (key, "..") != NULL)
    return FALSE;

  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
      return FALSE;

  return TRUE;
}

/* Validators --------------------------------------------------------------------------- */

/* Names the key (or JSON member) that a refusal is about. */
static void
name_key (GError     **error,
          const char  *key)
{
  g_prefix_error (error, _("invalid value for %s: "), key);
}

static void
set_invalid (GError     **error,
             const char  *key,
             const char  *rule)
{
  sw_value_refuse (error, rule);
  name_key (error, key);
}

static char *
validate_zero_or_min (const SwValueRule  *rule,
                      const char         *value,
                      GError            **error)
{
  gint64 number;

  if (!sw_value_parse_int (value, 0, rule->max, &number) || (number != 0 && number < rule->min))
    {
      g_autofree char *min = g_strdup_printf ("%" G_GINT64_FORMAT, rule->min);
      g_autofree char *message = g_strdup_printf (_("must be 0 (off) or an integer of at "
                                                    "least %s"), min);

      return sw_value_refuse (error, message);
    }

  return g_strdup_printf ("%" G_GINT64_FORMAT, number);
}

/* Local sign-in is the break-glass path: it cannot be switched off. */
static char *
validate_must_be_true (const SwValueRule  *rule,
                       const char         *value,
                       GError            **error)
{
  gboolean flag;

  if (!sw_value_parse_bool (value, &flag) || !flag)
    return sw_value_refuse (error, _("must be true (local sign-in cannot be disabled)"));

  return g_strdup ("true");
}

static char *
validate_csv (const SwValueRule  *rule,
              const char         *value,
              GError            **error)
{
  return sw_value_csv_canonical (value);
}

/* Empty or "/" means the root; otherwise "/segment[/segment…]" of [A-Za-z0-9_-]. */
static char *
validate_base_path (const SwValueRule  *rule,
                    const char         *value,
                    GError            **error)
{
  g_autofree char *path = g_strstrip (g_strdup (value));
  gsize length = strlen (path);
  gboolean ok;

  if (length == 0 || strcmp (path, "/") == 0)
    return g_strdup ("/");

  ok = path[0] == '/' && path[length - 1] != '/' && strstr (path, "//") == NULL;
  for (const char *p = path; ok && *p != '\0'; p++)
    ok = g_ascii_isalnum (*p) || *p == '/' || *p == '-' || *p == '_';

  if (!ok)
    return sw_value_refuse (error, _("must start with '/', must not end with '/' or contain "
                                     "'//', and may only contain letters, digits, '-', '_' "
                                     "and '/'"));

  return g_steal_pointer (&path);
}

static char *
json_compact (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

/* An array whose items are strings from @allowed. */
static gboolean
is_source_array (JsonNode          *node,
                 const char *const *allowed)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (json_node_get_value_type (item) != G_TYPE_STRING ||
          !g_strv_contains (allowed, json_node_get_string (item)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_nfo_remap (JsonNode *node)
{
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (nfo_elements, l->data) ||
        !is_source_array (json_object_get_member (object, l->data), nfo_sources))
      return FALSE;

  return TRUE;
}

/* Shared by the key validators and the members of PUT /settings/nfo-output. */
static const char nfo_sources_rule[] =
  N_("must be a JSON array of \"genres\", \"styles\" and \"moods\"");
static const char nfo_remap_rule[] =
  N_("must be null or a JSON object whose members \"genre\", \"style\" and \"mood\" are "
     "arrays of \"genres\", \"styles\" and \"moods\"");

static char *
validate_nfo_sources (const SwValueRule  *rule,
                      const char         *value,
                      GError            **error)
{
  g_autoptr(JsonNode) node = sw_value_parse_json (value);

  if (!is_source_array (node, nfo_sources))
    return sw_value_refuse (error, _(nfo_sources_rule));

  return json_compact (node);
}

static char *
validate_nfo_remap (const SwValueRule  *rule,
                    const char         *value,
                    GError            **error)
{
  g_autoptr(JsonNode) node = sw_value_parse_json (value);

  if (!is_nfo_remap (node))
    return sw_value_refuse (error, _(nfo_remap_rule));

  return json_compact (node);
}

/* The canonical form of @value under @entry's rule, or NULL with an error naming @key. */
static char *
run_check (const Entry  *entry,
           const char   *key,
           const char   *value,
           GError      **error)
{
  char *canonical = entry->validate (&entry->rule, value, error);

  if (canonical == NULL)
    name_key (error, key);

  return canonical;
}

/* The whole check of one incoming key/value: the key to write and its canonical value. */
static gboolean
prepare_write (const char  *key,
               const char  *value,
               char       **out_key,
               char       **out_value,
               GError     **error)
{
  const Entry *entry;
  g_autofree char *canonical = NULL;

  if (key == NULL || !g_utf8_validate (key, -1, NULL) || !key_is_well_formed (key))
    {
      g_autofree char *shown = sw_value_printable (key);

      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("invalid setting key “%s”: use 1 to %d letters, digits, '.', '_' or '-'"),
                   shown, MAX_KEY_LENGTH);
      return FALSE;
    }

  if (sw_settings_is_secret_key (key))
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("%s names a secret; secrets are not stored in settings"), key);
      return FALSE;
    }

  if (!sw_value_check_text (value, error))
    {
      name_key (error, key);
      return FALSE;
    }

  entry = find_entry (key);
  if (entry != NULL && entry->validate != NULL)
    {
      canonical = run_check (entry, key, value, error);
      if (canonical == NULL)
        return FALSE;
    }
  else
    canonical = g_strdup (value);

  if (entry != NULL && (entry->flags & FLAG_VIRTUAL))
    {
      /* The only virtual key: onboarding.baseline_choice. */
      *out_key = g_strdup ("foreign_files.baseline_completed");
      *out_value = g_strdup (strcmp (canonical, "yes") == 0 ? "true" : "");
      return TRUE;
    }

  *out_key = g_strdup (key);
  *out_value = g_steal_pointer (&canonical);
  return TRUE;
}

char *
sw_settings_validate (const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_autofree char *out_key = NULL;
  char *out_value = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!prepare_write (key, value, &out_key, &out_value, error))
    return NULL;

  return out_value;
}

/* The object ---------------------------------------------------------------------------- */

struct _SwSettings
{
  GObject parent_instance;

  SwStore *store;
};

G_DEFINE_FINAL_TYPE (SwSettings, sw_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
sw_settings_finalize (GObject *object)
{
  SwSettings *self = (SwSettings *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (sw_settings_parent_class)->finalize (object);
}

static void
sw_settings_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SwSettings *self = SW_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_settings_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SwSettings *self = SW_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_settings_class_init (SwSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sw_settings_finalize;
  object_class->get_property = sw_settings_get_property;
  object_class->set_property = sw_settings_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SwSettings::changed:
   * @key: the key that was written or reset
   *
   * Emitted after a write transaction, once per key it wrote, with the key as the
   * detail ("changed::logging.level"), on the thread that made the change.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sw_settings_init (SwSettings *self)
{
}

SwSettings *
sw_settings_new (SwStore *store)
{
  g_return_val_if_fail (SW_IS_STORE (store), NULL);

  return g_object_new (SW_TYPE_SETTINGS, "store", store, NULL);
}

SwStore *
sw_settings_get_store (SwSettings *self)
{
  g_return_val_if_fail (SW_IS_SETTINGS (self), NULL);

  return self->store;
}

static void
emit_changed (SwSettings *self,
              GPtrArray  *keys)
{
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      g_signal_emit (self, signals[CHANGED], g_quark_from_string (key), key);
    }
}

/* Reading --------------------------------------------------------------------------------- */

/* Looks a row up: in the store, or in a table of rows already read. */
typedef struct
{
  SwSettings *self;
  GHashTable *rows;             /* key → value, or NULL to ask the store */
} Rows;

static char *
read_row (Rows       *rows,
          const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStmt) stmt = NULL;

  if (rows->rows != NULL)
    return g_strdup (g_hash_table_lookup (rows->rows, key));

  stmt = sw_store_prepare (rows->self->store, "SELECT value FROM settings WHERE key = ?1", &error);
  if (stmt != NULL)
    {
      sw_stmt_bind_text (stmt, 1, key);
      if (sw_store_step (rows->self->store, stmt, &error))
        return g_strdup (sw_stmt_column_text (stmt, 0));
    }

  if (error != NULL)
    g_warning ("Cannot read setting %s: %s", key, error->message);

  return NULL;
}

/* The stored value, else the legacy or fallback key's, else the default. */
static char *
lookup (Rows        *rows,
        const Entry *entry,
        const char  *key)
{
  char *value = read_row (rows, key);

  if (value != NULL || entry == NULL)
    return value;

  if (entry->legacy_key != NULL)
    {
      g_autofree char *legacy = read_row (rows, entry->legacy_key);
      gint64 number;

      if (legacy != NULL &&
          sw_value_parse_int (legacy, 0, G_MAXINT / entry->legacy_factor, &number))
        return g_strdup_printf ("%" G_GINT64_FORMAT, number * entry->legacy_factor);
    }

  if (entry->fallback_key != NULL)
    {
      value = read_row (rows, entry->fallback_key);
      if (value != NULL)
        return value;
    }

  return g_strdup (entry->default_value);
}

char *
sw_settings_get (SwSettings *self,
                 const char *key)
{
  Rows rows = { self, NULL };

  g_return_val_if_fail (SW_IS_SETTINGS (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return lookup (&rows, find_entry (key), key);
}

/* The value a typed getter works from: a stored value that fails the key's rule is
 * replaced by the default, with a message. */
static char *
lookup_checked (SwSettings  *self,
                const char  *key,
                const Entry *entry)
{
  Rows rows = { self, NULL };
  g_autofree char *value = lookup (&rows, entry, key);
  g_autoptr(GError) error = NULL;
  char *canonical;

  if (value == NULL || entry->validate == NULL)
    return g_steal_pointer (&value);

  canonical = run_check (entry, key, value, &error);
  if (canonical != NULL)
    return canonical;

  g_message ("Stored setting %s is not valid (%s); using the default", key, error->message);
  return g_strdup (entry->default_value);
}

static const Entry *
typed_entry (const char *key,
             const char *getter)
{
  const Entry *entry = find_entry (key);

  if (entry == NULL)
    g_critical ("%s: unknown setting key “%s”", getter, key);

  return entry;
}

/* What the scalar getters read: one member per kind. */
typedef union
{
  gboolean flag;                /* KIND_BOOL */
  gint64 number;                /* KIND_INT, within int */
  double real;                  /* KIND_DOUBLE */
} Scalar;

static gboolean
parse_scalar (Kind        kind,
              const char *text,
              Scalar     *out)
{
  if (text == NULL)
    return FALSE;

  if (kind == KIND_BOOL)
    return sw_value_parse_bool (text, &out->flag);
  if (kind == KIND_INT)
    return sw_value_parse_int (text, G_MININT, G_MAXINT, &out->number);

  g_assert (kind == KIND_DOUBLE);
  return sw_value_parse_double (text, &out->real);
}

/* The checked stored value read as @kind, else the default read as @kind, else zero (also
 * for an unknown key). */
static Scalar
get_scalar (SwSettings *self,
            const char *key,
            const char *getter,
            Kind        kind)
{
  const Entry *entry = typed_entry (key, getter);
  g_autofree char *value = NULL;
  Scalar scalar = { 0 };

  if (entry == NULL)
    return scalar;

  value = lookup_checked (self, key, entry);
  if (parse_scalar (kind, value, &scalar) || parse_scalar (kind, entry->default_value, &scalar))
    return scalar;

  /* A failed parse may have written part of it. */
  return (Scalar) { 0 };
}

gboolean
sw_settings_get_boolean (SwSettings *self,
                         const char *key)
{
  g_return_val_if_fail (SW_IS_SETTINGS (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return get_scalar (self, key, G_STRFUNC, KIND_BOOL).flag;
}

int
sw_settings_get_int (SwSettings *self,
                     const char *key)
{
  g_return_val_if_fail (SW_IS_SETTINGS (self), 0);
  g_return_val_if_fail (key != NULL, 0);

  return (int) get_scalar (self, key, G_STRFUNC, KIND_INT).number;
}

double
sw_settings_get_double (SwSettings *self,
                        const char *key)
{
  g_return_val_if_fail (SW_IS_SETTINGS (self), 0);
  g_return_val_if_fail (key != NULL, 0);

  return get_scalar (self, key, G_STRFUNC, KIND_DOUBLE).real;
}

/* The items of a JSON array of strings; NULL when @text is not one. */
static char **
json_string_array (const char *text)
{
  g_autoptr(JsonNode) node = sw_value_parse_json (text);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (json_node_get_value_type (item) != G_TYPE_STRING)
        return NULL;
      g_strv_builder_add (builder, json_node_get_string (item));
    }

  return g_strv_builder_end (builder);
}

static char **
strv_from_text (Kind        kind,
                const char *text)
{
  if (text == NULL)
    return NULL;

  if (kind == KIND_CSV)
    {
      g_autofree char *canonical = sw_value_csv_canonical (text);

      return canonical[0] == '\0' ? g_new0 (char *, 1) : g_strsplit (canonical, ", ", -1);
    }

  return json_string_array (text);
}

char **
sw_settings_get_strv (SwSettings *self,
                      const char *key)
{
  const Entry *entry;
  g_autofree char *value = NULL;
  char **items;

  g_return_val_if_fail (SW_IS_SETTINGS (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if ((entry = typed_entry (key, G_STRFUNC)) == NULL)
    return g_new0 (char *, 1);

  g_return_val_if_fail (entry->kind == KIND_CSV || entry->kind == KIND_JSON_ARRAY,
                        g_new0 (char *, 1));

  value = lookup_checked (self, key, entry);
  items = strv_from_text (entry->kind, value);
  if (items == NULL)
    items = strv_from_text (entry->kind, entry->default_value);

  return items != NULL ? items : g_new0 (char *, 1);
}

JsonNode *
sw_settings_get_json (SwSettings *self,
                      const char *key)
{
  const Entry *entry;
  g_autofree char *value = NULL;
  JsonNode *node;

  g_return_val_if_fail (SW_IS_SETTINGS (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if ((entry = typed_entry (key, G_STRFUNC)) == NULL)
    return NULL;

  value = lookup_checked (self, key, entry);
  node = sw_value_parse_json (value);
  if (node == NULL && value != NULL)
    {
      g_message ("Stored setting %s is not JSON; using the default", key);
      node = sw_value_parse_json (entry->default_value);
    }

  return node;
}

/* Writing ------------------------------------------------------------------------------ */

typedef struct
{
  GPtrArray *keys;              /* keys to write, in order */
  GPtrArray *values;            /* their canonical values */
  const char *reset_key;        /* or: delete this key … */
  const char *reset_prefix;     /* … or every key with this prefix */
  GPtrArray *changed;           /* out: the keys written or deleted */
} WriteJob;

static void
note_changed (SwStmt   *stmt,
              gpointer  changed)
{
  g_ptr_array_add (changed, g_strdup (sw_stmt_column_text (stmt, 0)));
}

static gboolean
write_rows (SwStore   *store,
            gpointer   user_data,
            GError   **error)
{
  WriteJob *job = user_data;
  g_autofree char *now = sw_time_now_rfc3339 ();

  for (guint i = 0; i < job->keys->len; i++)
    {
      const char *key = g_ptr_array_index (job->keys, i);
      g_autoptr(SwStmt) stmt = NULL;

      stmt = sw_store_prepare (store,
                               "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                               "updated_at = excluded.updated_at",
                               error);
      if (stmt == NULL)
        return FALSE;

      sw_stmt_bind_text (stmt, 1, key);
      sw_stmt_bind_text (stmt, 2, g_ptr_array_index (job->values, i));
      sw_stmt_bind_text (stmt, 3, now);
      if (!sw_store_run (store, stmt, error))
        return FALSE;

      /* Writing the minutes retires the legacy hours key. */
      if (strcmp (key, "rule_schedule.interval_minutes") == 0)
        {
          g_autoptr(SwStmt) legacy = NULL;

          legacy = sw_store_prepare (store, "DELETE FROM settings WHERE key = ?1", error);
          if (legacy == NULL)
            return FALSE;
          sw_stmt_bind_text (legacy, 1, "rule_schedule.interval_hours");
          if (!sw_store_run (store, legacy, error))
            return FALSE;
        }

      g_ptr_array_add (job->changed, g_strdup (key));
    }

  if (job->reset_key != NULL || job->reset_prefix != NULL)
    {
      g_autoptr(SwStmt) select = NULL;
      g_autoptr(SwStmt) delete = NULL;
      const char *pattern = job->reset_key != NULL ? job->reset_key : job->reset_prefix;
      gboolean is_prefix = job->reset_key == NULL;

      /* substr() instead of LIKE: keys contain '_', which LIKE treats as a wildcard. */
      select = sw_store_prepare (store,
                                 "SELECT key FROM settings WHERE "
                                 "CASE WHEN ?2 THEN substr (key, 1, length (?1)) = ?1 "
                                 "ELSE key = ?1 END ORDER BY key",
                                 error);
      if (select == NULL)
        return FALSE;
      sw_stmt_bind_text (select, 1, pattern);
      sw_stmt_bind_int64 (select, 2, is_prefix);
      if (!sw_store_foreach_row (store, select, note_changed, job->changed, error))
        return FALSE;

      delete = sw_store_prepare (store,
                                 "DELETE FROM settings WHERE "
                                 "CASE WHEN ?2 THEN substr (key, 1, length (?1)) = ?1 "
                                 "ELSE key = ?1 END",
                                 error);
      if (delete == NULL)
        return FALSE;
      sw_stmt_bind_text (delete, 1, pattern);
      sw_stmt_bind_int64 (delete, 2, is_prefix);
      if (!sw_store_run (store, delete, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
run_write (SwSettings  *self,
           WriteJob    *job,
           GError     **error)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  gboolean ok;

  job->changed = changed;
  ok = sw_store_write (self->store, write_rows, job, error);
  job->changed = NULL;

  if (ok)
    emit_changed (self, changed);

  return ok;
}

static gboolean
add_to_job (WriteJob    *job,
            const char  *key,
            const char  *value,
            GError     **error)
{
  char *out_key = NULL;
  char *out_value = NULL;

  if (!prepare_write (key, value, &out_key, &out_value, error))
    return FALSE;

  /* A later key that writes the same row wins (onboarding.baseline_choice sorts after
   * foreign_files.baseline_completed). */
  for (guint i = 0; i < job->keys->len; i++)
    if (strcmp (g_ptr_array_index (job->keys, i), out_key) == 0)
      {
        g_ptr_array_remove_index (job->keys, i);
        g_ptr_array_remove_index (job->values, i);
        break;
      }

  g_ptr_array_add (job->keys, out_key);
  g_ptr_array_add (job->values, out_value);
  return TRUE;
}

static void
write_job_init (WriteJob *job)
{
  memset (job, 0, sizeof *job);
  job->keys = g_ptr_array_new_with_free_func (g_free);
  job->values = g_ptr_array_new_with_free_func (g_free);
}

static void
write_job_clear (WriteJob *job)
{
  g_clear_pointer (&job->keys, g_ptr_array_unref);
  g_clear_pointer (&job->values, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WriteJob, write_job_clear)

gboolean
sw_settings_set (SwSettings  *self,
                 const char  *key,
                 const char  *value,
                 GError     **error)
{
  g_auto(WriteJob) job = { NULL, };

  g_return_val_if_fail (SW_IS_SETTINGS (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  write_job_init (&job);
  if (!add_to_job (&job, key, value, error))
    return FALSE;

  return run_write (self, &job, error);
}

gboolean
sw_settings_set_many (SwSettings  *self,
                      GHashTable  *values,
                      GError     **error)
{
  g_auto(WriteJob) job = { NULL, };
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;

  g_return_val_if_fail (SW_IS_SETTINGS (self), FALSE);
  g_return_val_if_fail (values != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  write_job_init (&job);
  keys = sw_value_sorted_keys (values, &n_keys);

  for (guint i = 0; i < n_keys; i++)
    if (!add_to_job (&job, keys[i], g_hash_table_lookup (values, keys[i]), error))
      return FALSE;

  if (job.keys->len == 0)
    return TRUE;

  return run_write (self, &job, error);
}

/* Deletes the row of @key, or every row whose key starts with @prefix. */
static gboolean
run_reset (SwSettings  *self,
           const char  *key,
           const char  *prefix,
           GError     **error)
{
  g_auto(WriteJob) job = { NULL, };

  write_job_init (&job);
  job.reset_key = key;
  job.reset_prefix = prefix;
  return run_write (self, &job, error);
}

gboolean
sw_settings_reset (SwSettings  *self,
                   const char  *key,
                   GError     **error)
{
  g_return_val_if_fail (SW_IS_SETTINGS (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_reset (self, key, NULL, error);
}

gboolean
sw_settings_reset_prefix (SwSettings  *self,
                          const char  *prefix,
                          GError     **error)
{
  g_return_val_if_fail (SW_IS_SETTINGS (self), FALSE);
  g_return_val_if_fail (prefix != NULL && *prefix != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_reset (self, NULL, prefix, error);
}

/* GET /settings ---------------------------------------------------------------------------- */

static void
insert_row (SwStmt   *stmt,
            gpointer  rows)
{
  g_hash_table_insert (rows, g_strdup (sw_stmt_column_text (stmt, 0)),
                       g_strdup (sw_stmt_column_text (stmt, 1)));
}

static gboolean
read_all_rows (SwStore   *store,
               gpointer   user_data,
               GError   **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store, "SELECT key, value FROM settings", error);

  return stmt != NULL && sw_store_foreach_row (store, stmt, insert_row, user_data, error);
}

JsonNode *
sw_settings_to_json (SwSettings *self)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) merged = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree gpointer *keys = NULL;
  Rows lookup_rows;
  guint n_keys = 0;
  JsonNode *node;

  g_return_val_if_fail (SW_IS_SETTINGS (self), NULL);

  if (!sw_store_read (self->store, read_all_rows, rows, &error))
    g_warning ("Cannot read the settings: %s", error->message);

  lookup_rows.self = self;
  lookup_rows.rows = rows;

  for (gsize i = 0; i < G_N_ELEMENTS (registry); i++)
    {
      const Entry *entry = &registry[i];
      char *value;

      if (entry->flags & (FLAG_PATTERN | FLAG_SECRET | FLAG_VIRTUAL | FLAG_LEGACY))
        continue;
      value = lookup (&lookup_rows, entry, entry->key);
      if (value != NULL)
        g_hash_table_insert (merged, (gpointer) entry->key, value);
    }

  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, rows);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (!sw_settings_is_secret_key (key) && !g_hash_table_contains (merged, key))
        g_hash_table_insert (merged, key, g_strdup (value));
  }

  keys = sw_value_sorted_keys (merged, &n_keys);
  for (guint i = 0; i < n_keys; i++)
    json_object_set_string_member (object, keys[i], g_hash_table_lookup (merged, keys[i]));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

/* GET/PUT /settings/logging ------------------------------------------------------------------ */

static const struct
{
  const char *member;
  const char *key;
} logging_ints[] = {
  { "file_max_size_mb", "logging.file_max_size_mb" },
  { "file_max_files", "logging.file_max_files" },
  { "file_max_age_days", "logging.file_max_age_days" },
};

/* Rotation uses the default when the stored number is not positive. */
static gint64
logging_int (SwSettings *self,
             const char *key)
{
  int number = sw_settings_get_int (self, key);
  gint64 fallback = 0;

  if (number > 0)
    return number;

  sw_value_parse_int (find_entry (key)->default_value, 1, G_MAXINT, &fallback);
  return fallback;
}

static char *
checked_string (SwSettings *self,
                const char *key)
{
  return lookup_checked (self, key, find_entry (key));
}

static JsonNode *
build_logging (const char *level,
               const char *format,
               const char *file_path,
               gint64      numbers[G_N_ELEMENTS (logging_ints)])
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node;

  json_object_set_string_member (object, "level", level);
  json_object_set_string_member (object, "format", format);
  json_object_set_string_member (object, "file_path", file_path);
  for (gsize i = 0; i < G_N_ELEMENTS (logging_ints); i++)
    json_object_set_int_member (object, logging_ints[i].member, numbers[i]);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

JsonNode *
sw_settings_get_logging (SwSettings *self)
{
  g_autofree char *level = NULL;
  g_autofree char *format = NULL;
  g_autofree char *file_path = NULL;
  gint64 numbers[G_N_ELEMENTS (logging_ints)];

  g_return_val_if_fail (SW_IS_SETTINGS (self), NULL);

  level = checked_string (self, "logging.level");
  format = checked_string (self, "logging.format");
  file_path = sw_settings_get (self, "logging.file_path");
  for (gsize i = 0; i < G_N_ELEMENTS (logging_ints); i++)
    numbers[i] = logging_int (self, logging_ints[i].key);

  return build_logging (level, format, file_path, numbers);
}

/* The object of a PUT body, or NULL with @refusal (the whole message) when it is none. */
static JsonObject *
body_object (JsonNode    *body,
             const char  *refusal,
             GError     **error)
{
  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return sw_value_refuse (error, refusal);

  return json_node_get_object (body);
}

/* A string member: absent or null leaves *@out NULL. */
static gboolean
member_string (JsonObject  *object,
               const char  *member,
               const char **out,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_invalid (error, member, _("must be a string"));
      return FALSE;
    }

  *out = json_node_get_string (node);
  return TRUE;
}

/* An integer member (a JSON integer, or a string holding one, as from a form): absent or
 * null leaves *@present FALSE. */
static gboolean
member_int (JsonObject  *object,
            const char  *member,
            gboolean    *present,
            gint64      *out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  *present = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64 && json_node_get_int (node) >= G_MININT &&
      json_node_get_int (node) <= G_MAXINT)
    *out = json_node_get_int (node);
  else if (type != G_TYPE_STRING ||
           !sw_value_parse_int (json_node_get_string (node), G_MININT, G_MAXINT, out))
    {
      set_invalid (error, member, _("must be an integer"));
      return FALSE;
    }

  *present = TRUE;
  return TRUE;
}

static gboolean
check_enum_member (const char  *member,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  g_autofree char *canonical = run_check (find_entry (key), member, value, error);

  return canonical != NULL;
}

JsonNode *
sw_settings_update_logging (SwSettings  *self,
                            JsonNode    *body,
                            gboolean     ephemeral_level,
                            GError     **error)
{
  g_autoptr(JsonNode) current = NULL;
  g_auto(WriteJob) job = { NULL, };
  JsonObject *object;
  JsonObject *now;
  const char *level, *format, *file_path;
  const char *new_level, *new_format, *new_path;
  gint64 numbers[G_N_ELEMENTS (logging_ints)];

  g_return_val_if_fail (SW_IS_SETTINGS (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = body_object (body, _("the logging configuration must be a JSON object"), error);
  if (object == NULL)
    return NULL;

  if (!member_string (object, "level", &new_level, error) ||
      !member_string (object, "format", &new_format, error) ||
      !member_string (object, "file_path", &new_path, error))
    return NULL;

  if ((new_level != NULL && new_level[0] != '\0' &&
       !check_enum_member ("level", "logging.level", new_level, error)) ||
      (new_format != NULL && new_format[0] != '\0' &&
       !check_enum_member ("format", "logging.format", new_format, error)))
    return NULL;

  current = sw_settings_get_logging (self);
  now = json_node_get_object (current);

  /* Empty strings and numbers ≤ 0 keep the current value. */
  level = new_level != NULL && new_level[0] != '\0'
          ? new_level : json_object_get_string_member (now, "level");
  format = new_format != NULL && new_format[0] != '\0'
           ? new_format : json_object_get_string_member (now, "format");
  file_path = new_path != NULL && new_path[0] != '\0'
              ? new_path : json_object_get_string_member (now, "file_path");

  for (gsize i = 0; i < G_N_ELEMENTS (logging_ints); i++)
    {
      gboolean present;
      gint64 number = 0;

      if (!member_int (object, logging_ints[i].member, &present, &number, error))
        return NULL;
      numbers[i] = present && number > 0
                   ? number : json_object_get_int_member (now, logging_ints[i].member);
    }

  write_job_init (&job);
  if ((!ephemeral_level && !add_to_job (&job, "logging.level", level, error)) ||
      !add_to_job (&job, "logging.format", format, error) ||
      !add_to_job (&job, "logging.file_path", file_path, error))
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (logging_ints); i++)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, numbers[i]);

      if (!add_to_job (&job, logging_ints[i].key, text, error))
        return NULL;
    }

  if (!run_write (self, &job, error))
    return NULL;

  return build_logging (level, format, file_path, numbers);
}

/* GET/PUT /settings/nfo-output --------------------------------------------------------------- */

JsonNode *
sw_settings_get_nfo_output (SwSettings *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node;

  g_return_val_if_fail (SW_IS_SETTINGS (self), NULL);

  json_object_set_boolean_member (object, "default_behavior",
                                  sw_settings_get_boolean (self, "nfo.output.default_behavior"));
  json_object_set_boolean_member (object, "moods_as_styles",
                                  sw_settings_get_boolean (self, "nfo.output.moods_as_styles"));
  json_object_set_member (object, "genre_sources",
                          sw_settings_get_json (self, "nfo.output.genre_sources"));
  json_object_set_member (object, "advanced_remap",
                          sw_settings_get_json (self, "nfo.output.advanced_remap"));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

JsonNode *
sw_settings_update_nfo_output (SwSettings  *self,
                               JsonNode    *body,
                               GError     **error)
{
  static const char *const flags[] = { "default_behavior", "moods_as_styles" };
  g_autoptr(JsonNode) result = NULL;
  g_auto(WriteJob) job = { NULL, };
  JsonObject *object;
  JsonObject *map;
  JsonNode *member;

  g_return_val_if_fail (SW_IS_SETTINGS (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = body_object (body, _("the NFO output mapping must be a JSON object"), error);
  if (object == NULL)
    return NULL;

  /* Check everything before changing anything. */
  for (gsize i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      member = json_object_get_member (object, flags[i]);
      if (member != NULL && !JSON_NODE_HOLDS_NULL (member) &&
          json_node_get_value_type (member) != G_TYPE_BOOLEAN)
        {
          set_invalid (error, flags[i], _("must be true or false"));
          return NULL;
        }
    }

  member = json_object_get_member (object, "genre_sources");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member) && !is_source_array (member, nfo_sources))
    {
      set_invalid (error, "genre_sources", _(nfo_sources_rule));
      return NULL;
    }

  member = json_object_get_member (object, "advanced_remap");
  if (member != NULL && !is_nfo_remap (member))
    {
      set_invalid (error, "advanced_remap", _(nfo_remap_rule));
      return NULL;
    }

  /* Members that are absent (or null, except advanced_remap) keep their value. */
  result = sw_settings_get_nfo_output (self);
  map = json_node_get_object (result);
  for (gsize i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      member = json_object_get_member (object, flags[i]);
      if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
        json_object_set_boolean_member (map, flags[i], json_node_get_boolean (member));
    }
  member = json_object_get_member (object, "genre_sources");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    json_object_set_member (map, "genre_sources", json_node_copy (member));
  member = json_object_get_member (object, "advanced_remap");
  if (member != NULL)
    json_object_set_member (map, "advanced_remap", json_node_copy (member));

  write_job_init (&job);
  {
    g_autofree char *sources = json_compact (json_object_get_member (map, "genre_sources"));
    g_autofree char *remap = json_compact (json_object_get_member (map, "advanced_remap"));

    if (!add_to_job (&job, "nfo.output.default_behavior",
                     json_object_get_boolean_member (map, "default_behavior") ? "true" : "false",
                     error) ||
        !add_to_job (&job, "nfo.output.moods_as_styles",
                     json_object_get_boolean_member (map, "moods_as_styles") ? "true" : "false",
                     error) ||
        !add_to_job (&job, "nfo.output.genre_sources", sources, error) ||
        !add_to_job (&job, "nfo.output.advanced_remap", remap, error))
      return NULL;
  }

  if (!run_write (self, &job, error))
    return NULL;

  return g_steal_pointer (&result);
}

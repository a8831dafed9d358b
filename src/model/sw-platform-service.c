/* sw-platform-service.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sw-platform-profile-private.h"
#include "sw-name-check.h"
#include "sw-platform-service.h"
#include "sw-time.h"

#define NAME_MAX_CHARS 100
/* A file name on every filesystem a music library lives on. */
#define FILE_NAME_MAX_BYTES 255
#define NAMES_PER_SLOT_MAX 20

#define PROFILE_COLUMNS \
  "id, name, is_builtin, is_active, nfo_enabled, nfo_format, image_naming, use_symlinks, " \
  "created_at, updated_at"

typedef struct
{
  const char *slot;
  const char *member;           /* as problems name it */
  gsize offset;                 /* of the char ** in SwPlatformProfile */
  const char *default_name;
} Slot;

static const Slot slots[] = {
  { "thumb", "image_naming.thumb", G_STRUCT_OFFSET (SwPlatformProfile, image_naming_thumb),
    "folder.jpg" },
  { "fanart", "image_naming.fanart", G_STRUCT_OFFSET (SwPlatformProfile, image_naming_fanart),
    "fanart.jpg" },
  { "logo", "image_naming.logo", G_STRUCT_OFFSET (SwPlatformProfile, image_naming_logo),
    "logo.png" },
  { "banner", "image_naming.banner", G_STRUCT_OFFSET (SwPlatformProfile, image_naming_banner),
    "banner.jpg" },
};

static char ***
slot_names (SwPlatformProfile *profile,
            const Slot        *slot)
{
  return G_STRUCT_MEMBER_P (profile, slot->offset);
}

/* Kodi, Emby, Jellyfin and Plex follow their platform's rules; Custom is there to edit. */
static gboolean
is_read_only (SwPlatformProfile *profile)
{
  return profile->is_builtin && g_strcmp0 (profile->id, SW_PLATFORM_PROFILE_CUSTOM) != 0;
}

SwPlatformProfile *
sw_platform_service_new_draft (void)
{
  SwPlatformProfile *profile = sw_platform_profile_new ();

  profile->nfo_enabled = TRUE;
  profile->nfo_format = g_strdup ("kodi");
  for (gsize i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      const char *names[] = { slots[i].default_name, NULL };

      *slot_names (profile, &slots[i]) = g_strdupv ((char **) names);
    }
  return profile;
}

/* Stored image names ------------------------------------------------------------------- */

static char *
image_naming_to_text (SwPlatformProfile *profile)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (gsize i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      char **names = *slot_names (profile, &slots[i]);

      json_builder_set_member_name (builder, slots[i].slot);
      json_builder_begin_array (builder);
      for (guint j = 0; names != NULL && names[j] != NULL; j++)
        json_builder_add_string_value (builder, names[j]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Read through the field table, which also accepts the legacy one-string form. A column
 * that does not parse leaves the lists empty, which validation reports on the next save. */
static void
image_naming_from_text (SwPlatformProfile *profile,
                        const char        *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) wrapper = NULL;
  g_autoptr(GError) error = NULL;
  const SwField *fields;
  guint n_fields;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    {
      g_warning ("Platform profile %s: stored image names do not parse: %s", profile->id,
                 error->message);
      return;
    }

  wrapper = json_object_new ();
  json_object_set_member (wrapper, "image_naming", json_parser_steal_root (parser));
  fields = sw_platform_profile_get_fields (&n_fields);
  if (!sw_fields_from_json (profile, fields, n_fields, wrapper, &error))
    g_warning ("Platform profile %s: stored image names are not valid: %s", profile->id,
               error->message);
}

static SwPlatformProfile *
profile_from_row (SwStmt *stmt)
{
  SwPlatformProfile *profile = sw_platform_profile_new ();

  profile->id = g_strdup (sw_stmt_column_text (stmt, 0));
  profile->name = g_strdup (sw_stmt_column_text (stmt, 1));
  profile->is_builtin = sqlite3_column_int (stmt, 2) != 0;
  profile->is_active = sqlite3_column_int (stmt, 3) != 0;
  profile->nfo_enabled = sqlite3_column_int (stmt, 4) != 0;
  profile->nfo_format = g_strdup (sw_stmt_column_text (stmt, 5));
  image_naming_from_text (profile, sw_stmt_column_text (stmt, 6));
  profile->use_symlinks = sqlite3_column_int (stmt, 7) != 0;
  profile->created_at = g_strdup (sw_stmt_column_text (stmt, 8));
  profile->updated_at = g_strdup (sw_stmt_column_text (stmt, 9));
  return profile;
}

/* Validation ------------------------------------------------------------------------------ */

/* A copy in the stored form: name NFC and trimmed, file names trimmed, format "kodi"
 * when empty. Text that is not UTF-8 is left for validation to report. */
static SwPlatformProfile *
normalized_copy (SwPlatformProfile *profile)
{
  SwPlatformProfile *copy = sw_platform_profile_copy (profile);

  if (copy->name != NULL && g_utf8_validate (copy->name, -1, NULL))
    {
      char *normalized = g_utf8_normalize (copy->name, -1, G_NORMALIZE_NFC);

      g_free (copy->name);
      copy->name = g_strstrip (normalized);
    }

  if (copy->nfo_format == NULL || copy->nfo_format[0] == '\0')
    {
      g_free (copy->nfo_format);
      copy->nfo_format = g_strdup ("kodi");
    }

  for (gsize i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      char **names = *slot_names (copy, &slots[i]);

      for (guint j = 0; names != NULL && names[j] != NULL; j++)
        g_strstrip (names[j]);
    }

  return copy;
}

/* Adds "<member>: <message>"; the member name is the JSON one, so it is not translated. */
static void
add_problem (GPtrArray  *problems,
             const char *member,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
add_problem (GPtrArray  *problems,
             const char *member,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, g_strdup_printf ("%s: %s", member, message));
}

static void
check_name (SwPlatformProfile *profile,
            GPtrArray         *problems)
{
  const char *name = profile->name != NULL ? profile->name : "";

  if (!g_utf8_validate (name, -1, NULL))
    add_problem (problems, "name", "%s", _("the name is not valid UTF-8 text"));
  else if (name[0] == '\0')
    add_problem (problems, "name", "%s", _("a profile needs a name"));
  else if (g_utf8_strlen (name, -1) > NAME_MAX_CHARS)
    add_problem (problems, "name", _("the name is too long (at most %d characters)"),
                 NAME_MAX_CHARS);
  else if (sw_name_has_control_characters (name))
    add_problem (problems, "name", "%s", _("the name must not contain control characters"));
}

/* The lower-case extension of a file name including the dot, or "". */
static char *
extension_of (const char *file_name)
{
  const char *dot = strrchr (file_name, '.');

  return g_ascii_strdown (dot != NULL ? dot : "", -1);
}

/* One file name of one slot; TRUE when it is usable. */
static gboolean
check_file_name (const Slot *slot,
                 const char *file_name,
                 GPtrArray  *problems)
{
  const char *member = slot->member;
  g_autofree char *extension = NULL;

  if (file_name[0] == '\0')
    {
      add_problem (problems, member, "%s", _("a file name is empty"));
      return FALSE;
    }
  if (!g_utf8_validate (file_name, -1, NULL))
    {
      add_problem (problems, member, "%s", _("a file name is not valid UTF-8 text"));
      return FALSE;
    }
  if (strchr (file_name, '/') != NULL || strchr (file_name, '\\') != NULL)
    {
      add_problem (problems, member, _("“%s” must be a file name, not a path"), file_name);
      return FALSE;
    }
  if (sw_name_has_control_characters (file_name))
    {
      add_problem (problems, member, _("“%s” must not contain control characters"),
                   file_name);
      return FALSE;
    }
  if (strlen (file_name) > FILE_NAME_MAX_BYTES)
    {
      add_problem (problems, member, _("“%s” is longer than %d bytes"), file_name,
                   FILE_NAME_MAX_BYTES);
      return FALSE;
    }

  extension = extension_of (file_name);
  if (g_str_equal (slot->slot, "logo"))
    {
      /* Logos keep their transparency. */
      if (!g_str_equal (extension, ".png"))
        {
          add_problem (problems, member, _("“%s” must be a .png file"), file_name);
          return FALSE;
        }
    }
  else if (!g_str_equal (extension, ".jpg") && !g_str_equal (extension, ".jpeg") &&
           !g_str_equal (extension, ".png"))
    {
      add_problem (problems, member, _("“%s” must end in .jpg, .jpeg or .png"), file_name);
      return FALSE;
    }
  if (strlen (file_name) == strlen (extension))
    {
      add_problem (problems, member, _("“%s” needs a name before the extension"), file_name);
      return FALSE;
    }

  return TRUE;
}

/* Names are compared case-insensitively: on a case-insensitive share "Folder.jpg" and
 * "folder.jpg" are one file, and two slots writing one file would destroy each other. */
static void
check_image_naming (SwPlatformProfile *profile,
                    GPtrArray         *problems)
{
  /* case-folded name → the slot that uses it */
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      const char *member = slots[i].member;
      char **names = *slot_names (profile, &slots[i]);
      guint n_names = names != NULL ? g_strv_length (names) : 0;

      if (n_names == 0)
        {
          add_problem (problems, member, "%s", _("at least one file name is needed"));
          continue;
        }
      if (n_names > NAMES_PER_SLOT_MAX)
        {
          add_problem (problems, member, _("at most %d file names are allowed"),
                       NAMES_PER_SLOT_MAX);
          continue;
        }

      for (guint j = 0; j < n_names; j++)
        {
          g_autofree char *key = NULL;
          const Slot *owner;

          if (!check_file_name (&slots[i], names[j], problems))
            continue;

          key = g_utf8_casefold (names[j], -1);
          owner = g_hash_table_lookup (seen, key);
          if (owner == &slots[i])
            add_problem (problems, member, _("“%s” is listed twice"), names[j]);
          else if (owner != NULL)
            add_problem (problems, member, _("“%s” is already used for %s"), names[j],
                         owner->slot);
          else
            g_hash_table_insert (seen, g_steal_pointer (&key), (gpointer) &slots[i]);
        }
    }
}

static void
collect_problems (SwPlatformProfile *profile,
                  GPtrArray         *problems)
{
  check_name (profile, problems);

  if (g_strcmp0 (profile->nfo_format, "kodi") != 0)
    add_problem (problems, "nfo_format", "%s", _("the only NFO format is “kodi”"));

  check_image_naming (profile, problems);
}

GStrv
sw_platform_service_check (SwPlatformProfile *profile)
{
  g_autoptr(SwPlatformProfile) normalized = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_return_val_if_fail (SW_IS_PLATFORM_PROFILE (profile), NULL);

  normalized = normalized_copy (profile);
  problems = g_ptr_array_new_with_free_func (g_free);
  collect_problems (normalized, problems);
  if (problems->len == 0)
    return NULL;

  g_ptr_array_add (problems, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&problems), FALSE);
}

/* The checked, stored form of @profile, or NULL with the first problem as @error and
 * all of them in @details. */
static SwPlatformProfile *
validated_copy (SwPlatformProfile  *profile,
                GStrv              *details,
                GError            **error)
{
  g_autoptr(SwPlatformProfile) normalized = normalized_copy (profile);
  g_auto(GStrv) problems = sw_platform_service_check (normalized);

  if (problems == NULL)
    return g_steal_pointer (&normalized);

  g_set_error_literal (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID, problems[0]);
  if (details != NULL)
    *details = g_steal_pointer (&problems);
  return NULL;
}

/* Reading --------------------------------------------------------------------------------- */

typedef struct
{
  const char *id;
  SwPlatformProfile *profile;   /* in: the validated one to write; out: as stored */
  GPtrArray *profiles;
} Request;

static void
request_clear (Request *request)
{
  g_clear_object (&request->profile);
  g_clear_pointer (&request->profiles, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Request, request_clear)

static gboolean
load_profile (SwStore            *store,
              const char         *id,
              SwPlatformProfile **profile,
              GError            **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "SELECT " PROFILE_COLUMNS " FROM platform_profiles WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, id);
  if (!sw_store_step_row (store, stmt, error, _("There is no platform profile with id “%s”"),
                          id))
    return FALSE;

  *profile = profile_from_row (stmt);
  return TRUE;
}

static void
add_profile_row (SwStmt   *stmt,
                 gpointer  user_data)
{
  g_ptr_array_add (user_data, profile_from_row (stmt));
}

static gboolean
list_profiles (SwStore   *store,
               gpointer   user_data,
               GError   **error)
{
  Request *request = user_data;
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "SELECT " PROFILE_COLUMNS " FROM platform_profiles ORDER BY name COLLATE NOCASE, id", error);

  if (stmt == NULL)
    return FALSE;

  return sw_store_foreach_row (store, stmt, add_profile_row, request->profiles, error);
}

GPtrArray *
sw_platform_service_list (SwStore  *store,
                          GError  **error)
{
  g_auto(Request) request = { 0 };

  g_return_val_if_fail (SW_IS_STORE (store), NULL);

  request.profiles = g_ptr_array_new_with_free_func (g_object_unref);
  if (!sw_store_read (store, list_profiles, &request, error))
    return NULL;

  return g_steal_pointer (&request.profiles);
}

static gboolean
get_profile (SwStore   *store,
             gpointer   user_data,
             GError   **error)
{
  Request *request = user_data;

  return load_profile (store, request->id, &request->profile, error);
}

SwPlatformProfile *
sw_platform_service_get (SwStore     *store,
                         const char  *id,
                         GError     **error)
{
  g_auto(Request) request = { .id = id };

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!sw_store_read (store, get_profile, &request, error))
    return NULL;

  return g_steal_pointer (&request.profile);
}

static gboolean
get_active (SwStore   *store,
            gpointer   user_data,
            GError   **error)
{
  Request *request = user_data;
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "SELECT " PROFILE_COLUMNS " FROM platform_profiles WHERE is_active = 1", error);

  if (stmt == NULL)
    return FALSE;

  if (!sw_store_step_row (store, stmt, error, "%s", _("No platform profile is active")))
    return FALSE;

  request->profile = profile_from_row (stmt);
  return TRUE;
}

SwPlatformProfile *
sw_platform_service_get_active (SwStore  *store,
                                GError  **error)
{
  g_auto(Request) request = { 0 };

  g_return_val_if_fail (SW_IS_STORE (store), NULL);

  if (!sw_store_read (store, get_active, &request, error))
    return NULL;

  return g_steal_pointer (&request.profile);
}

/* Writing --------------------------------------------------------------------------------- */

static gboolean
check_name_free (SwStore     *store,
                 const char  *name,
                 const char  *own_id,
                 GError     **error)
{
  g_autofree char *clash = NULL;

  if (!sw_name_find_clash (store, "SELECT id, name FROM platform_profiles", name, own_id,
                           &clash, error))
    return FALSE;

  if (clash != NULL)
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT,
                   _("A platform profile named “%s” already exists"), clash);
      return FALSE;
    }
  return TRUE;
}

/* Runs @sql, an INSERT or UPDATE whose parameters are ?1 id, ?2 name, ?3 nfo_enabled,
 * ?4 nfo_format, ?5 image_naming, ?6 use_symlinks and ?7 now. */
static gboolean
write_profile_row (SwStore            *store,
                   const char         *sql,
                   SwPlatformProfile  *profile,
                   GError            **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store, sql, error);
  g_autofree char *now = NULL;
  g_autofree char *naming = NULL;

  if (stmt == NULL)
    return FALSE;

  now = sw_time_now_rfc3339 ();
  naming = image_naming_to_text (profile);
  sw_stmt_bind_text (stmt, 1, profile->id);
  sw_stmt_bind_text (stmt, 2, profile->name);
  sw_stmt_bind_int64 (stmt, 3, profile->nfo_enabled);
  sw_stmt_bind_text (stmt, 4, profile->nfo_format);
  sw_stmt_bind_text (stmt, 5, naming);
  sw_stmt_bind_int64 (stmt, 6, profile->use_symlinks);
  sw_stmt_bind_text (stmt, 7, now);
  return sw_store_run (store, stmt, error);
}

/* Runs @sql with ?1 = @id. */
static gboolean
run_for_profile (SwStore     *store,
                 const char  *sql,
                 const char  *id,
                 GError     **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, id);
  return sw_store_run (store, stmt, error);
}

static gboolean
create_profile (SwStore   *store,
                gpointer   user_data,
                GError   **error)
{
  Request *request = user_data;
  SwPlatformProfile *profile = request->profile;

  if (!check_name_free (store, profile->name, NULL, error) ||
      !write_profile_row (store,
        "INSERT INTO platform_profiles (id, name, is_builtin, is_active, nfo_enabled, "
        "nfo_format, image_naming, use_symlinks, created_at, updated_at) "
        "VALUES (?1, ?2, 0, 0, ?3, ?4, ?5, ?6, ?7, ?7)", profile, error))
    return FALSE;

  /* The row as stored replaces the validated copy. */
  request->profile = NULL;
  if (!load_profile (store, profile->id, &request->profile, error))
    {
      request->profile = profile;
      return FALSE;
    }
  g_object_unref (profile);
  return TRUE;
}

SwPlatformProfile *
sw_platform_service_create (SwStore            *store,
                            SwPlatformProfile  *draft,
                            GStrv              *details,
                            GError            **error)
{
  g_auto(Request) request = { 0 };
  g_autofree char *id = NULL;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (SW_IS_PLATFORM_PROFILE (draft), NULL);

  request.profile = validated_copy (draft, details, error);
  if (request.profile == NULL)
    return NULL;

  id = sw_store_new_id ();
  g_free (request.profile->id);
  request.profile->id = g_steal_pointer (&id);

  if (!sw_store_write (store, create_profile, &request, error))
    return NULL;

  return g_steal_pointer (&request.profile);
}

static gboolean
refuse_read_only (SwPlatformProfile  *profile,
                  GError            **error)
{
  g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT,
               _("The built-in profile “%s” cannot be changed; edit Custom or create a new "
                 "profile"), profile->name);
  return FALSE;
}

static gboolean
update_profile (SwStore   *store,
                gpointer   user_data,
                GError   **error)
{
  Request *request = user_data;
  SwPlatformProfile *profile = request->profile;
  g_autoptr(SwPlatformProfile) current = NULL;

  if (!load_profile (store, profile->id, &current, error))
    return FALSE;

  if (is_read_only (current))
    return refuse_read_only (current, error);

  if (!check_name_free (store, profile->name, profile->id, error) ||
      !write_profile_row (store,
        "UPDATE platform_profiles SET name = ?2, nfo_enabled = ?3, nfo_format = ?4, "
        "image_naming = ?5, use_symlinks = ?6, updated_at = ?7 WHERE id = ?1", profile, error))
    return FALSE;

  g_clear_object (&request->profile);
  return load_profile (store, current->id, &request->profile, error);
}

SwPlatformProfile *
sw_platform_service_update (SwStore            *store,
                            SwPlatformProfile  *profile,
                            GStrv              *details,
                            GError            **error)
{
  g_auto(Request) request = { 0 };
  g_autoptr(SwPlatformProfile) current = NULL;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (SW_IS_PLATFORM_PROFILE (profile), NULL);

  if (profile->id == NULL || profile->id[0] == '\0')
    {
      g_set_error_literal (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                           _("The platform profile has no id"));
      return NULL;
    }

  /* A read-only profile is refused as such, whatever else is wrong with the change;
   * the write checks again. */
  current = sw_platform_service_get (store, profile->id, error);
  if (current == NULL)
    return NULL;
  if (is_read_only (current))
    {
      refuse_read_only (current, error);
      return NULL;
    }

  request.profile = validated_copy (profile, details, error);
  if (request.profile == NULL)
    return NULL;

  if (!sw_store_write (store, update_profile, &request, error))
    return NULL;

  return g_steal_pointer (&request.profile);
}

static gboolean
delete_profile (SwStore   *store,
                gpointer   user_data,
                GError   **error)
{
  Request *request = user_data;
  g_autoptr(SwPlatformProfile) current = NULL;

  if (!load_profile (store, request->id, &current, error))
    return FALSE;

  if (current->is_builtin)
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT,
                   _("The built-in profile “%s” cannot be deleted"), current->name);
      return FALSE;
    }

  /* There is always exactly one active profile. */
  if (current->is_active)
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT,
                   _("The profile “%s” is active; activate another one before deleting it"),
                   current->name);
      return FALSE;
    }

  return run_for_profile (store, "DELETE FROM platform_profiles WHERE id = ?1", request->id,
                          error);
}

gboolean
sw_platform_service_delete (SwStore     *store,
                            const char  *id,
                            GError     **error)
{
  g_auto(Request) request = { .id = id };

  g_return_val_if_fail (SW_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return sw_store_write (store, delete_profile, &request, error);
}

static gboolean
activate_profile (SwStore   *store,
                  gpointer   user_data,
                  GError   **error)
{
  Request *request = user_data;

  if (!load_profile (store, request->id, &request->profile, error))
    return FALSE;

  /* Cleared first: the unique index allows one active row at any moment. */
  return run_for_profile (store,
           "UPDATE platform_profiles SET is_active = 0 WHERE is_active = 1 AND id <> ?1",
           request->id, error) &&
         run_for_profile (store, "UPDATE platform_profiles SET is_active = 1 WHERE id = ?1",
                          request->id, error);
}

gboolean
sw_platform_service_activate (SwStore     *store,
                              const char  *id,
                              GError     **error)
{
  g_auto(Request) request = { .id = id };

  g_return_val_if_fail (SW_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return sw_store_write (store, activate_profile, &request, error);
}

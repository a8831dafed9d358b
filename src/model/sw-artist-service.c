/* sw-artist-service.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-alias-private.h"
#include "sw-artist-identity.h"
#include "sw-artist-private.h"
#include "sw-artist-service-private.h"
#include "sw-artist-validate.h"
#include "sw-json-text.h"
#include "sw-member-private.h"
#include "sw-metadata-change-private.h"
#include "sw-time.h"

G_DEFINE_FINAL_TYPE (SwArtistService, sw_artist_service, G_TYPE_OBJECT)

static void
sw_artist_service_dispose (GObject *object)
{
  SwArtistService *self = SW_ARTIST_SERVICE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->events);

  G_OBJECT_CLASS (sw_artist_service_parent_class)->dispose (object);
}

static void
sw_artist_service_class_init (SwArtistServiceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sw_artist_service_dispose;
}

static void
sw_artist_service_init (SwArtistService *self)
{
}

SwArtistService *
sw_artist_service_new (SwStore  *store,
                       SwEvents *events)
{
  SwArtistService *self;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (SW_IS_EVENTS (events), NULL);

  self = g_object_new (SW_TYPE_ARTIST_SERVICE, NULL);
  self->store = g_object_ref (store);
  self->events = g_object_ref (events);
  return self;
}

SwStore *
sw_artist_service_get_store (SwArtistService *self)
{
  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (self), NULL);

  return self->store;
}

gboolean
sw_artist_source_is_valid (const char *source)
{
  if (source == NULL)
    return FALSE;

  if (g_str_equal (source, "manual") || g_str_equal (source, "scan") ||
      g_str_equal (source, "import") || g_str_equal (source, "revert"))
    return TRUE;

  return (g_str_has_prefix (source, "provider:") && source[strlen ("provider:")] != '\0') ||
         (g_str_has_prefix (source, "rule:") && source[strlen ("rule:")] != '\0');
}

/* Operator edits and reverts are deliberate; everything else is automation. */
static gboolean
source_is_automated (const char *source)
{
  return !g_str_equal (source, "manual") && !g_str_equal (source, "revert");
}

gboolean
_sw_artist_check_source (const char  *source,
                         GError     **error)
{
  if (sw_artist_source_is_valid (source))
    return TRUE;

  g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
               _("“%s” is not a known change source"), source ? source : "");
  return FALSE;
}

void
_sw_artist_publish_artist_event (SwArtistService *self,
                                 const char      *event,
                                 const char      *artist_id,
                                 const char      *field,
                                 const char      *source)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, artist_id);
  if (field != NULL)
    {
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, field);
    }
  if (source != NULL)
    {
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, source);
    }
  json_builder_end_object (builder);

  sw_events_publish_take (self->events, event, json_builder_get_root (builder));
}

/* History -------------------------------------------------------------------------------- */

gboolean
_sw_artist_record_change (SwStore             *store,
                          const ChangeRecord  *change,
                          GError             **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "INSERT INTO metadata_changes (id, artist_id, artist_name, field, old_value, new_value, "
    "source, producer, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  g_autofree char *id = sw_store_new_id ();
  g_autofree char *now = sw_time_now_rfc3339 ();

  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, id);
  sw_stmt_bind_text (stmt, 2, change->artist_id);
  sw_stmt_bind_text (stmt, 3, change->artist_name);
  sw_stmt_bind_text (stmt, 4, change->field);
  sw_stmt_bind_text (stmt, 5, change->old_value);
  sw_stmt_bind_text (stmt, 6, change->new_value);
  sw_stmt_bind_text (stmt, 7, change->source);
  sw_stmt_bind_text (stmt, 8, change->producer);
  sw_stmt_bind_text (stmt, 9, now);
  return sw_store_run (store, stmt, error);
}

/* Marks the artist changed: rules must look at it again. */
gboolean
_sw_artist_touch_artist (SwStore     *store,
                         const char  *artist_id,
                         GError     **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "UPDATE artists SET updated_at = ?1, dirty_since = ?1 WHERE id = ?2", error);
  g_autofree char *now = sw_time_now_rfc3339 ();

  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, now);
  sw_stmt_bind_text (stmt, 2, artist_id);
  return sw_store_run (store, stmt, error);
}

void
_sw_artist_state_clear (ArtistState *state)
{
  g_clear_pointer (&state->name, g_free);
}

gboolean
_sw_artist_load_state (SwStore      *store,
                       const char   *artist_id,
                       ArtistState  *state,
                       GError      **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "SELECT name, locked FROM artists WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, artist_id);
  if (!sw_store_step_row (store, stmt, error, _("There is no artist with id “%s”"), artist_id))
    return FALSE;

  state->name = g_strdup (sw_stmt_column_text (stmt, 0));
  state->locked = sqlite3_column_int (stmt, 1) != 0;
  return TRUE;
}

gboolean
_sw_artist_field_is_locked (SwStore     *store,
                            const char  *artist_id,
                            const char  *field,
                            gboolean    *locked,
                            GError     **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "SELECT 1 FROM artist_field_locks WHERE artist_id = ?1 AND field = ?2", error);

  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, artist_id);
  sw_stmt_bind_text (stmt, 2, field);
  return sw_store_step_any (store, stmt, locked, error);
}

/* Automation may not touch a locked artist, nor a locked field (@field may be NULL). */
gboolean
_sw_artist_check_locks (SwStore      *store,
                        const char   *artist_id,
                        ArtistState  *state,
                        const char   *field,
                        const char   *source,
                        GError      **error)
{
  gboolean locked = FALSE;

  if (!source_is_automated (source))
    return TRUE;

  if (state->locked)
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT,
                   _("“%s” is locked; %s changes are not applied"), state->name, source);
      return FALSE;
    }

  if (field != NULL && !_sw_artist_field_is_locked (store, artist_id, field, &locked, error))
    return FALSE;

  if (locked)
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT,
                   _("The field “%s” of “%s” is locked"), field, state->name);
      return FALSE;
    }

  return TRUE;
}

/* Single fields ------------------------------------------------------------------------ */

typedef struct
{
  const char *artist_id;
  const char *field;
  const char *source;
  const char *producer;
  char *value;              /* normalised, as stored */
  gboolean changed;
  gboolean gender_cleared;
} FieldUpdate;

static char *
read_column (SwStore     *store,
             const char  *artist_id,
             const char  *column,
             GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM artists WHERE id = ?1", column);
  g_autoptr(SwStmt) stmt = sw_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;

  sw_stmt_bind_text (stmt, 1, artist_id);
  if (!sw_store_step_row (store, stmt, error, _("There is no artist with id “%s”"), artist_id))
    return NULL;
  return g_strdup (sw_stmt_column_text (stmt, 0));
}

static gboolean
check_name_collision (SwStore     *store,
                      const char  *artist_id,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "SELECT name FROM artists WHERE name_key = ?1 AND id <> ?2 LIMIT 1", error);
  g_autofree char *key = sw_artist_identity_key (name);
  gboolean taken = FALSE;

  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, key);
  sw_stmt_bind_text (stmt, 2, artist_id);
  if (!sw_store_step_any (store, stmt, &taken, error))
    return FALSE;

  if (taken)
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT,
                   _("Another artist is already called “%s”"), sw_stmt_column_text (stmt, 0));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_column (SwStore     *store,
              const char  *artist_id,
              const char  *field,
              const char  *value,
              const char  *source,
              GError     **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *path = g_strdup_printf ("$.%s", field);
  g_autoptr(SwStmt) stmt = NULL;
  gboolean is_name = g_str_equal (field, "name");

  /* The field name comes from the editable list, never from the caller's text. */
  g_assert (sw_artist_field_is_editable (field));

  sql = g_strdup_printf ("UPDATE artists SET %s = ?1, metadata_sources = "
                         "CASE WHEN ?1 IN ('', '[]') THEN json_remove (metadata_sources, ?2) "
                         "ELSE json_set (metadata_sources, ?2, ?3) END%s WHERE id = ?4",
                         field, is_name ? ", name_key = ?5" : "");
  stmt = sw_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, value);
  sw_stmt_bind_text (stmt, 2, path);
  sw_stmt_bind_text (stmt, 3, g_str_has_prefix (source, "provider:") ?
                              source + strlen ("provider:") : source);
  sw_stmt_bind_text (stmt, 4, artist_id);
  if (is_name)
    {
      g_autofree char *key = sw_artist_identity_key (value);

      sw_stmt_bind_text (stmt, 5, key);
    }

  return sw_store_run (store, stmt, error) && _sw_artist_touch_artist (store, artist_id, error);
}

/* Groups have no gender: a type change to one clears it, unless gender is locked. */
static gboolean
clear_gender_for_group (SwStore      *store,
                        FieldUpdate  *update,
                        ArtistState  *state,
                        GError      **error)
{
  g_autofree char *gender = NULL;
  gboolean locked = FALSE;
  ChangeRecord change = { 0 };

  if (!sw_artist_type_is_group (update->value))
    return TRUE;

  gender = read_column (store, update->artist_id, "gender", error);
  if (gender == NULL)
    return FALSE;
  if (gender[0] == '\0')
    return TRUE;
  if (!_sw_artist_field_is_locked (store, update->artist_id, "gender", &locked, error))
    return FALSE;
  if (locked)
    return TRUE;

  change = (ChangeRecord) { update->artist_id, state->name, "gender", gender, "",
                            update->source, update->producer };
  update->gender_cleared = TRUE;
  return write_column (store, update->artist_id, "gender", "", update->source, error) &&
         _sw_artist_record_change (store, &change, error);
}

static gboolean
update_field_in_transaction (SwStore   *store,
                             gpointer   user_data,
                             GError   **error)
{
  FieldUpdate *update = user_data;
  g_auto(ArtistState) state = { 0 };
  g_autofree char *old_value = NULL;
  ChangeRecord change = { 0 };

  if (!_sw_artist_load_state (store, update->artist_id, &state, error) ||
      !_sw_artist_check_locks (store, update->artist_id, &state, update->field, update->source, error))
    return FALSE;

  old_value = read_column (store, update->artist_id, update->field, error);
  if (old_value == NULL)
    return FALSE;

  if (g_str_equal (old_value, update->value))
    return TRUE;

  if (g_str_equal (update->field, "name") &&
      !check_name_collision (store, update->artist_id, update->value, error))
    return FALSE;

  change = (ChangeRecord) { update->artist_id,
                            g_str_equal (update->field, "name") ? update->value : state.name,
                            update->field, old_value, update->value,
                            update->source, update->producer };
  if (!write_column (store, update->artist_id, update->field, update->value, update->source,
                     error) ||
      !_sw_artist_record_change (store, &change, error))
    return FALSE;

  update->changed = TRUE;
  return !g_str_equal (update->field, "type") ||
         clear_gender_for_group (store, update, &state, error);
}

gboolean
sw_artist_service_update_field (SwArtistService  *self,
                                const char       *artist_id,
                                const char       *field,
                                const char       *value,
                                const char       *source,
                                const char       *producer,
                                GError          **error)
{
  return _sw_artist_update_field (self, artist_id, field, value, source, producer, NULL, error);
}

gboolean
_sw_artist_update_field (SwArtistService  *self,
                         const char       *artist_id,
                         const char       *field,
                         const char       *value,
                         const char       *source,
                         const char       *producer,
                         gboolean         *changed,
                         GError          **error)
{
  FieldUpdate update = { artist_id, field, source, producer ? producer : "", NULL, FALSE, FALSE };
  gboolean ok;

  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (self), FALSE);
  g_return_val_if_fail (artist_id != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (!_sw_artist_check_source (source, error))
    return FALSE;

  update.value = sw_artist_validate_field (field, value, error);
  if (update.value == NULL)
    return FALSE;

  ok = sw_store_write (self->store, update_field_in_transaction, &update, error);
  g_free (update.value);
  if (changed != NULL)
    *changed = update.changed;

  if (ok && update.changed)
    {
      _sw_artist_publish_artist_event (self, SW_EVENT_ARTIST_UPDATED, artist_id, field, source);
      if (update.gender_cleared)
        _sw_artist_publish_artist_event (self, SW_EVENT_ARTIST_UPDATED, artist_id, "gender", source);
    }

  return ok;
}

gboolean
sw_artist_service_clear_field (SwArtistService  *self,
                               const char       *artist_id,
                               const char       *field,
                               const char       *source,
                               GError          **error)
{
  if (g_strcmp0 (field, "name") == 0)
    {
      g_set_error_literal (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                           _("An artist’s name cannot be cleared"));
      return FALSE;
    }

  return sw_artist_service_update_field (self, artist_id, field, "", source, NULL, error);
}

/* Creating artists --------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *artists;
  const char *library_id;
} CreateRequest;

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static gboolean
insert_artist (SwStore    *store,
               SwStmt     *stmt,
               SwArtist   *artist,
               const char *library_id,
               const char *now,
               GError    **error)
{
  g_autofree char *key = sw_artist_identity_key (artist->name);
  g_autofree char *genres = sw_json_text_from_strv ((const char * const *) artist->genres);
  g_autofree char *styles = sw_json_text_from_strv ((const char * const *) artist->styles);
  g_autofree char *moods = sw_json_text_from_strv ((const char * const *) artist->moods);
  const char *texts[] = {
    artist->id, artist->name, key, artist->sort_name, artist->type, artist->gender,
    artist->origin, artist->disambiguation, artist->musicbrainz_id, artist->audiodb_id,
    artist->discogs_id, artist->wikidata_id, artist->deezer_id, artist->spotify_id,
    genres, styles, moods, artist->years_active, artist->born, artist->formed, artist->died,
    artist->disbanded, artist->biography, artist->path, artist->exclusion_reason,
  };
  int column = 1;

  if (artist->name == NULL || artist->name[0] == '\0')
    {
      g_set_error_literal (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                           _("An artist needs a name"));
      return FALSE;
    }

  if (artist->id == NULL || artist->id[0] == '\0')
    {
      g_free (artist->id);
      artist->id = sw_store_new_id ();
      texts[0] = artist->id;
    }
  if (artist->created_at == NULL)
    artist->created_at = g_strdup (now);
  g_free (artist->updated_at);
  artist->updated_at = g_strdup (now);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    sw_stmt_bind_text (stmt, column++, or_empty (texts[i]));
  sw_stmt_bind_int64 (stmt, column++, artist->nfo_exists);
  sw_stmt_bind_int64 (stmt, column++, artist->is_excluded);
  sw_stmt_bind_text (stmt, column++, artist->created_at);
  sw_stmt_bind_text (stmt, column++, artist->updated_at);
  if (library_id != NULL)
    {
      g_autofree char *library_ids = g_strdup_printf ("|%s|", library_id);

      sw_stmt_bind_text (stmt, column, library_ids);
    }
  else
    sw_stmt_bind_text (stmt, column, "|");

  if (!sw_store_run (store, stmt, error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
create_in_transaction (SwStore   *store,
                       gpointer   user_data,
                       GError   **error)
{
  CreateRequest *request = user_data;
  g_autofree char *now = sw_time_now_rfc3339 ();
  g_autoptr(SwStmt) insert = sw_store_prepare (store,
    "INSERT INTO artists (id, name, name_key, sort_name, type, gender, origin, disambiguation, "
    "musicbrainz_id, audiodb_id, discogs_id, wikidata_id, deezer_id, spotify_id, genres, "
    "styles, moods, years_active, born, formed, died, disbanded, biography, path, "
    "exclusion_reason, nfo_exists, is_excluded, created_at, updated_at, dirty_since, "
    "library_ids) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
    "?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?29, ?30)", error);
  g_autoptr(SwStmt) member = NULL;

  if (insert == NULL)
    return FALSE;

  if (request->library_id != NULL)
    {
      member = sw_store_prepare (store,
        "INSERT INTO artist_libraries (artist_id, library_id, added_at) VALUES (?1, ?2, ?3)",
        error);
      if (member == NULL)
        return FALSE;
    }

  for (guint i = 0; i < request->artists->len; i++)
    {
      SwArtist *artist = g_ptr_array_index (request->artists, i);

      if (!insert_artist (store, insert, artist, request->library_id, now, error))
        return FALSE;

      if (member != NULL)
        {
          g_free (artist->library_id);
          artist->library_id = g_strdup (request->library_id);
          sw_stmt_bind_text (member, 1, artist->id);
          sw_stmt_bind_text (member, 2, request->library_id);
          sw_stmt_bind_text (member, 3, now);
          if (!sw_store_run (store, member, error))
            return FALSE;
          sqlite3_reset (member);
        }
    }

  return TRUE;
}

gboolean
sw_artist_service_create (SwArtistService  *self,
                          GPtrArray        *artists,
                          const char       *library_id,
                          GError          **error)
{
  CreateRequest request = { artists, library_id };

  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (self), FALSE);
  g_return_val_if_fail (artists != NULL, FALSE);

  if (!sw_store_write (self->store, create_in_transaction, &request, error))
    return FALSE;

  for (guint i = 0; i < artists->len; i++)
    {
      SwArtist *artist = g_ptr_array_index (artists, i);

      _sw_artist_publish_artist_event (self, SW_EVENT_ARTIST_NEW, artist->id, NULL, NULL);
    }

  return TRUE;
}

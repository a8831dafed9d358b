/* sw-artist-service-relations.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-alias-private.h"
#include "sw-artist-service-private.h"
#include "sw-json-text.h"
#include "sw-member-private.h"
#include "sw-time.h"

/* Aliases and band members. Their history rows use the fields "aliases" and "members". */

typedef struct
{
  const char *artist_id;
  const char *source;
  SwAlias *alias;
  const char *alias_id;
  GPtrArray *members;
  gboolean changed;
} RelationRequest;

static gboolean
add_alias_in_transaction (SwStore   *store,
                          gpointer   user_data,
                          GError   **error)
{
  RelationRequest *request = user_data;
  g_auto(ArtistState) state = { 0 };
  g_autoptr(SwStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  SwAlias *alias = request->alias;
  ChangeRecord change = { 0 };

  if (!_sw_artist_load_state (store, request->artist_id, &state, error) ||
      !_sw_artist_check_locks (store, request->artist_id, &state, NULL, request->source, error))
    return FALSE;

  stmt = sw_store_prepare (store,
    "INSERT INTO artist_aliases (id, artist_id, alias, source, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, alias->id);
  sw_stmt_bind_text (stmt, 2, alias->artist_id);
  sw_stmt_bind_text (stmt, 3, alias->alias);
  sw_stmt_bind_text (stmt, 4, alias->source);
  sw_stmt_bind_text (stmt, 5, alias->created_at);
  if (!sw_store_run (store, stmt, &local_error))
    {
      if (g_error_matches (local_error, SW_STORE_ERROR, SW_STORE_ERROR_CONSTRAINT))
        g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT,
                     _("“%s” already has the alias “%s”"), state.name, alias->alias);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  change = (ChangeRecord) { request->artist_id, state.name, "aliases", "", alias->alias,
                            request->source, "" };
  return _sw_artist_touch_artist (store, request->artist_id, error) &&
         _sw_artist_record_change (store, &change, error);
}

SwAlias *
sw_artist_service_add_alias (SwArtistService  *self,
                             const char       *artist_id,
                             const char       *alias,
                             const char       *source,
                             GError          **error)
{
  g_autoptr(SwAlias) created = NULL;
  g_autofree char *text = NULL;
  RelationRequest request = { artist_id, source };

  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (self), NULL);
  g_return_val_if_fail (artist_id != NULL, NULL);

  if (!_sw_artist_check_source (source, error))
    return NULL;

  text = g_strstrip (g_strdup (alias ? alias : ""));
  if (text[0] == '\0' || strlen (text) > 512 || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                           _("An alias must be non-empty text of at most 512 bytes"));
      return NULL;
    }

  created = sw_alias_new ();
  created->id = sw_store_new_id ();
  created->artist_id = g_strdup (artist_id);
  created->alias = g_steal_pointer (&text);
  created->source = g_strdup (source);
  created->created_at = sw_time_now_rfc3339 ();
  request.alias = created;

  if (!sw_store_write (self->store, add_alias_in_transaction, &request, error))
    return NULL;

  _sw_artist_publish_artist_event (self, SW_EVENT_ARTIST_UPDATED, artist_id, "aliases", source);
  return g_steal_pointer (&created);
}

static gboolean
remove_alias_in_transaction (SwStore   *store,
                             gpointer   user_data,
                             GError   **error)
{
  RelationRequest *request = user_data;
  g_auto(ArtistState) state = { 0 };
  g_autoptr(SwStmt) stmt = NULL;
  g_autofree char *alias = NULL;
  ChangeRecord change = { 0 };

  if (!_sw_artist_load_state (store, request->artist_id, &state, error))
    return FALSE;

  stmt = sw_store_prepare (store,
    "DELETE FROM artist_aliases WHERE id = ?1 AND artist_id = ?2 RETURNING alias", error);
  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, request->alias_id);
  sw_stmt_bind_text (stmt, 2, request->artist_id);
  if (!sw_store_step_row (store, stmt, error, _("“%s” has no alias with id “%s”"),
                          state.name, request->alias_id))
    return FALSE;
  alias = g_strdup (sw_stmt_column_text (stmt, 0));
  /* Finish the DELETE … RETURNING before the next statement. */
  sw_store_step (store, stmt, NULL);

  change = (ChangeRecord) { request->artist_id, state.name, "aliases", alias, "", "manual", "" };
  return _sw_artist_touch_artist (store, request->artist_id, error) &&
         _sw_artist_record_change (store, &change, error);
}

gboolean
sw_artist_service_remove_alias (SwArtistService  *self,
                                const char       *artist_id,
                                const char       *alias_id,
                                GError          **error)
{
  RelationRequest request = { artist_id, "manual", NULL, alias_id };

  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (self), FALSE);
  g_return_val_if_fail (artist_id != NULL && alias_id != NULL, FALSE);

  if (!sw_store_write (self->store, remove_alias_in_transaction, &request, error))
    return FALSE;

  _sw_artist_publish_artist_event (self, SW_EVENT_ARTIST_UPDATED, artist_id, "aliases", "manual");
  return TRUE;
}

typedef struct
{
  const char *artist_id;
  GPtrArray *rows;
} ListRequest;

static void
add_alias_row (SwStmt   *stmt,
               gpointer  rows)
{
  SwAlias *alias = sw_alias_new ();

  alias->id = g_strdup (sw_stmt_column_text (stmt, 0));
  alias->artist_id = g_strdup (sw_stmt_column_text (stmt, 1));
  alias->alias = g_strdup (sw_stmt_column_text (stmt, 2));
  alias->source = g_strdup (sw_stmt_column_text (stmt, 3));
  alias->created_at = g_strdup (sw_stmt_column_text (stmt, 4));
  g_ptr_array_add (rows, alias);
}

static gboolean
list_aliases_in_transaction (SwStore   *store,
                             gpointer   user_data,
                             GError   **error)
{
  ListRequest *request = user_data;
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "SELECT id, artist_id, alias, source, created_at FROM artist_aliases "
    "WHERE artist_id = ?1 ORDER BY alias COLLATE NOCASE", error);

  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, request->artist_id);
  return sw_store_foreach_row (store, stmt, add_alias_row, request->rows, error);
}

GPtrArray *
sw_artist_service_list_aliases (SwArtistService  *self,
                                const char       *artist_id,
                                GError          **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  ListRequest request = { artist_id, rows };

  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (self), NULL);

  if (!sw_store_read (self->store, list_aliases_in_transaction, &request, error))
    return NULL;

  return g_steal_pointer (&rows);
}

/* Members ------------------------------------------------------------------------------ */

static char *
member_names_json (SwStore     *store,
                   const char  *artist_id,
                   GError     **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "SELECT coalesce (json_group_array (member_name), '[]') FROM "
    "(SELECT member_name FROM band_members WHERE artist_id = ?1 ORDER BY sort_order, rowid)",
    error);

  if (stmt == NULL)
    return NULL;

  sw_stmt_bind_text (stmt, 1, artist_id);
  if (!sw_store_step (store, stmt, error))
    return NULL;
  return g_strdup (sw_stmt_column_text (stmt, 0));
}

static gboolean
insert_member (SwStore     *store,
               SwStmt      *stmt,
               const char  *artist_id,
               SwMember    *member,
               int          position,
               const char  *now,
               GError     **error)
{
  g_autofree char *instruments =
    sw_json_text_from_strv ((const char * const *) member->instruments);
  g_autofree char *id = sw_store_new_id ();

  sw_stmt_bind_text (stmt, 1, id);
  sw_stmt_bind_text (stmt, 2, artist_id);
  sw_stmt_bind_text (stmt, 3, member->member_name);
  sw_stmt_bind_text (stmt, 4, member->member_mbid);
  sw_stmt_bind_text (stmt, 5, instruments);
  sw_stmt_bind_text (stmt, 6, member->vocal_type);
  sw_stmt_bind_text (stmt, 7, member->date_joined);
  sw_stmt_bind_text (stmt, 8, member->date_left);
  sw_stmt_bind_int64 (stmt, 9, member->is_original_member);
  sw_stmt_bind_int64 (stmt, 10, position);
  sw_stmt_bind_text (stmt, 11, now);

  if (!sw_store_run (store, stmt, error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
save_members_in_transaction (SwStore   *store,
                             gpointer   user_data,
                             GError   **error)
{
  RelationRequest *request = user_data;
  g_auto(ArtistState) state = { 0 };
  g_autoptr(SwStmt) delete = NULL;
  g_autoptr(SwStmt) insert = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *now = sw_time_now_rfc3339 ();
  ChangeRecord change = { 0 };

  if (!_sw_artist_load_state (store, request->artist_id, &state, error) ||
      !_sw_artist_check_locks (store, request->artist_id, &state, "members", request->source,
                               error))
    return FALSE;

  before = member_names_json (store, request->artist_id, error);
  delete = sw_store_prepare (store, "DELETE FROM band_members WHERE artist_id = ?1", error);
  insert = sw_store_prepare (store,
    "INSERT INTO band_members (id, artist_id, member_name, member_mbid, instruments, "
    "vocal_type, date_joined, date_left, is_original_member, sort_order, created_at, "
    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)", error);
  if (before == NULL || delete == NULL || insert == NULL)
    return FALSE;

  sw_stmt_bind_text (delete, 1, request->artist_id);
  if (!sw_store_run (store, delete, error))
    return FALSE;

  for (guint i = 0; request->members != NULL && i < request->members->len; i++)
    if (!insert_member (store, insert, request->artist_id,
                        g_ptr_array_index (request->members, i), (int) i, now, error))
      return FALSE;

  after = member_names_json (store, request->artist_id, error);
  if (after == NULL)
    return FALSE;
  if (g_str_equal (before, after))
    return TRUE;

  change = (ChangeRecord) { request->artist_id, state.name, "members", before, after,
                            request->source, "" };
  request->changed = TRUE;
  return _sw_artist_touch_artist (store, request->artist_id, error) &&
         _sw_artist_record_change (store, &change, error);
}

static gboolean
check_members (GPtrArray  *members,
               GError    **error)
{
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      SwMember *member = g_ptr_array_index (members, i);

      if (member->member_name == NULL || g_strstrip (member->member_name)[0] == '\0')
        {
          g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                       _("Member %u has no name"), i + 1);
          return FALSE;
        }
      if (member->member_mbid != NULL && member->member_mbid[0] != '\0' &&
          !g_uuid_string_is_valid (member->member_mbid))
        {
          g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                       _("Member “%s” has an invalid MusicBrainz ID"), member->member_name);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
sw_artist_service_save_members (SwArtistService  *self,
                                const char       *artist_id,
                                GPtrArray        *members,
                                const char       *source,
                                GError          **error)
{
  RelationRequest request = { artist_id, source, NULL, NULL, members };

  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (self), FALSE);
  g_return_val_if_fail (artist_id != NULL, FALSE);

  if (!_sw_artist_check_source (source, error) || !check_members (members, error) ||
      !sw_store_write (self->store, save_members_in_transaction, &request, error))
    return FALSE;

  if (request.changed)
    _sw_artist_publish_artist_event (self, SW_EVENT_ARTIST_UPDATED, artist_id, "members", source);
  return TRUE;
}

gboolean
sw_artist_service_clear_members (SwArtistService  *self,
                                 const char       *artist_id,
                                 const char       *source,
                                 GError          **error)
{
  return sw_artist_service_save_members (self, artist_id, NULL, source, error);
}

static void
add_member_row (SwStmt   *stmt,
                gpointer  rows)
{
  SwMember *member = sw_member_new ();

  member->id = g_strdup (sw_stmt_column_text (stmt, 0));
  member->artist_id = g_strdup (sw_stmt_column_text (stmt, 1));
  member->member_name = g_strdup (sw_stmt_column_text (stmt, 2));
  member->member_mbid = g_strdup (sw_stmt_column_text (stmt, 3));
  member->instruments = sw_json_text_to_strv (sw_stmt_column_text (stmt, 4));
  member->vocal_type = g_strdup (sw_stmt_column_text (stmt, 5));
  member->date_joined = g_strdup (sw_stmt_column_text (stmt, 6));
  member->date_left = g_strdup (sw_stmt_column_text (stmt, 7));
  member->is_original_member = sqlite3_column_int (stmt, 8) != 0;
  member->sort_order = sqlite3_column_int (stmt, 9);
  member->created_at = g_strdup (sw_stmt_column_text (stmt, 10));
  member->updated_at = g_strdup (sw_stmt_column_text (stmt, 11));
  g_ptr_array_add (rows, member);
}

static gboolean
list_members_in_transaction (SwStore   *store,
                             gpointer   user_data,
                             GError   **error)
{
  ListRequest *request = user_data;
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "SELECT id, artist_id, member_name, member_mbid, instruments, vocal_type, date_joined, "
    "date_left, is_original_member, sort_order, created_at, updated_at FROM band_members "
    "WHERE artist_id = ?1 ORDER BY sort_order, rowid", error);

  if (stmt == NULL)
    return FALSE;

  sw_stmt_bind_text (stmt, 1, request->artist_id);
  return sw_store_foreach_row (store, stmt, add_member_row, request->rows, error);
}

GPtrArray *
sw_artist_service_list_members (SwArtistService  *self,
                                const char       *artist_id,
                                GError          **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  ListRequest request = { artist_id, rows };

  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (self), NULL);

  if (!sw_store_read (self->store, list_members_in_transaction, &request, error))
    return NULL;

  return g_steal_pointer (&rows);
}

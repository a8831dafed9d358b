/* sw-nfo-conflict.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-query.h"
#include "sw-atomic-file.h"
#include "sw-nfo-conflict.h"
#include "sw-nfo-state.h"
#include "sw-nfo.h"
#include "sw-time.h"

#define NFO_FILE_NAME "artist.nfo"

/* The artist.nfo path, or NULL for a pathless (platform-only) artist. */
static char *
nfo_path (SwArtist *artist)
{
  g_autofree char *path = NULL;

  g_object_get (artist, "path", &path, NULL);
  if (path == NULL || path[0] == '\0')
    return NULL;
  return g_build_filename (path, NFO_FILE_NAME, NULL);
}

/* "Since" for a file Stillwater never fingerprinted: the newest NFO snapshot, else 24
 * hours ago. */
static gint64
fallback_since_us (SwStore    *store,
                   const char *artist_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *snapshot = sw_nfo_state_latest_snapshot (store, artist_id, &error);

  if (snapshot != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) time = NULL;

      /* SQL defaults write "YYYY-MM-DD HH:MM:SS", the application RFC 3339. */
      g_strdelimit (snapshot, " ", 'T');
      time = g_date_time_new_from_iso8601 (snapshot, utc);
      if (time != NULL)
        return g_date_time_to_unix (time) * G_USEC_PER_SEC;
    }
  if (error != NULL)
    g_warning ("NFO snapshots of %s: %s", artist_id, error->message);

  return g_get_real_time () - (gint64) 24 * 3600 * G_USEC_PER_SEC;
}

gboolean
sw_nfo_conflict_check (SwStore     *store,
                       const char  *artist_id,
                       gboolean    *has_conflict,
                       char       **last_modified,
                       GError     **error)
{
  g_autoptr(SwArtist) artist = NULL;
  g_autoptr(GError) file_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *known_hash = NULL;
  gint64 mtime_us = 0;
  gint64 known_mtime_us = 0;

  g_return_val_if_fail (SW_IS_STORE (store), FALSE);
  g_return_val_if_fail (has_conflict != NULL, FALSE);

  *has_conflict = FALSE;
  if (last_modified != NULL)
    *last_modified = NULL;

  artist = sw_artist_store_get (store, artist_id, error);
  if (artist == NULL)
    return FALSE;

  path = nfo_path (artist);
  /* No file to lose: nothing to decide. */
  if (path == NULL || !sw_file_fingerprint (path, &hash, &mtime_us, &file_error))
    {
      if (file_error != NULL && !g_error_matches (file_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_info ("NFO conflict check of %s: %s", path, file_error->message);
      return TRUE;
    }

  if (!sw_nfo_state_get (store, artist_id, &known_hash, &known_mtime_us, error))
    return FALSE;

  if (known_hash[0] != '\0')
    *has_conflict = !g_str_equal (hash, known_hash);
  else
    *has_conflict = mtime_us > fallback_since_us (store, artist_id);

  if (last_modified != NULL)
    {
      g_autoptr(GDateTime) modified = g_date_time_new_from_unix_utc (mtime_us / G_USEC_PER_SEC);

      *last_modified = sw_time_format_rfc3339 (modified);
    }
  return TRUE;
}

/* A field as the artist service takes it: text, or a JSON array for lists. */
static char *
field_text (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));
  return json_to_string (value, FALSE);
}

gboolean
sw_nfo_conflict_reload (SwArtistService  *service,
                        const char       *artist_id,
                        GError          **error)
{
  SwStore *store;
  g_autoptr(SwArtist) stored = NULL;
  g_autoptr(SwArtist) merged = NULL;
  g_autoptr(SwNfo) nfo = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *path = NULL;
  g_autofree char *hash = NULL;
  const char * const *fields = sw_artist_editable_fields ();
  gint64 mtime_us = 0;

  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (service), FALSE);

  store = sw_artist_service_get_store (service);
  stored = sw_artist_store_get (store, artist_id, error);
  if (stored == NULL)
    return FALSE;

  path = nfo_path (stored);
  if (path == NULL)
    {
      g_set_error_literal (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                           _("This artist has no folder, so it has no NFO file"));
      return FALSE;
    }
  if (sw_artist_get_locked (stored))
    {
      g_set_error_literal (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT,
                           _("The artist is locked: unlock it to reload its NFO file"));
      return FALSE;
    }

  nfo = sw_nfo_load_full (path, &hash, &mtime_us, error);
  if (nfo == NULL)
    return FALSE;

  /* First, so that the rewrite that follows the edits records its own fingerprint
   * after this one. */
  if (!sw_nfo_state_set (store, artist_id, hash, mtime_us, error))
    return FALSE;

  merged = sw_artist_copy (stored);
  sw_nfo_apply_to_artist (nfo, merged);
  before = sw_artist_to_json (stored);
  after = sw_artist_to_json (merged);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      JsonNode *old_value = json_object_get_member (json_node_get_object (before), fields[i]);
      JsonNode *new_value = json_object_get_member (json_node_get_object (after), fields[i]);
      g_autofree char *text = NULL;

      if (old_value != NULL && new_value != NULL && json_node_equal (old_value, new_value))
        continue;
      text = field_text (new_value);
      if (!sw_artist_service_update_field (service, artist_id, fields[i], text, "import", NULL,
                                           error))
        return FALSE;
    }
  return TRUE;
}

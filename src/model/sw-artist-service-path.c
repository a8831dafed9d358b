/* sw-artist-service-path.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-service-path.h"
#include "sw-artist-service-private.h"

/* Where an artist's folder is. Moving the folder is the caller's job (the server's
 * rename-directory route); this keeps the stored path, the history and the event in
 * step with it, in one transaction. */

typedef struct
{
  const char *artist_id;
  const char *path;
  const char *source;
  gboolean changed;
} PathUpdate;

static gboolean
set_path_in_transaction (SwStore   *store,
                         gpointer   user_data,
                         GError   **error)
{
  PathUpdate *update = user_data;
  g_auto(ArtistState) state = { 0 };
  g_autoptr(SwStmt) select = NULL;
  g_autoptr(SwStmt) taken = NULL;
  g_autoptr(SwStmt) write = NULL;
  g_autofree char *old_path = NULL;
  gboolean other = FALSE;
  ChangeRecord change = { 0 };

  if (!_sw_artist_load_state (store, update->artist_id, &state, error) ||
      !_sw_artist_check_locks (store, update->artist_id, &state, NULL, update->source, error))
    return FALSE;

  select = sw_store_prepare (store, "SELECT path FROM artists WHERE id = ?1", error);
  if (select == NULL)
    return FALSE;
  sw_stmt_bind_text (select, 1, update->artist_id);
  if (!sw_store_step_row (store, select, error, _("There is no artist with id “%s”"),
                          update->artist_id))
    return FALSE;
  old_path = g_strdup (sw_stmt_column_text (select, 0));
  if (g_str_equal (old_path, update->path))
    return TRUE;

  taken = sw_store_prepare (store, "SELECT 1 FROM artists WHERE path = ?1 AND id <> ?2", error);
  if (taken == NULL)
    return FALSE;
  sw_stmt_bind_text (taken, 1, update->path);
  sw_stmt_bind_text (taken, 2, update->artist_id);
  if (!sw_store_step_any (store, taken, &other, error))
    return FALSE;
  if (other)
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT,
                   _("Another artist already has the folder “%s”"), update->path);
      return FALSE;
    }

  write = sw_store_prepare (store, "UPDATE artists SET path = ?1 WHERE id = ?2", error);
  if (write == NULL)
    return FALSE;
  sw_stmt_bind_text (write, 1, update->path);
  sw_stmt_bind_text (write, 2, update->artist_id);

  change = (ChangeRecord) { update->artist_id, state.name, "path", old_path, update->path,
                            update->source, "operator" };
  update->changed = TRUE;
  return sw_store_run (store, write, error) &&
         _sw_artist_touch_artist (store, update->artist_id, error) &&
         _sw_artist_record_change (store, &change, error);
}

gboolean
sw_artist_service_set_path (SwArtistService  *self,
                            const char       *artist_id,
                            const char       *path,
                            const char       *source,
                            GError          **error)
{
  PathUpdate update = { artist_id, path, source, FALSE };

  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (self), FALSE);
  g_return_val_if_fail (artist_id != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!_sw_artist_check_source (source, error))
    return FALSE;

  if (!g_path_is_absolute (path) || !g_utf8_validate (path, -1, NULL))
    {
      g_autofree char *shown = g_utf8_make_valid (path, -1);

      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
                   _("“%s” is not an absolute folder path"), shown);
      return FALSE;
    }

  if (!sw_store_write (self->store, set_path_in_transaction, &update, error))
    return FALSE;

  if (update.changed)
    _sw_artist_publish_artist_event (self, SW_EVENT_ARTIST_UPDATED, artist_id, "path", source);
  return TRUE;
}

/* sw-image-files.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "sw-image-files.h"
#include "sw-image-folder.h"
#include "sw-platform-service.h"
#include "sw-time.h"

/* What the store says about one slot of one artist, read in one transaction. */
typedef struct
{
  const char *artist_id;
  const char *slot;
  char *path;                   /* artists.path; "" for a pathless artist */
  GPtrArray *registered;        /* SwImageFile from rows that exist and name a file */
  gboolean locked;              /* any row of the slot */
  SwPlatformProfile *profile;   /* active, or NULL */
} Registry;

static void
registry_clear (Registry *registry)
{
  g_clear_pointer (&registry->path, g_free);
  g_clear_pointer (&registry->registered, g_ptr_array_unref);
  g_clear_object (&registry->profile);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Registry, registry_clear)

/* No active profile (never the case once seeded) means the default names. */
static gboolean
read_active_profile (SwStore             *store,
                     SwPlatformProfile  **profile,
                     GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  *profile = sw_platform_service_get_active (store, &local_error);
  if (*profile == NULL && !g_error_matches (local_error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_registry (SwStore   *store,
               gpointer   user_data,
               GError   **error)
{
  Registry *registry = user_data;
  g_autoptr(SwStmt) artist = NULL;
  g_autoptr(SwStmt) rows = NULL;

  artist = sw_store_prepare (store, "SELECT path FROM artists WHERE id = ?1", error);
  if (artist == NULL)
    return FALSE;
  sw_stmt_bind_text (artist, 1, registry->artist_id);
  if (!sw_store_step_row (store, artist, error, _("No artist with id “%s”"), registry->artist_id))
    return FALSE;
  registry->path = g_strdup (sw_stmt_column_text (artist, 0));

  rows = sw_store_prepare (store,
    "SELECT slot_index, file_name, exists_flag, locked FROM artist_images "
    "WHERE artist_id = ?1 AND image_type = ?2 ORDER BY slot_index", error);
  if (rows == NULL)
    return FALSE;
  sw_stmt_bind_text (rows, 1, registry->artist_id);
  sw_stmt_bind_text (rows, 2, registry->slot);

  registry->registered = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_image_file_free);
  while (sw_store_step (store, rows, error))
    {
      const char *file_name = sw_stmt_column_text (rows, 1);
      SwImageFile *file;

      if (sqlite3_column_int (rows, 3) != 0)
        registry->locked = TRUE;
      if (sqlite3_column_int (rows, 2) == 0 || *file_name == '\0')
        continue;

      file = g_new0 (SwImageFile, 1);
      file->slot = registry->slot;
      file->index = (guint) MAX (sqlite3_column_int (rows, 0), 0);
      file->file_name = g_strdup (file_name);
      g_ptr_array_add (registry->registered, file);
    }
  if (error != NULL && *error != NULL)
    return FALSE;

  return read_active_profile (store, &registry->profile, error);
}

/* The slot names are static strings, which SwImageFile points at. */
static const char *
checked_slot (const char  *slot,
              GError     **error)
{
  static const char * const slots[] = { "thumb", "fanart", "logo", "banner" };

  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    if (g_strcmp0 (slot, slots[i]) == 0)
      return slots[i];

  g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_INVALID,
               _("“%s” is not an image type (thumb, fanart, logo or banner)"), slot ? slot : "");
  return NULL;
}

static char *
folder_for (SwStore    *store,
            Registry   *registry,
            GError    **error)
{
  g_autofree char *database_dir = NULL;

  if (registry->path[0] != '\0')
    return g_strdup (registry->path);

  /* A pathless artist's images live in the cache, named by its id; an id that is not a
   * plain name cannot have a cache folder. */
  if (!sw_image_folder_name_is_safe (registry->artist_id))
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND,
                   _("No artist with id “%s”"), registry->artist_id);
      return NULL;
    }
  database_dir = g_path_get_dirname (sw_store_get_path (store));
  return g_build_filename (database_dir, "cache", "images", registry->artist_id, NULL);
}

/* The names in @folder; a folder that does not exist has none. */
static char **
list_folder (const char  *folder,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char **names = sw_image_folder_list (folder, &local_error);

  if (names == NULL && g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return g_new0 (char *, 1);
  if (names == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return names;
}

static GPtrArray *
images_of (Registry    *registry,
           const char  *folder,
           GError     **error)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) matched = NULL;
  GPtrArray *images;

  if (registry->registered->len > 0)
    return g_ptr_array_ref (registry->registered);

  names = list_folder (folder, error);
  if (names == NULL)
    return NULL;

  matched = sw_image_naming_match (registry->profile, (const char * const *) names);
  images = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_image_file_free);
  for (guint i = 0; i < matched->len; i++)
    {
      SwImageFile *file = g_ptr_array_index (matched, i);

      if (g_strcmp0 (file->slot, registry->slot) == 0)
        g_ptr_array_add (images, g_steal_pointer (&matched->pdata[i]));
    }
  return images;
}

GPtrArray *
sw_image_files_list (SwStore     *store,
                     const char  *artist_id,
                     const char  *slot,
                     char       **folder,
                     GError     **error)
{
  g_auto(Registry) registry = { 0 };
  g_autofree char *directory = NULL;
  GPtrArray *images;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (artist_id != NULL, NULL);

  registry.artist_id = artist_id;
  registry.slot = checked_slot (slot, error);
  if (registry.slot == NULL || !sw_store_read (store, read_registry, &registry, error))
    return NULL;

  directory = folder_for (store, &registry, error);
  if (directory == NULL)
    return NULL;
  images = images_of (&registry, directory, error);
  if (images != NULL && folder != NULL)
    *folder = g_steal_pointer (&directory);
  return images;
}

int
sw_image_files_open (SwStore      *store,
                     const char   *artist_id,
                     const char   *slot,
                     guint         index,
                     char        **folder,
                     char        **file_name,
                     struct stat  *st,
                     GError      **error)
{
  g_autoptr(GPtrArray) images = NULL;
  g_autofree char *directory = NULL;
  g_autoptr(GError) local_error = NULL;
  const SwImageFile *image = NULL;
  int fd;

  images = sw_image_files_list (store, artist_id, slot, &directory, error);
  if (images == NULL)
    return -1;

  for (guint i = 0; i < images->len && image == NULL; i++)
    if (((SwImageFile *) g_ptr_array_index (images, i))->index == index)
      image = g_ptr_array_index (images, i);
  if (image == NULL)
    {
      if (index == 0)
        g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND,
                     _("The artist has no %s image"), slot);
      else
        g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND,
                     _("The artist has no %s image at position %u"), slot, index);
      return -1;
    }

  fd = sw_image_folder_open (directory, image->file_name, st, &local_error);
  if (fd < 0)
    {
      /* Gone, or a name the registry should never have held: either way there is
       * nothing to serve. Other failures are real errors. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME) ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE))
        g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND,
                     _("The %s image file is missing: %s"), slot, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }

  if (folder != NULL)
    *folder = g_steal_pointer (&directory);
  if (file_name != NULL)
    *file_name = g_strdup (image->file_name);
  return fd;
}

typedef struct
{
  Registry registry;
  GPtrArray *deleted;
} Removal;

static gboolean
add_unique (GPtrArray  *names,
            const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (strcmp (g_ptr_array_index (names, i), name) == 0)
      return FALSE;
  g_ptr_array_add (names, g_strdup (name));
  return TRUE;
}

/* Inside the write, so a lock set meanwhile cannot be missed and the rows go only if
 * every file went. A file removed before a later one fails stays removed: there is no
 * putting it back, and the next scan records what is left. */
static gboolean
delete_in_transaction (SwStore   *store,
                       gpointer   user_data,
                       GError   **error)
{
  Removal *removal = user_data;
  Registry *registry = &removal->registry;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(SwStmt) delete_rows = NULL;
  g_autoptr(SwStmt) touch = NULL;
  g_autofree char *now = NULL;
  g_auto(GStrv) names = NULL;

  if (!read_registry (store, registry, error))
    return FALSE;

  if (registry->path[0] == '\0')
    {
      g_set_error_literal (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT,
                           _("The artist has no folder, so it has no image files to delete"));
      return FALSE;
    }
  if (registry->locked)
    {
      g_set_error (error, SW_STORE_ERROR, SW_STORE_ERROR_CONFLICT,
                   _("The %s image is locked; unlock it before deleting it"), registry->slot);
      return FALSE;
    }

  names = list_folder (registry->path, error);
  if (names == NULL)
    return FALSE;

  /* What the naming could take for the slot, and what the registry names (only names
   * that are really in the folder, so nothing else is ever touched). */
  targets = sw_image_naming_find_all (registry->profile, registry->slot,
                                      (const char * const *) names);
  for (guint i = 0; i < registry->registered->len; i++)
    {
      const char *name = ((SwImageFile *) g_ptr_array_index (registry->registered, i))->file_name;

      if (sw_image_folder_name_is_safe (name) && g_strv_contains ((const char * const *) names,
                                                                  name))
        add_unique (targets, name);
    }

  for (guint i = 0; i < targets->len; i++)
    {
      const char *name = g_ptr_array_index (targets, i);

      if (!sw_image_folder_remove (registry->path, name, error))
        return FALSE;
      g_ptr_array_add (removal->deleted, g_strdup (name));
    }

  delete_rows = sw_store_prepare (store,
    "DELETE FROM artist_images WHERE artist_id = ?1 AND image_type = ?2", error);
  if (delete_rows == NULL)
    return FALSE;
  sw_stmt_bind_text (delete_rows, 1, registry->artist_id);
  sw_stmt_bind_text (delete_rows, 2, registry->slot);
  if (!sw_store_run (store, delete_rows, error))
    return FALSE;

  /* Changed, and due for the rules again. */
  touch = sw_store_prepare (store,
    "UPDATE artists SET updated_at = ?1, dirty_since = ?1 WHERE id = ?2", error);
  if (touch == NULL)
    return FALSE;
  now = sw_time_now_rfc3339 ();
  sw_stmt_bind_text (touch, 1, now);
  sw_stmt_bind_text (touch, 2, registry->artist_id);
  return sw_store_run (store, touch, error);
}

GPtrArray *
sw_image_files_delete (SwStore     *store,
                       const char  *artist_id,
                       const char  *slot,
                       GError     **error)
{
  Removal removal = { { 0 }, NULL };
  gboolean ok;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (artist_id != NULL, NULL);

  removal.registry.artist_id = artist_id;
  removal.registry.slot = checked_slot (slot, error);
  if (removal.registry.slot == NULL)
    return NULL;

  removal.deleted = g_ptr_array_new_with_free_func (g_free);
  ok = sw_store_write (store, delete_in_transaction, &removal, error);
  registry_clear (&removal.registry);
  if (!ok)
    {
      g_ptr_array_unref (removal.deleted);
      return NULL;
    }
  return removal.deleted;
}

static gboolean
random_fanart_artist (SwStore   *store,
                      gpointer   user_data,
                      GError   **error)
{
  char **artist_id = user_data;
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "SELECT id FROM artists WHERE fanart_exists = 1 ORDER BY random () LIMIT 1", error);

  if (stmt == NULL ||
      !sw_store_step_row (store, stmt, error, "%s", _("No artist has fanart")))
    return FALSE;
  *artist_id = g_strdup (sw_stmt_column_text (stmt, 0));
  return TRUE;
}

char *
sw_image_files_random_fanart_artist (SwStore  *store,
                                     GError  **error)
{
  char *artist_id = NULL;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);

  if (!sw_store_read (store, random_fanart_artist, &artist_id, error))
    return NULL;
  return artist_id;
}

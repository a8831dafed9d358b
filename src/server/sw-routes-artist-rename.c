/* sw-routes-artist-rename.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* renameat2() */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <sys/stat.h>

#include "sw-artist-private.h"
#include "sw-artist-query.h"
#include "sw-artist-service-path.h"
#include "sw-http.h"
#include "sw-routes-artist-rename.h"
#include "sw-routes-artist-request.h"

/* Renaming an artist's folder is separate from editing its name: a media server maps
 * its items to paths, so a folder only moves when the operator asks. The folder stays
 * in its parent folder (one rename(2), atomic), and the stored path follows in one
 * change through the service. */

/* The longest file name Linux file systems take, in bytes. */
#define MAX_DIRNAME 255

/* One path segment: not empty, "." or "..", no separator of either system, no control
 * characters. (NUL cannot get this far: bodies with one are refused when read.) */
static gboolean
check_dirname (SwHttpMessage *msg,
               const char    *name)
{
  const char *message = NULL;

  if (name[0] == '\0' || g_str_equal (name, ".") || g_str_equal (name, "..") ||
      strpbrk (name, "/\\") != NULL)
    message = _("The new folder name must be one name: not empty, “.” or “..”, and "
                "without “/” or “\\”");
  else if (strlen (name) > MAX_DIRNAME)
    message = _("The new folder name is longer than 255 bytes");
  else
    for (const char *p = name; *p != '\0' && message == NULL; p++)
      if ((guchar) *p < 0x20 || *p == 0x7f)
        message = _("The new folder name may not contain control characters");

  if (message != NULL)
    {
      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST, message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
  return FALSE;
}

/* Never replaces anything at @to. Where the file system cannot promise that
 * (RENAME_NOREPLACE is refused), the target is checked just before a plain rename. */
static gboolean
move_folder (const char  *from,
             const char  *to,
             GError     **error)
{
  struct stat info;

  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return TRUE;
  if (errno != EINVAL && errno != ENOSYS)
    return set_errno_error (error, errno);

  if (lstat (to, &info) == 0)
    return set_errno_error (error, EEXIST);
  if (rename (from, to) != 0)
    return set_errno_error (error, errno);
  return TRUE;
}

static void
respond_move_error (SwHttpMessage *msg,
                    const GError  *error,
                    const char    *new_name)
{
  g_autofree char *message = NULL;
  guint status = SOUP_STATUS_CONFLICT;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_EMPTY))
    message = g_strdup_printf (_("A folder named “%s” already exists there"), new_name);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    message = g_strdup (_("The artist’s folder does not exist on disk"));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FILENAME_TOO_LONG))
    {
      status = SOUP_STATUS_BAD_REQUEST;
      message = g_strdup (_("The new folder name is too long for this file system"));
    }
  else
    {
      status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
      g_warning ("Cannot rename an artist folder to “%s”: %s", new_name, error->message);
      message = g_strdup_printf (_("Cannot rename the folder: %s"), error->message);
    }

  sw_http_respond_error (msg, status, message);
}

static void
respond_renamed (SwHttpMessage *msg,
                 const char    *new_path)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = NULL;

  json_object_set_string_member (object, "status", "renamed");
  json_object_set_string_member (object, "new_path", new_path);
  body = json_node_init_object (json_node_alloc (), object);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

/* The artist's folder, or NULL when it has answered: unknown (404), locked or pathless
 * (409). The path is cleaned of "." segments and trailing separators. */
static char *
folder_of (SwHttpMessage   *msg,
           SwArtistService *service,
           const char      *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwArtist) artist = sw_artist_store_get (sw_artist_service_get_store (service), id,
                                                    &error);
  g_autofree char *message = NULL;

  if (artist == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return NULL;
    }

  if (artist->locked)
    message = g_strdup_printf (_("“%s” is locked; its folder is not renamed"), artist->name);
  else if (artist->path == NULL || !g_path_is_absolute (artist->path))
    message = g_strdup_printf (_("“%s” has no folder to rename"), artist->name);
  else
    {
      char *folder = g_canonicalize_filename (artist->path, NULL);

      if (!g_str_equal (folder, "/"))
        return folder;
      g_free (folder);
      message = g_strdup_printf (_("“%s” has no folder to rename"), artist->name);
    }

  sw_http_respond_error (msg, SOUP_STATUS_CONFLICT, message);
  return NULL;
}

static void
post_rename_directory (SwHttpMessage *msg,
                       GHashTable    *params,
                       gpointer       user_data)
{
  SwArtistService *service = user_data;
  const char *id = sw_artist_request_param (msg, params, "id");
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *current = NULL;
  g_autofree char *new_path = NULL;
  g_autoptr(GError) error = NULL;
  const char *new_name;

  if (id == NULL || (body = sw_artist_request_read_object (msg)) == NULL ||
      (new_name = sw_artist_request_string_member (msg, body, "new_dirname")) == NULL ||
      !check_dirname (msg, new_name) ||
      (folder = folder_of (msg, service, id)) == NULL)
    return;

  parent = g_path_get_dirname (folder);
  current = g_path_get_basename (folder);
  if (g_str_equal (current, new_name))
    {
      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                             _("The folder already has that name"));
      return;
    }

  new_path = g_build_filename (parent, new_name, NULL);
  if (!move_folder (folder, new_path, &error))
    {
      respond_move_error (msg, error, new_name);
      return;
    }

  if (!sw_artist_service_set_path (service, id, new_path, "manual", &error))
    {
      g_autoptr(GError) undo_error = NULL;

      /* Disk and store must agree: the folder goes back where the store says it is. */
      if (!move_folder (new_path, folder, &undo_error))
        g_warning ("Cannot move “%s” back to “%s” after a failed rename: %s",
                   new_path, folder, undo_error->message);
      sw_http_respond_gerror (msg, error);
      return;
    }

  respond_renamed (msg, new_path);
}

void
sw_routes_artist_rename_register (SwRouter        *router,
                                  SwArtistService *service)
{
  g_return_if_fail (SW_IS_ROUTER (router));
  g_return_if_fail (SW_IS_ARTIST_SERVICE (service));

  g_object_set_data_full (G_OBJECT (router), "sw-artist-rename-routes", g_object_ref (service),
                          g_object_unref);

  sw_router_add (router, SOUP_METHOD_POST, "/artists/{id}/rename-directory", NULL, NULL,
                 post_rename_directory, service);
}

/* sw-routes-images.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <unistd.h>

#include "sw-http.h"
#include "sw-image-files.h"
#include "sw-image-folder.h"
#include "sw-image-probe.h"
#include "sw-routes-images.h"
#include "sw-time.h"

/* Image files are streamed from an open descriptor a chunk at a time, so a 25 MB
 * fanart costs 64 KiB of memory per client, and a file replaced by rename while it is
 * served is served whole (the descriptor keeps the old one). The ETag comes from the
 * descriptor's inode, size and modification time: always the file actually sent, and
 * never stale the way a stored hash can be. */

#define CHUNK_SIZE (64 * 1024)
#define BODY_KEY "sw-image-body"

typedef struct
{
  GInputStream *stream;
  guint64 remaining;
} FileBody;

static void
file_body_free (FileBody *body)
{
  g_clear_object (&body->stream);
  g_free (body);
}

static void
set_image_headers (SwHttpMessage *msg,
                   const char    *etag,
                   const char    *last_modified)
{
  SoupMessageHeaders *headers = sw_http_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  /* May be kept, but must be checked again each time (cheap: a 304). */
  soup_message_headers_replace (headers, "Cache-Control", "private, no-cache");
  soup_message_headers_replace (headers, "ETag", etag);
  soup_message_headers_replace (headers, "Last-Modified", last_modified);
}

static char *
etag_for (const struct stat *st)
{
  return g_strdup_printf ("\"%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x-%"
                          G_GINT64_MODIFIER "x\"", (gint64) st->st_ino, (gint64) st->st_size,
                          (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) +
                          st->st_mtim.tv_nsec);
}

/* If-None-Match (a list, "*", weak tags compared weakly) decides when present;
 * otherwise If-Modified-Since, to the second. */
static gboolean
not_modified (SwHttpMessage *msg,
              const char    *etag,
              gint64         mtime)
{
  SoupMessageHeaders *headers = sw_http_message_get_request_headers (msg);
  const char *if_none_match = soup_message_headers_get_list (headers, "If-None-Match");
  const char *if_modified_since = soup_message_headers_get_one (headers, "If-Modified-Since");

  if (if_none_match != NULL)
    {
      g_auto(GStrv) tags = g_strsplit (if_none_match, ",", -1);

      for (guint i = 0; tags[i] != NULL; i++)
        {
          const char *tag = g_strstrip (tags[i]);

          if (g_str_has_prefix (tag, "W/"))
            tag += 2;
          if (strcmp (tag, "*") == 0 || strcmp (tag, etag) == 0)
            return TRUE;
        }
      return FALSE;
    }

  if (if_modified_since != NULL)
    {
      g_autoptr(GDateTime) since = soup_date_time_new_from_http_string (if_modified_since);

      return since != NULL && mtime <= g_date_time_to_unix (since);
    }
  return FALSE;
}

/* The file shrank under us (written in place by another program): the promised length
 * cannot be kept, so the connection is cut, which the client sees as a failed
 * download rather than a short image. */
static void
cut_connection (SwHttpMessage *msg)
{
  sw_http_message_end_stream (msg, TRUE);
}

static void
append_next_chunk (SwHttpMessage *msg,
                   FileBody      *body)
{
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;

  if (body->remaining == 0)
    return;

  chunk = g_input_stream_read_bytes (body->stream, MIN (body->remaining, CHUNK_SIZE), NULL,
                                     &error);
  if (chunk == NULL || g_bytes_get_size (chunk) == 0)
    {
      /* Another program's doing, not ours: worth a line in the log, not a warning. */
      g_message ("An image file ended or failed while it was served: %s",
                 error != NULL ? error->message : "it became shorter");
      body->remaining = 0;
      cut_connection (msg);
      return;
    }

  body->remaining -= g_bytes_get_size (chunk);
  soup_message_body_append_bytes (sw_http_message_get_response_body (msg), chunk);
}

/* The core looks for more body when this returns, so the next chunk goes out without
 * a resume. */
static void
wrote_cb (SwHttpMessage *msg,
          gsize          length,
          gpointer       user_data)
{
  append_next_chunk (msg, user_data);
}

static void
serve_image (SwHttpMessage *msg,
             SwStore       *store,
             const char    *artist_id,
             const char    *slot,
             guint          index)
{
  SoupMessageHeaders *headers = sw_http_message_get_response_headers (msg);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *last_modified = NULL;
  SwImageFormat format;
  struct stat st;
  FileBody *body;
  int fd;

  fd = sw_image_files_open (store, artist_id, slot, index, NULL, &file_name, &st, &error);
  if (fd < 0)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }
  stream = g_unix_input_stream_new (fd, TRUE);

  etag = etag_for (&st);
  modified = g_date_time_new_from_unix_utc (st.st_mtim.tv_sec);
  last_modified = soup_date_time_to_string (modified, SOUP_DATE_HTTP);
  if (not_modified (msg, etag, st.st_mtim.tv_sec))
    {
      set_image_headers (msg, etag, last_modified);
      sw_http_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  /* The format from the bytes, not the name: the type sent is the type it is. */
  first = g_input_stream_read_bytes (stream, MIN ((guint64) st.st_size, CHUNK_SIZE), NULL,
                                     &error);
  if (first == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }
  format = sw_image_sniff_format (g_bytes_get_data (first, NULL), g_bytes_get_size (first));
  if (format == SW_IMAGE_FORMAT_UNKNOWN)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a JPEG, PNG or WebP image"),
                                                  file_name);

      sw_http_respond_error (msg, SOUP_STATUS_NOT_FOUND, message);
      return;
    }

  set_image_headers (msg, etag, last_modified);
  sw_http_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, sw_image_format_to_mime_type (format), NULL);
  soup_message_headers_set_content_length (headers, st.st_size);
  /* The core sends no body for HEAD: the headers, Content-Length included, are the
   * whole answer. */
  if (g_strcmp0 (sw_http_message_get_method (msg), SOUP_METHOD_HEAD) == 0)
    return;

  /* Written chunks are dropped, and each written one brings in the next. */
  soup_message_body_set_accumulate (sw_http_message_get_response_body (msg), FALSE);
  body = g_new0 (FileBody, 1);
  body->stream = g_steal_pointer (&stream);
  body->remaining = (guint64) st.st_size - g_bytes_get_size (first);
  sw_http_message_set_data (msg, BODY_KEY, body, (GDestroyNotify) file_body_free);
  soup_message_body_append_bytes (sw_http_message_get_response_body (msg), first);
  /* With the Content-Length above, the core ends the response after exactly that many
   * bytes; the body lives as long as the message, so no finished callback is needed. */
  sw_http_message_stream (msg, wrote_cb, NULL, body);
  sw_http_message_resume (msg);
}

static void
get_image_file (SwHttpMessage *msg,
                GHashTable    *params,
                gpointer       user_data)
{
  serve_image (msg, user_data, g_hash_table_lookup (params, "id"),
               g_hash_table_lookup (params, "type"), 0);
}

static void
get_fanart_file (SwHttpMessage *msg,
                 GHashTable    *params,
                 gpointer       user_data)
{
  const char *text = g_hash_table_lookup (params, "index");
  guint64 index;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT, &index, NULL))
    {
      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                             _("The fanart index must be a whole number from 0"));
      return;
    }
  serve_image (msg, user_data, g_hash_table_lookup (params, "id"), "fanart", (guint) index);
}

/* Header facts of an open image; a damaged header leaves the size unknown (0 × 0). */
static void
add_probe_members (JsonBuilder *builder,
                   int          fd)
{
  SwImageProbe probe = { SW_IMAGE_FORMAT_UNKNOWN, 0, 0 };

  if (!sw_image_probe_fd (fd, &probe, NULL))
    probe = (SwImageProbe) { SW_IMAGE_FORMAT_UNKNOWN, 0, 0 };

  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, probe.width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, probe.height);
  json_builder_set_member_name (builder, "format");
  if (probe.format != SW_IMAGE_FORMAT_UNKNOWN)
    json_builder_add_string_value (builder, sw_image_format_to_string (probe.format));
  else
    json_builder_add_null_value (builder);
}

/* Whether a pre-edit backup of the slot is kept (<folder>/.sw-backup/<type>/). */
static gboolean
backup_exists (const char *folder,
               const char *slot)
{
  g_autofree char *backup = g_build_filename (folder, ".sw-backup", slot, NULL);
  g_autoptr(GDir) dir = g_dir_open (backup, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) != NULL;
}

static void
get_image_info (SwHttpMessage *msg,
                GHashTable    *params,
                gpointer       user_data)
{
  const char *slot = g_hash_table_lookup (params, "type");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *modified_text = NULL;
  struct stat st;
  int fd;

  fd = sw_image_files_open (user_data, g_hash_table_lookup (params, "id"), slot, 0, &folder,
                            &file_name, &st, &error);
  if (fd < 0)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  modified = g_date_time_new_from_unix_utc (st.st_mtim.tv_sec);
  modified_text = sw_time_format_rfc3339 (modified);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, slot);
  json_builder_set_member_name (builder, "filename");
  json_builder_add_string_value (builder, file_name);
  add_probe_members (builder, fd);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, st.st_size);
  json_builder_set_member_name (builder, "modified");
  json_builder_add_string_value (builder, modified_text);
  json_builder_set_member_name (builder, "backup_exists");
  json_builder_add_boolean_value (builder, backup_exists (folder, slot));
  json_builder_end_object (builder);
  close (fd);

  body = json_builder_get_root (builder);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

static void
list_fanart (SwHttpMessage *msg,
             GHashTable    *params,
             gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *folder = NULL;

  images = sw_image_files_list (user_data, g_hash_table_lookup (params, "id"), "fanart",
                                &folder, &error);
  if (images == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < images->len; i++)
    {
      const SwImageFile *image = g_ptr_array_index (images, i);
      struct stat st;
      int fd = sw_image_folder_open (folder, image->file_name, &st, NULL);

      /* Registered but gone: the next scan drops it; it is not listed meanwhile. */
      if (fd < 0)
        continue;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "index");
      json_builder_add_int_value (builder, image->index);
      json_builder_set_member_name (builder, "filename");
      json_builder_add_string_value (builder, image->file_name);
      add_probe_members (builder, fd);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, st.st_size);
      json_builder_end_object (builder);
      close (fd);
    }
  json_builder_end_array (builder);

  body = json_builder_get_root (builder);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

static void
delete_image (SwHttpMessage *msg,
              GHashTable    *params,
              gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;

  deleted = sw_image_files_delete (user_data, g_hash_table_lookup (params, "id"),
                                   g_hash_table_lookup (params, "type"), &error);
  if (deleted == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "deleted");
  json_builder_set_member_name (builder, "deleted");
  json_builder_begin_array (builder);
  for (guint i = 0; i < deleted->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (deleted, i));
  json_builder_end_array (builder);
  /* No platform is told yet, so there is nothing to warn about. */
  json_builder_set_member_name (builder, "sync_warnings");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  body = json_builder_get_root (builder);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

typedef struct
{
  SwStore *store;
  char *prefix;                 /* the router's, for redirect targets */
} ImageRoutes;

static void
image_routes_free (ImageRoutes *routes)
{
  g_clear_object (&routes->store);
  g_free (routes->prefix);
  g_free (routes);
}

static void
random_backdrop (SwHttpMessage *msg,
                 GHashTable    *params,
                 gpointer       user_data)
{
  ImageRoutes *routes = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *artist_id = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *location = NULL;

  artist_id = sw_image_files_random_fanart_artist (routes->store, &error);
  if (artist_id == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  escaped = g_uri_escape_string (artist_id, NULL, FALSE);
  location = g_strdup_printf ("%s/artists/%s/images/fanart/file", routes->prefix, escaped);
  soup_message_headers_replace (sw_http_message_get_response_headers (msg), "Cache-Control",
                                "no-store");
  sw_http_message_set_redirect (msg, SOUP_STATUS_TEMPORARY_REDIRECT, location);
}

void
sw_routes_images_register (SwRouter *router,
                           SwStore  *store)
{
  ImageRoutes *routes = g_new0 (ImageRoutes, 1);

  routes->store = g_object_ref (store);
  routes->prefix = g_strdup (sw_router_get_prefix (router));
  g_object_set_data_full (G_OBJECT (router), "sw-image-routes", routes,
                          (GDestroyNotify) image_routes_free);

  sw_router_add (router, SOUP_METHOD_GET, "/artists/{id}/images/{type}/file", NULL, NULL,
                 get_image_file, store);
  sw_router_add (router, SOUP_METHOD_GET, "/artists/{id}/images/{type}/info", NULL, NULL,
                 get_image_info, store);
  sw_router_add (router, SOUP_METHOD_GET, "/artists/{id}/images/fanart/list", NULL, NULL,
                 list_fanart, store);
  sw_router_add (router, SOUP_METHOD_GET, "/artists/{id}/images/fanart/{index}/file", NULL, NULL,
                 get_fanart_file, store);
  sw_router_add (router, SOUP_METHOD_DELETE, "/artists/{id}/images/{type}", NULL, NULL,
                 delete_image, store);
  sw_router_add (router, SOUP_METHOD_GET, "/images/random-backdrop", NULL, NULL, random_backdrop,
                 routes);
}

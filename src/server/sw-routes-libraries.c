/* sw-routes-libraries.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-http.h"
#include "sw-library-private.h"
#include "sw-library-service.h"
#include "sw-routes-libraries.h"
#include "sw-value-check.h"

/* Creating, changing and deleting libraries is for administrators; the guard has checked
 * that already. Bodies are JSON or, from the web UI's forms, urlencoded. */

/* What a request body says; NULL strings and has_* FALSE for members it leaves out. */
typedef struct
{
  char *name;
  char *path;
  char *type;
  gboolean has_fs_watch;
  gint64 fs_watch;
  gboolean has_fs_poll_interval;
  gint64 fs_poll_interval;
  gboolean has_nfo_lock_data;
  gboolean nfo_lock_data;
} Input;

static void
input_clear (Input *input)
{
  g_clear_pointer (&input->name, g_free);
  g_clear_pointer (&input->path, g_free);
  g_clear_pointer (&input->type, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Input, input_clear)

static gboolean
bad_request (GError     **error,
             const char  *format,
             ...) G_GNUC_PRINTF (2, 3);

static gboolean
bad_request (GError     **error,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, SW_HTTP_ERROR, SW_HTTP_ERROR_BAD_REQUEST, message);
  return FALSE;
}

/* A string member, or NULL for absent and null. */
static gboolean
json_string (JsonObject   *object,
             const char   *member,
             char        **out,
             GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return bad_request (error, _("%s must be a string"), member);

  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
json_int (JsonObject   *object,
          const char   *member,
          gboolean     *has,
          gint64       *out,
          GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return bad_request (error, _("%s must be an integer"), member);

  *has = TRUE;
  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
json_bool (JsonObject   *object,
           const char   *member,
           gboolean     *has,
           gboolean     *out,
           GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return bad_request (error, _("%s must be true or false"), member);

  *has = TRUE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
input_from_json (SwHttpMessage  *msg,
                 Input          *input,
                 GError        **error)
{
  g_autoptr(JsonNode) body = sw_http_read_json_body (msg, error);
  JsonObject *object;

  if (body == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (body))
    {
      g_set_error_literal (error, SW_HTTP_ERROR, SW_HTTP_ERROR_BAD_REQUEST,
                           _("The body must be a JSON object"));
      return FALSE;
    }

  object = json_node_get_object (body);
  return json_string (object, "name", &input->name, error) &&
         json_string (object, "path", &input->path, error) &&
         json_string (object, "type", &input->type, error) &&
         json_int (object, "fs_watch", &input->has_fs_watch, &input->fs_watch, error) &&
         json_int (object, "fs_poll_interval", &input->has_fs_poll_interval,
                   &input->fs_poll_interval, error) &&
         json_bool (object, "nfo_lock_data", &input->has_nfo_lock_data, &input->nfo_lock_data,
                    error);
}

static gboolean
form_text (GHashTable   *form,
           const char   *field,
           char        **out,
           GError      **error)
{
  const char *value = g_hash_table_lookup (form, field);

  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    return bad_request (error, _("%s is not valid UTF-8 text"), field);

  *out = g_strdup (value);
  return TRUE;
}

static gboolean
form_int (GHashTable   *form,
          const char   *field,
          gboolean     *has,
          gint64       *out,
          GError      **error)
{
  const char *value = g_hash_table_lookup (form, field);

  if (value == NULL)
    return TRUE;
  if (!sw_value_parse_int (value, G_MININT, G_MAXINT, out))
    return bad_request (error, _("%s must be an integer"), field);

  *has = TRUE;
  return TRUE;
}

/* An HTML checkbox sends "on"; an unchecked one sends nothing, which keeps the value. */
static gboolean
form_bool (GHashTable   *form,
           const char   *field,
           gboolean     *has,
           gboolean     *out,
           GError      **error)
{
  const char *value = g_hash_table_lookup (form, field);

  if (value == NULL)
    return TRUE;
  if (g_ascii_strcasecmp (value, "on") == 0)
    *out = TRUE;
  else if (!sw_value_parse_bool (value, out))
    return bad_request (error, _("%s must be true or false"), field);

  *has = TRUE;
  return TRUE;
}

static gboolean
input_from_form (SwHttpMessage  *msg,
                 Input          *input,
                 GError        **error)
{
  SoupMessageBody *request = sw_http_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request);
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) form = NULL;

  if (g_bytes_get_size (bytes) > SW_HTTP_MAX_JSON_BODY)
    {
      g_set_error (error, SW_HTTP_ERROR, SW_HTTP_ERROR_TOO_LARGE,
                   _("The request body is larger than %d bytes"), SW_HTTP_MAX_JSON_BODY);
      return FALSE;
    }

  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  form = soup_form_decode (text);
  if (!form_text (form, "name", &input->name, error) ||
      !form_text (form, "path", &input->path, error) ||
      !form_text (form, "type", &input->type, error))
    return FALSE;

  return form_int (form, "fs_watch", &input->has_fs_watch, &input->fs_watch, error) &&
         form_int (form, "fs_poll_interval", &input->has_fs_poll_interval,
                   &input->fs_poll_interval, error) &&
         form_bool (form, "nfo_lock_data", &input->has_nfo_lock_data, &input->nfo_lock_data,
                    error);
}

static gboolean
is_form_request (SwHttpMessage *msg)
{
  const char *type = soup_message_headers_get_content_type (
    sw_http_message_get_request_headers (msg), NULL);

  return type != NULL && g_ascii_strcasecmp (type, "application/x-www-form-urlencoded") == 0;
}

static gboolean
read_input (SwHttpMessage  *msg,
            Input          *input,
            GError        **error)
{
  return is_form_request (msg) ? input_from_form (msg, input, error)
                               : input_from_json (msg, input, error);
}

/* Integers are range-checked by the service; these only keep them inside an int. */
static gboolean
check_int_range (const Input  *input,
                 GError      **error)
{
  if (input->has_fs_watch && (input->fs_watch < G_MININT || input->fs_watch > G_MAXINT))
    return bad_request (error, _("%s is out of range"), "fs_watch");
  if (input->has_fs_poll_interval &&
      (input->fs_poll_interval < G_MININT || input->fs_poll_interval > G_MAXINT))
    return bad_request (error, _("%s is out of range"), "fs_poll_interval");
  return TRUE;
}

/* Handlers --------------------------------------------------------------------------------- */

static void
list_libraries (SwHttpMessage *msg,
                GHashTable    *params,
                gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) libraries = sw_library_service_list (user_data, &error);
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(JsonNode) body = NULL;

  if (libraries == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  array = json_array_sized_new (libraries->len);
  for (guint i = 0; i < libraries->len; i++)
    json_array_add_element (array, sw_library_to_json (g_ptr_array_index (libraries, i)));
  body = json_node_init_array (json_node_alloc (), array);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

static void
respond_library (SwHttpMessage *msg,
                 guint          status,
                 SwLibrary     *library)
{
  g_autoptr(JsonNode) body = sw_library_to_json (library);

  sw_http_respond_json (msg, status, body);
}

static void
create_library (SwHttpMessage *msg,
                GHashTable    *params,
                gpointer       user_data)
{
  g_auto(Input) input = { 0 };
  g_autoptr(SwLibrary) draft = sw_library_new ();
  g_autoptr(SwLibrary) library = NULL;
  g_autoptr(GError) error = NULL;

  /* The contract's create takes name, path and type; the rest starts at its default. */
  if (!read_input (msg, &input, &error))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  draft->name = g_strdup (input.name);
  draft->path = g_strdup (input.path);
  draft->type = g_strdup (input.type);

  library = sw_library_service_create (user_data, draft, &error);
  if (library == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  respond_library (msg, SOUP_STATUS_CREATED, library);
}

static void
get_library (SwHttpMessage *msg,
             GHashTable    *params,
             gpointer       user_data)
{
  const char *id = g_hash_table_lookup (params, "id");
  g_autoptr(GError) error = NULL;
  g_autoptr(SwLibrary) library = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) body = NULL;
  guint artist_count = 0;

  library = sw_library_service_get (user_data, id, &artist_count, &error);
  if (library == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  object = json_object_new ();
  json_object_set_member (object, "library", sw_library_to_json (library));
  json_object_set_int_member (object, "artist_count", artist_count);
  body = json_node_init_object (json_node_alloc (), object);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

static void
replace_unless_empty (char **field,
                      char **value)
{
  if (*value == NULL || **value == '\0')
    return;

  g_free (*field);
  *field = g_steal_pointer (value);
}

/* A PUT changes what it names: empty or absent name, path and type keep their values
 * (so a path cannot be cleared here), as do absent numbers and flags. */
static void
update_library (SwHttpMessage *msg,
                GHashTable    *params,
                gpointer       user_data)
{
  const char *id = g_hash_table_lookup (params, "id");
  g_auto(Input) input = { 0 };
  g_autoptr(SwLibrary) library = NULL;
  g_autoptr(SwLibrary) updated = NULL;
  g_autoptr(GError) error = NULL;

  if (!read_input (msg, &input, &error) || !check_int_range (&input, &error))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  library = sw_library_service_get (user_data, id, NULL, &error);
  if (library == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  replace_unless_empty (&library->name, &input.name);
  replace_unless_empty (&library->path, &input.path);
  replace_unless_empty (&library->type, &input.type);
  if (input.has_fs_watch)
    library->fs_watch = (int) input.fs_watch;
  if (input.has_fs_poll_interval)
    library->fs_poll_interval = (int) input.fs_poll_interval;
  if (input.has_nfo_lock_data)
    library->nfo_lock_data = input.nfo_lock_data;

  updated = sw_library_service_update (user_data, library, &error);
  if (updated == NULL)
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  respond_library (msg, SOUP_STATUS_OK, updated);
}

static void
delete_library (SwHttpMessage *msg,
                GHashTable    *params,
                gpointer       user_data)
{
  const char *id = g_hash_table_lookup (params, "id");
  const char *query = g_uri_get_query (sw_http_message_get_uri (msg));
  g_autoptr(GHashTable) form = query != NULL ? soup_form_decode (query) : NULL;
  const char *delete_artists_text = form != NULL ? g_hash_table_lookup (form, "deleteArtists")
                                                 : NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  gboolean delete_artists = FALSE;

  if (delete_artists_text != NULL && !sw_value_parse_bool (delete_artists_text, &delete_artists))
    {
      sw_http_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                             _("deleteArtists must be true or false"));
      return;
    }

  if (!sw_library_service_delete (user_data, id, delete_artists, NULL, &error))
    {
      sw_http_respond_gerror (msg, error);
      return;
    }

  object = json_object_new ();
  json_object_set_string_member (object, "status", "deleted");
  body = json_node_init_object (json_node_alloc (), object);
  sw_http_respond_json (msg, SOUP_STATUS_OK, body);
}

void
sw_routes_libraries_register (SwRouter *router,
                              SwStore  *store)
{
  g_object_set_data_full (G_OBJECT (router), "sw-libraries-routes", g_object_ref (store),
                          g_object_unref);

  sw_router_add (router, SOUP_METHOD_GET, "/libraries", NULL, NULL, list_libraries, store);
  sw_router_add (router, SOUP_METHOD_POST, "/libraries", NULL, NULL, create_library, store);
  sw_router_add (router, SOUP_METHOD_GET, "/libraries/{id}", NULL, NULL, get_library, store);
  sw_router_add (router, SOUP_METHOD_PUT, "/libraries/{id}", NULL, NULL, update_library, store);
  sw_router_add (router, SOUP_METHOD_DELETE, "/libraries/{id}", NULL, NULL, delete_library,
                 store);
}

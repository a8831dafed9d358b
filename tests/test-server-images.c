/* test-server-images.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <unistd.h>
#include <utime.h>

#include "sw-test-server.h"

/* The image routes through the real server on a loopback port with a real SoupSession:
 * a store in a temporary data directory, artist folders holding real image files, and
 * artist_images rows inserted as a scan would leave them. What the routes change is
 * checked on disk and in the store. */

#define ARTIST_FULL "artist-full"       /* every slot, registered with file names */
#define ARTIST_UNNAMED "artist-unnamed" /* rows without file names: found on disk */
#define ARTIST_EMPTY "artist-empty"     /* a folder with nothing in it */
#define ARTIST_TRICKS "artist-tricks"   /* rows and files that point out of the folder */
#define ARTIST_LOCKED "artist-locked"   /* a locked thumbnail */
#define ARTIST_PATHLESS "artist-pathless"

typedef struct
{
  SwTestServer *harness;        /* its folder holds the database and the music folders */
  char *token;                  /* administrator: read, write */
  GBytes *thumb;                /* 600 × 600 JPEG */
  GBytes *fanart;               /* 320 × 180 JPEG followed by 3 MiB of other bytes */
  GBytes *fanart_png;           /* 400 × 225 PNG */
  GBytes *logo;                 /* 800 × 310 PNG */
  GBytes *banner;               /* a WebP header, 1000 × 185 */
} Fixture;

static GBytes *
encode (const char *type,
        int         width,
        int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, 0xcc8844ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, type, &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, length);
}

/* A large file: a real JPEG, then bytes that differ everywhere, so a misplaced or lost
 * chunk shows in the comparison. */
static GBytes *
large_jpeg (void)
{
  g_autoptr(GBytes) jpeg = encode ("jpeg", 320, 180);
  GByteArray *array = g_byte_array_new ();
  gsize extra = 3 * 1024 * 1024 + 12345;

  g_byte_array_append (array, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));
  g_byte_array_set_size (array, g_bytes_get_size (jpeg) + extra);
  for (gsize i = g_bytes_get_size (jpeg); i < array->len; i++)
    array->data[i] = (guint8) ((i * 2654435761u) >> 13);
  return g_byte_array_free_to_bytes (array);
}

static GBytes *
webp_banner (void)
{
  static const guint8 header[] = {
    'R', 'I', 'F', 'F', 42, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X', 10, 0, 0, 0,
    0x10, 0, 0, 0, 0xe7, 0x03, 0x00, 0xb8, 0x00, 0x00, 'A', 'L', 'P', 'H', 0, 0, 0, 0,
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10
  };

  return g_bytes_new_static (header, sizeof header);
}

static void
write_file (const char *folder,
            const char *name,
            GBytes     *bytes)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

static gboolean
exists_in (const char *folder,
           const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK);
}

static char *
artist_folder (Fixture    *fixture,
               const char *artist_id)
{
  return g_build_filename (fixture->harness->dir, "music", artist_id, NULL);
}

/* An artist whose folder is music/<id> (created), or pathless with @with_path FALSE. */
static char *
add_artist (Fixture    *fixture,
            const char *artist_id,
            gboolean    with_path)
{
  g_autofree char *folder = artist_folder (fixture, artist_id);

  if (with_path)
    g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  sw_test_server_exec (fixture->harness,
                       "INSERT INTO artists (id, name, path, created_at, updated_at) "
                       "VALUES (%Q, %Q, %Q, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                       artist_id, artist_id, with_path ? folder : "");
  return with_path ? g_steal_pointer (&folder) : NULL;
}

static void
add_row (Fixture    *fixture,
         const char *artist_id,
         const char *type,
         int         slot,
         const char *file_name,
         gboolean    locked)
{
  g_autofree char *id = sw_store_new_id ();

  sw_test_server_exec (fixture->harness,
                       "INSERT INTO artist_images (id, artist_id, image_type, slot_index, "
                       "exists_flag, file_name, locked) VALUES (%Q, %Q, %Q, %d, 1, %Q, %d)",
                       id, artist_id, type, slot, file_name, locked);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *full = NULL;
  g_autofree char *unnamed = NULL;
  g_autofree char *tricks = NULL;
  g_autofree char *locked = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *link = NULL;
  g_autoptr(GBytes) not_an_image = g_bytes_new_static ("<html>hello</html>", 18);

  fixture->harness = sw_test_server_new (SW_TEST_SERVER_DATABASE_FILE);
  fixture->token = sw_test_server_issue_token (fixture->harness, fixture->harness->admin,
                                               SW_SCOPE_READ | SW_SCOPE_WRITE);

  fixture->thumb = encode ("jpeg", 600, 600);
  fixture->fanart = large_jpeg ();
  fixture->fanart_png = encode ("png", 400, 225);
  fixture->logo = encode ("png", 800, 310);
  fixture->banner = webp_banner ();

  full = add_artist (fixture, ARTIST_FULL, TRUE);
  write_file (full, "folder.jpg", fixture->thumb);
  write_file (full, "folder.png", fixture->logo);       /* a second thumbnail on disk */
  write_file (full, "cover.jpg", fixture->thumb);       /* not an image name */
  write_file (full, "fanart.jpg", fixture->fanart);
  write_file (full, "fanart1.png", fixture->fanart_png);
  write_file (full, "logo.png", fixture->logo);
  write_file (full, "banner.webp", fixture->banner);
  add_row (fixture, ARTIST_FULL, "thumb", 0, "folder.jpg", FALSE);
  add_row (fixture, ARTIST_FULL, "fanart", 0, "fanart.jpg", FALSE);
  add_row (fixture, ARTIST_FULL, "fanart", 1, "fanart1.png", FALSE);
  add_row (fixture, ARTIST_FULL, "logo", 0, "logo.png", FALSE);
  add_row (fixture, ARTIST_FULL, "banner", 0, "banner.webp", FALSE);

  unnamed = add_artist (fixture, ARTIST_UNNAMED, TRUE);
  write_file (unnamed, "Folder.JPG", fixture->thumb);
  write_file (unnamed, "backdrop.jpg", fixture->fanart_png);
  write_file (unnamed, "backdrop2.jpg", fixture->thumb);
  add_row (fixture, ARTIST_UNNAMED, "thumb", 0, "", FALSE);
  add_row (fixture, ARTIST_UNNAMED, "fanart", 0, "", FALSE);

  empty = add_artist (fixture, ARTIST_EMPTY, TRUE);

  /* A registered name that climbs out, a link out of the folder, a text file posing as
   * a logo. */
  tricks = add_artist (fixture, ARTIST_TRICKS, TRUE);
  secret = g_build_filename (fixture->harness->dir, "music", "secret.jpg", NULL);
  g_assert_true (g_file_set_contents (secret, "TOP SECRET", -1, NULL));
  link = g_build_filename (tricks, "fanart.jpg", NULL);
  g_assert_cmpint (symlink ("../secret.jpg", link), ==, 0);
  write_file (tricks, "logo.png", not_an_image);
  add_row (fixture, ARTIST_TRICKS, "thumb", 0, "../secret.jpg", FALSE);
  add_row (fixture, ARTIST_TRICKS, "fanart", 0, "fanart.jpg", FALSE);
  add_row (fixture, ARTIST_TRICKS, "logo", 0, "logo.png", FALSE);

  locked = add_artist (fixture, ARTIST_LOCKED, TRUE);
  write_file (locked, "folder.jpg", fixture->thumb);
  add_row (fixture, ARTIST_LOCKED, "thumb", 0, "folder.jpg", TRUE);

  /* A pathless artist's images are in the cache next to the database. */
  add_artist (fixture, ARTIST_PATHLESS, FALSE);
  cache = g_build_filename (fixture->harness->dir, "cache", "images", ARTIST_PATHLESS, NULL);
  g_assert_cmpint (g_mkdir_with_parents (cache, 0755), ==, 0);
  write_file (cache, "folder.jpg", fixture->thumb);
  write_file (cache, "fanart.jpg", fixture->fanart_png);
  add_row (fixture, ARTIST_PATHLESS, "thumb", 0, "folder.jpg", FALSE);
  add_row (fixture, ARTIST_PATHLESS, "fanart", 0, "fanart.jpg", FALSE);

  sw_test_server_start (fixture->harness);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sw_test_server_free (fixture->harness);
  g_clear_pointer (&fixture->token, g_free);
  g_clear_pointer (&fixture->thumb, g_bytes_unref);
  g_clear_pointer (&fixture->fanart, g_bytes_unref);
  g_clear_pointer (&fixture->fanart_png, g_bytes_unref);
  g_clear_pointer (&fixture->logo, g_bytes_unref);
  g_clear_pointer (&fixture->banner, g_bytes_unref);
}

static void
send (Fixture     *fixture,
      const char  *method,
      const char  *path,
      SwTestReply *reply)
{
  sw_test_server_send (fixture->harness, method, path, fixture->token, NULL, reply);
}

static void
assert_body (SwTestReply *reply,
             GBytes      *expected)
{
  g_assert_cmpuint (g_bytes_get_size (reply->bytes), ==, g_bytes_get_size (expected));
  g_assert_true (g_bytes_equal (reply->bytes, expected));
}

/* Serving ---------------------------------------------------------------------------------- */

static void
test_serve_types (Fixture       *fixture,
                  gconstpointer  data)
{
  struct { const char *type; const char *mime; GBytes *bytes; } cases[] = {
    { "thumb", "image/jpeg", fixture->thumb },
    { "fanart", "image/jpeg", fixture->fanart },
    { "logo", "image/png", fixture->logo },
    { "banner", "image/webp", fixture->banner },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SwTestReply) reply = { 0 };
      g_autofree char *path = g_strdup_printf ("/artists/" ARTIST_FULL "/images/%s/file",
                                               cases[i].type);
      g_autofree char *length = g_strdup_printf ("%" G_GSIZE_FORMAT,
                                                 g_bytes_get_size (cases[i].bytes));

      send (fixture, "GET", path, &reply);
      g_assert_cmpuint (reply.status, ==, 200);
      g_assert_cmpstr (sw_test_reply_header (&reply, "Content-Type"), ==, cases[i].mime);
      g_assert_cmpstr (sw_test_reply_header (&reply, "Content-Length"), ==, length);
      g_assert_cmpstr (sw_test_reply_header (&reply, "X-Content-Type-Options"), ==, "nosniff");
      g_assert_nonnull (sw_test_reply_header (&reply, "ETag"));
      g_assert_nonnull (sw_test_reply_header (&reply, "Last-Modified"));
      /* The 3 MiB fanart arrives whole and in order, in many chunks. */
      assert_body (&reply, cases[i].bytes);
    }
}

static void
test_serve_head (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(SwTestReply) reply = { 0 };
  g_autofree char *length = g_strdup_printf ("%" G_GSIZE_FORMAT,
                                             g_bytes_get_size (fixture->fanart));

  send (fixture, "HEAD", "/artists/" ARTIST_FULL "/images/fanart/file", &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (sw_test_reply_header (&reply, "Content-Type"), ==, "image/jpeg");
  g_assert_cmpstr (sw_test_reply_header (&reply, "Content-Length"), ==, length);
  g_assert_cmpuint (g_bytes_get_size (reply.bytes), ==, 0);
}

static void
test_serve_conditional (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *path = "/artists/" ARTIST_FULL "/images/thumb/file";
  g_autofree char *folder = artist_folder (fixture, ARTIST_FULL);
  g_autofree char *file = g_build_filename (folder, "folder.jpg", NULL);
  g_autoptr(GBytes) replacement = encode ("jpeg", 700, 700);
  g_auto(SwTestReply) first = { 0 };
  g_autofree char *etag = NULL;
  g_autofree char *weak = NULL;
  g_autofree char *list = NULL;
  g_autofree char *last_modified = NULL;
  struct utimbuf times = { 1700000000, 1700000000 };

  send (fixture, "GET", path, &first);
  g_assert_cmpuint (first.status, ==, 200);
  etag = g_strdup (sw_test_reply_header (&first, "ETag"));
  last_modified = g_strdup (sw_test_reply_header (&first, "Last-Modified"));
  weak = g_strdup_printf ("W/%s", etag);
  list = g_strdup_printf ("\"nope\", %s", etag);

  {
    /* Header name, and which value: the tag itself, weak, in a list, any, the date. */
    const char * const cases[][2] = {
      { "If-None-Match", "TAG" },
      { "If-None-Match", "WEAK" },
      { "If-None-Match", "LIST" },
      { "If-None-Match", "*" },
      { "If-Modified-Since", "LAST" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(SwTestReply) reply = { 0 };
        const char *value = g_str_equal (cases[i][1], "TAG") ? etag
                            : g_str_equal (cases[i][1], "WEAK") ? weak
                            : g_str_equal (cases[i][1], "LIST") ? list
                            : g_str_equal (cases[i][1], "LAST") ? last_modified
                            : cases[i][1];
        const char * const headers[] = { cases[i][0], value, NULL };

        sw_test_server_request_full (fixture->harness, "GET", path, fixture->token, headers, NULL,
                                     NULL, SW_TEST_REQUEST_DEFAULT, &reply);
        g_assert_cmpuint (reply.status, ==, 304);
        g_assert_cmpuint (g_bytes_get_size (reply.bytes), ==, 0);
        g_assert_cmpstr (sw_test_reply_header (&reply, "ETag"), ==, etag);
      }
  }

  /* Another tag, or an older date, gets the file; If-None-Match outranks the date. */
  {
    const char * const other[] = { "If-None-Match", "\"something-else\"", NULL };
    const char * const older[] = { "If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT", NULL };
    const char * const both[] = { "If-None-Match", "\"something-else\"",
                                  "If-Modified-Since", last_modified, NULL };
    g_auto(SwTestReply) a = { 0 };
    g_auto(SwTestReply) b = { 0 };
    g_auto(SwTestReply) c = { 0 };

    sw_test_server_request_full (fixture->harness, "GET", path, fixture->token, other, NULL, NULL,
                                 SW_TEST_REQUEST_DEFAULT, &a);
    sw_test_server_request_full (fixture->harness, "GET", path, fixture->token, older, NULL, NULL,
                                 SW_TEST_REQUEST_DEFAULT, &b);
    sw_test_server_request_full (fixture->harness, "GET", path, fixture->token, both, NULL, NULL,
                                 SW_TEST_REQUEST_DEFAULT, &c);
    g_assert_cmpuint (a.status, ==, 200);
    g_assert_cmpuint (b.status, ==, 200);
    g_assert_cmpuint (c.status, ==, 200);
    assert_body (&c, fixture->thumb);
  }

  /* Replaced (by rename, as writers do) and dated back: a new tag, the new bytes. */
  {
    g_autofree char *temp = g_build_filename (folder, "folder.jpg.tmp", NULL);
    const char * const cached[] = { "If-None-Match", etag, NULL };
    g_auto(SwTestReply) reply = { 0 };

    g_assert_true (g_file_set_contents (temp, g_bytes_get_data (replacement, NULL),
                                        g_bytes_get_size (replacement), NULL));
    g_assert_cmpint (g_utime (temp, &times), ==, 0);
    g_assert_cmpint (g_rename (temp, file), ==, 0);

    sw_test_server_request_full (fixture->harness, "GET", path, fixture->token, cached, NULL, NULL,
                                 SW_TEST_REQUEST_DEFAULT, &reply);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpstr (sw_test_reply_header (&reply, "ETag"), !=, etag);
    g_assert_cmpstr (sw_test_reply_header (&reply, "Last-Modified"), ==,
                     "Tue, 14 Nov 2023 22:13:20 GMT");
    assert_body (&reply, replacement);
  }
}

static void
test_serve_fanart_by_index (Fixture       *fixture,
                            gconstpointer  data)
{
  g_auto(SwTestReply) zero = { 0 };
  g_auto(SwTestReply) one = { 0 };
  g_auto(SwTestReply) two = { 0 };
  g_auto(SwTestReply) word = { 0 };
  g_auto(SwTestReply) negative = { 0 };

  send (fixture, "GET", "/artists/" ARTIST_FULL "/images/fanart/0/file", &zero);
  g_assert_cmpuint (zero.status, ==, 200);
  assert_body (&zero, fixture->fanart);

  send (fixture, "GET", "/artists/" ARTIST_FULL "/images/fanart/1/file", &one);
  g_assert_cmpuint (one.status, ==, 200);
  g_assert_cmpstr (sw_test_reply_header (&one, "Content-Type"), ==, "image/png");
  assert_body (&one, fixture->fanart_png);

  send (fixture, "GET", "/artists/" ARTIST_FULL "/images/fanart/2/file", &two);
  g_assert_cmpuint (two.status, ==, 404);
  sw_test_reply_error (&two);

  send (fixture, "GET", "/artists/" ARTIST_FULL "/images/fanart/first/file", &word);
  g_assert_cmpuint (word.status, ==, 400);
  sw_test_reply_error (&word);
  send (fixture, "GET", "/artists/" ARTIST_FULL "/images/fanart/-1/file", &negative);
  g_assert_cmpuint (negative.status, ==, 400);
}

/* Rows without file names: the folder is read with the active profile's naming. */
static void
test_serve_from_folder (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(SwTestReply) thumb = { 0 };
  g_auto(SwTestReply) list = { 0 };
  g_auto(SwTestReply) second = { 0 };
  JsonArray *items;

  send (fixture, "GET", "/artists/" ARTIST_UNNAMED "/images/thumb/file", &thumb);
  g_assert_cmpuint (thumb.status, ==, 200);
  assert_body (&thumb, fixture->thumb);

  send (fixture, "GET", "/artists/" ARTIST_UNNAMED "/images/fanart/list", &list);
  g_assert_cmpuint (list.status, ==, 200);
  items = json_node_get_array (list.body);
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0),
                                                  "filename"), ==, "backdrop.jpg");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 1),
                                                  "filename"), ==, "backdrop2.jpg");

  send (fixture, "GET", "/artists/" ARTIST_UNNAMED "/images/fanart/1/file", &second);
  g_assert_cmpuint (second.status, ==, 200);
  assert_body (&second, fixture->thumb);
}

static void
test_serve_pathless_cache (Fixture       *fixture,
                           gconstpointer  data)
{
  g_auto(SwTestReply) reply = { 0 };
  g_auto(SwTestReply) removal = { 0 };

  send (fixture, "GET", "/artists/" ARTIST_PATHLESS "/images/thumb/file", &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  assert_body (&reply, fixture->thumb);

  /* Nothing to delete in a folder it does not have (the contract's 409). */
  send (fixture, "DELETE", "/artists/" ARTIST_PATHLESS "/images/thumb", &removal);
  g_assert_cmpuint (removal.status, ==, 409);
  sw_test_reply_error (&removal);
  g_assert_cmpint (sw_test_server_query_int (fixture->harness,
                                             "SELECT thumb_exists FROM artists WHERE id = %Q",
                                             ARTIST_PATHLESS), ==, 1);
}

static void
test_serve_not_found (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *paths[] = {
    "/artists/no-such-artist/images/thumb/file",
    "/artists/no-such-artist/images/thumb/info",
    "/artists/no-such-artist/images/fanart/list",
    "/artists/no-such-artist/images/fanart/0/file",
    "/artists/" ARTIST_EMPTY "/images/thumb/file",
    "/artists/" ARTIST_EMPTY "/images/logo/info",
    "/artists/" ARTIST_EMPTY "/images/fanart/0/file",
  };
  g_auto(SwTestReply) bad_type = { 0 };
  g_auto(SwTestReply) empty_list = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(SwTestReply) reply = { 0 };

      send (fixture, "GET", paths[i], &reply);
      g_assert_cmpuint (reply.status, ==, 404);
      sw_test_reply_error (&reply);
    }

  send (fixture, "GET", "/artists/" ARTIST_FULL "/images/poster/file", &bad_type);
  g_assert_cmpuint (bad_type.status, ==, 400);
  g_assert_nonnull (strstr (sw_test_reply_error (&bad_type), "poster"));

  send (fixture, "GET", "/artists/" ARTIST_EMPTY "/images/fanart/list", &empty_list);
  g_assert_cmpuint (empty_list.status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (empty_list.body)), ==, 0);
}

/* Nothing outside the artist folder is ever sent, whatever the row or a link says, and
 * a file that is not an image is not sent as one. */
static void
test_serve_path_tricks (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *paths[] = {
    "/artists/" ARTIST_TRICKS "/images/thumb/file",
    "/artists/" ARTIST_TRICKS "/images/fanart/file",
    "/artists/" ARTIST_TRICKS "/images/fanart/0/file",
    "/artists/" ARTIST_TRICKS "/images/logo/file",
    "/artists/" ARTIST_TRICKS "/images/thumb/info",
    "/artists/..%2F..%2Fetc/images/thumb/file",
    "/artists/%2E%2E/images/thumb/file",
  };
  g_auto(SwTestReply) list = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(SwTestReply) reply = { 0 };
      g_autofree char *text = NULL;

      send (fixture, "GET", paths[i], &reply);
      /* The encoded ".." forms may already be refused as bad requests. */
      if (strstr (paths[i], "%2") != NULL)
        g_assert_true (reply.status == 404 || reply.status == 400);
      else
        g_assert_cmpuint (reply.status, ==, 404);
      text = g_strndup (g_bytes_get_size (reply.bytes) > 0 ? g_bytes_get_data (reply.bytes, NULL)
                                                             : "", g_bytes_get_size (reply.bytes));
      g_assert_null (strstr (text, "TOP SECRET"));
      g_assert_null (strstr (text, "<html>"));
    }

  /* The fanart list leaves out what cannot be opened. */
  send (fixture, "GET", "/artists/" ARTIST_TRICKS "/images/fanart/list", &list);
  g_assert_cmpuint (list.status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list.body)), ==, 0);
}

/* The file shrinks while it is being sent: the client gets a failed download, not a
 * short image, and the server carries on. */
static void
test_serve_file_shrinks (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *folder = artist_folder (fixture, ARTIST_EMPTY);
  g_autofree char *path = g_build_filename (folder, "folder.jpg", NULL);
  g_autofree char *url = g_strconcat (fixture->harness->api, "/artists/" ARTIST_EMPTY
                                      "/images/thumb/file", NULL);
  g_autofree char *bearer = g_strdup_printf ("Bearer %s", fixture->token);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *buffer = g_malloc (64 * 1024);
  gsize total = 0;
  gssize n = 0;
  gint64 size = 64 * 1024 * 1024;
  g_auto(SwTestReply) after = { 0 };

  write_file (folder, "folder.jpg", fixture->thumb);
  g_assert_cmpint (truncate (path, size), ==, 0);
  add_row (fixture, ARTIST_EMPTY, "thumb", 0, "folder.jpg", FALSE);

  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", bearer);
  stream = soup_session_send (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (g_input_stream_read_all (stream, buffer, 64 * 1024, &total, NULL, &error));
  g_assert_cmpuint (total, ==, 64 * 1024);

  g_assert_cmpint (truncate (path, 100 * 1024), ==, 0);
  while ((n = g_input_stream_read (stream, buffer, 64 * 1024, NULL, &error)) > 0)
    total += n;
  g_assert_cmpint (n, ==, -1);
  g_assert_nonnull (error);
  g_assert_cmpuint (total, <, size);

  send (fixture, "GET", "/artists/" ARTIST_FULL "/images/thumb/file", &after);
  g_assert_cmpuint (after.status, ==, 200);
}

/* Info and list ------------------------------------------------------------------------- */

static void
test_info (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *folder = artist_folder (fixture, ARTIST_FULL);
  g_autofree char *file = g_build_filename (folder, "folder.jpg", NULL);
  g_autofree char *backup = g_build_filename (folder, ".sw-backup", "thumb", NULL);
  struct utimbuf times = { 1767225600, 1767225600 };
  g_auto(SwTestReply) reply = { 0 };
  g_auto(SwTestReply) with_backup = { 0 };
  g_auto(SwTestReply) banner = { 0 };
  JsonObject *info;

  g_assert_cmpint (g_utime (file, &times), ==, 0);
  send (fixture, "GET", "/artists/" ARTIST_FULL "/images/thumb/info", &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  info = sw_test_reply_object (&reply);
  g_assert_cmpstr (json_object_get_string_member (info, "type"), ==, "thumb");
  g_assert_cmpstr (json_object_get_string_member (info, "filename"), ==, "folder.jpg");
  g_assert_cmpint (json_object_get_int_member (info, "width"), ==, 600);
  g_assert_cmpint (json_object_get_int_member (info, "height"), ==, 600);
  g_assert_cmpint (json_object_get_int_member (info, "size"), ==,
                   g_bytes_get_size (fixture->thumb));
  g_assert_cmpstr (json_object_get_string_member (info, "format"), ==, "jpeg");
  g_assert_cmpstr (json_object_get_string_member (info, "modified"), ==, "2026-01-01T00:00:00Z");
  g_assert_false (json_object_get_boolean_member (info, "backup_exists"));

  g_assert_cmpint (g_mkdir_with_parents (backup, 0755), ==, 0);
  write_file (backup, "folder.jpg", fixture->thumb);
  send (fixture, "GET", "/artists/" ARTIST_FULL "/images/thumb/info", &with_backup);
  g_assert_true (json_object_get_boolean_member (sw_test_reply_object (&with_backup),
                                                 "backup_exists"));

  send (fixture, "GET", "/artists/" ARTIST_FULL "/images/banner/info", &banner);
  info = sw_test_reply_object (&banner);
  g_assert_cmpint (json_object_get_int_member (info, "width"), ==, 1000);
  g_assert_cmpint (json_object_get_int_member (info, "height"), ==, 185);
  g_assert_cmpstr (json_object_get_string_member (info, "format"), ==, "webp");
}

static void
test_fanart_list (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(SwTestReply) reply = { 0 };
  JsonArray *items;
  JsonObject *first, *second;

  send (fixture, "GET", "/artists/" ARTIST_FULL "/images/fanart/list", &reply);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (reply.body));
  items = json_node_get_array (reply.body);
  g_assert_cmpuint (json_array_get_length (items), ==, 2);

  first = json_array_get_object_element (items, 0);
  g_assert_cmpint (json_object_get_int_member (first, "index"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "filename"), ==, "fanart.jpg");
  g_assert_cmpint (json_object_get_int_member (first, "width"), ==, 320);
  g_assert_cmpint (json_object_get_int_member (first, "height"), ==, 180);
  g_assert_cmpint (json_object_get_int_member (first, "size"), ==,
                   g_bytes_get_size (fixture->fanart));

  second = json_array_get_object_element (items, 1);
  g_assert_cmpint (json_object_get_int_member (second, "index"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (second, "filename"), ==, "fanart1.png");
  g_assert_cmpint (json_object_get_int_member (second, "width"), ==, 400);
  g_assert_cmpint (json_object_get_int_member (second, "height"), ==, 225);
}

/* Deleting --------------------------------------------------------------------------------- */

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *folder = artist_folder (fixture, ARTIST_FULL);
  g_auto(SwTestReply) thumb = { 0 };
  g_auto(SwTestReply) gone = { 0 };
  g_auto(SwTestReply) fanart = { 0 };
  g_auto(SwTestReply) again = { 0 };
  JsonArray *deleted;

  g_assert_cmpint (sw_test_server_query_int (fixture->harness,
                                             "SELECT thumb_exists FROM artists WHERE id = %Q",
                                             ARTIST_FULL), ==, 1);

  send (fixture, "DELETE", "/artists/" ARTIST_FULL "/images/thumb", &thumb);
  g_assert_cmpuint (thumb.status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sw_test_reply_object (&thumb), "status"), ==,
                   "deleted");
  deleted = json_object_get_array_member (sw_test_reply_object (&thumb), "deleted");
  /* Both thumbnails, so the second does not take the first's place at the next scan. */
  g_assert_cmpuint (json_array_get_length (deleted), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (deleted, 0), ==, "folder.jpg");
  g_assert_cmpstr (json_array_get_string_element (deleted, 1), ==, "folder.png");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      sw_test_reply_object (&thumb), "sync_warnings")), ==, 0);

  g_assert_false (exists_in (folder, "folder.jpg"));
  g_assert_false (exists_in (folder, "folder.png"));
  g_assert_true (exists_in (folder, "cover.jpg"));
  g_assert_true (exists_in (folder, "logo.png"));
  g_assert_cmpint (sw_test_server_query_int (fixture->harness,
                                             "SELECT count(*) FROM artist_images "
                                             "WHERE artist_id = %Q AND image_type = 'thumb'",
                                             ARTIST_FULL), ==, 0);
  g_assert_cmpint (sw_test_server_query_int (fixture->harness,
                                             "SELECT thumb_exists FROM artists WHERE id = %Q",
                                             ARTIST_FULL), ==, 0);
  g_assert_cmpint (sw_test_server_query_int (fixture->harness,
                                             "SELECT logo_exists FROM artists WHERE id = %Q",
                                             ARTIST_FULL), ==, 1);

  send (fixture, "GET", "/artists/" ARTIST_FULL "/images/thumb/file", &gone);
  g_assert_cmpuint (gone.status, ==, 404);

  /* Fanart goes as a whole: every numbered file and every row. */
  send (fixture, "DELETE", "/artists/" ARTIST_FULL "/images/fanart", &fanart);
  g_assert_cmpuint (fanart.status, ==, 200);
  deleted = json_object_get_array_member (sw_test_reply_object (&fanart), "deleted");
  g_assert_cmpuint (json_array_get_length (deleted), ==, 2);
  g_assert_false (exists_in (folder, "fanart.jpg"));
  g_assert_false (exists_in (folder, "fanart1.png"));
  g_assert_cmpint (sw_test_server_query_int (fixture->harness,
                                             "SELECT count(*) FROM artist_images "
                                             "WHERE artist_id = %Q AND image_type = 'fanart'",
                                             ARTIST_FULL), ==, 0);
  g_assert_cmpint (sw_test_server_query_int (fixture->harness,
                                             "SELECT fanart_exists FROM artists WHERE id = %Q",
                                             ARTIST_FULL), ==, 0);

  /* Deleting what is already gone succeeds and removes nothing. */
  send (fixture, "DELETE", "/artists/" ARTIST_FULL "/images/thumb", &again);
  g_assert_cmpuint (again.status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      sw_test_reply_object (&again), "deleted")), ==, 0);
}

static void
test_delete_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *locked_folder = artist_folder (fixture, ARTIST_LOCKED);
  g_autofree char *full_folder = artist_folder (fixture, ARTIST_FULL);
  g_auto(SwTestReply) locked = { 0 };
  g_auto(SwTestReply) unknown = { 0 };
  g_auto(SwTestReply) bad_type = { 0 };
  g_auto(SwTestReply) read_only = { 0 };
  g_auto(SwTestReply) anonymous = { 0 };
  g_auto(SwTestReply) tricks = { 0 };

  send (fixture, "DELETE", "/artists/" ARTIST_LOCKED "/images/thumb", &locked);
  g_assert_cmpuint (locked.status, ==, 409);
  g_assert_nonnull (strstr (sw_test_reply_error (&locked), "locked"));
  g_assert_true (exists_in (locked_folder, "folder.jpg"));
  g_assert_cmpint (sw_test_server_query_int (fixture->harness,
                                             "SELECT count(*) FROM artist_images "
                                             "WHERE artist_id = %Q", ARTIST_LOCKED), ==, 1);
  g_assert_cmpint (sw_test_server_query_int (fixture->harness,
                                             "SELECT thumb_exists FROM artists WHERE id = %Q",
                                             ARTIST_LOCKED), ==, 1);

  send (fixture, "DELETE", "/artists/no-such-artist/images/thumb", &unknown);
  g_assert_cmpuint (unknown.status, ==, 404);
  send (fixture, "DELETE", "/artists/" ARTIST_FULL "/images/poster", &bad_type);
  g_assert_cmpuint (bad_type.status, ==, 400);

  sw_test_server_send (fixture->harness, "DELETE", "/artists/" ARTIST_FULL "/images/thumb",
                       fixture->harness->read_token, NULL, &read_only);
  g_assert_cmpuint (read_only.status, ==, 403);
  sw_test_server_send (fixture->harness, "DELETE", "/artists/" ARTIST_FULL "/images/thumb", NULL,
                       NULL, &anonymous);
  g_assert_cmpuint (anonymous.status, ==, 401);
  g_assert_true (exists_in (full_folder, "folder.jpg"));
  g_assert_cmpint (sw_test_server_query_int (fixture->harness,
                                             "SELECT thumb_exists FROM artists WHERE id = %Q",
                                             ARTIST_FULL), ==, 1);

  /* A row naming a file outside, or a link out: only the link itself may go. */
  send (fixture, "DELETE", "/artists/" ARTIST_TRICKS "/images/thumb", &tricks);
  g_assert_cmpuint (tricks.status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      sw_test_reply_object (&tricks), "deleted")), ==, 0);
  {
    g_autofree char *secret = g_build_filename (fixture->harness->dir, "music", "secret.jpg", NULL);
    g_auto(SwTestReply) fanart = { 0 };

    g_assert_true (g_file_test (secret, G_FILE_TEST_EXISTS));
    send (fixture, "DELETE", "/artists/" ARTIST_TRICKS "/images/fanart", &fanart);
    g_assert_cmpuint (fanart.status, ==, 200);
    g_assert_true (g_file_test (secret, G_FILE_TEST_EXISTS));
  }
}

/* Random backdrop and credentials ----------------------------------------------------------- */

static void
test_random_backdrop (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *with_fanart[] = { ARTIST_FULL, ARTIST_UNNAMED, ARTIST_TRICKS, ARTIST_PATHLESS };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(SwTestReply) none = { 0 };

  for (guint i = 0; i < 40; i++)
    {
      g_auto(SwTestReply) reply = { 0 };
      g_auto(SwTestReply) followed = { 0 };
      g_autoptr(GUri) uri = NULL;
      const char *location;
      g_autofree char *artist = NULL;
      gboolean known = FALSE;

      send (fixture, "GET", "/images/random-backdrop", &reply);
      g_assert_cmpuint (reply.status, ==, 307);
      /* The server makes the target absolute; its path is what matters. */
      uri = g_uri_parse (sw_test_reply_header (&reply, "Location"), G_URI_FLAGS_ENCODED, NULL);
      g_assert_nonnull (uri);
      location = g_uri_get_path (uri);
      g_assert_true (g_str_has_prefix (location, "/api/v1/artists/"));
      g_assert_true (g_str_has_suffix (location, "/images/fanart/file"));
      artist = g_strndup (location + strlen ("/api/v1/artists/"),
                          strlen (location) - strlen ("/api/v1/artists/") -
                          strlen ("/images/fanart/file"));
      for (guint j = 0; j < G_N_ELEMENTS (with_fanart); j++)
        known |= g_str_equal (artist, with_fanart[j]);
      g_assert_true (known);
      g_hash_table_add (seen, g_steal_pointer (&artist));

      /* The target is a real route. */
      if (i < 4)
        {
          sw_test_server_request (fixture->harness, "GET", location, fixture->token, NULL, NULL,
                                  SW_TEST_REQUEST_FROM_ROOT, &followed);
          g_assert_cmpuint (followed.status, !=, 401);
          g_assert_cmpuint (followed.status, !=, 501);
        }
    }
  /* Random, not always the same one. */
  g_assert_cmpuint (g_hash_table_size (seen), >, 1);

  sw_test_server_exec (fixture->harness, "DELETE FROM artist_images WHERE image_type = 'fanart'");
  send (fixture, "GET", "/images/random-backdrop", &none);
  g_assert_cmpuint (none.status, ==, 404);
  sw_test_reply_error (&none);
}

static void
test_credentials (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *paths[] = {
    "/artists/" ARTIST_FULL "/images/thumb/file",
    "/artists/" ARTIST_FULL "/images/thumb/info",
    "/artists/" ARTIST_FULL "/images/fanart/list",
    "/artists/" ARTIST_FULL "/images/fanart/0/file",
    "/images/random-backdrop",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(SwTestReply) anonymous = { 0 };
      g_auto(SwTestReply) reader = { 0 };

      sw_test_server_send (fixture->harness, "GET", paths[i], NULL, NULL, &anonymous);
      g_assert_cmpuint (anonymous.status, ==, 401);
      g_assert_null (sw_test_reply_header (&anonymous, "ETag"));

      /* Reading needs only the read scope. */
      sw_test_server_send (fixture->harness, "GET", paths[i], fixture->harness->read_token, NULL,
                           &reader);
      g_assert_cmpuint (reader.status, !=, 401);
      g_assert_cmpuint (reader.status, !=, 403);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/server-images/serve/types", test_serve_types);
  ADD ("/server-images/serve/head", test_serve_head);
  ADD ("/server-images/serve/conditional", test_serve_conditional);
  ADD ("/server-images/serve/fanart-by-index", test_serve_fanart_by_index);
  ADD ("/server-images/serve/from-folder", test_serve_from_folder);
  ADD ("/server-images/serve/pathless-cache", test_serve_pathless_cache);
  ADD ("/server-images/serve/not-found", test_serve_not_found);
  ADD ("/server-images/serve/path-tricks", test_serve_path_tricks);
  ADD ("/server-images/serve/file-shrinks", test_serve_file_shrinks);
  ADD ("/server-images/info", test_info);
  ADD ("/server-images/fanart-list", test_fanart_list);
  ADD ("/server-images/delete", test_delete);
  ADD ("/server-images/delete/refused", test_delete_refused);
  ADD ("/server-images/random-backdrop", test_random_backdrop);
  ADD ("/server-images/credentials", test_credentials);

#undef ADD

  return g_test_run ();
}

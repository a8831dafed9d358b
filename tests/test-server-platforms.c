/* test-server-platforms.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "sw-test-server.h"

/* The platform-profile routes through the real server on a loopback port with a real
 * SoupSession, and outcomes checked in the store. */

typedef SwTestServer Fixture;

static JsonArray *
details_of (SwTestReply *reply)
{
  JsonObject *object = sw_test_reply_object (reply);

  g_assert_true (json_object_has_member (object, "details"));
  return json_object_get_array_member (object, "details");
}

static gboolean
details_have (SwTestReply *reply,
              const char  *text)
{
  JsonArray *details = details_of (reply);

  for (guint i = 0; i < json_array_get_length (details); i++)
    if (g_strcmp0 (json_array_get_string_element (details, i), text) == 0)
      return TRUE;

  return FALSE;
}

static const char *
first_name (JsonObject *profile,
            const char *slot)
{
  JsonArray *names = json_object_get_array_member (
    json_object_get_object_member (profile, "image_naming"), slot);

  return json_array_get_string_element (names, 0);
}

static gint64
active_count (Fixture *fixture)
{
  return sw_test_server_query_int (fixture,
                                   "SELECT count(*) FROM platform_profiles WHERE is_active = 1");
}

/* Tests ------------------------------------------------------------------------------- */

static void
test_list_and_get (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(SwTestReply) list = { 0 };
  g_auto(SwTestReply) emby = { 0 };
  g_auto(SwTestReply) missing = { 0 };
  JsonArray *array;
  guint n_active = 0;

  sw_test_server_call (fixture, "GET", "/platforms", NULL, &list);
  g_assert_cmpuint (list.status, ==, SOUP_STATUS_OK);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (list.body));
  array = json_node_get_array (list.body);
  g_assert_cmpuint (json_array_get_length (array), ==, 5);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *profile = json_array_get_object_element (array, i);

      g_assert_true (json_object_get_boolean_member (profile, "is_builtin"));
      g_assert_cmpstr (json_object_get_string_member (profile, "nfo_format"), ==, "kodi");
      if (json_object_get_boolean_member (profile, "is_active"))
        {
          n_active++;
          g_assert_cmpstr (json_object_get_string_member (profile, "id"), ==, "kodi");
        }
    }
  g_assert_cmpuint (n_active, ==, 1);

  sw_test_server_call (fixture, "GET", "/platforms/emby", NULL, &emby);
  g_assert_cmpuint (emby.status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (json_object_get_string_member (sw_test_reply_object (&emby), "name"), ==,
                   "Emby");
  g_assert_cmpstr (first_name (sw_test_reply_object (&emby), "fanart"), ==, "backdrop.jpg");
  g_assert_cmpstr (first_name (sw_test_reply_object (&emby), "logo"), ==, "logo.png");
  g_assert_true (json_object_has_member (sw_test_reply_object (&emby), "use_symlinks"));

  sw_test_server_call (fixture, "GET", "/platforms/nope", NULL, &missing);
  sw_test_reply_assert_error (&missing, SOUP_STATUS_NOT_FOUND);
}

static void
test_lifecycle (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(SwTestReply) created = { 0 };
  g_auto(SwTestReply) got = { 0 };
  g_auto(SwTestReply) updated = { 0 };
  g_auto(SwTestReply) activated = { 0 };
  g_auto(SwTestReply) refused = { 0 };
  g_auto(SwTestReply) back = { 0 };
  g_auto(SwTestReply) deleted = { 0 };
  g_auto(SwTestReply) gone = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *activate_path = NULL;
  JsonObject *profile;

  /* Members left out start from the defaults. */
  sw_test_server_call (fixture, "POST", "/platforms",
                       "{\"name\": \"My NAS\", \"image_naming\": {\"fanart\": [\"backdrop.jpg\", "
                       "\"backdrop1.jpg\"]}}", &created);
  g_assert_cmpuint (created.status, ==, SOUP_STATUS_CREATED);
  profile = sw_test_reply_object (&created);
  g_assert_cmpstr (json_object_get_string_member (profile, "name"), ==, "My NAS");
  g_assert_false (json_object_get_boolean_member (profile, "is_builtin"));
  g_assert_false (json_object_get_boolean_member (profile, "is_active"));
  g_assert_true (json_object_get_boolean_member (profile, "nfo_enabled"));
  g_assert_cmpstr (first_name (profile, "thumb"), ==, "folder.jpg");
  g_assert_cmpstr (first_name (profile, "fanart"), ==, "backdrop.jpg");
  path = g_strdup_printf ("/platforms/%s", json_object_get_string_member (profile, "id"));
  activate_path = g_strconcat (path, "/activate", NULL);

  sw_test_server_call (fixture, "GET", path, NULL, &got);
  g_assert_cmpuint (got.status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (json_object_get_string_member (sw_test_reply_object (&got), "name"), ==,
                   "My NAS");

  /* An update changes what it names; image types left out keep their names, and an id
   * in the body does not redirect the change. */
  sw_test_server_call (fixture, "PUT", path, "{\"id\": \"kodi\", \"nfo_enabled\": false, "
                                             "\"image_naming\": {\"thumb\": [\"cover.png\"]}}",
                       &updated);
  g_assert_cmpuint (updated.status, ==, SOUP_STATUS_OK);
  profile = sw_test_reply_object (&updated);
  g_assert_cmpstr (json_object_get_string_member (profile, "name"), ==, "My NAS");
  g_assert_false (json_object_get_boolean_member (profile, "nfo_enabled"));
  g_assert_cmpstr (first_name (profile, "thumb"), ==, "cover.png");
  g_assert_cmpstr (first_name (profile, "fanart"), ==, "backdrop.jpg");
  g_assert_cmpint (sw_test_server_query_int (fixture, "SELECT nfo_enabled FROM platform_profiles "
                                                      "WHERE id = 'kodi'"), ==, 1);

  sw_test_server_call (fixture, "POST", activate_path, NULL, &activated);
  g_assert_cmpuint (activated.status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (json_object_get_string_member (sw_test_reply_object (&activated), "status"), ==,
                   "activated");
  g_assert_cmpint (active_count (fixture), ==, 1);
  g_assert_cmpint (sw_test_server_query_int (fixture, "SELECT is_active FROM platform_profiles "
                                                      "WHERE name = 'My NAS'"), ==, 1);

  /* The active profile cannot be deleted. */
  sw_test_server_call (fixture, "DELETE", path, NULL, &refused);
  sw_test_reply_assert_error (&refused, SOUP_STATUS_CONFLICT);

  sw_test_server_call (fixture, "POST", "/platforms/jellyfin/activate", NULL, &back);
  g_assert_cmpuint (back.status, ==, SOUP_STATUS_OK);
  g_assert_cmpint (active_count (fixture), ==, 1);

  sw_test_server_call (fixture, "DELETE", path, NULL, &deleted);
  g_assert_cmpuint (deleted.status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (json_object_get_string_member (sw_test_reply_object (&deleted), "status"), ==,
                   "deleted");
  g_assert_cmpint (sw_test_server_query_int (fixture, "SELECT count(*) FROM platform_profiles"), ==,
                   5);

  sw_test_server_call (fixture, "GET", path, NULL, &gone);
  sw_test_reply_assert_error (&gone, SOUP_STATUS_NOT_FOUND);
}

static void
test_naming_details (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(SwTestReply) invalid = { 0 };
  g_auto(SwTestReply) unknown_slot = { 0 };
  g_auto(SwTestReply) wrong_type = { 0 };
  g_auto(SwTestReply) custom = { 0 };
  JsonObject *object;

  sw_test_server_call (fixture, "POST", "/platforms",
                       "{\"name\": \"\", \"image_naming\": {\"thumb\": [\"../folder.jpg\"], "
                       "\"fanart\": [\"fanart.jpg\", \"FANART.JPG\"], \"logo\": [\"logo.webp\"], "
                       "\"banner\": []}}", &invalid);
  sw_test_reply_assert_error (&invalid, SOUP_STATUS_BAD_REQUEST);
  object = sw_test_reply_object (&invalid);
  g_assert_cmpuint (json_array_get_length (details_of (&invalid)), ==, 5);
  g_assert_true (details_have (&invalid, "name: a profile needs a name"));
  g_assert_true (details_have (&invalid,
                               "image_naming.thumb: “../folder.jpg” must be a file name, "
                               "not a path"));
  g_assert_true (details_have (&invalid, "image_naming.fanart: “FANART.JPG” is listed twice"));
  g_assert_true (details_have (&invalid, "image_naming.logo: “logo.webp” must be a .png file"));
  g_assert_true (details_have (&invalid, "image_naming.banner: at least one file name is needed"));
  g_assert_cmpstr (json_object_get_string_member (object, "error"), ==,
                   json_array_get_string_element (details_of (&invalid), 0));

  /* A misspelt image type is not silently dropped. */
  sw_test_server_call (fixture, "POST", "/platforms",
                       "{\"name\": \"Typo\", \"image_naming\": {\"thumbs\": [\"folder.jpg\"]}}",
                       &unknown_slot);
  sw_test_reply_assert_error (&unknown_slot, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpuint (json_array_get_length (details_of (&unknown_slot)), ==, 1);

  sw_test_server_call (fixture, "PUT", "/platforms/custom", "{\"image_naming\": {\"logo\": 5}}",
                       &wrong_type);
  sw_test_reply_assert_error (&wrong_type, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpuint (json_array_get_length (details_of (&wrong_type)), ==, 1);

  sw_test_server_call (fixture, "PUT", "/platforms/custom",
                       "{\"image_naming\": {\"thumb\": [\"folder.jpg\", "
                       "\"FOLDER.jpg\"], \"logo\": [\"fanart.png\"], "
                       "\"fanart\": [\"Fanart.png\"]}}", &custom);
  sw_test_reply_assert_error (&custom, SOUP_STATUS_BAD_REQUEST);
  g_assert_true (details_have (&custom, "image_naming.thumb: “FOLDER.jpg” is listed twice"));
  g_assert_true (details_have (&custom,
                               "image_naming.logo: “fanart.png” is already used for fanart"));

  g_assert_cmpint (sw_test_server_query_int (fixture, "SELECT count(*) FROM platform_profiles"), ==,
                   5);
  g_assert_cmpint (sw_test_server_query_int (fixture,
                                             "SELECT count(*) FROM platform_profiles WHERE "
                                             "id = 'custom' AND image_naming LIKE '%%folder.jpg%%' "
                                             "AND image_naming LIKE '%%\"logo.png\"%%'"), ==, 1);
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  struct
  {
    const char *method;
    const char *path;
    const char *body;
    guint status;
  } cases[] = {
    { "POST", "/platforms", "{\"name\": \"Kodi\"}", SOUP_STATUS_CONFLICT },
    { "POST", "/platforms", "{\"name\": \"EMBY\"}", SOUP_STATUS_CONFLICT },
    { "POST", "/platforms", "{\"name\": \"X\", \"nfo_format\": \"jellyfin\"}",
      SOUP_STATUS_BAD_REQUEST },
    { "POST", "/platforms", "{\"name\": \"X\", \"nfo_enabled\": \"yes\"}",
      SOUP_STATUS_BAD_REQUEST },
    { "POST", "/platforms", "{\"name\": \"X\", \"image_naming\": [\"folder.jpg\"]}",
      SOUP_STATUS_BAD_REQUEST },
    { "POST", "/platforms", "{\"name\": \"X\",", SOUP_STATUS_BAD_REQUEST },
    { "POST", "/platforms", "\"X\"", SOUP_STATUS_BAD_REQUEST },
    { "PUT", "/platforms/kodi", "{\"nfo_enabled\": false}", SOUP_STATUS_CONFLICT },
    /* Read-only first: a bad change to a read-only profile is still "read-only". */
    { "PUT", "/platforms/kodi", "{\"image_naming\": {\"logo\": [\"x.jpg\"]}}",
      SOUP_STATUS_CONFLICT },
    { "PUT", "/platforms/plex", "{\"name\": \"Plex 2\"}", SOUP_STATUS_CONFLICT },
    { "PUT", "/platforms/custom", "{\"name\": \"Jellyfin\"}", SOUP_STATUS_CONFLICT },
    { "PUT", "/platforms/nope", "{\"name\": \"Y\"}", SOUP_STATUS_NOT_FOUND },
    { "DELETE", "/platforms/custom", NULL, SOUP_STATUS_CONFLICT },
    { "DELETE", "/platforms/kodi", NULL, SOUP_STATUS_CONFLICT },
    { "DELETE", "/platforms/nope", NULL, SOUP_STATUS_NOT_FOUND },
    { "POST", "/platforms/nope/activate", NULL, SOUP_STATUS_NOT_FOUND },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SwTestReply) reply = { 0 };

      g_test_message ("%s %s %s", cases[i].method, cases[i].path,
                      cases[i].body ? cases[i].body : "");
      sw_test_server_call (fixture, cases[i].method, cases[i].path, cases[i].body, &reply);
      sw_test_reply_assert_error (&reply, cases[i].status);

      /* Nothing changed. */
      g_assert_cmpint (sw_test_server_query_int (fixture, "SELECT count(*) FROM platform_profiles"),
                       ==, 5);
      g_assert_cmpint (sw_test_server_query_int (fixture,
                                                 "SELECT count(*) FROM platform_profiles WHERE "
                                                 "id = 'kodi' AND is_active = 1 "
                                                 "AND nfo_enabled = 1"), ==, 1);
      g_assert_cmpint (sw_test_server_query_int (fixture,
                                                 "SELECT count(*) FROM platform_profiles WHERE "
                                                 "id = 'custom' AND name = 'Custom'"), ==, 1);
    }
}

static void
test_auth (Fixture       *fixture,
           gconstpointer  data)
{
  const char *body = "{\"name\": \"Mine\"}";
  struct
  {
    const char *method;
    const char *path;
    const char *body;
  } writes[] = {
    { "POST", "/platforms", body },
    { "PUT", "/platforms/custom", body },
    { "DELETE", "/platforms/custom", NULL },
    { "POST", "/platforms/emby/activate", NULL },
  };
  g_auto(SwTestReply) anonymous = { 0 };
  g_auto(SwTestReply) read_list = { 0 };
  g_auto(SwTestReply) operator_create = { 0 };
  g_auto(SwTestReply) operator_activate = { 0 };

  sw_test_server_send (fixture, "GET", "/platforms", NULL, NULL, &anonymous);
  sw_test_reply_assert_error (&anonymous, SOUP_STATUS_UNAUTHORIZED);
  sw_test_server_send (fixture, "GET", "/platforms", fixture->read_token, NULL, &read_list);
  g_assert_cmpuint (read_list.status, ==, SOUP_STATUS_OK);

  for (gsize i = 0; i < G_N_ELEMENTS (writes); i++)
    sw_test_server_assert_guarded (fixture, writes[i].method, writes[i].path, writes[i].body);
  g_assert_cmpint (sw_test_server_query_int (fixture, "SELECT count(*) FROM platform_profiles"), ==,
                   5);
  g_assert_cmpint (sw_test_server_query_int (fixture, "SELECT is_active FROM platform_profiles "
                                                      "WHERE id = 'kodi'"), ==, 1);

  /* Profiles are not administrator-only: an operator with write scope may change them. */
  sw_test_server_send (fixture, "POST", "/platforms", fixture->operator_token, body,
                       &operator_create);
  g_assert_cmpuint (operator_create.status, ==, SOUP_STATUS_CREATED);
  sw_test_server_send (fixture, "POST", "/platforms/emby/activate", fixture->operator_token, NULL,
                       &operator_activate);
  g_assert_cmpuint (operator_activate.status, ==, SOUP_STATUS_OK);
  g_assert_cmpint (sw_test_server_query_int (fixture, "SELECT is_active FROM platform_profiles "
                                                      "WHERE id = 'emby'"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) sw_test_server_add (path, SW_TEST_SERVER_DEFAULT, func)
  ADD ("/server/platforms/list-and-get", test_list_and_get);
  ADD ("/server/platforms/lifecycle", test_lifecycle);
  ADD ("/server/platforms/naming-details", test_naming_details);
  ADD ("/server/platforms/bad-input", test_bad_input);
  ADD ("/server/platforms/auth", test_auth);
#undef ADD

  return g_test_run ();
}

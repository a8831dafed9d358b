/* test-model.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "sw-build-info.h"
#include "sw-data-dir.h"
#include "sw-server-status.h"
#include "sw-test-util.h"
#include "sw-time.h"

static void
test_data_dir_created_private (void)
{
  g_autofree char *root = sw_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (root, "nested", "stillwater", NULL);
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_assert_true (sw_data_dir_ensure (path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true (S_ISDIR (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* An existing directory is accepted and left as it is. */
  g_assert_cmpint (g_chmod (path, 0750), ==, 0);
  g_assert_true (sw_data_dir_ensure (path, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0750);

  sw_test_remove_tree (root);
}

static void
test_data_dir_rejects_file (void)
{
  g_autofree char *root = sw_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (root, "not-a-dir", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "keep me", -1, NULL));
  g_assert_false (sw_data_dir_ensure (path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_assert_nonnull (strstr (error->message, path));

  /* The file is untouched. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");

  g_clear_error (&error);
  g_assert_false (sw_data_dir_ensure ("", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);

  sw_test_remove_tree (root);
}

static void
test_data_dir_parent_not_a_directory (void)
{
  g_autofree char *root = sw_test_make_temp_dir ();
  g_autofree char *blocker = g_build_filename (root, "blocker", NULL);
  g_autofree char *path = g_build_filename (blocker, "stillwater", NULL);
  g_autoptr(GError) error = NULL;

  /* Fails even for root, unlike a permission check. */
  g_assert_true (g_file_set_contents (blocker, "", -1, NULL));
  g_assert_false (sw_data_dir_ensure (path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_file_test (blocker, G_FILE_TEST_IS_REGULAR));

  sw_test_remove_tree (root);
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_server_status_notifies_on_change (void)
{
  g_autoptr(SwServerStatus) status = sw_server_status_new ();
  guint notifications = 0;

  g_signal_connect (status, "notify", G_CALLBACK (notify_count_cb), &notifications);

  g_assert_false (sw_server_status_get_listening (status));
  sw_server_status_set_listening (status, "http://127.0.0.1:1973/api/v1");
  g_assert_true (sw_server_status_get_listening (status));
  g_assert_cmpstr (sw_server_status_get_uri (status), ==, "http://127.0.0.1:1973/api/v1");
  g_assert_cmpuint (notifications, ==, 2);

  /* Same value again: no notification. */
  sw_server_status_set_listening (status, "http://127.0.0.1:1973/api/v1");
  g_assert_cmpuint (notifications, ==, 2);

  sw_server_status_set_failed (status, "Port 1973 on 127.0.0.1 is already in use");
  g_assert_false (sw_server_status_get_listening (status));
  g_assert_null (sw_server_status_get_uri (status));
  g_assert_cmpstr (sw_server_status_get_error_message (status), ==,
                   "Port 1973 on 127.0.0.1 is already in use");
  g_assert_cmpuint (notifications, ==, 5);

  sw_server_status_set_stopped (status);
  g_assert_null (sw_server_status_get_error_message (status));
}

static void
test_time_rfc3339_utc (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (2 * 3600);
  g_autoptr(GDateTime) local = g_date_time_new (zone, 2026, 11, 28, 18, 30, 5.7);
  g_autofree char *text = sw_time_format_rfc3339 (local);
  g_autofree char *now = sw_time_now_rfc3339 ();
  g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (now, NULL);

  g_assert_cmpstr (text, ==, "2026-11-28T16:30:05Z");
  g_assert_nonnull (parsed);
  g_assert_true (g_str_has_suffix (now, "Z"));
}

static void
test_build_info (void)
{
  g_assert_cmpstr (sw_build_info_version (), ==, PACKAGE_VERSION);
  g_assert_nonnull (sw_build_info_commit ());
  g_assert_cmpstr (sw_build_info_commit (), !=, "");
  g_assert_null (strchr (sw_build_info_commit (), '@'));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/data-dir/created-private", test_data_dir_created_private);
  g_test_add_func ("/model/data-dir/rejects-file", test_data_dir_rejects_file);
  g_test_add_func ("/model/data-dir/parent-not-a-directory", test_data_dir_parent_not_a_directory);
  g_test_add_func ("/model/server-status/notifies-on-change", test_server_status_notifies_on_change);
  g_test_add_func ("/model/time/rfc3339-utc", test_time_rfc3339_utc);
  g_test_add_func ("/model/build-info", test_build_info);

  return g_test_run ();
}

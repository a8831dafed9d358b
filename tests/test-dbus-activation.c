/* test-dbus-activation.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>

#include "sw-test-util.h"

/* A private session bus whose service directory holds the built service file (which
 * runs the built binary with --gapplication-service): activating the app id over
 * D-Bus must start Stillwater. */

#define APP_OBJECT_PATH "/io/github/stillwater/Stillwater"

typedef struct
{
  char *root;
  GSubprocess *bus;
  GDBusConnection *connection;
  guint port;
} Fixture;

static char *
write_bus_config (const char *root)
{
  g_autofree char *path = g_build_filename (root, "session.conf", NULL);
  g_autofree char *config = NULL;

  config = g_strdup_printf (
    "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
    " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
    "<busconfig>\n"
    "  <type>session</type>\n"
    "  <listen>unix:dir=%s</listen>\n"
    "  <servicedir>%s</servicedir>\n"
    "  <policy context=\"default\">\n"
    "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
    "    <allow eavesdrop=\"true\"/>\n"
    "    <allow own=\"*\"/>\n"
    "  </policy>\n"
    "</busconfig>\n",
    root, SW_TEST_DBUS_SERVICE_DIR);
  g_assert_true (g_file_set_contents (path, config, -1, NULL));
  return g_steal_pointer (&path);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) stdout_lines = NULL;
  g_autofree char *config = NULL;
  g_autofree char *address = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *port_text = NULL;
  g_autoptr(GError) error = NULL;

  fixture->root = sw_test_make_temp_dir ();
  fixture->port = sw_test_find_free_port ();
  config = write_bus_config (fixture->root);
  data_dir = g_build_filename (fixture->root, "data", NULL);
  port_text = g_strdup_printf ("%u", fixture->port);

  /* dbus-daemon hands its environment to the services it activates. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "STILLWATER_PORT", port_text, TRUE);
  g_subprocess_launcher_setenv (launcher, "STILLWATER_DATA_DIR", data_dir, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "STILLWATER_LISTEN");
  fixture->bus = g_subprocess_launcher_spawn (launcher, &error, "dbus-daemon", "--nofork",
                                              "--print-address=1", "--config-file", config,
                                              NULL);
  g_assert_no_error (error);

  stdout_lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fixture->bus));
  address = g_data_input_stream_read_line_utf8 (stdout_lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);

  fixture->connection = g_dbus_connection_new_for_address_sync (
    address,
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->connection);
  if (fixture->bus != NULL)
    {
      g_subprocess_send_signal (fixture->bus, SIGTERM);
      g_subprocess_wait (fixture->bus, NULL, NULL);
      g_clear_object (&fixture->bus);
    }
  sw_test_remove_tree (fixture->root);
  g_clear_pointer (&fixture->root, g_free);
}

static gboolean
name_has_owner (GDBusConnection *connection,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(b)", &owned);
  return owned;
}

static void
call_application (GDBusConnection *connection,
                  const char      *method,
                  GVariant        *parameters)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (connection, APP_ID, APP_OBJECT_PATH,
                                       "org.freedesktop.Application", method, parameters,
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 30000, NULL, &error);
  g_assert_no_error (error);
}

static void
test_activate_starts_app (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/api/v1/health", fixture->port);
  gint64 deadline;

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs a display for the activated window (tools/test provides Xvfb)");
      return;
    }

  g_assert_false (name_has_owner (fixture->connection, APP_ID));

  call_application (fixture->connection, "Activate",
                    g_variant_new_parsed ("(@a{sv} {},)"));

  g_assert_true (name_has_owner (fixture->connection, APP_ID));
  g_assert_true (sw_test_wait_for_http (url, 15000));

  /* Shut it down the way a desktop would: through its quit action. */
  call_application (fixture->connection, "ActivateAction",
                    g_variant_new_parsed ("('quit', @av [], @a{sv} {})"));
  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (name_has_owner (fixture->connection, APP_ID) && g_get_monotonic_time () < deadline)
    g_usleep (50 * 1000);
  g_assert_false (name_has_owner (fixture->connection, APP_ID));
  g_assert_false (sw_test_wait_for_http (url, 200));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/dbus/activate", Fixture, NULL, fixture_setup, test_activate_starts_app,
              fixture_teardown);

  return g_test_run ();
}

/* sw-application.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>

#include "sw-about.h"
#include "sw-application.h"
#include "sw-data-dir.h"
#include "sw-options.h"
#include "sw-preferences-appearance.h"
#include "sw-preferences-window.h"
#include "sw-runtime.h"
#include "sw-window.h"

/* The desktop application: the only place that knows every layer. It starts the
 * runtime (server, and later store and jobs) in the primary instance and opens the
 * window; a second `stillwater` just activates the first. */
struct _SwApplication
{
  AdwApplication parent_instance;

  SwOptions options;
  GSettings *settings;
  SwRuntime *runtime;
  GError *store_error;      /* set by startup when the database cannot be used */
  guint sigint_source;
  guint sigterm_source;
  guint rebind_source;      /* coalesces a burst of server setting changes */
  GtkWidget *preferences;   /* weak: the open Preferences window */
};

G_DEFINE_FINAL_TYPE (SwApplication, sw_application, ADW_TYPE_APPLICATION)

/* Running uninstalled without GSETTINGS_SCHEMA_DIR must not abort: the app then
 * simply does not remember window state. */
static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_warning ("GSettings schema %s is not installed; settings will not be saved", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/* Windows are closed rather than just dropped so each can save its state. */
static void
close_windows_and_quit (SwApplication *self)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);

  g_application_quit (G_APPLICATION (self));
}

static gboolean
quit_on_signal_cb (gpointer user_data)
{
  close_windows_and_quit (SW_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

static int
sw_application_handle_local_options (GApplication *app,
                                     GVariantDict *dict)
{
  SwApplication *self = SW_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  if (!sw_options_resolve (&self->options, dict, &error))
    {
      g_printerr ("stillwater: %s\n", error->message);
      return 1;
    }

  if (self->options.show_version)
    {
      sw_options_print_version ();
      return 0;
    }

  if (!sw_data_dir_ensure (self->options.data_dir, &error))
    {
      g_printerr ("stillwater: %s\n", error->message);
      return 1;
    }

  /* As early as possible, so a signal during start-up still shuts down cleanly. */
  self->sigint_source = g_unix_signal_add (SIGINT, quit_on_signal_cb, self);
  self->sigterm_source = g_unix_signal_add (SIGTERM, quit_on_signal_cb, self);

  /* Registering here runs startup now in the primary instance, so a database we
   * cannot use becomes this process's exit status, like in headless mode. */
  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("stillwater: %s\n", error->message);
      return 1;
    }
  if (self->store_error != NULL)
    {
      g_printerr ("stillwater: %s\n", self->store_error->message);
      return 1;
    }

  return -1;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  close_windows_and_quit (SW_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);

  sw_about_present (gtk_application_get_active_window (app));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  SwApplication *self = SW_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->runtime == NULL || self->store_error != NULL)
    return;

  /* One Preferences window at a time: a second request raises it. */
  if (self->preferences == NULL)
    {
      self->preferences =
        sw_preferences_window_new (parent,
                                   self->settings,
                                   sw_runtime_get_server_status (self->runtime),
                                   sw_runtime_get_store (self->runtime),
                                   sw_runtime_get_events (self->runtime),
                                   sw_runtime_get_jobs (self->runtime),
                                   sw_runtime_get_artist_service (self->runtime));
      g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
    }

  gtk_window_present (GTK_WINDOW (self->preferences));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated, NULL, NULL, NULL },
  { "about", about_activated, NULL, NULL, NULL },
  { "preferences", preferences_activated, NULL, NULL, NULL },
};

/* Server settings changed in Preferences ------------------------------------------------ */

static char *
settings_listen_address (SwApplication *self)
{
  if (g_settings_get_boolean (self->settings, "remote-access"))
    return g_strdup ("0.0.0.0");
  return g_settings_get_string (self->settings, "server-listen");
}

/* From here on the preferences decide the address and port, even when the command line
 * chose them at start-up: the user's latest word wins. */
static gboolean
rebind_cb (gpointer user_data)
{
  SwApplication *self = SW_APPLICATION (user_data);
  g_autofree char *address = settings_listen_address (self);
  guint port = (guint) g_settings_get_int (self->settings, "server-port");
  g_autoptr(GError) error = NULL;

  self->rebind_source = 0;

  if (self->runtime == NULL || self->store_error != NULL)
    return G_SOURCE_REMOVE;

  if (sw_server_status_get_listening (sw_runtime_get_server_status (self->runtime)) &&
      port == sw_runtime_get_port (self->runtime) &&
      g_strcmp0 (address, sw_runtime_get_listen_address (self->runtime)) == 0)
    return G_SOURCE_REMOVE;

  /* The failure is also the server status's message, which Preferences and the
   * window show. */
  if (!sw_runtime_restart_server (self->runtime, address, port, &error))
    g_printerr ("stillwater: %s\n", error->message);

  return G_SOURCE_REMOVE;
}

static void
server_setting_changed_cb (GSettings  *settings,
                           const char *key,
                           gpointer    user_data)
{
  SwApplication *self = SW_APPLICATION (user_data);

  /* A spin button sends a change per click; rebind once the clicks stop. */
  g_clear_handle_id (&self->rebind_source, g_source_remove);
  self->rebind_source = g_timeout_add (400, rebind_cb, self);
}

static void
color_scheme_changed_cb (GSettings  *settings,
                         const char *key,
                         gpointer    user_data)
{
  g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");

  sw_preferences_apply_color_scheme (scheme);
}

static void
start_runtime (SwApplication *self)
{
  g_autoptr(GError) error = NULL;
  const char *listen_address = self->options.listen_address;
  guint port = self->options.port;
  g_autofree char *saved_listen = NULL;

  /* Explicit options and environment win over the preferences. */
  if (self->settings != NULL && !self->options.port_explicit)
    port = (guint) g_settings_get_int (self->settings, "server-port");
  if (self->settings != NULL && !self->options.listen_explicit)
    {
      if (g_settings_get_boolean (self->settings, "remote-access"))
        saved_listen = g_strdup ("0.0.0.0");
      else
        saved_listen = g_settings_get_string (self->settings, "server-listen");
      listen_address = saved_listen;
    }

  self->runtime = sw_runtime_new (self->options.data_dir, listen_address, port);
  sw_runtime_set_tls_files (self->runtime, self->options.tls_cert, self->options.tls_key);
  if (!sw_runtime_open_store (self->runtime, &self->store_error))
    return;

  /* Unlike headless mode, a busy port (or an unusable TLS certificate) is not fatal
   * here: the library still works locally, and the window says why the web API is
   * unavailable. */
  if (!sw_runtime_start_server (self->runtime, &error))
    g_printerr ("stillwater: %s\n", error->message);
}

static void
sw_application_startup (GApplication *app)
{
  SwApplication *self = SW_APPLICATION (app);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };
  const char *help_accels[] = { "<Control>question", NULL };
  const char *scan_accels[] = { "F5", NULL };

  G_APPLICATION_CLASS (sw_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.scan-all", scan_accels);

  self->settings = create_settings ();

  /* Before any window exists, so none flashes in the wrong style. */
  if (self->settings != NULL)
    {
      color_scheme_changed_cb (self->settings, "color-scheme", self);
      g_signal_connect_object (self->settings, "changed::color-scheme",
                               G_CALLBACK (color_scheme_changed_cb), self, 0);
    }

  start_runtime (self);

  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::server-port",
                               G_CALLBACK (server_setting_changed_cb), self, 0);
      g_signal_connect_object (self->settings, "changed::server-listen",
                               G_CALLBACK (server_setting_changed_cb), self, 0);
      g_signal_connect_object (self->settings, "changed::remote-access",
                               G_CALLBACK (server_setting_changed_cb), self, 0);
    }
}

static void
sw_application_activate (GApplication *app)
{
  SwApplication *self = SW_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (self->store_error != NULL)
    return;

  if (window == NULL)
    window = GTK_WINDOW (sw_window_new (GTK_APPLICATION (app),
                                        self->settings,
                                        sw_runtime_get_server_status (self->runtime),
                                        sw_runtime_get_store (self->runtime),
                                        sw_runtime_get_events (self->runtime),
                                        sw_runtime_get_jobs (self->runtime),
                                        sw_runtime_get_artist_service (self->runtime)));

  gtk_window_present (window);
}

static void
sw_application_shutdown (GApplication *app)
{
  SwApplication *self = SW_APPLICATION (app);

  g_clear_handle_id (&self->sigint_source, g_source_remove);
  g_clear_handle_id (&self->sigterm_source, g_source_remove);
  g_clear_handle_id (&self->rebind_source, g_source_remove);
  if (self->runtime != NULL)
    sw_runtime_stop (self->runtime);

  G_APPLICATION_CLASS (sw_application_parent_class)->shutdown (app);
}

static void
sw_application_dispose (GObject *object)
{
  SwApplication *self = SW_APPLICATION (object);

  g_clear_handle_id (&self->sigint_source, g_source_remove);
  g_clear_handle_id (&self->sigterm_source, g_source_remove);
  g_clear_handle_id (&self->rebind_source, g_source_remove);
  if (self->preferences != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
  self->preferences = NULL;
  g_clear_object (&self->runtime);
  g_clear_error (&self->store_error);
  g_clear_object (&self->settings);
  sw_options_clear (&self->options);

  G_OBJECT_CLASS (sw_application_parent_class)->dispose (object);
}

static void
sw_application_class_init (SwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sw_application_dispose;
  app_class->handle_local_options = sw_application_handle_local_options;
  app_class->startup = sw_application_startup;
  app_class->activate = sw_application_activate;
  app_class->shutdown = sw_application_shutdown;
}

static void
sw_application_init (SwApplication *self)
{
  sw_options_add_entries (G_APPLICATION (self));
}

SwApplication *
sw_application_new (void)
{
  return g_object_new (SW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/stillwater/Stillwater",
                       NULL);
}

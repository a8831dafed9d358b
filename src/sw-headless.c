/* sw-headless.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>

#include "sw-data-dir.h"
#include "sw-headless.h"
#include "sw-options.h"
#include "sw-runtime.h"

/* `stillwater --headless`: a plain GApplication, so nothing touches a display. It is
 * not unique: a server may run beside a desktop session's GUI instance. */
struct _SwHeadless
{
  GApplication parent_instance;

  SwRuntime *runtime;
  guint sigint_source;
  guint sigterm_source;
  gboolean held;
};

G_DEFINE_FINAL_TYPE (SwHeadless, sw_headless, G_TYPE_APPLICATION)

static gboolean
quit_on_signal_cb (gpointer user_data)
{
  SwHeadless *self = user_data;

  g_message ("Shutting down");
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_CONTINUE;
}

/* Everything that can fail is done here, in the local instance, so that failures
 * become the process's exit status (1) with a one-line message. */
static int
sw_headless_handle_local_options (GApplication *app,
                                  GVariantDict *dict)
{
  SwHeadless *self = SW_HEADLESS (app);
  g_auto(SwOptions) options = { 0 };
  g_autoptr(GError) error = NULL;

  if (!sw_options_resolve (&options, dict, &error) ||
      (!options.show_version && !sw_data_dir_ensure (options.data_dir, &error)))
    {
      g_printerr ("stillwater: %s\n", error->message);
      return 1;
    }

  if (options.show_version)
    {
      sw_options_print_version ();
      return 0;
    }

  /* Handlers go in before the server answers anything: a client that sees the port
   * open may signal us at once, and must get a clean shutdown. */
  self->sigint_source = g_unix_signal_add (SIGINT, quit_on_signal_cb, self);
  self->sigterm_source = g_unix_signal_add (SIGTERM, quit_on_signal_cb, self);

  self->runtime = sw_runtime_new (options.data_dir, options.listen_address, options.port);
  sw_runtime_set_tls_files (self->runtime, options.tls_cert, options.tls_key);
  if (!sw_runtime_open_store (self->runtime, &error) ||
      !sw_runtime_start_server (self->runtime, &error))
    {
      g_printerr ("stillwater: %s\n", error->message);
      return 1;
    }

  g_print (_("Stillwater %s is serving %s (data in %s). Press Ctrl+C to stop.\n"),
           PACKAGE_VERSION,
           sw_server_status_get_uri (sw_runtime_get_server_status (self->runtime)),
           options.data_dir);

  return -1;
}

static void
sw_headless_activate (GApplication *app)
{
  SwHeadless *self = SW_HEADLESS (app);

  /* Keep running until a signal asks us to stop. */
  if (!self->held)
    {
      g_application_hold (app);
      self->held = TRUE;
    }
}

static void
sw_headless_shutdown (GApplication *app)
{
  SwHeadless *self = SW_HEADLESS (app);

  g_clear_handle_id (&self->sigint_source, g_source_remove);
  g_clear_handle_id (&self->sigterm_source, g_source_remove);
  if (self->runtime != NULL)
    sw_runtime_stop (self->runtime);

  G_APPLICATION_CLASS (sw_headless_parent_class)->shutdown (app);
}

static void
sw_headless_dispose (GObject *object)
{
  SwHeadless *self = SW_HEADLESS (object);

  g_clear_handle_id (&self->sigint_source, g_source_remove);
  g_clear_handle_id (&self->sigterm_source, g_source_remove);
  g_clear_object (&self->runtime);

  G_OBJECT_CLASS (sw_headless_parent_class)->dispose (object);
}

static void
sw_headless_class_init (SwHeadlessClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sw_headless_dispose;
  app_class->handle_local_options = sw_headless_handle_local_options;
  app_class->activate = sw_headless_activate;
  app_class->shutdown = sw_headless_shutdown;
}

static void
sw_headless_init (SwHeadless *self)
{
  sw_options_add_entries (G_APPLICATION (self));
}

SwHeadless *
sw_headless_new (void)
{
  return g_object_new (SW_TYPE_HEADLESS,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       NULL);
}

/* sw-window.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artists-page.h"
#include "sw-dashboard-page.h"
#include "sw-jobs-button.h"
#include "sw-library-service.h"
#include "sw-scan-job.h"
#include "sw-ui.h"
#include "sw-window.h"
#include "sw-window-private.h"

#define APP_ICON_NAME "io.github.stillwater.Stillwater"
#define APP_ICON_RESOURCE \
  "/io/github/stillwater/Stillwater/icons/scalable/apps/io.github.stillwater.Stillwater.svg"


G_DEFINE_FINAL_TYPE (SwWindow, sw_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_SERVER_STATUS,
  PROP_STORE,
  PROP_EVENTS,
  PROP_JOBS,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_sw_window_show_toast (SwWindow   *self,
                       const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* The server status --------------------------------------------------------------------- */

static void
update_server_row (SwWindow *self)
{
  const char *uri = sw_server_status_get_uri (self->server_status);
  const char *error_message = sw_server_status_get_error_message (self->server_status);
  GAction *copy = g_action_map_lookup_action (G_ACTION_MAP (self), "copy-server-address");
  g_autofree char *subtitle = NULL;

  if (sw_server_status_get_listening (self->server_status))
    subtitle = g_markup_escape_text (uri, -1);
  else if (error_message != NULL)
    subtitle = g_markup_printf_escaped (_("Not available: %s"), error_message);
  else
    subtitle = g_strdup (_("Not running"));

  adw_action_row_set_subtitle (self->server_row, subtitle);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (copy),
                               sw_server_status_get_listening (self->server_status));
}

static void
copy_server_address (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  const char *uri = sw_server_status_get_uri (self->server_status);

  if (uri == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), uri);
  _sw_window_show_toast (self, _("Address copied"));
}

static void
copy_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  copy_server_address (GTK_WIDGET (user_data), NULL, NULL);
}

/* Pages --------------------------------------------------------------------------------- */

static gboolean
has_library (SwWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) libraries = NULL;

  if (self->store == NULL)
    return FALSE;

  libraries = sw_library_service_list (self->store, &error);
  if (libraries == NULL)
    {
      g_warning ("Could not list the libraries: %s", error->message);
      return FALSE;
    }
  return libraries->len > 0;
}

static void
set_action_enabled (SwWindow   *self,
                    const char *name,
                    gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* A scan followed from the first run (or the sample library being made) wins; then the
 * pages once any library exists; else the invitation. */
void
_sw_window_update_page (SwWindow *self)
{
  const char *page;

  if (self->scan_job != NULL || self->making_sample)
    page = "scan";
  else if (has_library (self))
    page = "browse";
  else
    page = "empty";

  gtk_stack_set_visible_child_name (self->stack, page);
  set_action_enabled (self, "add-library", self->store != NULL);
  set_action_enabled (self, "try-sample-library",
                      self->store != NULL && !self->making_sample);
  set_action_enabled (self, "scan-all", g_str_equal (page, "browse"));
  gtk_widget_set_visible (self->add_library_button, self->store != NULL);
  gtk_widget_set_visible (self->sample_button, self->store != NULL);
}

static void
show_content (SwWindow   *self,
              const char *name)
{
  GtkListBoxRow *row = g_str_equal (name, "dashboard") ? self->dashboard_row : self->artists_row;

  gtk_stack_set_visible_child_name (self->content_stack, name);
  gtk_list_box_select_row (self->sidebar_list, row);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
}

static void
sidebar_row_activated_cb (SwWindow      *self,
                          GtkListBoxRow *row)
{
  show_content (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
folded_changed_cb (SwWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  if (self->artists_page != NULL)
    g_object_set (self->artists_page, "show-sidebar-button", folded, NULL);
  /* Folded, the sidebar is a page of its own and shows no selection. */
  if (folded)
    gtk_list_box_unselect_all (self->sidebar_list);
  else
    gtk_list_box_select_row (self->sidebar_list,
                             g_str_equal (gtk_stack_get_visible_child_name (self->content_stack),
                                          "dashboard")
                             ? self->dashboard_row : self->artists_row);
}

static void
update_artists_count (SwWindow *self)
{
  guint total = sw_artists_page_get_total (SW_ARTISTS_PAGE (self->artists_page));
  g_autofree char *text = g_strdup_printf ("%u", total);

  gtk_label_set_text (self->artists_count, text);
}

static void
show_sidebar_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  SwWindow *self = SW_WINDOW (user_data);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

/* Escape and Alt+Left: the editor back to the list, then the page back to the sidebar. */
static gboolean
go_back_cb (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  SwWindow *self = SW_WINDOW (widget);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "browse"))
    return FALSE;
  if (g_str_equal (gtk_stack_get_visible_child_name (self->content_stack), "artists") &&
      sw_artists_page_go_back (SW_ARTISTS_PAGE (self->artists_page)))
    return TRUE;
  if (adw_leaflet_get_folded (self->leaflet) &&
      adw_leaflet_get_visible_child (self->leaflet) != self->sidebar)
    {
      adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
      return TRUE;
    }
  return FALSE;
}

static gboolean
start_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  SwWindow *self = SW_WINDOW (widget);

  if (self->artists_page == NULL ||
      !g_str_equal (gtk_stack_get_visible_child_name (self->stack), "browse"))
    return FALSE;

  show_content (self, "artists");
  sw_artists_page_start_search (SW_ARTISTS_PAGE (self->artists_page));
  return TRUE;
}

static void job_finished_cb (SwWindow *self,
                             SwJob    *job);

static void
show_page_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  SwWindow *self = SW_WINDOW (user_data);
  const char *name = g_variant_get_string (parameter, NULL);

  if (gtk_stack_get_child_by_name (self->content_stack, name) != NULL)
    show_content (self, name);
}

static void
setup_pages (SwWindow *self)
{
  GtkWidget *jobs_button;

  self->artists_page = sw_artists_page_new (self->store, self->events, self->service);
  adw_bin_set_child (self->artists_bin, self->artists_page);
  g_signal_connect_object (self->artists_page, "notify::total",
                           G_CALLBACK (update_artists_count), self, G_CONNECT_SWAPPED);
  update_artists_count (self);

  adw_bin_set_child (self->dashboard_bin,
                     sw_dashboard_page_new (self->store, self->events, self->jobs,
                                            self->service));

  jobs_button = sw_jobs_button_new (self->jobs);
  g_signal_connect_object (jobs_button, "job-finished", G_CALLBACK (job_finished_cb), self,
                           G_CONNECT_SWAPPED);
  adw_bin_set_child (self->jobs_slot, jobs_button);

  show_content (self, "artists");
  folded_changed_cb (self);
}

/* Jobs ---------------------------------------------------------------------------------- */

static char *
describe_finished_scan (SwJob *job)
{
  g_autoptr(JsonNode) result = sw_job_dup_result (job);
  gint64 new_artists = 0;

  if (result != NULL && JSON_NODE_HOLDS_OBJECT (result))
    new_artists = json_object_get_int_member_with_default (json_node_get_object (result),
                                                           "new_artists", 0);
  if (new_artists == 0)
    return g_strdup (_("Scan finished"));
  return g_strdup_printf (ngettext ("Scan finished: %u new artist",
                                    "Scan finished: %u new artists", (gulong) new_artists),
                          (guint) new_artists);
}

static void
job_finished_cb (SwWindow *self,
                 SwJob    *job)
{
  g_autofree char *message = NULL;

  switch (sw_job_get_state (job))
    {
    case SW_JOB_COMPLETED:
      if (g_str_equal (sw_job_get_kind (job), SW_SCAN_JOB_KIND))
        message = describe_finished_scan (job);
      else
        message = g_strdup (_("Job finished"));
      break;

    case SW_JOB_CANCELLED:
      message = g_strdup (g_str_equal (sw_job_get_kind (job), SW_SCAN_JOB_KIND)
                          ? _("Scan cancelled") : _("Job cancelled"));
      break;

    case SW_JOB_FAILED:
      message = sw_job_dup_error (job);
      if (message == NULL)
        message = g_strdup (_("The job failed"));
      break;

    case SW_JOB_RUNNING:
    default:
      return;
    }

  _sw_window_show_toast (self, message);
}

/* Window state -------------------------------------------------------------------------- */

static void
restore_window_state (SwWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
sw_window_close_request (GtkWindow *window)
{
  SwWindow *self = SW_WINDOW (window);
  int width, height;

  if (self->settings != NULL)
    {
      /* The default size is the unmaximized size, which is what we want to restore. */
      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (sw_window_parent_class)->close_request (window);
}

static void
sw_window_constructed (GObject *object)
{
  SwWindow *self = SW_WINDOW (object);

  G_OBJECT_CLASS (sw_window_parent_class)->constructed (object);

  restore_window_state (self);
  g_signal_connect_object (self->server_status, "notify",
                           G_CALLBACK (update_server_row), self, G_CONNECT_SWAPPED);
  update_server_row (self);

  if (self->store != NULL)
    {
      static const char *const scan_events[] = { SW_EVENT_SCAN_COMPLETED, NULL };
      g_autoptr(SwJob) running = sw_job_queue_get_latest (self->jobs, SW_SCAN_JOB_KIND);

      setup_pages (self);
      /* Unsubscribed in dispose, after which the callback never runs: no reference. */
      self->scan_subscription = sw_events_subscribe (self->events, scan_events, NULL,
                                                     _sw_window_scan_completed_cb, self, NULL);
      /* A scan started elsewhere (the web API, the folder watcher) is shown too. */
      if (running != NULL && sw_job_get_state (running) == SW_JOB_RUNNING)
        _sw_window_follow_scan (self, running);
    }
  _sw_window_update_page (self);
}

static void
sw_window_dispose (GObject *object)
{
  SwWindow *self = SW_WINDOW (object);

  if (self->scan_subscription != 0)
    sw_events_unsubscribe (self->events, self->scan_subscription);
  self->scan_subscription = 0;
  _sw_window_stop_following_scan (self);
  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_WINDOW);
  self->artists_page = NULL;
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->server_status);
  g_clear_object (&self->service);
  g_clear_object (&self->jobs);
  g_clear_object (&self->events);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sw_window_parent_class)->dispose (object);
}

static void
sw_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SwWindow *self = SW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_SERVER_STATUS:
      self->server_status = g_value_dup_object (value);
      break;

    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_EVENTS:
      self->events = g_value_dup_object (value);
      break;

    case PROP_JOBS:
      self->jobs = g_value_dup_object (value);
      break;

    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SwWindow *self = SW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_SERVER_STATUS:
      g_value_set_object (value, self->server_status);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_EVENTS:
      g_value_set_object (value, self->events);
      break;

    case PROP_JOBS:
      g_value_set_object (value, self->jobs);
      break;

    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_window_class_init (SwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = sw_window_constructed;
  object_class->dispose = sw_window_dispose;
  object_class->set_property = sw_window_set_property;
  object_class->get_property = sw_window_get_property;
  window_class->close_request = sw_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS, flags);
  properties[PROP_SERVER_STATUS] =
    g_param_spec_object ("server-status", NULL, NULL, SW_TYPE_SERVER_STATUS, flags);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SW_TYPE_STORE, flags);
  properties[PROP_EVENTS] =
    g_param_spec_object ("events", NULL, NULL, SW_TYPE_EVENTS, flags);
  properties[PROP_JOBS] =
    g_param_spec_object ("jobs", NULL, NULL, SW_TYPE_JOB_QUEUE, flags);
  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, SW_TYPE_ARTIST_SERVICE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                start_search_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, go_back_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK, go_back_cb, NULL);

  sw_ui_init ();
  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "sw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, add_library_button);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, sample_button);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, scan_progress);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, jobs_slot);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, dashboard_row);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, artists_row);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, artists_count);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, dashboard_bin);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, artists_bin);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);
}

static void
sw_window_init (SwWindow *self)
{
  static gboolean icons_added;
  const GActionEntry actions[] = {
    { "copy-server-address", copy_activated, NULL, NULL, NULL },
    { "add-library", _sw_window_add_library_activated, NULL, NULL, NULL },
    { "cancel-scan", _sw_window_cancel_scan_activated, NULL, NULL, NULL },
    { "try-sample-library", _sw_window_try_sample_activated, NULL, NULL, NULL },
    { "scan-all", _sw_window_scan_all_activated, NULL, NULL, NULL },
    { "show-sidebar", show_sidebar_activated, NULL, NULL, NULL },
    { "show-page", show_page_activated, "s", NULL, NULL },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  /* Our own icons (the filter funnel) under any application id, tests and tools too. */
  if (!icons_added)
    {
      gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                        APP_RESOURCE_PATH "icons");
      icons_added = TRUE;
    }

  /* Uninstalled (tools/run, tests) the icon theme does not find the app icon in our
   * resources on every setup; the picture comes straight from them then. */
  if (!gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                APP_ICON_NAME))
    {
      g_autoptr(GdkTexture) icon = gdk_texture_new_from_resource (APP_ICON_RESOURCE);

      adw_status_page_set_paintable (self->empty_page, GDK_PAINTABLE (icon));
    }
}

SwWindow *
sw_window_new (GtkApplication  *application,
               GSettings       *settings,
               SwServerStatus  *server_status,
               SwStore         *store,
               SwEvents        *events,
               SwJobQueue      *jobs,
               SwArtistService *service)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (SW_IS_SERVER_STATUS (server_status), NULL);
  g_return_val_if_fail (store == NULL || SW_IS_STORE (store), NULL);
  g_return_val_if_fail ((store == NULL) == (events == NULL), NULL);
  g_return_val_if_fail ((store == NULL) == (jobs == NULL), NULL);
  g_return_val_if_fail ((store == NULL) == (service == NULL), NULL);

  return g_object_new (SW_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       "server-status", server_status,
                       "store", store,
                       "events", events,
                       "jobs", jobs,
                       "service", service,
                       NULL);
}

GtkWidget *
sw_window_get_artists_page (SwWindow *self)
{
  g_return_val_if_fail (SW_IS_WINDOW (self), NULL);

  return self->artists_page;
}

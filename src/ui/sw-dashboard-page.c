/* sw-dashboard-page.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-query.h"
#include "sw-dashboard-activity.h"
#include "sw-dashboard-libraries.h"
#include "sw-dashboard-page.h"
#include "sw-dashboard-time.h"
#include "sw-library-stats.h"
#include "sw-ui.h"

/* Events come in bursts (a scan adds thousands of artists): at most one re-count per
 * this many ms. */
#define REFRESH_INTERVAL_US (500 * G_TIME_SPAN_MILLISECOND)
#define MAX_ACTIVITY 20
/* Events with one key this close together become one entry. */
#define MERGE_WINDOW_US (10 * G_TIME_SPAN_SECOND)
/* Relative times ("5 minutes ago") are rewritten this often while shown. */
#define CLOCK_INTERVAL_S 30

typedef struct
{
  char *key;
  gint64 time_us;
  guint count;
  AdwActionRow *row;
} Activity;

struct _SwDashboardPage
{
  AdwBin parent_instance;

  SwStore *store;
  SwEvents *events;
  SwJobQueue *jobs;
  SwArtistService *service;
  guint subscription;

  GCancellable *cancellable;     /* the stats read in flight, if any */
  gboolean refresh_again;        /* events arrived while it ran */
  guint refresh_id;
  gint64 last_refresh_us;
  guint clock_id;

  SwLibraryStats *stats;
  SwDashboardLibraries *libraries;
  GQueue activity;               /* Activity, newest first */

  GtkFlowBoxChild *artists_card;
  GtkFlowBoxChild *mbid_card;
  GtkFlowBoxChild *thumb_card;
  GtkFlowBoxChild *fanart_card;
  GtkFlowBoxChild *locked_card;
  GtkLabel *artists_count;
  GtkLabel *mbid_count;
  GtkLabel *thumb_count;
  GtkLabel *fanart_count;
  GtkLabel *locked_count;
  GtkListBox *libraries_list;
  GtkListBox *activity_list;
};

G_DEFINE_FINAL_TYPE (SwDashboardPage, sw_dashboard_page, ADW_TYPE_BIN)

static const char *const watched_events[] = {
  SW_EVENT_ARTIST_NEW, SW_EVENT_ARTIST_UPDATED, SW_EVENT_SCAN_COMPLETED, NULL,
};

static void schedule_refresh (SwDashboardPage *self);

/* Counts -------------------------------------------------------------------------------- */

static void
set_count (GtkFlowBoxChild *card,
           GtkLabel        *label,
           guint            count,
           const char      *spoken)
{
  g_autofree char *number = g_strdup_printf ("%'u", count);

  gtk_label_set_text (label, number);
  /* The card reads as one phrase ("10 with MBID") rather than two labels. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);
}

static void
update_counts (SwDashboardPage *self)
{
  const SwLibraryStats *s = self->stats;
  g_autofree char *artists = NULL;
  g_autofree char *mbid = NULL;
  g_autofree char *thumb = NULL;
  g_autofree char *fanart = NULL;
  g_autofree char *locked = NULL;

  artists = g_strdup_printf (ngettext ("%u artist", "%u artists", s->artists), s->artists);
  mbid = g_strdup_printf (ngettext ("%u with MBID", "%u with MBID", s->with_mbid),
                          s->with_mbid);
  thumb = g_strdup_printf (ngettext ("%u with thumbnail", "%u with thumbnail",
                                     s->with_thumb), s->with_thumb);
  fanart = g_strdup_printf (ngettext ("%u with fanart", "%u with fanart", s->with_fanart),
                            s->with_fanart);
  locked = g_strdup_printf (ngettext ("%u locked", "%u locked", s->locked), s->locked);

  set_count (self->artists_card, self->artists_count, s->artists, artists);
  set_count (self->mbid_card, self->mbid_count, s->with_mbid, mbid);
  set_count (self->thumb_card, self->thumb_count, s->with_thumb, thumb);
  set_count (self->fanart_card, self->fanart_count, s->with_fanart, fanart);
  set_count (self->locked_card, self->locked_count, s->locked, locked);
}

/* Refreshing ----------------------------------------------------------------------------- */

static void
read_stats_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  SwLibraryStats *stats = sw_library_stats_read (SW_STORE (task_data), &error);

  if (stats == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stats, (GDestroyNotify) sw_library_stats_free);
}

static void
stats_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SwDashboardPage *self = SW_DASHBOARD_PAGE (object);
  g_autoptr(GError) error = NULL;
  SwLibraryStats *stats = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (stats == NULL)
    g_warning ("Cannot read the library's counts: %s", error->message);
  else
    {
      /* The library rows point into the old stats until they are given the new. */
      SwLibraryStats *old = g_steal_pointer (&self->stats);

      self->stats = stats;
      update_counts (self);
      if (self->libraries != NULL)
        sw_dashboard_libraries_update (self->libraries, stats->libraries);
      sw_library_stats_free (old);
    }

  if (self->refresh_again)
    {
      self->refresh_again = FALSE;
      schedule_refresh (self);
    }
}

static gboolean
refresh_cb (gpointer user_data)
{
  SwDashboardPage *self = SW_DASHBOARD_PAGE (user_data);
  g_autoptr(GTask) task = NULL;

  self->refresh_id = 0;
  self->last_refresh_us = g_get_monotonic_time ();
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, stats_ready_cb, NULL);
  g_task_set_source_tag (task, refresh_cb);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, read_stats_thread);
  return G_SOURCE_REMOVE;
}

/* At once when the last read is old enough, else when it will be; one read at a time. */
static void
schedule_refresh (SwDashboardPage *self)
{
  gint64 wait_us;

  if (self->store == NULL || self->refresh_id != 0)
    return;
  if (self->cancellable != NULL)
    {
      self->refresh_again = TRUE;
      return;
    }

  wait_us = self->last_refresh_us + REFRESH_INTERVAL_US - g_get_monotonic_time ();
  self->refresh_id = g_timeout_add ((guint) (CLAMP (wait_us, 0, REFRESH_INTERVAL_US) / 1000),
                                    refresh_cb, self);
}

/* Activity ------------------------------------------------------------------------------ */

static void
activity_free (gpointer data)
{
  Activity *activity = data;

  g_free (activity->key);
  g_free (activity);
}

static void
update_activity_time (Activity *activity,
                      gint64    now_us)
{
  g_autofree char *when = sw_dashboard_format_relative (activity->time_us, now_us);

  adw_action_row_set_subtitle (activity->row, when);
}

static SwArtist *
lookup_artist (SwDashboardPage *self,
               SwEvent         *event)
{
  const char *id = sw_dashboard_activity_artist_id (event);

  /* One primary-key read; bursts merge before they get here. */
  if (id == NULL || self->store == NULL)
    return NULL;
  return sw_artist_store_get (self->store, id, NULL);
}

static void
add_activity (SwDashboardPage *self,
              SwEvent         *event)
{
  g_autofree char *key = sw_dashboard_activity_key (event);
  Activity *top = g_queue_peek_head (&self->activity);
  gint64 time_us = sw_event_get_real_time (event);
  g_autoptr(SwArtist) artist = NULL;
  g_autofree char *text = NULL;
  Activity *activity;
  GtkWidget *icon;

  if (key == NULL)
    return;

  if (top != NULL && g_str_equal (top->key, key) && time_us - top->time_us < MERGE_WINDOW_US)
    {
      top->count++;
      top->time_us = time_us;
      if (top->count == 2 || g_str_equal (key, SW_EVENT_ARTIST_NEW))
        {
          text = sw_dashboard_activity_describe (event, NULL, top->count);
          if (!g_str_equal (key, SW_EVENT_ARTIST_NEW))
            {
              artist = lookup_artist (self, event);
              g_free (text);
              text = sw_dashboard_activity_describe (event, artist, top->count);
            }
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (top->row), text);
        }
      update_activity_time (top, g_get_real_time ());
      return;
    }

  artist = lookup_artist (self, event);
  text = sw_dashboard_activity_describe (event, artist, 1);

  activity = g_new0 (Activity, 1);
  activity->key = g_steal_pointer (&key);
  activity->time_us = time_us;
  activity->count = 1;
  activity->row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (activity->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (activity->row), text);
  icon = gtk_image_new_from_icon_name (sw_dashboard_activity_icon (event));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_prefix (activity->row, icon);
  update_activity_time (activity, g_get_real_time ());

  g_queue_push_head (&self->activity, activity);
  gtk_list_box_prepend (self->activity_list, GTK_WIDGET (activity->row));

  while (self->activity.length > MAX_ACTIVITY)
    {
      Activity *oldest = g_queue_pop_tail (&self->activity);

      gtk_list_box_remove (self->activity_list, GTK_WIDGET (oldest->row));
      activity_free (oldest);
    }
}

static void
event_cb (SwEvent  *event,
          gpointer  user_data)
{
  SwDashboardPage *self = SW_DASHBOARD_PAGE (user_data);

  add_activity (self, event);
  schedule_refresh (self);
}

/* Relative times ------------------------------------------------------------------------ */

static gboolean
clock_cb (gpointer user_data)
{
  SwDashboardPage *self = SW_DASHBOARD_PAGE (user_data);
  gint64 now_us = g_get_real_time ();

  for (GList *l = self->activity.head; l != NULL; l = l->next)
    update_activity_time (l->data, now_us);
  if (self->libraries != NULL)
    sw_dashboard_libraries_update_times (self->libraries);
  return G_SOURCE_CONTINUE;
}

/* Times tick only while someone can see them; coming back shows fresh counts too. */
static void
sw_dashboard_page_map (GtkWidget *widget)
{
  SwDashboardPage *self = SW_DASHBOARD_PAGE (widget);

  GTK_WIDGET_CLASS (sw_dashboard_page_parent_class)->map (widget);

  if (self->clock_id == 0)
    self->clock_id = g_timeout_add_seconds (CLOCK_INTERVAL_S, clock_cb, self);
  clock_cb (self);
  schedule_refresh (self);
}

static void
sw_dashboard_page_unmap (GtkWidget *widget)
{
  SwDashboardPage *self = SW_DASHBOARD_PAGE (widget);

  g_clear_handle_id (&self->clock_id, g_source_remove);
  GTK_WIDGET_CLASS (sw_dashboard_page_parent_class)->unmap (widget);
}

/* GObject -------------------------------------------------------------------------------- */

static void
sw_dashboard_page_dispose (GObject *object)
{
  SwDashboardPage *self = SW_DASHBOARD_PAGE (object);

  if (self->subscription != 0)
    {
      sw_events_unsubscribe (self->events, self->subscription);
      self->subscription = 0;
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_clear_pointer (&self->libraries, sw_dashboard_libraries_free);

  g_queue_clear_full (&self->activity, activity_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_DASHBOARD_PAGE);

  g_clear_pointer (&self->stats, sw_library_stats_free);
  g_clear_object (&self->service);
  g_clear_object (&self->jobs);
  g_clear_object (&self->events);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sw_dashboard_page_parent_class)->dispose (object);
}

static void
sw_dashboard_page_class_init (SwDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_dashboard_page_dispose;
  widget_class->map = sw_dashboard_page_map;
  widget_class->unmap = sw_dashboard_page_unmap;

  sw_ui_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "sw-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SwDashboardPage, artists_card);
  gtk_widget_class_bind_template_child (widget_class, SwDashboardPage, mbid_card);
  gtk_widget_class_bind_template_child (widget_class, SwDashboardPage, thumb_card);
  gtk_widget_class_bind_template_child (widget_class, SwDashboardPage, fanart_card);
  gtk_widget_class_bind_template_child (widget_class, SwDashboardPage, locked_card);
  gtk_widget_class_bind_template_child (widget_class, SwDashboardPage, artists_count);
  gtk_widget_class_bind_template_child (widget_class, SwDashboardPage, mbid_count);
  gtk_widget_class_bind_template_child (widget_class, SwDashboardPage, thumb_count);
  gtk_widget_class_bind_template_child (widget_class, SwDashboardPage, fanart_count);
  gtk_widget_class_bind_template_child (widget_class, SwDashboardPage, locked_count);
  gtk_widget_class_bind_template_child (widget_class, SwDashboardPage, libraries_list);
  gtk_widget_class_bind_template_child (widget_class, SwDashboardPage, activity_list);
}

static void
sw_dashboard_page_init (SwDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->stats = g_new0 (SwLibraryStats, 1);
  self->stats->libraries = g_ptr_array_new ();
  g_queue_init (&self->activity);
}

GtkWidget *
sw_dashboard_page_new (SwStore         *store,
                       SwEvents        *events,
                       SwJobQueue      *jobs,
                       SwArtistService *service)
{
  SwDashboardPage *self;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (SW_IS_EVENTS (events), NULL);
  g_return_val_if_fail (SW_IS_JOB_QUEUE (jobs), NULL);
  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (service), NULL);

  self = g_object_new (SW_TYPE_DASHBOARD_PAGE, NULL);
  self->store = g_object_ref (store);
  self->events = g_object_ref (events);
  self->jobs = g_object_ref (jobs);
  self->service = g_object_ref (service);
  self->libraries = sw_dashboard_libraries_new (self->libraries_list, store, events, jobs,
                                                service);
  self->subscription = sw_events_subscribe (events, watched_events, NULL, event_cb, self, NULL);
  schedule_refresh (self);

  return GTK_WIDGET (self);
}

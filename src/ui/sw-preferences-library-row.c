/* sw-preferences-library-row.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-library-stats.h"
#include "sw-preferences-library-row.h"

struct _SwPreferencesLibraryRow
{
  AdwExpanderRow parent_instance;

  char *library_id;
  char *path;
  AdwEntryRow *name_row;
  AdwComboRow *watch_row;
  AdwComboRow *interval_row;
};

G_DEFINE_FINAL_TYPE (SwPreferencesLibraryRow, sw_preferences_library_row, ADW_TYPE_EXPANDER_ROW)

enum {
  SIGNAL_RENAME,
  SIGNAL_WATCH,
  SIGNAL_SCAN,
  SIGNAL_REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* fs_poll_interval values in the order of the interval combo's items. */
static const int intervals[] = { 60, 300, 900, 1800 };

static void
name_applied_cb (SwPreferencesLibraryRow *self)
{
  g_signal_emit (self, signals[SIGNAL_RENAME], 0, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
}

/* fs_watch is the combo's index: bit 1 watches, bit 2 polls. */
static void
watch_selected_cb (SwPreferencesLibraryRow *self)
{
  guint watch = adw_combo_row_get_selected (self->watch_row);
  guint interval = adw_combo_row_get_selected (self->interval_row);

  gtk_widget_set_sensitive (GTK_WIDGET (self->interval_row), (watch & 2) != 0);
  if (watch > 3 || interval >= G_N_ELEMENTS (intervals))
    return;
  g_signal_emit (self, signals[SIGNAL_WATCH], 0, (int) watch, intervals[interval]);
}

static void
scan_clicked_cb (SwPreferencesLibraryRow *self)
{
  g_signal_emit (self, signals[SIGNAL_SCAN], 0);
}

static void
remove_clicked_cb (SwPreferencesLibraryRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

static GtkWidget *
combo_row (const char         *title,
           const char * const *items)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  return row;
}

static void
sw_preferences_library_row_finalize (GObject *object)
{
  SwPreferencesLibraryRow *self = SW_PREFERENCES_LIBRARY_ROW (object);

  g_free (self->library_id);
  g_free (self->path);

  G_OBJECT_CLASS (sw_preferences_library_row_parent_class)->finalize (object);
}

static void
sw_preferences_library_row_class_init (SwPreferencesLibraryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sw_preferences_library_row_finalize;

  signals[SIGNAL_RENAME] = g_signal_new ("rename", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_WATCH] = g_signal_new ("watch", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);
  signals[SIGNAL_SCAN] = g_signal_new ("scan", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sw_preferences_library_row_init (SwPreferencesLibraryRow *self)
{
  const char *watch_modes[] = {
    _("Off"), _("When Files Change"), _("Check Periodically"), _("Both"), NULL
  };
  const char *interval_names[] = {
    _("Every Minute"), _("Every 5 Minutes"), _("Every 15 Minutes"), _("Every 30 Minutes"), NULL
  };
  GtkWidget *actions = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scan = gtk_button_new_with_mnemonic (_("_Scan Now"));
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove…"));

  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
  adw_entry_row_set_show_apply_button (self->name_row, TRUE);
  g_signal_connect_swapped (self->name_row, "apply", G_CALLBACK (name_applied_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->name_row));

  self->watch_row = ADW_COMBO_ROW (combo_row (_("Watch for Changes"), watch_modes));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->watch_row),
                               _("Rescan changed artist folders automatically"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->watch_row));

  self->interval_row = ADW_COMBO_ROW (combo_row (_("Check Interval"), interval_names));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->interval_row));

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "destructive-action");
  g_signal_connect_swapped (scan, "clicked", G_CALLBACK (scan_clicked_cb), self);
  g_signal_connect_swapped (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), scan);
  gtk_box_append (GTK_BOX (box), remove);
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions), box);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), actions);
}

/* Path, then (once read) the artist count and the last scan. Subtitles are markup. */
static void
set_details (SwPreferencesLibraryRow   *self,
             const SwLibraryStatsEntry *entry)
{
  const char *path = self->path != NULL && self->path[0] != '\0' ? self->path : _("No folder");
  g_autofree char *scanned = NULL;
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;

  if (entry == NULL)
    text = g_strdup (path);
  else
    {
      g_autoptr(GDateTime) time = NULL;
      g_autoptr(GDateTime) local = NULL;

      if (entry->last_scanned_at != NULL)
        time = g_date_time_new_from_iso8601 (entry->last_scanned_at, NULL);
      if (time != NULL)
        local = g_date_time_to_local (time);
      if (local != NULL)
        {
          g_autofree char *when = g_date_time_format (local, "%x %X");

          /* Translators: when a library was last scanned. */
          scanned = g_strdup_printf (_("scanned %s"), when);
        }
      else
        scanned = g_strdup (_("not scanned yet"));

      /* Translators: library details: its folder, its artist count, its last scan. */
      text = g_strdup_printf (ngettext ("%s · %u artist · %s", "%s · %u artists · %s",
                                        entry->artists),
                              path, entry->artists, scanned);
    }

  markup = g_markup_escape_text (text, -1);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), markup);
}

static void
stats_read_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  SwLibraryStats *stats = sw_library_stats_read (task_data, &error);

  if (stats == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, stats, (GDestroyNotify) sw_library_stats_free);
}

static void
stats_read_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GPtrArray) rows = user_data;
  g_autoptr(SwLibraryStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  stats = g_task_propagate_pointer (G_TASK (result), &error);
  if (stats == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the library statistics: %s", error->message);
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    for (guint j = 0; j < stats->libraries->len; j++)
      {
        SwPreferencesLibraryRow *row = rows->pdata[i];
        SwLibraryStatsEntry *entry = stats->libraries->pdata[j];

        if (g_strcmp0 (row->library_id, entry->id) == 0)
          set_details (row, entry);
      }
}

void
sw_preferences_library_rows_load_details (GPtrArray    *rows,
                                          SwStore      *store,
                                          GCancellable *cancellable)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) copy = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (rows != NULL);
  g_return_if_fail (SW_IS_STORE (store));

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (copy, g_object_ref (rows->pdata[i]));

  /* The counts take a pass over every artist: not on the main thread. */
  task = g_task_new (NULL, cancellable, stats_read_cb, g_steal_pointer (&copy));
  g_task_set_source_tag (task, sw_preferences_library_rows_load_details);
  g_task_set_check_cancellable (task, TRUE);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, stats_read_thread);
}

GtkWidget *
sw_preferences_library_row_new (SwLibrary *library)
{
  SwPreferencesLibraryRow *self;
  g_autofree char *name = NULL;
  int fs_watch = 0;
  int poll_interval = 60;
  guint interval = 0;

  g_return_val_if_fail (SW_IS_LIBRARY (library), NULL);

  self = g_object_new (SW_TYPE_PREFERENCES_LIBRARY_ROW, NULL);
  g_object_get (library, "id", &self->library_id, "name", &name, "path", &self->path,
                "fs_watch", &fs_watch, "fs_poll_interval", &poll_interval, NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  set_details (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);

  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    if (intervals[i] == poll_interval)
      interval = i;
  adw_combo_row_set_selected (self->watch_row, (guint) CLAMP (fs_watch, 0, 3));
  adw_combo_row_set_selected (self->interval_row, interval);
  gtk_widget_set_sensitive (GTK_WIDGET (self->interval_row), (fs_watch & 2) != 0);

  /* Connected after the stored values are shown, which must not save anything. */
  g_signal_connect_swapped (self->watch_row, "notify::selected", G_CALLBACK (watch_selected_cb), self);
  g_signal_connect_swapped (self->interval_row, "notify::selected", G_CALLBACK (watch_selected_cb), self);
  return GTK_WIDGET (self);
}

const char *
sw_preferences_library_row_get_id (SwPreferencesLibraryRow *self)
{
  g_return_val_if_fail (SW_IS_PREFERENCES_LIBRARY_ROW (self), NULL);

  return self->library_id;
}

/* sw-artist-history-view.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-history-view.h"
#include "sw-artist-validate.h"
#include "sw-json-text.h"
#include "sw-metadata-change-private.h"
#include "sw-ui.h"

#define PAGE_SIZE 50
/* The service's largest page; a reload of more rows reads several. */
#define MAX_PAGE 500
/* A tooltip is for reading the value, not for showing a whole book. */
#define MAX_TOOLTIP_VALUE 2000

struct _SwArtistHistoryView
{
  AdwBin parent_instance;

  SwArtistService *service;
  char *artist_id;
  guint n_shown;
  guint total;
  AdwToast *toast;               /* weak: the last one shown */

  GtkStack *stack;
  GtkListBox *list;
  GtkButton *more_button;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (SwArtistHistoryView, sw_artist_history_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How a change reads ----------------------------------------------------------------- */

static const char *
field_label (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "name", N_("Name") },
    { "sort_name", N_("Sort Name") },
    { "type", N_("Type") },
    { "gender", N_("Gender") },
    { "origin", N_("Origin") },
    { "disambiguation", N_("Disambiguation") },
    { "musicbrainz_id", N_("MusicBrainz ID") },
    { "audiodb_id", N_("TheAudioDB ID") },
    { "discogs_id", N_("Discogs ID") },
    { "wikidata_id", N_("Wikidata ID") },
    { "deezer_id", N_("Deezer ID") },
    { "biography", N_("Biography") },
    { "genres", N_("Genres") },
    { "styles", N_("Styles") },
    { "moods", N_("Moods") },
    { "years_active", N_("Years Active") },
    { "born", N_("Born") },
    { "formed", N_("Formed") },
    { "died", N_("Died") },
    { "disbanded", N_("Disbanded") },
    { "aliases", N_("Aliases") },
    { "members", N_("Members") },
    { "locked", N_("Locked") },
    { "locked_fields", N_("Locked Fields") },
    { "image_locks", N_("Image Locks") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (field, labels[i].field) == 0)
      return _(labels[i].label);

  /* A field from a newer schema: its name is still better than nothing. */
  return field;
}

static char *
source_label (const char *source)
{
  static const struct { const char *source; const char *label; } labels[] = {
    { "manual", N_("Edited") },
    { "scan", N_("Scan") },
    { "import", N_("Import") },
    { "revert", N_("Reverted") },
  };
  static const struct { const char *name; const char *label; } providers[] = {
    { "musicbrainz", "MusicBrainz" },
    { "audiodb", "TheAudioDB" },
    { "discogs", "Discogs" },
    { "wikidata", "Wikidata" },
    { "deezer", "Deezer" },
    { "lastfm", "Last.fm" },
    { "fanarttv", "fanart.tv" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (source, labels[i].source) == 0)
      return g_strdup (_(labels[i].label));

  if (source != NULL && g_str_has_prefix (source, "provider:"))
    {
      const char *name = source + strlen ("provider:");

      for (gsize i = 0; i < G_N_ELEMENTS (providers); i++)
        if (g_ascii_strcasecmp (name, providers[i].name) == 0)
          return g_strdup (providers[i].label);
      return g_strdup (name);
    }

  if (source != NULL && g_str_has_prefix (source, "rule:"))
    return g_strdup (_("Rule"));

  return g_strdup (source != NULL ? source : "");
}

/* Values are stored as text; list fields as JSON arrays, shown as "a, b". */
static char *
value_text (const char *value)
{
  if (value == NULL || *value == '\0')
    return g_strdup (_("(none)"));

  if (value[0] == '[')
    {
      g_auto(GStrv) items = sw_json_text_to_strv (value);

      if (items != NULL)
        /* TRANSLATORS: separates the items of a list value (genres, members…) */
        return g_strjoinv (_(", "), items);
      if (g_strcmp0 (value, "[]") == 0)
        return g_strdup (_("(none)"));
    }

  return g_strdup (value);
}

static char *
one_line (const char *text)
{
  char *line = g_strdup (text);

  for (char *p = line; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return line;
}

static char *
tooltip_value (const char *text)
{
  if (strlen (text) <= MAX_TOOLTIP_VALUE)
    return g_strdup (text);

  /* Cut at a character boundary (the text is valid UTF-8: the store checks it). */
  return g_strdup_printf ("%.*s…",
                          (int) (g_utf8_find_prev_char (text, text + MAX_TOOLTIP_VALUE) - text),
                          text);
}

static char *
relative_time (const char *created_at,
               char      **absolute)
{
  g_autoptr(GDateTime) then = created_at ? g_date_time_new_from_iso8601 (created_at, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan span;
  int n;

  if (then == NULL)
    {
      *absolute = NULL;
      return g_strdup (created_at != NULL ? created_at : "");
    }

  local = g_date_time_to_local (then);
  /* TRANSLATORS: the full time of a change, in a tooltip; see g_date_time_format() */
  *absolute = g_date_time_format (local, _("%A, %e %B %Y, %H:%M:%S"));

  span = g_date_time_difference (now, then);
  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Just now"));
  if (span < G_TIME_SPAN_HOUR)
    {
      n = (int) (span / G_TIME_SPAN_MINUTE);
      return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", n), n);
    }
  if (span < G_TIME_SPAN_DAY)
    {
      n = (int) (span / G_TIME_SPAN_HOUR);
      return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", n), n);
    }
  if (span < 7 * G_TIME_SPAN_DAY)
    {
      n = (int) (span / G_TIME_SPAN_DAY);
      if (n == 1)
        return g_strdup (_("Yesterday"));
      return g_strdup_printf (ngettext ("%d day ago", "%d days ago", n), n);
    }

  /* TRANSLATORS: the date of an older change; see g_date_time_format() */
  return g_date_time_format (local, _("%-d %B %Y"));
}

/* Rows ------------------------------------------------------------------------------- */

static void revert_clicked_cb (SwArtistHistoryView *self,
                               GtkButton           *button);

static GtkWidget *
dim_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  return label;
}

static GtkWidget *
create_row (SwArtistHistoryView *self,
            SwMetadataChange    *change)
{
  const char *field = field_label (change->field);
  g_autofree char *old_text = value_text (change->old_value);
  g_autofree char *new_text = value_text (change->new_value);
  g_autofree char *old_line = one_line (old_text);
  g_autofree char *new_line = one_line (new_text);
  g_autofree char *old_tip = tooltip_value (old_text);
  g_autofree char *new_tip = tooltip_value (new_text);
  g_autofree char *source = source_label (change->source);
  g_autofree char *absolute = NULL;
  g_autofree char *when = relative_time (change->created_at, &absolute);
  /* TRANSLATORS: the old and the new value of a change */
  g_autofree char *values = g_strdup_printf (_("%s → %s"), old_line, new_line);
  /* TRANSLATORS: tooltip of a change's values */
  g_autofree char *values_tip = g_strdup_printf (_("Before: %s\nAfter: %s"), old_tip, new_tip);
  /* TRANSLATORS: who made a change, and when: "Edited · 5 minutes ago" */
  g_autofree char *origin = g_strdup_printf (_("%s · %s"), source, when);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (field);
  GtkWidget *values_label = gtk_label_new (values);
  GtkWidget *origin_label = dim_label (origin);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (values_label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (values_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (values_label, values_tip);
  if (absolute != NULL)
    gtk_widget_set_tooltip_text (origin_label, absolute);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), values_label);
  gtk_box_append (GTK_BOX (text), origin_label);
  gtk_box_append (GTK_BOX (box), text);

  /* Only editable fields can be put back, and a revert is not itself reverted. */
  if (g_strcmp0 (change->source, "revert") != 0 && sw_artist_field_is_editable (change->field))
    {
      GtkWidget *button = gtk_button_new_with_label (_("Revert"));
      /* TRANSLATORS: accessible label of a history row's Revert button */
      g_autofree char *description = g_strdup_printf (_("Revert the change to %s"), field);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Put the old value back"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
      g_object_set_data_full (G_OBJECT (button), "change-id", g_strdup (change->id), g_free);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (revert_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

/* Loading ---------------------------------------------------------------------------- */

static void
show_error (SwArtistHistoryView *self,
            const char          *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
clear_rows (SwArtistHistoryView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_shown = 0;
  self->total = 0;
}

static void
update_page (SwArtistHistoryView *self)
{
  gboolean has_rows = self->n_shown > 0;

  gtk_stack_set_visible_child_name (self->stack,
                                    has_rows || gtk_widget_get_visible (GTK_WIDGET (self->error_label))
                                    ? "changes" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), self->n_shown < self->total);
}

/* Appends up to @count changes after the ones shown. */
static void
load_more (SwArtistHistoryView *self,
           guint                count)
{
  while (count > 0 && self->artist_id != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) changes = NULL;
      guint limit = MIN (count, MAX_PAGE);

      changes = sw_artist_service_list_history (self->service, self->artist_id, limit,
                                                self->n_shown, &self->total, &error);
      if (changes == NULL)
        {
          show_error (self, error->message);
          break;
        }

      for (guint i = 0; i < changes->len; i++)
        gtk_list_box_append (self->list, create_row (self, g_ptr_array_index (changes, i)));
      self->n_shown += changes->len;
      if (changes->len < limit)
        break;
      count -= limit;
    }

  update_page (self);
}

static void
more_clicked_cb (SwArtistHistoryView *self)
{
  load_more (self, PAGE_SIZE);
}

void
sw_artist_history_view_reload (SwArtistHistoryView *self)
{
  guint count;

  g_return_if_fail (SW_IS_ARTIST_HISTORY_VIEW (self));

  count = MAX (self->n_shown, PAGE_SIZE);
  clear_rows (self);
  show_error (self, NULL);
  load_more (self, count);
}

void
sw_artist_history_view_set_artist_id (SwArtistHistoryView *self,
                                      const char          *artist_id)
{
  g_return_if_fail (SW_IS_ARTIST_HISTORY_VIEW (self));

  g_free (self->artist_id);
  self->artist_id = g_strdup (artist_id);
  clear_rows (self);
  show_error (self, NULL);
  load_more (self, PAGE_SIZE);
}

/* Reverting -------------------------------------------------------------------------- */

static void
show_toast (SwArtistHistoryView *self,
            const char          *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;

  /* The newest outcome replaces ours rather than waiting in the overlay's queue. */
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  toast = adw_toast_new (message);
  g_set_weak_pointer (&self->toast, toast);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
revert_clicked_cb (SwArtistHistoryView *self,
                   GtkButton           *button)
{
  const char *change_id = g_object_get_data (G_OBJECT (button), "change-id");
  g_autoptr(GError) error = NULL;
  gboolean noop = FALSE;

  if (!sw_artist_service_revert (self->service, change_id, &noop, &error))
    {
      show_error (self, error->message);
      update_page (self);
      return;
    }

  sw_artist_history_view_reload (self);
  show_toast (self, noop ? _("Nothing to revert: the field already has that value")
                         : _("Change reverted"));
}

/* GObject ---------------------------------------------------------------------------- */

static void
sw_artist_history_view_dispose (GObject *object)
{
  /* The bin lets go of the stack first: otherwise both would unparent it. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), SW_TYPE_ARTIST_HISTORY_VIEW);

  G_OBJECT_CLASS (sw_artist_history_view_parent_class)->dispose (object);
}

static void
sw_artist_history_view_finalize (GObject *object)
{
  SwArtistHistoryView *self = SW_ARTIST_HISTORY_VIEW (object);

  g_clear_object (&self->service);
  g_free (self->artist_id);
  g_clear_weak_pointer (&self->toast);

  G_OBJECT_CLASS (sw_artist_history_view_parent_class)->finalize (object);
}

static void
sw_artist_history_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SwArtistHistoryView *self = SW_ARTIST_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_artist_history_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SwArtistHistoryView *self = SW_ARTIST_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_artist_history_view_class_init (SwArtistHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_artist_history_view_dispose;
  object_class->finalize = sw_artist_history_view_finalize;
  object_class->get_property = sw_artist_history_view_get_property;
  object_class->set_property = sw_artist_history_view_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, SW_TYPE_ARTIST_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  sw_ui_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "sw-artist-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SwArtistHistoryView, stack);
  gtk_widget_class_bind_template_child (widget_class, SwArtistHistoryView, list);
  gtk_widget_class_bind_template_child (widget_class, SwArtistHistoryView, more_button);
  gtk_widget_class_bind_template_child (widget_class, SwArtistHistoryView, error_label);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);
}

static void
sw_artist_history_view_init (SwArtistHistoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sw_artist_history_view_new (SwArtistService *service)
{
  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (service), NULL);

  return g_object_new (SW_TYPE_ARTIST_HISTORY_VIEW, "service", service, NULL);
}

/* sw-artist-row.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-row.h"

struct _SwArtistRow
{
  GtkBox parent_instance;

  GtkLabel *name_label;
  GtkLabel *subtitle_label;
  GtkLabel *mbid_badge;
};

G_DEFINE_FINAL_TYPE (SwArtistRow, sw_artist_row, GTK_TYPE_BOX)

/* The type as the user reads it; a value from a newer schema is shown as stored. */
static const char *
type_label (const char *type)
{
  static const struct { const char *type; const char *label; } labels[] = {
    { "person", N_("Person") },
    { "solo", N_("Solo Artist") },
    { "character", N_("Character") },
    { "group", N_("Group") },
    { "orchestra", N_("Orchestra") },
    { "choir", N_("Choir") },
    { "other", N_("Other") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (type, labels[i].type) == 0)
      return _(labels[i].label);

  return type;
}

static char *
build_subtitle (SwArtist *artist)
{
  const char *type = sw_artist_get_artist_type (artist);
  const char *name = sw_artist_get_name (artist);
  const char *sort_name = sw_artist_get_sort_name (artist);
  GPtrArray *parts = g_ptr_array_new ();
  char *subtitle;

  if (*type != '\0')
    g_ptr_array_add (parts, (gpointer) type_label (type));
  if (*sort_name != '\0' && g_strcmp0 (sort_name, name) != 0)
    g_ptr_array_add (parts, (gpointer) sort_name);
  g_ptr_array_add (parts, NULL);

  /* TRANSLATORS: separates the type and the sort name in an artist list row */
  subtitle = g_strjoinv (_(" · "), (char **) parts->pdata);
  g_ptr_array_unref (parts);
  return subtitle;
}

/* Only a name cut short by the row's width needs a tooltip. */
static gboolean
name_query_tooltip_cb (GtkWidget  *label,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  if (!pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
    return FALSE;

  gtk_tooltip_set_text (tooltip, gtk_label_get_text (GTK_LABEL (label)));
  return TRUE;
}

static void
sw_artist_row_class_init (SwArtistRowClass *klass)
{
}

static void
sw_artist_row_init (SwArtistRow *self)
{
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  /* Every row as tall as one with a second line, so the list scrolls evenly. */
  gtk_widget_set_size_request (GTK_WIDGET (self), -1, 38);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);

  self->name_label = GTK_LABEL (gtk_label_new (NULL));
  self->subtitle_label = GTK_LABEL (gtk_label_new (NULL));
  self->mbid_badge = GTK_LABEL (gtk_label_new (_("MBID")));

  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  for (GtkLabel **label = &self->name_label; label <= &self->subtitle_label; label++)
    {
      gtk_label_set_xalign (*label, 0.0);
      gtk_label_set_ellipsize (*label, PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (text), GTK_WIDGET (*label));
    }
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->name_label), TRUE);
  g_signal_connect (self->name_label, "query-tooltip", G_CALLBACK (name_query_tooltip_cb), NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "heading");
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "caption");

  gtk_widget_set_valign (GTK_WIDGET (self->mbid_badge), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->mbid_badge), "caption-heading");
  gtk_widget_add_css_class (GTK_WIDGET (self->mbid_badge), "accent");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->mbid_badge), _("Has a MusicBrainz ID"));

  gtk_box_append (GTK_BOX (self), text);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->mbid_badge));
  sw_artist_row_set_artist (self, NULL);
}

GtkWidget *
sw_artist_row_new (void)
{
  return g_object_new (SW_TYPE_ARTIST_ROW, NULL);
}

void
sw_artist_row_set_artist (SwArtistRow *self,
                          SwArtist    *artist)
{
  g_autofree char *subtitle = NULL;
  const char *name;

  g_return_if_fail (SW_IS_ARTIST_ROW (self));
  g_return_if_fail (artist == NULL || SW_IS_ARTIST (artist));

  if (artist == NULL)
    {
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->subtitle_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->mbid_badge), FALSE);
      return;
    }

  name = sw_artist_get_name (artist);
  subtitle = build_subtitle (artist);
  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), *subtitle != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->mbid_badge),
                          *sw_artist_get_musicbrainz_id (artist) != '\0');
}

/* sw-artist-row.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sw-artist-private.h"
#include "sw-artist-row.h"

#define AVATAR_SIZE 48

struct _SwArtistRow
{
  GtkBox parent_instance;

  AdwAvatar *avatar;
  GtkLabel *name_label;
  GtkLabel *subtitle_label;
  GtkWidget *no_mbid_icon;
  GtkWidget *missing_images_icon;
  GtkWidget *low_res_icon;
  GtkWidget *locked_icon;
  GtkWidget *excluded_icon;

  SwThumbnailLoader *loader;
  GCancellable *cancellable;    /* the thumbnail request of the bound artist */
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

/* Disambiguation when there is one, else "Type · Origin" (either may be missing). */
static char *
build_subtitle (SwArtist *artist)
{
  const char *type = sw_artist_get_artist_type (artist);
  const char *origin = artist->origin != NULL ? artist->origin : "";

  if (artist->disambiguation != NULL && *artist->disambiguation != '\0')
    return g_strdup (artist->disambiguation);
  if (*type != '\0' && *origin != '\0')
    /* TRANSLATORS: an artist list row's second line, e.g. "Group · Berlin, Germany" */
    return g_strdup_printf (_("%s · %s"), type_label (type), origin);
  if (*type != '\0')
    return g_strdup (type_label (type));
  return g_strdup (origin);
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

/* A status icon's tooltip comes from its accessible label, asked for when shown:
 * gtk_widget_set_tooltip_text () costs about 0.25 ms, too much for every bind. */
static gboolean
icon_query_tooltip_cb (GtkWidget  *icon,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (icon), SW_ARTIST_ROW_STATUS_TEXT);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Sets a status icon's tooltip and accessible label together, only when they change. */
static void
set_icon_text (GtkWidget  *icon,
               const char *text)
{
  if (g_strcmp0 (g_object_get_data (G_OBJECT (icon), SW_ARTIST_ROW_STATUS_TEXT), text) == 0)
    return;

  g_object_set_data_full (G_OBJECT (icon), SW_ARTIST_ROW_STATUS_TEXT, g_strdup (text), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static void
update_missing_images (SwArtistRow *self,
                       SwArtist    *artist)
{
  const char *text = NULL;

  if (!artist->thumb_exists && !artist->fanart_exists)
    text = _("No thumbnail and no fanart");
  else if (!artist->thumb_exists)
    text = _("No thumbnail");
  else if (!artist->fanart_exists)
    text = _("No fanart");

  gtk_widget_set_visible (self->missing_images_icon, text != NULL);
  if (text != NULL)
    set_icon_text (self->missing_images_icon, text);
}

static void
update_low_res (SwArtistRow *self,
                SwArtist    *artist)
{
  gboolean thumb = artist->thumb_exists && artist->thumb_low_res;
  gboolean fanart = artist->fanart_exists && artist->fanart_low_res;
  const char *text = NULL;

  if (thumb && fanart)
    text = _("Low-resolution thumbnail and fanart");
  else if (thumb)
    text = _("Low-resolution thumbnail");
  else if (fanart)
    text = _("Low-resolution fanart");
  else if ((artist->logo_exists && artist->logo_low_res) ||
           (artist->banner_exists && artist->banner_low_res))
    text = _("Low-resolution images");

  gtk_widget_set_visible (self->low_res_icon, text != NULL);
  if (text != NULL)
    set_icon_text (self->low_res_icon, text);
}

static void
thumbnail_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SwArtistRow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  texture = sw_thumbnail_loader_load_finish (SW_THUMBNAIL_LOADER (source), result, &error);
  /* Cancelled: the row shows another artist by now. A file that cannot be read keeps
   * the initials; the detail view is where such errors are explained. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (adw_avatar_get_custom_image (self->avatar) != GDK_PAINTABLE (texture))
    adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
}

static void
cancel_thumbnail (SwArtistRow *self)
{
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
}

/* A cached texture shows at once; the load still runs, to notice a replaced file. */
static void
start_thumbnail (SwArtistRow *self,
                 SwArtist    *artist)
{
  g_autoptr(GdkTexture) cached = NULL;
  int size = AVATAR_SIZE * gtk_widget_get_scale_factor (GTK_WIDGET (self));

  cancel_thumbnail (self);
  if (self->loader == NULL || artist == NULL || !artist->thumb_exists)
    {
      adw_avatar_set_custom_image (self->avatar, NULL);
      return;
    }

  cached = sw_thumbnail_loader_lookup (self->loader, artist, size);
  if (adw_avatar_get_custom_image (self->avatar) != GDK_PAINTABLE (cached))
    adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (cached));

  self->cancellable = g_cancellable_new ();
  sw_thumbnail_loader_load_async (self->loader, artist, size, self->cancellable,
                                  thumbnail_loaded_cb, g_object_ref (self));
}

static void
sw_artist_row_dispose (GObject *object)
{
  SwArtistRow *self = SW_ARTIST_ROW (object);

  cancel_thumbnail (self);
  g_clear_object (&self->loader);

  G_OBJECT_CLASS (sw_artist_row_parent_class)->dispose (object);
}

static void
sw_artist_row_class_init (SwArtistRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sw_artist_row_dispose;
}

/* A small status icon; its text is set when it is shown. */
static GtkWidget *
add_status_icon (GtkBox     *box,
                 const char *icon_name,
                 const char *style)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (icon, style);
  gtk_widget_set_has_tooltip (icon, TRUE);
  g_signal_connect (icon, "query-tooltip", G_CALLBACK (icon_query_tooltip_cb), NULL);
  gtk_box_append (box, icon);
  return icon;
}

static void
show_icon (GtkWidget  *icon,
           gboolean    visible,
           const char *text)
{
  gtk_widget_set_visible (icon, visible);
  if (visible)
    set_icon_text (icon, text);
}

/* Built in code, not from a template: a list view keeps up to 200 rows and makes them
 * all again when its model is replaced (a new search), and GtkBuilder made that cost
 * about 1.2 ms a row. */
static void
sw_artist_row_init (SwArtistRow *self)
{
  GtkBox *row = GTK_BOX (self);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *icons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_set_spacing (row, 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);

  self->name_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->name_label, 0);
  gtk_label_set_ellipsize (self->name_label, PANGO_ELLIPSIZE_END);
  /* Long names do not widen the list beside the editor: they ellipsize. */
  gtk_label_set_max_width_chars (self->name_label, 16);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "heading");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->name_label), TRUE);
  g_signal_connect (self->name_label, "query-tooltip", G_CALLBACK (name_query_tooltip_cb), NULL);
  self->subtitle_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->subtitle_label, 0);
  gtk_label_set_ellipsize (self->subtitle_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->subtitle_label, 16);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "caption");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->name_label));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->subtitle_label));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (row, text);

  self->no_mbid_icon = add_status_icon (GTK_BOX (icons), "dialog-question-symbolic",
                                        "dim-label");
  self->missing_images_icon = add_status_icon (GTK_BOX (icons), "image-missing-symbolic",
                                               "dim-label");
  self->low_res_icon = add_status_icon (GTK_BOX (icons), "image-x-generic-symbolic", "warning");
  self->locked_icon = add_status_icon (GTK_BOX (icons), "changes-prevent-symbolic",
                                       "dim-label");
  self->excluded_icon = add_status_icon (GTK_BOX (icons), "action-unavailable-symbolic",
                                         "dim-label");
  gtk_widget_set_valign (icons, GTK_ALIGN_CENTER);
  gtk_box_append (row, icons);

  self->avatar = ADW_AVATAR (adw_avatar_new (AVATAR_SIZE, NULL, TRUE));
  gtk_widget_set_valign (GTK_WIDGET (self->avatar), GTK_ALIGN_CENTER);
  gtk_box_insert_child_after (row, GTK_WIDGET (self->avatar), NULL);

  sw_artist_row_set_artist (self, NULL);
}

GtkWidget *
sw_artist_row_new (void)
{
  return g_object_new (SW_TYPE_ARTIST_ROW, NULL);
}

void
sw_artist_row_set_thumbnail_loader (SwArtistRow       *self,
                                    SwThumbnailLoader *loader)
{
  g_return_if_fail (SW_IS_ARTIST_ROW (self));
  g_return_if_fail (loader == NULL || SW_IS_THUMBNAIL_LOADER (loader));

  if (self->loader == loader)
    return;

  cancel_thumbnail (self);
  g_set_object (&self->loader, loader);
}

void
sw_artist_row_set_artist (SwArtistRow *self,
                          SwArtist    *artist)
{
  g_autofree char *subtitle = NULL;
  const char *name;

  g_return_if_fail (SW_IS_ARTIST_ROW (self));
  g_return_if_fail (artist == NULL || SW_IS_ARTIST (artist));

  start_thumbnail (self, artist);

  if (artist == NULL)
    {
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->subtitle_label, "");
      adw_avatar_set_text (self->avatar, NULL);
      gtk_widget_set_visible (self->no_mbid_icon, FALSE);
      gtk_widget_set_visible (self->missing_images_icon, FALSE);
      gtk_widget_set_visible (self->low_res_icon, FALSE);
      gtk_widget_set_visible (self->locked_icon, FALSE);
      gtk_widget_set_visible (self->excluded_icon, FALSE);
      return;
    }

  name = sw_artist_get_name (artist);
  subtitle = build_subtitle (artist);
  gtk_label_set_text (self->name_label, name);
  /* Without a second line the name is centred beside the avatar, which alone sets the
   * row's height, so every row stays as tall as the others. */
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), *subtitle != '\0');
  adw_avatar_set_text (self->avatar, name);

  show_icon (self->no_mbid_icon, *sw_artist_get_musicbrainz_id (artist) == '\0',
             _("No MusicBrainz ID"));
  update_missing_images (self, artist);
  update_low_res (self, artist);
  show_icon (self->locked_icon, sw_artist_get_locked (artist), _("Locked"));
  show_icon (self->excluded_icon, artist->is_excluded, _("Excluded"));
}

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
#include "sw-ui.h"

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

/* Sets a status icon's tooltip and accessible label together, only when they change
 * (binding must stay cheap). */
static void
set_icon_text (GtkWidget  *icon,
               const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (icon), text) == 0)
    return;

  gtk_widget_set_tooltip_text (icon, text);
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
  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_ARTIST_ROW);

  G_OBJECT_CLASS (sw_artist_row_parent_class)->dispose (object);
}

static void
sw_artist_row_class_init (SwArtistRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_artist_row_dispose;

  sw_ui_init ();
  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "sw-artist-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SwArtistRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, SwArtistRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, SwArtistRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SwArtistRow, no_mbid_icon);
  gtk_widget_class_bind_template_child (widget_class, SwArtistRow, missing_images_icon);
  gtk_widget_class_bind_template_child (widget_class, SwArtistRow, low_res_icon);
  gtk_widget_class_bind_template_child (widget_class, SwArtistRow, locked_icon);
  gtk_widget_class_bind_template_child (widget_class, SwArtistRow, excluded_icon);
  gtk_widget_class_bind_template_callback (widget_class, name_query_tooltip_cb);
}

static void
sw_artist_row_init (SwArtistRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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

  gtk_widget_set_visible (self->no_mbid_icon, *sw_artist_get_musicbrainz_id (artist) == '\0');
  update_missing_images (self, artist);
  update_low_res (self, artist);
  gtk_widget_set_visible (self->locked_icon, sw_artist_get_locked (artist));
  gtk_widget_set_visible (self->excluded_icon, artist->is_excluded);
}

/* sw-artist-images-group.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-image-private.h"
#include "sw-artist-image-query.h"
#include "sw-artist-images-group.h"
#include "sw-artist-private.h"
#include "sw-image-texture.h"
#include "sw-ui.h"

/* Every card shows its image in the same box, so the row of cards lines up. */
#define CARD_WIDTH 200
#define CARD_HEIGHT 112
#define GALLERY_WIDTH 240
#define GALLERY_HEIGHT 135
/* Decoded at twice the shown size, for high-density screens. */
#define SCALE 2

typedef enum {
  SLOT_THUMB,
  SLOT_FANART,
  SLOT_LOGO,
  SLOT_BANNER,
  N_SLOTS
} Slot;

static const struct { const char *slot; const char *title; } slots[N_SLOTS] = {
  { "thumb", N_("Thumbnail") },
  { "fanart", N_("Fanart") },
  { "logo", N_("Logo") },
  { "banner", N_("Banner") },
};

typedef struct
{
  GtkWidget *button;
  GtkStack *stack;               /* "missing", "loading", "picture" */
  GtkPicture *picture;
  GtkLabel *size_label;
  GtkWidget *warning;
  GtkPopover *popover;
  GtkFlowBox *gallery;
} Card;

struct _SwArtistImagesGroup
{
  AdwPreferencesGroup parent_instance;

  SwArtistService *service;
  SwArtist *artist;
  GCancellable *cancellable;     /* the current artist's loads */

  GtkFlowBox *cards;
  Card card[N_SLOTS];
};

G_DEFINE_FINAL_TYPE (SwArtistImagesGroup, sw_artist_images_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the artist row says about a slot's first image. */
typedef struct
{
  gboolean exists;
  int width;
  int height;
  gboolean low_res;
} SlotState;

static SlotState
slot_state (SwArtist *artist,
            Slot      slot)
{
  switch (slot)
    {
    case SLOT_THUMB:
      return (SlotState) { artist->thumb_exists, artist->thumb_width, artist->thumb_height,
                           artist->thumb_low_res };
    case SLOT_FANART:
      return (SlotState) { artist->fanart_exists, artist->fanart_width, artist->fanart_height,
                           artist->fanart_low_res };
    case SLOT_LOGO:
      return (SlotState) { artist->logo_exists, artist->logo_width, artist->logo_height,
                           artist->logo_low_res };
    case SLOT_BANNER:
      return (SlotState) { artist->banner_exists, artist->banner_width, artist->banner_height,
                           artist->banner_low_res };
    case N_SLOTS:
    default:
      g_assert_not_reached ();
    }
}

static char *
size_text (int width,
           int height)
{
  if (width <= 0 || height <= 0)
    return g_strdup (_("Size unknown"));
  /* TRANSLATORS: an image's size in pixels, "1000 × 1000" */
  return g_strdup_printf (_("%d × %d"), width, height);
}

/* Loading a picture ------------------------------------------------------------------ */

/* A load holds the widgets it fills, never the group: a load that finishes after the
 * group is gone fills a picture nobody sees. */
typedef struct
{
  GtkPicture *picture;
  GtkStack *stack;
} PictureLoad;

static void
picture_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PictureLoad *load = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = sw_image_texture_load_finish (result, &error);

  if (texture != NULL)
    {
      gtk_picture_set_paintable (load->picture, GDK_PAINTABLE (texture));
      if (load->stack != NULL)
        gtk_stack_set_visible_child_name (load->stack, "picture");
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Listed but unreadable (gone since the scan, or damaged): say why. */
      gtk_widget_set_tooltip_text (GTK_WIDGET (load->picture), error->message);
      if (load->stack != NULL)
        {
          gtk_stack_set_visible_child_name (load->stack, "missing");
          gtk_widget_set_tooltip_text (GTK_WIDGET (load->stack), error->message);
        }
    }

  g_object_unref (load->picture);
  g_clear_object (&load->stack);
  g_free (load);
}

static void
load_picture (SwArtistImagesGroup *self,
              Slot                 slot,
              guint                index,
              GtkPicture          *picture,
              GtkStack            *stack,
              int                  width,
              int                  height)
{
  PictureLoad *load = g_new0 (PictureLoad, 1);

  load->picture = g_object_ref (picture);
  load->stack = stack != NULL ? g_object_ref (stack) : NULL;
  sw_image_texture_load_async (sw_artist_service_get_store (self->service), self->artist->id,
                               slots[slot].slot, index, width * SCALE, height * SCALE,
                               self->cancellable, picture_loaded_cb, load);
}

/* The gallery ------------------------------------------------------------------------ */

static GtkWidget *
gallery_item (SwArtistImagesGroup *self,
              Slot                 slot,
              SwArtistImage       *image)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *picture = gtk_picture_new ();
  g_autofree char *size = size_text (image->width, image->height);
  GtkWidget *label = gtk_label_new (size);

  gtk_widget_set_size_request (picture, GALLERY_WIDTH, GALLERY_HEIGHT);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), _(slots[slot].title));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), label);
  if (image->low_res)
    {
      GtkWidget *warning = gtk_label_new (_("Low Resolution"));

      gtk_widget_add_css_class (warning, "warning");
      gtk_widget_add_css_class (warning, "caption");
      gtk_box_append (GTK_BOX (box), warning);
    }

  load_picture (self, slot, (guint) image->slot_index, GTK_PICTURE (picture), NULL,
                GALLERY_WIDTH, GALLERY_HEIGHT);
  return box;
}

/* Filled on every opening: the folder may have changed since the last one. */
static void
fill_gallery (SwArtistImagesGroup *self,
              Slot                 slot)
{
  Card *card = &self->card[slot];
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) images = NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (card->gallery))) != NULL)
    gtk_flow_box_remove (card->gallery, child);

  if (self->artist == NULL)
    return;

  images = sw_artist_store_list_images (sw_artist_service_get_store (self->service),
                                        self->artist->id, &error);
  if (images == NULL)
    {
      gtk_flow_box_append (card->gallery, gtk_label_new (error->message));
      return;
    }

  for (guint i = 0; i < images->len; i++)
    {
      SwArtistImage *image = g_ptr_array_index (images, i);

      if (image->exists && g_strcmp0 (image->image_type, slots[slot].slot) == 0)
        {
          gtk_flow_box_append (card->gallery, gallery_item (self, slot, image));
          shown++;
        }
    }

  if (shown == 0)
    gtk_flow_box_append (card->gallery, gtk_label_new (_("No images")));
}

static void
card_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  SwArtistImagesGroup *self = user_data;

  for (Slot slot = 0; slot < N_SLOTS; slot++)
    if (self->card[slot].button == GTK_WIDGET (button))
      {
        fill_gallery (self, slot);
        gtk_popover_popup (self->card[slot].popover);
      }
}

/* Cards ------------------------------------------------------------------------------ */

static void
create_card (SwArtistImagesGroup *self,
             Slot                 slot)
{
  Card *card = &self->card[slot];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *missing = gtk_image_new_from_icon_name ("image-missing-symbolic");
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *title = gtk_label_new (_(slots[slot].title));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autofree char *name = g_strconcat (slots[slot].slot, "-card", NULL);

  card->button = gtk_button_new ();
  /* A name for finding the card (tests, the inspector); not shown. */
  gtk_widget_set_name (card->button, name);
  gtk_widget_add_css_class (card->button, "flat");
  g_signal_connect (card->button, "clicked", G_CALLBACK (card_clicked_cb), self);

  card->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_size_request (GTK_WIDGET (card->stack), CARD_WIDTH, CARD_HEIGHT);
  gtk_widget_add_css_class (missing, "dim-label");
  gtk_image_set_pixel_size (GTK_IMAGE (missing), 48);
  gtk_stack_add_named (card->stack, missing, "missing");
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (card->stack, spinner, "loading");
  card->picture = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_content_fit (card->picture, GTK_CONTENT_FIT_CONTAIN);
  gtk_picture_set_alternative_text (card->picture, _(slots[slot].title));
  gtk_stack_add_named (card->stack, GTK_WIDGET (card->picture), "picture");

  gtk_widget_add_css_class (title, "heading");
  card->size_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (card->size_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (card->size_label), "caption");
  card->warning = gtk_label_new (_("Low Resolution"));
  gtk_widget_add_css_class (card->warning, "warning");
  gtk_widget_add_css_class (card->warning, "caption");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (card->stack));
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (card->size_label));
  gtk_box_append (GTK_BOX (box), card->warning);
  gtk_button_set_child (GTK_BUTTON (card->button), box);

  card->gallery = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (card->gallery, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (card->gallery, 3);
  gtk_flow_box_set_column_spacing (card->gallery, 12);
  gtk_flow_box_set_row_spacing (card->gallery, 12);
  gtk_widget_set_margin_top (GTK_WIDGET (card->gallery), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (card->gallery), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (card->gallery), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (card->gallery), 6);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 480);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (card->gallery));
  card->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (card->popover, scrolled);
  gtk_widget_set_parent (GTK_WIDGET (card->popover), card->button);

  gtk_flow_box_append (self->cards, card->button);
  /* The button takes the focus; the flow box's own child would be a second stop. */
  gtk_widget_set_focusable (gtk_widget_get_parent (card->button), FALSE);
}

static void
update_card (SwArtistImagesGroup *self,
             Slot                 slot)
{
  Card *card = &self->card[slot];
  SlotState state = { 0 };
  g_autofree char *size = NULL;
  g_autofree char *description = NULL;
  const char *title = _(slots[slot].title);

  gtk_picture_set_paintable (card->picture, NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (card->stack), NULL);
  if (self->artist != NULL)
    state = slot_state (self->artist, slot);

  if (!state.exists)
    {
      gtk_stack_set_visible_child_name (card->stack, "missing");
      gtk_label_set_text (card->size_label, _("Missing"));
      gtk_widget_set_visible (card->warning, FALSE);
      /* TRANSLATORS: accessible label of an empty image card, "Logo, missing" */
      description = g_strdup_printf (_("%s, missing"), title);
    }
  else
    {
      size = size_text (state.width, state.height);
      if (slot == SLOT_FANART && self->artist->fanart_count > 1)
        {
          int n = self->artist->fanart_count;
          /* TRANSLATORS: the first backdrop's size and how many there are */
          char *with_count = g_strdup_printf (ngettext ("%s · %d image", "%s · %d images", n),
                                              size, n);

          g_free (size);
          size = with_count;
        }
      gtk_label_set_text (card->size_label, size);
      gtk_widget_set_visible (card->warning, state.low_res);
      gtk_stack_set_visible_child_name (card->stack, "loading");
      load_picture (self, slot, 0, card->picture, card->stack, CARD_WIDTH, CARD_HEIGHT);
      description = state.low_res
        /* TRANSLATORS: accessible label of an image card, "Thumbnail, 300 × 300, low resolution" */
        ? g_strdup_printf (_("%s, %s, low resolution"), title, size)
        /* TRANSLATORS: accessible label of an image card, "Thumbnail, 1000 × 1000" */
        : g_strdup_printf (_("%s, %s"), title, size);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (card->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_widget_set_tooltip_text (card->button, slot == SLOT_FANART
                                             ? _("Show All Backdrops")
                                             : _("Show Image"));
}

void
sw_artist_images_group_set_artist (SwArtistImagesGroup *self,
                                   SwArtist            *artist)
{
  g_return_if_fail (SW_IS_ARTIST_IMAGES_GROUP (self));
  g_return_if_fail (artist == NULL || SW_IS_ARTIST (artist));

  /* Loads for the previous artist would land on these same cards. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_set_object (&self->artist, artist);
  for (Slot slot = 0; slot < N_SLOTS; slot++)
    {
      gtk_popover_popdown (self->card[slot].popover);
      update_card (self, slot);
    }
}

/* GObject ---------------------------------------------------------------------------- */

static void
sw_artist_images_group_dispose (GObject *object)
{
  SwArtistImagesGroup *self = SW_ARTIST_IMAGES_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  for (Slot slot = 0; slot < N_SLOTS; slot++)
    if (self->card[slot].popover != NULL)
      {
        gtk_widget_unparent (GTK_WIDGET (self->card[slot].popover));
        self->card[slot].popover = NULL;
      }
  gtk_widget_dispose_template (GTK_WIDGET (object), SW_TYPE_ARTIST_IMAGES_GROUP);

  G_OBJECT_CLASS (sw_artist_images_group_parent_class)->dispose (object);
}

static void
sw_artist_images_group_finalize (GObject *object)
{
  SwArtistImagesGroup *self = SW_ARTIST_IMAGES_GROUP (object);

  g_clear_object (&self->service);
  g_clear_object (&self->artist);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sw_artist_images_group_parent_class)->finalize (object);
}

static void
sw_artist_images_group_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SwArtistImagesGroup *self = SW_ARTIST_IMAGES_GROUP (object);

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
sw_artist_images_group_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SwArtistImagesGroup *self = SW_ARTIST_IMAGES_GROUP (object);

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
sw_artist_images_group_class_init (SwArtistImagesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_artist_images_group_dispose;
  object_class->finalize = sw_artist_images_group_finalize;
  object_class->get_property = sw_artist_images_group_get_property;
  object_class->set_property = sw_artist_images_group_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, SW_TYPE_ARTIST_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  sw_ui_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "sw-artist-images-group.ui");
  gtk_widget_class_bind_template_child (widget_class, SwArtistImagesGroup, cards);
}

static void
sw_artist_images_group_init (SwArtistImagesGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  for (Slot slot = 0; slot < N_SLOTS; slot++)
    {
      create_card (self, slot);
      update_card (self, slot);
    }
}

GtkWidget *
sw_artist_images_group_new (SwArtistService *service)
{
  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (service), NULL);

  return g_object_new (SW_TYPE_ARTIST_IMAGES_GROUP, "service", service, NULL);
}

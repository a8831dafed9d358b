/* sw-library-generator-images.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sw-library-generator-private.h"

/* Artist images: which files an artist gets (Kodi names), their sizes, and their
 * bytes. Images are horizontal gradients from a small palette, and sizes come from a
 * short list per slot, so one generation encodes each combination once and reuses the
 * bytes: encoding is what would otherwise dominate the run. */

typedef struct
{
  guint width;
  guint height;
} Size;

typedef struct
{
  const char *name;
  guint min_width;          /* below either minimum the scanner flags it low-res */
  guint min_height;
  const Size *sizes;        /* at least the minimum */
  gsize n_sizes;
  const Size *small_sizes;  /* below it */
  gsize n_small_sizes;
} SlotInfo;

/* Near the limits on purpose (959×540, 399×155 …), and some off the slot's aspect. */
static const Size thumb_sizes[] = {
  { 500, 500 }, { 600, 600 }, { 800, 800 }, { 1000, 1000 }, { 680, 1000 }, { 1000, 750 },
};
static const Size thumb_small[] = {
  { 200, 200 }, { 300, 300 }, { 499, 499 }, { 640, 480 },
};
static const Size fanart_sizes[] = {
  { 960, 540 }, { 1280, 720 }, { 1920, 1080 }, { 1024, 768 },
};
static const Size fanart_small[] = {
  { 640, 360 }, { 800, 450 }, { 959, 540 }, { 1280, 500 },
};
static const Size logo_sizes[] = {
  { 400, 155 }, { 500, 194 }, { 800, 310 },
};
static const Size logo_small[] = {
  { 200, 78 }, { 300, 116 }, { 399, 155 },
};
static const Size banner_sizes[] = {
  { 758, 140 }, { 1000, 185 },
};
static const Size banner_small[] = {
  { 500, 92 }, { 600, 111 }, { 757, 140 },
};

#define SIZES(list) list, G_N_ELEMENTS (list)

static const SlotInfo slots[SW_GEN_N_SLOTS] = {
  [SW_GEN_SLOT_THUMB] = { "thumb", 500, 500, SIZES (thumb_sizes), SIZES (thumb_small) },
  [SW_GEN_SLOT_FANART] = { "fanart", 960, 540, SIZES (fanart_sizes), SIZES (fanart_small) },
  [SW_GEN_SLOT_LOGO] = { "logo", 400, 155, SIZES (logo_sizes), SIZES (logo_small) },
  [SW_GEN_SLOT_BANNER] = { "banner", 758, 140, SIZES (banner_sizes), SIZES (banner_small) },
};

/* Start and end colours of each gradient. */
static const guint8 palette[][2][3] = {
  { { 0x1e, 0x3a, 0x5f }, { 0xe0, 0x8e, 0x45 } },
  { { 0x2d, 0x6a, 0x4f }, { 0xf1, 0xfa, 0xee } },
  { { 0x6d, 0x21, 0x3c }, { 0xf4, 0xd3, 0x5e } },
  { { 0x10, 0x10, 0x10 }, { 0xd0, 0xd0, 0xd0 } },
  { { 0x46, 0x3f, 0x7a }, { 0x9b, 0xd1, 0xe5 } },
  { { 0xc8, 0x32, 0x2d }, { 0x22, 0x22, 0x33 } },
  { { 0x00, 0x7f, 0x5f }, { 0xff, 0xd1, 0x66 } },
  { { 0x8d, 0x6e, 0x63 }, { 0x26, 0x46, 0x53 } },
};

struct _SwGenImageCache
{
  GHashTable *encoded;      /* "slot:w:h:palette" -> GBytes */
};

const char *
sw_gen_slot_to_string (SwGenSlot slot)
{
  g_return_val_if_fail (slot < SW_GEN_N_SLOTS, "thumb");
  return slots[slot].name;
}

static void
image_free (gpointer data)
{
  SwGenImage *image = data;

  g_free (image->file);
  g_free (image);
}

static gint
compare_images (gconstpointer a,
                gconstpointer b)
{
  const SwGenImage *x = *(SwGenImage * const *) a;
  const SwGenImage *y = *(SwGenImage * const *) b;

  if (x->slot != y->slot)
    return x->slot < y->slot ? -1 : 1;
  return x->ordinal < y->ordinal ? -1 : x->ordinal > y->ordinal;
}

static SwGenImage *
plan_image (SwGenSlot  slot,
            guint      ordinal,
            GRand     *rand)
{
  const SlotInfo *info = &slots[slot];
  SwGenImage *image = g_new0 (SwGenImage, 1);
  const Size *size;

  if (g_rand_int_range (rand, 0, 100) < 25)
    size = &info->small_sizes[g_rand_int_range (rand, 0, (gint32) info->n_small_sizes)];
  else
    size = &info->sizes[g_rand_int_range (rand, 0, (gint32) info->n_sizes)];

  image->slot = slot;
  image->ordinal = ordinal;
  image->width = size->width;
  image->height = size->height;
  image->palette = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (palette));
  image->low_res = size->width < info->min_width || size->height < info->min_height;

  switch (slot)
    {
    case SW_GEN_SLOT_FANART:
      image->file = ordinal == 0 ? g_strdup ("fanart.jpg")
                                 : g_strdup_printf ("fanart%u.jpg", ordinal);
      break;
    case SW_GEN_SLOT_LOGO:
      image->file = g_strdup ("logo.png");
      break;
    case SW_GEN_SLOT_BANNER:
      image->file = g_strdup ("banner.jpg");
      break;
    case SW_GEN_SLOT_THUMB:
    case SW_GEN_N_SLOTS:
    default:
      image->file = g_strdup ("folder.jpg");
      break;
    }
  return image;
}

/* Kodi profile names: folder.jpg, fanart.jpg, fanart1.jpg …, logo.png, banner.jpg.
 * A thumb is the likeliest image and extra fanart the least. */
void
sw_gen_plan_images (SwGenArtist *artist,
                    GRand       *rand,
                    guint        min,
                    guint        max)
{
  guint count = (guint) g_rand_int_range (rand, (gint32) min, (gint32) max + 1);
  gboolean used[SW_GEN_N_SLOTS] = { FALSE, };
  guint fanart = 0;

  artist->images = g_ptr_array_new_with_free_func (image_free);
  for (guint i = 0; i < count; i++)
    {
      guint weights[SW_GEN_N_SLOTS] = {
        [SW_GEN_SLOT_THUMB] = used[SW_GEN_SLOT_THUMB] ? 0 : 8,
        [SW_GEN_SLOT_FANART] = fanart == 0 ? 6 : 2,
        [SW_GEN_SLOT_LOGO] = used[SW_GEN_SLOT_LOGO] ? 0 : 3,
        [SW_GEN_SLOT_BANNER] = used[SW_GEN_SLOT_BANNER] ? 0 : 2,
      };
      guint total = 0;
      guint roll;
      SwGenSlot slot = SW_GEN_SLOT_FANART;

      for (guint s = 0; s < SW_GEN_N_SLOTS; s++)
        total += weights[s];
      roll = (guint) g_rand_int_range (rand, 0, (gint32) total);
      for (guint s = 0; s < SW_GEN_N_SLOTS; s++)
        {
          if (roll < weights[s])
            {
              slot = (SwGenSlot) s;
              break;
            }
          roll -= weights[s];
        }

      used[slot] = TRUE;
      g_ptr_array_add (artist->images,
                       plan_image (slot, slot == SW_GEN_SLOT_FANART ? fanart++ : 0, rand));
    }
  g_ptr_array_sort (artist->images, compare_images);
}

SwGenImageCache *
sw_gen_image_cache_new (void)
{
  SwGenImageCache *cache = g_new0 (SwGenImageCache, 1);

  cache->encoded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_bytes_unref);
  return cache;
}

void
sw_gen_image_cache_free (SwGenImageCache *cache)
{
  g_hash_table_unref (cache->encoded);
  g_free (cache);
}

/* One gradient row copied down the image. A logo has transparent margins around the
 * band, as real logos do, so trimming code has something to find. */
static GdkPixbuf *
render (const SwGenImage *image)
{
  gboolean alpha = image->slot == SW_GEN_SLOT_LOGO;
  guint channels = alpha ? 4 : 3;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8,
                                                (int) image->width, (int) image->height);
  const guint8 (*colours)[3] = palette[image->palette % G_N_ELEMENTS (palette)];
  guint8 *pixels;
  gsize stride;
  guint top = alpha ? image->height / 5 : 0;
  guint bottom = alpha ? image->height - image->height / 5 : image->height;
  guint left = alpha ? image->width / 10 : 0;
  guint right = alpha ? image->width - image->width / 10 : image->width;
  g_autofree guint8 *row = NULL;

  if (pixbuf == NULL)
    return NULL;

  pixels = gdk_pixbuf_get_pixels (pixbuf);
  stride = (gsize) gdk_pixbuf_get_rowstride (pixbuf);
  row = g_malloc0 (stride);
  for (guint x = left; x < right; x++)
    {
      guint8 *p = row + x * channels;
      /* Flat across each 16×16 JPEG block: the encoder then stores one value per
       * block, which keeps a 1920×1080 fanart at a few kilobytes. */
      guint t = image->width > 1 ? (x & ~15u) * 255 / (image->width - 1) : 0;

      for (guint c = 0; c < 3; c++)
        p[c] = (guint8) ((colours[0][c] * (255 - t) + colours[1][c] * t) / 255);
      if (alpha)
        p[3] = 0xff;
    }

  memset (pixels, 0, stride * image->height);
  for (guint y = top; y < bottom; y++)
    memcpy (pixels + y * stride, row, image->width * channels);

  return g_steal_pointer (&pixbuf);
}

GBytes *
sw_gen_image_cache_encode (SwGenImageCache  *cache,
                           const SwGenImage *image,
                           GError          **error)
{
  g_autofree char *key = g_strdup_printf ("%u:%u:%u:%u", image->slot, image->width,
                                          image->height, image->palette);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  gchar *buffer = NULL;
  gsize size = 0;
  GBytes *bytes;
  gboolean ok;

  bytes = g_hash_table_lookup (cache->encoded, key);
  if (bytes != NULL)
    return g_bytes_ref (bytes);

  pixbuf = render (image);
  if (pixbuf == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("Could not allocate a %u×%u image"), image->width, image->height);
      return NULL;
    }

  if (image->slot == SW_GEN_SLOT_LOGO)
    ok = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", error, NULL);
  else
    ok = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", error,
                                    "quality", "80", NULL);
  if (!ok)
    return NULL;

  bytes = g_bytes_new_take (buffer, size);
  g_hash_table_insert (cache->encoded, g_steal_pointer (&key), g_bytes_ref (bytes));
  return bytes;
}

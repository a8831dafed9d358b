/* sw-artist-slots.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-artist-slots.h"

/* A slot ------------------------------------------------------------------------------- */

struct _SwArtistSlot
{
  GObject parent_instance;

  SwArtist *artist;
  guint position;
  SwArtistSlots *owner;          /* not a reference: the owner detaches its slots */
};

G_DEFINE_FINAL_TYPE (SwArtistSlot, sw_artist_slot, G_TYPE_OBJECT)

enum {
  SLOT_PROP_0,
  SLOT_PROP_ARTIST,
  SLOT_N_PROPS
};

static GParamSpec *slot_properties[SLOT_N_PROPS];

struct _SwArtistSlots
{
  GObject parent_instance;

  SwArtistListModel *source;
  guint n_items;
  GHashTable *live;              /* position → SwArtistSlot, not referenced */
};

static void
slot_set_artist (SwArtistSlot *self,
                 SwArtist     *artist)
{
  if (g_set_object (&self->artist, artist))
    g_object_notify_by_pspec (G_OBJECT (self), slot_properties[SLOT_PROP_ARTIST]);
}

static void
sw_artist_slot_finalize (GObject *object)
{
  SwArtistSlot *self = SW_ARTIST_SLOT (object);

  if (self->owner != NULL)
    g_hash_table_remove (self->owner->live, GUINT_TO_POINTER (self->position));
  g_clear_object (&self->artist);

  G_OBJECT_CLASS (sw_artist_slot_parent_class)->finalize (object);
}

static void
sw_artist_slot_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case SLOT_PROP_ARTIST:
      g_value_set_object (value, SW_ARTIST_SLOT (object)->artist);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_artist_slot_class_init (SwArtistSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sw_artist_slot_finalize;
  object_class->get_property = sw_artist_slot_get_property;

  slot_properties[SLOT_PROP_ARTIST] =
    g_param_spec_object ("artist", NULL, NULL, SW_TYPE_ARTIST,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SLOT_N_PROPS, slot_properties);
}

static void
sw_artist_slot_init (SwArtistSlot *self)
{
}

SwArtist *
sw_artist_slot_get_artist (SwArtistSlot *self)
{
  g_return_val_if_fail (SW_IS_ARTIST_SLOT (self), NULL);

  return self->artist;
}

/* The slots ------------------------------------------------------------------------------ */

static void sw_artist_slots_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SwArtistSlots, sw_artist_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      sw_artist_slots_list_model_init))

/* Rows this far ahead and behind a shown position are read before they are shown, so
 * scrolling rarely meets an empty row. */
#define PREFETCH_ROWS 100

/* The artist at @position if it is in memory; otherwise the page holding it (and its
 * neighbours) is read on a worker thread and the slot filled from "page-loaded": the
 * main loop never waits for the disk (a cold read took 130 ms here). */
static SwArtist *
source_artist (SwArtistSlots *self,
               guint          position)
{
  sw_artist_list_model_request_page (self->source, position);
  sw_artist_list_model_request_page (self->source, position + PREFETCH_ROWS);
  if (position >= PREFETCH_ROWS)
    sw_artist_list_model_request_page (self->source, position - PREFETCH_ROWS);
  return sw_artist_list_model_peek_item (self->source, position);
}

static void
source_page_loaded_cb (SwArtistListModel *source,
                       guint              first,
                       guint              n_items,
                       SwArtistSlots     *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SwArtistSlot *slot = value;

      if (slot->position >= first && slot->position < first + n_items)
        {
          g_autoptr(SwArtist) artist = sw_artist_list_model_peek_item (source, slot->position);

          slot_set_artist (slot, artist);
        }
    }
}

/* A slot past the end leaves the table: its position, if it comes back, gets a new one. */
static void
detach (SwArtistSlot *slot)
{
  slot->owner = NULL;
  slot_set_artist (slot, NULL);
}

/* The source changed (a refresh, or a new source): the slots the view holds get their
 * new artists (at once where the source has them in memory, otherwise when their page
 * arrives: they show the previous artist until then), then the difference in length is
 * added or removed at the end. */
static void
sync_with_source (SwArtistSlots *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->source));
  guint old_n_items = self->n_items;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SwArtistSlot *slot = value;

      if (slot->position < n_items)
        {
          g_autoptr(SwArtist) artist = source_artist (self, slot->position);

          if (artist != NULL)
            slot_set_artist (slot, artist);
        }
      else
        {
          g_hash_table_iter_remove (&iter);
          detach (slot);
        }
    }

  self->n_items = n_items;
  if (n_items > old_n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n_items, 0, n_items - old_n_items);
  else if (n_items < old_n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), n_items, old_n_items - n_items, 0);
}

static void
source_items_changed_cb (SwArtistSlots *self)
{
  sync_with_source (self);
}

static GType
sw_artist_slots_get_item_type (GListModel *list)
{
  return SW_TYPE_ARTIST_SLOT;
}

static guint
sw_artist_slots_get_n_items (GListModel *list)
{
  return SW_ARTIST_SLOTS (list)->n_items;
}

static gpointer
sw_artist_slots_get_item (GListModel *list,
                          guint       position)
{
  SwArtistSlots *self = SW_ARTIST_SLOTS (list);
  SwArtistSlot *slot;

  if (position >= self->n_items)
    return NULL;

  slot = g_hash_table_lookup (self->live, GUINT_TO_POINTER (position));
  if (slot != NULL)
    return g_object_ref (slot);

  slot = g_object_new (SW_TYPE_ARTIST_SLOT, NULL);
  slot->position = position;
  slot->owner = self;
  slot->artist = source_artist (self, position);
  g_hash_table_insert (self->live, GUINT_TO_POINTER (position), slot);
  return slot;
}

static void
sw_artist_slots_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sw_artist_slots_get_item_type;
  iface->get_n_items = sw_artist_slots_get_n_items;
  iface->get_item = sw_artist_slots_get_item;
}

static void
sw_artist_slots_dispose (GObject *object)
{
  SwArtistSlots *self = SW_ARTIST_SLOTS (object);
  GHashTableIter iter;
  gpointer key, value;

  /* Slots may outlive us in a view: they then keep their artist, and forget us. */
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &key, &value))
    ((SwArtistSlot *) value)->owner = NULL;
  g_hash_table_remove_all (self->live);

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (sw_artist_slots_parent_class)->dispose (object);
}

static void
sw_artist_slots_finalize (GObject *object)
{
  g_hash_table_unref (SW_ARTIST_SLOTS (object)->live);

  G_OBJECT_CLASS (sw_artist_slots_parent_class)->finalize (object);
}

static void
sw_artist_slots_class_init (SwArtistSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sw_artist_slots_dispose;
  object_class->finalize = sw_artist_slots_finalize;
}

static void
sw_artist_slots_init (SwArtistSlots *self)
{
  self->live = g_hash_table_new (g_direct_hash, g_direct_equal);
}

SwArtistSlots *
sw_artist_slots_new (SwArtistListModel *source)
{
  SwArtistSlots *self;

  g_return_val_if_fail (SW_IS_ARTIST_LIST_MODEL (source), NULL);

  self = g_object_new (SW_TYPE_ARTIST_SLOTS, NULL);
  sw_artist_slots_set_source (self, source);
  return self;
}

SwArtistListModel *
sw_artist_slots_get_source (SwArtistSlots *self)
{
  g_return_val_if_fail (SW_IS_ARTIST_SLOTS (self), NULL);

  return self->source;
}

void
sw_artist_slots_set_source (SwArtistSlots     *self,
                            SwArtistListModel *source)
{
  g_return_if_fail (SW_IS_ARTIST_SLOTS (self));
  g_return_if_fail (SW_IS_ARTIST_LIST_MODEL (source));

  if (self->source == source)
    return;

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_set_object (&self->source, source);
  g_signal_connect_swapped (source, "items-changed", G_CALLBACK (source_items_changed_cb), self);
  g_signal_connect (source, "page-loaded", G_CALLBACK (source_page_loaded_cb), self);
  sync_with_source (self);
}

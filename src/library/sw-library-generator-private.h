/* sw-library-generator-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-library-generator.h"

G_BEGIN_DECLS

typedef enum
{
  SW_GEN_SCAN_ARTIST,     /* becomes an artist */
  SW_GEN_SCAN_SKIPPED,    /* compilation bucket the scanner never turns into an artist */
  SW_GEN_SCAN_EXCLUDED,   /* an artist, excluded by the default exclusion list */
} SwGenScan;

typedef enum
{
  SW_GEN_KIND_WOMAN,
  SW_GEN_KIND_MAN,
  SW_GEN_KIND_GROUP,
  SW_GEN_KIND_ORCHESTRA,
  SW_GEN_KIND_CHOIR,
} SwGenKind;

typedef enum
{
  SW_GEN_SLOT_THUMB,
  SW_GEN_SLOT_FANART,
  SW_GEN_SLOT_LOGO,
  SW_GEN_SLOT_BANNER,
  SW_GEN_N_SLOTS
} SwGenSlot;

typedef struct
{
  SwGenSlot slot;
  guint ordinal;          /* fanart number: 0 for fanart.jpg, 1 for fanart1.jpg … */
  char *file;
  guint width;
  guint height;
  guint palette;
  gboolean low_res;
} SwGenImage;

typedef struct
{
  char *title;
  guint year;
  char *folder;
  GPtrArray *tracks;      /* file names */
} SwGenAlbum;

typedef struct
{
  char *folder;           /* the directory name */
  char *name;             /* the real name, as the NFO spells it */
  char *sort_name;
  SwGenKind kind;
  const char *place;
  SwGenScan scan;
  SwLibraryGeneratorNfo nfo;
  char *mbid;             /* written in a readable NFO, else NULL */
  gboolean lockdata;
  GPtrArray *albums;      /* SwGenAlbum */
  GPtrArray *images;      /* SwGenImage */
  GPtrArray *custom;      /* unknown element names the NFO carries (static strings) */
} SwGenArtist;

void        sw_gen_artist_free          (SwGenArtist *artist);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwGenArtist, sw_gen_artist_free)

/* Whether the variant is a readable NFO whose <name> the scanner imports. */
gboolean    sw_gen_nfo_gives_name       (SwLibraryGeneratorNfo variant);

/* sw-library-generator-names.c */
void        sw_gen_pick_name            (SwGenArtist *artist,
                                         GRand       *rand,
                                         GHashTable  *taken);
void        sw_gen_plan_albums          (SwGenArtist *artist,
                                         GRand       *rand,
                                         guint        count);
const char *sw_gen_pick (GRand              *rand,
                         const char * const *words,
                         gsize               n_words);
#define SW_GEN_PICK(rand, words) sw_gen_pick ((rand), (words), G_N_ELEMENTS (words))

/* sw-library-generator-nfo.c */
GBytes     *sw_gen_nfo_render           (SwGenArtist *artist,
                                         GRand       *rand);

/* sw-library-generator-images.c */
typedef struct _SwGenImageCache SwGenImageCache;

void             sw_gen_plan_images         (SwGenArtist *artist,
                                             GRand       *rand,
                                             guint        min,
                                             guint        max);
const char      *sw_gen_slot_to_string      (SwGenSlot    slot);
SwGenImageCache *sw_gen_image_cache_new     (void);
void             sw_gen_image_cache_free    (SwGenImageCache *cache);
GBytes          *sw_gen_image_cache_encode  (SwGenImageCache  *cache,
                                             const SwGenImage *image,
                                             GError          **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwGenImageCache, sw_gen_image_cache_free)

G_END_DECLS

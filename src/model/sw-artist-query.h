/* sw-artist-query.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* The artist list as both the GUI and GET /artists see it: filters, sort, paging. */

typedef enum
{
  SW_TRISTATE_ANY,
  SW_TRISTATE_INCLUDE,   /* "+y": only artists that match */
  SW_TRISTATE_EXCLUDE,   /* "-y": only artists that do not */
} SwTristate;

typedef enum
{
  SW_ARTIST_FILTER_MISSING_META,    /* no biography, no genres or no type */
  SW_ARTIST_FILTER_MISSING_IMAGES,  /* no thumbnail or no fanart */
  SW_ARTIST_FILTER_MISSING_MBID,
  SW_ARTIST_FILTER_EXCLUDED,
  SW_ARTIST_FILTER_LOCKED,
  SW_ARTIST_FILTER_TYPE_PERSON,     /* person, solo, character */
  SW_ARTIST_FILTER_TYPE_GROUP,      /* group, choir */
  SW_ARTIST_FILTER_TYPE_ORCHESTRA,
  SW_ARTIST_FILTER_TYPE_OTHER,      /* none of the above, including no type */
  SW_ARTIST_N_FILTERS
} SwArtistFilter;

typedef enum
{
  SW_ARTIST_SORT_NAME,
  SW_ARTIST_SORT_SORT_NAME,
  SW_ARTIST_SORT_TYPE,
  SW_ARTIST_SORT_ORIGIN,
  SW_ARTIST_SORT_HEALTH_SCORE,
  SW_ARTIST_SORT_UPDATED_AT,
  SW_ARTIST_SORT_CREATED_AT,
} SwArtistSort;

#define SW_ARTIST_QUERY_MAX_IDS      1000
#define SW_ARTIST_QUERY_MIN_PAGE_SIZE  10
#define SW_ARTIST_QUERY_MAX_PAGE_SIZE 500
#define SW_ARTIST_QUERY_DEFAULT_PAGE_SIZE 50

typedef struct
{
  char *search;
  SwTristate filters[SW_ARTIST_N_FILTERS];
  char *library_id;
  GHashTable *library_filters;   /* library id → GINT_TO_POINTER (SwTristate) */
  GPtrArray *ids;                /* NULL = no id restriction */
  SwArtistSort sort;
  gboolean descending;
  guint page;                    /* 1-based */
  guint page_size;
} SwArtistQuery;

typedef struct
{
  GPtrArray *artists;            /* SwArtist */
  guint total;
  guint page;
  guint page_size;
} SwArtistPage;

SwArtistQuery *sw_artist_query_new        (void);
void           sw_artist_query_free       (SwArtistQuery  *query);
/* An independent copy, for reading on another thread. */
SwArtistQuery *sw_artist_query_copy       (const SwArtistQuery *query);
/* Applies one GET /artists query parameter, with the contract's validation. Unknown
 * parameter names are ignored (FALSE is only returned for a bad value). */
gboolean       sw_artist_query_set_param  (SwArtistQuery  *query,
                                           const char     *name,
                                           const char     *value,
                                           GError        **error);
void           sw_artist_query_set_page   (SwArtistQuery  *query,
                                           guint           page,
                                           guint           page_size);

void           sw_artist_page_free        (SwArtistPage   *page);

SwArtistPage  *sw_artist_store_list       (SwStore        *store,
                                           const SwArtistQuery *query,
                                           GError        **error);
/* NULL with SW_STORE_ERROR_NOT_FOUND when there is no such artist. */
SwArtist      *sw_artist_store_get        (SwStore        *store,
                                           const char     *id,
                                           GError        **error);
gboolean       sw_artist_store_exists     (SwStore        *store,
                                           const char     *id,
                                           GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwArtistQuery, sw_artist_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwArtistPage, sw_artist_page_free)

G_END_DECLS

/* ^[A-Za-z0-9_-]{1,64}$, the shape of every id the API accepts. */
gboolean sw_artist_id_is_valid (const char *id);

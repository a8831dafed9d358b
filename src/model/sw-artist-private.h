/* sw-artist-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist.h"
#include "sw-fields.h"

G_BEGIN_DECLS

/* The instance struct, for the store, which fills fields directly. Storage follows
 * sw-fields.h: strings and timestamps are char * (NULL or "" = empty), lists are
 * NULL-terminated char ** (NULL = empty), metadata_sources is a GHashTable of owned
 * char * → char * (NULL = empty), discography is a JsonNode array (NULL = absent).
 * Writing fields directly does not emit notify. */
struct _SwArtist
{
  GObject parent_instance;

  char *id;
  char *name;
  char *sort_name;
  char *type;
  char *gender;
  char *origin;
  char *disambiguation;

  char *musicbrainz_id;
  char *audiodb_id;
  char *discogs_id;
  char *wikidata_id;
  char *deezer_id;
  char *spotify_id;

  char **genres;
  char **styles;
  char **moods;

  char *years_active;
  char *born;
  char *formed;
  char *died;
  char *disbanded;
  char *biography;

  char *path;
  char *library_id;

  gboolean nfo_exists;
  gboolean thumb_exists;
  gboolean fanart_exists;
  int fanart_count;
  gboolean logo_exists;
  gboolean banner_exists;

  gboolean thumb_low_res;
  gboolean fanart_low_res;
  gboolean logo_low_res;
  gboolean banner_low_res;

  char *thumb_placeholder;
  char *fanart_placeholder;
  char *logo_placeholder;
  char *banner_placeholder;

  int thumb_width;
  int thumb_height;
  int fanart_width;
  int fanart_height;
  int logo_width;
  int logo_height;
  int banner_width;
  int banner_height;

  double health_score;          /* 0–100 */
  char *health_evaluated_at;
  char *dirty_since;
  char *rules_evaluated_at;

  gboolean is_excluded;
  char *exclusion_reason;
  gboolean is_classical;

  gboolean locked;
  char *lock_source;
  char *locked_at;
  char **locked_fields;         /* lowercased, trimmed, deduplicated */

  char *audiodb_id_fetched_at;
  char *discogs_id_fetched_at;
  char *wikidata_id_fetched_at;
  char *lastfm_fetched_at;

  GHashTable *metadata_sources;
  char *last_scanned_at;
  JsonNode *discography;        /* transient: from the NFO, never stored */

  char *created_at;
  char *updated_at;
};

/* The field table behind the properties and the JSON mapping. */
const SwField *sw_artist_get_fields (guint *n_fields);

G_END_DECLS

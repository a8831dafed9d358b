/* sw-artist-service-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-artist-service.h"

G_BEGIN_DECLS

/* Shared by the sw-artist-service*.c files, which split the service by topic. */

struct _SwArtistService
{
  GObject parent_instance;

  SwStore *store;
  SwEvents *events;
};

typedef struct
{
  const char *artist_id;
  const char *artist_name;
  const char *field;
  const char *old_value;
  const char *new_value;
  const char *source;
  const char *producer;
} ChangeRecord;

/* What every mutation checks first. */
typedef struct
{
  char *name;
  gboolean locked;
} ArtistState;

void     _sw_artist_state_clear         (ArtistState      *state);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ArtistState, _sw_artist_state_clear)

gboolean _sw_artist_check_source        (const char       *source,
                                         GError          **error);
void     _sw_artist_publish_artist_event (SwArtistService *self,
                                         const char       *event,
                                         const char       *artist_id,
                                         const char       *field,
                                         const char       *source);
/* Runs inside a write: one history row. */
gboolean _sw_artist_record_change       (SwStore          *store,
                                         const ChangeRecord *change,
                                         GError          **error);
/* Runs inside a write: updated_at and dirty_since to now. */
gboolean _sw_artist_touch_artist        (SwStore          *store,
                                         const char       *artist_id,
                                         GError          **error);
/* NOT_FOUND when there is no such artist. */
gboolean _sw_artist_load_state          (SwStore          *store,
                                         const char       *artist_id,
                                         ArtistState      *state,
                                         GError          **error);
gboolean _sw_artist_field_is_locked     (SwStore          *store,
                                         const char       *artist_id,
                                         const char       *field,
                                         gboolean         *locked,
                                         GError          **error);
/* CONFLICT when @source is automated and the artist (or @field, if given) is locked. */
gboolean _sw_artist_check_locks         (SwStore          *store,
                                         const char       *artist_id,
                                         ArtistState      *state,
                                         const char       *field,
                                         const char       *source,
                                         GError          **error);

/* sw_artist_service_update_field(), also telling whether the value changed. */
gboolean _sw_artist_update_field        (SwArtistService  *self,
                                         const char       *artist_id,
                                         const char       *field,
                                         const char       *value,
                                         const char       *source,
                                         const char       *producer,
                                         gboolean         *changed,
                                         GError          **error);

G_END_DECLS

/* sw-artist-service.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-alias.h"
#include "sw-artist.h"
#include "sw-artist-validate.h"
#include "sw-events.h"
#include "sw-member.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* Every change to an artist goes through here, whether it comes from the GUI, the REST
 * API, a scan or a provider: validation, locks, history and events behave the same.
 *
 * @source says what triggered a change: "manual", "scan", "import", "revert",
 * "provider:<name>" or "rule:<rule_id>". Manual edits and reverts ignore locks; every
 * other source is refused (SW_STORE_ERROR_CONFLICT) on a locked artist or field. */

#define SW_TYPE_ARTIST_SERVICE (sw_artist_service_get_type ())

G_DECLARE_FINAL_TYPE (SwArtistService, sw_artist_service, SW, ARTIST_SERVICE, GObject)

SwArtistService *sw_artist_service_new            (SwStore          *store,
                                                   SwEvents         *events);
SwStore         *sw_artist_service_get_store      (SwArtistService  *self);

gboolean         sw_artist_source_is_valid        (const char       *source);

/* Inserts new artists (id and timestamps filled in when empty) in one transaction and
 * adds them to @library_id when given. */
gboolean         sw_artist_service_create         (SwArtistService  *self,
                                                   GPtrArray        *artists,
                                                   const char       *library_id,
                                                   GError          **error);

/* Sets one editable field. List fields (genres, styles, moods) take a JSON array of
 * strings. A value equal to the current one changes nothing and records nothing. */
gboolean         sw_artist_service_update_field   (SwArtistService  *self,
                                                   const char       *artist_id,
                                                   const char       *field,
                                                   const char       *value,
                                                   const char       *source,
                                                   const char       *producer,
                                                   GError          **error);
gboolean         sw_artist_service_clear_field    (SwArtistService  *self,
                                                   const char       *artist_id,
                                                   const char       *field,
                                                   const char       *source,
                                                   GError          **error);

SwAlias         *sw_artist_service_add_alias      (SwArtistService  *self,
                                                   const char       *artist_id,
                                                   const char       *alias,
                                                   const char       *source,
                                                   GError          **error);
gboolean         sw_artist_service_remove_alias   (SwArtistService  *self,
                                                   const char       *artist_id,
                                                   const char       *alias_id,
                                                   GError          **error);
GPtrArray       *sw_artist_service_list_aliases   (SwArtistService  *self,
                                                   const char       *artist_id,
                                                   GError          **error);

/* Replaces all band members (SwMember) of the artist. */
gboolean         sw_artist_service_save_members   (SwArtistService  *self,
                                                   const char       *artist_id,
                                                   GPtrArray        *members,
                                                   const char       *source,
                                                   GError          **error);
gboolean         sw_artist_service_clear_members  (SwArtistService  *self,
                                                   const char       *artist_id,
                                                   const char       *source,
                                                   GError          **error);
GPtrArray       *sw_artist_service_list_members   (SwArtistService  *self,
                                                   const char       *artist_id,
                                                   GError          **error);

/* Locking an unlocked artist or unlocking a locked one; anything else is a conflict. */
gboolean         sw_artist_service_set_locked     (SwArtistService  *self,
                                                   const char       *artist_id,
                                                   gboolean          locked,
                                                   const char       *lock_source,
                                                   GError          **error);
gboolean         sw_artist_service_set_field_locked (SwArtistService *self,
                                                   const char       *artist_id,
                                                   const char       *field,
                                                   gboolean          locked,
                                                   GError          **error);
gboolean         sw_artist_service_set_image_locked (SwArtistService *self,
                                                   const char       *artist_id,
                                                   const char       *image_id,
                                                   gboolean          locked,
                                                   GError          **error);

/* History, newest first. */
GPtrArray       *sw_artist_service_list_history   (SwArtistService  *self,
                                                   const char       *artist_id,
                                                   guint             limit,
                                                   guint             offset,
                                                   guint            *total,
                                                   GError          **error);
/* Puts back the old value of a change, recorded as a "revert" change. @noop is set
 * when the field already had that value. */
gboolean         sw_artist_service_revert         (SwArtistService  *self,
                                                   const char       *change_id,
                                                   gboolean         *noop,
                                                   GError          **error);

G_END_DECLS

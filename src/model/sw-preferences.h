/* sw-preferences.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sw-settings.h"
#include "sw-store.h"

G_BEGIN_DECLS

#define SW_TYPE_PREFERENCES (sw_preferences_get_type ())

G_DECLARE_FINAL_TYPE (SwPreferences, sw_preferences, SW, PREFERENCES, GObject)

/* Per-user preferences: the `user_preferences` table (user id + key → string value) with a
 * registry of the known keys, their defaults and allowed values, plus the open family
 * `suppress_confirm_<action>` ("true"/"false", "false" when absent). Unknown keys and
 * invalid values are refused with SW_STORE_ERROR_INVALID; a user id without a `users`
 * row gives SW_STORE_ERROR_NOT_FOUND.
 *
 * Values are strings as on the wire; list preferences (metadata_languages, saved_views,
 * artist_detail_*) are JSON array text. Nothing is cached, so one instance may be shared
 * by all threads. "changed" (detail = key, arguments user id and key) is emitted after
 * the write transaction, on the thread that wrote. */

/* @settings (may be NULL) supplies the instance default of auto_fetch_images. */
SwPreferences *sw_preferences_new            (SwStore        *store,
                                              SwSettings     *settings);

/* GET /preferences: the contract's fixed key set, every key present, stored values over
 * defaults. */
JsonNode      *sw_preferences_get_all        (SwPreferences  *self,
                                              const char     *user_id,
                                              GError        **error);
/* GET /preferences/{key}: the stored value or the default. */
char          *sw_preferences_get            (SwPreferences  *self,
                                              const char     *user_id,
                                              const char     *key,
                                              GError        **error);
/* PUT /preferences/{key}: validates, canonicalises and upserts. @out_value (may be NULL)
 * receives the stored canonical value. */
gboolean       sw_preferences_set            (SwPreferences  *self,
                                              const char     *user_id,
                                              const char     *key,
                                              const char     *value,
                                              char          **out_value,
                                              GError        **error);
/* PATCH-style: @values key → value (char *); all validated first, then written in one
 * transaction, or nothing is written. @out_values (may be NULL) receives a new table of
 * the canonical values written. */
gboolean       sw_preferences_set_many       (SwPreferences  *self,
                                              const char     *user_id,
                                              GHashTable     *values,
                                              GHashTable    **out_values,
                                              GError        **error);

gboolean       sw_preferences_is_known_key   (const char     *key);
/* Checks and canonicalises without writing; NULL with SW_STORE_ERROR_INVALID. */
char          *sw_preferences_validate       (const char     *key,
                                              const char     *value,
                                              GError        **error);

G_END_DECLS

/* sw-settings.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sw-store.h"

G_BEGIN_DECLS

#define SW_TYPE_SETTINGS (sw_settings_get_type ())

G_DECLARE_FINAL_TYPE (SwSettings, sw_settings, SW, SETTINGS, GObject)

/* Instance-wide settings: the `settings` table (key → string value) plus a registry of
 * every known key with its kind, default and rule. Defaults live in the registry, not in
 * the table: a key without a row reads as its default.
 *
 * Every value is a string, as on the wire. Keys with a rule are validated and
 * canonicalised before anything is written ("1" → "true", " 7" → "7"); keys without a
 * rule, including keys the registry does not know, are stored as sent, as the reference
 * server does. Keys that name a secret (API keys, passwords, tokens, HMAC secrets) are
 * refused: secrets live in SwSecrets, never in this table, and never in to_json().
 *
 * Nothing is cached: every read goes to the store, so an instance may be shared by all
 * threads. The "changed" signal (detail = key) is emitted once per written key, after
 * the write transaction, on the thread that called the setter. */

SwSettings *sw_settings_new               (SwStore      *store);
SwStore    *sw_settings_get_store         (SwSettings   *self);

/* The stored value as it is, else the registry default. A few keys read another key when
 * unset: rule_schedule.interval_minutes the legacy rule_schedule.interval_hours × 60,
 * auth.providers.{emby,jellyfin}.server_url auth.server_url. NULL when there is neither
 * a row nor a default (unknown keys, and known keys that are unset by default). */
char       *sw_settings_get               (SwSettings   *self,
                                           const char   *key);

/* Typed getters for registry keys. A stored value that does not parse as the key's kind,
 * or no longer passes its rule, reads as the default. */
gboolean    sw_settings_get_boolean       (SwSettings   *self,
                                           const char   *key);
int         sw_settings_get_int           (SwSettings   *self,
                                           const char   *key);
double      sw_settings_get_double        (SwSettings   *self,
                                           const char   *key);
/* CSV keys split and trimmed; JSON-array keys as their string items. Never NULL. */
char      **sw_settings_get_strv          (SwSettings   *self,
                                           const char   *key);
/* JSON keys parsed; NULL when unset without default. */
JsonNode   *sw_settings_get_json          (SwSettings   *self,
                                           const char   *key);

/* Validates, then upserts one key. SW_STORE_ERROR_INVALID names the key and the rule;
 * nothing is written then. Writing rule_schedule.interval_minutes deletes the legacy
 * rule_schedule.interval_hours row; the input-only key onboarding.baseline_choice
 * ("yes"/"no") is written as foreign_files.baseline_completed ("true"/""). */
gboolean    sw_settings_set               (SwSettings   *self,
                                           const char   *key,
                                           const char   *value,
                                           GError      **error);
/* @values: key → value (both char *). All keys are validated first, in key order; the
 * first failure is returned and nothing is written. Otherwise everything is written in
 * one transaction. */
gboolean    sw_settings_set_many          (SwSettings   *self,
                                           GHashTable   *values,
                                           GError      **error);
/* Deletes the row of @key, so it reads as its default again. */
gboolean    sw_settings_reset             (SwSettings   *self,
                                           const char   *key,
                                           GError      **error);
/* Deletes every row whose key starts with @prefix (e.g. "provider.priority."). */
gboolean    sw_settings_reset_prefix      (SwSettings   *self,
                                           const char   *prefix,
                                           GError      **error);

/* GET /settings: a flat object of strings, the defaults of every known key with a
 * default, overlaid with every stored row; secret-named keys are left out. */
JsonNode   *sw_settings_to_json           (SwSettings   *self);

/* GET/PUT /settings/logging: the LoggingConfig object. The update merges @body over the
 * current values (empty strings, zero or negative numbers keep the current value),
 * validates level and format, writes all logging.* keys in one transaction (not
 * logging.level when @ephemeral_level) and returns the resulting config. */
JsonNode   *sw_settings_get_logging       (SwSettings   *self);
JsonNode   *sw_settings_update_logging    (SwSettings   *self,
                                           JsonNode     *body,
                                           gboolean      ephemeral_level,
                                           GError      **error);

/* GET/PUT /settings/nfo-output: the NFOFieldMap object from the four nfo.output.* keys.
 * The update validates the whole body first, keeps members that are absent, writes the
 * four keys in one transaction and returns the resulting map. */
JsonNode   *sw_settings_get_nfo_output    (SwSettings   *self);
JsonNode   *sw_settings_update_nfo_output (SwSettings   *self,
                                           JsonNode     *body,
                                           GError      **error);

/* Registry queries, usable without an instance. */
gboolean    sw_settings_is_known_key      (const char   *key);
gboolean    sw_settings_is_validated_key  (const char   *key);
gboolean    sw_settings_is_secret_key     (const char   *key);
/* Checks and canonicalises @value for @key without writing; returns the value that would
 * be stored (for onboarding.baseline_choice: the translated value), or NULL with
 * SW_STORE_ERROR_INVALID. */
char       *sw_settings_validate          (const char   *key,
                                           const char   *value,
                                           GError      **error);

G_END_DECLS

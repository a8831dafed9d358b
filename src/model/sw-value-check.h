/* sw-value-check.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Parsing and checking of values as they come over the wire (strings), shared by the
 * registries of SwSettings and SwPreferences.
 *
 * A check returns the canonical form of a value, or NULL with SW_STORE_ERROR_INVALID
 * whose message is the rule alone ("must be one of …"). The registry that ran it puts
 * the key in front with g_prefix_error(), in its own words: the two name their keys
 * differently. */

/* What a registry entry allows; each check reads only the members it needs. */
typedef struct
{
  gint64 min;                   /* integers */
  gint64 max;
  const char *const *choices;   /* enums */
} SwValueRule;

typedef char *(*SwValueCheck) (const SwValueRule  *rule,
                               const char         *value,
                               GError            **error);

/* An integer from rule->min to rule->max, white space trimmed, written in decimal. */
char       *sw_value_check_int     (const SwValueRule  *rule,
                                    const char         *value,
                                    GError            **error);
/* true/false in any case, or 1/0; canonical "true" or "false". */
char       *sw_value_check_bool    (const SwValueRule  *rule,
                                    const char         *value,
                                    GError            **error);
/* One of rule->choices exactly, after trimming white space. */
char       *sw_value_check_enum    (const SwValueRule  *rule,
                                    const char         *value,
                                    GError            **error);

/* Whether @value is text at all: not NULL, and UTF-8. */
gboolean    sw_value_check_text    (const char         *value,
                                    GError            **error);

/* Refuses a value under a rule of the caller's own. Returns NULL, for `return`. */
gpointer    sw_value_refuse        (GError            **error,
                                    const char         *rule);

/* Parsers for stored and incoming text. Surrounding white space is ignored. */
gboolean    sw_value_parse_int     (const char         *text,
                                    gint64              min,
                                    gint64              max,
                                    gint64             *out);
gboolean    sw_value_parse_bool    (const char         *text,
                                    gboolean           *out);
/* A finite number. */
gboolean    sw_value_parse_double  (const char         *text,
                                    double             *out);
/* Entries trimmed, empty ones dropped, joined again with ", ". */
char       *sw_value_csv_canonical (const char         *text);
/* Any JSON value; NULL for NULL or malformed text. */
JsonNode   *sw_value_parse_json    (const char         *text);

/* The keys of a key → value table in the order a batch is checked and written: sorted.
 * Free the array (not the keys) with g_free(). */
gpointer   *sw_value_sorted_keys   (GHashTable         *table,
                                    guint              *n_keys);

/* @text as it can be quoted back in a message: valid UTF-8, "" for NULL. */
char       *sw_value_printable     (const char         *text);

G_END_DECLS

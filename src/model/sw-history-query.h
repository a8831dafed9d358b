/* sw-history-query.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-metadata-change.h"
#include "sw-store.h"

G_BEGIN_DECLS

/* The field-level history across all artists, as GET /history filters and pages it. */

#define SW_HISTORY_QUERY_MIN_LIMIT      10
#define SW_HISTORY_QUERY_MAX_LIMIT     500
#define SW_HISTORY_QUERY_DEFAULT_LIMIT  50

typedef struct
{
  char *artist_id;              /* NULL = every artist */
  GPtrArray *fields;            /* exact field names; empty = every field */
  GPtrArray *sources;           /* exact sources */
  GPtrArray *source_prefixes;   /* "provider:" for "provider:*" */
  char *from;                   /* inclusive bounds in the stored form */
  char *to;                     /* ("2024-01-15T00:00:00Z"), or NULL */
  guint limit;
  guint offset;
} SwHistoryQuery;

SwHistoryQuery   *sw_history_query_new       (void);
void              sw_history_query_free      (SwHistoryQuery  *query);
/* Applies one GET /history parameter with the contract's validation: limit (clamped
 * to 10–500), offset, artist_id, field and source (each repeatable; a source ending in
 * '*' matches by prefix), from and to (RFC 3339, or a date: a date-only "to" takes in
 * that whole UTC day). Unknown names are ignored; FALSE only for a bad value. */
gboolean          sw_history_query_set_param (SwHistoryQuery  *query,
                                              const char      *name,
                                              const char      *value,
                                              GError         **error);
/* SW_STORE_ERROR_INVALID when "from" is after "to". */
gboolean          sw_history_query_check     (const SwHistoryQuery *query,
                                              GError         **error);

/* The page, newest first, with each change's current artist name (or, for an artist
 * that no longer exists, the name it had); @total counts every match. Page and total
 * come from one read transaction. */
GPtrArray        *sw_history_store_list      (SwStore         *store,
                                              const SwHistoryQuery *query,
                                              guint           *total,
                                              GError         **error);
/* NULL with SW_STORE_ERROR_NOT_FOUND when there is no such change. */
SwMetadataChange *sw_history_store_get       (SwStore         *store,
                                              const char      *change_id,
                                              GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwHistoryQuery, sw_history_query_free)

G_END_DECLS

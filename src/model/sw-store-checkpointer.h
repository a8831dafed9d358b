/* sw-store-checkpointer.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Copies the write-ahead log back into the database on a thread of its own, so a
 * commit never waits for a checkpoint. Private to SwStore. */
typedef struct _SwStoreCheckpointer SwStoreCheckpointer;

SwStoreCheckpointer *sw_store_checkpointer_new     (const char          *path);
/* Asks for a checkpoint soon; returns at once. */
void                 sw_store_checkpointer_request (SwStoreCheckpointer *self);
/* Waits until no checkpoint is running or asked for (benchmarks and tests). */
void                 sw_store_checkpointer_wait_idle (SwStoreCheckpointer *self);
/* Stops the thread (a running checkpoint finishes first) and frees. */
void                 sw_store_checkpointer_free    (SwStoreCheckpointer *self);

G_END_DECLS

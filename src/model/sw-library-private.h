/* sw-library-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-library.h"
#include "sw-fields.h"

G_BEGIN_DECLS

/* The instance struct, for the store, which fills fields directly (storage as in
 * sw-fields.h; writing fields directly does not notify). */
struct _SwLibrary
{
  GObject parent_instance;

  char *id;
  char *name;
  char *path;                    /* '' = pathless */
  char *type;                    /* regular */
  char *source;                  /* manual|emby|jellyfin|lidarr */
  char *connection_id;
  char *external_id;
  int fs_watch;                  /* bits: 1 watch, 2 poll */
  int fs_poll_interval;          /* seconds */
  char *shared_fs_status;        /* '', none, suspected, confirmed */
  char *shared_fs_evidence;      /* JSON array text */
  char *shared_fs_peer_library_ids; /* CSV */
  gboolean nfo_lock_data;
  gboolean fs_notify_supported;  /* runtime probe, not stored */
  char *created_at;
  char *updated_at;
};

/* The field table behind the properties and the JSON mapping. */
const SwField *sw_library_get_fields (guint *n_fields);

G_END_DECLS

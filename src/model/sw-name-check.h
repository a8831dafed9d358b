/* sw-name-check.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sw-store.h"

G_BEGIN_DECLS

/* Checks for the names people give rows (libraries, platform profiles), shared by the
 * services that write them. Each service words its own errors. */

/* Whether the UTF-8 @text holds a control character. */
gboolean sw_name_has_control_characters (const char   *text);

/* Looks through the rows of @sql, which selects (id, name), for a name equal to @name
 * ignoring case (Unicode case folding), skipping the row @own_id (NULL: none). FALSE
 * only on a store error; otherwise *@clash is the other row's name as stored, or NULL
 * when the name is free. */
gboolean sw_name_find_clash              (SwStore      *store,
                                          const char   *sql,
                                          const char   *name,
                                          const char   *own_id,
                                          char        **clash,
                                          GError      **error);

G_END_DECLS

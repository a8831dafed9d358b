/* sw-nfo-private.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sw-nfo.h"

G_BEGIN_DECLS

/* Helpers shared by the sw-nfo*.c files. */

/* A copy of @text, or NULL when it is NULL or empty. */
char     *sw_nfo_dup_nonempty      (const char *text);
/* NULL and "" are equal. */
gboolean  sw_nfo_str_equal         (const char *a,
                                    const char *b);

G_END_DECLS

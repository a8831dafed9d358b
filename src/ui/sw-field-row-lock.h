/* sw-field-row-lock.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The padlock toggle at the end of a field row: active means the field is locked
 * (automated sources leave it alone). Its tooltip and accessible label name the field. */

#define SW_TYPE_FIELD_ROW_LOCK (sw_field_row_lock_get_type ())

G_DECLARE_FINAL_TYPE (SwFieldRowLock, sw_field_row_lock, SW, FIELD_ROW_LOCK, GtkToggleButton)

GtkWidget  *sw_field_row_lock_new            (const char     *field,
                                              const char     *field_title);
const char *sw_field_row_lock_get_field      (SwFieldRowLock *self);
void        sw_field_row_lock_set_field_title (SwFieldRowLock *self,
                                              const char     *field_title);
/* Shows @locked without emitting "user-toggled". */
void        sw_field_row_lock_set_locked     (SwFieldRowLock *self,
                                              gboolean        locked);

G_END_DECLS

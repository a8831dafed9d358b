/* sw-field-row.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sw-field-row-lock.h"

G_BEGIN_DECLS

/* One artist field as an entry row with a padlock. "commit" is emitted when the user
 * applies the row (Enter, the apply button, or leaving it) with text that differs from
 * the value last shown; the owner saves it and calls sw_field_row_set_value() or
 * sw_field_row_set_error(). */

#define SW_TYPE_FIELD_ROW (sw_field_row_get_type ())

G_DECLARE_FINAL_TYPE (SwFieldRow, sw_field_row, SW, FIELD_ROW, AdwEntryRow)

GtkWidget      *sw_field_row_new        (const char *field,
                                         const char *title);
const char     *sw_field_row_get_field  (SwFieldRow *self);
SwFieldRowLock *sw_field_row_get_lock   (SwFieldRow *self);
/* The stored value; the text follows unless the user has unsaved text in the row, or
 * @force. Clears any error. */
void            sw_field_row_set_value  (SwFieldRow *self,
                                         const char *value,
                                         gboolean    force);
const char     *sw_field_row_get_value  (SwFieldRow *self);
/* Does the text differ from the stored value? */
gboolean        sw_field_row_is_dirty   (SwFieldRow *self);
/* NULL clears; otherwise the row is marked with the "error" style and the message. */
void            sw_field_row_set_error  (SwFieldRow *self,
                                         const char *message);
const char     *sw_field_row_get_error  (SwFieldRow *self);

G_END_DECLS

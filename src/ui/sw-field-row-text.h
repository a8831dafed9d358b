/* sw-field-row-text.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sw-field-row-lock.h"

G_BEGIN_DECLS

/* A multi-line artist field (the biography): the title, a padlock and a wrapping text
 * view that grows with its text. Like SwFieldRow, "commit" is emitted when the user
 * leaves the row or presses Ctrl+Enter with text that differs from the stored value. */

#define SW_TYPE_FIELD_ROW_TEXT (sw_field_row_text_get_type ())

G_DECLARE_FINAL_TYPE (SwFieldRowText, sw_field_row_text, SW, FIELD_ROW_TEXT, AdwPreferencesRow)

const char     *sw_field_row_text_get_field (SwFieldRowText *self);
SwFieldRowLock *sw_field_row_text_get_lock  (SwFieldRowText *self);
GtkTextView    *sw_field_row_text_get_view  (SwFieldRowText *self);
void            sw_field_row_text_set_value (SwFieldRowText *self,
                                             const char     *value,
                                             gboolean        force);
const char     *sw_field_row_text_get_value (SwFieldRowText *self);
/* The text in the view (newly allocated). */
char           *sw_field_row_text_dup_text  (SwFieldRowText *self);
void            sw_field_row_text_set_text  (SwFieldRowText *self,
                                             const char     *text);
gboolean        sw_field_row_text_is_dirty  (SwFieldRowText *self);
void            sw_field_row_text_set_error (SwFieldRowText *self,
                                             const char     *message);

G_END_DECLS

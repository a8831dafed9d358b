/* sw-headless.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SW_TYPE_HEADLESS (sw_headless_get_type ())

G_DECLARE_FINAL_TYPE (SwHeadless, sw_headless, SW, HEADLESS, GApplication)

SwHeadless *sw_headless_new (void);

G_END_DECLS

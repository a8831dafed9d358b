/* sw-ui.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-ui-resources.h"
#include "sw-ui.h"

/* Registers the templates and icons; safe to call more than once. */
void
sw_ui_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      sw_ui_register_resource ();
      g_once_init_leave (&initialized, 1);
    }
}

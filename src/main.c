/* main.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sw-application.h"
#include "sw-headless.h"
#include "sw-options.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (sw_options_argv_wants_headless (argc, argv))
    app = G_APPLICATION (sw_headless_new ());
  else
    app = G_APPLICATION (sw_application_new ());

  return g_application_run (app, argc, argv);
}

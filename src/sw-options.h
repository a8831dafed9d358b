/* sw-options.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Start-up options shared by the GUI and headless modes. Precedence: command line,
 * then STILLWATER_* environment, then (GUI only) GSettings, then built-in defaults. */
typedef struct
{
  char *data_dir;
  char *listen_address;
  guint port;
  char *tls_cert;           /* PEM files; both set or both NULL */
  char *tls_key;
  gboolean listen_explicit;
  gboolean port_explicit;
  gboolean show_version;
} SwOptions;

gboolean sw_options_argv_wants_headless (int                argc,
                                         char             **argv);
void     sw_options_add_entries         (GApplication      *app);
gboolean sw_options_resolve             (SwOptions         *options,
                                         GVariantDict      *dict,
                                         GError           **error);
void     sw_options_clear               (SwOptions         *options);
void     sw_options_print_version       (void);

G_END_DECLS

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SwOptions, sw_options_clear)

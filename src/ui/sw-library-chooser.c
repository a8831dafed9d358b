/* sw-library-chooser.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-library-chooser.h"

GtkFileChooserNative *
sw_library_chooser_new (GtkWindow *parent)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Add Music Library"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  return chooser;
}

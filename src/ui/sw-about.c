/* sw-about.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sw-about.h"

#define WEBSITE "https://github.com/stillwater-app/stillwater"

void
sw_about_present (GtkWindow *parent)
{
  const char *developers[] = { "The Stillwater developers", NULL };
  const char *libraries[] = {
    "GTK https://gtk.org",
    "libadwaita https://gnome.pages.gitlab.gnome.org/libadwaita/",
    "libsoup https://libsoup.org",
    "SQLite https://sqlite.org",
    "libxml2 https://gitlab.gnome.org/GNOME/libxml2",
    "JSON-GLib https://gitlab.gnome.org/GNOME/json-glib",
    "Nettle https://www.lysator.liu.se/~nisse/nettle/",
    "libsecret https://gitlab.gnome.org/GNOME/libsecret",
    NULL
  };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", "Stillwater",
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Stillwater developers"),
                        "comments", _("Curate artist metadata and artwork for Emby, "
                                      "Jellyfin and Kodi music libraries."),
                        "website", WEBSITE,
                        "issue-url", WEBSITE "/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Stillwater developers",
                        "developers", developers,
                        /* Translators: credit yourself here, one name per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about), _("Built With"),
                                                libraries);
  gtk_window_present (GTK_WINDOW (about));
}

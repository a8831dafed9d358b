/* sw-dashboard-activity.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-dashboard-activity.h"

/* A member of the event's payload object, or NULL. */
static const char *
payload_string (SwEvent    *event,
                const char *member)
{
  JsonNode *payload = sw_event_get_payload (event);

  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (payload), member,
                                                     NULL);
}

static gint64
payload_int (SwEvent    *event,
             const char *member)
{
  JsonNode *payload = sw_event_get_payload (event);

  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    return 0;
  return json_object_get_int_member_with_default (json_node_get_object (payload), member, 0);
}

static gboolean
is_event (SwEvent    *event,
          const char *name)
{
  return g_str_equal (sw_event_get_name (event), name);
}

char *
sw_dashboard_activity_key (SwEvent *event)
{
  g_return_val_if_fail (event != NULL, NULL);

  if (is_event (event, SW_EVENT_ARTIST_NEW))
    return g_strdup (SW_EVENT_ARTIST_NEW);

  if (is_event (event, SW_EVENT_ARTIST_UPDATED))
    {
      if (g_strcmp0 (payload_string (event, "source"), "scan") == 0)
        return NULL;
      return g_strdup_printf ("%s/%s/%s", SW_EVENT_ARTIST_UPDATED,
                              payload_string (event, "id"), payload_string (event, "field"));
    }

  /* Every scan is an entry of its own. */
  if (is_event (event, SW_EVENT_SCAN_COMPLETED))
    return g_strdup_printf ("%s/%" G_GUINT64_FORMAT, SW_EVENT_SCAN_COMPLETED,
                            sw_event_get_sequence (event));

  return NULL;
}

const char *
sw_dashboard_activity_icon (SwEvent *event)
{
  const char *field = payload_string (event, "field");

  if (is_event (event, SW_EVENT_ARTIST_NEW))
    return "contact-new-symbolic";
  if (is_event (event, SW_EVENT_SCAN_COMPLETED))
    return g_strcmp0 (payload_string (event, "status"), "completed") == 0
           ? "folder-music-symbolic" : "dialog-warning-symbolic";
  if (g_strcmp0 (field, "locked") == 0 || g_strcmp0 (field, "locked_fields") == 0 ||
      g_strcmp0 (field, "image_locks") == 0)
    return "changes-prevent-symbolic";
  if (g_strcmp0 (payload_string (event, "source"), "revert") == 0)
    return "edit-undo-symbolic";
  return "document-edit-symbolic";
}

const char *
sw_dashboard_activity_artist_id (SwEvent *event)
{
  if (is_event (event, SW_EVENT_ARTIST_NEW) || is_event (event, SW_EVENT_ARTIST_UPDATED))
    return payload_string (event, "id");
  return NULL;
}

/* The field as the start of a sentence; NULL for one this version does not know. */
static const char *
field_label (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "name", N_("Name") },
    { "sort_name", N_("Sort name") },
    { "type", N_("Type") },
    { "gender", N_("Gender") },
    { "origin", N_("Origin") },
    { "disambiguation", N_("Disambiguation") },
    { "musicbrainz_id", N_("MusicBrainz ID") },
    { "audiodb_id", N_("TheAudioDB ID") },
    { "discogs_id", N_("Discogs ID") },
    { "wikidata_id", N_("Wikidata ID") },
    { "deezer_id", N_("Deezer ID") },
    { "spotify_id", N_("Spotify ID") },
    { "biography", N_("Biography") },
    { "genres", N_("Genres") },
    { "styles", N_("Styles") },
    { "moods", N_("Moods") },
    { "years_active", N_("Years active") },
    { "born", N_("Birth date") },
    { "formed", N_("Formation date") },
    { "died", N_("Death date") },
    { "disbanded", N_("Disbanding date") },
    { "path", N_("Folder") },
    { "aliases", N_("Aliases") },
    { "members", N_("Members") },
    { "locked_fields", N_("Field locks") },
    { "image_locks", N_("Image locks") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (field, labels[i].field) == 0)
      return _(labels[i].label);

  return NULL;
}

static char *
describe_update (SwEvent    *event,
                 SwArtist   *artist,
                 const char *name)
{
  const char *field = payload_string (event, "field");
  const char *source = payload_string (event, "source");
  const char *label = field_label (field);

  if (g_strcmp0 (field, "locked") == 0)
    {
      if (artist == NULL)
        return g_strdup (_("An artist was locked or unlocked"));
      /* TRANSLATORS: %s is an artist's name */
      return g_strdup_printf (sw_artist_get_locked (artist) ? _("%s locked") : _("%s unlocked"),
                              name);
    }

  if (label == NULL && artist == NULL)
    return g_strdup (_("An artist was edited"));
  if (label == NULL)
    /* TRANSLATORS: %s is an artist's name */
    return g_strdup_printf (_("%s edited"), name);

  if (g_strcmp0 (source, "revert") == 0)
    /* TRANSLATORS: "Biography of Nova reverted": a field, then an artist's name */
    return g_strdup_printf (_("%s of %s reverted"), label, name);
  if (g_strcmp0 (source, "manual") == 0 || g_strcmp0 (source, "import") == 0)
    /* TRANSLATORS: "Biography of Nova edited": a field, then an artist's name */
    return g_strdup_printf (_("%s of %s edited"), label, name);
  /* TRANSLATORS: "Biography of Nova updated" (by a provider or a rule): a field, then
   * an artist's name */
  return g_strdup_printf (_("%s of %s updated"), label, name);
}

static char *
describe_scan (SwEvent *event)
{
  const char *status = payload_string (event, "status");
  guint new_artists = (guint) CLAMP (payload_int (event, "new_artists"), 0, G_MAXUINT);

  if (g_strcmp0 (status, "cancelled") == 0)
    return g_strdup (_("Scan cancelled"));
  if (g_strcmp0 (status, "completed") != 0)
    return g_strdup (_("Scan failed"));
  if (new_artists == 0)
    return g_strdup (_("Scan finished: no new artists"));
  return g_strdup_printf (ngettext ("Scan finished: %u new artist",
                                    "Scan finished: %u new artists", new_artists),
                          new_artists);
}

char *
sw_dashboard_activity_describe (SwEvent  *event,
                                SwArtist *artist,
                                guint     count)
{
  /* Mid-sentence: the artist may have gone since (a scan removed its folder). */
  const char *name = artist != NULL ? sw_artist_get_name (artist) : _("an unknown artist");

  g_return_val_if_fail (event != NULL, NULL);

  if (is_event (event, SW_EVENT_SCAN_COMPLETED))
    return describe_scan (event);

  if (is_event (event, SW_EVENT_ARTIST_NEW))
    {
      if (count > 1)
        return g_strdup_printf (ngettext ("%u artist added", "%u artists added", count), count);
      if (artist == NULL)
        return g_strdup (_("An artist was added"));
      /* TRANSLATORS: %s is an artist's name */
      return g_strdup_printf (_("%s added"), name);
    }

  if (is_event (event, SW_EVENT_ARTIST_UPDATED))
    return describe_update (event, artist, name);

  return g_strdup (sw_event_get_name (event));
}

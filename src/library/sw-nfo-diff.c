/* sw-nfo-diff.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-nfo-private.h"

/* The field-level difference between an artist.nfo and what Stillwater would write in
 * its place, for GET /artists/{id}/nfo/diff. Fields are named as in the Artist JSON. */

#define NFO_MEMBER(member) G_STRUCT_OFFSET (SwNfo, member)

static const struct
{
  const char *field;
  gsize offset;
  gboolean list;
} diff_fields[] = {
  { "name", NFO_MEMBER (name), FALSE },
  { "sort_name", NFO_MEMBER (sort_name), FALSE },
  { "type", NFO_MEMBER (type), FALSE },
  { "gender", NFO_MEMBER (gender), FALSE },
  { "disambiguation", NFO_MEMBER (disambiguation), FALSE },
  { "musicbrainz_id", NFO_MEMBER (musicbrainz_id), FALSE },
  { "audiodb_id", NFO_MEMBER (audiodb_id), FALSE },
  { "discogs_id", NFO_MEMBER (discogs_id), FALSE },
  { "wikidata_id", NFO_MEMBER (wikidata_id), FALSE },
  { "deezer_id", NFO_MEMBER (deezer_id), FALSE },
  { "spotify_id", NFO_MEMBER (spotify_id), FALSE },
  { "genres", NFO_MEMBER (genres), TRUE },
  { "styles", NFO_MEMBER (styles), TRUE },
  { "moods", NFO_MEMBER (moods), TRUE },
  { "years_active", NFO_MEMBER (years_active), FALSE },
  { "born", NFO_MEMBER (born), FALSE },
  { "formed", NFO_MEMBER (formed), FALSE },
  { "died", NFO_MEMBER (died), FALSE },
  { "disbanded", NFO_MEMBER (disbanded), FALSE },
  { "biography", NFO_MEMBER (biography), FALSE },
};

#undef NFO_MEMBER

/* The field as one display string; "" when absent. */
static char *
field_text (const SwNfo *nfo,
            guint        index)
{
  gpointer member;

  if (nfo == NULL)
    return g_strdup ("");

  member = G_STRUCT_MEMBER_P ((gpointer) nfo, diff_fields[index].offset);
  if (diff_fields[index].list)
    {
      char **values = *(char ***) member;

      return values != NULL ? g_strjoinv (", ", values) : g_strdup ("");
    }
  return g_strdup (*(char **) member != NULL ? *(char **) member : "");
}

static const char *
status_of (const char *old_value,
           const char *new_value)
{
  if (old_value[0] == '\0' && new_value[0] != '\0')
    return "added";
  if (old_value[0] != '\0' && new_value[0] == '\0')
    return "removed";
  if (!g_str_equal (old_value, new_value))
    return "changed";
  return "unchanged";
}

JsonNode *
sw_nfo_diff (const SwNfo              *file,
             const SwArtist           *artist,
             const SwNfoOutputOptions *options)
{
  g_autoptr(SwNfo) wanted = NULL;
  g_autoptr(JsonObject) result = json_object_new ();
  JsonArray *fields = json_array_new ();
  gboolean has_diff = FALSE;

  g_return_val_if_fail (SW_IS_ARTIST ((SwArtist *) artist), NULL);

  wanted = sw_nfo_new_from_artist (artist, file, options);

  for (guint i = 0; i < G_N_ELEMENTS (diff_fields); i++)
    {
      g_autofree char *old_value = field_text (file, i);
      g_autofree char *new_value = field_text (wanted, i);
      const char *status = status_of (old_value, new_value);
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "field", diff_fields[i].field);
      json_object_set_string_member (entry, "old_value", old_value);
      json_object_set_string_member (entry, "new_value", new_value);
      json_object_set_string_member (entry, "status", status);
      json_array_add_object_element (fields, entry);
      has_diff |= !g_str_equal (status, "unchanged");
    }

  json_object_set_array_member (result, "fields", fields);
  json_object_set_boolean_member (result, "has_diff", has_diff);
  return json_node_init_object (json_node_alloc (), result);
}

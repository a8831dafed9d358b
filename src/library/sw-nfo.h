/* sw-nfo.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sw-artist.h"
#include "sw-settings.h"

G_BEGIN_DECLS

/* artist.nfo, the Kodi artist file that Kodi, Emby and Jellyfin read and write.
 *
 * SwNfo holds what one file says: every element Stillwater understands, and every other
 * child of <artist> as serialized XML so that writing the file back keeps it. Strings
 * are NULL when the element is absent or empty (text is trimmed); lists are
 * NULL-terminated vectors, NULL when empty; the arrays always exist. */

#define SW_NFO_ERROR (sw_nfo_error_quark ())

typedef enum
{
  SW_NFO_ERROR_MALFORMED,   /* not well-formed XML */
  SW_NFO_ERROR_EMPTY,       /* nothing but a byte order mark or white space */
  SW_NFO_ERROR_NOT_ARTIST,  /* the root element is not <artist> */
  SW_NFO_ERROR_TOO_LARGE,   /* larger than SW_NFO_MAX_SIZE */
  SW_NFO_ERROR_DTD,         /* a document type declaration with entities or an external DTD */
} SwNfoError;

/* Real files are a few kilobytes; anything this big is not an artist.nfo. */
#define SW_NFO_MAX_SIZE (10 * 1024 * 1024)

/* <thumb aspect=".." preview="..">url</thumb>, at the top level or inside <fanart>. */
typedef struct
{
  char *url;
  char *aspect;
  char *preview;
} SwNfoThumb;

/* <album><title/><year/><musicbrainzreleasegroupid/></album> */
typedef struct
{
  char *title;
  char *year;
  char *musicbrainz_release_group_id;
} SwNfoAlbum;

typedef struct
{
  char *name;
  char *sort_name;
  char *type;
  char *gender;
  char *disambiguation;

  char *musicbrainz_id;         /* <musicbrainzartistid> */
  char *audiodb_id;             /* <audiodbartistid> */
  char *discogs_id;             /* <discogsartistid> */
  char *wikidata_id;            /* <wikidataid> */
  char *deezer_id;              /* <deezerartistid> */
  char *spotify_id;             /* <spotifyartistid> */

  char **genres;
  char **styles;
  char **moods;

  char *years_active;
  char *born;
  char *formed;
  char *died;
  char *disbanded;
  char *biography;

  gboolean lockdata;

  /* <stillwater version=".." written=".."/>: present when Stillwater wrote the file. */
  char *stillwater_version;
  char *stillwater_written;

  GPtrArray *albums;            /* SwNfoAlbum */
  GPtrArray *thumbs;            /* SwNfoThumb */
  char *fanart_url;             /* <fanart url=".."> (Kodi's base URL) */
  GPtrArray *fanart;            /* SwNfoThumb */

  /* Every other child element of <artist>, serialized as UTF-8 XML, in file order. */
  GPtrArray *extras;            /* char * */
} SwNfo;

/* How genres, styles and moods become <genre>, <style> and <mood> when Stillwater writes
 * a file (the nfo.output.* settings), and whether it writes <lockdata>. */
typedef struct
{
  gboolean default_behavior;    /* each list to its own element */
  gboolean moods_as_styles;     /* without default_behavior: moods also as <style> */
  char **genre_sources;         /* without default_behavior: what feeds <genre> */
  /* The advanced remap, used when has_remap: sources of <genre>, <style>, <mood>. */
  gboolean has_remap;
  char **remap_genre;
  char **remap_style;
  char **remap_mood;
  /* The owning library's nfo_lock_data; a locked artist writes <lockdata> anyway. */
  gboolean lockdata;
  /* The <stillwater written> time; NULL means now. */
  char *written;
} SwNfoOutputOptions;

#define SW_TYPE_NFO (sw_nfo_get_type ())

/* Empty strings are stored as NULL. */
SwNfoThumb *sw_nfo_thumb_new        (const char         *url,
                                     const char         *aspect,
                                     const char         *preview);
void        sw_nfo_thumb_free       (SwNfoThumb         *thumb);
SwNfoAlbum *sw_nfo_album_new        (const char         *title,
                                     const char         *year,
                                     const char         *musicbrainz_release_group_id);
void        sw_nfo_album_free       (SwNfoAlbum         *album);

GQuark      sw_nfo_error_quark      (void);
GType       sw_nfo_get_type         (void) G_GNUC_CONST;

SwNfo      *sw_nfo_new              (void);
SwNfo      *sw_nfo_copy             (const SwNfo        *nfo);
void        sw_nfo_free             (SwNfo              *nfo);
/* Field by field; NULL and "" strings, and NULL and empty lists, are equal. */
gboolean    sw_nfo_equal            (const SwNfo        *a,
                                     const SwNfo        *b);

/* Parses @length bytes of @data (-1: NUL-terminated). Tolerates a UTF-8 byte order
 * mark, white space before the XML declaration, element names in any case, the HTML
 * entities Kodi files carry (&nbsp; &eacute; … as characters; other unknown entities
 * and stray '&' as literal text). Refuses anything that is not well-formed, documents
 * that declare entities or an external DTD (so no entity is ever expanded or fetched),
 * and roots other than <artist>. */
SwNfo      *sw_nfo_parse            (const char         *data,
                                     gssize              length,
                                     GError            **error);
SwNfo      *sw_nfo_load             (const char         *path,
                                     GError            **error);
/* As sw_nfo_load(), and the fingerprint (see sw_file_fingerprint()) of the bytes that
 * were parsed. Either output may be NULL. */
SwNfo      *sw_nfo_load_full        (const char         *path,
                                     char              **sha256_hex,
                                     gint64             *mtime_us,
                                     GError            **error);

/* The file as Stillwater writes it: UTF-8, "\n" line ends, two-space indent, known
 * elements in a fixed order, then albums, thumbs, fanart and the preserved extras. */
char       *sw_nfo_to_xml           (const SwNfo        *nfo,
                                     gsize              *length);
/* Writes sw_nfo_to_xml() to @path atomically (sw_atomic_file_write()) and returns the
 * new file's fingerprint, for artists.nfo_hash and nfo_mtime. Either output may be
 * NULL. On failure the old file is untouched. */
gboolean    sw_nfo_save             (const SwNfo        *nfo,
                                     const char         *path,
                                     char              **sha256_hex,
                                     gint64             *mtime_us,
                                     GError            **error);

/* Import (what a scan does with a file): every non-empty value of @nfo overwrites the
 * artist's, empty and absent ones leave it alone; locked fields are never touched.
 * Values the artist fields do not accept (an MBID that is not a UUID, an unknown type)
 * are skipped; type and gender are folded to the vocabulary's case. The NFO's gender
 * is ignored when its type is a group's, and a group type clears the gender unless it
 * is locked. Albums become the transient discography. Thumbs, fanart, lockdata and
 * extras are not artist fields. The whole-artist lock is the caller's business. */
void        sw_nfo_apply_to_artist  (const SwNfo        *nfo,
                                     SwArtist           *artist);

/* What Stillwater writes for @artist: the artist's fields through the output mapping
 * of @options (NULL: defaults), <lockdata> when @options asks or the artist is locked,
 * the <stillwater> stamp, the artist's discography (else @previous's albums), and
 * @previous's thumbs, fanart and extra elements unchanged. @previous may be NULL. */
SwNfo      *sw_nfo_new_from_artist  (const SwArtist     *artist,
                                     const SwNfo        *previous,
                                     const SwNfoOutputOptions *options);

/* Defaults: default_behavior, genre_sources ["genres"], no remap, no lockdata. */
void        sw_nfo_output_options_init  (SwNfoOutputOptions *options);
void        sw_nfo_output_options_clear (SwNfoOutputOptions *options);
/* Reads the nfo.output.* settings; other fields keep their values. */
void        sw_nfo_output_options_load  (SwNfoOutputOptions *options,
                                         SwSettings         *settings);
/* Applies the output mapping to the three lists; outputs are new vectors (NULL when
 * empty), de-duplicated ignoring case where lists are combined. */
void        sw_nfo_output_options_map   (const SwNfoOutputOptions *options,
                                         const char * const *genres,
                                         const char * const *styles,
                                         const char * const *moods,
                                         char             ***out_genres,
                                         char             ***out_styles,
                                         char             ***out_moods);

/* GET /artists/{id}/nfo/diff: the fields of @file (NULL: no file) against what
 * Stillwater would write for @artist with @options (NULL: defaults), as
 * {"has_diff": bool, "fields": [{"field", "old_value", "new_value", "status"}]}:
 * old is the file, new the database; status is added, removed, changed or unchanged;
 * list fields are joined with ", ". */
JsonNode   *sw_nfo_diff             (const SwNfo        *file,
                                     const SwArtist     *artist,
                                     const SwNfoOutputOptions *options);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwNfo, sw_nfo_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SwNfoOutputOptions, sw_nfo_output_options_clear)

G_END_DECLS

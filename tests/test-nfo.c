/* test-nfo.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sw-artist-private.h"
#include "sw-artist-service.h"
#include "sw-atomic-file.h"
#include "sw-nfo-state.h"
#include "sw-nfo.h"
#include "sw-test-util.h"

/* artist.nfo: parsing real-world variants and hostile input from fixture files in
 * tests/data/nfo, writing, round trips, import and export, the output mapping, atomic
 * saves that fail without touching the old file, and the stored fingerprint. */

#define WRITTEN "2026-02-03T04:05:06Z"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "nfo", name, NULL);
}

static SwNfo *
load_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  SwNfo *nfo = sw_nfo_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (nfo);
  return nfo;
}

static SwNfo *
parse_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  SwNfo *nfo = sw_nfo_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (nfo);
  return nfo;
}

static void
assert_strv (char              **actual,
             const char * const *expected)
{
  guint n = expected != NULL ? g_strv_length ((char **) expected) : 0;

  if (n == 0)
    {
      g_assert_null (actual);
      return;
    }
  g_assert_nonnull (actual);
  g_assert_cmpuint (g_strv_length (actual), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (actual[i], ==, expected[i]);
}

#define STRV(...) ((const char * const[]) { __VA_ARGS__, NULL })

static void
assert_thumb (GPtrArray  *thumbs,
              guint       index,
              const char *url,
              const char *aspect,
              const char *preview)
{
  const SwNfoThumb *thumb;

  g_assert_cmpuint (index, <, thumbs->len);
  thumb = g_ptr_array_index (thumbs, index);
  g_assert_cmpstr (thumb->url, ==, url);
  g_assert_cmpstr (thumb->aspect, ==, aspect);
  g_assert_cmpstr (thumb->preview, ==, preview);
}

static void
assert_album (GPtrArray  *albums,
              guint       index,
              const char *title,
              const char *year,
              const char *mbid)
{
  const SwNfoAlbum *album;

  g_assert_cmpuint (index, <, albums->len);
  album = g_ptr_array_index (albums, index);
  g_assert_cmpstr (album->title, ==, title);
  g_assert_cmpstr (album->year, ==, year);
  g_assert_cmpstr (album->musicbrainz_release_group_id, ==, mbid);
}

/* Parsing ---------------------------------------------------------------------------- */

static void
test_parse_kodi (void)
{
  g_autoptr(SwNfo) nfo = load_fixture ("kodi-complete.nfo");

  g_assert_cmpstr (nfo->name, ==, "Nebula Drive");
  g_assert_cmpstr (nfo->musicbrainz_id, ==, "3f1c9a52-7d4e-4b8a-9c61-0e2d5b7a8f90");
  g_assert_cmpstr (nfo->sort_name, ==, "Drive, Nebula");
  g_assert_cmpstr (nfo->type, ==, "Group");
  g_assert_cmpstr (nfo->gender, ==, "Male");
  g_assert_cmpstr (nfo->disambiguation, ==, "Icelandic shoegaze band");
  g_assert_null (nfo->audiodb_id);
  g_assert_null (nfo->spotify_id);
  assert_strv (nfo->genres, STRV ("Shoegaze", "Dream Pop"));
  assert_strv (nfo->styles, STRV ("Noise Pop"));
  assert_strv (nfo->moods, STRV ("Hazy", "Melancholic"));
  g_assert_cmpstr (nfo->years_active, ==, "1998 - 2011");
  g_assert_null (nfo->born);
  g_assert_cmpstr (nfo->formed, ==, "1998-05-02");
  g_assert_null (nfo->died);
  g_assert_cmpstr (nfo->disbanded, ==, "2011");
  g_assert_cmpstr (nfo->biography, ==,
                   "Nebula Drive formed in Reykjavík in 1998.\n"
                   "They released three albums before splitting up.");
  g_assert_false (nfo->lockdata);
  g_assert_null (nfo->stillwater_version);
  g_assert_null (nfo->stillwater_written);

  g_assert_cmpuint (nfo->thumbs->len, ==, 2);
  assert_thumb (nfo->thumbs, 0, "https://img.example.org/nd-thumb.jpg", "thumb",
                "https://img.example.org/preview/nd-thumb.jpg");
  assert_thumb (nfo->thumbs, 1, "https://img.example.org/nd-logo.png", "clearlogo", NULL);
  g_assert_cmpstr (nfo->fanart_url, ==, "https://img.example.org/fanart/");
  g_assert_cmpuint (nfo->fanart->len, ==, 2);
  assert_thumb (nfo->fanart, 0, "nd-1.jpg", NULL, "preview/nd-1.jpg");
  assert_thumb (nfo->fanart, 1, "nd-2.jpg", NULL, NULL);

  /* The third <album> has nothing in it and is dropped. */
  g_assert_cmpuint (nfo->albums->len, ==, 2);
  assert_album (nfo->albums, 0, "Static Bloom", "2001", "9a0e4c1d-52b7-4e6f-8d3a-1b2c3d4e5f60");
  assert_album (nfo->albums, 1, "Low Orbit", "2006", NULL);

  g_assert_cmpuint (nfo->extras->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (nfo->extras, 0), ==, "<path>/music/Nebula Drive/</path>");
}

static void
test_parse_emby (void)
{
  g_autoptr(SwNfo) nfo = load_fixture ("emby.nfo");

  /* Emby writes <title>, not <name>: the name stays unknown, <title> is kept. */
  g_assert_null (nfo->name);
  g_assert_cmpstr (nfo->sort_name, ==, "Marrow & Thistle");
  g_assert_cmpstr (nfo->biography, ==,
                   "Marrow & Thistle is a folk duo from Cork.\n"
                   "Their records mix <b>trad</b> tunes with drones.");
  assert_strv (nfo->genres, STRV ("Folk"));
  assert_strv (nfo->styles, STRV ("Irish Folk"));
  g_assert_null (nfo->moods);
  g_assert_cmpstr (nfo->musicbrainz_id, ==, "b6d2e0a4-1c3f-4e5d-8a7b-9c0d1e2f3a4b");
  g_assert_cmpstr (nfo->audiodb_id, ==, "112233");
  g_assert_cmpstr (nfo->formed, ==, "2009");
  g_assert_false (nfo->lockdata);

  g_assert_cmpuint (nfo->extras->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (nfo->extras, 0), ==,
                   "<outline><![CDATA[Folk duo from Cork.]]></outline>");
  g_assert_cmpstr (g_ptr_array_index (nfo->extras, 1), ==,
                   "<dateadded>2021-03-04 10:11:12</dateadded>");
  g_assert_cmpstr (g_ptr_array_index (nfo->extras, 2), ==, "<title>Marrow &amp; Thistle</title>");
  g_assert_cmpstr (g_ptr_array_index (nfo->extras, 3), ==,
                   "<art>\n"
                   "    <poster>/music/Marrow &amp; Thistle/folder.jpg</poster>\n"
                   "    <fanart>/music/Marrow &amp; Thistle/backdrop.jpg</fanart>\n"
                   "  </art>");
}

static void
test_parse_jellyfin (void)
{
  g_autoptr(SwNfo) nfo = load_fixture ("jellyfin.nfo");
  const char *expected_extras[] = {
    "<plot/>", "<outline/>", "<dateadded>2023-11-20 08:30:00</dateadded>",
    "<title>Quiet Harbour</title>", "<originaltitle>Quiet Harbour</originaltitle>",
    "<art>\n    <poster>/music/Quiet Harbour/folder.jpg</poster>\n  </art>",
  };

  g_assert_null (nfo->name);
  g_assert_true (nfo->lockdata);
  assert_strv (nfo->genres, STRV ("Ambient", "Electronic"));
  g_assert_cmpstr (nfo->musicbrainz_id, ==, "c7e3f1b5-2d4a-4f6e-9b8c-0d1e2f3a4b5c");
  g_assert_cmpstr (nfo->formed, ==, "2004");
  g_assert_cmpstr (nfo->disbanded, ==, "2019");
  g_assert_null (nfo->biography);
  g_assert_cmpuint (nfo->albums->len, ==, 2);
  assert_album (nfo->albums, 0, "Tidewater", "2008", NULL);
  assert_album (nfo->albums, 1, "Lantern Hours", "2013", NULL);

  g_assert_cmpuint (nfo->extras->len, ==, G_N_ELEMENTS (expected_extras));
  for (guint i = 0; i < G_N_ELEMENTS (expected_extras); i++)
    g_assert_cmpstr (g_ptr_array_index (nfo->extras, i), ==, expected_extras[i]);
}

static void
test_parse_minimal (void)
{
  g_autoptr(SwNfo) nfo = load_fixture ("minimal.nfo");
  g_autoptr(SwNfo) expected = sw_nfo_new ();

  g_assert_cmpstr (nfo->name, ==, "Solo Act");
  expected->name = g_strdup ("Solo Act");
  g_assert_true (sw_nfo_equal (nfo, expected));
}

static void
test_parse_custom_elements (void)
{
  g_autoptr(SwNfo) nfo = load_fixture ("custom-elements.nfo");

  g_assert_cmpstr (nfo->name, ==, "Custom Keeper");
  assert_strv (nfo->genres, STRV ("Jazz"));
  /* "<Lockdata> TRUE </Lockdata>": any case, trimmed. */
  g_assert_true (nfo->lockdata);
  g_assert_cmpstr (nfo->stillwater_version, ==, "1");
  g_assert_cmpstr (nfo->stillwater_written, ==, "2026-01-02T03:04:05Z");

  /* In order, attributes and children kept; a prefixed element brings its namespace
   * declaration; the comment and <A:0> (not a valid name) are gone. */
  g_assert_cmpuint (nfo->extras->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (nfo->extras, 0), ==, "<rating max=\"10\">8.5</rating>");
  g_assert_cmpstr (g_ptr_array_index (nfo->extras, 1), ==,
                   "<sw:note xmlns:sw=\"urn:example:stillwater-test\" lang=\"en\">"
                   "Kept by a <em>third-party</em> tool</sw:note>");
  g_assert_cmpstr (g_ptr_array_index (nfo->extras, 2), ==,
                   "<tags>\n    <tag>late night</tag>\n    <tag>vinyl</tag>\n  </tags>");
  g_assert_cmpstr (g_ptr_array_index (nfo->extras, 3), ==, "<userdata/>");
}

static void
test_parse_html_entities (void)
{
  g_autoptr(SwNfo) nfo = load_fixture ("html-entities.nfo");

  g_assert_cmpstr (nfo->name, ==, "Café Tacvba\xC2\xA0Tribute");
  g_assert_cmpstr (nfo->biography, ==,
                   "Formed in 1989 — still touring… «Live» © 2020. Unknown &eth; stays, "
                   "AC&DC stays, & is an ampersand, é is numeric.");
  assert_strv (nfo->genres, STRV ("Rock en Español"));
}

static void
test_parse_bom (void)
{
  g_autoptr(SwNfo) nfo = load_fixture ("bom.nfo");

  g_assert_cmpstr (nfo->name, ==, "Byte Order");
}

static void
test_parse_tolerance (void)
{
  g_autoptr(SwNfo) nfo = NULL;
  g_autoptr(SwNfo) flags = NULL;
  g_autoptr(SwNfo) latin1 = NULL;

  /* Element names in any case, a bare DOCTYPE, padded text, nested markup read as
   * text, a repeated element (the last non-empty one wins), numeric references. */
  nfo = parse_text ("<?xml version=\"1.0\"?>\n<!DOCTYPE artist>\n"
                    "<ARTIST>\n"
                    "  <NAME>  First  </NAME>\n"
                    "  <Name>Second</Name>\n"
                    "  <name></name>\n"
                    "  <MusicBrainzArtistID>\n\t0a1b2c3d-0000-4000-8000-000000000001\n"
                    "  </MusicBrainzArtistID>\n"
                    "  <Biography>One <i>two</i> three &#x263A;</Biography>\n"
                    "  <GENRE>Rock</GENRE><genre>  </genre><Genre>Pop</Genre>\n"
                    "</ARTIST>");
  g_assert_cmpstr (nfo->name, ==, "Second");
  g_assert_cmpstr (nfo->musicbrainz_id, ==, "0a1b2c3d-0000-4000-8000-000000000001");
  g_assert_cmpstr (nfo->biography, ==, "One two three \xE2\x98\xBA");
  assert_strv (nfo->genres, STRV ("Rock", "Pop"));
  g_assert_cmpuint (nfo->extras->len, ==, 0);

  /* A declared legacy encoding is honoured. */
  latin1 = parse_text ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
                       "<artist><name>Caf\xE9 &eacute;</name></artist>");
  g_assert_cmpstr (latin1->name, ==, "Café é");

  flags = parse_text ("<artist><lockdata>yes</lockdata></artist>");
  g_assert_true (flags->lockdata);
  g_clear_pointer (&flags, sw_nfo_free);
  flags = parse_text ("<artist><lockdata>1</lockdata></artist>");
  g_assert_true (flags->lockdata);
  g_clear_pointer (&flags, sw_nfo_free);
  flags = parse_text ("<artist><lockdata>true</lockdata><lockdata>no</lockdata></artist>");
  g_assert_false (flags->lockdata);
}

static void
assert_fixture_refused (const char *name,
                        int         code)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(SwNfo) nfo = sw_nfo_load (path, &error);

  g_assert_null (nfo);
  g_assert_error (error, SW_NFO_ERROR, code);
  /* The message names the file, so a log line or an API error is actionable. */
  g_assert_nonnull (strstr (error->message, path));
}

static void
assert_text_refused (const char *data,
                     gssize      length,
                     int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwNfo) nfo = sw_nfo_parse (data, length, &error);

  g_assert_null (nfo);
  g_assert_error (error, SW_NFO_ERROR, code);
}

static void
test_parse_refused (void)
{
  g_autoptr(GString) deep = g_string_new ("<artist>");
  g_autofree char *huge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xxe = fixture_path ("xxe.nfo");
  g_autoptr(SwNfo) nfo = NULL;

  assert_fixture_refused ("malformed.nfo", SW_NFO_ERROR_MALFORMED);
  assert_fixture_refused ("empty.nfo", SW_NFO_ERROR_EMPTY);
  assert_fixture_refused ("wrong-root.nfo", SW_NFO_ERROR_NOT_ARTIST);
  assert_fixture_refused ("xxe.nfo", SW_NFO_ERROR_DTD);
  assert_fixture_refused ("xxe-parameter.nfo", SW_NFO_ERROR_DTD);
  assert_fixture_refused ("billion-laughs.nfo", SW_NFO_ERROR_DTD);

  /* The external entity was never read: nothing of /etc/passwd in the error. */
  nfo = sw_nfo_load (xxe, &error);
  g_assert_null (nfo);
  g_assert_null (strstr (error->message, "root:"));

  assert_text_refused ("", 0, SW_NFO_ERROR_EMPTY);
  assert_text_refused ("\xEF\xBB\xBF", 3, SW_NFO_ERROR_EMPTY);
  assert_text_refused (" \n\t ", -1, SW_NFO_ERROR_EMPTY);
  assert_text_refused ("<artist>", -1, SW_NFO_ERROR_MALFORMED);
  assert_text_refused ("not xml at all", -1, SW_NFO_ERROR_MALFORMED);
  assert_text_refused ("<artist><name>a</nom></artist>", -1, SW_NFO_ERROR_MALFORMED);
  {
    static const char with_nul[] = "<artist><name>a\0b</name></artist>";

    assert_text_refused (with_nul, sizeof with_nul - 1, SW_NFO_ERROR_MALFORMED);
  }
  assert_text_refused ("<artist><name>\xFF\xFE</name></artist>", -1, SW_NFO_ERROR_MALFORMED);
  assert_text_refused ("<artist/><artist/>", -1, SW_NFO_ERROR_MALFORMED);
  assert_text_refused ("<movie><name>x</name></movie>", -1, SW_NFO_ERROR_NOT_ARTIST);
  /* Even one harmless-looking entity declaration is refused. */
  assert_text_refused ("<!DOCTYPE artist [<!ENTITY x \"y\">]><artist><name>&x;</name></artist>",
                       -1, SW_NFO_ERROR_DTD);
  assert_text_refused ("<!-- c --><!doctype artist [<!ENTITY x \"y\">]><artist/>", -1,
                       SW_NFO_ERROR_DTD);

  /* libxml2's nesting limit holds without XML_PARSE_HUGE. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (deep, "<x>");
  for (guint i = 0; i < 1000; i++)
    g_string_append (deep, "</x>");
  g_string_append (deep, "</artist>");
  assert_text_refused (deep->str, deep->len, SW_NFO_ERROR_MALFORMED);

  huge = g_malloc0 (SW_NFO_MAX_SIZE + 1);
  memset (huge, ' ', SW_NFO_MAX_SIZE + 1);
  assert_text_refused (huge, SW_NFO_MAX_SIZE + 1, SW_NFO_ERROR_TOO_LARGE);
}

/* DOCTYPE inside a comment or CDATA is text, not a declaration. */
static void
test_parse_doctype_in_text (void)
{
  g_autoptr(SwNfo) nfo =
    parse_text ("<artist><!-- <!DOCTYPE x [ ] > --><biography><![CDATA[<!DOCTYPE x [&y;]>]]>"
                "</biography></artist>");

  g_assert_cmpstr (nfo->biography, ==, "<!DOCTYPE x [&y;]>");
}

/* Round trips ------------------------------------------------------------------------- */

static const char *parseable_fixtures[] = {
  "kodi-complete.nfo", "emby.nfo", "jellyfin.nfo", "minimal.nfo", "custom-elements.nfo",
  "html-entities.nfo", "bom.nfo",
};

static void
assert_round_trip (const SwNfo *nfo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwNfo) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize length = 0;

  first = sw_nfo_to_xml (nfo, &length);
  g_assert_cmpuint (length, ==, strlen (first));
  again = sw_nfo_parse (first, length, &error);
  g_assert_no_error (error);
  if (!sw_nfo_equal (nfo, again))
    g_error ("round trip changed the NFO:\n%s", first);

  /* Writing what was read back gives the same bytes. */
  second = sw_nfo_to_xml (again, NULL);
  g_assert_cmpstr (first, ==, second);
}

static SwNfo *
make_full_nfo (void)
{
  SwNfo *nfo = sw_nfo_new ();

  nfo->name = g_strdup ("Quote \"&\" <Tag> 'Apos'");
  nfo->sort_name = g_strdup ("Sort");
  nfo->type = g_strdup ("person");
  nfo->gender = g_strdup ("female");
  nfo->disambiguation = g_strdup ("a > b");
  nfo->musicbrainz_id = g_strdup ("0a1b2c3d-0000-4000-8000-000000000002");
  nfo->audiodb_id = g_strdup ("1");
  nfo->discogs_id = g_strdup ("2");
  nfo->wikidata_id = g_strdup ("Q3");
  nfo->deezer_id = g_strdup ("4");
  nfo->spotify_id = g_strdup ("5pot");
  nfo->genres = g_strdupv ((char *[]) { (char *) "A & B", (char *) "C", NULL });
  nfo->styles = g_strdupv ((char *[]) { (char *) "S", NULL });
  nfo->moods = g_strdupv ((char *[]) { (char *) "M", NULL });
  nfo->years_active = g_strdup ("1990s");
  nfo->born = g_strdup ("1970");
  nfo->formed = g_strdup ("1980");
  nfo->died = g_strdup ("2000");
  nfo->disbanded = g_strdup ("2001");
  nfo->biography = g_strdup ("Line one\r\nLine two\twith a tab\n\nLine four ]]> end");
  nfo->lockdata = TRUE;
  nfo->stillwater_version = g_strdup ("1");
  nfo->stillwater_written = g_strdup (WRITTEN);
  g_ptr_array_add (nfo->albums, sw_nfo_album_new ("First & Last", "1999", NULL));
  g_ptr_array_add (nfo->albums, sw_nfo_album_new (NULL, NULL, "rg-1"));
  g_ptr_array_add (nfo->thumbs, sw_nfo_thumb_new ("http://x/?a=1&b=2", "thumb", "p\"q"));
  g_ptr_array_add (nfo->thumbs, sw_nfo_thumb_new (NULL, "banner", NULL));
  nfo->fanart_url = g_strdup ("http://fanart/");
  g_ptr_array_add (nfo->fanart, sw_nfo_thumb_new ("f1.jpg", NULL, "p1.jpg"));
  g_ptr_array_add (nfo->extras, g_strdup ("<custom a=\"1\">text &amp; more</custom>"));
  return nfo;
}

static void
test_round_trip (void)
{
  g_autoptr(SwNfo) full = make_full_nfo ();
  g_autoptr(SwNfo) fanart_url_only = sw_nfo_new ();

  for (guint i = 0; i < G_N_ELEMENTS (parseable_fixtures); i++)
    {
      g_autoptr(SwNfo) nfo = load_fixture (parseable_fixtures[i]);

      g_test_message ("round trip of %s", parseable_fixtures[i]);
      assert_round_trip (nfo);
    }

  assert_round_trip (full);
  fanart_url_only->fanart_url = g_strdup ("http://only/");
  assert_round_trip (fanart_url_only);
}

/* Writing ------------------------------------------------------------------------------- */

static void
test_write_format (void)
{
  g_autoptr(SwNfo) nfo = make_full_nfo ();
  g_autofree char *xml = sw_nfo_to_xml (nfo, NULL);
  const char *expected =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<artist>\n"
    "  <name>Quote \"&amp;\" &lt;Tag&gt; 'Apos'</name>\n"
    "  <sortname>Sort</sortname>\n"
    "  <type>person</type>\n"
    "  <gender>female</gender>\n"
    "  <disambiguation>a &gt; b</disambiguation>\n"
    "  <musicbrainzartistid>0a1b2c3d-0000-4000-8000-000000000002</musicbrainzartistid>\n"
    "  <audiodbartistid>1</audiodbartistid>\n"
    "  <discogsartistid>2</discogsartistid>\n"
    "  <wikidataid>Q3</wikidataid>\n"
    "  <deezerartistid>4</deezerartistid>\n"
    "  <spotifyartistid>5pot</spotifyartistid>\n"
    "  <genre>A &amp; B</genre>\n"
    "  <genre>C</genre>\n"
    "  <style>S</style>\n"
    "  <mood>M</mood>\n"
    "  <yearsactive>1990s</yearsactive>\n"
    "  <born>1970</born>\n"
    "  <formed>1980</formed>\n"
    "  <died>2000</died>\n"
    "  <disbanded>2001</disbanded>\n"
    "  <biography>Line one&#13;\nLine two\twith a tab\n\nLine four ]]&gt; end</biography>\n"
    "  <lockdata>true</lockdata>\n"
    "  <stillwater version=\"1\" written=\"" WRITTEN "\"/>\n"
    "  <album>\n"
    "    <title>First &amp; Last</title>\n"
    "    <year>1999</year>\n"
    "  </album>\n"
    "  <album>\n"
    "    <musicbrainzreleasegroupid>rg-1</musicbrainzreleasegroupid>\n"
    "  </album>\n"
    "  <thumb aspect=\"thumb\" preview=\"p&quot;q\">http://x/?a=1&amp;b=2</thumb>\n"
    "  <thumb aspect=\"banner\"></thumb>\n"
    "  <fanart url=\"http://fanart/\">\n"
    "    <thumb preview=\"p1.jpg\">f1.jpg</thumb>\n"
    "  </fanart>\n"
    "  <custom a=\"1\">text &amp; more</custom>\n"
    "</artist>\n";

  g_assert_cmpstr (xml, ==, expected);
}

static void
test_write_unwritable_text (void)
{
  g_autoptr(SwNfo) nfo = sw_nfo_new ();
  g_autoptr(SwNfo) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;

  /* A control character and a byte that is not UTF-8 cannot be in XML at all. */
  nfo->name = g_strdup ("bell\x07 and \xFF byte");
  g_ptr_array_add (nfo->thumbs, sw_nfo_thumb_new ("u", "a\tb\nc", NULL));
  xml = sw_nfo_to_xml (nfo, NULL);
  g_assert_nonnull (strstr (xml, "<name>bell\xEF\xBF\xBD and \xEF\xBF\xBD byte</name>"));
  g_assert_nonnull (strstr (xml, "aspect=\"a&#9;b&#10;c\""));

  again = sw_nfo_parse (xml, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->name, ==, "bell\xEF\xBF\xBD and \xEF\xBF\xBD byte");
  g_assert_cmpstr (((SwNfoThumb *) g_ptr_array_index (again->thumbs, 0))->aspect, ==,
                   "a\tb\nc");
}

static void
test_copy_equal (void)
{
  g_autoptr(SwNfo) a = make_full_nfo ();
  g_autoptr(SwNfo) b = sw_nfo_copy (a);
  g_autoptr(SwNfo) empty_a = sw_nfo_new ();
  g_autoptr(SwNfo) empty_b = sw_nfo_new ();

  g_assert_true (sw_nfo_equal (a, b));

  ((SwNfoAlbum *) g_ptr_array_index (b->albums, 0))->year[0] = '2';
  g_assert_false (sw_nfo_equal (a, b));
  ((SwNfoAlbum *) g_ptr_array_index (b->albums, 0))->year[0] = '1';
  g_assert_true (sw_nfo_equal (a, b));

  g_ptr_array_add (b->extras, g_strdup ("<more/>"));
  g_assert_false (sw_nfo_equal (a, b));
  g_ptr_array_remove_index (b->extras, b->extras->len - 1);

  b->lockdata = FALSE;
  g_assert_false (sw_nfo_equal (a, b));
  b->lockdata = TRUE;

  g_free (b->moods[0]);
  b->moods[0] = g_strdup ("m");
  g_assert_false (sw_nfo_equal (a, b));

  /* "" and NULL, an empty list and NULL, are the same thing. */
  empty_a->name = g_strdup ("");
  empty_a->genres = g_new0 (char *, 1);
  g_assert_true (sw_nfo_equal (empty_a, empty_b));
}

/* Artist ↔ NFO ----------------------------------------------------------------------------- */

static SwArtist *
make_artist (void)
{
  SwArtist *artist = sw_artist_new ();

  g_object_set (artist,
                "name", "Nebula Drive",
                "sort-name", "Drive, Nebula",
                "type", "group",
                "gender", "male",
                "disambiguation", "",
                "musicbrainz-id", "3f1c9a52-7d4e-4b8a-9c61-0e2d5b7a8f90",
                "genres", (char *[]) { (char *) "Shoegaze", (char *) "Ambient", NULL },
                "styles", (char *[]) { (char *) "Noise Pop", NULL },
                "moods", (char *[]) { (char *) "hazy", (char *) "Noise pop", NULL },
                "formed", "1998",
                "biography", "Bio.",
                "origin", "Reykjavík",
                NULL);
  return artist;
}

static void
test_from_artist (void)
{
  g_autoptr(SwArtist) artist = make_artist ();
  g_autoptr(SwNfo) previous = load_fixture ("kodi-complete.nfo");
  g_autoptr(SwNfo) nfo = NULL;
  g_autoptr(SwNfo) person = NULL;
  g_autoptr(SwNfo) fresh = NULL;
  g_autoptr(GDateTime) written = NULL;
  g_autoptr(JsonNode) discography = NULL;
  g_auto(SwNfoOutputOptions) options = { 0 };

  sw_nfo_output_options_init (&options);
  options.written = g_strdup (WRITTEN);

  nfo = sw_nfo_new_from_artist (artist, previous, &options);
  g_assert_cmpstr (nfo->name, ==, "Nebula Drive");
  g_assert_cmpstr (nfo->sort_name, ==, "Drive, Nebula");
  g_assert_cmpstr (nfo->type, ==, "group");
  /* A group's stored gender is not written; the origin is never an NFO element. */
  g_assert_null (nfo->gender);
  g_assert_null (nfo->disambiguation);
  assert_strv (nfo->genres, STRV ("Shoegaze", "Ambient"));
  assert_strv (nfo->styles, STRV ("Noise Pop"));
  assert_strv (nfo->moods, STRV ("hazy", "Noise pop"));
  g_assert_cmpstr (nfo->biography, ==, "Bio.");
  g_assert_false (nfo->lockdata);
  g_assert_cmpstr (nfo->stillwater_version, ==, "1");
  g_assert_cmpstr (nfo->stillwater_written, ==, WRITTEN);

  /* What the database does not hold is kept from the old file. */
  g_assert_cmpuint (nfo->albums->len, ==, 2);
  assert_album (nfo->albums, 0, "Static Bloom", "2001", "9a0e4c1d-52b7-4e6f-8d3a-1b2c3d4e5f60");
  g_assert_cmpuint (nfo->thumbs->len, ==, 2);
  g_assert_cmpuint (nfo->fanart->len, ==, 2);
  g_assert_cmpstr (nfo->fanart_url, ==, "https://img.example.org/fanart/");
  g_assert_cmpuint (nfo->extras->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (nfo->extras, 0), ==, "<path>/music/Nebula Drive/</path>");
  assert_round_trip (nfo);

  /* A person's gender is written; lockdata follows the option or the artist's lock;
   * a discography replaces the old albums. */
  discography = json_from_string ("[{\"title\": \"New One\", \"year\": 2024,"
                                  " \"musicbrainz_release_group_id\": \"rg-new\"},"
                                  " {\"title\": \"\"}, 7]", NULL);
  g_object_set (artist, "type", "person", "locked", TRUE, "discography", discography, NULL);
  person = sw_nfo_new_from_artist (artist, previous, &options);
  g_assert_cmpstr (person->gender, ==, "male");
  g_assert_true (person->lockdata);
  g_assert_cmpuint (person->albums->len, ==, 1);
  assert_album (person->albums, 0, "New One", "2024", "rg-new");

  /* Without options or a previous file: defaults, stamped now. */
  g_object_set (artist, "locked", FALSE, NULL);
  fresh = sw_nfo_new_from_artist (artist, NULL, NULL);
  g_assert_false (fresh->lockdata);
  g_assert_cmpuint (fresh->extras->len, ==, 0);
  g_assert_cmpuint (fresh->thumbs->len, ==, 0);
  written = g_date_time_new_from_iso8601 (fresh->stillwater_written, NULL);
  g_assert_nonnull (written);
  g_assert_cmpint (ABS (g_date_time_to_unix (written) - g_get_real_time () / G_USEC_PER_SEC),
                   <, 60);

  options.lockdata = TRUE;
  g_clear_pointer (&fresh, sw_nfo_free);
  fresh = sw_nfo_new_from_artist (artist, NULL, &options);
  g_assert_true (fresh->lockdata);
}

static void
assert_mapping (const SwNfoOutputOptions *options,
                const char * const       *genres,
                const char * const       *styles,
                const char * const       *moods)
{
  const char * const in_genres[] = { "Rock", "Pop", NULL };
  const char * const in_styles[] = { "Indie", "pop", NULL };
  const char * const in_moods[] = { "Calm", "INDIE", NULL };
  g_auto(GStrv) out_genres = NULL;
  g_auto(GStrv) out_styles = NULL;
  g_auto(GStrv) out_moods = NULL;

  sw_nfo_output_options_map (options, in_genres, in_styles, in_moods,
                             &out_genres, &out_styles, &out_moods);
  assert_strv (out_genres, genres);
  assert_strv (out_styles, styles);
  assert_strv (out_moods, moods);
}

static void
test_output_mapping (void)
{
  g_auto(SwNfoOutputOptions) options = { 0 };

  /* Tier 1: each list to its own element, untouched. */
  assert_mapping (NULL, STRV ("Rock", "Pop"), STRV ("Indie", "pop"), STRV ("Calm", "INDIE"));
  sw_nfo_output_options_init (&options);
  assert_mapping (&options, STRV ("Rock", "Pop"), STRV ("Indie", "pop"),
                  STRV ("Calm", "INDIE"));

  /* Tier 2: genre sources combined without case duplicates, moods kept as moods. */
  options.default_behavior = FALSE;
  g_strfreev (options.genre_sources);
  options.genre_sources = g_strdupv ((char *[]) { (char *) "genres", (char *) "styles", NULL });
  assert_mapping (&options, STRV ("Rock", "Pop", "Indie"), STRV ("Indie", "pop"),
                  STRV ("Calm", "INDIE"));
  options.moods_as_styles = TRUE;
  assert_mapping (&options, STRV ("Rock", "Pop", "Indie"), STRV ("Indie", "pop", "Calm"),
                  STRV ("Calm", "INDIE"));
  /* No sources configured: genres alone. */
  g_clear_pointer (&options.genre_sources, g_strfreev);
  assert_mapping (&options, STRV ("Rock", "Pop"), STRV ("Indie", "pop", "Calm"),
                  STRV ("Calm", "INDIE"));

  /* Tier 3 overrides everything; an element without sources gets nothing. */
  options.has_remap = TRUE;
  options.remap_genre = g_strdupv ((char *[]) { (char *) "moods", (char *) "genres", NULL });
  options.remap_style = g_strdupv ((char *[]) { (char *) "styles", (char *) "moods", NULL });
  assert_mapping (&options, STRV ("Calm", "INDIE", "Rock", "Pop"), STRV ("Indie", "pop", "Calm"),
                  NULL);
}

static void
test_output_options_from_settings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStore) store = sw_store_open (":memory:", &error);
  g_autoptr(SwSettings) settings = NULL;
  g_autoptr(JsonNode) update = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_auto(SwNfoOutputOptions) options = { 0 };

  g_assert_no_error (error);
  settings = sw_settings_new (store);

  sw_nfo_output_options_init (&options);
  options.lockdata = TRUE;
  sw_nfo_output_options_load (&options, settings);
  g_assert_true (options.default_behavior);
  g_assert_false (options.moods_as_styles);
  assert_strv (options.genre_sources, STRV ("genres"));
  g_assert_false (options.has_remap);
  /* Not a setting: left as it was. */
  g_assert_true (options.lockdata);

  update = json_from_string ("{\"default_behavior\": false, \"moods_as_styles\": true,"
                             " \"genre_sources\": [\"styles\", \"genres\"],"
                             " \"advanced_remap\": {\"mood\": [\"genres\"]}}", &error);
  g_assert_no_error (error);
  result = sw_settings_update_nfo_output (settings, update, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  sw_nfo_output_options_load (&options, settings);
  g_assert_false (options.default_behavior);
  g_assert_true (options.moods_as_styles);
  assert_strv (options.genre_sources, STRV ("styles", "genres"));
  g_assert_true (options.has_remap);
  assert_strv (options.remap_mood, STRV ("genres"));
  assert_strv (options.remap_genre, NULL);
  assert_mapping (&options, NULL, NULL, STRV ("Rock", "Pop"));

  /* A corrupt stored value reads as the default. */
  g_assert_true (sw_store_exec (store, "UPDATE settings SET value = '{not json' "
                                       "WHERE key = 'nfo.output.advanced_remap'", &error));
  g_assert_no_error (error);
  sw_nfo_output_options_load (&options, settings);
  g_assert_false (options.has_remap);
}

static guint notify_count;

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  notify_count++;
}

static void
test_apply_to_artist (void)
{
  g_autoptr(SwArtist) artist = sw_artist_new ();
  g_autoptr(SwNfo) kodi = load_fixture ("kodi-complete.nfo");
  g_autoptr(SwNfo) odd = NULL;
  g_autoptr(JsonNode) discography = NULL;
  g_autofree char *discography_text = NULL;

  g_object_set (artist,
                "name", "Folder Name",
                "biography", "Old biography",
                "born", "kept",
                "disambiguation", "locked value",
                "locked-fields", (char *[]) { (char *) "disambiguation", NULL },
                "genres", (char *[]) { (char *) "Old", NULL },
                "origin", "Somewhere",
                NULL);

  sw_nfo_apply_to_artist (kodi, artist);
  g_assert_cmpstr (artist->name, ==, "Nebula Drive");
  g_assert_cmpstr (artist->sort_name, ==, "Drive, Nebula");
  /* "Group" in the file is "group" in the vocabulary; its gender is ignored. */
  g_assert_cmpstr (artist->type, ==, "group");
  g_assert_true (artist->gender == NULL || artist->gender[0] == '\0');
  g_assert_cmpstr (artist->disambiguation, ==, "locked value");
  g_assert_cmpstr (artist->musicbrainz_id, ==, "3f1c9a52-7d4e-4b8a-9c61-0e2d5b7a8f90");
  assert_strv (artist->genres, STRV ("Shoegaze", "Dream Pop"));
  assert_strv (artist->moods, STRV ("Hazy", "Melancholic"));
  /* Empty and absent elements leave the stored value alone. */
  g_assert_cmpstr (artist->born, ==, "kept");
  g_assert_cmpstr (artist->origin, ==, "Somewhere");
  g_assert_cmpstr (artist->biography, ==, kodi->biography);
  g_assert_cmpstr (artist->disbanded, ==, "2011");

  g_object_get (artist, "discography", &discography, NULL);
  discography_text = json_to_string (discography, FALSE);
  g_assert_cmpstr (discography_text, ==,
                   "[{\"title\":\"Static Bloom\",\"year\":\"2001\","
                   "\"musicbrainz_release_group_id\":\"9a0e4c1d-52b7-4e6f-8d3a-1b2c3d4e5f60\"},"
                   "{\"title\":\"Low Orbit\",\"year\":\"2006\"}]");

  /* Importing the same file again changes nothing, so nothing is notified. */
  g_signal_connect (artist, "notify", G_CALLBACK (count_notify), NULL);
  notify_count = 0;
  sw_nfo_apply_to_artist (kodi, artist);
  g_assert_cmpuint (notify_count, ==, 0);

  /* Values the fields refuse are skipped; a person's gender is taken. */
  odd = parse_text ("<artist><type>Person</type><gender>FEMALE</gender>"
                    "<musicbrainzartistid>not-a-uuid</musicbrainzartistid>"
                    "<wikidataid>q42</wikidataid><audiodbartistid>12a</audiodbartistid>"
                    "<spotifyartistid> 4Z8W4fKeB5YxbusRsdQVPb </spotifyartistid>"
                    "<style> x </style><style>X</style></artist>");
  sw_nfo_apply_to_artist (odd, artist);
  g_assert_cmpstr (artist->type, ==, "person");
  g_assert_cmpstr (artist->gender, ==, "female");
  g_assert_cmpstr (artist->musicbrainz_id, ==, "3f1c9a52-7d4e-4b8a-9c61-0e2d5b7a8f90");
  g_assert_cmpstr (artist->wikidata_id, ==, "Q42");
  g_assert_true (artist->audiodb_id == NULL || artist->audiodb_id[0] == '\0');
  g_assert_cmpstr (artist->spotify_id, ==, "4Z8W4fKeB5YxbusRsdQVPb");
  assert_strv (artist->styles, STRV ("x"));
}

static void
test_apply_group_gender (void)
{
  g_autoptr(SwArtist) artist = sw_artist_new ();
  g_autoptr(SwArtist) locked = sw_artist_new ();
  g_autoptr(SwNfo) group = parse_text ("<artist><type>choir</type></artist>");

  /* Becoming a group clears a stored gender … */
  g_object_set (artist, "name", "A", "type", "person", "gender", "male", NULL);
  sw_nfo_apply_to_artist (group, artist);
  g_assert_cmpstr (artist->type, ==, "choir");
  g_assert_true (artist->gender == NULL || artist->gender[0] == '\0');

  /* … unless the gender is locked; a locked type is not changed at all. */
  g_object_set (locked, "name", "B", "type", "person", "gender", "male",
                "locked-fields", (char *[]) { (char *) "gender", NULL }, NULL);
  sw_nfo_apply_to_artist (group, locked);
  g_assert_cmpstr (locked->type, ==, "choir");
  g_assert_cmpstr (locked->gender, ==, "male");
}

static void
test_diff (void)
{
  g_autoptr(SwArtist) artist = make_artist ();
  g_autoptr(SwNfo) same = sw_nfo_new_from_artist (artist, NULL, NULL);
  g_autoptr(SwNfo) file = sw_nfo_copy (same);
  g_autoptr(JsonNode) none = NULL;
  g_autoptr(JsonNode) changed = NULL;
  g_autoptr(JsonNode) missing = NULL;
  JsonArray *fields;
  JsonObject *object;

  none = sw_nfo_diff (same, artist, NULL);
  object = json_node_get_object (none);
  g_assert_false (json_object_get_boolean_member (object, "has_diff"));
  fields = json_object_get_array_member (object, "fields");
  g_assert_cmpuint (json_array_get_length (fields), ==, 20);

  g_free (file->name);
  file->name = g_strdup ("Old Name");
  g_clear_pointer (&file->biography, g_free);
  file->born = g_strdup ("1900");
  g_clear_pointer (&file->genres, g_strfreev);
  file->genres = g_strdupv ((char *[]) { (char *) "Shoegaze", NULL });
  changed = sw_nfo_diff (file, artist, NULL);
  object = json_node_get_object (changed);
  g_assert_true (json_object_get_boolean_member (object, "has_diff"));
  fields = json_object_get_array_member (object, "fields");
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *entry = json_array_get_object_element (fields, i);
      const char *field = json_object_get_string_member (entry, "field");
      const char *status = json_object_get_string_member (entry, "status");
      const char *old_value = json_object_get_string_member (entry, "old_value");
      const char *new_value = json_object_get_string_member (entry, "new_value");

      if (g_str_equal (field, "name"))
        {
          g_assert_cmpstr (status, ==, "changed");
          g_assert_cmpstr (old_value, ==, "Old Name");
          g_assert_cmpstr (new_value, ==, "Nebula Drive");
        }
      else if (g_str_equal (field, "biography"))
        g_assert_cmpstr (status, ==, "added");
      else if (g_str_equal (field, "born"))
        {
          g_assert_cmpstr (status, ==, "removed");
          g_assert_cmpstr (new_value, ==, "");
        }
      else if (g_str_equal (field, "genres"))
        {
          g_assert_cmpstr (status, ==, "changed");
          g_assert_cmpstr (new_value, ==, "Shoegaze, Ambient");
        }
      else
        g_assert_cmpstr (status, ==, "unchanged");
    }

  /* No file: every value the database has is new. */
  missing = sw_nfo_diff (NULL, artist, NULL);
  fields = json_object_get_array_member (json_node_get_object (missing), "fields");
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *entry = json_array_get_object_element (fields, i);
      const char *new_value = json_object_get_string_member (entry, "new_value");

      g_assert_cmpstr (json_object_get_string_member (entry, "status"), ==,
                       new_value[0] != '\0' ? "added" : "unchanged");
    }
}

/* Files on disk ---------------------------------------------------------------------------- */

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_save (void)
{
  g_autofree char *dir = sw_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "artist.nfo", NULL);
  g_autoptr(SwNfo) nfo = make_full_nfo ();
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *file_hash = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(SwNfo) loaded = NULL;
  g_autofree char *loaded_hash = NULL;
  gint64 mtime_us = 0;
  gint64 file_mtime_us = 0;
  gint64 loaded_mtime_us = 0;
  GStatBuf st;
  mode_t old_umask;

  /* A new file is 0644 whatever the umask. */
  old_umask = umask (077);
  g_assert_true (sw_nfo_save (nfo, path, &hash, &mtime_us, &error));
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0644);

  contents = read_text (path);
  xml = sw_nfo_to_xml (nfo, NULL);
  g_assert_cmpstr (contents, ==, xml);
  g_assert_true (sw_file_fingerprint (path, &file_hash, &file_mtime_us, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hash, ==, file_hash);
  g_assert_cmpint (mtime_us, ==, file_mtime_us);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  loaded = sw_nfo_load_full (path, &loaded_hash, &loaded_mtime_us, &error);
  g_assert_no_error (error);
  g_assert_true (sw_nfo_equal (nfo, loaded));
  g_assert_cmpstr (loaded_hash, ==, hash);
  g_assert_cmpint (loaded_mtime_us, ==, mtime_us);

  /* Replacing keeps the old file's mode. */
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_free (nfo->name);
  nfo->name = g_strdup ("Renamed");
  g_assert_true (sw_nfo_save (nfo, path, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  g_clear_pointer (&contents, g_free);
  contents = read_text (path);
  g_assert_nonnull (strstr (contents, "<name>Renamed</name>"));
  g_assert_cmpuint (count_entries (dir), ==, 1);

  sw_test_remove_tree (dir);
}

/* Every failed save: an error, the old bytes exactly as they were, no temporary left. */
static void
assert_save_fails_cleanly (const SwNfo *nfo,
                           const char  *dir,
                           const char  *path,
                           const char  *old_contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *hash = NULL;
  gint64 mtime_us = -1;

  g_assert_false (sw_nfo_save (nfo, path, &hash, &mtime_us, &error));
  g_assert_error (error, G_FILE_ERROR, error->code);
  g_assert_null (hash);
  g_assert_cmpint (mtime_us, ==, -1);
  g_test_message ("refused: %s", error->message);

  if (old_contents != NULL)
    {
      contents = read_text (path);
      g_assert_cmpstr (contents, ==, old_contents);
      g_assert_cmpuint (count_entries (dir), ==, 1);
    }
}

static void
test_save_failures (void)
{
  g_autofree char *dir = sw_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "artist.nfo", NULL);
  g_autofree char *missing_dir = g_build_filename (dir, "missing", "artist.nfo", NULL);
  g_autofree char *long_name = NULL;
  g_autofree char *long_dir = NULL;
  g_autofree char *long_path = NULL;
  g_autofree char *subdir = g_build_filename (dir, "a-directory", NULL);
  g_autoptr(SwNfo) nfo = make_full_nfo ();
  g_autoptr(GError) error = NULL;
  const char *old = "<artist><name>Old content</name></artist>\n";
  struct rlimit saved_limit;
  struct rlimit small_limit;
  int fd;
  void (*saved_handler) (int);

  /* Writing fails half-way (the file size limit), as on a full disk. */
  g_assert_true (g_file_set_contents (path, old, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved_limit), ==, 0);
  small_limit = saved_limit;
  small_limit.rlim_cur = 64;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small_limit), ==, 0);
  assert_save_fails_cleanly (nfo, dir, path, old);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved_limit), ==, 0);
  signal (SIGXFSZ, saved_handler);

  /* The temporary file cannot be created: its name would be too long. */
  long_dir = g_build_filename (dir, "long", NULL);
  g_assert_cmpint (g_mkdir (long_dir, 0755), ==, 0);
  long_name = g_strnfill (250, 'n');
  long_path = g_build_filename (long_dir, long_name, NULL);
  /* g_file_set_contents() would need a longer temporary name itself. */
  fd = open (long_path, O_WRONLY | O_CREAT | O_EXCL, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, old, strlen (old)), ==, strlen (old));
  g_assert_cmpint (close (fd), ==, 0);
  assert_save_fails_cleanly (nfo, long_dir, long_path, old);

  /* The directory is missing; the target is a directory. */
  assert_save_fails_cleanly (nfo, dir, missing_dir, NULL);
  g_assert_cmpint (g_mkdir (subdir, 0755), ==, 0);
  assert_save_fails_cleanly (nfo, dir, subdir, NULL);
  g_assert_true (g_file_test (subdir, G_FILE_TEST_IS_DIR));

  sw_test_remove_tree (dir);
}

static void
test_save_read_only_dir (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SwNfo) nfo = make_full_nfo ();
  g_autoptr(GError) error = NULL;
  const char *old = "<artist><name>Read only</name></artist>\n";

  if (geteuid () == 0)
    {
      g_test_skip ("root may write into a read-only directory");
      return;
    }

  dir = sw_test_make_temp_dir ();
  path = g_build_filename (dir, "artist.nfo", NULL);
  g_assert_true (g_file_set_contents (path, old, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  assert_save_fails_cleanly (nfo, dir, path, old);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  sw_test_remove_tree (dir);
}

static void
test_fingerprint (void)
{
  g_autofree char *dir = sw_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "abc.txt", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  gint64 mtime_us = 0;
  struct timespec times[2] = { { 1700000000, 123456789 }, { 1700000000, 123456789 } };

  g_assert_true (sw_atomic_file_write (path, "abc", 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);

  g_assert_true (sw_file_fingerprint (path, &hash, &mtime_us, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hash, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpint (mtime_us, ==, G_GINT64_CONSTANT (1700000000123456));

  g_assert_false (sw_file_fingerprint (missing, NULL, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);
  g_assert_false (sw_file_fingerprint (dir, NULL, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);

  sw_test_remove_tree (dir);
}

static void
test_load_refused (void)
{
  g_autofree char *dir = sw_test_make_temp_dir ();
  g_autofree char *big = g_build_filename (dir, "big.nfo", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.nfo", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SwNfo) nfo = NULL;
  int fd;

  /* A sparse 11 MiB file is refused from its size, before anything is read. */
  fd = open (big, O_WRONLY | O_CREAT, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 11 * 1024 * 1024), ==, 0);
  close (fd);
  nfo = sw_nfo_load (big, &error);
  g_assert_null (nfo);
  g_assert_error (error, SW_NFO_ERROR, SW_NFO_ERROR_TOO_LARGE);
  g_clear_error (&error);

  nfo = sw_nfo_load (missing, &error);
  g_assert_null (nfo);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  nfo = sw_nfo_load (dir, &error);
  g_assert_null (nfo);
  g_assert_nonnull (error);

  sw_test_remove_tree (dir);
}

/* The fingerprint in the store ----------------------------------------------------------- */

static void
test_state (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwStore) store = sw_store_open (":memory:", &error);
  g_autoptr(SwEvents) events = sw_events_new ();
  g_autoptr(SwArtistService) service = NULL;
  g_autoptr(GPtrArray) artists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *hash = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *sql = NULL;
  const char *id;
  gint64 mtime_us = -1;

  g_assert_no_error (error);
  service = sw_artist_service_new (store, events);
  g_ptr_array_add (artists, make_artist ());
  g_assert_true (sw_artist_service_create (service, artists, NULL, &error));
  g_assert_no_error (error);
  id = sw_artist_get_id (g_ptr_array_index (artists, 0));

  g_assert_true (sw_nfo_state_get (store, id, &hash, &mtime_us, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hash, ==, "");
  g_assert_cmpint (mtime_us, ==, 0);
  g_clear_pointer (&hash, g_free);

  g_assert_true (sw_nfo_state_set (store, id, "abc123", G_GINT64_CONSTANT (1700000000000001),
                                   &error));
  g_assert_no_error (error);
  g_assert_true (sw_nfo_state_get (store, id, &hash, &mtime_us, &error));
  g_assert_cmpstr (hash, ==, "abc123");
  g_assert_cmpint (mtime_us, ==, G_GINT64_CONSTANT (1700000000000001));

  g_assert_false (sw_nfo_state_set (store, "no-such-artist", "x", 1, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sw_nfo_state_get (store, "no-such-artist", NULL, NULL, &error));
  g_assert_error (error, SW_STORE_ERROR, SW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  snapshot = sw_nfo_state_latest_snapshot (store, id, &error);
  g_assert_no_error (error);
  g_assert_null (snapshot);
  sql = g_strdup_printf ("INSERT INTO nfo_snapshots (id, artist_id, content, created_at) VALUES "
                         "('s1', '%s', '<artist/>', '2026-01-01T00:00:00Z'), "
                         "('s2', '%s', '<artist/>', '2026-03-01T00:00:00Z'), "
                         "('s3', '%s', '<artist/>', '2026-02-01T00:00:00Z')", id, id, id);
  g_assert_true (sw_store_exec (store, sql, &error));
  g_assert_no_error (error);
  snapshot = sw_nfo_state_latest_snapshot (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (snapshot, ==, "2026-03-01T00:00:00Z");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nfo/parse/kodi", test_parse_kodi);
  g_test_add_func ("/nfo/parse/emby", test_parse_emby);
  g_test_add_func ("/nfo/parse/jellyfin", test_parse_jellyfin);
  g_test_add_func ("/nfo/parse/minimal", test_parse_minimal);
  g_test_add_func ("/nfo/parse/custom-elements", test_parse_custom_elements);
  g_test_add_func ("/nfo/parse/html-entities", test_parse_html_entities);
  g_test_add_func ("/nfo/parse/bom", test_parse_bom);
  g_test_add_func ("/nfo/parse/tolerance", test_parse_tolerance);
  g_test_add_func ("/nfo/parse/refused", test_parse_refused);
  g_test_add_func ("/nfo/parse/doctype-in-text", test_parse_doctype_in_text);
  g_test_add_func ("/nfo/round-trip", test_round_trip);
  g_test_add_func ("/nfo/write/format", test_write_format);
  g_test_add_func ("/nfo/write/unwritable-text", test_write_unwritable_text);
  g_test_add_func ("/nfo/copy-equal", test_copy_equal);
  g_test_add_func ("/nfo/convert/from-artist", test_from_artist);
  g_test_add_func ("/nfo/convert/output-mapping", test_output_mapping);
  g_test_add_func ("/nfo/convert/options-from-settings", test_output_options_from_settings);
  g_test_add_func ("/nfo/convert/apply", test_apply_to_artist);
  g_test_add_func ("/nfo/convert/apply-group-gender", test_apply_group_gender);
  g_test_add_func ("/nfo/diff", test_diff);
  g_test_add_func ("/nfo/file/save", test_save);
  g_test_add_func ("/nfo/file/save-failures", test_save_failures);
  g_test_add_func ("/nfo/file/save-read-only-dir", test_save_read_only_dir);
  g_test_add_func ("/nfo/file/fingerprint", test_fingerprint);
  g_test_add_func ("/nfo/file/load-refused", test_load_refused);
  g_test_add_func ("/nfo/state", test_state);

  return g_test_run ();
}

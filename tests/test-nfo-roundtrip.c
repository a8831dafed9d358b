/* test-nfo-roundtrip.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-library-generator.h"
#include "sw-nfo.h"
#include "sw-test-util.h"

/* parse → write → parse is the identity on every NFO variant the generator makes
 * (complete, minimal, unknown elements, entities, BOM); the malformed and empty ones
 * are refused, never half-read. */

static void
test_generated_variants (void)
{
  g_autofree char *dir = sw_test_make_temp_dir ();
  g_autofree char *root = g_build_filename (dir, "Music", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) folders = NULL;
  SwLibraryGeneratorOptions options;
  guint round_trips = 0, refused = 0;
  const char *name;

  sw_library_generator_options_init (&options);
  options.artists = 240;
  options.seed = 9;
  options.albums_per_artist = 1;
  options.write_images = FALSE;
  g_assert_true (sw_library_generate (root, &options, NULL, &error));
  g_assert_no_error (error);

  folders = g_dir_open (root, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (folders)) != NULL)
    {
      g_autofree char *path = g_build_filename (root, name, "artist.nfo", NULL);
      g_autofree char *contents = NULL;
      g_autofree char *xml = NULL;
      g_autofree char *xml_again = NULL;
      g_autoptr(SwNfo) first = NULL;
      g_autoptr(SwNfo) second = NULL;
      g_autoptr(GError) parse_error = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, NULL, NULL))
        continue;

      first = sw_nfo_parse (contents, -1, &parse_error);
      if (first == NULL)
        {
          g_assert_true (g_error_matches (parse_error, SW_NFO_ERROR, SW_NFO_ERROR_MALFORMED) ||
                         g_error_matches (parse_error, SW_NFO_ERROR, SW_NFO_ERROR_EMPTY));
          refused++;
          continue;
        }

      xml = sw_nfo_to_xml (first, &length);
      second = sw_nfo_parse (xml, (gssize) length, &parse_error);
      g_assert_no_error (parse_error);
      if (!sw_nfo_equal (first, second))
        g_error ("%s does not survive a round trip:\n%s", path, xml);
      /* Writing what was read back gives the same bytes. */
      xml_again = sw_nfo_to_xml (second, NULL);
      g_assert_cmpstr (xml_again, ==, xml);
      round_trips++;
    }

  g_test_message ("%u round trips, %u refused", round_trips, refused);
  g_assert_cmpuint (round_trips, >, 100);
  g_assert_cmpuint (refused, >, 0);
  sw_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nfo-roundtrip/generated-variants", test_generated_variants);

  return g_test_run ();
}

/* test-image-files.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "sw-image-folder.h"
#include "sw-image-naming.h"
#include "sw-image-probe.h"
#include "sw-platform-service.h"
#include "sw-test-util.h"

/* Header probing on real encoder output (gdk-pixbuf) and hand-built WebP headers,
 * truncated at every length and damaged byte by byte; the file naming of every seeded
 * platform profile, read from a real store; and the folder guard. */

/* Sample images ---------------------------------------------------------------------- */

static GBytes *
encode (const char *type,
        int         width,
        int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, 0x3366aaff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, type, &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, length);
}

static void
put_le32 (GByteArray *array,
          guint32     value)
{
  guint8 bytes[4] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24 };

  g_byte_array_append (array, bytes, 4);
}

/* "RIFF" size "WEBP", one chunk header and its payload, padded with a little image
 * data so the file is longer than its header. */
static GBytes *
webp_file (const char   *fourcc,
           const guint8 *payload,
           guint         payload_length)
{
  GByteArray *array = g_byte_array_new ();
  static const guint8 tail[16] = { 0 };

  g_byte_array_append (array, (const guint8 *) "RIFF", 4);
  put_le32 (array, 4 + 8 + payload_length + sizeof tail);
  g_byte_array_append (array, (const guint8 *) "WEBP", 4);
  g_byte_array_append (array, (const guint8 *) fourcc, 4);
  put_le32 (array, payload_length + sizeof tail);
  g_byte_array_append (array, payload, payload_length);
  g_byte_array_append (array, tail, sizeof tail);
  return g_byte_array_free_to_bytes (array);
}

/* Lossy: frame tag (key frame), start code, 14-bit width and height. */
static GBytes *
webp_vp8 (guint width,
          guint height)
{
  guint8 payload[10] = { 0x50, 0x02, 0x00, 0x9d, 0x01, 0x2a,
                         width & 0xff, (width >> 8) & 0x3f, height & 0xff, (height >> 8) & 0x3f };

  return webp_file ("VP8 ", payload, sizeof payload);
}

/* Lossless: signature, then width − 1 and height − 1 in 14 bits each, version 0. */
static GBytes *
webp_vp8l (guint width,
           guint height)
{
  guint32 bits = (width - 1) | ((height - 1) << 14);
  guint8 payload[5] = { 0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, bits >> 24 };

  return webp_file ("VP8L", payload, sizeof payload);
}

/* Extended: flags, reserved, canvas width − 1 and height − 1 in 24 bits each. */
static GBytes *
webp_vp8x (guint width,
           guint height)
{
  guint w = width - 1, h = height - 1;
  guint8 payload[10] = { 0x10, 0, 0, 0, w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff,
                         h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff };

  return webp_file ("VP8X", payload, sizeof payload);
}

/* A JPEG with @segments inserted right after SOI (e.g. a large EXIF block). */
static GBytes *
jpeg_with_prefix (GBytes       *jpeg,
                  const guint8 *segments,
                  gsize         length)
{
  GByteArray *array = g_byte_array_new ();
  gsize size;
  const guint8 *data = g_bytes_get_data (jpeg, &size);

  g_byte_array_append (array, data, 2);
  g_byte_array_append (array, segments, length);
  g_byte_array_append (array, data + 2, size - 2);
  return g_byte_array_free_to_bytes (array);
}

/* An APPn segment of @payload_length bytes of zeros. */
static void
append_segment (GByteArray *array,
                guint8      marker,
                guint       payload_length)
{
  guint8 header[4] = { 0xff, marker, (payload_length + 2) >> 8, (payload_length + 2) & 0xff };
  g_autofree guint8 *payload = g_malloc0 (payload_length);

  g_byte_array_append (array, header, 4);
  g_byte_array_append (array, payload, payload_length);
}

static char *
write_temp (const char *dir,
            const char *name,
            GBytes     *bytes)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_probe (GBytes        *bytes,
              SwImageFormat  format,
              guint          width,
              guint          height)
{
  SwImageProbe probe = { 0 };
  g_autoptr(GError) error = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  g_assert_true (sw_image_probe_bytes (data, length, &probe, &error));
  g_assert_no_error (error);
  g_assert_cmpint (probe.format, ==, format);
  g_assert_cmpuint (probe.width, ==, width);
  g_assert_cmpuint (probe.height, ==, height);
}

static void
assert_probe_fails (const guint8      *data,
                    gsize              length,
                    SwImageProbeError  code)
{
  SwImageProbe probe = { SW_IMAGE_FORMAT_PNG, 7, 7 };
  g_autoptr(GError) error = NULL;

  g_assert_false (sw_image_probe_bytes (data, length, &probe, &error));
  g_assert_error (error, SW_IMAGE_PROBE_ERROR, (gint) code);
  /* The output is left alone on failure. */
  g_assert_cmpint (probe.format, ==, SW_IMAGE_FORMAT_PNG);
  g_assert_cmpuint (probe.width, ==, 7);
}

/* Probing ------------------------------------------------------------------------------ */

static void
test_probe_encoded (void)
{
  g_autoptr(GBytes) jpeg = encode ("jpeg", 37, 23);
  g_autoptr(GBytes) png = encode ("png", 1001, 3);
  g_autofree char *dir = sw_test_make_temp_dir ();
  g_autofree char *jpeg_path = write_temp (dir, "folder.jpg", jpeg);
  g_autofree char *png_path = write_temp (dir, "logo.png", png);
  SwImageProbe probe = { 0 };
  g_autoptr(GError) error = NULL;

  assert_probe (jpeg, SW_IMAGE_FORMAT_JPEG, 37, 23);
  assert_probe (png, SW_IMAGE_FORMAT_PNG, 1001, 3);

  g_assert_true (sw_image_probe_file (jpeg_path, &probe, &error));
  g_assert_no_error (error);
  g_assert_cmpint (probe.format, ==, SW_IMAGE_FORMAT_JPEG);
  g_assert_cmpuint (probe.width, ==, 37);
  g_assert_cmpuint (probe.height, ==, 23);

  g_assert_true (sw_image_probe_file (png_path, &probe, &error));
  g_assert_cmpint (probe.format, ==, SW_IMAGE_FORMAT_PNG);
  g_assert_cmpuint (probe.width, ==, 1001);
  g_assert_cmpuint (probe.height, ==, 3);

  g_assert_cmpstr (sw_image_format_to_string (SW_IMAGE_FORMAT_JPEG), ==, "jpeg");
  g_assert_cmpstr (sw_image_format_to_mime_type (SW_IMAGE_FORMAT_PNG), ==, "image/png");
  g_assert_cmpstr (sw_image_format_to_mime_type (SW_IMAGE_FORMAT_WEBP), ==, "image/webp");
  g_assert_null (sw_image_format_to_string (SW_IMAGE_FORMAT_UNKNOWN));

  /* A folder is not an image file. */
  g_assert_false (sw_image_probe_file (dir, &probe, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);
  g_assert_false (sw_image_probe_file ("/nonexistent/folder.jpg", &probe, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  sw_test_remove_tree (dir);
}

static void
test_probe_webp (void)
{
  g_autoptr(GBytes) lossy = webp_vp8 (1920, 1080);
  g_autoptr(GBytes) lossless = webp_vp8l (16384, 1);
  g_autoptr(GBytes) extended = webp_vp8x (20000, 300);

  assert_probe (lossy, SW_IMAGE_FORMAT_WEBP, 1920, 1080);
  assert_probe (lossless, SW_IMAGE_FORMAT_WEBP, 16384, 1);
  assert_probe (extended, SW_IMAGE_FORMAT_WEBP, 20000, 300);
}

/* A 60 KB EXIF block and three full-size ICC segments put the frame header ~250 KB into
 * the file: found by skipping, not reading, in memory and from disk. */
static void
test_probe_jpeg_large_segments (void)
{
  g_autoptr(GBytes) plain = encode ("jpeg", 640, 360);
  g_autoptr(GByteArray) segments = g_byte_array_new ();
  g_autoptr(GBytes) big = NULL;
  g_autofree char *dir = sw_test_make_temp_dir ();
  g_autofree char *path = NULL;
  static const guint8 fill[] = { 0xff, 0xff, 0xff };
  SwImageProbe probe = { 0 };
  g_autoptr(GError) error = NULL;

  append_segment (segments, 0xe1, 60000);
  for (guint i = 0; i < 3; i++)
    append_segment (segments, 0xe2, 65533);
  /* Fill bytes before a marker, and a restart marker standing alone. */
  g_byte_array_append (segments, fill, sizeof fill);
  append_segment (segments, 0xfe, 10);
  g_byte_array_append (segments, (const guint8 *) "\xff\xd3", 2);
  big = jpeg_with_prefix (plain, segments->data, segments->len);
  g_assert_cmpuint (g_bytes_get_size (big), >, 3 * SW_IMAGE_PROBE_MAX_READ);

  assert_probe (big, SW_IMAGE_FORMAT_JPEG, 640, 360);
  path = write_temp (dir, "fanart.jpg", big);
  g_assert_true (sw_image_probe_file (path, &probe, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (probe.width, ==, 640);
  g_assert_cmpuint (probe.height, ==, 360);

  sw_test_remove_tree (dir);
}

/* Every prefix shorter than the header fails, every longer one gives the same answer,
 * and the header ends where it should (never past the file). Prefixes are also probed
 * from disk, through the windowed reader. */
static void
check_truncations (GBytes *bytes,
                   gsize   header_at_most)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  SwImageProbe whole = { 0 };
  gsize threshold = G_MAXSIZE;
  g_autofree char *dir = sw_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cut", NULL);

  g_assert_true (sw_image_probe_bytes (data, length, &whole, NULL));

  for (gsize cut = 0; cut <= length; cut++)
    {
      /* A copy of exactly @cut bytes, so ASan sees any read past it. */
      g_autofree guint8 *copy = g_memdup2 (data, MAX (cut, 1));
      SwImageProbe probe = { 0 };
      g_autoptr(GError) error = NULL;
      gboolean ok = sw_image_probe_bytes (copy, cut, &probe, &error);

      if (ok)
        {
          g_assert_no_error (error);
          g_assert_cmpint (probe.format, ==, whole.format);
          g_assert_cmpuint (probe.width, ==, whole.width);
          g_assert_cmpuint (probe.height, ==, whole.height);
          threshold = MIN (threshold, cut);
        }
      else
        {
          g_assert_true (g_error_matches (error, SW_IMAGE_PROBE_ERROR,
                                          SW_IMAGE_PROBE_ERROR_TRUNCATED) ||
                         g_error_matches (error, SW_IMAGE_PROBE_ERROR,
                                          SW_IMAGE_PROBE_ERROR_UNSUPPORTED));
          /* Once the header is complete it stays complete. */
          g_assert_cmpuint (threshold, ==, G_MAXSIZE);
        }

      if (cut <= header_at_most + 2 || cut % 997 == 0)
        {
          SwImageProbe from_disk = { 0 };
          gboolean disk_ok;

          g_assert_true (g_file_set_contents (path, (const char *) copy, cut, NULL));
          disk_ok = sw_image_probe_file (path, &from_disk, NULL);
          g_assert_cmpint (disk_ok, ==, ok);
          if (ok)
            g_assert_cmpuint (from_disk.width, ==, whole.width);
        }
    }
  g_assert_cmpuint (threshold, <=, header_at_most);
  g_assert_cmpuint (threshold, >, 0);

  sw_test_remove_tree (dir);
}

static void
test_probe_truncated (void)
{
  g_autoptr(GBytes) jpeg = encode ("jpeg", 64, 48);
  g_autoptr(GBytes) png = encode ("png", 64, 48);
  g_autoptr(GBytes) lossy = webp_vp8 (300, 200);
  g_autoptr(GBytes) lossless = webp_vp8l (300, 200);
  g_autoptr(GBytes) extended = webp_vp8x (300, 200);
  gsize jpeg_length;
  const guint8 *jpeg_data = g_bytes_get_data (jpeg, &jpeg_length);
  gsize sof = 0;

  /* The JPEG header ends after the frame header: its marker, length and six bytes. */
  for (gsize i = 2; i + 1 < jpeg_length && sof == 0; i++)
    if (jpeg_data[i] == 0xff && jpeg_data[i + 1] == 0xc0)
      sof = i;
  g_assert_cmpuint (sof, >, 0);

  check_truncations (jpeg, sof + 2 + 2 + 6);
  check_truncations (png, 33);
  check_truncations (lossy, 30);
  check_truncations (lossless, 25);
  check_truncations (extended, 30);
}

/* Every byte of the headers replaced by a few values: a clean answer each time, either
 * an error or believable dimensions, and no read outside the buffer (ASan). */
static void
damage_bytes (GBytes *bytes,
              gsize   first_bytes)
{
  static const guint8 values[] = { 0x00, 0x01, 0x7f, 0xc0, 0xd9, 0xda, 0xfe, 0xff };
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  for (gsize i = 0; i < MIN (first_bytes, length); i++)
    for (guint v = 0; v < G_N_ELEMENTS (values) + 1; v++)
      {
        g_autofree guint8 *copy = g_memdup2 (data, length);
        SwImageProbe probe = { 0 };
        g_autoptr(GError) error = NULL;

        copy[i] = v < G_N_ELEMENTS (values) ? values[v] : (guint8) ~data[i];
        if (sw_image_probe_bytes (copy, length, &probe, &error))
          {
            g_assert_no_error (error);
            g_assert_cmpint (probe.format, !=, SW_IMAGE_FORMAT_UNKNOWN);
            g_assert_cmpuint (probe.width, >, 0);
            g_assert_cmpuint (probe.height, >, 0);
          }
        else
          {
            g_assert_nonnull (error);
            g_assert_true (error->domain == SW_IMAGE_PROBE_ERROR);
          }
      }
}

static void
test_probe_damaged (void)
{
  g_autoptr(GBytes) jpeg = encode ("jpeg", 64, 48);
  g_autoptr(GBytes) png = encode ("png", 64, 48);
  g_autoptr(GBytes) lossy = webp_vp8 (300, 200);
  g_autoptr(GBytes) lossless = webp_vp8l (300, 200);
  g_autoptr(GBytes) extended = webp_vp8x (300, 200);
  gsize png_length;
  const guint8 *png_data = g_bytes_get_data (png, &png_length);

  damage_bytes (jpeg, 1024);
  damage_bytes (png, 64);
  damage_bytes (lossy, 40);
  damage_bytes (lossless, 40);
  damage_bytes (extended, 40);

  /* The PNG header is checksummed: any change to its first 33 bytes is caught. */
  for (gsize i = 0; i < 33; i++)
    {
      g_autofree guint8 *copy = g_memdup2 (png_data, png_length);
      g_autoptr(GError) error = NULL;

      copy[i] ^= 0x10;
      g_assert_false (sw_image_probe_bytes (copy, png_length, NULL, &error));
      g_assert_nonnull (error);
    }
}

static void
test_probe_hostile (void)
{
  static const guint8 zero_length[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x00, 0, 0, 0, 0 };
  static const guint8 one_length[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01, 0, 0, 0, 0 };
  static const guint8 scan_first[] = { 0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 0, 0, 0, 0, 0, 0 };
  static const guint8 ends_early[] = { 0xff, 0xd8, 0xff, 0xd9 };
  static const guint8 short_frame[] = { 0xff, 0xd8, 0xff, 0xc0, 0x00, 0x05, 8, 0, 1, 0, 1 };
  static const guint8 no_pixels[] = { 0xff, 0xd8, 0xff, 0xc2, 0x00, 0x0b, 8, 0, 0, 0, 9, 3,
                                      0, 0, 0 };
  static const guint8 far_segment[] = { 0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 1, 2, 3 };
  static const guint8 text[] = "<html>not an image</html>";
  g_autoptr(GByteArray) many = g_byte_array_new ();
  g_autoptr(GByteArray) garbage = g_byte_array_new ();
  g_autoptr(GBytes) huge_canvas = webp_vp8x (1 << 24, 1 << 24);
  g_autoptr(GBytes) not_key_frame = webp_vp8 (10, 10);
  g_autoptr(GBytes) lossless = webp_vp8l (10, 10);
  g_autoptr(GBytes) png = encode ("png", 4, 4);
  g_autofree guint8 *bad_frame = NULL;
  g_autofree guint8 *bad_version = NULL;
  g_autofree guint8 *small_riff = NULL;
  g_autofree guint8 *png_zero = NULL;
  gsize size;

  assert_probe_fails (zero_length, sizeof zero_length, SW_IMAGE_PROBE_ERROR_CORRUPT);
  assert_probe_fails (one_length, sizeof one_length, SW_IMAGE_PROBE_ERROR_CORRUPT);
  assert_probe_fails (scan_first, sizeof scan_first, SW_IMAGE_PROBE_ERROR_CORRUPT);
  assert_probe_fails (ends_early, sizeof ends_early, SW_IMAGE_PROBE_ERROR_CORRUPT);
  assert_probe_fails (short_frame, sizeof short_frame, SW_IMAGE_PROBE_ERROR_CORRUPT);
  assert_probe_fails (no_pixels, sizeof no_pixels, SW_IMAGE_PROBE_ERROR_CORRUPT);
  assert_probe_fails (far_segment, sizeof far_segment, SW_IMAGE_PROBE_ERROR_TRUNCATED);
  assert_probe_fails (text, sizeof text - 1, SW_IMAGE_PROBE_ERROR_UNSUPPORTED);
  assert_probe_fails (text, 0, SW_IMAGE_PROBE_ERROR_UNSUPPORTED);
  assert_probe_fails (NULL, 0, SW_IMAGE_PROBE_ERROR_UNSUPPORTED);

  /* Thousands of empty segments, and 100 KB of garbage, before any frame header. */
  g_byte_array_append (many, (const guint8 *) "\xff\xd8", 2);
  for (guint i = 0; i < 3000; i++)
    g_byte_array_append (many, (const guint8 *) "\xff\xe5\x00\x02", 4);
  assert_probe_fails (many->data, many->len, SW_IMAGE_PROBE_ERROR_CORRUPT);
  g_byte_array_append (garbage, (const guint8 *) "\xff\xd8\xff\xe0\x00\x02", 6);
  for (guint i = 0; i < 100000; i++)
    g_byte_array_append (garbage, (const guint8 *) "\x42", 1);
  g_byte_array_append (garbage, (const guint8 *) "\xff\xc0\x00\x0b\x08\x00\x10\x00\x10\x03", 10);
  assert_probe_fails (garbage->data, garbage->len, SW_IMAGE_PROBE_ERROR_CORRUPT);

  assert_probe_fails (g_bytes_get_data (huge_canvas, NULL), g_bytes_get_size (huge_canvas),
                      SW_IMAGE_PROBE_ERROR_CORRUPT);

  bad_frame = g_bytes_unref_to_data (g_bytes_ref (not_key_frame), &size);
  bad_frame[20] |= 1;
  assert_probe_fails (bad_frame, size, SW_IMAGE_PROBE_ERROR_CORRUPT);

  bad_version = g_bytes_unref_to_data (g_bytes_ref (lossless), &size);
  bad_version[24] |= 0x20;
  assert_probe_fails (bad_version, size, SW_IMAGE_PROBE_ERROR_CORRUPT);

  small_riff = g_bytes_unref_to_data (g_bytes_ref (lossless), &size);
  small_riff[4] = 4;
  small_riff[5] = small_riff[6] = small_riff[7] = 0;
  assert_probe_fails (small_riff, size, SW_IMAGE_PROBE_ERROR_CORRUPT);

  /* Width 0 with a correct checksum is still refused. */
  png_zero = g_bytes_unref_to_data (g_bytes_ref (png), &size);
  memset (png_zero + 16, 0, 4);
  {
    guint32 crc = 0xffffffff;

    for (guint i = 12; i < 29; i++)
      {
        crc ^= png_zero[i];
        for (guint bit = 0; bit < 8; bit++)
          crc = (crc >> 1) ^ (0xedb88320 & (0 - (crc & 1)));
      }
    crc ^= 0xffffffff;
    png_zero[29] = crc >> 24;
    png_zero[30] = (crc >> 16) & 0xff;
    png_zero[31] = (crc >> 8) & 0xff;
    png_zero[32] = crc & 0xff;
  }
  assert_probe_fails (png_zero, size, SW_IMAGE_PROBE_ERROR_CORRUPT);
}

static void
test_content_hash (void)
{
  g_autofree char *dir = sw_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "abc.jpg", NULL);
  g_autofree char *big_path = g_build_filename (dir, "big.jpg", NULL);
  g_autofree guint8 *big = g_malloc (300 * 1024 + 7);
  g_autofree char *expected = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *big_hash = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "abc", 3, NULL));
  hash = sw_image_content_hash (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hash, ==,
                   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

  /* Longer than one read buffer. */
  for (gsize i = 0; i < 300 * 1024 + 7; i++)
    big[i] = (guint8) (i * 31 + 7);
  g_assert_true (g_file_set_contents (big_path, (const char *) big, 300 * 1024 + 7, NULL));
  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, big, 300 * 1024 + 7);
  big_hash = sw_image_content_hash (big_path, &error);
  g_assert_cmpstr (big_hash, ==, expected);

  g_assert_null (sw_image_content_hash ("/nonexistent/abc.jpg", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  sw_test_remove_tree (dir);
}

static void
test_low_res (void)
{
  g_assert_true (sw_image_is_low_res ("thumb", 499, 1000));
  g_assert_true (sw_image_is_low_res ("thumb", 1000, 499));
  g_assert_false (sw_image_is_low_res ("thumb", 500, 500));
  g_assert_true (sw_image_is_low_res ("fanart", 959, 540));
  g_assert_true (sw_image_is_low_res ("fanart", 1920, 539));
  g_assert_false (sw_image_is_low_res ("fanart", 960, 540));
  g_assert_true (sw_image_is_low_res ("background", 959, 540));
  g_assert_true (sw_image_is_low_res ("logo", 399, 155));
  g_assert_false (sw_image_is_low_res ("logo", 400, 155));
  g_assert_true (sw_image_is_low_res ("hdlogo", 400, 154));
  g_assert_true (sw_image_is_low_res ("banner", 757, 140));
  g_assert_false (sw_image_is_low_res ("banner", 758, 140));
  g_assert_true (sw_image_is_low_res ("widethumb", 499, 500));
  g_assert_true (sw_image_is_low_res ("clearart", 400, 400));
  g_assert_false (sw_image_is_low_res ("clearart", 500, 500));
  /* Not measured is not low. */
  g_assert_false (sw_image_is_low_res ("thumb", 0, 0));
  g_assert_false (sw_image_is_low_res ("fanart", 0, 100));
  g_assert_false (sw_image_is_low_res (NULL, 10, 0));
}

/* Naming ---------------------------------------------------------------------------------- */

typedef struct
{
  SwStore *store;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->store = sw_store_open (":memory:", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
}

static SwPlatformProfile *
seeded (Fixture    *fixture,
        const char *id)
{
  g_autoptr(GError) error = NULL;
  SwPlatformProfile *profile = sw_platform_service_get (fixture->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (profile);
  return profile;
}

/* The matches as "slot:index:number:name" lines, for one comparison. */
static char *
describe (GPtrArray *files)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < files->len; i++)
    {
      const SwImageFile *file = g_ptr_array_index (files, i);

      g_string_append_printf (text, "%s%s:%u:%u:%s", i > 0 ? " " : "", file->slot, file->index,
                              file->number, file->file_name);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
match (SwPlatformProfile  *profile,
       const char * const *names)
{
  g_autoptr(GPtrArray) files = sw_image_naming_match (profile, names);

  return describe (files);
}

static void
test_naming_seeded_profiles (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(SwPlatformProfile) kodi = seeded (fixture, "kodi");
  g_autoptr(SwPlatformProfile) emby = seeded (fixture, "emby");
  g_autoptr(SwPlatformProfile) jellyfin = seeded (fixture, "jellyfin");
  g_autoptr(SwPlatformProfile) plex = seeded (fixture, "plex");
  const char * const kodi_folder[] = {
    "artist.nfo", "Folder.JPG", "fanart.jpg", "fanart1.jpg", "fanart2.png", "logo.png",
    "banner.jpg", "cover.jpg", "Album (1999)", NULL
  };
  const char * const emby_folder[] = {
    "folder.jpg", "backdrop.jpg", "backdrop2.jpg", "backdrop3.jpg", "fanart.jpg", "logo.png",
    NULL
  };
  const char * const both_thumbs[] = { "folder.jpg", "artist.jpg", "fanart.jpg", "fanart2.jpg",
                                       NULL };
  g_autofree char *kodi_result = match (kodi, kodi_folder);
  g_autofree char *emby_result = match (emby, emby_folder);
  g_autofree char *jellyfin_result = match (jellyfin, emby_folder);
  g_autofree char *kodi_emby_folder = match (kodi, emby_folder);
  g_autofree char *plex_result = match (plex, both_thumbs);
  g_autofree char *kodi_both = match (kodi, both_thumbs);

  g_assert_cmpstr (kodi_result, ==,
                   "thumb:0:0:Folder.JPG fanart:0:0:fanart.jpg fanart:1:1:fanart1.jpg "
                   "fanart:2:2:fanart2.png logo:0:0:logo.png banner:0:0:banner.jpg");
  /* backdrop is Emby's convention; the stray fanart.jpg is not a second family. */
  g_assert_cmpstr (emby_result, ==,
                   "thumb:0:0:folder.jpg fanart:0:0:backdrop.jpg fanart:1:2:backdrop2.jpg "
                   "fanart:2:3:backdrop3.jpg logo:0:0:logo.png");
  g_assert_cmpstr (jellyfin_result, ==, emby_result);
  /* Kodi's own name wins in the same folder. */
  g_assert_cmpstr (kodi_emby_folder, ==,
                   "thumb:0:0:folder.jpg fanart:0:0:fanart.jpg logo:0:0:logo.png");
  /* Plex names the thumbnail artist.jpg; Kodi folder.jpg. */
  g_assert_cmpstr (plex_result, ==,
                   "thumb:0:0:artist.jpg fanart:0:0:fanart.jpg fanart:1:2:fanart2.jpg");
  g_assert_cmpstr (kodi_both, ==,
                   "thumb:0:0:folder.jpg fanart:0:0:fanart.jpg fanart:1:2:fanart2.jpg");
}

static void
test_naming_edge_cases (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SwPlatformProfile) kodi = seeded (fixture, "kodi");
  g_autoptr(SwPlatformProfile) plex = seeded (fixture, "plex");
  const char * const gaps[] = { "fanart10.jpg", "fanart.jpg", "fanart3.jpg", NULL };
  const char * const same_number[] = { "fanart1.png", "FANART1.jpeg", "fanart1.jpg", "fanart.PNG",
                                       "fanart.jpg", NULL };
  const char * const no_primary[] = { "backdrop1.jpg", "fanart2.jpg", "fanart5.webp", NULL };
  const char * const only_backdrops[] = { "backdrop3.jpg", "backdrop.webp", NULL };
  const char * const not_images[] = {
    "fanart0.jpg", "fanart-1.jpg", "fanart1.gif", "fanart1234567.jpg", "myfanart.jpg",
    "fanart.jpg.bak", "folder", ".jpg", "logo.txt", "fanart 2.jpg", "fanart1a.jpg", "dir/fanart.jpg",
    NULL
  };
  const char * const extensions[] = { "folder.webp", "logo-white.png", "Banner.JPEG", NULL };
  const char * const configured_first[] = { "folder.png", "artist.png", "artist.jpg",
                                            "folder.jpeg", NULL };
  const char * const empty[] = { NULL };
  g_autofree char *gaps_result = match (kodi, gaps);
  g_autofree char *same_result = match (kodi, same_number);
  g_autofree char *no_primary_result = match (kodi, no_primary);
  g_autofree char *backdrops_result = match (kodi, only_backdrops);
  g_autofree char *not_images_result = match (kodi, not_images);
  g_autofree char *extensions_result = match (kodi, extensions);
  g_autofree char *kodi_configured = match (kodi, configured_first);
  g_autofree char *plex_configured = match (plex, configured_first);
  g_autofree char *defaults_only = match (NULL, configured_first);
  g_autofree char *empty_result = match (kodi, empty);
  g_autoptr(GPtrArray) none = sw_image_naming_match (kodi, NULL);

  /* Numbers in numeric order, gaps closed. */
  g_assert_cmpstr (gaps_result, ==,
                   "fanart:0:0:fanart.jpg fanart:1:3:fanart3.jpg fanart:2:10:fanart10.jpg");
  /* One file per number: the configured extension, case-insensitively. */
  g_assert_cmpstr (same_result, ==, "fanart:0:0:fanart.jpg fanart:1:1:fanart1.jpg");
  /* Without an unnumbered file, the first stem with numbered files is the convention. */
  g_assert_cmpstr (no_primary_result, ==, "fanart:0:2:fanart2.jpg fanart:1:5:fanart5.webp");
  g_assert_cmpstr (backdrops_result, ==,
                   "fanart:0:0:backdrop.webp fanart:1:3:backdrop3.jpg");
  g_assert_cmpstr (not_images_result, ==, "");
  g_assert_cmpstr (extensions_result, ==,
                   "thumb:0:0:folder.webp logo:0:0:logo-white.png banner:0:0:Banner.JPEG");
  /* No exact extension: byte order decides among the stem's files. */
  g_assert_cmpstr (kodi_configured, ==, "thumb:0:0:folder.jpeg");
  g_assert_cmpstr (plex_configured, ==, "thumb:0:0:artist.jpg");
  g_assert_cmpstr (defaults_only, ==, "thumb:0:0:folder.jpeg");
  g_assert_cmpstr (empty_result, ==, "");
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_naming_custom_profile (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SwPlatformProfile) custom = NULL;
  g_autoptr(GError) error = NULL;
  const char * const folder[] = { "cover.jpg", "cover.png", "folder.jpg", "wallpaper2.jpg",
                                  "wallpaper.png", "fanart.jpg", NULL };
  g_autofree char *result = NULL;
  g_autofree char *second = NULL;
  g_auto(GStrv) thumb_names = NULL;
  g_auto(GStrv) logo_names = NULL;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"id\": \"mine\", \"image_naming\": {\"thumb\": [\"cover.png\", \"folder.jpg\"],"
    " \"fanart\": \"wallpaper.png\", \"logo\": [], \"banner\": [\"banner.jpg\"]}}", -1, &error));
  custom = sw_platform_profile_new_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);

  result = match (custom, folder);
  g_assert_cmpstr (result, ==,
                   "thumb:0:0:cover.png fanart:0:0:wallpaper.png fanart:1:2:wallpaper2.jpg");

  thumb_names = sw_image_naming_names (custom, "thumb");
  g_assert_cmpstrv (thumb_names, ((const char * const []) { "cover.png", "folder.jpg", NULL }));
  /* An empty list falls back to the defaults. */
  logo_names = sw_image_naming_names (custom, "logo");
  g_assert_cmpstrv (logo_names, ((const char * const []) { "logo.png", "logo-white.png", NULL }));
  g_assert_null (sw_image_naming_names (custom, "clearart"));

  second = sw_image_naming_file_name (custom, "fanart", 1, NULL);
  g_assert_cmpstr (second, ==, "wallpaper2.png");
}

static void
test_naming_find_all (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(SwPlatformProfile) kodi = seeded (fixture, "kodi");
  const char * const folder[] = {
    "poster.webp", "folder.png", "folder.jpg", "Artist.JPG", "folder2.jpg", "cover.jpg",
    "fanart.jpg", "fanart3.png", "backdrop.jpg", "backdrop2.jpg", "fanartx.jpg", "logo.png",
    "logo-white.png", "logo-black.png", NULL
  };
  g_autoptr(GPtrArray) thumbs = sw_image_naming_find_all (kodi, "thumb", folder);
  g_autoptr(GPtrArray) fanart = sw_image_naming_find_all (kodi, "fanart", folder);
  g_autoptr(GPtrArray) logos = sw_image_naming_find_all (kodi, "logo", folder);
  g_autoptr(GPtrArray) banners = sw_image_naming_find_all (kodi, "banner", folder);

  g_assert_cmpuint (thumbs->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (thumbs, 0), ==, "Artist.JPG");
  g_assert_cmpstr (g_ptr_array_index (thumbs, 1), ==, "folder.jpg");
  g_assert_cmpstr (g_ptr_array_index (thumbs, 2), ==, "folder.png");
  g_assert_cmpstr (g_ptr_array_index (thumbs, 3), ==, "poster.webp");

  g_assert_cmpuint (fanart->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (fanart, 0), ==, "backdrop.jpg");
  g_assert_cmpstr (g_ptr_array_index (fanart, 1), ==, "backdrop2.jpg");
  g_assert_cmpstr (g_ptr_array_index (fanart, 2), ==, "fanart.jpg");
  g_assert_cmpstr (g_ptr_array_index (fanart, 3), ==, "fanart3.png");

  g_assert_cmpuint (logos->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (logos, 0), ==, "logo-white.png");
  g_assert_cmpstr (g_ptr_array_index (logos, 1), ==, "logo.png");
  g_assert_cmpuint (banners->len, ==, 0);
  g_assert_null (sw_image_naming_find_all (kodi, "poster", folder));
}

static void
test_naming_file_names (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *ids[] = { "kodi", "emby", "jellyfin", "plex", "custom" };
  /* Second fanart per profile: Kodi counts from 1, the others from 2. */
  const char *second_fanart[] = { "fanart1.jpg", "backdrop2.jpg", "backdrop2.jpg",
                                  "fanart2.jpg", "fanart2.jpg" };
  const char *thumbs[] = { "folder.jpg", "folder.jpg", "folder.jpg", "artist.jpg", "folder.jpg" };

  for (guint p = 0; p < G_N_ELEMENTS (ids); p++)
    {
      g_autoptr(SwPlatformProfile) profile = seeded (fixture, ids[p]);
      g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) found = NULL;
      g_autofree char *thumb = sw_image_naming_file_name (profile, "thumb", 0, NULL);
      g_autofree char *thumb_png = sw_image_naming_file_name (profile, "thumb", 0, ".PNG");
      g_autofree char *second = sw_image_naming_file_name (profile, "fanart", 1, NULL);
      g_autofree char *logo = sw_image_naming_file_name (profile, "logo", 0, NULL);
      g_autofree char *banner = sw_image_naming_file_name (profile, "banner", 0, "jpeg");
      g_autofree char *expected_png = NULL;

      g_assert_cmpstr (thumb, ==, thumbs[p]);
      expected_png = g_strdup_printf ("%.*s.png", (int) (strlen (thumbs[p]) - 4), thumbs[p]);
      g_assert_cmpstr (thumb_png, ==, expected_png);
      g_assert_cmpstr (second, ==, second_fanart[p]);
      g_assert_cmpstr (logo, ==, "logo.png");
      g_assert_cmpstr (banner, ==, "banner.jpeg");

      g_assert_null (sw_image_naming_file_name (profile, "thumb", 1, NULL));
      g_assert_null (sw_image_naming_file_name (profile, "fanart", 0, "gif"));
      g_assert_null (sw_image_naming_file_name (profile, "fanart", 0, ""));
      g_assert_null (sw_image_naming_file_name (profile, "clearart", 0, NULL));

      /* What a writer names, the matcher finds again, in the same order. */
      for (guint i = 0; i < 12; i++)
        g_ptr_array_add (written,
                         sw_image_naming_file_name (profile, "fanart", i, i % 2 ? "png" : NULL));
      g_ptr_array_add (written, NULL);
      found = sw_image_naming_match (profile, (const char * const *) written->pdata);
      g_assert_cmpuint (found->len, ==, 12);
      for (guint i = 0; i < 12; i++)
        {
          const SwImageFile *file = g_ptr_array_index (found, i);

          g_assert_cmpstr (file->slot, ==, "fanart");
          g_assert_cmpuint (file->index, ==, i);
          g_assert_cmpstr (file->file_name, ==, g_ptr_array_index (written, i));
        }
    }

  g_assert_true (sw_image_naming_is_slot ("banner"));
  g_assert_false (sw_image_naming_is_slot ("Banner"));
  g_assert_false (sw_image_naming_is_slot (NULL));
}

/* The folder guard ------------------------------------------------------------------------ */

static void
test_folder_guard (void)
{
  g_autofree char *root = sw_test_make_temp_dir ();
  g_autofree char *artist = g_build_filename (root, "Artist", NULL);
  g_autofree char *outside = g_build_filename (root, "secret.jpg", NULL);
  g_autofree char *inside = g_build_filename (artist, "folder.jpg", NULL);
  g_autofree char *link_out = g_build_filename (artist, "fanart.jpg", NULL);
  g_autofree char *link_in = g_build_filename (artist, "artist.jpg", NULL);
  g_autofree char *sub = g_build_filename (artist, "CD1", NULL);
  g_autofree char *fifo = g_build_filename (artist, "banner.jpg", NULL);
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;
  int fd;

  g_assert_cmpint (g_mkdir (artist, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  g_assert_true (g_file_set_contents (outside, "secret", -1, NULL));
  g_assert_true (g_file_set_contents (inside, "inside", -1, NULL));
  g_assert_cmpint (symlink ("../secret.jpg", link_out), ==, 0);
  g_assert_cmpint (symlink ("folder.jpg", link_in), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);

  names = sw_image_folder_list (artist, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (names, ((const char * const []) { "CD1", "artist.jpg", "banner.jpg",
                                                      "fanart.jpg", "folder.jpg", NULL }));

  fd = sw_image_folder_open (artist, "folder.jpg", &st, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (st.st_size, ==, 6);
  close (fd);

  /* A link to a sibling is fine; one out of the folder is not. */
  fd = sw_image_folder_open (artist, "artist.jpg", &st, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_cmpint (sw_image_folder_open (artist, "fanart.jpg", &st, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  for (guint i = 0; i < 5; i++)
    {
      const char *bad[] = { "../secret.jpg", "..", "", ".", "CD1/../folder.jpg" };

      g_assert_false (sw_image_folder_name_is_safe (bad[i]));
      g_assert_cmpint (sw_image_folder_open (artist, bad[i], &st, &error), ==, -1);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
      g_clear_error (&error);
      g_assert_false (sw_image_folder_remove (artist, bad[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
      g_clear_error (&error);
    }
  g_assert_false (sw_image_folder_name_is_safe (NULL));

  g_assert_cmpint (sw_image_folder_open (artist, "CD1", &st, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);
  /* A FIFO under an image name neither hangs nor opens. */
  g_assert_cmpint (sw_image_folder_open (artist, "banner.jpg", &st, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);
  g_assert_cmpint (sw_image_folder_open (artist, "logo.png", &st, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Removing a link removes the link, never its target; folders are refused. */
  g_assert_true (sw_image_folder_remove (artist, "fanart.jpg", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (outside, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (link_out, G_FILE_TEST_IS_SYMLINK));
  g_assert_false (sw_image_folder_remove (artist, "CD1", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);
  g_assert_true (g_file_test (sub, G_FILE_TEST_IS_DIR));
  g_assert_true (sw_image_folder_remove (artist, "folder.jpg", &error));
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
  /* Already gone is done. */
  g_assert_true (sw_image_folder_remove (artist, "folder.jpg", &error));
  g_assert_no_error (error);

  g_assert_null (sw_image_folder_list (outside, &error));
  g_assert_nonnull (error);

  sw_test_remove_tree (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/image-files/probe/encoded", test_probe_encoded);
  g_test_add_func ("/image-files/probe/webp", test_probe_webp);
  g_test_add_func ("/image-files/probe/jpeg-large-segments", test_probe_jpeg_large_segments);
  g_test_add_func ("/image-files/probe/truncated", test_probe_truncated);
  g_test_add_func ("/image-files/probe/damaged", test_probe_damaged);
  g_test_add_func ("/image-files/probe/hostile", test_probe_hostile);
  g_test_add_func ("/image-files/content-hash", test_content_hash);
  g_test_add_func ("/image-files/low-res", test_low_res);
  g_test_add ("/image-files/naming/seeded-profiles", Fixture, NULL, fixture_setup,
              test_naming_seeded_profiles, fixture_teardown);
  g_test_add ("/image-files/naming/edge-cases", Fixture, NULL, fixture_setup,
              test_naming_edge_cases, fixture_teardown);
  g_test_add ("/image-files/naming/custom-profile", Fixture, NULL, fixture_setup,
              test_naming_custom_profile, fixture_teardown);
  g_test_add ("/image-files/naming/find-all", Fixture, NULL, fixture_setup,
              test_naming_find_all, fixture_teardown);
  g_test_add ("/image-files/naming/file-names", Fixture, NULL, fixture_setup,
              test_naming_file_names, fixture_teardown);
  g_test_add_func ("/image-files/folder/guard", test_folder_guard);

  return g_test_run ();
}

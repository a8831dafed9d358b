/* sw-image-probe.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "sw-image-probe.h"
#include "sw-sha256.h"

G_DEFINE_QUARK (sw-image-probe-error-quark, sw_image_probe_error)

/* File reads go through a small window, so walking a JPEG's markers byte by byte does
 * not cost a system call per byte. */
#define WINDOW_SIZE 512
/* More segments than any real JPEG has before its frame header. */
#define MAX_JPEG_SEGMENTS 1024

typedef struct
{
  const guint8 *data;           /* in memory, or NULL for @fd */
  gsize length;
  int fd;
  /* Bytes the parser has asked for; bounded by SW_IMAGE_PROBE_MAX_READ. */
  guint64 consumed;
  guint8 window[WINDOW_SIZE];
  guint64 window_offset;
  gsize window_length;
} Source;

static gboolean
set_truncated (GError **error)
{
  g_set_error_literal (error, SW_IMAGE_PROBE_ERROR, SW_IMAGE_PROBE_ERROR_TRUNCATED,
                       _("The image file ends inside its header"));
  return FALSE;
}

static gboolean
set_corrupt (GError     **error,
             const char  *reason)
{
  g_set_error (error, SW_IMAGE_PROBE_ERROR, SW_IMAGE_PROBE_ERROR_CORRUPT,
               _("The image header is malformed: %s"), reason);
  return FALSE;
}

static gboolean
fill_window (Source   *src,
             guint64   offset,
             GError  **error)
{
  gsize filled = 0;

  while (filled < WINDOW_SIZE)
    {
      ssize_t n = pread (src->fd, src->window + filled, WINDOW_SIZE - filled,
                         (off_t) (offset + filled));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not read the image file: %s"), g_strerror (saved_errno));
          return FALSE;
        }
      if (n == 0)
        break;
      filled += (gsize) n;
    }

  src->window_offset = offset;
  src->window_length = filled;
  return TRUE;
}

/* Exactly @count bytes at @offset, or an error: truncated, over budget or I/O. */
static gboolean
source_read (Source   *src,
             guint64   offset,
             guint8   *buffer,
             gsize     count,
             GError  **error)
{
  g_assert (count <= WINDOW_SIZE);

  src->consumed += count;
  if (src->consumed > SW_IMAGE_PROBE_MAX_READ)
    return set_corrupt (error, _("no frame header in the first 64 KiB"));

  if (src->data != NULL)
    {
      if (offset > src->length || count > src->length - offset)
        return set_truncated (error);
      memcpy (buffer, src->data + offset, count);
      return TRUE;
    }

  if (offset < src->window_offset ||
      offset + count > src->window_offset + src->window_length)
    {
      if (offset > G_MAXINT64 - WINDOW_SIZE)
        return set_truncated (error);
      if (!fill_window (src, offset, error))
        return FALSE;
      if (count > src->window_length)
        return set_truncated (error);
    }
  memcpy (buffer, src->window + (offset - src->window_offset), count);
  return TRUE;
}

static guint
read_be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint
read_le16 (const guint8 *p)
{
  return p[0] | ((guint) p[1] << 8);
}

static guint32
read_le24 (const guint8 *p)
{
  return p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16);
}

static guint32
read_le32 (const guint8 *p)
{
  return read_le24 (p) | ((guint32) p[3] << 24);
}

SwImageFormat
sw_image_sniff_format (const guint8 *data,
                       gsize         length)
{
  static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (data == NULL)
    return SW_IMAGE_FORMAT_UNKNOWN;
  if (length >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return SW_IMAGE_FORMAT_JPEG;
  if (length >= 8 && memcmp (data, png_signature, 8) == 0)
    return SW_IMAGE_FORMAT_PNG;
  if (length >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return SW_IMAGE_FORMAT_WEBP;
  return SW_IMAGE_FORMAT_UNKNOWN;
}

const char *
sw_image_format_to_string (SwImageFormat format)
{
  switch (format)
    {
    case SW_IMAGE_FORMAT_JPEG:
      return "jpeg";
    case SW_IMAGE_FORMAT_PNG:
      return "png";
    case SW_IMAGE_FORMAT_WEBP:
      return "webp";
    case SW_IMAGE_FORMAT_UNKNOWN:
    default:
      return NULL;
    }
}

const char *
sw_image_format_to_mime_type (SwImageFormat format)
{
  switch (format)
    {
    case SW_IMAGE_FORMAT_JPEG:
      return "image/jpeg";
    case SW_IMAGE_FORMAT_PNG:
      return "image/png";
    case SW_IMAGE_FORMAT_WEBP:
      return "image/webp";
    case SW_IMAGE_FORMAT_UNKNOWN:
    default:
      return NULL;
    }
}

/* Start-of-frame markers carry the dimensions: SOF0–SOF15 except DHT (C4), JPG (C8)
 * and DAC (CC), which share the range. */
static gboolean
is_start_of_frame (guint8 marker)
{
  return marker >= 0xc0 && marker <= 0xcf &&
         marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
}

static gboolean
probe_jpeg (Source        *src,
            SwImageProbe  *out,
            GError       **error)
{
  guint64 offset = 2;   /* after SOI */

  for (guint segments = 0; segments < MAX_JPEG_SEGMENTS; segments++)
    {
      guint8 marker;
      guint8 field[6];
      guint length;

      /* A marker is 0xFF, any number of 0xFF fill bytes, then its code. Bytes before
       * the 0xFF are garbage, which decoders skip as well; the read budget bounds both
       * runs. */
      do
        {
          if (!source_read (src, offset++, &marker, 1, error))
            return FALSE;
        }
      while (marker != 0xff);
      do
        {
          if (!source_read (src, offset++, &marker, 1, error))
            return FALSE;
        }
      while (marker == 0xff);

      /* A stuffed zero is garbage too; TEM and the restart markers stand alone. */
      if (marker == 0x00 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        continue;
      if (marker == 0xd8 || marker == 0xd9 || marker == 0xda)
        return set_corrupt (error, _("the image data starts before the frame header"));

      if (!source_read (src, offset, field, 2, error))
        return FALSE;
      length = read_be16 (field);
      if (length < 2)
        return set_corrupt (error, _("a JPEG segment has an impossible length"));

      if (is_start_of_frame (marker))
        {
          /* precision, height, width, number of components */
          if (length < 8)
            return set_corrupt (error, _("the JPEG frame header is too short"));
          if (!source_read (src, offset + 2, field, 6, error))
            return FALSE;
          out->format = SW_IMAGE_FORMAT_JPEG;
          out->height = read_be16 (field + 1);
          out->width = read_be16 (field + 3);
          if (out->width == 0 || out->height == 0 || field[5] == 0)
            return set_corrupt (error, _("the JPEG frame header declares no pixels"));
          return TRUE;
        }

      /* Skipped, not read: this is how a large EXIF or ICC segment costs nothing. */
      offset += length;
    }

  return set_corrupt (error, _("too many JPEG segments before the frame header"));
}

static guint32
png_crc (const guint8 *data,
         gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (guint bit = 0; bit < 8; bit++)
        crc = (crc >> 1) ^ (0xedb88320 & (0 - (crc & 1)));
    }
  return crc ^ 0xffffffff;
}

/* The signature, then IHDR first: length 13, type, width, height, five single-byte
 * fields and the CRC, which is checked so a damaged size is not believed. */
static gboolean
probe_png (Source        *src,
           SwImageProbe  *out,
           GError       **error)
{
  guint8 header[33];

  if (!source_read (src, 0, header, sizeof header, error))
    return FALSE;
  if (read_be32 (header + 8) != 13 || memcmp (header + 12, "IHDR", 4) != 0)
    return set_corrupt (error, _("the PNG file does not start with its IHDR chunk"));
  if (png_crc (header + 12, 17) != read_be32 (header + 29))
    return set_corrupt (error, _("the PNG IHDR chunk fails its checksum"));

  out->format = SW_IMAGE_FORMAT_PNG;
  out->width = read_be32 (header + 16);
  out->height = read_be32 (header + 20);
  if (out->width == 0 || out->height == 0 || out->width > G_MAXINT32 || out->height > G_MAXINT32)
    return set_corrupt (error, _("the PNG dimensions are out of range"));
  return TRUE;
}

/* RIFF header, then the first chunk: lossy "VP8 ", lossless "VP8L" or extended
 * "VP8X", each with its own way of storing the size. */
static gboolean
probe_webp (Source        *src,
            SwImageProbe  *out,
            GError       **error)
{
  guint8 header[20];
  guint8 payload[10];
  guint32 riff_size;
  guint32 chunk_size;
  guint32 needed;

  if (!source_read (src, 0, header, sizeof header, error))
    return FALSE;
  riff_size = read_le32 (header + 4);
  chunk_size = read_le32 (header + 16);

  if (memcmp (header + 12, "VP8 ", 4) == 0 || memcmp (header + 12, "VP8X", 4) == 0)
    needed = 10;
  else if (memcmp (header + 12, "VP8L", 4) == 0)
    needed = 5;
  else
    return set_corrupt (error, _("the WebP file has no VP8, VP8L or VP8X chunk first"));

  /* The sizes must leave room for what is read: "WEBP", the chunk header, @needed. */
  if (chunk_size < needed || riff_size < 4 + 8 + needed)
    return set_corrupt (error, _("a WebP chunk is too small"));
  if (!source_read (src, 20, payload, needed, error))
    return FALSE;

  out->format = SW_IMAGE_FORMAT_WEBP;
  if (memcmp (header + 12, "VP8 ", 4) == 0)
    {
      /* frame tag (bit 0 clear on a key frame), start code, 14-bit sizes */
      if ((payload[0] & 1) != 0 || payload[3] != 0x9d || payload[4] != 0x01 || payload[5] != 0x2a)
        return set_corrupt (error, _("the WebP VP8 frame header is invalid"));
      out->width = read_le16 (payload + 6) & 0x3fff;
      out->height = read_le16 (payload + 8) & 0x3fff;
      if (out->width == 0 || out->height == 0)
        return set_corrupt (error, _("the WebP VP8 frame header declares no pixels"));
    }
  else if (memcmp (header + 12, "VP8L", 4) == 0)
    {
      /* signature 0x2F, then 14 bits width − 1, 14 bits height − 1, alpha, version 0 */
      guint32 bits = read_le32 (payload + 1);

      if (payload[0] != 0x2f || (bits >> 29) != 0)
        return set_corrupt (error, _("the WebP VP8L header is invalid"));
      out->width = (bits & 0x3fff) + 1;
      out->height = ((bits >> 14) & 0x3fff) + 1;
    }
  else
    {
      /* flags, three reserved bytes, 24 bits canvas width − 1, 24 bits height − 1 */
      out->width = read_le24 (payload + 4) + 1;
      out->height = read_le24 (payload + 7) + 1;
      if ((guint64) out->width * out->height > G_MAXUINT32)
        return set_corrupt (error, _("the WebP canvas is larger than the format allows"));
    }
  return TRUE;
}

static gboolean
probe_source (Source        *src,
              SwImageProbe  *out,
              GError       **error)
{
  guint8 magic[12] = { 0 };
  gsize available = sizeof magic;
  SwImageProbe result = { SW_IMAGE_FORMAT_UNKNOWN, 0, 0 };
  gboolean ok;

  /* Sniff from whatever prefix exists: a file shorter than 12 bytes is unsupported or
   * truncated, decided by the format parsers below. */
  if (src->data != NULL)
    available = MIN (src->length, sizeof magic);
  else
    {
      if (!fill_window (src, 0, error))
        return FALSE;
      available = MIN (src->window_length, sizeof magic);
    }
  memcpy (magic, src->data != NULL ? src->data : src->window, available);

  switch (sw_image_sniff_format (magic, available))
    {
    case SW_IMAGE_FORMAT_JPEG:
      ok = probe_jpeg (src, &result, error);
      break;
    case SW_IMAGE_FORMAT_PNG:
      ok = probe_png (src, &result, error);
      break;
    case SW_IMAGE_FORMAT_WEBP:
      ok = probe_webp (src, &result, error);
      break;
    case SW_IMAGE_FORMAT_UNKNOWN:
    default:
      g_set_error_literal (error, SW_IMAGE_PROBE_ERROR, SW_IMAGE_PROBE_ERROR_UNSUPPORTED,
                           _("The file is not a JPEG, PNG or WebP image"));
      return FALSE;
    }

  if (ok && out != NULL)
    *out = result;
  return ok;
}

gboolean
sw_image_probe_bytes (const guint8  *data,
                      gsize          length,
                      SwImageProbe  *out,
                      GError       **error)
{
  Source src = { 0 };

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  src.data = data != NULL ? data : (const guint8 *) "";
  src.length = length;
  src.fd = -1;
  return probe_source (&src, out, error);
}

gboolean
sw_image_probe_fd (int            fd,
                   SwImageProbe  *out,
                   GError       **error)
{
  g_autofree Source *src = g_new0 (Source, 1);

  g_return_val_if_fail (fd >= 0, FALSE);

  src->fd = fd;
  return probe_source (src, out, error);
}

gboolean
sw_image_probe_file (const char    *path,
                     SwImageProbe  *out,
                     GError       **error)
{
  int fd;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not open “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  ok = sw_image_probe_fd (fd, out, error);
  close (fd);
  return ok;
}

char *
sw_image_content_hash (const char  *path,
                       GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return sw_sha256_file (path, error);
}

gboolean
sw_image_is_low_res (const char *slot,
                     guint       width,
                     guint       height)
{
  guint min_width = 500;
  guint min_height = 500;

  if (width == 0 || height == 0)
    return FALSE;

  if (g_strcmp0 (slot, "fanart") == 0 || g_strcmp0 (slot, "background") == 0)
    {
      min_width = 960;
      min_height = 540;
    }
  else if (g_strcmp0 (slot, "logo") == 0 || g_strcmp0 (slot, "hdlogo") == 0)
    {
      min_width = 400;
      min_height = 155;
    }
  else if (g_strcmp0 (slot, "banner") == 0)
    {
      min_width = 758;
      min_height = 140;
    }

  return width < min_width || height < min_height;
}

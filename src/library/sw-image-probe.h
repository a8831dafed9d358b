/* sw-image-probe.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What an image file is, from its header alone: the format by its magic bytes and the
 * dimensions the header declares. Nothing is decoded, and at most the first
 * SW_IMAGE_PROBE_MAX_READ bytes of headers are read (a JPEG's large segments, such as
 * EXIF, are skipped over without being read). Truncated or hostile headers are errors,
 * never over-reads. */

#define SW_IMAGE_PROBE_MAX_READ (64 * 1024)

#define SW_IMAGE_PROBE_ERROR (sw_image_probe_error_quark ())

typedef enum
{
  SW_IMAGE_PROBE_ERROR_UNSUPPORTED,   /* not a JPEG, PNG or WebP file */
  SW_IMAGE_PROBE_ERROR_TRUNCATED,     /* the file ends inside the header */
  SW_IMAGE_PROBE_ERROR_CORRUPT,       /* the header is malformed */
} SwImageProbeError;

typedef enum
{
  SW_IMAGE_FORMAT_UNKNOWN,
  SW_IMAGE_FORMAT_JPEG,
  SW_IMAGE_FORMAT_PNG,
  SW_IMAGE_FORMAT_WEBP,
} SwImageFormat;

typedef struct
{
  SwImageFormat format;
  guint width;
  guint height;
} SwImageProbe;

GQuark         sw_image_probe_error_quark  (void);

/* The format the first bytes announce (3 for JPEG, 8 for PNG, 12 for WebP are enough). */
SwImageFormat  sw_image_sniff_format       (const guint8   *data,
                                            gsize           length);
/* "jpeg", "png", "webp"; NULL for SW_IMAGE_FORMAT_UNKNOWN. */
const char    *sw_image_format_to_string   (SwImageFormat   format);
/* "image/jpeg", "image/png", "image/webp"; NULL for SW_IMAGE_FORMAT_UNKNOWN. */
const char    *sw_image_format_to_mime_type (SwImageFormat  format);

gboolean       sw_image_probe_bytes        (const guint8   *data,
                                            gsize           length,
                                            SwImageProbe   *out,
                                            GError        **error);
/* Reads with pread(), so the descriptor's offset is left where it was. */
gboolean       sw_image_probe_fd           (int             fd,
                                            SwImageProbe   *out,
                                            GError        **error);
gboolean       sw_image_probe_file         (const char     *path,
                                            SwImageProbe   *out,
                                            GError        **error);

/* Lowercase hex SHA-256 of the file's bytes (artist_images.content_hash). */
char          *sw_image_content_hash       (const char     *path,
                                            GError        **error);

/* Whether an image of this size is flagged low resolution in @slot (thumb, fanart,
 * logo, banner, or the aliases hdlogo, background, widethumb; anything else is held to
 * the thumb's threshold). A zero dimension means "not measured" and is never low. */
gboolean       sw_image_is_low_res         (const char     *slot,
                                            guint           width,
                                            guint           height);

G_END_DECLS

/* sw-sha256.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <nettle/sha2.h>
#include <unistd.h>

#include "sw-sha256.h"

#define BUFFER_SIZE (128 * 1024)

static gboolean
set_error (GError     **error,
           const char  *path)
{
  int saved = errno;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path,
               g_strerror (saved));
  return FALSE;
}

char *
sw_sha256_file (const char  *path,
                GError     **error)
{
  struct sha256_ctx context;
  guint8 digest[SHA256_DIGEST_SIZE];
  g_autofree guint8 *buffer = NULL;
  char *hex;
  gssize n;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_error (error, path);
      return NULL;
    }

  sha256_init (&context);
  buffer = g_malloc (BUFFER_SIZE);
  while ((n = read (fd, buffer, BUFFER_SIZE)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_error (error, path);
          close (fd);
          return NULL;
        }
      sha256_update (&context, (size_t) n, buffer);
    }
  close (fd);
  sha256_digest (&context, sizeof digest, digest);

  hex = g_malloc (2 * sizeof digest + 1);
  for (gsize i = 0; i < sizeof digest; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", digest[i]);
  return hex;
}

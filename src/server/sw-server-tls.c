/* sw-server-tls.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sw-server-tls.h"

typedef struct
{
  guint pending;
  GCancellable *cancellable;
  GError *client_error;
  GError *server_error;
} TlsProbe;

static void
tls_probe_handshake_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  TlsProbe *probe = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The other side would otherwise wait for a peer that has given up. */
      g_cancellable_cancel (probe->cancellable);
      if (G_IS_TLS_CLIENT_CONNECTION (source))
        probe->client_error = g_steal_pointer (&error);
      else
        probe->server_error = g_steal_pointer (&error);
    }
  probe->pending--;
}

static gboolean
tls_probe_accept_cb (GTlsConnection       *connection,
                     GTlsCertificate      *peer_certificate,
                     GTlsCertificateFlags  errors,
                     gpointer              user_data)
{
  /* Only the key is on trial here, not who signed the certificate. */
  return TRUE;
}

/* GIO loads a certificate with somebody else's key without complaint, and every
 * handshake would then fail. So the pair does one handshake with itself over a
 * socket pair: the client checks the server's signature against the certificate. */
static gboolean
tls_certificate_check_key (GTlsCertificate  *certificate,
                           GError          **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSocket) server_socket = NULL;
  g_autoptr(GSocket) client_socket = NULL;
  g_autoptr(GSocketConnection) server_base = NULL;
  g_autoptr(GSocketConnection) client_base = NULL;
  g_autoptr(GIOStream) server = NULL;
  g_autoptr(GIOStream) client = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  TlsProbe probe = { 2, cancellable, NULL, NULL };
  int fds[2];

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "socketpair: %s",
                   g_strerror (saved_errno));
      return FALSE;
    }
  server_socket = g_socket_new_from_fd (fds[0], error);
  if (server_socket == NULL)
    {
      close (fds[0]);
      close (fds[1]);
      return FALSE;
    }
  client_socket = g_socket_new_from_fd (fds[1], error);
  if (client_socket == NULL)
    {
      close (fds[1]);
      return FALSE;
    }
  server_base = g_socket_connection_factory_create_connection (server_socket);
  client_base = g_socket_connection_factory_create_connection (client_socket);

  server = g_tls_server_connection_new (G_IO_STREAM (server_base), certificate, error);
  if (server == NULL)
    return FALSE;
  client = g_tls_client_connection_new (G_IO_STREAM (client_base), NULL, error);
  if (client == NULL)
    return FALSE;
  g_signal_connect (client, "accept-certificate", G_CALLBACK (tls_probe_accept_cb), NULL);

  g_main_context_push_thread_default (context);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (server), G_PRIORITY_DEFAULT, cancellable,
                                    tls_probe_handshake_cb, &probe);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (client), G_PRIORITY_DEFAULT, cancellable,
                                    tls_probe_handshake_cb, &probe);
  while (probe.pending > 0)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  /* The client's error says what is wrong (a signature that does not verify); the
   * server's only that the client gave up, unless the server failed first. */
  if (probe.client_error != NULL)
    {
      g_clear_error (&probe.server_error);
      g_propagate_error (error, probe.client_error);
      return FALSE;
    }
  if (probe.server_error != NULL)
    {
      g_propagate_error (error, probe.server_error);
      return FALSE;
    }
  return TRUE;
}

/* Loads and checks the HTTPS certificate before any socket is opened; every error
 * names the file at fault. */
GTlsCertificate *
sw_server_tls_load (const char  *cert_file,
                    const char  *key_file,
                    GError     **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) local_error = NULL;

  /* The certificate alone first, so that a later error is about the key. GLib's own
   * message names the file when it cannot be read, not when its contents are wrong. */
  certificate = g_tls_certificate_new_from_file (cert_file, &local_error);
  if (certificate == NULL)
    {
      if (local_error->domain == G_FILE_ERROR)
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                    _("TLS certificate: "));
      else
        g_set_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE,
                     _("TLS certificate %s: %s"), cert_file, local_error->message);
      return NULL;
    }
  g_clear_object (&certificate);

  certificate = g_tls_certificate_new_from_files (cert_file, key_file, &local_error);
  if (certificate == NULL)
    {
      if (local_error->domain == G_FILE_ERROR)
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), _("TLS key: "));
      else
        g_set_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE,
                     _("TLS key %s: %s"), key_file, local_error->message);
      return NULL;
    }

  if (!tls_certificate_check_key (certificate, &local_error))
    {
      g_set_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE,
                   _("TLS key %s does not match the certificate %s (%s)"), key_file, cert_file,
                   local_error->message);
      return NULL;
    }

  return g_steal_pointer (&certificate);
}

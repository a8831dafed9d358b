/* sw-http-tls.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <gnutls/gnutls.h>

#include "sw-http-tls.h"

struct _SwHttpTls
{
  gnutls_certificate_credentials_t credentials;
  gnutls_priority_t priority;
};

struct _SwHttpTlsSession
{
  gnutls_session_t session;
  gsize send_retry;             /* length of a send that must be repeated */
};

SwHttpTls *
sw_http_tls_new (GTlsCertificate  *certificate,
                 GError          **error)
{
  g_autofree char *certificate_pem = NULL;
  g_autofree char *key_pem = NULL;
  g_autoptr(SwHttpTls) tls = g_new0 (SwHttpTls, 1);
  gnutls_datum_t certificate_datum, key_datum;
  int ret;

  g_object_get (certificate, "certificate-pem", &certificate_pem,
                "private-key-pem", &key_pem, NULL);
  if (certificate_pem == NULL || key_pem == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The TLS certificate has no private key"));
      return NULL;
    }

  certificate_datum.data = (unsigned char *) certificate_pem;
  certificate_datum.size = strlen (certificate_pem);
  key_datum.data = (unsigned char *) key_pem;
  key_datum.size = strlen (key_pem);

  if ((ret = gnutls_certificate_allocate_credentials (&tls->credentials)) < 0 ||
      (ret = gnutls_certificate_set_x509_key_mem2 (tls->credentials, &certificate_datum,
                                                   &key_datum, GNUTLS_X509_FMT_PEM,
                                                   NULL, 0)) < 0 ||
      (ret = gnutls_priority_init2 (&tls->priority, NULL, NULL, 0)) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Cannot use the TLS certificate: %s"), gnutls_strerror (ret));
      return NULL;
    }

  return g_steal_pointer (&tls);
}

void
sw_http_tls_free (SwHttpTls *tls)
{
  if (tls == NULL)
    return;

  if (tls->priority != NULL)
    gnutls_priority_deinit (tls->priority);
  if (tls->credentials != NULL)
    gnutls_certificate_free_credentials (tls->credentials);
  g_free (tls);
}

SwHttpTlsSession *
sw_http_tls_session_new (SwHttpTls *tls,
                         int        fd)
{
  SwHttpTlsSession *session = g_new0 (SwHttpTlsSession, 1);

  gnutls_init (&session->session, GNUTLS_SERVER | GNUTLS_NONBLOCK | GNUTLS_NO_SIGNAL);
  gnutls_priority_set (session->session, tls->priority);
  gnutls_credentials_set (session->session, GNUTLS_CRD_CERTIFICATE, tls->credentials);
  gnutls_certificate_server_set_request (session->session, GNUTLS_CERT_IGNORE);
  gnutls_transport_set_int (session->session, fd);
  return session;
}

void
sw_http_tls_session_free (SwHttpTlsSession *session)
{
  if (session == NULL)
    return;

  gnutls_bye (session->session, GNUTLS_SHUT_WR);
  gnutls_deinit (session->session);
  g_free (session);
}

/* Maps a GnuTLS result to recv()/send() conventions. */
static gssize
session_result (SwHttpTlsSession *session,
                gssize            ret,
                gboolean         *want_write)
{
  /* A finished transfer waits for nothing: keeping an old "write" would have the
   * connection watch for writability it does not need, which is always there. */
  *want_write = FALSE;
  if (ret >= 0)
    return ret;

  if (ret == GNUTLS_E_AGAIN || ret == GNUTLS_E_INTERRUPTED)
    {
      *want_write = gnutls_record_get_direction (session->session) == 1;
      errno = EAGAIN;
      return -1;
    }

  /* A peer that closes without close_notify has simply gone. */
  if (ret == GNUTLS_E_PREMATURE_TERMINATION)
    return 0;

  g_debug ("TLS connection failed: %s", gnutls_strerror ((int) ret));
  errno = EPROTO;
  return -1;
}

int
sw_http_tls_session_handshake (SwHttpTlsSession *session,
                               gboolean         *want_write)
{
  int ret = gnutls_handshake (session->session);

  if (ret == GNUTLS_E_SUCCESS)
    return 1;
  if (!gnutls_error_is_fatal (ret))
    {
      *want_write = gnutls_record_get_direction (session->session) == 1;
      return 0;
    }

  g_debug ("TLS handshake failed: %s", gnutls_strerror (ret));
  return -1;
}

gssize
sw_http_tls_session_recv (SwHttpTlsSession *session,
                          void             *buffer,
                          gsize             length,
                          gboolean         *want_write)
{
  return session_result (session, gnutls_record_recv (session->session, buffer, length),
                         want_write);
}

gssize
sw_http_tls_session_send (SwHttpTlsSession *session,
                          const void       *buffer,
                          gsize             length,
                          gboolean         *want_write)
{
  gssize ret;

  /* GnuTLS has already encrypted the record of an interrupted send: it is finished by
   * a send of nothing, and answers with the original length. */
  if (session->send_retry > 0)
    ret = gnutls_record_send (session->session, NULL, 0);
  else
    ret = gnutls_record_send (session->session, buffer, length);

  if (ret == GNUTLS_E_AGAIN || ret == GNUTLS_E_INTERRUPTED)
    {
      if (session->send_retry == 0)
        session->send_retry = length;
    }
  else
    session->send_retry = 0;
  return session_result (session, ret, want_write);
}

gboolean
sw_http_tls_session_pending (SwHttpTlsSession *session)
{
  return gnutls_record_check_pending (session->session) > 0;
}

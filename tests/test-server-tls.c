/* test-server-tls.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>

#include "sw-test-util.h"

/* `stillwater --headless --tls-cert … --tls-key …` with the test certificate in
 * tests/data/tls, driven by a real SoupSession that trusts only that certificate. */

static const char *no_display[] = { "DISPLAY", "", "WAYLAND_DISPLAY", "", NULL };

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "tls", name, NULL);
}

/* A client that trusts the test certificate and nothing else, so a passing request
 * also proves the server presented that certificate for 127.0.0.1. */
static SoupSession *
trusting_session (void)
{
  g_autofree char *cert = fixture_path ("server.crt");
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = g_tls_file_database_new (cert, &error);
  g_assert_no_error (error);
  return soup_session_new_with_options ("tls-database", database, "timeout", 10, NULL);
}

static GSubprocess *
spawn_server (guint       port,
              const char *data_dir,
              gboolean    tls)
{
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autofree char *cert = fixture_path ("server.crt");
  g_autofree char *key = fixture_path ("server.key");
  const char *plain_args[] = {
    "--headless", "--port", port_text, "--data-dir", data_dir, NULL
  };
  const char *tls_args[] = {
    "--headless", "--port", port_text, "--data-dir", data_dir,
    "--tls-cert", cert, "--tls-key", key, NULL
  };

  return sw_test_spawn_stillwater (tls ? tls_args : plain_args, no_display,
                                   G_SUBPROCESS_FLAGS_STDOUT_PIPE);
}

/* Sends one request; NULL (and the error) when no HTTP answer came back. */
static GBytes *
send_request (SoupSession  *session,
              SoupMessage  *msg,
              GError      **error)
{
  return soup_session_send_and_read (session, msg, NULL, error);
}

static gboolean
wait_for_health (SoupSession *session,
                 const char  *url)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
      g_autoptr(GBytes) body = send_request (session, msg, NULL);

      if (body != NULL && soup_message_get_status (msg) == SOUP_STATUS_OK)
        return TRUE;
      g_usleep (20 * 1000);
    }
  return FALSE;
}

/* Stops the server and returns everything it printed on stdout. */
static char *
stop_server (GSubprocess *process)
{
  GInputStream *out = g_subprocess_get_stdout_pipe (process);
  g_autoptr(GByteArray) text = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint8 buffer[4096];
  gssize n;

  g_assert_cmpint (sw_test_terminate (process, SIGTERM), ==, 0);
  while ((n = g_input_stream_read (out, buffer, sizeof buffer, NULL, &error)) > 0)
    g_byte_array_append (text, buffer, (guint) n);
  g_assert_no_error (error);
  g_byte_array_append (text, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&text), FALSE);
}

static void
test_serves_https (void)
{
  g_autofree char *root = sw_test_make_temp_dir ();
  guint port = sw_test_find_free_port ();
  g_autoptr(GSubprocess) process = spawn_server (port, root, TRUE);
  g_autofree char *https_url = g_strdup_printf ("https://127.0.0.1:%u/api/v1/health", port);
  g_autofree char *http_url = g_strdup_printf ("http://127.0.0.1:%u/api/v1/health", port);
  g_autofree char *expected_uri = g_strdup_printf ("https://127.0.0.1:%u/api/v1", port);
  g_autofree char *cert_path = fixture_path ("server.crt");
  g_autoptr(SoupSession) session = trusting_session ();
  g_autoptr(GTlsCertificate) fixture = NULL;
  g_autofree char *printed = NULL;
  g_autoptr(GError) error = NULL;

  fixture = g_tls_certificate_new_from_file (cert_path, &error);
  g_assert_no_error (error);

  g_assert_true (wait_for_health (session, https_url));

  /* The answer came over TLS, from the fixture certificate. */
  {
    g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, https_url);
    g_autoptr(GBytes) body = send_request (session, msg, &error);
    GTlsCertificate *peer;

    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
    g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "\"ok\""));
    peer = soup_message_get_tls_peer_certificate (msg);
    g_assert_nonnull (peer);
    g_assert_true (g_tls_certificate_is_same (peer, fixture));
  }

  /* Plain HTTP on the TLS port gets no HTTP answer … */
  {
    g_autoptr(SoupSession) plain = soup_session_new_with_options ("timeout", 10, NULL);
    g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, http_url);
    g_autoptr(GBytes) body = send_request (plain, msg, &error);

    g_assert_null (body);
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  /* … and does not disturb the server. */
  {
    g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, https_url);
    g_autoptr(GBytes) body = send_request (session, msg, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  }

  /* The address it announces is https. */
  printed = stop_server (process);
  g_assert_nonnull (strstr (printed, expected_uri));

  sw_test_remove_tree (root);
}

static SoupCookie *
find_cookie (GSList     *cookies,
             const char *name)
{
  for (GSList *l = cookies; l != NULL; l = l->next)
    if (g_strcmp0 (soup_cookie_get_name (l->data), name) == 0)
      return l->data;
  return NULL;
}

/* The raw Set-Cookie header for @name, for attributes a parser might normalise. */
static char *
set_cookie_header (SoupMessage *msg,
                   const char  *name)
{
  SoupMessageHeadersIter iter;
  const char *header_name;
  const char *value;
  g_autofree char *prefix = g_strconcat (name, "=", NULL);

  soup_message_headers_iter_init (&iter, soup_message_get_response_headers (msg));
  while (soup_message_headers_iter_next (&iter, &header_name, &value))
    if (g_ascii_strcasecmp (header_name, "Set-Cookie") == 0 && g_str_has_prefix (value, prefix))
      return g_strdup (value);
  return NULL;
}

static void
post_json (SoupSession *session,
           const char  *url,
           const char  *json,
           guint        expected_status,
           SoupMessage **out_msg)
{
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(GBytes) request_body = g_bytes_new (json, strlen (json));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", request_body);
  body = send_request (session, msg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, expected_status);
  if (out_msg != NULL)
    *out_msg = g_steal_pointer (&msg);
}

/* Sets up the first administrator, logs in and checks the cookies' attributes. */
static void
assert_login_cookies (SoupSession *session,
                      const char  *api,
                      gboolean     secure)
{
  g_autofree char *setup_url = g_strconcat (api, "/auth/setup", NULL);
  g_autofree char *login_url = g_strconcat (api, "/auth/login", NULL);
  g_autofree char *health_url = g_strconcat (api, "/health", NULL);
  const char *credentials = "{\"username\":\"ada\",\"password\":\"correct horse\"}";
  g_autoptr(SoupMessage) login = NULL;
  g_autoptr(SoupMessage) health = soup_message_new (SOUP_METHOD_GET, health_url);
  g_autoptr(GBytes) health_body = NULL;
  g_autofree char *session_header = NULL;
  g_autofree char *csrf_header = NULL;
  GSList *cookies;
  SoupCookie *cookie;
  g_autoptr(GError) error = NULL;

  post_json (session, setup_url, credentials, SOUP_STATUS_CREATED, NULL);
  post_json (session, login_url, credentials, SOUP_STATUS_OK, &login);

  session_header = set_cookie_header (login, "session");
  g_assert_nonnull (session_header);
  g_assert_nonnull (strstr (session_header, "HttpOnly"));
  g_assert_nonnull (strstr (session_header, "SameSite=Lax"));
  g_assert_true ((strstr (session_header, "Secure") != NULL) == secure);

  cookies = soup_cookies_from_response (login);
  cookie = find_cookie (cookies, "session");
  g_assert_nonnull (cookie);
  g_assert_true (soup_cookie_get_http_only (cookie));
  g_assert_cmpint (soup_cookie_get_same_site_policy (cookie), ==, SOUP_SAME_SITE_POLICY_LAX);
  g_assert_true (soup_cookie_get_secure (cookie) == secure);
  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);

  /* The CSRF cookie follows the same rule. */
  health_body = send_request (session, health, &error);
  g_assert_no_error (error);
  csrf_header = set_cookie_header (health, "csrf_token");
  g_assert_nonnull (csrf_header);
  g_assert_true ((strstr (csrf_header, "Secure") != NULL) == secure);
}

static void
test_cookies_secure_only_over_tls (void)
{
  g_autofree char *root = sw_test_make_temp_dir ();
  g_autofree char *tls_dir = g_build_filename (root, "tls", NULL);
  g_autofree char *plain_dir = g_build_filename (root, "plain", NULL);
  guint tls_port = sw_test_find_free_port ();
  guint plain_port = sw_test_find_free_port ();
  g_autoptr(GSubprocess) tls_process = spawn_server (tls_port, tls_dir, TRUE);
  g_autoptr(GSubprocess) plain_process = spawn_server (plain_port, plain_dir, FALSE);
  g_autofree char *tls_api = g_strdup_printf ("https://127.0.0.1:%u/api/v1", tls_port);
  g_autofree char *plain_api = g_strdup_printf ("http://127.0.0.1:%u/api/v1", plain_port);
  g_autofree char *tls_health = g_strconcat (tls_api, "/health", NULL);
  g_autofree char *plain_health = g_strconcat (plain_api, "/health", NULL);
  g_autoptr(SoupSession) session = trusting_session ();

  g_assert_true (wait_for_health (session, tls_health));
  g_assert_true (wait_for_health (session, plain_health));

  assert_login_cookies (session, tls_api, TRUE);
  assert_login_cookies (session, plain_api, FALSE);

  g_free (stop_server (tls_process));
  g_free (stop_server (plain_process));
  sw_test_remove_tree (root);
}

/* Runs the binary to its end: exit status 1 and exactly one line on stderr, which
 * contains @expected. */
static void
assert_fails_with (const char * const *args,
                   const char * const *env,
                   const char         *expected)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *stderr_text = NULL;
  g_autoptr(GError) error = NULL;

  process = sw_test_spawn_stillwater (args, env, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                 G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &stderr_text, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_true (g_str_has_prefix (stderr_text, "stillwater: "));
  g_assert_nonnull (strstr (stderr_text, expected));
  g_assert_true (g_str_has_suffix (stderr_text, "\n"));
  g_assert_true (strchr (stderr_text, '\n') == stderr_text + strlen (stderr_text) - 1);
}

/* After a failed start the port is free and the data directory starts a plain server
 * normally: nothing half-started is left behind. */
static void
assert_clean_after_failure (guint       port,
                            const char *data_dir)
{
  g_autoptr(GSubprocess) process = spawn_server (port, data_dir, FALSE);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/api/v1/health", port);

  g_assert_true (sw_test_wait_for_http (url, 10000));
  g_free (stop_server (process));
}

static void
test_bad_files_exit_1 (void)
{
  g_autofree char *root = sw_test_make_temp_dir ();
  g_autofree char *cert = fixture_path ("server.crt");
  g_autofree char *key = fixture_path ("server.key");
  g_autofree char *other_key = fixture_path ("other.key");
  g_autofree char *missing = g_build_filename (root, "missing.key", NULL);
  g_autofree char *not_pem = g_build_filename (root, "not-pem.crt", NULL);
  guint port = sw_test_find_free_port ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  const char *missing_key[] = {
    "--headless", "--port", port_text, "--data-dir", root,
    "--tls-cert", cert, "--tls-key", missing, NULL
  };
  const char *mismatched[] = {
    "--headless", "--port", port_text, "--data-dir", root,
    "--tls-cert", cert, "--tls-key", other_key, NULL
  };
  const char *bad_cert[] = {
    "--headless", "--port", port_text, "--data-dir", root,
    "--tls-cert", not_pem, "--tls-key", key, NULL
  };
  const char *swapped[] = {
    "--headless", "--port", port_text, "--data-dir", root,
    "--tls-cert", key, "--tls-key", cert, NULL
  };

  g_assert_true (g_file_set_contents (not_pem, "not a certificate", -1, NULL));

  assert_fails_with (missing_key, no_display, missing);
  assert_fails_with (mismatched, no_display, other_key);
  assert_fails_with (mismatched, no_display, "does not match");
  assert_fails_with (bad_cert, no_display, not_pem);
  assert_fails_with (swapped, no_display, key);

  assert_clean_after_failure (port, root);
  sw_test_remove_tree (root);
}

static void
test_needs_both_files (void)
{
  g_autofree char *root = sw_test_make_temp_dir ();
  g_autofree char *cert = fixture_path ("server.crt");
  g_autofree char *key = fixture_path ("server.key");
  const char *cert_only[] = {
    "--headless", "--port", "0", "--data-dir", root, "--tls-cert", cert, NULL
  };
  const char *key_only[] = {
    "--headless", "--port", "0", "--data-dir", root, "--tls-key", key, NULL
  };
  const char *plain[] = { "--headless", "--port", "0", "--data-dir", root, NULL };
  const char *key_from_env[] = {
    "DISPLAY", "", "WAYLAND_DISPLAY", "", "STILLWATER_TLS_KEY", key, NULL
  };
  g_autofree char *db = g_build_filename (root, "stillwater.db", NULL);

  assert_fails_with (cert_only, no_display, "--tls-cert");
  assert_fails_with (key_only, no_display, "--tls-key");
  assert_fails_with (plain, key_from_env, "STILLWATER_TLS_KEY");

  /* Options are checked before anything is written. */
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  sw_test_remove_tree (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Only the files each test passes count. */
  g_unsetenv ("STILLWATER_TLS_CERT");
  g_unsetenv ("STILLWATER_TLS_KEY");

  g_test_add_func ("/server-tls/serves-https", test_serves_https);
  g_test_add_func ("/server-tls/cookies-secure-only-over-tls", test_cookies_secure_only_over_tls);
  g_test_add_func ("/server-tls/bad-files", test_bad_files_exit_1);
  g_test_add_func ("/server-tls/needs-both-files", test_needs_both_files);

  return g_test_run ();
}

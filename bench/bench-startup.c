/* bench-startup.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Measures how long `stillwater --headless` takes from spawn until its REST
 * API answers GET /api/v1/health with 200, and how long it takes to exit
 * cleanly after SIGTERM. Each run gets a free loopback port; the data
 * directory is a private temporary one. Only GLib/GIO and plain POSIX are
 * used, so the numbers do not include any HTTP client library start-up.
 */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#ifndef STILLWATER_BIN
#define STILLWATER_BIN "stillwater"
#endif

#ifndef STILLWATER_SCHEMA_DIR
#define STILLWATER_SCHEMA_DIR ""
#endif

#define POLL_INTERVAL_US 1000     /* between two connection attempts */
#define REQUEST_TIMEOUT_S 2       /* one health request, once connected */
#define LOG_TAIL_BYTES 4096       /* child output shown when a run fails */

typedef struct
{
  const char *binary;
  const char *data_dir;
  const char *log_path;
  char **envp;
  int timeout_s;
} BenchConfig;

typedef struct
{
  double ready_ms;
  double shutdown_ms;
} RunResult;

static int opt_runs = 20;
static int opt_warmup = 1;
static int opt_timeout = 10;
static char *opt_binary = NULL;
static gboolean opt_fresh = FALSE;
static gboolean opt_quiet = FALSE;

static GOptionEntry entries[] = {
  { "runs", 'n', 0, G_OPTION_ARG_INT, &opt_runs,
    "Number of measured runs (default 20)", "N" },
  { "warmup", 'w', 0, G_OPTION_ARG_INT, &opt_warmup,
    "Unmeasured runs first, to warm caches and create the data directory (default 1)", "N" },
  { "binary", 'b', 0, G_OPTION_ARG_FILENAME, &opt_binary,
    "The stillwater binary (default: the one in this build tree)", "PATH" },
  { "timeout", 't', 0, G_OPTION_ARG_INT, &opt_timeout,
    "Seconds to wait for the health endpoint, and for exit (default 10)", "SECONDS" },
  { "fresh", 'f', 0, G_OPTION_ARG_NONE, &opt_fresh,
    "Use a new empty data directory for every run (first-start cost)", NULL },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet,
    "Print only the summary", NULL },
  { NULL, 0, 0, G_OPTION_ARG_NONE, NULL, NULL, NULL }
};

static double
elapsed_ms (gint64 since_us)
{
  return (double) (g_get_monotonic_time () - since_us) / 1000.0;
}

/* Asks the kernel for a free TCP port on 127.0.0.1. The port is released
 * again before the server binds it; on a quiet machine nobody takes it in
 * between. Returns 0 on failure. */
static guint16
pick_free_port (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocket) sock = NULL;
  g_autoptr (GInetAddress) loopback = NULL;
  g_autoptr (GSocketAddress) any_port = NULL;
  g_autoptr (GSocketAddress) bound = NULL;
  guint16 port = 0;

  sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                       G_SOCKET_PROTOCOL_TCP, &error);
  if (sock == NULL)
    goto out;

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  any_port = g_inet_socket_address_new (loopback, 0);
  if (!g_socket_bind (sock, any_port, TRUE, &error))
    goto out;

  bound = g_socket_get_local_address (sock, &error);
  if (bound == NULL)
    goto out;
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

out:
  if (error != NULL)
    g_printerr ("bench-startup: cannot pick a free port: %s\n", error->message);
  if (sock != NULL)
    g_socket_close (sock, NULL);
  return port;
}

/* One GET /api/v1/health. Returns TRUE iff the server answered 200.
 * Sets *refused when nothing listens on the port yet. */
static gboolean
health_ok (GSocketAddress *address,
           guint16         port,
           gboolean       *refused)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocket) sock = NULL;
  g_autofree char *request = NULL;
  char response[1024];
  gsize have = 0;
  gsize len;
  gsize sent = 0;
  int major = 0;
  int minor = 0;
  int status = 0;

  *refused = FALSE;

  sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                       G_SOCKET_PROTOCOL_TCP, &error);
  if (sock == NULL)
    return FALSE;
  g_socket_set_timeout (sock, REQUEST_TIMEOUT_S);

  if (!g_socket_connect (sock, address, NULL, &error))
    {
      *refused = TRUE;
      return FALSE;
    }

  request = g_strdup_printf ("GET /api/v1/health HTTP/1.1\r\n"
                             "Host: 127.0.0.1:%u\r\n"
                             "Accept: application/json\r\n"
                             "Connection: close\r\n"
                             "\r\n", (guint) port);
  len = strlen (request);
  while (sent < len)
    {
      gssize n = g_socket_send (sock, request + sent, len - sent, NULL, &error);

      if (n <= 0)
        return FALSE;
      sent += (gsize) n;
    }

  /* Read the whole response (the server closes the connection after it),
   * keeping only its beginning: the status line is all that is checked. */
  for (;;)
    {
      char discard[4096];
      gssize n;

      if (have < sizeof response - 1)
        n = g_socket_receive (sock, response + have,
                              sizeof response - 1 - have, NULL, &error);
      else
        n = g_socket_receive (sock, discard, sizeof discard, NULL, &error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      if (have < sizeof response - 1)
        have += (gsize) n;
    }
  response[have] = '\0';

  if (sscanf (response, "HTTP/%d.%d %d", &major, &minor, &status) != 3)
    return FALSE;
  return status == 200;
}

/* Prints the end of the child's output, for a run that went wrong. */
static void
print_log_tail (const char *log_path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  const char *start;

  if (!g_file_get_contents (log_path, &contents, &length, NULL) || length == 0)
    return;

  start = contents;
  if (length > LOG_TAIL_BYTES)
    start = contents + length - LOG_TAIL_BYTES;
  g_printerr ("---- stillwater output (end) ----\n%s%s"
              "---------------------------------\n",
              start, contents[length - 1] == '\n' ? "" : "\n");
}

static void
describe_status (int wait_status)
{
  if (WIFEXITED (wait_status))
    g_printerr ("exit status %d", WEXITSTATUS (wait_status));
  else if (WIFSIGNALED (wait_status))
    g_printerr ("killed by signal %d (%s)", WTERMSIG (wait_status),
                g_strsignal (WTERMSIG (wait_status)));
  else
    g_printerr ("wait status 0x%x", (unsigned int) wait_status);
}

/* Waits up to timeout_s for pid to exit. Returns TRUE with *wait_status set
 * once it has; FALSE on timeout. */
static gboolean
wait_for_exit (GPid  pid,
               int   timeout_s,
               int  *wait_status)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;

  for (;;)
    {
      pid_t r = waitpid (pid, wait_status, WNOHANG);

      if (r == pid)
        return TRUE;
      if (r < 0 && errno != EINTR)
        {
          g_printerr ("bench-startup: waitpid: %s\n", g_strerror (errno));
          *wait_status = 0;
          return TRUE;
        }
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_usleep (POLL_INTERVAL_US);
    }
}

static void
kill_and_reap (GPid pid)
{
  int wait_status;

  kill (pid, SIGKILL);
  while (waitpid (pid, &wait_status, 0) < 0 && errno == EINTR)
    ;
}

/* One start/ready/stop cycle. Returns FALSE when the run failed. */
static gboolean
run_once (const BenchConfig *config,
          RunResult         *result)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) loopback = NULL;
  g_autoptr (GSocketAddress) address = NULL;
  g_autofree char *port_str = NULL;
  const char *argv[8];
  GPid pid = 0;
  guint16 port;
  int log_fd;
  int wait_status = 0;
  gint64 start_us;
  gint64 deadline_us;
  gint64 stop_us;
  gboolean ready = FALSE;
  gboolean spawned;

  port = pick_free_port ();
  if (port == 0)
    return FALSE;
  port_str = g_strdup_printf ("%u", (guint) port);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);

  argv[0] = config->binary;
  argv[1] = "--headless";
  argv[2] = "--port";
  argv[3] = port_str;
  argv[4] = "--data-dir";
  argv[5] = config->data_dir;
  argv[6] = NULL;

  log_fd = open (config->log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (log_fd < 0)
    {
      g_printerr ("bench-startup: %s: %s\n", config->log_path, g_strerror (errno));
      return FALSE;
    }

  start_us = g_get_monotonic_time ();
  spawned = g_spawn_async_with_pipes_and_fds (NULL, argv, (const char * const *) config->envp,
                                              G_SPAWN_DO_NOT_REAP_CHILD,
                                              NULL, NULL,
                                              -1, log_fd, log_fd,
                                              NULL, NULL, 0,
                                              &pid, NULL, NULL, NULL,
                                              &error);
  close (log_fd);
  if (!spawned)
    {
      g_printerr ("bench-startup: cannot start %s: %s\n", config->binary, error->message);
      return FALSE;
    }

  deadline_us = start_us + (gint64) config->timeout_s * G_USEC_PER_SEC;
  while (!ready)
    {
      gboolean refused = FALSE;

      if (health_ok (address, port, &refused))
        {
          ready = TRUE;
          break;
        }

      if (waitpid (pid, &wait_status, WNOHANG) == pid)
        {
          g_printerr ("bench-startup: stillwater exited before it was ready (");
          describe_status (wait_status);
          g_printerr (")\n");
          print_log_tail (config->log_path);
          return FALSE;
        }

      if (g_get_monotonic_time () > deadline_us)
        {
          g_printerr ("bench-startup: no 200 from http://127.0.0.1:%u/api/v1/health "
                      "within %d s\n", (guint) port, config->timeout_s);
          kill_and_reap (pid);
          print_log_tail (config->log_path);
          return FALSE;
        }

      g_usleep (POLL_INTERVAL_US);
    }
  result->ready_ms = elapsed_ms (start_us);

  stop_us = g_get_monotonic_time ();
  kill (pid, SIGTERM);
  if (!wait_for_exit (pid, config->timeout_s, &wait_status))
    {
      g_printerr ("bench-startup: stillwater did not exit within %d s of SIGTERM\n",
                  config->timeout_s);
      kill_and_reap (pid);
      print_log_tail (config->log_path);
      return FALSE;
    }
  result->shutdown_ms = elapsed_ms (stop_us);

  if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != 0)
    {
      g_printerr ("bench-startup: stillwater did not exit cleanly after SIGTERM (");
      describe_status (wait_status);
      g_printerr (")\n");
      print_log_tail (config->log_path);
      return FALSE;
    }

  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts values in place and prints min / median / p95 / max. */
static void
print_stats (const char *label,
             double     *values,
             guint       n)
{
  double median;
  guint p95_index;

  qsort (values, n, sizeof *values, compare_doubles);

  if (n % 2 == 1)
    median = values[n / 2];
  else
    median = (values[n / 2 - 1] + values[n / 2]) / 2.0;

  /* Nearest rank: the ceil (0.95 n)-th smallest value. */
  p95_index = (95 * n + 99) / 100 - 1;

  g_print ("%-36s min %8.2f   median %8.2f   p95 %8.2f   max %8.2f\n",
           label, values[0], median, values[p95_index], values[n - 1]);
}

/* The child's environment: this one, without the STILLWATER_* overrides
 * (the command line says where to listen), with settings in memory and the
 * XDG directories inside the private temporary directory. */
static char **
child_environment (const char *tmp_dir)
{
  char **envp = g_get_environ ();
  const char *schema_dir = STILLWATER_SCHEMA_DIR;
  g_autofree char *config_home = g_build_filename (tmp_dir, "config", NULL);
  g_autofree char *cache_home = g_build_filename (tmp_dir, "cache", NULL);
  g_autofree char *data_home = g_build_filename (tmp_dir, "xdg-data", NULL);

  envp = g_environ_unsetenv (envp, "STILLWATER_PORT");
  envp = g_environ_unsetenv (envp, "STILLWATER_LISTEN");
  envp = g_environ_unsetenv (envp, "STILLWATER_DATA_DIR");

  if (g_environ_getenv (envp, "GSETTINGS_SCHEMA_DIR") == NULL && schema_dir[0] != '\0')
    envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", FALSE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config_home, TRUE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", cache_home, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);

  return envp;
}

/* Removes the temporary tree (it is small and only ours). */
static void
remove_tree (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                        NULL, NULL);
  if (children != NULL)
    {
      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

          if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
            remove_tree (child);
          else
            g_unlink (child);
          g_object_unref (info);
        }
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *log_path = NULL;
  g_autofree double *ready = NULL;
  g_autofree double *shutdown = NULL;
  g_auto (GStrv) envp = NULL;
  BenchConfig config = { 0 };
  guint measured = 0;
  int failures = 0;
  int total;

  context = g_option_context_new ("- time stillwater's headless start-up and shutdown");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return 2;
    }
  if (opt_runs < 1 || opt_warmup < 0 || opt_timeout < 1)
    {
      g_printerr ("bench-startup: --runs and --timeout must be at least 1, "
                  "--warmup at least 0\n");
      return 2;
    }

  config.binary = opt_binary != NULL ? opt_binary : STILLWATER_BIN;
  if (!g_file_test (config.binary, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("bench-startup: %s is not an executable; build it first "
                  "or pass --binary PATH\n", config.binary);
      return 2;
    }

  /* SIGPIPE would kill us if the server closes a connection mid-request. */
  signal (SIGPIPE, SIG_IGN);

  tmp_dir = g_dir_make_tmp ("stillwater-bench-XXXXXX", &error);
  if (tmp_dir == NULL)
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return 2;
    }
  log_path = g_build_filename (tmp_dir, "stillwater.log", NULL);
  envp = child_environment (tmp_dir);

  config.log_path = log_path;
  config.envp = envp;
  config.timeout_s = opt_timeout;

  ready = g_new0 (double, (gsize) opt_runs);
  shutdown = g_new0 (double, (gsize) opt_runs);

  if (!opt_quiet)
    g_print ("bench-startup: %s --headless, %d run(s) after %d warm-up, %s data directory\n",
             config.binary, opt_runs, opt_warmup, opt_fresh ? "a fresh" : "one reused");

  total = opt_warmup + opt_runs;
  for (int i = 0; i < total; i++)
    {
      g_autofree char *data_dir = NULL;
      gboolean warmup = i < opt_warmup;
      RunResult result = { 0 };

      if (opt_fresh)
        data_dir = g_strdup_printf ("%s/data-%d", tmp_dir, i);
      else
        data_dir = g_build_filename (tmp_dir, "data", NULL);
      g_mkdir_with_parents (data_dir, 0700);
      config.data_dir = data_dir;

      if (!run_once (&config, &result))
        {
          failures++;
          g_printerr ("bench-startup: run %d failed\n", i + 1);
          /* The same failure would repeat every time: stop early. */
          if (failures >= 3 || measured == 0)
            break;
          continue;
        }

      if (warmup)
        {
          if (!opt_quiet)
            g_print ("warm-up  ready %8.2f ms   shutdown %8.2f ms\n",
                     result.ready_ms, result.shutdown_ms);
          continue;
        }

      ready[measured] = result.ready_ms;
      shutdown[measured] = result.shutdown_ms;
      measured++;
      if (!opt_quiet)
        g_print ("run %3u  ready %8.2f ms   shutdown %8.2f ms\n",
                 measured, result.ready_ms, result.shutdown_ms);
    }

  remove_tree (tmp_dir);

  if (measured > 0)
    {
      g_print ("\n%u run(s), times in ms:\n", measured);
      print_stats ("spawn -> GET /api/v1/health 200", ready, measured);
      print_stats ("SIGTERM -> exit status 0", shutdown, measured);
    }

  if (failures > 0 || measured < (guint) opt_runs)
    {
      g_printerr ("bench-startup: %d run(s) failed\n", failures);
      return 1;
    }

  return 0;
}

/* bench-stall.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE             /* sched_setaffinity() */

#include "config.h"

#include "bench-stall.h"

#include <execinfo.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static pthread_t main_thread;
static pid_t main_tid;
static clockid_t main_cpu_clock;
static GThread *watchdog;

/* A control: one thread pinned to each CPU that only sleeps 1 ms at a time and notes
 * its longest wait to run again. A stall the probe of that CPU shares was the CPU's
 * (the hypervisor pausing it, say), not the program's. */
#define MAX_PROBES 8
static GThread *probes[MAX_PROBES];
static gint64 probe_longest_us[MAX_PROBES];
static guint n_probes;
static gint stop_requested;
static gint64 last_tick;         /* monotonic µs, read by the watchdog */
static guint threshold_us;

static gint64
cpu_us (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Major page faults so far (field 12 of a stat file): faults the disk must answer,
 * such as code of a library the page cache had let go. */
static gint64
major_faults (const char *stat_path)
{
  g_autofree char *stat = NULL;
  const char *fields;
  unsigned long long faults = 0;

  if (!g_file_get_contents (stat_path, &stat, NULL, NULL) ||
      (fields = strrchr (stat, ')')) == NULL ||
      sscanf (fields + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %llu", &faults) != 1)
    return 0;
  return (gint64) faults;
}

static gint64
main_major_faults (void)
{
  g_autofree char *path = g_strdup_printf ("/proc/self/task/%d/stat", (int) main_tid);

  return major_faults (path);
}

gint64
bench_major_faults (void)
{
  return major_faults ("/proc/self/stat");
}

/* Time the whole machine (all CPUs) was busy, and time the hypervisor kept its virtual
 * CPUs from running ("steal"), from /proc/stat, in µs. */
static void
machine_times (gint64 *busy_us,
               gint64 *steal_us)
{
  g_autofree char *stat = NULL;
  unsigned long long user, nice, system, idle, iowait, irq, softirq, steal;

  *busy_us = *steal_us = 0;
  if (!g_file_get_contents ("/proc/stat", &stat, NULL, NULL) ||
      sscanf (stat, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &user, &nice, &system,
              &idle, &iowait, &irq, &softirq, &steal) != 8)
    return;
  *busy_us = (gint64) (user + nice + system + irq + softirq) * G_USEC_PER_SEC /
             sysconf (_SC_CLK_TCK);
  *steal_us = (gint64) steal * G_USEC_PER_SEC / sysconf (_SC_CLK_TCK);
}

/* Runs on the main thread: only async-signal-safe calls (backtrace() was warmed up). */
static void
print_stack (int signum)
{
  void *frames[48];
  int n = backtrace (frames, G_N_ELEMENTS (frames));

  (void) signum;
  backtrace_symbols_fd (frames, n, STDERR_FILENO);
  (void) !write (STDERR_FILENO, "--\n", 3);
}

static gpointer
watch (gpointer data)
{
  gint64 seen_tick = 0, cpu_at_tick = 0, process_at_tick = 0, machine_at_tick = 0;
  gint64 faults_at_tick = 0, steal_at_tick = 0;
  gint64 last_sample = 0;

  (void) data;
  while (!g_atomic_int_get (&stop_requested))
    {
      gint64 now = g_get_monotonic_time ();
      gint64 tick = __atomic_load_n (&last_tick, __ATOMIC_RELAXED);
      gint64 stalled = now - tick;

      /* The counters within 2 ms of the main thread's last tick. */
      if (tick != seen_tick)
        {
          seen_tick = tick;
          cpu_at_tick = cpu_us (main_cpu_clock);
          process_at_tick = cpu_us (CLOCK_PROCESS_CPUTIME_ID);
          machine_times (&machine_at_tick, &steal_at_tick);
          faults_at_tick = main_major_faults ();
        }
      if (stalled >= threshold_us && now - last_sample >= threshold_us)
        {
          gint64 busy_us, steal_us;

          /* Where the CPU went meanwhile: the main thread, this process, every process
           * (two cores give twice the wall time; /proc/stat counts in 10 ms ticks), and
           * the hypervisor. */
          machine_times (&busy_us, &steal_us);
          fprintf (stderr, "stall: %.0f ms so far; CPU meanwhile: main thread %.0f ms, "
                   "this process %.0f ms, the machine %.0f ms, stolen by the hypervisor "
                   "%.0f ms; the main thread's major page faults: %" G_GINT64_FORMAT "\n",
                   stalled / 1000.0, (cpu_us (main_cpu_clock) - cpu_at_tick) / 1000.0,
                   (cpu_us (CLOCK_PROCESS_CPUTIME_ID) - process_at_tick) / 1000.0,
                   (busy_us - machine_at_tick) / 1000.0, (steal_us - steal_at_tick) / 1000.0,
                   main_major_faults () - faults_at_tick);
          last_sample = now;
          pthread_kill (main_thread, SIGPROF);
        }
      g_usleep (2000);
    }
  return NULL;
}

static gpointer
probe (gpointer data)
{
  guint cpu = GPOINTER_TO_UINT (data);
  cpu_set_t set;
  gint64 last = g_get_monotonic_time ();

  CPU_ZERO (&set);
  CPU_SET (cpu, &set);
  if (sched_setaffinity (0, sizeof set, &set) != 0)
    return NULL;
  while (!g_atomic_int_get (&stop_requested))
    {
      gint64 now;

      g_usleep (1000);
      now = g_get_monotonic_time ();
      probe_longest_us[cpu] = MAX (probe_longest_us[cpu], now - last - 1000);
      last = now;
    }
  return NULL;
}

void
bench_stall_watch_start (guint threshold_ms)
{
  void *warm[4];

  backtrace (warm, G_N_ELEMENTS (warm));   /* loads libgcc outside the handler */
  signal (SIGPROF, print_stack);
  main_thread = pthread_self ();
  main_tid = (pid_t) syscall (SYS_gettid);
  pthread_getcpuclockid (main_thread, &main_cpu_clock);
  threshold_us = threshold_ms * 1000;
  bench_stall_tick ();
  watchdog = g_thread_new ("stall-watchdog", watch, NULL);
  n_probes = MIN (g_get_num_processors (), MAX_PROBES);
  for (guint cpu = 0; cpu < n_probes; cpu++)
    probes[cpu] = g_thread_new ("stall-probe", probe, GUINT_TO_POINTER (cpu));
}

void
bench_stall_tick (void)
{
  __atomic_store_n (&last_tick, g_get_monotonic_time (), __ATOMIC_RELAXED);
}

void
bench_stall_watch_stop (void)
{
  g_atomic_int_set (&stop_requested, 1);
  g_thread_join (watchdog);
  for (guint cpu = 0; cpu < n_probes; cpu++)
    {
      g_thread_join (probes[cpu]);
      fprintf (stderr, "control: a thread pinned to CPU %u waited at most %.1f ms to run\n",
               cpu, probe_longest_us[cpu] / 1000.0);
    }
}

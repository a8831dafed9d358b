/* bench-stall.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bench-stall.h"

#include <execinfo.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static pthread_t main_thread;
static clockid_t main_cpu_clock;
static GThread *watchdog;
static gint stop_requested;
static gint64 last_tick;         /* monotonic µs, read by the watchdog */
static guint threshold_us;

static gint64
main_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (main_cpu_clock, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
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
  gint64 seen_tick = 0, cpu_at_tick = 0, last_sample = 0;

  (void) data;
  while (!g_atomic_int_get (&stop_requested))
    {
      gint64 now = g_get_monotonic_time ();
      gint64 tick = __atomic_load_n (&last_tick, __ATOMIC_RELAXED);
      gint64 stalled = now - tick;

      /* The main thread's CPU clock within 2 ms of its last tick. */
      if (tick != seen_tick)
        {
          seen_tick = tick;
          cpu_at_tick = main_cpu_us ();
        }
      if (stalled >= threshold_us && now - last_sample >= threshold_us)
        {
          fprintf (stderr, "stall: %.0f ms so far, of which the main thread ran %.0f ms\n",
                   stalled / 1000.0, (main_cpu_us () - cpu_at_tick) / 1000.0);
          last_sample = now;
          pthread_kill (main_thread, SIGPROF);
        }
      g_usleep (2000);
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
  pthread_getcpuclockid (main_thread, &main_cpu_clock);
  threshold_us = threshold_ms * 1000;
  bench_stall_tick ();
  watchdog = g_thread_new ("stall-watchdog", watch, NULL);
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
}

/* sw-artist-names.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* memmem() */
#define _GNU_SOURCE

#include "config.h"

#include <string.h>

#include "sw-artist-names.h"

/* Search in memory: SQLite needs about 100 ns per row to test a name, so any search
 * that cannot use an index costs 5 ms per pass over 50,000 artists, and a list page
 * needs two passes (count and page). One folded text of every name, scanned with
 * memmem(), finds all matches in about a millisecond. The index is rebuilt on the
 * first search after a write changed the artists table (about 20 ms for 50,000). */

#define QDATA_KEY "sw-artist-names"

/* One immutable build of the index, shared by reference between searching threads. */
typedef struct
{
  guint version;
  GArray *rowids;    /* gint64 per artist, in list order */
  GArray *starts;    /* guint per artist: where its text begins; one extra at the end */
  GString *text;     /* "name\nsort name\n" per artist, folded */
} Snapshot;

typedef struct
{
  GMutex lock;
  Snapshot *current;
} Index;

static void
snapshot_clear (Snapshot *snapshot)
{
  g_array_unref (snapshot->rowids);
  g_array_unref (snapshot->starts);
  g_string_free (snapshot->text, TRUE);
}

static void
snapshot_unref (Snapshot *snapshot)
{
  g_atomic_rc_box_release_full (snapshot, (GDestroyNotify) snapshot_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_unref)

static void
index_free (Index *index)
{
  g_clear_pointer (&index->current, snapshot_unref);
  g_mutex_clear (&index->lock);
  g_free (index);
}

static gboolean
is_ascii (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (*p >= 0x80)
      return FALSE;
  return TRUE;
}

/* Appends @text folded; ASCII (most names) is lowered in place without allocating. */
static void
append_folded (GString    *out,
               const char *text)
{
  gsize start = out->len;

  if (is_ascii (text))
    {
      g_string_append (out, text);
      for (gsize i = start; i < out->len; i++)
        out->str[i] = g_ascii_tolower (out->str[i]);
    }
  else
    {
      g_autofree char *folded = g_utf8_casefold (text, -1);
      g_autofree char *normal = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL_COMPOSE);

      g_string_append (out, normal != NULL ? normal : folded);
    }

  /* A newline separates entries, so no match can span two of them. */
  for (gsize i = start; i < out->len; i++)
    if (out->str[i] == '\n')
      out->str[i] = ' ';
}

char *
sw_artist_names_fold (const char *text)
{
  GString *folded = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  append_folded (folded, text);
  return g_string_free (folded, FALSE);
}

static void
add_artist (SwStmt   *stmt,
            gpointer  user_data)
{
  Snapshot *snapshot = user_data;
  gint64 rowid = sqlite3_column_int64 (stmt, 0);
  guint start = snapshot->text->len;

  g_array_append_val (snapshot->rowids, rowid);
  g_array_append_val (snapshot->starts, start);
  append_folded (snapshot->text, sw_stmt_column_text (stmt, 1));
  g_string_append_c (snapshot->text, '\n');
  append_folded (snapshot->text, sw_stmt_column_text (stmt, 2));
  g_string_append_c (snapshot->text, '\n');
}

static gboolean
build_in_transaction (SwStore   *store,
                      gpointer   user_data,
                      GError   **error)
{
  /* The same order as the list's name sort, so a page of matches is a slice. */
  g_autoptr(SwStmt) stmt = sw_store_prepare (store,
    "SELECT rowid, name, sort_name FROM artists ORDER BY name COLLATE NOCASE, id", error);

  if (stmt == NULL)
    return FALSE;

  return sw_store_foreach_row (store, stmt, add_artist, user_data, error);
}

static Snapshot *
build (SwStore  *store,
       guint     version,
       GError  **error)
{
  g_autoptr(Snapshot) snapshot = g_atomic_rc_box_new0 (Snapshot);
  guint end;

  snapshot->version = version;
  snapshot->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  snapshot->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  snapshot->text = g_string_new (NULL);

  if (!sw_store_read (store, build_in_transaction, snapshot, error))
    return NULL;

  end = snapshot->text->len;
  g_array_append_val (snapshot->starts, end);
  return g_steal_pointer (&snapshot);
}

static Index *
get_index (SwStore *store)
{
  static GMutex create_lock;
  Index *index;

  g_mutex_lock (&create_lock);
  index = g_object_get_data (G_OBJECT (store), QDATA_KEY);
  if (index == NULL)
    {
      index = g_new0 (Index, 1);
      g_mutex_init (&index->lock);
      g_object_set_data_full (G_OBJECT (store), QDATA_KEY, index, (GDestroyNotify) index_free);
    }
  g_mutex_unlock (&create_lock);

  return index;
}

/* The current snapshot, rebuilt if a write happened since. The version is read before
 * the rebuild's read transaction starts, so a snapshot is never labelled newer than
 * the data it holds. Inside a write transaction the rows may still be rolled back, so
 * that build is used once and not kept. */
static Snapshot *
acquire_snapshot (SwStore  *store,
                  GError  **error)
{
  Index *index = get_index (store);
  guint version = sw_store_get_table_version (store, "artists");
  Snapshot *snapshot = NULL;

  if (!sw_store_is_writing (store))
    {
      g_mutex_lock (&index->lock);
      if (index->current != NULL && index->current->version == version)
        snapshot = g_atomic_rc_box_acquire (index->current);
      g_mutex_unlock (&index->lock);
      if (snapshot != NULL)
        return snapshot;
    }

  snapshot = build (store, version, error);
  if (snapshot == NULL || sw_store_is_writing (store))
    return snapshot;

  g_mutex_lock (&index->lock);
  g_clear_pointer (&index->current, snapshot_unref);
  index->current = g_atomic_rc_box_acquire (snapshot);
  g_mutex_unlock (&index->lock);
  return snapshot;
}

/* The artist whose text contains byte @offset: the last start at or before it. */
static guint
entry_at (GArray *starts,
          guint   offset)
{
  guint low = 0, high = starts->len - 1;

  while (high - low > 1)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (starts, guint, middle) <= offset)
        low = middle;
      else
        high = middle;
    }
  return low;
}

GArray *
sw_artist_names_search (SwStore     *store,
                        const char  *text,
                        GError     **error)
{
  g_autoptr(Snapshot) snapshot = NULL;
  g_autofree char *needle = NULL;
  GArray *matches;
  const char *haystack, *position, *end;
  gsize needle_len;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  snapshot = acquire_snapshot (store, error);
  if (snapshot == NULL)
    return NULL;

  matches = g_array_new (FALSE, FALSE, sizeof (gint64));
  needle = sw_artist_names_fold (text);
  needle_len = strlen (needle);
  haystack = snapshot->text->str;
  end = haystack + snapshot->text->len;

  for (position = haystack; position < end;)
    {
      const char *hit = needle_len > 0 ? memmem (position, end - position, needle, needle_len)
                                       : position;
      guint entry;

      if (hit == NULL)
        break;

      /* Each artist once, even when both its names match. */
      entry = entry_at (snapshot->starts, hit - haystack);
      g_array_append_val (matches, g_array_index (snapshot->rowids, gint64, entry));
      position = haystack + g_array_index (snapshot->starts, guint, entry + 1);
    }

  return matches;
}

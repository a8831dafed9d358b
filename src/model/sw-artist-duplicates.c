/* sw-artist-duplicates.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sw-artist-duplicates.h"

typedef struct
{
  char *id;
  char *name;
  char *key;
  char *mbid;
  guint parent;
  gboolean mbid_edge;
} Candidate;

typedef struct
{
  GArray *rows;                /* Candidate */
  GHashTable *ignored;         /* signatures */
} Scan;

void
sw_duplicate_group_free (SwDuplicateGroup *group)
{
  if (group == NULL)
    return;

  g_free (group->reason);
  g_free (group->key);
  g_free (group->signature);
  g_clear_pointer (&group->ids, g_ptr_array_unref);
  g_clear_pointer (&group->names, g_ptr_array_unref);
  g_free (group);
}

static void
candidate_clear (Candidate *candidate)
{
  g_free (candidate->id);
  g_free (candidate->name);
  g_free (candidate->key);
  g_free (candidate->mbid);
}

static gboolean
load_in_transaction (SwStore   *store,
                     gpointer   user_data,
                     GError   **error)
{
  Scan *scan = user_data;
  g_autoptr(SwStmt) rows = sw_store_prepare (store,
    "SELECT id, name, name_key, musicbrainz_id FROM artists ORDER BY name_key, id", error);
  g_autoptr(SwStmt) ignored = sw_store_prepare (store,
    "SELECT signature FROM ignored_duplicate_groups", error);
  g_autoptr(GError) local_error = NULL;

  if (rows == NULL || ignored == NULL)
    return FALSE;

  while (sw_store_step (store, rows, &local_error))
    {
      Candidate candidate = {
        g_strdup (sw_stmt_column_text (rows, 0)), g_strdup (sw_stmt_column_text (rows, 1)),
        g_strdup (sw_stmt_column_text (rows, 2)), g_strdup (sw_stmt_column_text (rows, 3)),
        scan->rows->len, FALSE,
      };

      g_array_append_val (scan->rows, candidate);
    }

  while (local_error == NULL && sw_store_step (store, ignored, &local_error))
    g_hash_table_add (scan->ignored, g_strdup (sw_stmt_column_text (ignored, 0)));

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static guint
find_root (GArray *rows,
           guint   i)
{
  while (g_array_index (rows, Candidate, i).parent != i)
    {
      Candidate *row = &g_array_index (rows, Candidate, i);

      /* Path halving keeps the trees flat. */
      row->parent = g_array_index (rows, Candidate, row->parent).parent;
      i = row->parent;
    }
  return i;
}

/* The MBID a component carries is kept on its root. Joining two components with
 * different MBIDs is refused unless @force (a shared MBID is proof on its own). */
static void
join (GArray   *rows,
      guint     a,
      guint     b,
      gboolean  force)
{
  guint root_a = find_root (rows, a);
  guint root_b = find_root (rows, b);
  Candidate *ra, *rb;

  if (root_a == root_b)
    return;

  ra = &g_array_index (rows, Candidate, root_a);
  rb = &g_array_index (rows, Candidate, root_b);
  if (!force && ra->mbid[0] != '\0' && rb->mbid[0] != '\0' && !g_str_equal (ra->mbid, rb->mbid))
    return;

  if (ra->mbid[0] == '\0')
    {
      g_free (ra->mbid);
      ra->mbid = g_strdup (rb->mbid);
    }
  ra->mbid_edge |= rb->mbid_edge || force;
  rb->parent = root_a;
}

static void
join_by_name_key (GArray *rows)
{
  guint start = 0;

  /* Rows arrive sorted by key, so each key is one run. Within a run, rows join the
   * first row of their own MBID, and then those representatives join each other. */
  while (start < rows->len)
    {
      const char *key = g_array_index (rows, Candidate, start).key;
      guint end = start + 1;

      while (end < rows->len && g_str_equal (g_array_index (rows, Candidate, end).key, key))
        end++;

      if (key[0] != '\0')
        for (guint i = start + 1; i < end; i++)
          join (rows, start, i, FALSE);

      start = end;
    }
}

static void
join_by_mbid (GArray *rows)
{
  g_autoptr(GHashTable) first = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < rows->len; i++)
    {
      const char *mbid = g_array_index (rows, Candidate, i).mbid;
      gpointer seen;

      if (mbid[0] == '\0')
        continue;
      if (g_hash_table_lookup_extended (first, mbid, NULL, &seen))
        join (rows, GPOINTER_TO_UINT (seen), i, TRUE);
      else
        g_hash_table_insert (first, (gpointer) mbid, GUINT_TO_POINTER (i));
    }
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  GArray *rows = user_data;
  const Candidate *ca = &g_array_index (rows, Candidate, *(const guint *) a);
  const Candidate *cb = &g_array_index (rows, Candidate, *(const guint *) b);

  return g_utf8_collate (ca->name, cb->name);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static SwDuplicateGroup *
make_group (GArray *rows,
            GArray *members)
{
  SwDuplicateGroup *group = g_new0 (SwDuplicateGroup, 1);
  const Candidate *root = &g_array_index (rows, Candidate,
                                          find_root (rows, g_array_index (members, guint, 0)));
  g_autoptr(GPtrArray) sorted_ids = g_ptr_array_new ();

  g_array_sort_with_data (members, compare_by_name, rows);
  group->ids = g_ptr_array_new_with_free_func (g_free);
  group->names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < members->len; i++)
    {
      const Candidate *member = &g_array_index (rows, Candidate, g_array_index (members, guint, i));

      g_ptr_array_add (group->ids, g_strdup (member->id));
      g_ptr_array_add (group->names, g_strdup (member->name));
      g_ptr_array_add (sorted_ids, member->id);
    }

  g_ptr_array_sort (sorted_ids, compare_strings);
  g_ptr_array_add (sorted_ids, NULL);
  group->signature = g_strjoinv ("|", (char **) sorted_ids->pdata);

  if (root->mbid_edge)
    {
      group->reason = g_strdup ("mbid");
      group->key = g_strdup (root->mbid);
    }
  else
    {
      group->reason = g_strdup ("name_key");
      group->key = g_strdup (g_array_index (rows, Candidate,
                                            g_array_index (members, guint, 0)).key);
    }
  return group;
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const SwDuplicateGroup *ga = *(SwDuplicateGroup * const *) a;
  const SwDuplicateGroup *gb = *(SwDuplicateGroup * const *) b;

  return g_utf8_collate (g_ptr_array_index (ga->names, 0), g_ptr_array_index (gb->names, 0));
}

GPtrArray *
sw_artist_store_find_duplicates (SwStore  *store,
                                 GError  **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GHashTable) ignored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) components = g_hash_table_new_full (NULL, NULL, NULL,
                                                            (GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (
    (GDestroyNotify) sw_duplicate_group_free);
  g_autoptr(GList) roots = NULL;
  Scan scan = { rows, ignored };

  g_return_val_if_fail (SW_IS_STORE (store), NULL);

  g_array_set_clear_func (rows, (GDestroyNotify) candidate_clear);
  if (!sw_store_read (store, load_in_transaction, &scan, error))
    return NULL;

  join_by_name_key (rows);
  join_by_mbid (rows);

  for (guint i = 0; i < rows->len; i++)
    {
      guint root = find_root (rows, i);
      GArray *members = g_hash_table_lookup (components, GUINT_TO_POINTER (root));

      if (members == NULL)
        {
          members = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (components, GUINT_TO_POINTER (root), members);
        }
      g_array_append_val (members, i);
    }

  roots = g_hash_table_get_keys (components);
  for (GList *l = roots; l != NULL; l = l->next)
    {
      GArray *members = g_hash_table_lookup (components, l->data);
      SwDuplicateGroup *group;

      if (members->len < 2)
        continue;
      group = make_group (rows, members);
      if (g_hash_table_contains (ignored, group->signature))
        sw_duplicate_group_free (group);
      else
        g_ptr_array_add (groups, group);
    }

  g_ptr_array_sort (groups, compare_groups);
  return g_steal_pointer (&groups);
}

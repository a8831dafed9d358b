/* sw-name-check.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sw-name-check.h"

gboolean
sw_name_has_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

/* The tables are small, so every name is looked at. */
gboolean
sw_name_find_clash (SwStore     *store,
                    const char  *sql,
                    const char  *name,
                    const char  *own_id,
                    char       **clash,
                    GError     **error)
{
  g_autoptr(SwStmt) stmt = sw_store_prepare (store, sql, error);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = NULL;

  *clash = NULL;
  if (stmt == NULL)
    return FALSE;

  key = g_utf8_casefold (name, -1);
  while (sw_store_step (store, stmt, &local_error))
    {
      g_autofree char *other = NULL;

      if (g_strcmp0 (sw_stmt_column_text (stmt, 0), own_id) == 0)
        continue;

      other = g_utf8_casefold (sw_stmt_column_text (stmt, 1), -1);
      if (g_str_equal (key, other))
        {
          *clash = g_strdup (sw_stmt_column_text (stmt, 1));
          return TRUE;
        }
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

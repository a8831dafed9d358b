/* sw-contract-operations.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SW_OPERATION_PUBLIC = 1 << 0,   /* no credentials needed (health, login, setup, OIDC, docs …) */
  SW_OPERATION_ADMIN  = 1 << 1,   /* administrator only */
  /* may answer an HTML fragment for HX-Request (from the contract's text/html responses) */
  SW_OPERATION_HTML   = 1 << 2,
} SwOperationFlags;

typedef struct
{
  const char *tag;            /* e.g. "Artists" */
  const char *method;         /* "GET", "POST", "PUT", "PATCH", "DELETE" */
  /* relative to /api/v1, with {param} templates, exactly as in the contract */
  const char *path;
  const char *operation_id;   /* the contract's operationId */
  const char *summary;        /* in our own words */
  SwOperationFlags flags;
} SwContractOperation;

/* Every operation of the REST contract, in the contract's order. The table is static
 * and read-only; @n_operations (may be NULL) receives its length. */
const SwContractOperation *sw_contract_operations (guint *n_operations);

G_END_DECLS

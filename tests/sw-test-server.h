/* sw-test-server.h
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "sw-artist-service.h"
#include "sw-auth.h"
#include "sw-server.h"

G_BEGIN_DECLS

/* What the tests of the routes share: the real server on a loopback port over a real
 * store with an administrator and an operator, and one request at a time through a real
 * SoupSession. */

typedef enum
{
  SW_TEST_SERVER_DEFAULT          = 0,
  SW_TEST_SERVER_DATABASE_FILE    = 1 << 0, /* dir/stillwater.db instead of ":memory:" */
  SW_TEST_SERVER_MUSIC            = 1 << 1, /* an empty folder dir/music */
  SW_TEST_SERVER_EVENTS           = 1 << 2, /* a bus for the server, an artist service on it */
  SW_TEST_SERVER_JOBS             = 1 << 3, /* a job queue for the server */
  SW_TEST_SERVER_CALL_AS_OPERATOR = 1 << 4, /* sw_test_server_call () with operator_token */
} SwTestServerFlags;

typedef struct
{
  char *dir;                    /* a temporary folder, removed with the server */
  char *music;                  /* dir/music, or NULL without SW_TEST_SERVER_MUSIC */
  SwStore *store;
  SwEvents *events;             /* NULL without SW_TEST_SERVER_EVENTS */
  SwArtistService *artists;     /* on events; NULL without SW_TEST_SERVER_EVENTS */
  SwJobQueue *jobs;             /* NULL without SW_TEST_SERVER_JOBS */
  SwServer *server;
  char *api;                    /* http://127.0.0.1:<port>/api/v1, once started */
  SwUser *admin;                /* "ada" */
  SwUser *operator;             /* "olly" */
  char *admin_token;            /* administrator: read, write, admin */
  char *operator_token;         /* operator: read, write */
  char *read_token;             /* administrator: read only */
  const char *token;            /* what sw_test_server_call () sends: admin_token, or
                                 * operator_token with SW_TEST_SERVER_CALL_AS_OPERATOR */
} SwTestServer;

typedef void (*SwTestServerFunc) (SwTestServer  *self,
                                  gconstpointer  data);

typedef enum
{
  SW_TEST_REQUEST_DEFAULT   = 0,
  SW_TEST_REQUEST_HTMX      = 1 << 0, /* HX-Request: true, as the web UI sends */
  SW_TEST_REQUEST_FROM_ROOT = 1 << 1, /* @path starts at the server's root, not at the API */
} SwTestRequestFlags;

typedef struct
{
  guint status;
  JsonNode *body;               /* the parsed body, or NULL when it is not JSON */
  char *text;                   /* the body as text, "" when there is none */
  GBytes *bytes;                /* the body as received */
  char *content_type;           /* without parameters; NULL when absent */
  char *location;               /* NULL when absent */
  SoupMessageHeaders *headers;  /* all of the answer's headers */
} SwTestReply;

void          sw_test_reply_clear            (SwTestReply        *reply);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SwTestReply, sw_test_reply_clear)

/* A test whose fixture is the started server itself. */
void          sw_test_server_add             (const char         *test_path,
                                              SwTestServerFlags   flags,
                                              SwTestServerFunc    test_func);

/* For a fixture of a test's own: the server is started once the test has filled the
 * store. */
SwTestServer *sw_test_server_new             (SwTestServerFlags   flags);
void          sw_test_server_start           (SwTestServer       *self);
void          sw_test_server_stop            (SwTestServer       *self);
void          sw_test_server_free            (SwTestServer       *self);

char         *sw_test_server_issue_token     (SwTestServer       *self,
                                              SwUser             *user,
                                              SwScopes            scopes);

/* Requests: a Bearer @token (or none), a @body of @content_type (or none). Redirects
 * are answers to look at, never followed. @path is sent as written, so deliberately
 * broken escapes reach the server. */
void          sw_test_server_request         (SwTestServer       *self,
                                              const char         *method,
                                              const char         *path,
                                              const char         *token,
                                              const char         *content_type,
                                              const char         *body,
                                              SwTestRequestFlags  flags,
                                              SwTestReply        *reply);
/* The same with more request headers: NULL, or "Name", "value", … NULL. */
void          sw_test_server_request_full    (SwTestServer       *self,
                                              const char         *method,
                                              const char         *path,
                                              const char         *token,
                                              const char * const *headers,
                                              const char         *content_type,
                                              const char         *body,
                                              SwTestRequestFlags  flags,
                                              SwTestReply        *reply);
/* A request whose @json body (or none) is application/json. */
void          sw_test_server_send            (SwTestServer       *self,
                                              const char         *method,
                                              const char         *path,
                                              const char         *token,
                                              const char         *json,
                                              SwTestReply        *reply);
/* The same with self->token. */
void          sw_test_server_call            (SwTestServer       *self,
                                              const char         *method,
                                              const char         *path,
                                              const char         *json,
                                              SwTestReply        *reply);

/* The reply's body as an object or an array (asserted). */
JsonObject   *sw_test_reply_object           (const SwTestReply  *reply);
JsonArray    *sw_test_reply_array            (const SwTestReply  *reply);
/* The string member @name of the reply's object, which must have it. */
const char   *sw_test_reply_member           (const SwTestReply  *reply,
                                              const char         *name);
/* The error envelope's message: a non-empty "error" string (asserted). */
const char   *sw_test_reply_error            (const SwTestReply  *reply);
/* @status, as JSON, with the error envelope. */
void          sw_test_reply_assert_error     (const SwTestReply  *reply,
                                              guint               status);
const char   *sw_test_reply_header           (const SwTestReply  *reply,
                                              const char         *name);

/* GET @path is 401 without a token and 200 with the read-only one. */
void          sw_test_server_assert_readable (SwTestServer       *self,
                                              const char         *path);
/* A change: @method @path, with the @json body or none, is 401 without a token and 403
 * with the read-only one, each with the error envelope. */
void          sw_test_server_assert_guarded  (SwTestServer       *self,
                                              const char         *method,
                                              const char         *path,
                                              const char         *json);

/* An artist made with the artist service; @folder (or NULL for none) is created in
 * music. Returns the new id. */
char         *sw_test_server_add_artist      (SwTestServer       *self,
                                              const char         *name,
                                              const char         *folder,
                                              const char         *library_id);
SwArtist     *sw_test_server_get_artist      (SwTestServer       *self,
                                              const char         *id);

/* SQL built with sqlite3_mprintf() (so %Q quotes): one statement run on the store, or
 * the integer in the first column of the first row of a query. */
void          sw_test_server_exec            (SwTestServer       *self,
                                              const char         *format,
                                              ...);
gint64        sw_test_server_query_int       (SwTestServer       *self,
                                              const char         *format,
                                              ...);

G_END_DECLS

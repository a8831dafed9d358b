/* sw-secrets.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>

#include "sw-secrets.h"
#include "sw-secrets-fallback.h"

/* Where API keys and passwords live: the desktop keyring (Secret Service) when one
 * answers, otherwise the secrets table, sealed with a key from the data directory.
 * The backend is chosen once, at construction; nothing is migrated between them. */

/* How long AUTO waits for the Secret Service (including bus activation of a keyring
 * daemon) before it settles for the database. */
#define PROBE_TIMEOUT_MS 5000

#define MAX_KIND_LENGTH 64
#define MAX_ID_LENGTH 256
#define MAX_VALUE_LENGTH (64 * 1024)

struct _SwSecrets
{
  GObject parent_instance;

  SwSecretsBackend backend;
  SwSecretsFallback *fallback; /* encrypted-database only */
  char *fallback_reason;
};

G_DEFINE_FINAL_TYPE (SwSecrets, sw_secrets, G_TYPE_OBJECT)

G_DEFINE_QUARK (sw-secrets-error-quark, sw_secrets_error)

enum {
  PROP_0,
  PROP_BACKEND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
sw_secrets_backend_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { SW_SECRETS_BACKEND_SECRET_SERVICE, "SW_SECRETS_BACKEND_SECRET_SERVICE",
          "secret-service" },
        { SW_SECRETS_BACKEND_ENCRYPTED_DATABASE, "SW_SECRETS_BACKEND_ENCRYPTED_DATABASE",
          "encrypted-database" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("SwSecretsBackend"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

GType
sw_secrets_backend_preference_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { SW_SECRETS_BACKEND_PREFERENCE_AUTO, "SW_SECRETS_BACKEND_PREFERENCE_AUTO", "auto" },
        { SW_SECRETS_BACKEND_PREFERENCE_SERVICE, "SW_SECRETS_BACKEND_PREFERENCE_SERVICE",
          "secret-service" },
        { SW_SECRETS_BACKEND_PREFERENCE_FILE, "SW_SECRETS_BACKEND_PREFERENCE_FILE",
          "encrypted-database" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("SwSecretsBackendPreference"),
                                           values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

const char *
sw_secrets_backend_to_string (SwSecretsBackend backend)
{
  switch (backend)
    {
    case SW_SECRETS_BACKEND_SECRET_SERVICE:
      return "secret-service";

    case SW_SECRETS_BACKEND_ENCRYPTED_DATABASE:
      return "encrypted-database";

    default:
      g_return_val_if_reached (NULL);
    }
}

const SecretSchema *
sw_secrets_get_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".Secret",
    SECRET_SCHEMA_DONT_MATCH_NAME,
    {
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

void
sw_secret_value_free (SwSecretValue *value)
{
  if (value == NULL)
    return;

  sodium_memzero (value, strlen (value));
  g_free (value);
}

/* libsecret hands out passwords in its own (locked) memory; callers get ours. */
static SwSecretValue *
take_libsecret_password (char *password)
{
  SwSecretValue *value;

  if (password == NULL)
    return NULL;

  value = g_strdup (password);
  secret_password_free (password);
  return value;
}

static gboolean
validate_key (const char  *kind,
              const char  *id,
              GError     **error)
{
  gsize kind_length = strlen (kind);
  gsize id_length = strlen (id);

  if (kind_length == 0 || kind_length > MAX_KIND_LENGTH ||
      strspn (kind, "abcdefghijklmnopqrstuvwxyz0123456789._-") != kind_length)
    {
      g_set_error (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_INVALID,
                   _("“%s” is not a valid secret kind"), kind);
      return FALSE;
    }

  /* Not quoted back: it may not be printable. */
  if (id_length == 0 || id_length > MAX_ID_LENGTH || !g_utf8_validate (id, id_length, NULL))
    {
      g_set_error_literal (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_INVALID,
                           _("A secret id must be 1 to 256 bytes of UTF-8 text"));
      return FALSE;
    }

  return TRUE;
}

/* The value itself never appears in a message. */
static gboolean
validate_value (const char  *value,
                GError     **error)
{
  gsize length = strlen (value);

  if (length == 0)
    {
      g_set_error_literal (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_INVALID,
                           _("A secret cannot be empty; delete it instead"));
      return FALSE;
    }

  if (length > MAX_VALUE_LENGTH)
    {
      g_set_error (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_INVALID,
                   _("A secret cannot be longer than %u bytes"), (guint) MAX_VALUE_LENGTH);
      return FALSE;
    }

  if (!g_utf8_validate (value, length, NULL))
    {
      g_set_error_literal (error, SW_SECRETS_ERROR, SW_SECRETS_ERROR_INVALID,
                           _("A secret must be UTF-8 text"));
      return FALSE;
    }

  return TRUE;
}

static void
sw_secrets_finalize (GObject *object)
{
  SwSecrets *self = (SwSecrets *)object;

  g_clear_pointer (&self->fallback, sw_secrets_fallback_free);
  g_clear_pointer (&self->fallback_reason, g_free);

  G_OBJECT_CLASS (sw_secrets_parent_class)->finalize (object);
}

static void
sw_secrets_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SwSecrets *self = SW_SECRETS (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_enum (value, self->backend);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_secrets_class_init (SwSecretsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sw_secrets_finalize;
  object_class->get_property = sw_secrets_get_property;

  /* Fixed at construction, so it never notifies. */
  properties[PROP_BACKEND] =
    g_param_spec_enum ("backend", NULL, NULL,
                       SW_TYPE_SECRETS_BACKEND, SW_SECRETS_BACKEND_SECRET_SERVICE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sw_secrets_init (SwSecrets *self)
{
}

/* Construction ---------------------------------------------------------------------- */

typedef struct
{
  SwStore *store;
  char *data_dir;
  SwSecretsBackendPreference preference;
  GCancellable *cancellable;       /* the caller's, or NULL */
  gulong cancelled_id;
  GCancellable *probe_cancellable; /* cancelled by the caller or by the timeout */
  GSource *timeout;
  gboolean timed_out;
  char *fallback_reason;
} NewData;

static void
stop_probe_timer (NewData *data)
{
  if (data->timeout != NULL)
    {
      g_source_destroy (data->timeout);
      g_clear_pointer (&data->timeout, g_source_unref);
    }
}

static void
new_data_free (NewData *data)
{
  stop_probe_timer (data);
  if (data->cancelled_id != 0)
    g_cancellable_disconnect (data->cancellable, data->cancelled_id);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->probe_cancellable);
  g_clear_object (&data->store);
  g_free (data->data_dir);
  g_free (data->fallback_reason);
  g_free (data);
}

/* GLib would otherwise fall back to X11 autolaunch (dbus-launch) and leave a stray bus
 * daemon behind; a session without a bus address or a user bus has no keyring anyway. */
static gboolean
session_bus_configured (void)
{
  const char *address = g_getenv ("DBUS_SESSION_BUS_ADDRESS");
  g_autofree char *user_bus = NULL;
  GStatBuf st;

  if (address != NULL && *address != '\0')
    return TRUE;

  user_bus = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);
  return g_stat (user_bus, &st) == 0 && S_ISSOCK (st.st_mode);
}

static void
open_fallback_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  NewData *data = task_data;
  g_autoptr(GError) error = NULL;
  SwSecretsFallback *fallback;
  SwSecrets *self;

  fallback = sw_secrets_fallback_open (data->store, data->data_dir, &error);
  if (fallback == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self = g_object_new (SW_TYPE_SECRETS, NULL);
  self->backend = SW_SECRETS_BACKEND_ENCRYPTED_DATABASE;
  self->fallback = fallback;
  self->fallback_reason = g_strdup (data->fallback_reason);
  g_task_return_pointer (task, self, g_object_unref);
}

static void
use_fallback (GTask      *task,
              const char *reason)
{
  NewData *data = g_task_get_task_data (task);

  stop_probe_timer (data);
  if (g_task_return_error_if_cancelled (task))
    return;

  if (reason != NULL)
    {
      data->fallback_reason = g_strdup (reason);
      g_debug ("Keeping secrets in the encrypted database: %s", reason);
    }

  g_task_run_in_thread (task, open_fallback_thread);
}

static void
use_service (GTask *task)
{
  NewData *data = g_task_get_task_data (task);
  SwSecrets *self;

  stop_probe_timer (data);
  if (g_task_return_error_if_cancelled (task))
    return;

  self = g_object_new (SW_TYPE_SECRETS, NULL);
  self->backend = SW_SECRETS_BACKEND_SECRET_SERVICE;
  g_task_return_pointer (task, self, g_object_unref);
}

/* Nothing answered: an error when the keyring was asked for, else the database. */
static void
service_unavailable (GTask      *task,
                     const char *reason)
{
  NewData *data = g_task_get_task_data (task);

  if (data->preference != SW_SECRETS_BACKEND_PREFERENCE_SERVICE)
    {
      use_fallback (task, reason);
      return;
    }

  stop_probe_timer (data);
  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_new_error (task, SW_SECRETS_ERROR, SW_SECRETS_ERROR_UNAVAILABLE,
                           _("The Secret Service is not available: %s"), reason);
}

static const char *
probe_error_reason (NewData      *data,
                    const GError *error)
{
  if (data->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return _("the Secret Service did not answer in time");

  return error->message;
}

static void
on_collection_ready (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  NewData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretCollection) collection = NULL;

  collection = secret_collection_for_alias_finish (result, &error);
  if (error != NULL)
    {
      service_unavailable (task, probe_error_reason (data, error));
      return;
    }

  /* The service answers, but storing would need a prompt (to create or unlock the
   * collection), which a server cannot answer. Only an explicit request goes ahead and
   * lets libsecret prompt. */
  if (data->preference != SW_SECRETS_BACKEND_PREFERENCE_SERVICE)
    {
      if (collection == NULL)
        {
          use_fallback (task, _("the Secret Service has no default keyring"));
          return;
        }
      if (secret_collection_get_locked (collection))
        {
          use_fallback (task, _("the default keyring is locked"));
          return;
        }
    }

  use_service (task);
}

static void
on_service_ready (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  NewData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;

  service = secret_service_get_finish (result, &error);
  if (service == NULL)
    {
      service_unavailable (task, probe_error_reason (data, error));
      return;
    }

  secret_collection_for_alias (service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
                               data->probe_cancellable, on_collection_ready,
                               g_steal_pointer (&task));
}

static gboolean
on_probe_timeout (gpointer user_data)
{
  NewData *data = user_data;

  data->timed_out = TRUE;
  g_clear_pointer (&data->timeout, g_source_unref);
  g_cancellable_cancel (data->probe_cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

void
sw_secrets_new_async (SwStore                    *store,
                      const char                 *data_dir,
                      SwSecretsBackendPreference  preference,
                      GCancellable               *cancellable,
                      GAsyncReadyCallback         callback,
                      gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  NewData *data;

  g_return_if_fail (store == NULL || SW_IS_STORE (store));
  g_return_if_fail (preference == SW_SECRETS_BACKEND_PREFERENCE_SERVICE ||
                    (store != NULL && data_dir != NULL));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sw_secrets_new_async);

  data = g_new0 (NewData, 1);
  data->store = store != NULL ? g_object_ref (store) : NULL;
  data->data_dir = g_strdup (data_dir);
  data->preference = preference;
  data->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) new_data_free);

  switch (preference)
    {
    case SW_SECRETS_BACKEND_PREFERENCE_FILE:
      use_fallback (task, NULL);
      return;

    case SW_SECRETS_BACKEND_PREFERENCE_AUTO:
    case SW_SECRETS_BACKEND_PREFERENCE_SERVICE:
      break;

    default:
      g_return_if_reached ();
    }

  if (!session_bus_configured ())
    {
      service_unavailable (task, _("there is no D-Bus session bus"));
      return;
    }

  data->probe_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                data->probe_cancellable, NULL);

  data->timeout = g_timeout_source_new (PROBE_TIMEOUT_MS);
  g_source_set_callback (data->timeout, on_probe_timeout, data, NULL);
  g_source_attach (data->timeout, g_task_get_context (task));

  secret_service_get (SECRET_SERVICE_OPEN_SESSION | SECRET_SERVICE_LOAD_COLLECTIONS,
                      data->probe_cancellable, on_service_ready, g_steal_pointer (&task));
}

SwSecrets *
sw_secrets_new_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sw_secrets_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_sync_ready (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

SwSecrets *
sw_secrets_new_sync (SwStore                    *store,
                     const char                 *data_dir,
                     SwSecretsBackendPreference  preference,
                     GCancellable               *cancellable,
                     GError                    **error)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (store == NULL || SW_IS_STORE (store), NULL);
  g_return_val_if_fail (preference == SW_SECRETS_BACKEND_PREFERENCE_SERVICE ||
                        (store != NULL && data_dir != NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The same code path as the asynchronous constructor, so the probe's timeout works
   * while we block. */
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  sw_secrets_new_async (store, data_dir, preference, cancellable, on_sync_ready, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  return sw_secrets_new_finish (result, error);
}

SwSecretsBackend
sw_secrets_get_backend (SwSecrets *self)
{
  g_return_val_if_fail (SW_IS_SECRETS (self), SW_SECRETS_BACKEND_SECRET_SERVICE);

  return self->backend;
}

const char *
sw_secrets_get_backend_name (SwSecrets *self)
{
  g_return_val_if_fail (SW_IS_SECRETS (self), NULL);

  return sw_secrets_backend_to_string (self->backend);
}

const char *
sw_secrets_get_fallback_reason (SwSecrets *self)
{
  g_return_val_if_fail (SW_IS_SECRETS (self), NULL);

  return self->fallback_reason;
}

/* Operations ------------------------------------------------------------------------ */

/* The three operations share their argument checks, their task set-up and the choice of
 * backend; only the backend calls differ. */
typedef enum
{
  OP_STORE,
  OP_LOOKUP,
  OP_DELETE,
} OpType;

typedef struct
{
  OpType type;
  char *kind;
  char *id;
  char *label; /* OP_STORE: never NULL */
  char *value; /* OP_STORE; wiped when freed */
} OpData;

static char *
default_label (const char *kind,
               const char *id)
{
  return g_strdup_printf ("Stillwater: %s %s", kind, id);
}

static void
op_data_free (OpData *op)
{
  g_free (op->kind);
  g_free (op->id);
  g_free (op->label);
  sw_secret_value_free (op->value);
  g_free (op);
}

/* Checks the arguments; a value only for OP_STORE. */
static gboolean
validate_op (OpType       type,
             const char  *kind,
             const char  *id,
             const char  *value,
             GError     **error)
{
  return validate_key (kind, id, error) && (type != OP_STORE || validate_value (value, error));
}

/* The operation on the calling thread, as the blocking variants do it. OP_LOOKUP puts
 * the value, or NULL when there is none, in *@out_value. */
static gboolean
run_sync (SwSecrets      *self,
          const OpData   *op,
          GCancellable   *cancellable,
          SwSecretValue **out_value,
          GError        **error)
{
  const SecretSchema *schema = sw_secrets_get_schema ();
  g_autoptr(GError) local_error = NULL;

  if (self->backend == SW_SECRETS_BACKEND_ENCRYPTED_DATABASE)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (op->type == OP_STORE)
        return sw_secrets_fallback_store (self->fallback, op->kind, op->id, op->value, error);
      if (op->type == OP_DELETE)
        return sw_secrets_fallback_delete (self->fallback, op->kind, op->id, error);

      *out_value = sw_secrets_fallback_lookup (self->fallback, op->kind, op->id, &local_error);
    }
  else if (op->type == OP_STORE)
    {
      return secret_password_store_sync (schema, SECRET_COLLECTION_DEFAULT, op->label,
                                         op->value, cancellable, error,
                                         "kind", op->kind, "id", op->id, NULL);
    }
  else if (op->type == OP_DELETE)
    {
      /* FALSE without an error means there was nothing to delete. */
      secret_password_clear_sync (schema, cancellable, &local_error,
                                  "kind", op->kind, "id", op->id, NULL);
    }
  else
    {
      *out_value = take_libsecret_password (
        secret_password_lookup_sync (schema, cancellable, &local_error,
                                     "kind", op->kind, "id", op->id, NULL));
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* Completes @task with the outcome of its operation; takes @value and @error. */
static void
return_result (GTask         *task,
               SwSecretValue *value,
               GError        *error)
{
  OpData *op = g_task_get_task_data (task);

  if (error != NULL)
    g_task_return_error (task, error);
  else if (op->type == OP_LOOKUP)
    g_task_return_pointer (task, value, (GDestroyNotify) sw_secret_value_free);
  else
    g_task_return_boolean (task, TRUE);
}

/* The database backend does its (blocking) work in a worker thread. */
static void
database_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  SwSecretValue *value = NULL;
  GError *error = NULL;

  run_sync (source_object, task_data, cancellable, &value, &error);
  return_result (task, value, error);
}

static void
on_service_done (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpData *op = g_task_get_task_data (task);
  GError *error = NULL;
  char *password = NULL;

  if (op->type == OP_STORE)
    secret_password_store_finish (result, &error);
  else if (op->type == OP_LOOKUP)
    password = secret_password_lookup_finish (result, &error);
  else
    secret_password_clear_finish (result, &error); /* FALSE alone: nothing to delete */

  return_result (task, take_libsecret_password (password), error);
}

/* The common body of sw_secrets_store(), _lookup() and _delete(). */
static void
start_op (SwSecrets           *self,
          OpType               type,
          const char          *kind,
          const char          *id,
          const char          *label,
          const char          *value,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             source_tag)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  const SecretSchema *schema = sw_secrets_get_schema ();
  OpData *op;

  g_task_set_source_tag (task, source_tag);

  if (!validate_op (type, kind, id, value, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  op = g_new0 (OpData, 1);
  op->type = type;
  op->kind = g_strdup (kind);
  op->id = g_strdup (id);
  op->label = type == OP_STORE && label == NULL ? default_label (kind, id) : g_strdup (label);
  op->value = g_strdup (value);
  g_task_set_task_data (task, op, (GDestroyNotify) op_data_free);

  if (self->backend == SW_SECRETS_BACKEND_ENCRYPTED_DATABASE)
    g_task_run_in_thread (task, database_thread);
  else if (type == OP_STORE)
    secret_password_store (schema, SECRET_COLLECTION_DEFAULT, op->label, op->value,
                           cancellable, on_service_done, g_steal_pointer (&task),
                           "kind", op->kind, "id", op->id, NULL);
  else if (type == OP_LOOKUP)
    secret_password_lookup (schema, cancellable, on_service_done, g_steal_pointer (&task),
                            "kind", op->kind, "id", op->id, NULL);
  else
    secret_password_clear (schema, cancellable, on_service_done, g_steal_pointer (&task),
                           "kind", op->kind, "id", op->id, NULL);
}

/* The common part of the _finish() functions' precondition. */
static gboolean
is_result_of (SwSecrets    *self,
              GAsyncResult *result,
              gpointer      source_tag)
{
  return SW_IS_SECRETS (self) && g_task_is_valid (result, self) &&
         g_task_get_source_tag (G_TASK (result)) == source_tag;
}

/* The common body of the blocking variants. */
static gboolean
op_sync (SwSecrets      *self,
         OpType          type,
         const char     *kind,
         const char     *id,
         const char     *label,
         const char     *value,
         GCancellable   *cancellable,
         SwSecretValue **out_value,
         GError        **error)
{
  g_autofree char *fallback_label = NULL;
  /* Borrowed strings: this OpData is never freed. */
  OpData op = { type, (char *) kind, (char *) id, (char *) label, (char *) value };

  if (!validate_op (type, kind, id, value, error))
    return FALSE;

  if (type == OP_STORE && label == NULL)
    op.label = fallback_label = default_label (kind, id);

  return run_sync (self, &op, cancellable, out_value, error);
}

void
sw_secrets_store (SwSecrets           *self,
                  const char          *kind,
                  const char          *id,
                  const char          *label,
                  const char          *value,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_return_if_fail (SW_IS_SECRETS (self));
  g_return_if_fail (kind != NULL && id != NULL && value != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_op (self, OP_STORE, kind, id, label, value, cancellable, callback, user_data,
            sw_secrets_store);
}

gboolean
sw_secrets_store_finish (SwSecrets     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (is_result_of (self, result, sw_secrets_store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sw_secrets_lookup (SwSecrets           *self,
                   const char          *kind,
                   const char          *id,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_return_if_fail (SW_IS_SECRETS (self));
  g_return_if_fail (kind != NULL && id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_op (self, OP_LOOKUP, kind, id, NULL, NULL, cancellable, callback, user_data,
            sw_secrets_lookup);
}

SwSecretValue *
sw_secrets_lookup_finish (SwSecrets     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (is_result_of (self, result, sw_secrets_lookup), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sw_secrets_delete (SwSecrets           *self,
                   const char          *kind,
                   const char          *id,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_return_if_fail (SW_IS_SECRETS (self));
  g_return_if_fail (kind != NULL && id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_op (self, OP_DELETE, kind, id, NULL, NULL, cancellable, callback, user_data,
            sw_secrets_delete);
}

gboolean
sw_secrets_delete_finish (SwSecrets     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (is_result_of (self, result, sw_secrets_delete), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Blocking variants ------------------------------------------------------------------ */

gboolean
sw_secrets_store_sync (SwSecrets     *self,
                       const char    *kind,
                       const char    *id,
                       const char    *label,
                       const char    *value,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (SW_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (kind != NULL && id != NULL && value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return op_sync (self, OP_STORE, kind, id, label, value, cancellable, NULL, error);
}

SwSecretValue *
sw_secrets_lookup_sync (SwSecrets     *self,
                        const char    *kind,
                        const char    *id,
                        GCancellable  *cancellable,
                        GError       **error)
{
  SwSecretValue *value = NULL;

  g_return_val_if_fail (SW_IS_SECRETS (self), NULL);
  g_return_val_if_fail (kind != NULL && id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  op_sync (self, OP_LOOKUP, kind, id, NULL, NULL, cancellable, &value, error);
  return value;
}

gboolean
sw_secrets_delete_sync (SwSecrets     *self,
                        const char    *kind,
                        const char    *id,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_return_val_if_fail (SW_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (kind != NULL && id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return op_sync (self, OP_DELETE, kind, id, NULL, NULL, cancellable, NULL, error);
}

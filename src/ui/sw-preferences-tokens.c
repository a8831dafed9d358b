/* sw-preferences-tokens.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-preferences-dialogs.h"
#include "sw-preferences-tokens.h"

/* API tokens belong to a user; the desktop manages those of the first administrator
 * (the one setup creates). Until an administrator exists, the group offers to set one
 * up instead. */
struct _SwPreferencesTokens
{
  AdwPreferencesGroup parent_instance;

  SwStore *store;
  char *owner_id;           /* the first active administrator, or NULL */
  GtkWidget *create_button;
  GtkWidget *setup_row;
  GPtrArray *rows;          /* the token rows now in the group */
};

G_DEFINE_FINAL_TYPE (SwPreferencesTokens, sw_preferences_tokens, ADW_TYPE_PREFERENCES_GROUP)

static void reload (SwPreferencesTokens *self);

/* "12 Mar 2026"-style local date of an RFC 3339 time; NULL for none. */
static char *
format_date (const char *rfc3339)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (rfc3339 == NULL || rfc3339[0] == '\0')
    return NULL;
  time = g_date_time_new_from_iso8601 (rfc3339, NULL);
  if (time == NULL)
    return g_strdup (rfc3339);
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%x");
}

static void
revoke_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  SwPreferencesTokens *self = SW_PREFERENCES_TOKENS (user_data);
  const char *token_id = g_object_get_data (G_OBJECT (dialog), "token-id");

  if (g_strcmp0 (response, "revoke") == 0)
    sw_preferences_tokens_revoke (self, token_id, NULL);
}

static void
revoke_clicked_cb (GtkButton           *button,
                   SwPreferencesTokens *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                                   _("Programs that use this token lose access at once."));
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Revoke “%s”?"),
                                     adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "revoke", _("_Revoke"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "revoke",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "token-id",
                          g_strdup (g_object_get_data (G_OBJECT (row), "token-id")), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (revoke_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
token_row (SwPreferencesTokens *self,
           SwApiToken          *token)
{
  g_autofree char *id = NULL, *name = NULL, *scopes = NULL, *status = NULL;
  g_autofree char *created_at = NULL, *last_used_at = NULL;
  g_autofree char *created = NULL, *used = NULL, *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  g_object_get (token, "id", &id, "name", &name, "scopes", &scopes, "status", &status,
                "created_at", &created_at, "last_used_at", &last_used_at, NULL);
  created = format_date (created_at);
  used = format_date (last_used_at);

  /* Translators: API token details: scopes, creation date, last use. */
  subtitle = g_strdup_printf (_("%s · created %s · %s"), scopes, created,
                              used != NULL ? used : _("never used"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "token-id", g_steal_pointer (&id), g_free);

  if (g_strcmp0 (status, "revoked") == 0)
    {
      GtkWidget *label = gtk_label_new (_("Revoked"));

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Revoke…"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "destructive-action");
      g_signal_connect_object (button, "clicked", G_CALLBACK (revoke_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
reload (SwPreferencesTokens *self)
{
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  g_clear_pointer (&self->owner_id, g_free);
  self->owner_id = sw_auth_dup_first_admin_id (self->store, &error);
  if (error != NULL)
    {
      g_warning ("Could not look up the administrator: %s", error->message);
      g_clear_error (&error);
    }

  gtk_widget_set_visible (self->setup_row, self->owner_id == NULL);
  gtk_widget_set_visible (self->create_button, self->owner_id != NULL);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         self->owner_id == NULL
                                         ? _("API tokens belong to the web administrator, "
                                             "who must be set up first.")
                                         : _("Tokens let scripts and other programs use the "
                                             "web API."));
  if (self->owner_id == NULL)
    return;

  tokens = sw_auth_list_tokens (self->store, self->owner_id, &error);
  if (tokens == NULL)
    {
      sw_preferences_toast (GTK_WIDGET (self), error->message);
      return;
    }
  for (guint i = 0; i < tokens->len; i++)
    {
      GtkWidget *row = token_row (self, tokens->pdata[i]);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
}

gboolean
sw_preferences_tokens_create (SwPreferencesTokens  *self,
                              const char           *name,
                              SwScopes              scopes,
                              GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *token = NULL;

  g_return_val_if_fail (SW_IS_PREFERENCES_TOKENS (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (self->owner_id == NULL)
    g_set_error_literal (&local_error, SW_AUTH_ERROR, SW_AUTH_ERROR_NOT_FOUND,
                         _("Set up the administrator first"));
  else
    token = sw_auth_create_token (self->store, self->owner_id, name, scopes, NULL, &local_error);

  if (token == NULL)
    {
      sw_preferences_toast (GTK_WIDGET (self), local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  reload (self);
  sw_preferences_show_new_token (GTK_WIDGET (self), token);
  return TRUE;
}

gboolean
sw_preferences_tokens_revoke (SwPreferencesTokens  *self,
                              const char           *token_id,
                              GError              **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SW_IS_PREFERENCES_TOKENS (self), FALSE);
  g_return_val_if_fail (token_id != NULL, FALSE);

  if (self->owner_id == NULL ||
      !sw_auth_revoke_token (self->store, self->owner_id, token_id, &local_error))
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, SW_AUTH_ERROR, SW_AUTH_ERROR_NOT_FOUND,
                             _("Set up the administrator first"));
      sw_preferences_toast (GTK_WIDGET (self), local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  reload (self);
  sw_preferences_toast (GTK_WIDGET (self), _("Token revoked"));
  return TRUE;
}

gboolean
sw_preferences_tokens_setup_admin (SwPreferencesTokens  *self,
                                   const char           *username,
                                   const char           *password,
                                   GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SwUser) user = NULL;

  g_return_val_if_fail (SW_IS_PREFERENCES_TOKENS (self), FALSE);

  user = sw_auth_setup_admin (self->store, username, password, &local_error);
  if (user == NULL)
    {
      sw_preferences_toast (GTK_WIDGET (self), local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  reload (self);
  sw_preferences_toast (GTK_WIDGET (self), _("Administrator set up"));
  return TRUE;
}

static void
create_confirmed (const char *name,
                  SwScopes    scopes,
                  gpointer    user_data)
{
  sw_preferences_tokens_create (SW_PREFERENCES_TOKENS (user_data), name, scopes, NULL);
}

static void
create_clicked_cb (SwPreferencesTokens *self)
{
  sw_preferences_ask_new_token (GTK_WIDGET (self), create_confirmed, self);
}

static void
setup_confirmed (const char *username,
                 const char *password,
                 gpointer    user_data)
{
  sw_preferences_tokens_setup_admin (SW_PREFERENCES_TOKENS (user_data), username, password, NULL);
}

static void
setup_clicked_cb (SwPreferencesTokens *self)
{
  sw_preferences_ask_admin_setup (GTK_WIDGET (self), setup_confirmed, self);
}

static void
sw_preferences_tokens_dispose (GObject *object)
{
  SwPreferencesTokens *self = SW_PREFERENCES_TOKENS (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sw_preferences_tokens_parent_class)->dispose (object);
}

static void
sw_preferences_tokens_finalize (GObject *object)
{
  SwPreferencesTokens *self = SW_PREFERENCES_TOKENS (object);

  g_free (self->owner_id);

  G_OBJECT_CLASS (sw_preferences_tokens_parent_class)->finalize (object);
}

static void
sw_preferences_tokens_class_init (SwPreferencesTokensClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sw_preferences_tokens_dispose;
  object_class->finalize = sw_preferences_tokens_finalize;
}

static void
sw_preferences_tokens_init (SwPreferencesTokens *self)
{
  GtkWidget *setup_button;

  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("API Tokens"));

  self->create_button = gtk_button_new_with_mnemonic (_("_Create Token…"));
  gtk_widget_set_valign (self->create_button, GTK_ALIGN_CENTER);
  g_signal_connect_object (self->create_button, "clicked", G_CALLBACK (create_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), self->create_button);

  self->setup_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->setup_row),
                                 _("No Administrator Yet"));
  setup_button = gtk_button_new_with_mnemonic (_("_Set Up Administrator…"));
  gtk_widget_set_valign (setup_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (setup_button, "suggested-action");
  g_signal_connect_object (setup_button, "clicked", G_CALLBACK (setup_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->setup_row), setup_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->setup_row);
}

GtkWidget *
sw_preferences_tokens_new (SwStore *store)
{
  SwPreferencesTokens *self;

  g_return_val_if_fail (SW_IS_STORE (store), NULL);

  self = g_object_new (SW_TYPE_PREFERENCES_TOKENS, NULL);
  self->store = g_object_ref (store);
  reload (self);
  return GTK_WIDGET (self);
}

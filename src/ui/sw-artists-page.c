/* sw-artists-page.c
 *
 * Copyright 2026 The Stillwater developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sw-artist-editor.h"
#include "sw-artist-extras.h"
#include "sw-artist-filters.h"
#include "sw-artist-list-model.h"
#include "sw-artist-query.h"
#include "sw-artist-row.h"
#include "sw-artist-slots.h"
#include "sw-artists-page.h"
#include "sw-library-service.h"
#include "sw-thumbnail-loader.h"
#include "sw-ui.h"

struct _SwArtistsPage
{
  AdwBin parent_instance;

  SwStore *store;
  SwEvents *events;
  SwArtistService *service;

  SwArtistListModel *artists;   /* shown */
  SwArtistListModel *next;      /* being counted, to be shown next; NULL when none */
  GCancellable *next_cancellable;
  gboolean open_first_when_shown;
  SwArtistSlots *slots;
  GtkMultiSelection *selection;
  SwArtistFilters *filters;
  SwThumbnailLoader *thumbnails;
  SwArtistEditor *editor;
  SwArtistExtras *extras;
  GCancellable *thumbnail_cancellable;

  AdwLeaflet *leaflet;
  GtkWidget *list_pane;
  AdwWindowTitle *list_title;
  GtkWidget *sidebar_button;
  GtkMenuButton *filter_button;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkRevealer *chips_revealer;
  GtkFlowBox *chips_box;
  GtkStack *list_stack;
  GtkListView *artist_list;
  AdwStatusPage *no_results_page;
  AdwBin *detail_bin;
  GMenu *library_section;
};

#define EDITOR_THUMBNAIL_SIZE 96

G_DEFINE_FINAL_TYPE (SwArtistsPage, sw_artists_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_EVENTS,
  PROP_SERVICE,
  PROP_TOTAL,
  PROP_SHOW_SIDEBAR_BUTTON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (SwArtistsPage *self,
            const char    *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

/* The count and the "no results" page ------------------------------------------------- */

static void
update_count (SwArtistsPage *self)
{
  guint total = sw_artist_list_model_get_total (self->artists);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean filtered = gtk_revealer_get_reveal_child (self->chips_revealer);
  g_autofree char *subtitle = NULL;

  subtitle = g_strdup_printf (ngettext ("%u artist", "%u artists", total), total);
  adw_window_title_set_subtitle (self->list_title, subtitle);

  if (total == 0 && (*search != '\0' || filtered))
    {
      g_autofree char *description = NULL;

      if (*search != '\0')
        /* TRANSLATORS: %s is what the user searched for */
        description = g_markup_printf_escaped (_("No artists match “%s”."), search);
      else
        description = g_strdup (_("No artists match the filters."));
      adw_status_page_set_description (self->no_results_page, description);
      gtk_stack_set_visible_child_name (self->list_stack, "no-results");
    }
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
}

/* The query ----------------------------------------------------------------------------- */

static void selection_changed_cb (SwArtistsPage *self);

/* Shows @model. The view's model is a fixed set of slots, and a new result goes into
 * them (see sw-artist-slots.h): GTK 4.8 would otherwise re-create its 200 rows. */
static void
show_model (SwArtistsPage     *self,
            SwArtistListModel *model)
{
  if (self->artists != NULL)
    g_signal_handlers_disconnect_by_data (self->artists, self);
  g_set_object (&self->artists, model);
  g_signal_connect_swapped (model, "notify::total", G_CALLBACK (update_count), self);

  if (self->slots == NULL)
    {
      self->slots = sw_artist_slots_new (model);
      self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->slots)));
      gtk_list_view_set_model (self->artist_list, GTK_SELECTION_MODEL (self->selection));
      g_signal_connect_swapped (self->selection, "selection-changed",
                                G_CALLBACK (selection_changed_cb), self);
    }
  else
    {
      /* A new result: nothing of the old one stays selected, and it is read from the
       * top. */
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
      gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->artist_list)),
                                0);
      sw_artist_slots_set_source (self->slots, model);
    }
  update_count (self);
}

static void open_first_match (SwArtistsPage *self);

static void
query_counted_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SwArtistListModel *model = SW_ARTIST_LIST_MODEL (source);
  SwArtistsPage *self;

  /* Cancelled: another query came after it, or the page is gone. */
  if (!sw_artist_list_model_count_finish (model, result, NULL))
    return;

  self = SW_ARTISTS_PAGE (user_data);
  g_assert (model == self->next);
  show_model (self, model);
  g_clear_object (&self->next);
  g_clear_object (&self->next_cancellable);
  if (self->open_first_when_shown)
    open_first_match (self);
}

/* The list is counted on the list model's reader threads (a cold count can wait for the
 * disk) and shown when that is done; a change made meanwhile builds on it and
 * supersedes it. */
static void
set_query_param (SwArtistsPage *self,
                 const char    *name,
                 const char    *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SwArtistListModel) next = NULL;
  SwArtistListModel *base = self->next != NULL ? self->next : self->artists;

  next = sw_artist_list_model_derive (base, name, value, &error);
  if (next == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  if (next == base)
    return;

  g_cancellable_cancel (self->next_cancellable);
  g_clear_object (&self->next_cancellable);
  self->next_cancellable = g_cancellable_new ();
  g_set_object (&self->next, next);
  sw_artist_list_model_count_async (next, self->next_cancellable, query_counted_cb, self);
}

static void
apply_filter_param (const char *name,
                    const char *value,
                    gpointer    user_data)
{
  set_query_param (SW_ARTISTS_PAGE (user_data), name, value);
}

/* Search -------------------------------------------------------------------------------- */

static void
search_changed_cb (SwArtistsPage *self)
{
  set_query_param (self, "search", gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
open_first_match (SwArtistsPage *self)
{
  g_autoptr(SwArtist) first = sw_artist_list_model_peek_item (self->artists, 0);

  self->open_first_when_shown = FALSE;
  if (first == NULL)
    return;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
  sw_artists_page_show_artist (self, sw_artist_get_id (first));
}

/* Enter in the search entry opens the first match, of the search typed: once it is
 * counted, when it still is. */
static void
search_activate_cb (SwArtistsPage *self)
{
  if (self->next != NULL)
    self->open_first_when_shown = TRUE;
  else
    open_first_match (self);
}

/* Closing the search bar ends the search, as everywhere in GNOME. */
static void
search_mode_changed_cb (SwArtistsPage *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Filters ------------------------------------------------------------------------------- */

static void
filters_changed_cb (SwArtistsPage *self)
{
  guint n = sw_artist_filters_fill_chips (self->filters, self->chips_box);

  gtk_revealer_set_reveal_child (self->chips_revealer, n > 0);
  update_count (self);
}

/* The library choices are read when the menu opens: libraries change rarely. */
static void
filter_menu_opened_cb (SwArtistsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) libraries = NULL;

  libraries = sw_library_service_list (self->store, &error);
  if (libraries == NULL)
    {
      g_warning ("Could not list the libraries: %s", error->message);
      return;
    }
  sw_artist_filters_fill_libraries (self->filters, self->library_section, libraries);
}

/* The list ------------------------------------------------------------------------------ */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              SwArtistsPage            *self)
{
  GtkWidget *row = sw_artist_row_new ();

  sw_artist_row_set_thumbnail_loader (SW_ARTIST_ROW (row), self->thumbnails);
  gtk_list_item_set_child (item, row);
}

static void
slot_artist_changed_cb (SwArtistSlot *slot,
                        GParamSpec   *pspec,
                        SwArtistRow  *row)
{
  sw_artist_row_set_artist (row, sw_artist_slot_get_artist (slot));
}

/* A row follows its slot. A slot without an artist (the row vanished since the count)
 * is an empty row until the refresh that follows. */
static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             SwArtistsPage            *self)
{
  SwArtistSlot *slot = gtk_list_item_get_item (item);
  SwArtistRow *row = SW_ARTIST_ROW (gtk_list_item_get_child (item));

  sw_artist_row_set_artist (row, sw_artist_slot_get_artist (slot));
  g_signal_connect (slot, "notify::artist", G_CALLBACK (slot_artist_changed_cb), row);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               SwArtistsPage            *self)
{
  SwArtistRow *row = SW_ARTIST_ROW (gtk_list_item_get_child (item));

  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), slot_artist_changed_cb,
                                        row);
  sw_artist_row_set_artist (row, NULL);
}

static void
editor_thumbnail_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SwArtistsPage) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = sw_thumbnail_loader_load_finish (SW_THUMBNAIL_LOADER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->editor == NULL)
    return;
  sw_artist_editor_set_thumbnail (self->editor, texture != NULL ? GDK_PAINTABLE (texture) : NULL);
}

static void
show_in_editor (SwArtistsPage *self,
                const char    *artist_id)
{
  g_autoptr(SwArtist) artist = NULL;

  sw_artist_editor_set_artist_id (self->editor, artist_id);
  sw_artist_extras_set_artist_id (self->extras, artist_id);

  /* The header's picture: the thumbnail, at the editor's size, off the main thread. */
  g_cancellable_cancel (self->thumbnail_cancellable);
  g_clear_object (&self->thumbnail_cancellable);
  sw_artist_editor_set_thumbnail (self->editor, NULL);
  if (artist_id == NULL ||
      (artist = sw_artist_store_get (self->store, artist_id, NULL)) == NULL)
    return;
  self->thumbnail_cancellable = g_cancellable_new ();
  sw_thumbnail_loader_load_async (self->thumbnails, artist, EDITOR_THUMBNAIL_SIZE,
                                  self->thumbnail_cancellable, editor_thumbnail_cb,
                                  g_object_ref (self));
}

/* One selected artist goes to the editor. A refresh of the list (an edit, a scan)
 * clears the selection; the editor keeps its artist then. */
static void
selection_changed_cb (SwArtistsPage *self)
{
  g_autoptr(GtkBitset) selected =
    gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(SwArtist) artist = NULL;

  if (gtk_bitset_get_size (selected) != 1)
    return;

  artist = g_list_model_get_item (G_LIST_MODEL (self->artists), gtk_bitset_get_nth (selected, 0));
  if (artist != NULL)
    show_in_editor (self, sw_artist_get_id (artist));
}

static void
row_activated_cb (SwArtistsPage *self,
                  guint          position)
{
  g_autoptr(SwArtist) artist = g_list_model_get_item (G_LIST_MODEL (self->artists), position);

  if (artist != NULL)
    sw_artists_page_show_artist (self, sw_artist_get_id (artist));
}

static void
folded_changed_cb (SwArtistsPage *self)
{
  g_object_set (self->editor, "show-back-button", adw_leaflet_get_folded (self->leaflet), NULL);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  sw_artists_page_go_back (SW_ARTISTS_PAGE (widget));
}

static void
setup_list (SwArtistsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_autoptr(SwArtistListModel) artists = sw_artist_list_model_new (self->store, self->events);

  self->thumbnails = sw_thumbnail_loader_new (self->store);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->artist_list, factory);
  show_model (self, artists);

  self->filters = sw_artist_filters_new (apply_filter_param, self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "artists",
                                  sw_artist_filters_get_action_group (self->filters));
  g_signal_connect_object (self->filters, "changed", G_CALLBACK (filters_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* GObject ------------------------------------------------------------------------------- */

static void
sw_artists_page_constructed (GObject *object)
{
  SwArtistsPage *self = SW_ARTISTS_PAGE (object);

  G_OBJECT_CLASS (sw_artists_page_parent_class)->constructed (object);

  setup_list (self);
  self->editor = SW_ARTIST_EDITOR (sw_artist_editor_new (self->service, self->events));
  adw_bin_set_child (self->detail_bin, GTK_WIDGET (self->editor));
  self->extras = sw_artist_extras_new (self->editor, self->service, self->events);
  folded_changed_cb (self);
}

static void
sw_artists_page_dispose (GObject *object)
{
  SwArtistsPage *self = SW_ARTISTS_PAGE (object);

  /* The leaflet is both AdwBin's child and a template child: AdwBin lets go of it
   * first, or it would unparent it again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_ARTISTS_PAGE);
  self->editor = NULL;
  g_cancellable_cancel (self->thumbnail_cancellable);
  g_clear_object (&self->thumbnail_cancellable);
  g_cancellable_cancel (self->next_cancellable);
  g_clear_object (&self->next_cancellable);
  g_clear_object (&self->next);
  g_clear_object (&self->extras);
  g_clear_object (&self->filters);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->artists != NULL)
    g_signal_handlers_disconnect_by_data (self->artists, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->artists);
  g_clear_object (&self->thumbnails);
  g_clear_object (&self->service);
  g_clear_object (&self->events);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sw_artists_page_parent_class)->dispose (object);
}

static void
sw_artists_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SwArtistsPage *self = SW_ARTISTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_EVENTS:
      self->events = g_value_dup_object (value);
      break;

    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;

    case PROP_SHOW_SIDEBAR_BUTTON:
      gtk_widget_set_visible (self->sidebar_button, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_artists_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SwArtistsPage *self = SW_ARTISTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_TOTAL:
      g_value_set_uint (value, sw_artists_page_get_total (self));
      break;

    case PROP_SHOW_SIDEBAR_BUTTON:
      g_value_set_boolean (value, gtk_widget_get_visible (self->sidebar_button));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sw_artists_page_class_init (SwArtistsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags construct = G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = sw_artists_page_constructed;
  object_class->dispose = sw_artists_page_dispose;
  object_class->set_property = sw_artists_page_set_property;
  object_class->get_property = sw_artists_page_get_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, SW_TYPE_STORE, construct);
  properties[PROP_EVENTS] = g_param_spec_object ("events", NULL, NULL, SW_TYPE_EVENTS, construct);
  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, SW_TYPE_ARTIST_SERVICE, construct);
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_SIDEBAR_BUTTON] =
    g_param_spec_boolean ("show-sidebar-button", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "artists.back", NULL, back_activated);

  sw_ui_init ();
  g_type_ensure (SW_TYPE_ARTIST_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "sw-artists-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SwArtistsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SwArtistsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, SwArtistsPage, list_title);
  gtk_widget_class_bind_template_child (widget_class, SwArtistsPage, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, SwArtistsPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, SwArtistsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, SwArtistsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SwArtistsPage, chips_revealer);
  gtk_widget_class_bind_template_child (widget_class, SwArtistsPage, chips_box);
  gtk_widget_class_bind_template_child (widget_class, SwArtistsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SwArtistsPage, artist_list);
  gtk_widget_class_bind_template_child (widget_class, SwArtistsPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, SwArtistsPage, detail_bin);
  gtk_widget_class_bind_template_child (widget_class, SwArtistsPage, library_section);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);
}

static void
sw_artists_page_init (SwArtistsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_visible (self->sidebar_button, FALSE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  /* Typing anywhere in the list starts a search. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, self->list_pane);
  g_signal_connect_object (gtk_menu_button_get_popover (self->filter_button), "show",
                           G_CALLBACK (filter_menu_opened_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
sw_artists_page_new (SwStore         *store,
                     SwEvents        *events,
                     SwArtistService *service)
{
  g_return_val_if_fail (SW_IS_STORE (store), NULL);
  g_return_val_if_fail (SW_IS_EVENTS (events), NULL);
  g_return_val_if_fail (SW_IS_ARTIST_SERVICE (service), NULL);

  return g_object_new (SW_TYPE_ARTISTS_PAGE,
                       "store", store,
                       "events", events,
                       "service", service,
                       NULL);
}

guint
sw_artists_page_get_total (SwArtistsPage *self)
{
  g_return_val_if_fail (SW_IS_ARTISTS_PAGE (self), 0);

  return self->artists != NULL ? sw_artist_list_model_get_total (self->artists) : 0;
}

void
sw_artists_page_start_search (SwArtistsPage *self)
{
  g_return_if_fail (SW_IS_ARTISTS_PAGE (self));

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
sw_artists_page_show_artist (SwArtistsPage *self,
                             const char    *artist_id)
{
  g_return_if_fail (SW_IS_ARTISTS_PAGE (self));

  show_in_editor (self, artist_id);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_bin));
}

gboolean
sw_artists_page_go_back (SwArtistsPage *self)
{
  g_return_val_if_fail (SW_IS_ARTISTS_PAGE (self), FALSE);

  if (!adw_leaflet_get_folded (self->leaflet) ||
      adw_leaflet_get_visible_child (self->leaflet) == self->list_pane)
    return FALSE;

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  return TRUE;
}

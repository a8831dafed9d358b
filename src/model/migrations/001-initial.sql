-- 001-initial.sql: the whole schema. Conventions: ids are random UUID strings made by
-- the app; timestamps are RFC 3339 UTC text ("2026-11-28T17:00:00Z"); booleans are
-- INTEGER 0/1; list fields are JSON array text ('[]' when empty), maps JSON object text.

-- Accounts and access ------------------------------------------------------------------

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL DEFAULT 'operator' CHECK (role IN ('administrator', 'operator')),
  auth_provider TEXT NOT NULL DEFAULT 'local'
                CHECK (auth_provider IN ('local', 'emby', 'jellyfin', 'oidc')),
  provider_id   TEXT NOT NULL DEFAULT '',
  is_active     INTEGER NOT NULL DEFAULT 1,
  is_protected  INTEGER NOT NULL DEFAULT 0,
  invited_by    TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  last_login    TEXT
);

-- The first administrator cannot be demoted, deactivated or deleted.
CREATE TRIGGER users_protect_update BEFORE UPDATE OF role, is_active ON users
WHEN OLD.is_protected = 1 AND (NEW.role <> OLD.role OR NEW.is_active = 0)
BEGIN
  SELECT RAISE (ABORT, 'protected user');
END;

CREATE TRIGGER users_protect_delete BEFORE DELETE ON users
WHEN OLD.is_protected = 1
BEGIN
  SELECT RAISE (ABORT, 'protected user');
END;

CREATE TABLE sessions (
  id         TEXT PRIMARY KEY,            -- hex SHA-256 of the cookie token
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,      -- hex SHA-256 of "sw_..."
  scopes       TEXT NOT NULL DEFAULT 'read,write',
  user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE audit_log (
  id             TEXT PRIMARY KEY,
  action         TEXT NOT NULL,
  token_id       TEXT REFERENCES api_tokens (id) ON DELETE SET NULL,
  token_name     TEXT NOT NULL DEFAULT '',
  user_id        TEXT REFERENCES users (id) ON DELETE SET NULL,
  actor_user_id  TEXT REFERENCES users (id) ON DELETE SET NULL,
  target_user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  detail         TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL
);
CREATE INDEX audit_log_token ON audit_log (token_id);
CREATE INDEX audit_log_user ON audit_log (user_id);
CREATE INDEX audit_log_created ON audit_log (created_at DESC);

CREATE TABLE invites (
  id          TEXT PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  role        TEXT NOT NULL DEFAULT 'operator' CHECK (role IN ('administrator', 'operator')),
  created_by  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at  TEXT NOT NULL,
  redeemed_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  redeemed_at TEXT,
  created_at  TEXT NOT NULL
);

CREATE TABLE user_preferences (
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  key        TEXT NOT NULL,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (user_id, key)
) WITHOUT ROWID;

-- Settings and credentials -------------------------------------------------------------

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- Fallback secret store, used only when no Secret Service is reachable. Values are
-- encrypted with a key kept in a 0600 file in the data directory.
CREATE TABLE secrets (
  kind       TEXT NOT NULL,
  id         TEXT NOT NULL,
  nonce      BLOB NOT NULL,
  ciphertext BLOB NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (kind, id)
) WITHOUT ROWID;

-- Media servers and Lidarr. API keys live in the secret store, keyed by connection id.
CREATE TABLE connections (
  id                          TEXT PRIMARY KEY,
  name                        TEXT NOT NULL,
  type                        TEXT NOT NULL CHECK (type IN ('emby', 'jellyfin', 'lidarr')),
  url                         TEXT NOT NULL,
  enabled                     INTEGER NOT NULL DEFAULT 1,
  status                      TEXT NOT NULL DEFAULT 'unknown'
                              CHECK (status IN ('unknown', 'ok', 'error')),
  status_message              TEXT NOT NULL DEFAULT '',
  feature_image_write         INTEGER NOT NULL DEFAULT 1,
  feature_metadata_push       INTEGER NOT NULL DEFAULT 0,
  feature_trigger_refresh     INTEGER NOT NULL DEFAULT 0,
  feature_manage_server_files INTEGER NOT NULL DEFAULT 0,
  platform_user_id            TEXT,
  platform_server_id          TEXT NOT NULL DEFAULT '',
  pre_stillwater_config_json  TEXT NOT NULL DEFAULT '',
  path_mappings               TEXT NOT NULL DEFAULT '[]',
  last_checked_at             TEXT,
  created_at                  TEXT NOT NULL,
  updated_at                  TEXT NOT NULL
);

CREATE TABLE libraries (
  id                         TEXT PRIMARY KEY,
  name                       TEXT NOT NULL UNIQUE,
  path                       TEXT NOT NULL DEFAULT '',   -- '' = pathless (platform) library
  type                       TEXT NOT NULL DEFAULT 'regular' CHECK (type IN ('regular')),
  source                     TEXT NOT NULL DEFAULT 'manual'
                             CHECK (source IN ('manual', 'emby', 'jellyfin', 'lidarr')),
  connection_id              TEXT REFERENCES connections (id) ON DELETE SET NULL,
  external_id                TEXT NOT NULL DEFAULT '',
  fs_watch                   INTEGER NOT NULL DEFAULT 0 CHECK (fs_watch BETWEEN 0 AND 3),
  fs_poll_interval           INTEGER NOT NULL DEFAULT 60
                             CHECK (fs_poll_interval IN (60, 300, 900, 1800)),
  nfo_lock_data              INTEGER NOT NULL DEFAULT 0,
  shared_fs_status           TEXT NOT NULL DEFAULT ''
                             CHECK (shared_fs_status IN ('', 'none', 'suspected', 'confirmed')),
  shared_fs_evidence         TEXT NOT NULL DEFAULT '[]',
  shared_fs_peer_library_ids TEXT NOT NULL DEFAULT '',
  last_scanned_at            TEXT,
  created_at                 TEXT NOT NULL,
  updated_at                 TEXT NOT NULL
);
CREATE UNIQUE INDEX libraries_external ON libraries (connection_id, external_id)
  WHERE connection_id IS NOT NULL AND external_id <> '';

CREATE TABLE platform_profiles (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  is_builtin   INTEGER NOT NULL DEFAULT 0,
  is_active    INTEGER NOT NULL DEFAULT 0,
  nfo_enabled  INTEGER NOT NULL DEFAULT 1,
  nfo_format   TEXT NOT NULL DEFAULT 'kodi' CHECK (nfo_format IN ('kodi')),
  image_naming TEXT NOT NULL DEFAULT '{}',
  use_symlinks INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
-- At most one active profile; the store keeps it exactly one.
CREATE UNIQUE INDEX platform_profiles_one_active ON platform_profiles (is_active)
  WHERE is_active = 1;

CREATE TABLE scraper_config (
  id             TEXT PRIMARY KEY,
  scope          TEXT NOT NULL UNIQUE,
  config_json    TEXT NOT NULL DEFAULT '{}',
  overrides_json TEXT NOT NULL DEFAULT '{}',
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);

-- Provider settings beyond API keys (enabled, base URL override, rate limit), and the
-- per-field provider priority lists live in `settings` ("provider.priority.<field>").
CREATE TABLE provider_settings (
  provider   TEXT PRIMARY KEY,
  enabled    INTEGER NOT NULL DEFAULT 1,
  config     TEXT NOT NULL DEFAULT '{}',
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE webhooks (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  url        TEXT NOT NULL,
  type       TEXT NOT NULL DEFAULT 'generic'
             CHECK (type IN ('generic', 'discord', 'slack', 'gotify')),
  events     TEXT NOT NULL DEFAULT '[]',
  enabled    INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Artists ------------------------------------------------------------------------------

CREATE TABLE artists (
  id                      TEXT PRIMARY KEY,
  name                    TEXT NOT NULL CHECK (name <> ''),
  name_key                TEXT NOT NULL DEFAULT '',   -- identity key, see sw-artist-identity.c
  sort_name               TEXT NOT NULL DEFAULT '',
  type                    TEXT NOT NULL DEFAULT '',
  gender                  TEXT NOT NULL DEFAULT '',
  origin                  TEXT NOT NULL DEFAULT '',
  disambiguation          TEXT NOT NULL DEFAULT '',
  musicbrainz_id          TEXT NOT NULL DEFAULT '',
  audiodb_id              TEXT NOT NULL DEFAULT '',
  discogs_id              TEXT NOT NULL DEFAULT '',
  wikidata_id             TEXT NOT NULL DEFAULT '',
  deezer_id               TEXT NOT NULL DEFAULT '',
  spotify_id              TEXT NOT NULL DEFAULT '',
  genres                  TEXT NOT NULL DEFAULT '[]',
  styles                  TEXT NOT NULL DEFAULT '[]',
  moods                   TEXT NOT NULL DEFAULT '[]',
  years_active            TEXT NOT NULL DEFAULT '',
  born                    TEXT NOT NULL DEFAULT '',
  formed                  TEXT NOT NULL DEFAULT '',
  died                    TEXT NOT NULL DEFAULT '',
  disbanded               TEXT NOT NULL DEFAULT '',
  biography               TEXT NOT NULL DEFAULT '',
  path                    TEXT NOT NULL DEFAULT '',   -- '' = pathless (platform-only)
  nfo_exists              INTEGER NOT NULL DEFAULT 0,
  -- Slot-0 image presence, kept in step with artist_images by the triggers below so
  -- list filters never need a per-row subquery.
  thumb_exists            INTEGER NOT NULL DEFAULT 0,
  fanart_exists           INTEGER NOT NULL DEFAULT 0,
  logo_exists             INTEGER NOT NULL DEFAULT 0,
  banner_exists           INTEGER NOT NULL DEFAULT 0,
  health_score            REAL NOT NULL DEFAULT 0,
  health_evaluated_at     TEXT,
  dirty_since             TEXT,
  rules_evaluated_at      TEXT,
  is_excluded             INTEGER NOT NULL DEFAULT 0,
  exclusion_reason        TEXT NOT NULL DEFAULT '',
  is_classical            INTEGER NOT NULL DEFAULT 0,
  locked                  INTEGER NOT NULL DEFAULT 0,
  lock_source             TEXT NOT NULL DEFAULT ''
                          CHECK (lock_source IN ('', 'user', 'initial_import', 'platform')),
  locked_at               TEXT CHECK (locked = 0 OR locked_at IS NOT NULL),
  metadata_sources        TEXT NOT NULL DEFAULT '{}',
  audiodb_id_fetched_at   TEXT,
  discogs_id_fetched_at   TEXT,
  wikidata_id_fetched_at  TEXT,
  lastfm_fetched_at       TEXT,
  last_scanned_at         TEXT,
  nfo_hash                TEXT NOT NULL DEFAULT '',   -- what we last read or wrote
  nfo_mtime               INTEGER NOT NULL DEFAULT 0,
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL,
  -- Derived values the list filters and sorts use, stored so they can be indexed.
  sort_key                TEXT GENERATED ALWAYS AS
                          (CASE WHEN sort_name <> '' THEN sort_name ELSE name END) STORED,
  missing_meta            INTEGER GENERATED ALWAYS AS
                          (biography = '' OR genres = '[]' OR type = '') STORED,
  missing_images          INTEGER GENERATED ALWAYS AS
                          (thumb_exists = 0 OR fanart_exists = 0) STORED,
  has_mbid                INTEGER GENERATED ALWAYS AS (musicbrainz_id <> '') STORED,
  type_class              TEXT GENERATED ALWAYS AS
                          (CASE WHEN type IN ('person', 'solo', 'character') THEN 'person'
                                WHEN type IN ('group', 'choir') THEN 'group'
                                WHEN type = 'orchestra' THEN 'orchestra'
                                ELSE 'other' END) STORED,
  -- '|lib-1|lib-2|': the artist_libraries rows, kept in step by triggers, so library
  -- filters are answered from the list index instead of a join per row.
  library_ids             TEXT NOT NULL DEFAULT '|'
);
-- The artist list: name order, with every filter column, so a page and its count
-- are answered from this index alone (rows carry biographies and are large).
CREATE INDEX artists_list ON artists (name COLLATE NOCASE, id, sort_name, type_class, missing_meta,
                                      missing_images, has_mbid, is_excluded, locked, library_ids);
-- Small indexes that count one filter's matches without touching rows.
CREATE INDEX artists_missing_meta ON artists (missing_meta);
CREATE INDEX artists_missing_images ON artists (missing_images);
CREATE INDEX artists_has_mbid ON artists (has_mbid);
CREATE INDEX artists_excluded ON artists (is_excluded);
CREATE INDEX artists_locked ON artists (locked);
CREATE INDEX artists_type ON artists (type_class);
CREATE INDEX artists_libraries ON artists (library_ids);
CREATE INDEX artists_sort_key ON artists (sort_key COLLATE NOCASE, id);
CREATE INDEX artists_origin ON artists (origin COLLATE NOCASE, id);
CREATE INDEX artists_health ON artists (health_score, id);
CREATE INDEX artists_updated ON artists (updated_at, id);
CREATE INDEX artists_created ON artists (created_at, id);
CREATE INDEX artists_mbid ON artists (musicbrainz_id) WHERE musicbrainz_id <> '';
CREATE INDEX artists_name_key ON artists (name_key);
CREATE INDEX artists_dirty ON artists (dirty_since, rules_evaluated_at);

-- Substring search over names: a trigram index answers searches of three or more
-- characters without reading every name (shorter ones fall back to a scan).
CREATE VIRTUAL TABLE artist_search USING fts5 (
  name, sort_name, content = 'artists', content_rowid = 'rowid', tokenize = 'trigram',
  columnsize = 0
);

CREATE TRIGGER artists_search_insert AFTER INSERT ON artists
BEGIN
  INSERT INTO artist_search (rowid, name, sort_name) VALUES (NEW.rowid, NEW.name, NEW.sort_name);
END;

CREATE TRIGGER artists_search_delete AFTER DELETE ON artists
BEGIN
  INSERT INTO artist_search (artist_search, rowid, name, sort_name)
  VALUES ('delete', OLD.rowid, OLD.name, OLD.sort_name);
END;

CREATE TRIGGER artists_search_update AFTER UPDATE OF name, sort_name ON artists
BEGIN
  INSERT INTO artist_search (artist_search, rowid, name, sort_name)
  VALUES ('delete', OLD.rowid, OLD.name, OLD.sort_name);
  INSERT INTO artist_search (rowid, name, sort_name) VALUES (NEW.rowid, NEW.name, NEW.sort_name);
END;

CREATE TABLE artist_libraries (
  artist_id  TEXT NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
  library_id TEXT NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
  source     TEXT NOT NULL DEFAULT 'filesystem'
             CHECK (source IN ('filesystem', 'emby', 'jellyfin', 'lidarr', 'manual')),
  added_at   TEXT NOT NULL,
  PRIMARY KEY (artist_id, library_id)
) WITHOUT ROWID;
CREATE INDEX artist_libraries_library ON artist_libraries (library_id, artist_id);

-- Creating an artist may fill library_ids itself; the trigger then has nothing to do.
CREATE TRIGGER artist_libraries_insert AFTER INSERT ON artist_libraries
BEGIN
  UPDATE artists SET library_ids = library_ids || NEW.library_id || '|'
  WHERE id = NEW.artist_id AND instr (library_ids, '|' || NEW.library_id || '|') = 0;
END;

CREATE TRIGGER artist_libraries_delete AFTER DELETE ON artist_libraries
BEGIN
  UPDATE artists SET library_ids = replace (library_ids, '|' || OLD.library_id || '|', '|')
  WHERE id = OLD.artist_id;
END;

-- Field locks: one row per locked field name (lowercase).
CREATE TABLE artist_field_locks (
  artist_id TEXT NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
  field     TEXT NOT NULL,
  locked_at TEXT NOT NULL,
  PRIMARY KEY (artist_id, field)
) WITHOUT ROWID;

-- "When did we last ask provider X about this artist" for providers without a column.
CREATE TABLE artist_provider_fetches (
  artist_id  TEXT NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
  provider   TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  PRIMARY KEY (artist_id, provider)
) WITHOUT ROWID;

CREATE TABLE artist_images (
  id              TEXT PRIMARY KEY,
  artist_id       TEXT NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
  image_type      TEXT NOT NULL CHECK (image_type IN ('thumb', 'fanart', 'logo', 'banner')),
  slot_index      INTEGER NOT NULL DEFAULT 0 CHECK (slot_index >= 0),
  exists_flag     INTEGER NOT NULL DEFAULT 0,
  low_res         INTEGER NOT NULL DEFAULT 0,
  placeholder     TEXT NOT NULL DEFAULT '',
  width           INTEGER NOT NULL DEFAULT 0,
  height          INTEGER NOT NULL DEFAULT 0,
  size_bytes      INTEGER NOT NULL DEFAULT 0,
  file_name       TEXT NOT NULL DEFAULT '',
  file_format     TEXT NOT NULL DEFAULT '',
  content_hash    TEXT NOT NULL DEFAULT '',   -- hex SHA-256 of the file
  phash           TEXT NOT NULL DEFAULT '',   -- 64-bit perceptual hash, 16 hex digits
  source          TEXT NOT NULL DEFAULT '',   -- provenance: user, provider name, platform
  last_written_at TEXT NOT NULL DEFAULT '',
  locked          INTEGER NOT NULL DEFAULT 0,
  UNIQUE (artist_id, image_type, slot_index)
);
CREATE INDEX artist_images_hash ON artist_images (artist_id, image_type, content_hash)
  WHERE content_hash <> '';

CREATE TRIGGER artist_images_slot0_insert AFTER INSERT ON artist_images
WHEN NEW.slot_index = 0
BEGIN
  UPDATE artists SET
    thumb_exists  = CASE WHEN NEW.image_type = 'thumb'  THEN NEW.exists_flag ELSE thumb_exists END,
    fanart_exists = CASE WHEN NEW.image_type = 'fanart' THEN NEW.exists_flag ELSE fanart_exists END,
    logo_exists   = CASE WHEN NEW.image_type = 'logo'   THEN NEW.exists_flag ELSE logo_exists END,
    banner_exists = CASE WHEN NEW.image_type = 'banner' THEN NEW.exists_flag ELSE banner_exists END
  WHERE id = NEW.artist_id;
END;

CREATE TRIGGER artist_images_slot0_update AFTER UPDATE OF exists_flag, slot_index ON artist_images
BEGIN
  UPDATE artists SET
    thumb_exists  = EXISTS (SELECT 1 FROM artist_images WHERE artist_id = NEW.artist_id
                            AND image_type = 'thumb' AND slot_index = 0 AND exists_flag = 1),
    fanart_exists = EXISTS (SELECT 1 FROM artist_images WHERE artist_id = NEW.artist_id
                            AND image_type = 'fanart' AND slot_index = 0 AND exists_flag = 1),
    logo_exists   = EXISTS (SELECT 1 FROM artist_images WHERE artist_id = NEW.artist_id
                            AND image_type = 'logo' AND slot_index = 0 AND exists_flag = 1),
    banner_exists = EXISTS (SELECT 1 FROM artist_images WHERE artist_id = NEW.artist_id
                            AND image_type = 'banner' AND slot_index = 0 AND exists_flag = 1)
  WHERE id = NEW.artist_id;
END;

CREATE TRIGGER artist_images_slot0_delete AFTER DELETE ON artist_images
WHEN OLD.slot_index = 0
BEGIN
  UPDATE artists SET
    thumb_exists  = CASE WHEN OLD.image_type = 'thumb'  THEN 0 ELSE thumb_exists END,
    fanart_exists = CASE WHEN OLD.image_type = 'fanart' THEN 0 ELSE fanart_exists END,
    logo_exists   = CASE WHEN OLD.image_type = 'logo'   THEN 0 ELSE logo_exists END,
    banner_exists = CASE WHEN OLD.image_type = 'banner' THEN 0 ELSE banner_exists END
  WHERE id = OLD.artist_id;
END;

CREATE TABLE artist_aliases (
  id         TEXT PRIMARY KEY,
  artist_id  TEXT NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
  alias      TEXT NOT NULL CHECK (alias <> ''),
  source     TEXT NOT NULL DEFAULT 'manual',
  created_at TEXT NOT NULL,
  UNIQUE (artist_id, alias)
);

CREATE TABLE band_members (
  id                 TEXT PRIMARY KEY,
  artist_id          TEXT NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
  member_name        TEXT NOT NULL CHECK (member_name <> ''),
  member_mbid        TEXT NOT NULL DEFAULT '',
  instruments        TEXT NOT NULL DEFAULT '[]',
  vocal_type         TEXT NOT NULL DEFAULT '',
  date_joined        TEXT NOT NULL DEFAULT '',
  date_left          TEXT NOT NULL DEFAULT '',
  is_original_member INTEGER NOT NULL DEFAULT 0,
  sort_order         INTEGER NOT NULL DEFAULT 0,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX band_members_artist ON band_members (artist_id, sort_order);
CREATE INDEX band_members_mbid ON band_members (member_mbid) WHERE member_mbid <> '';

-- The artist's id on each media server.
CREATE TABLE artist_platform_ids (
  artist_id          TEXT NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
  connection_id      TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  platform_artist_id TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  PRIMARY KEY (artist_id, connection_id),
  UNIQUE (connection_id, platform_artist_id)
) WITHOUT ROWID;

-- Field-level history. No foreign key: history outlives a removed artist folder (the
-- row keeps the name it had), so a re-appearing artist can still be traced.
CREATE TABLE metadata_changes (
  id          TEXT PRIMARY KEY,
  artist_id   TEXT NOT NULL,
  artist_name TEXT NOT NULL DEFAULT '',
  field       TEXT NOT NULL,
  old_value   TEXT NOT NULL DEFAULT '',
  new_value   TEXT NOT NULL DEFAULT '',
  source      TEXT NOT NULL DEFAULT 'manual',
  producer    TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
);
CREATE INDEX metadata_changes_artist ON metadata_changes (artist_id, created_at DESC);
CREATE INDEX metadata_changes_created ON metadata_changes (created_at DESC);
CREATE INDEX metadata_changes_source ON metadata_changes (source, created_at DESC);

CREATE TABLE nfo_snapshots (
  id         TEXT PRIMARY KEY,
  artist_id  TEXT NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
  content    TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX nfo_snapshots_artist ON nfo_snapshots (artist_id, created_at DESC);

CREATE TABLE mb_snapshots (
  artist_id  TEXT NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
  field      TEXT NOT NULL,
  mb_value   TEXT NOT NULL DEFAULT '',
  fetched_at TEXT NOT NULL,
  PRIMARY KEY (artist_id, field)
) WITHOUT ROWID;

CREATE TABLE mbid_validation (
  artist_id               TEXT PRIMARY KEY REFERENCES artists (id) ON DELETE CASCADE,
  mbid                    TEXT NOT NULL CHECK (mbid <> ''),
  outcome                 TEXT NOT NULL CHECK (outcome IN ('validated', 'failed', 'not_checkable')),
  reason                  TEXT NOT NULL DEFAULT '',
  detail                  TEXT NOT NULL DEFAULT '',
  resolved_name           TEXT NOT NULL DEFAULT '',
  catalogue_match_percent REAL,
  checked_at              TEXT NOT NULL,
  CHECK ((outcome = 'validated') = (reason = ''))
);

-- Rules --------------------------------------------------------------------------------

CREATE TABLE rules (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  category        TEXT NOT NULL CHECK (category IN ('nfo', 'image', 'metadata')),
  enabled         INTEGER NOT NULL DEFAULT 1,
  config          TEXT NOT NULL DEFAULT '{}',
  automation_mode TEXT NOT NULL DEFAULT 'auto' CHECK (automation_mode IN ('auto', 'manual')),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);

CREATE TABLE rule_violations (
  id           TEXT PRIMARY KEY,
  rule_id      TEXT NOT NULL REFERENCES rules (id) ON DELETE CASCADE,
  artist_id    TEXT NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
  artist_name  TEXT NOT NULL,
  severity     TEXT NOT NULL DEFAULT 'warning' CHECK (severity IN ('error', 'warning', 'info')),
  message      TEXT NOT NULL,
  fixable      INTEGER NOT NULL DEFAULT 0,
  status       TEXT NOT NULL DEFAULT 'open'
               CHECK (status IN ('open', 'pending_choice', 'dismissed', 'resolved')),
  candidates   TEXT NOT NULL DEFAULT '[]',
  dismissed_at TEXT,
  resolved_at  TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  UNIQUE (rule_id, artist_id)
);
CREATE INDEX rule_violations_artist ON rule_violations (artist_id);
CREATE INDEX rule_violations_status ON rule_violations (status, created_at);

CREATE TABLE rule_results (
  artist_id         TEXT NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
  rule_id           TEXT NOT NULL REFERENCES rules (id) ON DELETE CASCADE,
  passed            INTEGER NOT NULL DEFAULT 0,
  violation_id      TEXT REFERENCES rule_violations (id) ON DELETE SET NULL,
  violation_message TEXT,
  evaluated_at      TEXT NOT NULL,
  first_failed_at   TEXT,
  last_passed_at    TEXT,
  PRIMARY KEY (artist_id, rule_id)
) WITHOUT ROWID;
CREATE INDEX rule_results_rule ON rule_results (rule_id, passed);

CREATE TABLE health_history (
  id                TEXT PRIMARY KEY,
  total_artists     INTEGER NOT NULL,
  compliant_artists INTEGER NOT NULL,
  score             REAL NOT NULL,
  recorded_at       TEXT NOT NULL
);
CREATE INDEX health_history_recorded ON health_history (recorded_at);

-- Jobs, duplicates, foreign files -------------------------------------------------------

CREATE TABLE bulk_jobs (
  id              TEXT PRIMARY KEY,
  type            TEXT NOT NULL CHECK (type IN ('fetch_metadata', 'fetch_images')),
  mode            TEXT NOT NULL DEFAULT 'prompt_no_match'
                  CHECK (mode IN ('yolo', 'prompt_no_match', 'disambiguate', 'manual')),
  status          TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'running', 'completed', 'canceled', 'failed')),
  total_items     INTEGER NOT NULL DEFAULT 0,
  processed_items INTEGER NOT NULL DEFAULT 0,
  fixed_items     INTEGER NOT NULL DEFAULT 0,
  skipped_items   INTEGER NOT NULL DEFAULT 0,
  failed_items    INTEGER NOT NULL DEFAULT 0,
  error           TEXT,
  created_at      TEXT NOT NULL,
  started_at      TEXT,
  completed_at    TEXT
);

CREATE TABLE bulk_job_items (
  id          TEXT PRIMARY KEY,
  job_id      TEXT NOT NULL REFERENCES bulk_jobs (id) ON DELETE CASCADE,
  artist_id   TEXT NOT NULL,
  artist_name TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'pending'
              CHECK (status IN ('pending', 'fixed', 'skipped', 'failed')),
  message     TEXT,
  created_at  TEXT NOT NULL
);
CREATE INDEX bulk_job_items_job ON bulk_job_items (job_id);

CREATE TABLE ignored_duplicate_groups (
  id         TEXT PRIMARY KEY,
  signature  TEXT NOT NULL UNIQUE,   -- member ids sorted ascending, joined with '|'
  group_key  TEXT NOT NULL DEFAULT '',
  reason     TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);

CREATE TABLE foreign_files (
  id           TEXT PRIMARY KEY,
  artist_id    TEXT NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
  file_path    TEXT NOT NULL,
  file_name    TEXT NOT NULL,
  size_bytes   INTEGER NOT NULL DEFAULT 0,
  content_hash TEXT,
  detected_at  TEXT NOT NULL,
  UNIQUE (artist_id, file_path)
);
CREATE INDEX foreign_files_detected ON foreign_files (detected_at);

CREATE TABLE foreign_file_allowlist (
  id           TEXT PRIMARY KEY,
  scope        TEXT NOT NULL CHECK (scope IN ('global', 'artist')),
  artist_id    TEXT REFERENCES artists (id) ON DELETE CASCADE,
  file_name    TEXT NOT NULL,
  note         TEXT NOT NULL DEFAULT '',
  content_hash TEXT,
  created_at   TEXT NOT NULL,
  CHECK ((scope = 'global') = (artist_id IS NULL))
);
CREATE UNIQUE INDEX foreign_allowlist_global ON foreign_file_allowlist (content_hash)
  WHERE scope = 'global' AND content_hash IS NOT NULL;
CREATE UNIQUE INDEX foreign_allowlist_artist ON foreign_file_allowlist (artist_id, content_hash)
  WHERE scope = 'artist' AND content_hash IS NOT NULL;

-- Seed data ----------------------------------------------------------------------------

INSERT INTO platform_profiles
  (id, name, is_builtin, is_active, nfo_enabled, image_naming, created_at, updated_at)
VALUES
  ('kodi', 'Kodi', 1, 1, 1,
   '{"thumb":["folder.jpg"],"fanart":["fanart.jpg"],"logo":["logo.png"],"banner":["banner.jpg"]}',
   strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),
  ('emby', 'Emby', 1, 0, 1,
   '{"thumb":["folder.jpg"],"fanart":["backdrop.jpg"],"logo":["logo.png"],"banner":["banner.jpg"]}',
   strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),
  ('jellyfin', 'Jellyfin', 1, 0, 1,
   '{"thumb":["folder.jpg"],"fanart":["backdrop.jpg"],"logo":["logo.png"],"banner":["banner.jpg"]}',
   strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),
  ('plex', 'Plex', 1, 0, 0,
   '{"thumb":["artist.jpg"],"fanart":["fanart.jpg"],"logo":["logo.png"],"banner":["banner.jpg"]}',
   strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),
  ('custom', 'Custom', 1, 0, 1,
   '{"thumb":["folder.jpg"],"fanart":["fanart.jpg"],"logo":["logo.png"],"banner":["banner.jpg"]}',
   strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'));

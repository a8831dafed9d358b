-- Artist search moves out of SQLite: an in-memory index of folded names
-- (sw-artist-names.c) answers every search length in about a millisecond, where the
-- trigram index made inserting artists about 40 % slower and could not help with
-- searches shorter than three characters.
DROP TRIGGER artists_search_insert;
DROP TRIGGER artists_search_delete;
DROP TRIGGER artists_search_update;
DROP TABLE artist_search;

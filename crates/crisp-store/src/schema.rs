//! The schema as numbered steps: `PRAGMA user_version` says how many have run.

use rusqlite::Connection;

use crate::error::Result;

/// Version 1: the tables, each object's raw JSON beside the columns reads and ordering use.
const V1_TABLES: &str = "
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL UNIQUE,
    updated_at INTEGER,
    created_at INTEGER,
    state TEXT,
    unread_operator INTEGER,
    unread_visitor INTEGER,
    people_id TEXT,
    nickname TEXT,
    email TEXT,
    subject TEXT,
    segments TEXT,
    raw TEXT NOT NULL
);
CREATE INDEX conversations_by_updated_at ON conversations (updated_at DESC);
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL,
    fingerprint INTEGER NOT NULL,
    timestamp INTEGER,
    sender TEXT,
    type TEXT,
    text TEXT,
    raw TEXT NOT NULL,
    UNIQUE (session_id, fingerprint)
);
CREATE INDEX messages_by_session_time ON messages (session_id, timestamp);
CREATE TABLE people_profiles (
    id INTEGER PRIMARY KEY,
    people_id TEXT NOT NULL UNIQUE,
    email TEXT,
    nickname TEXT,
    segments TEXT,
    updated_at INTEGER,
    raw TEXT NOT NULL
);
CREATE INDEX people_profiles_by_email ON people_profiles (email);
CREATE TABLE operators (
    position INTEGER PRIMARY KEY,
    user_id TEXT,
    email TEXT,
    raw TEXT NOT NULL
);
CREATE TABLE cursors (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
CREATE TABLE unread (
    session_id TEXT PRIMARY KEY,
    nickname TEXT,
    excerpt TEXT NOT NULL,
    at INTEGER NOT NULL,
    messages INTEGER NOT NULL
);
";

/// Version 2: full-text search over conversations (nickname, email, subject, segments) and message text, kept in
/// step by triggers and filled from the rows a version-1 file already holds.
const V2_SEARCH: &str = "
CREATE VIRTUAL TABLE conversations_search USING fts5 (
    nickname, email, subject, segments,
    content = 'conversations', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER conversations_search_insert AFTER INSERT ON conversations BEGIN
    INSERT INTO conversations_search (rowid, nickname, email, subject, segments)
    VALUES (new.id, new.nickname, new.email, new.subject, new.segments);
END;
CREATE TRIGGER conversations_search_delete AFTER DELETE ON conversations BEGIN
    INSERT INTO conversations_search (conversations_search, rowid, nickname, email, subject, segments)
    VALUES ('delete', old.id, old.nickname, old.email, old.subject, old.segments);
END;
CREATE TRIGGER conversations_search_update AFTER UPDATE ON conversations BEGIN
    INSERT INTO conversations_search (conversations_search, rowid, nickname, email, subject, segments)
    VALUES ('delete', old.id, old.nickname, old.email, old.subject, old.segments);
    INSERT INTO conversations_search (rowid, nickname, email, subject, segments)
    VALUES (new.id, new.nickname, new.email, new.subject, new.segments);
END;
INSERT INTO conversations_search (conversations_search) VALUES ('rebuild');
CREATE VIRTUAL TABLE messages_search USING fts5 (
    text,
    content = 'messages', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_search (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_search (messages_search, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER messages_search_update AFTER UPDATE ON messages BEGIN
    INSERT INTO messages_search (messages_search, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO messages_search (rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO messages_search (messages_search) VALUES ('rebuild');
";

/// Version 3: the connection's canned replies (saved texts the composer inserts), written by the app, never by
/// Crisp. Titles are unique whatever their case, so typing one finds one.
const V3_CANNED_REPLIES: &str = "
CREATE TABLE canned_replies (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX canned_replies_by_title ON canned_replies (title COLLATE NOCASE);
";

/// Version 4: when each row was last stored (`stored_at`, ms; the "offline, saved HH:MM" of a stored copy), full-text
/// search over people profiles (nickname, email, segments), and the search tables rebuilt with prefix indexes of
/// 2 and 3 characters, so a word being typed (`"re"*`) reads one list instead of merging every word it starts. The
/// message index is kept in step only when a message's text changes, so re-storing an unchanged message (which
/// refreshes its `stored_at`) costs no re-indexing.
const V4_LOCAL_READING: &str = "
ALTER TABLE conversations ADD COLUMN stored_at INTEGER;
ALTER TABLE messages ADD COLUMN stored_at INTEGER;
ALTER TABLE people_profiles ADD COLUMN stored_at INTEGER;
DROP TRIGGER conversations_search_insert;
DROP TRIGGER conversations_search_delete;
DROP TRIGGER conversations_search_update;
DROP TABLE conversations_search;
DROP TRIGGER messages_search_insert;
DROP TRIGGER messages_search_delete;
DROP TRIGGER messages_search_update;
DROP TABLE messages_search;
CREATE VIRTUAL TABLE conversations_search USING fts5 (
    nickname, email, subject, segments,
    content = 'conversations', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
CREATE TRIGGER conversations_search_insert AFTER INSERT ON conversations BEGIN
    INSERT INTO conversations_search (rowid, nickname, email, subject, segments)
    VALUES (new.id, new.nickname, new.email, new.subject, new.segments);
END;
CREATE TRIGGER conversations_search_delete AFTER DELETE ON conversations BEGIN
    INSERT INTO conversations_search (conversations_search, rowid, nickname, email, subject, segments)
    VALUES ('delete', old.id, old.nickname, old.email, old.subject, old.segments);
END;
CREATE TRIGGER conversations_search_update AFTER UPDATE OF nickname, email, subject, segments ON conversations BEGIN
    INSERT INTO conversations_search (conversations_search, rowid, nickname, email, subject, segments)
    VALUES ('delete', old.id, old.nickname, old.email, old.subject, old.segments);
    INSERT INTO conversations_search (rowid, nickname, email, subject, segments)
    VALUES (new.id, new.nickname, new.email, new.subject, new.segments);
END;
INSERT INTO conversations_search (conversations_search) VALUES ('rebuild');
CREATE VIRTUAL TABLE messages_search USING fts5 (
    text,
    content = 'messages', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_search (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_search (messages_search, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER messages_search_update AFTER UPDATE OF text ON messages BEGIN
    INSERT INTO messages_search (messages_search, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO messages_search (rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO messages_search (messages_search) VALUES ('rebuild');
CREATE VIRTUAL TABLE people_search USING fts5 (
    nickname, email, segments,
    content = 'people_profiles', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
CREATE TRIGGER people_search_insert AFTER INSERT ON people_profiles BEGIN
    INSERT INTO people_search (rowid, nickname, email, segments)
    VALUES (new.id, new.nickname, new.email, new.segments);
END;
CREATE TRIGGER people_search_delete AFTER DELETE ON people_profiles BEGIN
    INSERT INTO people_search (people_search, rowid, nickname, email, segments)
    VALUES ('delete', old.id, old.nickname, old.email, old.segments);
END;
CREATE TRIGGER people_search_update AFTER UPDATE OF nickname, email, segments ON people_profiles BEGIN
    INSERT INTO people_search (people_search, rowid, nickname, email, segments)
    VALUES ('delete', old.id, old.nickname, old.email, old.segments);
    INSERT INTO people_search (rowid, nickname, email, segments)
    VALUES (new.id, new.nickname, new.email, new.segments);
END;
INSERT INTO people_search (people_search) VALUES ('rebuild');
";

/// Version 5: what the app keeps between runs besides Crisp's objects: the outbox (messages sent while Crisp could
/// not be reached, waiting to be sent once), drafts (text typed and not sent) and the monitor's memory (named JSON
/// values such as its cursors and the fingerprints it reported).
const V5_OUTBOX: &str = "
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL,
    fingerprint INTEGER NOT NULL,
    queued_at INTEGER NOT NULL,
    may_have_landed INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    request TEXT NOT NULL,
    UNIQUE (session_id, fingerprint)
);
CREATE TABLE drafts (
    session_id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE memory (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
";

/// Version 6: a queued message Crisp refused outright (not a connection problem) stays in the outbox, marked
/// failed with Crisp's reason in plain words, so what was typed is never lost and never sent again by itself.
const V6_OUTBOX_FAILED: &str = "
ALTER TABLE outbox ADD COLUMN failed TEXT;
";

/// Every schema step in order: after step `n` (from 1) the file's `user_version` is `n`. Steps are only ever
/// appended, never edited, so any older file migrates one step at a time.
pub const MIGRATIONS: &[&str] = &[
    V1_TABLES,
    V2_SEARCH,
    V3_CANNED_REPLIES,
    V4_LOCAL_READING,
    V5_OUTBOX,
    V6_OUTBOX_FAILED,
];

/// The version a file has once every step ran.
pub const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32;

/// The file's schema version (0 for a new file).
pub(crate) fn version(connection: &Connection) -> Result<u32> {
    Ok(connection.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Runs the steps after `from`, each in its own transaction with its version bump, so a crash leaves a file at
/// a version it really has.
pub(crate) fn migrate(connection: &mut Connection, from: u32) -> Result<()> {
    for (index, step) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let transaction = connection.transaction()?;
        transaction.execute_batch(step)?;
        transaction.pragma_update(None, "user_version", index as u32 + 1)?;
        transaction.commit()?;
        tracing::debug!(version = index + 1, "local store migrated");
    }
    Ok(())
}

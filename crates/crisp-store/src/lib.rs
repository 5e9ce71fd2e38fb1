//! A connection's local store: one SQLite file per connection keeping what Crisp answered (conversations, messages,
//! people profiles, operators), the monitor's cursors and memory, the Unread list, the outbox of messages waiting to
//! be sent, drafts and the app's canned replies, with full-text search.
//!
//! Each object is kept as the JSON it was given beside the columns that order, find and search it. Writes take
//! anything `Serialize` and reads give anything `Deserialize`: pass Crisp's own JSON (`serde_json::Value`, e.g.
//! `RawResponse::data` of `crisp_client::Client::execute`) to keep every field exactly, absent ones absent; a
//! `crisp_client` model keeps what its type keeps (unknown top-level fields, not every nested one). The store never
//! takes a credential: no method has a key parameter. A corrupt file, or one written by a newer build, is moved aside
//! and a new empty store takes its place.

mod canned_replies;
mod conversations;
mod error;
pub mod export;
mod file;
mod messages;
mod operators;
mod outbox;
mod people;
pub mod schema;
mod search;
mod state;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OptionalExtension};

pub use canned_replies::{
    CannedReply, SaveCannedReply, CANNED_REPLY_TEXT_MAX, CANNED_REPLY_TITLE_MAX,
};
pub use error::{Error, Result};
pub use export::{export_conversations, export_thread, ExportFormat};
pub use file::database_path;
pub use outbox::OutboxEntry;
pub use search::{PeopleHit, SearchHit, SnippetPart};
pub use state::UnreadEntry;

/// One connection's store. Not `Sync`: the app keeps it behind a lock.
#[derive(Debug)]
pub struct Store {
    connection: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating `dir` and the file when missing) `<dir>/<connection>.sqlite3` and brings it to the
    /// current schema. A file SQLite cannot read is moved to `<name>.corrupt-<timestamp>`, one from a newer build
    /// to `<name>.newer-<timestamp>`, and an empty store is made in its place.
    pub fn open(dir: &Path, connection_id: &str) -> Result<Store> {
        std::fs::create_dir_all(dir)?;
        let path = file::database_path(dir, connection_id)?;
        match Store::open_at(&path) {
            Ok(Opened::Ready(store)) => Ok(store),
            Ok(Opened::Newer(version)) => {
                let aside = file::move_aside(&path, "newer")?;
                tracing::error!(
                    version,
                    aside = %aside.display(),
                    "the local store is from a newer Crisp Desk; starting an empty one"
                );
                Store::rebuilt(&path)
            }
            Err(error) if is_unreadable(&error) => {
                let aside = file::move_aside(&path, "corrupt")?;
                tracing::error!(
                    %error,
                    aside = %aside.display(),
                    "the local store is unreadable; starting an empty one"
                );
                Store::rebuilt(&path)
            }
            Err(error) => Err(error),
        }
    }

    /// Removes `<dir>/<connection>.sqlite3` and its `-wal`/`-shm` files (nothing to remove is fine). Stores open
    /// on it must be dropped first.
    pub fn delete(dir: &Path, connection_id: &str) -> Result<()> {
        file::remove(&file::database_path(dir, connection_id)?)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn open_at(path: &Path) -> Result<Opened> {
        let mut connection = Connection::open(path)?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        // Reading the version is the first read of the file: a file that is not a database fails here.
        let version = schema::version(&connection)?;
        if version > schema::CURRENT_VERSION {
            return Ok(Opened::Newer(version));
        }
        connection
            .pragma_update_and_check(None, "journal_mode", "wal", |row| row.get::<_, String>(0))?;
        connection.pragma_update(None, "synchronous", "normal")?;
        schema::migrate(&mut connection, version)?;
        Ok(Opened::Ready(Store {
            connection,
            path: path.to_owned(),
        }))
    }

    /// Runs `sql` once per item (as JSON) in one transaction: `write` binds an item's columns and executes, or
    /// answers 0 to skip it; it gets the transaction too, for a second statement. Answers the rows written.
    fn write_each<T: serde::Serialize>(
        &mut self,
        sql: &str,
        items: &[T],
        mut write: impl FnMut(
            &rusqlite::Transaction<'_>,
            &mut rusqlite::CachedStatement<'_>,
            &serde_json::Value,
        ) -> rusqlite::Result<usize>,
    ) -> Result<usize> {
        let transaction = self.connection.transaction()?;
        let mut written = 0;
        {
            let mut statement = transaction.prepare_cached(sql)?;
            for item in items {
                written += write(&transaction, &mut statement, &serde_json::to_value(item)?)?;
            }
        }
        transaction.commit()?;
        Ok(written)
    }

    /// The object and stored time of the row `sql` selects (`raw, stored_at` by one id), decoded.
    fn stored_row<T: serde::de::DeserializeOwned>(
        &self,
        sql: &str,
        id: &str,
    ) -> Result<Option<Stored<T>>> {
        let row: Option<(String, Option<i64>)> = self
            .connection
            .query_row(sql, [id], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        row.map(|(raw, stored_at)| {
            Ok(Stored {
                value: decode(&raw)?,
                stored_at: stored_at.map(|at| at as u64),
            })
        })
        .transpose()
    }

    fn rebuilt(path: &Path) -> Result<Store> {
        match Store::open_at(path)? {
            Opened::Ready(store) => Ok(store),
            // Only if another process wrote a newer file in the moment since this one moved the last aside.
            Opened::Newer(version) => Err(Error::Io(std::io::Error::other(format!(
                "a store of version {version} appeared while rebuilding"
            )))),
        }
    }
}

/// A stored object with when it was stored: what offline reading shows as "offline, saved HH:MM".
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Stored<T> {
    /// The object (or thread), as stored.
    pub value: T,
    /// When it was last stored, ms since the epoch; `None` for rows a version-2 store wrote before it kept the time.
    pub stored_at: Option<u64>,
}

enum Opened {
    Ready(Store),
    Newer(u32),
}

/// Whether SQLite says the file is not a usable database (as opposed to, say, a folder it cannot write).
fn is_unreadable(error: &Error) -> bool {
    matches!(
        error,
        Error::Sqlite(rusqlite::Error::SqliteFailure(failure, _))
            if matches!(failure.code, ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    )
}

/// A stored object read back as the type asked for.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(raw: &str) -> Result<T> {
    Ok(serde_json::from_str(raw)?)
}

/// Now, in ms since the epoch: the `stored_at` of a row written now.
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_millis() as i64)
}

/// A 64-bit JSON integer as SQLite stores it (Crisp's millisecond times fit easily).
pub(crate) fn as_i64(value: Option<&serde_json::Value>) -> Option<i64> {
    value.and_then(|v| v.as_i64().or_else(|| v.as_u64().map(|u| u as i64)))
}

/// A JSON string member.
pub(crate) fn as_str(value: Option<&serde_json::Value>) -> Option<&str> {
    value.and_then(serde_json::Value::as_str)
}

/// A list of strings (segments) as one space-separated text for search.
pub(crate) fn joined(value: Option<&serde_json::Value>) -> Option<String> {
    let items = value?.as_array()?;
    let words: Vec<&str> = items.iter().filter_map(serde_json::Value::as_str).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

//! What the app itself keeps per connection: the monitor's cursors and the Unread list.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::Store;

/// One conversation of the Unread list: new visitor messages not yet opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnreadEntry {
    /// The conversation.
    pub session_id: String,
    /// The visitor's name, when known.
    pub nickname: Option<String>,
    /// The newest message's text.
    pub excerpt: String,
    /// When the newest message was sent, ms.
    pub at: u64,
    /// New visitor messages since it was last opened.
    pub messages: u32,
}

impl Store {
    /// A cursor by name (e.g. `conversations.updated_at`), when set.
    pub fn cursor(&self, name: &str) -> Result<Option<u64>> {
        let value: Option<i64> = self
            .connection
            .query_row("SELECT value FROM cursors WHERE name = ?1", [name], |row| {
                row.get(0)
            })
            .optional()?;
        Ok(value.map(|value| value as u64))
    }

    /// Sets a cursor.
    pub fn set_cursor(&self, name: &str, value: u64) -> Result<()> {
        self.connection.execute(
            "INSERT INTO cursors (name, value) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            params![name, value as i64],
        )?;
        Ok(())
    }

    /// Adds or replaces a conversation's Unread entry.
    pub fn set_unread(&self, entry: &UnreadEntry) -> Result<()> {
        self.connection.execute(
            "INSERT INTO unread (session_id, nickname, excerpt, at, messages) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (session_id) DO UPDATE SET nickname = excluded.nickname, excerpt = excluded.excerpt,
                 at = excluded.at, messages = excluded.messages",
            params![
                entry.session_id,
                entry.nickname,
                entry.excerpt,
                entry.at as i64,
                entry.messages
            ],
        )?;
        Ok(())
    }

    /// Takes a conversation off the Unread list (it was opened).
    pub fn remove_unread(&self, session_id: &str) -> Result<()> {
        self.connection
            .execute("DELETE FROM unread WHERE session_id = ?1", [session_id])?;
        Ok(())
    }

    /// Empties the Unread list.
    pub fn clear_unread(&self) -> Result<()> {
        self.connection.execute("DELETE FROM unread", [])?;
        Ok(())
    }

    /// The Unread list, newest message first.
    pub fn unread(&self) -> Result<Vec<UnreadEntry>> {
        let mut statement = self.connection.prepare_cached(
            "SELECT session_id, nickname, excerpt, at, messages FROM unread ORDER BY at DESC, session_id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(UnreadEntry {
                session_id: row.get(0)?,
                nickname: row.get(1)?,
                excerpt: row.get(2)?,
                at: row.get::<_, i64>(3)? as u64,
                messages: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

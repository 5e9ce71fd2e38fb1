//! What the app keeps between runs besides Crisp's objects: the outbox of messages waiting to be sent, drafts,
//! and named memory (the monitor's cursors and reported fingerprints).

use rusqlite::{params, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::Result;
use crate::{decode, Store};

/// A message waiting in the outbox: sent while Crisp could not be reached, to be sent once it can, with the same
/// fingerprint on every try so it lands once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// The conversation it goes to.
    pub session_id: String,
    /// The message's fingerprint, the same on every try.
    pub fingerprint: i64,
    /// When it was queued, ms.
    pub queued_at: u64,
    /// Whether an earlier try may have reached Crisp (its answer was lost): the next try looks it up first.
    pub may_have_landed: bool,
    /// Tries so far.
    pub attempts: u32,
    /// Why the last try failed, in plain words.
    pub last_error: Option<String>,
    /// The send request as the app makes it (`crisp_client::messages::SendMessage` as JSON).
    pub request: Value,
    /// Why Crisp refused it outright, in plain words: it stays here for the user to edit or discard and is never
    /// sent again by itself. `None` while it waits to be sent.
    #[serde(default)]
    pub failed: Option<String>,
}

const ENTRY_COLUMNS: &str =
    "session_id, fingerprint, queued_at, may_have_landed, attempts, last_error, request, failed";

fn entry(row: &rusqlite::Row<'_>) -> rusqlite::Result<(OutboxEntry, String)> {
    Ok((
        OutboxEntry {
            session_id: row.get(0)?,
            fingerprint: row.get(1)?,
            queued_at: row.get::<_, i64>(2)? as u64,
            may_have_landed: row.get(3)?,
            attempts: row.get(4)?,
            last_error: row.get(5)?,
            request: Value::Null,
            failed: row.get(7)?,
        },
        row.get(6)?,
    ))
}

impl Store {
    /// Puts a message in the outbox, or updates the one with the same conversation and fingerprint (a retry).
    pub fn queue_outbox(&self, entry: &OutboxEntry) -> Result<()> {
        self.connection.execute(
            &format!(
                "INSERT INTO outbox ({ENTRY_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (session_id, fingerprint) DO UPDATE SET may_have_landed = excluded.may_have_landed,
                     attempts = excluded.attempts, last_error = excluded.last_error, request = excluded.request,
                     failed = excluded.failed"
            ),
            params![
                entry.session_id,
                entry.fingerprint,
                entry.queued_at as i64,
                entry.may_have_landed,
                entry.attempts,
                entry.last_error,
                entry.request.to_string(),
                entry.failed,
            ],
        )?;
        Ok(())
    }

    /// Marks a message of the outbox failed: Crisp refused it for `reason` (plain words), so it is kept for the
    /// user and no longer sent. Whether it was there.
    pub fn fail_outbox(&self, session_id: &str, fingerprint: i64, reason: &str) -> Result<bool> {
        let marked = self.connection.execute(
            "UPDATE outbox SET failed = ?3 WHERE session_id = ?1 AND fingerprint = ?2",
            params![session_id, fingerprint, reason],
        )?;
        Ok(marked > 0)
    }

    /// The outbox, oldest first, failed messages included; with `session_id`, only that conversation's messages.
    pub fn outbox(&self, session_id: Option<&str>) -> Result<Vec<OutboxEntry>> {
        let mut statement = self.connection.prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM outbox WHERE ?1 IS NULL OR session_id = ?1 ORDER BY queued_at, id"
        ))?;
        let rows = statement.query_map([session_id], entry)?;
        rows.map(|row| {
            let (mut entry, request) = row?;
            entry.request = decode(&request)?;
            Ok(entry)
        })
        .collect()
    }

    /// Takes a message out of the outbox (it was sent, or found already sent); whether it was there.
    pub fn remove_outbox(&self, session_id: &str, fingerprint: i64) -> Result<bool> {
        let removed = self.connection.execute(
            "DELETE FROM outbox WHERE session_id = ?1 AND fingerprint = ?2",
            params![session_id, fingerprint],
        )?;
        Ok(removed > 0)
    }

    /// A conversation's draft: text typed and not sent yet.
    pub fn draft(&self, session_id: &str) -> Result<Option<String>> {
        Ok(self
            .connection
            .query_row(
                "SELECT text FROM drafts WHERE session_id = ?1",
                [session_id],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Every conversation's draft, as `(session_id, text)`, most recently typed first.
    pub fn drafts(&self) -> Result<Vec<(String, String)>> {
        let mut statement = self.connection.prepare_cached(
            "SELECT session_id, text FROM drafts ORDER BY updated_at DESC, session_id",
        )?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Keeps a conversation's draft; an empty text forgets it. `at` is when it was typed, ms.
    pub fn set_draft(&self, session_id: &str, text: &str, at: u64) -> Result<()> {
        if text.is_empty() {
            self.connection
                .execute("DELETE FROM drafts WHERE session_id = ?1", [session_id])?;
        } else {
            self.connection.execute(
                "INSERT INTO drafts (session_id, text, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (session_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                params![session_id, text, at as i64],
            )?;
        }
        Ok(())
    }

    /// A named value kept between runs (e.g. the monitor's memory), read as the type asked for.
    pub fn memory<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>> {
        let raw: Option<String> = self
            .connection
            .query_row("SELECT value FROM memory WHERE name = ?1", [name], |row| {
                row.get(0)
            })
            .optional()?;
        raw.map(|raw| decode(&raw)).transpose()
    }

    /// Keeps a named value (any `Serialize`), replacing the one before.
    pub fn set_memory<T: Serialize>(&self, name: &str, value: &T) -> Result<()> {
        self.connection.execute(
            "INSERT INTO memory (name, value) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            params![name, serde_json::to_string(value)?],
        )?;
        Ok(())
    }
}

//! Messages: one row per fingerprint within a conversation, a thread read oldest first.

use rusqlite::params;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::error::Result;
use crate::{as_i64, as_str, decode, now_ms, Store, Stored};

const UPSERT: &str = "
INSERT INTO messages (session_id, fingerprint, timestamp, sender, type, text, raw, stored_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
ON CONFLICT (session_id, fingerprint) DO UPDATE SET
    timestamp = excluded.timestamp, sender = excluded.sender, type = excluded.type, text = excluded.text,
    raw = excluded.raw, stored_at = excluded.stored_at
WHERE excluded.raw IS NOT messages.raw";

/// An unchanged message stored again: only when it was stored moves (its text is not indexed again).
const TOUCH: &str = "UPDATE messages SET stored_at = ?3 WHERE session_id = ?1 AND fingerprint = ?2";

impl Store {
    /// Keeps `messages` (Crisp's JSON objects, or `crisp_client` models) as given, in one transaction: a message is
    /// stored once per conversation and fingerprint, the copy written last replacing the earlier one (an edit arrives
    /// after the original). Items without a `session_id` or `fingerprint` are skipped. Answers how many rows changed;
    /// an unchanged message written again only gets its `stored_at` moved (not counted).
    pub fn upsert_messages<T: Serialize>(&mut self, messages: &[T]) -> Result<usize> {
        let stored_at = now_ms();
        self.write_each(UPSERT, messages, |transaction, upsert, raw| {
            let (Some(session_id), Some(fingerprint)) = (
                as_str(raw.get("session_id")),
                as_i64(raw.get("fingerprint")),
            ) else {
                return Ok(0);
            };
            let changed = upsert.execute(params![
                session_id,
                fingerprint,
                as_i64(raw.get("timestamp")),
                as_str(raw.get("from")),
                as_str(raw.get("type")),
                text(raw.get("content")),
                raw.to_string(),
                stored_at,
            ])?;
            if changed == 0 {
                transaction.prepare_cached(TOUCH)?.execute(params![
                    session_id,
                    fingerprint,
                    stored_at
                ])?;
            }
            Ok(changed)
        })
    }

    /// A conversation's stored thread, oldest first, as `serde_json::Value`s or models.
    pub fn messages<T: DeserializeOwned>(&self, session_id: &str) -> Result<Vec<T>> {
        let mut statement = self.connection.prepare_cached(
            "SELECT raw FROM messages WHERE session_id = ?1 ORDER BY timestamp, fingerprint",
        )?;
        let rows = statement.query_map([session_id], |row| row.get::<_, String>(0))?;
        rows.map(|raw| decode(&raw?)).collect()
    }
}

impl Store {
    /// A conversation's stored thread, oldest first, with when its newest copy was stored; `None` when none of its
    /// messages is stored (offline reading).
    pub fn stored_thread<T: DeserializeOwned>(
        &self,
        session_id: &str,
    ) -> Result<Option<Stored<Vec<T>>>> {
        let stored_at: Option<i64> = self.connection.query_row(
            "SELECT max(stored_at) FROM messages WHERE session_id = ?1",
            [session_id],
            |row| row.get(0),
        )?;
        let messages = self.messages(session_id)?;
        if messages.is_empty() {
            return Ok(None);
        }
        Ok(Some(Stored {
            value: messages,
            stored_at: stored_at.map(|at| at as u64),
        }))
    }
}

/// The words a message shows: the text of `text`/`note`, or the `text` (else `name`) of an object content.
fn text(content: Option<&Value>) -> Option<&str> {
    match content? {
        Value::String(text) => Some(text),
        Value::Object(object) => as_str(object.get("text")).or_else(|| as_str(object.get("name"))),
        _ => None,
    }
}

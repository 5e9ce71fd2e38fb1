//! Conversations: upserted newest-wins by `updated_at`, listed newest first.

use rusqlite::{params, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::Result;
use crate::{as_i64, as_str, decode, joined, now_ms, Store, Stored};

const UPSERT: &str = "
INSERT INTO conversations (session_id, updated_at, created_at, state, unread_operator, unread_visitor, people_id,
                           nickname, email, subject, segments, raw, stored_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
ON CONFLICT (session_id) DO UPDATE SET
    updated_at = excluded.updated_at, created_at = excluded.created_at, state = excluded.state,
    unread_operator = excluded.unread_operator, unread_visitor = excluded.unread_visitor,
    people_id = excluded.people_id, nickname = excluded.nickname, email = excluded.email,
    subject = excluded.subject, segments = excluded.segments, raw = excluded.raw, stored_at = excluded.stored_at
WHERE coalesce(excluded.updated_at, -1) >= coalesce(conversations.updated_at, -1)";

impl Store {
    /// Keeps `conversations` (Crisp's JSON objects, or `crisp_client` models) as given, in one transaction. A stored
    /// conversation is replaced only by one with the same or a newer `updated_at` (an older answer arriving late
    /// never undoes a newer one); items without a `session_id` are skipped. Answers how many were written.
    pub fn upsert_conversations<T: Serialize>(&mut self, conversations: &[T]) -> Result<usize> {
        let stored_at = now_ms();
        self.write_each(UPSERT, conversations, |_, upsert, raw| {
            let Some(session_id) = as_str(raw.get("session_id")) else {
                return Ok(0);
            };
            let meta = raw.get("meta");
            let field = |name: &str| meta.and_then(|meta| as_str(meta.get(name)));
            let unread = |side: &str| {
                raw.get("unread")
                    .and_then(|unread| as_i64(unread.get(side)))
            };
            upsert.execute(params![
                session_id,
                as_i64(raw.get("updated_at")),
                as_i64(raw.get("created_at")),
                as_str(raw.get("state")),
                unread("operator"),
                unread("visitor"),
                as_str(raw.get("people_id")),
                field("nickname"),
                field("email"),
                field("subject"),
                joined(meta.and_then(|meta| meta.get("segments"))),
                raw.to_string(),
                stored_at,
            ])
        })
    }

    /// One stored conversation, as a `serde_json::Value` (exactly as stored) or a model.
    pub fn conversation<T: DeserializeOwned>(&self, session_id: &str) -> Result<Option<T>> {
        let raw: Option<String> = self
            .connection
            .query_row(
                "SELECT raw FROM conversations WHERE session_id = ?1",
                [session_id],
                |row| row.get(0),
            )
            .optional()?;
        raw.map(|raw| decode(&raw)).transpose()
    }

    /// One stored conversation with when it was stored (offline reading).
    pub fn stored_conversation<T: DeserializeOwned>(
        &self,
        session_id: &str,
    ) -> Result<Option<Stored<T>>> {
        self.stored_row(
            "SELECT raw, stored_at FROM conversations WHERE session_id = ?1",
            session_id,
        )
    }

    /// The stored conversations among `session_ids`, in that order (ids not stored are left out): the list a
    /// screen shows, for export.
    pub fn conversations_by_id<T: DeserializeOwned>(
        &self,
        session_ids: &[String],
    ) -> Result<Vec<T>> {
        let mut statement = self
            .connection
            .prepare_cached("SELECT raw FROM conversations WHERE session_id = ?1")?;
        let mut found = Vec::with_capacity(session_ids.len());
        for session_id in session_ids {
            let raw: Option<String> = statement
                .query_row([session_id], |row| row.get(0))
                .optional()?;
            if let Some(raw) = raw {
                found.push(decode(&raw)?);
            }
        }
        Ok(found)
    }

    /// A page of stored conversations, most recently updated first: `limit` of them after skipping `offset`.
    pub fn conversations<T: DeserializeOwned>(
        &self,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<T>> {
        let mut statement = self.connection.prepare_cached(
            "SELECT raw FROM conversations ORDER BY updated_at DESC, session_id LIMIT ?1 OFFSET ?2",
        )?;
        let rows = statement.query_map(params![limit as i64, offset as i64], |row| {
            row.get::<_, String>(0)
        })?;
        rows.map(|raw| decode(&raw?)).collect()
    }

    /// Forgets a conversation, its messages and its Unread entry (Crisp removed it).
    pub fn remove_conversation(&mut self, session_id: &str) -> Result<()> {
        let transaction = self.connection.transaction()?;
        for table in ["conversations", "messages", "unread"] {
            transaction.execute(
                &format!("DELETE FROM {table} WHERE session_id = ?1"),
                [session_id],
            )?;
        }
        transaction.commit()?;
        Ok(())
    }
}

//! Canned replies: the connection's saved texts, which the composer inserts with `{nickname}`/`{email}` filled in.
//! The app writes them; Crisp never sees them until one is sent as a message.

use rusqlite::{params, ErrorCode, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::Store;

/// The longest title, in characters: short enough to pick from a pop-up.
pub const CANNED_REPLY_TITLE_MAX: usize = 80;

/// The longest text, in characters.
pub const CANNED_REPLY_TEXT_MAX: usize = 10_000;

/// One saved reply, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CannedReply {
    /// Its id, made by the store.
    pub id: String,
    /// What it is called; unique per connection whatever the case.
    pub title: String,
    /// The text inserted, placeholders (`{nickname}`, `{email}`) as typed.
    pub text: String,
    /// When it was last saved, ms.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub updated_at: u64,
}

/// A canned reply to save: a new one without `id`, an edit of an existing one with it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SaveCannedReply {
    /// The reply to replace; absent for a new one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(optional))]
    pub id: Option<String>,
    /// What it is called (trimmed; required, at most [`CANNED_REPLY_TITLE_MAX`] characters).
    pub title: String,
    /// The text (required, at most [`CANNED_REPLY_TEXT_MAX`] characters; kept as typed).
    pub text: String,
}

impl SaveCannedReply {
    /// The title to store, or the field at fault and why.
    fn checked_title(&self) -> Result<&str> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err(invalid("title", "Give the canned reply a title."));
        }
        if title.chars().count() > CANNED_REPLY_TITLE_MAX {
            return Err(invalid(
                "title",
                format!("A title is at most {CANNED_REPLY_TITLE_MAX} characters."),
            ));
        }
        Ok(title)
    }

    /// The text to store, or why not.
    fn checked_text(&self) -> Result<&str> {
        if self.text.trim().is_empty() {
            return Err(invalid("text", "Write the text to insert."));
        }
        if self.text.chars().count() > CANNED_REPLY_TEXT_MAX {
            return Err(invalid(
                "text",
                format!("A canned reply is at most {CANNED_REPLY_TEXT_MAX} characters."),
            ));
        }
        Ok(&self.text)
    }
}

fn invalid(field: &'static str, message: impl Into<String>) -> Error {
    Error::InvalidInput {
        field,
        message: message.into(),
    }
}

impl Store {
    /// The canned replies, by title (case ignored).
    pub fn canned_replies(&self) -> Result<Vec<CannedReply>> {
        let mut statement = self.connection.prepare_cached(
            "SELECT id, title, text, updated_at FROM canned_replies ORDER BY title COLLATE NOCASE, id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(CannedReply {
                id: row.get(0)?,
                title: row.get(1)?,
                text: row.get(2)?,
                updated_at: row.get::<_, i64>(3)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a canned reply (no `id`) or replaces one, at time `now` (ms), and answers it as stored. Refused with
    /// `InvalidInput` at `title` or `text` (empty, too long, or a title another reply has), `NotFound` for an
    /// `id` that is not stored (deleted meanwhile).
    pub fn save_canned_reply(&self, reply: &SaveCannedReply, now: u64) -> Result<CannedReply> {
        let title = reply.checked_title()?;
        let text = reply.checked_text()?;
        let written = match &reply.id {
            None => self
                .connection
                .query_row(
                    "INSERT INTO canned_replies (id, title, text, updated_at)
                     VALUES (lower(hex(randomblob(16))), ?1, ?2, ?3) RETURNING id",
                    params![title, text, now as i64],
                    |row| row.get::<_, String>(0),
                )
                .optional(),
            Some(id) => self
                .connection
                .query_row(
                    "UPDATE canned_replies SET title = ?2, text = ?3, updated_at = ?4 WHERE id = ?1 RETURNING id",
                    params![id, title, text, now as i64],
                    |row| row.get::<_, String>(0),
                )
                .optional(),
        };
        let id = match written {
            Ok(Some(id)) => id,
            Ok(None) => return Err(Error::NotFound("That canned reply was deleted.".into())),
            Err(rusqlite::Error::SqliteFailure(failure, _))
                if failure.code == ErrorCode::ConstraintViolation =>
            {
                return Err(invalid(
                    "title",
                    format!("Another canned reply is already called “{title}”."),
                ))
            }
            Err(error) => return Err(error.into()),
        };
        Ok(CannedReply {
            id,
            title: title.to_owned(),
            text: text.to_owned(),
            updated_at: now,
        })
    }

    /// Deletes a canned reply; answers whether it was there.
    pub fn delete_canned_reply(&self, id: &str) -> Result<bool> {
        let removed = self
            .connection
            .execute("DELETE FROM canned_replies WHERE id = ?1", [id])?;
        Ok(removed > 0)
    }
}

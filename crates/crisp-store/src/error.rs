//! The store's one error type.

/// What can go wrong with a connection's store. Never carries a key: the store is never given one.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// SQLite refused a statement or the file.
    #[error("the local store failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The store's folder or files could not be created, moved or removed.
    #[error("the local store's files: {0}")]
    Io(#[from] std::io::Error),
    /// A stored object could not be encoded or decoded as JSON.
    #[error("a stored object is not the JSON it should be: {0}")]
    Json(#[from] serde_json::Error),
    /// The app's own data was refused before it was written (a canned reply's empty or taken title, ...).
    #[error("{message}")]
    InvalidInput {
        /// The input field at fault (`title`, `text`).
        field: &'static str,
        /// Why, in plain words.
        message: String,
    },
    /// What was to be changed is no longer stored.
    #[error("{0}")]
    NotFound(String),
    /// The connection id cannot name a store (it is empty).
    #[error("a connection id must not be empty")]
    EmptyConnectionId,
}

/// The store's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

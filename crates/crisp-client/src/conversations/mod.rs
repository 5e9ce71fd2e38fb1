//! Conversations: create, search, get, remove, state, meta and read marks.

pub mod requests;
pub mod types;

pub use requests::*;
pub use types::*;

//! Conversations: create, search, get, remove, state, meta, read marks, routing, and batch actions on many.

pub mod batch;
pub mod requests;
pub mod types;

pub use batch::*;
pub use requests::*;
pub use types::*;

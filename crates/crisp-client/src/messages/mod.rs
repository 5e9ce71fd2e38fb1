//! Messages: list (with history paging), send (never twice), get and update.

pub mod requests;
pub mod types;

pub use requests::*;
pub use types::*;

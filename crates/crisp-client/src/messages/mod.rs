//! Messages: list (with history paging), send (never twice), get and update.

pub mod draft;
pub mod history;
pub mod requests;
pub mod types;

pub use draft::{Draft, DraftState};
pub use requests::*;
pub use types::*;

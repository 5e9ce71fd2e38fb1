//! People: add, get, update (PATCH), remove and list profiles.

pub mod patch;
pub mod requests;
pub mod rules;
pub mod types;

pub use patch::*;
pub use requests::*;
pub use types::*;

//! People: add, get, update (PATCH), remove and list profiles.

pub mod requests;
pub mod types;

pub use requests::*;
pub use types::*;

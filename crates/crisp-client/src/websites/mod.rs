//! Websites: check by domain, get, create and delete.

pub mod requests;
pub mod types;

pub use requests::*;
pub use types::*;

//! Visitors: count and list the people on the site now.

pub mod requests;
pub mod types;

pub use requests::*;
pub use types::*;

//! Operators: list the workspace's operators.

pub mod requests;
pub mod types;

pub use requests::*;
pub use types::*;

//! Operators: list the workspace's operators.

pub mod requests;
pub mod types;

pub use requests::*;
pub use types::*;

use crate::client::Client;
use crate::error::Result;

/// Operator operations: `client.operators().<operation>(&request)`.
#[derive(Debug, Clone, Copy)]
pub struct Operators<'a> {
    client: &'a Client,
}

impl Operators<'_> {
    /// The workspace's operators (`list_operators`).
    pub async fn list(&self, request: &ListOperators) -> Result<Vec<OperatorEntry>> {
        self.client.send(request).await
    }
}

impl Client {
    /// Operator operations.
    pub fn operators(&self) -> Operators<'_> {
        Operators { client: self }
    }
}

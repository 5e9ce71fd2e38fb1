//! Visitors: count and list the people on the site now.

pub mod requests;
pub mod types;

pub use requests::*;
pub use types::*;

use crate::client::Client;
use crate::error::Result;

/// Visitor operations: `client.visitors().<operation>(&request)`.
#[derive(Debug, Clone, Copy)]
pub struct Visitors<'a> {
    client: &'a Client,
}

impl Visitors<'_> {
    /// How many visitors are on the site now (`count_visitors`).
    pub async fn count(&self, request: &CountVisitors) -> Result<VisitorCount> {
        self.client.send(request).await
    }

    /// One page of visitors (`list_visitors`).
    pub async fn list(&self, request: &ListVisitors) -> Result<Vec<Visitor>> {
        self.client.send(request).await
    }
}

impl Client {
    /// Visitor operations.
    pub fn visitors(&self) -> Visitors<'_> {
        Visitors { client: self }
    }
}

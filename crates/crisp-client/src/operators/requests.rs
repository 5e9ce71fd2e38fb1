//! Operator requests (§3.13 of the contract).

use serde::{Deserialize, Serialize};

use super::types::OperatorEntry;
use crate::error::Result;
use crate::path;
use crate::request::{Request, RequestParts};

/// `GET /v1/website/{website_id}/operators/list`: the workspace's operators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct ListOperators {
    /// The workspace.
    pub website_id: String,
}

impl ListOperators {
    /// `website_id`'s operators.
    pub fn new(website_id: impl Into<String>) -> Self {
        ListOperators {
            website_id: website_id.into(),
        }
    }
}

impl Request for ListOperators {
    type Output = Vec<OperatorEntry>;
    fn build(&self) -> Result<RequestParts> {
        Ok(RequestParts::get(format!(
            "{}/operators/list",
            path::website(&self.website_id)?
        )))
    }
}

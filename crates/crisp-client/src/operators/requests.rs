//! Operator requests (§3.13 of the contract).

use super::types::OperatorEntry;
use crate::error::Result;
use crate::path;
use crate::request::{input, Request, RequestParts};

input! {
    /// `GET /v1/website/{website_id}/operators/list`: the workspace's operators.
    pub struct ListOperators {
        /// The workspace.
        pub website_id: String,
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::envelope::Response;
    use crate::lenient::KnownField;
    use crate::request::Method;

    #[test]
    fn list_operators_uses_the_operators_list_route() {
        let parts = ListOperators::new("w1").build().expect("builds");
        assert_eq!(
            (parts.method, parts.path.as_str()),
            (Method::Get, "/v1/website/w1/operators/list"),
            "the list route"
        );
    }

    #[test]
    fn a_key_inside_details_or_an_item_of_another_shape_is_dropped_too() {
        let body = r#"{"error":false,"data":[{"type":"operator","details":[{"user_id":"u1","key":"s3cr3t"}]},[{"details":{"key":"s3cr3t"}}]]}"#;
        let entries = ListOperators::interpret(Response::new(200, body)).expect("decodes");
        let shown = serde_json::to_string(&entries).unwrap_or_default();
        assert_eq!(entries.len(), 2, "both entries are kept");
        assert!(shown.contains("u1"), "the odd details are kept: {shown}");
        assert!(
            !shown.contains("s3cr3t"),
            "a key is never kept, whatever shape it arrives in: {shown}"
        );
    }

    #[test]
    fn a_token_holders_key_is_dropped_when_decoded() {
        let body = r#"{"error":false,"data":[{"type":"operator","details":{"user_id":"u1","identifier":"i","key":"s3cr3t"}}]}"#;
        let entries = ListOperators::interpret(Response::new(200, body)).expect("decodes");
        let details = entries[0].details.clone().into_known().unwrap_or_default();
        assert_eq!(
            details.user_id.as_deref(),
            Some("u1"),
            "the operator is read"
        );
        let shown = format!(
            "{details:?} {}",
            serde_json::to_string(&details).unwrap_or_default()
        );
        assert!(
            !shown.contains("s3cr3t"),
            "a key Crisp echoes is never kept: {shown}"
        );
    }
}

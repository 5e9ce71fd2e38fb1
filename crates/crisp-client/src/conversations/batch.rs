//! Batch operations on many conversations at once (§3.14), as Crisp's Node client's `WebsiteBatch` sends them,
//! and the chunking a long selection needs.

use super::requests::{required_assignment, Assignment};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::path;
use crate::request::{input, Empty, Method, Request, RequestParts};

/// The most sessions one batch request carries. Crisp documents no limit; the contract's chunk is 20
/// (unconfirmed), so a larger selection goes as several requests, each through the scheduler.
pub const BATCH_CHUNK_SIZE: usize = 20;

/// `PATCH /v1/website/{website_id}/batch/{route}` with `body`, refusing an empty or blank session list.
fn batch_parts(
    website_id: &str,
    route: &str,
    sessions: &[String],
    body: &impl serde::Serialize,
) -> Result<RequestParts> {
    if sessions.is_empty() {
        return Err(Error::invalid(
            "body.sessions",
            "name at least one conversation",
        ));
    }
    if let Some(index) = sessions
        .iter()
        .position(|session| session.trim().is_empty())
    {
        return Err(Error::invalid(
            format!("body.sessions[{index}]"),
            "must not be empty",
        ));
    }
    let path = format!("{}/batch/{route}", path::website(website_id)?);
    RequestParts::new(Method::Patch, path).json(body)
}

/// A batch request whose session list can be split into chunks of [`BATCH_CHUNK_SIZE`].
pub trait BatchRequest: Request + Clone {
    /// The conversations it acts on.
    fn sessions(&self) -> &[String];

    /// The same request for other conversations.
    fn with_sessions(&self, sessions: Vec<String>) -> Self;

    /// One request per [`BATCH_CHUNK_SIZE`] sessions, in order; an empty list stays one request, which `build`
    /// refuses, so nothing is skipped silently.
    fn chunks(&self) -> Vec<Self> {
        if self.sessions().is_empty() {
            return vec![self.clone()];
        }
        self.sessions()
            .chunks(BATCH_CHUNK_SIZE)
            .map(|chunk| self.with_sessions(chunk.to_vec()))
            .collect()
    }
}

/// [`BatchRequest`] for a request whose sessions are `body.sessions`.
macro_rules! sessions_in_body {
    ($name:ident) => {
        impl BatchRequest for $name {
            fn sessions(&self) -> &[String] {
                &self.body.sessions
            }

            fn with_sessions(&self, sessions: Vec<String>) -> Self {
                let mut request = self.clone();
                request.body.sessions = sessions;
                request
            }
        }
    };
}

input! {
    /// Body of the batch routes that name conversations only: `{ sessions, inbox_id? }`.
    pub struct BatchSessions {
        /// The conversations' `session_id`s.
        pub sessions: Vec<String>,
        /// Only conversations of this inbox.
        pub inbox_id: Option<String>,
    }
}

macro_rules! batch_sessions_request {
    ($($(#[doc = $doc:literal])* $name:ident => $route:literal;)*) => {$(
        input! {
            $(#[doc = $doc])*
            pub struct $name {
                /// The workspace.
                pub website_id: String,
                /// `{ sessions, inbox_id? }`.
                pub body: BatchSessions,
            }
        }

        impl $name {
            /// Acts on `sessions` of `website_id` (one request: see [`BatchRequest::chunks`] for long lists).
            pub fn new(website_id: impl Into<String>, sessions: Vec<String>) -> Self {
                $name {
                    website_id: website_id.into(),
                    body: BatchSessions {
                        sessions,
                        inbox_id: None,
                    },
                }
            }
        }

        impl Request for $name {
            type Output = Empty;
            fn build(&self) -> Result<RequestParts> {
                batch_parts(&self.website_id, $route, &self.body.sessions, &self.body)
            }
        }

        sessions_in_body!($name);
    )*};
}

batch_sessions_request! {
    /// `PATCH /v1/website/{website_id}/batch/resolve`: resolves conversations.
    BatchResolveConversations => "resolve";
    /// `PATCH /v1/website/{website_id}/batch/unresolve`: reopens conversations.
    BatchUnresolveConversations => "unresolve";
    /// `PATCH /v1/website/{website_id}/batch/read`: marks conversations read.
    BatchReadConversations => "read";
    /// `PATCH /v1/website/{website_id}/batch/unread`: marks conversations unread.
    BatchUnreadConversations => "unread";
    /// `PATCH /v1/website/{website_id}/batch/remove`: removes conversations (a PATCH, not a DELETE).
    BatchRemoveConversations => "remove";
}

input! {
    /// Body of [`BatchAssignConversations`]: `{ sessions, assigned: { user_id } | null }`.
    pub struct BatchRoutingBody {
        /// The conversations' `session_id`s.
        pub sessions: Vec<String>,
        /// The operator to assign, or `null` to unassign.
        #[serde(deserialize_with = "required_assignment")]
        #[cfg_attr(feature = "specta", specta(type = Assignment))]
        pub assigned: Assignment,
    }
}

input! {
    /// `PATCH /v1/website/{website_id}/batch/routing`: assigns conversations to an operator, or to nobody.
    pub struct BatchAssignConversations {
        /// The workspace.
        pub website_id: String,
        /// `{ sessions, assigned }`.
        pub body: BatchRoutingBody,
    }
}

impl BatchAssignConversations {
    /// Assigns `sessions` to operator `assigned`, or unassigns them with `None`.
    pub fn new(
        website_id: impl Into<String>,
        sessions: Vec<String>,
        assigned: Option<String>,
    ) -> Self {
        BatchAssignConversations {
            website_id: website_id.into(),
            body: BatchRoutingBody {
                sessions,
                assigned: assigned.map(super::requests::RoutingAssignee::new),
            },
        }
    }
}

impl Request for BatchAssignConversations {
    type Output = Empty;
    fn build(&self) -> Result<RequestParts> {
        if let Some(assignee) = &self.body.assigned {
            path::segment("body.assigned.user_id", &assignee.user_id)?;
        }
        batch_parts(&self.website_id, "routing", &self.body.sessions, &self.body)
    }
}

sessions_in_body!(BatchAssignConversations);

/// What one chunk of a batch came to.
#[derive(Debug)]
pub struct BatchChunk {
    /// The conversations the chunk named.
    pub sessions: Vec<String>,
    /// Crisp's answer for them.
    pub result: Result<Empty>,
}

impl Client {
    /// Sends `request` in chunks of [`BATCH_CHUNK_SIZE`] sessions, one after another through the scheduler, and
    /// reports each chunk; a failed chunk does not stop the next.
    pub async fn send_batch<R>(&self, request: &R) -> Vec<BatchChunk>
    where
        R: BatchRequest<Output = Empty>,
    {
        let mut report = Vec::new();
        for chunk in request.chunks() {
            let result = self.send(&chunk).await;
            report.push(BatchChunk {
                sessions: chunk.sessions().to_vec(),
                result,
            });
        }
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const WEBSITE: &str = "3f2b9c1e-5d47-4a8e-9b61-0c2d7e4f8a13";
    const OPERATOR: &str = "d41e8b27-93c5-4f0a-b6e2-7a19c3f58d04";

    fn sessions(count: usize) -> Vec<String> {
        (0..count)
            .map(|index| format!("session_7b1e4c9a-2f38-4d65-8a0b-{index:012}"))
            .collect()
    }

    fn built(request: &impl Request) -> RequestParts {
        request.build().expect("a batch with sessions builds")
    }

    #[test]
    fn each_batch_action_patches_its_route_with_the_sessions() {
        let list = sessions(2);
        let cases = [
            (
                "resolve",
                built(&BatchResolveConversations::new(WEBSITE, list.clone())),
            ),
            (
                "unresolve",
                built(&BatchUnresolveConversations::new(WEBSITE, list.clone())),
            ),
            (
                "read",
                built(&BatchReadConversations::new(WEBSITE, list.clone())),
            ),
            (
                "unread",
                built(&BatchUnreadConversations::new(WEBSITE, list.clone())),
            ),
            (
                "remove",
                built(&BatchRemoveConversations::new(WEBSITE, list.clone())),
            ),
        ];
        for (route, parts) in cases {
            assert_eq!(
                parts.method,
                Method::Patch,
                "batch {route} is a PATCH, as the Node client sends it"
            );
            assert_eq!(
                parts.path,
                format!("/v1/website/{WEBSITE}/batch/{route}"),
                "batch {route}'s route"
            );
            assert_eq!(
                parts.body,
                Some(json!({ "sessions": list })),
                "batch {route} sends the sessions only"
            );
        }
    }

    #[test]
    fn batch_assign_patches_the_routing_route_with_the_operator_or_null() {
        let request: BatchAssignConversations = serde_json::from_value(json!({
            "website_id": WEBSITE, "body": { "sessions": sessions(1), "assigned": { "user_id": OPERATOR } }
        }))
        .expect("the contract's batch routing body");
        let parts = built(&request);
        assert_eq!(parts.method, Method::Patch, "batch routing is a PATCH");
        assert_eq!(
            parts.path,
            format!("/v1/website/{WEBSITE}/batch/routing"),
            "the batch routing route"
        );
        assert_eq!(
            parts.body,
            Some(json!({ "sessions": sessions(1), "assigned": { "user_id": OPERATOR } })),
            "sessions and the assignee"
        );
        let unassign = built(&BatchAssignConversations::new(WEBSITE, sessions(1), None));
        assert_eq!(
            unassign.body,
            Some(json!({ "sessions": sessions(1), "assigned": null })),
            "unassigning sends `assigned: null`"
        );
        let missing = serde_json::from_value::<BatchAssignConversations>(
            json!({ "website_id": WEBSITE, "body": { "sessions": sessions(1) } }),
        );
        assert!(
            missing.is_err(),
            "a forgotten `assigned` must not unassign the conversations"
        );
    }

    #[test]
    fn an_empty_or_blank_session_list_is_refused_before_sending() {
        let empty = BatchResolveConversations::new(WEBSITE, Vec::new());
        assert!(
            matches!(empty.build(), Err(Error::InvalidInput { ref field, .. }) if field == "body.sessions"),
            "an empty batch is refused at body.sessions"
        );
        let blank =
            BatchRemoveConversations::new(WEBSITE, vec![sessions(1)[0].clone(), " ".to_owned()]);
        assert!(
            matches!(blank.build(), Err(Error::InvalidInput { ref field, .. }) if field == "body.sessions[1]"),
            "a blank session is named by its index"
        );
    }

    #[test]
    fn a_long_selection_is_split_into_chunks_of_twenty_in_order() {
        let list = sessions(45);
        let chunks =
            BatchAssignConversations::new(WEBSITE, list.clone(), Some(OPERATOR.to_owned()))
                .chunks();
        let sizes: Vec<usize> = chunks.iter().map(|chunk| chunk.sessions().len()).collect();
        assert_eq!(sizes, [20, 20, 5], "45 sessions go as 20, 20 and 5");
        let rejoined: Vec<String> = chunks
            .iter()
            .flat_map(|chunk| chunk.sessions().to_vec())
            .collect();
        assert_eq!(
            rejoined, list,
            "every session once, in the selection's order"
        );
        assert!(
            chunks.iter().all(
                |chunk| chunk.body.assigned.as_ref().map(|a| a.user_id.as_str()) == Some(OPERATOR)
            ),
            "every chunk keeps the assignee"
        );
        assert_eq!(
            BatchResolveConversations::new(WEBSITE, sessions(20))
                .chunks()
                .len(),
            1,
            "exactly twenty sessions is one request"
        );
        assert_eq!(
            BatchResolveConversations::new(WEBSITE, Vec::new())
                .chunks()
                .len(),
            1,
            "an empty selection stays one request, so its refusal is seen"
        );
    }
}

//! Conversation requests (§3.1–§3.6 of the contract).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::types::{
    Conversation, ConversationMeta, ConversationRouting, ConversationState, CreatedConversation,
};
use crate::error::Result;
#[cfg(feature = "specta")]
use crate::json::JsonValue;
use crate::messages::types::{Sender, UserOverride};
use crate::paging::paged_request;
use crate::path;
use crate::request::{first_page, input, Empty, Method, Request, RequestParts};

input! {
    /// `POST /v1/website/{website_id}/conversation`: starts an empty conversation.
    pub struct CreateConversation {
        /// The workspace.
        pub website_id: String,
    }
}

impl CreateConversation {
    /// A new conversation in `website_id`.
    pub fn new(website_id: impl Into<String>) -> Self {
        CreateConversation {
            website_id: website_id.into(),
        }
    }
}

impl Request for CreateConversation {
    type Output = CreatedConversation;
    fn build(&self) -> Result<RequestParts> {
        Ok(RequestParts::new(
            Method::Post,
            format!("{}/conversation", path::website(&self.website_id)?),
        ))
    }
}

/// How `search_query` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum SearchType {
    /// Full-text search.
    Text,
    /// A segment name.
    Segment,
    /// A JSON array of filter objects.
    Filter,
}

impl SearchType {
    fn as_str(self) -> &'static str {
        match self {
            SearchType::Text => "text",
            SearchType::Segment => "segment",
            SearchType::Filter => "filter",
        }
    }
}

/// How filter objects combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum SearchOperator {
    /// Every filter must match.
    And,
    /// Any filter may match.
    Or,
}

impl SearchOperator {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            SearchOperator::And => "and",
            SearchOperator::Or => "or",
        }
    }
}

input! {
    /// One filter object of a filter search (`search_type=filter`, people `search_filter`).
    pub struct SearchFilter {
        /// What is filtered (`session`, `people`, ...).
        pub model: String,
        /// The field (`meta.email`, ...).
        pub criterion: String,
        /// The comparison (`eq`, ...).
        pub operator: String,
        /// The values.
        pub query: Vec<String>,
    }
}

/// A search: a string for `text`/`segment`, or filter objects (sent as one JSON-encoded parameter).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum SearchQuery {
    /// Text or a segment name (or filter JSON already encoded).
    Text(String),
    /// Filter objects.
    Filters(Vec<SearchFilter>),
}

impl SearchQuery {
    /// The query parameter's value.
    pub(crate) fn encode(&self) -> Result<String> {
        match self {
            SearchQuery::Text(text) => Ok(text.clone()),
            SearchQuery::Filters(filters) => serde_json::to_string(filters)
                .map_err(|error| crate::error::Error::invalid("search_query", error.to_string())),
        }
    }
}

input! {
    /// `GET /v1/website/{website_id}/conversations/{page}`: one page of conversations, searched and filtered.
    pub struct SearchConversations {
        /// The workspace.
        pub website_id: String,
        /// Page number, from 1.
        #[serde(default = "first_page")]
        #[cfg_attr(feature = "specta", specta(optional))]
        pub page: u32,
        /// Page size (Crisp: 20–50, default 20).
        pub per_page: Option<u32>,
        /// Text, segment name or filter objects, per `search_type`.
        pub search_query: Option<SearchQuery>,
        /// How `search_query` is read.
        pub search_type: Option<SearchType>,
        /// How filter objects combine (filter searches only).
        pub search_operator: Option<SearchOperator>,
        /// Include conversations without messages.
        pub include_empty: Option<bool>,
        /// Only this inbox.
        pub filter_inbox_id: Option<String>,
        /// Only conversations with unread messages.
        pub filter_unread: Option<bool>,
        /// Only resolved conversations.
        pub filter_resolved: Option<bool>,
        /// Only unresolved conversations.
        pub filter_not_resolved: Option<bool>,
        /// Only conversations mentioning the token's user.
        pub filter_mention: Option<bool>,
        /// Only conversations assigned to this operator `user_id`.
        pub filter_assigned: Option<String>,
        /// Only conversations assigned to nobody.
        pub filter_unassigned: Option<bool>,
        /// Lower bound on the update date, ISO 8601.
        pub filter_date_start: Option<String>,
        /// Upper bound on the update date, ISO 8601.
        pub filter_date_end: Option<String>,
        /// Sort by creation date.
        pub order_date_created: Option<bool>,
        /// Sort by last update.
        pub order_date_updated: Option<bool>,
        /// Sort by longest waiting (drops conversations that are not waiting).
        pub order_date_waiting: Option<bool>,
        /// The most conversations to return when paging; never sent to Crisp.
        pub limit: Option<u32>,
    }
}

impl SearchConversations {
    /// The first page of `website_id`, unfiltered.
    pub fn new(website_id: impl Into<String>) -> Self {
        SearchConversations {
            website_id: website_id.into(),
            page: 1,
            per_page: None,
            search_query: None,
            search_type: None,
            search_operator: None,
            include_empty: None,
            filter_inbox_id: None,
            filter_unread: None,
            filter_resolved: None,
            filter_not_resolved: None,
            filter_mention: None,
            filter_assigned: None,
            filter_unassigned: None,
            filter_date_start: None,
            filter_date_end: None,
            order_date_created: None,
            order_date_updated: None,
            order_date_waiting: None,
            limit: None,
        }
    }

    /// A text search for `query`.
    pub fn search_text(mut self, query: impl Into<String>) -> Self {
        self.search_query = Some(SearchQuery::Text(query.into()));
        self.search_type = Some(SearchType::Text);
        self
    }
}

impl Request for SearchConversations {
    type Output = Vec<Conversation>;
    fn build(&self) -> Result<RequestParts> {
        let path = format!(
            "{}/conversations/{}",
            path::website(&self.website_id)?,
            path::page(self.page)?
        );
        let search_query = self
            .search_query
            .as_ref()
            .map(SearchQuery::encode)
            .transpose()?;
        Ok(RequestParts::get(path)
            .query_opt("per_page", crate::paging::per_page(self.per_page)?)
            .query_opt("search_query", search_query)
            .query_opt("search_type", self.search_type.map(SearchType::as_str))
            .query_opt(
                "search_operator",
                self.search_operator.map(SearchOperator::as_str),
            )
            .flag("include_empty", self.include_empty)
            .query_opt("filter_inbox_id", self.filter_inbox_id.as_deref())
            .flag("filter_unread", self.filter_unread)
            .flag("filter_resolved", self.filter_resolved)
            .flag("filter_not_resolved", self.filter_not_resolved)
            .flag("filter_mention", self.filter_mention)
            .query_opt("filter_assigned", self.filter_assigned.as_deref())
            .flag("filter_unassigned", self.filter_unassigned)
            .query_opt("filter_date_start", self.filter_date_start.as_deref())
            .query_opt("filter_date_end", self.filter_date_end.as_deref())
            .flag("order_date_created", self.order_date_created)
            .flag("order_date_updated", self.order_date_updated)
            .flag("order_date_waiting", self.order_date_waiting))
    }
}

paged_request!(SearchConversations => Conversation, per_page);

input! {
    /// `GET /v1/website/{website_id}/conversation/{session_id}`: one conversation.
    pub struct GetConversation {
        /// The workspace.
        pub website_id: String,
        /// The conversation.
        pub session_id: String,
    }
}

impl GetConversation {
    /// Conversation `session_id` of `website_id`.
    pub fn new(website_id: impl Into<String>, session_id: impl Into<String>) -> Self {
        GetConversation {
            website_id: website_id.into(),
            session_id: session_id.into(),
        }
    }
}

impl Request for GetConversation {
    type Output = Conversation;
    fn build(&self) -> Result<RequestParts> {
        Ok(RequestParts::get(path::conversation(
            &self.website_id,
            &self.session_id,
        )?))
    }
}

input! {
    /// `DELETE /v1/website/{website_id}/conversation/{session_id}`: removes a conversation and its messages.
    pub struct RemoveConversation {
        /// The workspace.
        pub website_id: String,
        /// The conversation.
        pub session_id: String,
    }
}

impl RemoveConversation {
    /// Removes conversation `session_id` of `website_id`.
    pub fn new(website_id: impl Into<String>, session_id: impl Into<String>) -> Self {
        RemoveConversation {
            website_id: website_id.into(),
            session_id: session_id.into(),
        }
    }
}

impl Request for RemoveConversation {
    type Output = Empty;
    fn build(&self) -> Result<RequestParts> {
        Ok(RequestParts::new(
            Method::Delete,
            path::conversation(&self.website_id, &self.session_id)?,
        ))
    }
}

input! {
    /// Body of [`ChangeConversationState`].
    pub struct ChangeConversationStateBody {
        /// The new state.
        pub state: ConversationState,
        /// Who made the change, for display.
        pub user: Option<UserOverride>,
        /// `chat`, `email` or `urn:…`.
        pub origin: Option<String>,
    }
}

input! {
    /// `PATCH /v1/website/{website_id}/conversation/{session_id}/state`: resolves, reopens or sets pending.
    pub struct ChangeConversationState {
        /// The workspace.
        pub website_id: String,
        /// The conversation.
        pub session_id: String,
        /// `{ state, user?, origin? }`.
        pub body: ChangeConversationStateBody,
    }
}

impl ChangeConversationState {
    /// Sets conversation `session_id` to `state`.
    pub fn new(
        website_id: impl Into<String>,
        session_id: impl Into<String>,
        state: ConversationState,
    ) -> Self {
        ChangeConversationState {
            website_id: website_id.into(),
            session_id: session_id.into(),
            body: ChangeConversationStateBody {
                state,
                user: None,
                origin: None,
            },
        }
    }
}

impl Request for ChangeConversationState {
    type Output = Empty;
    fn build(&self) -> Result<RequestParts> {
        let path = format!(
            "{}/state",
            path::conversation(&self.website_id, &self.session_id)?
        );
        RequestParts::new(Method::Patch, path).json(&self.body)
    }
}

input! {
    /// `GET /v1/website/{website_id}/conversation/{session_id}/meta`: the visitor details.
    pub struct GetConversationMeta {
        /// The workspace.
        pub website_id: String,
        /// The conversation.
        pub session_id: String,
    }
}

impl GetConversationMeta {
    /// Meta of conversation `session_id`.
    pub fn new(website_id: impl Into<String>, session_id: impl Into<String>) -> Self {
        GetConversationMeta {
            website_id: website_id.into(),
            session_id: session_id.into(),
        }
    }
}

impl Request for GetConversationMeta {
    type Output = ConversationMeta;
    fn build(&self) -> Result<RequestParts> {
        Ok(RequestParts::get(format!(
            "{}/meta",
            path::conversation(&self.website_id, &self.session_id)?
        )))
    }
}

input! {
    /// Body of [`UpdateConversationMeta`]: only the fields given are sent and changed.
    #[derive(Default)]
    pub struct ConversationMetaUpdate {
        /// Visitor name.
        pub nickname: Option<String>,
        /// Visitor email.
        pub email: Option<String>,
        /// Visitor phone.
        pub phone: Option<String>,
        /// Postal address.
        pub address: Option<String>,
        /// Subject line.
        pub subject: Option<String>,
        /// Visitor IP.
        pub ip: Option<String>,
        /// Avatar URL.
        pub avatar: Option<String>,
        /// `chat`, `email` or `urn:…`.
        pub origin: Option<String>,
        /// Tags.
        pub segments: Option<Vec<String>>,
        /// Custom key/values (string, number or boolean values).
        #[cfg_attr(feature = "specta", specta(type = Option<std::collections::BTreeMap<String, JsonValue>>))]
        pub data: Option<Map<String, Value>>,
        /// Device details, as Crisp takes them.
        #[cfg_attr(feature = "specta", specta(type = Option<JsonValue>))]
        pub device: Option<Value>,
    }
}

input! {
    /// `PATCH /v1/website/{website_id}/conversation/{session_id}/meta`: changes the given visitor details.
    pub struct UpdateConversationMeta {
        /// The workspace.
        pub website_id: String,
        /// The conversation.
        pub session_id: String,
        /// The fields to change.
        pub body: ConversationMetaUpdate,
    }
}

impl UpdateConversationMeta {
    /// Changes `body`'s fields of conversation `session_id`.
    pub fn new(
        website_id: impl Into<String>,
        session_id: impl Into<String>,
        body: ConversationMetaUpdate,
    ) -> Self {
        UpdateConversationMeta {
            website_id: website_id.into(),
            session_id: session_id.into(),
            body,
        }
    }
}

impl Request for UpdateConversationMeta {
    type Output = Empty;
    fn build(&self) -> Result<RequestParts> {
        let path = format!(
            "{}/meta",
            path::conversation(&self.website_id, &self.session_id)?
        );
        RequestParts::new(Method::Patch, path).json(&self.body)
    }
}

input! {
    /// Body of [`MarkMessagesRead`].
    pub struct MarkMessagesReadBody {
        /// The side doing the reading (`operator` for the desktop user).
        pub from: Sender,
        /// `chat`, `email` or `urn:…` (required by Crisp).
        pub origin: String,
        /// Only these messages; all when absent.
        #[cfg_attr(feature = "specta", specta(type = Option<Vec<f64>>))]
        pub fingerprints: Option<Vec<i64>>,
    }
}

input! {
    /// `PATCH /v1/website/{website_id}/conversation/{session_id}/read`: marks messages as read.
    pub struct MarkMessagesRead {
        /// The workspace.
        pub website_id: String,
        /// The conversation.
        pub session_id: String,
        /// `{ from, origin, fingerprints? }`.
        pub body: MarkMessagesReadBody,
    }
}

impl MarkMessagesRead {
    /// Marks every message of `session_id` read by the operator, on the chat channel.
    pub fn new(website_id: impl Into<String>, session_id: impl Into<String>) -> Self {
        MarkMessagesRead {
            website_id: website_id.into(),
            session_id: session_id.into(),
            body: MarkMessagesReadBody {
                from: Sender::Operator,
                origin: "chat".to_owned(),
                fingerprints: None,
            },
        }
    }
}

impl Request for MarkMessagesRead {
    type Output = Empty;
    fn build(&self) -> Result<RequestParts> {
        if self.body.origin.trim().is_empty() {
            return Err(crate::error::Error::invalid(
                "body.origin",
                "Crisp requires an origin (chat, email or urn:…)",
            ));
        }
        let path = format!(
            "{}/read",
            path::conversation(&self.website_id, &self.session_id)?
        );
        RequestParts::new(Method::Patch, path).json(&self.body)
    }
}

input! {
    /// `GET /v1/website/{website_id}/conversation/{session_id}/routing`: who the conversation is assigned to.
    pub struct GetConversationRouting {
        /// The workspace.
        pub website_id: String,
        /// The conversation.
        pub session_id: String,
    }
}

impl GetConversationRouting {
    /// The assignee of conversation `session_id`.
    pub fn new(website_id: impl Into<String>, session_id: impl Into<String>) -> Self {
        GetConversationRouting {
            website_id: website_id.into(),
            session_id: session_id.into(),
        }
    }
}

impl Request for GetConversationRouting {
    type Output = ConversationRouting;
    fn build(&self) -> Result<RequestParts> {
        Ok(RequestParts::get(format!(
            "{}/routing",
            path::conversation(&self.website_id, &self.session_id)?
        )))
    }
}

input! {
    /// The operator a conversation is assigned to: `{ user_id }`.
    pub struct RoutingAssignee {
        /// The operator's `user_id`.
        pub user_id: String,
    }
}

impl RoutingAssignee {
    /// Operator `user_id`.
    pub fn new(user_id: impl Into<String>) -> Self {
        RoutingAssignee {
            user_id: user_id.into(),
        }
    }
}

/// An assignee or `null` (nobody). Spelled as an alias so `input!` does not make it an optional field left off the
/// wire: `null` is sent as `null`, and with [`required_assignment`] the key must be in the input.
pub type Assignment = Option<RoutingAssignee>;

/// Reads an [`Assignment`] whose key must be present (`null` unassigns), so a forgotten `assigned` never
/// unassigns silently.
pub(crate) fn required_assignment<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Assignment, D::Error> {
    Option::<RoutingAssignee>::deserialize(deserializer)
}

input! {
    /// Body of [`AssignConversationRouting`]: `{ assigned: { user_id } | null, silent? }`.
    pub struct AssignConversationRoutingBody {
        /// The operator to assign, or `null` to unassign.
        #[serde(deserialize_with = "required_assignment")]
        #[cfg_attr(feature = "specta", specta(type = Assignment))]
        pub assigned: Assignment,
        /// Assign without notifying the operator.
        pub silent: Option<bool>,
    }
}

input! {
    /// `PATCH /v1/website/{website_id}/conversation/{session_id}/routing`: assigns the conversation to an
    /// operator, or to nobody.
    pub struct AssignConversationRouting {
        /// The workspace.
        pub website_id: String,
        /// The conversation.
        pub session_id: String,
        /// `{ assigned: { user_id } | null, silent? }`.
        pub body: AssignConversationRoutingBody,
    }
}

impl AssignConversationRouting {
    /// Assigns conversation `session_id` to `assigned` (an operator `user_id`), or unassigns it with `None`.
    pub fn new(
        website_id: impl Into<String>,
        session_id: impl Into<String>,
        assigned: Option<String>,
    ) -> Self {
        AssignConversationRouting {
            website_id: website_id.into(),
            session_id: session_id.into(),
            body: AssignConversationRoutingBody {
                assigned: assigned.map(RoutingAssignee::new),
                silent: None,
            },
        }
    }
}

impl Request for AssignConversationRouting {
    type Output = Empty;
    fn build(&self) -> Result<RequestParts> {
        if let Some(assignee) = &self.body.assigned {
            path::segment("body.assigned.user_id", &assignee.user_id)?;
        }
        let path = format!(
            "{}/routing",
            path::conversation(&self.website_id, &self.session_id)?
        );
        RequestParts::new(Method::Patch, path).json(&self.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const WEBSITE: &str = "3f2b9c1e-5d47-4a8e-9b61-0c2d7e4f8a13";
    const SESSION: &str = "session_7b1e4c9a-2f38-4d65-8a0b-91c3e5d7f246";

    fn built(request: &impl Request) -> RequestParts {
        request.build().expect("the contract's example must build")
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect()
    }

    #[test]
    fn search_conversations_refuses_a_per_page_outside_20_to_50_before_sending() {
        for size in [19, 60] {
            let request: SearchConversations =
                serde_json::from_value(json!({ "website_id": WEBSITE, "per_page": size }))
                    .expect("any integer reads; the range is checked when building");
            assert!(
                matches!(request.build(), Err(crate::error::Error::InvalidInput { ref field, .. }) if field == "per_page"),
                "Crisp takes 20-50 per page, so {size} must be refused at per_page, never sent"
            );
        }
    }

    #[test]
    fn create_conversation_posts_to_the_conversation_route_with_an_empty_body() {
        let parts = built(&CreateConversation::new(WEBSITE));
        assert_eq!(parts.method, Method::Post, "creating is a POST");
        assert_eq!(
            parts.path,
            format!("/v1/website/{WEBSITE}/conversation"),
            "singular `conversation` route"
        );
        assert!(
            parts.query.is_empty() && parts.body.is_none(),
            "nothing but `{{}}` goes out (added by the client)"
        );
    }

    #[test]
    fn search_conversations_matches_the_contract_example() {
        let request: SearchConversations = serde_json::from_value(json!({
            "website_id": WEBSITE, "per_page": 50, "search_query": "refund", "search_type": "text",
            "filter_not_resolved": true, "order_date_updated": true
        }))
        .expect("the input shape is flat, with Crisp's query names");
        let parts = built(&request);
        assert_eq!(parts.method, Method::Get, "listing is a GET");
        assert_eq!(
            parts.path,
            format!("/v1/website/{WEBSITE}/conversations/1"),
            "page 1 is a path segment by default"
        );
        assert_eq!(
            parts.query,
            pairs(&[
                ("per_page", "50"),
                ("search_query", "refund"),
                ("search_type", "text"),
                ("filter_not_resolved", "1"),
                ("order_date_updated", "1")
            ]),
            "only the given filters go out, flags as 1"
        );
        assert!(parts.body.is_none(), "a GET has no body");
    }

    #[test]
    fn search_conversations_sends_every_filter_with_flags_as_1_and_0() {
        let request: SearchConversations = serde_json::from_value(json!({
            "website_id": WEBSITE, "page": 3, "search_operator": "or", "include_empty": false,
            "filter_inbox_id": "c6a0e2f4-1d38-4b5a-8f27-6e9d0b3c1a52", "filter_unread": true, "filter_resolved": false,
            "filter_mention": true, "filter_assigned": "d41e8b27-93c5-4f0a-b6e2-7a19c3f58d04", "filter_unassigned": false,
            "filter_date_start": "2024-07-01T00:00:00.000Z", "filter_date_end": "2024-07-31T00:00:00.000Z",
            "order_date_created": false, "order_date_waiting": true, "limit": 500
        }))
        .expect("every filter is accepted");
        let parts = built(&request);
        assert_eq!(
            parts.path,
            format!("/v1/website/{WEBSITE}/conversations/3"),
            "the page goes in the path"
        );
        assert_eq!(
            parts.query,
            pairs(&[
                ("search_operator", "or"),
                ("include_empty", "0"),
                ("filter_inbox_id", "c6a0e2f4-1d38-4b5a-8f27-6e9d0b3c1a52"),
                ("filter_unread", "1"),
                ("filter_resolved", "0"),
                ("filter_mention", "1"),
                ("filter_assigned", "d41e8b27-93c5-4f0a-b6e2-7a19c3f58d04"),
                ("filter_unassigned", "0"),
                ("filter_date_start", "2024-07-01T00:00:00.000Z"),
                ("filter_date_end", "2024-07-31T00:00:00.000Z"),
                ("order_date_created", "0"),
                ("order_date_waiting", "1"),
            ]),
            "false flags go as 0, filter_assigned as the user ID, and limit never goes to Crisp"
        );
    }

    #[test]
    fn a_filter_search_sends_its_filters_as_one_json_parameter() {
        let request: SearchConversations = serde_json::from_value(json!({
            "website_id": WEBSITE, "search_type": "filter",
            "search_query": [{ "model": "session", "criterion": "meta.email", "operator": "eq", "query": ["ana@example.com"] }]
        }))
        .expect("filter objects are accepted as an array");
        let parts = built(&request);
        assert_eq!(
            parts.query[0],
            (
                "search_query".to_owned(),
                r#"[{"model":"session","criterion":"meta.email","operator":"eq","query":["ana@example.com"]}]"#.to_owned()
            ),
            "the filter array is JSON-encoded into one parameter"
        );
    }

    #[test]
    fn search_inputs_with_unknown_fields_or_page_zero_are_refused() {
        let typo = serde_json::from_value::<SearchConversations>(
            json!({ "website_id": WEBSITE, "filter_unred": true }),
        );
        assert!(typo.is_err(), "a typo must be named, not silently dropped");
        let mut request = SearchConversations::new(WEBSITE);
        request.page = 0;
        assert!(
            matches!(request.build(), Err(crate::error::Error::InvalidInput { ref field, .. }) if field == "page"),
            "page 0 is never sent"
        );
    }

    #[test]
    fn get_and_remove_conversation_address_the_session() {
        let get = built(&GetConversation::new(WEBSITE, SESSION));
        assert_eq!(
            (get.method, get.path.as_str()),
            (
                Method::Get,
                format!("/v1/website/{WEBSITE}/conversation/{SESSION}").as_str()
            ),
            "get"
        );
        let remove = built(&RemoveConversation::new(WEBSITE, SESSION));
        assert_eq!(remove.method, Method::Delete, "removal is a DELETE");
        assert_eq!(remove.path, get.path, "on the same route");
        assert!(remove.body.is_none(), "with no body");
    }

    #[test]
    fn change_conversation_state_patches_the_contract_body() {
        let request: ChangeConversationState = serde_json::from_value(json!({
            "website_id": WEBSITE, "session_id": SESSION,
            "body": { "state": "resolved", "user": { "nickname": "Rui (Support)" } }
        }))
        .expect("the body goes under `body`");
        let parts = built(&request);
        assert_eq!(parts.method, Method::Patch, "state changes are PATCHes");
        assert_eq!(
            parts.path,
            format!("/v1/website/{WEBSITE}/conversation/{SESSION}/state"),
            "the state route"
        );
        assert_eq!(
            parts.body,
            Some(json!({ "state": "resolved", "user": { "nickname": "Rui (Support)" } })),
            "unset fields stay off"
        );
    }

    #[test]
    fn conversation_meta_is_read_and_patched_on_the_meta_route() {
        let get = built(&GetConversationMeta::new(WEBSITE, SESSION));
        assert_eq!(
            get.path,
            format!("/v1/website/{WEBSITE}/conversation/{SESSION}/meta"),
            "the meta route"
        );
        let request: UpdateConversationMeta = serde_json::from_value(json!({
            "website_id": WEBSITE, "session_id": SESSION,
            "body": { "nickname": "Ana Costa", "email": "ana@example.com", "segments": ["customer", "refund"], "data": { "plan": "pro" } }
        }))
        .expect("the contract's meta body");
        let parts = built(&request);
        assert_eq!(parts.method, Method::Patch, "meta updates are PATCHes");
        assert_eq!(
            parts.body,
            Some(
                json!({ "nickname": "Ana Costa", "email": "ana@example.com", "segments": ["customer", "refund"], "data": { "plan": "pro" } })
            ),
            "exactly the given fields"
        );
    }

    #[test]
    fn mark_messages_read_sends_from_origin_and_integer_fingerprints() {
        let request: MarkMessagesRead = serde_json::from_value(json!({
            "website_id": WEBSITE, "session_id": SESSION,
            "body": { "from": "operator", "origin": "chat", "fingerprints": [172145903827461_i64] }
        }))
        .expect("the contract's read body");
        let parts = built(&request);
        assert_eq!(parts.method, Method::Patch, "marks are PATCHes");
        assert_eq!(
            parts.path,
            format!("/v1/website/{WEBSITE}/conversation/{SESSION}/read"),
            "the read route"
        );
        assert_eq!(
            parts.body,
            Some(
                json!({ "from": "operator", "origin": "chat", "fingerprints": [172145903827461_i64] })
            ),
            "fingerprints are integers"
        );
        let mut missing = MarkMessagesRead::new(WEBSITE, SESSION);
        missing.body.origin = String::new();
        assert!(
            missing.build().is_err(),
            "Crisp requires an origin, so an empty one is refused before sending"
        );
    }
    #[test]
    fn get_conversation_routing_reads_the_routing_route() {
        let parts = built(&GetConversationRouting::new(WEBSITE, SESSION));
        assert_eq!(parts.method, Method::Get, "reading the assignee is a GET");
        assert_eq!(
            parts.path,
            format!("/v1/website/{WEBSITE}/conversation/{SESSION}/routing"),
            "the routing route"
        );
        assert!(parts.body.is_none(), "a GET has no body");
    }

    #[test]
    fn assign_conversation_routing_patches_the_operator_or_null() {
        let request: AssignConversationRouting = serde_json::from_value(json!({
            "website_id": WEBSITE, "session_id": SESSION,
            "body": { "assigned": { "user_id": "d41e8b27-93c5-4f0a-b6e2-7a19c3f58d04" }, "silent": false }
        }))
        .expect("the contract's assign body");
        let parts = built(&request);
        assert_eq!(parts.method, Method::Patch, "assigning is a PATCH");
        assert_eq!(
            parts.path,
            format!("/v1/website/{WEBSITE}/conversation/{SESSION}/routing"),
            "the routing route"
        );
        assert_eq!(
            parts.body,
            Some(
                json!({ "assigned": { "user_id": "d41e8b27-93c5-4f0a-b6e2-7a19c3f58d04" }, "silent": false })
            ),
            "the assignee as Crisp takes it"
        );
        let unassign = built(&AssignConversationRouting::new(WEBSITE, SESSION, None));
        assert_eq!(
            unassign.body,
            Some(json!({ "assigned": null })),
            "unassigning sends `assigned: null`, never an empty body"
        );
    }

    #[test]
    fn an_assign_input_without_assigned_is_refused() {
        let missing = serde_json::from_value::<AssignConversationRouting>(
            json!({ "website_id": WEBSITE, "session_id": SESSION, "body": {} }),
        );
        assert!(
            missing.is_err(),
            "a forgotten `assigned` must not silently unassign the conversation"
        );
        let empty = AssignConversationRouting::new(WEBSITE, SESSION, Some(String::new()));
        assert!(
            matches!(empty.build(), Err(crate::error::Error::InvalidInput { ref field, .. }) if field == "body.assigned.user_id"),
            "an empty operator ID is refused before sending"
        );
    }
}

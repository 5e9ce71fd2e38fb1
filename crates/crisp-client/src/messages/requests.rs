//! Message requests (§3.7–§3.9 of the contract).

use serde_json::{Map, Value};

use super::history::HistoryResume;
use super::types::{
    Message, MessageBatch, MessageContent, MessageType, Original, Reference, Sender, SentMessage,
    UserOverride,
};
use crate::envelope;
use crate::envelope::Response;
use crate::error::{Error, Result};
#[cfg(feature = "specta")]
use crate::json::JsonValue;
use crate::path;
use crate::request::{input, Empty, Method, Request, RequestParts};

input! {
    /// `GET /v1/website/{website_id}/conversation/{session_id}/messages`: one batch of messages (the latest without a
    /// selector); `more` says Crisp answered 206, so older messages exist.
    pub struct ListMessages {
        /// The workspace.
        pub website_id: String,
        /// The conversation.
        pub session_id: String,
        /// Messages older than this instant, ms.
        #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
        pub timestamp_before: Option<u64>,
        /// Messages newer than this instant, ms.
        #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
        pub timestamp_after: Option<u64>,
        /// Messages around this instant, ms.
        #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
        pub timestamp_around: Option<u64>,
        /// The most messages to return when walking the history; never sent to Crisp.
        pub limit: Option<u32>,
        /// Where the history walk stands, set on the `next` request of a
        /// [`HistoryPage`](super::history::HistoryPage); never sent to Crisp.
        pub resume: Option<HistoryResume>,
    }
}

impl ListMessages {
    /// The latest batch of conversation `session_id`.
    pub fn new(website_id: impl Into<String>, session_id: impl Into<String>) -> Self {
        ListMessages {
            website_id: website_id.into(),
            session_id: session_id.into(),
            timestamp_before: None,
            timestamp_after: None,
            timestamp_around: None,
            limit: None,
            resume: None,
        }
    }

    /// The batch older than `timestamp` (ms).
    pub fn before(mut self, timestamp: u64) -> Self {
        self.timestamp_before = Some(timestamp);
        self
    }
}

impl Request for ListMessages {
    type Output = MessageBatch;
    fn build(&self) -> Result<RequestParts> {
        let selectors = [
            ("timestamp_before", self.timestamp_before),
            ("timestamp_after", self.timestamp_after),
            ("timestamp_around", self.timestamp_around),
        ];
        let given: Vec<_> = selectors
            .iter()
            .filter(|(_, value)| value.is_some())
            .collect();
        if let [_, (second, _), ..] = given.as_slice() {
            return Err(Error::invalid(
                *second,
                "give at most one of timestamp_before, timestamp_after and timestamp_around",
            ));
        }
        let mut parts = RequestParts::get(format!(
            "{}/messages",
            path::conversation(&self.website_id, &self.session_id)?
        ));
        for (name, value) in given {
            parts = parts.query_opt(name, *value);
        }
        Ok(parts)
    }

    fn interpret(response: Response) -> Result<MessageBatch> {
        let messages: Vec<Message> = envelope::decode(&response)?;
        Ok(MessageBatch {
            messages,
            more: response.status == 206,
        })
    }
}

input! {
    /// Body of [`SendMessage`], exactly as Crisp takes it.
    pub struct SendMessageBody {
        /// Message type; `content` must have its shape.
        #[serde(rename = "type")]
        pub kind: MessageType,
        /// `operator` for replies; `user` writes as the visitor.
        pub from: Sender,
        /// `chat`, `email` or `urn:…`.
        pub origin: String,
        /// A string for `text`/`note`, an object per type otherwise.
        pub content: MessageContent,
        /// Caller-chosen ID; lets a failed send be checked before it is repeated.
        #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
        pub fingerprint: Option<i64>,
        /// Displayed sender override.
        pub user: Option<UserOverride>,
        /// Operator `user_id`s to mention.
        pub mentions: Option<Vec<String>>,
        /// References.
        pub references: Option<Vec<Reference>>,
        /// Pointer to a raw original.
        pub original: Option<Original>,
        /// Custom properties (string, number or boolean values).
        #[cfg_attr(feature = "specta", specta(type = Option<std::collections::BTreeMap<String, JsonValue>>))]
        pub properties: Option<Map<String, Value>>,
        /// Back-date the message, ms.
        #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
        pub timestamp: Option<u64>,
        /// Send without notifying the visitor.
        pub stealth: Option<bool>,
        /// Content is a translation.
        pub translated: Option<bool>,
        /// Sent by a bot.
        pub automated: Option<bool>,
    }
}

impl SendMessageBody {
    /// An operator's reply of type `kind` on the chat channel.
    pub fn new(kind: MessageType, content: MessageContent) -> Self {
        SendMessageBody {
            kind,
            from: Sender::Operator,
            origin: "chat".to_owned(),
            content,
            fingerprint: None,
            user: None,
            mentions: None,
            references: None,
            original: None,
            properties: None,
            timestamp: None,
            stealth: None,
            translated: None,
            automated: None,
        }
    }

    /// An operator's text reply.
    pub fn text(text: impl Into<String>) -> Self {
        Self::new(MessageType::Text, MessageContent::Text(text.into()))
    }

    /// A private note for operators.
    pub fn note(text: impl Into<String>) -> Self {
        Self::new(MessageType::Note, MessageContent::Text(text.into()))
    }
}

input! {
    /// `POST /v1/website/{website_id}/conversation/{session_id}/message`: sends a message. Not idempotent: use
    /// `Client::send_message_once` (one try of a `messages::Draft`) to send with a fingerprint that is checked before
    /// any second attempt.
    pub struct SendMessage {
        /// The workspace.
        pub website_id: String,
        /// The conversation.
        pub session_id: String,
        /// The message.
        pub body: SendMessageBody,
        /// An earlier try of this draft (same `body.fingerprint`) may have landed: `Client::send_message_once` looks
        /// the fingerprint up and posts only when Crisp answers that it is not there. Needs `body.fingerprint`;
        /// never sent to Crisp.
        pub may_have_landed: Option<bool>,
    }
}

impl SendMessage {
    /// Sends `body` into conversation `session_id`.
    pub fn new(
        website_id: impl Into<String>,
        session_id: impl Into<String>,
        body: SendMessageBody,
    ) -> Self {
        SendMessage {
            website_id: website_id.into(),
            session_id: session_id.into(),
            body,
            may_have_landed: None,
        }
    }

    /// Says whether an earlier try of this draft may have landed (the field of the same name).
    pub fn may_have_landed(mut self, may_have_landed: bool) -> Self {
        self.may_have_landed = Some(may_have_landed);
        self
    }
}

impl Request for SendMessage {
    type Output = SentMessage;
    fn build(&self) -> Result<RequestParts> {
        if !self.body.content.fits(&self.body.kind) {
            return Err(Error::invalid(
                "body.content",
                format!(
                    "a {} message needs content {}",
                    type_name(&self.body.kind),
                    MessageContent::expected(&self.body.kind)
                ),
            ));
        }
        if self.body.origin.trim().is_empty() {
            return Err(Error::invalid(
                "body.origin",
                "Crisp requires an origin (chat, email or urn:…)",
            ));
        }
        let path = format!(
            "{}/message",
            path::conversation(&self.website_id, &self.session_id)?
        );
        RequestParts::new(Method::Post, path).json(&self.body)
    }
}

fn type_name(kind: &MessageType) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}

input! {
    /// `GET /v1/website/{website_id}/conversation/{session_id}/message/{fingerprint}`: one message.
    pub struct GetMessage {
        /// The workspace.
        pub website_id: String,
        /// The conversation.
        pub session_id: String,
        /// The message.
        #[cfg_attr(feature = "specta", specta(type = f64))]
        pub fingerprint: i64,
    }
}

impl GetMessage {
    /// Message `fingerprint` of conversation `session_id`.
    pub fn new(
        website_id: impl Into<String>,
        session_id: impl Into<String>,
        fingerprint: i64,
    ) -> Self {
        GetMessage {
            website_id: website_id.into(),
            session_id: session_id.into(),
            fingerprint,
        }
    }
}

impl Request for GetMessage {
    type Output = Message;
    fn build(&self) -> Result<RequestParts> {
        let conversation = path::conversation(&self.website_id, &self.session_id)?;
        Ok(RequestParts::get(format!(
            "{conversation}/message/{}",
            self.fingerprint
        )))
    }
}

input! {
    /// Body of [`UpdateMessage`].
    pub struct UpdateMessageBody {
        /// New content, in the shape of the message's own type.
        pub content: MessageContent,
    }
}

input! {
    /// `PATCH /v1/website/{website_id}/conversation/{session_id}/message/{fingerprint}`: edits a message's content.
    pub struct UpdateMessage {
        /// The workspace.
        pub website_id: String,
        /// The conversation.
        pub session_id: String,
        /// The message.
        #[cfg_attr(feature = "specta", specta(type = f64))]
        pub fingerprint: i64,
        /// `{ content }`.
        pub body: UpdateMessageBody,
    }
}

impl UpdateMessage {
    /// Replaces the content of message `fingerprint`.
    pub fn new(
        website_id: impl Into<String>,
        session_id: impl Into<String>,
        fingerprint: i64,
        content: MessageContent,
    ) -> Self {
        UpdateMessage {
            website_id: website_id.into(),
            session_id: session_id.into(),
            fingerprint,
            body: UpdateMessageBody { content },
        }
    }
}

impl Request for UpdateMessage {
    type Output = Empty;
    fn build(&self) -> Result<RequestParts> {
        let conversation = path::conversation(&self.website_id, &self.session_id)?;
        RequestParts::new(
            Method::Patch,
            format!("{conversation}/message/{}", self.fingerprint),
        )
        .json(&self.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const WEBSITE: &str = "3f2b9c1e-5d47-4a8e-9b61-0c2d7e4f8a13";
    const SESSION: &str = "session_7b1e4c9a-2f38-4d65-8a0b-91c3e5d7f246";

    fn send(body: Value) -> std::result::Result<RequestParts, String> {
        let request: SendMessage = serde_json::from_value(
            json!({ "website_id": WEBSITE, "session_id": SESSION, "body": body }),
        )
        .map_err(|error| error.to_string())?;
        request.build().map_err(|error| error.to_string())
    }

    #[test]
    fn list_messages_without_a_selector_asks_for_the_latest_batch() {
        let parts = ListMessages::new(WEBSITE, SESSION).build().expect("builds");
        assert_eq!(parts.method, Method::Get, "listing is a GET");
        assert_eq!(
            parts.path,
            format!("/v1/website/{WEBSITE}/conversation/{SESSION}/messages"),
            "the messages route"
        );
        assert!(parts.query.is_empty(), "no selector: the latest batch");
    }

    #[test]
    fn list_messages_sends_one_selector_and_refuses_two() {
        let parts = ListMessages::new(WEBSITE, SESSION)
            .before(1721459038274)
            .build()
            .expect("builds");
        assert_eq!(
            parts.query,
            [("timestamp_before".to_owned(), "1721459038274".to_owned())],
            "timestamps in ms"
        );
        let request: ListMessages = serde_json::from_value(json!({
            "website_id": WEBSITE, "session_id": SESSION, "timestamp_before": 1, "timestamp_around": 2
        }))
        .expect("decodes");
        assert!(
            matches!(request.build(), Err(Error::InvalidInput { ref field, .. }) if field == "timestamp_around"),
            "at most one selector, and the error names the extra one"
        );
        let limited: ListMessages =
            serde_json::from_value(json!({ "website_id": WEBSITE, "session_id": SESSION, "timestamp_after": 5, "limit": 10 }))
                .expect("limit is accepted");
        let parts = limited.build().expect("builds");
        assert_eq!(
            parts.query,
            [("timestamp_after".to_owned(), "5".to_owned())],
            "limit never goes to Crisp"
        );
    }

    #[test]
    fn a_text_reply_matches_the_contract_example() {
        let body = json!({ "type": "text", "from": "operator", "origin": "chat",
            "content": "Refund sent today, it should arrive in 2 days.", "fingerprint": 172145930000001_i64,
            "user": { "nickname": "Rui", "avatar": "https://example.com/avatars/rui.png" } });
        let parts = send(body.clone()).expect("the contract's send example");
        assert_eq!(parts.method, Method::Post, "sending is a POST");
        assert_eq!(
            parts.path,
            format!("/v1/website/{WEBSITE}/conversation/{SESSION}/message"),
            "the message route"
        );
        assert_eq!(parts.body, Some(body), "the body goes out exactly as given");
    }

    #[test]
    fn every_message_type_goes_out_with_its_content_shape() {
        let cases = [
            json!({ "type": "note", "from": "operator", "origin": "chat", "content": "Can you check the bank transfer?",
                    "mentions": ["5c8f1a3e-0b72-4d19-a6e4-2e9b7c0d4f15"] }),
            json!({ "type": "file", "from": "operator", "origin": "chat",
                    "content": { "name": "refund-receipt.pdf", "url": "https://files.example.com/r/8812.pdf", "type": "application/pdf" } }),
            json!({ "type": "animation", "from": "operator", "origin": "chat",
                    "content": { "url": "https://files.example.com/a.gif", "type": "image/gif" } }),
            json!({ "type": "audio", "from": "user", "origin": "chat",
                    "content": { "url": "https://files.example.com/v.webm", "type": "audio/webm", "duration": 12 } }),
            json!({ "type": "picker", "from": "operator", "origin": "chat",
                    "content": { "id": "rating", "text": "How did we do?", "required": true, "choices": [
                        { "value": "good", "label": "Good", "selected": false, "icon": "👍" },
                        { "value": "docs", "label": "Docs", "selected": false, "action": { "type": "link", "target": "https://acme.pt/docs" } } ] } }),
            json!({ "type": "field", "from": "operator", "origin": "chat",
                    "content": { "id": "email", "text": "Your email?", "explain": "We reply there", "value": "", "required": true } }),
            json!({ "type": "carousel", "from": "operator", "origin": "chat",
                    "content": { "text": "Our plans", "targets": [ { "title": "Pro", "description": "For teams",
                        "image": "https://acme.pt/pro.png", "actions": [ { "label": "Buy", "url": "https://acme.pt/buy" } ] } ] } }),
            json!({ "type": "event", "from": "operator", "origin": "urn:crisp.im:slack:0",
                    "content": { "namespace": "state:resolved", "text": "Resolved" } }),
        ];
        for body in cases {
            let parts =
                send(body.clone()).unwrap_or_else(|error| panic!("{body} must build: {error}"));
            assert_eq!(
                parts.body,
                Some(body.clone()),
                "{} content must go out unchanged",
                body["type"]
            );
        }
    }

    #[test]
    fn every_optional_send_field_is_carried() {
        let body = json!({ "type": "text", "from": "operator", "origin": "email", "content": "Hello",
            "fingerprint": -524653764345_i64, "user": { "type": "website", "nickname": "Bot", "avatar": "https://x/a.png" },
            "mentions": ["d41e8b27-93c5-4f0a-b6e2-7a19c3f58d04"], "references": [{ "type": "url", "name": "Docs", "target": "https://acme.pt" }],
            "original": { "original_id": "o-1" }, "properties": { "ticket": 12, "vip": true },
            "timestamp": 1721459038274_i64, "stealth": true, "translated": false, "automated": true });
        assert_eq!(
            send(body.clone()).ok().and_then(|parts| parts.body),
            Some(body),
            "booleans stay JSON booleans and nothing is lost"
        );
    }

    #[test]
    fn original_type_and_content_are_sent_as_given() {
        let body = json!({ "type": "text", "from": "operator", "origin": "chat", "content": "Hello",
            "original": { "type": "text", "content": "Olá" } });
        assert_eq!(
            send(body.clone()).ok().and_then(|parts| parts.body),
            Some(body),
            "the module's Original Type and Content reach Crisp as typed"
        );
        let mut typed = SendMessageBody::text("Hello");
        typed.original = Some(Original {
            original_id: Some("o-1".to_owned()),
            kind: Some("text/html".to_owned()),
            content: Some(json!("<p>Olá</p>")),
        });
        let parts = SendMessage::new(WEBSITE, SESSION, typed)
            .build()
            .expect("builds");
        assert_eq!(
            parts.body.as_ref().map(|body| &body["original"]),
            Some(&json!({ "original_id": "o-1", "type": "text/html", "content": "<p>Olá</p>" })),
            "every field of Original is carried, under Crisp's names"
        );
    }

    #[test]
    fn content_that_does_not_fit_the_type_is_refused_at_body_content() {
        let error = send(
            json!({ "type": "file", "from": "operator", "origin": "chat", "content": "just text" }),
        )
        .expect_err("a file needs an object");
        assert!(
            error.contains("body.content"),
            "the error names the field: {error}"
        );
        let error = send(json!({ "type": "text", "from": "operator", "origin": "chat", "content": "hi", "colour": "red" }))
            .expect_err("unknown body fields are refused");
        assert!(
            error.contains("colour"),
            "the unknown field is named: {error}"
        );
    }

    #[test]
    fn may_have_landed_is_read_from_the_request_and_never_sent_to_crisp() {
        let request: SendMessage = serde_json::from_value(json!({
            "website_id": WEBSITE, "session_id": SESSION, "may_have_landed": true,
            "body": { "type": "text", "from": "operator", "origin": "chat", "content": "hi", "fingerprint": 7 },
        }))
        .expect("the flag is part of the request");
        assert_eq!(request.may_have_landed, Some(true), "the flag is read");
        let parts = request.build().expect("builds");
        assert_eq!(
            parts.body,
            Some(
                json!({ "type": "text", "from": "operator", "origin": "chat", "content": "hi", "fingerprint": 7 })
            ),
            "the body is exactly the message: the flag is for the client alone"
        );
    }

    #[test]
    fn get_and_update_message_address_the_fingerprint_in_decimal() {
        let get = GetMessage::new(WEBSITE, SESSION, 172145930000001)
            .build()
            .expect("builds");
        let path = format!("/v1/website/{WEBSITE}/conversation/{SESSION}/message/172145930000001");
        assert_eq!(
            (get.method, get.path.as_str()),
            (Method::Get, path.as_str()),
            "get by fingerprint"
        );
        let update: UpdateMessage = serde_json::from_value(json!({ "website_id": WEBSITE, "session_id": SESSION,
            "fingerprint": 172145930000001_i64, "body": { "content": "Refund sent today; it should arrive within 2 business days." } }))
            .expect("the contract's update example");
        let parts = update.build().expect("builds");
        assert_eq!(
            (parts.method, parts.path.as_str()),
            (Method::Patch, path.as_str()),
            "update is a PATCH on the same route"
        );
        assert_eq!(
            parts.body,
            Some(
                json!({ "content": "Refund sent today; it should arrive within 2 business days." })
            ),
            "only content"
        );
    }
}

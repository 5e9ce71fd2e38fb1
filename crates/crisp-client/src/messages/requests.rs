//! Message requests (§3.7–§3.9 of the contract).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::types::{
    Message, MessageBatch, MessageContent, MessageType, Original, Reference, Sender, SentMessage,
    UserOverride,
};
use crate::envelope;
use crate::error::{Error, Result};
use crate::path;
use crate::request::{Empty, Method, Request, RequestParts, Response};
#[cfg(feature = "specta")]
use crate::JsonValue;

/// `GET /v1/website/{website_id}/conversation/{session_id}/messages`: one batch of messages (the latest without a
/// selector); `more` says Crisp answered 206, so older messages exist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct ListMessages {
    /// The workspace.
    pub website_id: String,
    /// The conversation.
    pub session_id: String,
    /// Messages older than this instant, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub timestamp_before: Option<u64>,
    /// Messages newer than this instant, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub timestamp_after: Option<u64>,
    /// Messages around this instant, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub timestamp_around: Option<u64>,
    /// The most messages to return when walking the history; never sent to Crisp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(optional))]
    pub limit: Option<u32>,
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

/// Body of [`SendMessage`], exactly as Crisp takes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub fingerprint: Option<i64>,
    /// Displayed sender override.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(optional))]
    pub user: Option<UserOverride>,
    /// Operator `user_id`s to mention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(optional))]
    pub mentions: Option<Vec<String>>,
    /// References.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(optional))]
    pub references: Option<Vec<Reference>>,
    /// Pointer to a raw original.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(optional))]
    pub original: Option<Original>,
    /// Custom properties (string, number or boolean values).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<std::collections::BTreeMap<String, JsonValue>>))]
    pub properties: Option<Map<String, Value>>,
    /// Back-date the message, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(optional))]
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub timestamp: Option<u64>,
    /// Send without notifying the visitor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(optional))]
    pub stealth: Option<bool>,
    /// Content is a translation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(optional))]
    pub translated: Option<bool>,
    /// Sent by a bot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(optional))]
    pub automated: Option<bool>,
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

/// `POST /v1/website/{website_id}/conversation/{session_id}/message`: sends a message. Not idempotent: use
/// `Client::send_message_once` to send with a fingerprint that is checked before any second attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct SendMessage {
    /// The workspace.
    pub website_id: String,
    /// The conversation.
    pub session_id: String,
    /// The message.
    pub body: SendMessageBody,
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
        }
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

/// `GET /v1/website/{website_id}/conversation/{session_id}/message/{fingerprint}`: one message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct GetMessage {
    /// The workspace.
    pub website_id: String,
    /// The conversation.
    pub session_id: String,
    /// The message.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub fingerprint: i64,
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

/// Body of [`UpdateMessage`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct UpdateMessageBody {
    /// New content, in the shape of the message's own type.
    pub content: MessageContent,
}

/// `PATCH /v1/website/{website_id}/conversation/{session_id}/message/{fingerprint}`: edits a message's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
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

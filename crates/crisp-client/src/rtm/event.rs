//! The events the socket pushes, typed for an inbox (contract §5); anything else is kept as raw JSON.

use serde::Serialize;
use serde_json::Value;

use crate::messages::{Message, Sender};

/// The inbox events a desk listens to: the default `events` list of the `authentication` handshake.
pub const INBOX_EVENTS: &[&str] = &[
    "message:send",
    "message:received",
    "message:updated",
    "message:removed",
    "message:compose:send",
    "message:compose:receive",
    "message:acknowledge:read:send",
    "message:acknowledge:read:received",
    "message:acknowledge:unread:send",
    "message:acknowledge:delivered",
    "message:acknowledge:ignored",
    "session:update_availability",
    "session:set_state",
    "session:set_routing",
    "session:set_inbox",
    "session:set_mentions",
    "session:set_participants",
    "session:set_block",
    "session:set_segments",
    "session:set_email",
    "session:set_nickname",
    "session:set_phone",
    "session:set_data",
    "session:set_opened",
    "session:set_closed",
    "session:removed",
    "session:request:initiated",
    "people:profile:created",
    "people:profile:updated",
    "people:profile:removed",
    "website:update_visitors_count",
];

/// One event from the socket: its name, where it happened, what it means, and the payload as sent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RtmEvent {
    /// The Socket.IO event name, e.g. `message:send`.
    pub name: String,
    /// The workspace.
    pub website_id: Option<String>,
    /// The conversation, for conversation and message events.
    pub session_id: Option<String>,
    /// The typed meaning.
    #[serde(skip)]
    pub kind: InboxEvent,
    /// The payload as received.
    pub data: Value,
}

/// Which read or delivery receipt (`message:acknowledge:*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Receipt {
    /// The visitor read operator messages (`read:received`: the messages the visitor received).
    ReadByVisitor,
    /// An operator read visitor messages (`read:send`: the messages the visitor sent).
    ReadByOperator,
    /// The visitor's messages were marked unread (`unread:send`).
    UnreadByVisitor,
    /// Messages were delivered (`delivered`).
    Delivered,
    /// Delivery was skipped (`ignored`).
    Ignored,
}

/// A profile change (`people:profile:*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileChange {
    /// `created`.
    Created,
    /// `updated`.
    Updated,
    /// `removed`.
    Removed,
}

/// What an event means to an inbox.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum InboxEvent {
    /// `message:send`: a visitor sent a message.
    MessageSent(Box<Message>),
    /// `message:received`: an operator (or bot) sent a message, note or event.
    MessageReceived(Box<Message>),
    /// `message:updated`: a message was edited.
    MessageUpdated {
        /// The edited message.
        fingerprint: Option<i64>,
        /// Its new content.
        content: Option<Value>,
    },
    /// `message:removed`: a message was deleted.
    MessageRemoved {
        /// The deleted message.
        fingerprint: Option<i64>,
    },
    /// `message:compose:send` (visitor) or `:receive` (operator): someone is typing.
    Compose {
        /// Who types.
        from: Sender,
        /// `start` or `stop`.
        state: Option<String>,
        /// What has been typed so far, when shared.
        excerpt: Option<String>,
    },
    /// `message:acknowledge:*`: read or delivery receipts.
    Receipt {
        /// Which receipt.
        receipt: Receipt,
        /// The channel.
        origin: Option<String>,
        /// The messages concerned.
        fingerprints: Vec<i64>,
    },
    /// `session:*` (but `session:removed`): a conversation changed; `change` is the part after `session:`.
    Session {
        /// E.g. `set_state`, `update_availability`.
        change: String,
    },
    /// `session:removed`: a conversation was deleted.
    SessionRemoved,
    /// `people:profile:*`: a contact was created, changed or removed.
    Profile {
        /// What happened.
        change: ProfileChange,
        /// The profile.
        people_id: Option<String>,
    },
    /// `website:update_visitors_count`: how many visitors are on the site.
    VisitorsCount {
        /// The count.
        count: Option<u64>,
    },
    /// Any other event: read [`RtmEvent::data`].
    #[default]
    Unknown,
}

impl RtmEvent {
    /// Types an event from its name and payload (a payload that does not fit its name reads as
    /// [`InboxEvent::Unknown`]).
    pub fn parse(name: &str, data: Value) -> RtmEvent {
        let text = |key: &str| data.get(key).and_then(Value::as_str).map(str::to_owned);
        let fingerprint = data.get("fingerprint").and_then(Value::as_i64);
        let kind = match name {
            "message:send" | "message:received" => {
                match serde_json::from_value::<Message>(data.clone()) {
                    Ok(message) if name == "message:send" => {
                        InboxEvent::MessageSent(Box::new(message))
                    }
                    Ok(message) => InboxEvent::MessageReceived(Box::new(message)),
                    Err(_) => InboxEvent::Unknown,
                }
            }
            "message:updated" => InboxEvent::MessageUpdated {
                fingerprint,
                content: data.get("content").cloned(),
            },
            "message:removed" => InboxEvent::MessageRemoved { fingerprint },
            "message:compose:send" | "message:compose:receive" => InboxEvent::Compose {
                from: if name.ends_with(":send") {
                    Sender::User
                } else {
                    Sender::Operator
                },
                state: text("type"),
                excerpt: text("excerpt"),
            },
            "session:removed" => InboxEvent::SessionRemoved,
            "website:update_visitors_count" => InboxEvent::VisitorsCount {
                count: data.get("visitors_count").and_then(Value::as_u64),
            },
            _ => {
                if let Some(receipt) = name.strip_prefix("message:acknowledge:") {
                    receipt_event(receipt, &data)
                } else if let Some(change) = name.strip_prefix("people:profile:") {
                    profile_event(change, &data)
                } else if let Some(change) = name.strip_prefix("session:") {
                    InboxEvent::Session {
                        change: change.to_owned(),
                    }
                } else {
                    InboxEvent::Unknown
                }
            }
        };
        RtmEvent {
            name: name.to_owned(),
            website_id: text("website_id"),
            session_id: text("session_id"),
            kind,
            data,
        }
    }
}

fn receipt_event(receipt: &str, data: &Value) -> InboxEvent {
    let receipt = match receipt {
        "read:send" => Receipt::ReadByOperator,
        "read:received" => Receipt::ReadByVisitor,
        "unread:send" => Receipt::UnreadByVisitor,
        "delivered" => Receipt::Delivered,
        "ignored" => Receipt::Ignored,
        _ => return InboxEvent::Unknown,
    };
    InboxEvent::Receipt {
        receipt,
        origin: data
            .get("origin")
            .and_then(Value::as_str)
            .map(str::to_owned),
        fingerprints: data
            .get("fingerprints")
            .and_then(Value::as_array)
            .map(|items| items.iter().filter_map(Value::as_i64).collect())
            .unwrap_or_default(),
    }
}

fn profile_event(change: &str, data: &Value) -> InboxEvent {
    let change = match change {
        "created" => ProfileChange::Created,
        "updated" => ProfileChange::Updated,
        "removed" => ProfileChange::Removed,
        _ => return InboxEvent::Unknown,
    };
    InboxEvent::Profile {
        change,
        people_id: data
            .get("people_id")
            .and_then(Value::as_str)
            .map(str::to_owned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn inbox_events_are_typed_and_others_stay_raw() {
        let sent = RtmEvent::parse(
            "message:send",
            json!({ "website_id": "w", "session_id": "s", "fingerprint": 7, "type": "text",
                    "from": "user", "content": "hi" }),
        );
        assert_eq!(
            (sent.website_id.as_deref(), sent.session_id.as_deref()),
            (Some("w"), Some("s")),
            "where it happened"
        );
        let InboxEvent::MessageSent(message) = &sent.kind else {
            panic!("message:send is a visitor message: {sent:?}");
        };
        assert_eq!(message.fingerprint, Some(7), "the message's fingerprint");
        let read = RtmEvent::parse(
            "message:acknowledge:read:send",
            json!({ "origin": "chat", "fingerprints": [1, 2] }),
        );
        assert_eq!(
            read.kind,
            InboxEvent::Receipt {
                receipt: Receipt::ReadByOperator,
                origin: Some("chat".into()),
                fingerprints: vec![1, 2]
            },
            "a read receipt"
        );
        assert_eq!(
            RtmEvent::parse("session:set_state", json!({ "state": "resolved" })).kind,
            InboxEvent::Session {
                change: "set_state".into()
            },
            "a conversation change"
        );
        let unknown = RtmEvent::parse("campaign:progress", json!({ "x": 1 }));
        assert_eq!(
            unknown.kind,
            InboxEvent::Unknown,
            "unknown names are not typed"
        );
        assert_eq!(
            unknown.data,
            json!({ "x": 1 }),
            "their payload is kept as sent"
        );
    }
}

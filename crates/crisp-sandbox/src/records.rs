//! The plain records a conversation is made of: its state, the operators, its messages, and the seed its
//! thread is generated from. The store keeps them; the seed generates them.

use serde_json::{json, Map, Value};

/// A conversation's state (§3.2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConversationState {
    /// New, nobody answered yet.
    Pending,
    /// Open.
    Unresolved,
    /// Closed.
    Resolved,
}

impl ConversationState {
    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Unresolved => "unresolved",
            Self::Resolved => "resolved",
        }
    }

    /// Numeric twin (`status`).
    pub fn status(self) -> u8 {
        match self {
            Self::Pending => 0,
            Self::Unresolved => 1,
            Self::Resolved => 2,
        }
    }

    /// Reads a wire name.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "pending" => Some(Self::Pending),
            "unresolved" => Some(Self::Unresolved),
            "resolved" => Some(Self::Resolved),
            _ => None,
        }
    }
}

/// An operator of the website (§3.13).
#[derive(Debug, Clone)]
pub struct Operator {
    /// UUID.
    pub user_id: String,
    /// Email.
    pub email: String,
    /// Avatar URL.
    pub avatar: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// `owner` or `member`.
    pub role: &'static str,
    /// Job title.
    pub title: String,
    /// `online`, `away` or `offline`.
    pub availability: &'static str,
    /// Last activity, ms.
    pub last_active: u64,
}

impl Operator {
    /// The Operator object.
    pub fn to_json(&self) -> Value {
        json!({
            "user_id": self.user_id,
            "email": self.email,
            "avatar": self.avatar,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "role": self.role,
            "title": self.title,
            "availability": self.availability,
            "has_token": false,
        })
    }

    /// `first_name last_name`.
    pub fn nickname(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// What a seeded thread is generated from; the same value always gives the same messages.
#[derive(Debug, Clone)]
pub struct ThreadSeed {
    /// Seed of the thread's own random generator.
    pub rng: u64,
    /// Number of messages.
    pub len: usize,
    /// Topic index.
    pub topic: usize,
    /// First message time.
    pub start: u64,
    /// Last message time.
    pub end: u64,
    /// State at seeding.
    pub state: ConversationState,
    /// Operator answering, index into the operators.
    pub operator: usize,
    /// Trailing visitor messages the operators have not read.
    pub unread_operator: u32,
    /// Message type this thread must contain (index into `conventions::MESSAGE_TYPES`).
    pub forced_type: usize,
    /// Channel.
    pub origin: &'static str,
}

/// A message (§3.7).
#[derive(Debug, Clone)]
pub struct Message {
    /// Message id.
    pub fingerprint: i64,
    /// Message type.
    pub kind: String,
    /// `user` or `operator`.
    pub from: String,
    /// Channel.
    pub origin: String,
    /// String or object per type.
    pub content: Value,
    /// Time, ms.
    pub timestamp: u64,
    /// Sender.
    pub user: Value,
    /// Mentioned operators.
    pub mentions: Vec<String>,
    /// Channel it was read on.
    pub read: Option<String>,
    /// Channel it was delivered on.
    pub delivered: Option<String>,
    /// Edited since sent.
    pub edited: bool,
    /// A translation.
    pub translated: bool,
    /// Sent by a bot.
    pub automated: bool,
    /// Other optional fields kept as sent (`references`, `original`, `properties`).
    pub extra: Map<String, Value>,
}

impl Message {
    /// The Message object.
    pub fn to_json(&self, session_id: &str, website_id: &str) -> Value {
        let mut out = Map::new();
        out.insert("session_id".into(), json!(session_id));
        out.insert("website_id".into(), json!(website_id));
        out.insert("type".into(), json!(self.kind));
        out.insert("from".into(), json!(self.from));
        out.insert("origin".into(), json!(self.origin));
        out.insert("content".into(), self.content.clone());
        out.insert("preview".into(), json!([]));
        out.insert("mentions".into(), json!(self.mentions));
        if let Some(read) = &self.read {
            out.insert("read".into(), json!(read));
        }
        if let Some(delivered) = &self.delivered {
            out.insert("delivered".into(), json!(delivered));
        }
        out.insert("stamped".into(), json!(true));
        out.insert("edited".into(), json!(self.edited));
        out.insert("translated".into(), json!(self.translated));
        out.insert("automated".into(), json!(self.automated));
        out.insert("fingerprint".into(), json!(self.fingerprint));
        out.insert("timestamp".into(), json!(self.timestamp));
        out.insert("user".into(), self.user.clone());
        for (key, value) in &self.extra {
            out.insert(key.clone(), value.clone());
        }
        Value::Object(out)
    }

    /// A short text for `last_message` and `preview_message.excerpt`.
    pub fn excerpt(&self) -> String {
        let text = match (&self.content, self.kind.as_str()) {
            (Value::String(text), _) => text.clone(),
            (Value::Object(content), "file") => content
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("File")
                .to_owned(),
            (Value::Object(content), "picker" | "field" | "carousel" | "event") => content
                .get("text")
                .or_else(|| content.get("namespace"))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned(),
            (_, "animation") => "Animation".to_owned(),
            (_, "audio") => "Audio message".to_owned(),
            _ => String::new(),
        };
        text.chars().take(280).collect()
    }
}

//! Conversation models (§3.2.1 of the contract). Every field is optional and unknown fields are kept in `extra`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::lenient::{lenient_item, Lenient};

#[cfg(feature = "specta")]
use crate::JsonValue;

/// A conversation's state.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum ConversationState {
    /// Waiting to be handled.
    Pending,
    /// Open.
    Unresolved,
    /// Done.
    Resolved,
    /// A state this client does not know, kept as sent.
    #[serde(untagged)]
    Other(String),
}

/// One conversation as listed or fetched.
///
/// A listed item that is not an object is kept whole in `unknown` and re-encodes as sent (so the UI receives it
/// as raw JSON, not as an object).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(remote = "Self")]
pub struct Conversation {
    /// `session_…` ID.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub session_id: Option<String>,
    /// The workspace.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub website_id: Option<String>,
    /// The inbox, when routed to one.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub inbox_id: Option<String>,
    /// The people profile bound to the conversation.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub people_id: Option<String>,
    /// `pending`, `unresolved` or `resolved` (absent when not a string).
    #[serde(default, deserialize_with = "crate::lenient::fits")]
    #[cfg_attr(feature = "specta", specta(type = Option<ConversationState>))]
    pub state: Option<ConversationState>,
    /// Numeric twin of `state`.
    #[serde(default, deserialize_with = "crate::lenient::u32")]
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub status: Option<u32>,
    /// Visitor identity verified.
    #[serde(default, deserialize_with = "crate::lenient::bool")]
    #[cfg_attr(feature = "specta", specta(type = Option<bool>))]
    pub is_verified: Option<bool>,
    /// Incoming messages blocked.
    #[serde(default, deserialize_with = "crate::lenient::bool")]
    #[cfg_attr(feature = "specta", specta(type = Option<bool>))]
    pub is_blocked: Option<bool>,
    /// Visitor presence: `online` or `offline`.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub availability: Option<String>,
    /// Visitor activity.
    pub active: Option<Lenient<Activity>>,
    /// Excerpt of the last message.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub last_message: Option<String>,
    /// Summary of the last message.
    pub preview_message: Option<Lenient<PreviewMessage>>,
    /// Topic line.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub topic: Option<String>,
    /// Identity verifications.
    pub verifications: Option<Lenient<Vec<Verification>>>,
    /// Extra participants (e.g. email addresses).
    pub participants: Option<Lenient<Vec<Participant>>>,
    /// Operator `user_id`s mentioned.
    pub mentions: Option<Lenient<Vec<String>>>,
    /// Live typing state.
    #[cfg_attr(feature = "specta", specta(type = Option<JsonValue>))]
    pub compose: Option<Value>,
    /// Unread counts per side.
    pub unread: Option<Lenient<Unread>>,
    /// Routing assignee.
    pub assigned: Option<Lenient<Assigned>>,
    /// Visitor details.
    pub meta: Option<Lenient<ConversationMeta>>,
    /// Creation time, ms.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    #[serde(default, deserialize_with = "crate::lenient::u64")]
    pub created_at: Option<u64>,
    /// Last update time, ms.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    #[serde(default, deserialize_with = "crate::lenient::u64")]
    pub updated_at: Option<u64>,
    /// Since when the visitor waits for a reply, ms.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    #[serde(default, deserialize_with = "crate::lenient::u64")]
    pub waiting_since: Option<u64>,
    /// Fields this client does not know, kept as sent.
    #[serde(flatten)]
    #[cfg_attr(feature = "specta", specta(skip))]
    pub extra: Map<String, Value>,
    /// The whole item as sent, when it is not an object.
    #[serde(skip)]
    #[cfg_attr(feature = "specta", specta(skip))]
    pub unknown: Option<Value>,
}

lenient_item!(Conversation);

/// `{ now, last }`: whether someone is active now, and when they last were.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Activity {
    /// Active right now.
    #[serde(default, deserialize_with = "crate::lenient::bool")]
    #[cfg_attr(feature = "specta", specta(type = Option<bool>))]
    pub now: Option<bool>,
    /// Last activity, ms.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    #[serde(default, deserialize_with = "crate::lenient::u64")]
    pub last: Option<u64>,
}

/// Summary of a conversation's last message.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PreviewMessage {
    /// Message type.
    #[serde(rename = "type")]
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub kind: Option<String>,
    /// `user` or `operator`.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub from: Option<String>,
    /// Text excerpt.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub excerpt: Option<String>,
    /// The message's fingerprint.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    #[serde(default, deserialize_with = "crate::lenient::i64")]
    pub fingerprint: Option<i64>,
}

/// One identity verification.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Verification {
    /// What was verified.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub identity: Option<String>,
    /// How.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub method: Option<String>,
    /// Note.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub annotation: Option<String>,
}

/// An extra participant.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Participant {
    /// Kind of participant (`email`, ...).
    #[serde(rename = "type")]
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub kind: Option<String>,
    /// Address or ID.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub target: Option<String>,
}

/// Unread message counts per side.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Unread {
    /// Unread by operators.
    #[serde(default, deserialize_with = "crate::lenient::u32")]
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub operator: Option<u32>,
    /// Unread by the visitor.
    #[serde(default, deserialize_with = "crate::lenient::u32")]
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub visitor: Option<u32>,
}

/// The routing assignee.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Assigned {
    /// The operator's `user_id`.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub user_id: Option<String>,
}

/// A conversation's `meta`: visitor details (§3.5), as read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ConversationMeta {
    /// Visitor name.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub nickname: Option<String>,
    /// Visitor email.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub email: Option<String>,
    /// Visitor phone.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub phone: Option<String>,
    /// Postal address.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub address: Option<String>,
    /// Subject line.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub subject: Option<String>,
    /// Visitor IP.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub ip: Option<String>,
    /// Avatar URL.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub avatar: Option<String>,
    /// `chat`, `email` or `urn:…`.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub origin: Option<String>,
    /// Tags.
    pub segments: Option<Lenient<Vec<String>>>,
    /// Custom key/values.
    #[cfg_attr(feature = "specta", specta(type = Option<JsonValue>))]
    pub data: Option<Value>,
    /// ISP details (read-only).
    pub connection: Option<Lenient<Connection>>,
    /// Device details.
    pub device: Option<Lenient<Device>>,
    /// Fields this client does not know, kept as sent.
    #[serde(flatten)]
    #[cfg_attr(feature = "specta", specta(skip))]
    pub extra: Map<String, Value>,
}

/// ISP details of a visitor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Connection {
    /// Provider name.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub isp: Option<String>,
    /// Autonomous system.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub asn: Option<String>,
}

/// A visitor's device.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Device {
    /// Chatbox capabilities.
    pub capabilities: Option<Lenient<Vec<String>>>,
    /// Where the visitor is.
    pub geolocation: Option<Lenient<Geolocation>>,
    /// OS, engine and browser.
    pub system: Option<Lenient<System>>,
    /// Offset in minutes.
    #[serde(default, deserialize_with = "crate::lenient::i32")]
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub timezone: Option<i32>,
    /// Preferred languages.
    pub locales: Option<Lenient<Vec<String>>>,
}

/// A place (people, companies, visitors, devices); also written in people profiles.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Geolocation {
    /// Two-letter country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub country: Option<String>,
    /// Region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub region: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<String>))]
    pub city: Option<String>,
    /// Latitude and longitude.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::fits")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<Coordinates>))]
    pub coordinates: Option<Coordinates>,
}

/// Latitude and longitude in degrees.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Coordinates {
    /// Degrees north.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::f64")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<f64>))]
    pub latitude: Option<f64>,
    /// Degrees east.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::lenient::f64")]
    #[cfg_attr(feature = "specta", specta(optional, type = Option<f64>))]
    pub longitude: Option<f64>,
}

/// OS, engine and browser of a device.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct System {
    /// Operating system.
    pub os: Option<Lenient<NameVersion>>,
    /// Rendering engine.
    pub engine: Option<Lenient<NameVersion>>,
    /// Browser.
    pub browser: Option<Lenient<Browser>>,
    /// Raw user agent.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub useragent: Option<String>,
}

/// A name and version.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NameVersion {
    /// Name.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub name: Option<String>,
    /// Version.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub version: Option<String>,
}

/// A browser and its versions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Browser {
    /// Name.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub name: Option<String>,
    /// Full version.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub version: Option<String>,
    /// Major version.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub major: Option<String>,
}

/// The answer of `create_conversation`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CreatedConversation {
    /// The new conversation's `session_…` ID.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub session_id: Option<String>,
}

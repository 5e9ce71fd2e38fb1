//! Conversation models (§3.2.1 of the contract). Every field is optional and unknown fields are kept in `extra`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::lenient::{model, read_whole, Lenient};

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

model! {
    /// One conversation as listed or fetched.
    ///
    /// A listed item that is not an object is kept whole in `unknown` and re-encodes as sent (so the UI receives it
    /// as raw JSON, not as an object).
    #[serde(remote = "Self")]
    pub struct Conversation {
        /// `session_…` ID.
        pub session_id: Option<String>,
        /// The workspace.
        pub website_id: Option<String>,
        /// The inbox, when routed to one.
        pub inbox_id: Option<String>,
        /// The people profile bound to the conversation.
        pub people_id: Option<String>,
        /// `pending`, `unresolved` or `resolved` (absent when not a string).
        pub state: Option<ConversationState>,
        /// Numeric twin of `state`.
        pub status: Option<u32>,
        /// Visitor identity verified.
        pub is_verified: Option<bool>,
        /// Incoming messages blocked.
        pub is_blocked: Option<bool>,
        /// Visitor presence: `online` or `offline`.
        pub availability: Option<String>,
        /// Visitor activity.
        pub active: Option<Lenient<Activity>>,
        /// Excerpt of the last message.
        pub last_message: Option<String>,
        /// Summary of the last message.
        pub preview_message: Option<Lenient<PreviewMessage>>,
        /// Topic line.
        pub topic: Option<String>,
        /// Identity verifications.
        pub verifications: Option<Lenient<Vec<Verification>>>,
        /// Extra participants (e.g. email addresses).
        pub participants: Option<Lenient<Vec<Participant>>>,
        /// Operator `user_id`s mentioned.
        pub mentions: Option<Lenient<Vec<String>>>,
        /// Live typing state.
        pub compose: Option<Value>,
        /// Unread counts per side.
        pub unread: Option<Lenient<Unread>>,
        /// Routing assignee.
        pub assigned: Option<Lenient<Assigned>>,
        /// Visitor details.
        pub meta: Option<Lenient<ConversationMeta>>,
        /// Creation time, ms.
        pub created_at: Option<u64>,
        /// Last update time, ms.
        pub updated_at: Option<u64>,
        /// Since when the visitor waits for a reply, ms.
        pub waiting_since: Option<u64>,
    }
    keeps extra, unknown
}

model! {
    /// `{ now, last }`: whether someone is active now, and when they last were.
    pub struct Activity {
        /// Active right now.
        pub now: Option<bool>,
        /// Last activity, ms.
        pub last: Option<u64>,
    }
}

model! {
    /// Summary of a conversation's last message.
    pub struct PreviewMessage {
        /// Message type.
        #[serde(rename = "type")]
        pub kind: Option<String>,
        /// `user` or `operator`.
        pub from: Option<String>,
        /// Text excerpt.
        pub excerpt: Option<String>,
        /// The message's fingerprint.
        pub fingerprint: Option<i64>,
    }
}

model! {
    /// One identity verification.
    pub struct Verification {
        /// What was verified.
        pub identity: Option<String>,
        /// How.
        pub method: Option<String>,
        /// Note.
        pub annotation: Option<String>,
    }
}

model! {
    /// An extra participant.
    pub struct Participant {
        /// Kind of participant (`email`, ...).
        #[serde(rename = "type")]
        pub kind: Option<String>,
        /// Address or ID.
        pub target: Option<String>,
    }
}

model! {
    /// Unread message counts per side.
    pub struct Unread {
        /// Unread by operators.
        pub operator: Option<u32>,
        /// Unread by the visitor.
        pub visitor: Option<u32>,
    }
}

model! {
    /// The routing assignee.
    pub struct Assigned {
        /// The operator's `user_id`.
        pub user_id: Option<String>,
    }
}

model! {
    /// The answer of `get_conversation_routing`: `{ assigned: { user_id } }`, without `assigned` when nobody is.
    pub struct ConversationRouting {
        /// The operator the conversation is assigned to.
        pub assigned: Option<Lenient<Assigned>>,
    }
}

model! {
    /// A conversation's `meta`: visitor details (§3.5), as read.
    pub struct ConversationMeta {
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
        pub segments: Option<Lenient<Vec<String>>>,
        /// Custom key/values.
        pub data: Option<Value>,
        /// ISP details (read-only).
        pub connection: Option<Lenient<Connection>>,
        /// Device details.
        pub device: Option<Lenient<Device>>,
    }
    keeps extra
}

model! {
    /// ISP details of a visitor.
    pub struct Connection {
        /// Provider name.
        pub isp: Option<String>,
        /// Autonomous system.
        pub asn: Option<String>,
    }
}

model! {
    /// A visitor's device.
    pub struct Device {
        /// Chatbox capabilities.
        pub capabilities: Option<Lenient<Vec<String>>>,
        /// Where the visitor is.
        pub geolocation: Option<Lenient<Geolocation>>,
        /// OS, engine and browser.
        pub system: Option<Lenient<System>>,
        /// Offset in minutes.
        pub timezone: Option<i32>,
        /// Preferred languages.
        pub locales: Option<Lenient<Vec<String>>>,
    }
}

model! {
    /// A place (people, companies, visitors, devices); also written in people profiles.
    pub struct Geolocation {
        /// Two-letter country code.
        pub country: Option<String>,
        /// Region.
        pub region: Option<String>,
        /// City.
        pub city: Option<String>,
        /// Latitude and longitude.
        pub coordinates: Option<Coordinates>,
    }
    written
}

model! {
    /// Latitude and longitude in degrees.
    pub struct Coordinates {
        /// Degrees north.
        pub latitude: Option<f64>,
        /// Degrees east.
        pub longitude: Option<f64>,
    }
    written
}

model! {
    /// OS, engine and browser of a device.
    pub struct System {
        /// Operating system.
        pub os: Option<Lenient<NameVersion>>,
        /// Rendering engine.
        pub engine: Option<Lenient<NameVersion>>,
        /// Browser.
        pub browser: Option<Lenient<Browser>>,
        /// Raw user agent.
        pub useragent: Option<String>,
    }
}

model! {
    /// A name and version.
    pub struct NameVersion {
        /// Name.
        pub name: Option<String>,
        /// Version.
        pub version: Option<String>,
    }
}

model! {
    /// A browser and its versions.
    pub struct Browser {
        /// Name.
        pub name: Option<String>,
        /// Full version.
        pub version: Option<String>,
        /// Major version.
        pub major: Option<String>,
    }
}

model! {
    /// The answer of `create_conversation`.
    pub struct CreatedConversation {
        /// The new conversation's `session_…` ID.
        pub session_id: Option<String>,
    }
}

read_whole!(ConversationState, Geolocation, Coordinates);

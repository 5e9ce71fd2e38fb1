//! Visitor models (§3.11 of the contract).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::conversations::types::Geolocation;

/// `count_visitors`' answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VisitorCount {
    /// Visitors on the site now.
    pub count: Option<u32>,
    /// Those currently active.
    pub active: Option<u32>,
    /// Whether the count is capped or approximate.
    pub limited: Option<bool>,
}

/// A visitor on the site now.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Visitor {
    /// Their conversation's `session_…` ID.
    pub session_id: Option<String>,
    /// Inbox.
    pub inbox_id: Option<String>,
    /// Name.
    pub nickname: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Avatar URL.
    pub avatar: Option<String>,
    /// Browser user agent.
    pub useragent: Option<String>,
    /// Whether a conversation was started.
    pub initiated: Option<bool>,
    /// Whether they are active.
    pub active: Option<bool>,
    /// The page they are on.
    pub last_page: Option<LastPage>,
    /// Where they are.
    pub geolocation: Option<Geolocation>,
    /// Offset in minutes.
    pub timezone: Option<i32>,
    /// Chatbox capabilities.
    pub capabilities: Option<Vec<String>>,
    /// Preferred languages.
    pub locales: Option<Vec<String>>,
    /// Fields this client does not know, kept as sent.
    #[serde(flatten)]
    #[cfg_attr(feature = "specta", specta(skip))]
    pub extra: Map<String, Value>,
}

/// The page a visitor is on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LastPage {
    /// Title.
    pub page_title: Option<String>,
    /// URL.
    pub page_url: Option<String>,
}

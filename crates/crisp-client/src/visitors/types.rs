//! Visitor models (§3.11 of the contract).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::conversations::types::Geolocation;
use crate::lenient::{lenient_item, Lenient};

/// `count_visitors`' answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VisitorCount {
    /// Visitors on the site now.
    #[serde(default, deserialize_with = "crate::lenient::u32")]
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub count: Option<u32>,
    /// Those currently active.
    #[serde(default, deserialize_with = "crate::lenient::u32")]
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    pub active: Option<u32>,
    /// Whether the count is capped or approximate.
    #[serde(default, deserialize_with = "crate::lenient::bool")]
    #[cfg_attr(feature = "specta", specta(type = Option<bool>))]
    pub limited: Option<bool>,
}

/// A visitor on the site now.
///
/// A listed item that is not an object is kept whole in `unknown` and re-encodes as sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(remote = "Self")]
pub struct Visitor {
    /// Their conversation's `session_…` ID.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub session_id: Option<String>,
    /// Inbox.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub inbox_id: Option<String>,
    /// Name.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub nickname: Option<String>,
    /// Email.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub email: Option<String>,
    /// Avatar URL.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub avatar: Option<String>,
    /// Browser user agent.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub useragent: Option<String>,
    /// Whether a conversation was started.
    #[serde(default, deserialize_with = "crate::lenient::bool")]
    #[cfg_attr(feature = "specta", specta(type = Option<bool>))]
    pub initiated: Option<bool>,
    /// Whether they are active.
    #[serde(default, deserialize_with = "crate::lenient::bool")]
    #[cfg_attr(feature = "specta", specta(type = Option<bool>))]
    pub active: Option<bool>,
    /// The page they are on.
    pub last_page: Option<Lenient<LastPage>>,
    /// Where they are.
    pub geolocation: Option<Lenient<Geolocation>>,
    /// Offset in minutes.
    #[serde(default, deserialize_with = "crate::lenient::i32")]
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub timezone: Option<i32>,
    /// Chatbox capabilities.
    pub capabilities: Option<Lenient<Vec<String>>>,
    /// Preferred languages.
    pub locales: Option<Lenient<Vec<String>>>,
    /// Fields this client does not know, kept as sent.
    #[serde(flatten)]
    #[cfg_attr(feature = "specta", specta(skip))]
    pub extra: Map<String, Value>,
    /// The whole item as sent, when it is not an object.
    #[serde(skip)]
    #[cfg_attr(feature = "specta", specta(skip))]
    pub unknown: Option<Value>,
}

lenient_item!(Visitor);

/// The page a visitor is on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LastPage {
    /// Title.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub page_title: Option<String>,
    /// URL.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub page_url: Option<String>,
}

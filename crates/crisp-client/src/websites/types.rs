//! Website models (§3.12 of the contract).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A website (workspace).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Website {
    /// The workspace UUID.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub website_id: Option<String>,
    /// Name.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub name: Option<String>,
    /// Domain.
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub domain: Option<String>,
    /// Logo URL (may be empty).
    #[serde(default, deserialize_with = "crate::lenient::string")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub logo: Option<String>,
    /// Whether the domain is verified.
    #[serde(default, deserialize_with = "crate::lenient::bool")]
    #[cfg_attr(feature = "specta", specta(type = Option<bool>))]
    pub verified: Option<bool>,
    /// Whether it is an institutional site.
    #[serde(default, deserialize_with = "crate::lenient::bool")]
    #[cfg_attr(feature = "specta", specta(type = Option<bool>))]
    pub institutional: Option<bool>,
    /// Fields this client does not know, kept as sent.
    #[serde(flatten)]
    #[cfg_attr(feature = "specta", specta(skip))]
    pub extra: Map<String, Value>,
}

/// `check_website_exists`' answer: HTTP 200 is `true`, 404 is `false`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WebsiteExists {
    /// Whether a website with that domain exists.
    pub exists: bool,
}

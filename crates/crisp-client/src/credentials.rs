//! The token: identifier, secret key and tier.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

/// Which kind of Crisp token a keypair is; sent as `X-Crisp-Tier`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// An operator's own token (the token generator).
    #[default]
    User,
    /// A Marketplace plugin token: 5,000 requests a day by default.
    Plugin,
    /// A workspace API token: 10,000 requests a day.
    Website,
}

impl Tier {
    /// The header value: `user`, `plugin` or `website`.
    pub fn as_str(self) -> &'static str {
        self.row().0
    }

    /// Crisp's documented daily request budget for this tier; `None` where none is documented (`user`).
    pub fn daily_budget(self) -> Option<u32> {
        self.row().1
    }

    /// What the contract says of each tier, one row apiece: its header value and its daily budget.
    fn row(self) -> (&'static str, Option<u32>) {
        match self {
            Tier::User => ("user", None),
            Tier::Plugin => ("plugin", Some(5_000)),
            Tier::Website => ("website", Some(10_000)),
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The secret half of a keypair. Redacted in `Debug` and `Display`, never serialized, read only for the
/// `Authorization` header.
#[derive(Clone)]
pub struct ApiKey(SecretString);

impl ApiKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        ApiKey(SecretString::from(key.into()))
    }

    /// Whether the key is the empty string (a form left blank).
    pub fn is_empty(&self) -> bool {
        self.0.expose_secret().is_empty()
    }

    /// The key itself; only the auth header and error scrubbing read it.
    pub(crate) fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl From<String> for ApiKey {
    fn from(key: String) -> Self {
        ApiKey::new(key)
    }
}

impl From<&str> for ApiKey {
    fn from(key: &str) -> Self {
        ApiKey::new(key)
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A Crisp keypair and its tier.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The token identifier (sent in the clear as the Basic-auth user name).
    pub identifier: String,
    /// The secret key.
    pub key: ApiKey,
    /// The token's tier, sent as `X-Crisp-Tier`.
    pub tier: Tier,
}

impl Credentials {
    /// A keypair of the given tier.
    pub fn new(identifier: impl Into<String>, key: impl Into<ApiKey>, tier: Tier) -> Self {
        Credentials {
            identifier: identifier.into(),
            key: key.into(),
            tier,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_redacted_in_debug_and_display() {
        let credentials = Credentials::new("id", "s3cr3t-key", Tier::Plugin);
        let shown = format!("{credentials:?} {} {:?}", credentials.key, credentials.key);
        assert!(
            !shown.contains("s3cr3t-key"),
            "the key must never be formatted: {shown}"
        );
        assert!(
            shown.contains("<redacted>"),
            "the key's place must say it is redacted: {shown}"
        );
    }

    #[test]
    fn tiers_travel_lowercase_and_default_to_user() {
        assert_eq!(
            serde_json::to_string(&Tier::Website).ok().as_deref(),
            Some("\"website\""),
            "serde names are lowercase"
        );
        assert_eq!(
            Tier::default(),
            Tier::User,
            "Crisp's own clients default to the user tier"
        );
        assert_eq!(
            Tier::Plugin.daily_budget(),
            Some(5_000),
            "plugin tokens get 5,000 requests a day"
        );
        assert_eq!(
            Tier::Website.daily_budget(),
            Some(10_000),
            "website tokens get 10,000 requests a day"
        );
    }
}

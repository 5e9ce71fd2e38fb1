//! Connections: the IPC shapes (pinned in ARCHITECTURE.md, "Connection IPC"), input checks, and the token test
//! that tells a bad key from a token of another tier.
//!
//! A connection is a name, the token identifier, the key, the website ID, the tier and the API host. The key goes
//! to the keychain ([`keychain`]); the rest to `connections.json` ([`store`]). No type here carries the key back to
//! the web view: [`ConnectionSummary`] says `has_key` at most.

pub mod keychain;
pub mod store;

use std::fmt;
use std::time::Duration;

use crisp_client::websites::{GetWebsite, Website};
use crisp_client::{ApiKey, Client, ClientConfig, Credentials, Tier};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, ErrorKind, Result};

/// Crisp's API host, used when a connection does not set one.
pub const DEFAULT_API_BASE: &str = "https://api.crisp.chat";

/// How long the token test waits for Crisp.
pub const TEST_TIMEOUT: Duration = Duration::from_secs(15);

/// The app's `User-Agent` toward Crisp.
pub const USER_AGENT: &str = concat!("crisp-desk/", env!("CARGO_PKG_VERSION"));

/// A connection's id: `demo` for the built-in Demo connection, a UUID otherwise.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(transparent)]
pub struct ConnectionId(pub String);

impl ConnectionId {
    /// The Demo connection's id.
    pub const DEMO: &'static str = "demo";

    /// The Demo connection's id.
    pub fn demo() -> Self {
        ConnectionId(Self::DEMO.to_owned())
    }

    /// A fresh id for a new connection.
    pub fn generate() -> Self {
        ConnectionId(uuid::Uuid::new_v4().to_string())
    }

    /// Whether this is the Demo connection.
    pub fn is_demo(&self) -> bool {
        self.0 == Self::DEMO
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ConnectionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for ConnectionId {
    fn from(id: &str) -> Self {
        ConnectionId(id.to_owned())
    }
}

/// What the web view sees of a connection: everything but the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ConnectionSummary {
    /// The connection id.
    pub id: ConnectionId,
    /// The name people gave it (`Demo (local sandbox)` for the Demo).
    pub name: String,
    /// The token identifier (not secret).
    pub identifier: String,
    /// The website (workspace) ID.
    pub website_id: String,
    /// The token's tier.
    pub tier: Tier,
    /// The API host.
    pub api_base: String,
    /// Whether a key is stored for it (the key itself never leaves the app's Rust side).
    pub has_key: bool,
    /// Whether it is the built-in Demo connection on local sandbox data.
    pub demo: bool,
    /// Whether it is the selected connection.
    pub selected: bool,
}

/// The set-up form: a new connection (`id` absent) or an edit of one. Only ever read from the web view, never
/// serialized, so the key cannot travel back.
#[derive(Clone, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct SaveConnection {
    /// The connection to edit; absent for a new one.
    #[serde(default)]
    #[specta(optional)]
    pub id: Option<ConnectionId>,
    /// A name for people.
    pub name: String,
    /// The token identifier.
    pub identifier: String,
    /// The key; absent or empty on edit keeps the stored one. Required for a new connection.
    #[serde(default)]
    #[specta(optional)]
    pub key: Option<String>,
    /// The website (workspace) ID.
    pub website_id: String,
    /// The token's tier (`user` unless it is a Marketplace or workspace token).
    #[serde(default)]
    pub tier: Tier,
    /// The API host; absent or empty means `https://api.crisp.chat`.
    #[serde(default)]
    #[specta(optional)]
    pub api_base: Option<String>,
}

impl fmt::Debug for SaveConnection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SaveConnection")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("identifier", &self.identifier)
            .field("key", &self.key.as_ref().map(|_| "<redacted>"))
            .field("website_id", &self.website_id)
            .field("tier", &self.tier)
            .field("api_base", &self.api_base)
            .finish()
    }
}

/// What a successful token test found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ConnectionTest {
    /// The website the token reads.
    pub website: Website,
    /// The tier the token works with.
    pub tier: Tier,
}

/// What deleting a connection did: the connection is always gone; `notice` says when its key is still in the
/// keychain (locked or unavailable) and will be removed the next time the keychain answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct DeletedConnection {
    /// Words for people when the key's removal is still pending; absent when the key is gone too.
    pub notice: Option<String>,
}

/// A checked form: every field valid, the key (if one was typed) held as a secret.
pub struct Draft {
    /// The connection being edited, if any.
    pub id: Option<ConnectionId>,
    /// Trimmed name.
    pub name: String,
    /// Trimmed identifier.
    pub identifier: String,
    /// The typed key; `None` keeps the stored one.
    pub key: Option<SecretString>,
    /// Trimmed website ID.
    pub website_id: String,
    /// The tier.
    pub tier: Tier,
    /// The normalized API host, `scheme://host[:port]`.
    pub api_base: String,
}

impl fmt::Debug for Draft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Draft")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("identifier", &self.identifier)
            .field("website_id", &self.website_id)
            .field("tier", &self.tier)
            .field("api_base", &self.api_base)
            .finish_non_exhaustive()
    }
}

impl SaveConnection {
    /// Checks every field, naming the first one at fault.
    pub fn check(self) -> Result<Draft> {
        let name = self.name.trim().to_owned();
        if name.is_empty() {
            return Err(AppError::invalid("name", "Give the connection a name."));
        }
        if name.chars().count() > 100 {
            return Err(AppError::invalid(
                "name",
                "Keep the name under 100 characters.",
            ));
        }
        let identifier = self.identifier.trim().to_owned();
        if identifier.is_empty() {
            return Err(AppError::invalid(
                "identifier",
                "Enter the token identifier.",
            ));
        }
        if identifier.chars().any(char::is_whitespace) || identifier.contains(':') {
            return Err(AppError::invalid(
                "identifier",
                "A token identifier has no spaces or colons.",
            ));
        }
        let website_id = self.website_id.trim().to_owned();
        if website_id.is_empty() {
            return Err(AppError::invalid(
                "website_id",
                "Enter the website ID (Settings → Workspace Settings).",
            ));
        }
        if !website_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(AppError::invalid(
                "website_id",
                "A website ID has only letters, digits and dashes.",
            ));
        }
        let key = match self
            .key
            .map(|k| k.trim().to_owned())
            .filter(|k| !k.is_empty())
        {
            Some(key) if key.chars().any(char::is_whitespace) => {
                return Err(AppError::invalid("key", "A key has no spaces."));
            }
            Some(key) => Some(SecretString::from(key)),
            None if self.id.is_none() => return Err(AppError::invalid("key", "Enter the key.")),
            None => None,
        };
        let api_base = normalize_api_base(self.api_base.as_deref())?;
        Ok(Draft {
            id: self.id,
            name,
            identifier,
            key,
            website_id,
            tier: self.tier,
            api_base,
        })
    }
}

/// The API host as `scheme://host[:port]`: https anywhere, plain http only to this machine (the sandbox).
pub fn normalize_api_base(input: Option<&str>) -> Result<String> {
    let raw = input
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(DEFAULT_API_BASE);
    let bad = |why: &str| AppError::invalid("api_base", format!("The API host {why}."));
    let url =
        url::Url::parse(raw).map_err(|_| bad("must be a URL such as https://api.crisp.chat"))?;
    let host = url.host_str().ok_or_else(|| bad("must name a host"))?;
    let loopback = matches!(host, "localhost" | "127.0.0.1" | "[::1]");
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => return Err(bad("must use https (plain http only to this computer)")),
        _ => return Err(bad("must start with https://")),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad("must not hold a user name or password"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("must not have a query or fragment"));
    }
    let path = url.path().trim_end_matches('/');
    if !(path.is_empty() || path == "/v1") {
        return Err(bad("must be a host only, such as https://api.crisp.chat"));
    }
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    Ok(format!("{}://{host}{port}", url.scheme()))
}

/// A client for the given token.
pub fn client(
    api_base: &str,
    identifier: &str,
    key: &SecretString,
    tier: Tier,
    timeout: Duration,
) -> Result<Client> {
    let credentials = Credentials::new(
        identifier,
        ApiKey::new(key.expose_secret().to_owned()),
        tier,
    );
    Client::new(ClientConfig {
        base_url: api_base.to_owned(),
        credentials,
        timeout,
        user_agent: USER_AGENT.to_owned(),
    })
    .map_err(|e| AppError::from(e).at("api_base"))
}

/// Tests a token with `get_website`. On a 401 it tries the other tiers once each, so a token of another tier is
/// named (`wrong_tier` at `tier`) instead of reported as a bad key. Each failure names the field to fix.
pub async fn verify(
    draft: &Draft,
    key: &SecretString,
    timeout: Duration,
) -> Result<ConnectionTest> {
    let attempt = |tier: Tier| async move {
        let client = client(&draft.api_base, &draft.identifier, key, tier, timeout)?;
        Ok::<_, AppError>(
            client
                .send(&GetWebsite::new(draft.website_id.clone()))
                .await,
        )
    };
    let refused = match attempt(draft.tier).await? {
        Ok(website) => {
            return Ok(ConnectionTest {
                website,
                tier: draft.tier,
            })
        }
        Err(crisp_client::Error::Api {
            status: 401,
            reason,
            ..
        }) => reason,
        Err(other) => return Err(at_field(other, draft)),
    };
    tracing::debug!(tier = %draft.tier, reason = %refused, "token refused; trying the other tiers");
    for other in [Tier::User, Tier::Plugin, Tier::Website] {
        if other == draft.tier {
            continue;
        }
        match attempt(other).await? {
            // Any answer but 401 means Crisp accepted the keypair for that tier.
            Ok(_)
            | Err(crisp_client::Error::Api {
                status: 403..=404, ..
            }) => {
                return Err(AppError::new(
                    ErrorKind::WrongTier,
                    format!(
                        "This is a {other} token, not a {} token: choose the {other} tier.",
                        draft.tier
                    ),
                )
                .at("tier"));
            }
            Err(_) => {}
        }
    }
    Err(AppError::new(
        ErrorKind::BadCredentials,
        format!(
            "Crisp refused this identifier and key ({refused}): check both, or generate a new token. They are \
             not valid for any tier."
        ),
    )
    .at("key"))
}

/// A failed token test, attached to the field people must fix.
fn at_field(error: crisp_client::Error, draft: &Draft) -> AppError {
    let reason = error.reason().unwrap_or_default().to_owned();
    let status = error.status();
    let mapped = AppError::from(error);
    match (mapped.kind, status, reason.as_str()) {
        (ErrorKind::NotSubscribed, _, _) => AppError::new(
            ErrorKind::NotSubscribed,
            format!(
                "The plugin of this token is not installed on website {} (not_subscribed): install it from the \
                 Crisp Marketplace, or check the website ID.",
                draft.website_id
            ),
        )
        .at("website_id"),
        (ErrorKind::NotFound, _, _) | (_, Some(403), _) => AppError::new(
            ErrorKind::NotFound,
            format!(
                "Crisp knows no website {} that this token can read ({}): check the website ID.",
                draft.website_id,
                if reason.is_empty() { "not_found" } else { &reason }
            ),
        )
        .at("website_id"),
        (ErrorKind::Network, _, _) => AppError::new(
            ErrorKind::Network,
            format!("Could not reach {}: check the network connection, or the API host under Advanced.", draft.api_base),
        )
        .at("api_base"),
        (ErrorKind::Timeout, _, _) => AppError::new(
            ErrorKind::Timeout,
            format!("{} did not answer in time: check the network connection and try again.", draft.api_base),
        )
        .at("api_base"),
        _ => mapped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn form() -> SaveConnection {
        SaveConnection {
            id: None,
            name: "Shop".into(),
            identifier: "ident".into(),
            key: Some("k3y".into()),
            website_id: "8c9b4f5e-1111-2222-3333-444455556666".into(),
            tier: Tier::User,
            api_base: None,
        }
    }

    #[test]
    fn connection_summary_json_has_no_key_field() {
        let summary = ConnectionSummary {
            id: ConnectionId::from("c1"),
            name: "Shop".into(),
            identifier: "ident".into(),
            website_id: "w".into(),
            tier: Tier::Plugin,
            api_base: DEFAULT_API_BASE.into(),
            has_key: true,
            demo: false,
            selected: true,
        };
        assert_eq!(
            serde_json::to_value(&summary).expect("serializable"),
            json!({
                "id": "c1", "name": "Shop", "identifier": "ident", "website_id": "w", "tier": "plugin",
                "api_base": "https://api.crisp.chat", "has_key": true, "demo": false, "selected": true
            }),
            "the UI receives exactly these fields, and never a key"
        );
    }

    #[test]
    fn the_form_reads_with_defaults_and_refuses_unknown_fields() {
        let form: SaveConnection =
            serde_json::from_value(json!({ "name": "A", "identifier": "i", "website_id": "w" }))
                .expect("minimal form");
        assert_eq!(form.tier, Tier::User, "the tier defaults to user");
        assert!(
            form.id.is_none() && form.key.is_none() && form.api_base.is_none(),
            "optional fields default to absent"
        );
        let typo = serde_json::from_value::<SaveConnection>(
            json!({ "name": "A", "identifier": "i", "website_id": "w", "secret": "x" }),
        );
        assert!(
            typo.is_err(),
            "a misspelled field must be named, not dropped"
        );
    }

    #[test]
    fn the_form_debug_never_shows_the_key() {
        let shown = format!("{:?} {:?}", form(), form().check().expect("valid"));
        assert!(
            !shown.contains("k3y"),
            "debug output must not hold the key: {shown}"
        );
    }

    #[test]
    fn each_bad_field_is_named() {
        type Breaker = fn(&mut SaveConnection);
        let cases: [(Breaker, &str); 6] = [
            (|f| f.name = " ".into(), "name"),
            (|f| f.identifier = String::new(), "identifier"),
            (|f| f.website_id = "a/b".into(), "website_id"),
            (|f| f.key = None, "key"),
            (
                |f| f.api_base = Some("http://api.crisp.chat".into()),
                "api_base",
            ),
            (|f| f.api_base = Some("ftp://x".into()), "api_base"),
        ];
        for (break_it, field) in cases {
            let mut bad = form();
            break_it(&mut bad);
            let error = bad.check().expect_err("a broken field must be refused");
            assert_eq!(
                error.field.as_deref(),
                Some(field),
                "the error must sit at {field}: {error:?}"
            );
            assert_eq!(
                error.kind,
                ErrorKind::InvalidInput,
                "a refused field is invalid_input"
            );
        }
    }

    #[test]
    fn an_empty_key_on_edit_means_keep_the_stored_one() {
        let mut edit = form();
        edit.id = Some(ConnectionId::from("c1"));
        edit.key = Some(String::new());
        assert!(
            edit.check().expect("valid edit").key.is_none(),
            "an empty key on edit keeps the stored key"
        );
    }

    #[test]
    fn api_hosts_are_normalized_to_scheme_host_and_port() {
        assert_eq!(
            normalize_api_base(None).expect("default"),
            DEFAULT_API_BASE,
            "absent means Crisp's host"
        );
        assert_eq!(
            normalize_api_base(Some("https://api.crisp.chat/v1/")).expect("valid"),
            DEFAULT_API_BASE
        );
        assert_eq!(
            normalize_api_base(Some("http://127.0.0.1:4567")).expect("loopback"),
            "http://127.0.0.1:4567"
        );
        assert!(
            normalize_api_base(Some("https://u:p@api.crisp.chat")).is_err(),
            "credentials in the URL are refused"
        );
    }
}

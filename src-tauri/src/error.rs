//! `AppError`: the one error the web view sees, `{kind, message, field?}`.

use serde::Serialize;

/// `Result` with the app's [`AppError`].
pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// What a screen can act on; add a kind only when the UI handles it differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The input was refused before anything was sent (a field is empty, malformed or unknown).
    InvalidInput,
    /// Crisp refused the identifier and key.
    BadCredentials,
    /// The keypair is valid, but for another tier than the one chosen.
    WrongTier,
    /// The website, conversation, profile or message does not exist.
    NotFound,
    /// A plugin token was used on a website that has not installed the plugin.
    NotSubscribed,
    /// Crisp's short-term rate limiter refused the request; retry later.
    RateLimited,
    /// The token's daily request quota is spent until Crisp's daily reset.
    QuotaExceeded,
    /// Crisp could not be reached (no network, wrong API host, connection dropped).
    Network,
    /// Crisp did not answer in time.
    Timeout,
    /// No Secret Service is reachable, or it is locked, so a key cannot be stored or read.
    KeychainUnavailable,
    /// Crisp failed (5xx) or answered something unexpected.
    Server,
    /// A bug or an environment problem in the app itself.
    Internal,
}

/// The one error type the web view sees. `message` is plain words (naming Crisp's reason where there is one);
/// `field` is the input field the error belongs to (`key`, `website_id`, `body.content`, ...), when there is one.
///
/// Never holds a key or a website-deletion secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, specta::Type)]
#[error("{message}")]
pub struct AppError {
    /// What went wrong, as a word the UI branches on.
    pub kind: ErrorKind,
    /// What went wrong, in plain words for people.
    pub message: String,
    /// The input field at fault, when the error belongs to one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub field: Option<String>,
}

impl AppError {
    /// An error of `kind` with `message` and no field.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        AppError {
            kind,
            message: message.into(),
            field: None,
        }
    }

    /// An `invalid_input` error at `field`.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::new(ErrorKind::InvalidInput, message).at(field)
    }

    /// An `internal` error.
    pub fn internal(message: impl Into<String>) -> Self {
        AppError::new(ErrorKind::Internal, message)
    }

    /// The same error, attached to the input `field`.
    pub fn at(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Replaces every occurrence of `secret` in the message and field with `<redacted>`.
    pub fn scrub(mut self, secret: &str) -> Self {
        if !secret.is_empty() {
            if self.message.contains(secret) {
                self.message = self.message.replace(secret, "<redacted>");
            }
            if let Some(field) = self.field.as_mut() {
                if field.contains(secret) {
                    *field = field.replace(secret, "<redacted>");
                }
            }
        }
        self
    }
}

/// Crisp's reason words, in plain words.
fn plain_reason(reason: &str) -> Option<&'static str> {
    Some(match reason {
        "invalid_session" => "the identifier and key are unknown or expired",
        "restricted_route_tier" => "this token's tier may not use this operation",
        "not_allowed" => "this token is not allowed to do that (role, scope or plan)",
        "not_found" => "it does not exist",
        "not_subscribed" => "the plugin is not installed on this website",
        "invalid_data" => "Crisp refused the data",
        "quota_limit_exceeded" => "the daily request quota of this token is spent",
        "http_error" => "Crisp answered with an error and no reason",
        _ => return None,
    })
}

/// "plain words (reason)" or just the reason when it has no plain words.
fn describe_reason(reason: &str) -> String {
    match plain_reason(reason) {
        Some(words) => format!("{words} ({reason})"),
        None => reason.to_owned(),
    }
}

impl From<crisp_client::Error> for AppError {
    fn from(error: crisp_client::Error) -> Self {
        use crisp_client::Error as E;
        match error {
            E::Api { status, reason, message } => {
                let detail = message.map(|m| format!(": {m}")).unwrap_or_default();
                let described = describe_reason(&reason);
                match (status, reason.as_str()) {
                    (404, "not_subscribed") => AppError::new(
                        ErrorKind::NotSubscribed,
                        format!("The plugin is not installed on this website ({reason}): install it from the Crisp Marketplace, or use another token."),
                    ),
                    (401, "restricted_route_tier") => AppError::new(
                        ErrorKind::WrongTier,
                        format!("Crisp refused this operation for the token's tier: {described}{detail}."),
                    ),
                    (401, _) => AppError::new(
                        ErrorKind::BadCredentials,
                        format!("Crisp refused the token: {described}{detail}."),
                    ),
                    (403, _) => AppError::new(
                        ErrorKind::BadCredentials,
                        format!("Crisp refused this operation: {described}{detail}."),
                    ),
                    (404, _) => AppError::new(ErrorKind::NotFound, format!("Not found: {described}{detail}.")),
                    (400..=499, _) => AppError::new(
                        ErrorKind::InvalidInput,
                        format!("Crisp refused the request: {described}{detail} (HTTP {status})."),
                    ),
                    _ => AppError::new(
                        ErrorKind::Server,
                        format!("Crisp failed to answer: {described}{detail} (HTTP {status})."),
                    ),
                }
            }
            E::RateLimited { retry_after, .. } => AppError::new(
                ErrorKind::RateLimited,
                match retry_after {
                    Some(wait) => format!("Crisp is rate limiting this token: try again in {} s.", wait.as_secs().max(1)),
                    None => "Crisp is rate limiting this token: try again in a moment.".to_owned(),
                },
            ),
            E::QuotaExceeded { reason, .. } => AppError::new(
                ErrorKind::QuotaExceeded,
                format!("The daily request quota of this token is spent ({reason}); it resets once a day."),
            ),
            E::Transport { message } => {
                AppError::new(ErrorKind::Network, format!("Could not reach Crisp: {message}."))
            }
            E::Timeout { after } => AppError::new(
                ErrorKind::Timeout,
                format!("Crisp did not answer within {} s.", after.as_secs_f32()),
            ),
            E::Decode { path, snippet } => {
                AppError::new(ErrorKind::Server, format!("Crisp answered something unexpected at {path}: {snippet}"))
            }
            E::InvalidInput { field, message } => AppError::invalid(field, message),
            other => AppError::internal(other.to_string()),
        }
    }
}

impl From<tauri::Error> for AppError {
    fn from(error: tauri::Error) -> Self {
        AppError::internal(error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn app_error_serializes_as_kind_message_and_optional_field() {
        let with_field = AppError::invalid("website_id", "must not be empty");
        assert_eq!(
            serde_json::to_value(&with_field).expect("serializable"),
            json!({ "kind": "invalid_input", "message": "must not be empty", "field": "website_id" }),
            "the UI reads exactly kind, message and field"
        );
        let without = AppError::new(ErrorKind::Network, "offline");
        assert_eq!(
            serde_json::to_value(&without).expect("serializable"),
            json!({ "kind": "network", "message": "offline" }),
            "an error without a field leaves the key out rather than sending null"
        );
    }

    #[test]
    fn every_kind_has_its_pinned_snake_case_name() {
        let kinds = [
            (ErrorKind::InvalidInput, "invalid_input"),
            (ErrorKind::BadCredentials, "bad_credentials"),
            (ErrorKind::WrongTier, "wrong_tier"),
            (ErrorKind::NotFound, "not_found"),
            (ErrorKind::NotSubscribed, "not_subscribed"),
            (ErrorKind::RateLimited, "rate_limited"),
            (ErrorKind::QuotaExceeded, "quota_exceeded"),
            (ErrorKind::Network, "network"),
            (ErrorKind::Timeout, "timeout"),
            (ErrorKind::KeychainUnavailable, "keychain_unavailable"),
            (ErrorKind::Server, "server"),
            (ErrorKind::Internal, "internal"),
        ];
        for (kind, name) in kinds {
            assert_eq!(
                serde_json::to_value(kind).expect("serializable"),
                json!(name),
                "the UI branches on {name}"
            );
        }
    }

    #[test]
    fn crisp_reasons_become_the_kinds_screens_act_on() {
        let api = |status: u16, reason: &str| crisp_client::Error::Api {
            status,
            reason: reason.into(),
            message: None,
        };
        let cases = [
            (api(401, "invalid_session"), ErrorKind::BadCredentials),
            (api(401, "restricted_route_tier"), ErrorKind::WrongTier),
            (api(404, "not_subscribed"), ErrorKind::NotSubscribed),
            (api(404, "not_found"), ErrorKind::NotFound),
            (api(400, "invalid_data"), ErrorKind::InvalidInput),
            (api(503, "http_error"), ErrorKind::Server),
            (
                crisp_client::Error::Transport {
                    message: "refused".into(),
                },
                ErrorKind::Network,
            ),
            (
                crisp_client::Error::Timeout {
                    after: std::time::Duration::from_secs(3),
                },
                ErrorKind::Timeout,
            ),
            (
                crisp_client::Error::QuotaExceeded {
                    status: 429,
                    reason: "quota_limit_exceeded".into(),
                },
                ErrorKind::QuotaExceeded,
            ),
            (
                crisp_client::Error::RateLimited {
                    status: 429,
                    retry_after: None,
                },
                ErrorKind::RateLimited,
            ),
        ];
        for (error, kind) in cases {
            let shown = error.to_string();
            assert_eq!(
                AppError::from(error).kind,
                kind,
                "{shown} must map to {kind:?}"
            );
        }
    }

    #[test]
    fn crisp_reason_is_put_in_plain_words_and_still_named() {
        let error = AppError::from(crisp_client::Error::Api {
            status: 401,
            reason: "invalid_session".into(),
            message: None,
        });
        assert!(
            error.message.contains("unknown or expired"),
            "people need plain words: {}",
            error.message
        );
        assert!(
            error.message.contains("invalid_session"),
            "support needs Crisp's word too: {}",
            error.message
        );
    }

    #[test]
    fn client_input_errors_keep_their_field() {
        let error = AppError::from(crisp_client::Error::invalid(
            "body.content",
            "must not be empty",
        ));
        assert_eq!(
            error.field.as_deref(),
            Some("body.content"),
            "forms show the error at the field"
        );
        assert_eq!(
            error.kind,
            ErrorKind::InvalidInput,
            "a refused input is invalid_input"
        );
    }

    #[test]
    fn scrub_removes_a_secret_from_message_and_field() {
        let error = AppError::invalid("verify.hunter2", "hunter2 is wrong").scrub("hunter2");
        assert!(
            !error.message.contains("hunter2")
                && !error.field.as_deref().unwrap_or("").contains("hunter2")
        );
    }
}

//! The client's one error type.

use std::time::Duration;

/// `Result` with the client's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why an operation failed. Never contains the API key.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Crisp answered with an error status; `reason` is Crisp's word (`invalid_data`, `not_found`,
    /// `restricted_route_tier`, ...) or `http_error` when the answer had none.
    #[error("Crisp refused the request: {reason} (HTTP {status}){}", message.as_deref().map(|m| format!(": {m}")).unwrap_or_default())]
    Api {
        /// The HTTP status.
        status: u16,
        /// Crisp's `reason`.
        reason: String,
        /// Crisp's `data.message`, when it gave one.
        message: Option<String>,
    },
    /// Crisp's short-term rate limiter answered 420 or 429 and the retries ran out.
    #[error("Crisp is rate limiting this token (HTTP {status})")]
    RateLimited {
        /// 420 or 429.
        status: u16,
        /// How long Crisp asked to wait, when it said.
        retry_after: Option<Duration>,
    },
    /// The token's daily request quota is spent; final until Crisp's daily reset.
    #[error("the daily request quota of this token is spent ({reason}, HTTP {status})")]
    QuotaExceeded {
        /// The HTTP status (429).
        status: u16,
        /// Crisp's reason (`quota_limit_exceeded`).
        reason: String,
    },
    /// The request did not reach Crisp or the connection dropped.
    #[error("could not reach Crisp: {message}")]
    Transport {
        /// What went wrong, without the URL.
        message: String,
    },
    /// Crisp did not answer in time.
    #[error("Crisp did not answer within {} ms", after.as_millis())]
    Timeout {
        /// The configured timeout.
        after: Duration,
    },
    /// The answer did not have the expected shape.
    #[error("unexpected answer from Crisp at {path}: {snippet}")]
    Decode {
        /// The JSON path that failed (`data[3].fingerprint`), or `.` for the whole body.
        path: String,
        /// What failed and a short excerpt of the answer.
        snippet: String,
    },
    /// The request was refused before anything was sent.
    #[error("invalid input at {field}: {message}")]
    InvalidInput {
        /// The input field (`session_id`, `body.content`, `path`).
        field: String,
        /// What is wrong with it.
        message: String,
    },
}

impl Error {
    /// An [`Error::InvalidInput`] at `field`.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The HTTP status Crisp answered with, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. }
            | Error::RateLimited { status, .. }
            | Error::QuotaExceeded { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Crisp's reason word, when there was one.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Error::Api { reason, .. } | Error::QuotaExceeded { reason, .. } => Some(reason),
            _ => None,
        }
    }

    /// Replaces every occurrence of `secret` in the error's text with `<redacted>` (an answer may echo it).
    pub(crate) fn scrub(self, secret: &str) -> Self {
        if secret.is_empty() {
            return self;
        }
        let clean = |text: String| {
            if text.contains(secret) {
                text.replace(secret, "<redacted>")
            } else {
                text
            }
        };
        match self {
            Error::Api {
                status,
                reason,
                message,
            } => Error::Api {
                status,
                reason: clean(reason),
                message: message.map(clean),
            },
            Error::QuotaExceeded { status, reason } => Error::QuotaExceeded {
                status,
                reason: clean(reason),
            },
            Error::Transport { message } => Error::Transport {
                message: clean(message),
            },
            Error::Decode { path, snippet } => Error::Decode {
                path: clean(path),
                snippet: clean(snippet),
            },
            Error::InvalidInput { field, message } => Error::InvalidInput {
                field: clean(field),
                message: clean(message),
            },
            other => other,
        }
    }
}

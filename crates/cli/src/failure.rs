//! Why a command failed, how it is printed, and its exit code: 1 for the API or the network, 2 for bad input.

use std::fmt;

use crisp_client::Error as ClientError;

/// A failed command.
#[derive(Debug)]
pub enum Failure {
    /// The input (or a flag) is wrong before anything is sent; `field` names it.
    Input {
        /// The field, flag or path that is wrong (`session_id`, `body.content`, `--json`).
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// The client or Crisp refused the call.
    Client(ClientError),
    /// Something local failed (writing the output, starting the sandbox).
    Local(String),
}

impl Failure {
    /// Bad input at `field`.
    pub fn input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Failure::Input {
            field: field.into(),
            message: message.into(),
        }
    }

    /// 2 for bad input (ours or the client's validation), 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Input { .. } | Failure::Client(ClientError::InvalidInput { .. }) => 2,
            Failure::Client(_) | Failure::Local(_) => 1,
        }
    }

    /// A plain-words suggestion of what to do next, when there is one.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            Failure::Input { .. } | Failure::Local(_) => None,
            Failure::Client(error) => client_hint(error),
        }
    }

    /// The full text for stderr: the error line, Crisp's message if any, and the hint.
    pub fn report(&self) -> String {
        let mut text = format!("error: {self}\n");
        if let Failure::Client(ClientError::Api {
            message: Some(message),
            ..
        }) = self
        {
            text.push_str(&format!("  {message}\n"));
        }
        if let Some(hint) = self.hint() {
            text.push_str(&format!("hint: {hint}\n"));
        }
        text
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Input { field, message } => write!(f, "invalid input: {field}: {message}"),
            Failure::Client(ClientError::Api { status, reason, .. }) => {
                write!(f, "{reason} (HTTP {status})")
            }
            Failure::Client(ClientError::RateLimited { status, .. }) => {
                write!(f, "rate_limited (HTTP {status})")
            }
            Failure::Client(ClientError::QuotaExceeded { status, reason }) => {
                write!(f, "{reason} (HTTP {status})")
            }
            Failure::Client(ClientError::InvalidInput { field, message }) => {
                write!(f, "invalid input: {field}: {message}")
            }
            Failure::Client(other) => write!(f, "{other}"),
            Failure::Local(message) => f.write_str(message),
        }
    }
}

impl From<ClientError> for Failure {
    fn from(error: ClientError) -> Self {
        Failure::Client(error)
    }
}

fn client_hint(error: &ClientError) -> Option<&'static str> {
    Some(match error {
        ClientError::Api { status, reason, .. } => api_hint(*status, reason)?,
        ClientError::RateLimited { .. } => {
            "Crisp is rate limiting this token: wait a little, then try again."
        }
        ClientError::QuotaExceeded { .. } => {
            "The daily request quota of this token is spent; it comes back at Crisp's daily reset."
        }
        ClientError::Transport { .. } => {
            "Crisp could not be reached: check CRISP_API_BASE (or --api-base) and the network."
        }
        ClientError::Timeout { .. } => "Crisp did not answer in time: try again in a moment.",
        ClientError::Decode { .. } => {
            "Crisp answered in an unexpected shape: `crispdesk raw` shows the answer as sent."
        }
        ClientError::InvalidInput { .. } => return None,
        _ => return None,
    })
}

fn api_hint(status: u16, reason: &str) -> Option<&'static str> {
    Some(match (status, reason) {
        (_, "restricted_route_tier") => {
            "This route is not open to the token's tier: check CRISP_TIER; creating and deleting websites needs a \
             user-tier token."
        }
        (_, "not_subscribed") => {
            "The plugin behind this token is not installed on that website: install it, or check CRISP_WEBSITE_ID."
        }
        (401, _) => {
            "Crisp did not accept the token: check CRISP_IDENTIFIER and CRISP_KEY, and that CRISP_TIER matches \
             where the token comes from (user: token generator, plugin: Marketplace, website: workspace API token)."
        }
        (402, _) => "This needs a higher Crisp plan for the workspace.",
        (403, _) => "The token is valid but not allowed to do this (operator role, plugin scopes or plan).",
        (404, _) => {
            "Nothing found there: check the IDs in the input (website_id, session_id, people_id, fingerprint)."
        }
        (400, _) => {
            "Crisp refused the input: the message above names the property. Query parameters are top-level input \
             fields; the request body goes under \"body\" exactly as Crisp takes it."
        }
        (420 | 429, _) => "Crisp is rate limiting this token: wait a little, then try again.",
        (500..=599, _) => "Crisp had a server problem: try again later.",
        _ => return None,
    })
}

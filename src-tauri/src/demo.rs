//! The Demo connection: a Crisp sandbox running inside the app on 127.0.0.1, with a random port and token, in live
//! mode (visitor messages keep arriving). It never touches the keychain and is always marked as demo data.

use crisp_client::{Client, Tier};
use crisp_sandbox::{Sandbox, SandboxConfig};
use secrecy::SecretString;

use crate::connections::{self, ConnectionId, ConnectionSummary};
use crate::error::{AppError, Result};

/// The Demo connection's name wherever it shows.
pub const DEMO_NAME: &str = "Demo (local sandbox)";

/// How many conversations the Demo seeds instead of the sandbox's default (the long-list bench asks for 10,000).
pub const DEMO_CONVERSATIONS_ENV: &str = "CRISP_DESK_DEMO_CONVERSATIONS";

/// How many people profiles the Demo seeds instead of the sandbox's default.
pub const DEMO_PEOPLE_ENV: &str = "CRISP_DESK_DEMO_PEOPLE";

/// The running Demo sandbox and a client for it.
#[derive(Debug)]
pub struct Demo {
    sandbox: Sandbox,
    client: Client,
    tier: Tier,
}

impl Demo {
    /// Starts the sandbox in live mode on a free loopback port, seeded with the sizes the environment asks for
    /// (`CRISP_DESK_DEMO_CONVERSATIONS`, `CRISP_DESK_DEMO_PEOPLE`). Needs a Tokio runtime.
    pub async fn start() -> Result<Demo> {
        let size = |name: &str| std::env::var(name).ok();
        Demo::start_with(demo_config(
            size(DEMO_CONVERSATIONS_ENV).as_deref(),
            size(DEMO_PEOPLE_ENV).as_deref(),
        ))
        .await
    }

    /// Starts a sandbox with `config` (tests turn live mode off so data stays still).
    pub async fn start_with(config: SandboxConfig) -> Result<Demo> {
        let sandbox = crisp_sandbox::spawn(config)
            .await
            .map_err(|e| AppError::internal(format!("the Demo sandbox did not start: {e}")))?;
        let info = sandbox.info();
        let tier = match info.tier {
            crisp_sandbox::Tier::User => Tier::User,
            crisp_sandbox::Tier::Plugin => Tier::Plugin,
            crisp_sandbox::Tier::Website => Tier::Website,
        };
        let key = SecretString::from(info.key.clone());
        let client = connections::client(
            &info.base_url,
            &info.identifier,
            &key,
            tier,
            crisp_client::DEFAULT_TIMEOUT,
        )?;
        tracing::info!(base_url = %info.base_url, "Demo sandbox started");
        Ok(Demo {
            sandbox,
            client,
            tier,
        })
    }

    /// A client for the Demo's token.
    pub fn client(&self) -> Client {
        self.client.clone()
    }

    /// The Demo sandbox itself (tests stage faults through its control API).
    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }

    /// How the Demo connection shows in the connection list.
    pub fn summary(&self, selected: bool) -> ConnectionSummary {
        ConnectionSummary {
            id: ConnectionId::demo(),
            name: DEMO_NAME.to_owned(),
            identifier: self.sandbox.identifier().to_owned(),
            website_id: self.sandbox.website_id().to_owned(),
            tier: self.tier,
            api_base: self.sandbox.base_url().to_owned(),
            has_key: true,
            demo: true,
            selected,
        }
    }
}

/// The Demo's sandbox: live, with the default sizes unless `conversations` or `people` is a whole number (anything
/// else is logged and ignored, so a typo never costs the Demo).
fn demo_config(conversations: Option<&str>, people: Option<&str>) -> SandboxConfig {
    let defaults = SandboxConfig::default();
    let size = |value: Option<&str>, name: &str, default: usize| {
        match value.map(str::trim) {
        None | Some("") => default,
        Some(value) => value.parse().unwrap_or_else(|_| {
            tracing::warn!(%value, variable = name, "not a number of records; the Demo keeps its default");
            default
        }),
    }
    };
    SandboxConfig {
        live: true,
        conversations: size(
            conversations,
            DEMO_CONVERSATIONS_ENV,
            defaults.conversations,
        ),
        people: size(people, DEMO_PEOPLE_ENV, defaults.people),
        ..defaults
    }
}

#[cfg(test)]
mod tests {
    use super::demo_config;
    use crisp_sandbox::SandboxConfig;

    #[test]
    fn the_demo_seeds_the_sizes_the_environment_asks_for_and_keeps_the_defaults_otherwise() {
        let defaults = SandboxConfig::default();
        let asked = demo_config(Some("10000"), Some(" 10000 "));
        assert_eq!(
            (asked.conversations, asked.people, asked.live),
            (10_000, 10_000, true),
            "both sizes are taken, the Demo stays live"
        );
        let unset = demo_config(None, Some(""));
        assert_eq!(
            (unset.conversations, unset.people),
            (defaults.conversations, defaults.people),
            "unset or empty keeps the sandbox's defaults"
        );
        let typo = demo_config(Some("lots"), Some("-3"));
        assert_eq!(
            (typo.conversations, typo.people),
            (defaults.conversations, defaults.people),
            "a value that is not a count is ignored"
        );
    }
}

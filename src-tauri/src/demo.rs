//! The Demo connection: a Crisp sandbox running inside the app on 127.0.0.1, with a random port and token, in live
//! mode (visitor messages keep arriving). It never touches the keychain and is always marked as demo data.

use crisp_client::{Client, Tier};
use crisp_sandbox::{Sandbox, SandboxConfig};
use secrecy::SecretString;

use crate::connections::{self, ConnectionId, ConnectionSummary};
use crate::error::{AppError, Result};

/// The Demo connection's name wherever it shows.
pub const DEMO_NAME: &str = "Demo (local sandbox)";

/// The running Demo sandbox and a client for it.
#[derive(Debug)]
pub struct Demo {
    sandbox: Sandbox,
    client: Client,
    tier: Tier,
}

impl Demo {
    /// Starts the sandbox in live mode on a free loopback port. Needs a Tokio runtime.
    pub async fn start() -> Result<Demo> {
        Demo::start_with(SandboxConfig {
            live: true,
            ..SandboxConfig::default()
        })
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

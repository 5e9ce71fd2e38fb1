//! A local Crisp REST API v1, written from the project's API contract alone (kept in the repository under
//! `docs/crisp-api.md`).
//!
//! It serves every route the Crisp Desk client uses, with Crisp's envelope, status codes and reasons, over
//! deterministic seeded data, plus a control API under `/_sandbox/` for injecting traffic and faults (see
//! the crate's README; with the feature `client`, the [`Sandbox`] handle calls it). Start one in-process with
//! [`spawn`]:
//!
//! ```no_run
//! # async fn demo() -> crisp_sandbox::Result<()> {
//! let sandbox = crisp_sandbox::spawn(crisp_sandbox::SandboxConfig::default()).await?;
//! let info = sandbox.info();
//! assert!(info.base_url.starts_with("http://127.0.0.1:"));
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```

mod app;
mod auth;
#[cfg(feature = "client")]
mod client;
mod control;
pub mod conventions;
mod envelope;
mod error;
mod params;
mod plan;
mod records;
mod routes;
mod rtm;
mod search;
mod seed;
mod state;
mod store;

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

#[cfg(feature = "client")]
pub use client::{Injected, VisitorMessage};
pub use error::{Error, Result};

/// The kind of Crisp token the sandbox accepts (`X-Crisp-Tier`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// An operator's own keypair.
    #[default]
    User,
    /// A Marketplace plugin token.
    Plugin,
    /// A workspace API token.
    Website,
}

impl Tier {
    /// The tier's wire name, as sent in `X-Crisp-Tier`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::User => "user",
            Tier::Plugin => "plugin",
            Tier::Website => "website",
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Tier {
    type Err = Error;

    fn from_str(value: &str) -> Result<Self> {
        match value {
            "user" => Ok(Tier::User),
            "plugin" => Ok(Tier::Plugin),
            "website" => Ok(Tier::Website),
            other => Err(Error::Config(format!(
                "tier must be user, plugin or website, not {other:?}"
            ))),
        }
    }
}

/// How to start a sandbox; `Default` gives a user-tier sandbox on a free loopback port with random credentials.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Address to listen on; port 0 picks a free port.
    pub listen: SocketAddr,
    /// Token identifier the sandbox accepts (a random UUID when `None`).
    pub identifier: Option<String>,
    /// Token key the sandbox accepts (random 64-char hex when `None`).
    pub key: Option<String>,
    /// Workspace ID of the seeded website (a random UUID when `None`).
    pub website_id: Option<String>,
    /// Tier of the accepted token.
    pub tier: Tier,
    /// Inject visitor messages and new conversations every few seconds.
    pub live: bool,
    /// Seeded conversations.
    pub conversations: usize,
    /// Seeded people profiles.
    pub people: usize,
    /// Seed of the generated data: the same seed gives the same conversations, people and threads.
    pub seed: u64,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            identifier: None,
            key: None,
            website_id: None,
            tier: Tier::User,
            live: false,
            conversations: conventions::DEFAULT_CONVERSATIONS,
            people: conventions::DEFAULT_PEOPLE,
            seed: conventions::DEFAULT_SEED,
        }
    }
}

/// How to reach a running sandbox; printed by `crispdesk sandbox` as one JSON line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SandboxInfo {
    /// `http://127.0.0.1:PORT`, without `/v1`.
    pub base_url: String,
    /// The accepted token identifier.
    pub identifier: String,
    /// The accepted token key.
    pub key: String,
    /// The seeded website's ID.
    pub website_id: String,
    /// The accepted token's tier.
    pub tier: Tier,
}

/// A running sandbox; dropping it stops the server.
#[derive(Debug)]
pub struct Sandbox {
    info: SandboxInfo,
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
    live: Option<JoinHandle<()>>,
    /// The control API client, made on first use (feature `client`).
    #[cfg(feature = "client")]
    control: std::sync::OnceLock<reqwest::Client>,
}

impl Sandbox {
    /// Credentials, base URL, website and tier of this sandbox.
    pub fn info(&self) -> SandboxInfo {
        self.info.clone()
    }

    /// `http://127.0.0.1:PORT`, without `/v1`.
    pub fn base_url(&self) -> &str {
        &self.info.base_url
    }

    /// The socket address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The accepted token identifier.
    pub fn identifier(&self) -> &str {
        &self.info.identifier
    }

    /// The accepted token key.
    pub fn key(&self) -> &str {
        &self.info.key
    }

    /// The seeded website's ID.
    pub fn website_id(&self) -> &str {
        &self.info.website_id
    }

    /// The accepted token's tier.
    pub fn tier(&self) -> Tier {
        self.info.tier
    }

    /// Stops accepting requests and waits (a few seconds at most) for requests in flight to finish.
    pub async fn shutdown(mut self) {
        if let Some(live) = self.live.take() {
            live.abort();
        }
        if let Some(stop) = self.stop.take() {
            // The server may already be gone; nothing is left to stop then.
            let _ = stop.send(());
        }
        if let Some(mut server) = self.server.take() {
            if tokio::time::timeout(conventions::SHUTDOWN_GRACE, &mut server)
                .await
                .is_err()
            {
                server.abort();
            }
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(live) = self.live.take() {
            live.abort();
        }
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}

/// Seeds the data, binds `config.listen` and serves the Crisp API and the control API until the handle is
/// shut down or dropped. Needs a Tokio runtime.
pub async fn spawn(config: SandboxConfig) -> Result<Sandbox> {
    if config.conversations > conventions::MAX_SEEDED || config.people > conventions::MAX_SEEDED {
        return Err(Error::Config(format!(
            "at most {} conversations and {} people can be seeded",
            conventions::MAX_SEEDED,
            conventions::MAX_SEEDED
        )));
    }
    let credentials = state::Credentials {
        identifier: config
            .identifier
            .clone()
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
        key: config.key.clone().unwrap_or_else(random_key),
        tier: config.tier,
    };
    let website_id = config
        .website_id
        .clone()
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let plan = plan::Plan {
        website_id: website_id.clone(),
        conversations: config.conversations,
        people: config.people,
        seed: config.seed,
        now: store::now_ms(),
    };
    let store = tokio::task::spawn_blocking(move || plan::seed(&plan))
        .await
        .map_err(|error| Error::Seed(error.to_string()))?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|source| Error::Bind {
            addr: config.listen,
            source,
        })?;
    let addr = listener.local_addr().map_err(Error::LocalAddr)?;
    let shared = Arc::new(state::Shared::new(credentials.clone(), store));
    let router = app::router(shared.clone());
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        let service = router.into_make_service_with_connect_info::<SocketAddr>();
        let served = axum::serve(listener, service)
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .await;
        if let Err(error) = served {
            tracing::error!(%error, "the sandbox server stopped");
        }
    });
    let live = config
        .live
        .then(|| tokio::spawn(control::live::run(shared, conventions::LIVE_INTERVAL)));
    let host = if addr.ip().is_unspecified() {
        Ipv4Addr::LOCALHOST.to_string()
    } else {
        addr.ip().to_string()
    };
    let base_url = if addr.is_ipv6() && !addr.ip().is_unspecified() {
        format!("http://[{host}]:{}", addr.port())
    } else {
        format!("http://{host}:{}", addr.port())
    };
    tracing::info!(%base_url, tier = %credentials.tier, "sandbox listening");
    Ok(Sandbox {
        info: SandboxInfo {
            base_url,
            identifier: credentials.identifier,
            key: credentials.key,
            website_id,
            tier: credentials.tier,
        },
        addr,
        stop: Some(stop),
        server: Some(server),
        live,
        #[cfg(feature = "client")]
        control: std::sync::OnceLock::new(),
    })
}

/// A 64-character lowercase hex key, like Crisp's.
fn random_key() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

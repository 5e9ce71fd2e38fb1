//! An in-process sandbox (its control API is on the handle: `world.sandbox.fault(...)`) and a client for its token.

use std::sync::Arc;
use std::time::Duration;

use crisp_client::{ApiKey, Client, ClientConfig, Credentials, RetryPolicy, Tier};
use crisp_monitor::{ConnectionMonitor, MonitorSettings, RecordingNotifier};
use crisp_sandbox::{Sandbox, SandboxConfig, VisitorMessage};

/// Retries quick enough for tests, with the same rules as the default policy.
pub fn quick() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(200),
    }
}

/// A running sandbox and a client holding its token.
pub struct World {
    /// The sandbox; dropping it stops the server.
    pub sandbox: Sandbox,
    /// A client for the sandbox's token with [`quick`] retries.
    pub client: Client,
}

impl World {
    /// A small sandbox of the given tier.
    pub async fn start(tier: crisp_sandbox::Tier) -> Self {
        Self::start_with(SandboxConfig {
            tier,
            conversations: 60,
            people: 60,
            ..SandboxConfig::default()
        })
        .await
    }

    /// A sandbox seeded as `config` says.
    pub async fn start_with(config: SandboxConfig) -> Self {
        let sandbox = crisp_sandbox::spawn(config)
            .await
            .expect("the sandbox starts");
        let info = sandbox.info();
        let tier = match info.tier {
            crisp_sandbox::Tier::User => Tier::User,
            crisp_sandbox::Tier::Plugin => Tier::Plugin,
            crisp_sandbox::Tier::Website => Tier::Website,
        };
        let config = ClientConfig {
            base_url: info.base_url,
            credentials: Credentials {
                identifier: info.identifier,
                key: ApiKey::from(info.key),
                tier,
            },
            timeout: Duration::from_secs(10),
            user_agent: "crisp-desk/monitor-it".to_owned(),
        };
        let client = Client::with_policy(config, quick()).expect("a valid client configuration");
        World { sandbox, client }
    }

    /// The seeded website.
    pub fn website_id(&self) -> String {
        self.sandbox.website_id().to_owned()
    }

    /// A monitor of the seeded website with a recording notifier.
    pub fn monitor(
        &self,
        settings: MonitorSettings,
    ) -> (ConnectionMonitor, Arc<RecordingNotifier>) {
        let notifier = Arc::new(RecordingNotifier::new());
        let monitor = ConnectionMonitor::new(self.client.clone(), self.website_id(), settings)
            .with_notifier(notifier.clone());
        (monitor, notifier)
    }

    /// Dana Visitor starts a new conversation with `content`; gives its session.
    pub async fn new_conversation(&self, content: &str) -> String {
        self.sandbox
            .inject(&VisitorMessage {
                content: Some(content.to_owned()),
                nickname: Some("Dana Visitor".to_owned()),
                ..VisitorMessage::default()
            })
            .await
            .session_id
    }
}

//! An in-process sandbox, a client for its token, and its `/_sandbox/` control API.

use std::sync::Arc;
use std::time::Duration;

use crisp_client::{ApiKey, Client, ClientConfig, Credentials, RetryPolicy, Tier};
use crisp_monitor::{ConnectionMonitor, MonitorSettings, RecordingNotifier};
use crisp_sandbox::{Sandbox, SandboxConfig};
use serde_json::{json, Value};

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
    control: reqwest::Client,
}

impl World {
    /// A small sandbox of the given tier.
    pub async fn start(tier: crisp_sandbox::Tier) -> Self {
        let config = SandboxConfig {
            tier,
            conversations: 60,
            people: 60,
            ..SandboxConfig::default()
        };
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
        World {
            sandbox,
            client,
            control: reqwest::Client::new(),
        }
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

    /// Stages a fault: `route` as `METHOD /path` with `{name}` placeholders, `fault` as the control API takes it.
    pub async fn fault(&self, route: &str, fault: Value) {
        let answer = self
            .control(
                reqwest::Method::POST,
                "faults",
                Some(json!({ "route": route, "fault": fault })),
            )
            .await;
        assert!(
            answer.get("error").is_none(),
            "the sandbox accepts the fault: {answer}"
        );
    }

    /// Clears every staged fault.
    pub async fn clear_faults(&self) {
        self.control(reqwest::Method::DELETE, "faults", None).await;
    }

    /// The `/v1` requests the sandbox received, oldest first.
    pub async fn requests(&self) -> Vec<Value> {
        let log = self.control(reqwest::Method::GET, "requests", None).await;
        log.as_array()
            .cloned()
            .expect("the request log is an array")
    }

    /// Empties the request log.
    pub async fn clear_requests(&self) {
        self.control(reqwest::Method::DELETE, "requests", None)
            .await;
    }

    /// Adds a visitor message to `session_id` (or a new conversation when `None`); gives the session.
    pub async fn inject_message(&self, session_id: Option<&str>, content: &str) -> String {
        let mut body = json!({ "content": content, "nickname": "Dana Visitor" });
        let route = match session_id {
            Some(session_id) => {
                body = json!({ "content": content, "session_id": session_id });
                "inject/message"
            }
            None => "inject/conversation",
        };
        let answer = self.control(reqwest::Method::POST, route, Some(body)).await;
        answer["session_id"]
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("injected: {answer}"))
    }

    async fn control(&self, method: reqwest::Method, route: &str, body: Option<Value>) -> Value {
        let url = format!("{}/_sandbox/{route}", self.sandbox.base_url());
        let mut request = self.control.request(method, url);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the control API answers");
        response.json().await.expect("the control API answers JSON")
    }
}

//! An in-process sandbox, a client for its token, and its `/_sandbox/` control API.

use std::time::Duration;

use crisp_client::{ApiKey, Client, ClientConfig, Credentials, RetryPolicy, Tier};
use crisp_sandbox::{Sandbox, SandboxConfig};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// Retries quick enough for tests, with the same rules as the default policy.
pub fn quick() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_secs(2),
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
    /// A default sandbox (200 conversations, 500 people, user tier).
    pub async fn start() -> Self {
        Self::start_with(SandboxConfig::default()).await
    }

    /// A sandbox from `config`.
    pub async fn start_with(config: SandboxConfig) -> Self {
        let sandbox = crisp_sandbox::spawn(config)
            .await
            .expect("the sandbox starts");
        let client = client_for(&sandbox, quick(), Duration::from_secs(10));
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

    /// A request of type `R` from its input object, with the seeded `website_id` added unless given.
    pub fn request<R: DeserializeOwned>(&self, mut input: Value) -> R {
        if let Some(object) = input.as_object_mut() {
            object
                .entry("website_id")
                .or_insert_with(|| json!(self.website_id()));
        }
        serde_json::from_value(input.clone())
            .unwrap_or_else(|error| panic!("{input} is a valid request: {error}"))
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

    /// The faults still staged (a fault with a count leaves once used up).
    pub async fn faults(&self) -> Vec<Value> {
        let faults = self.control(reqwest::Method::GET, "faults", None).await;
        faults
            .as_array()
            .cloned()
            .unwrap_or_else(|| panic!("the staged faults are an array: {faults}"))
    }

    /// The `/v1` requests the sandbox received, oldest first (`method`, `path`, `query`, `body`, `status`, ...).
    pub async fn requests(&self) -> Vec<Value> {
        let log = self.control(reqwest::Method::GET, "requests", None).await;
        log.as_array()
            .cloned()
            .expect("the request log is an array")
    }

    /// The logged requests with this method whose path ends with `suffix`.
    pub async fn requests_to(&self, method: &str, suffix: &str) -> Vec<Value> {
        self.requests()
            .await
            .into_iter()
            .filter(|entry| entry["method"] == json!(method))
            .filter(|entry| {
                entry["path"]
                    .as_str()
                    .is_some_and(|path| path.ends_with(suffix))
            })
            .collect()
    }

    /// Empties the request log.
    pub async fn clear_requests(&self) {
        self.control(reqwest::Method::DELETE, "requests", None)
            .await;
    }

    /// Adds a visitor message to `session_id` (or a new conversation when `None`); gives the session.
    pub async fn inject_message(&self, session_id: Option<&str>, content: &str) -> String {
        let mut body = json!({ "content": content });
        let route = match session_id {
            Some(session_id) => {
                body["session_id"] = json!(session_id);
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

/// A client for `sandbox`'s token.
pub fn client_for(sandbox: &Sandbox, policy: RetryPolicy, timeout: Duration) -> Client {
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
        timeout,
        user_agent: "crisp-desk/it".to_owned(),
    };
    Client::with_policy(config, policy).expect("a valid client configuration")
}

/// Any serializable output as JSON, to read fields the way Crisp names them.
pub fn as_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("outputs serialize")
}

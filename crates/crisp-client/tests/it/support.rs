//! An in-process sandbox (its control API is on the handle: `world.sandbox.fault(...)`) and a client for its token.

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
        World { sandbox, client }
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

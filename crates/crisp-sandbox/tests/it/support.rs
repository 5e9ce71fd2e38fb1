//! A sandbox per test and a tiny raw HTTP helper around it.

use crisp_sandbox::{Sandbox, SandboxConfig, Tier, VisitorMessage};
use reqwest::{Method, StatusCode};
use serde_json::Value;

/// A running sandbox and a client carrying its token.
pub struct Api {
    pub sandbox: Sandbox,
    pub http: reqwest::Client,
    pub tier: String,
}

/// One answer: status, headers and the body (JSON when it parses, else `Value::Null` with `text` set).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
    pub json: Value,
}

impl Reply {
    pub fn reason(&self) -> &str {
        self.json["reason"].as_str().unwrap_or("<no reason>")
    }

    pub fn data(&self) -> &Value {
        &self.json["data"]
    }

    pub fn message(&self) -> &str {
        self.json["data"]["message"]
            .as_str()
            .unwrap_or("<no message>")
    }

    /// Asserts a Crisp error envelope with this status and reason.
    pub fn assert_error(&self, status: u16, reason: &str) {
        assert_eq!(self.status.as_u16(), status, "status of {self:?}");
        assert_eq!(
            self.json["error"],
            Value::Bool(true),
            "errors carry error: true: {self:?}"
        );
        assert_eq!(self.reason(), reason, "reason of {self:?}");
    }

    /// Asserts a success envelope with this status.
    pub fn assert_ok(&self, status: u16) {
        assert_eq!(self.status.as_u16(), status, "status of {self:?}");
        assert_eq!(
            self.json["error"],
            Value::Bool(false),
            "successes carry error: false: {self:?}"
        );
    }
}

impl Api {
    pub async fn start() -> Self {
        Self::with(SandboxConfig::default()).await
    }

    pub async fn with(config: SandboxConfig) -> Self {
        let tier = config.tier.as_str().to_owned();
        let sandbox = crisp_sandbox::spawn(config)
            .await
            .expect("the sandbox starts");
        Self {
            sandbox,
            http: reqwest::Client::new(),
            tier,
        }
    }

    pub async fn with_tier(tier: Tier) -> Self {
        Self::with(SandboxConfig {
            tier,
            ..SandboxConfig::default()
        })
        .await
    }

    /// `/v1/website/{website_id}` + `rest`.
    pub fn site(&self, rest: &str) -> String {
        format!("/v1/website/{}{rest}", self.sandbox.website_id())
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.base_url())
    }

    /// A request with the sandbox's own token and tier.
    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, self.url(path))
            .basic_auth(self.sandbox.identifier(), Some(self.sandbox.key()))
            .header("X-Crisp-Tier", &self.tier)
    }

    pub async fn send(builder: reqwest::RequestBuilder) -> Reply {
        let response = builder.send().await.expect("the sandbox answers");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("the body is readable");
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            text,
            json,
        }
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut builder = self.request(method, path);
        if let Some(body) = body {
            builder = builder.json(&body);
        }
        Self::send(builder).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None).await
    }

    pub async fn head(&self, path: &str) -> Reply {
        self.call(Method::HEAD, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Reply {
        self.call(Method::PATCH, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Reply {
        self.call(Method::PUT, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.call(Method::DELETE, path, None).await
    }

    /// A control API call (no token).
    pub async fn control(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut builder = self
            .http
            .request(method, self.url(&format!("/_sandbox{path}")));
        if let Some(body) = body {
            builder = builder.json(&body);
        }
        Self::send(builder).await
    }

    /// Every conversation the list shows with `query`, walking pages of 50 to the end.
    pub async fn all_conversations(&self, query: &str) -> Vec<Value> {
        let mut all = Vec::new();
        for page in 1.. {
            let reply = self
                .get(&self.site(&format!("/conversations/{page}?per_page=50{query}")))
                .await;
            reply.assert_ok(200);
            let items = reply.data().as_array().expect("a list").clone();
            let last = items.len() < 50;
            all.extend(items);
            if last {
                break;
            }
        }
        all
    }

    /// A new conversation with one message from "Test Visitor" <test.visitor@example.com>.
    pub async fn injected_conversation(&self, content: &str) -> String {
        self.sandbox
            .inject(&VisitorMessage {
                content: Some(content.to_owned()),
                nickname: Some("Test Visitor".to_owned()),
                email: Some("test.visitor@example.com".to_owned()),
                ..VisitorMessage::default()
            })
            .await
            .session_id
    }
}

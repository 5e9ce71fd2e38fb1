//! The control API client on [`Sandbox`] (feature `client`): stage faults, read the request log, inject visitor
//! traffic, change settings and fault the real-time socket, for tests and benchmarks that run a sandbox.
//!
//! These are test helpers: a control call that gets no answer, or an answer other than 2xx, panics with what
//! the sandbox said, so the calling test fails there.

use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::Sandbox;

/// A visitor message to inject through `/_sandbox/inject/*`; fields left `None` are made up by the sandbox.
#[derive(Debug, Clone, Default, Serialize)]
pub struct VisitorMessage {
    /// Into this conversation; `None` starts a new conversation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// The message text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// The new conversation's visitor name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    /// The new conversation's visitor email (linked to the profile with that email, if any).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// Where an injected visitor message landed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Injected {
    /// The conversation.
    pub session_id: String,
    /// The message's fingerprint.
    pub fingerprint: i64,
}

impl Sandbox {
    /// Stages a fault: `route` is `*` or `METHOD /path` (`{name}` and `*` segments match any one segment, a
    /// trailing `*` the rest), `fault` is the control API's fault object, e.g. `{"status": {"code": 503}}`.
    /// Gives the fault's id.
    pub async fn fault(&self, route: &str, fault: Value) -> u64 {
        let answer = self
            .control(
                Method::POST,
                "faults",
                Some(json!({ "route": route, "fault": fault })),
            )
            .await;
        answer["id"]
            .as_u64()
            .unwrap_or_else(|| panic!("a staged fault has an id: {answer}"))
    }

    /// The faults still staged, oldest first (a fault with a count leaves once used up).
    pub async fn faults(&self) -> Vec<Value> {
        array(self.control(Method::GET, "faults", None).await)
    }

    /// Clears every staged fault; gives how many there were.
    pub async fn clear_faults(&self) -> u64 {
        cleared(self.control(Method::DELETE, "faults", None).await)
    }

    /// The `/v1` requests the sandbox received, oldest first (`method`, `path`, `query`, `tier`, `body`,
    /// `status`, and `fault` when one answered).
    pub async fn requests(&self) -> Vec<Value> {
        array(self.control(Method::GET, "requests", None).await)
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

    /// Empties the request log; gives how many entries it held.
    pub async fn clear_requests(&self) -> u64 {
        cleared(self.control(Method::DELETE, "requests", None).await)
    }

    /// A visitor writes `content` into the conversation `session_id`.
    pub async fn inject_message(&self, session_id: &str, content: &str) -> Injected {
        self.inject(&VisitorMessage {
            session_id: Some(session_id.to_owned()),
            content: Some(content.to_owned()),
            ..VisitorMessage::default()
        })
        .await
    }

    /// A made-up visitor starts a new conversation with `content`.
    pub async fn inject_conversation(&self, content: &str) -> Injected {
        self.inject(&VisitorMessage {
            content: Some(content.to_owned()),
            ..VisitorMessage::default()
        })
        .await
    }

    /// Injects `message`: into its conversation, or as a new conversation when it names none.
    pub async fn inject(&self, message: &VisitorMessage) -> Injected {
        let route = if message.session_id.is_some() {
            "inject/message"
        } else {
            "inject/conversation"
        };
        let body = serde_json::to_value(message).unwrap_or_default();
        let answer = self.control(Method::POST, route, Some(body)).await;
        serde_json::from_value(answer.clone())
            .unwrap_or_else(|error| panic!("an injection answers its place: {answer}: {error}"))
    }

    /// Someone types in conversation `session_id`: `from` `user` (the visitor, `message:compose:send`) or
    /// `operator` (`message:compose:receive`), `kind` `start` or `stop`; nothing is stored.
    pub async fn inject_compose(
        &self,
        session_id: &str,
        from: &str,
        kind: &str,
        excerpt: Option<&str>,
    ) {
        let mut body = json!({ "session_id": session_id, "from": from, "type": kind });
        if let Some(excerpt) = excerpt {
            body["excerpt"] = Value::from(excerpt);
        }
        self.control(Method::POST, "inject/compose", Some(body))
            .await;
    }

    /// Made-up visitors arrive (or leave) until `count` browse the site (`website:update_visitors_count`
    /// when the count changes).
    pub async fn set_visitors(&self, count: usize) {
        self.control(
            Method::POST,
            "presence/visitors",
            Some(json!({ "count": count })),
        )
        .await;
    }

    /// Operator `user_id` becomes `online`, `away` or `offline` (`website:update_operators_availability`, and
    /// `website:users:available` when the website's availability changes with it).
    pub async fn set_operator_availability(&self, user_id: &str, availability: &str) {
        self.control(
            Method::POST,
            "presence/operator",
            Some(json!({ "user_id": user_id, "type": availability })),
        )
        .await;
    }

    /// Whether plugin and website tokens are subscribed to the website (else their calls answer 404
    /// `not_subscribed`).
    pub async fn set_subscribed(&self, subscribed: bool) {
        self.control(
            Method::POST,
            "settings",
            Some(json!({ "subscribed": subscribed })),
        )
        .await;
    }

    /// The secret `DELETE /v1/website/{id}` accepts from now on.
    pub async fn set_delete_secret(&self, secret: &str) {
        self.control(
            Method::POST,
            "settings",
            Some(json!({ "delete_secret": secret })),
        )
        .await;
    }

    /// The real-time socket's state: `{ sockets, authenticated, refuse, delay_ms, binds }`.
    pub async fn rtm_status(&self) -> Value {
        self.control(Method::GET, "rtm", None).await
    }

    /// Closes every real-time socket (clients reconnect); gives how many there were.
    pub async fn rtm_drop_sockets(&self) -> u64 {
        let answer = self.control(Method::POST, "rtm/drop", None).await;
        answer["dropped"]
            .as_u64()
            .unwrap_or_else(|| panic!("the control API says how many sockets it dropped: {answer}"))
    }

    /// While `refuse` is set, new real-time sockets are answered 503.
    pub async fn rtm_refuse_sockets(&self, refuse: bool) {
        self.control(
            Method::POST,
            "rtm/faults",
            Some(json!({ "refuse": refuse })),
        )
        .await;
    }

    /// Every real-time event waits `delay` before it is pushed (zero clears the fault).
    pub async fn rtm_delay_events(&self, delay: std::time::Duration) {
        let delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
        self.control(
            Method::POST,
            "rtm/faults",
            Some(json!({ "delay_ms": delay_ms })),
        )
        .await;
    }

    /// Pushes any event (`website_id` is added to its payload when missing) to the sockets listening to it.
    pub async fn rtm_emit(&self, event: &str, data: Value) {
        self.control(
            Method::POST,
            "rtm/emit",
            Some(json!({ "event": event, "data": data })),
        )
        .await;
    }

    /// Waits (up to 10 s, checking every 20 ms) until `count` sockets have authenticated.
    pub async fn rtm_wait_authenticated(&self, count: u64) {
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let status = self.rtm_status().await;
            if status["authenticated"].as_u64().unwrap_or(0) >= count {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{count} sockets authenticate within 10 s: {status}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// One control call; its JSON answer, or a panic naming the call and what the sandbox said.
    async fn control(&self, method: Method, route: &str, body: Option<Value>) -> Value {
        let http = self.control.get_or_init(|| {
            reqwest::Client::builder()
                .no_proxy()
                .build()
                .expect("the control API client builds")
        });
        let url = format!("{}/_sandbox/{route}", self.info.base_url);
        let mut request = http.request(method.clone(), url);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request
            .send()
            .await
            .unwrap_or_else(|error| panic!("the control API answers {method} {route}: {error}"));
        let status = response.status();
        let text = response
            .text()
            .await
            .unwrap_or_else(|error| panic!("the control API's answer to {route} reads: {error}"));
        assert!(
            status.is_success(),
            "the control API accepts {method} {route}: {status} {text}"
        );
        serde_json::from_str(&text).unwrap_or_else(|error| {
            panic!("the control API answers JSON to {route}: {text}: {error}")
        })
    }
}

fn array(answer: Value) -> Vec<Value> {
    match answer {
        Value::Array(items) => items,
        other => panic!("the control API answers a list: {other}"),
    }
}

fn cleared(answer: Value) -> u64 {
    answer["cleared"]
        .as_u64()
        .unwrap_or_else(|| panic!("the control API says how many it cleared: {answer}"))
}

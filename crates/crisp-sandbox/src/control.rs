//! The control API under `/_sandbox/` (loopback only, no auth): inject traffic, stage faults per route, read
//! the request log, change settings. Also the middleware that applies faults and logs every `/v1` request.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{from_fn, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::app::Shared;
use crate::conventions;
use crate::envelope::ApiError;
use crate::seed;
use crate::store::{now_ms, Conversation, ConversationState, Message, Store};

/// Settings changed through `POST /_sandbox/settings`.
#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    /// Whether plugin and website tokens are subscribed to the website (else 404 `not_subscribed`).
    pub subscribed: bool,
    /// The secret `DELETE /v1/website/{id}` accepts in `verify.secret`.
    pub delete_secret: String,
}

/// A staged fault.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum FaultKind {
    /// Wait before answering (every matching call until cleared, unless `count`).
    Latency {
        /// Added delay.
        ms: u64,
        /// Calls affected.
        #[serde(default)]
        count: Option<u32>,
    },
    /// 429 (or `status`, e.g. 420) `rate_limited`, with `Retry-After` when `retry_after_s` is set.
    RateLimit {
        /// Seconds for `Retry-After`.
        #[serde(default)]
        retry_after_s: Option<u64>,
        /// Calls affected (1 when absent).
        #[serde(default)]
        count: Option<u32>,
        /// 429 or 420.
        #[serde(default)]
        status: Option<u16>,
    },
    /// A 5xx answer.
    Status {
        /// 500, 502, 503 or 504.
        code: u16,
        /// Calls affected (1 when absent).
        #[serde(default)]
        count: Option<u32>,
    },
    /// The connection closes without an answer: before the request is processed, or with `after_write` once it
    /// has been processed and stored (the answer is lost, the change is not).
    Drop {
        /// Calls affected (1 when absent).
        #[serde(default)]
        count: Option<u32>,
        /// Process the request first, then drop its answer.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        after_write: bool,
    },
    /// 200 with a truncated JSON body.
    Malformed {
        /// Calls affected (1 when absent).
        #[serde(default)]
        count: Option<u32>,
    },
    /// 429 `quota_limit_exceeded` (every matching call until cleared, unless `count`).
    Quota {
        /// Calls affected.
        #[serde(default)]
        count: Option<u32>,
    },
}

impl FaultKind {
    fn count(&self) -> Option<u32> {
        match self {
            Self::Latency { count, .. } | Self::Quota { count } => *count,
            Self::RateLimit { count, .. }
            | Self::Status { count, .. }
            | Self::Drop { count, .. }
            | Self::Malformed { count } => Some(count.unwrap_or(1)),
        }
    }
}

/// `POST /_sandbox/faults` body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultRequest {
    route: String,
    fault: FaultKind,
}

/// Which requests a fault applies to: `*`, or `METHOD PATH` where METHOD may be `*`, a `{name}` or `*`
/// segment matches any one segment, and a trailing `*` segment matches the rest.
#[derive(Debug, Clone, PartialEq)]
struct RouteSpec {
    method: Option<String>,
    segments: Option<Vec<String>>,
}

impl RouteSpec {
    fn parse(spec: &str) -> Result<Self, String> {
        let spec = spec.trim();
        if spec == "*" {
            return Ok(Self {
                method: None,
                segments: None,
            });
        }
        let (method, path) = match spec.split_once(' ') {
            Some((method, path)) => (Some(method.trim()), path.trim()),
            None if spec.starts_with('/') => (None, spec),
            None => {
                return Err(format!(
                    "route must be \"*\" or \"METHOD /path\", not {spec:?}"
                ))
            }
        };
        if !path.starts_with('/') {
            return Err(format!("the path of {spec:?} must start with /"));
        }
        let method = method
            .filter(|method| *method != "*")
            .map(str::to_ascii_uppercase);
        let segments = path
            .trim_start_matches('/')
            .split('/')
            .map(str::to_owned)
            .collect();
        Ok(Self {
            method,
            segments: Some(segments),
        })
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        if self
            .method
            .as_deref()
            .is_some_and(|wanted| wanted != method)
        {
            return false;
        }
        let Some(pattern) = &self.segments else {
            return true;
        };
        let actual: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        for (index, want) in pattern.iter().enumerate() {
            if want == "*" && index + 1 == pattern.len() {
                return actual.len() > index;
            }
            let Some(have) = actual.get(index) else {
                return false;
            };
            let wildcard = want == "*" || (want.starts_with('{') && want.ends_with('}'));
            if !(wildcard && !have.is_empty() || want == have) {
                return false;
            }
        }
        actual.len() == pattern.len()
    }
}

#[derive(Debug, Clone)]
struct Fault {
    id: u64,
    route: String,
    spec: RouteSpec,
    kind: FaultKind,
    remaining: Option<u32>,
}

/// Faults, the request log and settings.
#[derive(Debug)]
pub struct Control {
    faults: Mutex<(u64, Vec<Fault>)>,
    log: Mutex<VecDeque<Value>>,
    settings: Mutex<Settings>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Control {
    /// Nothing staged, nothing logged, subscribed, the default delete secret.
    pub fn new() -> Self {
        Self {
            faults: Mutex::new((0, Vec::new())),
            log: Mutex::new(VecDeque::new()),
            settings: Mutex::new(Settings {
                subscribed: true,
                delete_secret: conventions::DEFAULT_DELETE_SECRET.to_owned(),
            }),
        }
    }

    /// The current settings.
    pub fn settings(&self) -> Settings {
        lock(&self.settings).clone()
    }

    /// The added latency and the answering fault for one request, counting both down.
    fn take(&self, method: &str, path: &str) -> (u64, Option<FaultKind>) {
        let mut guard = lock(&self.faults);
        let faults = &mut guard.1;
        let mut latency = 0;
        let mut answer = None;
        for fault in faults.iter_mut() {
            if !fault.spec.matches(method, path) {
                continue;
            }
            let applies = match &fault.kind {
                FaultKind::Latency { ms, .. } => {
                    latency += ms;
                    true
                }
                kind if answer.is_none() => {
                    answer = Some(kind.clone());
                    true
                }
                _ => false,
            };
            if applies {
                if let Some(remaining) = fault.remaining.as_mut() {
                    *remaining = remaining.saturating_sub(1);
                }
            }
        }
        faults.retain(|fault| fault.remaining != Some(0));
        (latency, answer)
    }

    fn record(&self, entry: Value) {
        let mut log = lock(&self.log);
        if log.len() >= conventions::REQUEST_LOG_CAPACITY {
            log.pop_front();
        }
        log.push_back(entry);
    }
}

/// Middleware around every non-control request: logs it and applies the staged faults.
pub async fn intercept(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, conventions::BODY_LIMIT).await {
        Ok(bytes) => bytes,
        Err(_) => return ApiError::invalid("data should be at most 2 MiB").into_response(),
    };
    let method = parts.method.as_str().to_owned();
    let path = parts.uri.path().to_owned();
    let logged_body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
    };
    let mut entry = json!({
        "at": now_ms(),
        "method": method,
        "path": path,
        "query": parts.uri.query(),
        "tier": parts.headers.get("x-crisp-tier").and_then(|value| value.to_str().ok()),
        "body": logged_body,
    });
    let (latency, fault) = shared.control.take(&method, &path);
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    let response = match fault {
        Some(
            fault @ FaultKind::Drop {
                after_write: true, ..
            },
        ) => {
            entry["fault"] = serde_json::to_value(&fault).unwrap_or(Value::Null);
            let processed = next
                .run(Request::from_parts(parts, Body::from(bytes)))
                .await;
            // The log keeps the status the request was processed with; the client gets no answer at all.
            entry["status"] = json!(processed.status().as_u16());
            shared.control.record(entry);
            return fault_response(&fault);
        }
        Some(fault) => {
            entry["fault"] = serde_json::to_value(&fault).unwrap_or(Value::Null);
            fault_response(&fault)
        }
        None => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
    };
    entry["status"] = json!(response.status().as_u16());
    shared.control.record(entry);
    response
}

fn fault_response(fault: &FaultKind) -> Response {
    match fault {
        FaultKind::RateLimit {
            retry_after_s,
            status,
            ..
        } => {
            let failure = conventions::Failure {
                status: status.unwrap_or(conventions::RATE_LIMITED.status),
                reason: conventions::RATE_LIMITED.reason,
            };
            let mut response =
                ApiError::new(failure, "too many requests, slow down").into_response();
            if let Some(seconds) = retry_after_s {
                response
                    .headers_mut()
                    .insert(RETRY_AFTER, HeaderValue::from(*seconds));
            }
            response
        }
        FaultKind::Quota { .. } => ApiError::new(
            conventions::QUOTA_LIMIT_EXCEEDED,
            "the daily request quota is spent",
        )
        .into_response(),
        FaultKind::Status { code, .. } => {
            let failure = conventions::Failure {
                status: *code,
                reason: conventions::SERVER_ERROR,
            };
            ApiError::new(failure, "injected server fault").into_response()
        }
        FaultKind::Malformed { .. } => {
            let mut response = Response::new(Body::from(
                r#"{"error":false,"reason":"resolved","data":{"session_id":"#,
            ));
            response
                .headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            response
        }
        FaultKind::Drop { .. } => {
            // A body that fails before its first byte makes the server close the connection unanswered.
            let failing = futures::stream::once(async {
                Err::<Bytes, std::io::Error>(std::io::Error::other(
                    "connection dropped by a sandbox fault",
                ))
            });
            Response::new(Body::from_stream(failing))
        }
        FaultKind::Latency { .. } => StatusCode::OK.into_response(),
    }
}

/// A control API failure: 400 (or the given status) with `{ "error": message }`.
#[derive(Debug)]
struct ControlError(StatusCode, String);

impl IntoResponse for ControlError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

impl From<ApiError> for ControlError {
    fn from(error: ApiError) -> Self {
        Self(
            StatusCode::from_u16(error.failure.status).unwrap_or(StatusCode::BAD_REQUEST),
            error.message,
        )
    }
}

fn bad(message: impl Into<String>) -> ControlError {
    ControlError(StatusCode::BAD_REQUEST, message.into())
}

/// Parses a control body, naming what is wrong.
fn parse<T: serde::de::DeserializeOwned>(bytes: &Bytes) -> Result<T, ControlError> {
    let text = if bytes.iter().all(u8::is_ascii_whitespace) {
        &b"{}"[..]
    } else {
        bytes
    };
    serde_json::from_slice(text).map_err(|error| bad(format!("invalid body: {error}")))
}

/// The control routes.
pub fn router(shared: Arc<Shared>) -> Router<Arc<Shared>> {
    Router::new()
        .route("/health", get(|| async { Json(json!({ "ok": true })) }))
        .route("/inject/message", post(inject_message))
        .route("/inject/conversation", post(inject_conversation))
        .route(
            "/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/requests", get(list_requests).delete(clear_requests))
        .route("/settings", get(get_settings).post(change_settings))
        .fallback(|| async { ControlError(StatusCode::NOT_FOUND, "no such control route".into()) })
        .layer(from_fn(loopback_only))
        .with_state(shared)
}

async fn loopback_only(request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    match peer {
        Some(ip) if !ip.is_loopback() => ControlError(
            StatusCode::FORBIDDEN,
            "the control API answers loopback only".into(),
        )
        .into_response(),
        _ => next.run(request).await,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct InjectMessage {
    session_id: Option<String>,
    content: Option<String>,
    nickname: Option<String>,
    email: Option<String>,
}

async fn inject_message(
    State(shared): State<Arc<Shared>>,
    bytes: Bytes,
) -> Result<Json<Value>, ControlError> {
    let request: InjectMessage = parse(&bytes)?;
    let mut store = shared.write();
    let (session_id, fingerprint) = inject(&mut store, request)?;
    Ok(Json(
        json!({ "session_id": session_id, "fingerprint": fingerprint }),
    ))
}

async fn inject_conversation(
    State(shared): State<Arc<Shared>>,
    bytes: Bytes,
) -> Result<Json<Value>, ControlError> {
    let mut request: InjectMessage = parse(&bytes)?;
    if request.session_id.is_some() {
        return Err(bad(
            "inject/conversation always starts a new conversation; leave out session_id",
        ));
    }
    request.session_id = None;
    let mut store = shared.write();
    let (session_id, fingerprint) = inject(&mut store, request)?;
    Ok(Json(
        json!({ "session_id": session_id, "fingerprint": fingerprint }),
    ))
}

/// A visitor message, into `session_id` or a new conversation. Shared with `live`.
fn inject(store: &mut Store, request: InjectMessage) -> Result<(String, i64), ControlError> {
    let now = now_ms();
    let content = match request.content {
        Some(content) if !content.trim().is_empty() => content,
        Some(_) => return Err(bad("content must not be empty")),
        None => seed::visitor_line(&mut store.rng),
    };
    let session_id = match request.session_id {
        Some(session_id) => {
            if store.conversation(&session_id).is_none() {
                return Err(ControlError(
                    StatusCode::NOT_FOUND,
                    format!("no conversation {session_id}"),
                ));
            }
            session_id
        }
        None => new_conversation(store, request.nickname, request.email, now),
    };
    let nickname = store
        .conversation(&session_id)
        .and_then(|conversation| conversation.meta.get("nickname"))
        .unwrap_or("Visitor")
        .to_owned();
    let fingerprint = store.fingerprint(now);
    let message = Message {
        fingerprint,
        kind: "text".into(),
        from: "user".into(),
        origin: "chat".into(),
        content: Value::String(content),
        timestamp: now,
        user: json!({ "type": "participant", "user_id": session_id, "nickname": nickname }),
        mentions: Vec::new(),
        read: None,
        delivered: Some("chat".into()),
        edited: false,
        translated: false,
        automated: false,
        extra: serde_json::Map::new(),
    };
    store.deliver(&session_id, message);
    Ok((session_id, fingerprint))
}

fn new_conversation(
    store: &mut Store,
    nickname: Option<String>,
    email: Option<String>,
    now: u64,
) -> String {
    let (random_nickname, random_email) = seed::visitor_identity(&mut store.rng);
    let session_id = seed::session_id(&mut store.rng);
    let mut conversation = Conversation::empty(session_id.clone(), now);
    let email = email.unwrap_or(random_email);
    let profile = store
        .profile_by_email(&email)
        .map(|profile| profile.people_id.clone());
    conversation.people_id = profile;
    conversation
        .meta
        .set("nickname", Some(nickname.unwrap_or(random_nickname)));
    conversation.meta.set("email", Some(email));
    conversation.state = ConversationState::Pending;
    conversation.refresh_search();
    let visitor = json!({
        "session_id": session_id,
        "inbox_id": null,
        "nickname": conversation.meta.get("nickname"),
        "email": conversation.meta.get("email"),
        "avatar": "",
        "useragent": "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
        "initiated": true,
        "active": true,
        "last_page": { "page_title": "Contact — Acme Demo", "page_url": format!("https://{}/contact", store.website.domain) },
        "capabilities": ["browsing"],
        "locales": ["en"],
    });
    store.insert_conversation(conversation);
    if !store.visitors.is_empty() {
        let slot = store.rng.usize(..store.visitors.len());
        store.visitors[slot] = visitor;
    }
    session_id
}

/// One tick of `live`: a visitor writes into an open conversation, or (one time in four) starts a new one.
pub fn live_tick(shared: &Shared) {
    let mut store = shared.write();
    let open: Vec<String> = store
        .conversations()
        .iter()
        .filter(|conversation| {
            conversation.state != ConversationState::Resolved && conversation.message_count > 0
        })
        .map(|conversation| conversation.session_id.clone())
        .collect();
    let new = open.is_empty() || store.rng.u8(..4) == 0;
    let session_id = if new {
        None
    } else {
        Some(open[store.rng.usize(..open.len())].clone())
    };
    let request = InjectMessage {
        session_id,
        ..InjectMessage::default()
    };
    if let Err(ControlError(status, message)) = inject(&mut store, request) {
        tracing::warn!(%status, %message, "live traffic could not be injected");
    }
}

async fn add_fault(
    State(shared): State<Arc<Shared>>,
    bytes: Bytes,
) -> Result<Json<Value>, ControlError> {
    let request: FaultRequest = parse(&bytes)?;
    let spec = RouteSpec::parse(&request.route).map_err(bad)?;
    match &request.fault {
        FaultKind::Status { code, .. } if !(500..=599).contains(code) => {
            return Err(bad("status.code must be a 5xx status (500, 502, 503, 504)"));
        }
        FaultKind::RateLimit {
            status: Some(status),
            ..
        } if ![420, 429].contains(status) => {
            return Err(bad("rate_limit.status must be 420 or 429"));
        }
        _ => {}
    }
    let mut guard = lock(&shared.control.faults);
    guard.0 += 1;
    let id = guard.0;
    let remaining = request.fault.count();
    if remaining == Some(0) {
        return Err(bad("count must be at least 1"));
    }
    guard.1.push(Fault {
        id,
        route: request.route,
        spec,
        kind: request.fault,
        remaining,
    });
    Ok(Json(json!({ "id": id })))
}

async fn list_faults(State(shared): State<Arc<Shared>>) -> Json<Value> {
    let guard = lock(&shared.control.faults);
    let faults: Vec<Value> = guard
        .1
        .iter()
        .map(|fault| json!({ "id": fault.id, "route": fault.route, "fault": fault.kind, "remaining": fault.remaining }))
        .collect();
    Json(Value::Array(faults))
}

async fn clear_faults(State(shared): State<Arc<Shared>>) -> Json<Value> {
    let mut guard = lock(&shared.control.faults);
    let cleared = guard.1.len();
    guard.1.clear();
    Json(json!({ "cleared": cleared }))
}

async fn list_requests(State(shared): State<Arc<Shared>>) -> Json<Value> {
    Json(Value::Array(
        lock(&shared.control.log).iter().cloned().collect(),
    ))
}

async fn clear_requests(State(shared): State<Arc<Shared>>) -> Json<Value> {
    let mut log = lock(&shared.control.log);
    let cleared = log.len();
    log.clear();
    Json(json!({ "cleared": cleared }))
}

async fn get_settings(State(shared): State<Arc<Shared>>) -> Json<Settings> {
    Json(shared.control.settings())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsChange {
    subscribed: Option<bool>,
    delete_secret: Option<String>,
}

async fn change_settings(
    State(shared): State<Arc<Shared>>,
    bytes: Bytes,
) -> Result<Json<Settings>, ControlError> {
    let change: SettingsChange = parse(&bytes)?;
    let mut settings = lock(&shared.control.settings);
    if let Some(subscribed) = change.subscribed {
        settings.subscribed = subscribed;
    }
    if let Some(secret) = change.delete_secret {
        settings.delete_secret = secret;
    }
    Ok(Json(settings.clone()))
}

#[cfg(test)]
mod tests {
    use super::{live_tick, RouteSpec};
    use crate::app::{Credentials, Shared};
    use crate::seed::{self, Plan};
    use crate::Tier;

    #[test]
    fn live_ticks_add_visitor_messages_or_conversations() {
        let plan = Plan {
            website_id: "w".into(),
            conversations: 10,
            people: 10,
            seed: 1,
            now: 1_800_000_000_000,
        };
        let credentials = Credentials {
            identifier: "i".into(),
            key: "k".into(),
            tier: Tier::User,
        };
        let shared = Shared::new(credentials, seed::seed(&plan));
        let messages = |shared: &Shared| -> usize {
            shared
                .read()
                .conversations()
                .iter()
                .map(|conversation| conversation.message_count)
                .sum()
        };
        let before = messages(&shared);
        for _ in 0..5 {
            live_tick(&shared);
        }
        assert_eq!(
            messages(&shared),
            before + 5,
            "every tick writes one visitor message"
        );
    }

    #[test]
    fn route_specs_match_templates_prefixes_and_methods() {
        let spec = RouteSpec::parse("GET /v1/website/{website_id}/conversations/{page}").unwrap();
        assert!(
            spec.matches("GET", "/v1/website/w/conversations/2"),
            "placeholders match one segment"
        );
        assert!(
            !spec.matches("POST", "/v1/website/w/conversations/2"),
            "the method must match"
        );
        assert!(
            !spec.matches("GET", "/v1/website/w/conversations"),
            "a missing segment does not match"
        );
        let prefix = RouteSpec::parse("* /v1/website/*").unwrap();
        assert!(
            prefix.matches("DELETE", "/v1/website/w/conversation/s"),
            "a trailing * matches the rest"
        );
        assert!(
            RouteSpec::parse("*").unwrap().matches("HEAD", "/anything"),
            "* matches every request"
        );
        assert!(
            RouteSpec::parse("GET").is_err(),
            "a method without a path is refused"
        );
    }
}

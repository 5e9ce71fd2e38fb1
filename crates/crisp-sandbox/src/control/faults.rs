//! Staged faults: what a fault is, which requests it applies to, how it answers, and `/_sandbox/faults`.

use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::reply::{bad, parse, ControlError};
use crate::conventions;
use crate::envelope::ApiError;

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

/// The staged faults, in the order they were staged, and the last id given.
#[derive(Debug, Default)]
pub struct Faults(Mutex<(u64, Vec<Fault>)>);

impl Faults {
    fn lock(&self) -> MutexGuard<'_, (u64, Vec<Fault>)> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The added latency and the answering fault for one request, counting both down.
    pub fn take(&self, method: &str, path: &str) -> (u64, Option<FaultKind>) {
        let mut guard = self.lock();
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
}

/// The `/_sandbox/faults` routes.
pub fn routes() -> Router<Arc<Faults>> {
    Router::new().route(
        "/faults",
        get(list_faults).post(add_fault).delete(clear_faults),
    )
}

/// The answer a fault gives in place of the route's (a `Drop` answer closes the connection unanswered).
pub fn answer(fault: &FaultKind) -> Response {
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

async fn add_fault(
    State(faults): State<Arc<Faults>>,
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
    let mut guard = faults.lock();
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

async fn list_faults(State(faults): State<Arc<Faults>>) -> Json<Value> {
    let guard = faults.lock();
    let faults: Vec<Value> = guard
        .1
        .iter()
        .map(|fault| json!({ "id": fault.id, "route": fault.route, "fault": fault.kind, "remaining": fault.remaining }))
        .collect();
    Json(Value::Array(faults))
}

async fn clear_faults(State(faults): State<Arc<Faults>>) -> Json<Value> {
    let mut guard = faults.lock();
    let cleared = guard.1.len();
    guard.1.clear();
    Json(json!({ "cleared": cleared }))
}

#[cfg(test)]
mod tests {
    use super::RouteSpec;

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

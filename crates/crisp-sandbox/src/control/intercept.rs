//! The middleware around every `/v1` request: applies the staged faults and logs the request.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use super::faults::{self, FaultKind, Faults};
use super::requests::RequestLog;
use crate::conventions;
use crate::envelope::ApiError;
use crate::store::now_ms;

/// Middleware around every non-control request: logs it and applies the staged faults.
pub async fn intercept(
    State((faults, log)): State<(Arc<Faults>, Arc<RequestLog>)>,
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
    let (latency, fault) = faults.take(&method, &path);
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
            log.record(entry);
            return faults::answer(&fault);
        }
        Some(fault) => {
            entry["fault"] = serde_json::to_value(&fault).unwrap_or(Value::Null);
            faults::answer(&fault)
        }
        None => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
    };
    entry["status"] = json!(response.status().as_u16());
    log.record(entry);
    response
}

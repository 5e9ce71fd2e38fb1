//! The request log: every `/v1` request as it came and how it was answered, and `/_sandbox/requests`.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::conventions;

/// The last [`conventions::REQUEST_LOG_CAPACITY`] requests, oldest first.
#[derive(Debug, Default)]
pub struct RequestLog(Mutex<VecDeque<Value>>);

impl RequestLog {
    fn lock(&self) -> MutexGuard<'_, VecDeque<Value>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Adds an entry, dropping the oldest when full.
    pub fn record(&self, entry: Value) {
        let mut log = self.lock();
        if log.len() >= conventions::REQUEST_LOG_CAPACITY {
            log.pop_front();
        }
        log.push_back(entry);
    }
}

/// The `/_sandbox/requests` routes.
pub fn routes() -> Router<Arc<RequestLog>> {
    Router::new().route("/requests", get(list_requests).delete(clear_requests))
}

async fn list_requests(State(log): State<Arc<RequestLog>>) -> Json<Value> {
    Json(Value::Array(log.lock().iter().cloned().collect()))
}

async fn clear_requests(State(log): State<Arc<RequestLog>>) -> Json<Value> {
    let mut log = log.lock();
    let cleared = log.len();
    log.clear();
    Json(json!({ "cleared": cleared }))
}

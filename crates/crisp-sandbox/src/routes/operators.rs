//! §3.13 operators and availability.

use std::sync::Arc;

use axum::extract::State;
use serde_json::{json, Value};

use crate::conventions::reasons;
use crate::envelope::{Answer, ApiError, Done};
use crate::params::Ids;
use crate::state::Shared;
use crate::store::now_ms;

/// `GET .../operators/list`: `[{ type, details }]`.
pub async fn list(State(shared): State<Arc<Shared>>) -> Answer {
    let store = shared.read();
    let operators: Vec<Value> = store
        .operators
        .iter()
        .map(|operator| json!({ "type": "operator", "details": operator.to_json() }))
        .collect();
    Ok(Done::data(reasons::LISTED, Value::Array(operators)))
}

/// `GET .../operator/{user_id}`.
pub async fn get(State(shared): State<Arc<Shared>>, ids: Ids) -> Answer {
    let store = shared.read();
    let operator = store
        .operator(ids.get("user_id"))
        .ok_or_else(|| ApiError::not_found("the operator"))?;
    Ok(Done::data(reasons::RESOLVED, operator.to_json()))
}

/// `GET .../operators/active`: last active operators.
pub async fn active(State(shared): State<Arc<Shared>>) -> Answer {
    let store = shared.read();
    let mut operators: Vec<_> = store.operators.iter().collect();
    operators.sort_by_key(|operator| std::cmp::Reverse(operator.last_active));
    let data: Vec<Value> = operators
        .into_iter()
        .map(|operator| {
            json!({
                "user_id": operator.user_id,
                "avatar": operator.avatar,
                "nickname": operator.nickname(),
                "timestamp": operator.last_active,
            })
        })
        .collect();
    Ok(Done::data(reasons::LISTED, Value::Array(data)))
}

/// `GET .../availability/status`: online when any operator is.
pub async fn availability(State(shared): State<Arc<Shared>>) -> Answer {
    let store = shared.read();
    let online = store
        .operators
        .iter()
        .any(|operator| operator.availability == "online");
    let since = store
        .operators
        .iter()
        .map(|operator| operator.last_active)
        .max()
        .unwrap_or_else(now_ms);
    Ok(Done::data(
        reasons::RESOLVED,
        json!({ "status": if online { "online" } else { "offline" }, "since": since }),
    ))
}

/// `GET .../availability/operators`.
pub async fn availabilities(State(shared): State<Arc<Shared>>) -> Answer {
    let store = shared.read();
    let data: Vec<Value> = store
        .operators
        .iter()
        .map(|operator| {
            json!({
                "user_id": operator.user_id,
                "type": operator.availability,
                "time": { "for": 0, "since": operator.last_active },
            })
        })
        .collect();
    Ok(Done::data(reasons::LISTED, Value::Array(data)))
}

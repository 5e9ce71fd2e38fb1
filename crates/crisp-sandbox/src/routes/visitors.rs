//! §3.11 visitors: count and list.

use std::sync::Arc;

use axum::extract::State;
use serde_json::{json, Value};

use crate::conventions::{self, reasons};
use crate::envelope::{Answer, Done};
use crate::params::{page_of, Ids};
use crate::state::Shared;

/// `GET .../visitors/count`.
pub async fn count(State(shared): State<Arc<Shared>>) -> Answer {
    let store = shared.read();
    let active = store
        .visitors
        .iter()
        .filter(|visitor| visitor.get("active").and_then(Value::as_bool) == Some(true))
        .count();
    Ok(Done::data(
        reasons::RESOLVED,
        json!({ "count": store.visitors.len(), "active": active, "limited": false }),
    ))
}

/// `GET .../visitors/list/{page_number}`.
pub async fn list(State(shared): State<Arc<Shared>>, ids: Ids) -> Answer {
    let page = ids.page()?;
    let store = shared.read();
    let visitors = page_of(&store.visitors, page, conventions::VISITORS_PAGE);
    Ok(Done::data(reasons::LISTED, Value::Array(visitors.to_vec())))
}

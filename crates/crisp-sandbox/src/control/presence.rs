//! Who is there, on demand: `/_sandbox/presence/visitors` (how many visitors browse the site, pushed as
//! `website:update_visitors_count`) and `/_sandbox/presence/operator` (an operator's availability, pushed as
//! `website:update_operators_availability`, and `website:users:available` when the website's own availability
//! changes with it).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::reply::{bad, parse, ControlError};
use crate::seed;
use crate::state::Shared;
use crate::store::{now_ms, Store};

/// The `/_sandbox/presence/*` routes.
pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/presence/visitors", post(set_visitors))
        .route("/presence/operator", post(set_operator))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Visitors {
    count: usize,
}

/// `{ count }`: made-up visitors arrive (or the latest ones leave) until `count` browse the site.
async fn set_visitors(
    State(shared): State<Arc<Shared>>,
    bytes: Bytes,
) -> Result<Json<Value>, ControlError> {
    let Visitors { count } = parse(&bytes)?;
    let mut store = shared.write();
    let before = store.visitors.len();
    store.visitors.truncate(count);
    while store.visitors.len() < count {
        let visitor = made_up_visitor(&mut store);
        store.visitors.push(visitor);
    }
    let active = active_visitors(&store);
    if count != before {
        store.record(
            "website:update_visitors_count",
            json!({ "visitors_count": count, "visitors_active": active }),
        );
    }
    Ok(Json(json!({ "count": count, "active": active })))
}

fn active_visitors(store: &Store) -> usize {
    store
        .visitors
        .iter()
        .filter(|visitor| visitor.get("active").and_then(Value::as_bool) == Some(true))
        .count()
}

/// A visitor who browses without having written.
fn made_up_visitor(store: &mut Store) -> Value {
    let session_id = seed::session_id(&mut store.rng);
    let (nickname, _) = seed::visitor_identity(&mut store.rng);
    json!({
        "session_id": session_id,
        "inbox_id": null,
        "nickname": nickname,
        "email": "",
        "avatar": "",
        "useragent": "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
        "initiated": false,
        "active": true,
        "last_page": { "page_title": "Pricing — Acme Demo", "page_url": format!("https://{}/pricing", store.website.domain) },
        "capabilities": ["browsing"],
        "locales": ["en"],
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OperatorAvailability {
    user_id: String,
    /// `online`, `away` or `offline`.
    #[serde(rename = "type")]
    kind: String,
}

/// `{ user_id, type }`: the operator's availability changes; the website is available while any operator is
/// online (as `GET .../availability/status` answers).
async fn set_operator(
    State(shared): State<Arc<Shared>>,
    bytes: Bytes,
) -> Result<Json<Value>, ControlError> {
    let OperatorAvailability { user_id, kind } = parse(&bytes)?;
    let availability = match kind.as_str() {
        "online" => "online",
        "away" => "away",
        "offline" => "offline",
        _ => return Err(bad("type must be online, away or offline")),
    };
    let mut store = shared.write();
    let was_available = website_available(&store);
    let operator = store
        .operators
        .iter_mut()
        .find(|operator| operator.user_id == user_id)
        .ok_or_else(|| ControlError(StatusCode::NOT_FOUND, format!("no operator {user_id}")))?;
    if operator.availability == availability {
        return Ok(Json(json!({ "changed": false })));
    }
    operator.availability = availability;
    operator.last_active = now_ms();
    store.record(
        "website:update_operators_availability",
        json!({ "user_id": user_id, "availability": { "type": availability } }),
    );
    let available = website_available(&store);
    if available != was_available {
        store.record("website:users:available", json!({ "available": available }));
    }
    Ok(Json(json!({ "changed": true, "available": available })))
}

fn website_available(store: &Store) -> bool {
    store
        .operators
        .iter()
        .any(|operator| operator.availability == "online")
}

//! `/_sandbox/rtm/*`: the socket faults and a raw event, for tests.
//!
//! - `GET  /_sandbox/rtm` → `{ sockets, authenticated, refuse, delay_ms, binds }`
//! - `POST /_sandbox/rtm/drop` closes every socket → `{ dropped }`
//! - `POST /_sandbox/rtm/faults` `{ refuse?: bool, delay_ms?: int }` → the same as `GET`
//! - `POST /_sandbox/rtm/emit` `{ event, data }` pushes any event (`website_id` added when missing)

use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use socketioxide::SocketIo;

use super::{Change, AUTHENTICATED_ROOM};
use crate::control::reply::{parse, ControlError};
use crate::state::Shared;

#[derive(Clone)]
struct Rtm {
    shared: Arc<Shared>,
    io: SocketIo,
}

/// The routes, relative to `/_sandbox`.
pub fn routes(shared: Arc<Shared>, io: SocketIo) -> Router {
    Router::new()
        .route("/rtm", get(status))
        .route("/rtm/drop", post(drop_all))
        .route("/rtm/faults", post(set_faults))
        .route("/rtm/emit", post(emit))
        .with_state(Rtm { shared, io })
}

async fn status(State(rtm): State<Rtm>) -> Json<Value> {
    Json(describe(&rtm))
}

fn describe(rtm: &Rtm) -> Value {
    let hub = &rtm.shared.hub;
    json!({
        "sockets": rtm.io.sockets().len(),
        "authenticated": rtm.io.to(AUTHENTICATED_ROOM).sockets().len(),
        "refuse": hub.refuse.load(Ordering::Relaxed),
        "delay_ms": hub.delay_ms.load(Ordering::Relaxed),
        "binds": hub.binds.load(Ordering::Relaxed),
    })
}

async fn drop_all(State(rtm): State<Rtm>) -> Json<Value> {
    let sockets = rtm.io.sockets();
    let dropped = sockets.len();
    for socket in sockets {
        // Already gone is as good as dropped.
        let _ = socket.disconnect();
    }
    Json(json!({ "dropped": dropped }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Faults {
    refuse: Option<bool>,
    delay_ms: Option<u64>,
}

async fn set_faults(State(rtm): State<Rtm>, bytes: Bytes) -> Result<Json<Value>, ControlError> {
    let faults: Faults = parse(&bytes)?;
    if let Some(refuse) = faults.refuse {
        rtm.shared.hub.refuse.store(refuse, Ordering::Relaxed);
    }
    if let Some(delay_ms) = faults.delay_ms {
        rtm.shared.hub.delay_ms.store(delay_ms, Ordering::Relaxed);
    }
    Ok(Json(describe(&rtm)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Emit {
    event: String,
    #[serde(default)]
    data: Value,
}

async fn emit(State(rtm): State<Rtm>, bytes: Bytes) -> Result<Json<Value>, ControlError> {
    let Emit { event, mut data } = parse(&bytes)?;
    if data.is_null() {
        data = json!({});
    }
    if let Some(object) = data.as_object_mut() {
        let website_id = rtm.shared.read().website.website_id.clone();
        object.entry("website_id").or_insert(json!(website_id));
    }
    rtm.shared.hub.publish([Change { event, data }]);
    Ok(Json(json!({ "queued": true })))
}

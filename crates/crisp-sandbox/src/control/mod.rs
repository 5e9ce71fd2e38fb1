//! The control API under `/_sandbox/` (loopback only, no auth), one concern per module: staged [`faults`],
//! the [`requests`] log, visitor traffic [`injection`] (and its [`live`] timer), visitors and operators coming and going
//! ([`presence`]), and [`settings`]; the socket's own
//! control routes come from `crate::rtm`. Also the
//! [`intercept`] middleware that applies the faults to, and logs, every `/v1` request.

mod faults;
mod injection;
mod intercept;
pub mod live;
mod presence;
pub(crate) mod reply;
mod requests;
mod settings;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request};
use axum::http::StatusCode;
use axum::middleware::{from_fn, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

pub use faults::Faults;
pub use intercept::intercept;
pub use requests::RequestLog;

use crate::state::Shared;
use reply::ControlError;

/// The control routes, over the shared state and the faults and request log the middleware uses.
pub fn router(
    shared: Arc<Shared>,
    faults: Arc<Faults>,
    requests: Arc<RequestLog>,
    rtm: Router,
) -> Router {
    Router::new()
        .route("/health", get(|| async { Json(json!({ "ok": true })) }))
        .merge(injection::routes())
        .merge(presence::routes())
        .merge(settings::routes())
        .with_state(shared)
        .merge(faults::routes().with_state(faults))
        .merge(requests::routes().with_state(requests))
        .merge(rtm)
        .fallback(|| async { ControlError(StatusCode::NOT_FOUND, "no such control route".into()) })
        .layer(from_fn(loopback_only))
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

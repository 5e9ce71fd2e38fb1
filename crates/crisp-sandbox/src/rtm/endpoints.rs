//! `GET /v1/{user|plugin|website}/connect/endpoints`: where the socket is, as `data.socket.app`.

use std::sync::Arc;

use axum::http::header::HOST;
use axum::http::HeaderMap;
use axum::routing::get;
use axum::Router;
use serde_json::json;

use super::SOCKET_PATH;
use crate::conventions::reasons;
use crate::envelope::Done;
use crate::state::Shared;

/// The endpoints route for the three tiers (behind the usual keypair check).
pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/v1/user/connect/endpoints", get(endpoints))
        .route("/v1/plugin/connect/endpoints", get(endpoints))
        .route("/v1/website/connect/endpoints", get(endpoints))
}

/// `{ socket: { app } }`: the sandbox's own origin (as the caller reached it) and the socket path.
async fn endpoints(headers: HeaderMap) -> Done {
    let host = headers
        .get(HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("127.0.0.1");
    Done::data(
        reasons::RESOLVED,
        json!({ "socket": { "app": format!("http://{host}{SOCKET_PATH}") } }),
    )
}

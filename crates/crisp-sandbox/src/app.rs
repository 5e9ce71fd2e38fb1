//! The router that ties the Crisp API, the faults and request log, and the control API together.

use std::sync::Arc;

use axum::middleware::from_fn_with_state;
use axum::Router;

use crate::control::{self, Faults, RequestLog};
use crate::envelope::ApiError;
use crate::state::Shared;
use crate::{auth, routes, rtm};

/// Answers 404 `not_found` "the route does not exist".
async fn no_route() -> ApiError {
    ApiError::no_route()
}

/// The whole service: `/v1` behind auth, faults and the request log; `/_sandbox` beside it; the real-time
/// socket in front of both (its refuse fault in front of it).
pub fn router(shared: Arc<Shared>) -> Router {
    let faults = Arc::new(Faults::default());
    let requests = Arc::new(RequestLog::default());
    let (socket, io) = rtm::layer(shared.credentials.clone(), shared.hub.clone());
    let rtm_control = rtm::control_routes(shared.clone(), io);
    routes::api()
        .merge(rtm::endpoint_routes())
        .method_not_allowed_fallback(no_route)
        .route_layer(from_fn_with_state(shared.clone(), auth::check))
        .fallback(no_route)
        .layer(from_fn_with_state(
            (faults.clone(), requests.clone()),
            control::intercept,
        ))
        .with_state(shared.clone())
        .nest(
            "/_sandbox",
            control::router(shared.clone(), faults, requests, rtm_control),
        )
        .layer(socket)
        .layer(from_fn_with_state(shared.hub.clone(), rtm::refuse))
}

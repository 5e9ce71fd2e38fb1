//! The Socket.IO v4 server: the `authentication` handshake, and the pusher that sends recorded changes to the
//! sockets that asked for them (each authenticated socket joins one room per event name it listens to).
//!
//! Payloads are never logged: the `authentication` payload carries the token key.

use std::sync::Arc;

use serde::Deserialize;
use serde_json::{json, Value};
use socketioxide::extract::{Data, SocketRef};
use socketioxide::handler::ConnectHandler;
use socketioxide::layer::SocketIoLayer;
use socketioxide::SocketIo;

use super::{Hub, AUTHENTICATED_ROOM, SOCKET_PATH};
use crate::state::Credentials;

/// The `authentication` payload (contract §5).
#[derive(Deserialize)]
struct Authentication {
    username: String,
    password: String,
    tier: String,
    #[serde(default)]
    events: Vec<String>,
}

/// The Socket.IO layer for the axum app, and the pusher task that feeds it from `hub` until the server stops.
pub fn layer(credentials: Credentials, hub: Arc<Hub>) -> (SocketIoLayer, SocketIo) {
    let (layer, io) = SocketIo::builder()
        .req_path(SOCKET_PATH.trim_end_matches('/'))
        .build_layer();
    let credentials = Arc::new(credentials);
    let binds = hub.clone();
    // The handlers are put in place by a connect middleware, not by the connect handler: socketioxide sends the
    // namespace's CONNECT packet after the middlewares but before the handler, which it runs as a task of its
    // own. A client that sends `authentication` as soon as it is connected (ours does, as Crisp's clients do)
    // could reach a socket with no handler yet under load; its `authentication` was dropped, and the socket stayed
    // connected, unauthenticated, with no events.
    let handlers = async move |socket: SocketRef| {
        let credentials = credentials.clone();
        socket.on(
            "authentication",
            async move |socket: SocketRef, Data(payload): Data<Value>| {
                authenticate(&socket, &credentials, payload);
            },
        );
        // The sandbox has one website: a rebind changes nothing but is counted.
        let binds = binds.clone();
        socket.on("socket:bind", async move || {
            binds
                .binds
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        Ok::<(), std::convert::Infallible>(())
    };
    io.ns("/", (async || {}).with(handlers));
    if let Some(mut changes) = hub.take_receiver() {
        let io = io.clone();
        tokio::spawn(async move {
            while let Some(change) = changes.recv().await {
                let delay = hub.delay();
                if !delay.is_zero() {
                    tokio::time::sleep(delay).await;
                }
                // A socket gone between the lookup and the send is no failure of the sandbox.
                let _ = io
                    .to(change.event.clone())
                    .emit(&change.event, &change.data)
                    .await;
            }
        });
    }
    (layer, io)
}

/// Checks the keypair and tier: on a match the socket joins the rooms of its events, else it gets
/// `unauthorized` (and stays connected, receiving nothing, as a bad keypair does at Crisp).
fn authenticate(socket: &SocketRef, credentials: &Credentials, payload: Value) {
    let accepted = serde_json::from_value::<Authentication>(payload)
        .ok()
        .filter(|auth| {
            auth.username == credentials.identifier
                && auth.password == credentials.key
                && auth.tier == credentials.tier.as_str()
        });
    match accepted {
        Some(auth) => {
            socket.leave_all();
            socket.join(AUTHENTICATED_ROOM);
            socket.join(auth.events);
        }
        None => {
            socket.leave_all();
            let _ = socket.emit(
                "unauthorized",
                &json!({ "message": "the keypair or tier is not accepted" }),
            );
        }
    }
}

/// Middleware in front of the socket layer: while the refuse fault is set, new sockets get 503.
pub async fn refuse(
    axum::extract::State(hub): axum::extract::State<Arc<Hub>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let refused = hub.refuse.load(std::sync::atomic::Ordering::Relaxed)
        && request.uri().path().starts_with(SOCKET_PATH);
    if refused {
        return axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    next.run(request).await
}

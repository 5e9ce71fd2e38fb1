//! The real-time socket (RTM, contract §5): `GET /v1/{tier}/connect/endpoints`, a Socket.IO v4 server at
//! [`SOCKET_PATH`] on the sandbox's own port, the `authentication` handshake, and every change the store
//! records pushed to the sockets whose events list names it. Faults (drop, refuse, delay) come through
//! `/_sandbox/rtm/*` ([`control`]).
//!
//! Changes reach this module in one place: the store records them ([`crate::store::Store::record`]) and the
//! write guard of [`crate::state::Shared::write`] hands them to the [`Hub`] when the write ends.

mod control;
mod endpoints;
mod socket;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use serde_json::Value;
use tokio::sync::mpsc;

pub use control::routes as control_routes;
pub use endpoints::routes as endpoint_routes;
pub use socket::{layer, refuse};

/// The Socket.IO path `data.socket.app` names (Crisp's socket lives at its URL's path, not `/socket.io/`).
pub const SOCKET_PATH: &str = "/rtm/";

/// The room every authenticated socket joins, so the control API can count them.
const AUTHENTICATED_ROOM: &str = "sandbox:authenticated";

/// One event for the sockets: its Socket.IO name and payload (the REST object plus `website_id`,
/// `session_id`).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The event name, e.g. `message:send`.
    pub event: String,
    /// The payload.
    pub data: Value,
}

/// Where recorded changes go, and the socket faults the control API sets.
#[derive(Debug)]
pub struct Hub {
    changes: mpsc::UnboundedSender<Change>,
    receiver: std::sync::Mutex<Option<mpsc::UnboundedReceiver<Change>>>,
    /// New sockets are answered 503 while set.
    pub refuse: AtomicBool,
    /// Milliseconds every event waits before it is pushed.
    pub delay_ms: AtomicU64,
    /// `socket:bind` packets received.
    pub binds: AtomicU64,
}

impl Default for Hub {
    fn default() -> Self {
        let (changes, receiver) = mpsc::unbounded_channel();
        Self {
            changes,
            receiver: std::sync::Mutex::new(Some(receiver)),
            refuse: AtomicBool::new(false),
            delay_ms: AtomicU64::new(0),
            binds: AtomicU64::new(0),
        }
    }
}

impl Hub {
    /// Queues changes for the sockets (in order); without a socket server they are dropped.
    pub fn publish(&self, changes: impl IntoIterator<Item = Change>) {
        for change in changes {
            // The pusher is gone only when the server stopped; nobody listens then.
            let _ = self.changes.send(change);
        }
    }

    /// The queue's receiving end, for the pusher (once).
    fn take_receiver(&self) -> Option<mpsc::UnboundedReceiver<Change>> {
        self.receiver
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take()
    }

    /// The delay fault.
    fn delay(&self) -> Duration {
        Duration::from_millis(self.delay_ms.load(Ordering::Relaxed))
    }
}

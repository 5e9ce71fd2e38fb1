//! Crisp's real-time socket (RTM, contract §5): find the socket with `GET /v1/{tier}/connect/endpoints`,
//! connect over WebSocket only (Socket.IO v4 / Engine.IO 4), emit `authentication` after every (re)connect,
//! and hand out typed [`RtmEvent`]s and a [`RtmStatus`] stream. It uses the REST client for the lookup; the
//! REST client knows nothing of it.
//!
//! ```no_run
//! # async fn demo(config: crisp_client::ClientConfig) {
//! use crisp_client::rtm::{Rtm, RtmConfig};
//! let mut rtm = Rtm::connect(RtmConfig::new(config));
//! while let Some(event) = rtm.next_event().await {
//!     println!("{} in {:?}", event.name, event.session_id);
//! }
//! # }
//! ```
//!
//! Crisp acknowledges no good `authentication`: the socket counts as [`RtmStatus::Live`] once it is sent, until
//! the server answers `unauthorized`. Nothing here logs a frame or a payload (the `authentication` payload
//! carries the key).

mod backoff;
mod connection;
mod event;
mod wire;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

use crate::ClientConfig;

pub use backoff::Reconnect;
pub use event::{InboxEvent, ProfileChange, Receipt, RtmEvent, INBOX_EVENTS};

/// Log directives every program that opens the socket adds after the user's own filter: the WebSocket library
/// traces whole frames, and the `authentication` frame carries the key, so its frame traces stay off whatever
/// the user asks for.
pub const QUIET_FRAME_LOGS: &[&str] = &["tungstenite=debug", "tokio_tungstenite=debug"];

impl crate::Client {
    /// The real-time socket of this client's connection (same host, keypair, tier and timeout), with the
    /// default events and delays.
    pub fn rtm_config(&self) -> RtmConfig {
        RtmConfig::new(self.connection_config())
    }
}

/// Crisp's Node client refuses to send `socket:bind` more often than this.
pub const REBIND_INTERVAL: Duration = Duration::from_millis(2500);

/// Crisp's Node client gives up on a connection attempt after 10 s.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How to reach and use the socket.
#[derive(Debug, Clone)]
pub struct RtmConfig {
    /// The connection: API host (for the endpoints lookup) and keypair (for `authentication`).
    pub client: ClientConfig,
    /// The event names to receive (sent in `authentication`); [`INBOX_EVENTS`] by default.
    pub events: Vec<String>,
    /// The socket URL to use instead of looking it up (like crisp-api's `rtm.host`).
    pub socket_url: Option<String>,
    /// Give up on one connection attempt after this long.
    pub connect_timeout: Duration,
    /// Delays between attempts.
    pub reconnect: Reconnect,
}

impl RtmConfig {
    /// The inbox events, a 10 s connect timeout and 5–10 s reconnection delays.
    pub fn new(client: ClientConfig) -> Self {
        Self {
            client,
            events: INBOX_EVENTS.iter().map(|name| (*name).to_owned()).collect(),
            socket_url: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            reconnect: Reconnect::default(),
        }
    }
}

/// Where the socket stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum RtmStatus {
    /// Looking up the socket or opening it for the first time.
    Connecting,
    /// Connected and authenticated: events arrive.
    Live,
    /// Lost or not reachable; the next attempt is at `next_try_at_ms` (Unix time, ms).
    Reconnecting {
        /// When the next attempt starts.
        next_try_at_ms: u64,
    },
    /// The keypair or tier was refused (by the lookup or the socket); no further attempt is made.
    Unauthorized,
    /// This connection has no socket (the lookup answered an error or no URL); no further attempt is made.
    Unavailable {
        /// Why.
        reason: String,
    },
}

impl RtmStatus {
    /// Whether no further attempt will be made.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            RtmStatus::Unauthorized | RtmStatus::Unavailable { .. }
        )
    }
}

/// A running socket: events and status until dropped (dropping it closes the socket).
#[derive(Debug)]
pub struct Rtm {
    events: mpsc::UnboundedReceiver<RtmEvent>,
    status: watch::Receiver<RtmStatus>,
    binds: mpsc::UnboundedSender<()>,
    last_bind: Mutex<Option<Instant>>,
    task: JoinHandle<()>,
}

impl Rtm {
    /// Starts looking up, connecting and authenticating in the background. Needs a Tokio runtime.
    pub fn connect(config: RtmConfig) -> Rtm {
        let (events_tx, events) = mpsc::unbounded_channel();
        let (status_tx, status) = watch::channel(RtmStatus::Connecting);
        let (binds, binds_rx) = mpsc::unbounded_channel();
        let task = tokio::spawn(connection::run(config, events_tx, status_tx, binds_rx));
        Rtm {
            events,
            status,
            binds,
            last_bind: Mutex::new(None),
            task,
        }
    }

    /// Sends `socket:bind` (`{}`), for when the websites the token sees have changed, unless one was sent less
    /// than [`REBIND_INTERVAL`] ago; gives whether it was sent. A socket that is down binds anew when it
    /// reconnects.
    pub fn rebind(&self) -> bool {
        let mut last = self
            .last_bind
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = Instant::now();
        if last.is_some_and(|at| now.duration_since(at) < REBIND_INTERVAL) {
            return false;
        }
        *last = Some(now);
        self.binds.send(()).is_ok()
    }

    /// The next event; `None` once the socket has stopped for good (see [`RtmStatus::is_final`]).
    pub async fn next_event(&mut self) -> Option<RtmEvent> {
        self.events.recv().await
    }

    /// The status as it changes.
    pub fn status(&self) -> watch::Receiver<RtmStatus> {
        self.status.clone()
    }
}

impl Drop for Rtm {
    fn drop(&mut self) {
        self.task.abort();
    }
}

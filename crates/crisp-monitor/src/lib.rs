//! Watches a Crisp connection by polling, within the token's daily request budget.
//!
//! A [`ConnectionMonitor`] per connection polls conversations ordered by update time with a cursor on the newest
//! `updated_at` it has seen, reads the new messages of changed conversations (`timestamp_after`) and turns what
//! changed into typed [`MonitorEvent`]s: `conversation_created`, `visitor_message_received`,
//! `conversation_state_changed`, `people_profile_changed` and `visitors_count_changed`, each switchable in
//! [`MonitorSettings`]. A poll reads up to [`connection::MAX_PAGES_PER_POLL`] pages of changed conversations (fewer when
//! the day's budget cannot pay for them); past that it says so with one `many_conversations_changed` event, so no
//! change is dropped silently. New visitor messages (never operators' own) also go to a [`Notifier`] unless notifications
//! are off or "do not disturb" is on.
//!
//! The pace is the pure [`interval::pace`]: tier, focus, the day's quota, rate-limit strikes and a spent quota.
//! Requests go through the connection's [`crisp_client::Client`], so the monitor shares its scheduler's backoff
//! and daily counter with every other request of the connection; identical page requests in flight at once are
//! sent once ([`SingleFlight`]).
//!
//! Tests drive [`ConnectionMonitor::poll_once`] directly; the app keeps a [`Monitors`] registry, which runs
//! [`ConnectionMonitor::spawn`] per watched connection and hands each [`MonitorUpdate`] to one sink with its connection ID.
//!
//! Crisp's real-time socket (RTM) would replace the polling of conversations and messages, not the events: a
//! Socket.IO client (WebSocket transport) connecting to the URL from `GET /v1/{tier}/connect/endpoints`,
//! authenticating with the keypair, tier and the event list, and mapping `message:send` (visitor messages),
//! `session:set_state`, `people:profile:*` and `website:update_visitors_count` to the same [`MonitorEvent`]s. It
//! would sit beside [`ConnectionMonitor`] as another source feeding the same sink and notifier, with the poller kept as the
//! fallback while the socket is down and for a catch-up poll after each reconnect.

pub mod connection;
pub mod event;
pub mod flight;
pub mod interval;
pub mod notify;
pub mod registry;
pub mod settings;

pub use connection::{excerpt_of, message_excerpt, ConnectionMonitor, MonitorHandle, PollReport};
pub use event::{Budget, MonitorEvent, MonitorPhase, MonitorStatus, MonitorUpdate};
pub use flight::SingleFlight;
pub use interval::{pace, Pace, PaceInput, PaceReason};
pub use notify::{
    escape_markup, Notification, Notifier, NotifyError, RecordingNotifier, SilentNotifier,
};
pub use registry::Monitors;
pub use settings::{EventSwitches, MonitorSettings};

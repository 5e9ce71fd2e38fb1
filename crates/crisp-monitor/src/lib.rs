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
//! With Crisp's real-time socket ([`ConnectionMonitor::with_socket`], a [`crisp_client::rtm::Rtm`]), the loop does
//! not poll while the socket is live: socket events become the same [`MonitorEvent`]s and notifications. While the
//! socket is down it polls at the pace, and after every (re)connect it runs one catch-up poll. A visitor message's
//! fingerprint is remembered whichever way it was seen, so it is reported and notified once. The status says which
//! ([`Transport`]) and since when the socket is down.

pub mod connection;
pub mod event;
pub mod flight;
pub mod interval;
pub mod memory;
pub mod notify;
pub mod registry;
pub mod settings;

pub use connection::{excerpt_of, message_excerpt, ConnectionMonitor, MonitorHandle, PollReport};
pub use event::{
    Budget, LiveChange, MonitorEvent, MonitorPhase, MonitorStatus, MonitorUpdate,
    ProfileChangeKind, Transport,
};
pub use flight::SingleFlight;
pub use interval::{pace, Pace, PaceInput, PaceReason};
pub use memory::{MemoryKeeper, MonitorMemory, RememberedConversation, SocketObserver};
pub use notify::{
    escape_markup, Notification, Notifier, NotifyError, RecordingNotifier, SilentNotifier,
};
pub use registry::Monitors;
pub use settings::{EventSwitches, MonitorSettings};

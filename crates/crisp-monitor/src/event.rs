//! What the monitor tells the UI: typed events and the monitor's status (budget, pace, pause).

use crisp_client::conversations::ConversationState;
use crisp_client::messages::{Message, Sender};
use crisp_client::Tier;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::interval::PaceReason;

/// Something that changed on the connection. Carries no connection ID: the app adds its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MonitorEvent {
    /// A conversation started since the last poll.
    ConversationCreated {
        /// The conversation.
        session_id: String,
        /// Visitor name.
        nickname: Option<String>,
        /// Visitor email.
        email: Option<String>,
        /// Its last message's excerpt.
        excerpt: Option<String>,
        /// Its state.
        state: Option<ConversationState>,
        /// Creation time, ms.
        #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
        created_at: Option<u64>,
    },
    /// A visitor (not an operator) wrote a message.
    VisitorMessageReceived {
        /// The conversation.
        session_id: String,
        /// The message.
        #[cfg_attr(feature = "specta", specta(type = f64))]
        fingerprint: i64,
        /// A short text of the message.
        excerpt: String,
        /// Visitor name.
        nickname: Option<String>,
        /// When it was sent, ms.
        #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
        timestamp: Option<u64>,
        /// Messages of the conversation unread by operators.
        unread: u32,
    },
    /// A conversation moved between pending, unresolved and resolved.
    ConversationStateChanged {
        /// The conversation.
        session_id: String,
        /// The state before.
        from: Option<ConversationState>,
        /// The state now.
        to: ConversationState,
    },
    /// A people profile was added or changed.
    PeopleProfileChanged {
        /// The profile.
        people_id: String,
        /// Its email.
        email: Option<String>,
        /// Its name.
        nickname: Option<String>,
        /// Whether it was added (rather than changed) since the last poll.
        created: bool,
        /// Last update, ms.
        #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
        updated_at: Option<u64>,
    },
    /// More conversations changed since the last poll than one poll reads: the newest were announced as usual, the
    /// older ones were not. The window refreshes its lists rather than trust the events alone.
    ManyConversationsChanged {
        /// Changed conversations the poll read and announced; more changed before them.
        at_least: u32,
    },
    /// The number of visitors on the site changed.
    VisitorsCountChanged {
        /// Visitors on the site now.
        count: u32,
        /// Those active now.
        active: u32,
        /// The count at the previous poll.
        previous: u32,
    },
}

impl MonitorEvent {
    /// The event's kind, as in the settings (`visitor_message_received`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            MonitorEvent::ConversationCreated { .. } => "conversation_created",
            MonitorEvent::VisitorMessageReceived { .. } => "visitor_message_received",
            MonitorEvent::ConversationStateChanged { .. } => "conversation_state_changed",
            MonitorEvent::PeopleProfileChanged { .. } => "people_profile_changed",
            MonitorEvent::VisitorsCountChanged { .. } => "visitors_count_changed",
            MonitorEvent::ManyConversationsChanged { .. } => "many_conversations_changed",
        }
    }
}

/// What the monitor is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MonitorPhase {
    /// Not polled yet.
    Starting,
    /// Polling at the normal pace.
    Watching,
    /// Slowed down after rate limiting (HTTP 429/420); recovers by itself.
    BackingOff,
    /// The last poll failed (network, server); retrying more slowly.
    Failing,
    /// Crisp said the daily quota is spent: stopped until the reset.
    QuotaSpent,
    /// Only the reserve kept for the user's own actions is left: stopped until the reset.
    BudgetReserved,
    /// Switched off in the settings.
    Off,
}

/// How the monitor learns of changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Transport {
    /// Crisp's real-time socket is up: events arrive as they happen and nothing polls.
    Live,
    /// The socket's first connection is on its way (it has not been live yet, and nothing failed): the monitor
    /// polls at the pace meanwhile.
    Connecting,
    /// Polling at the pace (no socket, or the socket is down).
    #[default]
    Polling,
}

/// The connection's request budget for today, as the budget meter shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Budget {
    /// The token's tier.
    pub tier: Tier,
    /// Requests sent today by this app on the connection.
    pub used_today: u32,
    /// The tier's daily budget; `None` for user tokens (no published budget).
    pub daily_budget: Option<u32>,
    /// Requests left today; `None` without a budget.
    pub remaining_today: Option<u32>,
    /// Requests of the budget the monitor leaves for the user's own actions.
    pub reserved: Option<u32>,
    /// When the daily budget resets (midnight UTC), ms.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub resets_at_ms: u64,
}

/// The monitor's state for the UI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MonitorStatus {
    /// What the monitor is doing.
    pub phase: MonitorPhase,
    /// Why the next poll is as far away as it is.
    pub pace: PaceReason,
    /// Today's budget.
    pub budget: Budget,
    /// The wait between polls now, ms.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub interval_ms: u64,
    /// When the last poll ended, ms.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub last_poll_at_ms: Option<u64>,
    /// When the next poll is due, ms.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub next_poll_at_ms: Option<u64>,
    /// The last failure, in plain words.
    pub last_error: Option<String>,
    /// Until when Crisp asked every request of the connection to wait after rate limiting (its `Retry-After`
    /// honoured in full), ms: the monitor retries then ("retrying at HH:MM"). `None` when no wait is in force.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub backoff_until_ms: Option<u64>,
    /// Watched conversations with messages unread by operators.
    pub unread_conversations: u32,
    /// Whether changes arrive over the socket or by polling.
    #[serde(default)]
    pub transport: Transport,
    /// Since when the socket has been down while the monitor polls, ms; `None` when live or without a socket.
    #[serde(default)]
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub socket_down_since_ms: Option<u64>,
    /// When the socket's next connection attempt starts, ms; `None` when none is planned.
    #[serde(default)]
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub socket_retry_at_ms: Option<u64>,
    /// Why the socket is not used, in plain words (refused keypair, no socket for the connection).
    #[serde(default)]
    pub socket_problem: Option<String>,
}

/// What the monitor hands the app: events and status changes, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum MonitorUpdate {
    /// Something changed on the connection.
    Event(MonitorEvent),
    /// The monitor's status after a poll.
    Status(MonitorStatus),
    /// A change Crisp's real-time socket pushed, for the window to apply to what it shows.
    Live(LiveChange),
}

/// What a profile change did (`people:profile:*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ProfileChangeKind {
    /// `people:profile:created`.
    Created,
    /// `people:profile:updated`.
    Updated,
    /// `people:profile:removed`.
    Removed,
}

/// A change pushed by Crisp's real-time socket, as the window applies it to the list, the open thread, people and
/// visitors without asking Crisp again. Unlike a [`MonitorEvent`], every change is forwarded (operators' messages,
/// edits, removals, typing, receipts), whatever the event switches say: they only decide what is announced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LiveChange {
    /// A message joined a conversation: a visitor's (`message:send`) or an operator's, note or event
    /// (`message:received`).
    MessageAdded {
        /// The conversation.
        session_id: String,
        /// The message, as the thread lists it.
        message: Box<Message>,
    },
    /// A message was edited (`message:updated`).
    MessageUpdated {
        /// The conversation.
        session_id: String,
        /// The message.
        #[cfg_attr(feature = "specta", specta(type = f64))]
        fingerprint: i64,
        /// Its new content, shaped per its type.
        #[cfg_attr(feature = "specta", specta(type = Option<crisp_client::JsonValue>))]
        content: Option<Value>,
    },
    /// A message was deleted (`message:removed`).
    MessageRemoved {
        /// The conversation.
        session_id: String,
        /// The message.
        #[cfg_attr(feature = "specta", specta(type = f64))]
        fingerprint: i64,
    },
    /// Someone is typing, or stopped (`message:compose:send` for the visitor, `:receive` for an operator).
    Composing {
        /// The conversation.
        session_id: String,
        /// Who types: `user` is the visitor.
        from: Sender,
        /// False once they stopped.
        typing: bool,
        /// What has been typed so far, when shared.
        excerpt: Option<String>,
    },
    /// Messages were read (`message:acknowledge:read:received` by the visitor, `:read:send` by an operator).
    MessagesRead {
        /// The conversation.
        session_id: String,
        /// Who read: `user` is the visitor.
        by: Sender,
        /// The messages read (empty: every message up to now).
        #[cfg_attr(feature = "specta", specta(type = Vec<f64>))]
        fingerprints: Vec<i64>,
    },
    /// A conversation changed (`session:<change>`, e.g. `set_state`, `set_nickname`, `request:initiated`).
    ConversationChanged {
        /// The conversation.
        session_id: String,
        /// The part of the event name after `session:`.
        change: String,
        /// The payload as Crisp sent it.
        #[cfg_attr(feature = "specta", specta(type = crisp_client::JsonValue))]
        data: Value,
    },
    /// A conversation was deleted (`session:removed`).
    ConversationRemoved {
        /// The conversation.
        session_id: String,
    },
    /// A people profile was created, changed or removed (`people:profile:*`).
    ProfileChanged {
        /// The profile.
        people_id: String,
        /// What happened.
        change: ProfileChangeKind,
        /// The payload as Crisp sent it (the profile's fields).
        #[cfg_attr(feature = "specta", specta(type = crisp_client::JsonValue))]
        data: Value,
    },
    /// The number of visitors on the site (`website:update_visitors_count`).
    VisitorsCount {
        /// Visitors on the site now.
        count: u32,
        /// Those active now, when Crisp says.
        active: Option<u32>,
    },
}

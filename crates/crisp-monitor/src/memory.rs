//! What a monitor remembers between runs of the app: its cursors and, for the conversations that changed most
//! recently, their state and the message fingerprints already reported. A monitor started from a memory
//! ([`ConnectionMonitor::with_memory`](crate::ConnectionMonitor::with_memory)) catches up on what happened while
//! the app was closed with an ordinary poll from the cursor (the same paging and budget rules), reports each
//! message once, and shows one summary notification ("12 new messages while you were away") rather than one per
//! conversation.

use std::sync::Arc;

use crisp_client::conversations::ConversationState;
use serde::{Deserialize, Serialize};

/// Conversations a memory keeps, the most recently changed first: enough to recognise what the last run already
/// reported near its cursor.
pub const MAX_REMEMBERED: usize = 500;

/// A monitor's memory, as the app keeps it between runs (JSON in the connection's local store).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MonitorMemory {
    /// Newest conversation `updated_at` seen, ms; `None` before the first poll.
    pub cursor: Option<u64>,
    /// Newest people profile `updated_at` seen, ms.
    pub people_cursor: Option<u64>,
    /// Recently changed conversations, most recent first.
    pub conversations: Vec<RememberedConversation>,
}

/// What the monitor knew of one conversation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RememberedConversation {
    /// The conversation.
    pub session_id: String,
    /// Its state.
    pub state: Option<ConversationState>,
    /// Its `updated_at`, ms.
    pub updated_at: u64,
    /// Its newest message.
    pub last_fingerprint: Option<i64>,
    /// When its newest message was sent, ms.
    pub last_message_at: Option<u64>,
    /// Messages already reported (or seen), oldest first.
    pub fingerprints: Vec<i64>,
    /// Messages unread by operators.
    pub unread: u32,
}

/// Receives the monitor's memory after every poll and every socket message, to keep it (it must return at once).
pub type MemoryKeeper = Arc<dyn Fn(MonitorMemory) + Send + Sync>;

/// Receives every socket event as it arrived, before the monitor reads it (the app writes message payloads through
/// to its store); it must return at once.
pub type SocketObserver = Arc<dyn Fn(&crisp_client::rtm::RtmEvent) + Send + Sync>;

/// The one notification a catch-up shows for `messages` visitor messages in `conversations` conversations.
pub fn away_summary(messages: u32, conversations: u32) -> (String, String) {
    let title = if conversations == 1 {
        "1 conversation".to_owned()
    } else {
        format!("{conversations} conversations")
    };
    let body = if messages == 1 {
        "1 new message while you were away".to_owned()
    } else {
        format!("{messages} new messages while you were away")
    };
    (title, body)
}

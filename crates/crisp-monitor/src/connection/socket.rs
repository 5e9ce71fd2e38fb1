//! The monitor's real-time side: what the socket's status means for polling, and socket events turned into the
//! same [`MonitorEvent`]s (and notifications) the poller produces. A fingerprint the socket reported is
//! remembered like a polled one, so a catch-up poll never reports (or notifies) it again.

use crisp_client::conversations::ConversationState;
use crisp_client::messages::{Message, Sender};
use crisp_client::rtm::{InboxEvent, ProfileChange, Receipt, RtmEvent, RtmStatus};
use crisp_client::Lenient;
use serde_json::Value;

use super::{message_excerpt, now_ms, ConnectionMonitor, Seen};
use crate::event::{LiveChange, MonitorEvent, MonitorUpdate, ProfileChangeKind};
use crate::notify::{escape_markup, Notification};

/// Where the socket stands, as the status shows it.
#[derive(Debug, Default)]
pub(super) struct SocketState {
    /// Live: events arrive and nothing polls.
    pub(super) live: bool,
    /// The first connection is on its way: not live yet, and nothing has failed.
    pub(super) connecting: bool,
    /// Since when the socket has been down, ms.
    pub(super) down_since_ms: Option<u64>,
    /// When the socket tries again, ms.
    pub(super) retry_at_ms: Option<u64>,
    /// Why the socket is not used.
    pub(super) problem: Option<String>,
}

impl ConnectionMonitor {
    /// Follows the socket's status: going live runs one catch-up poll first (so nothing that happened while it
    /// was down is missed), then stops polling; going down polls again at the pace.
    ///
    /// The socket counts as live once `authentication` is sent, but the server starts pushing only once it has
    /// taken it, and Crisp acknowledges nothing. A catch-up poll right away could end before that, and a message
    /// arriving in between would reach neither the poll nor the socket until the next reconnect; so the catch-up
    /// waits [`ConnectionMonitor::with_authentication_settle`] first: what happened before the server took the
    /// `authentication` is polled, what happened after is pushed (a message seen both ways is reported once).
    pub(super) async fn socket_status_changed<F>(&self, now: RtmStatus, sink: &F)
    where
        F: Fn(MonitorUpdate) + Send + Sync,
    {
        if now == RtmStatus::Live {
            if self.state.lock().await.socket.live {
                return;
            }
            tokio::time::sleep(self.authentication_settle).await;
            tracing::info!(website_id = %self.website_id, "the socket is live: one catch-up poll, then no polling");
            let report = self.poll_once().await;
            for event in report.events {
                sink(MonitorUpdate::Event(event));
            }
        }
        let mut state = self.state.lock().await;
        let at = now_ms();
        let socket = &mut state.socket;
        // The first connection is not the socket being down: until an attempt fails, the status says it connects.
        let first_connection =
            !socket.live && socket.down_since_ms.is_none() && socket.problem.is_none();
        socket.connecting = now == RtmStatus::Connecting && first_connection;
        match now {
            RtmStatus::Live => {
                *socket = SocketState {
                    live: true,
                    ..SocketState::default()
                }
            }
            RtmStatus::Connecting if socket.connecting => socket.retry_at_ms = None,
            RtmStatus::Connecting => {
                socket.live = false;
                socket.down_since_ms.get_or_insert(at);
                socket.retry_at_ms = None;
            }
            RtmStatus::Reconnecting { next_try_at_ms } => {
                if socket.live {
                    tracing::info!(website_id = %self.website_id, "the socket is down: polling until it is back");
                }
                socket.live = false;
                socket.down_since_ms.get_or_insert(at);
                socket.retry_at_ms = Some(next_try_at_ms);
            }
            RtmStatus::Unauthorized => {
                tracing::warn!(website_id = %self.website_id, "the socket refused the keypair: polling");
                socket.live = false;
                socket.down_since_ms.get_or_insert(at);
                socket.retry_at_ms = None;
                socket.problem = Some(
                    "Crisp's real-time socket refused this keypair, so the monitor polls"
                        .to_owned(),
                );
            }
            RtmStatus::Unavailable { reason } => {
                socket.live = false;
                socket.down_since_ms.get_or_insert(at);
                socket.retry_at_ms = None;
                socket.problem = Some(format!(
                    "No real-time socket ({reason}), so the monitor polls"
                ));
            }
        }
        let (status, _) = self.describe(&state, at);
        drop(state);
        self.keep(&status);
        sink(MonitorUpdate::Status(status));
    }

    /// Turns one socket event into monitor events (and notifications for visitor messages); gives whether
    /// anything was handed to `sink`.
    pub(super) async fn socket_event<F>(&self, event: &RtmEvent, sink: &F) -> bool
    where
        F: Fn(MonitorUpdate) + Send + Sync,
    {
        let settings = self.settings();
        if !settings.enabled
            || event
                .website_id
                .as_deref()
                .is_some_and(|website_id| website_id != self.website_id)
        {
            return false;
        }
        // The window applies every change itself, before the monitor's own events about it.
        if let Some(change) = live_change(event) {
            sink(MonitorUpdate::Live(change));
        }
        let mut state = self.state.lock().await;
        let mut events = Vec::new();
        let mut status_changed = false;
        // A message the next run must not report again.
        let mut remembered = false;
        let session_id = event.session_id.clone();
        match (&event.kind, session_id) {
            (InboxEvent::MessageSent(message), Some(session_id))
                if message.from != Some(Sender::Operator) =>
            {
                let seen = state.conversations.entry(session_id.clone()).or_default();
                if !remember_message(seen, message) {
                    return false;
                }
                remembered = true;
                seen.unread = seen.unread.saturating_add(1);
                status_changed = seen.unread == 1;
                let nickname = message
                    .user
                    .as_ref()
                    .and_then(Lenient::known)
                    .and_then(|user| user.nickname.clone());
                let excerpt = message_excerpt(message);
                let fingerprint = message.fingerprint.unwrap_or_default();
                if settings.events.visitor_message_received {
                    events.push(MonitorEvent::VisitorMessageReceived {
                        session_id: session_id.clone(),
                        fingerprint,
                        excerpt: excerpt.clone(),
                        nickname: nickname.clone(),
                        timestamp: message.timestamp,
                        unread: seen.unread,
                    });
                }
                if settings.notifies() {
                    let notification = Notification {
                        title: nickname.unwrap_or_else(|| "Visitor".to_owned()),
                        body: escape_markup(&excerpt),
                        website_id: self.website_id.clone(),
                        session_id,
                        fingerprint,
                        messages: 1,
                    };
                    if let Err(error) = self.notifier.notify(&notification) {
                        tracing::warn!(%error, "a notification could not be shown");
                    }
                }
            }
            (
                InboxEvent::MessageSent(message) | InboxEvent::MessageReceived(message),
                Some(session_id),
            ) => {
                let seen = state.conversations.entry(session_id).or_default();
                remembered = remember_message(seen, message);
            }
            (
                InboxEvent::Receipt {
                    receipt: Receipt::ReadByOperator,
                    ..
                },
                Some(session_id),
            ) => {
                if let Some(seen) = state.conversations.get_mut(&session_id) {
                    status_changed = seen.unread > 0;
                    seen.unread = 0;
                }
            }
            (InboxEvent::Session { change }, Some(session_id)) if change == "set_state" => {
                let Some(to) = event
                    .data
                    .get("state")
                    .cloned()
                    .and_then(|state| serde_json::from_value::<ConversationState>(state).ok())
                else {
                    return false;
                };
                let seen = state.conversations.entry(session_id.clone()).or_default();
                let from = seen.state.replace(to.clone());
                if from.as_ref() != Some(&to) && settings.events.conversation_state_changed {
                    events.push(MonitorEvent::ConversationStateChanged {
                        session_id,
                        from,
                        to,
                    });
                }
            }
            (InboxEvent::Session { change }, Some(session_id))
                if change == "request:initiated"
                    && !state.conversations.contains_key(&session_id) =>
            {
                state
                    .conversations
                    .insert(session_id.clone(), Seen::default());
                if settings.events.conversation_created {
                    events.push(MonitorEvent::ConversationCreated {
                        session_id,
                        nickname: text(&event.data, &["nickname"]),
                        email: text(&event.data, &["email"]),
                        excerpt: None,
                        state: None,
                        created_at: event.data.get("timestamp").and_then(Value::as_u64),
                    });
                }
            }
            (InboxEvent::SessionRemoved, Some(session_id)) => {
                status_changed = state
                    .conversations
                    .remove(&session_id)
                    .is_some_and(|seen| seen.unread > 0);
            }
            (
                InboxEvent::Profile {
                    change: change @ (ProfileChange::Created | ProfileChange::Updated),
                    people_id: Some(people_id),
                },
                _,
            ) => {
                state.people_seen.insert(people_id.clone());
                if settings.events.people_profile_changed {
                    events.push(MonitorEvent::PeopleProfileChanged {
                        people_id: people_id.clone(),
                        email: text(&event.data, &["email"]),
                        nickname: text(&event.data, &["person", "nickname"]),
                        created: *change == ProfileChange::Created,
                        updated_at: event.data.get("updated_at").and_then(Value::as_u64),
                    });
                }
            }
            (InboxEvent::VisitorsCount { count: Some(count) }, _) => {
                let count = u32::try_from(*count).unwrap_or(u32::MAX);
                let previous = state.visitors.replace(count);
                if settings.events.visitors_count_changed {
                    if let Some(previous) = previous.filter(|previous| *previous != count) {
                        events.push(MonitorEvent::VisitorsCountChanged {
                            count,
                            active: event
                                .data
                                .get("visitors_active")
                                .and_then(Value::as_u64)
                                .map_or(0, |active| u32::try_from(active).unwrap_or(u32::MAX)),
                            previous,
                        });
                    }
                }
            }
            _ => {}
        }
        let status = status_changed.then(|| self.describe(&state, now_ms()).0);
        if remembered || !events.is_empty() {
            self.keep_memory(&state);
        }
        drop(state);
        let sent = !events.is_empty() || status.is_some();
        for event in events {
            sink(MonitorUpdate::Event(event));
        }
        if let Some(status) = status {
            self.keep(&status);
            sink(MonitorUpdate::Status(status));
        }
        sent
    }
}

/// What the window needs of a socket event to update what it shows; `None` for events it does not show (unknown
/// names, receipts other than reads, events without their conversation or profile).
pub(crate) fn live_change(event: &RtmEvent) -> Option<LiveChange> {
    let session_id = event.session_id.clone();
    let change = match &event.kind {
        InboxEvent::MessageSent(message) | InboxEvent::MessageReceived(message) => {
            LiveChange::MessageAdded {
                session_id: session_id?,
                message: message.clone(),
            }
        }
        InboxEvent::MessageUpdated {
            fingerprint,
            content,
        } => LiveChange::MessageUpdated {
            session_id: session_id?,
            fingerprint: (*fingerprint)?,
            content: content.clone(),
        },
        InboxEvent::MessageRemoved { fingerprint } => LiveChange::MessageRemoved {
            session_id: session_id?,
            fingerprint: (*fingerprint)?,
        },
        InboxEvent::Compose {
            from,
            state,
            excerpt,
        } => LiveChange::Composing {
            session_id: session_id?,
            from: from.clone(),
            typing: state.as_deref() != Some("stop"),
            excerpt: excerpt.clone(),
        },
        InboxEvent::Receipt {
            receipt: receipt @ (Receipt::ReadByVisitor | Receipt::ReadByOperator),
            fingerprints,
            ..
        } => LiveChange::MessagesRead {
            session_id: session_id?,
            by: if *receipt == Receipt::ReadByVisitor {
                Sender::User
            } else {
                Sender::Operator
            },
            fingerprints: fingerprints.clone(),
        },
        InboxEvent::Session { change } => LiveChange::ConversationChanged {
            session_id: session_id?,
            change: change.clone(),
            data: event.data.clone(),
        },
        InboxEvent::SessionRemoved => LiveChange::ConversationRemoved {
            session_id: session_id?,
        },
        InboxEvent::Profile { change, people_id } => LiveChange::ProfileChanged {
            people_id: people_id.clone()?,
            change: match change {
                ProfileChange::Created => ProfileChangeKind::Created,
                ProfileChange::Updated => ProfileChangeKind::Updated,
                ProfileChange::Removed => ProfileChangeKind::Removed,
            },
            data: event.data.clone(),
        },
        InboxEvent::VisitorsCount { count } => LiveChange::VisitorsCount {
            count: u32::try_from((*count)?).unwrap_or(u32::MAX),
            active: event
                .data
                .get("visitors_active")
                .and_then(Value::as_u64)
                .map(|active| u32::try_from(active).unwrap_or(u32::MAX)),
        },
        InboxEvent::Receipt { .. } | InboxEvent::Unknown => return None,
    };
    Some(change)
}

/// Remembers a message the socket reported, so polls skip it; gives whether it was new.
fn remember_message(seen: &mut Seen, message: &Message) -> bool {
    let Some(fingerprint) = message.fingerprint else {
        return false;
    };
    if !seen.remember(fingerprint) {
        return false;
    }
    seen.last_fingerprint = Some(fingerprint);
    if let Some(timestamp) = message.timestamp {
        seen.last_message_at = Some(seen.last_message_at.unwrap_or(0).max(timestamp));
    }
    true
}

/// The string at `path` in `data`.
fn text(data: &Value, path: &[&str]) -> Option<String> {
    path.iter()
        .try_fold(data, |value, key| value.get(*key))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

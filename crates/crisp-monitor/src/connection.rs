//! The monitor: one per connection. `poll_once` is one deterministic poll (tests drive it directly); `spawn` runs
//! polls at the pace of [`crate::interval::pace`] until stopped.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crisp_client::conversations::{Conversation, ConversationState, SearchConversations};
use crisp_client::messages::{ListMessages, Message, MessageBatch, MessageContent, Sender};
use crisp_client::people::{ListPeopleProfiles, PeopleProfile, SortOrder};
use crisp_client::visitors::{CountVisitors, VisitorCount};
use crisp_client::{Client, Error, Lenient, QuotaSnapshot};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

use crisp_client::rtm::{Rtm, RtmConfig};

use crate::event::{Budget, MonitorEvent, MonitorPhase, MonitorStatus, MonitorUpdate, Transport};
use crate::flight::SingleFlight;
use crate::interval::{next_reset_ms, pace, reserve, Pace, PaceInput, PaceReason, MAX_STRIKES};
use crate::memory::{
    away_summary, MemoryKeeper, MonitorMemory, RememberedConversation, SocketObserver,
    MAX_REMEMBERED,
};
use crate::notify::{escape_markup, Notification, Notifier, SilentNotifier};
use crate::settings::MonitorSettings;

mod socket;

use socket::SocketState;

/// Conversations asked for per page (Crisp's largest page).
const PER_PAGE: u32 = 50;
/// The most conversation pages one poll reads when many changed at once (fewer when the day's budget cannot pay
/// for them): past it the rest are reported as one [`MonitorEvent::ManyConversationsChanged`], never dropped silently.
pub const MAX_PAGES_PER_POLL: u32 = 6;
/// The most message batches read for one changed conversation in one poll.
const MAX_BATCHES_PER_CONVERSATION: u32 = 5;
/// Conversations remembered; the least recently updated are forgotten beyond this.
const MAX_TRACKED: usize = 2_000;
/// Fingerprints remembered per conversation.
const MAX_FINGERPRINTS: usize = 64;
/// Longest excerpt, in characters.
const EXCERPT_CHARS: usize = 140;
/// How long after sending `authentication` the catch-up poll waits, so Crisp has taken it (it acknowledges
/// nothing) and anything the poll does not see is pushed.
pub const AUTHENTICATION_SETTLE: Duration = Duration::from_millis(1500);

/// What one poll produced.
#[derive(Debug, Clone, PartialEq)]
pub struct PollReport {
    /// The events, in the order they happened per conversation.
    pub events: Vec<MonitorEvent>,
    /// Notifications shown.
    pub notifications: Vec<Notification>,
    /// Requests the poll sent (retries not counted).
    pub requests: u32,
    /// The status after the poll.
    pub status: MonitorStatus,
}

/// What the monitor remembers of a conversation.
#[derive(Debug, Clone, Default)]
struct Seen {
    state: Option<ConversationState>,
    updated_at: u64,
    last_fingerprint: Option<i64>,
    last_message_at: Option<u64>,
    fingerprints: VecDeque<i64>,
    unread: u32,
}

impl Seen {
    fn remember(&mut self, fingerprint: i64) -> bool {
        if self.fingerprints.contains(&fingerprint) {
            return false;
        }
        if self.fingerprints.len() >= MAX_FINGERPRINTS {
            self.fingerprints.pop_front();
        }
        self.fingerprints.push_back(fingerprint);
        true
    }
}

#[derive(Debug, Default)]
struct State {
    /// Newest conversation `updated_at` seen; `None` until the first poll.
    cursor: Option<u64>,
    conversations: HashMap<String, Seen>,
    /// Newest people profile `updated_at` seen; `None` until people are first polled.
    people_cursor: Option<u64>,
    people_seen: HashSet<String>,
    /// False once Crisp refused to sort people by update time.
    people_unsupported: bool,
    visitors: Option<u32>,
    strikes: u32,
    quota_spent_until_ms: Option<u64>,
    /// Requests per poll, averaged over recent polls.
    requests_per_poll: f64,
    last_poll_at_ms: Option<u64>,
    last_error: Option<String>,
    phase: Option<MonitorPhase>,
    /// Where the real-time socket stands, when the monitor has one.
    socket: SocketState,
    /// Started from a memory and not caught up yet: visitor messages found are summed up in one notification.
    catching_up: bool,
    /// What the catch-up found so far: visitor messages and conversations, and the newest notification.
    away: Option<(u32, u32, Notification)>,
}

impl State {
    /// The memory to keep: cursors and the most recently changed conversations.
    fn memory(&self) -> MonitorMemory {
        let mut conversations: Vec<RememberedConversation> = self
            .conversations
            .iter()
            .map(|(session_id, seen)| RememberedConversation {
                session_id: session_id.clone(),
                state: seen.state.clone(),
                updated_at: seen.updated_at,
                last_fingerprint: seen.last_fingerprint,
                last_message_at: seen.last_message_at,
                fingerprints: seen.fingerprints.iter().copied().collect(),
                unread: seen.unread,
            })
            .collect();
        let recency = |c: &RememberedConversation| c.updated_at.max(c.last_message_at.unwrap_or(0));
        conversations.sort_by(|a, b| {
            recency(b)
                .cmp(&recency(a))
                .then_with(|| a.session_id.cmp(&b.session_id))
        });
        conversations.truncate(MAX_REMEMBERED);
        MonitorMemory {
            cursor: self.cursor,
            people_cursor: self.people_cursor,
            conversations,
        }
    }
}

/// Why a poll stopped early.
enum Stop {
    RateLimited(String),
    QuotaSpent,
    Failed(String),
}

impl From<Error> for Stop {
    fn from(error: Error) -> Self {
        match error {
            Error::QuotaExceeded { .. } => Stop::QuotaSpent,
            Error::RateLimited { .. } => Stop::RateLimited(error.to_string()),
            other => Stop::Failed(other.to_string()),
        }
    }
}

/// Watches one connection's website.
pub struct ConnectionMonitor {
    client: Client,
    website_id: String,
    settings: Mutex<MonitorSettings>,
    notifier: Arc<dyn Notifier>,
    state: tokio::sync::Mutex<State>,
    /// Last status, readable without waiting for a poll in flight.
    status: Mutex<Option<MonitorStatus>>,
    conversations: SingleFlight<Vec<Conversation>>,
    messages: SingleFlight<MessageBatch>,
    people: SingleFlight<Vec<PeopleProfile>>,
    visitors: SingleFlight<VisitorCount>,
    wake: Notify,
    /// The real-time socket to use while it is up; `None` polls only.
    rtm: Option<RtmConfig>,
    /// The wait between sending `authentication` and the catch-up poll.
    authentication_settle: Duration,
    /// Keeps the memory between runs, when the app asked.
    keeper: Option<MemoryKeeper>,
    /// Sees every socket event as it arrived, when the app asked.
    socket_observer: Option<SocketObserver>,
}

impl std::fmt::Debug for ConnectionMonitor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConnectionMonitor")
            .field("website_id", &self.website_id)
            .finish_non_exhaustive()
    }
}

impl ConnectionMonitor {
    /// A monitor of `website_id` through `client` (whose scheduler it shares with every other request of the
    /// connection), showing no notifications until [`ConnectionMonitor::with_notifier`].
    pub fn new(client: Client, website_id: impl Into<String>, settings: MonitorSettings) -> Self {
        ConnectionMonitor {
            client,
            website_id: website_id.into(),
            settings: Mutex::new(settings),
            notifier: Arc::new(SilentNotifier),
            state: tokio::sync::Mutex::new(State {
                requests_per_poll: 1.0,
                ..State::default()
            }),
            status: Mutex::new(None),
            conversations: SingleFlight::new(),
            messages: SingleFlight::new(),
            people: SingleFlight::new(),
            visitors: SingleFlight::new(),
            wake: Notify::new(),
            rtm: None,
            authentication_settle: AUTHENTICATION_SETTLE,
            keeper: None,
            socket_observer: None,
        }
    }

    /// Starts from what an earlier run remembered ([`ConnectionMonitor::memory`]): the first poll reads what
    /// changed since its cursor (with the usual paging and budget rules) instead of only setting the cursor, skips
    /// the messages it already reported, and sums up the visitor messages it finds in one notification ("12 new
    /// messages while you were away"). A memory without a cursor changes nothing.
    pub fn with_memory(mut self, memory: MonitorMemory) -> Self {
        {
            let state = self.state.get_mut();
            state.catching_up = memory.cursor.is_some();
            state.cursor = memory.cursor;
            state.people_cursor = memory.people_cursor;
            for remembered in memory.conversations {
                let mut fingerprints: VecDeque<i64> = remembered.fingerprints.into();
                while fingerprints.len() > MAX_FINGERPRINTS {
                    fingerprints.pop_front();
                }
                state.conversations.insert(
                    remembered.session_id,
                    Seen {
                        state: remembered.state,
                        updated_at: remembered.updated_at,
                        last_fingerprint: remembered.last_fingerprint,
                        last_message_at: remembered.last_message_at,
                        fingerprints,
                        unread: remembered.unread,
                    },
                );
            }
        }
        self
    }

    /// Hands the monitor's memory to `keeper` after every poll and every socket message it reports, so the app
    /// can keep it between runs.
    pub fn with_memory_keeper(mut self, keeper: MemoryKeeper) -> Self {
        self.keeper = Some(keeper);
        self
    }

    /// Hands every socket event to `observer` as it arrived, before the monitor reads it (the app keeps message
    /// payloads in its store).
    pub fn with_socket_observer(mut self, observer: SocketObserver) -> Self {
        self.socket_observer = Some(observer);
        self
    }

    /// What the monitor remembers now (cursors, recent conversations and reported fingerprints).
    pub async fn memory(&self) -> MonitorMemory {
        self.state.lock().await.memory()
    }

    fn keep_memory(&self, state: &State) {
        if let Some(keeper) = &self.keeper {
            keeper(state.memory());
        }
    }

    /// Uses Crisp's real-time socket while it is up: the running loop then stops polling and turns socket events
    /// into the same [`MonitorEvent`]s, polling again (at the pace) while the socket is down, with one catch-up
    /// poll after every (re)connect.
    pub fn with_socket(mut self, config: RtmConfig) -> Self {
        self.rtm = Some(config);
        self
    }

    /// Waits `settle` (instead of [`AUTHENTICATION_SETTLE`]) between sending the socket's `authentication` and the
    /// catch-up poll: about the longest the server takes to start pushing after it.
    pub fn with_authentication_settle(mut self, settle: Duration) -> Self {
        self.authentication_settle = settle;
        self
    }

    /// Shows notifications through `notifier`.
    pub fn with_notifier(mut self, notifier: Arc<dyn Notifier>) -> Self {
        self.notifier = notifier;
        self
    }

    /// The watched website.
    pub fn website_id(&self) -> &str {
        &self.website_id
    }

    /// The current settings.
    pub fn settings(&self) -> MonitorSettings {
        *self.settings.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Changes the settings; a running loop re-plans its next poll at once.
    pub fn set_settings(&self, settings: MonitorSettings) {
        *self.settings.lock().unwrap_or_else(PoisonError::into_inner) = settings;
        self.wake.notify_one();
    }

    /// Asks a running loop to re-plan now (e.g. the window gained focus); the pace still applies.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Forgets a spent quota and rate-limit strikes, so the next poll is sent (the user asked to try again).
    pub async fn resume(&self) {
        let mut state = self.state.lock().await;
        state.quota_spent_until_ms = None;
        state.strikes = 0;
        drop(state);
        self.wake.notify_one();
    }

    /// The status now (settings and budget as they are); while a poll is in flight, the status of the last one.
    pub fn status(&self) -> MonitorStatus {
        if let Ok(state) = self.state.try_lock() {
            let (status, _) = self.describe(&state, now_ms());
            self.keep(&status);
            return status;
        }
        let cached = self
            .status
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        cached.unwrap_or_else(|| self.describe(&State::default(), now_ms()).0)
    }

    /// The pace and status `state` leads to at `now`.
    fn describe(&self, state: &State, now: u64) -> (MonitorStatus, Pace) {
        let settings = self.settings();
        let quota = self.client.quota();
        let pace = pace(&PaceInput {
            quota: quota.clone(),
            focused: settings.focused,
            now_ms: now,
            requests_per_poll: state.requests_per_poll.ceil().max(1.0) as u32,
            strikes: state.strikes,
            quota_spent_until_ms: state.quota_spent_until_ms,
        });
        let phase = if !settings.enabled {
            MonitorPhase::Off
        } else {
            match pace.reason {
                PaceReason::QuotaSpent => MonitorPhase::QuotaSpent,
                PaceReason::BudgetReserved => MonitorPhase::BudgetReserved,
                _ => state.phase.unwrap_or(MonitorPhase::Starting),
            }
        };
        let interval_ms = u64::try_from(pace.wait.as_millis()).unwrap_or(u64::MAX);
        let live = state.socket.live;
        let next_poll_at_ms = match (settings.enabled, state.last_poll_at_ms) {
            (false, _) => None,
            (true, _) if live => None,
            // Crisp's wait is measured from now, not from the last poll: never check before it ends.
            (true, _) if pace.reason == PaceReason::SharedBackoff => {
                Some(now.saturating_add(interval_ms))
            }
            (true, Some(last)) if !pace.is_paused() => Some(last.saturating_add(interval_ms)),
            (true, _) => Some(now.saturating_add(interval_ms)),
        };
        let budget = Budget {
            tier: quota.tier,
            used_today: quota.used_today,
            daily_budget: quota.daily_budget,
            remaining_today: quota
                .daily_budget
                .map(|budget| budget.saturating_sub(quota.used_today)),
            reserved: quota.daily_budget.map(reserve),
            resets_at_ms: next_reset_ms(now),
        };
        let status = MonitorStatus {
            phase,
            pace: pace.reason,
            budget,
            interval_ms,
            last_poll_at_ms: state.last_poll_at_ms,
            next_poll_at_ms,
            last_error: state.last_error.clone(),
            backoff_until_ms: quota.backoff_until_ms,
            unread_conversations: state
                .conversations
                .values()
                .filter(|seen| seen.unread > 0)
                .count() as u32,
            transport: if live {
                Transport::Live
            } else if state.socket.connecting {
                Transport::Connecting
            } else {
                Transport::Polling
            },
            socket_down_since_ms: state.socket.down_since_ms,
            socket_retry_at_ms: state.socket.retry_at_ms,
            socket_problem: state.socket.problem.clone(),
        };
        (status, pace)
    }

    /// One poll: changed conversations (and their new messages), people and the visitors count, as the settings
    /// ask. The first poll only sets the cursors. While the quota is spent (until the reset) it sends nothing.
    pub async fn poll_once(&self) -> PollReport {
        let mut state = self.state.lock().await;
        let settings = self.settings();
        let now = now_ms();
        let mut report = PollReport {
            events: Vec::new(),
            notifications: Vec::new(),
            requests: 0,
            status: self.describe(&state, now).0,
        };
        let spent = state.quota_spent_until_ms.is_some_and(|until| until > now);
        if !settings.enabled || spent {
            let (status, _) = self.describe(&state, now);
            self.keep(&status);
            report.status = status;
            return report;
        }
        let outcome = self.poll_steps(&mut state, &settings, &mut report).await;
        let now = now_ms();
        state.last_poll_at_ms = Some(now);
        match outcome {
            Ok(()) => {
                state.strikes = state.strikes.saturating_sub(1);
                state.quota_spent_until_ms = None;
                state.last_error = None;
                state.phase = Some(if state.strikes > 0 {
                    MonitorPhase::BackingOff
                } else {
                    MonitorPhase::Watching
                });
            }
            Err(Stop::RateLimited(message)) => {
                tracing::info!(website_id = %self.website_id, "rate limited: the monitor slows down");
                state.strikes = (state.strikes + 1).min(MAX_STRIKES);
                state.last_error = Some(message);
                state.phase = Some(MonitorPhase::BackingOff);
            }
            Err(Stop::QuotaSpent) => {
                tracing::info!(website_id = %self.website_id, "daily quota spent: the monitor stops until the reset");
                state.quota_spent_until_ms = Some(next_reset_ms(now));
                state.last_error =
                    Some("Crisp says the daily request quota of this token is spent".to_owned());
                state.phase = Some(MonitorPhase::QuotaSpent);
            }
            Err(Stop::Failed(message)) => {
                tracing::warn!(website_id = %self.website_id, error = %message, "a poll failed");
                state.strikes = (state.strikes + 1).min(MAX_STRIKES);
                state.last_error = Some(message);
                state.phase = Some(MonitorPhase::Failing);
            }
        }
        if report.requests > 0 {
            state.requests_per_poll =
                state.requests_per_poll * 0.75 + f64::from(report.requests) * 0.25;
        }
        if state.catching_up {
            self.notify_away(&mut state, &settings, &mut report);
        }
        self.keep_memory(&state);
        let (status, _) = self.describe(&state, now);
        self.keep(&status);
        report.status = status;
        report
    }

    /// Ends a catch-up once a poll got through: what it found while the app was closed becomes one notification.
    fn notify_away(&self, state: &mut State, settings: &MonitorSettings, report: &mut PollReport) {
        if state.last_error.is_none() {
            state.catching_up = false;
        }
        let Some((messages, conversations, newest)) = state.away.take() else {
            return;
        };
        if !settings.notifies() {
            return;
        }
        let (title, body) = away_summary(messages, conversations);
        let notification = Notification {
            title,
            body,
            messages,
            ..newest
        };
        if let Err(error) = self.notifier.notify(&notification) {
            tracing::warn!(%error, "a notification could not be shown");
        }
        report.notifications.push(notification);
    }

    fn keep(&self, status: &MonitorStatus) {
        *self.status.lock().unwrap_or_else(PoisonError::into_inner) = Some(status.clone());
    }

    async fn poll_steps(
        &self,
        state: &mut State,
        settings: &MonitorSettings,
        report: &mut PollReport,
    ) -> Result<(), Stop> {
        if settings.events.needs_conversations(settings.notifications) {
            self.poll_conversations(state, settings, report).await?;
        }
        if settings.events.people_profile_changed && !state.people_unsupported {
            self.poll_people(state, report).await?;
        }
        if settings.events.visitors_count_changed {
            self.poll_visitors(state, report).await?;
        }
        Ok(())
    }

    async fn poll_conversations(
        &self,
        state: &mut State,
        settings: &MonitorSettings,
        report: &mut PollReport,
    ) -> Result<(), Stop> {
        let Some(cursor) = state.cursor else {
            // First poll: remember the most recently updated conversations, announce nothing.
            let page = self.conversation_page(1, None, report).await?;
            let mut newest = 0;
            for conversation in &page {
                if let Some(session_id) = &conversation.session_id {
                    let updated_at = conversation.updated_at.unwrap_or(0);
                    newest = newest.max(updated_at);
                    state
                        .conversations
                        .insert(session_id.clone(), seen_from(conversation));
                }
            }
            state.cursor = Some(newest);
            return Ok(());
        };
        let mut changed: Vec<Conversation> = Vec::new();
        let max_pages = page_cap(&self.client.quota());
        let mut read = 0_u32;
        let mut overflowed = false;
        for page_number in 1..=max_pages {
            let page = self
                .conversation_page(page_number, Some(cursor), report)
                .await?;
            let full = page.len() >= PER_PAGE as usize;
            read += page.len() as u32;
            let mut reached_cursor = false;
            for conversation in page {
                let Some(session_id) = conversation.session_id.as_deref() else {
                    continue;
                };
                let updated_at = conversation.updated_at.unwrap_or(0);
                if updated_at < cursor {
                    reached_cursor = true;
                    continue;
                }
                let is_new = match state.conversations.get(session_id) {
                    Some(seen) => updated_at > seen.updated_at,
                    None => true,
                };
                if is_new
                    && !changed
                        .iter()
                        .any(|c| c.session_id == conversation.session_id)
                {
                    changed.push(conversation);
                }
            }
            if !full || reached_cursor {
                break;
            }
            overflowed = page_number == max_pages;
        }
        if overflowed {
            // Older changes lie beyond the pages this poll may read: say so rather than skip them in silence.
            tracing::info!(website_id = %self.website_id, read, "more conversations changed than one poll reads");
            report
                .events
                .push(MonitorEvent::ManyConversationsChanged { at_least: read });
        }
        // Oldest change first, so events come in the order things happened.
        changed.sort_by_key(|conversation| conversation.updated_at.unwrap_or(0));
        for conversation in changed {
            self.conversation_changed(state, settings, cursor, &conversation, report)
                .await?;
            let updated_at = conversation.updated_at.unwrap_or(0);
            state.cursor = Some(state.cursor.unwrap_or(0).max(updated_at));
        }
        forget_oldest(&mut state.conversations);
        Ok(())
    }

    async fn conversation_page(
        &self,
        page: u32,
        since: Option<u64>,
        report: &mut PollReport,
    ) -> Result<Vec<Conversation>, Stop> {
        let mut request = SearchConversations::new(&self.website_id);
        request.page = page;
        request.per_page = Some(PER_PAGE);
        request.order_date_updated = Some(true);
        request.filter_date_start = since.and_then(iso_millis);
        report.requests += 1;
        Ok(self.conversations.send(&self.client, request).await?)
    }

    async fn conversation_changed(
        &self,
        state: &mut State,
        settings: &MonitorSettings,
        cursor: u64,
        conversation: &Conversation,
        report: &mut PollReport,
    ) -> Result<(), Stop> {
        let Some(session_id) = conversation.session_id.clone() else {
            return Ok(());
        };
        let previous = state.conversations.get(&session_id).cloned();
        let nickname = conversation
            .meta
            .as_ref()
            .and_then(Lenient::known)
            .and_then(|meta| meta.nickname.clone());
        let created = previous.is_none() && conversation.created_at.is_some_and(|at| at > cursor);
        if created && settings.events.conversation_created {
            report.events.push(MonitorEvent::ConversationCreated {
                session_id: session_id.clone(),
                nickname: nickname.clone(),
                email: conversation
                    .meta
                    .as_ref()
                    .and_then(Lenient::known)
                    .and_then(|meta| meta.email.clone()),
                excerpt: conversation.last_message.as_deref().map(excerpt_of),
                state: conversation.state.clone(),
                created_at: conversation.created_at,
            });
        }
        if let (Some(before), Some(now)) = (&previous, &conversation.state) {
            if before.state.as_ref() != Some(now) && settings.events.conversation_state_changed {
                report.events.push(MonitorEvent::ConversationStateChanged {
                    session_id: session_id.clone(),
                    from: before.state.clone(),
                    to: now.clone(),
                });
            }
        }
        let mut seen = previous.clone().unwrap_or_default();
        seen.state = conversation.state.clone();
        seen.updated_at = conversation.updated_at.unwrap_or(seen.updated_at);
        seen.unread = conversation
            .unread
            .as_ref()
            .and_then(Lenient::known)
            .and_then(|unread| unread.operator)
            .unwrap_or(0);
        let latest = conversation
            .preview_message
            .as_ref()
            .and_then(Lenient::known)
            .and_then(|preview| preview.fingerprint);
        let wants_messages = settings.events.visitor_message_received || settings.notifies();
        let new_message = latest.is_none() || latest != seen.last_fingerprint;
        if wants_messages && new_message {
            let after = match &previous {
                Some(before) => before.last_message_at.unwrap_or(before.updated_at),
                None if created => conversation.created_at.unwrap_or(cursor),
                None => cursor,
            };
            let fresh = self
                .new_messages(
                    &session_id,
                    after.saturating_sub(1),
                    latest,
                    &mut seen,
                    report,
                )
                .await?;
            let visitor: Vec<&Message> = fresh
                .iter()
                .filter(|message| message.from == Some(Sender::User))
                .collect();
            if settings.events.visitor_message_received {
                for message in &visitor {
                    report.events.push(MonitorEvent::VisitorMessageReceived {
                        session_id: session_id.clone(),
                        fingerprint: message.fingerprint.unwrap_or_default(),
                        excerpt: message_excerpt(message),
                        nickname: message
                            .user
                            .as_ref()
                            .and_then(Lenient::known)
                            .and_then(|user| user.nickname.clone())
                            .or_else(|| nickname.clone()),
                        timestamp: message.timestamp,
                        unread: seen.unread,
                    });
                }
            }
            if let Some(last) = visitor.last() {
                if settings.notifies() {
                    let more = visitor.len() - 1;
                    let mut body = message_excerpt(last);
                    if more > 0 {
                        body.push_str(&format!(" (+{more} more)"));
                    }
                    let notification = Notification {
                        title: nickname.clone().unwrap_or_else(|| "Visitor".to_owned()),
                        body: escape_markup(&body),
                        website_id: self.website_id.clone(),
                        session_id: session_id.clone(),
                        fingerprint: last.fingerprint.unwrap_or_default(),
                        messages: visitor.len() as u32,
                    };
                    if state.catching_up {
                        // Summed up in one notification when the catch-up ends.
                        let (messages, conversations) = state
                            .away
                            .as_ref()
                            .map_or((0, 0), |(messages, conversations, _)| {
                                (*messages, *conversations)
                            });
                        state.away = Some((
                            messages + notification.messages,
                            conversations + 1,
                            notification,
                        ));
                    } else {
                        if let Err(error) = self.notifier.notify(&notification) {
                            tracing::warn!(%error, "a notification could not be shown");
                        }
                        report.notifications.push(notification);
                    }
                }
            }
        }
        if latest.is_some() {
            seen.last_fingerprint = latest;
        }
        state.conversations.insert(session_id, seen);
        Ok(())
    }

    /// Messages newer than `after` not seen yet, oldest first, until the batch holding `latest`.
    async fn new_messages(
        &self,
        session_id: &str,
        after: u64,
        latest: Option<i64>,
        seen: &mut Seen,
        report: &mut PollReport,
    ) -> Result<Vec<Message>, Stop> {
        let mut fresh = Vec::new();
        let mut after = after;
        for _ in 0..MAX_BATCHES_PER_CONVERSATION {
            let mut request = ListMessages::new(&self.website_id, session_id);
            request.timestamp_after = Some(after);
            report.requests += 1;
            let mut batch = self.messages.send(&self.client, request).await?.messages;
            batch.sort_by_key(|message| message.timestamp.unwrap_or(0));
            let newest = batch.iter().filter_map(|message| message.timestamp).max();
            let mut reached_latest = latest.is_none();
            for message in batch {
                let Some(fingerprint) = message.fingerprint else {
                    continue;
                };
                if Some(fingerprint) == latest {
                    reached_latest = true;
                }
                if let Some(timestamp) = message.timestamp {
                    seen.last_message_at = Some(seen.last_message_at.unwrap_or(0).max(timestamp));
                }
                if seen.remember(fingerprint) {
                    fresh.push(message);
                }
            }
            match newest {
                Some(newest) if !reached_latest && newest > after => after = newest,
                _ => break,
            }
        }
        Ok(fresh)
    }

    async fn poll_people(&self, state: &mut State, report: &mut PollReport) -> Result<(), Stop> {
        let mut request = ListPeopleProfiles::new(&self.website_id);
        request.per_page = Some(PER_PAGE);
        request.sort_field = Some("updated_at".to_owned());
        request.sort_order = Some(SortOrder::Descending);
        report.requests += 1;
        let page = match self.people.send(&self.client, request).await {
            Ok(page) => page,
            Err(Error::Api { status: 400, .. }) => {
                tracing::warn!(
                    "Crisp refuses to sort people by update time: people changes are not watched"
                );
                state.people_unsupported = true;
                return Ok(());
            }
            Err(error) => return Err(error.into()),
        };
        let newest = page
            .iter()
            .filter_map(|profile| profile.updated_at)
            .max()
            .unwrap_or(0);
        let Some(cursor) = state.people_cursor else {
            state.people_cursor = Some(newest);
            state
                .people_seen
                .extend(page.iter().filter_map(|profile| profile.people_id.clone()));
            return Ok(());
        };
        let mut changed: Vec<&PeopleProfile> = page
            .iter()
            .filter(|profile| profile.updated_at.is_some_and(|at| at > cursor))
            .collect();
        changed.sort_by_key(|profile| profile.updated_at.unwrap_or(0));
        for profile in changed {
            let Some(people_id) = profile.people_id.clone() else {
                continue;
            };
            let created = profile.created_at.is_some_and(|at| at > cursor);
            state.people_seen.insert(people_id.clone());
            report.events.push(MonitorEvent::PeopleProfileChanged {
                people_id,
                email: profile.email.clone(),
                nickname: profile
                    .person
                    .as_ref()
                    .and_then(Lenient::known)
                    .and_then(|person| person.nickname.clone()),
                created,
                updated_at: profile.updated_at,
            });
        }
        state.people_cursor = Some(cursor.max(newest));
        Ok(())
    }

    async fn poll_visitors(&self, state: &mut State, report: &mut PollReport) -> Result<(), Stop> {
        report.requests += 1;
        let count = self
            .visitors
            .send(&self.client, CountVisitors::new(&self.website_id))
            .await?;
        let now = count.count.unwrap_or(0);
        if let Some(previous) = state.visitors {
            if previous != now {
                report.events.push(MonitorEvent::VisitorsCountChanged {
                    count: now,
                    active: count.active.unwrap_or(0),
                    previous,
                });
            }
        }
        state.visitors = Some(now);
        Ok(())
    }

    /// Runs polls at the pace until the handle is stopped or dropped, handing every event and status to `sink`.
    pub fn spawn<F>(self: Arc<Self>, sink: F) -> MonitorHandle
    where
        F: Fn(MonitorUpdate) + Send + Sync + 'static,
    {
        let monitor = Arc::clone(&self);
        let task = tokio::spawn(async move { monitor.run(sink).await });
        MonitorHandle { task }
    }

    /// The watch loop (what [`ConnectionMonitor::spawn`] runs): polls at the pace, or, with a socket
    /// ([`ConnectionMonitor::with_socket`]), listens while the socket is live and polls while it is down; never
    /// returns by itself.
    pub async fn run<F>(&self, sink: F)
    where
        F: Fn(MonitorUpdate) + Send + Sync,
    {
        let mut rtm = self.rtm.clone().map(Rtm::connect);
        let mut socket_status = rtm.as_ref().map(Rtm::status);
        let mut status_open = rtm.is_some();
        let mut events_open = rtm.is_some();
        if let Some(status) = &mut socket_status {
            let first = status.borrow_and_update().clone();
            self.socket_status_changed(first, &sink).await;
        }
        let mut last_sent: Option<MonitorStatus> = None;
        loop {
            let settings = self.settings();
            let status = self.status();
            let paused = matches!(
                status.pace,
                PaceReason::QuotaSpent | PaceReason::BudgetReserved
            );
            let due = match (
                settings.enabled,
                status.last_poll_at_ms,
                status.next_poll_at_ms,
            ) {
                (false, _, _) => None,
                (true, _, _) if status.transport == Transport::Live => None,
                (true, None, _) if !paused => Some(0),
                (true, _, None) => Some(0),
                (true, _, Some(at)) => Some(at.saturating_sub(now_ms())),
            };
            if due == Some(0) {
                let report = self.poll_once().await;
                for event in report.events {
                    sink(MonitorUpdate::Event(event));
                }
                last_sent = Some(report.status.clone());
                sink(MonitorUpdate::Status(report.status));
                continue;
            }
            if due.is_none() && last_sent.as_ref() != Some(&status) {
                last_sent = Some(status.clone());
                sink(MonitorUpdate::Status(status));
            }
            let wait = async {
                match due {
                    Some(wait) => tokio::time::sleep(Duration::from_millis(wait)).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                () = wait => {}
                () = self.wake.notified() => {
                    let status = self.describe(&*self.state.lock().await, now_ms()).0;
                    self.keep(&status);
                    last_sent = Some(status.clone());
                    sink(MonitorUpdate::Status(status));
                }
                changed = async {
                    match &mut socket_status {
                        Some(status) => status.changed().await.map(|()| status.borrow_and_update().clone()),
                        None => std::future::pending().await,
                    }
                }, if status_open => match changed {
                    Ok(now) => {
                        self.socket_status_changed(now, &sink).await;
                        last_sent = None;
                    }
                    Err(_) => status_open = false,
                },
                event = async {
                    match &mut rtm {
                        Some(rtm) => rtm.next_event().await,
                        None => std::future::pending().await,
                    }
                }, if events_open => match event {
                    Some(event) => {
                        if let Some(observer) = &self.socket_observer {
                            observer(&event);
                        }
                        if self.socket_event(&event, &sink).await {
                            last_sent = None;
                        }
                    }
                    None => events_open = false,
                },
            }
        }
    }
}

/// A running watch loop; dropping it stops the loop.
#[derive(Debug)]
pub struct MonitorHandle {
    task: JoinHandle<()>,
}

impl MonitorHandle {
    /// Stops the loop (a poll in flight is abandoned; nothing it wrote is half-done).
    pub fn stop(self) {
        self.task.abort();
    }

    /// Whether the loop has ended.
    pub fn is_finished(&self) -> bool {
        self.task.is_finished()
    }
}

impl Drop for MonitorHandle {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Conversation pages one poll may read: [`MAX_PAGES_PER_POLL`], fewer when what is left of the day's usable
/// budget (the reserve kept apart) cannot pay for a full page of changed conversations each needing its messages.
fn page_cap(quota: &QuotaSnapshot) -> u32 {
    let Some(budget) = quota.daily_budget else {
        return MAX_PAGES_PER_POLL;
    };
    let usable_left = budget
        .saturating_sub(reserve(budget))
        .saturating_sub(quota.used_today);
    (usable_left / (PER_PAGE + 1)).clamp(1, MAX_PAGES_PER_POLL)
}

fn seen_from(conversation: &Conversation) -> Seen {
    Seen {
        state: conversation.state.clone(),
        updated_at: conversation.updated_at.unwrap_or(0),
        last_fingerprint: conversation
            .preview_message
            .as_ref()
            .and_then(Lenient::known)
            .and_then(|preview| preview.fingerprint),
        last_message_at: None,
        fingerprints: conversation
            .preview_message
            .as_ref()
            .and_then(Lenient::known)
            .and_then(|preview| preview.fingerprint)
            .into_iter()
            .collect(),
        unread: conversation
            .unread
            .as_ref()
            .and_then(Lenient::known)
            .and_then(|unread| unread.operator)
            .unwrap_or(0),
    }
}

/// Forgets the least recently updated conversations beyond [`MAX_TRACKED`].
fn forget_oldest(conversations: &mut HashMap<String, Seen>) {
    if conversations.len() <= MAX_TRACKED {
        return;
    }
    let mut by_age: Vec<(u64, String)> = conversations
        .iter()
        .map(|(id, seen)| (seen.updated_at, id.clone()))
        .collect();
    by_age.sort();
    let excess = conversations.len() - MAX_TRACKED;
    for (_, id) in by_age.into_iter().take(excess) {
        conversations.remove(&id);
    }
}

/// A short, single-line text of a message.
pub fn message_excerpt(message: &Message) -> String {
    let text = match &message.content {
        Some(MessageContent::Text(text)) => text.clone(),
        Some(MessageContent::File(file)) => format!("[file] {}", file.name),
        Some(MessageContent::Audio(_)) => "[voice message]".to_owned(),
        Some(MessageContent::Animation(_)) => "[animation]".to_owned(),
        Some(MessageContent::Picker(picker)) => picker.text.clone(),
        Some(MessageContent::Field(field)) => field.text.clone(),
        Some(MessageContent::Carousel(carousel)) => carousel.text.clone(),
        Some(MessageContent::Event(event)) => event
            .text
            .clone()
            .unwrap_or_else(|| event.namespace.clone()),
        Some(MessageContent::Other(_)) | None => "[message]".to_owned(),
    };
    excerpt_of(&text)
}

/// `text` on one line, at most [`EXCERPT_CHARS`] characters (an ellipsis marks a cut).
pub fn excerpt_of(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= EXCERPT_CHARS {
        return line;
    }
    let mut cut: String = line.chars().take(EXCERPT_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// `ms` as an ISO 8601 instant with milliseconds (`filter_date_start`).
fn iso_millis(ms: u64) -> Option<String> {
    let ms = i64::try_from(ms).ok()?;
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|since| u64::try_from(since.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_one_line_and_cut_with_an_ellipsis() {
        assert_eq!(
            excerpt_of("Hello\n  there"),
            "Hello there",
            "whitespace collapses to one line"
        );
        let long = "é".repeat(500);
        let cut = excerpt_of(&long);
        assert_eq!(
            cut.chars().count(),
            EXCERPT_CHARS,
            "long texts are cut to the limit"
        );
        assert!(cut.ends_with('…'), "a cut is marked");
    }

    #[test]
    fn a_poll_reads_no_more_pages_than_the_days_budget_pays_for() {
        let quota = |tier: crisp_client::Tier, used_today| QuotaSnapshot {
            tier,
            used_today,
            daily_budget: tier.daily_budget(),
            backoff_until_ms: None,
        };
        assert_eq!(
            page_cap(&quota(crisp_client::Tier::User, 100_000)),
            MAX_PAGES_PER_POLL,
            "user tokens have no daily budget"
        );
        assert_eq!(
            page_cap(&quota(crisp_client::Tier::Plugin, 0)),
            MAX_PAGES_PER_POLL,
            "a fresh plugin budget pays for every page"
        );
        assert_eq!(
            page_cap(&quota(
                crisp_client::Tier::Plugin,
                4_500 - 2 * (PER_PAGE + 1)
            )),
            2,
            "two pages (and their conversations' messages) are all that is left before the reserve"
        );
        assert_eq!(
            page_cap(&quota(crisp_client::Tier::Plugin, 4_499)),
            1,
            "the first page is always read (the pace pauses polls once the reserve is reached)"
        );
    }

    #[test]
    fn filter_dates_are_iso_with_milliseconds() {
        assert_eq!(
            iso_millis(1_721_459_038_274).as_deref(),
            Some("2024-07-20T07:03:58.274Z"),
            "Crisp takes ISO 8601 dates in filters"
        );
    }
}

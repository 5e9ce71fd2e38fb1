//! The monitor on Crisp's real-time socket: no polling while live, polling while down, one catch-up poll after a
//! reconnect, and one report (and notification) per visitor message whichever way it was seen.

use std::sync::Arc;
use std::time::Duration;

use crisp_client::messages::{MessageContent, SendMessage, SendMessageBody, Sender};
use crisp_client::rtm::{Reconnect, RtmConfig};
use crisp_client::{ApiKey, ClientConfig, Credentials, Tier};
use crisp_monitor::{
    ConnectionMonitor, LiveChange, MonitorEvent, MonitorHandle, MonitorSettings, MonitorStatus,
    MonitorUpdate, RecordingNotifier, Transport,
};
use serde_json::Value;
use tokio::sync::mpsc;

use crate::slow_proxy::SlowProxy;
use crate::support::World;

/// How long any awaited step may take before the test fails (polls are 5 s apart while the socket is down).
const PATIENCE: Duration = Duration::from_secs(20);

/// The socket of `world`'s token, reconnecting within 20–50 ms.
fn socket_of(world: &World) -> RtmConfig {
    let info = world.sandbox.info();
    let mut config = RtmConfig::new(ClientConfig::new(Credentials {
        identifier: info.identifier,
        key: ApiKey::from(info.key),
        tier: Tier::User,
    }));
    config.client.base_url = info.base_url;
    config.reconnect = Reconnect {
        min: Duration::from_millis(20),
        max: Duration::from_millis(50),
        randomization: 0.75,
    };
    config
}

/// The socket of `world`'s token through a proxy that holds what the app sends for `delay` (its handshake and its
/// `authentication` included); the proxy runs while it is kept.
async fn slow_socket_of(world: &World, delay: Duration) -> (SlowProxy, RtmConfig) {
    let server = world
        .sandbox
        .info()
        .base_url
        .trim_start_matches("http://")
        .to_owned();
    let proxy = SlowProxy::start(server, delay).await;
    let mut socket = socket_of(world);
    socket.socket_url = Some(format!("http://{}/rtm/", proxy.addr));
    (proxy, socket)
}

/// A running monitor with a socket, and what it hands the app.
struct Watch {
    monitor: Arc<ConnectionMonitor>,
    notifier: Arc<RecordingNotifier>,
    updates: mpsc::UnboundedReceiver<MonitorUpdate>,
    _handle: MonitorHandle,
}

impl Watch {
    fn start(world: &World, socket: RtmConfig) -> Watch {
        let (monitor, notifier) = world.monitor(MonitorSettings::default());
        let monitor = Arc::new(monitor.with_socket(socket));
        let (sender, updates) = mpsc::unbounded_channel();
        let handle = Arc::clone(&monitor).spawn(move |update| {
            let _ = sender.send(update);
        });
        Watch {
            monitor,
            notifier,
            updates,
            _handle: handle,
        }
    }

    /// A monitor on `world`'s socket, once it is live and the sandbox has taken its `authentication` (Crisp
    /// acknowledges none); gives the live status too.
    async fn live(world: &World) -> (Watch, MonitorStatus) {
        let mut watch = Watch::start(world, socket_of(world));
        let live = watch
            .status_until("the monitor goes live", |status| {
                status.transport == Transport::Live
            })
            .await;
        world.sandbox.rtm_wait_authenticated(1).await;
        (watch, live)
    }

    /// The fingerprints notified so far, in order.
    fn notified(&self) -> Vec<i64> {
        self.notifier
            .notifications()
            .iter()
            .map(|notification| notification.fingerprint)
            .collect()
    }

    /// The next update satisfying `wanted`; every update skipped on the way goes to `skipped`.
    async fn until(
        &mut self,
        what: &str,
        skipped: &mut Vec<MonitorUpdate>,
        wanted: impl Fn(&MonitorUpdate) -> bool,
    ) -> MonitorUpdate {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let update = tokio::time::timeout_at(deadline, self.updates.recv())
                .await
                .unwrap_or_else(|_| panic!("{what} in time; skipped {skipped:#?}"))
                .expect("the monitor runs");
            if wanted(&update) {
                return update;
            }
            skipped.push(update);
        }
    }

    /// The first update `pick` takes something from; the updates skipped on the way are dropped.
    async fn first<T>(&mut self, what: &str, pick: impl Fn(&MonitorUpdate) -> Option<T>) -> T {
        let mut skipped = Vec::new();
        let update = self
            .until(what, &mut skipped, |update| pick(update).is_some())
            .await;
        pick(&update).expect("the update was picked")
    }

    async fn status_until(
        &mut self,
        what: &str,
        wanted: impl Fn(&MonitorStatus) -> bool,
    ) -> MonitorStatus {
        self.first(what, |update| match update {
            MonitorUpdate::Status(status) if wanted(status) => Some(status.clone()),
            _ => None,
        })
        .await
    }

    /// The next change the socket forwarded to the window that satisfies `wanted`.
    async fn live_change(
        &mut self,
        what: &str,
        wanted: impl Fn(&LiveChange) -> bool,
    ) -> LiveChange {
        self.first(what, |update| match update {
            MonitorUpdate::Live(change) if wanted(change) => Some(change.clone()),
            _ => None,
        })
        .await
    }

    /// The next change the socket forwarded to the window, whatever it is.
    async fn next_live_change(&mut self, what: &str) -> LiveChange {
        self.live_change(what, |_| true).await
    }

    /// Waits for the report of the visitor message `fingerprint`; gives the updates before it.
    async fn message(&mut self, fingerprint: i64) -> Vec<MonitorUpdate> {
        let mut skipped = Vec::new();
        self.until(
            &format!("the visitor message {fingerprint} is reported"),
            &mut skipped,
            |update| is_message(update, fingerprint),
        )
        .await;
        skipped
    }
}

fn is_message(update: &MonitorUpdate, wanted: i64) -> bool {
    matches!(
        update,
        MonitorUpdate::Event(MonitorEvent::VisitorMessageReceived { fingerprint, .. })
            if *fingerprint == wanted
    )
}

/// REST requests in the sandbox's log (the socket lookup included).
async fn rest_requests(world: &World) -> Vec<Value> {
    world.sandbox.requests().await
}

async fn a_session(world: &World) -> String {
    world.new_conversation("Hello, anyone there?").await
}

#[tokio::test]
async fn with_the_socket_live_a_visitor_message_is_reported_once_and_nothing_polls() {
    let world = World::start(crisp_sandbox::Tier::User).await;
    let session = a_session(&world).await;
    let (mut watch, live) = Watch::live(&world).await;
    assert!(
        live.last_poll_at_ms.is_some() && live.next_poll_at_ms.is_none(),
        "one catch-up poll ran before going live, and no poll is planned while live: {live:?}"
    );
    world.sandbox.clear_requests().await;

    let first = world.sandbox.inject_message(&session, "First").await;
    let second = world.sandbox.inject_message(&session, "Second").await;
    let before_first = watch.message(first.fingerprint).await;
    let between = watch.message(second.fingerprint).await;
    assert!(
        !between
            .iter()
            .any(|update| is_message(update, first.fingerprint))
            && !before_first
                .iter()
                .any(|update| is_message(update, second.fingerprint)),
        "each message is reported once, in order: {before_first:?} {between:?}"
    );
    assert_eq!(
        watch.notified(),
        vec![first.fingerprint, second.fingerprint],
        "one notification per message"
    );
    assert_eq!(
        rest_requests(&world).await,
        Vec::<Value>::new(),
        "nothing polls while the socket is live"
    );
}

#[tokio::test]
async fn while_the_socket_is_down_the_monitor_polls_and_is_live_again_after_one_catch_up_poll() {
    let world = World::start(crisp_sandbox::Tier::User).await;
    let session = a_session(&world).await;
    let (mut watch, _) = Watch::live(&world).await;

    world.sandbox.rtm_refuse_sockets(true).await;
    assert_eq!(
        world.sandbox.rtm_drop_sockets().await,
        1,
        "the socket is dropped"
    );
    let down = watch
        .status_until("the monitor polls while the socket is down", |status| {
            status.transport == Transport::Polling && status.socket_retry_at_ms.is_some()
        })
        .await;
    assert!(
        down.socket_down_since_ms.is_some() && down.next_poll_at_ms.is_some(),
        "the status says since when the socket is down and when the next poll is: {down:?}"
    );
    let missed = world
        .sandbox
        .inject_message(&session, "While the socket is down")
        .await;
    watch.message(missed.fingerprint).await;
    assert!(
        rest_requests(&world).await.iter().any(|request| {
            request["method"] == "GET"
                && request["path"]
                    .as_str()
                    .is_some_and(|path| path.contains("/conversations/"))
        }),
        "the message came from polling the conversation list"
    );

    let refused_until = now_ms();
    world.sandbox.rtm_refuse_sockets(false).await;
    let again = watch
        .status_until("the monitor is live again", |status| {
            status.transport == Transport::Live
        })
        .await;
    assert!(
        again.last_poll_at_ms.is_some_and(|at| at >= refused_until),
        "a catch-up poll ran after the reconnect: {again:?}"
    );
    assert_eq!(
        (again.socket_down_since_ms, again.socket_retry_at_ms),
        (None, None),
        "a live socket is neither down nor retrying"
    );
    world.sandbox.rtm_wait_authenticated(1).await;
    world.sandbox.clear_requests().await;
    let after = world.sandbox.inject_message(&session, "Live again").await;
    let skipped = watch.message(after.fingerprint).await;
    assert!(
        !skipped
            .iter()
            .any(|update| is_message(update, missed.fingerprint)),
        "the message seen while down is not reported again: {skipped:?}"
    );
    assert_eq!(
        rest_requests(&world).await,
        Vec::<Value>::new(),
        "nothing polls once live again"
    );
}

#[tokio::test]
async fn a_visitor_message_seen_by_the_socket_and_a_poll_is_reported_and_notified_once() {
    let world = World::start(crisp_sandbox::Tier::User).await;
    let session = a_session(&world).await;
    let (mut watch, _) = Watch::live(&world).await;

    // The socket first, then a poll.
    let by_socket = world.sandbox.inject_message(&session, "Socket first").await;
    watch.message(by_socket.fingerprint).await;
    let poll = watch.monitor.poll_once().await;
    assert!(
        poll.events.is_empty() && poll.notifications.is_empty(),
        "a poll does not report what the socket reported: {poll:?}"
    );

    // A poll first, then the (delayed) socket event; the next message's event, delayed as long, comes after it.
    world
        .sandbox
        .rtm_delay_events(Duration::from_millis(300))
        .await;
    let by_poll = world.sandbox.inject_message(&session, "Poll first").await;
    let poll = watch.monitor.poll_once().await;
    assert!(
        poll.events.iter().any(|event| matches!(
            event,
            MonitorEvent::VisitorMessageReceived { fingerprint, .. } if *fingerprint == by_poll.fingerprint
        )),
        "the poll reports the message before the socket does: {poll:?}"
    );
    let next = world.sandbox.inject_message(&session, "Next").await;
    let skipped = watch.message(next.fingerprint).await;
    assert!(
        !skipped
            .iter()
            .any(|update| is_message(update, by_poll.fingerprint)),
        "the socket does not report what the poll reported: {skipped:?}"
    );

    assert_eq!(
        watch.notified(),
        vec![by_socket.fingerprint, by_poll.fingerprint, next.fingerprint],
        "one notification per message, whichever way it was seen"
    );
}

fn now_ms() -> u64 {
    u64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("after 1970")
            .as_millis(),
    )
    .expect("fits")
}

#[tokio::test]
async fn a_socket_that_refuses_the_keypair_leaves_the_monitor_polling_and_says_why() {
    let world = World::start(crisp_sandbox::Tier::User).await;
    let mut socket = socket_of(&world);
    socket.client.credentials.key = ApiKey::from("not-the-key".to_owned());
    let mut watch = Watch::start(&world, socket);
    let refused = watch
        .status_until("the socket is refused", |status| {
            status.socket_problem.is_some()
        })
        .await;
    assert_eq!(
        refused.transport,
        Transport::Polling,
        "the monitor polls: {refused:?}"
    );
    assert!(
        refused
            .socket_problem
            .as_deref()
            .is_some_and(|problem| problem.contains("refused this keypair")),
        "the status says why: {refused:?}"
    );
    let session = a_session(&world).await;
    let polled = watch
        .status_until("a poll ends after the refusal", |status| {
            status.last_poll_at_ms.is_some()
        })
        .await;
    assert!(polled.next_poll_at_ms.is_some(), "polls go on: {polled:?}");
    let message = world.sandbox.inject_message(&session, "Still heard").await;
    watch.message(message.fingerprint).await;
}

#[tokio::test]
async fn with_the_socket_live_state_people_visitors_and_read_receipts_update_as_the_poller_would() {
    let world = World::start(crisp_sandbox::Tier::User).await;
    let session = a_session(&world).await;
    let (mut watch, _) = Watch::live(&world).await;
    let mut settings = MonitorSettings::default();
    settings.events.people_profile_changed = true;
    settings.events.visitors_count_changed = true;
    watch.monitor.set_settings(settings);
    let emit = |event: &'static str, data: Value| {
        let sandbox = &world.sandbox;
        async move { sandbox.rtm_emit(event, data).await }
    };
    let mut skipped = Vec::new();

    let message = world.sandbox.inject_message(&session, "Unread").await;
    watch.message(message.fingerprint).await;
    watch
        .status_until("the conversation counts as unread", |status| {
            status.unread_conversations >= 1
        })
        .await;
    let unread = watch.monitor.status().unread_conversations;

    emit(
        "session:set_state",
        serde_json::json!({ "session_id": session, "state": "resolved" }),
    )
    .await;
    let changed = watch
        .until("the state change is reported", &mut skipped, |update| {
            matches!(
                update,
                MonitorUpdate::Event(MonitorEvent::ConversationStateChanged { .. })
            )
        })
        .await;
    assert!(
        matches!(
            &changed,
            MonitorUpdate::Event(MonitorEvent::ConversationStateChanged { session_id, from, to })
                if *session_id == session
                    && *to == crisp_client::conversations::ConversationState::Resolved
                    && from.as_ref() != Some(to)
        ),
        "the state change names the conversation and both states: {changed:?}"
    );

    emit(
        "people:profile:updated",
        serde_json::json!({ "people_id": "p-1", "email": "dana@example.com",
                            "person": { "nickname": "Dana" }, "updated_at": 1_700_000_000_000_u64 }),
    )
    .await;
    let profile = watch
        .until("the profile change is reported", &mut skipped, |update| {
            matches!(
                update,
                MonitorUpdate::Event(MonitorEvent::PeopleProfileChanged { .. })
            )
        })
        .await;
    assert_eq!(
        profile,
        MonitorUpdate::Event(MonitorEvent::PeopleProfileChanged {
            people_id: "p-1".to_owned(),
            email: Some("dana@example.com".to_owned()),
            nickname: Some("Dana".to_owned()),
            created: false,
            updated_at: Some(1_700_000_000_000),
        }),
        "the profile change carries what the poller would"
    );

    emit(
        "website:update_visitors_count",
        serde_json::json!({ "visitors_count": 3 }),
    )
    .await;
    emit(
        "website:update_visitors_count",
        serde_json::json!({ "visitors_count": 5 }),
    )
    .await;
    let visitors = watch
        .until(
            "the visitors count change is reported",
            &mut skipped,
            |update| {
                matches!(
                    update,
                    MonitorUpdate::Event(MonitorEvent::VisitorsCountChanged { .. })
                )
            },
        )
        .await;
    assert!(
        matches!(
            visitors,
            MonitorUpdate::Event(MonitorEvent::VisitorsCountChanged {
                count: 5,
                previous: 3,
                ..
            })
        ),
        "the first count is remembered, the second reported: {visitors:?}"
    );

    emit(
        "message:acknowledge:read:send",
        serde_json::json!({ "session_id": session, "origin": "chat", "fingerprints": [message.fingerprint] }),
    )
    .await;
    watch
        .status_until(
            "an operator's read receipt empties the conversation's unread count",
            |status| status.unread_conversations == unread - 1,
        )
        .await;
}

#[tokio::test]
async fn every_socket_change_reaches_the_window_before_the_monitors_own_event_about_it() {
    let world = World::start(crisp_sandbox::Tier::User).await;
    let session = a_session(&world).await;
    let (mut watch, _) = Watch::live(&world).await;

    let visitor = world
        .sandbox
        .inject_message(&session, "Is my order late?")
        .await;
    let before_report = watch.message(visitor.fingerprint).await;
    assert!(
        before_report.iter().any(|update| matches!(
            update,
            MonitorUpdate::Live(LiveChange::MessageAdded { session_id, message })
                if *session_id == session && message.fingerprint == Some(visitor.fingerprint)
        )),
        "the visitor's message reaches the window whole, before the monitor reports it: {before_report:?}"
    );

    let reply = world
        .client
        .send_message_once(SendMessage::new(
            world.website_id(),
            &session,
            SendMessageBody::text("It ships today"),
        ))
        .await
        .expect("the teammate's reply is sent");
    let added = watch
        .live_change("the teammate's reply reaches the window", |change| {
            matches!(change, LiveChange::MessageAdded { message, .. } if message.fingerprint == reply.fingerprint)
        })
        .await;
    let LiveChange::MessageAdded { message, .. } = added else {
        unreachable!("a message was wanted")
    };
    assert_eq!(
        (message.from.clone(), message.content.clone()),
        (
            Some(Sender::Operator),
            Some(MessageContent::Text("It ships today".to_owned()))
        ),
        "an operator's message is forwarded although the monitor never reports operators' messages"
    );

    world
        .sandbox
        .rtm_emit(
            "message:compose:send",
            serde_json::json!({ "session_id": session, "type": "start", "excerpt": "Also" }),
        )
        .await;
    assert_eq!(
        watch.next_live_change("the visitor types").await,
        LiveChange::Composing {
            session_id: session.clone(),
            from: Sender::User,
            typing: true,
            excerpt: Some("Also".to_owned()),
        },
        "the visitor's typing reaches the window"
    );
    world
        .sandbox
        .rtm_emit(
            "message:compose:send",
            serde_json::json!({ "session_id": session, "type": "stop" }),
        )
        .await;
    assert!(
        matches!(
            watch.next_live_change("the visitor stops typing").await,
            LiveChange::Composing { typing: false, .. }
        ),
        "a stop ends the typing"
    );

    world
        .sandbox
        .rtm_emit(
            "campaign:progress",
            serde_json::json!({ "session_id": session }),
        )
        .await;
    world
        .sandbox
        .rtm_emit(
            "message:updated",
            serde_json::json!({ "session_id": session, "fingerprint": visitor.fingerprint, "content": "Is my order late??" }),
        )
        .await;
    assert_eq!(
        watch.next_live_change("the edit reaches the window").await,
        LiveChange::MessageUpdated {
            session_id: session.clone(),
            fingerprint: visitor.fingerprint,
            content: Some(Value::from("Is my order late??")),
        },
        "an event the window does not show is not forwarded, an edit is"
    );
    world
        .sandbox
        .rtm_emit(
            "message:acknowledge:read:received",
            serde_json::json!({ "session_id": session, "origin": "chat", "fingerprints": reply.fingerprint.into_iter().collect::<Vec<_>>() }),
        )
        .await;
    assert_eq!(
        watch
            .next_live_change("the visitor's read receipt reaches the window")
            .await,
        LiveChange::MessagesRead {
            session_id: session.clone(),
            by: Sender::User,
            fingerprints: reply.fingerprint.into_iter().collect(),
        },
        "the visitor read the reply"
    );
}

#[tokio::test]
async fn a_message_sent_while_crisp_is_still_taking_the_authentication_is_not_missed() {
    let world = World::start(crisp_sandbox::Tier::User).await;
    let session = a_session(&world).await;
    // Everything the app sends on the socket reaches the server 400 ms late, the `authentication` included.
    let (_proxy, socket) = slow_socket_of(&world, Duration::from_millis(400)).await;
    let mut watch = Watch::start(&world, socket);
    watch
        .status_until("the monitor goes live", |status| {
            status.transport == Transport::Live
        })
        .await;
    assert_eq!(
        world.sandbox.rtm_status().await["authenticated"],
        1,
        "the catch-up poll before going live ran once the server had taken the authentication"
    );
    let message = world
        .sandbox
        .inject_message(&session, "Right after going live")
        .await;
    watch.message(message.fingerprint).await;
}

#[tokio::test]
async fn until_its_first_connection_is_live_the_socket_is_connecting_and_never_said_to_be_down() {
    let world = World::start(crisp_sandbox::Tier::User).await;
    // The socket's handshake reaches the server 400 ms late: its first connection takes at least that long.
    let (_proxy, socket) = slow_socket_of(&world, Duration::from_millis(400)).await;
    let mut watch = Watch::start(&world, socket);
    let mut before = Vec::new();
    watch
        .until("the monitor goes live", &mut before, |update| {
            matches!(update, MonitorUpdate::Status(status) if status.transport == Transport::Live)
        })
        .await;
    let before: Vec<MonitorStatus> = before
        .into_iter()
        .filter_map(|update| match update {
            MonitorUpdate::Status(status) => Some(status),
            _ => None,
        })
        .collect();
    assert!(
        before
            .iter()
            .any(|status| status.transport == Transport::Connecting),
        "the status says the socket connects: {before:#?}"
    );
    assert!(
        before
            .iter()
            .all(|status| status.transport == Transport::Connecting
                && status.socket_down_since_ms.is_none()
                && status.socket_retry_at_ms.is_none()
                && status.socket_problem.is_none()),
        "nothing says the socket is down before it was ever up: {before:#?}"
    );
}

//! The real-time socket client against the sandbox's socket: lookup, handshake, typed events, reconnection.

use std::time::Duration;

use crisp_client::messages::{SendMessage, Sender};
use crisp_client::rtm::{InboxEvent, Reconnect, Rtm, RtmConfig, RtmEvent, RtmStatus};
use crisp_client::{Client, ClientConfig, Credentials, Tier};
use crisp_sandbox::{Sandbox, SandboxConfig};
use serde_json::json;

/// How long any awaited step may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(10);

/// Reconnection fast enough for a test.
fn quick_reconnect() -> Reconnect {
    Reconnect {
        min: Duration::from_millis(20),
        max: Duration::from_millis(50),
        randomization: 0.75,
    }
}

fn client_config(sandbox: &Sandbox, key: &str, tier: Tier) -> ClientConfig {
    let mut config = ClientConfig::new(Credentials::new(sandbox.identifier(), key, tier));
    config.base_url = sandbox.base_url().to_owned();
    config
}

fn tier_of(sandbox: &Sandbox) -> Tier {
    match sandbox.tier() {
        crisp_sandbox::Tier::User => Tier::User,
        crisp_sandbox::Tier::Plugin => Tier::Plugin,
        crisp_sandbox::Tier::Website => Tier::Website,
    }
}

fn config_for(sandbox: &Sandbox) -> RtmConfig {
    let mut config = RtmConfig::new(client_config(sandbox, sandbox.key(), tier_of(sandbox)));
    config.reconnect = quick_reconnect();
    config
}

async fn sandbox(tier: crisp_sandbox::Tier) -> Sandbox {
    crisp_sandbox::spawn(SandboxConfig {
        tier,
        conversations: 5,
        people: 5,
        ..SandboxConfig::default()
    })
    .await
    .expect("the sandbox starts")
}

/// Waits until the status satisfies `wanted`.
async fn status_until(rtm: &Rtm, what: &str, wanted: impl Fn(&RtmStatus) -> bool) -> RtmStatus {
    let mut status = rtm.status();
    let seen = tokio::time::timeout(PATIENCE, status.wait_for(|status| wanted(status)))
        .await
        .unwrap_or_else(|_| {
            panic!(
                "the socket becomes {what} in time: {:?}",
                *rtm.status().borrow()
            )
        })
        .expect("the socket task is running")
        .clone();
    seen
}

/// Connects and waits until the sandbox counts the socket as authenticated.
async fn live(sandbox: &Sandbox, config: RtmConfig) -> Rtm {
    let rtm = Rtm::connect(config);
    status_until(&rtm, "live", |status| *status == RtmStatus::Live).await;
    sandbox.rtm_wait_authenticated(1).await;
    rtm
}

async fn next(rtm: &mut Rtm) -> RtmEvent {
    tokio::time::timeout(PATIENCE, rtm.next_event())
        .await
        .expect("an event arrives in time")
        .expect("the socket is still running")
}

#[tokio::test]
async fn the_socket_connects_and_authenticates_on_every_tier() {
    for tier in [
        crisp_sandbox::Tier::User,
        crisp_sandbox::Tier::Plugin,
        crisp_sandbox::Tier::Website,
    ] {
        let sandbox = sandbox(tier).await;
        let rtm = live(&sandbox, config_for(&sandbox)).await;
        let lookups = sandbox
            .requests_to("GET", &format!("/v1/{tier}/connect/endpoints"))
            .await;
        assert_eq!(
            lookups.len(),
            1,
            "the {tier} tier looks up its own endpoints route once"
        );
        drop(rtm);
        sandbox.shutdown().await;
    }
}

#[tokio::test]
async fn a_bad_key_or_tier_is_unauthorized_by_the_lookup_and_by_the_socket() {
    let sandbox = sandbox(crisp_sandbox::Tier::User).await;
    let bad_key = client_config(&sandbox, "not-the-key", Tier::User);
    let rtm = Rtm::connect(RtmConfig::new(bad_key.clone()));
    status_until(&rtm, "unauthorized", |status| {
        *status == RtmStatus::Unauthorized
    })
    .await;

    let good = Rtm::connect(config_for(&sandbox));
    status_until(&good, "live", |status| *status == RtmStatus::Live).await;
    let socket_url = format!("{}/rtm/", sandbox.base_url());
    for (what, client) in [
        ("a bad key", bad_key),
        (
            "a bad tier",
            client_config(&sandbox, sandbox.key(), Tier::Plugin),
        ),
    ] {
        let mut config = RtmConfig::new(client);
        config.socket_url = Some(socket_url.clone());
        let mut rtm = Rtm::connect(config);
        status_until(&rtm, "unauthorized", |status| {
            *status == RtmStatus::Unauthorized
        })
        .await;
        assert!(
            tokio::time::timeout(PATIENCE, rtm.next_event())
                .await
                .expect("the stream ends")
                .is_none(),
            "{what}: no event and no reconnection after unauthorized"
        );
    }
    sandbox.rtm_wait_authenticated(1).await;
    assert_eq!(
        sandbox.rtm_status().await["authenticated"],
        json!(1),
        "only the good keypair is authenticated"
    );
}

#[tokio::test]
async fn an_injected_visitor_message_and_a_rest_reply_each_arrive_as_exactly_one_typed_event() {
    let sandbox = sandbox(crisp_sandbox::Tier::User).await;
    let mut rtm = live(&sandbox, config_for(&sandbox)).await;

    let injected = sandbox.inject_conversation("Where is my parcel?").await;
    let event = next(&mut rtm).await;
    assert_eq!(
        event.name, "message:send",
        "a visitor message is message:send"
    );
    assert_eq!(
        event.session_id.as_deref(),
        Some(injected.session_id.as_str()),
        "its conversation"
    );
    assert_eq!(
        event.website_id.as_deref(),
        Some(sandbox.website_id()),
        "its website"
    );
    let InboxEvent::MessageSent(message) = &event.kind else {
        panic!("typed as a visitor message: {event:?}");
    };
    assert_eq!(
        message.fingerprint,
        Some(injected.fingerprint),
        "the injected fingerprint"
    );
    assert_eq!(message.from, Some(Sender::User), "from the visitor");

    let client = Client::new(client_config(&sandbox, sandbox.key(), Tier::User)).expect("client");
    let send: SendMessage = serde_json::from_value(json!({
        "website_id": sandbox.website_id(), "session_id": injected.session_id,
        "body": { "type": "text", "from": "operator", "origin": "chat", "content": "On its way." },
    }))
    .expect("a send request");
    let sent = client.send(&send).await.expect("the reply is sent");
    let event = next(&mut rtm).await;
    let InboxEvent::MessageReceived(message) = &event.kind else {
        panic!("an operator reply is message:received, right after the injection's one event: {event:?}");
    };
    assert_eq!(
        message.fingerprint, sent.fingerprint,
        "the reply's fingerprint"
    );
    assert_eq!(
        event.data["content"],
        json!("On its way."),
        "the reply's content"
    );

    let marker = sandbox
        .inject_message(&injected.session_id, "Thanks!")
        .await;
    let event = next(&mut rtm).await;
    assert_eq!(
        event.data["fingerprint"],
        json!(marker.fingerprint),
        "the REST write gave exactly one event: the next one is the next change"
    );
}

#[tokio::test]
async fn after_the_sandbox_drops_the_sockets_the_client_reconnects_reauthenticates_and_gets_the_next_event(
) {
    let sandbox = sandbox(crisp_sandbox::Tier::User).await;
    let mut rtm = live(&sandbox, config_for(&sandbox)).await;
    let mut status = rtm.status();
    status.mark_unchanged();

    assert_eq!(sandbox.rtm_drop_sockets().await, 1, "one socket dropped");
    let lost = tokio::time::timeout(
        PATIENCE,
        status.wait_for(|status| *status != RtmStatus::Live),
    )
    .await
    .expect("the loss is seen")
    .expect("running")
    .clone();
    assert!(
        matches!(lost, RtmStatus::Reconnecting { next_try_at_ms } if next_try_at_ms > 0),
        "the status names the next try: {lost:?}"
    );
    status_until(&rtm, "live again", |status| *status == RtmStatus::Live).await;
    sandbox.rtm_wait_authenticated(1).await;

    let injected = sandbox.inject_conversation("Still there?").await;
    let event = next(&mut rtm).await;
    assert_eq!(
        event.data["fingerprint"],
        json!(injected.fingerprint),
        "the next event arrives"
    );
    assert_eq!(
        sandbox.requests_to("GET", "/connect/endpoints").await.len(),
        1,
        "a reconnection reuses the socket URL"
    );
}

#[tokio::test]
async fn refused_sockets_are_retried_until_the_sandbox_accepts_them() {
    let sandbox = sandbox(crisp_sandbox::Tier::User).await;
    sandbox.rtm_refuse_sockets(true).await;
    let rtm = Rtm::connect(config_for(&sandbox));
    status_until(&rtm, "reconnecting", |status| {
        matches!(status, RtmStatus::Reconnecting { .. })
    })
    .await;
    sandbox.rtm_refuse_sockets(false).await;
    status_until(&rtm, "live", |status| *status == RtmStatus::Live).await;
    sandbox.rtm_wait_authenticated(1).await;
}

#[tokio::test]
async fn an_unknown_event_name_arrives_raw() {
    let sandbox = sandbox(crisp_sandbox::Tier::User).await;
    let mut config = config_for(&sandbox);
    config.events.push("campaign:progress".to_owned());
    let mut rtm = live(&sandbox, config).await;
    sandbox
        .rtm_emit(
            "campaign:progress",
            json!({ "campaign_id": "c1", "progress": 40 }),
        )
        .await;
    let event = next(&mut rtm).await;
    assert_eq!(event.name, "campaign:progress", "the name as sent");
    assert_eq!(event.kind, InboxEvent::Unknown, "not typed");
    assert_eq!(
        event.data,
        json!({ "campaign_id": "c1", "progress": 40, "website_id": sandbox.website_id() }),
        "the payload as sent, with its website"
    );
}

#[tokio::test]
async fn events_not_listened_to_are_not_pushed() {
    let sandbox = sandbox(crisp_sandbox::Tier::User).await;
    let mut config = config_for(&sandbox);
    config.events = vec!["message:received".to_owned()];
    let mut rtm = live(&sandbox, config).await;
    let injected = sandbox.inject_conversation("Hello?").await;
    sandbox
        .rtm_emit(
            "message:received",
            json!({ "session_id": injected.session_id, "fingerprint": 1 }),
        )
        .await;
    let event = next(&mut rtm).await;
    assert_eq!(
        event.name, "message:received",
        "the visitor's message:send was not pushed"
    );
}

#[tokio::test]
async fn edits_removals_state_changes_and_read_receipts_arrive_as_their_events() {
    use crisp_client::rtm::Receipt;
    use crisp_client::{Method, RequestParts};

    let sandbox = sandbox(crisp_sandbox::Tier::User).await;
    let mut rtm = live(&sandbox, config_for(&sandbox)).await;
    let injected = sandbox.inject_conversation("Can you fix my typo?").await;
    assert_eq!(next(&mut rtm).await.name, "message:send", "the injection");
    let client = Client::new(client_config(&sandbox, sandbox.key(), Tier::User)).expect("client");
    let conversation = format!(
        "/v1/website/{}/conversation/{}",
        sandbox.website_id(),
        injected.session_id
    );
    let message = format!("{conversation}/message/{}", injected.fingerprint);
    let call = |method: Method, path: String, body: serde_json::Value| {
        let mut parts = RequestParts::new(method, path);
        parts.body = Some(body);
        parts
    };

    let edit = call(
        Method::Patch,
        message.clone(),
        json!({ "content": "Fixed" }),
    );
    client.execute(&edit).await.expect("edited");
    assert_eq!(
        next(&mut rtm).await.kind,
        InboxEvent::MessageUpdated {
            fingerprint: Some(injected.fingerprint),
            content: Some(json!("Fixed"))
        },
        "an edit"
    );
    let read = call(
        Method::Patch,
        format!("{conversation}/read"),
        json!({ "from": "operator", "origin": "chat", "fingerprints": [injected.fingerprint] }),
    );
    client.execute(&read).await.expect("read");
    assert_eq!(
        next(&mut rtm).await.kind,
        InboxEvent::Receipt {
            receipt: Receipt::ReadByOperator,
            origin: Some("chat".into()),
            fingerprints: vec![injected.fingerprint]
        },
        "an operator's read receipt"
    );
    let state = call(
        Method::Patch,
        format!("{conversation}/state"),
        json!({ "state": "resolved" }),
    );
    client.execute(&state).await.expect("resolved");
    let event = next(&mut rtm).await;
    assert_eq!(
        (event.kind, &event.data["state"]),
        (
            InboxEvent::Session {
                change: "set_state".into()
            },
            &json!("resolved")
        ),
        "a state change"
    );
    client
        .execute(&RequestParts::new(Method::Delete, message))
        .await
        .expect("removed");
    assert_eq!(
        next(&mut rtm).await.kind,
        InboxEvent::MessageRemoved {
            fingerprint: Some(injected.fingerprint)
        },
        "a removal"
    );
}

#[tokio::test]
async fn the_delay_fault_holds_events_back() {
    let sandbox = sandbox(crisp_sandbox::Tier::User).await;
    let mut rtm = live(&sandbox, config_for(&sandbox)).await;
    let delay = Duration::from_millis(300);
    sandbox.rtm_delay_events(delay).await;
    let started = tokio::time::Instant::now();
    sandbox.inject_conversation("Slow news").await;
    next(&mut rtm).await;
    assert!(
        started.elapsed() >= delay,
        "the event waited at least {delay:?}"
    );
}

#[tokio::test]
async fn socket_bind_is_sent_at_most_once_per_rebind_interval() {
    let sandbox = sandbox(crisp_sandbox::Tier::User).await;
    let mut rtm = live(&sandbox, config_for(&sandbox)).await;
    assert!(rtm.rebind(), "the first rebind is sent");
    assert!(!rtm.rebind(), "a second one within 2.5 s is refused");
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while sandbox.rtm_status().await["binds"] == json!(0) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the bind reaches the server in time"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(
        sandbox.rtm_status().await["binds"],
        json!(1),
        "one socket:bind reached the server"
    );
    sandbox.inject_conversation("After the bind").await;
    assert_eq!(
        next(&mut rtm).await.name,
        "message:send",
        "events still flow after a rebind"
    );
}

#[tokio::test]
async fn the_live_sandboxs_visitor_traffic_arrives_as_message_send() {
    let sandbox = crisp_sandbox::spawn(SandboxConfig {
        live: true,
        conversations: 5,
        people: 5,
        ..SandboxConfig::default()
    })
    .await
    .expect("the sandbox starts");
    let mut rtm = live(&sandbox, config_for(&sandbox)).await;
    // A tick every 4 s (`conventions::LIVE_INTERVAL`); the first one lands within PATIENCE.
    let event = next(&mut rtm).await;
    assert_eq!(
        event.name, "message:send",
        "a live tick is a visitor message"
    );
    assert!(
        matches!(event.kind, InboxEvent::MessageSent(_)),
        "typed: {event:?}"
    );
}

/// Every socket that sends `authentication` the moment it is connected is authenticated, however many connect at
/// once. (The sandbox once set its handlers up after sending CONNECT, in a task of its own: under load a few of
/// 200 such sockets stayed connected, unauthenticated and deaf, which failed the live e2e on CI.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sockets_that_authenticate_at_once_are_all_authenticated_when_many_connect_together() {
    let sandbox = sandbox(crisp_sandbox::Tier::User).await;
    let sockets = 200;
    let rtms: Vec<Rtm> = (0..sockets)
        .map(|_| Rtm::connect(config_for(&sandbox)))
        .collect();
    for rtm in &rtms {
        status_until(rtm, "live", |status| *status == RtmStatus::Live).await;
    }
    sandbox.rtm_wait_authenticated(sockets).await;
    drop(rtms);
    sandbox.shutdown().await;
}

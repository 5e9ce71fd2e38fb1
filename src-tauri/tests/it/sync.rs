//! The local store kept in step with Crisp: answers written through as Crisp sent them, the stored inbox, the
//! outbox sending a message made while Crisp could not be reached exactly once, and the monitor catching up on
//! what happened while it was stopped.

use std::collections::HashSet;

use crisp_client::RequestParts;
use crisp_desk_lib::connections::ConnectionId;
use crisp_desk_lib::local::sync::StoredInbox;
use crisp_desk_lib::local::Synced;
use crisp_monitor::{MonitorEvent, MonitorSettings, MonitorStatus, MonitorUpdate};
use serde_json::{json, Value};

use crate::support::{block_on, keychain_in, mock_store, TestApp};

const SEND: &str = "POST /v1/website/{website_id}/conversation/{session_id}/message";
const LOOK_UP: &str =
    "GET /v1/website/{website_id}/conversation/{session_id}/message/{fingerprint}";

fn demo() -> ConnectionId {
    ConnectionId::from("demo")
}

fn synced(app: &TestApp) -> std::sync::Arc<Synced> {
    block_on(app.state().synced(&demo()))
        .expect("the store opens")
        .expect("the app keeps stores")
}

/// Waits until everything handed to the writer so far is in the store.
fn written(app: &TestApp) {
    block_on(synced(app).writer.flushed());
}

fn first_session(app: &TestApp) -> String {
    let page: Vec<Value> = app.demo_ok(
        "search_conversations",
        json!({ "website_id": app.demo().website_id, "page": 1 }),
    );
    page[0]["session_id"]
        .as_str()
        .expect("a session")
        .to_owned()
}

#[test]
fn every_list_and_thread_answer_is_kept_exactly_as_crisp_sent_it() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let website_id = app.demo().website_id;
    let page: Vec<Value> = app.demo_ok(
        "search_conversations",
        json!({ "website_id": website_id, "page": 1, "per_page": 20 }),
    );
    let session_id = page[0]["session_id"]
        .as_str()
        .expect("a session")
        .to_owned();
    let _: Value = app.demo_ok(
        "list_messages",
        json!({ "website_id": website_id, "session_id": session_id }),
    );
    written(&app);

    // What Crisp sends, untyped: every field, the ones no model knows included.
    let client = block_on(app.state().client(&demo())).expect("the Demo's client");
    let raw = |path: String| {
        block_on(client.execute(&RequestParts::get(path)))
            .expect("answered")
            .data
            .expect("data")
    };
    let sent_page = raw(format!("/v1/website/{website_id}/conversations/1"));
    let sent_thread = raw(format!(
        "/v1/website/{website_id}/conversation/{session_id}/messages"
    ));
    let synced = synced(&app);
    let store = synced.store.lock().expect("store");
    let stored: Option<Value> = store.conversation(&session_id).expect("readable");
    let sent = sent_page
        .as_array()
        .expect("a list")
        .iter()
        .find(|c| c["session_id"] == json!(session_id))
        .cloned();
    assert_eq!(stored, sent, "the conversation is kept as Crisp sent it");
    let kept: Vec<Value> = store.messages(&session_id).expect("readable");
    let sent: Vec<Value> = sent_thread.as_array().expect("a list").clone();
    assert_eq!(
        kept.len(),
        sent.len(),
        "every message of the thread is kept"
    );
    for message in &sent {
        assert!(kept.contains(message), "{message} is kept as sent");
    }
    drop(store);

    let inbox: StoredInbox = app.demo_ok(
        "stored_inbox",
        json!({ "website_id": website_id, "page": 1, "per_page": 20 }),
    );
    assert!(!inbox.filtered);
    let stored_ids: HashSet<String> = inbox
        .conversations
        .iter()
        .filter_map(|c| c.session_id.clone())
        .collect();
    assert!(
        stored_ids.contains(&session_id),
        "the stored inbox answers from the store"
    );
    let searched: StoredInbox = app.demo_ok(
        "stored_inbox",
        json!({ "website_id": website_id, "page": 1, "search_query": "refund" }),
    );
    assert!(
        searched.filtered && searched.conversations.is_empty(),
        "a search is Crisp's to answer"
    );
}

/// The demo's messages with `fingerprint`, as Crisp has them.
fn landed(app: &TestApp, session_id: &str, fingerprint: f64) -> usize {
    let page: Value = app.demo_ok(
        "list_messages",
        json!({ "website_id": app.demo().website_id, "session_id": session_id }),
    );
    page["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .filter(|m| m["fingerprint"].as_f64() == Some(fingerprint))
        .count()
}

fn send(app: &TestApp, session_id: &str, text: &str) -> f64 {
    let sent: Value = app.demo_ok(
        "send_message",
        json!({ "website_id": app.demo().website_id, "session_id": session_id,
                "body": { "type": "text", "from": "operator", "origin": "chat", "content": text } }),
    );
    sent["fingerprint"].as_f64().expect("a fingerprint")
}

fn queued(app: &TestApp, session_id: &str) -> Vec<Value> {
    app.ok(
        "stored_outbox",
        json!({ "connection": "demo", "sessionId": session_id }),
    )
}

#[test]
fn a_message_sent_while_crisp_cannot_be_reached_is_queued_then_sent_once() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let session_id = first_session(&app);
    let sandbox = app.demo_sandbox();
    block_on(sandbox.fault(SEND, json!({ "drop": { "count": 50 } })));
    let first = send(&app, &session_id, "Sent while offline");
    let second = send(&app, &session_id, "And another");
    let waiting = queued(&app, &session_id);
    assert_eq!(waiting.len(), 2, "both wait in the outbox: {waiting:?}");
    assert_eq!(
        waiting[0]["fingerprint"].as_f64(),
        Some(first),
        "in the order they were sent"
    );

    block_on(sandbox.clear_faults());
    let client = block_on(app.state().client(&demo())).expect("the Demo's client");
    let flushed = block_on(synced(&app).outbox.flush(&client)).expect("the outbox is readable");
    assert_eq!(flushed, crisp_desk_lib::local::outbox::Flushed::Empty);
    assert!(
        queued(&app, &session_id).is_empty(),
        "nothing waits once sent"
    );
    assert_eq!(landed(&app, &session_id, first), 1, "the first landed once");
    assert_eq!(
        landed(&app, &session_id, second),
        1,
        "the second landed once"
    );
    let reached: Vec<Value> = block_on(sandbox.requests_to("POST", "/message"))
        .into_iter()
        .filter(|request| request.get("fault").is_none_or(Value::is_null))
        .collect();
    assert_eq!(
        reached.len(),
        2,
        "one post each reached Crisp once the connection was back: {reached:?}"
    );
    block_on(synced(&app).outbox.flush(&client)).expect("again");
    assert_eq!(
        landed(&app, &session_id, first),
        1,
        "a second flush sends nothing"
    );
}

#[test]
fn a_queued_message_crisp_refuses_once_reachable_stays_failed_with_its_reason_and_is_never_resent()
{
    let app = TestApp::new(keychain_in(&mock_store()));
    let session_id = first_session(&app);
    let sandbox = app.demo_sandbox();
    block_on(sandbox.fault(SEND, json!({ "drop": { "count": 50 } })));
    let fingerprint = send(&app, &session_id, "Typed on the train");
    // While the app cannot reach Crisp, the conversation goes away: once reachable, the send answers 404.
    let _: Value = app.demo_ok(
        "remove_conversation",
        json!({ "website_id": app.demo().website_id, "session_id": session_id }),
    );
    block_on(sandbox.clear_faults());
    let client = block_on(app.state().client(&demo())).expect("the Demo's client");
    let outbox = synced(&app).outbox.clone();
    let flushed = block_on(outbox.flush(&client)).expect("the outbox is readable");
    assert_eq!(flushed, crisp_desk_lib::local::outbox::Flushed::Empty);
    let posts = |_: ()| {
        block_on(sandbox.requests_to("POST", "/message"))
            .into_iter()
            .filter(|request| request.get("fault").is_none_or(Value::is_null))
            .count()
    };
    assert_eq!(posts(()), 1, "tried once Crisp was reachable");

    let kept = queued(&app, &session_id);
    assert_eq!(kept.len(), 1, "what was typed is kept: {kept:?}");
    assert_eq!(kept[0]["fingerprint"].as_f64(), Some(fingerprint));
    assert_eq!(kept[0]["request"]["body"]["content"], "Typed on the train");
    let reason = kept[0]["failed"].as_str().expect("marked failed");
    assert!(
        reason.contains("does not exist") && reason.contains("not_found"),
        "Crisp's reason in plain words: {reason}"
    );
    assert!(!outbox.is_waiting(), "a failed message waits for nothing");

    block_on(outbox.flush(&client)).expect("again");
    assert_eq!(
        posts(()),
        1,
        "a failed message is never sent again by itself"
    );
    assert_eq!(
        queued(&app, &session_id).len(),
        1,
        "and stays until the user decides"
    );

    // A message still waiting is not the user's to remove; the failed one is.
    let other = first_session(&app);
    block_on(sandbox.fault(SEND, json!({ "drop": { "count": 50 } })));
    let waiting = send(&app, &other, "Still on its way");
    let refused = app.err(
        "remove_queued_message",
        json!({ "connection": "demo", "sessionId": other, "fingerprint": waiting }),
    );
    assert_eq!(refused["kind"], "invalid_input", "{refused}");
    block_on(sandbox.clear_faults());
    let _: Value = app.ok(
        "remove_queued_message",
        json!({ "connection": "demo", "sessionId": session_id, "fingerprint": fingerprint }),
    );
    assert!(queued(&app, &session_id).is_empty(), "discarded");
    let gone = app.err(
        "remove_queued_message",
        json!({ "connection": "demo", "sessionId": session_id, "fingerprint": fingerprint }),
    );
    assert_eq!(gone["kind"], "not_found", "{gone}");
}

#[test]
fn a_queued_message_whose_answer_was_lost_is_looked_up_and_not_posted_again() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let session_id = first_session(&app);
    let sandbox = app.demo_sandbox();
    // The post is stored but its answer is lost, and Crisp cannot be asked whether it landed.
    block_on(sandbox.fault(SEND, json!({ "drop": { "after_write": true, "count": 1 } })));
    block_on(sandbox.fault(LOOK_UP, json!({ "drop": { "count": 50 } })));
    let fingerprint = send(&app, &session_id, "Did this land?");
    let waiting = queued(&app, &session_id);
    assert_eq!(
        waiting.len(),
        1,
        "its outcome is unknown, so it waits: {waiting:?}"
    );
    let posts = block_on(sandbox.requests_to("POST", "/message")).len();

    block_on(sandbox.clear_faults());
    let client = block_on(app.state().client(&demo())).expect("the Demo's client");
    block_on(synced(&app).outbox.flush(&client)).expect("flushed");
    assert!(queued(&app, &session_id).is_empty());
    assert_eq!(
        block_on(sandbox.requests_to("POST", "/message")).len(),
        posts,
        "found by its fingerprint, so never posted again"
    );
    assert_eq!(
        landed(&app, &session_id, fingerprint),
        1,
        "it is there once"
    );
}

fn visitor_messages(app: &TestApp) -> Vec<i64> {
    app.updates
        .lock()
        .expect("updates")
        .iter()
        .filter_map(|(_, update)| match update {
            MonitorUpdate::Event(MonitorEvent::VisitorMessageReceived { fingerprint, .. }) => {
                Some(*fingerprint)
            }
            _ => None,
        })
        .collect()
}

fn monitor(app: &TestApp, enabled: bool) {
    let settings = MonitorSettings {
        enabled,
        ..MonitorSettings::default()
    };
    let _: Option<MonitorStatus> = app.ok(
        "set_monitor_settings",
        json!({ "connection": "demo", "settings": settings }),
    );
}

fn poll(app: &TestApp) {
    let _: Option<MonitorStatus> = app.ok("monitor_now", json!({ "connection": "demo" }));
}

#[test]
fn messages_that_arrive_while_the_monitor_is_stopped_are_reported_once_when_it_starts_again() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let sandbox = app.demo_sandbox();
    monitor(&app, true);
    poll(&app);
    let before = block_on(sandbox.inject_conversation("Before the restart"));
    poll(&app);
    assert_eq!(visitor_messages(&app), vec![before.fingerprint]);
    assert_eq!(app.notifier.notifications().len(), 1);

    // Stopped, as when the app is closed: its memory is in the store (or on its way: starting again waits for it).
    monitor(&app, false);
    let mut away = vec![
        block_on(sandbox.inject_message(&before.session_id, "Are you there?")).fingerprint,
        block_on(sandbox.inject_conversation("Hello from a new visitor")).fingerprint,
    ];
    away.push(block_on(sandbox.inject_message(&before.session_id, "Hello?")).fingerprint);

    monitor(&app, true);
    poll(&app);
    poll(&app);
    let mut reported = visitor_messages(&app);
    reported.sort_unstable();
    let mut expected = away.clone();
    expected.push(before.fingerprint);
    expected.sort_unstable();
    assert_eq!(
        reported, expected,
        "each message reported once, the earlier one not again"
    );
    let notifications = app.notifier.notifications();
    assert_eq!(
        notifications.len(),
        2,
        "one for the first message, one summary: {notifications:?}"
    );
    assert_eq!(notifications[1].body, "3 new messages while you were away");
}

#[test]
fn a_visitor_message_joins_the_stored_unread_list_until_the_conversation_is_opened() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let state = app.state();
    let locals = state.locals().expect("stores");
    let _ = synced(&app);
    let update = MonitorUpdate::Event(MonitorEvent::VisitorMessageReceived {
        session_id: "session_a".into(),
        fingerprint: 1,
        excerpt: "Hello".into(),
        nickname: Some("Ada".into()),
        timestamp: Some(1_000),
        unread: 1,
    });
    crisp_desk_lib::local::sync::keep_update(locals, &demo(), &update);
    crisp_desk_lib::local::sync::keep_update(locals, &demo(), &update);
    written(&app);
    let unread: Vec<Value> = app.ok("stored_unread", json!({ "connection": "demo" }));
    assert_eq!(unread.len(), 1);
    assert_eq!(unread[0]["messages"], json!(2));
    let _: () = app.ok(
        "forget_unread",
        json!({ "connection": "demo", "sessionId": "session_a" }),
    );
    written(&app);
    let unread: Vec<Value> = app.ok("stored_unread", json!({ "connection": "demo" }));
    assert!(unread.is_empty(), "opened, it leaves the list");

    let _: () = app.ok(
        "keep_draft",
        json!({ "connection": "demo", "sessionId": "session_a", "text": "Half a reply" }),
    );
    let draft: Option<String> = app.ok(
        "stored_draft",
        json!({ "connection": "demo", "sessionId": "session_a" }),
    );
    assert_eq!(draft.as_deref(), Some("Half a reply"));
    let drafts: Vec<Value> = app.ok("stored_drafts", json!({ "connection": "demo" }));
    assert_eq!(
        drafts,
        vec![json!({ "session_id": "session_a", "text": "Half a reply" })]
    );
}

#[test]
fn a_message_the_socket_delivers_is_kept_in_its_thread() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let sandbox = app.demo_sandbox();
    monitor(&app, true);
    block_on(sandbox.rtm_wait_authenticated(1));
    let session_id = "session_0f1e2d3c-socket-only";
    block_on(sandbox.rtm_emit(
        "message:send",
        json!({
            "session_id": session_id, "fingerprint": 777_001, "type": "text", "from": "user",
            "origin": "chat", "content": "Only the socket told us", "timestamp": 1_700_000_000_000u64,
            "future_socket_field": { "kept": true }
        }),
    ));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        written(&app);
        let kept: Vec<Value> = synced(&app)
            .store
            .lock()
            .expect("store")
            .messages(session_id)
            .expect("readable");
        if let Some(message) = kept.first() {
            assert_eq!(message["content"], json!("Only the socket told us"));
            assert_eq!(
                message["future_socket_field"],
                json!({ "kept": true }),
                "as the socket sent it"
            );
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the socket's message reaches the store"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

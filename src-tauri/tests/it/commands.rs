//! Every Crisp command through the IPC layer against the Demo sandbox, checking the typed result; the streamed
//! listings through a Rust-side channel.

use std::sync::{Arc, Mutex};

use crisp_client::conversations::{
    Conversation, ConversationMeta, CreatedConversation, SearchConversations,
};
use crisp_client::messages::history::HistoryPage;
use crisp_client::messages::{Message, SentMessage};
use crisp_client::operators::OperatorEntry;
use crisp_client::people::{AddedPeopleProfile, ListPeopleProfiles, PeopleProfile};
use crisp_client::raw::ApiResponse;
use crisp_client::visitors::{ListVisitors, Visitor, VisitorCount};
use crisp_client::websites::{Website, WebsiteExists};
use crisp_client::{Empty, QuotaSnapshot};
use crisp_desk_lib::commands::{conversations, people, visitors, Page, StreamEnd};
use crisp_desk_lib::connections::ConnectionId;
use serde_json::{json, Value};
use tauri::ipc::{Channel, InvokeResponseBody};

use crate::support::{block_on, keychain_in, mock_store, TestApp};

fn demo_app() -> (TestApp, String) {
    let app = TestApp::new(keychain_in(&mock_store()));
    let website_id = app.demo().website_id;
    (app, website_id)
}

#[test]
fn conversation_commands_answer_their_typed_outputs() {
    let (app, w) = demo_app();
    let created: CreatedConversation =
        app.demo_ok("create_conversation", json!({ "website_id": w }));
    let session = created
        .session_id
        .expect("a new conversation has a session id");

    let page: Vec<Conversation> = app.demo_ok(
        "search_conversations",
        json!({ "website_id": w, "per_page": 20 }),
    );
    assert_eq!(
        page.len(),
        20,
        "one page of the seeded conversations, as asked"
    );

    let one: Conversation = app.demo_ok(
        "get_conversation",
        json!({ "website_id": w, "session_id": session }),
    );
    assert_eq!(
        one.session_id.as_deref(),
        Some(session.as_str()),
        "get_conversation reads the one created"
    );

    let _: Empty = app.demo_ok(
        "change_conversation_state",
        json!({ "website_id": w, "session_id": session, "body": { "state": "resolved" } }),
    );
    let resolved: Conversation = app.demo_ok(
        "get_conversation",
        json!({ "website_id": w, "session_id": session }),
    );
    assert_eq!(
        serde_json::to_value(&resolved.state).expect("json"),
        json!("resolved"),
        "the state change is stored"
    );

    let _: Empty = app.demo_ok(
        "update_conversation_meta",
        json!({ "website_id": w, "session_id": session, "body": { "nickname": "Ada", "data": { "plan": "pro", "seats": 3 } } }),
    );
    let meta: ConversationMeta = app.demo_ok(
        "get_conversation_meta",
        json!({ "website_id": w, "session_id": session }),
    );
    assert_eq!(
        meta.nickname.as_deref(),
        Some("Ada"),
        "the meta update is stored"
    );

    let _: Empty = app.demo_ok(
        "mark_messages_read",
        json!({ "website_id": w, "session_id": session, "body": { "from": "operator", "origin": "chat" } }),
    );
    let _: Empty = app.demo_ok(
        "remove_conversation",
        json!({ "website_id": w, "session_id": session }),
    );
    let gone = app.err(
        "get_conversation",
        json!({ "connection": "demo", "request": { "website_id": w, "session_id": session } }),
    );
    assert_eq!(
        gone["kind"],
        json!("not_found"),
        "a removed conversation is not found: {gone}"
    );
}

#[test]
fn message_commands_answer_their_typed_outputs_and_sends_get_a_fingerprint() {
    let (app, w) = demo_app();
    let created: CreatedConversation =
        app.demo_ok("create_conversation", json!({ "website_id": w }));
    let session = created.session_id.expect("session id");
    let sent: SentMessage = app.demo_ok(
        "send_message",
        json!({ "website_id": w, "session_id": session,
                "body": { "type": "text", "from": "operator", "origin": "chat", "content": "Hello from the desk" } }),
    );
    let fingerprint = sent
        .fingerprint
        .expect("a send without a fingerprint is given one");

    let message: Message = app.demo_ok(
        "get_message",
        json!({ "website_id": w, "session_id": session, "fingerprint": fingerprint }),
    );
    assert_eq!(
        message.fingerprint,
        Some(fingerprint),
        "the message is found under the filled-in fingerprint"
    );

    let _: Empty = app.demo_ok(
        "update_message",
        json!({ "website_id": w, "session_id": session, "fingerprint": fingerprint, "body": { "content": "Hello, edited" } }),
    );
    let batch: HistoryPage = app.demo_ok(
        "list_messages",
        json!({ "website_id": w, "session_id": session }),
    );
    let listed = batch
        .messages
        .iter()
        .find(|m| m.fingerprint == Some(fingerprint))
        .expect("the sent message is listed");
    assert_eq!(
        serde_json::to_value(&listed.content).expect("json"),
        json!("Hello, edited"),
        "the edit is what the history shows"
    );
}

#[test]
fn a_send_with_content_that_does_not_fit_its_type_is_refused_at_the_field() {
    let (app, w) = demo_app();
    let error = app.err(
        "send_message",
        json!({ "connection": "demo", "request": { "website_id": w, "session_id": "session_x",
                "body": { "type": "text", "from": "operator", "origin": "chat", "content": { "url": "x" } } } }),
    );
    assert_eq!(
        error["kind"],
        json!("invalid_input"),
        "a malformed message never leaves the app: {error}"
    );
    assert_eq!(
        error["field"],
        json!("body.content"),
        "the composer shows the error at the content"
    );
}

#[test]
fn people_commands_answer_their_typed_outputs() {
    let (app, w) = demo_app();
    let added: AddedPeopleProfile =
        app.demo_ok("add_people_profile", json!({ "website_id": w, "body": { "email": "ada@example.com", "person": { "nickname": "Ada" } } }));
    let id = added.people_id.expect("a new profile has an id");
    let profile: PeopleProfile = app.demo_ok(
        "get_people_profile",
        json!({ "website_id": w, "people_id": id }),
    );
    assert_eq!(
        profile.email.as_deref(),
        Some("ada@example.com"),
        "the profile reads back"
    );
    let _: Empty = app.demo_ok(
        "update_people_profile",
        json!({ "website_id": w, "people_id": id, "body": { "notepad": "VIP" } }),
    );
    let updated: PeopleProfile = app.demo_ok(
        "get_people_profile",
        json!({ "website_id": w, "people_id": id }),
    );
    assert_eq!(
        updated.notepad.as_deref(),
        Some("VIP"),
        "the update is stored"
    );
    let page: Vec<PeopleProfile> = app.demo_ok(
        "list_people_profiles",
        json!({ "website_id": w, "per_page": 20 }),
    );
    assert_eq!(page.len(), 20, "one page of profiles");
    let _: Empty = app.demo_ok(
        "remove_people_profile",
        json!({ "website_id": w, "people_id": id }),
    );
    let gone = app.err(
        "get_people_profile",
        json!({ "connection": "demo", "request": { "website_id": w, "people_id": id } }),
    );
    assert_eq!(
        gone["kind"],
        json!("not_found"),
        "a removed profile is not found: {gone}"
    );
}

#[test]
fn visitor_website_operator_and_raw_commands_answer_their_typed_outputs() {
    let (app, w) = demo_app();
    let count: VisitorCount = app.demo_ok("count_visitors", json!({ "website_id": w }));
    let visitors: Vec<Visitor> = app.demo_ok("list_visitors", json!({ "website_id": w }));
    assert!(
        count.count.unwrap_or(0) > 0 && !visitors.is_empty(),
        "the Demo has visitors online"
    );

    let website: Website = app.demo_ok("get_website", json!({ "website_id": w }));
    assert_eq!(
        website.website_id.as_deref(),
        Some(w.as_str()),
        "the Demo's website"
    );
    let domain = website
        .domain
        .clone()
        .expect("the seeded website has a domain");
    let exists: WebsiteExists = app.demo_ok("check_website_exists", json!({ "domain": domain }));
    assert!(exists.exists, "the Demo website's domain exists");
    let absent: WebsiteExists = app.demo_ok(
        "check_website_exists",
        json!({ "domain": "no-such-domain.invalid" }),
    );
    assert!(!absent.exists, "an unknown domain does not");
    let created: Website = app.demo_ok(
        "create_website",
        json!({ "body": { "name": "Second shop", "domain": "second.example" } }),
    );
    let created_id = created.website_id.expect("a created website has an id");
    let _: Empty = app.demo_ok(
        "delete_website",
        json!({ "website_id": created_id, "body": { "verify": { "method": "password", "secret": crisp_sandbox::conventions::DEFAULT_DELETE_SECRET } } }),
    );

    let operators: Vec<OperatorEntry> = app.demo_ok("list_operators", json!({ "website_id": w }));
    assert!(!operators.is_empty(), "the Demo has operators");

    let raw: ApiResponse = app.demo_ok(
        "call_api",
        json!({ "method": "GET", "path": format!("/v1/website/{w}") }),
    );
    assert_eq!(raw.status, 200, "the raw call answers the status");
    let body = serde_json::to_value(&raw.body).expect("json");
    assert_eq!(
        body["data"]["website_id"],
        json!(w),
        "and the body as Crisp sent it: {body}"
    );

    let quota: QuotaSnapshot = app.ok("quota", json!({ "connection": "demo" }));
    assert!(
        quota.used_today >= 8,
        "every request above is counted, got {}",
        quota.used_today
    );
}

#[test]
fn every_operation_of_the_table_is_a_command_that_reads_its_typed_request() {
    let (app, _) = demo_app();
    let commands = crisp_client::operations::OPERATIONS
        .iter()
        .flat_map(|operation| std::iter::once(operation.command).chain(operation.stream));
    for command in commands {
        let answer = app.invoke(
            command,
            json!({ "connection": "demo", "request": { "no_such_field": 1 } }),
        );
        let error = answer.expect_err("an unknown request field is refused");
        let text = error.to_string();
        assert!(
            text.contains("invalid args `request`") && text.contains("no_such_field"),
            "`{command}` is registered and decodes its request type, which names the unknown field: {text}"
        );
    }
}

#[test]
fn an_unknown_connection_is_not_found() {
    let (app, w) = demo_app();
    let error = app.err(
        "get_website",
        json!({ "connection": "no-such-id", "request": { "website_id": w } }),
    );
    assert_eq!(
        error["kind"],
        json!("not_found"),
        "commands name a missing connection: {error}"
    );
    assert_eq!(error["field"], json!("connection"), "at the connection");
}

/// A channel of pages of `T` that keeps each page's JSON, as the web view would receive it.
fn collecting<T>() -> (Channel<Page<T>>, Arc<Mutex<Vec<Value>>>) {
    let pages = Arc::new(Mutex::new(Vec::new()));
    let sink = pages.clone();
    let channel = Channel::new(move |body: InvokeResponseBody| {
        let page: Value = body.deserialize().expect("pages are JSON");
        sink.lock().expect("lock").push(page);
        Ok(())
    });
    (channel, pages)
}

fn check_pages(pages: &[Value], end: StreamEnd, expected_items: usize, what: &str) {
    let indexes: Vec<_> = pages
        .iter()
        .map(|p| p["index"].as_u64().unwrap_or(0))
        .collect();
    let expected: Vec<u64> = (1..=pages.len() as u64).collect();
    assert_eq!(
        indexes, expected,
        "{what}: pages arrive in order, numbered from 1"
    );
    let items: usize = pages
        .iter()
        .map(|p| p["items"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(
        items, expected_items,
        "{what}: the limit caps the items sent"
    );
    assert_eq!(
        (end.pages as usize, end.items as usize),
        (pages.len(), items),
        "{what}: the answer counts what was sent"
    );
}

#[test]
fn streamed_listings_send_every_page_in_order_up_to_the_limit() {
    let (app, w) = demo_app();
    let demo = ConnectionId::demo();

    let (channel, pages) = collecting();
    let request: SearchConversations =
        serde_json::from_value(json!({ "website_id": w, "per_page": 20, "limit": 45 }))
            .expect("valid request");
    let end = block_on(conversations::stream_conversations(
        app.state(),
        demo.clone(),
        request,
        channel,
    ))
    .expect("the stream ends well");
    check_pages(&pages.lock().expect("lock"), end, 45, "conversations");
    assert_eq!(end.pages, 3, "45 items at 20 a page take 3 pages");

    let (channel, pages) = collecting();
    let request: ListPeopleProfiles =
        serde_json::from_value(json!({ "website_id": w, "per_page": 20 })).expect("valid request");
    let end = block_on(people::stream_people_profiles(
        app.state(),
        demo.clone(),
        request,
        channel,
    ))
    .expect("the stream ends well");
    check_pages(
        &pages.lock().expect("lock"),
        end,
        60,
        "people (all 60 seeded, no limit)",
    );

    let (channel, pages) = collecting();
    let request: ListVisitors =
        serde_json::from_value(json!({ "website_id": w, "limit": 5 })).expect("valid request");
    let end = block_on(visitors::stream_visitors(
        app.state(),
        demo,
        request,
        channel,
    ))
    .expect("the stream ends well");
    check_pages(&pages.lock().expect("lock"), end, 5, "visitors");
}

#[test]
fn a_stream_on_an_unknown_connection_fails_before_sending_anything() {
    let (app, w) = demo_app();
    let (channel, pages) = collecting();
    let request: ListVisitors =
        serde_json::from_value(json!({ "website_id": w })).expect("valid request");
    let error = block_on(visitors::stream_visitors(
        app.state(),
        ConnectionId::from("nope"),
        request,
        channel,
    ))
    .expect_err("no such connection");
    assert_eq!(
        error.kind,
        crisp_desk_lib::error::ErrorKind::NotFound,
        "the connection is missing"
    );
    assert!(pages.lock().expect("lock").is_empty(), "no page is sent");
}

#[test]
fn crisp_failures_on_a_command_reach_the_ui_as_their_kinds() {
    let (app, w) = demo_app();
    let demo = app.demo_sandbox();
    let stage = |fault: Value| {
        crate::support::block_on(demo.fault("GET /v1/website/{website_id}/operators/list", fault));
    };
    let call = || {
        app.err(
            "list_operators",
            json!({ "connection": "demo", "request": { "website_id": w } }),
        )
    };

    stage(json!({ "quota": { "count": 1 } }));
    assert_eq!(
        call()["kind"],
        json!("quota_exceeded"),
        "a spent daily quota is final and named"
    );
    stage(json!({ "status": { "code": 503, "count": 5 } }));
    assert_eq!(
        call()["kind"],
        json!("server"),
        "a failing Crisp is a server error"
    );
    crate::support::block_on(demo.clear_faults());
    stage(json!({ "malformed": { "count": 5 } }));
    let error = call();
    assert_eq!(
        error["kind"],
        json!("server"),
        "an unexpected answer is a server error: {error}"
    );
}

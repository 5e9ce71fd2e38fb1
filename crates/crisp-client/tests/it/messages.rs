//! Messages: send, get, update, the latest batch and the history back to the start.

use std::collections::HashSet;
use std::time::Duration;

use crisp_client::conversations::CreateConversation;
use crisp_client::messages::{
    Draft, DraftState, GetMessage, ListMessages, SendMessage, UpdateMessage,
};
use futures::TryStreamExt;
use serde_json::json;

use crate::support::{as_json, quick, World};

#[tokio::test]
async fn a_sent_message_reads_back_and_can_be_edited() {
    let world = World::start().await;
    let client = &world.client;
    let session = client
        .send(&CreateConversation::new(world.website_id()))
        .await
        .expect("created")
        .session_id;
    let session = session.expect("a session_id");
    let send: SendMessage = world.request(json!({ "session_id": session, "body": {
        "type": "text", "from": "operator", "origin": "chat", "content": "Refund sent today.",
    } }));
    let sent = client.send(&send).await.expect("sent");
    let fingerprint = sent.fingerprint.expect("Crisp answers the fingerprint");

    let message = client
        .send(&GetMessage::new(world.website_id(), &session, fingerprint))
        .await
        .expect("readable");
    assert_eq!(
        as_json(&message)["content"],
        json!("Refund sent today."),
        "the content reads back"
    );

    let update: UpdateMessage = world.request(json!({
        "session_id": session, "fingerprint": fingerprint, "body": { "content": "Refund sent this morning." },
    }));
    client.send(&update).await.expect("edited");
    let batch = client
        .send(&ListMessages::new(world.website_id(), &session))
        .await
        .expect("listed");
    let listed = batch
        .messages
        .iter()
        .find(|m| m.fingerprint == Some(fingerprint))
        .expect("the message is listed");
    let listed = as_json(listed);
    assert_eq!(
        listed["content"],
        json!("Refund sent this morning."),
        "the edit is listed"
    );
    assert_eq!(listed["edited"], json!(true), "an edited message says so");
    assert!(
        !batch.more,
        "one message fits one batch: 200, nothing older"
    );
}

#[tokio::test]
async fn send_message_once_fills_a_fingerprint_and_sends_once() {
    let world = World::start().await;
    let session = world.sandbox.inject_conversation("Hello?").await.session_id;
    let send: SendMessage = world.request(json!({ "session_id": session, "body": {
        "type": "note", "from": "operator", "origin": "chat", "content": "Check the bank transfer",
    } }));
    let sent = world.client.send_message_once(send).await.expect("sent");
    let fingerprint = sent.fingerprint.expect("a fingerprint");
    let posts = world.sandbox.requests_to("POST", "/message").await;
    assert_eq!(posts.len(), 1, "one POST for one message");
    assert_eq!(
        posts[0]["body"]["fingerprint"],
        json!(fingerprint),
        "the client chose the fingerprint it reports"
    );
}

/// A conversation of `count` visitor messages, `gap` apart; gives its session.
async fn thread(world: &World, count: usize, gap: Duration) -> String {
    let session = world
        .sandbox
        .inject_conversation("message 0")
        .await
        .session_id;
    for n in 1..count {
        if !gap.is_zero() {
            tokio::time::sleep(gap).await;
        }
        world
            .sandbox
            .inject_message(&session, &format!("message {n}"))
            .await;
    }
    world.sandbox.clear_requests().await;
    session
}

#[tokio::test]
async fn the_history_walks_back_to_the_first_message_each_message_once() {
    let world = World::start().await;
    let session = thread(&world, 57, Duration::from_millis(2)).await;

    let latest = world
        .client
        .send(&ListMessages::new(world.website_id(), &session))
        .await
        .expect("a batch");
    assert!(
        latest.more,
        "57 messages do not fit one batch: Crisp answers 206"
    );

    let history: Vec<_> = world
        .client
        .message_history(ListMessages::new(world.website_id(), &session))
        .try_collect()
        .await
        .expect("walked");
    let contents: HashSet<String> = history
        .iter()
        .filter_map(|m| as_json(m)["content"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(history.len(), 57, "every message once, none twice");
    assert_eq!(
        contents.len(),
        57,
        "all 57 distinct messages, back to the first"
    );
    assert!(
        contents.contains("message 0"),
        "the walk reaches the first message"
    );
    let selectors: Vec<_> = world
        .sandbox
        .requests_to("GET", "/messages")
        .await
        .iter()
        .skip(1)
        .map(|entry| entry["query"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(
        selectors[0].is_empty(),
        "the walk starts at the latest batch"
    );
    assert!(
        selectors[1..]
            .iter()
            .all(|query| query.starts_with("timestamp_before=")),
        "older batches are asked by timestamp_before: {selectors:?}"
    );

    let limited: Vec<_> = world
        .client
        .message_history(world.request(json!({ "session_id": session, "limit": 30 })))
        .try_collect()
        .await
        .expect("walked");
    assert_eq!(limited.len(), 30, "limit caps the history");
}

#[tokio::test]
async fn the_history_keeps_messages_that_share_a_millisecond_across_a_batch_boundary() {
    let world = World::start().await;
    let session = world.sandbox.inject_conversation("first").await.session_id;
    let base = 1_700_000_000_000_u64;
    // Three messages per millisecond: every batch boundary falls inside a shared millisecond.
    for n in 0..60_u64 {
        let send: SendMessage = world.request(json!({ "session_id": session, "body": {
            "type": "text", "from": "operator", "origin": "chat", "content": format!("burst {n}"),
            "timestamp": base + n / 3,
        } }));
        world.client.send(&send).await.expect("sent");
    }
    let history: Vec<_> = world
        .client
        .message_history(ListMessages::new(world.website_id(), &session))
        .try_collect()
        .await
        .expect("walked");
    let bursts = history
        .iter()
        .filter(|m| {
            as_json(m)["content"]
                .as_str()
                .is_some_and(|c| c.starts_with("burst "))
        })
        .count();
    assert_eq!(
        bursts, 60,
        "messages sharing a millisecond with a batch's oldest one are not skipped"
    );
    assert_eq!(history.len(), 61, "each message once");
}

const SEND_ROUTE: &str = "POST /v1/website/{website_id}/conversation/{session_id}/message";
const LOOKUP_ROUTE: &str =
    "GET /v1/website/{website_id}/conversation/{session_id}/message/{fingerprint}";

/// Stages a POST that is stored but whose answer is lost, and makes every attempt of the lookup right after it
/// fail too, so the first try ends unclear and only a retry can find the message.
async fn lose_the_answer_and_the_first_lookup(world: &World) {
    world
        .sandbox
        .fault(SEND_ROUTE, json!({ "drop": { "after_write": true } }))
        .await;
    world
        .sandbox
        .fault(
            LOOKUP_ROUTE,
            json!({ "status": { "code": 503, "count": quick().max_attempts } }),
        )
        .await;
}

/// The thread's messages with this content.
async fn copies(world: &World, session: &str, content: &str) -> usize {
    let history: Vec<_> = world
        .client
        .message_history(ListMessages::new(world.website_id(), session))
        .try_collect()
        .await
        .expect("walked");
    history
        .iter()
        .filter(|m| as_json(m)["content"] == json!(content))
        .count()
}

#[tokio::test]
async fn a_draft_whose_answer_was_lost_is_found_by_its_retry_and_posted_once() {
    let world = World::start().await;
    let session = world
        .sandbox
        .inject_conversation("Where is my refund?")
        .await
        .session_id;
    lose_the_answer_and_the_first_lookup(&world).await;
    let send: SendMessage = world.request(json!({ "session_id": session, "body": {
        "type": "text", "from": "operator", "origin": "chat", "content": "Refund sent, answer lost",
    } }));
    let mut draft = Draft::new(send).expect("a draft");
    let fingerprint = draft.fingerprint();

    let first = draft.send(&world.client).await;
    assert!(
        first.is_err(),
        "the answer and the lookup were both lost: {first:?}"
    );
    assert!(
        draft.is_pending(),
        "an unclear failure keeps the draft pending"
    );
    assert_eq!(
        draft.state(),
        DraftState::MayHaveLanded,
        "the lost answer may have landed"
    );
    assert_eq!(
        world.sandbox.faults().await,
        Vec::<serde_json::Value>::new(),
        "every staged fault was used by the first try"
    );

    let sent = draft
        .send(&world.client)
        .await
        .expect("the retry finds the message");
    assert_eq!(
        sent.fingerprint,
        Some(fingerprint),
        "the retry answers the draft's own fingerprint"
    );
    assert!(!draft.is_pending(), "a found message has landed");
    let posts = world.sandbox.requests_to("POST", "/message").await;
    assert_eq!(
        posts.len(),
        1,
        "the retry looked the fingerprint up and posted nothing"
    );
    assert_eq!(
        posts[0]["status"],
        json!(200),
        "the one POST was stored although its answer was lost"
    );
    let log = world.sandbox.requests().await;
    let last = log.last().expect("requests were logged");
    assert_eq!(
        (last["method"].clone(), last["status"].clone()),
        (json!("GET"), json!(200)),
        "the retry's last request is the lookup that found the message: {last}"
    );
    assert_eq!(
        copies(&world, &session, "Refund sent, answer lost").await,
        1,
        "exactly one message with that content in the thread"
    );

    let logged = world.sandbox.requests().await.len();
    draft
        .send(&world.client)
        .await
        .expect("a landed draft answers again");
    assert_eq!(
        world.sandbox.requests().await.len(),
        logged,
        "a landed draft sends nothing more"
    );
}

#[tokio::test]
async fn a_retried_send_that_may_have_landed_is_looked_up_before_it_is_posted_again() {
    let world = World::start().await;
    let session = world.sandbox.inject_conversation("Hello?").await.session_id;
    lose_the_answer_and_the_first_lookup(&world).await;
    let send: SendMessage = world.request(json!({ "session_id": session, "body": {
        "type": "text", "from": "operator", "origin": "chat", "content": "Once only",
        "fingerprint": 172145930000077_i64,
    } }));
    let first = world.client.send_message_once(send.clone()).await;
    assert!(first.is_err(), "the first try ends unclear: {first:?}");

    let sent = world
        .client
        .send_message_once(send.may_have_landed(true))
        .await
        .expect("the retry finds the message");
    assert_eq!(
        sent.fingerprint,
        Some(172145930000077),
        "the draft's fingerprint"
    );
    assert_eq!(
        world.sandbox.requests_to("POST", "/message").await.len(),
        1,
        "a retry of the same draft asks Crisp before posting, and posts nothing when it is there"
    );
    assert_eq!(
        copies(&world, &session, "Once only").await,
        1,
        "exactly one message with that content in the thread"
    );
}

#[tokio::test]
async fn a_send_whose_answer_was_lost_is_found_at_once_and_posted_once() {
    let world = World::start().await;
    let session = world.sandbox.inject_conversation("Hello?").await.session_id;
    world
        .sandbox
        .fault(SEND_ROUTE, json!({ "drop": { "after_write": true } }))
        .await;
    let send: SendMessage = world.request(json!({ "session_id": session, "body": {
        "type": "note", "from": "operator", "origin": "chat", "content": "Checked the transfer",
    } }));
    let sent = world
        .client
        .send_message_once(send)
        .await
        .expect("the lookup after the lost answer finds the message");
    let fingerprint = sent.fingerprint.expect("a fingerprint");
    assert_eq!(
        world.sandbox.requests_to("POST", "/message").await.len(),
        1,
        "one POST"
    );
    assert_eq!(
        world
            .sandbox
            .requests_to("GET", &format!("/message/{fingerprint}"))
            .await
            .len(),
        1,
        "one lookup found it"
    );
    assert_eq!(
        copies(&world, &session, "Checked the transfer").await,
        1,
        "exactly one message with that content in the thread"
    );
}

#[tokio::test]
async fn a_draft_refused_by_crisp_stays_unsent_and_keeps_its_fingerprint() {
    let world = World::start().await;
    let send: SendMessage = world.request(
        json!({ "session_id": "session_00000000-0000-4000-8000-000000000000", "body": {
        "type": "text", "from": "operator", "origin": "chat", "content": "Nowhere",
    } }),
    );
    let mut draft = Draft::new(send).expect("a draft");
    let fingerprint = draft.fingerprint();
    let error = draft
        .send(&world.client)
        .await
        .expect_err("no such conversation");
    assert_eq!(
        error.status(),
        Some(404),
        "Crisp's refusal is answered: {error:?}"
    );
    assert_eq!(
        draft.state(),
        DraftState::Unsent,
        "a refusal means Crisp stored nothing"
    );
    assert!(draft.is_pending(), "the draft is kept");
    assert_eq!(
        draft.fingerprint(),
        fingerprint,
        "and keeps its fingerprint"
    );
    let methods: Vec<_> = world
        .sandbox
        .requests()
        .await
        .iter()
        .map(|entry| entry["method"].clone())
        .collect();
    assert_eq!(
        methods,
        [json!("POST")],
        "one POST and no lookup: a known failure needs none"
    );
}

#[tokio::test]
async fn history_pages_with_a_limit_return_exactly_the_newest_messages_and_end_there() {
    let world = World::start().await;
    let session = thread(&world, 57, Duration::from_millis(2)).await;

    let page = world
        .client
        .message_history_page(world.request(json!({ "session_id": session, "limit": 45 })))
        .await
        .expect("a page");
    let contents: HashSet<String> = page
        .messages
        .iter()
        .filter_map(|m| as_json(m)["content"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(
        page.messages.len(),
        45,
        "Limit is the most messages returned: exactly 45"
    );
    assert_eq!(
        contents,
        (12..57)
            .map(|n| format!("message {n}"))
            .collect::<HashSet<_>>(),
        "the 45 newest messages, without a gap"
    );
    assert_eq!(page.next, None, "the limit ends the history: no older page");

    world.sandbox.clear_requests().await;
    let mut next = Some(ListMessages::new(world.website_id(), &session));
    let mut paged = 0;
    while let Some(request) = next.take() {
        let page = world
            .client
            .message_history_page(request)
            .await
            .expect("a page");
        paged += page.messages.len();
        next = page.next;
    }
    assert_eq!(
        paged, 57,
        "paging one page at a time with each `next` reaches the first message, each message once"
    );
}

#[tokio::test]
async fn a_message_sent_with_an_original_keeps_every_field_of_it() {
    let world = World::start().await;
    let session = world.sandbox.inject_conversation("hello").await.session_id;
    let original = json!({ "type": "text", "content": "O seu reembolso foi enviado." });
    let send: SendMessage = world.request(json!({ "session_id": session, "body": {
        "type": "text", "from": "operator", "origin": "chat", "content": "Your refund was sent.",
        "translated": true, "original": original,
    } }));
    let fingerprint = world
        .client
        .send(&send)
        .await
        .expect("sent")
        .fingerprint
        .expect("a fingerprint");
    let message = world
        .client
        .send(&GetMessage::new(world.website_id(), &session, fingerprint))
        .await
        .expect("readable");
    assert_eq!(
        as_json(&message)["original"],
        original,
        "Original's Type and Content are sent, stored and read back"
    );
}

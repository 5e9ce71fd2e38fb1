//! Messages: send, get, update, the latest batch and the history back to the start.

use std::collections::HashSet;
use std::time::Duration;

use crisp_client::conversations::CreateConversation;
use crisp_client::messages::{GetMessage, ListMessages, SendMessage, UpdateMessage};
use futures::TryStreamExt;
use serde_json::json;

use crate::support::{as_json, World};

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
    let session = world.inject_message(None, "Hello?").await;
    let send: SendMessage = world.request(json!({ "session_id": session, "body": {
        "type": "note", "from": "operator", "origin": "chat", "content": "Check the bank transfer",
    } }));
    let sent = world.client.send_message_once(send).await.expect("sent");
    let fingerprint = sent.fingerprint.expect("a fingerprint");
    let posts = world.requests_to("POST", "/message").await;
    assert_eq!(posts.len(), 1, "one POST for one message");
    assert_eq!(
        posts[0]["body"]["fingerprint"],
        json!(fingerprint),
        "the client chose the fingerprint it reports"
    );
}

/// A conversation of `count` visitor messages, `gap` apart; gives its session.
async fn thread(world: &World, count: usize, gap: Duration) -> String {
    let session = world.inject_message(None, "message 0").await;
    for n in 1..count {
        if !gap.is_zero() {
            tokio::time::sleep(gap).await;
        }
        world
            .inject_message(Some(&session), &format!("message {n}"))
            .await;
    }
    world.clear_requests().await;
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
    let session = world.inject_message(None, "first").await;
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

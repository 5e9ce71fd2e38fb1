use std::collections::HashSet;

use serde_json::{json, Value};

use crate::support::Api;

fn text(from: &str, content: &str, timestamp: u64) -> Value {
    json!({ "type": "text", "from": from, "origin": "chat", "content": content, "timestamp": timestamp })
}

#[tokio::test]
async fn the_history_walk_answers_206_while_older_messages_exist_and_200_at_the_start() {
    let api = Api::start().await;
    let session_id = api.post(&api.site("/conversation"), json!({})).await.data()["session_id"]
        .as_str()
        .expect("a session")
        .to_owned();
    let path = api.site(&format!("/conversation/{session_id}"));
    for index in 0..45u64 {
        api.post(
            &format!("{path}/message"),
            text(
                "user",
                &format!("message {index}"),
                1_721_459_000_000 + index * 1000,
            ),
        )
        .await
        .assert_ok(200);
    }
    let mut seen = Vec::new();
    let mut query = String::new();
    let mut statuses = Vec::new();
    loop {
        let reply = api.get(&format!("{path}/messages{query}")).await;
        statuses.push(reply.status.as_u16());
        let batch = reply.data().as_array().expect("a batch").clone();
        let stamps: Vec<u64> = batch
            .iter()
            .map(|m| m["timestamp"].as_u64().expect("timestamp"))
            .collect();
        assert!(
            stamps.windows(2).all(|pair| pair[0] <= pair[1]),
            "oldest first within a batch"
        );
        seen.splice(
            0..0,
            batch
                .iter()
                .map(|m| m["content"].as_str().unwrap_or_default().to_owned()),
        );
        if reply.status.as_u16() == 200 {
            break;
        }
        assert_eq!(
            reply.status.as_u16(),
            206,
            "partial while older messages exist: {reply:?}"
        );
        query = format!("?timestamp_before={}", stamps[0]);
    }
    assert_eq!(
        statuses,
        vec![206, 206, 200],
        "45 messages in batches of 20: two partial answers, then the start"
    );
    let expected: Vec<String> = (0..45).map(|index| format!("message {index}")).collect();
    assert_eq!(
        seen, expected,
        "the walk returns every message once, in order"
    );
}

#[tokio::test]
async fn timestamp_after_returns_only_newer_messages() {
    let api = Api::start().await;
    let session_id = api.injected_conversation("first").await;
    let path = api.site(&format!("/conversation/{session_id}"));
    let first = api.get(&format!("{path}/messages")).await;
    let stamp = first.data()[0]["timestamp"].as_u64().expect("timestamp");
    api.post(
        &format!("{path}/message"),
        text("operator", "second", stamp + 5),
    )
    .await
    .assert_ok(200);
    let newer = api
        .get(&format!("{path}/messages?timestamp_after={stamp}"))
        .await;
    let contents: Vec<&str> = newer
        .data()
        .as_array()
        .expect("a batch")
        .iter()
        .filter_map(|m| m["content"].as_str())
        .collect();
    assert_eq!(contents, vec!["second"], "only messages after the instant");
}

#[tokio::test]
async fn sending_without_origin_is_refused_with_crisps_message() {
    let api = Api::start().await;
    let session_id = api.injected_conversation("hi").await;
    let reply = api
        .post(
            &api.site(&format!("/conversation/{session_id}/message")),
            json!({ "type": "text", "from": "operator", "content": "Hello" }),
        )
        .await;
    reply.assert_error(400, "invalid_data");
    assert_eq!(
        reply.message(),
        "data should have required property '.origin'",
        "the contract's observed message"
    );
}

#[tokio::test]
async fn content_must_have_the_shape_of_its_type() {
    let api = Api::start().await;
    let session_id = api.injected_conversation("hi").await;
    let path = api.site(&format!("/conversation/{session_id}/message"));
    let cases = [
        (
            json!({ "type": "text", "from": "operator", "origin": "chat", "content": { "text": "x" } }),
            "data.content",
        ),
        (
            json!({ "type": "file", "from": "operator", "origin": "chat", "content": { "name": "a.pdf", "type": "application/pdf" } }),
            "url",
        ),
        (
            json!({ "type": "picker", "from": "operator", "origin": "chat", "content": { "id": "p", "text": "Pick" } }),
            "choices",
        ),
        (
            json!({ "type": "carousel", "from": "operator", "origin": "chat", "content": { "text": "t", "targets": [{ "title": "a" }] } }),
            "description",
        ),
        (
            json!({ "type": "event", "from": "operator", "origin": "chat", "content": {} }),
            "namespace",
        ),
        (
            json!({ "type": "video", "from": "operator", "origin": "chat", "content": "x" }),
            "data.type",
        ),
        (
            json!({ "type": "text", "from": "bot", "origin": "chat", "content": "x" }),
            "data.from",
        ),
        (
            json!({ "type": "text", "from": "operator", "origin": "fax", "content": "x" }),
            "data.origin",
        ),
    ];
    for (body, named) in cases {
        let reply = api.post(&path, body.clone()).await;
        reply.assert_error(400, "invalid_data");
        assert!(
            reply.message().contains(named),
            "the message for {body} names {named}: {reply:?}"
        );
    }
}

#[tokio::test]
async fn every_message_type_is_accepted_with_its_content_shape() {
    let api = Api::start().await;
    let session_id = api.injected_conversation("hi").await;
    let path = api.site(&format!("/conversation/{session_id}/message"));
    let contents = [
        ("text", json!("Refund sent today.")),
        ("note", json!("Check the bank transfer")),
        (
            "file",
            json!({ "name": "r.pdf", "url": "https://files.example.com/r.pdf", "type": "application/pdf" }),
        ),
        (
            "animation",
            json!({ "url": "https://media.example.com/a.gif", "type": "image/gif" }),
        ),
        (
            "audio",
            json!({ "url": "https://files.example.com/a.webm", "type": "audio/webm", "duration": 12 }),
        ),
        (
            "picker",
            json!({ "id": "rate", "text": "Rate us", "choices": [{ "value": "good", "label": "Good", "selected": false }] }),
        ),
        (
            "field",
            json!({ "id": "email", "text": "Email?", "explain": "Your email" }),
        ),
        (
            "carousel",
            json!({ "text": "Plans", "targets": [{ "title": "Pro", "description": "All", "actions": [{ "label": "Go", "url": "https://x.example" }] }] }),
        ),
        ("event", json!({ "namespace": "state:resolved" })),
    ];
    for (kind, content) in contents {
        let reply = api
            .post(
                &path,
                json!({ "type": kind, "from": "operator", "origin": "chat", "content": content }),
            )
            .await;
        reply.assert_ok(200);
        assert_eq!(
            reply.reason(),
            "dispatched",
            "the contract's example reason"
        );
    }
}

#[tokio::test]
async fn a_sent_message_gets_a_fingerprint_and_updates_the_conversation() {
    let api = Api::start().await;
    let session_id = api.injected_conversation("hi").await;
    let path = api.site(&format!("/conversation/{session_id}"));
    let sent = api
        .post(
            &format!("{path}/message"),
            json!({ "type": "text", "from": "operator", "origin": "chat", "content": "On it!" }),
        )
        .await;
    let fingerprint = sent.data()["fingerprint"]
        .as_i64()
        .expect("a fingerprint is chosen");
    assert!(
        fingerprint > 1 << 32,
        "fingerprints exceed 32 bits like Crisp's: {fingerprint}"
    );
    let conversation = api.get(&path).await.data().clone();
    assert_eq!(
        conversation["last_message"],
        json!("On it!"),
        "last_message follows"
    );
    assert_eq!(
        conversation["preview_message"]["fingerprint"],
        json!(fingerprint),
        "preview follows"
    );
    assert_eq!(
        conversation["unread"]["visitor"],
        json!(1),
        "the visitor has an unread reply"
    );
    let own = api
        .post(
            &format!("{path}/message"),
            json!({ "type": "text", "from": "operator", "origin": "chat", "content": "Mine", "fingerprint": 172145930000001i64 }),
        )
        .await;
    assert_eq!(
        own.data()["fingerprint"],
        json!(172145930000001i64),
        "a given fingerprint is kept"
    );
    let fetched = api.get(&format!("{path}/message/172145930000001")).await;
    fetched.assert_ok(200);
    assert_eq!(
        fetched.data()["content"],
        json!("Mine"),
        "the message is stored under its fingerprint"
    );
}

#[tokio::test]
async fn editing_checks_the_type_marks_edited_and_unknown_fingerprints_are_404() {
    let api = Api::start().await;
    let session_id = api.injected_conversation("typo here").await;
    let path = api.site(&format!("/conversation/{session_id}"));
    let fingerprint = api.get(&format!("{path}/messages")).await.data()[0]["fingerprint"].clone();
    let message = format!("{path}/message/{fingerprint}");
    api.patch(&message, json!({ "content": { "name": "x" } }))
        .await
        .assert_error(400, "invalid_data");
    api.patch(&message, json!({ "content": "no typo here" }))
        .await
        .assert_ok(200);
    let edited = api.get(&message).await;
    assert_eq!(
        edited.data()["content"],
        json!("no typo here"),
        "content replaced"
    );
    assert_eq!(
        edited.data()["edited"],
        json!(true),
        "edited messages say so"
    );
    api.get(&format!("{path}/message/1"))
        .await
        .assert_error(404, "not_found");
    api.patch(&format!("{path}/message/1"), json!({ "content": "x" }))
        .await
        .assert_error(404, "not_found");
    api.delete(&message).await.assert_ok(200);
    api.get(&message).await.assert_error(404, "not_found");
}

#[tokio::test]
async fn seeded_threads_use_every_message_type() {
    let api = Api::start().await;
    let conversations = api.all_conversations("").await;
    let mut kinds = HashSet::new();
    for conversation in &conversations {
        let session_id = conversation["session_id"].as_str().expect("session");
        let reply = api
            .get(&api.site(&format!("/conversation/{session_id}/messages")))
            .await;
        for message in reply.data().as_array().expect("a batch") {
            kinds.insert(message["type"].as_str().unwrap_or_default().to_owned());
        }
    }
    for kind in crisp_sandbox::conventions::MESSAGE_TYPES {
        assert!(
            kinds.contains(kind),
            "some seeded thread has a {kind} message: {kinds:?}"
        );
    }
}

#[tokio::test]
async fn seeded_history_pages_agree_with_the_conversation_summary() {
    let api = Api::start().await;
    let first = api.get(&api.site("/conversations/1")).await.data()[0].clone();
    let session_id = first["session_id"].as_str().expect("session");
    let batch = api
        .get(&api.site(&format!("/conversation/{session_id}/messages")))
        .await;
    let last = batch
        .data()
        .as_array()
        .and_then(|b| b.iter().rev().find(|m| m["type"] != "note"))
        .expect("messages")
        .clone();
    assert_eq!(
        first["preview_message"]["fingerprint"], last["fingerprint"],
        "the preview is the latest message"
    );
    assert_eq!(
        first["updated_at"],
        batch
            .data()
            .as_array()
            .and_then(|b| b.last())
            .expect("a message")["timestamp"],
        "updated_at is the last message time"
    );
}

#[tokio::test]
async fn fingerprints_the_sandbox_chooses_never_repeat_even_within_one_millisecond() {
    let api = Api::start().await;
    let session_id = api.post(&api.site("/conversation"), json!({})).await.data()["session_id"]
        .as_str()
        .expect("a session")
        .to_owned();
    let path = api.site(&format!("/conversation/{session_id}"));
    let mut fingerprints = HashSet::new();
    // Sent concurrently, so many land within the same millisecond (the case that used to collide).
    let send_path = format!("{path}/message");
    let sends = (0..300u64).map(|index| {
        api.post(
            &send_path,
            text("operator", &format!("burst {index}"), 1_700_000_000_000),
        )
    });
    for reply in futures::future::join_all(sends).await {
        let fingerprint = reply.data()["fingerprint"].as_i64().expect("a fingerprint");
        assert!(
            fingerprints.insert(fingerprint),
            "a fingerprint identifies one message of a conversation: {fingerprint} was issued twice"
        );
    }
}

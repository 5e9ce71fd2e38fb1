//! Faults staged through `/_sandbox/faults`: latency, 429 with and without `Retry-After`, 5xx for N calls, a
//! dropped connection, malformed JSON and a spent daily quota, with the retry decisions the client promises.

use std::time::Duration;

use crisp_client::conversations::{CreateConversation, GetConversation, SearchConversations};
use crisp_client::messages::{Draft, ListMessages, SendMessage};
use crisp_client::{Error, RetryPolicy};
use serde_json::{json, Value};

use crate::support::{client_for, World};

const CONVERSATION: &str = "GET /v1/website/{website_id}/conversation/{session_id}";

/// A seeded conversation's session_id.
async fn some_session(world: &World) -> String {
    let page: SearchConversations = world.request(json!({ "per_page": 20 }));
    let page = world.client.send(&page).await.expect("a page");
    page.into_iter()
        .find_map(|c| c.session_id)
        .expect("seeded conversations")
}

fn statuses(log: &[Value]) -> Vec<u64> {
    log.iter()
        .filter_map(|entry| entry["status"].as_u64())
        .collect()
}

#[tokio::test]
async fn added_latency_beyond_the_timeout_is_a_timeout_and_a_get_is_retried() {
    let world = World::start().await;
    let session = some_session(&world).await;
    let client = client_for(
        &world.sandbox,
        crate::support::quick(),
        Duration::from_millis(300),
    );
    world
        .sandbox
        .fault(
            CONVERSATION,
            json!({ "latency": { "ms": 1_000, "count": 1 } }),
        )
        .await;
    let conversation = client
        .send(&GetConversation::new(world.website_id(), &session))
        .await;
    assert!(
        conversation.is_ok(),
        "the GET is retried after the slow attempt times out: {conversation:?}"
    );
    assert!(
        world.sandbox.faults().await.is_empty(),
        "the slow attempt reached the sandbox before the retry succeeded"
    );

    world
        .sandbox
        .fault(CONVERSATION, json!({ "latency": { "ms": 1_000 } }))
        .await;
    let never = client_for(
        &world.sandbox,
        RetryPolicy::never(),
        Duration::from_millis(300),
    );
    let error = never
        .send(&GetConversation::new(world.website_id(), &session))
        .await
        .expect_err("too slow");
    assert!(
        matches!(error, Error::Timeout { .. }),
        "a slow answer is a timeout: {error:?}"
    );
}

#[tokio::test]
async fn a_429_with_retry_after_waits_that_long_for_every_caller_then_succeeds() {
    let world = World::start().await;
    let session = some_session(&world).await;
    world
        .sandbox
        .fault(
            CONVERSATION,
            json!({ "rate_limit": { "retry_after_s": 1, "count": 1 } }),
        )
        .await;
    world.sandbox.clear_requests().await;
    let conversation = world
        .client
        .send(&GetConversation::new(world.website_id(), &session))
        .await;
    assert!(
        conversation.is_ok(),
        "the rate-limited GET succeeds once the wait is over: {conversation:?}"
    );
    let log = world.sandbox.requests_to("GET", &session).await;
    assert_eq!(statuses(&log), [429, 200], "one 429, then the retry");
    let waited = log[1]["at"]
        .as_u64()
        .unwrap_or(0)
        .saturating_sub(log[0]["at"].as_u64().unwrap_or(0));
    assert!(
        waited >= 1_000,
        "Retry-After: 1 is honoured before the retry ({waited} ms)"
    );
}

#[tokio::test]
async fn a_429_without_retry_after_backs_off_shared_by_the_token() {
    let world = World::start().await;
    let session = some_session(&world).await;
    world
        .sandbox
        .fault(CONVERSATION, json!({ "rate_limit": { "count": 4 } }))
        .await;
    let error = world
        .client
        .send(&GetConversation::new(world.website_id(), &session))
        .await
        .expect_err("limited");
    assert!(
        matches!(error, Error::RateLimited { status: 429, .. }),
        "retries run out: {error:?}"
    );
    assert_eq!(
        statuses(&world.sandbox.requests_to("GET", &session).await),
        [429, 429, 429, 429],
        "a rate-limited request is tried max_attempts times"
    );
    let policy = RetryPolicy {
        max_attempts: 2,
        base_delay: Duration::from_secs(3),
        max_delay: Duration::from_secs(3),
    };
    let slow = client_for(&world.sandbox, policy, Duration::from_secs(10));
    world
        .sandbox
        .fault(
            CONVERSATION,
            json!({ "rate_limit": { "status": 420, "count": 1 } }),
        )
        .await;
    let first = slow.clone();
    let website = world.website_id();
    let call = tokio::spawn({
        let session = session.clone();
        async move { first.send(&GetConversation::new(website, session)).await }
    });
    while slow.quota().backoff_until_ms.is_none() && !call.is_finished() {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(
        slow.quota().backoff_until_ms.is_some(),
        "a 420 puts the whole token in backoff"
    );
    call.abort();
}

#[tokio::test]
async fn a_5xx_is_retried_for_a_get_until_it_clears_but_never_for_a_post() {
    let world = World::start().await;
    let session = some_session(&world).await;
    world
        .sandbox
        .fault(
            CONVERSATION,
            json!({ "status": { "code": 503, "count": 2 } }),
        )
        .await;
    world.sandbox.clear_requests().await;
    let conversation = world
        .client
        .send(&GetConversation::new(world.website_id(), &session))
        .await;
    assert!(
        conversation.is_ok(),
        "two 503s are retried through: {conversation:?}"
    );
    assert_eq!(
        statuses(&world.sandbox.requests_to("GET", &session).await),
        [503, 503, 200],
        "503, 503, then success"
    );

    world
        .sandbox
        .fault(
            CONVERSATION,
            json!({ "status": { "code": 500, "count": 10 } }),
        )
        .await;
    let error = world
        .client
        .send(&GetConversation::new(world.website_id(), &session))
        .await
        .expect_err("failing");
    assert!(
        matches!(error, Error::Api { status: 500, .. }),
        "the last 500 is reported: {error:?}"
    );

    world
        .sandbox
        .fault(
            "POST /v1/website/{website_id}/conversation",
            json!({ "status": { "code": 500 } }),
        )
        .await;
    world.sandbox.clear_requests().await;
    let created = world
        .client
        .send(&CreateConversation::new(world.website_id()))
        .await;
    assert!(
        matches!(created, Err(Error::Api { status: 500, .. })),
        "a POST is not repeated: {created:?}"
    );
    assert_eq!(
        world
            .sandbox
            .requests_to("POST", "/conversation")
            .await
            .len(),
        1,
        "one POST, no retry"
    );
}

#[tokio::test]
async fn after_a_dropped_connection_a_get_is_retried_and_the_draft_s_retry_lands_exactly_once() {
    let world = World::start().await;
    let session = some_session(&world).await;
    world
        .sandbox
        .fault(CONVERSATION, json!({ "drop": { "count": 1 } }))
        .await;
    let conversation = world
        .client
        .send(&GetConversation::new(world.website_id(), &session))
        .await;
    assert!(
        conversation.is_ok(),
        "a GET is retried after a dropped connection: {conversation:?}"
    );

    let route = "POST /v1/website/{website_id}/conversation/{session_id}/message";
    let send: SendMessage = world.request(json!({ "session_id": session, "body": {
        "type": "text", "from": "operator", "origin": "chat", "content": "Exactly once",
    } }));
    world
        .sandbox
        .fault(route, json!({ "drop": { "count": 1 } }))
        .await;
    world.sandbox.clear_requests().await;
    let plain = world.client.send(&send).await;
    assert!(
        matches!(plain, Err(Error::Transport { .. })),
        "a plain send is not repeated blindly: {plain:?}"
    );
    assert_eq!(
        world.sandbox.requests_to("POST", "/message").await.len(),
        1,
        "one POST only"
    );

    world
        .sandbox
        .fault(route, json!({ "drop": { "count": 1 } }))
        .await;
    let mut draft = Draft::new(send).expect("a draft");
    let first = draft.send(&world.client).await;
    assert!(
        matches!(first, Err(Error::Transport { .. })),
        "after a lost connection Crisp may still be storing the message, so the draft is not posted again at once: {first:?}"
    );
    assert!(
        draft.is_pending(),
        "the draft and its fingerprint are kept for the retry"
    );
    let fingerprint = draft.fingerprint();
    let sent = draft
        .send(&world.client)
        .await
        .expect("the retry of the same draft lands");
    assert_eq!(
        sent.fingerprint,
        Some(fingerprint),
        "the retry kept the draft's fingerprint"
    );
    let history = world
        .client
        .send(&ListMessages::new(world.website_id(), &session))
        .await
        .expect("listed");
    let landed = history
        .messages
        .iter()
        .filter(|m| m.fingerprint == Some(fingerprint))
        .count();
    assert_eq!(landed, 1, "the message is in the conversation exactly once");
    let lookups = world
        .sandbox
        .requests_to("GET", &format!("/message/{fingerprint}"))
        .await;
    assert_eq!(
        lookups.len(),
        2,
        "the client asked whether the dropped send had landed after the drop and again before posting"
    );
    assert_eq!(
        world.sandbox.requests_to("POST", "/message").await.len(),
        3,
        "the plain send, the dropped post and the retry's post: nothing posted blindly"
    );
}

#[tokio::test]
async fn a_malformed_answer_is_a_decode_error_naming_where() {
    let world = World::start().await;
    let session = some_session(&world).await;
    world
        .sandbox
        .fault(CONVERSATION, json!({ "malformed": {} }))
        .await;
    let error = world
        .client
        .send(&GetConversation::new(world.website_id(), &session))
        .await
        .expect_err("bad JSON");
    assert!(
        matches!(error, Error::Decode { .. }),
        "truncated JSON is a decode error: {error:?}"
    );
}

#[tokio::test]
async fn a_spent_daily_quota_is_final_and_not_retried() {
    let world = World::start().await;
    let session = some_session(&world).await;
    world
        .sandbox
        .fault(CONVERSATION, json!({ "quota": {} }))
        .await;
    world.sandbox.clear_requests().await;
    let error = world
        .client
        .send(&GetConversation::new(world.website_id(), &session))
        .await
        .expect_err("quota");
    assert!(
        matches!(error, Error::QuotaExceeded { status: 429, .. }),
        "the quota is reported as such: {error:?}"
    );
    assert_eq!(
        world.sandbox.requests_to("GET", &session).await.len(),
        1,
        "a spent quota is not retried"
    );
    assert!(
        world.client.quota().used_today >= 2,
        "the scheduler counts every request sent today"
    );
}

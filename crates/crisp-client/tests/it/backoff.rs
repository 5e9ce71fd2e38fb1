//! A `Retry-After` longer than a request sits out: honoured in full by the whole token, and said at once rather
//! than held silently.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crisp_client::conversations::{GetConversation, SearchConversations};
use crisp_client::Error;
use serde_json::json;

use crate::support::World;

const CONVERSATION: &str = "GET /v1/website/{website_id}/conversation/{session_id}";

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|since| since.as_millis() as u64)
        .unwrap_or(0)
}

#[tokio::test]
async fn a_retry_after_of_90_s_holds_the_token_90_s_and_callers_hear_it_at_once() {
    let world = World::start().await;
    let page: SearchConversations = world.request(json!({ "per_page": 20 }));
    let session = world
        .client
        .send(&page)
        .await
        .expect("a page")
        .into_iter()
        .find_map(|c| c.session_id)
        .expect("seeded conversations");
    world
        .sandbox
        .fault(
            CONVERSATION,
            json!({ "rate_limit": { "retry_after_s": 90, "count": 1 } }),
        )
        .await;
    world.sandbox.clear_requests().await;
    let before = now_ms();
    let started = std::time::Instant::now();
    let error = world
        .client
        .send(&GetConversation::new(world.website_id(), &session))
        .await
        .expect_err("rate limited for 90 s");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the caller is told now, not held for 90 s ({:?})",
        started.elapsed()
    );
    assert_eq!(
        error,
        Error::RateLimited {
            status: 429,
            retry_after: Some(Duration::from_secs(90))
        },
        "the caller learns how long Crisp asked to wait"
    );
    let until = world
        .client
        .quota()
        .backoff_until_ms
        .expect("the token is backing off");
    assert!(
        until >= before + 89_000,
        "the shared backoff runs the full 90 s, not 30 s ({} ms)",
        until.saturating_sub(before)
    );

    let again = world
        .client
        .send(&GetConversation::new(world.website_id(), &session))
        .await
        .expect_err("still inside Crisp's 90 s");
    assert!(
        matches!(again, Error::RateLimited { retry_after: Some(left), .. } if left > Duration::from_secs(80)),
        "a later request hears how long is left: {again:?}"
    );
    assert_eq!(
        world.sandbox.requests_to("GET", &session).await.len(),
        1,
        "nothing more reaches Crisp before the 90 s are over"
    );
}

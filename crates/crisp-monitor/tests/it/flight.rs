//! Single flight: the same page is never requested twice at once.

use crisp_client::conversations::{Conversation, SearchConversations};
use crisp_monitor::SingleFlight;
use crisp_sandbox::Tier;
use serde_json::json;

use crate::support::World;

#[tokio::test]
async fn identical_page_requests_in_flight_at_once_are_sent_once() {
    let world = World::start(Tier::User).await;
    world
        .sandbox
        .fault(
            "GET /v1/website/{website_id}/conversations/{page}",
            json!({ "latency": { "ms": 200, "count": 1 } }),
        )
        .await;
    world.sandbox.clear_requests().await;
    let flight: SingleFlight<Vec<Conversation>> = SingleFlight::new();
    let request = SearchConversations::new(world.website_id());
    let (first, second) = tokio::join!(
        flight.send(&world.client, request.clone()),
        flight.send(&world.client, request.clone())
    );
    let first = first.expect("the page loads");
    assert_eq!(Ok(first), second, "both callers get the one answer");
    assert_eq!(
        world.sandbox.requests().await.len(),
        1,
        "one request reached Crisp"
    );
    assert_eq!(flight.in_flight(), 0, "nothing is left in flight");

    flight
        .send(&world.client, request)
        .await
        .expect("the page loads again");
    assert_eq!(
        world.sandbox.requests().await.len(),
        2,
        "a later request is sent anew"
    );
}

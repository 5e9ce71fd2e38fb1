//! The raw call: any route, answered whatever the status.

use crisp_client::raw::CallApi;
use serde_json::json;

use crate::support::World;

#[tokio::test]
async fn a_raw_call_answers_any_status_with_the_body_as_sent() {
    let world = World::start().await;
    let count: CallApi = serde_json::from_value(json!({
        "method": "GET", "path": format!("/v1/website/{}/visitors/count", world.website_id()),
    }))
    .expect("a raw call");
    let answer = world.client.send(&count).await.expect("answered");
    assert_eq!(answer.status, 200, "the route exists");
    assert_eq!(
        answer.body["error"],
        json!(false),
        "the whole envelope is kept: {}",
        answer.body
    );

    let missing: CallApi =
        serde_json::from_value(json!({ "method": "GET", "path": "/v1/nothing/here" }))
            .expect("raw");
    let answer = world
        .client
        .send(&missing)
        .await
        .expect("a 404 is an answer, not an error, for the raw call");
    assert_eq!(answer.status, 404, "an unknown route is not found");
    assert_eq!(
        answer.body["reason"],
        json!("not_found"),
        "Crisp's reason is in the body"
    );

    let escape: CallApi =
        serde_json::from_value(json!({ "method": "GET", "path": "/v1/../_sandbox/requests" }))
            .expect("raw");
    assert!(
        world.client.send(&escape).await.is_err(),
        "a path that leaves /v1/ is refused before sending"
    );
}

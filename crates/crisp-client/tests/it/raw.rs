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

#[tokio::test]
async fn an_observer_sees_every_accepted_answer_with_its_body_as_sent() {
    use std::sync::{Arc, Mutex};

    let world = World::start().await;
    let seen: Arc<Mutex<Vec<(String, u16, serde_json::Value)>>> = Arc::default();
    let keep = Arc::clone(&seen);
    assert!(world.client.observe(Arc::new(move |parts, response| {
        let body = serde_json::from_slice(&response.body).expect("JSON");
        keep.lock()
            .expect("lock")
            .push((parts.path.clone(), response.status, body));
    })));
    assert!(
        !world.client.observe(Arc::new(|_, _| {})),
        "only the first observer is kept"
    );
    let request: crisp_client::conversations::SearchConversations =
        world.request(json!({ "page": 1, "per_page": 20 }));
    // A clone shares the observer, as the app's monitor and commands share one client.
    let page = world.client.clone().send(&request).await.expect("a page");
    let seen = seen.lock().expect("lock");
    assert_eq!(seen.len(), 1, "one answer, seen once");
    let (path, status, body) = &seen[0];
    assert!(path.ends_with("/conversations/1"), "{path}");
    assert_eq!(*status, 200);
    assert_eq!(
        body["data"].as_array().map(Vec::len),
        Some(page.len()),
        "the envelope as Crisp sent it, data included"
    );
}

use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::{json, Value};

use crate::support::Api;

async fn stage(api: &Api, route: &str, fault: Value) {
    let reply = api
        .control(
            Method::POST,
            "/faults",
            Some(json!({ "route": route, "fault": fault })),
        )
        .await;
    assert_eq!(
        reply.status.as_u16(),
        200,
        "the fault is accepted: {reply:?}"
    );
}

#[tokio::test]
async fn latency_delays_matching_calls_by_at_least_the_given_time() {
    let api = Api::start().await;
    stage(
        &api,
        "GET /v1/website/{website_id}",
        json!({ "latency": { "ms": 300, "count": 1 } }),
    )
    .await;
    let started = Instant::now();
    api.get(&api.site("")).await.assert_ok(200);
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "the answer waited for the added latency"
    );
    let faults = api.control(Method::GET, "/faults", None).await;
    assert_eq!(faults.json, json!([]), "a counted latency is used up");
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after_then_recovers() {
    let api = Api::start().await;
    stage(
        &api,
        "*",
        json!({ "rate_limit": { "retry_after_s": 2, "count": 1 } }),
    )
    .await;
    let limited = api.get(&api.site("")).await;
    limited.assert_error(429, "rate_limited");
    assert_eq!(
        limited
            .headers
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("2"),
        "Retry-After carries the seconds"
    );
    api.get(&api.site("")).await.assert_ok(200);
}

#[tokio::test]
async fn rate_limit_without_retry_after_sends_no_header_and_may_use_420() {
    let api = Api::start().await;
    stage(&api, "*", json!({ "rate_limit": { "status": 420 } })).await;
    let limited = api.get(&api.site("")).await;
    limited.assert_error(420, "rate_limited");
    assert!(
        limited.headers.get("retry-after").is_none(),
        "no Retry-After unless asked"
    );
}

#[tokio::test]
async fn a_status_fault_answers_the_next_n_matching_calls_only() {
    let api = Api::start().await;
    stage(
        &api,
        "GET /v1/website/*",
        json!({ "status": { "code": 503, "count": 2 } }),
    )
    .await;
    api.get("/v1/website?domain=x").await;
    assert_eq!(
        api.get(&api.site("")).await.status.as_u16(),
        503,
        "first matching call"
    );
    assert_eq!(
        api.get(&api.site("/people/stats")).await.status.as_u16(),
        503,
        "second matching call"
    );
    api.get(&api.site("")).await.assert_ok(200);
}

#[tokio::test]
async fn faults_only_touch_matching_routes() {
    let api = Api::start().await;
    stage(
        &api,
        "POST /v1/website/{website_id}/conversation/{session_id}/message",
        json!({ "status": { "code": 500 } }),
    )
    .await;
    api.get(&api.site("")).await.assert_ok(200);
    let session_id = api.injected_conversation("hi").await;
    let reply = api
        .post(
            &api.site(&format!("/conversation/{session_id}/message")),
            json!({ "type": "text", "from": "operator", "origin": "chat", "content": "x" }),
        )
        .await;
    assert_eq!(reply.status.as_u16(), 500, "the send route fails");
    let history = api
        .get(&api.site(&format!("/conversation/{session_id}/messages")))
        .await;
    assert_eq!(
        history.data().as_array().map(Vec::len),
        Some(1),
        "the failed send stored nothing"
    );
}

#[tokio::test]
async fn a_drop_fault_closes_the_connection_without_an_answer() {
    let api = Api::start().await;
    stage(&api, "*", json!({ "drop": {} })).await;
    let outcome = api.request(Method::GET, &api.site("")).send().await;
    match outcome {
        Err(error) => assert!(
            !error.is_status(),
            "a transport failure, not an HTTP status: {error}"
        ),
        Ok(response) => {
            let status = response.status();
            let body = response.text().await;
            assert!(
                body.is_err(),
                "no complete answer arrives (got {status} and {body:?})"
            );
        }
    }
    api.get(&api.site("")).await.assert_ok(200);
}

#[tokio::test]
async fn a_malformed_fault_answers_200_with_a_body_that_is_not_json() {
    let api = Api::start().await;
    stage(&api, "*", json!({ "malformed": { "count": 1 } })).await;
    let reply = api.get(&api.site("")).await;
    assert_eq!(reply.status.as_u16(), 200, "the status looks fine");
    assert!(
        serde_json::from_str::<Value>(&reply.text).is_err(),
        "the body does not parse: {}",
        reply.text
    );
}

#[tokio::test]
async fn a_quota_fault_answers_429_quota_limit_exceeded_until_cleared() {
    let api = Api::start().await;
    stage(&api, "*", json!({ "quota": {} })).await;
    api.get(&api.site(""))
        .await
        .assert_error(429, "quota_limit_exceeded");
    api.get(&api.site(""))
        .await
        .assert_error(429, "quota_limit_exceeded");
    let cleared = api.control(Method::DELETE, "/faults", None).await;
    assert_eq!(cleared.json["cleared"], json!(1), "one fault was staged");
    api.get(&api.site("")).await.assert_ok(200);
}

#[tokio::test]
async fn unusable_faults_are_refused_by_the_control_api() {
    let api = Api::start().await;
    for body in [
        json!({ "route": "*", "fault": { "status": { "code": 404 } } }),
        json!({ "route": "*", "fault": { "explode": {} } }),
        json!({ "route": "GET", "fault": { "drop": {} } }),
    ] {
        let reply = api
            .control(Method::POST, "/faults", Some(body.clone()))
            .await;
        assert_eq!(reply.status.as_u16(), 400, "{body} is refused: {reply:?}");
        assert!(reply.json["error"].is_string(), "with a reason");
    }
}

#[tokio::test]
async fn a_drop_after_write_fault_stores_the_request_then_closes_without_an_answer() {
    let api = Api::start().await;
    let session_id = api.injected_conversation("hi").await;
    stage(
        &api,
        "POST /v1/website/{website_id}/conversation/{session_id}/message",
        json!({ "drop": { "after_write": true } }),
    )
    .await;
    let fingerprint = 172145930000001_i64;
    let body = json!({
        "type": "text", "from": "operator", "origin": "chat", "content": "Lost answer", "fingerprint": fingerprint,
    });
    let outcome = api
        .request(
            Method::POST,
            &api.site(&format!("/conversation/{session_id}/message")),
        )
        .json(&body)
        .send()
        .await;
    match outcome {
        Err(error) => assert!(
            !error.is_status(),
            "a transport failure, not an HTTP status: {error}"
        ),
        Ok(response) => {
            let status = response.status();
            let text = response.text().await;
            assert!(
                text.is_err(),
                "no complete answer arrives (got {status} and {text:?})"
            );
        }
    }
    let stored = api
        .get(&api.site(&format!("/conversation/{session_id}/message/{fingerprint}")))
        .await;
    stored.assert_ok(200);
    assert_eq!(
        stored.data()["content"],
        json!("Lost answer"),
        "the message was stored although its answer was lost"
    );
    let log = api.control(Method::GET, "/requests", None).await;
    let posts: Vec<&Value> = log
        .json
        .as_array()
        .expect("the request log is an array")
        .iter()
        .filter(|entry| entry["method"] == json!("POST"))
        .collect();
    assert_eq!(posts.len(), 1, "one POST reached the sandbox: {posts:?}");
    assert_eq!(
        posts[0]["status"],
        json!(200),
        "the log keeps the status the send was processed with"
    );
    assert_eq!(
        posts[0]["fault"],
        json!({ "drop": { "count": null, "after_write": true } }),
        "and names the fault that lost its answer"
    );
    let faults = api.control(Method::GET, "/faults", None).await;
    assert_eq!(
        faults.json,
        json!([]),
        "the fault is used up after one call"
    );
    let reply = api
        .post(
            &api.site(&format!("/conversation/{session_id}/message")),
            json!({ "type": "text", "from": "operator", "origin": "chat", "content": "Answered" }),
        )
        .await;
    reply.assert_ok(200);
}

use reqwest::Method;
use serde_json::json;

use crate::support::Api;

#[tokio::test]
async fn an_injected_message_lands_in_the_conversation_as_an_unread_visitor_message() {
    let api = Api::start().await;
    let session_id = api.injected_conversation("first").await;
    let reply = api
        .control(
            Method::POST,
            "/inject/message",
            Some(json!({ "session_id": session_id, "content": "are you there?" })),
        )
        .await;
    assert_eq!(reply.status.as_u16(), 200, "injected: {reply:?}");
    let fingerprint = reply.json["fingerprint"].clone();
    let message = api
        .get(&api.site(&format!("/conversation/{session_id}/message/{fingerprint}")))
        .await;
    assert_eq!(message.data()["from"], json!("user"), "a visitor message");
    assert_eq!(
        message.data()["content"],
        json!("are you there?"),
        "with the injected text"
    );
    let conversation = api
        .get(&api.site(&format!("/conversation/{session_id}")))
        .await;
    assert_eq!(
        conversation.data()["unread"]["operator"],
        json!(2),
        "both visitor messages are unread"
    );
}

#[tokio::test]
async fn an_injected_message_without_a_session_starts_the_newest_conversation() {
    let api = Api::start().await;
    let reply = api
        .control(
            Method::POST,
            "/inject/message",
            Some(json!({ "content": "new here", "nickname": "Nova" })),
        )
        .await;
    let session_id = reply.json["session_id"].clone();
    let first = api.get(&api.site("/conversations/1")).await;
    assert_eq!(
        first.data()[0]["session_id"],
        session_id,
        "the newest conversation comes first"
    );
    assert_eq!(
        first.data()[0]["meta"]["nickname"],
        json!("Nova"),
        "with the given nickname"
    );
    let missing = api
        .control(
            Method::POST,
            "/inject/message",
            Some(json!({ "session_id": "session_nope", "content": "x" })),
        )
        .await;
    assert_eq!(
        missing.status.as_u16(),
        404,
        "an unknown session is refused"
    );
}

#[tokio::test]
async fn the_request_log_keeps_method_path_query_tier_and_body_but_never_the_authorization() {
    let api = Api::start().await;
    api.get(&api.site("/conversations/1?per_page=20")).await;
    api.patch(
        &api.site("/conversation/session_x/state"),
        json!({ "state": "resolved" }),
    )
    .await;
    let log = api.control(Method::GET, "/requests", None).await;
    let entries = log.json.as_array().expect("a list").clone();
    assert_eq!(entries.len(), 2, "both calls are logged: {entries:?}");
    assert_eq!(entries[0]["method"], json!("GET"), "method");
    assert_eq!(
        entries[0]["path"],
        json!(api.site("/conversations/1")),
        "path"
    );
    assert_eq!(entries[0]["query"], json!("per_page=20"), "query");
    assert_eq!(entries[0]["tier"], json!("user"), "tier header");
    assert_eq!(entries[0]["status"], json!(200), "status");
    assert_eq!(
        entries[1]["body"],
        json!({ "state": "resolved" }),
        "the JSON body"
    );
    assert_eq!(entries[1]["status"], json!(404), "the unknown session");
    assert!(
        !log.text.contains(api.sandbox.key()),
        "the key never reaches the log"
    );
    assert!(
        !log.text.to_lowercase().contains("authorization"),
        "nor the header"
    );
    api.control(Method::DELETE, "/requests", None).await;
    let empty = api.control(Method::GET, "/requests", None).await;
    assert_eq!(empty.json, json!([]), "the log can be cleared");
}

#[tokio::test]
async fn the_control_api_needs_no_token_and_unknown_control_routes_are_404() {
    let api = Api::start().await;
    let health = api.control(Method::GET, "/health", None).await;
    assert_eq!(
        health.json,
        json!({ "ok": true }),
        "health answers without a token"
    );
    let settings = api.control(Method::GET, "/settings", None).await;
    assert_eq!(
        settings.json["subscribed"],
        json!(true),
        "subscribed by default"
    );
    let unknown = api.control(Method::GET, "/nope", None).await;
    assert_eq!(unknown.status.as_u16(), 404, "no such control route");
}

#[tokio::test]
async fn the_sandbox_handle_stages_and_clears_faults_reads_and_clears_the_log_and_injects_traffic()
{
    let api = Api::start().await;
    let sandbox = &api.sandbox;
    let id = sandbox
        .fault(
            "GET /v1/website/{website_id}",
            json!({ "status": { "code": 503, "count": 2 } }),
        )
        .await;
    let staged = sandbox.faults().await;
    assert_eq!(staged.len(), 1, "one fault is staged: {staged:?}");
    assert_eq!(staged[0]["id"], json!(id), "under the id it was given");
    api.get(&api.site(""))
        .await
        .assert_error(503, "server_error");
    assert_eq!(sandbox.clear_faults().await, 1, "the fault left is cleared");
    api.get(&api.site("")).await.assert_ok(200);

    let started = sandbox.inject_conversation("Is anyone there?").await;
    let answered = sandbox
        .inject_message(&started.session_id, "Hello again")
        .await;
    assert_eq!(
        answered.session_id, started.session_id,
        "the second message lands in the same conversation"
    );
    let message = api
        .get(&api.site(&format!(
            "/conversation/{}/message/{}",
            started.session_id, answered.fingerprint
        )))
        .await;
    assert_eq!(
        message.data()["content"],
        json!("Hello again"),
        "the injected message is stored under its fingerprint"
    );

    let logged = sandbox
        .requests_to("GET", &format!("/message/{}", answered.fingerprint))
        .await;
    assert_eq!(
        logged.len(),
        1,
        "the log is filtered by method and path: {logged:?}"
    );
    assert_eq!(
        sandbox.requests().await.len(),
        3,
        "every /v1 call is logged"
    );
    assert_eq!(sandbox.clear_requests().await, 3, "clearing says how many");
    assert!(sandbox.requests().await.is_empty(), "the log is empty");
}

#[tokio::test]
async fn the_sandbox_handle_changes_the_subscription_and_the_delete_secret() {
    let api = Api::start().await;
    api.sandbox.set_subscribed(false).await;
    api.sandbox.set_delete_secret("654321").await;
    let settings = api.control(Method::GET, "/settings", None).await;
    assert_eq!(
        settings.json,
        json!({ "subscribed": false, "delete_secret": "654321" }),
        "both settings are applied"
    );
}

#[tokio::test]
#[should_panic(expected = "the control API accepts POST faults: 400")]
async fn a_fault_the_control_api_refuses_fails_the_calling_test_with_its_answer() {
    let api = Api::start().await;
    api.sandbox
        .fault("*", json!({ "status": { "code": 200 } }))
        .await;
}

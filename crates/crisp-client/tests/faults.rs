//! The client against a loopback stub (wiremock): faults the sandbox cannot stage, error kinds, retries, and the
//! key staying out of every error.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crisp_client::conversations::{GetConversation, SearchConversations};
use crisp_client::messages::{Draft, DraftState, ListMessages, SendMessage, SendMessageBody};
use crisp_client::people::{GetPeopleProfile, PeopleActive};
use crisp_client::raw::CallApi;
use crisp_client::websites::{CheckWebsiteExists, CreateWebsite};
use crisp_client::KnownField;
use crisp_client::{
    ApiKey, Client, ClientConfig, Credentials, Error, Method, PageOptions, Request, RetryPolicy,
    Tier,
};
use futures::{StreamExt, TryStreamExt};
use serde_json::{json, Value};
use wiremock::matchers::{basic_auth, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const IDENTIFIER: &str = "8c1f5a7e-identifier";
const KEY: &str = "f00dfacecafebeef0123456789abcdef0123456789abcdef0123456789abcdef";
const WEBSITE: &str = "3f2b9c1e-5d47-4a8e-9b61-0c2d7e4f8a13";
const SESSION: &str = "session_7b1e4c9a-2f38-4d65-8a0b-91c3e5d7f246";

/// Retries with waits short enough for a test.
fn quick() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
    }
}

fn client_for(base_url: &str, tier: Tier, timeout: Duration) -> Client {
    let config = ClientConfig {
        base_url: base_url.to_owned(),
        credentials: Credentials {
            identifier: IDENTIFIER.to_owned(),
            key: ApiKey::from(KEY),
            tier,
        },
        timeout,
        user_agent: "crisp-desk/test".to_owned(),
    };
    Client::with_policy(config, quick()).expect("a valid configuration")
}

/// A stub whose unmatched requests answer 418 naming the request, so a missing mock is obvious.
async fn stub() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(|request: &wiremock::Request| {
            ResponseTemplate::new(418)
                .set_body_string(format!("no mock for {} {}", request.method, request.url))
        })
        .with_priority(u8::MAX)
        .mount(&server)
        .await;
    server
}

fn envelope(reason: &str, data: Value) -> Value {
    json!({ "error": false, "reason": reason, "data": data })
}

fn failure(reason: &str, message: &str) -> Value {
    json!({ "error": true, "reason": reason, "data": { "message": message } })
}

/// Every way an error can be shown must leave the key out.
fn assert_no_key(error: &Error) {
    let shown = format!("{error} {error:?}");
    assert!(
        !shown.contains(KEY),
        "the key must never appear in an error: {shown}"
    );
}

fn conversation_path() -> String {
    format!("/v1/website/{WEBSITE}/conversation/{SESSION}")
}

fn text_message() -> SendMessage {
    let mut body = SendMessageBody::text("Refund sent today.");
    body.fingerprint = Some(172145930000001);
    SendMessage::new(WEBSITE, SESSION, body)
}

#[tokio::test]
async fn requests_carry_basic_auth_the_tier_and_the_product_user_agent() {
    let server = stub().await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/website/{WEBSITE}")))
        .and(basic_auth(IDENTIFIER, KEY))
        .and(header("x-crisp-tier", "plugin"))
        .and(header("user-agent", "crisp-desk/test"))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(
            "resolved",
            json!({ "website_id": WEBSITE, "name": "Acme" }),
        )))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(
        &format!("{}/v1/", server.uri()),
        Tier::Plugin,
        Duration::from_secs(5),
    );
    let website = client
        .send(&crisp_client::websites::GetWebsite::new(WEBSITE))
        .await
        .expect("the stub answers");
    assert_eq!(
        website.name.as_deref(),
        Some("Acme"),
        "data is decoded into the typed output"
    );
}

#[tokio::test]
async fn bad_credentials_keep_the_status_and_reason_and_never_show_the_key() {
    let server = stub().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(failure("invalid_session", &format!("bad key {KEY}"))),
        )
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let error = client
        .send(&GetConversation::new(WEBSITE, SESSION))
        .await
        .expect_err("401 is an error");
    assert!(
        matches!(&error, Error::Api { status: 401, reason, .. } if reason == "invalid_session"),
        "got {error:?}"
    );
    assert_no_key(&error);
    assert!(
        error.to_string().contains("<redacted>"),
        "an echoed key is replaced, the rest kept: {error}"
    );
}

#[tokio::test]
async fn a_tier_refusal_comes_from_crisp_not_from_the_client() {
    let server = stub().await;
    Mock::given(method("POST"))
        .and(path("/v1/website"))
        .and(header("x-crisp-tier", "plugin"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(failure("restricted_route_tier", "user tier only")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::Plugin, Duration::from_secs(5));
    let error = client
        .send(&CreateWebsite::new("Acme", "acme.pt"))
        .await
        .expect_err("Crisp refuses the tier");
    match &error {
        Error::Api {
            status,
            reason,
            message,
        } => {
            assert_eq!(
                (*status, reason.as_str()),
                (401, "restricted_route_tier"),
                "Crisp's status and reason are kept"
            );
            assert_eq!(
                message.as_deref(),
                Some("user tier only"),
                "and its message"
            );
        }
        other => panic!("expected an API error, got {other:?}"),
    }
    assert_no_key(&error);
}

#[tokio::test]
async fn not_found_and_invalid_data_map_to_api_errors_with_crisps_words() {
    let server = stub().await;
    Mock::given(method("GET"))
        .and(path(conversation_path()))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(failure("not_found", "the route does not exist")),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{}/message", conversation_path())))
        .respond_with(ResponseTemplate::new(400).set_body_json(failure(
            "invalid_data",
            "data should have required property '.origin'",
        )))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let missing = client
        .send(&GetConversation::new(WEBSITE, SESSION))
        .await
        .expect_err("404");
    assert_eq!(missing.status(), Some(404), "not found keeps its status");
    assert_eq!(missing.reason(), Some("not_found"), "and its reason");
    let invalid = client.send(&text_message()).await.expect_err("400");
    assert!(
        matches!(&invalid, Error::Api { status: 400, reason, message: Some(message) } if reason == "invalid_data" && message.contains(".origin")),
        "invalid data keeps the property Crisp names: {invalid:?}"
    );
    assert_no_key(&missing);
    assert_no_key(&invalid);
}

#[tokio::test]
async fn a_429_backs_off_then_succeeds_and_counts_both_requests() {
    let server = stub().await;
    Mock::given(method("GET"))
        .and(path(conversation_path()))
        .respond_with(
            ResponseTemplate::new(429).set_body_json(failure("rate_limited", "slow down")),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(conversation_path()))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope("resolved", json!({ "session_id": SESSION }))),
        )
        .with_priority(2)
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::Website, Duration::from_secs(5));
    let conversation = client
        .send(&GetConversation::new(WEBSITE, SESSION))
        .await
        .expect("the retry succeeds");
    assert_eq!(
        conversation.session_id.as_deref(),
        Some(SESSION),
        "the second answer is used"
    );
    let quota = client.quota();
    assert_eq!(
        quota.used_today, 2,
        "the rate-limited attempt counts against the day too"
    );
    assert_eq!(
        quota.daily_budget,
        Some(10_000),
        "website tokens have 10,000 a day"
    );
}

#[tokio::test]
async fn rate_limiting_that_never_ends_is_reported_as_rate_limited() {
    let server = stub().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(420).set_body_string(""))
        .expect(3)
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let error = client
        .send(&GetConversation::new(WEBSITE, SESSION))
        .await
        .expect_err("never lets up");
    assert!(
        matches!(error, Error::RateLimited { status: 420, .. }),
        "after the attempts run out: {error:?}"
    );
}

#[tokio::test]
async fn a_spent_quota_is_final_and_not_retried() {
    let server = stub().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .set_body_json(failure("quota_limit_exceeded", "daily quota")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::Plugin, Duration::from_secs(5));
    let error = client
        .send(&GetConversation::new(WEBSITE, SESSION))
        .await
        .expect_err("quota spent");
    assert!(
        matches!(&error, Error::QuotaExceeded { reason, .. } if reason == "quota_limit_exceeded"),
        "got {error:?}"
    );
}

#[tokio::test]
async fn a_503_is_retried_for_a_get() {
    let server = stub().await;
    Mock::given(method("GET"))
        .and(path(conversation_path()))
        .respond_with(ResponseTemplate::new(503).set_body_string("unavailable"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(conversation_path()))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope("resolved", json!({ "state": "resolved" }))),
        )
        .with_priority(2)
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let conversation = client
        .send(&GetConversation::new(WEBSITE, SESSION))
        .await
        .expect("retried");
    assert!(
        conversation.state.is_some(),
        "the answer after the 503 is used"
    );
}

#[tokio::test]
async fn a_503_is_not_retried_for_a_send() {
    let server = stub().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(503).set_body_json(failure("server_error", "try later")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let error = client.send(&text_message()).await.expect_err("503");
    assert_eq!(error.status(), Some(503), "the 503 is reported, once");
}

#[tokio::test]
async fn send_message_once_checks_the_fingerprint_before_sending_again() {
    let server = stub().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(502).set_body_string("bad gateway"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!(
            "{}/message/172145930000001",
            conversation_path()
        )))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(
            "resolved",
            json!({ "fingerprint": 172145930000001_i64 }),
        )))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let sent = client
        .send_message_once(text_message())
        .await
        .expect("the message had landed");
    assert_eq!(
        sent.fingerprint,
        Some(172145930000001),
        "the landed message's fingerprint is answered, no second POST"
    );
}

#[tokio::test]
async fn send_message_once_sends_again_only_when_the_message_is_not_there() {
    let server = stub().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).set_body_string(""))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope("dispatched", json!({ "fingerprint": 99 }))),
        )
        .with_priority(2)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_json(failure("not_found", "no message")))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let mut request = text_message();
    request.body.fingerprint = None;
    let sent = client
        .send_message_once(request)
        .await
        .expect("sent on the second try");
    assert_eq!(sent.fingerprint, Some(99), "Crisp's answer is used");
    let posts: Vec<Value> = server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|request| request.method.as_str() == "POST")
        .filter_map(|request| serde_json::from_slice(&request.body).ok())
        .collect();
    assert_eq!(posts.len(), 2, "one failed send and one resend");
    assert!(
        posts[0]["fingerprint"].is_i64(),
        "a fingerprint is generated when none is given"
    );
    assert_eq!(
        posts[0]["fingerprint"], posts[1]["fingerprint"],
        "the resend carries the same fingerprint"
    );
}

/// A loopback server that reads each request and closes the connection without answering.
async fn dropping_server() -> (String, Arc<AtomicU32>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let address = listener.local_addr().expect("bound");
    let accepted = Arc::new(AtomicU32::new(0));
    let counter = accepted.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            let mut buffer = [0_u8; 4096];
            let _ = tokio::io::AsyncReadExt::read(&mut socket, &mut buffer).await;
            drop(socket);
        }
    });
    (format!("http://{address}"), accepted)
}

#[tokio::test]
async fn a_dropped_connection_is_a_transport_error_retried_only_for_idempotent_requests() {
    let (base, accepted) = dropping_server().await;
    let client = client_for(&base, Tier::User, Duration::from_secs(5));
    let error = client
        .send(&GetConversation::new(WEBSITE, SESSION))
        .await
        .expect_err("nothing answers");
    assert!(
        matches!(error, Error::Transport { .. }),
        "a dropped connection is a transport error: {error:?}"
    );
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        3,
        "a GET is tried three times"
    );
    assert_no_key(&error);

    accepted.store(0, Ordering::SeqCst);
    let error = client
        .send(&text_message())
        .await
        .expect_err("nothing answers");
    assert!(
        matches!(error, Error::Transport { .. }),
        "a send fails the same way: {error:?}"
    );
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        1,
        "but is never repeated blindly"
    );
}

/// A loopback address nothing listens on: a port bound and released at once.
async fn closed_port() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let address = listener.local_addr().expect("bound");
    drop(listener);
    format!("http://{address}")
}

#[tokio::test]
async fn a_refused_connection_is_reported_after_one_attempt_for_every_method_and_leaves_a_draft_unsent(
) {
    let client = client_for(&closed_port().await, Tier::User, Duration::from_secs(5));
    // Every attempt goes through the scheduler, which counts it, refused or not.
    let attempts = || client.quota().used_today;

    let error = client
        .send(&text_message())
        .await
        .expect_err("nothing listens");
    assert!(
        matches!(error, Error::Transport { .. }),
        "a refused connection is a transport error, which the app reports as unreachable: {error:?}"
    );
    assert_no_key(&error);
    assert_eq!(
        attempts(),
        1,
        "a send is tried once: nothing listens there, so retrying would only delay the answer"
    );

    let error = client
        .send(&GetConversation::new(WEBSITE, SESSION))
        .await
        .expect_err("nothing listens");
    assert!(
        matches!(error, Error::Transport { .. }),
        "a GET fails the same way: {error:?}"
    );
    assert_eq!(attempts(), 2, "and is tried once too, idempotent or not");

    let mut draft = Draft::new(text_message()).expect("a draft");
    let error = draft.send(&client).await.expect_err("nothing listens");
    assert!(
        matches!(error, Error::Transport { .. }),
        "a draft fails the same way: {error:?}"
    );
    assert_eq!(
        attempts(),
        3,
        "a draft posts once and looks nothing up: the post never left"
    );
    assert_eq!(
        draft.state(),
        DraftState::Unsent,
        "nothing can have landed, so the next try posts without looking up first"
    );
}

#[tokio::test]
async fn malformed_json_is_a_decode_error() {
    let server = stub().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_string("{\"error\": false, \"data\": [1, 2"),
        )
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let error = client
        .send(&GetConversation::new(WEBSITE, SESSION))
        .await
        .expect_err("broken JSON");
    assert!(
        matches!(&error, Error::Decode { path, .. } if path == "."),
        "the whole body failed: {error:?}"
    );
}

#[tokio::test]
async fn a_wrongly_shaped_nested_field_is_kept_as_sent_and_the_rest_of_the_page_shows() {
    let server = stub().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(
            "listed",
            json!([{ "session_id": SESSION }, { "unread": "lots" }]),
        )))
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let page = client
        .send(&SearchConversations::new(WEBSITE))
        .await
        .expect("one odd field never fails the page");
    assert_eq!(page.len(), 2, "both conversations show");
    let unread = page[1].unread.as_ref().expect("the field is kept");
    assert_eq!(
        unread.unknown(),
        Some(&json!("lots")),
        "the unexpected value is kept as sent, to be shown raw"
    );
}

#[tokio::test]
async fn a_wrongly_shaped_answer_names_its_json_path() {
    let server = stub().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope("listed", json!({ "not": "a list" }))),
        )
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let error = client
        .send(&SearchConversations::new(WEBSITE))
        .await
        .expect_err("a page must be a list");
    assert!(
        matches!(&error, Error::Decode { path, .. } if !path.is_empty()),
        "a data of the wrong kind is a decode error naming where: {error:?}"
    );
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout() {
    let server = stub().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(2)))
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_millis(100));
    let error = client.send(&text_message()).await.expect_err("too slow");
    assert!(
        matches!(error, Error::Timeout { .. }),
        "a slow answer is a timeout, not a transport error: {error:?}"
    );
}

#[tokio::test]
async fn check_website_exists_reads_head_200_and_404() {
    let server = stub().await;
    Mock::given(method("HEAD"))
        .and(path("/v1/website"))
        .and(query_param("domain", "acme.pt"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    Mock::given(method("HEAD"))
        .and(path("/v1/website"))
        .and(query_param("domain", "nobody.example"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let found = client
        .send(&CheckWebsiteExists::new("acme.pt"))
        .await
        .expect("200");
    let missing = client
        .send(&CheckWebsiteExists::new("nobody.example"))
        .await
        .expect("404 is an answer");
    assert!(found.exists, "HEAD 200 means it exists");
    assert!(!missing.exists, "HEAD 404 means it does not");
}

#[tokio::test]
async fn lenient_models_accept_absent_null_empty_data_and_both_shapes_of_active() {
    let server = stub().await;
    let profile = format!("/v1/website/{WEBSITE}/people/profile/");
    for (id, data) in [
        ("absent", None),
        ("null", Some(Value::Null)),
        ("empty", Some(json!({}))),
        (
            "object",
            Some(json!({ "active": { "now": true, "last": 1721459038274_i64 }, "brand_new": 1 })),
        ),
        ("integer", Some(json!({ "active": 1721459038274_i64 }))),
    ] {
        let body = match data {
            Some(data) => json!({ "error": false, "reason": "resolved", "data": data }),
            None => json!({ "error": false, "reason": "resolved" }),
        };
        Mock::given(method("GET"))
            .and(path(format!("{profile}{id}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(&server)
            .await;
    }
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    for id in ["absent", "null", "empty"] {
        let decoded = client.send(&GetPeopleProfile::new(WEBSITE, id)).await;
        assert!(
            decoded.is_ok(),
            "data {id} must decode to an empty profile: {decoded:?}"
        );
    }
    let object = client
        .send(&GetPeopleProfile::new(WEBSITE, "object"))
        .await
        .expect("object active");
    assert!(
        matches!(object.active.known(), Some(PeopleActive::State(_))),
        "active as an object"
    );
    assert_eq!(
        object.extra.get("brand_new"),
        Some(&json!(1)),
        "unknown fields are kept"
    );
    let integer = client
        .send(&GetPeopleProfile::new(WEBSITE, "integer"))
        .await
        .expect("integer active");
    assert_eq!(
        integer.active.known(),
        Some(&PeopleActive::Timestamp(1721459038274)),
        "active as an integer"
    );
}

#[tokio::test]
async fn execute_answers_data_as_received_and_errors_like_send() {
    let server = stub().await;
    Mock::given(method("GET"))
        .and(path(conversation_path()))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope("resolved", json!({ "anything": [1, 2] }))),
        )
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let parts = GetConversation::new(WEBSITE, SESSION)
        .build()
        .expect("builds");
    let raw = client.execute(&parts).await.expect("200");
    assert_eq!(
        raw.data,
        Some(json!({ "anything": [1, 2] })),
        "data untouched"
    );
    let head = CheckWebsiteExists::new("nobody.example")
        .build()
        .expect("builds");
    let error = client
        .execute(&head)
        .await
        .expect_err("the catch-all answers 418");
    assert_eq!(
        error.status(),
        Some(418),
        "a non-2xx answer is an error for execute"
    );
}

#[tokio::test]
async fn call_api_answers_any_status_and_sends_extra_headers_and_body() {
    let server = stub().await;
    Mock::given(method("PATCH"))
        .and(path(format!("{}/state", conversation_path())))
        .and(header("x-trace", "t1"))
        .and(header("content-type", "application/json"))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(failure("not_found", "no such session")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let mut request = CallApi::new(Method::Patch, format!("{}/state", conversation_path()));
    request
        .headers
        .insert("X-Trace".to_owned(), "t1".to_owned());
    request.body = Some(json!({ "state": "resolved" }));
    let answer = client
        .send(&request)
        .await
        .expect("any status is an answer");
    assert_eq!(answer.status, 404, "the 404 is shown, not thrown");
    assert_eq!(answer.body["reason"], "not_found", "with Crisp's body");
    let received = server.received_requests().await.unwrap_or_default();
    let body: Value = serde_json::from_slice(&received[0].body).unwrap_or_default();
    assert_eq!(
        body,
        json!({ "state": "resolved" }),
        "the JSON body goes out"
    );
}

#[tokio::test]
async fn call_api_refuses_paths_off_the_host_before_sending() {
    let server = stub().await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    for bad in [
        "https://evil.example/v1/website",
        "/v1/../x",
        "//evil.example/v1/",
        "/v1/x?y=1",
    ] {
        let error = client
            .send(&CallApi::new(Method::Get, bad))
            .await
            .expect_err("refused");
        assert!(
            matches!(&error, Error::InvalidInput { field, .. } if field == "path"),
            "{bad}: {error:?}"
        );
    }
    assert!(
        server
            .received_requests()
            .await
            .unwrap_or_default()
            .is_empty(),
        "nothing was sent"
    );
}

#[tokio::test]
async fn paginate_fetches_pages_in_order_until_a_short_page() {
    let server = stub().await;
    for (page, count) in [(1, 20), (2, 20), (3, 7)] {
        let items: Vec<Value> = (0..count)
            .map(|n| json!({ "session_id": format!("p{page}-{n}") }))
            .collect();
        Mock::given(method("GET"))
            .and(path(format!("/v1/website/{WEBSITE}/conversations/{page}")))
            .and(query_param("per_page", "20"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(envelope("listed", Value::Array(items))),
            )
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let mut request = SearchConversations::new(WEBSITE);
    request.per_page = Some(20);
    let pages: Vec<Vec<_>> = client
        .paginate(
            request,
            PageOptions {
                concurrency: 2,
                limit: None,
            },
        )
        .try_collect()
        .await
        .expect("three pages");
    let ids: Vec<String> = pages
        .concat()
        .into_iter()
        .filter_map(|conversation| conversation.session_id)
        .collect();
    assert_eq!(ids.len(), 47, "20 + 20 + 7");
    assert_eq!(
        (ids[0].as_str(), ids[46].as_str()),
        ("p1-0", "p3-6"),
        "in page order"
    );
}

#[tokio::test]
async fn message_history_walks_back_while_crisp_answers_206() {
    let server = stub().await;
    let messages = format!("{}/messages", conversation_path());
    let batch = |fingerprints: &[(i64, u64)]| {
        Value::Array(fingerprints.iter().map(|(f, t)| json!({ "fingerprint": f, "timestamp": t, "type": "text", "content": "hi" })).collect())
    };
    Mock::given(method("GET"))
        .and(path(messages.clone()))
        .and(query_param("timestamp_before", "1001"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope("resolved", batch(&[(1, 900), (2, 950)]))),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(messages))
        .respond_with(
            ResponseTemplate::new(206)
                .set_body_json(envelope("resolved", batch(&[(3, 1000), (4, 1100)]))),
        )
        .with_priority(10)
        .expect(2)
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let first = client
        .send(&ListMessages::new(WEBSITE, SESSION))
        .await
        .expect("latest batch");
    assert!(first.more, "206 means older messages exist");
    let all: Vec<i64> = client
        .message_history(ListMessages::new(WEBSITE, SESSION))
        .map(|message| {
            message
                .ok()
                .and_then(|message| message.fingerprint)
                .unwrap_or(-1)
        })
        .collect()
        .await;
    assert_eq!(
        all,
        [3, 4, 1, 2],
        "the latest batch, then the older one, each message once"
    );
}

#[test]
fn the_client_and_its_config_never_show_the_key() {
    let config = ClientConfig::new(Credentials::new(IDENTIFIER, KEY, Tier::Plugin));
    let client = Client::new(config.clone()).expect("valid");
    let shown = format!("{config:?} {client:?}");
    assert!(
        !shown.contains(KEY),
        "the key stays secret in Debug: {shown}"
    );
    assert!(
        shown.contains(IDENTIFIER),
        "the identifier is not secret and helps debugging"
    );
}

#[tokio::test]
async fn handlers_read_like_the_api_and_run_the_same_requests() {
    let server = stub().await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/website/{WEBSITE}/visitors/count")))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(
            "resolved",
            json!({ "count": 14, "active": 9, "limited": false }),
        )))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{}/message", conversation_path())))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope("dispatched", json!({ "fingerprint": 7 }))),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let count = client
        .visitors()
        .count(&crisp_client::visitors::CountVisitors::new(WEBSITE))
        .await
        .expect("counted");
    assert_eq!(
        count.count,
        Some(14),
        "the handler answers the typed output"
    );
    let sent = client.messages().send(text_message()).await.expect("sent");
    assert_eq!(
        sent.fingerprint,
        Some(7),
        "messages().send goes through send_message_once"
    );
}

#[tokio::test]
async fn a_rate_limit_puts_the_whole_token_in_backoff_visible_in_the_quota() {
    let server = stub().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429).set_body_json(failure("rate_limited", "slow down")),
        )
        .expect(1)
        .mount(&server)
        .await;
    let config = ClientConfig {
        base_url: server.uri(),
        credentials: Credentials::new(IDENTIFIER, KEY, Tier::Plugin),
        timeout: Duration::from_secs(5),
        user_agent: "crisp-desk/test".to_owned(),
    };
    let policy = RetryPolicy {
        max_attempts: 1,
        base_delay: Duration::from_secs(60),
        max_delay: Duration::from_secs(60),
    };
    let client = Client::with_policy(config, policy).expect("valid");
    let clone = client.clone();
    let error = client
        .send(&GetConversation::new(WEBSITE, SESSION))
        .await
        .expect_err("rate limited");
    assert!(
        matches!(error, Error::RateLimited { status: 429, .. }),
        "no attempts left: {error:?}"
    );
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|since| since.as_millis() as u64)
        .unwrap_or_default();
    let until = clone
        .quota()
        .backoff_until_ms
        .expect("every clone sees the shared backoff");
    assert!(
        until > now_ms + 30_000,
        "the backoff lasts the policy's wait: {until} vs now {now_ms}"
    );
    assert_eq!(clone.quota().used_today, 1, "clones share one counter");
}

#[tokio::test]
async fn message_history_keeps_messages_sharing_the_boundary_millisecond() {
    let server = stub().await;
    let messages = format!("{}/messages", conversation_path());
    let batch = |fingerprints: &[(i64, u64)]| {
        Value::Array(
            fingerprints
                .iter()
                .map(|(f, t)| json!({ "fingerprint": f, "timestamp": t }))
                .collect(),
        )
    };
    Mock::given(method("GET"))
        .and(path(messages.clone()))
        .and(query_param("timestamp_before", "1001"))
        .respond_with(
            ResponseTemplate::new(206)
                .set_body_json(envelope("resolved", batch(&[(4, 1000), (5, 1000)]))),
        )
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(messages.clone()))
        .and(query_param("timestamp_before", "1000"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope("resolved", batch(&[(1, 900), (2, 950)]))),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(messages))
        .respond_with(
            ResponseTemplate::new(206)
                .set_body_json(envelope("resolved", batch(&[(5, 1000), (6, 1100)]))),
        )
        .with_priority(10)
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let all: Vec<i64> = client
        .message_history(ListMessages::new(WEBSITE, SESSION))
        .map(|message| {
            message
                .ok()
                .and_then(|message| message.fingerprint)
                .unwrap_or(-1)
        })
        .collect()
        .await;
    assert_eq!(
        all,
        [5, 6, 4, 1, 2],
        "message 4 shares the boundary millisecond with 5 and must not be skipped; the walk still moves past it"
    );
}

/// The stub's lookup of [`text_message`]'s fingerprint.
fn lookup_path() -> String {
    format!("{}/message/172145930000001", conversation_path())
}

#[tokio::test]
async fn a_send_answered_with_a_malformed_body_is_looked_up_instead_of_failing() {
    let server = stub().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{\"error\": false, \"data\": {"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(lookup_path()))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(
            "resolved",
            json!({ "fingerprint": 172145930000001_i64 }),
        )))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let sent = client
        .send_message_once(text_message())
        .await
        .expect("a 200 that cannot be read may still have stored the message: the lookup finds it");
    assert_eq!(
        sent.fingerprint,
        Some(172145930000001),
        "the draft's fingerprint"
    );
}

#[tokio::test]
async fn a_retry_that_may_have_landed_posts_nothing_when_crisp_has_the_message() {
    let server = stub().await;
    Mock::given(method("GET"))
        .and(path(lookup_path()))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(
            "resolved",
            json!({ "fingerprint": 172145930000001_i64 }),
        )))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(
            "dispatched",
            json!({ "fingerprint": 172145930000001_i64 }),
        )))
        .expect(0)
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let sent = client
        .send_message_once(text_message().may_have_landed(true))
        .await
        .expect("the earlier try had landed");
    assert_eq!(
        sent.fingerprint,
        Some(172145930000001),
        "the landed message's fingerprint, with no POST"
    );
}

#[tokio::test]
async fn a_retry_that_may_have_landed_posts_once_when_crisp_answers_that_it_is_not_there() {
    let server = stub().await;
    Mock::given(method("GET"))
        .and(path(lookup_path()))
        .respond_with(ResponseTemplate::new(404).set_body_json(failure("not_found", "no message")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(
            "dispatched",
            json!({ "fingerprint": 172145930000001_i64 }),
        )))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    client
        .send_message_once(text_message().may_have_landed(true))
        .await
        .expect("posted after the lookup");
    let methods: Vec<String> = server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .map(|request| request.method.to_string())
        .collect();
    assert_eq!(methods, ["GET", "POST"], "the lookup comes before the post");
}

#[tokio::test]
async fn a_retry_whose_lookup_fails_posts_nothing_and_reports_the_failure() {
    let server = stub().await;
    Mock::given(method("GET"))
        .and(path(lookup_path()))
        .respond_with(ResponseTemplate::new(503).set_body_json(failure("server_error", "later")))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let mut draft = Draft::new(text_message().may_have_landed(true)).expect("a draft");
    let error = draft
        .send(&client)
        .await
        .expect_err("Crisp cannot say whether the message is there");
    assert_eq!(
        error.status(),
        Some(503),
        "the lookup's failure is reported"
    );
    assert_eq!(
        draft.state(),
        DraftState::MayHaveLanded,
        "still unknown: the next try asks again"
    );
}

#[tokio::test]
async fn a_retry_that_may_have_landed_needs_the_fingerprint_it_was_sent_with() {
    let server = stub().await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let mut request = text_message().may_have_landed(true);
    request.body.fingerprint = None;
    let error = client
        .send_message_once(request)
        .await
        .expect_err("without the fingerprint the earlier try cannot be found");
    assert!(
        matches!(&error, Error::InvalidInput { field, .. } if field == "body.fingerprint"),
        "refused at body.fingerprint: {error:?}"
    );
    assert!(
        server
            .received_requests()
            .await
            .unwrap_or_default()
            .is_empty(),
        "nothing is sent"
    );
}

#[tokio::test]
async fn a_landed_draft_sends_nothing_more_and_an_unclear_one_keeps_its_fingerprint() {
    let server = stub().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(502).set_body_string("bad gateway"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope("dispatched", json!({ "fingerprint": 5 }))),
        )
        .with_priority(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_body_string(""))
        .up_to_n_times(3)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_json(failure("not_found", "no message")))
        .with_priority(2)
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_secs(5));
    let mut request = text_message();
    request.body.fingerprint = None;
    let mut draft = Draft::new(request).expect("a draft");
    let fingerprint = draft.fingerprint();
    assert_eq!(
        draft.request().body.fingerprint,
        Some(fingerprint),
        "the draft carries its fingerprint from the start"
    );
    draft
        .send(&client)
        .await
        .expect_err("a 502 and a lookup that fails: unclear");
    assert_eq!(draft.state(), DraftState::MayHaveLanded, "unclear");
    assert_eq!(draft.fingerprint(), fingerprint, "same fingerprint");
    let sent = draft
        .send(&client)
        .await
        .expect("looked up (404), then posted");
    assert_eq!(sent.fingerprint, Some(5), "Crisp's answer is used");
    assert!(!draft.is_pending(), "landed");
    let before = server.received_requests().await.unwrap_or_default().len();
    draft.send(&client).await.expect("still landed");
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        before,
        "a landed draft sends nothing"
    );
    let posts: Vec<Value> = server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|request| request.method.as_str() == "POST")
        .filter_map(|request| serde_json::from_slice(&request.body).ok())
        .collect();
    assert_eq!(posts.len(), 2, "the failed post and the one after the 404");
    assert!(
        posts
            .iter()
            .all(|post| post["fingerprint"] == json!(fingerprint)),
        "both posts carry the draft's fingerprint: {posts:?}"
    );
}

#[tokio::test]
async fn a_send_that_timed_out_is_not_posted_again_while_crisp_may_still_be_storing_it() {
    let server = stub().await;
    // Crisp is slow: it has the POST but answers after the client gave up, and a look-up made at once does
    // not find the message yet.
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope("dispatched", json!({ "fingerprint": 7 })))
                .set_delay(Duration::from_secs(2)),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_json(failure("not_found", "no message")))
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), Tier::User, Duration::from_millis(300));
    let error = client
        .send_message_once(text_message())
        .await
        .expect_err("the answer never came in time");
    assert!(
        matches!(error, Error::Timeout { .. }),
        "a timeout: {error:?}"
    );
    let posts = server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|request| request.method.as_str() == "POST")
        .count();
    assert_eq!(
        posts, 1,
        "a 404 right after a timeout proves nothing, so the draft waits for its retry instead of posting again"
    );
}

//! Every `<section> <operation>` sends exactly the one request its input describes, with the token from the
//! environment, and prints Crisp's `data` as received.

use serde_json::{json, Value};

use crate::recorder::{Recorder, Reply};
use crate::{crispdesk, AUTHORIZATION, PEOPLE, SESSION, WEBSITE};

/// One command and the request it must send.
struct Case {
    words: &'static [&'static str],
    input: Value,
    method: &'static str,
    path: String,
    query: &'static [(&'static str, &'static str)],
    body: Option<Value>,
}

fn website(rest: &str) -> String {
    format!("/v1/website/{WEBSITE}{rest}")
}

fn conversation(rest: &str) -> String {
    website(&format!("/conversation/{SESSION}{rest}"))
}

const FINGERPRINT: u64 = 172_145_930_000_001;
const OPERATOR: &str = "d41e8b27-93c5-4f0a-b6e2-7a19c3f58d04";
const OTHER_SESSION: &str = "session_0c2d7e4f-8a13-4b61-9d47-5e3f2b9c1a7d";

fn cases() -> Vec<Case> {
    vec![
        Case {
            words: &["conversations", "create"],
            input: json!({}),
            method: "POST",
            path: website("/conversation"),
            query: &[],
            body: Some(json!({})),
        },
        Case {
            words: &["conversations", "search"],
            input: json!({
                "page": 2, "per_page": 50, "search_query": "refund", "search_type": "text",
                "filter_not_resolved": true, "filter_unread": false, "order_date_updated": true,
            }),
            method: "GET",
            path: website("/conversations/2"),
            query: &[
                ("filter_not_resolved", "1"),
                ("filter_unread", "0"),
                ("order_date_updated", "1"),
                ("per_page", "50"),
                ("search_query", "refund"),
                ("search_type", "text"),
            ],
            body: None,
        },
        Case {
            words: &["conversations", "get"],
            input: json!({ "session_id": SESSION }),
            method: "GET",
            path: conversation(""),
            query: &[],
            body: None,
        },
        Case {
            words: &["conversations", "remove"],
            input: json!({ "session_id": SESSION }),
            method: "DELETE",
            path: conversation(""),
            query: &[],
            body: None,
        },
        Case {
            words: &["conversations", "state"],
            input: json!({ "session_id": SESSION, "body": { "state": "resolved", "user": { "nickname": "Rui" } } }),
            method: "PATCH",
            path: conversation("/state"),
            query: &[],
            body: Some(json!({ "state": "resolved", "user": { "nickname": "Rui" } })),
        },
        Case {
            words: &["conversations", "meta"],
            input: json!({ "session_id": SESSION }),
            method: "GET",
            path: conversation("/meta"),
            query: &[],
            body: None,
        },
        Case {
            words: &["conversations", "update-meta"],
            input: json!({ "session_id": SESSION, "body": {
                "nickname": "Ana Costa", "segments": ["vip"], "data": { "plan": "pro", "vip": true, "orders": 12 },
            } }),
            method: "PATCH",
            path: conversation("/meta"),
            query: &[],
            body: Some(
                json!({ "nickname": "Ana Costa", "segments": ["vip"], "data": { "plan": "pro", "vip": true, "orders": 12 } }),
            ),
        },
        Case {
            words: &["conversations", "read"],
            input: json!({ "session_id": SESSION, "body": {
                "from": "operator", "origin": "chat", "fingerprints": [172_145_903_827_461_u64],
            } }),
            method: "PATCH",
            path: conversation("/read"),
            query: &[],
            body: Some(
                json!({ "from": "operator", "origin": "chat", "fingerprints": [172_145_903_827_461_u64] }),
            ),
        },
        Case {
            words: &["messages", "list"],
            input: json!({ "session_id": SESSION, "timestamp_before": 1_721_459_038_274_u64 }),
            method: "GET",
            path: conversation("/messages"),
            query: &[("timestamp_before", "1721459038274")],
            body: None,
        },
        Case {
            words: &["messages", "send"],
            input: json!({ "session_id": SESSION, "body": {
                "type": "text", "from": "operator", "origin": "chat", "content": "Hi", "stealth": true,
            } }),
            method: "POST",
            path: conversation("/message"),
            query: &[],
            body: Some(
                json!({ "type": "text", "from": "operator", "origin": "chat", "content": "Hi", "stealth": true }),
            ),
        },
        Case {
            words: &["messages", "get"],
            input: json!({ "session_id": SESSION, "fingerprint": FINGERPRINT }),
            method: "GET",
            path: conversation(&format!("/message/{FINGERPRINT}")),
            query: &[],
            body: None,
        },
        Case {
            words: &["messages", "update"],
            input: json!({ "session_id": SESSION, "fingerprint": FINGERPRINT, "body": { "content": "Edited" } }),
            method: "PATCH",
            path: conversation(&format!("/message/{FINGERPRINT}")),
            query: &[],
            body: Some(json!({ "content": "Edited" })),
        },
        Case {
            words: &["people", "add"],
            input: json!({ "body": { "email": "ana@example.com", "person": { "nickname": "Ana Costa" } } }),
            method: "POST",
            path: website("/people/profile"),
            query: &[],
            body: Some(
                json!({ "email": "ana@example.com", "person": { "nickname": "Ana Costa" } }),
            ),
        },
        Case {
            words: &["people", "get"],
            input: json!({ "people_id": PEOPLE }),
            method: "GET",
            path: website(&format!("/people/profile/{PEOPLE}")),
            query: &[],
            body: None,
        },
        Case {
            words: &["people", "update"],
            input: json!({ "people_id": PEOPLE, "body": { "notepad": "Prefers email.", "segments": ["vip"] } }),
            method: "PATCH",
            path: website(&format!("/people/profile/{PEOPLE}")),
            query: &[],
            body: Some(json!({ "notepad": "Prefers email.", "segments": ["vip"] })),
        },
        Case {
            words: &["people", "remove"],
            input: json!({ "people_id": PEOPLE }),
            method: "DELETE",
            path: website(&format!("/people/profile/{PEOPLE}")),
            query: &[],
            body: None,
        },
        Case {
            words: &["people", "list"],
            input: json!({
                "page": 3, "per_page": 20, "sort_field": "nickname", "sort_order": "ascending", "search_text": "acme",
            }),
            method: "GET",
            path: website("/people/profiles/3"),
            query: &[
                ("per_page", "20"),
                ("search_text", "acme"),
                ("sort_field", "nickname"),
                ("sort_order", "ascending"),
            ],
            body: None,
        },
        Case {
            words: &["visitors", "count"],
            input: json!({}),
            method: "GET",
            path: website("/visitors/count"),
            query: &[],
            body: None,
        },
        Case {
            words: &["visitors", "list"],
            input: json!({ "page": 2 }),
            method: "GET",
            path: website("/visitors/list/2"),
            query: &[],
            body: None,
        },
        Case {
            words: &["websites", "get"],
            input: json!({}),
            method: "GET",
            path: website(""),
            query: &[],
            body: None,
        },
        Case {
            words: &["websites", "create"],
            input: json!({ "body": { "name": "Acme Support", "domain": "acme.pt" } }),
            method: "POST",
            path: "/v1/website".to_owned(),
            query: &[],
            body: Some(json!({ "name": "Acme Support", "domain": "acme.pt" })),
        },
        Case {
            words: &["websites", "delete"],
            input: json!({ "body": { "verify": { "method": "password", "secret": "correct horse" } } }),
            method: "DELETE",
            path: website(""),
            query: &[],
            body: Some(json!({ "verify": { "method": "password", "secret": "correct horse" } })),
        },
        Case {
            words: &["operators", "list"],
            input: json!({}),
            method: "GET",
            path: website("/operators/list"),
            query: &[],
            body: None,
        },
        Case {
            words: &["conversations", "get-routing"],
            input: json!({ "session_id": SESSION }),
            method: "GET",
            path: conversation("/routing"),
            query: &[],
            body: None,
        },
        Case {
            words: &["conversations", "assign"],
            input: json!({ "session_id": SESSION, "body": { "assigned": { "user_id": OPERATOR } } }),
            method: "PATCH",
            path: conversation("/routing"),
            query: &[],
            body: Some(json!({ "assigned": { "user_id": OPERATOR } })),
        },
        Case {
            words: &["conversations", "batch", "resolve"],
            input: json!({ "body": { "sessions": [SESSION, OTHER_SESSION] } }),
            method: "PATCH",
            path: website("/batch/resolve"),
            query: &[],
            body: Some(json!({ "sessions": [SESSION, OTHER_SESSION] })),
        },
        Case {
            words: &["conversations", "batch-unresolve"],
            input: json!({ "body": { "sessions": [SESSION] } }),
            method: "PATCH",
            path: website("/batch/unresolve"),
            query: &[],
            body: Some(json!({ "sessions": [SESSION] })),
        },
        Case {
            words: &["conversations", "batch", "read"],
            input: json!({ "body": { "sessions": [SESSION] } }),
            method: "PATCH",
            path: website("/batch/read"),
            query: &[],
            body: Some(json!({ "sessions": [SESSION] })),
        },
        Case {
            words: &["conversations", "batch", "unread"],
            input: json!({ "body": { "sessions": [SESSION] } }),
            method: "PATCH",
            path: website("/batch/unread"),
            query: &[],
            body: Some(json!({ "sessions": [SESSION] })),
        },
        Case {
            words: &["conversations", "batch", "remove"],
            input: json!({ "body": { "sessions": [SESSION] } }),
            method: "PATCH",
            path: website("/batch/remove"),
            query: &[],
            body: Some(json!({ "sessions": [SESSION] })),
        },
        Case {
            words: &["conversations", "batch", "assign"],
            input: json!({ "body": { "sessions": [SESSION, OTHER_SESSION], "assigned": null } }),
            method: "PATCH",
            path: website("/batch/routing"),
            query: &[],
            body: Some(json!({ "sessions": [SESSION, OTHER_SESSION], "assigned": null })),
        },
        Case {
            words: &["raw"],
            input: json!({
                "method": "PATCH", "path": conversation("/routing"), "query": { "silent": "1" },
                "body": { "assigned": { "user_id": "d41e8b27-93c5-4f0a-b6e2-7a19c3f58d04" }, "silent": false },
            }),
            method: "PATCH",
            path: conversation("/routing"),
            query: &[("silent", "1")],
            body: Some(
                json!({ "assigned": { "user_id": "d41e8b27-93c5-4f0a-b6e2-7a19c3f58d04" }, "silent": false }),
            ),
        },
    ]
}

#[test]
fn every_operation_sends_exactly_the_request_its_input_describes_and_prints_data() {
    let cases = cases();
    assert_eq!(
        cases.len() + 1,
        33,
        "every operation but `websites exists` has a case here"
    );
    for case in cases {
        let recorder = Recorder::start();
        let data = json!({ "answer_of": case.words.join(" "), "flag": true, "nested": { "n": 1 } });
        recorder.reply(Reply::data(data.clone()));
        let output = crispdesk(recorder.base_url())
            .args(case.words)
            .args(["--json", "-"])
            .write_stdin(case.input.to_string())
            .output()
            .expect("crispdesk runs");
        let name = case.words.join(" ");
        assert!(
            output.status.success(),
            "`{name}` succeeds on a 2xx answer: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let printed: Value =
            serde_json::from_slice(&output.stdout).expect("stdout is one JSON value");
        assert_eq!(printed, data, "`{name}` prints Crisp's data as received");

        let request = recorder.only_request();
        assert_eq!(request.method, case.method, "`{name}` uses Crisp's method");
        assert_eq!(
            request.path, case.path,
            "`{name}` puts path parameters in Crisp's path"
        );
        let mut query = request.query_pairs();
        query.sort_unstable();
        assert_eq!(
            query, case.query,
            "`{name}` sends the input's query parameters and nothing else"
        );
        assert_eq!(
            request.body, case.body,
            "`{name}` sends the body exactly as the input gives it"
        );
        assert_eq!(
            request.header("authorization"),
            Some(AUTHORIZATION),
            "`{name}` authenticates with Basic"
        );
        assert_eq!(
            request.header("x-crisp-tier"),
            Some("user"),
            "`{name}` names the default tier"
        );
    }
}

#[test]
fn websites_exists_prints_true_for_200_and_false_for_404() {
    for (status, exists) in [(200, true), (404, false)] {
        let recorder = Recorder::start();
        recorder.reply(Reply::status(status));
        let output = crispdesk(recorder.base_url())
            .args(["websites", "exists", "--json", r#"{"domain":"acme.pt"}"#])
            .output()
            .expect("crispdesk runs");
        assert!(
            output.status.success(),
            "a {status} answers the question, it is no failure"
        );
        let printed: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
        assert_eq!(
            printed,
            json!({ "exists": exists }),
            "{status} means exists = {exists}"
        );
        let request = recorder.only_request();
        assert_eq!(request.method, "HEAD", "existence is asked with HEAD");
        assert_eq!(
            request.path, "/v1/website",
            "the domain goes in the query, not the path"
        );
        assert_eq!(
            request.query_pairs(),
            [("domain", "acme.pt")],
            "only the domain is sent"
        );
        assert_eq!(
            request.header("authorization"),
            Some(AUTHORIZATION),
            "HEAD is authenticated too"
        );
    }
}

#[test]
fn paged_operations_without_page_ask_for_page_one() {
    for (words, path) in [
        (["conversations", "search"], website("/conversations/1")),
        (["people", "list"], website("/people/profiles/1")),
        (["visitors", "list"], website("/visitors/list/1")),
    ] {
        let recorder = Recorder::start();
        recorder.reply(Reply::data(json!([])));
        crispdesk(recorder.base_url())
            .args(words)
            .args(["--json", "{}"])
            .assert()
            .success();
        let request = recorder.only_request();
        assert_eq!(
            request.path, path,
            "Crisp's first page is 1, a path segment"
        );
        assert!(
            request.query.is_empty(),
            "no defaults are added to the query: {:?}",
            request.query
        );
    }
}

#[test]
fn an_answer_without_data_prints_null() {
    let recorder = Recorder::start();
    recorder.reply(Reply {
        status: 200,
        body: Some(json!({ "error": false, "reason": "deleted" })),
    });
    crispdesk(recorder.base_url())
        .args([
            "conversations",
            "remove",
            "--json",
            &json!({ "session_id": SESSION }).to_string(),
        ])
        .assert()
        .success()
        .stdout("null\n");
}

#[test]
fn flags_override_the_environment_and_the_input_website_wins_over_both() {
    let recorder = Recorder::start();
    crispdesk(recorder.base_url())
        .env("CRISP_TIER", "plugin")
        .args([
            "operators",
            "list",
            "--tier",
            "website",
            "--website-id",
            "from-flag",
            "--json",
            "{}",
        ])
        .assert()
        .success();
    let request = recorder.only_request();
    assert_eq!(
        request.header("x-crisp-tier"),
        Some("website"),
        "--tier beats CRISP_TIER"
    );
    assert_eq!(
        request.path, "/v1/website/from-flag/operators/list",
        "--website-id beats CRISP_WEBSITE_ID"
    );

    let recorder = Recorder::start();
    crispdesk(recorder.base_url())
        .env("CRISP_TIER", "plugin")
        .args([
            "operators",
            "list",
            "--json",
            r#"{"website_id":"from-input"}"#,
        ])
        .assert()
        .success();
    let request = recorder.only_request();
    assert_eq!(
        request.header("x-crisp-tier"),
        Some("plugin"),
        "CRISP_TIER names the tier"
    );
    assert_eq!(
        request.path, "/v1/website/from-input/operators/list",
        "the input's website_id wins"
    );
}

#[test]
fn the_api_base_may_end_with_a_slash_or_v1() {
    for suffix in ["/", "/v1", "/v1/"] {
        let recorder = Recorder::start();
        crispdesk(&format!("{}{suffix}", recorder.base_url()))
            .args(["visitors", "count"])
            .assert()
            .success();
        assert_eq!(
            recorder.only_request().path,
            website("/visitors/count"),
            "{suffix} is stripped from the base"
        );
    }
}

#[test]
fn messages_send_carries_every_field_of_original_to_crisp() {
    let recorder = Recorder::start();
    recorder.reply(Reply::data(json!({ "fingerprint": FINGERPRINT })));
    let original =
        json!({ "original_id": "o-1", "type": "text", "content": "O seu reembolso foi enviado." });
    let input = json!({ "session_id": SESSION, "body": {
        "type": "text", "from": "operator", "origin": "chat", "content": "Your refund was sent.",
        "translated": true, "original": original,
    } });
    crispdesk(recorder.base_url())
        .args(["messages", "send", "--json", "-"])
        .write_stdin(input.to_string())
        .assert()
        .success();
    let request = recorder.only_request();
    assert_eq!(
        request.body.as_ref().map(|body| &body["original"]),
        Some(&original),
        "the module's Original Type and Content (and the id) reach Crisp as given, none dropped"
    );
}

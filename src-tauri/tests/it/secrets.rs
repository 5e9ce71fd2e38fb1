//! With every log line captured at TRACE, saving, testing and using a connection, failing to save one, and deleting
//! a website leave neither the key nor the website-deletion secret in the logs, error JSON or command results.

use base64::Engine;
use crisp_desk_lib::connections::keychain::Keychain;
use crisp_desk_lib::connections::ConnectionSummary;
use crisp_sandbox::{SandboxConfig, Tier};
use serde_json::{json, Value};

use crate::support::{block_on, files_containing, form, keychain_in, logs, mock_store, TestApp};

#[test]
fn keys_and_the_verify_secret_never_reach_logs_errors_or_results() {
    let key = format!("key-{}", uuid::Uuid::new_v4().simple());
    let wrong_key = format!("wrongkey-{}", uuid::Uuid::new_v4().simple());
    let secret = format!("verify-{}", uuid::Uuid::new_v4().simple());
    let wrong_secret = format!("badverify-{}", uuid::Uuid::new_v4().simple());
    let server = block_on(crisp_sandbox::spawn(SandboxConfig {
        key: Some(key.clone()),
        tier: Tier::User,
        conversations: 20,
        people: 20,
        ..SandboxConfig::default()
    }))
    .expect("the sandbox starts");
    let info = server.info();
    block_on(server.set_delete_secret(&secret));

    let app = TestApp::new(keychain_in(&mock_store()));
    let mut answers: Vec<Value> = Vec::new();
    let mut record =
        |answer: Result<Value, Value>| answers.push(answer.unwrap_or_else(|error| error));

    record(app.invoke(
        "test_connection",
        json!({ "request": form(&info, &key, "user") }),
    ));
    record(app.invoke(
        "save_connection",
        json!({ "request": form(&info, &wrong_key, "user") }),
    ));
    record(app.invoke(
        "save_connection",
        json!({ "request": form(&info, &key, "plugin") }),
    ));
    let saved = app.invoke(
        "save_connection",
        json!({ "request": form(&info, &key, "user") }),
    );
    let summary: ConnectionSummary =
        serde_json::from_value(saved.clone().expect("the save works")).expect("summary");
    record(saved);
    record(app.invoke("list_connections", json!({})));
    let delete = |verify: &str| {
        json!({ "connection": summary.id, "request": {
            "website_id": info.website_id, "body": { "verify": { "method": "password", "secret": verify } } } })
    };
    let refused = app.invoke("delete_website", delete(&wrong_secret));
    assert!(refused.is_err(), "a wrong verify secret is refused");
    record(refused);
    let deleted = app.invoke("delete_website", delete(&secret));
    assert!(
        deleted.is_ok(),
        "the right verify secret deletes: {deleted:?}"
    );
    record(deleted);
    record(app.invoke("delete_connection", json!({ "connection": summary.id })));

    let unavailable = TestApp::new(Keychain::unavailable());
    record(unavailable.invoke(
        "save_connection",
        json!({ "request": form(&info, &key, "user") }),
    ));

    let captured = logs();
    assert!(
        captured.contains("connection saved")
            && captured.contains(&info.website_id)
            && captured.contains(" TRACE "),
        "the capture must see the app's and the client's TRACE events, or this test proves nothing"
    );
    // The Authorization header carries the key base64-encoded: that form must not leak either.
    let basic =
        base64::engine::general_purpose::STANDARD.encode(format!("{}:{key}", info.identifier));
    let values = [
        ("key", &key),
        ("key as sent in the auth header", &basic),
        ("wrong key", &wrong_key),
        ("verify secret", &secret),
        ("wrong verify secret", &wrong_secret),
    ];
    for (what, value) in values {
        assert!(
            !captured.contains(value.as_str()),
            "the {what} appears in the TRACE log"
        );
        for answer in &answers {
            assert!(
                !answer.to_string().contains(value.as_str()),
                "the {what} appears in a command answer: {answer}"
            );
        }
        for dir in [
            app.config.path(),
            app.data.path(),
            unavailable.config.path(),
        ] {
            assert!(
                files_containing(dir, value).is_empty(),
                "the {what} was written to a file under {}",
                dir.display()
            );
        }
    }
}

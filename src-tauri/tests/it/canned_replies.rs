//! Canned replies through their commands: kept per connection in its local store, refused at the field at fault,
//! never sent to Crisp, and refused for a connection that is not saved.

use crisp_desk_lib::connections::ConnectionSummary;
use crisp_sandbox::Tier;
use crisp_store::CannedReply;
use serde_json::{json, Value};

use crate::support::{block_on, form, keychain_in, mock_store, sandbox, TestApp};

fn list(app: &TestApp, connection: &str) -> Vec<CannedReply> {
    app.ok("list_canned_replies", json!({ "connection": connection }))
}

#[test]
fn canned_replies_are_saved_edited_listed_and_deleted_per_connection_without_asking_crisp() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let server = sandbox(Tier::User);
    let info = server.info();
    let other: ConnectionSummary = app.ok(
        "save_connection",
        json!({ "request": form(&info, &info.key, "user") }),
    );
    block_on(app.demo_sandbox().clear_requests());
    assert!(list(&app, "demo").is_empty(), "none until one is saved");

    let saved: CannedReply = app.ok(
        "save_canned_reply",
        json!({ "connection": "demo", "request": { "title": "Refund", "text": "Hi {nickname}, done." } }),
    );
    assert_eq!(
        (saved.title.as_str(), saved.text.as_str()),
        ("Refund", "Hi {nickname}, done.")
    );
    let edited: CannedReply = app.ok(
        "save_canned_reply",
        json!({ "connection": "demo", "request": { "id": saved.id, "title": "Refund", "text": "Sent to {email}." } }),
    );
    assert_eq!(edited.id, saved.id, "an edit keeps the reply's id");
    assert_eq!(
        list(&app, "demo"),
        vec![edited.clone()],
        "the edit replaced the reply"
    );
    assert!(
        list(&app, other.id.as_str()).is_empty(),
        "another connection keeps its own canned replies"
    );

    let deleted: bool = app.ok(
        "delete_canned_reply",
        json!({ "connection": "demo", "id": saved.id }),
    );
    assert!(deleted);
    let again: bool = app.ok(
        "delete_canned_reply",
        json!({ "connection": "demo", "id": saved.id }),
    );
    assert!(!again, "deleting twice answers false, not an error");
    assert!(list(&app, "demo").is_empty());
    assert!(
        block_on(app.demo_sandbox().requests()).is_empty(),
        "canned replies are app data: Crisp is never asked"
    );
}

#[test]
fn a_bad_canned_reply_is_refused_at_its_field_and_an_edit_of_a_deleted_one_is_not_found() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let save = |request: Value| {
        app.err(
            "save_canned_reply",
            json!({ "connection": "demo", "request": request }),
        )
    };

    let error = save(json!({ "title": " ", "text": "Hi" }));
    assert_eq!(
        (error["kind"].as_str(), error["field"].as_str()),
        (Some("invalid_input"), Some("title")),
        "{error}"
    );
    let error = save(json!({ "title": "Hi", "text": "" }));
    assert_eq!(
        (error["kind"].as_str(), error["field"].as_str()),
        (Some("invalid_input"), Some("text")),
        "{error}"
    );

    let _: CannedReply = app.ok(
        "save_canned_reply",
        json!({ "connection": "demo", "request": { "title": "Hello", "text": "Hi" } }),
    );
    let error = save(json!({ "title": "hello", "text": "Hey" }));
    assert_eq!(error["field"], json!("title"), "a taken title: {error}");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("already called")),
        "{error}"
    );

    let error = save(json!({ "id": "0000", "title": "Gone", "text": "Bye" }));
    assert_eq!(error["kind"], json!("not_found"), "{error}");
    assert_eq!(list(&app, "demo").len(), 1, "refusals wrote nothing");
}

#[test]
fn canned_replies_of_an_unknown_connection_are_refused_and_make_no_store_file() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let error = app.err(
        "list_canned_replies",
        json!({ "connection": "no-such-connection" }),
    );
    assert_eq!(error["kind"], json!("not_found"), "{error}");
    let dir = app
        .state()
        .store_dir()
        .expect("the app keeps stores")
        .to_owned();
    let path = crisp_store::database_path(&dir, "no-such-connection").expect("named");
    assert!(
        !path.exists(),
        "no file is made for a connection that does not exist"
    );
}

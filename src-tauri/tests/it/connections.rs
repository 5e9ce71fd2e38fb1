//! Saving, testing, selecting and deleting connections, with every failure named at its field.

use crisp_desk_lib::connections::keychain::Keychain;
use crisp_desk_lib::connections::{ConnectionSummary, ConnectionTest};
use crisp_sandbox::Tier;
use secrecy::ExposeSecret;
use serde_json::{json, Value};

use crate::support::{
    block_on, control, files_containing, form, keychain_in, mock_store, sandbox, TestApp,
};

fn summaries(app: &TestApp) -> Vec<ConnectionSummary> {
    app.ok("list_connections", json!({}))
}

fn assert_error(error: &Value, kind: &str, field: &str, why: &str) {
    assert_eq!(error["kind"], json!(kind), "{why}: {error}");
    assert_eq!(
        error["field"],
        json!(field),
        "{why}, shown at the {field} field: {error}"
    );
}

#[test]
fn the_demo_is_listed_marked_and_selected_on_first_launch() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let list = summaries(&app);
    assert_eq!(list.len(), 1, "a first launch has only the Demo: {list:?}");
    let demo = &list[0];
    assert_eq!(
        (demo.id.as_str(), demo.name.as_str()),
        ("demo", "Demo (local sandbox)"),
        "the Demo's id and name are pinned"
    );
    assert!(demo.demo, "the Demo is marked as demo data");
    assert!(
        demo.selected,
        "with no other connection the Demo is selected"
    );
    assert!(
        demo.api_base.starts_with("http://127.0.0.1:"),
        "the Demo runs on loopback: {}",
        demo.api_base
    );
}

#[test]
fn saving_a_valid_token_stores_the_key_in_the_keychain_only_and_selects_it() {
    let store = mock_store();
    let app = TestApp::new(keychain_in(&store));
    let server = sandbox(Tier::User);
    let info = server.info();
    let saved: ConnectionSummary = app.ok(
        "save_connection",
        json!({ "request": form(&info, &info.key, "user") }),
    );
    assert!(
        saved.selected && !saved.demo && saved.has_key,
        "a new connection is selected and says a key is stored"
    );
    assert_eq!(
        saved.website_id, info.website_id,
        "the summary names the website"
    );

    let key = block_on(app.state().keychain().key(saved.id.as_str()))
        .expect("readable")
        .expect("stored");
    assert_eq!(
        key.expose_secret(),
        info.key,
        "the key is in the keychain under the connection id"
    );
    assert!(
        files_containing(app.config.path(), &info.key).is_empty(),
        "no file in the config directory holds the key"
    );
    let file =
        std::fs::read_to_string(app.config.path().join("connections.json")).expect("written");
    assert!(
        file.contains(&info.identifier),
        "the other fields are in connections.json"
    );

    let list = summaries(&app);
    assert_eq!(list.len(), 2, "the Demo and the new connection are listed");
    assert!(
        !list[0].selected && list[1].selected,
        "only the new connection is selected"
    );
}

#[test]
fn a_saved_connection_runs_commands_with_the_key_read_back_from_the_keychain() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let server = sandbox(Tier::User);
    let info = server.info();
    let saved: ConnectionSummary = app.ok(
        "save_connection",
        json!({ "request": form(&info, &info.key, "user") }),
    );
    let website: Value = app.ok(
        "get_website",
        json!({ "connection": saved.id, "request": { "website_id": info.website_id } }),
    );
    assert_eq!(
        website["website_id"],
        json!(info.website_id),
        "the saved connection reaches its website"
    );
}

#[test]
fn a_bad_key_is_reported_at_the_key_field() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let server = sandbox(Tier::User);
    let error = app.err(
        "save_connection",
        json!({ "request": form(&server.info(), "not-the-key", "user") }),
    );
    assert_error(
        &error,
        "bad_credentials",
        "key",
        "a key no tier accepts is a bad key",
    );
    assert_eq!(
        summaries(&app).len(),
        1,
        "nothing is saved after a failed test"
    );
}

#[test]
fn a_token_of_another_tier_is_named_instead_of_called_a_bad_key() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let server = sandbox(Tier::Plugin);
    let info = server.info();
    let error = app.err(
        "save_connection",
        json!({ "request": form(&info, &info.key, "user") }),
    );
    assert_error(
        &error,
        "wrong_tier",
        "tier",
        "a plugin token tried as a user token",
    );
    let message = error["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("plugin tier"),
        "the message names the tier to choose: {message}"
    );
    let fixed: ConnectionSummary = app.ok(
        "save_connection",
        json!({ "request": form(&info, &info.key, "plugin") }),
    );
    assert_eq!(
        fixed.tier,
        crisp_client::Tier::Plugin,
        "with the named tier the same token saves"
    );
}

#[test]
fn an_unknown_website_is_reported_at_the_website_field() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let server = sandbox(Tier::User);
    let info = server.info();
    let mut request = form(&info, &info.key, "user");
    request["website_id"] = json!("00000000-0000-4000-8000-000000000000");
    let error = app.err("save_connection", json!({ "request": request }));
    assert_error(
        &error,
        "not_found",
        "website_id",
        "a website the token cannot read",
    );
}

#[test]
fn a_plugin_not_installed_on_the_website_is_reported_as_not_subscribed() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let server = sandbox(Tier::Plugin);
    let info = server.info();
    control(&info, "/settings", json!({ "subscribed": false }));
    let error = app.err(
        "save_connection",
        json!({ "request": form(&info, &info.key, "plugin") }),
    );
    assert_error(
        &error,
        "not_subscribed",
        "website_id",
        "the plugin is not installed on that website",
    );
}

#[test]
fn no_network_is_reported_at_the_api_host() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let info = {
        let server = sandbox(Tier::User);
        let info = server.info();
        drop(server);
        info
    };
    // The sandbox is gone, so nothing listens on its port any more.
    std::thread::sleep(std::time::Duration::from_millis(50));
    let error = app.err(
        "save_connection",
        json!({ "request": form(&info, &info.key, "user") }),
    );
    assert_error(
        &error,
        "network",
        "api_base",
        "nothing answers at the API host",
    );
}

#[test]
fn an_unavailable_keychain_fails_the_save_clearly_and_the_demo_still_works() {
    let app = TestApp::new(Keychain::unavailable());
    let server = sandbox(Tier::User);
    let info = server.info();
    let error = app.err(
        "save_connection",
        json!({ "request": form(&info, &info.key, "user") }),
    );
    assert_error(
        &error,
        "keychain_unavailable",
        "key",
        "there is nowhere safe to keep the key",
    );
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .contains("gnome-keyring"),
        "the message says what to install"
    );
    assert_eq!(
        summaries(&app).len(),
        1,
        "nothing is saved without the keychain"
    );
    assert!(
        files_containing(app.config.path(), &info.key).is_empty(),
        "the key never falls back to a file"
    );
    let demo = app.demo();
    let website: Value = app.demo_ok("get_website", json!({ "website_id": demo.website_id }));
    assert_eq!(
        website["website_id"],
        json!(demo.website_id),
        "the Demo works without a keychain"
    );
}

#[test]
fn testing_a_connection_names_the_website_and_tier_and_saves_nothing() {
    let store = mock_store();
    let app = TestApp::new(keychain_in(&store));
    let server = sandbox(Tier::Website);
    let info = server.info();
    let test: ConnectionTest = app.ok(
        "test_connection",
        json!({ "request": form(&info, &info.key, "website") }),
    );
    assert_eq!(
        test.tier,
        crisp_client::Tier::Website,
        "the tier that worked is named"
    );
    assert_eq!(
        test.website.website_id.as_deref(),
        Some(info.website_id.as_str()),
        "the website the token reads"
    );
    assert_eq!(summaries(&app).len(), 1, "a test saves no connection");
    assert!(
        !app.config.path().join("connections.json").exists(),
        "a test writes no file"
    );
}

#[test]
fn an_edit_with_an_empty_key_keeps_the_stored_key() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let server = sandbox(Tier::User);
    let info = server.info();
    let saved: ConnectionSummary = app.ok(
        "save_connection",
        json!({ "request": form(&info, &info.key, "user") }),
    );
    let mut edit = form(&info, "", "user");
    edit["id"] = json!(saved.id);
    edit["name"] = json!("Shop (renamed)");
    let edited: ConnectionSummary = app.ok("save_connection", json!({ "request": edit }));
    assert_eq!(edited.name, "Shop (renamed)", "the edit is saved");
    assert_eq!(edited.id, saved.id, "an edit keeps the id");
    let key = block_on(app.state().keychain().key(saved.id.as_str()))
        .expect("readable")
        .expect("kept");
    assert_eq!(key.expose_secret(), info.key, "the stored key is kept");
    assert_eq!(summaries(&app).len(), 2, "an edit adds no connection");
}

#[test]
fn the_selection_survives_a_restart() {
    let store = mock_store();
    let (config, chosen) = {
        let app = TestApp::new(keychain_in(&store));
        let server = sandbox(Tier::User);
        let info = server.info();
        let saved: ConnectionSummary = app.ok(
            "save_connection",
            json!({ "request": form(&info, &info.key, "user") }),
        );
        let mut other = form(&info, &info.key, "user");
        other["name"] = json!("Second shop");
        let _second: ConnectionSummary = app.ok("save_connection", json!({ "request": other }));
        let selected: ConnectionSummary =
            app.ok("select_connection", json!({ "connection": saved.id }));
        assert!(selected.selected, "select answers the selected connection");
        (app.config, saved.id)
    };
    let again = TestApp::launch(keychain_in(&store), config, true);
    let list = summaries(&again);
    let selected: Vec<_> = list
        .iter()
        .filter(|c| c.selected)
        .map(|c| c.id.clone())
        .collect();
    assert_eq!(
        selected,
        [chosen],
        "the connection chosen before the restart is still the one selected"
    );
}

#[test]
fn deleting_a_connection_removes_its_key_and_falls_back_to_the_demo() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let server = sandbox(Tier::User);
    let info = server.info();
    let saved: ConnectionSummary = app.ok(
        "save_connection",
        json!({ "request": form(&info, &info.key, "user") }),
    );
    let _: Value = app.ok("delete_connection", json!({ "connection": saved.id }));
    assert!(
        block_on(app.state().keychain().key(saved.id.as_str()))
            .expect("readable")
            .is_none(),
        "the key is gone"
    );
    let list = summaries(&app);
    assert_eq!(list.len(), 1, "only the Demo is left");
    assert!(list[0].selected, "the Demo is selected again");
    let error = app.err(
        "get_website",
        json!({ "connection": saved.id, "request": { "website_id": info.website_id } }),
    );
    assert_eq!(
        error["kind"],
        json!("not_found"),
        "a deleted connection cannot be used: {error}"
    );
}

#[test]
fn the_demo_cannot_be_edited_or_deleted() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let error = app.err("delete_connection", json!({ "connection": "demo" }));
    assert_error(&error, "invalid_input", "id", "the Demo is built in");
    let demo = app.demo();
    let mut edit = form(&demo, "", "user");
    edit["id"] = json!("demo");
    let error = app.err("save_connection", json!({ "request": edit }));
    assert_error(&error, "invalid_input", "id", "the Demo is built in");
}

#[test]
fn without_the_demo_nothing_is_selected_until_a_connection_is_saved() {
    let app = TestApp::launch(
        keychain_in(&mock_store()),
        tempfile::tempdir().expect("tempdir"),
        false,
    );
    assert!(
        summaries(&app).is_empty(),
        "with the Demo down and nothing saved the list is empty"
    );
    let error = app.err("select_connection", json!({ "connection": "demo" }));
    assert_eq!(
        error["kind"],
        json!("not_found"),
        "a Demo that is not running cannot be selected: {error}"
    );
}

#[test]
fn the_connection_summary_the_ui_receives_has_exactly_the_pinned_fields() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let server = sandbox(Tier::User);
    let info = server.info();
    let saved: Value = app.ok(
        "save_connection",
        json!({ "request": form(&info, &info.key, "user") }),
    );
    let mut keys: Vec<_> = saved
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "api_base",
            "demo",
            "has_key",
            "id",
            "identifier",
            "name",
            "selected",
            "tier",
            "website_id"
        ],
        "ConnectionSummary is pinned in ARCHITECTURE.md and never carries a key"
    );
    assert!(
        !saved.to_string().contains(&info.key),
        "the key never comes back to the web view"
    );
}

#[test]
fn a_slow_api_host_is_reported_as_a_timeout_at_the_api_host() {
    let app = TestApp::with_timeout(
        keychain_in(&mock_store()),
        std::time::Duration::from_millis(300),
    );
    let server = sandbox(Tier::User);
    let info = server.info();
    control(
        &info,
        "/faults",
        json!({ "route": "GET /v1/website/{website_id}", "fault": { "latency": { "ms": 3000 } } }),
    );
    let error = app.err(
        "save_connection",
        json!({ "request": form(&info, &info.key, "user") }),
    );
    assert_error(
        &error,
        "timeout",
        "api_base",
        "Crisp did not answer in time",
    );
}

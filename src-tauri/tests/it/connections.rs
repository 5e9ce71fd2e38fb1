//! Saving, testing, selecting and deleting connections, with every failure named at its field.

use crisp_desk_lib::connections::keychain::Keychain;
use crisp_desk_lib::connections::{ConnectionSummary, ConnectionTest};
use crisp_sandbox::Tier;
use secrecy::ExposeSecret;
use serde_json::{json, Value};

use crate::support::{block_on, files_containing, form, keychain_in, mock_store, sandbox, TestApp};

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
    block_on(server.set_subscribed(false));
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
fn deleting_a_connection_deletes_its_local_store_and_no_other() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let server = sandbox(Tier::User);
    let info = server.info();
    let saved: ConnectionSummary = app.ok(
        "save_connection",
        json!({ "request": form(&info, &info.key, "user") }),
    );
    let dir = app
        .state()
        .store_dir()
        .expect("the app keeps stores")
        .to_owned();
    {
        let mut store = crisp_store::Store::open(&dir, saved.id.as_str()).expect("the store opens");
        store
            .upsert_conversations(&[json!({ "session_id": "session_1", "updated_at": 1 })])
            .expect("written");
        crisp_store::Store::open(&dir, "another-connection").expect("another store opens");
    }
    let path = crisp_store::database_path(&dir, saved.id.as_str()).expect("named");
    assert!(path.exists(), "the store is on disk before the delete");
    let _: Value = app.ok("delete_connection", json!({ "connection": saved.id }));
    let left: Vec<String> = std::fs::read_dir(&dir)
        .expect("readable folder")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(
        left.iter().all(|name| !name.starts_with(saved.id.as_str())),
        "the deleted connection's database and its -wal/-shm files are gone: {left:?}"
    );
    assert!(
        left.iter()
            .any(|name| name.starts_with("another-connection")),
        "another connection's store stays: {left:?}"
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
    block_on(server.fault(
        "GET /v1/website/{website_id}",
        json!({ "latency": { "ms": 3000 } }),
    ));
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

/// A loopback port that accepts connections but never answers, and says whether anyone connected.
struct SilentHost {
    listener: std::net::TcpListener,
}

impl SilentHost {
    fn start() -> SilentHost {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
        listener.set_nonblocking(true).expect("non-blocking accept");
        SilentHost { listener }
    }

    fn base_url(&self) -> String {
        format!(
            "http://127.0.0.1:{}",
            self.listener.local_addr().expect("bound").port()
        )
    }

    /// Whether any client has connected so far (a request sent before this call has connected by now).
    fn was_contacted(&self) -> bool {
        match self.listener.accept() {
            Ok(_) => true,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => false,
            Err(e) => panic!("the listener failed: {e}"),
        }
    }
}

#[test]
fn testing_an_edit_with_another_api_host_never_sends_the_stored_key_there() {
    // Short timeout: were the key sent, the silent host would hold the test only this long.
    let app = TestApp::with_timeout(
        keychain_in(&mock_store()),
        std::time::Duration::from_millis(500),
    );
    let server = sandbox(Tier::User);
    let info = server.info();
    let saved: ConnectionSummary = app.ok(
        "save_connection",
        json!({ "request": form(&info, &info.key, "user") }),
    );
    let elsewhere = SilentHost::start();
    let mut edit = form(&info, "", "user");
    edit["id"] = json!(saved.id);
    edit["api_base"] = json!(elsewhere.base_url());

    let error = app.err("test_connection", json!({ "request": edit.clone() }));
    assert_error(
        &error,
        "invalid_input",
        "key",
        "a stored key is only for the host it was saved with",
    );
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .contains("typed again"),
        "the message says to type the key again: {error}"
    );
    let error = app.err("save_connection", json!({ "request": edit }));
    assert_error(
        &error,
        "invalid_input",
        "key",
        "saving a new host without the key is refused the same way",
    );
    assert!(
        !elsewhere.was_contacted(),
        "no request (and so no key) may reach a host the key was not typed for"
    );
    let list = summaries(&app);
    assert_eq!(
        list[1].api_base, info.base_url,
        "the refused edit leaves the saved host as it was"
    );
}

#[test]
fn an_edit_to_another_api_host_saves_once_the_key_is_typed_again() {
    let store = mock_store();
    let app = TestApp::new(keychain_in(&store));
    let first = sandbox(Tier::User);
    let second = sandbox(Tier::User);
    let (a, b) = (first.info(), second.info());
    let saved: ConnectionSummary = app.ok(
        "save_connection",
        json!({ "request": form(&a, &a.key, "user") }),
    );
    let mut moved = form(&b, &b.key, "user");
    moved["id"] = json!(saved.id);
    let edited: ConnectionSummary = app.ok("save_connection", json!({ "request": moved }));
    assert_eq!(edited.api_base, b.base_url, "the new host is saved");
    let key = block_on(app.state().keychain().key(saved.id.as_str()))
        .expect("readable")
        .expect("stored");
    assert_eq!(
        key.expose_secret(),
        b.key,
        "the key typed for the new host replaces the old one"
    );
    let mut renamed = form(&b, "", "user");
    renamed["id"] = json!(saved.id);
    renamed["name"] = json!("Shop (moved)");
    let renamed: ConnectionSummary = app.ok("save_connection", json!({ "request": renamed }));
    assert_eq!(
        renamed.name, "Shop (moved)",
        "on the same host an empty key still keeps the stored one"
    );
}

/// Makes the next keychain call on connection `id`'s entry fail as a locked keychain does.
fn lock_entry(store: &std::sync::Arc<keyring_core::CredentialStore>, id: &str) {
    let entry = keyring_core::Entry::new_in_store(store, "crisp-desk-test", id).expect("entry");
    let mock: &keyring_core::mock::Cred = entry
        .as_any()
        .downcast_ref()
        .expect("the mock store builds mock credentials");
    mock.set_error(keyring_core::Error::NoStorageAccess("locked".into()));
}

fn stored_file(app: &TestApp) -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(app.config.path().join("connections.json")).expect("written"),
    )
    .expect("JSON")
}

#[test]
fn deleting_a_connection_while_the_keychain_is_locked_removes_it_and_removes_the_key_at_the_next_save(
) {
    let store = mock_store();
    let app = TestApp::new(keychain_in(&store));
    let server = sandbox(Tier::User);
    let info = server.info();
    let saved: ConnectionSummary = app.ok(
        "save_connection",
        json!({ "request": form(&info, &info.key, "user") }),
    );
    lock_entry(&store, saved.id.as_str());

    let deleted: Value = app.ok("delete_connection", json!({ "connection": saved.id }));
    let notice = deleted["notice"].as_str().unwrap_or_default();
    assert!(
        notice.contains("keychain"),
        "the answer tells people the key is still in the keychain: {deleted}"
    );
    assert_eq!(
        summaries(&app).len(),
        1,
        "the connection is gone even though its key could not be removed"
    );
    let file = stored_file(&app);
    assert_eq!(
        file["connections"],
        json!([]),
        "the config entry is removed"
    );
    assert_eq!(
        file["keys_to_delete"],
        json!([saved.id]),
        "the key's removal is remembered for later"
    );
    assert!(
        block_on(app.state().keychain().key(saved.id.as_str()))
            .expect("readable")
            .is_some(),
        "the locked keychain kept the key for now"
    );

    let _other: ConnectionSummary = app.ok(
        "save_connection",
        json!({ "request": form(&info, &info.key, "user") }),
    );
    assert!(
        block_on(app.state().keychain().key(saved.id.as_str()))
            .expect("readable")
            .is_none(),
        "the next save, with the keychain unlocked, removes the deleted connection's key"
    );
    assert!(
        stored_file(&app).get("keys_to_delete").is_none(),
        "nothing is left pending once the key is gone"
    );
}

#[test]
fn deleting_a_connection_without_any_keychain_works_and_the_key_goes_at_the_next_start() {
    let store = mock_store();
    let (config, id) = {
        let app = TestApp::new(keychain_in(&store));
        let server = sandbox(Tier::User);
        let info = server.info();
        let saved: ConnectionSummary = app.ok(
            "save_connection",
            json!({ "request": form(&info, &info.key, "user") }),
        );
        (app.config, saved.id)
    };
    let config = {
        let app = TestApp::launch(Keychain::unavailable(), config, false);
        let deleted: Value = app.ok("delete_connection", json!({ "connection": id }));
        assert!(
            deleted["notice"].is_string(),
            "a notice, not a failure, says the key is still stored: {deleted}"
        );
        assert!(
            summaries(&app).is_empty(),
            "the connection is deleted without a keychain"
        );
        app.config
    };
    let app = TestApp::launch(keychain_in(&store), config, false);
    assert!(
        block_on(app.state().keychain().key(id.as_str()))
            .expect("readable")
            .is_some(),
        "until the retry the key is still there"
    );
    let pending = block_on(app.state().retry_key_deletions());
    assert!(pending.is_empty(), "nothing is left pending: {pending:?}");
    assert!(
        block_on(app.state().keychain().key(id.as_str()))
            .expect("readable")
            .is_none(),
        "the start's retry removes the key once the keychain answers"
    );
}

/// A keychain whose next key removal blocks until the test lets it go, as a D-Bus call to a slow or prompting
/// Secret Service does.
mod gated {
    use std::collections::HashMap;
    use std::sync::mpsc::{Receiver, Sender};
    use std::sync::{Arc, Mutex};

    use keyring_core::api::{CredentialApi, CredentialStoreApi};
    use keyring_core::{Credential, CredentialStore, Entry, Result};

    type Gate = Mutex<Option<(Sender<()>, Receiver<()>)>>;

    pub struct Store {
        inner: Arc<CredentialStore>,
        gate: Arc<Gate>,
    }

    /// A store over `inner` whose next removal says so on `entered`, then waits for `release`.
    pub fn store(
        inner: Arc<CredentialStore>,
        entered: Sender<()>,
        release: Receiver<()>,
    ) -> Arc<CredentialStore> {
        Arc::new(Store {
            inner,
            gate: Arc::new(Mutex::new(Some((entered, release)))),
        })
    }

    impl CredentialStoreApi for Store {
        fn vendor(&self) -> String {
            "gated test store".into()
        }
        fn id(&self) -> String {
            "gated".into()
        }
        fn build(
            &self,
            service: &str,
            user: &str,
            modifiers: Option<&HashMap<&str, &str>>,
        ) -> Result<Entry> {
            let entry = self.inner.build(service, user, modifiers)?;
            Ok(Entry::new_with_credential(Arc::new(Cred {
                entry,
                gate: self.gate.clone(),
            })))
        }
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    }

    impl std::fmt::Debug for Store {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("gated::Store")
        }
    }

    #[derive(Debug)]
    struct Cred {
        entry: Entry,
        gate: Arc<Gate>,
    }

    impl CredentialApi for Cred {
        fn set_secret(&self, secret: &[u8]) -> Result<()> {
            self.entry.set_secret(secret)
        }
        fn get_secret(&self) -> Result<Vec<u8>> {
            self.entry.get_secret()
        }
        fn delete_credential(&self) -> Result<()> {
            let gate = self.gate.lock().expect("gate").take();
            if let Some((entered, release)) = gate {
                let _ = entered.send(());
                let _ = release.recv();
            }
            self.entry.delete_credential()
        }
        fn get_credential(&self) -> Result<Option<Arc<Credential>>> {
            Ok(None)
        }
        fn get_specifiers(&self) -> Option<(String, String)> {
            None
        }
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
    }
}

#[test]
fn the_connection_list_answers_while_a_deleted_key_waits_on_the_keychain() {
    let (entered_tx, entered_rx) = std::sync::mpsc::channel();
    let (release_tx, release_rx) = std::sync::mpsc::channel();
    let store = gated::store(mock_store(), entered_tx, release_rx);
    let app = TestApp::new(keychain_in(&store));
    let server = sandbox(Tier::User);
    let info = server.info();
    let saved: ConnectionSummary = app.ok(
        "save_connection",
        json!({ "request": form(&info, &info.key, "user") }),
    );
    let state = app.state();
    let (deleted, listed) = block_on(futures::future::join(state.delete(&saved.id), async {
        // Wait (off the runtime's threads) until the removal is inside the keychain call.
        tokio::task::spawn_blocking(move || entered_rx.recv())
            .await
            .expect("joined")
            .expect("the delete reaches the keychain");
        let listed = tokio::time::timeout(std::time::Duration::from_secs(5), state.list()).await;
        release_tx.send(()).expect("the keychain call is waiting");
        listed
    }));
    let listed = listed
        .expect("listing connections must not wait for a keychain call: no lock is held across it");
    assert_eq!(
        listed.len(),
        1,
        "the list already shows the connection deleted while its key is being removed"
    );
    assert_eq!(
        deleted
            .expect("the delete finishes once the keychain answers")
            .notice,
        None,
        "the key was removed, so there is nothing to report"
    );
}

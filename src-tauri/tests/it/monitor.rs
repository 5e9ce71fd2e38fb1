//! The monitor through its commands: settings kept across restarts, the selected connection watched, every saved
//! one with "watch every connection", visitor messages as one event and one notification, do-not-disturb, and
//! connections deleted or switched off no longer watched.

use crisp_desk_lib::monitor::{Monitor, FILE_NAME};
use crisp_desk_lib::usage;
use crisp_monitor::{MonitorEvent, MonitorSettings, MonitorStatus, MonitorUpdate};
use crisp_sandbox::VisitorMessage;
use serde_json::{json, Value};
use tauri::Manager;

use crate::support::{block_on, form, keychain_in, mock_store, sandbox, TestApp};

fn on() -> Value {
    serde_json::to_value(MonitorSettings::default()).expect("settings are JSON")
}

fn watched(app: &TestApp) -> Vec<String> {
    app.app.state::<Monitor>().watched()
}

fn visitor_messages(app: &TestApp, connection: &str) -> Vec<String> {
    app.updates
        .lock()
        .expect("updates")
        .iter()
        .filter(|(id, _)| id == connection)
        .filter_map(|(_, update)| match update {
            MonitorUpdate::Event(MonitorEvent::VisitorMessageReceived { excerpt, .. }) => {
                Some(excerpt.clone())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn a_visitor_message_gives_one_event_and_one_notification_and_settings_survive_a_restart() {
    let app = TestApp::new(keychain_in(&mock_store()));
    assert!(
        watched(&app).is_empty(),
        "nothing is watched until turned on"
    );

    let status: Option<MonitorStatus> = app.ok(
        "set_monitor_settings",
        json!({ "connection": "demo", "settings": on() }),
    );
    assert!(status.is_some(), "the selected Demo is watched once on");
    assert_eq!(watched(&app), vec!["demo".to_owned()]);
    // The first poll sets the cursors; what arrives after it is new.
    let _: Option<MonitorStatus> = app.ok("monitor_now", json!({ "connection": "demo" }));

    block_on(app.demo_sandbox().inject(&VisitorMessage {
        content: Some("Is my order <b>shipped</b>?".to_owned()),
        nickname: Some("Ada".to_owned()),
        ..VisitorMessage::default()
    }));
    let after: Option<MonitorStatus> = app.ok("monitor_now", json!({ "connection": "demo" }));
    let after = after.expect("still watched");
    assert!(
        after.budget.used_today > 0,
        "the polls count against the budget"
    );

    assert_eq!(
        visitor_messages(&app, "demo"),
        vec!["Is my order <b>shipped</b>?".to_owned()],
        "exactly one visitor_message_received event"
    );
    let notifications = app.notifier.notifications();
    assert_eq!(
        notifications.len(),
        1,
        "exactly one notification: {notifications:?}"
    );
    assert!(notifications[0].body.contains("shipped"));

    let _: Option<MonitorStatus> = app.ok("monitor_now", json!({ "connection": "demo" }));
    assert_eq!(visitor_messages(&app, "demo").len(), 1, "not told twice");

    let saved = std::fs::read_to_string(app.config.path().join(FILE_NAME)).expect("kept");
    assert!(saved.contains("\"demo\""), "{saved}");

    let config = app.config;
    let again = TestApp::launch(keychain_in(&mock_store()), config, true);
    let settings: MonitorSettings = again.ok("monitor_settings", json!({ "connection": "demo" }));
    assert!(settings.enabled, "the choice survives a restart");
    let failures = block_on(
        again
            .app
            .state::<Monitor>()
            .sync(&again.app.state::<crisp_desk_lib::state::AppState>()),
    );
    assert!(failures.is_empty());
    assert_eq!(
        watched(&again),
        vec!["demo".to_owned()],
        "the selected connection's monitor comes back at start"
    );
}

#[test]
fn do_not_disturb_keeps_events_and_silences_notifications() {
    let app = TestApp::new(keychain_in(&mock_store()));
    let _: Option<MonitorStatus> = app.ok(
        "set_monitor_settings",
        json!({ "connection": "demo", "settings": on() }),
    );
    let preferences: Value = app.ok(
        "set_monitor_preferences",
        json!({ "preferences": { "watch_all_connections": false, "do_not_disturb": true } }),
    );
    assert_eq!(preferences["do_not_disturb"], true);
    let settings: MonitorSettings = app.ok("monitor_settings", json!({ "connection": "demo" }));
    assert!(
        settings.do_not_disturb,
        "the global switch shows in every connection's settings"
    );

    let _: Option<MonitorStatus> = app.ok("monitor_now", json!({ "connection": "demo" }));
    block_on(app.demo_sandbox().inject_conversation("hello?"));
    let _: Option<MonitorStatus> = app.ok("monitor_now", json!({ "connection": "demo" }));

    assert_eq!(visitor_messages(&app, "demo"), vec!["hello?".to_owned()]);
    assert!(
        app.notifier.notifications().is_empty(),
        "do not disturb shows no notification"
    );
}

#[test]
fn the_monitor_follows_the_selection_and_watch_all_and_forgets_deleted_connections() {
    let store = mock_store();
    let app = TestApp::new(keychain_in(&store));
    let shop = sandbox(crisp_sandbox::Tier::Plugin);
    let _: Option<MonitorStatus> = app.ok(
        "set_monitor_settings",
        json!({ "connection": "demo", "settings": on() }),
    );
    let saved: Value = app.ok(
        "save_connection",
        json!({ "request": form(&shop.info(), &shop.info().key, "plugin") }),
    );
    let id = saved["id"].as_str().expect("an id").to_owned();
    assert_eq!(
        watched(&app),
        Vec::<String>::new(),
        "the new connection is selected; the harness leaves it off until turned on"
    );

    let _: Option<MonitorStatus> = app.ok(
        "set_monitor_settings",
        json!({ "connection": id, "settings": on() }),
    );
    assert_eq!(watched(&app), vec![id.clone()]);

    let _: Value = app.ok("select_connection", json!({ "connection": "demo" }));
    assert_eq!(
        watched(&app),
        vec!["demo".to_owned()],
        "the monitor moves with the selection"
    );

    let _: Value = app.ok(
        "set_monitor_preferences",
        json!({ "preferences": { "watch_all_connections": true, "do_not_disturb": false } }),
    );
    let mut both = vec!["demo".to_owned(), id.clone()];
    both.sort();
    assert_eq!(watched(&app), both, "every saved connection is watched");

    let off = MonitorSettings {
        enabled: false,
        ..MonitorSettings::default()
    };
    let status: Option<MonitorStatus> = app.ok(
        "set_monitor_settings",
        json!({ "connection": id, "settings": off }),
    );
    assert!(status.is_none(), "switched off, not watched");
    assert_eq!(watched(&app), vec!["demo".to_owned()]);

    let _: Option<MonitorStatus> = app.ok(
        "set_monitor_settings",
        json!({ "connection": id, "settings": on() }),
    );
    let _: Value = app.ok("delete_connection", json!({ "connection": id }));
    assert_eq!(watched(&app), vec!["demo".to_owned()]);
    let saved = std::fs::read_to_string(app.config.path().join(FILE_NAME)).expect("kept");
    assert!(
        !saved.contains(&id),
        "a deleted connection's settings are forgotten"
    );

    let unknown = app.err(
        "set_monitor_settings",
        json!({ "connection": "nope", "settings": on() }),
    );
    assert_eq!(unknown["kind"], "not_found");
}

#[test]
fn todays_request_count_survives_a_restart_and_the_file_never_holds_the_key() {
    let store = mock_store();
    let shop = sandbox(crisp_sandbox::Tier::Plugin);
    let app = TestApp::new(keychain_in(&store));
    let saved: Value = app.ok(
        "save_connection",
        json!({ "request": form(&shop.info(), &shop.info().key, "plugin") }),
    );
    let id = saved["id"].as_str().expect("an id").to_owned();
    for _ in 0..3 {
        let _: Value = app.ok(
            "search_conversations",
            json!({ "connection": id, "request": { "website_id": shop.info().website_id } }),
        );
    }
    let client = block_on(app.state().client(&id.as_str().into())).expect("a client");
    let used = client.quota().used_today;
    assert!(used >= 3, "three lists were counted: {used}");
    // What the app does at exit (while it runs, every few seconds).
    app.state().usage().flush().expect("the count is written");

    let TestApp {
        config, app: old, ..
    } = app;
    drop(old);
    let again = TestApp::launch(keychain_in(&store), config, false);
    let restarted = block_on(again.state().client(&id.as_str().into())).expect("a client");
    assert_eq!(
        restarted.quota().used_today,
        used,
        "a restart must not reset \"requests left today\" nor the monitor's pace"
    );
    let file = again.config.path().join(usage::FILE_NAME);
    let text = std::fs::read_to_string(&file).expect("the count is on disk");
    assert!(
        !text.contains(&shop.info().key),
        "the key never reaches the file: {text}"
    );
    assert!(
        text.contains(&shop.info().identifier),
        "the count is kept per token (tier and identifier): {text}"
    );
}

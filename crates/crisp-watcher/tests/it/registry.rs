//! The app's registry: one running loop per watched connection, updates tagged with the connection.

use std::sync::Arc;
use std::time::Duration;

use crisp_sandbox::Tier;
use crisp_watcher::{RecordingNotifier, WatchPhase, WatchSettings, WatchUpdate, Watchers};

use crate::support::World;

/// A bound so a broken loop fails the test instead of hanging it; not a speed expectation.
const PATIENCE: Duration = Duration::from_secs(30);

#[tokio::test]
async fn a_started_connection_polls_at_once_and_reports_under_its_id_until_stopped() {
    let world = World::start(Tier::Plugin).await;
    let (sender, mut updates) = tokio::sync::mpsc::unbounded_channel();
    let watchers = Watchers::new(
        Arc::new(RecordingNotifier::new()),
        move |connection, update| {
            let _ = sender.send((connection.to_owned(), update));
        },
    );
    watchers.start(
        "conn-1",
        world.client.clone(),
        &world.website_id(),
        WatchSettings::default(),
    );
    assert_eq!(
        watchers.connections(),
        ["conn-1"],
        "the connection is watched"
    );

    let (connection, update) = tokio::time::timeout(PATIENCE, updates.recv())
        .await
        .expect("the first poll reports")
        .expect("the sink is alive");
    assert_eq!(connection, "conn-1", "updates carry their connection");
    match update {
        WatchUpdate::Status(status) => {
            assert_eq!(
                status.phase,
                WatchPhase::Watching,
                "the first poll went through"
            );
            assert_eq!(
                status.budget.daily_budget,
                Some(5_000),
                "with the plugin budget for the meter"
            );
        }
        other => panic!("a status after the first poll, not {other:?}"),
    }

    let paused = watchers
        .set_settings(
            "conn-1",
            WatchSettings {
                enabled: false,
                ..WatchSettings::default()
            },
        )
        .expect("the connection is watched");
    assert_eq!(paused.phase, WatchPhase::Off, "switching off shows at once");
    assert!(watchers.stop("conn-1"), "a watched connection stops");
    assert!(watchers.connections().is_empty(), "and is no longer listed");
    assert!(
        watchers
            .set_settings("conn-1", WatchSettings::default())
            .is_none(),
        "settings need a watcher"
    );
}

//! The app's registry: one running loop per watched connection, updates tagged with the connection.

use std::sync::Arc;
use std::time::Duration;

use crisp_monitor::{MonitorPhase, MonitorSettings, MonitorUpdate, Monitors, RecordingNotifier};
use crisp_sandbox::Tier;

use crate::support::World;

/// A bound so a broken loop fails the test instead of hanging it; not a speed expectation.
const PATIENCE: Duration = Duration::from_secs(30);

#[tokio::test]
async fn a_started_connection_polls_at_once_and_reports_under_its_id_until_stopped() {
    let world = World::start(Tier::Plugin).await;
    let (sender, mut updates) = tokio::sync::mpsc::unbounded_channel();
    let monitors = Monitors::new(
        Arc::new(RecordingNotifier::new()),
        move |connection, update| {
            let _ = sender.send((connection.to_owned(), update));
        },
    );
    monitors.start(
        "conn-1",
        world.client.clone(),
        &world.website_id(),
        MonitorSettings::default(),
    );
    assert_eq!(
        monitors.connections(),
        ["conn-1"],
        "the connection is watched"
    );

    let (connection, update) = tokio::time::timeout(PATIENCE, updates.recv())
        .await
        .expect("the first poll reports")
        .expect("the sink is alive");
    assert_eq!(connection, "conn-1", "updates carry their connection");
    match update {
        MonitorUpdate::Status(status) => {
            assert_eq!(
                status.phase,
                MonitorPhase::Watching,
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

    let paused = monitors
        .set_settings(
            "conn-1",
            MonitorSettings {
                enabled: false,
                ..MonitorSettings::default()
            },
        )
        .expect("the connection is watched");
    assert_eq!(
        paused.phase,
        MonitorPhase::Off,
        "switching off shows at once"
    );
    assert!(monitors.stop("conn-1"), "a watched connection stops");
    assert!(monitors.connections().is_empty(), "and is no longer listed");
    assert!(
        monitors
            .set_settings("conn-1", MonitorSettings::default())
            .is_none(),
        "settings need a monitor"
    );
}

//! The app's monitor: which connections are watched (the selected one, or every saved one when the user asks),
//! each connection's monitor settings and the global do-not-disturb, kept in `monitor.json` beside
//! `connections.json` so they survive a restart. Today's request count per token is kept beside them too
//! ([`crate::usage`], `usage.json`).
//!
//! [`Monitor::sync`] is the one place that starts, re-configures and stops monitors; the connection and monitor
//! commands call it after every change, and the app calls it once at start so the selected connection is watched
//! without the user doing anything.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use crisp_monitor::{MonitorSettings, MonitorStatus, MonitorUpdate, Monitors, Notifier};
use serde::{Deserialize, Serialize};

use crate::connections::ConnectionId;
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::versioned::{self, Versioned};

/// The file's name inside the app's config directory.
pub const FILE_NAME: &str = "monitor.json";

/// The format this build reads and writes.
const VERSION: u64 = 1;

/// Choices that apply to every connection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct MonitorPreferences {
    /// Watch every saved connection, not only the selected one (the Demo only while selected).
    pub watch_all_connections: bool,
    /// Do not disturb: events still reach the window, no desktop notification is shown.
    pub do_not_disturb: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
struct MonitorFile {
    version: u64,
    #[serde(flatten)]
    preferences: MonitorPreferences,
    connections: BTreeMap<String, MonitorSettings>,
}

impl Versioned for MonitorFile {
    fn version(&self) -> u64 {
        self.version
    }
    fn set_version(&mut self, version: u64) {
        self.version = version;
    }
}

type Sink = Arc<dyn Fn(&str, MonitorUpdate) + Send + Sync>;

/// The running monitors and what the user chose for them.
pub struct Monitor {
    monitors: Monitors,
    sink: Sink,
    path: PathBuf,
    defaults: MonitorSettings,
    file: Mutex<MonitorFile>,
    focused: AtomicBool,
    syncing: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Monitor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Monitor")
            .field("monitors", &self.monitors)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Monitor {
    /// Reads `monitor.json` from `config_dir` (defaults when it is missing or unreadable). Connections never
    /// configured get `defaults`; notifications go to `notifier`, every update to `sink`.
    pub fn new<F>(
        config_dir: &Path,
        defaults: MonitorSettings,
        notifier: Arc<dyn Notifier>,
        sink: F,
    ) -> Self
    where
        F: Fn(&str, MonitorUpdate) + Send + Sync + 'static,
    {
        let path = config_dir.join(FILE_NAME);
        let file = versioned::read(&path, VERSION, "using the defaults");
        let sink: Sink = Arc::new(sink);
        let to_sink = Arc::clone(&sink);
        Monitor {
            monitors: Monitors::new(notifier, move |connection, update| {
                to_sink(connection, update)
            }),
            sink,
            path,
            defaults,
            file: Mutex::new(file),
            focused: AtomicBool::new(true),
            syncing: tokio::sync::Mutex::new(()),
        }
    }

    fn file(&self) -> std::sync::MutexGuard<'_, MonitorFile> {
        self.file.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The choices that apply to every connection.
    pub fn preferences(&self) -> MonitorPreferences {
        self.file().preferences
    }

    /// `connection`'s settings as the user chose them (the defaults until changed).
    pub fn settings(&self, connection: &ConnectionId) -> MonitorSettings {
        let focused = self.focused.load(Ordering::Relaxed);
        let file = self.file();
        let stored = file
            .connections
            .get(connection.as_str())
            .copied()
            .unwrap_or(self.defaults);
        MonitorSettings {
            do_not_disturb: file.preferences.do_not_disturb,
            focused,
            ..stored
        }
    }

    /// Keeps `settings` for `connection` (the global do-not-disturb still wins).
    pub fn set_settings(&self, connection: &ConnectionId, settings: MonitorSettings) -> Result<()> {
        self.change(|file| {
            file.connections.insert(connection.to_string(), settings);
        })
    }

    /// Keeps the choices that apply to every connection.
    pub fn set_preferences(&self, preferences: MonitorPreferences) -> Result<()> {
        self.change(|file| file.preferences = preferences)
    }

    /// Forgets a deleted connection's settings.
    pub fn forget(&self, connection: &ConnectionId) -> Result<()> {
        self.change(|file| {
            file.connections.remove(connection.as_str());
        })
    }

    /// Applies `edit` and writes the file; on a failed write nothing changes.
    fn change(&self, edit: impl FnOnce(&mut MonitorFile)) -> Result<()> {
        let mut file = self.file();
        let mut next = file.clone();
        edit(&mut next);
        versioned::write(
            &self.path,
            &mut next,
            VERSION,
            "update the app to change these settings",
        )?;
        *file = next;
        Ok(())
    }

    /// Whether the window is focused: monitors poll faster while it is.
    pub fn set_focused(&self, focused: bool) {
        self.focused.store(focused, Ordering::Relaxed);
        self.monitors.set_focused(focused);
    }

    /// `connection`'s monitor status; `None` when it is not watched.
    pub fn status(&self, connection: &ConnectionId) -> Option<MonitorStatus> {
        self.monitors
            .get(connection.as_str())
            .map(|monitor| monitor.status())
    }

    /// Polls `connection` now rather than at its next turn (the user's "Check now"; the budget counts it and a
    /// spent quota still sends nothing). Its events reach the window as usual; `None` when it is not watched.
    pub async fn poll_now(&self, connection: &ConnectionId) -> Option<MonitorStatus> {
        let monitor = self.monitors.get(connection.as_str())?;
        let report = monitor.poll_once().await;
        for event in report.events {
            (self.sink)(connection.as_str(), MonitorUpdate::Event(event));
        }
        (self.sink)(
            connection.as_str(),
            MonitorUpdate::Status(report.status.clone()),
        );
        Some(report.status)
    }

    /// The watched connections, sorted.
    pub fn watched(&self) -> Vec<String> {
        self.monitors.connections()
    }

    /// Stops `connection`'s monitor (its client changed: the next [`Monitor::sync`] starts a fresh one).
    pub fn restart(&self, connection: &ConnectionId) {
        self.monitors.stop(connection.as_str());
    }

    /// Makes the running monitors match the choices: the selected connection and, with `watch_all_connections`,
    /// every saved one, each only while its settings say `enabled`. Answers the connections whose monitor could
    /// not start (no key in the keychain, keychain locked), with the reason; the others run regardless.
    pub async fn sync(&self, state: &AppState) -> Vec<(ConnectionId, AppError)> {
        let _one_at_a_time = self.syncing.lock().await;
        let watch_all = self.preferences().watch_all_connections;
        let wanted: Vec<_> = state
            .list()
            .await
            .into_iter()
            .filter(|summary| summary.selected || (watch_all && !summary.demo))
            .map(|summary| {
                let settings = self.settings(&summary.id);
                (summary, settings)
            })
            .filter(|(_, settings)| settings.enabled)
            .collect();
        self.monitors.retain(|connection| {
            wanted
                .iter()
                .any(|(summary, _)| summary.id.as_str() == connection)
        });
        let mut failures = Vec::new();
        for (summary, settings) in wanted {
            if let Some(monitor) = self.monitors.get(summary.id.as_str()) {
                if monitor.website_id() == summary.website_id {
                    if monitor.settings() != settings {
                        monitor.set_settings(settings);
                    }
                    continue;
                }
            }
            match state.client(&summary.id).await {
                Ok(client) => {
                    tracing::info!(connection = %summary.id, "watching");
                    // On Crisp's real-time socket while it is up, polling while it is down.
                    let socket = client.rtm_config();
                    // From where the last run stopped, so what happened while the app was closed is reported.
                    let synced = state.synced(&summary.id).await.ok().flatten();
                    if let Some(synced) = &synced {
                        // A monitor stopped a moment ago may still have its last memory on the way to the store.
                        synced.writer.flushed().await;
                    }
                    self.monitors.start_prepared(
                        summary.id.as_str(),
                        client,
                        &summary.website_id,
                        settings,
                        Some(socket),
                        |monitor| match &synced {
                            Some(synced) => crate::local::sync::resume(synced, monitor),
                            None => monitor,
                        },
                    );
                }
                Err(error) => {
                    tracing::warn!(connection = %summary.id, %error, "cannot watch this connection");
                    self.monitors.stop(summary.id.as_str());
                    failures.push((summary.id, error));
                }
            }
        }
        failures
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crisp_monitor::SilentNotifier;
    use std::fs;

    fn monitor(dir: &Path) -> Monitor {
        Monitor::new(
            dir,
            MonitorSettings::default(),
            Arc::new(SilentNotifier),
            |_, _| {},
        )
    }

    #[test]
    fn settings_and_preferences_survive_a_restart() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = monitor(dir.path());
        let id = ConnectionId::from("c-1");
        let mut settings = MonitorSettings::default();
        settings.events.visitors_count_changed = true;
        settings.notifications = false;
        first.set_settings(&id, settings).expect("saved");
        first
            .set_preferences(MonitorPreferences {
                watch_all_connections: true,
                do_not_disturb: true,
            })
            .expect("saved");

        let again = monitor(dir.path());
        let read = again.settings(&id);
        assert!(read.events.visitors_count_changed && !read.notifications);
        assert!(read.do_not_disturb, "the global do-not-disturb applies");
        assert!(again.preferences().watch_all_connections);
        assert_eq!(
            again.settings(&ConnectionId::from("other")).notifications,
            MonitorSettings::default().notifications,
            "a connection never configured gets the defaults"
        );
    }

    #[test]
    fn a_deleted_connection_is_forgotten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let monitor = monitor(dir.path());
        let id = ConnectionId::from("c-1");
        let off = MonitorSettings {
            enabled: false,
            ..MonitorSettings::default()
        };
        monitor.set_settings(&id, off).expect("saved");
        assert!(!monitor.settings(&id).enabled);
        monitor.forget(&id).expect("saved");
        assert!(monitor.settings(&id).enabled, "back to the defaults");
        let text = fs::read_to_string(dir.path().join(FILE_NAME)).expect("written");
        assert!(!text.contains("c-1"), "{text}");
    }

    #[test]
    fn an_unreadable_file_is_moved_aside_and_defaults_apply() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join(FILE_NAME), "{not json").expect("written");
        let monitor = monitor(dir.path());
        assert_eq!(monitor.preferences(), MonitorPreferences::default());
        assert!(dir.path().join("monitor.json.corrupt").exists());
    }

    #[test]
    fn a_file_from_a_newer_app_is_not_overwritten_by_reading() {
        let dir = tempfile::tempdir().expect("tempdir");
        let newer = r#"{"version": 99, "do_not_disturb": true}"#;
        fs::write(dir.path().join(FILE_NAME), newer).expect("written");
        let monitor = monitor(dir.path());
        assert!(!monitor.preferences().do_not_disturb);
        assert_eq!(
            fs::read_to_string(dir.path().join(FILE_NAME)).expect("still there"),
            newer
        );
    }
}

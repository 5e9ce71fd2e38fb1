//! Every watched connection of the app: start, stop and re-configure monitors by connection ID, with one sink
//! and one notifier for all. The desktop app keeps one of these in its state.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use crisp_client::rtm::RtmConfig;
use crisp_client::Client;

use crate::connection::{ConnectionMonitor, MonitorHandle};
use crate::event::{MonitorStatus, MonitorUpdate};
use crate::notify::Notifier;
use crate::settings::MonitorSettings;

type Sink = Arc<dyn Fn(&str, MonitorUpdate) + Send + Sync>;

struct Entry {
    monitor: Arc<ConnectionMonitor>,
    _handle: MonitorHandle,
}

/// The running monitors, by connection ID.
pub struct Monitors {
    entries: Mutex<HashMap<String, Entry>>,
    notifier: Arc<dyn Notifier>,
    sink: Sink,
}

impl std::fmt::Debug for Monitors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Monitors")
            .field("connections", &self.connections())
            .finish_non_exhaustive()
    }
}

impl Monitors {
    /// No monitor yet; every update goes to `sink` with its connection ID, notifications to `notifier`.
    pub fn new<F>(notifier: Arc<dyn Notifier>, sink: F) -> Self
    where
        F: Fn(&str, MonitorUpdate) + Send + Sync + 'static,
    {
        Monitors {
            entries: Mutex::new(HashMap::new()),
            notifier,
            sink: Arc::new(sink),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Starts watching `connection` by polling (replacing a monitor it had). Must be called inside a Tokio runtime.
    pub fn start(
        &self,
        connection: &str,
        client: Client,
        website_id: &str,
        settings: MonitorSettings,
    ) -> Arc<ConnectionMonitor> {
        self.start_with_socket(connection, client, website_id, settings, None)
    }

    /// Starts watching `connection` (replacing a monitor it had), on `socket` while it is live and by polling
    /// otherwise (see [`ConnectionMonitor::with_socket`]). Must be called inside a Tokio runtime.
    pub fn start_with_socket(
        &self,
        connection: &str,
        client: Client,
        website_id: &str,
        settings: MonitorSettings,
        socket: Option<RtmConfig>,
    ) -> Arc<ConnectionMonitor> {
        self.start_prepared(
            connection,
            client,
            website_id,
            settings,
            socket,
            |monitor| monitor,
        )
    }

    /// As [`Monitors::start_with_socket`], with `prepare` finishing the monitor before it runs (the app starts it
    /// from its last run's memory: [`ConnectionMonitor::with_memory`]).
    pub fn start_prepared(
        &self,
        connection: &str,
        client: Client,
        website_id: &str,
        settings: MonitorSettings,
        socket: Option<RtmConfig>,
        prepare: impl FnOnce(ConnectionMonitor) -> ConnectionMonitor,
    ) -> Arc<ConnectionMonitor> {
        let mut monitor = ConnectionMonitor::new(client, website_id, settings)
            .with_notifier(Arc::clone(&self.notifier));
        if let Some(socket) = socket {
            monitor = monitor.with_socket(socket);
        }
        let monitor = Arc::new(prepare(monitor));
        let sink = Arc::clone(&self.sink);
        let id = connection.to_owned();
        let handle = Arc::clone(&monitor).spawn(move |update| sink(&id, update));
        self.lock().insert(
            connection.to_owned(),
            Entry {
                monitor: Arc::clone(&monitor),
                _handle: handle,
            },
        );
        monitor
    }

    /// Stops watching `connection`; whether it was watched.
    pub fn stop(&self, connection: &str) -> bool {
        self.lock().remove(connection).is_some()
    }

    /// Stops every monitor whose connection `keep` refuses (e.g. deleted connections, or all but the selected
    /// one when "watch every connection" is off).
    pub fn retain(&self, keep: impl Fn(&str) -> bool) {
        self.lock().retain(|connection, _| keep(connection));
    }

    /// The monitor of `connection`, if it is watched.
    pub fn get(&self, connection: &str) -> Option<Arc<ConnectionMonitor>> {
        self.lock()
            .get(connection)
            .map(|entry| Arc::clone(&entry.monitor))
    }

    /// Changes `connection`'s settings; `None` when it is not watched.
    pub fn set_settings(
        &self,
        connection: &str,
        settings: MonitorSettings,
    ) -> Option<MonitorStatus> {
        let monitor = self.get(connection)?;
        monitor.set_settings(settings);
        Some(monitor.status())
    }

    /// Tells every monitor whether the window is focused (faster polling when it is).
    pub fn set_focused(&self, focused: bool) {
        let monitors: Vec<Arc<ConnectionMonitor>> = self
            .lock()
            .values()
            .map(|entry| Arc::clone(&entry.monitor))
            .collect();
        for monitor in monitors {
            let settings = monitor.settings();
            if settings.focused != focused {
                monitor.set_settings(MonitorSettings {
                    focused,
                    ..settings
                });
            }
        }
    }

    /// The watched connections, sorted.
    pub fn connections(&self) -> Vec<String> {
        let mut connections: Vec<String> = self.lock().keys().cloned().collect();
        connections.sort();
        connections
    }
}

//! Every watched connection of the app: start, stop and re-configure watchers by connection ID, with one sink
//! and one notifier for all. The desktop app keeps one of these in its state.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use crisp_client::Client;

use crate::event::{WatchStatus, WatchUpdate};
use crate::notify::Notifier;
use crate::settings::WatchSettings;
use crate::watcher::{WatchHandle, Watcher};

type Sink = Arc<dyn Fn(&str, WatchUpdate) + Send + Sync>;

struct Entry {
    watcher: Arc<Watcher>,
    _handle: WatchHandle,
}

/// The running watchers, by connection ID.
pub struct Watchers {
    entries: Mutex<HashMap<String, Entry>>,
    notifier: Arc<dyn Notifier>,
    sink: Sink,
}

impl std::fmt::Debug for Watchers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watchers")
            .field("connections", &self.connections())
            .finish_non_exhaustive()
    }
}

impl Watchers {
    /// No watcher yet; every update goes to `sink` with its connection ID, notifications to `notifier`.
    pub fn new<F>(notifier: Arc<dyn Notifier>, sink: F) -> Self
    where
        F: Fn(&str, WatchUpdate) + Send + Sync + 'static,
    {
        Watchers {
            entries: Mutex::new(HashMap::new()),
            notifier,
            sink: Arc::new(sink),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Starts watching `connection` (replacing a watcher it had). Must be called inside a Tokio runtime.
    pub fn start(
        &self,
        connection: &str,
        client: Client,
        website_id: &str,
        settings: WatchSettings,
    ) -> Arc<Watcher> {
        let watcher = Arc::new(
            Watcher::new(client, website_id, settings).with_notifier(Arc::clone(&self.notifier)),
        );
        let sink = Arc::clone(&self.sink);
        let id = connection.to_owned();
        let handle = Arc::clone(&watcher).spawn(move |update| sink(&id, update));
        self.lock().insert(
            connection.to_owned(),
            Entry {
                watcher: Arc::clone(&watcher),
                _handle: handle,
            },
        );
        watcher
    }

    /// Stops watching `connection`; whether it was watched.
    pub fn stop(&self, connection: &str) -> bool {
        self.lock().remove(connection).is_some()
    }

    /// Stops every watcher whose connection `keep` refuses (e.g. deleted connections, or all but the selected
    /// one when "watch every connection" is off).
    pub fn retain(&self, keep: impl Fn(&str) -> bool) {
        self.lock().retain(|connection, _| keep(connection));
    }

    /// The watcher of `connection`, if it is watched.
    pub fn get(&self, connection: &str) -> Option<Arc<Watcher>> {
        self.lock()
            .get(connection)
            .map(|entry| Arc::clone(&entry.watcher))
    }

    /// Changes `connection`'s settings; `None` when it is not watched.
    pub fn set_settings(&self, connection: &str, settings: WatchSettings) -> Option<WatchStatus> {
        let watcher = self.get(connection)?;
        watcher.set_settings(settings);
        Some(watcher.status())
    }

    /// Tells every watcher whether the window is focused (faster polling when it is).
    pub fn set_focused(&self, focused: bool) {
        let watchers: Vec<Arc<Watcher>> = self
            .lock()
            .values()
            .map(|entry| Arc::clone(&entry.watcher))
            .collect();
        for watcher in watchers {
            let settings = watcher.settings();
            if settings.focused != focused {
                watcher.set_settings(WatchSettings {
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

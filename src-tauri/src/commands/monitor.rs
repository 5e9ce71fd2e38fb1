//! Monitor commands: a watcher per watched connection (`crisp-watcher`), its settings, its status for the budget
//! meter, and its updates as the `watch-update-event` event; new visitor messages as desktop notifications.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use crisp_watcher::{
    Notification, Notifier, NotifyError, WatchSettings, WatchStatus, WatchUpdate, Watchers,
};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_notification::NotificationExt;
use tauri_specta::Event;

use crate::connections::ConnectionId;
use crate::error::AppError;
use crate::state::AppState;

/// A watcher's update, tagged with its connection: what the shell's unread list, the open list and thread, and
/// the budget meter listen to.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, Event)]
pub struct WatchUpdateEvent {
    /// The connection it is about.
    pub connection: ConnectionId,
    /// The event or status.
    pub update: WatchUpdate,
}

/// Shows notifications through `tauri-plugin-notification`. Clicking opens nothing on desktop platforms (no
/// notification actions there): the shell's unread list leads to the conversation.
pub struct TauriNotifier<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> Notifier for TauriNotifier<R> {
    fn notify(&self, notification: &Notification) -> Result<(), NotifyError> {
        self.app
            .notification()
            .builder()
            .title(&notification.title)
            .body(&notification.body)
            .show()
            .map_err(|error| NotifyError(error.to_string()))
    }
}

/// The watchers and each connection's settings (kept for the app's lifetime).
pub struct Monitor {
    watchers: Watchers,
    settings: Mutex<HashMap<ConnectionId, WatchSettings>>,
}

impl Monitor {
    /// Watchers that notify through the system and emit `WatchUpdateEvent`s to the window.
    pub fn new<R: Runtime>(app: &AppHandle<R>) -> Self {
        let emitter = app.clone();
        let watchers = Watchers::new(
            Arc::new(TauriNotifier { app: app.clone() }),
            move |connection, update| {
                let event = WatchUpdateEvent {
                    connection: ConnectionId::from(connection),
                    update,
                };
                if let Err(error) = event.emit(&emitter) {
                    tracing::warn!(%error, "a watch update could not reach the window");
                }
            },
        );
        Monitor {
            watchers,
            settings: Mutex::new(HashMap::new()),
        }
    }

    fn settings_of(&self, connection: &ConnectionId) -> WatchSettings {
        self.settings
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(connection)
            .copied()
            .unwrap_or_default()
    }
}

/// A connection's watch settings (the defaults until changed).
#[tauri::command]
#[specta::specta]
pub async fn watch_settings(
    monitor: State<'_, Monitor>,
    connection: ConnectionId,
) -> Result<WatchSettings, AppError> {
    Ok(monitor.settings_of(&connection))
}

/// Changes a connection's watch settings: starts its watcher when `enabled` (stops it otherwise) and answers the
/// watcher's status for the budget meter (`None` once stopped).
#[tauri::command]
#[specta::specta]
pub async fn set_watch_settings(
    state: State<'_, AppState>,
    monitor: State<'_, Monitor>,
    connection: ConnectionId,
    settings: WatchSettings,
) -> Result<Option<WatchStatus>, AppError> {
    monitor
        .settings
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(connection.clone(), settings);
    if !settings.enabled {
        monitor.watchers.stop(connection.as_str());
        return Ok(None);
    }
    if let Some(status) = monitor.watchers.set_settings(connection.as_str(), settings) {
        return Ok(Some(status));
    }
    let client = state.client(&connection).await?;
    let website_id = website_of(&state, &connection).await?;
    let watcher = monitor
        .watchers
        .start(connection.as_str(), client, &website_id, settings);
    Ok(Some(watcher.status()))
}

/// A connection's watcher status (budget left today, pace, pause reason); `None` when it is not watched.
#[tauri::command]
#[specta::specta]
pub async fn watch_status(
    monitor: State<'_, Monitor>,
    connection: ConnectionId,
) -> Result<Option<WatchStatus>, AppError> {
    Ok(monitor
        .watchers
        .get(connection.as_str())
        .map(|watcher| watcher.status()))
}

/// Tells every watcher whether the window is focused (faster polling while it is).
#[tauri::command]
#[specta::specta]
pub async fn set_window_focused(
    monitor: State<'_, Monitor>,
    focused: bool,
) -> Result<(), AppError> {
    monitor.watchers.set_focused(focused);
    Ok(())
}

/// The website a connection works on.
pub(crate) async fn website_of(
    state: &AppState,
    connection: &ConnectionId,
) -> Result<String, AppError> {
    state
        .list()
        .await
        .into_iter()
        .find(|summary| &summary.id == connection)
        .map(|summary| summary.website_id)
        .ok_or_else(|| {
            AppError::new(
                crate::error::ErrorKind::NotFound,
                format!("No connection {connection}."),
            )
        })
}

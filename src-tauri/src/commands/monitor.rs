//! Monitor commands: a monitor per watched connection (`crisp-monitor`), its settings, its status for the budget
//! meter, and its updates as the `monitor-update-event` event (the socket's changes as `live-event`); new visitor
//! messages as desktop notifications.

use std::path::Path;
use std::sync::Arc;

use crisp_monitor::{
    LiveChange, MonitorSettings, MonitorStatus, MonitorUpdate, Notification, Notifier, NotifyError,
};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_notification::NotificationExt;
use tauri_specta::Event;

use crate::connections::ConnectionId;
use crate::error::AppError;
use crate::monitor::{Monitor, MonitorPreferences};
use crate::state::AppState;

/// A monitor's update, tagged with its connection: what the shell's unread list, the open list and thread, and
/// the budget meter listen to.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, Event)]
pub struct MonitorUpdateEvent {
    /// The connection it is about.
    pub connection: ConnectionId,
    /// The event or status.
    pub update: MonitorUpdate,
}

/// A change Crisp's real-time socket pushed for a connection: what the window applies to the list, the open thread,
/// people and visitors while the monitor is live, instead of asking Crisp again.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, Event)]
pub struct LiveEvent {
    /// The connection it is about.
    pub connection: ConnectionId,
    /// What changed.
    pub change: LiveChange,
}

/// Hands one monitor update to the window: a socket change as a [`LiveEvent`], anything else as a
/// [`MonitorUpdateEvent`].
pub fn emit_update<R: Runtime>(
    app: &AppHandle<R>,
    connection: &str,
    update: MonitorUpdate,
) -> tauri::Result<()> {
    let connection = ConnectionId::from(connection);
    match update {
        MonitorUpdate::Live(change) => LiveEvent { connection, change }.emit(app),
        update => MonitorUpdateEvent { connection, update }.emit(app),
    }
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

/// The app's monitor: notifications through the system, updates to the window as `MonitorUpdateEvent`s.
pub fn tauri_monitor<R: Runtime>(app: &AppHandle<R>, config_dir: &Path) -> Monitor {
    let emitter = app.clone();
    Monitor::new(
        config_dir,
        MonitorSettings::default(),
        Arc::new(TauriNotifier { app: app.clone() }),
        move |connection, update| {
            if let Some(state) = tauri::Manager::try_state::<AppState>(&emitter) {
                if let Some(locals) = state.locals() {
                    crate::local::sync::keep_update(
                        locals,
                        &ConnectionId::from(connection),
                        &update,
                    );
                }
            }
            if let Err(error) = emit_update(&emitter, connection, update) {
                tracing::warn!(%error, "a monitor update could not reach the window");
            }
        },
    )
}

/// A connection's monitor settings (the defaults until changed; `do_not_disturb` is the global one).
#[tauri::command]
#[specta::specta]
pub async fn monitor_settings(
    monitor: State<'_, Monitor>,
    connection: ConnectionId,
) -> Result<MonitorSettings, AppError> {
    Ok(monitor.settings(&connection))
}

/// Keeps a connection's monitor settings (they survive a restart) and applies them: its monitor runs while it is
/// `enabled` and the connection is selected (or every connection is watched). Answers the monitor's status for
/// the budget meter, `None` when it is not watched.
#[tauri::command]
#[specta::specta]
pub async fn set_monitor_settings(
    state: State<'_, AppState>,
    monitor: State<'_, Monitor>,
    connection: ConnectionId,
    settings: MonitorSettings,
) -> Result<Option<MonitorStatus>, AppError> {
    website_of(&state, &connection).await?;
    monitor.set_settings(&connection, settings)?;
    sync_reporting(&state, &monitor, &connection).await?;
    Ok(monitor.status(&connection))
}

/// The choices that apply to every connection: watch them all, do not disturb.
#[tauri::command]
#[specta::specta]
pub async fn monitor_preferences(
    monitor: State<'_, Monitor>,
) -> Result<MonitorPreferences, AppError> {
    Ok(monitor.preferences())
}

/// Keeps and applies the choices that apply to every connection; answers them as kept.
#[tauri::command]
#[specta::specta]
pub async fn set_monitor_preferences(
    state: State<'_, AppState>,
    monitor: State<'_, Monitor>,
    preferences: MonitorPreferences,
) -> Result<MonitorPreferences, AppError> {
    monitor.set_preferences(preferences)?;
    monitor.sync(&state).await;
    Ok(monitor.preferences())
}

/// A connection's monitor status (budget left today, pace, pause reason); `None` when it is not watched.
#[tauri::command]
#[specta::specta]
pub async fn monitor_status(
    monitor: State<'_, Monitor>,
    connection: ConnectionId,
) -> Result<Option<MonitorStatus>, AppError> {
    Ok(monitor.status(&connection))
}

/// Polls a watched connection now instead of at its next turn ("Check now"); answers its status after the poll,
/// `None` when it is not watched.
#[tauri::command]
#[specta::specta]
pub async fn monitor_now(
    monitor: State<'_, Monitor>,
    connection: ConnectionId,
) -> Result<Option<MonitorStatus>, AppError> {
    Ok(monitor.poll_now(&connection).await)
}

/// Tells every monitor whether the window is focused (faster polling while it is).
#[tauri::command]
#[specta::specta]
pub async fn set_window_focused(
    monitor: State<'_, Monitor>,
    focused: bool,
) -> Result<(), AppError> {
    monitor.set_focused(focused);
    Ok(())
}

/// Syncs the monitors; fails with `connection`'s own reason when its monitor could not start.
pub(crate) async fn sync_reporting(
    state: &AppState,
    monitor: &Monitor,
    connection: &ConnectionId,
) -> Result<(), AppError> {
    match monitor
        .sync(state)
        .await
        .into_iter()
        .find(|(failed, _)| failed == connection)
    {
        Some((_, error)) => Err(error),
        None => Ok(()),
    }
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

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use serde_json::{json, Value};
    use tauri::Listener;

    use super::*;

    #[test]
    fn a_socket_change_reaches_the_window_as_a_live_event_and_the_rest_as_monitor_updates() {
        let app = tauri::test::mock_app();
        crate::bindings::builder::<tauri::test::MockRuntime>().mount_events(&app);
        let (heard, received) = mpsc::channel::<(&'static str, Value)>();
        for name in ["live-event", "monitor-update-event"] {
            let heard = heard.clone();
            app.listen_any(name, move |event| {
                let payload = serde_json::from_str(event.payload()).expect("a JSON payload");
                let _ = heard.send((name, payload));
            });
        }
        let change = LiveChange::MessageRemoved {
            session_id: "session_1".to_owned(),
            fingerprint: 7,
        };
        emit_update(app.handle(), "demo", MonitorUpdate::Live(change)).expect("emitted");
        let status = crisp_monitor::ConnectionMonitor::new(
            crisp_client::Client::new(crisp_client::ClientConfig::new(crisp_client::Credentials {
                identifier: "id".to_owned(),
                key: crisp_client::ApiKey::from("key".to_owned()),
                tier: crisp_client::Tier::User,
            }))
            .expect("a client"),
            "w",
            MonitorSettings::default(),
        )
        .status();
        emit_update(app.handle(), "demo", MonitorUpdate::Status(status)).expect("emitted");

        let first = received.try_recv().expect("the live change was emitted");
        assert_eq!(
            first,
            (
                "live-event",
                json!({ "connection": "demo",
                        "change": { "kind": "message_removed", "session_id": "session_1", "fingerprint": 7 } })
            ),
            "the socket's change goes to the window as a live-event, tagged by kind"
        );
        let (name, payload) = received.try_recv().expect("the status was emitted");
        assert_eq!(
            (name, &payload["update"]["type"]),
            ("monitor-update-event", &json!("status")),
            "a status stays a monitor update: {payload}"
        );
        assert!(received.try_recv().is_err(), "each update is emitted once");
    }
}

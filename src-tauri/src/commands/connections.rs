//! Connection commands for the set-up screen and the connection picker. None of them ever answers a key.

use crisp_client::QuotaSnapshot;
use tauri::State;

use crate::connections::{
    ConnectionId, ConnectionSummary, ConnectionTest, DeletedConnection, SaveConnection,
};
use crate::error::AppError;
use crate::monitor::Monitor;
use crate::state::AppState;

/// Every connection, the Demo first, with the selected one marked.
#[tauri::command]
#[specta::specta]
pub async fn list_connections(
    state: State<'_, AppState>,
) -> Result<Vec<ConnectionSummary>, AppError> {
    Ok(state.list().await)
}

/// Tests the token with `get_website`, then stores the key in the system keychain and the rest in the app's
/// config. `id` absent creates a connection (and selects it); an empty `key` on edit keeps the stored key.
#[tauri::command]
#[specta::specta]
pub async fn save_connection(
    state: State<'_, AppState>,
    monitor: State<'_, Monitor>,
    request: SaveConnection,
) -> Result<ConnectionSummary, AppError> {
    let saved = state.save(request).await?;
    monitor.restart(&saved.id);
    monitor.sync(&state).await;
    Ok(saved)
}

/// Runs the same checks as `save_connection` and saves nothing: which website the token reads, with which tier.
#[tauri::command]
#[specta::specta]
pub async fn test_connection(
    state: State<'_, AppState>,
    request: SaveConnection,
) -> Result<ConnectionTest, AppError> {
    state.test(request).await
}

/// Deletes a saved connection and its key (the Demo cannot be deleted). The connection goes even when the
/// keychain is locked or unavailable; the answer's `notice` then says the key's removal is retried later.
#[tauri::command]
#[specta::specta]
pub async fn delete_connection(
    state: State<'_, AppState>,
    monitor: State<'_, Monitor>,
    connection: ConnectionId,
) -> Result<DeletedConnection, AppError> {
    let deleted = state.delete(&connection).await?;
    monitor.sync(&state).await;
    // The connection is gone either way; stale settings for an unknown id are harmless.
    if let Err(error) = monitor.forget(&connection) {
        tracing::warn!(%connection, %error, "could not forget a deleted connection's watch settings");
    }
    Ok(deleted)
}

/// Makes `connection` the selected one (and the watched one); the choice survives a restart.
#[tauri::command]
#[specta::specta]
pub async fn select_connection(
    state: State<'_, AppState>,
    monitor: State<'_, Monitor>,
    connection: ConnectionId,
) -> Result<ConnectionSummary, AppError> {
    let selected = state.select(&connection).await?;
    monitor.sync(&state).await;
    Ok(selected)
}

/// The connection's request budget: requests counted today and the tier's daily quota, for the budget meter.
#[tauri::command]
#[specta::specta]
pub async fn quota(
    state: State<'_, AppState>,
    connection: ConnectionId,
) -> Result<QuotaSnapshot, AppError> {
    Ok(state.client(&connection).await?.quota())
}

//! Canned replies commands: a connection's saved replies, kept in its local store (`crisp_store`). App data,
//! not a Crisp operation: nothing here sends a request to Crisp.

use crisp_store::{CannedReply, SaveCannedReply, Store};
use tauri::State;

use crate::connections::ConnectionId;
use crate::error::{AppError, ErrorKind, Result};
use crate::state::AppState;

/// The connection's canned replies, by title.
#[tauri::command]
#[specta::specta]
pub async fn list_canned_replies(
    state: State<'_, AppState>,
    connection: ConnectionId,
) -> Result<Vec<CannedReply>, AppError> {
    with_store(&state, connection, |store| store.canned_replies()).await
}

/// Adds a canned reply (no `id`) or replaces one; answers it as stored. Refused with `invalid_input` at `title` or
/// `text` (empty, too long, a title another reply of the connection has), `not_found` when the edited reply was
/// deleted meanwhile.
#[tauri::command]
#[specta::specta]
pub async fn save_canned_reply(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: SaveCannedReply,
) -> Result<CannedReply, AppError> {
    with_store(&state, connection, move |store| {
        store.save_canned_reply(&request, now_ms())
    })
    .await
}

/// Deletes a canned reply; answers whether it was there (deleting twice is not an error).
#[tauri::command]
#[specta::specta]
pub async fn delete_canned_reply(
    state: State<'_, AppState>,
    connection: ConnectionId,
    id: String,
) -> Result<bool, AppError> {
    with_store(&state, connection, move |store| {
        store.delete_canned_reply(&id)
    })
    .await
}

/// Runs `work` on a saved connection's store off the async runtime (SQLite blocks). An unknown connection is
/// `not_found`, so no store file is made for it.
async fn with_store<T: Send + 'static>(
    state: &AppState,
    connection: ConnectionId,
    work: impl FnOnce(&Store) -> crisp_store::Result<T> + Send + 'static,
) -> Result<T> {
    if !state.list().await.iter().any(|c| c.id == connection) {
        return Err(AppError::new(
            ErrorKind::NotFound,
            format!("No saved connection has the ID {connection}."),
        ));
    }
    let local = state
        .local(&connection)?
        .ok_or_else(|| AppError::internal("this app keeps no local stores"))?;
    tauri::async_runtime::spawn_blocking(move || {
        let store = local
            .lock()
            .map_err(|_| AppError::internal("a local store's lock is poisoned"))?;
        work(&store).map_err(from_store)
    })
    .await
    .map_err(|error| AppError::internal(format!("a local store call stopped: {error}")))?
}

/// The store's refusals as the kinds the form acts on; anything else is the app's own failure.
fn from_store(error: crisp_store::Error) -> AppError {
    match error {
        crisp_store::Error::InvalidInput { field, message } => AppError::invalid(field, message),
        crisp_store::Error::NotFound(message) => AppError::new(ErrorKind::NotFound, message),
        other => other.into(),
    }
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as u64)
}

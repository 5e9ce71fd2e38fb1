//! Operator commands: a thin adapter over `crisp_client::operators`.

use crisp_client::operators::{ListOperators, OperatorEntry};
use tauri::State;

use crate::connections::ConnectionId;
use crate::error::AppError;
use crate::state::AppState;

/// The website's operators; see `crisp_client::operators::ListOperators`.
#[tauri::command]
#[specta::specta]
pub async fn list_operators(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: ListOperators,
) -> Result<Vec<OperatorEntry>, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

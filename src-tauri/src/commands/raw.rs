//! The raw API call: a thin adapter over `crisp_client::raw`.

use crisp_client::raw::{ApiResponse, CallApi};
use tauri::State;

use crate::connections::ConnectionId;
use crate::error::AppError;
use crate::state::AppState;

/// Any Crisp API route, by method and path (never a full URL, so the key only reaches the connection's API host); see `crisp_client::raw::CallApi`.
#[tauri::command]
#[specta::specta]
pub async fn call_api(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: CallApi,
) -> Result<ApiResponse, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

//! Website commands: thin adapters over `crisp_client::websites`.

use crisp_client::websites::{
    CheckWebsiteExists, CreateWebsite, DeleteWebsite, GetWebsite, Website, WebsiteExists,
};
use crisp_client::Empty;
use tauri::State;

use crate::connections::ConnectionId;
use crate::error::AppError;
use crate::state::AppState;

/// Whether a website with a domain exists; see `crisp_client::websites::CheckWebsiteExists`.
#[tauri::command]
#[specta::specta]
pub async fn check_website_exists(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: CheckWebsiteExists,
) -> Result<WebsiteExists, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// One website (workspace); see `crisp_client::websites::GetWebsite`.
#[tauri::command]
#[specta::specta]
pub async fn get_website(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: GetWebsite,
) -> Result<Website, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// Creates a website (user tier only); see `crisp_client::websites::CreateWebsite`.
#[tauri::command]
#[specta::specta]
pub async fn create_website(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: CreateWebsite,
) -> Result<Website, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// Schedules a website's deletion (user tier only), confirmed by `body.verify`; see
/// `crisp_client::websites::DeleteWebsite`. The verify secret never appears in the error.
#[tauri::command]
#[specta::specta]
pub async fn delete_website(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: DeleteWebsite,
) -> Result<Empty, AppError> {
    let secret = request.body.verify.secret.clone();
    let client = state
        .client(&connection)
        .await
        .map_err(|e| e.scrub(&secret))?;
    client
        .send(&request)
        .await
        .map_err(|e| AppError::from(e).scrub(&secret))
}

//! Visitor commands: thin adapters over `crisp_client::visitors`, plus a streamed listing.

use crisp_client::visitors::{CountVisitors, ListVisitors, Visitor, VisitorCount};
use tauri::ipc::Channel;
use tauri::State;

use super::{stream_pages, Page, StreamEnd};

use crate::connections::ConnectionId;
use crate::error::AppError;
use crate::state::AppState;

/// How many visitors are on the website now; see `crisp_client::visitors::CountVisitors`.
#[tauri::command]
#[specta::specta]
pub async fn count_visitors(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: CountVisitors,
) -> Result<VisitorCount, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// One page of the visitors on the website now; see `crisp_client::visitors::ListVisitors`.
#[tauri::command]
#[specta::specta]
pub async fn list_visitors(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: ListVisitors,
) -> Result<Vec<Visitor>, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// Every page of the visitor listing, sent to `on_page` one at a time; the request's `limit` caps the items.
#[tauri::command]
#[specta::specta]
pub async fn stream_visitors(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: ListVisitors,
    on_page: Channel<Page<Visitor>>,
) -> Result<StreamEnd, AppError> {
    stream_pages(state.client(&connection).await?, request, on_page).await
}

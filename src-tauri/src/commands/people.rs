//! People commands: thin adapters over `crisp_client::people`, plus a streamed listing.

use crisp_client::people::{
    AddPeopleProfile, AddedPeopleProfile, GetPeopleProfile, ListPeopleProfiles, PeopleProfile,
    RemovePeopleProfile, UpdatePeopleProfile,
};
use crisp_client::Empty;
use tauri::ipc::Channel;
use tauri::State;

use super::{stream_pages, Page, StreamEnd};

use crate::connections::ConnectionId;
use crate::error::AppError;
use crate::state::AppState;

/// Adds a people profile; see `crisp_client::people::AddPeopleProfile`.
#[tauri::command]
#[specta::specta]
pub async fn add_people_profile(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: AddPeopleProfile,
) -> Result<AddedPeopleProfile, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// One people profile; see `crisp_client::people::GetPeopleProfile`.
#[tauri::command]
#[specta::specta]
pub async fn get_people_profile(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: GetPeopleProfile,
) -> Result<PeopleProfile, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// Changes a people profile; only the fields set are sent; see `crisp_client::people::UpdatePeopleProfile`.
#[tauri::command]
#[specta::specta]
pub async fn update_people_profile(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: UpdatePeopleProfile,
) -> Result<Empty, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// Removes a people profile; see `crisp_client::people::RemovePeopleProfile`.
#[tauri::command]
#[specta::specta]
pub async fn remove_people_profile(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: RemovePeopleProfile,
) -> Result<Empty, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// One page of people profiles, optionally searched and filtered; see `crisp_client::people::ListPeopleProfiles`.
#[tauri::command]
#[specta::specta]
pub async fn list_people_profiles(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: ListPeopleProfiles,
) -> Result<Vec<PeopleProfile>, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// Every page of a people listing, sent to `on_page` one at a time; the request's `limit` caps the items.
#[tauri::command]
#[specta::specta]
pub async fn stream_people_profiles(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: ListPeopleProfiles,
    on_page: Channel<Page<PeopleProfile>>,
) -> Result<StreamEnd, AppError> {
    stream_pages(state.client(&connection).await?, request, on_page).await
}

//! Message commands: thin adapters over `crisp_client::messages`.

use crisp_client::messages::history::HistoryPage;
use crisp_client::messages::{
    GetMessage, ListMessages, Message, SendMessage, SentMessage, UpdateMessage,
};
use crisp_client::Empty;
use tauri::State;

use crate::connections::ConnectionId;
use crate::error::AppError;
use crate::state::AppState;

/// One page of a conversation's history, and the request for the next older page when there is one: the
/// client's history walk decides where the history ends and how many messages a `limit` keeps, for the CLI and
/// the screens alike; see `crisp_client::Client::message_history_page`.
#[tauri::command]
#[specta::specta]
pub async fn list_messages(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: ListMessages,
) -> Result<HistoryPage, AppError> {
    Ok(state
        .client(&connection)
        .await?
        .message_history_page(request)
        .await?)
}

/// One message, by fingerprint; see `crisp_client::messages::GetMessage`.
#[tauri::command]
#[specta::specta]
pub async fn get_message(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: GetMessage,
) -> Result<Message, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// Edits a message's content; see `crisp_client::messages::UpdateMessage`.
#[tauri::command]
#[specta::specta]
pub async fn update_message(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: UpdateMessage,
) -> Result<Empty, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// Sends one try of a draft; see `crisp_client::messages::SendMessage`. The UI passes the draft's fingerprint
/// on every try and `may_have_landed` on a retry, so the client looks the fingerprint up before posting again
/// and a draft whose earlier answer was lost lands once. After an unclear failure within this try it looks the
/// fingerprint up too.
#[tauri::command]
#[specta::specta]
pub async fn send_message(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: SendMessage,
) -> Result<SentMessage, AppError> {
    Ok(state
        .client(&connection)
        .await?
        .send_message_once(request)
        .await?)
}

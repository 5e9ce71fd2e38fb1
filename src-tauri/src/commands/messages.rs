//! Message commands: thin adapters over `crisp_client::messages`.

use crisp_client::messages::{
    GetMessage, ListMessages, Message, MessageBatch, SendMessage, SentMessage, UpdateMessage,
};
use crisp_client::Empty;
use tauri::State;

use crate::connections::ConnectionId;
use crate::error::AppError;
use crate::state::AppState;

/// One batch of a conversation's messages, newest first; `more` says whether older ones remain; see `crisp_client::messages::ListMessages`.
#[tauri::command]
#[specta::specta]
pub async fn list_messages(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: ListMessages,
) -> Result<MessageBatch, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
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

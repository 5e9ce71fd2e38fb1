//! Conversation commands: thin adapters over `crisp_client::conversations`, plus a streamed search.

use crisp_client::conversations::{
    ChangeConversationState, Conversation, ConversationMeta, CreateConversation,
    CreatedConversation, GetConversation, GetConversationMeta, MarkMessagesRead,
    RemoveConversation, SearchConversations, UpdateConversationMeta,
};
use crisp_client::Empty;
use tauri::ipc::Channel;
use tauri::State;

use super::{stream_pages, Page, StreamEnd};

use crate::connections::ConnectionId;
use crate::error::AppError;
use crate::state::AppState;

/// Starts a new conversation; see `crisp_client::conversations::CreateConversation`.
#[tauri::command]
#[specta::specta]
pub async fn create_conversation(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: CreateConversation,
) -> Result<CreatedConversation, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// One page of conversations, optionally searched and filtered; see `crisp_client::conversations::SearchConversations`.
#[tauri::command]
#[specta::specta]
pub async fn search_conversations(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: SearchConversations,
) -> Result<Vec<Conversation>, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// One conversation; see `crisp_client::conversations::GetConversation`.
#[tauri::command]
#[specta::specta]
pub async fn get_conversation(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: GetConversation,
) -> Result<Conversation, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// Removes a conversation and its messages; see `crisp_client::conversations::RemoveConversation`.
#[tauri::command]
#[specta::specta]
pub async fn remove_conversation(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: RemoveConversation,
) -> Result<Empty, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// Sets a conversation's state (pending, unresolved, resolved); see `crisp_client::conversations::ChangeConversationState`.
#[tauri::command]
#[specta::specta]
pub async fn change_conversation_state(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: ChangeConversationState,
) -> Result<Empty, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// A conversation's metas (nickname, email, segments, data, ...); see `crisp_client::conversations::GetConversationMeta`.
#[tauri::command]
#[specta::specta]
pub async fn get_conversation_meta(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: GetConversationMeta,
) -> Result<ConversationMeta, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// Changes a conversation's metas; only the fields set are sent; see `crisp_client::conversations::UpdateConversationMeta`.
#[tauri::command]
#[specta::specta]
pub async fn update_conversation_meta(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: UpdateConversationMeta,
) -> Result<Empty, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// Marks messages of a conversation as read; see `crisp_client::conversations::MarkMessagesRead`.
#[tauri::command]
#[specta::specta]
pub async fn mark_messages_read(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: MarkMessagesRead,
) -> Result<Empty, AppError> {
    Ok(state.client(&connection).await?.send(&request).await?)
}

/// Every page of a conversation search, sent to `on_page` one at a time (for "Limit" fetches and exports);
/// the request's `limit` caps the items. Answers how many pages and items were sent.
#[tauri::command]
#[specta::specta]
pub async fn stream_conversations(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: SearchConversations,
    on_page: Channel<Page<Conversation>>,
) -> Result<StreamEnd, AppError> {
    stream_pages(state.client(&connection).await?, request, on_page).await
}

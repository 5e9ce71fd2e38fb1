//! The local store's commands for the window: the stored inbox shown before the first network answer, the
//! outbox's waiting messages ("queued" in the thread), the stored Unread list and drafts that survive a restart.

use crisp_client::conversations::SearchConversations;
use crisp_client::messages::SendMessage;
use crisp_store::UnreadEntry;
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::connections::ConnectionId;
use crate::error::{AppError, Result};
use crate::local::sync::{stored_inbox as read_inbox, StoredInbox};
use crate::local::write::Write;
use crate::local::Synced;
use crate::state::AppState;

/// The connection's writer and outbox (its store opened and its client's answers written through).
async fn synced(state: &AppState, connection: &ConnectionId) -> Result<std::sync::Arc<Synced>> {
    // Building the client installs the write-through, the outbox's sender and the monitor's memory.
    state.client(connection).await?;
    state
        .synced(connection)
        .await?
        .ok_or_else(|| AppError::internal("this app keeps no local store"))
}

/// The conversations the store holds for a list request, at once and without asking Crisp: the window shows them
/// (marked as stored) until Crisp's answer replaces them. Empty when the request searches or filters.
#[tauri::command]
#[specta::specta]
pub async fn stored_inbox(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: SearchConversations,
) -> Result<StoredInbox, AppError> {
    let synced = synced(&state, &connection).await?;
    read_inbox(&synced, &request)
}

/// A message in the outbox: waiting for the connection to come back, or refused by Crisp (`failed`).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct QueuedMessage {
    /// The conversation.
    pub session_id: String,
    /// Its fingerprint, the same on every try.
    #[specta(type = f64)]
    pub fingerprint: i64,
    /// When it was queued, ms.
    #[specta(type = f64)]
    pub queued_at: u64,
    /// Tries so far.
    pub attempts: u32,
    /// Why the last try failed.
    pub last_error: Option<String>,
    /// The message as it will be sent.
    pub request: SendMessage,
    /// Why Crisp refused it outright, in plain words: it is not sent again, only edited as a draft or discarded
    /// (`remove_queued_message`). Absent while it waits.
    pub failed: Option<String>,
}

/// The messages in the outbox (waiting or refused), oldest first; with `session_id`, one conversation's.
#[tauri::command]
#[specta::specta]
pub async fn stored_outbox(
    state: State<'_, AppState>,
    connection: ConnectionId,
    session_id: Option<String>,
) -> Result<Vec<QueuedMessage>, AppError> {
    let synced = synced(&state, &connection).await?;
    let entries = synced.outbox.entries(session_id.as_deref())?;
    Ok(entries
        .into_iter()
        .filter_map(|entry| {
            Some(QueuedMessage {
                request: serde_json::from_value(entry.request).ok()?,
                session_id: entry.session_id,
                fingerprint: entry.fingerprint,
                queued_at: entry.queued_at,
                attempts: entry.attempts,
                last_error: entry.last_error,
                failed: entry.failed,
            })
        })
        .collect())
}

/// Removes a message Crisp refused from the outbox (discarded, or taken back into the Reply box as a draft).
/// A message still waiting to be sent is refused with `invalid_input`; one no longer there is `not_found`.
#[tauri::command]
#[specta::specta]
pub async fn remove_queued_message(
    state: State<'_, AppState>,
    connection: ConnectionId,
    session_id: String,
    fingerprint: f64,
) -> Result<(), AppError> {
    let synced = synced(&state, &connection).await?;
    // Fingerprints are whole numbers JavaScript holds exactly (as in `QueuedMessage`).
    synced.outbox.remove_failed(&session_id, fingerprint as i64)
}

/// The stored Unread list (visitor messages the monitor reported, the ones of earlier runs included), newest first.
#[tauri::command]
#[specta::specta]
pub async fn stored_unread(
    state: State<'_, AppState>,
    connection: ConnectionId,
) -> Result<Vec<StoredUnread>, AppError> {
    let synced = synced(&state, &connection).await?;
    let entries = lock(&synced)?.unread()?;
    Ok(entries.into_iter().map(StoredUnread::from).collect())
}

/// A conversation was opened (`Some`) or the whole list cleared (`None`): it leaves the stored Unread list.
#[tauri::command]
#[specta::specta]
pub async fn forget_unread(
    state: State<'_, AppState>,
    connection: ConnectionId,
    session_id: Option<String>,
) -> Result<(), AppError> {
    let synced = synced(&state, &connection).await?;
    match session_id {
        Some(session_id) => synced.writer.send(Write::Read(session_id)),
        None => lock(&synced)?.clear_unread()?,
    }
    Ok(())
}

/// One conversation of the stored Unread list.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct StoredUnread {
    /// The conversation.
    pub session_id: String,
    /// The visitor's name, when known.
    pub nickname: Option<String>,
    /// The newest message's text.
    pub excerpt: String,
    /// When the newest message was sent, ms.
    #[specta(type = f64)]
    pub at: u64,
    /// New visitor messages since it was last opened.
    pub messages: u32,
}

impl From<UnreadEntry> for StoredUnread {
    fn from(entry: UnreadEntry) -> Self {
        StoredUnread {
            session_id: entry.session_id,
            nickname: entry.nickname,
            excerpt: entry.excerpt,
            at: entry.at,
            messages: entry.messages,
        }
    }
}

/// A conversation's draft kept in the store (text typed and not sent), so it survives a restart.
#[tauri::command]
#[specta::specta]
pub async fn stored_draft(
    state: State<'_, AppState>,
    connection: ConnectionId,
    session_id: String,
) -> Result<Option<String>, AppError> {
    let synced = synced(&state, &connection).await?;
    let draft = lock(&synced)?.draft(&session_id)?;
    Ok(draft)
}

/// A conversation's draft as the window keeps it.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct StoredDraft {
    /// The conversation.
    pub session_id: String,
    /// The draft, as the window wrote it.
    pub text: String,
}

/// Every conversation's kept draft, most recently typed first (the window restores them at start).
#[tauri::command]
#[specta::specta]
pub async fn stored_drafts(
    state: State<'_, AppState>,
    connection: ConnectionId,
) -> Result<Vec<StoredDraft>, AppError> {
    let synced = synced(&state, &connection).await?;
    let drafts = lock(&synced)?.drafts()?;
    Ok(drafts
        .into_iter()
        .map(|(session_id, text)| StoredDraft { session_id, text })
        .collect())
}

/// Keeps a conversation's draft; an empty text forgets it.
#[tauri::command]
#[specta::specta]
pub async fn keep_draft(
    state: State<'_, AppState>,
    connection: ConnectionId,
    session_id: String,
    text: String,
) -> Result<(), AppError> {
    let synced = synced(&state, &connection).await?;
    let at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_millis() as u64);
    lock(&synced)?.set_draft(&session_id, &text, at)?;
    Ok(())
}

fn lock(synced: &Synced) -> Result<std::sync::MutexGuard<'_, crisp_store::Store>> {
    synced
        .store
        .lock()
        .map_err(|_| AppError::internal("the local store's lock is poisoned"))
}

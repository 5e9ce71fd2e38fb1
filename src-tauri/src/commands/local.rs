//! The local store's commands (`crisp_store`): instant search over what the connection has stored, the stored
//! conversation, thread and profile for offline reading, and exports of a thread or a list through the save
//! dialog. None of them asks Crisp.

use std::path::PathBuf;

use crisp_client::conversations::Conversation;
use crisp_client::messages::Message;
use crisp_client::people::PeopleProfile;
use crisp_store::{ExportFormat, SnippetPart, Store, Stored};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::connections::ConnectionId;
use crate::error::{AppError, ErrorKind, Result};
use crate::state::AppState;

/// Results a local search gives when the request names no limit (a screen of the list).
pub const DEFAULT_LIMIT: u32 = 20;
/// The most results a local search gives.
pub const MAX_LIMIT: u32 = 200;

/// A search of the connection's stored conversations or people: plain words, each matched as typed so far.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct SearchStored {
    /// The words to find (any text: search syntax in it is searched for, never interpreted).
    pub query: String,
    /// The most results (default 20, at most 200).
    pub limit: Option<u32>,
}

/// A stored conversation a local search found.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct StoredConversationHit {
    /// The conversation.
    pub session_id: String,
    /// The matching message, when the words matched message text.
    #[specta(type = Option<f64>)]
    pub fingerprint: Option<i64>,
    /// The matching text, split so the matched words can be highlighted.
    pub snippet: Vec<SnippetPart>,
    /// The stored conversation, for its row (name, email, state).
    pub conversation: Option<Conversation>,
}

/// A stored people profile a local search found.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct StoredPeopleHit {
    /// The profile.
    pub people_id: String,
    /// The matching field, split so the matched words can be highlighted.
    pub snippet: Vec<SnippetPart>,
    /// The stored profile, for its row.
    pub profile: Option<PeopleProfile>,
}

/// The stored copy of a conversation and when it was stored (generic types lose their parameter in the bindings, so
/// each stored object has its own answer).
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct StoredConversation {
    /// The conversation as stored.
    pub conversation: Conversation,
    /// When it was stored, ms since the epoch; absent for rows stored before the time was kept.
    #[specta(type = Option<f64>)]
    pub stored_at: Option<u64>,
}

/// A conversation's stored thread, oldest first, and when its newest copy was stored.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct StoredThread {
    /// The stored messages, oldest first.
    pub messages: Vec<Message>,
    /// When the newest copy was stored, ms since the epoch.
    #[specta(type = Option<f64>)]
    pub stored_at: Option<u64>,
}

/// The stored copy of a people profile and when it was stored.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct StoredPeopleProfile {
    /// The profile as stored.
    pub profile: PeopleProfile,
    /// When it was stored, ms since the epoch.
    #[specta(type = Option<f64>)]
    pub stored_at: Option<u64>,
}

/// A stored conversation, or its stored thread, by its session.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct GetStoredConversation {
    /// The conversation.
    pub session_id: String,
}

/// A stored people profile.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct GetStoredPeopleProfile {
    /// The profile.
    pub people_id: String,
}

/// One conversation to export.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct ExportThread {
    /// The conversation.
    pub session_id: String,
    /// JSON, CSV or a plain-text transcript.
    pub format: ExportFormat,
}

/// A list of conversations to export (the list a screen shows, in its order).
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct ExportConversations {
    /// The conversations, in the list's order; those not stored are left out.
    pub session_ids: Vec<String>,
    /// JSON, CSV or a plain-text transcript.
    pub format: ExportFormat,
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ExportedFile {
    /// The file's name.
    pub file_name: String,
    /// Conversations written (1 for a thread).
    pub conversations: u32,
    /// Messages written.
    pub messages: u32,
}

/// Asks the user where to save a file; `None` when the user cancels.
pub trait SaveDialog: Send + Sync {
    /// Shows the dialog with `file_name` suggested and `extension` as the file type.
    fn save(
        &self,
        file_name: &str,
        extension: &str,
    ) -> tokio::sync::oneshot::Receiver<Option<PathBuf>>;
}

/// The system's save dialog, through `tauri-plugin-dialog`.
pub struct SystemSaveDialog<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> SaveDialog for SystemSaveDialog<R> {
    fn save(
        &self,
        file_name: &str,
        extension: &str,
    ) -> tokio::sync::oneshot::Receiver<Option<PathBuf>> {
        let (sender, receiver) = tokio::sync::oneshot::channel();
        self.app
            .dialog()
            .file()
            .add_filter(extension.to_uppercase(), &[extension])
            .set_file_name(file_name)
            .save_file(move |path| {
                // The command may have been dropped meanwhile; nobody is left to tell.
                let _ = sender.send(path.and_then(|path| path.into_path().ok()));
            });
        receiver
    }
}

/// The save dialog exports go through; managed by Tauri.
pub struct LocalExport {
    dialog: Box<dyn SaveDialog>,
}

impl LocalExport {
    /// Files saved through the system's dialog.
    pub fn new<R: Runtime>(app: &AppHandle<R>) -> Self {
        Self::with_dialog(Box::new(SystemSaveDialog { app: app.clone() }))
    }

    /// Files saved where `dialog` says (tests answer without a dialog).
    pub fn with_dialog(dialog: Box<dyn SaveDialog>) -> Self {
        LocalExport { dialog }
    }
}

/// Runs `read` on the connection's store off the async runtime (SQLite blocks).
async fn read_store<T: Send + 'static>(
    state: &AppState,
    connection: &ConnectionId,
    read: impl FnOnce(&Store) -> crisp_store::Result<T> + Send + 'static,
) -> Result<T> {
    let store = state
        .local(connection)?
        .ok_or_else(|| AppError::internal("this app keeps no local store"))?;
    tauri::async_runtime::spawn_blocking(move || {
        let store = store
            .lock()
            .map_err(|_| AppError::internal("the local store's lock is poisoned"))?;
        Ok(read(&store)?)
    })
    .await
    .map_err(|error| AppError::internal(format!("the local store's task failed: {error}")))?
}

fn limit_of(request: &SearchStored) -> usize {
    request.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize
}

/// Searches the connection's stored conversations (nickname, email, subject, segments, then message text); one
/// hit per conversation, the matched words marked for highlighting.
#[tauri::command]
#[specta::specta]
pub async fn search_stored_conversations(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: SearchStored,
) -> Result<Vec<StoredConversationHit>, AppError> {
    let limit = limit_of(&request);
    read_store(&state, &connection, move |store| {
        store
            .search(&request.query, limit)?
            .into_iter()
            .map(|hit| {
                Ok(StoredConversationHit {
                    conversation: store.conversation(&hit.session_id)?,
                    session_id: hit.session_id,
                    fingerprint: hit.fingerprint,
                    snippet: hit.snippet,
                })
            })
            .collect()
    })
    .await
}

/// Searches the connection's stored people profiles (nickname, email, segments), best match first.
#[tauri::command]
#[specta::specta]
pub async fn search_stored_people_profiles(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: SearchStored,
) -> Result<Vec<StoredPeopleHit>, AppError> {
    let limit = limit_of(&request);
    read_store(&state, &connection, move |store| {
        store
            .search_people(&request.query, limit)?
            .into_iter()
            .map(|hit| {
                Ok(StoredPeopleHit {
                    profile: store.people_profile(&hit.people_id)?,
                    people_id: hit.people_id,
                    snippet: hit.snippet,
                })
            })
            .collect()
    })
    .await
}

/// The stored copy of a conversation and when it was stored (offline reading); `None` when it was never stored.
#[tauri::command]
#[specta::specta]
pub async fn get_stored_conversation(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: GetStoredConversation,
) -> Result<Option<StoredConversation>, AppError> {
    read_store(&state, &connection, move |store| {
        Ok(store
            .stored_conversation(&request.session_id)?
            .map(|stored: Stored<Conversation>| StoredConversation {
                conversation: stored.value,
                stored_at: stored.stored_at,
            }))
    })
    .await
}

/// The stored thread of a conversation, oldest first, and when its newest copy was stored (offline reading);
/// `None` when none of its messages is stored.
#[tauri::command]
#[specta::specta]
pub async fn get_stored_thread(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: GetStoredConversation,
) -> Result<Option<StoredThread>, AppError> {
    read_store(&state, &connection, move |store| {
        Ok(store
            .stored_thread(&request.session_id)?
            .map(|stored: Stored<Vec<Message>>| StoredThread {
                messages: stored.value,
                stored_at: stored.stored_at,
            }))
    })
    .await
}

/// The stored copy of a people profile and when it was stored (offline reading); `None` when never stored.
#[tauri::command]
#[specta::specta]
pub async fn get_stored_people_profile(
    state: State<'_, AppState>,
    connection: ConnectionId,
    request: GetStoredPeopleProfile,
) -> Result<Option<StoredPeopleProfile>, AppError> {
    read_store(&state, &connection, move |store| {
        Ok(store
            .stored_people_profile(&request.people_id)?
            .map(|stored: Stored<PeopleProfile>| StoredPeopleProfile {
                profile: stored.value,
                stored_at: stored.stored_at,
            }))
    })
    .await
}

/// Exports a stored thread (its conversation too, when stored) to a file the user chooses; `None` when the user
/// cancelled. Refused when nothing of the conversation is stored.
#[tauri::command]
#[specta::specta]
pub async fn export_thread(
    state: State<'_, AppState>,
    export: State<'_, LocalExport>,
    connection: ConnectionId,
    request: ExportThread,
) -> Result<Option<ExportedFile>, AppError> {
    let session_id = request.session_id.clone();
    let (conversation, messages) = read_store(&state, &connection, move |store| {
        Ok((
            store.conversation::<Value>(&session_id)?,
            store.messages::<Value>(&session_id)?,
        ))
    })
    .await?;
    if conversation.is_none() && messages.is_empty() {
        return Err(AppError::new(
            ErrorKind::NotFound,
            "Nothing of this conversation is stored yet: open it once online to keep a copy.",
        ));
    }
    let text = crisp_store::export_thread(
        request.format,
        conversation.as_ref(),
        &messages,
        &chrono::Local,
    )?;
    let name = format!(
        "conversation-{}.{}",
        file_safe(&request.session_id),
        request.format.extension()
    );
    let Some(path) = choose(&export, &name, request.format).await else {
        return Ok(None);
    };
    write(&path, &text)?;
    Ok(Some(ExportedFile {
        file_name: file_name(&path),
        conversations: 1,
        messages: messages.len() as u32,
    }))
}

/// Exports the stored conversations of a list (with their stored threads, for the transcript) to a file the user
/// chooses; `None` when the user cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_conversations(
    state: State<'_, AppState>,
    export: State<'_, LocalExport>,
    connection: ConnectionId,
    request: ExportConversations,
) -> Result<Option<ExportedFile>, AppError> {
    let session_ids = request.session_ids.clone();
    let with_threads = request.format == ExportFormat::Transcript;
    let list = read_store(&state, &connection, move |store| {
        store
            .conversations_by_id::<Value>(&session_ids)?
            .into_iter()
            .map(|conversation| {
                let messages = match conversation.get("session_id").and_then(Value::as_str) {
                    Some(id) if with_threads => store.messages(id)?,
                    _ => Vec::new(),
                };
                Ok((conversation, messages))
            })
            .collect::<crisp_store::Result<Vec<_>>>()
    })
    .await?;
    let text = crisp_store::export_conversations(request.format, &list, &chrono::Local)?;
    let name = format!("conversations.{}", request.format.extension());
    let Some(path) = choose(&export, &name, request.format).await else {
        return Ok(None);
    };
    write(&path, &text)?;
    Ok(Some(ExportedFile {
        file_name: file_name(&path),
        conversations: list.len() as u32,
        messages: list.iter().map(|(_, messages)| messages.len() as u32).sum(),
    }))
}

async fn choose(export: &LocalExport, name: &str, format: ExportFormat) -> Option<PathBuf> {
    export
        .dialog
        .save(name, format.extension())
        .await
        .ok()
        .flatten()
}

fn write(path: &std::path::Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|error| {
        AppError::new(
            ErrorKind::InvalidInput,
            format!("The file could not be written: {error}"),
        )
    })
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A session id as part of a file name: letters, digits, `-` and `_` kept, anything else `_`.
fn file_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

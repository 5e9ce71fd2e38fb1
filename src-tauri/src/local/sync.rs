//! Keeping a connection's store in step with Crisp: the client's answers written through, the monitor started
//! from its last run's memory (so it catches up on what happened while the app was closed) and its updates kept,
//! and the stored inbox the window shows before the first network answer.

use std::sync::Arc;

use crisp_client::conversations::{Conversation, SearchConversations};
use crisp_client::Client;
use crisp_monitor::{ConnectionMonitor, MonitorEvent, MonitorMemory, MonitorUpdate};
use serde::{Deserialize, Serialize};

use super::write::{Write, MONITOR_MEMORY};
use super::{Locals, Synced};
use crate::connections::ConnectionId;
use crate::error::Result;

/// Writes every answer `client` accepts through to the connection's store and wakes its outbox when the
/// connection answers; sends what the outbox kept from an earlier run. Once per client; a store that cannot open
/// is logged and the client works without it.
pub fn install(locals: &Locals, id: &ConnectionId, website_id: &str, client: &Client) {
    let synced = match locals.synced(id, website_id) {
        Ok(synced) => synced,
        Err(error) => {
            tracing::warn!(connection = %id, %error, "the local store is unavailable: answers are not kept");
            return;
        }
    };
    let seen = Arc::clone(&synced);
    let observing = client.observe(Arc::new(move |parts, response| {
        seen.writer.answer(parts, response);
        if response.is_success() {
            seen.outbox.connection_back();
        }
    }));
    if observing && synced.outbox.is_waiting() {
        synced.outbox.start(client);
    }
}

/// The monitor of a connection started from what its last run remembered, keeping its memory as it goes.
pub fn resume(synced: &Synced, monitor: ConnectionMonitor) -> ConnectionMonitor {
    let memory = synced.store.lock().ok().and_then(|store| {
        match store.memory::<MonitorMemory>(MONITOR_MEMORY) {
            Ok(memory) => memory,
            Err(error) => {
                tracing::warn!(%error, "the monitor's memory is unreadable: it starts afresh");
                None
            }
        }
    });
    let writer = synced.writer.clone();
    let kept = std::sync::Mutex::new(memory.clone());
    let socket = synced.writer.clone();
    let monitor = monitor
        .with_memory_keeper(Arc::new(move |memory| {
            // Most polls change nothing: only a changed memory is written.
            let Ok(mut last) = kept.lock() else {
                return;
            };
            if last.as_ref() != Some(&memory) {
                *last = Some(memory.clone());
                writer.send(Write::Memory(memory));
            }
        }))
        .with_socket_observer(Arc::new(move |event| {
            if matches!(
                event.name.as_str(),
                "message:send" | "message:received" | "session:removed"
            ) {
                socket.send(Write::Socket {
                    name: event.name.clone(),
                    session_id: event.session_id.clone(),
                    data: event.data.clone(),
                });
            }
        }));
    match memory {
        Some(memory) => monitor.with_memory(memory),
        None => monitor,
    }
}

/// Keeps what a monitor update changes in the store: a visitor message joins the stored Unread list.
pub fn keep_update(locals: &Locals, id: &ConnectionId, update: &MonitorUpdate) {
    if let MonitorUpdate::Event(MonitorEvent::VisitorMessageReceived { .. }) = update {
        if let Some(synced) = locals.synced_if_started(id) {
            synced.writer.send(Write::Update(update.clone()));
        }
    }
}

/// The conversations the store holds for a list request, answered at once.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct StoredInbox {
    /// The stored conversations of the request's page, most recently updated first; empty when the request
    /// searches or filters (the store answers the plain inbox only).
    pub conversations: Vec<Conversation>,
    /// Whether the request searches or filters, so the store has no answer for it.
    pub filtered: bool,
}

/// The stored inbox for `request`: its page of the most recently updated conversations when it neither searches
/// nor filters.
pub fn stored_inbox(synced: &Synced, request: &SearchConversations) -> Result<StoredInbox> {
    if is_filtered(request) {
        return Ok(StoredInbox {
            conversations: Vec::new(),
            filtered: true,
        });
    }
    let per_page = request
        .per_page
        .unwrap_or(crisp_client::paging::PER_PAGE_MAX) as usize;
    let offset = (request.page.max(1) as usize - 1) * per_page;
    let store = synced
        .store
        .lock()
        .map_err(|_| crate::error::AppError::internal("the local store's lock is poisoned"))?;
    Ok(StoredInbox {
        conversations: store.conversations(offset, per_page)?,
        filtered: false,
    })
}

/// Whether a list request narrows the inbox (a search or a filter), so the store's newest-first page is not its
/// answer.
fn is_filtered(request: &SearchConversations) -> bool {
    let mut plain = request.clone();
    plain.page = 1;
    plain.per_page = None;
    plain.limit = None;
    plain.order_date_updated = None;
    let base = SearchConversations::new(&request.website_id);
    serde_json::to_value(&plain).ok() != serde_json::to_value(&base).ok()
}

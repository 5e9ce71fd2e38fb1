//! Write-through: every answer the connection's client accepts and every monitor update, written to the
//! connection's store by one background thread, off the commands' path. A command only hands the answer's bytes
//! over (a copy and a channel send); parsing and SQLite happen here, and a failure is logged, never answered.

use std::sync::mpsc;

use crisp_client::{Method, RequestParts, Response};
use crisp_monitor::{MonitorEvent, MonitorMemory, MonitorUpdate};
use crisp_store::{Store, UnreadEntry};
use serde_json::Value;

use super::LocalStore;

/// The name the monitor's memory is kept under in the store.
pub const MONITOR_MEMORY: &str = "monitor";

/// One thing to write.
#[derive(Debug)]
pub enum Write {
    /// An answer Crisp gave, as received.
    Answer {
        /// The request's method.
        method: Method,
        /// The request's path (`/v1/website/{website_id}/...`).
        path: String,
        /// The HTTP status.
        status: u16,
        /// The body, Crisp's envelope.
        body: Vec<u8>,
    },
    /// A monitor update (a visitor message joins the stored Unread list).
    Update(MonitorUpdate),
    /// The monitor's memory (cursors and reported fingerprints), so the next start catches up from it.
    Memory(MonitorMemory),
    /// A socket event as it arrived: a message's payload is kept in its thread, a removed conversation forgotten.
    Socket {
        /// The event's name (`message:send`, `message:received` or `session:removed`).
        name: String,
        /// The conversation.
        session_id: Option<String>,
        /// The payload as received.
        data: Value,
    },
    /// The user opened a conversation: it leaves the stored Unread list.
    Read(String),
    /// Runs after everything sent before it is written (tests wait on it).
    Barrier(mpsc::Sender<()>),
}

/// Hands writes to the connection's writer thread. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Writer {
    sender: mpsc::Sender<Write>,
}

impl Writer {
    /// Starts the thread that writes into `store` what concerns `website_id` (the connection's workspace); it
    /// ends when every `Writer` is dropped.
    pub fn start(store: LocalStore, website_id: String) -> Writer {
        let (sender, receiver) = mpsc::channel::<Write>();
        let spawned = std::thread::Builder::new()
            .name("local-store-writer".into())
            .spawn(move || run(&store, &website_id, &receiver));
        if let Err(error) = spawned {
            tracing::warn!(%error, "the local store's writer could not start: nothing is written through");
        }
        Writer { sender }
    }

    /// Queues `write`; never blocks.
    pub fn send(&self, write: Write) {
        if self.sender.send(write).is_err() {
            tracing::debug!("the local store's writer has stopped");
        }
    }

    /// Queues an accepted answer (only 2xx answers carry anything to keep).
    pub fn answer(&self, parts: &RequestParts, response: &Response) {
        if response.is_success() && !response.body.is_empty() {
            self.send(Write::Answer {
                method: parts.method,
                path: parts.path.clone(),
                status: response.status,
                body: response.body.clone(),
            });
        }
    }

    /// Waits until everything queued before this call is written (tests).
    pub async fn flushed(&self) {
        let (done, wait) = mpsc::channel();
        self.send(Write::Barrier(done));
        let _ = tokio::task::spawn_blocking(move || wait.recv()).await;
    }
}

fn run(store: &LocalStore, website_id: &str, receiver: &mpsc::Receiver<Write>) {
    while let Ok(first) = receiver.recv() {
        // Everything already waiting is written in one go; only the newest memory matters.
        let mut batch = vec![first];
        batch.extend(receiver.try_iter());
        let newest_memory = batch
            .iter()
            .rposition(|write| matches!(write, Write::Memory(_)));
        let Ok(mut store) = store.lock() else {
            tracing::warn!("the local store's lock is poisoned: the writer stops");
            return;
        };
        for (index, write) in batch.into_iter().enumerate() {
            if matches!(write, Write::Memory(_)) && Some(index) != newest_memory {
                continue;
            }
            if let Write::Barrier(done) = write {
                let _ = done.send(());
                continue;
            }
            if let Err(error) = apply(&mut store, website_id, write) {
                tracing::warn!(%error, "could not write to the local store");
            }
        }
    }
}

/// Writes one thing into the store.
pub fn apply(store: &mut Store, website_id: &str, write: Write) -> crisp_store::Result<()> {
    match write {
        Write::Answer {
            method,
            path,
            status,
            body,
        } => {
            if !(200..300).contains(&status) {
                return Ok(());
            }
            answer(store, website_id, method, &path, &body)
        }
        Write::Update(MonitorUpdate::Event(MonitorEvent::VisitorMessageReceived {
            session_id,
            excerpt,
            nickname,
            timestamp,
            ..
        })) => {
            let previous = store
                .unread()?
                .into_iter()
                .find(|entry| entry.session_id == session_id);
            store.set_unread(&UnreadEntry {
                nickname: nickname.or_else(|| previous.as_ref().and_then(|p| p.nickname.clone())),
                excerpt,
                at: timestamp.unwrap_or_else(now_ms),
                messages: previous.map_or(0, |p| p.messages).saturating_add(1),
                session_id,
            })
        }
        Write::Update(_) => Ok(()),
        Write::Memory(memory) => store.set_memory(MONITOR_MEMORY, &memory),
        Write::Socket {
            name,
            session_id: Some(session_id),
            data,
        } => match name.as_str() {
            // Whole messages (an edit's payload holds only what changed, so it waits for the next thread read).
            "message:send" | "message:received" => {
                store.upsert_messages(&[with_session(data, &session_id)])?;
                Ok(())
            }
            "session:removed" => store.remove_conversation(&session_id),
            _ => Ok(()),
        },
        Write::Socket { .. } => Ok(()),
        Write::Read(session_id) => store.remove_unread(&session_id),
        Write::Barrier(done) => {
            let _ = done.send(());
            Ok(())
        }
    }
}

/// What an answer of the connection's workspace holds, by route; other workspaces' answers are not kept.
fn answer(
    store: &mut Store,
    website_id: &str,
    method: Method,
    path: &str,
    body: &[u8],
) -> crisp_store::Result<()> {
    let Some(rest) = path.strip_prefix("/v1/website/") else {
        return Ok(());
    };
    let segments: Vec<&str> = rest.split('/').collect();
    let Some((&website, segments)) = segments.split_first() else {
        return Ok(());
    };
    if website != website_id {
        return Ok(());
    }
    let data = || -> crisp_store::Result<Value> {
        let mut envelope: Value = serde_json::from_slice(body)?;
        Ok(envelope
            .get_mut("data")
            .map(Value::take)
            .unwrap_or(Value::Null))
    };
    match (method, segments) {
        (Method::Get, ["conversations", _page]) => {
            store.upsert_conversations(&items(data()?))?;
        }
        (Method::Get, ["conversation", session_id]) => {
            store.upsert_conversations(&[with_session(data()?, session_id)])?;
        }
        (Method::Delete, ["conversation", session_id]) => store.remove_conversation(session_id)?,
        (Method::Get, ["conversation", session_id, "messages"]) => {
            let messages: Vec<Value> = items(data()?)
                .into_iter()
                .map(|message| with_session(message, session_id))
                .collect();
            store.upsert_messages(&messages)?;
        }
        (Method::Get, ["conversation", session_id, "message", _fingerprint]) => {
            store.upsert_messages(&[with_session(data()?, session_id)])?;
        }
        (Method::Get, ["people", "profile", _people_id]) => {
            store.upsert_people_profiles(&[data()?])?;
        }
        (Method::Get, ["people", "profiles", _page]) => {
            store.upsert_people_profiles(&items(data()?))?;
        }
        (Method::Get, ["operators", "list"]) => store.replace_operators(&items(data()?))?,
        _ => {}
    }
    Ok(())
}

/// A list's items (anything else holds none).
fn items(data: Value) -> Vec<Value> {
    match data {
        Value::Array(items) => items,
        _ => Vec::new(),
    }
}

/// `object` with its conversation named, as the path says, when Crisp left it out.
fn with_session(mut object: Value, session_id: &str) -> Value {
    if let Value::Object(map) = &mut object {
        map.entry("session_id")
            .or_insert_with(|| Value::String(session_id.to_owned()));
    }
    object
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|since| u64::try_from(since.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn answer(method: Method, path: &str, data: Value) -> Write {
        Write::Answer {
            method,
            path: path.to_owned(),
            status: 200,
            body: json!({ "error": false, "reason": "resolved", "data": data })
                .to_string()
                .into_bytes(),
        }
    }

    #[test]
    fn answers_are_kept_by_route_for_the_connections_workspace_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(dir.path(), "c1").expect("opens");
        let conversation =
            json!({ "session_id": "s1", "updated_at": 5, "meta": { "nickname": "Ana" } });
        apply(
            &mut store,
            "w1",
            answer(
                Method::Get,
                "/v1/website/w2/conversations/1",
                json!([conversation]),
            ),
        )
        .expect("written");
        assert!(
            store
                .conversation::<Value>("s1")
                .expect("readable")
                .is_none(),
            "another workspace's list is not this connection's"
        );
        apply(
            &mut store,
            "w1",
            answer(
                Method::Get,
                "/v1/website/w1/conversations/1",
                json!([conversation]),
            ),
        )
        .expect("written");
        assert_eq!(
            store.conversation::<Value>("s1").expect("readable"),
            Some(conversation)
        );

        // A thread's messages name their conversation from the path when Crisp leaves it out.
        let message = json!({ "fingerprint": 7, "timestamp": 1, "from": "user", "content": "Hi" });
        apply(
            &mut store,
            "w1",
            answer(
                Method::Get,
                "/v1/website/w1/conversation/s1/messages",
                json!([message]),
            ),
        )
        .expect("written");
        let kept: Vec<Value> = store.messages("s1").expect("readable");
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0]["session_id"], json!("s1"));

        apply(
            &mut store,
            "w1",
            answer(Method::Delete, "/v1/website/w1/conversation/s1", json!({})),
        )
        .expect("written");
        assert!(
            store
                .conversation::<Value>("s1")
                .expect("readable")
                .is_none(),
            "removed on Crisp, removed here"
        );
        assert!(store.messages::<Value>("s1").expect("readable").is_empty());
    }
}

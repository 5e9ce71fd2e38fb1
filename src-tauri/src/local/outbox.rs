//! The outbox: a message sent while Crisp cannot be reached (the network is down, the API host does not answer)
//! is kept in the connection's store and sent once the connection is back, exactly once: every try carries the
//! same fingerprint, and a try after one whose outcome is unknown first asks Crisp whether the message landed
//! (`crisp_client::messages::Draft`). While messages wait, a new one queues behind them, so they land in order.
//! A message Crisp refuses outright (a 4xx such as `invalid_data` or `not_found`) stays in the outbox marked
//! failed with the reason in plain words: the user edits it as a draft or discards it; it is never sent again
//! by itself.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crisp_client::messages::{Draft, DraftState, SendMessage, SentMessage};
use crisp_client::{Client, Error};
use crisp_store::OutboxEntry;
use tokio::sync::Notify;

use super::LocalStore;
use crate::error::{AppError, ErrorKind, Result};

/// The first wait before trying again after Crisp could not be reached; it doubles up to [`MAX_WAIT`].
const FIRST_WAIT: Duration = Duration::from_secs(2);
/// The longest wait between tries while Crisp cannot be reached.
const MAX_WAIT: Duration = Duration::from_secs(60);

/// A connection's outbox: its entries live in the store; this wakes the task that sends them.
#[derive(Debug)]
pub struct Outbox {
    store: LocalStore,
    /// Entries waiting, as far as this run knows (the store is the truth).
    waiting: AtomicUsize,
    /// Wakes the sending task: a message was queued or the connection answered again.
    wake: Notify,
    /// One flush at a time, so an entry is never sent by two flushes at once.
    flushing: tokio::sync::Mutex<()>,
    /// The sending task, once started.
    task: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

/// How a flush ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flushed {
    /// Nothing is left to send.
    Empty,
    /// Crisp could not be reached: the rest waits.
    Unreachable,
}

impl Outbox {
    /// The outbox kept in `store`.
    pub fn new(store: LocalStore) -> Self {
        let waiting = store
            .lock()
            .ok()
            .and_then(|store| store.outbox(None).ok())
            .map_or(0, |entries| pending(&entries));
        Outbox {
            store,
            waiting: AtomicUsize::new(waiting),
            wake: Notify::new(),
            flushing: tokio::sync::Mutex::new(()),
            task: Mutex::new(None),
        }
    }

    /// Whether messages wait to be sent.
    pub fn is_waiting(&self) -> bool {
        self.waiting.load(Ordering::Relaxed) > 0
    }

    /// The connection answered: messages waiting are tried now rather than at the end of their wait.
    pub fn connection_back(&self) {
        if self.is_waiting() {
            self.wake.notify_one();
        }
    }

    /// The entries waiting, oldest first; with `session_id`, one conversation's.
    pub fn entries(&self, session_id: Option<&str>) -> Result<Vec<OutboxEntry>> {
        Ok(self.lock()?.outbox(session_id)?)
    }

    /// Sends `request` now, or queues it when Crisp cannot be reached (or messages already wait): a queued message
    /// answers as sent, with its fingerprint, and goes out once the connection is back. Other failures are
    /// answered as they are.
    pub async fn send(
        self: &Arc<Self>,
        client: &Client,
        request: SendMessage,
    ) -> Result<SentMessage> {
        let mut draft = Draft::new(request)?;
        if self.is_waiting() {
            self.queue(&draft, None)?;
            self.start(client);
            return Ok(queued(&draft));
        }
        match draft.send(client).await {
            Ok(sent) => {
                // A retry of a message the outbox kept (the user sent it again): it is not sent a second time.
                if self.forget(&draft)? {
                    tracing::debug!("a queued message was sent by hand");
                }
                Ok(sent)
            }
            Err(error) if unreachable(&error) => {
                tracing::info!(%error, "Crisp cannot be reached: the message waits in the outbox");
                self.queue(&draft, Some(&error))?;
                self.start(client);
                Ok(queued(&draft))
            }
            Err(error) => Err(error.into()),
        }
    }

    /// Tries every waiting message once, oldest first, stopping at the first that cannot reach Crisp (or is
    /// rate-limited). A message Crisp refuses outright is marked failed with the reason and stays for the user;
    /// failed messages are never tried again.
    pub async fn flush(&self, client: &Client) -> Result<Flushed> {
        let _one_at_a_time = self.flushing.lock().await;
        let entries = self.entries(None)?;
        self.waiting.store(pending(&entries), Ordering::Relaxed);
        for mut entry in entries.into_iter().filter(|entry| entry.failed.is_none()) {
            let mut request: SendMessage =
                serde_json::from_value(entry.request.clone()).map_err(|error| {
                    AppError::internal(format!("a queued message is unreadable: {error}"))
                })?;
            request.may_have_landed = entry.may_have_landed.then_some(true);
            let mut draft = Draft::new(request)?;
            match draft.send(client).await {
                Ok(_) => {
                    tracing::info!(session_id = %entry.session_id, "a queued message was sent");
                    self.forget(&draft)?;
                }
                Err(error) if unreachable(&error) || matches!(error, Error::RateLimited { .. }) => {
                    entry.attempts = entry.attempts.saturating_add(1);
                    entry.may_have_landed = draft.state() == DraftState::MayHaveLanded;
                    entry.last_error = Some(error.to_string());
                    self.lock()?.queue_outbox(&entry)?;
                    return Ok(Flushed::Unreachable);
                }
                Err(error) => {
                    tracing::warn!(%error, session_id = %entry.session_id, "Crisp refused a queued message: it stays, marked failed");
                    let reason = AppError::from(error).message;
                    self.lock()?
                        .fail_outbox(&entry.session_id, entry.fingerprint, &reason)?;
                    self.left_waiting();
                }
            }
        }
        Ok(Flushed::Empty)
    }

    /// Starts the task that sends waiting messages, once per run (it needs a Tokio runtime).
    pub fn start(self: &Arc<Self>, client: &Client) {
        let Ok(mut task) = self.task.lock() else {
            return;
        };
        if task.as_ref().is_some_and(|task| !task.is_finished()) {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let outbox = Arc::clone(self);
        let client = client.clone();
        *task = Some(runtime.spawn(async move { outbox.run(&client).await }));
    }

    /// Stops the sending task (the connection was deleted).
    pub fn stop(&self) {
        if let Some(task) = self.task.lock().ok().and_then(|mut task| task.take()) {
            task.abort();
        }
    }

    async fn run(&self, client: &Client) {
        let mut wait = FIRST_WAIT;
        loop {
            match self.flush(client).await {
                Ok(Flushed::Empty) => {
                    wait = FIRST_WAIT;
                    self.wake.notified().await;
                }
                Ok(Flushed::Unreachable) => {
                    tokio::select! {
                        () = tokio::time::sleep(wait) => {}
                        () = self.wake.notified() => {}
                    }
                    wait = (wait * 2).min(MAX_WAIT);
                }
                Err(error) => {
                    tracing::warn!(%error, "the outbox could not be read; trying again later");
                    tokio::time::sleep(MAX_WAIT).await;
                }
            }
        }
    }

    fn queue(&self, draft: &Draft, error: Option<&Error>) -> Result<()> {
        let request = draft.request();
        let entry = OutboxEntry {
            session_id: request.session_id.clone(),
            fingerprint: draft.fingerprint(),
            queued_at: now_ms(),
            may_have_landed: draft.state() == DraftState::MayHaveLanded,
            attempts: u32::from(error.is_some()),
            last_error: error.map(ToString::to_string),
            request: serde_json::to_value(request)
                .map_err(|error| AppError::internal(error.to_string()))?,
            failed: None,
        };
        self.lock()?.queue_outbox(&entry)?;
        self.waiting.fetch_add(1, Ordering::Relaxed);
        self.wake.notify_one();
        Ok(())
    }

    /// Removes a message Crisp refused (the user discarded it or took it back as a draft). A message still
    /// waiting to be sent is not removed: `invalid_input`; one not in the outbox is `not_found`.
    pub fn remove_failed(&self, session_id: &str, fingerprint: i64) -> Result<()> {
        let store = self.lock()?;
        let entry = store
            .outbox(Some(session_id))?
            .into_iter()
            .find(|entry| entry.fingerprint == fingerprint)
            .ok_or_else(|| {
                AppError::new(
                    ErrorKind::NotFound,
                    "This message is no longer in the outbox.",
                )
            })?;
        if entry.failed.is_none() {
            return Err(AppError::invalid(
                "fingerprint",
                "This message is still waiting to be sent; only a message Crisp refused can be removed.",
            ));
        }
        store.remove_outbox(session_id, fingerprint)?;
        Ok(())
    }

    fn forget(&self, draft: &Draft) -> Result<bool> {
        let session_id = &draft.request().session_id;
        let store = self.lock()?;
        let was_waiting = store
            .outbox(Some(session_id))?
            .iter()
            .any(|entry| entry.fingerprint == draft.fingerprint() && entry.failed.is_none());
        let removed = store.remove_outbox(session_id, draft.fingerprint())?;
        if removed && was_waiting {
            self.left_waiting();
        }
        Ok(removed)
    }

    fn left_waiting(&self) {
        let _ = self
            .waiting
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
                Some(n.saturating_sub(1))
            });
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, crisp_store::Store>> {
        self.store
            .lock()
            .map_err(|_| AppError::internal("the local store's lock is poisoned"))
    }
}

/// Whether a failed send says Crisp could not be reached (rather than that it refused the message).
pub fn unreachable(error: &Error) -> bool {
    matches!(error, Error::Transport { .. } | Error::Timeout { .. })
        || matches!(error, Error::Api { status, .. } if (502..=504).contains(status))
}

/// How many entries still wait to be sent (failed ones never are).
fn pending(entries: &[OutboxEntry]) -> usize {
    entries
        .iter()
        .filter(|entry| entry.failed.is_none())
        .count()
}

fn queued(draft: &Draft) -> SentMessage {
    SentMessage {
        fingerprint: Some(draft.fingerprint()),
    }
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|since| u64::try_from(since.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

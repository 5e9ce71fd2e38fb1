//! `Locals`: each connection's local store (`crisp_store`), opened on first use and kept open while the app runs,
//! and what keeps it in step with Crisp: the write-through of every answer and monitor update ([`write`]), the
//! outbox of messages waiting for the connection ([`outbox`]) and the monitor's memory between runs ([`sync`]).

pub mod outbox;
pub mod sync;
pub mod write;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crisp_store::Store;

use crate::connections::ConnectionId;
use crate::error::{AppError, Result};

pub use outbox::Outbox;
pub use write::Writer;

/// One connection's open store; a blocking lock, so hold it only for one store call at a time.
pub type LocalStore = Arc<Mutex<Store>>;

/// What keeps one connection's store in step: its writer thread and its outbox.
#[derive(Debug)]
pub struct Synced {
    /// The store.
    pub store: LocalStore,
    /// Writes answers and monitor updates through, off the commands' path.
    pub writer: Writer,
    /// Messages waiting for the connection.
    pub outbox: Arc<Outbox>,
}

/// The open stores, by connection, all kept in one folder of the app's data directory.
#[derive(Debug)]
pub struct Locals {
    dir: PathBuf,
    open: Mutex<HashMap<ConnectionId, LocalStore>>,
    synced: Mutex<HashMap<ConnectionId, Arc<Synced>>>,
}

impl Locals {
    /// Stores kept in `dir` (created on first open).
    pub fn new(dir: PathBuf) -> Self {
        Locals {
            dir,
            open: Mutex::new(HashMap::new()),
            synced: Mutex::new(HashMap::new()),
        }
    }

    /// The folder the stores live in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The connection's store, opening it (and bringing it to the current schema) on first use. A corrupt or
    /// newer file is moved aside by `Store::open`, so this fails only when the folder cannot be written.
    pub fn get(&self, id: &ConnectionId) -> Result<LocalStore> {
        let mut open = self.open.lock().map_err(|_| poisoned())?;
        if let Some(store) = open.get(id) {
            return Ok(store.clone());
        }
        let store = Arc::new(Mutex::new(Store::open(&self.dir, id.as_str())?));
        open.insert(id.clone(), store.clone());
        Ok(store)
    }

    /// The connection's writer and outbox, started on first use; the writer keeps only `website_id`'s answers
    /// (the connection's workspace).
    pub fn synced(&self, id: &ConnectionId, website_id: &str) -> Result<Arc<Synced>> {
        let mut synced = self.synced.lock().map_err(|_| poisoned())?;
        if let Some(existing) = synced.get(id) {
            return Ok(existing.clone());
        }
        let store = self.get(id)?;
        let made = Arc::new(Synced {
            writer: Writer::start(store.clone(), website_id.to_owned()),
            outbox: Arc::new(Outbox::new(store.clone())),
            store,
        });
        synced.insert(id.clone(), made.clone());
        Ok(made)
    }

    /// The connection's writer and outbox when they were started.
    pub fn synced_if_started(&self, id: &ConnectionId) -> Option<Arc<Synced>> {
        self.synced.lock().ok()?.get(id).cloned()
    }

    /// Closes the connection's store and removes its files (a deleted connection).
    pub fn delete(&self, id: &ConnectionId) -> Result<()> {
        if let Ok(mut synced) = self.synced.lock() {
            if let Some(synced) = synced.remove(id) {
                synced.outbox.stop();
            }
        }
        if let Ok(mut open) = self.open.lock() {
            open.remove(id);
        }
        Store::delete(&self.dir, id.as_str())?;
        Ok(())
    }
}

fn poisoned() -> AppError {
    AppError::internal("the local stores' lock is poisoned")
}

impl From<crisp_store::Error> for AppError {
    fn from(error: crisp_store::Error) -> Self {
        AppError::internal(error.to_string())
    }
}

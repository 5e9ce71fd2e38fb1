//! `Locals`: each connection's local store (`crisp_store`), opened on first use and kept open while the app runs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crisp_store::Store;

use crate::connections::ConnectionId;
use crate::error::{AppError, Result};

/// One connection's open store; a blocking lock, so hold it only for one store call at a time.
pub type LocalStore = Arc<Mutex<Store>>;

/// The open stores, by connection, all kept in one folder of the app's data directory.
#[derive(Debug)]
pub struct Locals {
    dir: PathBuf,
    open: Mutex<HashMap<ConnectionId, LocalStore>>,
}

impl Locals {
    /// Stores kept in `dir` (created on first open).
    pub fn new(dir: PathBuf) -> Self {
        Locals {
            dir,
            open: Mutex::new(HashMap::new()),
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

    /// Closes the connection's store and removes its files (a deleted connection).
    pub fn delete(&self, id: &ConnectionId) -> Result<()> {
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

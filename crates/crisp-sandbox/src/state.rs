//! The state every request shares: the accepted token, the settings the control API changes, and the store.

use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};

use serde::Serialize;

use crate::conventions;
use crate::rtm::Hub;
use crate::store::Store;
use crate::Tier;

/// The token the sandbox accepts.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// Token identifier.
    pub identifier: String,
    /// Token key.
    pub key: String,
    /// Token tier.
    pub tier: Tier,
}

/// Settings changed through `POST /_sandbox/settings`.
#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    /// Whether plugin and website tokens are subscribed to the website (else 404 `not_subscribed`).
    pub subscribed: bool,
    /// The secret `DELETE /v1/website/{id}` accepts in `verify.secret`.
    pub delete_secret: String,
}

impl Default for Settings {
    /// Subscribed, with the default delete secret.
    fn default() -> Self {
        Self {
            subscribed: true,
            delete_secret: conventions::DEFAULT_DELETE_SECRET.to_owned(),
        }
    }
}

/// State shared by every request.
#[derive(Debug)]
pub struct Shared {
    /// The accepted token.
    pub credentials: Credentials,
    /// Where the changes the store records go when a write ends (the real-time socket).
    pub hub: Arc<Hub>,
    settings: Mutex<Settings>,
    store: RwLock<Store>,
}

impl Shared {
    /// Wraps a seeded store, with the default settings (what seeding recorded is not published).
    pub fn new(credentials: Credentials, mut store: Store) -> Self {
        // Seeding is no change anyone listens to.
        store.take_changes();
        Self {
            credentials,
            hub: Arc::new(Hub::default()),
            settings: Mutex::new(Settings::default()),
            store: RwLock::new(store),
        }
    }

    /// The current settings.
    pub fn settings(&self) -> Settings {
        self.settings
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Changes the settings with `change` and gives the result.
    pub fn change_settings(&self, change: impl FnOnce(&mut Settings)) -> Settings {
        let mut settings = self
            .settings
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        change(&mut settings);
        settings.clone()
    }

    /// Reads the store. A panic while writing cannot leave it half-changed in a way that matters to a
    /// test double, so a poisoned lock is taken over.
    pub fn read(&self) -> RwLockReadGuard<'_, Store> {
        self.store
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Changes the store; the changes it records are published to the real-time socket when the guard drops.
    pub fn write(&self) -> StoreWrite<'_> {
        StoreWrite {
            store: self
                .store
                .write()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
            hub: &self.hub,
        }
    }
}

/// A write to the store: the one place where recorded changes leave for the real-time socket (on drop, so
/// every REST write, injection and `live` tick publishes what it recorded, in order).
pub struct StoreWrite<'a> {
    store: RwLockWriteGuard<'a, Store>,
    hub: &'a Hub,
}

impl Deref for StoreWrite<'_> {
    type Target = Store;

    fn deref(&self) -> &Store {
        &self.store
    }
}

impl DerefMut for StoreWrite<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        &mut self.store
    }
}

impl Drop for StoreWrite<'_> {
    fn drop(&mut self) {
        self.hub.publish(self.store.take_changes());
    }
}

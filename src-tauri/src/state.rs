//! `AppState`: the connection registry, a client per connection, and the Demo sandbox.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Once};
use std::time::Duration;

use crisp_client::Client;
use secrecy::SecretString;
use tokio::sync::Mutex as AsyncMutex;

use crate::connections::keychain::Keychain;
use crate::connections::store::{ConnectionsFile, Store, StoredConnection};
use crate::connections::{
    self, ConnectionId, ConnectionSummary, ConnectionTest, DeletedConnection, Draft, SaveConnection,
};
use crate::demo::Demo;
use crate::error::{AppError, ErrorKind, Result};
use crate::local::{LocalStore, Locals, Synced};
use crate::usage::Usage;

/// Everything the commands share; managed by Tauri.
#[derive(Debug)]
pub struct AppState {
    store: Store,
    keychain: Keychain,
    file: AsyncMutex<ConnectionsFile>,
    demo: Option<Demo>,
    clients: Mutex<HashMap<ConnectionId, Client>>,
    timeout: Duration,
    usage: Arc<Usage>,
    /// Each connection's local store (`crisp_store`); `None` until the app sets where they live.
    locals: Option<Locals>,
    /// Whether the Demo client's answers are written through yet: done on its first use (the Demo's client lives
    /// as long as the app, and the outbox it may restart needs the runtime commands run on), never again.
    demo_write_through: Once,
}

impl AppState {
    /// Loads the saved connections from `config_dir`; keys come from `keychain` when a connection is used.
    pub fn load(config_dir: &Path, keychain: Keychain, demo: Option<Demo>) -> Result<Self> {
        let store = Store::new(config_dir);
        let file = store.load()?;
        Ok(AppState {
            store,
            keychain,
            file: AsyncMutex::new(file),
            demo,
            clients: Mutex::new(HashMap::new()),
            timeout: crisp_client::DEFAULT_TIMEOUT,
            usage: Usage::load(config_dir),
            locals: None,
            demo_write_through: Once::new(),
        })
    }

    /// The same state with another timeout toward Crisp (tests of slow answers).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The same state keeping connections' local stores in `dir`, so deleting a connection deletes its store.
    pub fn with_store_dir(mut self, dir: PathBuf) -> Self {
        self.locals = Some(Locals::new(dir));
        self
    }

    /// Where connections' local stores live, when set.
    pub fn store_dir(&self) -> Option<&Path> {
        self.locals.as_ref().map(Locals::dir)
    }

    /// The local stores, when the state keeps them.
    pub fn locals(&self) -> Option<&Locals> {
        self.locals.as_ref()
    }

    /// The connection's store with its write-through and outbox (started on first use); `None` when the state
    /// keeps no stores.
    pub async fn synced(&self, id: &ConnectionId) -> Result<Option<Arc<Synced>>> {
        let Some(locals) = &self.locals else {
            return Ok(None);
        };
        let website_id = self.website_id(id).await?;
        locals.synced(id, &website_id).map(Some)
    }

    /// The workspace a connection works on.
    async fn website_id(&self, id: &ConnectionId) -> Result<String> {
        if id.is_demo() {
            return self
                .demo
                .as_ref()
                .map(|demo| demo.summary(false).website_id)
                .ok_or_else(|| {
                    AppError::internal("the Demo sandbox is not running (see the app's log)")
                });
        }
        self.saved(id, |c| c.website_id.clone())
            .await
            .ok_or_else(|| unknown_connection(id))
    }

    /// What `read` takes from saved connection `id`; `None` when no such connection is saved.
    async fn saved<T>(
        &self,
        id: &ConnectionId,
        read: impl FnOnce(&StoredConnection) -> T,
    ) -> Option<T> {
        self.file
            .lock()
            .await
            .connections
            .iter()
            .find(|c| c.id == id.as_str())
            .map(read)
    }

    /// Writes what `client` answers through to the connection's store (once per client).
    fn write_through(&self, id: &ConnectionId, website_id: &str, client: &Client) {
        if let Some(locals) = &self.locals {
            crate::local::sync::install(locals, id, website_id, client);
        }
    }

    /// The connection's local store, opened on first use; `None` when the state keeps no stores (some tests).
    pub fn local(&self, id: &ConnectionId) -> Result<Option<LocalStore>> {
        self.locals
            .as_ref()
            .map(|locals| locals.get(id))
            .transpose()
    }

    /// The Demo sandbox, when it runs.
    pub fn demo(&self) -> Option<&Demo> {
        self.demo.as_ref()
    }

    /// Today's request count per token, kept on disk (the app writes it once more at exit).
    pub fn usage(&self) -> &Usage {
        &self.usage
    }

    /// The keychain keys are kept in.
    pub fn keychain(&self) -> &Keychain {
        &self.keychain
    }

    /// Every connection (the Demo first), with the selected one marked.
    pub async fn list(&self) -> Vec<ConnectionSummary> {
        let file = self.file.lock().await;
        let selected = self.selected_in(&file);
        let mut list = Vec::with_capacity(file.connections.len() + 1);
        if let Some(demo) = &self.demo {
            list.push(demo.summary(selected.as_ref().is_some_and(ConnectionId::is_demo)));
        }
        list.extend(
            file.connections
                .iter()
                .map(|c| summary(c, selected.as_ref())),
        );
        list
    }

    /// The selected connection: the one chosen last if it still exists, else the first saved one, else the Demo.
    fn selected_in(&self, file: &ConnectionsFile) -> Option<ConnectionId> {
        let exists = |id: &str| {
            if id == ConnectionId::DEMO {
                self.demo.is_some()
            } else {
                file.connections.iter().any(|c| c.id == id)
            }
        };
        match file.selected.as_deref() {
            Some(id) if exists(id) => Some(ConnectionId::from(id)),
            _ => file
                .connections
                .first()
                .map(|c| ConnectionId::from(c.id.as_str()))
                .or_else(|| self.demo.as_ref().map(|_| ConnectionId::demo())),
        }
    }

    /// Tests a form's token without saving anything.
    pub async fn test(&self, request: SaveConnection) -> Result<ConnectionTest> {
        let draft = request.check()?;
        self.refuse_demo(draft.id.as_ref())?;
        let key = self.key_for(&draft).await?;
        connections::verify(&draft, &key, self.timeout.min(connections::TEST_TIMEOUT)).await
    }

    /// Tests the form's token, then stores the key in the keychain and the rest in `connections.json`. A new
    /// connection becomes the selected one.
    pub async fn save(&self, request: SaveConnection) -> Result<ConnectionSummary> {
        let draft = request.check()?;
        self.refuse_demo(draft.id.as_ref())?;
        if let Some(id) = &draft.id {
            self.saved_api_base(id).await?;
        }
        let key = self.key_for(&draft).await?;
        connections::verify(&draft, &key, self.timeout.min(connections::TEST_TIMEOUT)).await?;

        let is_new = draft.id.is_none();
        let id = draft.id.clone().unwrap_or_else(ConnectionId::generate);
        if draft.key.is_some() {
            self.keychain.set_key(id.as_str(), &key).await?;
        }
        let stored = StoredConnection {
            id: id.to_string(),
            name: draft.name,
            identifier: draft.identifier,
            website_id: draft.website_id,
            tier: draft.tier,
            api_base: draft.api_base,
        };
        let written = {
            let mut file = self.file.lock().await;
            let mut next = file.clone();
            match next.connections.iter_mut().find(|c| c.id == stored.id) {
                Some(existing) => {
                    if draft.key.is_none() && existing.api_base != stored.api_base {
                        // The host changed since the stored key was checked for it (another save meanwhile).
                        return Err(new_host_needs_key(&existing.api_base));
                    }
                    *existing = stored.clone();
                }
                None => next.connections.push(stored.clone()),
            }
            if is_new {
                next.selected = Some(id.to_string());
            }
            self.store.save(&next).map(|()| {
                *file = next;
                self.selected_in(&file)
            })
        };
        let selected = match written {
            Ok(selected) => selected,
            Err(error) => {
                if is_new {
                    // The connection does not exist without its file entry: leave no orphan key behind. The file
                    // lock is released first: no lock is held across a keychain call.
                    if let Err(error) = self.keychain.delete_key(id.as_str()).await {
                        tracing::warn!(connection = %id, %error, "could not remove the key of an unsaved connection");
                    }
                }
                return Err(error);
            }
        };
        self.forget_client(&id);
        tracing::info!(connection = %id, new = is_new, "connection saved");
        self.retry_key_deletions().await;
        Ok(summary(&stored, selected.as_ref()))
    }

    /// Deletes a saved connection, then its key. The connection goes even when the keychain is locked or
    /// unavailable: its id is kept in `keys_to_delete` (in the same write) and the key's removal is retried at the
    /// next start, save and delete; the answer's `notice` says so. The Demo cannot be deleted.
    pub async fn delete(&self, id: &ConnectionId) -> Result<DeletedConnection> {
        self.refuse_demo(Some(id))?;
        {
            let mut file = self.file.lock().await;
            if !file.connections.iter().any(|c| c.id == id.as_str()) {
                return Err(unknown_connection(id));
            }
            let mut next = file.clone();
            next.connections.retain(|c| c.id != id.as_str());
            if next.selected.as_deref() == Some(id.as_str()) {
                next.selected = None;
            }
            if !next.keys_to_delete.iter().any(|k| k == id.as_str()) {
                next.keys_to_delete.push(id.to_string());
            }
            self.store.save(&next)?;
            *file = next;
        }
        self.forget_client(id);
        if let Some(locals) = &self.locals {
            // The connection is gone either way; a store left behind holds what Crisp sent, never the key.
            if let Err(error) = locals.delete(id) {
                tracing::warn!(connection = %id, %error, "could not delete a deleted connection's local store");
            }
        }
        tracing::info!(connection = %id, "connection deleted");
        let pending = self.retry_key_deletions().await;
        let notice = pending.iter().any(|k| k == id.as_str()).then(|| {
            "The connection is deleted, but the system keychain is locked or unavailable, so its key is still \
             stored there. Crisp Desk removes it the next time the keychain answers (at the next start, save or \
             delete)."
                .to_owned()
        });
        Ok(DeletedConnection { notice })
    }

    /// Removes the keys of deleted connections that the keychain did not remove before; answers the ids still
    /// pending. The file lock is never held across a keychain call: the list is copied, the lock released, each
    /// key removed, then the ones gone are taken off the list.
    pub async fn retry_key_deletions(&self) -> Vec<String> {
        let pending = self.file.lock().await.keys_to_delete.clone();
        if pending.is_empty() {
            return pending;
        }
        let mut removed = Vec::new();
        for id in &pending {
            match self.keychain.delete_key(id).await {
                Ok(()) => removed.push(id.clone()),
                Err(error) => {
                    tracing::warn!(connection = %id, %error, "the key of a deleted connection is still in the keychain; will retry");
                }
            }
        }
        let mut file = self.file.lock().await;
        if !removed.is_empty() {
            let mut next = file.clone();
            next.keys_to_delete.retain(|k| !removed.contains(k));
            match self.store.save(&next) {
                Ok(()) => *file = next,
                // The keys are gone; the list is retried (harmlessly) next time.
                Err(error) => {
                    tracing::warn!(%error, "could not record the removed keys of deleted connections")
                }
            }
        }
        file.keys_to_delete
            .iter()
            .filter(|k| !removed.contains(k))
            .cloned()
            .collect()
    }

    /// Makes `id` the selected connection; the choice survives a restart.
    pub async fn select(&self, id: &ConnectionId) -> Result<ConnectionSummary> {
        let mut file = self.file.lock().await;
        let exists = if id.is_demo() {
            self.demo.is_some()
        } else {
            file.connections.iter().any(|c| c.id == id.as_str())
        };
        if !exists {
            return Err(unknown_connection(id));
        }
        let mut next = file.clone();
        next.selected = Some(id.to_string());
        self.store.save(&next)?;
        *file = next;
        tracing::info!(connection = %id, "connection selected");
        match (&self.demo, id.is_demo()) {
            (Some(demo), true) => Ok(demo.summary(true)),
            _ => file
                .connections
                .iter()
                .find(|c| c.id == id.as_str())
                .map(|c| summary(c, Some(id)))
                .ok_or_else(|| unknown_connection(id)),
        }
    }

    /// A client for connection `id`, built on first use from the saved fields and the key in the keychain.
    pub async fn client(&self, id: &ConnectionId) -> Result<Client> {
        if id.is_demo() {
            let demo = self.demo.as_ref().ok_or_else(|| {
                AppError::internal("the Demo sandbox is not running (see the app's log)")
            })?;
            let client = demo.client();
            if self.locals.is_some() {
                self.demo_write_through.call_once(|| {
                    self.write_through(id, demo.sandbox().website_id(), &client);
                });
            }
            return Ok(client);
        }
        if let Some(client) = self.cached_client(id) {
            return Ok(client);
        }
        let stored = self
            .file
            .lock()
            .await
            .connections
            .iter()
            .find(|c| c.id == id.as_str())
            .cloned()
            .ok_or_else(|| unknown_connection(id))?;
        let key = self.keychain.key(id.as_str()).await?.ok_or_else(|| {
            AppError::new(
                ErrorKind::BadCredentials,
                format!(
                    "No key is stored for \"{}\": edit the connection and enter the key.",
                    stored.name
                ),
            )
            .at("key")
        })?;
        let client = connections::client(
            &stored.api_base,
            &stored.identifier,
            &key,
            stored.tier,
            self.timeout,
        )?;
        // Before it sends anything: today's requests of earlier runs still count against the token's budget.
        self.usage.track(&stored.identifier, stored.tier, &client);
        self.write_through(id, &stored.website_id, &client);
        if let Ok(mut clients) = self.clients.lock() {
            clients.insert(id.clone(), client.clone());
        }
        Ok(client)
    }

    fn cached_client(&self, id: &ConnectionId) -> Option<Client> {
        self.clients
            .lock()
            .ok()
            .and_then(|clients| clients.get(id).cloned())
    }

    fn forget_client(&self, id: &ConnectionId) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.remove(id);
        }
    }

    /// The typed key, or on edit the stored one, and the stored one only for the host it was saved with: a key
    /// never goes to a host it was not typed for.
    async fn key_for(&self, draft: &Draft) -> Result<SecretString> {
        if let Some(key) = &draft.key {
            return Ok(key.clone());
        }
        let id = draft
            .id
            .as_ref()
            .ok_or_else(|| AppError::invalid("key", "Enter the key."))?;
        let saved_for = self.saved_api_base(id).await?;
        if saved_for != draft.api_base {
            return Err(new_host_needs_key(&saved_for));
        }
        self.keychain.key(id.as_str()).await?.ok_or_else(|| {
            AppError::invalid(
                "key",
                "No key is stored for this connection: enter the key.",
            )
        })
    }

    /// The API host saved connection `id` goes to; an error at `id` when no such connection is saved.
    async fn saved_api_base(&self, id: &ConnectionId) -> Result<String> {
        self.saved(id, |c| c.api_base.clone())
            .await
            .ok_or_else(|| unknown_connection(id).at("id"))
    }

    fn refuse_demo(&self, id: Option<&ConnectionId>) -> Result<()> {
        match id {
            Some(id) if id.is_demo() => Err(AppError::invalid(
                "id",
                "The Demo connection is built in: it cannot be edited or deleted.",
            )),
            _ => Ok(()),
        }
    }
}

fn summary(stored: &StoredConnection, selected: Option<&ConnectionId>) -> ConnectionSummary {
    ConnectionSummary {
        id: ConnectionId::from(stored.id.as_str()),
        name: stored.name.clone(),
        identifier: stored.identifier.clone(),
        website_id: stored.website_id.clone(),
        tier: stored.tier,
        api_base: stored.api_base.clone(),
        // A connection is only saved after its key was stored.
        has_key: true,
        demo: false,
        selected: selected.is_some_and(|s| s.as_str() == stored.id),
    }
}

/// An edit that moves a connection to another API host without typing the key again.
fn new_host_needs_key(saved_for: &str) -> AppError {
    AppError::invalid(
        "key",
        format!(
            "The key must be typed again for a new API host: the stored key only goes to {saved_for}, the host it \
             was saved for."
        ),
    )
}

fn unknown_connection(id: &ConnectionId) -> AppError {
    AppError::new(
        ErrorKind::NotFound,
        format!("There is no connection {id}: it may have been deleted."),
    )
    .at("connection")
}

//! Keys in the system keychain: one entry per connection, through `keyring-core`.
//!
//! The app uses the Secret Service (zbus) store; tests inject `keyring_core::mock` or an unavailable store. Keychain
//! calls block on D-Bus, so they run in `spawn_blocking`. Failures map to `keychain_unavailable` with words that
//! say what to install or unlock; platform text only goes to the log (it never holds the key).

use std::sync::{Arc, Mutex};

use keyring_core::{CredentialStore, Entry};
use secrecy::{ExposeSecret, SecretString};

use crate::error::{AppError, ErrorKind, Result};

/// The keychain service name: release and debug builds never share entries.
pub const SERVICE: &str = if cfg!(debug_assertions) {
    "crisp-desk-dev"
} else {
    "crisp-desk"
};

/// What to tell people when no Secret Service answers.
const UNAVAILABLE: &str = "No system keychain is reachable, so the key cannot be stored. Install and start a Secret \
     Service provider (gnome-keyring, or KeePassXC with its Secret Service integration) and try again; the Demo \
     connection works without it.";

/// What to tell people when the keychain is there but refuses access.
const LOCKED: &str = "The system keychain is locked or refused access, so the key cannot be stored or read. Unlock \
     it (for example in \"Passwords and Keys\") and try again; the Demo connection works without it.";

/// How the keychain's store is obtained.
enum Source {
    /// The Secret Service on the session bus, connected on first use (it may start after the app).
    SecretService,
    /// A given store (the mock store in tests).
    Store(Arc<CredentialStore>),
    /// No store at all (tests of the failure path).
    Unavailable,
}

/// The system keychain, holding one key per connection id under [`SERVICE`].
#[derive(Clone)]
pub struct Keychain {
    inner: Arc<Inner>,
}

struct Inner {
    service: String,
    source: Source,
    connected: Mutex<Option<Arc<CredentialStore>>>,
}

impl std::fmt::Debug for Keychain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keychain")
            .field("service", &self.inner.service)
            .finish_non_exhaustive()
    }
}

impl Keychain {
    fn with(service: &str, source: Source) -> Self {
        Keychain {
            inner: Arc::new(Inner {
                service: service.to_owned(),
                source,
                connected: Mutex::new(None),
            }),
        }
    }

    /// The desktop's Secret Service (the app's keychain).
    pub fn secret_service() -> Self {
        Keychain::with(SERVICE, Source::SecretService)
    }

    /// A keychain backed by `store` under `service` (tests pass `keyring_core::mock::Store`).
    pub fn in_store(store: Arc<CredentialStore>, service: &str) -> Self {
        Keychain::with(service, Source::Store(store))
    }

    /// A keychain that is never reachable, as on a desktop without a Secret Service.
    pub fn unavailable() -> Self {
        Keychain::with(SERVICE, Source::Unavailable)
    }

    /// The service name entries are stored under.
    pub fn service(&self) -> &str {
        &self.inner.service
    }

    /// Stores `key` as the key of connection `account`, replacing any stored one.
    pub async fn set_key(&self, account: &str, key: &SecretString) -> Result<()> {
        let key = key.clone();
        self.blocking(account, "store", move |entry| {
            entry.set_password(key.expose_secret())
        })
        .await
    }

    /// The stored key of connection `account`, or `None` when none is stored.
    pub async fn key(&self, account: &str) -> Result<Option<SecretString>> {
        let found = self
            .blocking(account, "read", |entry| match entry.get_password() {
                Ok(key) => Ok(Some(SecretString::from(key))),
                Err(keyring_core::Error::NoEntry) => Ok(None),
                Err(other) => Err(other),
            })
            .await?;
        Ok(found)
    }

    /// Deletes the key of connection `account`; deleting a missing key is not an error.
    pub async fn delete_key(&self, account: &str) -> Result<()> {
        self.blocking(account, "delete", |entry| match entry.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(other) => Err(other),
        })
        .await
    }

    /// Runs `op` on the entry of `account` on a blocking thread, mapping failures to `keychain_unavailable`.
    async fn blocking<T: Send + 'static>(
        &self,
        account: &str,
        what: &'static str,
        op: impl FnOnce(&Entry) -> keyring_core::Result<T> + Send + 'static,
    ) -> Result<T> {
        let this = self.clone();
        let account = account.to_owned();
        tokio::task::spawn_blocking(move || {
            let store = this.store()?;
            let entry = Entry::new_in_store(&store, &this.inner.service, &account)
                .map_err(|e| keychain_error(&e, what))?;
            op(&entry).map_err(|e| keychain_error(&e, what))
        })
        .await
        .map_err(|e| AppError::internal(format!("the keychain task failed: {e}")))?
    }

    /// The connected store, connecting to the Secret Service on first use. The lock only guards the cached
    /// handle: connecting talks D-Bus, so it runs with the lock released (two first uses may both connect; the
    /// first to finish is kept).
    fn store(&self) -> Result<Arc<CredentialStore>> {
        let cached = self.connected()?.clone();
        if let Some(store) = cached {
            return Ok(store);
        }
        let store: Arc<CredentialStore> = match &self.inner.source {
            Source::Store(store) => store.clone(),
            Source::Unavailable => {
                tracing::warn!("keychain unavailable: no store configured");
                return Err(AppError::new(ErrorKind::KeychainUnavailable, UNAVAILABLE).at("key"));
            }
            Source::SecretService => zbus_secret_service_keyring_store::Store::new()
                .map_err(|e| keychain_error(&e, "connect"))?,
        };
        Ok(self.connected()?.get_or_insert(store).clone())
    }

    fn connected(&self) -> Result<std::sync::MutexGuard<'_, Option<Arc<CredentialStore>>>> {
        self.inner
            .connected
            .lock()
            .map_err(|_| AppError::internal("the keychain lock is poisoned"))
    }
}

/// Maps a keychain failure to stable words; the platform text goes to the log only.
fn keychain_error(error: &keyring_core::Error, what: &str) -> AppError {
    tracing::warn!(operation = what, error = %error, "keychain failure");
    let message = match error {
        keyring_core::Error::NoStorageAccess(_) => LOCKED,
        _ => UNAVAILABLE,
    };
    AppError::new(ErrorKind::KeychainUnavailable, message).at("key")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(key: &str) -> SecretString {
        SecretString::from(key.to_owned())
    }

    fn mock() -> Keychain {
        let store: Arc<CredentialStore> = keyring_core::mock::Store::new().expect("mock store");
        Keychain::in_store(store, "crisp-desk-test")
    }

    #[tokio::test]
    async fn a_stored_key_reads_back_and_is_gone_after_delete() {
        let keychain = mock();
        keychain
            .set_key("c1", &secret("k-123"))
            .await
            .expect("mock store accepts keys");
        let read = keychain.key("c1").await.expect("readable");
        assert_eq!(
            read.as_ref().map(|k| k.expose_secret()),
            Some("k-123"),
            "the key stored is the key read"
        );
        keychain.delete_key("c1").await.expect("deletable");
        assert!(
            keychain.key("c1").await.expect("readable").is_none(),
            "a deleted key must be gone"
        );
        keychain
            .delete_key("c1")
            .await
            .expect("deleting twice is harmless");
    }

    #[tokio::test]
    async fn entries_are_per_connection() {
        let keychain = mock();
        keychain
            .set_key("a", &secret("key-a"))
            .await
            .expect("stored");
        keychain
            .set_key("b", &secret("key-b"))
            .await
            .expect("stored");
        let a = keychain.key("a").await.expect("readable");
        assert_eq!(
            a.as_ref().map(|k| k.expose_secret()),
            Some("key-a"),
            "one entry per connection, not one shared slot"
        );
    }

    #[tokio::test]
    async fn an_unavailable_keychain_says_what_to_install() {
        let error = Keychain::unavailable()
            .set_key("c1", &secret("k"))
            .await
            .expect_err("nothing to store in");
        assert_eq!(
            error.kind,
            ErrorKind::KeychainUnavailable,
            "the UI shows keychain help on this kind"
        );
        assert!(
            error.message.contains("gnome-keyring"),
            "the message must say what to install: {}",
            error.message
        );
        assert_eq!(
            error.field.as_deref(),
            Some("key"),
            "the error belongs to the key field"
        );
    }

    #[test]
    fn a_locked_keychain_says_to_unlock_it() {
        let error = keychain_error(
            &keyring_core::Error::NoStorageAccess("locked".into()),
            "store",
        );
        assert_eq!(
            error.kind,
            ErrorKind::KeychainUnavailable,
            "locked is unavailable for the UI"
        );
        assert!(
            error.message.contains("Unlock"),
            "the message must say to unlock: {}",
            error.message
        );
    }

    #[test]
    fn debug_and_release_builds_use_different_services() {
        assert_eq!(
            SERVICE,
            if cfg!(debug_assertions) {
                "crisp-desk-dev"
            } else {
                "crisp-desk"
            },
            "builds never share entries"
        );
    }
}

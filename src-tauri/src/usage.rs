//! Today's request count per token, kept in `usage.json` beside `monitor.json`, so a restart does not reset
//! "requests left today" nor the monitor's pace.
//!
//! Each client the app builds is seeded with its token's stored count for today ([`Usage::track`]); its scheduler
//! publishes every change on a channel, and a task per client writes the file at most every
//! [`PERSIST_EVERY`] while requests flow, never on the request path. The app writes once more at exit
//! ([`Usage::flush`]). Tokens are keyed by tier and identifier (`plugin:8c1f...`), never by their key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use crisp_client::{Client, DailyUsage, Tier};
use serde::{Deserialize, Serialize};
use tokio::sync::watch;

use crate::error::Result;
use crate::versioned::{self, Versioned};

/// The file's name inside the app's config directory.
pub const FILE_NAME: &str = "usage.json";

/// The format this build reads and writes.
const VERSION: u64 = 1;

/// The longest a counted request waits before it is on disk (while the app runs).
pub const PERSIST_EVERY: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
struct UsageFile {
    version: u64,
    /// Per token (`tier:identifier`), the day of the count and the requests sent that day.
    tokens: BTreeMap<String, DailyUsage>,
}

impl Versioned for UsageFile {
    fn version(&self) -> u64 {
        self.version
    }
    fn set_version(&mut self, version: u64) {
        self.version = version;
    }
}

/// One client whose count is kept.
#[derive(Debug)]
struct Tracked {
    token: String,
    changes: watch::Receiver<DailyUsage>,
    /// What of its count is already in the file.
    recorded: DailyUsage,
}

/// The stored counts and the clients that add to them.
#[derive(Debug)]
pub struct Usage {
    path: PathBuf,
    state: Mutex<(UsageFile, Vec<Tracked>)>,
}

/// The key a token's count is kept under: tier and identifier, never the key.
pub fn token_key(identifier: &str, tier: Tier) -> String {
    format!("{}:{identifier}", tier.as_str())
}

impl Usage {
    /// Reads `usage.json` from `config_dir` (no counts when it is missing or unreadable).
    pub fn load(config_dir: &Path) -> Arc<Usage> {
        let path = config_dir.join(FILE_NAME);
        let file = versioned::read(&path, VERSION, "counting from zero");
        Arc::new(Usage {
            path,
            state: Mutex::new((file, Vec::new())),
        })
    }

    fn lock(&self) -> MutexGuard<'_, (UsageFile, Vec<Tracked>)> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Seeds `client` with what its token (`identifier`, `tier`) sent today in earlier runs and keeps its count
    /// from now on: written at most every [`PERSIST_EVERY`] while it changes, and once more when the client is
    /// dropped. Call it once per client, before the client sends anything.
    pub fn track(self: &Arc<Self>, identifier: &str, tier: Tier, client: &Client) {
        let token = token_key(identifier, tier);
        let mut changes = client.usage_changes();
        {
            let mut state = self.lock();
            if let Some(stored) = state.0.tokens.get(&token).copied() {
                client.restore_usage(stored);
            }
            let recorded = *changes.borrow_and_update();
            state.1.push(Tracked {
                token,
                changes: changes.clone(),
                recorded,
            });
        }
        let usage = Arc::clone(self);
        let persister = async move {
            // Ends when the client (every clone of it) is dropped; the last count is written then.
            while changes.changed().await.is_ok() {
                tokio::time::sleep(PERSIST_EVERY).await;
                changes.borrow_and_update();
                usage.persist();
            }
            usage.persist();
        };
        // On the runtime the client is built on (the app's), else on Tauri's.
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => drop(runtime.spawn(persister)),
            Err(_) => drop(tauri::async_runtime::spawn(persister)),
        }
    }

    /// The count kept for a token, as the file has it now (another day's count is not today's).
    pub fn stored(&self, identifier: &str, tier: Tier) -> Option<DailyUsage> {
        self.lock()
            .0
            .tokens
            .get(&token_key(identifier, tier))
            .copied()
    }

    /// Writes every tracked client's count now, when one changed since the last write (at exit; tests).
    pub fn flush(&self) -> Result<()> {
        let mut state = self.lock();
        let (file, tracked) = &mut *state;
        if record(file, tracked) {
            self.write(file)?;
        }
        Ok(())
    }

    fn persist(&self) {
        if let Err(error) = self.flush() {
            tracing::warn!(%error, "today's request count could not be kept");
        }
    }

    fn write(&self, file: &mut UsageFile) -> Result<()> {
        // Only today's counts matter; older days are dropped as the file is written.
        if let Some(today) = file.tokens.values().map(|usage| usage.day).max() {
            file.tokens.retain(|_, usage| usage.day == today);
        }
        versioned::write(
            &self.path,
            file,
            VERSION,
            "today's request count is not kept",
        )
    }
}

/// Adds what each tracked client counted since it was last recorded to its token's count (several clients of one
/// token add up); forgets clients that are gone once their last count is in. Answers whether a count changed.
fn record(file: &mut UsageFile, tracked: &mut Vec<Tracked>) -> bool {
    let mut changed = false;
    for client in tracked.iter_mut() {
        let now = *client.changes.borrow();
        let added = if now.day == client.recorded.day {
            now.used.saturating_sub(client.recorded.used)
        } else {
            // The client's counter restarted at the day boundary: all it counted is the new day's.
            now.used
        };
        client.recorded = now;
        let entry = file
            .tokens
            .entry(client.token.clone())
            .or_insert(DailyUsage {
                day: now.day,
                used: 0,
            });
        if entry.day < now.day {
            *entry = DailyUsage {
                day: now.day,
                used: 0,
            };
            changed = true;
        }
        if entry.day == now.day && added > 0 {
            entry.used = entry.used.saturating_add(added);
            changed = true;
        }
    }
    tracked.retain(|client| client.changes.has_changed().is_ok());
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crisp_client::{ApiKey, ClientConfig, Credentials};
    use std::fs;

    const KEY: &str = "f00dfacecafebeef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn client(identifier: &str) -> Client {
        Client::new(ClientConfig::new(Credentials::new(
            identifier,
            ApiKey::new(KEY.to_owned()),
            Tier::Plugin,
        )))
        .expect("a valid client")
    }

    fn today() -> DailyUsage {
        DailyUsage::today()
    }

    #[test]
    fn two_clients_of_one_token_add_up_and_a_new_day_starts_from_zero() {
        let mut file = UsageFile::default();
        let (first, first_changes) = watch::channel(today());
        let (second, second_changes) = watch::channel(today());
        let mut tracked = vec![
            Tracked {
                token: "plugin:a".to_owned(),
                changes: first_changes,
                recorded: today(),
            },
            Tracked {
                token: "plugin:a".to_owned(),
                changes: second_changes,
                recorded: today(),
            },
        ];
        first.send_replace(DailyUsage { used: 3, ..today() });
        second.send_replace(DailyUsage { used: 4, ..today() });
        assert!(record(&mut file, &mut tracked), "a count changed");
        assert_eq!(
            file.tokens["plugin:a"].used, 7,
            "Crisp counts per token: both clients' requests"
        );
        assert!(
            !record(&mut file, &mut tracked),
            "nothing new, nothing to write"
        );
        let tomorrow = today().day + 1;
        first.send_replace(DailyUsage {
            day: tomorrow,
            used: 2,
        });
        record(&mut file, &mut tracked);
        assert_eq!(
            file.tokens["plugin:a"],
            DailyUsage {
                day: tomorrow,
                used: 2
            },
            "the day's count restarts at the boundary"
        );
        drop(second);
        record(&mut file, &mut tracked);
        assert_eq!(tracked.len(), 1, "a dropped client is forgotten");
    }

    #[tokio::test]
    async fn a_seeded_client_counts_on_from_the_stored_count_and_the_file_never_holds_the_key() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = serde_json::json!({
            "version": 1,
            "tokens": { "plugin:ident-1": { "day": today().day, "used": 41 } },
        });
        fs::write(dir.path().join(FILE_NAME), text.to_string()).expect("written");
        let usage = Usage::load(dir.path());
        let seeded = client("ident-1");
        usage.track("ident-1", Tier::Plugin, &seeded);
        assert_eq!(
            seeded.quota().used_today,
            41,
            "requests an earlier run sent today still count"
        );
        let other = client("ident-2");
        usage.track("ident-2", Tier::Plugin, &other);
        assert_eq!(
            other.quota().used_today,
            0,
            "another token has its own count"
        );
        usage.flush().expect("written");
        let written = fs::read_to_string(dir.path().join(FILE_NAME)).expect("written");
        assert!(
            !written.contains(KEY),
            "the key never reaches the file: {written}"
        );
        assert!(
            written.contains("plugin:ident-1"),
            "tokens are keyed by tier and identifier: {written}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn counted_requests_reach_the_file_within_a_few_seconds_never_on_the_request_path() {
        let dir = tempfile::tempdir().expect("tempdir");
        let usage = Usage::load(dir.path());
        // Nothing listens there: each attempt fails at once, and is counted like any request.
        let config = ClientConfig {
            base_url: "http://127.0.0.1:9".to_owned(),
            ..ClientConfig::new(Credentials::new(
                "ident-1",
                ApiKey::new(KEY.to_owned()),
                Tier::Plugin,
            ))
        };
        let client = Client::with_policy(config, crisp_client::RetryPolicy::never())
            .expect("a valid client");
        usage.track("ident-1", Tier::Plugin, &client);
        let start = tokio::time::Instant::now();
        let _ = client
            .send(&crisp_client::websites::GetWebsite::new("w"))
            .await;
        assert_eq!(client.quota().used_today, 1, "the attempt is counted");
        let path = dir.path().join(FILE_NAME);
        // The paused clock only moves when every task waits (a slow refusal could let it jump to the timeout).
        if start.elapsed() < PERSIST_EVERY {
            assert!(!path.exists(), "a request never waits for the disk");
        }
        tokio::time::sleep(PERSIST_EVERY + Duration::from_secs(1)).await;
        assert_eq!(
            Usage::load(dir.path())
                .stored("ident-1", Tier::Plugin)
                .map(|usage| usage.used),
            Some(1),
            "within {PERSIST_EVERY:?} the count is on disk"
        );
    }

    #[test]
    fn an_unreadable_file_is_moved_aside_and_counting_starts_from_zero() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join(FILE_NAME), "{not json").expect("written");
        let usage = Usage::load(dir.path());
        assert_eq!(usage.stored("ident-1", Tier::Plugin), None);
        assert!(dir.path().join("usage.json.corrupt").exists());
    }
}

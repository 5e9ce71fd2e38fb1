//! `connections.json`: every connection field except the key, versioned and written atomically.
//!
//! The file is `{"version": n, "selected": id|null, "connections": [...]}`, plus `"keys_to_delete": [id, ...]`
//! while a deleted connection's key still waits to leave the keychain. An older file is migrated one version
//! at a time ([`STEPS`]) and written back in the current format; a file from a newer app is refused rather than
//! overwritten; a file that is not JSON is moved aside (`connections.json.corrupt`) so the app can start.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crisp_client::Tier;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{AppError, Result};

/// The file's name inside the app's config directory.
pub const FILE_NAME: &str = "connections.json";

/// The format this build reads and writes.
pub const VERSION: u64 = 2;

/// One saved connection, as stored: never the key (that lives in the keychain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredConnection {
    /// The connection id (a UUID).
    pub id: String,
    /// The name people gave it.
    pub name: String,
    /// The token identifier.
    pub identifier: String,
    /// The website (workspace) ID.
    pub website_id: String,
    /// The token's tier.
    #[serde(default)]
    pub tier: Tier,
    /// The API host, `scheme://host[:port]`.
    pub api_base: String,
}

/// The whole file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionsFile {
    /// The format version ([`VERSION`] once loaded).
    pub version: u64,
    /// The selected connection id (`demo` for the Demo), if one was chosen.
    pub selected: Option<String>,
    /// The saved connections, in the order they were created.
    pub connections: Vec<StoredConnection>,
    /// Ids of deleted connections whose key the keychain did not remove yet (it was locked or unavailable); the
    /// removal is retried at the next start, save and delete. Absent when empty, so version 2 files read as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keys_to_delete: Vec<String>,
}

/// One migration step: turns a file of version `n` into version `n + 1`.
type Step = fn(Value) -> std::result::Result<Value, String>;

/// `STEPS[i]` migrates version `i + 1` to `i + 2`.
///
/// - v1 → v2: the selection moves from a `"selected": true` flag on a connection to the top-level `selected` id,
///   so at most one connection can be selected.
const STEPS: &[Step] = &[v1_to_v2];

fn v1_to_v2(mut file: Value) -> std::result::Result<Value, String> {
    let object = file
        .as_object_mut()
        .ok_or("the file is not a JSON object")?;
    let mut selected = Value::Null;
    if let Some(Value::Array(connections)) = object.get_mut("connections") {
        for connection in connections.iter_mut() {
            if let Some(fields) = connection.as_object_mut() {
                let flagged = fields
                    .remove("selected")
                    .and_then(|v| v.as_bool())
                    .unwrap_or(false);
                if flagged && selected.is_null() {
                    selected = fields.get("id").cloned().unwrap_or(Value::Null);
                }
            }
        }
    }
    object.insert("selected".to_owned(), selected);
    object.insert("version".to_owned(), Value::from(2));
    Ok(file)
}

/// Brings a parsed file of any known version to [`VERSION`], one step at a time.
pub fn migrate(mut file: Value) -> Result<Value> {
    let mut version = file.get("version").and_then(Value::as_u64).unwrap_or(1);
    if version == 0 || version > VERSION {
        return Err(AppError::internal(format!(
            "{FILE_NAME} has format version {version}, but this Crisp Desk reads versions 1 to {VERSION}: \
             update Crisp Desk (the file was left untouched)"
        )));
    }
    while version < VERSION {
        let step = STEPS
            .get(usize::try_from(version - 1).unwrap_or(usize::MAX))
            .ok_or_else(|| {
                AppError::internal(format!("no migration from {FILE_NAME} version {version}"))
            })?;
        file = step(file).map_err(|e| {
            AppError::internal(format!(
                "could not migrate {FILE_NAME} from version {version}: {e}"
            ))
        })?;
        version += 1;
        tracing::info!(version, "migrated {FILE_NAME}");
    }
    Ok(file)
}

/// Where the file lives, and how it is read and written.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
}

impl Store {
    /// The store in `config_dir` (created on first save).
    pub fn new(config_dir: &Path) -> Self {
        Store {
            path: config_dir.join(FILE_NAME),
        }
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the file: empty when missing, migrated (and written back) when older.
    pub fn load(&self) -> Result<ConnectionsFile> {
        let text = match fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(ConnectionsFile {
                    version: VERSION,
                    ..ConnectionsFile::default()
                });
            }
            Err(e) => {
                return Err(AppError::internal(format!(
                    "could not read {}: {e}",
                    self.path.display()
                )))
            }
        };
        let value: Value = match serde_json::from_str(&text) {
            Ok(value) => value,
            Err(e) => {
                let aside = self.path.with_extension("json.corrupt");
                tracing::error!(error = %e, aside = %aside.display(), "{FILE_NAME} is not JSON; moving it aside");
                fs::rename(&self.path, &aside).map_err(|e| {
                    AppError::internal(format!(
                        "could not move the unreadable {FILE_NAME} aside: {e}"
                    ))
                })?;
                return Ok(ConnectionsFile {
                    version: VERSION,
                    ..ConnectionsFile::default()
                });
            }
        };
        let was = value.get("version").and_then(Value::as_u64);
        let file: ConnectionsFile = serde_json::from_value(migrate(value)?)
            .map_err(|e| AppError::internal(format!("{FILE_NAME} has an unexpected shape: {e}")))?;
        if was != Some(VERSION) {
            self.save(&file)?;
        }
        Ok(file)
    }

    /// Writes the file atomically: a temporary file in the same directory, flushed, then renamed over the old one.
    pub fn save(&self, file: &ConnectionsFile) -> Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)
            .map_err(|e| AppError::internal(format!("could not create {}: {e}", dir.display())))?;
        let mut text = serde_json::to_vec_pretty(&ConnectionsFile {
            version: VERSION,
            ..file.clone()
        })
        .map_err(|e| AppError::internal(format!("could not encode {FILE_NAME}: {e}")))?;
        text.push(b'\n');
        write_atomically(&self.path, &text)
    }
}

/// Writes `path` atomically: a temporary file beside it, flushed, then renamed over the old one.
pub(crate) fn write_atomically(path: &Path, text: &[u8]) -> Result<()> {
    let temporary = path.with_extension("json.tmp");
    let write = || -> std::io::Result<()> {
        let mut out = fs::File::create(&temporary)?;
        out.write_all(text)?;
        out.sync_all()?;
        fs::rename(&temporary, path)
    };
    write().map_err(|e| {
        let _ = fs::remove_file(&temporary);
        AppError::internal(format!("could not write {}: {e}", path.display()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn connection(id: &str) -> StoredConnection {
        StoredConnection {
            id: id.to_owned(),
            name: format!("Shop {id}"),
            identifier: format!("ident-{id}"),
            website_id: "w-1".to_owned(),
            tier: Tier::Plugin,
            api_base: "https://api.crisp.chat".to_owned(),
        }
    }

    #[test]
    fn a_missing_file_loads_as_no_connections() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = Store::new(dir.path())
            .load()
            .expect("a first start has no file");
        assert!(
            file.connections.is_empty() && file.selected.is_none(),
            "nothing is saved on a first start"
        );
    }

    #[test]
    fn a_saved_file_reads_back_the_same() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::new(dir.path());
        let file = ConnectionsFile {
            version: VERSION,
            selected: Some("a".into()),
            connections: vec![connection("a")],
            keys_to_delete: vec!["gone".into()],
        };
        store.save(&file).expect("writable");
        assert_eq!(
            store.load().expect("readable"),
            file,
            "what is saved is what is loaded"
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("listable")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(
            names,
            [FILE_NAME],
            "the temporary file must be renamed away, not left behind"
        );
    }

    #[test]
    fn a_version_1_file_is_migrated_to_a_top_level_selection_and_written_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let v1 = json!({ "version": 1, "connections": [
            { "id": "a", "name": "A", "identifier": "i", "website_id": "w", "tier": "user", "api_base": "https://api.crisp.chat" },
            { "id": "b", "name": "B", "identifier": "j", "website_id": "w", "api_base": "https://api.crisp.chat", "selected": true },
        ]});
        fs::write(dir.path().join(FILE_NAME), v1.to_string()).expect("writable");
        let store = Store::new(dir.path());
        let file = store.load().expect("a v1 file is readable");
        assert_eq!(
            file.selected.as_deref(),
            Some("b"),
            "the flagged connection stays selected"
        );
        assert_eq!(
            file.connections[1].tier,
            Tier::User,
            "a missing tier reads as the default tier"
        );
        let on_disk: Value =
            serde_json::from_str(&fs::read_to_string(store.path()).expect("readable"))
                .expect("json");
        assert_eq!(
            on_disk["version"],
            json!(VERSION),
            "the migrated file is written back in the current format"
        );
        assert!(
            on_disk["connections"][1].get("selected").is_none(),
            "the old per-connection flag is gone"
        );
    }

    #[test]
    fn a_file_from_a_newer_app_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let newer = json!({ "version": VERSION + 1, "connections": [] }).to_string();
        fs::write(dir.path().join(FILE_NAME), &newer).expect("writable");
        let error = Store::new(dir.path())
            .load()
            .expect_err("a newer format cannot be read safely");
        assert!(
            error.message.contains("update Crisp Desk"),
            "the message says what to do: {}",
            error.message
        );
        let after = fs::read_to_string(dir.path().join(FILE_NAME)).expect("readable");
        assert_eq!(
            after, newer,
            "a newer file must never be overwritten by an older app"
        );
    }

    #[test]
    fn a_file_that_is_not_json_is_moved_aside_and_the_app_starts_empty() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join(FILE_NAME), "{ not json").expect("writable");
        let file = Store::new(dir.path())
            .load()
            .expect("an unreadable file must not stop the app");
        assert!(file.connections.is_empty(), "nothing can be read from it");
        assert!(
            dir.path().join("connections.json.corrupt").exists(),
            "the old file is kept for people to look at"
        );
    }
}

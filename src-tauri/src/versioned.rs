//! The app's small versioned JSON files (`monitor.json`, `usage.json`): a `version` field, read so that a bad file never
//! stops the app, and written atomically.

use std::fs;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::connections::store::write_atomically;
use crate::error::{AppError, Result};

/// A file with a `version` field.
pub(crate) trait Versioned: Serialize + DeserializeOwned + Default {
    /// The version it was written at.
    fn version(&self) -> u64;
    /// Marks it with `version`.
    fn set_version(&mut self, version: u64);
}

fn name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// The saved file, or the defaults: a missing file is a first start, an unreadable one is moved aside (these files
/// hold preferences and counts, never worth refusing to start over). A file from a newer build reads as the
/// defaults marked with its version, so [`write`] never writes over it. `instead` says what the app does then.
pub(crate) fn read<F: Versioned>(path: &Path, current: u64, instead: &str) -> F {
    let name = name(path);
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return F::default(),
        Err(error) => {
            tracing::error!(%error, path = %path.display(), "could not read {name}; {instead}");
            return F::default();
        }
    };
    match serde_json::from_str::<F>(&text) {
        Ok(file) if file.version() <= current => file,
        Ok(file) => {
            tracing::error!(
                version = file.version(),
                "{name} is from a newer Crisp Desk; {instead} and leaving it as it is"
            );
            let mut defaults = F::default();
            defaults.set_version(file.version());
            defaults
        }
        Err(error) => {
            let aside = path.with_extension("json.corrupt");
            tracing::error!(%error, aside = %aside.display(), "{name} is unreadable; moving it aside");
            let _ = fs::rename(path, &aside);
            F::default()
        }
    }
}

/// Writes `file` at version `current`, atomically, creating its folder; refuses a file read from a newer build
/// (`refusal` says what is lost then).
pub(crate) fn write<F: Versioned>(
    path: &Path,
    file: &mut F,
    current: u64,
    refusal: &str,
) -> Result<()> {
    let name = name(path);
    if file.version() > current {
        return Err(AppError::internal(format!(
            "{name} was written by a newer Crisp Desk; {refusal}"
        )));
    }
    file.set_version(current);
    let mut text = serde_json::to_vec_pretty(file)
        .map_err(|e| AppError::internal(format!("could not encode {name}: {e}")))?;
    text.push(b'\n');
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)
            .map_err(|e| AppError::internal(format!("could not create {}: {e}", dir.display())))?;
    }
    write_atomically(path, &text)
}

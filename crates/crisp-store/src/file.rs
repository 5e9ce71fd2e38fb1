//! Where a connection's database lives, and moving a bad one aside.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The files SQLite keeps beside a database in WAL mode.
const SIDE_FILES: [&str; 2] = ["-wal", "-shm"];

/// `<dir>/<connection>.sqlite3`, the id made safe for any file system: lowercase ASCII letters, digits, `-` and
/// `_` stay, every other byte becomes `%XX` (so two ids never share a file, even where names ignore case).
pub fn database_path(dir: &Path, connection_id: &str) -> Result<PathBuf> {
    if connection_id.is_empty() {
        return Err(Error::EmptyConnectionId);
    }
    let mut name = String::with_capacity(connection_id.len() + 8);
    for byte in connection_id.bytes() {
        match byte {
            b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' => name.push(char::from(byte)),
            other => name.push_str(&format!("%{other:02X}")),
        }
    }
    name.push_str(".sqlite3");
    Ok(dir.join(name))
}

/// `path` with `suffix` appended to its file name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Moves the database and its side files to `<name>.<why>-<timestamp>` (side files keep their `-wal`/`-shm`
/// after it, so the set still opens together); answers the new database path.
pub(crate) fn move_aside(path: &Path, why: &str) -> Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let aside = with_suffix(path, &format!(".{why}-{stamp}"));
    fs::rename(path, &aside)?;
    for side in SIDE_FILES {
        match fs::rename(with_suffix(path, side), with_suffix(&aside, side)) {
            Err(e) if e.kind() != ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    Ok(aside)
}

/// Removes the database and its side files; a file already gone is fine.
pub(crate) fn remove(path: &Path) -> Result<()> {
    for file in
        std::iter::once(path.to_owned()).chain(SIDE_FILES.map(|side| with_suffix(path, side)))
    {
        match fs::remove_file(&file) {
            Err(e) if e.kind() != ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    Ok(())
}

//! The file itself: its name, migrations, bad files moved aside, deletion, and no key inside.

use std::fs;
use std::path::{Path, PathBuf};

use crisp_client::{ApiKey, Credentials, Tier};
use crisp_store::schema::{CURRENT_VERSION, MIGRATIONS};
use crisp_store::{database_path, OutboxEntry, Store, UnreadEntry};

use serde_json::Value;

use crate::support::*;

/// The files in `dir` whose name starts with `prefix`.
fn files_starting(dir: &Path, prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("readable folder")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.starts_with(prefix))
        .collect();
    names.sort();
    names
}

fn user_version(path: &PathBuf) -> u32 {
    rusqlite::Connection::open(path)
        .expect("opens")
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .expect("readable")
}

#[test]
fn a_connection_gets_its_own_file_named_safely_whatever_its_id() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let uuid = "0e6f1a53-59b6-4bb6-8f3e-5d7a5f0c9b21";
    Store::open(dir.path(), uuid).expect("opens");
    assert!(
        dir.path().join(format!("{uuid}.sqlite3")).exists(),
        "a UUID names its file as it is"
    );
    for id in ["../escape", "a/b\\c", "Demo", "demo", "con", "é 😀", ".."] {
        let path = database_path(dir.path(), id).expect("any non-empty id names a file");
        assert_eq!(
            path.parent(),
            Some(dir.path()),
            "{id:?} stays inside the folder"
        );
        Store::open(dir.path(), id).expect("opens");
        assert!(path.exists(), "{id:?} has its file");
    }
    assert_ne!(
        database_path(dir.path(), "Demo").expect("named"),
        database_path(dir.path(), "demo").expect("named"),
        "ids differing by case never share a file, even where names ignore case"
    );
    assert!(
        Store::open(dir.path(), "").is_err(),
        "an empty id is refused, not a hidden file"
    );
}

#[test]
fn a_version_1_file_migrates_to_the_current_version_and_its_rows_become_searchable() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = database_path(dir.path(), "c1").expect("named");
    {
        let old = rusqlite::Connection::open(&path).expect("creates");
        old.execute_batch(MIGRATIONS[0])
            .expect("the version-1 schema");
        old.pragma_update(None, "user_version", 1)
            .expect("version 1");
        let raw = conversation_json("session_old", 1_000, "Vera Legacy", "vera@example.com");
        old.execute(
            "INSERT INTO conversations (session_id, updated_at, nickname, email, raw) VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params!["session_old", 1_000, "Vera Legacy", "vera@example.com", raw.to_string()],
        )
        .expect("a version-1 row");
    }
    let store = Store::open(dir.path(), "c1").expect("the old file opens");
    assert_eq!(
        MIGRATIONS.len() as u32,
        CURRENT_VERSION,
        "every step counts a version"
    );
    let stored = store
        .conversation::<Value>("session_old")
        .expect("readable")
        .expect("kept");
    assert_eq!(
        json_of(&stored),
        conversation_json("session_old", 1_000, "Vera Legacy", "vera@example.com"),
        "the version-1 row survives the migration as it was"
    );
    let hits = store.search("legacy", 10).expect("searchable");
    assert_eq!(
        hits.len(),
        1,
        "rows from before search existed are indexed by the migration"
    );
    drop(store);
    assert_eq!(
        user_version(&path),
        CURRENT_VERSION,
        "the file is now at the current version"
    );
}

#[test]
fn a_version_2_file_keeps_its_rows_searchable_and_they_read_back_without_a_stored_time() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = database_path(dir.path(), "c1").expect("named");
    {
        let old = rusqlite::Connection::open(&path).expect("creates");
        for step in &MIGRATIONS[..2] {
            old.execute_batch(step).expect("a version-2 step");
        }
        old.pragma_update(None, "user_version", 2)
            .expect("version 2");
        let conversation =
            conversation_json("session_old", 1_000, "Vera Legacy", "vera@example.com");
        old.execute(
            "INSERT INTO conversations (session_id, updated_at, nickname, email, raw) VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params!["session_old", 1_000, "Vera Legacy", "vera@example.com", conversation.to_string()],
        )
        .expect("a version-2 conversation");
        let message = message_json("session_old", 9, 1_000, "The parcel came back");
        old.execute(
            "INSERT INTO messages (session_id, fingerprint, timestamp, text, raw) VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params!["session_old", 9, 1_000, "The parcel came back", message.to_string()],
        )
        .expect("a version-2 message");
        let profile = profile_json("people_old", 1_000);
        old.execute(
            "INSERT INTO people_profiles (people_id, email, nickname, raw) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![
                "people_old",
                "jane.doe@example.com",
                "Jane Doe",
                profile.to_string()
            ],
        )
        .expect("a version-2 profile");
    }
    let store = Store::open(dir.path(), "c1").expect("the old file opens");
    assert_eq!(
        store.search("legacy", 10).expect("searchable").len(),
        1,
        "conversations indexed before stay found after the search tables are rebuilt"
    );
    assert_eq!(
        store.search("parc", 10).expect("searchable")[0].fingerprint,
        Some(9),
        "and messages, by a word being typed"
    );
    assert_eq!(
        store.search_people("jane", 10).expect("searchable").len(),
        1,
        "profiles from before people search existed are indexed by the migration"
    );
    let stored = store
        .stored_conversation::<Value>("session_old")
        .expect("readable")
        .expect("kept");
    assert_eq!(
        stored.stored_at, None,
        "a row from before the time was kept says so, rather than a made-up time"
    );
}

#[test]
fn a_corrupt_file_is_moved_aside_and_an_empty_store_takes_its_place() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = database_path(dir.path(), "c1").expect("named");
    let garbage = b"this is not an SQLite database, it was cut off by a crash".repeat(200);
    fs::write(&path, &garbage).expect("written");
    let mut store =
        Store::open(dir.path(), "c1").expect("a corrupt file never stops the store from opening");
    assert!(
        store
            .conversations::<Value>(0, 10)
            .expect("readable")
            .is_empty(),
        "the new store is empty"
    );
    store
        .upsert_conversations(&[conversation("session_1", 1, "Jane", "jane@example.com")])
        .expect("the new store takes writes");
    let aside = files_starting(dir.path(), "c1.sqlite3.corrupt-");
    assert_eq!(aside.len(), 1, "the corrupt file is kept aside: {aside:?}");
    assert_eq!(
        fs::read(dir.path().join(&aside[0])).expect("readable"),
        garbage,
        "moved aside untouched, for someone to look at"
    );
}

#[test]
fn a_file_from_a_newer_build_is_moved_aside_and_an_empty_store_takes_its_place() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = database_path(dir.path(), "c1").expect("named");
    {
        let mut store = Store::open(dir.path(), "c1").expect("opens");
        store
            .upsert_conversations(&[conversation(
                "session_future",
                1,
                "Jane",
                "jane@example.com",
            )])
            .expect("written");
    }
    {
        let newer = rusqlite::Connection::open(&path).expect("opens");
        newer
            .pragma_update(None, "user_version", CURRENT_VERSION + 1)
            .expect("a newer build's version");
    }
    let store =
        Store::open(dir.path(), "c1").expect("a newer file never stops the store from opening");
    assert!(
        store
            .conversation::<Value>("session_future")
            .expect("readable")
            .is_none(),
        "the new store starts empty rather than misread a newer schema"
    );
    drop(store);
    let aside = files_starting(dir.path(), "c1.sqlite3.newer-");
    let database = aside
        .iter()
        .find(|name| !name.ends_with("-wal") && !name.ends_with("-shm"));
    let database = dir
        .path()
        .join(database.expect("the newer file is kept aside"));
    assert_eq!(
        user_version(&database),
        CURRENT_VERSION + 1,
        "kept as the newer build left it"
    );
    assert_eq!(
        user_version(&path),
        CURRENT_VERSION,
        "the rebuilt store is at this build's version"
    );
}

#[test]
fn delete_removes_the_database_and_its_side_files_and_only_them() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = Store::open(dir.path(), "c1").expect("opens");
    store
        .upsert_conversations(&[conversation("session_1", 1, "Jane", "jane@example.com")])
        .expect("written");
    let _other = Store::open(dir.path(), "c2").expect("another connection's store");
    assert!(
        !files_starting(dir.path(), "c1.sqlite3").is_empty(),
        "the store has files before the delete"
    );
    drop(store);
    Store::delete(dir.path(), "c1").expect("deleted");
    assert_eq!(
        files_starting(dir.path(), "c1.sqlite3"),
        Vec::<String>::new(),
        "no file of c1 is left"
    );
    assert!(
        !files_starting(dir.path(), "c2.sqlite3").is_empty(),
        "another connection's store stays"
    );
    Store::delete(dir.path(), "c1").expect("deleting what is gone is fine");
}

#[test]
fn the_key_never_reaches_the_database_files() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // A connection's key lives in this process, as in the app, while every write method runs.
    let key_text = "7f2c9e41b8d05a63c1e4f9a27b3d8e50c6a1f4b9e2d7c03a58b16e9f4d2a7c31";
    let credentials = Credentials::new(
        "0b9a3c52-1f4e-4d8a-9c6b-2e7f5a1d3c94",
        ApiKey::new(key_text),
        Tier::Plugin,
    );
    let mut store = Store::open(dir.path(), "c1").expect("opens");
    let conversations: Vec<_> = (0..50)
        .map(|n| {
            conversation(
                &format!("session_{n}"),
                n,
                "Jane Doe",
                "jane.doe@example.com",
            )
        })
        .collect();
    store.upsert_conversations(&conversations).expect("written");
    let messages: Vec<_> = (0..200)
        .map(|n| {
            message(
                &format!("session_{}", n % 50),
                n,
                n as u64,
                "Where is my refund?",
            )
        })
        .collect();
    store.upsert_messages(&messages).expect("written");
    store
        .upsert_people_profiles(&[profile("p1", 1)])
        .expect("written");
    // Crisp may list a token holder's key in their operator details; it must not be kept.
    let mut entries = operators();
    entries[0]["details"]["key"] = key_text.into();
    store.replace_operators(&entries).expect("written");
    store
        .set_cursor("conversations.updated_at", 49)
        .expect("set");
    store
        .set_unread(&UnreadEntry {
            session_id: "session_1".into(),
            nickname: Some(credentials.identifier.clone()),
            excerpt: "Where is my refund?".into(),
            at: 1,
            messages: 1,
        })
        .expect("set");
    store.remove_unread("session_1").expect("removed");
    store.remove_conversation("session_2").expect("removed");
    store
        .queue_outbox(&OutboxEntry {
            session_id: "session_3".into(),
            fingerprint: 42,
            queued_at: 1,
            may_have_landed: true,
            attempts: 1,
            last_error: Some("the API host is unreachable".into()),
            request: serde_json::json!({ "session_id": "session_3", "body": { "content": "Hello" } }),
            failed: None,
        })
        .expect("queued");
    store
        .set_draft("session_3", "Half a reply", 1)
        .expect("kept");
    store
        .set_memory(
            "monitor",
            &serde_json::json!({ "cursor": 49, "identifier": credentials.identifier }),
        )
        .expect("kept");
    let _ = store.search("refund", 10).expect("searchable");
    let check = |when: &str| {
        let files = files_starting(dir.path(), "c1.sqlite3");
        assert!(!files.is_empty(), "there are files to check {when}");
        for name in files {
            let bytes = fs::read(dir.path().join(&name)).expect("readable");
            assert!(
                !bytes
                    .windows(key_text.len())
                    .any(|w| w == key_text.as_bytes()),
                "{name} holds the key {when}"
            );
        }
    };
    check("while the store is open (WAL and shared memory included)");
    drop(store);
    check("after the store is closed");
    drop(credentials);
}

//! The outbox, drafts and named memory: round trips, and a version-2 file gaining them without losing its rows.

use crisp_store::schema::MIGRATIONS;
use crisp_store::{database_path, OutboxEntry, Store};
use serde_json::{json, Value};

use crate::support::*;

/// A store file made by the first `version` schema steps only, as an older app left it.
fn file_at_version(path: &std::path::Path, version: usize) -> rusqlite::Connection {
    let mut old = rusqlite::Connection::open(path).expect("creates");
    for (index, step) in MIGRATIONS.iter().take(version).enumerate() {
        let transaction = old.transaction().expect("begins");
        transaction.execute_batch(step).expect("an old step");
        transaction
            .pragma_update(None, "user_version", index as u32 + 1)
            .expect("its version");
        transaction.commit().expect("commits");
    }
    old
}

fn queued(session_id: &str, fingerprint: i64, queued_at: u64) -> OutboxEntry {
    OutboxEntry {
        session_id: session_id.into(),
        fingerprint,
        queued_at,
        may_have_landed: false,
        attempts: 0,
        last_error: None,
        request: json!({
            "session_id": session_id,
            "body": { "type": "text", "from": "operator", "origin": "chat", "content": "On its way", "fingerprint": fingerprint },
            "future_field": { "kept": true }
        }),
        failed: None,
    }
}

#[test]
fn outbox_entries_come_back_oldest_first_and_a_retry_updates_the_same_entry() {
    let (_dir, store) = store();
    store
        .queue_outbox(&queued("session_b", 2, 2_000))
        .expect("queued");
    store
        .queue_outbox(&queued("session_a", 1, 1_000))
        .expect("queued");
    assert_eq!(
        store.outbox(None).expect("readable"),
        vec![queued("session_a", 1, 1_000), queued("session_b", 2, 2_000)],
        "every field, the request's unknown ones included, comes back; oldest first"
    );
    let mut retried = queued("session_a", 1, 9_999);
    retried.may_have_landed = true;
    retried.attempts = 1;
    retried.last_error = Some("timed out".into());
    store.queue_outbox(&retried).expect("updated");
    let entries = store.outbox(Some("session_a")).expect("readable");
    assert_eq!(
        entries.len(),
        1,
        "one entry per fingerprint, never a second copy"
    );
    assert!(entries[0].may_have_landed && entries[0].attempts == 1);
    assert_eq!(
        entries[0].queued_at, 1_000,
        "a retry keeps its place in the queue"
    );
    assert!(store.remove_outbox("session_a", 1).expect("removed"));
    assert!(!store.remove_outbox("session_a", 1).expect("nothing left"));
    assert_eq!(store.outbox(None).expect("readable").len(), 1);
}

#[test]
fn a_message_crisp_refused_stays_in_the_outbox_marked_failed_with_its_reason() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    {
        let store = Store::open(dir.path(), "c1").expect("opens");
        store
            .queue_outbox(&queued("session_a", 1, 1_000))
            .expect("queued");
        store
            .queue_outbox(&queued("session_a", 2, 2_000))
            .expect("queued");
        assert!(store
            .fail_outbox("session_a", 1, "the conversation does not exist")
            .expect("marked"));
        assert!(!store
            .fail_outbox("session_a", 9, "no such message")
            .expect("nothing to mark"));
    }
    let store = Store::open(dir.path(), "c1").expect("opens again");
    let entries = store.outbox(Some("session_a")).expect("readable");
    assert_eq!(
        entries
            .iter()
            .map(|entry| (entry.fingerprint, entry.failed.as_deref()))
            .collect::<Vec<_>>(),
        vec![(1, Some("the conversation does not exist")), (2, None)],
        "the refused one is kept, with its reason, across a reopen; the other still waits"
    );
    assert_eq!(
        entries[0].request,
        queued("session_a", 1, 1_000).request,
        "what was typed is kept whole"
    );
    assert!(store.remove_outbox("session_a", 1).expect("discarded"));
}

#[test]
fn a_version_5_file_gains_the_failed_mark_and_keeps_its_queued_messages() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = database_path(dir.path(), "c1").expect("named");
    {
        let old = file_at_version(&path, 5);
        old.execute(
            "INSERT INTO outbox (session_id, fingerprint, queued_at, request) VALUES ('session_old', 7, 1, '{}')",
            [],
        )
        .expect("a version-5 entry");
    }
    let store = Store::open(dir.path(), "c1").expect("the old file opens");
    let entries = store.outbox(None).expect("readable");
    assert_eq!(entries.len(), 1, "the queued message is still there");
    assert_eq!(entries[0].failed, None, "and still waits to be sent");
}

#[test]
fn drafts_and_memory_survive_reopening_and_an_empty_draft_is_forgotten() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    {
        let store = Store::open(dir.path(), "c1").expect("opens");
        store
            .set_draft("session_a", "Half a reply", 5)
            .expect("kept");
        store.set_draft("session_b", "Gone soon", 5).expect("kept");
        store.set_draft("session_b", "", 6).expect("forgotten");
        store
            .set_memory("monitor", &json!({ "cursor": 7, "seen": [1, 2] }))
            .expect("kept");
        store
            .set_memory("monitor", &json!({ "cursor": 8 }))
            .expect("replaced");
    }
    let store = Store::open(dir.path(), "c1").expect("opens again");
    assert_eq!(
        store.draft("session_a").expect("readable").as_deref(),
        Some("Half a reply")
    );
    assert_eq!(store.draft("session_b").expect("readable"), None);
    assert_eq!(
        store.drafts().expect("readable"),
        vec![("session_a".to_owned(), "Half a reply".to_owned())],
        "every draft kept, none forgotten"
    );
    assert_eq!(
        store.memory::<Value>("monitor").expect("readable"),
        Some(json!({ "cursor": 8 }))
    );
    assert_eq!(store.memory::<Value>("other").expect("readable"), None);
}

#[test]
fn a_version_2_file_gains_the_outbox_and_keeps_its_rows() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = database_path(dir.path(), "c1").expect("named");
    {
        let old = file_at_version(&path, 2);
        let raw = conversation_json("session_old", 1_000, "Vera Legacy", "vera@example.com");
        old.execute(
            "INSERT INTO conversations (session_id, updated_at, nickname, raw) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params!["session_old", 1_000, "Vera Legacy", raw.to_string()],
        )
        .expect("a version-2 row");
    }
    let store = Store::open(dir.path(), "c1").expect("the old file opens");
    assert!(store
        .conversation::<Value>("session_old")
        .expect("readable")
        .is_some());
    assert_eq!(store.search("legacy", 5).expect("searchable").len(), 1);
    store
        .queue_outbox(&queued("session_old", 1, 1))
        .expect("the new table takes writes");
    assert_eq!(store.outbox(None).expect("readable").len(), 1);
}

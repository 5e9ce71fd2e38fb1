//! Canned replies: saved, edited, listed by title, deleted, refused with the field at fault, and kept when a
//! file from before they existed migrates.

use crisp_store::schema::{CURRENT_VERSION, MIGRATIONS};
use crisp_store::{database_path, Error, SaveCannedReply, Store, CANNED_REPLY_TITLE_MAX};
use serde_json::Value;

use crate::support::*;

fn reply(title: &str, text: &str) -> SaveCannedReply {
    SaveCannedReply {
        id: None,
        title: title.to_owned(),
        text: text.to_owned(),
    }
}

fn field_of(error: Error) -> &'static str {
    match error {
        Error::InvalidInput { field, .. } => field,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[test]
fn canned_replies_round_trip_through_save_edit_list_and_delete() {
    let (dir, store) = store();
    let refund = store
        .save_canned_reply(
            &reply(
                "  Refund sent ",
                "Hi {nickname}, your refund is on its way.\n",
            ),
            1_000,
        )
        .expect("a new reply is saved");
    assert!(!refund.id.is_empty(), "the store gives it an id");
    assert_eq!(refund.title, "Refund sent", "the title is trimmed");
    assert_eq!(
        refund.text, "Hi {nickname}, your refund is on its way.\n",
        "the text is kept exactly as typed, placeholders and all"
    );
    let about = store
        .save_canned_reply(&reply("about us", "We are Acme."), 2_000)
        .expect("saved");
    assert_ne!(about.id, refund.id, "each reply gets its own id");

    let edited = store
        .save_canned_reply(
            &SaveCannedReply {
                id: Some(refund.id.clone()),
                title: "Refund sent".into(),
                text: "Hello {nickname}, we wrote to {email}.".into(),
            },
            3_000,
        )
        .expect("an edit replaces the reply");
    assert_eq!(edited.id, refund.id, "an edit keeps the id");
    assert_eq!(edited.updated_at, 3_000);

    drop(store);
    let store = Store::open(dir.path(), "c1").expect("reopens");
    assert_eq!(
        store.canned_replies().expect("listed"),
        vec![about.clone(), edited.clone()],
        "kept across a reopen, ordered by title whatever the case"
    );

    assert!(store.delete_canned_reply(&about.id).expect("deleted"));
    assert!(
        !store.delete_canned_reply(&about.id).expect("no error"),
        "deleting twice says it was not there"
    );
    assert_eq!(store.canned_replies().expect("listed"), vec![edited]);
}

#[test]
fn a_canned_reply_without_title_or_text_too_long_or_with_a_taken_title_is_refused_at_its_field() {
    let (_dir, store) = store();
    assert_eq!(
        field_of(
            store
                .save_canned_reply(&reply("   ", "text"), 1)
                .unwrap_err()
        ),
        "title"
    );
    assert_eq!(
        field_of(
            store
                .save_canned_reply(&reply("Hello", " \n "), 1)
                .unwrap_err()
        ),
        "text"
    );
    let long = "é".repeat(CANNED_REPLY_TITLE_MAX + 1);
    assert_eq!(
        field_of(
            store
                .save_canned_reply(&reply(&long, "text"), 1)
                .unwrap_err()
        ),
        "title",
        "the limit counts characters"
    );
    assert!(
        store
            .save_canned_reply(&reply(&"é".repeat(CANNED_REPLY_TITLE_MAX), "text"), 1)
            .is_ok(),
        "a title of exactly the limit is fine"
    );

    let hello = store
        .save_canned_reply(&reply("Hello", "Hi!"), 1)
        .expect("saved");
    let taken = store
        .save_canned_reply(&reply("HELLO", "Hey!"), 2)
        .unwrap_err();
    assert!(
        matches!(&taken, Error::InvalidInput { field: "title", message } if message.contains("HELLO")),
        "a title another reply has, in any case, is refused at the title: {taken:?}"
    );
    let renamed = store
        .save_canned_reply(
            &SaveCannedReply {
                id: Some(hello.id.clone()),
                title: "hello".into(),
                text: "Hi!".into(),
            },
            3,
        )
        .expect("a reply may change the case of its own title");
    assert_eq!(renamed.title, "hello");
    assert_eq!(
        store.canned_replies().expect("listed").len(),
        2,
        "refusals wrote nothing"
    );
}

#[test]
fn editing_a_canned_reply_that_was_deleted_meanwhile_is_not_found_and_writes_nothing() {
    let (_dir, store) = store();
    let gone = store
        .save_canned_reply(&reply("Bye", "Bye!"), 1)
        .expect("saved");
    store.delete_canned_reply(&gone.id).expect("deleted");
    let error = store
        .save_canned_reply(
            &SaveCannedReply {
                id: Some(gone.id),
                title: "Bye".into(),
                text: "Later!".into(),
            },
            2,
        )
        .unwrap_err();
    assert!(matches!(error, Error::NotFound(_)), "{error:?}");
    assert!(store.canned_replies().expect("listed").is_empty());
}

#[test]
fn a_file_from_before_canned_replies_migrates_keeping_its_rows_and_takes_canned_replies() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = database_path(dir.path(), "c1").expect("named");
    // The version just before the step that adds canned replies, wherever the step sits in the list.
    let before = MIGRATIONS
        .iter()
        .position(|step| step.contains("CREATE TABLE canned_replies"))
        .expect("a step creates the canned replies table");
    {
        let mut old = rusqlite::Connection::open(&path).expect("creates");
        for step in &MIGRATIONS[..before] {
            let transaction = old.transaction().expect("a transaction");
            transaction.execute_batch(step).expect("an older step");
            transaction.commit().expect("committed");
        }
        old.pragma_update(None, "user_version", before as u32)
            .expect("the version before canned replies");
        old.execute(
            "INSERT INTO cursors (name, value) VALUES ('conversations.updated_at', 42)",
            [],
        )
        .expect("a row of the older version");
    }
    let store = Store::open(dir.path(), "c1").expect("the older file opens");
    assert_eq!(
        store.cursor("conversations.updated_at").expect("readable"),
        Some(42),
        "older rows survive"
    );
    assert!(store
        .canned_replies()
        .expect("the new table exists")
        .is_empty());
    store
        .save_canned_reply(&reply("Thanks", "Thank you, {nickname}!"), 5)
        .expect("the migrated file takes canned replies");
    assert!(store
        .conversations::<Value>(0, 1)
        .expect("readable")
        .is_empty());
    drop(store);
    let version: u32 = rusqlite::Connection::open(&path)
        .expect("opens")
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .expect("readable");
    assert_eq!(version, CURRENT_VERSION);
}

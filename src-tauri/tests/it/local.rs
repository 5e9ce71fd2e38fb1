//! The local store's commands as the app runs them: instant search, offline copies with their stored time, and
//! exports through the save dialog. The store is filled directly, as write-through would fill it.

use std::path::PathBuf;

use crisp_desk_lib::commands::local::{
    export_conversations, export_thread, get_stored_conversation, get_stored_people_profile,
    get_stored_thread, search_stored_conversations, search_stored_people_profiles,
    ExportConversations, ExportThread, GetStoredConversation, GetStoredPeopleProfile, LocalExport,
    SaveDialog, SearchStored,
};
use crisp_desk_lib::connections::ConnectionId;
use crisp_desk_lib::error::ErrorKind;
use crisp_store::ExportFormat;
use serde_json::{json, Value};
use tauri::Manager;

use crate::support::{block_on, keychain_in, mock_store, TestApp};

/// Answers every save dialog with `Some(path)`, or a cancel with `None`, and remembers the suggested names.
struct SaveAt(Option<PathBuf>, std::sync::Mutex<Vec<String>>);

impl SaveDialog for SaveAt {
    fn save(
        &self,
        file_name: &str,
        extension: &str,
    ) -> tokio::sync::oneshot::Receiver<Option<PathBuf>> {
        if let Ok(mut names) = self.1.lock() {
            names.push(format!("{file_name} ({extension})"));
        }
        let (sender, receiver) = tokio::sync::oneshot::channel();
        let _ = sender.send(self.0.clone());
        receiver
    }
}

fn conversation(session_id: &str, nickname: &str, email: &str) -> Value {
    json!({
        "session_id": session_id,
        "state": "unresolved",
        "updated_at": 1_733_392_800_000u64,
        "meta": { "nickname": nickname, "email": email, "subject": "Order 1042", "segments": ["vip"] },
        "future_field": true
    })
}

fn message(session_id: &str, fingerprint: i64, text: &str) -> Value {
    json!({
        "session_id": session_id, "type": "text", "from": "user", "origin": "chat", "content": text,
        "fingerprint": fingerprint, "timestamp": 1_733_392_800_000u64 + fingerprint as u64 * 60_000,
        "user": { "nickname": "Jane Doe" }
    })
}

/// An app whose Demo connection has two conversations, a thread and a profile stored.
fn stored_app() -> (TestApp, ConnectionId) {
    let app = TestApp::new(keychain_in(&mock_store()));
    let demo = ConnectionId::demo();
    let store = app
        .state()
        .local(&demo)
        .expect("the store opens")
        .expect("the app keeps stores");
    let mut store = store.lock().expect("not poisoned");
    store
        .upsert_conversations(&[
            conversation("session_jane", "Jane Doe", "jane@example.com"),
            conversation("session_omar", "Omar Haddad", "omar@shop.example"),
        ])
        .expect("written");
    store
        .upsert_messages(&[
            message("session_jane", 1, "Where is my refund?"),
            message("session_jane", 2, "=cmd|' /C calc'!A0"),
        ])
        .expect("written");
    store
        .upsert_people_profiles(&[json!({
            "people_id": "people_omar", "email": "omar@shop.example",
            "person": { "nickname": "Omar Haddad" }, "updated_at": 1
        })])
        .expect("written");
    drop(store);
    (app, demo)
}

fn search(query: &str) -> SearchStored {
    SearchStored {
        query: query.to_owned(),
        limit: None,
    }
}

#[test]
fn local_search_answers_stored_conversations_with_their_row_and_the_words_to_highlight() {
    let (app, demo) = stored_app();
    let hits = block_on(search_stored_conversations(
        app.state(),
        demo.clone(),
        search("refu"),
    ))
    .expect("searched");
    assert_eq!(hits.len(), 1, "only Jane wrote about a refund: {hits:?}");
    assert_eq!(hits[0].session_id, "session_jane");
    assert_eq!(hits[0].fingerprint, Some(1), "the matching message");
    let matched: Vec<&str> = hits[0]
        .snippet
        .iter()
        .filter(|part| part.matched)
        .map(|part| part.text.as_str())
        .collect();
    assert_eq!(matched, ["refund"], "the word typed so far, whole");
    let nickname = hits[0]
        .conversation
        .as_ref()
        .and_then(|c| c.meta.as_ref())
        .and_then(|meta| meta.known())
        .and_then(|meta| meta.nickname.clone());
    assert_eq!(
        nickname.as_deref(),
        Some("Jane Doe"),
        "the row's conversation comes along"
    );

    let people = block_on(search_stored_people_profiles(
        app.state(),
        demo,
        search("hadd"),
    ))
    .expect("searched");
    assert_eq!(
        people
            .iter()
            .map(|hit| hit.people_id.as_str())
            .collect::<Vec<_>>(),
        ["people_omar"],
        "people search answers from the stored profiles"
    );
    assert!(people[0].profile.is_some(), "with the profile for its row");
}

#[test]
fn offline_copies_come_with_when_they_were_stored_and_none_for_what_was_never_stored() {
    let (app, demo) = stored_app();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_millis() as u64;
    let stored = |session: &str| GetStoredConversation {
        session_id: session.to_owned(),
    };
    let conversation = block_on(get_stored_conversation(
        app.state(),
        demo.clone(),
        stored("session_jane"),
    ))
    .expect("read")
    .expect("stored");
    assert_eq!(
        conversation.conversation.session_id.as_deref(),
        Some("session_jane")
    );
    let at = conversation.stored_at.expect("a stored time");
    assert!(
        at <= now && now - at < 60_000,
        "stored moments ago: {at} vs {now}"
    );
    let thread = block_on(get_stored_thread(
        app.state(),
        demo.clone(),
        stored("session_jane"),
    ))
    .expect("read")
    .expect("stored");
    assert_eq!(
        thread
            .messages
            .iter()
            .map(|m| m.fingerprint)
            .collect::<Vec<_>>(),
        [Some(1), Some(2)],
        "the thread oldest first"
    );
    assert!(thread.stored_at.is_some(), "with its stored time");
    let profile = block_on(get_stored_people_profile(
        app.state(),
        demo.clone(),
        GetStoredPeopleProfile {
            people_id: "people_omar".into(),
        },
    ))
    .expect("read")
    .expect("stored");
    assert_eq!(profile.profile.email.as_deref(), Some("omar@shop.example"));

    assert!(
        block_on(get_stored_thread(app.state(), demo, stored("session_omar")))
            .expect("read")
            .is_none(),
        "a conversation whose messages were never stored has no stored thread"
    );
}

#[test]
fn a_thread_exports_to_the_chosen_file_in_the_chosen_format() {
    let (app, demo) = stored_app();
    let file = app.data.path().join("thread.csv");
    app.app.manage(LocalExport::with_dialog(Box::new(SaveAt(
        Some(file.clone()),
        Default::default(),
    ))));
    let exported = block_on(export_thread(
        app.state(),
        app.app.state::<LocalExport>(),
        demo.clone(),
        ExportThread {
            session_id: "session_jane".into(),
            format: ExportFormat::Csv,
        },
    ))
    .expect("exported")
    .expect("a file was chosen");
    assert_eq!(exported.file_name, "thread.csv");
    assert_eq!(exported.messages, 2, "both stored messages");
    let csv = std::fs::read_to_string(&file).expect("written");
    assert!(
        csv.starts_with("time,timestamp,fingerprint,from,sender,type,text\n"),
        "a CSV of the thread: {csv}"
    );
    assert!(
        csv.contains(",'=cmd|"),
        "a text that would run as a formula is written behind a quote: {csv}"
    );

    let missing = block_on(export_thread(
        app.state(),
        app.app.state::<LocalExport>(),
        demo,
        ExportThread {
            session_id: "session_never_seen".into(),
            format: ExportFormat::Json,
        },
    ))
    .expect_err("nothing stored to export");
    assert_eq!(
        missing.kind,
        ErrorKind::NotFound,
        "named as not found: {missing:?}"
    );
}

#[test]
fn a_list_exports_its_stored_conversations_in_order_and_a_cancelled_dialog_writes_nothing() {
    let (app, demo) = stored_app();
    let file = app.data.path().join("list.txt");
    app.app.manage(LocalExport::with_dialog(Box::new(SaveAt(
        Some(file.clone()),
        Default::default(),
    ))));
    let request = |format| ExportConversations {
        session_ids: vec![
            "session_omar".into(),
            "session_unknown".into(),
            "session_jane".into(),
        ],
        format,
    };
    let exported = block_on(export_conversations(
        app.state(),
        app.app.state::<LocalExport>(),
        demo.clone(),
        request(ExportFormat::Transcript),
    ))
    .expect("exported")
    .expect("a file was chosen");
    assert_eq!(
        (exported.conversations, exported.messages),
        (2, 2),
        "the stored conversations of the list, with Jane's thread"
    );
    let transcript = std::fs::read_to_string(&file).expect("written");
    let omar = transcript.find("Omar Haddad").expect("Omar's conversation");
    let jane = transcript
        .find("Jane Doe: Where is my refund?")
        .expect("Jane's thread with the sender's name");
    assert!(omar < jane, "in the list's order: {transcript}");

    let cancelled = TestApp::new(keychain_in(&mock_store()));
    cancelled
        .app
        .manage(LocalExport::with_dialog(Box::new(SaveAt(
            None,
            Default::default(),
        ))));
    let answer = block_on(export_conversations(
        cancelled.state(),
        cancelled.app.state::<LocalExport>(),
        demo,
        request(ExportFormat::Json),
    ))
    .expect("a cancel is no error");
    assert!(answer.is_none(), "nothing was saved");
}

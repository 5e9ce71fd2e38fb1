//! Every stored object comes back as Crisp sent it; upserts keep the newest and store a message once.

use crisp_store::UnreadEntry;

use crisp_client::conversations::Conversation;
use crisp_client::messages::Message;
use serde_json::Value;

use crate::support::*;

#[test]
fn a_conversation_comes_back_as_sent_with_fields_this_build_does_not_know() {
    let (_dir, mut store) = store();
    let sent = conversation_json(
        "session_1",
        1_733_500_000_000,
        "Jane Doe",
        "jane.doe@example.com",
    );
    store
        .upsert_conversations(std::slice::from_ref(&sent))
        .expect("written");
    let read = store
        .conversation::<Value>("session_1")
        .expect("readable")
        .expect("stored");
    assert_eq!(
        json_of(&read),
        sent,
        "future_field and every known field survive the store"
    );
}

#[test]
fn a_thread_comes_back_as_sent_oldest_first() {
    let (_dir, mut store) = store();
    let newer = message_json("session_1", 2, 1_733_500_000_200, "Second");
    let older = message_json("session_1", 1, 1_733_500_000_100, "First");
    let elsewhere = message_json("session_2", 3, 1_733_500_000_150, "Other thread");
    store
        .upsert_messages(&[newer.clone(), older.clone(), elsewhere])
        .expect("written");
    let thread: Vec<_> = store
        .messages::<Value>("session_1")
        .expect("readable")
        .iter()
        .map(json_of)
        .collect();
    assert_eq!(
        thread,
        [older, newer],
        "only this conversation's messages, by timestamp, unknown fields kept"
    );
}

#[test]
fn a_people_profile_comes_back_as_sent() {
    let (_dir, mut store) = store();
    let sent = profile_json("c5e2a9f4-0b6a-4a57-9d8e-1a4f5a6c7d8e", 1_733_500_000_000);
    store
        .upsert_people_profiles(std::slice::from_ref(&sent))
        .expect("written");
    let read = store
        .people_profile::<Value>("c5e2a9f4-0b6a-4a57-9d8e-1a4f5a6c7d8e")
        .expect("readable")
        .expect("stored");
    assert_eq!(
        json_of(&read),
        sent,
        "nested and top-level unknown fields survive the store"
    );
    assert!(
        store
            .people_profile::<Value>("someone-else")
            .expect("readable")
            .is_none(),
        "an unknown profile is absent, not an error"
    );
}

#[test]
fn the_operators_list_comes_back_as_sent_in_order() {
    let (_dir, mut store) = store();
    store.replace_operators(&operators()).expect("written");
    let read: Vec<_> = store
        .operators::<Value>()
        .expect("readable")
        .iter()
        .map(json_of)
        .collect();
    assert_eq!(
        serde_json::Value::Array(read),
        operators_json(),
        "entries keep Crisp's order and their unknown fields"
    );
    store.replace_operators(&operators()[..1]).expect("written");
    assert_eq!(
        store.operators::<Value>().expect("readable").len(),
        1,
        "a new list replaces the old one"
    );
}

#[test]
fn a_message_is_stored_once_per_fingerprint_and_the_later_copy_wins() {
    let (_dir, mut store) = store();
    store
        .upsert_messages(&[message("session_1", 42, 1_733_500_000_000, "Hello")])
        .expect("written");
    let edited = message_json("session_1", 42, 1_733_500_000_000, "Hello, edited");
    store
        .upsert_messages(&[edited.clone(), edited.clone()])
        .expect("written");
    let thread = store.messages::<Value>("session_1").expect("readable");
    assert_eq!(
        thread.len(),
        1,
        "the same fingerprint is one message however often it arrives"
    );
    assert_eq!(
        json_of(&thread[0]),
        edited,
        "the copy written last (the edit) is the one kept"
    );
}

#[test]
fn an_older_conversation_never_replaces_a_newer_one() {
    let (_dir, mut store) = store();
    store
        .upsert_conversations(&[conversation(
            "session_1",
            2_000,
            "Newer Name",
            "new@example.com",
        )])
        .expect("written");
    let written = store
        .upsert_conversations(&[conversation(
            "session_1",
            1_000,
            "Older Name",
            "old@example.com",
        )])
        .expect("written");
    assert_eq!(
        written, 0,
        "an answer older than what is stored writes nothing"
    );
    let kept = json_of(
        &store
            .conversation::<Value>("session_1")
            .expect("readable")
            .expect("stored"),
    );
    assert_eq!(
        kept["meta"]["nickname"], "Newer Name",
        "the newer updated_at stays"
    );
    store
        .upsert_conversations(&[conversation(
            "session_1",
            3_000,
            "Newest Name",
            "new@example.com",
        )])
        .expect("written");
    let kept = json_of(
        &store
            .conversation::<Value>("session_1")
            .expect("readable")
            .expect("stored"),
    );
    assert_eq!(
        kept["meta"]["nickname"], "Newest Name",
        "a newer updated_at replaces it"
    );
}

#[test]
fn an_older_people_profile_never_replaces_a_newer_one() {
    let (_dir, mut store) = store();
    let mut newer = profile_json("p1", 2_000);
    newer["email"] = "newer@example.com".into();
    store.upsert_people_profiles(&[newer]).expect("written");
    store
        .upsert_people_profiles(&[profile("p1", 1_000)])
        .expect("written");
    let kept = json_of(
        &store
            .people_profile::<Value>("p1")
            .expect("readable")
            .expect("stored"),
    );
    assert_eq!(
        kept["email"], "newer@example.com",
        "the newer updated_at stays"
    );
}

#[test]
fn the_conversation_list_pages_most_recently_updated_first() {
    let (_dir, mut store) = store();
    let conversations: Vec<_> = (1..=5)
        .map(|n| {
            conversation(
                &format!("session_{n}"),
                n * 1_000,
                "Jane",
                "jane@example.com",
            )
        })
        .collect();
    store.upsert_conversations(&conversations).expect("written");
    let ids = |offset, limit| -> Vec<String> {
        store
            .conversations::<Conversation>(offset, limit)
            .expect("readable")
            .into_iter()
            .map(|c| c.session_id.expect("stored with an id"))
            .collect()
    };
    assert_eq!(
        ids(0, 2),
        ["session_5", "session_4"],
        "the first page is the newest"
    );
    assert_eq!(
        ids(2, 2),
        ["session_3", "session_2"],
        "the next page follows on"
    );
    assert_eq!(ids(4, 2), ["session_1"], "the last page holds what is left");
}

#[test]
fn cursors_read_back_what_was_set() {
    let (_dir, store) = store();
    assert_eq!(
        store.cursor("conversations.updated_at").expect("readable"),
        None,
        "unset at first"
    );
    store
        .set_cursor("conversations.updated_at", 1_733_500_000_000)
        .expect("set");
    store
        .set_cursor("conversations.updated_at", 1_733_500_000_999)
        .expect("set");
    store.set_cursor("people.updated_at", 7).expect("set");
    assert_eq!(
        store.cursor("conversations.updated_at").expect("readable"),
        Some(1_733_500_000_999),
        "the last value set wins"
    );
    assert_eq!(
        store.cursor("people.updated_at").expect("readable"),
        Some(7),
        "cursors are apart by name"
    );
}

#[test]
fn the_unread_list_keeps_entries_newest_first_until_read() {
    let (_dir, store) = store();
    let entry = |session_id: &str, at, messages| UnreadEntry {
        session_id: session_id.into(),
        nickname: Some("Jane".into()),
        excerpt: format!("message in {session_id}"),
        at,
        messages,
    };
    store
        .set_unread(&entry("session_1", 1_000, 1))
        .expect("set");
    store
        .set_unread(&entry("session_2", 2_000, 1))
        .expect("set");
    store
        .set_unread(&entry("session_1", 3_000, 2))
        .expect("set");
    assert_eq!(
        store.unread().expect("readable"),
        [entry("session_1", 3_000, 2), entry("session_2", 2_000, 1)],
        "one entry per conversation, the newest message first"
    );
    store.remove_unread("session_1").expect("removed");
    assert_eq!(
        store.unread().expect("readable"),
        [entry("session_2", 2_000, 1)],
        "an opened one leaves"
    );
    store.clear_unread().expect("cleared");
    assert!(
        store.unread().expect("readable").is_empty(),
        "cleared means empty"
    );
}

#[test]
fn removing_a_conversation_forgets_its_messages_and_unread_entry() {
    let (_dir, mut store) = store();
    store
        .upsert_conversations(&[conversation("session_1", 1_000, "Jane", "jane@example.com")])
        .expect("written");
    store
        .upsert_messages(&[message("session_1", 1, 1_000, "Hello refund")])
        .expect("written");
    store
        .set_unread(&UnreadEntry {
            session_id: "session_1".into(),
            nickname: None,
            excerpt: "Hello".into(),
            at: 1_000,
            messages: 1,
        })
        .expect("set");
    store.remove_conversation("session_1").expect("removed");
    assert!(
        store
            .conversation::<Value>("session_1")
            .expect("readable")
            .is_none(),
        "the conversation is gone"
    );
    assert!(
        store
            .messages::<Value>("session_1")
            .expect("readable")
            .is_empty(),
        "its thread is gone"
    );
    assert!(
        store.unread().expect("readable").is_empty(),
        "its Unread entry is gone"
    );
    assert!(
        store.search("refund", 10).expect("searchable").is_empty(),
        "it is no longer found"
    );
}

#[test]
fn client_models_go_in_and_come_back_with_their_unknown_fields() {
    let (_dir, mut store) = store();
    let model: Conversation = decode(conversation_json(
        "session_1",
        1_000,
        "Jane",
        "jane@example.com",
    ));
    store
        .upsert_conversations(std::slice::from_ref(&model))
        .expect("a model is written");
    let read: Conversation = store
        .conversation("session_1")
        .expect("readable")
        .expect("stored");
    assert_eq!(
        json_of(&read),
        json_of(&model),
        "a model reads back as it went in"
    );
    assert_eq!(
        read.extra.get("future_field"),
        Some(&serde_json::json!({ "kept": [1, 2, 3] })),
        "a field the model does not know is kept in its extra"
    );
    let message: Message = decode(message_json("session_1", 7, 1_000, "Hello"));
    store
        .upsert_messages(&[message])
        .expect("a model is written");
    let thread: Vec<Message> = store.messages("session_1").expect("readable");
    assert_eq!(
        thread[0].fingerprint,
        Some(7),
        "a stored message decodes as the client's model"
    );
}

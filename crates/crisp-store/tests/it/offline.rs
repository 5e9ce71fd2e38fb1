//! Offline reading: a stored conversation, thread and profile come back with when they were stored.

use std::time::{SystemTime, UNIX_EPOCH};

use crisp_store::Stored;
use serde_json::Value;

use crate::support::*;

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_millis() as u64
}

/// Asserts `stored` was stored between `before` and `after`.
fn stored_between<T>(stored: &Stored<T>, before: u64, after: u64, what: &str) {
    let at = stored.stored_at.expect("a stored time");
    assert!(
        (before..=after).contains(&at),
        "{what} was stored at {at}, between {before} and {after}"
    );
}

#[test]
fn a_stored_conversation_thread_and_profile_come_back_with_when_they_were_stored() {
    let (_dir, mut store) = store();
    let before = now_ms();
    let conversation = conversation("session_1", 1_000, "Jane Doe", "jane@example.com");
    store
        .upsert_conversations(std::slice::from_ref(&conversation))
        .expect("written");
    store
        .upsert_messages(&[message("session_1", 1, 1_000, "Hello")])
        .expect("written");
    store
        .upsert_people_profiles(&[profile("people_1", 1_000)])
        .expect("written");
    let after = now_ms();

    let stored = store
        .stored_conversation::<Value>("session_1")
        .expect("readable")
        .expect("stored");
    assert_eq!(
        stored.value, conversation,
        "the conversation as it was sent"
    );
    stored_between(&stored, before, after, "the conversation");
    let thread = store
        .stored_thread::<Value>("session_1")
        .expect("readable")
        .expect("stored");
    assert_eq!(thread.value.len(), 1, "the stored thread");
    stored_between(&thread, before, after, "the thread");
    let profile = store
        .stored_people_profile::<Value>("people_1")
        .expect("readable")
        .expect("stored");
    stored_between(&profile, before, after, "the profile");

    assert!(
        store
            .stored_conversation::<Value>("session_other")
            .expect("readable")
            .is_none(),
        "a conversation never stored is not there"
    );
    assert!(
        store
            .stored_thread::<Value>("session_other")
            .expect("readable")
            .is_none(),
        "a thread with no stored message is not there"
    );
}

#[test]
fn storing_an_unchanged_thread_again_moves_its_stored_time_without_counting_a_change() {
    let (_dir, mut store) = store();
    let hello = message("session_1", 1, 1_000, "Hello");
    store
        .upsert_messages(std::slice::from_ref(&hello))
        .expect("written");
    let first = store
        .stored_thread::<Value>("session_1")
        .expect("readable")
        .expect("stored")
        .stored_at
        .expect("a time");
    // The clock must move past the first write's millisecond; a busy wait on the clock, not a sleep.
    while now_ms() <= first {
        std::hint::spin_loop();
    }
    let written = store.upsert_messages(&[hello]).expect("written");
    assert_eq!(written, 0, "the same message again changes nothing");
    let second = store
        .stored_thread::<Value>("session_1")
        .expect("readable")
        .expect("stored")
        .stored_at
        .expect("a time");
    assert!(
        second > first,
        "the copy is known good as of the second write ({second} > {first})"
    );
    assert_eq!(
        store.search("hello", 10).expect("searchable").len(),
        1,
        "the message is still found exactly once"
    );
}

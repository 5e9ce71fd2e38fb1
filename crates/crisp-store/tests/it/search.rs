//! Search finds conversations by their fields and message text, highlights the match, and takes any input.

use crisp_store::{SearchHit, Store};

use crate::support::*;

/// The matched words of a hit's snippet.
fn matched(hit: &SearchHit) -> Vec<String> {
    hit.snippet
        .iter()
        .filter(|part| part.matched)
        .map(|part| part.text.to_lowercase())
        .collect()
}

fn filled() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = store();
    store
        .upsert_conversations(&[
            conversation("session_jane", 2_000, "Jane Doe", "jane.doe@example.com"),
            conversation("session_omar", 1_000, "Omar Haddad", "omar@shop.example"),
        ])
        .expect("written");
    store
        .upsert_messages(&[
            message(
                "session_omar",
                1,
                1_000,
                "My parcel never arrived, the tracking number is wrong",
            ),
            message("session_jane", 2, 2_000, "Thanks!"),
        ])
        .expect("written");
    (dir, store)
}

#[test]
fn search_finds_a_conversation_by_nickname_with_the_name_highlighted() {
    let (_dir, store) = filled();
    let hits = store.search("haddad", 10).expect("searchable");
    assert_eq!(hits.len(), 1, "only Omar is called Haddad: {hits:?}");
    assert_eq!(
        hits[0].session_id, "session_omar",
        "the nickname's conversation"
    );
    assert_eq!(
        matched(&hits[0]),
        ["haddad"],
        "the matching word is highlighted"
    );
}

#[test]
fn search_finds_a_conversation_by_email() {
    let (_dir, store) = filled();
    let hits = store
        .search("jane.doe@example.com", 10)
        .expect("searchable");
    assert_eq!(
        hits.iter()
            .map(|h| h.session_id.as_str())
            .collect::<Vec<_>>(),
        ["session_jane"],
        "a whole email address matches its conversation"
    );
}

#[test]
fn search_finds_a_conversation_by_message_text_and_names_the_message() {
    let (_dir, store) = filled();
    let hits = store.search("parcel track", 10).expect("searchable");
    assert_eq!(hits.len(), 1, "one message mentions a parcel: {hits:?}");
    assert_eq!(
        hits[0].session_id, "session_omar",
        "the message's conversation"
    );
    assert_eq!(hits[0].fingerprint, Some(1), "the matching message");
    assert_eq!(
        matched(&hits[0]),
        ["parcel", "tracking"],
        "both words are highlighted, the last as a prefix of what is typed"
    );
}

#[test]
fn search_finds_by_subject_and_segment_once_per_conversation() {
    let (_dir, store) = filled();
    let hits = store.search("billing", 10).expect("searchable");
    let ids: Vec<_> = hits.iter().map(|h| h.session_id.as_str()).collect();
    assert_eq!(
        ids.len(),
        2,
        "both conversations carry the billing segment: {ids:?}"
    );
    let hits = store.search("refund", 1).expect("searchable");
    assert_eq!(hits.len(), 1, "the limit holds");
}

#[test]
fn a_changed_nickname_is_found_by_the_new_name_only() {
    let (_dir, mut store) = filled();
    store
        .upsert_conversations(&[conversation(
            "session_omar",
            3_000,
            "Omar Renamed",
            "omar@shop.example",
        )])
        .expect("written");
    assert!(
        store.search("haddad", 10).expect("searchable").is_empty(),
        "the old name is forgotten"
    );
    assert_eq!(
        store.search("renamed", 10).expect("searchable").len(),
        1,
        "the new name is found"
    );
}

#[test]
fn fts_syntax_in_a_query_is_searched_for_never_an_error() {
    let (_dir, store) = filled();
    for query in [
        "\"",
        "\"jane",
        "jane\"",
        "*",
        "jane*",
        "(",
        ")",
        "jane OR",
        "OR",
        "AND NOT",
        "NEAR(jane omar)",
        "-jane",
        "^jane",
        "nickname:jane",
        "{nickname}: jane",
        "jane + doe",
        "'",
        ";",
        "",
        "   ",
        "\u{E000}jane\u{E001}",
    ] {
        let hits = store.search(query, 10);
        assert!(hits.is_ok(), "the query {query:?} must not fail: {hits:?}");
    }
    let hits = store.search("nickname:jane", 10).expect("searchable");
    assert!(
        hits.is_empty(),
        "a column filter is not interpreted: nobody's name holds 'nickname jane' in a row"
    );
    let hits = store.search("jane OR omar", 10).expect("searchable");
    assert!(
        hits.is_empty(),
        "OR is a word to find, not an operator (no row has jane, or… and omar): {hits:?}"
    );
}

#[test]
fn people_search_finds_a_profile_by_name_email_or_segment_with_the_words_highlighted() {
    let (_dir, mut store) = store();
    let mut omar = profile("people_omar", 1_000);
    omar["email"] = "omar@shop.example".into();
    omar["person"]["nickname"] = "Omar Haddad".into();
    omar["segments"] = serde_json::json!(["wholesale"]);
    store
        .upsert_people_profiles(&[profile("people_jane", 1_000), omar])
        .expect("written");
    let ids = |query: &str| -> Vec<String> {
        store
            .search_people(query, 10)
            .expect("searchable")
            .into_iter()
            .map(|hit| hit.people_id)
            .collect()
    };
    assert_eq!(ids("hadd"), ["people_omar"], "a name as it is typed");
    assert_eq!(ids("jane.doe@example"), ["people_jane"], "an email");
    assert_eq!(ids("wholesale"), ["people_omar"], "a segment");
    assert!(ids("nobody").is_empty(), "nothing else matches");
    let hits = store.search_people("haddad", 10).expect("searchable");
    assert_eq!(
        hits[0]
            .snippet
            .iter()
            .filter(|part| part.matched)
            .map(|part| part.text.as_str())
            .collect::<Vec<_>>(),
        ["Haddad"],
        "the matched word is the highlighted part"
    );
}

#[test]
fn people_search_follows_a_changed_profile_and_takes_fts_syntax_as_words() {
    let (_dir, mut store) = store();
    store
        .upsert_people_profiles(&[profile("people_jane", 1_000)])
        .expect("written");
    let mut renamed = profile("people_jane", 2_000);
    renamed["person"]["nickname"] = "Janet Smith".into();
    renamed["email"] = "janet@acme.example".into();
    store.upsert_people_profiles(&[renamed]).expect("written");
    assert!(
        store
            .search_people("doe", 10)
            .expect("searchable")
            .is_empty(),
        "the old name and email are forgotten"
    );
    assert_eq!(
        store.search_people("janet", 10).expect("searchable").len(),
        1,
        "the new name is found"
    );
    for query in ["\"", "*", "OR", "nickname:jane", "(", "NEAR(a b)"] {
        assert!(
            store.search_people(query, 10).is_ok(),
            "the query {query:?} must not fail"
        );
    }
}

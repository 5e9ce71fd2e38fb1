//! `limit` on paged operations: the client's paging stream, collected into one array of at most `limit` items;
//! `limit` itself never reaches Crisp.

use serde_json::{json, Value};

use crate::recorder::{Recorded, Recorder, Reply};
use crate::{crispdesk, SESSION};

/// Pages 1..=`pages` hold `size` items each, named `p{page}-{i}` under `key`; later pages are empty.
fn paged_server(key: &'static str, size: usize, pages: u32) -> Recorder {
    Recorder::start_with(move |request: &Recorded| {
        let page: u32 = request
            .path
            .rsplit('/')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let items: Vec<Value> = if (1..=pages).contains(&page) {
            (0..size)
                .map(|i| json!({ key: format!("p{page}-{i}") }))
                .collect()
        } else {
            Vec::new()
        };
        Reply::data(Value::Array(items))
    })
}

fn run(recorder: &Recorder, words: &[&str], input: Value) -> Vec<Value> {
    let output = crispdesk(recorder.base_url())
        .args(words)
        .args(["--json", &input.to_string()])
        .output()
        .expect("crispdesk runs");
    assert!(
        output.status.success(),
        "paging succeeds: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    printed
        .as_array()
        .cloned()
        .expect("with limit the output is one array")
}

fn names(items: &[Value], key: &str) -> Vec<String> {
    items
        .iter()
        .map(|item| item[key].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn limit_walks_pages_in_order_and_stops_at_limit_items() {
    for (words, key, input) in [
        (
            ["conversations", "search"],
            "session_id",
            json!({ "per_page": 20, "limit": 45 }),
        ),
        (
            ["people", "list"],
            "people_id",
            json!({ "per_page": 20, "limit": 45 }),
        ),
        (["visitors", "list"], "session_id", json!({ "limit": 45 })),
    ] {
        let recorder = paged_server(key, 20, 3);
        let items = run(&recorder, &words, input);
        let expected: Vec<String> = (1..=3)
            .flat_map(|page| (0..20).map(move |i| format!("p{page}-{i}")))
            .take(45)
            .collect();
        assert_eq!(
            names(&items, key),
            expected,
            "`{}` prints the first 45 items in page order",
            words.join(" ")
        );
        let requests = recorder.requests();
        let mut pages: Vec<&str> = requests
            .iter()
            .filter_map(|r| r.path.rsplit('/').next())
            .collect();
        pages.sort_unstable();
        let before = pages.len();
        pages.dedup();
        assert_eq!(before, pages.len(), "no page is fetched twice: {pages:?}");
        for request in &requests {
            assert!(
                request.query.iter().all(|(name, _)| name != "limit"),
                "limit is ours, never sent to Crisp: {:?}",
                request.query
            );
        }
    }
}

#[test]
fn limit_beyond_the_data_stops_at_the_first_empty_or_short_page() {
    let recorder = paged_server("session_id", 20, 2);
    let items = run(
        &recorder,
        &["conversations", "search"],
        json!({ "per_page": 20, "limit": 1000 }),
    );
    assert_eq!(
        items.len(),
        40,
        "both full pages are printed and nothing more"
    );
}

/// A history of 15 messages served 5 at a time, newest batch first, with `timestamp_before` exclusive; 206 while
/// older messages remain.
fn history_server() -> Recorder {
    Recorder::start_with(|request: &Recorded| {
        let before: u64 = request
            .query
            .iter()
            .find(|(name, _)| name == "timestamp_before")
            .and_then(|(_, value)| value.parse().ok())
            .unwrap_or(u64::MAX);
        let all: Vec<(u64, u64)> = [1_000_u64, 2_000, 3_000]
            .iter()
            .flat_map(|start| (0..5).map(move |i| (start + i, start + i * 10)))
            .collect();
        let older: Vec<&(u64, u64)> = all
            .iter()
            .filter(|(_, timestamp)| *timestamp < before)
            .collect();
        let batch = &older[older.len().saturating_sub(5)..];
        let data: Vec<Value> = batch
            .iter()
            .map(|(fingerprint, timestamp)| {
                json!({ "session_id": SESSION, "fingerprint": fingerprint, "timestamp": timestamp, "content": "x" })
            })
            .collect();
        let status = if older.len() > batch.len() { 206 } else { 200 };
        Reply {
            status,
            body: Some(json!({ "error": false, "reason": "resolved", "data": data })),
        }
    })
}

#[test]
fn messages_list_with_limit_walks_history_back_to_the_start() {
    let recorder = history_server();
    let items = run(
        &recorder,
        &["messages", "list"],
        json!({ "session_id": SESSION, "limit": 1000 }),
    );
    let mut fingerprints: Vec<u64> = items
        .iter()
        .filter_map(|m| m["fingerprint"].as_u64())
        .collect();
    fingerprints.sort_unstable();
    let expected: Vec<u64> = [1_000, 2_000, 3_000]
        .iter()
        .flat_map(|s| (0..5).map(move |i| s + i))
        .collect();
    assert_eq!(
        fingerprints, expected,
        "every message of the history is printed once, back to the first"
    );
    let requests = recorder.requests();
    assert!(
        requests.len() < 10,
        "a 200 batch ends the walk: {} requests",
        requests.len()
    );
    assert!(
        requests[0].query.is_empty(),
        "the walk starts at the latest batch"
    );

    let recorder = history_server();
    let items = run(
        &recorder,
        &["messages", "list"],
        json!({ "session_id": SESSION, "limit": 3 }),
    );
    assert_eq!(items.len(), 3, "limit caps the history");
    assert_eq!(
        recorder.requests().len(),
        1,
        "one batch holds enough messages for the limit"
    );
}

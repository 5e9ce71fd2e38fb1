//! Exports: a thread or a list as JSON, CSV (formula-safe) and a transcript with local times and senders' names.

use chrono::FixedOffset;
use crisp_store::{export_conversations, export_thread, ExportFormat};
use serde_json::{json, Value};

use crate::support::*;

/// UTC+1, as Paris in winter: local times in the export are an hour after the UTC ones.
fn paris() -> FixedOffset {
    FixedOffset::east_opt(3_600).expect("a valid offset")
}

/// 2024-12-05 10:00:00 UTC.
const TEN_UTC: u64 = 1_733_392_800_000;

fn thread() -> (Value, Vec<Value>) {
    let conversation = conversation("session_1", TEN_UTC, "Jane Doe", "jane@example.com");
    let mut answer = message(
        "session_1",
        2,
        TEN_UTC + 90_000,
        "=HYPERLINK(\"http://evil\")\nsecond line",
    );
    answer["from"] = "operator".into();
    answer["user"] = json!({ "type": "website", "nickname": "Olive Owner" });
    let mut nameless = message("session_1", 3, TEN_UTC + 120_000, "+1 call me");
    nameless["user"] = json!({});
    (
        conversation,
        vec![
            message("session_1", 1, TEN_UTC, "Where is my refund?"),
            answer,
            nameless,
        ],
    )
}

fn rows(csv: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|record| {
            record
                .expect("a CSV row")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

#[test]
fn a_thread_transcript_shows_local_times_and_senders_names() {
    let (conversation, messages) = thread();
    let transcript = export_thread(
        ExportFormat::Transcript,
        Some(&conversation),
        &messages,
        &paris(),
    )
    .expect("exported");
    assert_eq!(
        transcript,
        "Conversation with Jane Doe <jane@example.com>: Refund for order 1042\n\
         Session session_1\n\
         \n\
         [2024-12-05 11:00] Jane Doe: Where is my refund?\n\
         [2024-12-05 11:01] Olive Owner: =HYPERLINK(\"http://evil\")\n    second line\n\
         [2024-12-05 11:02] Visitor: +1 call me\n",
        "local times (UTC+1), each sender's name (Visitor when Crisp gave none), later lines indented"
    );
}

#[test]
fn a_thread_csv_has_a_row_per_message_and_never_a_formula() {
    let (conversation, messages) = thread();
    let csv = export_thread(ExportFormat::Csv, Some(&conversation), &messages, &paris())
        .expect("exported");
    assert!(
        csv.starts_with("time,timestamp,fingerprint,from,sender,type,text\n"),
        "the header names the columns: {csv}"
    );
    let rows = rows(&csv);
    assert_eq!(rows.len(), 3, "one row per message");
    assert_eq!(
        rows[0],
        [
            "2024-12-05 11:00",
            &TEN_UTC.to_string(),
            "1",
            "user",
            "Jane Doe",
            "text",
            "Where is my refund?"
        ],
        "the first message's row"
    );
    assert_eq!(
        rows[1][6], "'=HYPERLINK(\"http://evil\")\nsecond line",
        "a text starting like a formula is written behind a quote, its newline and quotes escaped by CSV"
    );
    assert_eq!(rows[2][6], "'+1 call me", "a leading + is guarded too");
}

#[test]
fn a_thread_as_json_is_the_conversation_and_messages_as_stored() {
    let (conversation, messages) = thread();
    let exported = export_thread(ExportFormat::Json, Some(&conversation), &messages, &paris())
        .expect("exported");
    let back: Value = serde_json::from_str(&exported).expect("valid JSON");
    assert_eq!(
        back,
        json!({ "conversation": conversation, "messages": messages }),
        "every field, unknown ones too"
    );
}

#[test]
fn a_list_exports_a_row_per_conversation_or_every_thread_in_turn() {
    let (jane, jane_thread) = thread();
    let mut omar = conversation("session_2", TEN_UTC, "@Omar", "omar@shop.example");
    omar["meta"]["subject"] = Value::Null;
    let list = vec![(jane.clone(), jane_thread), (omar.clone(), Vec::new())];

    let csv = export_conversations(ExportFormat::Csv, &list, &paris()).expect("exported");
    assert!(
        csv.starts_with("session_id,nickname,email,subject,state,segments,created,updated,unread,last_message\n"),
        "the header names the columns: {csv}"
    );
    let rows = rows(&csv);
    assert_eq!(rows.len(), 2, "one row per conversation");
    assert_eq!(
        rows[0],
        [
            "session_1",
            "Jane Doe",
            "jane@example.com",
            "Refund for order 1042",
            "unresolved",
            "vip, billing",
            "2024-12-04 09:13",
            "2024-12-05 11:00",
            "2",
            "Where is my refund?"
        ],
        "Jane's row, times local"
    );
    assert_eq!(
        rows[1][1], "'@Omar",
        "a nickname starting with @ is guarded"
    );
    assert_eq!(rows[1][3], "", "an absent subject is an empty cell");

    let transcript =
        export_conversations(ExportFormat::Transcript, &list, &paris()).expect("exported");
    assert!(
        transcript.contains("[2024-12-05 11:00] Jane Doe: Where is my refund?")
            && transcript
                .contains("Conversation with @Omar <omar@shop.example>\nSession session_2"),
        "every conversation's thread in turn: {transcript}"
    );

    let json: Value = serde_json::from_str(
        &export_conversations(ExportFormat::Json, &list, &paris()).expect("exported"),
    )
    .expect("valid JSON");
    assert_eq!(json, json!([jane, omar]), "the conversations as stored");
}

//! A thread or a list of conversations written out as JSON, CSV or a plain-text transcript, from what the store
//! keeps. Pure: the caller reads the store and chooses the time zone (the app: the user's local one).
//!
//! CSV cells that a spreadsheet would run as a formula are guarded the way the people CSV export guards them
//! (`crisp_people_csv::columns::guard`), so opening an export never runs what a visitor typed.

use chrono::TimeZone;
use crisp_people_csv::columns::guard;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};

/// The file an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// The objects exactly as stored.
    Json,
    /// One row per message (a thread) or per conversation (a list).
    Csv,
    /// Plain text for people: each message with its local time and sender's name.
    Transcript,
}

impl ExportFormat {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
            ExportFormat::Transcript => "txt",
        }
    }
}

/// The columns of a thread's CSV.
pub const THREAD_COLUMNS: [&str; 7] = [
    "time",
    "timestamp",
    "fingerprint",
    "from",
    "sender",
    "type",
    "text",
];

/// The columns of a conversation list's CSV.
pub const LIST_COLUMNS: [&str; 10] = [
    "session_id",
    "nickname",
    "email",
    "subject",
    "state",
    "segments",
    "created",
    "updated",
    "unread",
    "last_message",
];

/// One conversation's thread (`messages` oldest first, with the conversation when stored) in `format`.
pub fn export_thread<Tz: TimeZone>(
    format: ExportFormat,
    conversation: Option<&Value>,
    messages: &[Value],
    zone: &Tz,
) -> Result<String>
where
    Tz::Offset: std::fmt::Display,
{
    match format {
        ExportFormat::Json => Ok(serde_json::to_string_pretty(&serde_json::json!({
            "conversation": conversation,
            "messages": messages,
        }))?),
        ExportFormat::Csv => {
            let rows = messages.iter().map(|message| {
                vec![
                    guard(local_time(message.get("timestamp"), zone)),
                    number(message.get("timestamp")),
                    number(message.get("fingerprint")),
                    guard(text_of(message.get("from"))),
                    guard(sender(message)),
                    guard(text_of(message.get("type"))),
                    guard(message_text(message)),
                ]
            });
            csv(&THREAD_COLUMNS, rows)
        }
        ExportFormat::Transcript => Ok(transcript(conversation, messages, zone)),
    }
}

/// A list of conversations, each with its stored thread, in `format`: JSON is the conversations as stored, CSV one
/// row per conversation, the transcript every thread one after the other.
pub fn export_conversations<Tz: TimeZone>(
    format: ExportFormat,
    conversations: &[(Value, Vec<Value>)],
    zone: &Tz,
) -> Result<String>
where
    Tz::Offset: std::fmt::Display,
{
    match format {
        ExportFormat::Json => {
            let list: Vec<&Value> = conversations.iter().map(|(c, _)| c).collect();
            Ok(serde_json::to_string_pretty(&list)?)
        }
        ExportFormat::Csv => {
            let rows = conversations.iter().map(|(conversation, _)| {
                let meta = conversation.get("meta");
                let field = |name: &str| guard(text_of(meta.and_then(|m| m.get(name))));
                let segments = meta
                    .and_then(|m| m.get("segments"))
                    .and_then(Value::as_array)
                    .map(|items| {
                        items
                            .iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default();
                vec![
                    guard(text_of(conversation.get("session_id"))),
                    field("nickname"),
                    field("email"),
                    field("subject"),
                    guard(text_of(conversation.get("state"))),
                    guard(segments),
                    guard(local_time(conversation.get("created_at"), zone)),
                    guard(local_time(conversation.get("updated_at"), zone)),
                    number(conversation.get("unread").and_then(|u| u.get("operator"))),
                    guard(text_of(conversation.get("last_message"))),
                ]
            });
            csv(&LIST_COLUMNS, rows)
        }
        ExportFormat::Transcript => Ok(conversations
            .iter()
            .map(|(conversation, messages)| transcript(Some(conversation), messages, zone))
            .collect::<Vec<_>>()
            .join("\n\n")),
    }
}

/// The header naming the conversation, then one line per message: `[local time] Sender: text`, the text's later
/// lines indented under it.
fn transcript<Tz: TimeZone>(conversation: Option<&Value>, messages: &[Value], zone: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let mut out = String::new();
    if let Some(conversation) = conversation {
        let meta = conversation.get("meta");
        let field = |name: &str| text_of(meta.and_then(|m| m.get(name)));
        let mut title = format!("Conversation with {}", or(field("nickname"), "a visitor"));
        let email = field("email");
        if !email.is_empty() {
            title.push_str(&format!(" <{email}>"));
        }
        let subject = field("subject");
        if !subject.is_empty() {
            title.push_str(&format!(": {subject}"));
        }
        out.push_str(&title);
        out.push('\n');
        out.push_str(&format!(
            "Session {}\n\n",
            text_of(conversation.get("session_id"))
        ));
    }
    for message in messages {
        let mut name = sender(message);
        if text_of(message.get("type")) == "note" {
            name.push_str(" (private note)");
        }
        let text = message_text(message).replace('\n', "\n    ");
        out.push_str(&format!(
            "[{}] {name}: {text}\n",
            local_time(message.get("timestamp"), zone)
        ));
    }
    out
}

/// Who sent a message: the nickname Crisp gave it, else "Visitor" or "Operator".
pub fn sender(message: &Value) -> String {
    let nickname = text_of(message.get("user").and_then(|user| user.get("nickname")));
    if !nickname.is_empty() {
        return nickname;
    }
    match message.get("from").and_then(Value::as_str) {
        Some("operator") => "Operator".to_owned(),
        _ => "Visitor".to_owned(),
    }
}

/// What a message says: its text, or for other kinds the words (or name, or link) their content carries, with the
/// kind in brackets; anything else as compact JSON.
pub fn message_text(message: &Value) -> String {
    let kind = text_of(message.get("type"));
    match message.get("content") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(Value::Object(content)) => {
            let words = ["text", "name", "url"]
                .iter()
                .find_map(|key| content.get(*key).and_then(Value::as_str))
                .map(str::to_owned)
                .unwrap_or_else(|| Value::Object(content.clone()).to_string());
            format!("[{kind}] {words}")
        }
        Some(other) => other.to_string(),
    }
}

/// A millisecond time as `YYYY-MM-DD HH:MM` in `zone`; empty when absent.
pub fn local_time<Tz: TimeZone>(ms: Option<&Value>, zone: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    ms.and_then(Value::as_i64)
        .and_then(|ms| zone.timestamp_millis_opt(ms).single())
        .map(|at| at.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

fn text_of(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}

fn number(value: Option<&Value>) -> String {
    value
        .filter(|value| value.is_number())
        .map(Value::to_string)
        .unwrap_or_default()
}

fn or(text: String, fallback: &str) -> String {
    if text.is_empty() {
        fallback.to_owned()
    } else {
        text
    }
}

fn csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |error: csv::Error| Error::Io(std::io::Error::other(error));
    writer.write_record(header).map_err(failed)?;
    for row in rows {
        writer.write_record(&row).map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| Error::Io(std::io::Error::other(error.to_string())))?;
    String::from_utf8(bytes).map_err(|error| Error::Io(std::io::Error::other(error)))
}

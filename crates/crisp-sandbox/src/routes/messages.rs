//! §3.7–§3.9 messages: history in batches (206 while older messages exist), send, get, edit, remove.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{json, Map, Value};

use crate::conventions::{self, reasons, MESSAGE_TYPES};
use crate::envelope::{Answer, ApiError, Done};
use crate::params::{Body, Fields, Ids, Query};
use crate::state::Shared;
use crate::store::{now_ms, Message, Store};

fn missing_conversation() -> ApiError {
    ApiError::not_found("the conversation")
}

fn missing_message() -> ApiError {
    ApiError::not_found("the message")
}

fn fingerprint(ids: &Ids) -> Result<i64, ApiError> {
    ids.get("fingerprint")
        .parse()
        .map_err(|_| ApiError::no_route())
}

/// `GET .../messages`: one batch, oldest first; 206 when older messages exist, 200 when it reaches the start.
pub async fn list(State(shared): State<Arc<Shared>>, ids: Ids, query: Query) -> Answer {
    let before = query.millis("timestamp_before")?;
    let after = query.millis("timestamp_after")?;
    let around = query.millis("timestamp_around")?;
    if [before, after, around]
        .iter()
        .filter(|value| value.is_some())
        .count()
        > 1
    {
        return Err(ApiError::invalid(
            "query should have only one of timestamp_before, timestamp_after, timestamp_around",
        ));
    }
    let store = shared.read();
    let conversation = store
        .conversation(ids.get("session_id"))
        .ok_or_else(missing_conversation)?;
    let messages = store.thread(conversation);
    let batch = conventions::MESSAGE_BATCH;
    let (start, end) = if let Some(before) = before {
        let end = messages.partition_point(|message| message.timestamp < before);
        (end.saturating_sub(batch), end)
    } else if let Some(after) = after {
        let start = messages.partition_point(|message| message.timestamp <= after);
        (start, (start + batch).min(messages.len()))
    } else if let Some(around) = around {
        let middle = messages.partition_point(|message| message.timestamp < around);
        let start = middle.saturating_sub(batch / 2);
        (start, (start + batch).min(messages.len()))
    } else {
        (messages.len().saturating_sub(batch), messages.len())
    };
    let website_id = &store.website.website_id;
    let data: Vec<Value> = messages[start..end]
        .iter()
        .map(|message| message.to_json(&conversation.session_id, website_id))
        .collect();
    let status = if start > 0 && start < end {
        StatusCode::PARTIAL_CONTENT
    } else {
        StatusCode::OK
    };
    Ok(Done::data(reasons::RESOLVED, Value::Array(data)).with_status(status))
}

fn wrong(path: &str, kind: &str) -> ApiError {
    ApiError::invalid(format!("{path} should be {kind}"))
}

/// Checks `content` against the shape of `kind` (§3.8).
fn check_content(kind: &str, content: &Value, path: &str) -> Result<(), ApiError> {
    if matches!(kind, "text" | "note") {
        return match content.as_str() {
            Some(text) if !text.trim().is_empty() => Ok(()),
            Some(_) => Err(ApiError::invalid(format!(
                "{path} should NOT be shorter than 1 characters"
            ))),
            None => Err(wrong(path, "string")),
        };
    }
    let map = content.as_object().ok_or_else(|| wrong(path, "object"))?;
    let fields = Fields::new(map, path);
    match kind {
        "file" => {
            fields.required_str("name")?;
            fields.required_str("url")?;
            fields.required_str("type")?;
        }
        "animation" => {
            fields.required_str("url")?;
            fields.required_str("type")?;
        }
        "audio" => {
            fields.required_str("url")?;
            fields.required_str("type")?;
            fields.required("duration")?;
            fields.number("duration")?;
        }
        "picker" => {
            fields.required_str("id")?;
            fields.required_str("text")?;
            fields.bool("required")?;
            let choices = fields
                .array("choices")?
                .ok_or_else(|| ApiError::required(path, "choices"))?;
            for (index, choice) in choices.iter().enumerate() {
                let at = format!("{path}.choices[{index}]");
                let choice = choice.as_object().ok_or_else(|| wrong(&at, "object"))?;
                let choice = Fields::new(choice, &at);
                choice.required_str("value")?;
                choice.required_str("label")?;
                choice.bool("selected")?;
                choice.str("icon")?;
                if let Some(action) = choice.object("action")? {
                    action.str("type")?;
                    action.str("target")?;
                }
            }
        }
        "field" => {
            fields.required_str("id")?;
            fields.required_str("text")?;
            fields.required_str("explain")?;
            fields.str("value")?;
            fields.bool("required")?;
        }
        "carousel" => {
            fields.required_str("text")?;
            let targets = fields
                .array("targets")?
                .ok_or_else(|| ApiError::required(path, "targets"))?;
            for (index, target) in targets.iter().enumerate() {
                let at = format!("{path}.targets[{index}]");
                let target = target.as_object().ok_or_else(|| wrong(&at, "object"))?;
                let target = Fields::new(target, &at);
                target.required_str("title")?;
                target.required_str("description")?;
                target.str("image")?;
                let actions = target
                    .array("actions")?
                    .ok_or_else(|| ApiError::required(&at, "actions"))?;
                for (number, action) in actions.iter().enumerate() {
                    let at = format!("{at}.actions[{number}]");
                    let action = action.as_object().ok_or_else(|| wrong(&at, "object"))?;
                    let action = Fields::new(action, &at);
                    action.required_str("label")?;
                    action.required_str("url")?;
                }
            }
        }
        "event" => {
            fields.required_str("namespace")?;
            fields.str("text")?;
        }
        _ => {}
    }
    Ok(())
}

/// Checks a send body and builds the message (without its fingerprint when none was given).
fn message_from(
    body: &Map<String, Value>,
    store: &Store,
    session_id: &str,
) -> Result<Message, ApiError> {
    let fields = Fields::new(body, "data");
    let kind = fields.required_str("type")?;
    if !MESSAGE_TYPES.contains(&kind) {
        return Err(ApiError::invalid(format!(
            "data.type should be equal to one of the allowed values: {}",
            MESSAGE_TYPES.join(", ")
        )));
    }
    let from = fields.required_str("from")?;
    if from != "user" && from != "operator" {
        return Err(ApiError::invalid(
            "data.from should be equal to one of the allowed values: user, operator",
        ));
    }
    let origin = fields.required_str("origin")?;
    if !(origin == "chat" || origin == "email" || origin.starts_with("urn:")) {
        return Err(ApiError::invalid(
            "data.origin should match pattern \"^(chat|email|urn:.+)$\"",
        ));
    }
    let content = fields.required("content")?;
    check_content(kind, content, "data.content")?;
    fields.only(&[
        "type",
        "from",
        "origin",
        "content",
        "fingerprint",
        "user",
        "mentions",
        "references",
        "original",
        "properties",
        "timestamp",
        "stealth",
        "translated",
        "automated",
    ])?;
    let fingerprint = fields.int("fingerprint")?;
    let mentions = fields.strings("mentions")?.unwrap_or_default();
    let timestamp = match fields.int("timestamp")? {
        Some(timestamp) => u64::try_from(timestamp)
            .ok()
            .filter(|timestamp| *timestamp > 0)
            .ok_or_else(|| ApiError::invalid("data.timestamp should be >= 1"))?,
        None => now_ms(),
    };
    fields.bool("stealth")?;
    let translated = fields.bool("translated")?.unwrap_or(false);
    let automated = fields.bool("automated")?.unwrap_or(false);
    let mut extra = Map::new();
    if let Some(references) = fields.array("references")? {
        for (index, reference) in references.iter().enumerate() {
            if !reference.is_object() {
                return Err(wrong(&format!("data.references[{index}]"), "object"));
            }
        }
        extra.insert("references".into(), Value::Array(references.clone()));
    }
    if let Some(original) = fields.object("original")? {
        original.str("original_id")?;
        extra.insert("original".into(), body["original"].clone());
    }
    if fields.object("properties")?.is_some() {
        extra.insert("properties".into(), body["properties"].clone());
    }
    let conversation = store
        .conversation(session_id)
        .ok_or_else(missing_conversation)?;
    let mut user = if from == "user" {
        json!({
            "type": "participant",
            "user_id": session_id,
            "nickname": conversation.meta.get("nickname").unwrap_or("Visitor"),
        })
    } else {
        match store.operators.first() {
            Some(owner) => json!({
                "type": "website",
                "user_id": owner.user_id,
                "nickname": owner.nickname(),
                "avatar": owner.avatar,
            }),
            None => json!({ "type": "website", "nickname": store.website.name }),
        }
    };
    if let Some(custom) = fields.object("user")? {
        custom.only(&["type", "nickname", "avatar"])?;
        for name in ["type", "nickname", "avatar"] {
            if let Some(value) = custom.str(name)? {
                user[name] = json!(value);
            }
        }
    }
    Ok(Message {
        fingerprint: fingerprint.unwrap_or(0),
        kind: kind.to_owned(),
        from: from.to_owned(),
        origin: origin.to_owned(),
        content: content.clone(),
        timestamp,
        user,
        mentions,
        read: None,
        delivered: None,
        edited: false,
        translated,
        automated,
        extra,
    })
}

/// `POST .../message`: checks and stores the message; a fingerprint is chosen when none is given.
pub async fn send(State(shared): State<Arc<Shared>>, ids: Ids, Body(body): Body) -> Answer {
    let session_id = ids.get("session_id");
    let mut store = shared.write();
    let mut message = message_from(&body, &store, session_id)?;
    if !body.get("fingerprint").is_some_and(Value::is_i64) {
        message.fingerprint = store.fingerprint(now_ms());
    }
    let fingerprint = message.fingerprint;
    store
        .deliver(session_id, message)
        .ok_or_else(missing_conversation)?;
    Ok(Done::data(
        reasons::DISPATCHED,
        json!({ "fingerprint": fingerprint }),
    ))
}

/// `GET .../message/{fingerprint}`.
pub async fn get(State(shared): State<Arc<Shared>>, ids: Ids) -> Answer {
    let fingerprint = fingerprint(&ids)?;
    let store = shared.read();
    let conversation = store
        .conversation(ids.get("session_id"))
        .ok_or_else(missing_conversation)?;
    let messages = store.thread(conversation);
    let message = messages
        .iter()
        .find(|message| message.fingerprint == fingerprint)
        .ok_or_else(missing_message)?;
    Ok(Done::data(
        reasons::RESOLVED,
        message.to_json(&conversation.session_id, &store.website.website_id),
    ))
}

/// `PATCH .../message/{fingerprint}`: `{ content }` in the shape of the message's type.
pub async fn update(State(shared): State<Arc<Shared>>, ids: Ids, Body(body): Body) -> Answer {
    let fingerprint = fingerprint(&ids)?;
    let fields = Fields::new(&body, "data");
    fields.only(&["content"])?;
    let content = fields.required("content")?.clone();
    let mut store = shared.write();
    let done = store
        .with_thread(ids.get("session_id"), |conversation, messages| {
            let message = messages
                .iter_mut()
                .find(|message| message.fingerprint == fingerprint)
                .ok_or_else(missing_message)?;
            check_content(&message.kind, &content, "data.content")?;
            message.content = content.clone();
            message.edited = true;
            Store::resummarize(conversation, messages);
            Ok(Done::empty(reasons::UPDATED))
        })
        .ok_or_else(missing_conversation)??;
    store.record(
        "message:updated",
        json!({ "session_id": ids.get("session_id"), "fingerprint": fingerprint, "content": content }),
    );
    Ok(done)
}

/// `DELETE .../message/{fingerprint}`.
pub async fn remove(State(shared): State<Arc<Shared>>, ids: Ids) -> Answer {
    let fingerprint = fingerprint(&ids)?;
    let mut store = shared.write();
    let done = store
        .with_thread(ids.get("session_id"), |conversation, messages| {
            let index = messages
                .iter()
                .position(|message| message.fingerprint == fingerprint)
                .ok_or_else(missing_message)?;
            messages.remove(index);
            Store::resummarize(conversation, messages);
            Ok(Done::empty(reasons::DELETED))
        })
        .ok_or_else(missing_conversation)??;
    store.record(
        "message:removed",
        json!({ "session_id": ids.get("session_id"), "fingerprint": fingerprint }),
    );
    Ok(done)
}

//! Visitor traffic on demand: `/_sandbox/inject/message`, `/_sandbox/inject/conversation` and
//! `/_sandbox/inject/compose` (someone typing, pushed as `message:compose:send|receive`).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::reply::{bad, parse, ControlError};
use crate::seed;
use crate::state::Shared;
use crate::store::{now_ms, Conversation, ConversationState, Message, Store};

/// The `/_sandbox/inject/*` routes.
pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/inject/message", post(inject_message))
        .route("/inject/conversation", post(inject_conversation))
        .route("/inject/compose", post(inject_compose))
}

/// Someone typing in a conversation: nothing is stored, the socket gets `message:compose:send` (the visitor)
/// or `message:compose:receive` (an operator).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InjectCompose {
    session_id: String,
    /// `user` (default) or `operator`.
    #[serde(default = "user")]
    from: String,
    /// `start` (default) or `stop`.
    #[serde(default = "start", rename = "type")]
    kind: String,
    /// What has been typed so far.
    excerpt: Option<String>,
}

fn user() -> String {
    "user".to_owned()
}

fn start() -> String {
    "start".to_owned()
}

async fn inject_compose(
    State(shared): State<Arc<Shared>>,
    bytes: Bytes,
) -> Result<Json<Value>, ControlError> {
    let compose: InjectCompose = parse(&bytes)?;
    let event = match compose.from.as_str() {
        "user" => "message:compose:send",
        "operator" => "message:compose:receive",
        _ => return Err(bad("from must be user or operator")),
    };
    if compose.kind != "start" && compose.kind != "stop" {
        return Err(bad("type must be start or stop"));
    }
    let mut store = shared.write();
    if store.conversation(&compose.session_id).is_none() {
        return Err(ControlError(
            StatusCode::NOT_FOUND,
            format!("no conversation {}", compose.session_id),
        ));
    }
    let mut data = json!({
        "session_id": compose.session_id,
        "type": compose.kind,
        "timestamp": now_ms(),
    });
    if let Some(excerpt) = compose.excerpt {
        data["excerpt"] = json!(excerpt);
    }
    store.record(event, data);
    Ok(Json(json!({ "event": event })))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
/// A visitor message to inject; every field is optional (random content and visitor when absent).
pub struct InjectMessage {
    /// Into this conversation, or a new one when `None`.
    pub session_id: Option<String>,
    /// The message text.
    pub content: Option<String>,
    /// The new conversation's visitor name.
    pub nickname: Option<String>,
    /// The new conversation's visitor email.
    pub email: Option<String>,
}

async fn inject_message(
    State(shared): State<Arc<Shared>>,
    bytes: Bytes,
) -> Result<Json<Value>, ControlError> {
    let request: InjectMessage = parse(&bytes)?;
    let mut store = shared.write();
    let (session_id, fingerprint) = inject(&mut store, request)?;
    Ok(Json(
        json!({ "session_id": session_id, "fingerprint": fingerprint }),
    ))
}

async fn inject_conversation(
    State(shared): State<Arc<Shared>>,
    bytes: Bytes,
) -> Result<Json<Value>, ControlError> {
    let mut request: InjectMessage = parse(&bytes)?;
    if request.session_id.is_some() {
        return Err(bad(
            "inject/conversation always starts a new conversation; leave out session_id",
        ));
    }
    request.session_id = None;
    let mut store = shared.write();
    let (session_id, fingerprint) = inject(&mut store, request)?;
    Ok(Json(
        json!({ "session_id": session_id, "fingerprint": fingerprint }),
    ))
}

/// A visitor message, into `session_id` or a new conversation. Shared with `live`.
pub fn inject(store: &mut Store, request: InjectMessage) -> Result<(String, i64), ControlError> {
    let now = now_ms();
    let content = match request.content {
        Some(content) if !content.trim().is_empty() => content,
        Some(_) => return Err(bad("content must not be empty")),
        None => seed::visitor_line(&mut store.rng),
    };
    let session_id = match request.session_id {
        Some(session_id) => {
            if store.conversation(&session_id).is_none() {
                return Err(ControlError(
                    StatusCode::NOT_FOUND,
                    format!("no conversation {session_id}"),
                ));
            }
            session_id
        }
        None => new_conversation(store, request.nickname, request.email, now),
    };
    let nickname = store
        .conversation(&session_id)
        .and_then(|conversation| conversation.meta.get("nickname"))
        .unwrap_or("Visitor")
        .to_owned();
    let fingerprint = store.fingerprint(now);
    let message = Message {
        fingerprint,
        kind: "text".into(),
        from: "user".into(),
        origin: "chat".into(),
        content: Value::String(content),
        timestamp: now,
        user: json!({ "type": "participant", "user_id": session_id, "nickname": nickname }),
        mentions: Vec::new(),
        read: None,
        delivered: Some("chat".into()),
        edited: false,
        translated: false,
        automated: false,
        extra: serde_json::Map::new(),
    };
    store.deliver(&session_id, message);
    Ok((session_id, fingerprint))
}

fn new_conversation(
    store: &mut Store,
    nickname: Option<String>,
    email: Option<String>,
    now: u64,
) -> String {
    let (random_nickname, random_email) = seed::visitor_identity(&mut store.rng);
    let session_id = seed::session_id(&mut store.rng);
    let mut conversation = Conversation::empty(session_id.clone(), now);
    let email = email.unwrap_or(random_email);
    let profile = store
        .profile_by_email(&email)
        .map(|profile| profile.people_id.clone());
    conversation.people_id = profile;
    conversation
        .meta
        .set("nickname", Some(nickname.unwrap_or(random_nickname)));
    conversation.meta.set("email", Some(email));
    conversation.state = ConversationState::Pending;
    conversation.refresh_search();
    let visitor = json!({
        "session_id": session_id,
        "inbox_id": null,
        "nickname": conversation.meta.get("nickname"),
        "email": conversation.meta.get("email"),
        "avatar": "",
        "useragent": "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
        "initiated": true,
        "active": true,
        "last_page": { "page_title": "Contact — Acme Demo", "page_url": format!("https://{}/contact", store.website.domain) },
        "capabilities": ["browsing"],
        "locales": ["en"],
    });
    store.insert_conversation(conversation);
    if !store.visitors.is_empty() {
        let slot = store.rng.usize(..store.visitors.len());
        store.visitors[slot] = visitor;
    }
    session_id
}

//! §3.14 batch actions on many conversations: `PATCH .../batch/{resolve|unresolve|read|unread|remove|routing}`.
//!
//! Each validates its body as the single route does, then every session before changing any: an empty list is
//! 400 `invalid_data`, an unknown session 404 `not_found` naming it, and nothing changes (all or nothing is this
//! sandbox's choice; whether Crisp applies part of a batch is unconfirmed). `inbox_id` is accepted and not used.

use std::sync::Arc;

use axum::extract::State;
use serde_json::{json, Map, Value};

use super::conversations::{
    acknowledge, missing, read_assigned, set_routing, set_state, set_unread,
};
use crate::conventions::reasons;
use crate::envelope::{Answer, ApiError, Done};
use crate::params::{Body, Fields};
use crate::state::Shared;
use crate::store::{ConversationState, Store};

/// What a sessions-only batch does to each conversation.
#[derive(Debug, Clone, Copy)]
enum Action {
    Resolve,
    Unresolve,
    Read,
    Unread,
    Remove,
}

/// The body's `sessions`: required, non-empty, strings.
fn read_sessions(fields: &Fields<'_>) -> Result<Vec<String>, ApiError> {
    let sessions = fields
        .strings("sessions")?
        .ok_or_else(|| ApiError::required("data", "sessions"))?;
    if sessions.is_empty() {
        return Err(ApiError::invalid(
            "data.sessions should NOT have fewer than 1 items",
        ));
    }
    Ok(sessions)
}

/// Refuses the batch when a session is not a conversation of the website, naming it.
fn check_known(store: &Store, sessions: &[String]) -> Result<(), ApiError> {
    match sessions
        .iter()
        .find(|session| store.conversation(session).is_none())
    {
        Some(session) => Err(ApiError::not_found(&format!("the conversation {session}"))),
        None => Ok(()),
    }
}

fn apply(shared: &Shared, body: &Map<String, Value>, action: Action) -> Answer {
    let fields = Fields::new(body, "data");
    fields.only(&["sessions", "inbox_id"])?;
    fields.str("inbox_id")?;
    let sessions = read_sessions(&fields)?;
    let mut store = shared.write();
    check_known(&store, &sessions)?;
    let read = json!({ "from": "operator", "origin": "chat" });
    let read = read.as_object().expect("an object");
    for session in &sessions {
        match action {
            Action::Resolve => set_state(&mut store, session, ConversationState::Resolved)?,
            Action::Unresolve => set_state(&mut store, session, ConversationState::Unresolved)?,
            Action::Read => acknowledge(&mut store, session, read, true).map(drop)?,
            Action::Unread => set_unread(&mut store, session, "operator")?,
            Action::Remove => store
                .remove_conversation(session)
                .map(drop)
                .ok_or_else(missing)?,
        }
    }
    Ok(Done::empty(reasons::UPDATED))
}

/// `PATCH .../batch/resolve`: `{ sessions, inbox_id? }`.
pub async fn resolve(State(shared): State<Arc<Shared>>, Body(body): Body) -> Answer {
    apply(&shared, &body, Action::Resolve)
}

/// `PATCH .../batch/unresolve`: `{ sessions, inbox_id? }`.
pub async fn unresolve(State(shared): State<Arc<Shared>>, Body(body): Body) -> Answer {
    apply(&shared, &body, Action::Unresolve)
}

/// `PATCH .../batch/read`: `{ sessions, inbox_id? }`; the operator reads the visitor's messages.
pub async fn read(State(shared): State<Arc<Shared>>, Body(body): Body) -> Answer {
    apply(&shared, &body, Action::Read)
}

/// `PATCH .../batch/unread`: `{ sessions, inbox_id? }`; unread for the operator.
pub async fn unread(State(shared): State<Arc<Shared>>, Body(body): Body) -> Answer {
    apply(&shared, &body, Action::Unread)
}

/// `PATCH .../batch/remove`: `{ sessions, inbox_id? }`; removes them with their messages.
pub async fn remove(State(shared): State<Arc<Shared>>, Body(body): Body) -> Answer {
    apply(&shared, &body, Action::Remove)
}

/// `PATCH .../batch/routing`: `{ sessions, assigned: { user_id } | null }`.
pub async fn routing(State(shared): State<Arc<Shared>>, Body(body): Body) -> Answer {
    let fields = Fields::new(&body, "data");
    fields.only(&["sessions", "assigned"])?;
    let sessions = read_sessions(&fields)?;
    let mut store = shared.write();
    let user_id = read_assigned(&store, &body)?;
    check_known(&store, &sessions)?;
    for session in &sessions {
        set_routing(&mut store, session, user_id.clone())?;
    }
    Ok(Done::empty(reasons::UPDATED))
}

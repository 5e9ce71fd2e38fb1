//! §3.1–§3.6 conversations: create, search, get/exists/remove, state, meta, read/unread, routing.

use std::cmp::Ordering;
use std::sync::Arc;

use axum::extract::State;
use axum::Extension;
use serde_json::{json, Map, Value};

use crate::auth::Caller;
use crate::conventions::reasons;
use crate::envelope::{Answer, ApiError, Done};
use crate::params::{is_email, Body, Fields, Ids, Query};
use crate::search::{self, Filter};
use crate::state::Shared;
use crate::store::{now_ms, Conversation, ConversationState, Device, Store, META_STRINGS};
use crate::{seed, Tier};

pub(super) fn missing() -> ApiError {
    ApiError::not_found("the conversation")
}

/// Answers `resolved` with what `view` reads from the conversation `{session_id}` (404 when it is missing).
fn read_conversation(
    shared: &Shared,
    ids: &Ids,
    view: impl FnOnce(&Store, &Conversation) -> Value,
) -> Answer {
    let store = shared.read();
    let conversation = store
        .conversation(ids.get("session_id"))
        .ok_or_else(missing)?;
    Ok(Done::data(reasons::RESOLVED, view(&store, conversation)))
}

/// The conversation `{session_id}` to change (404 when it is missing).
fn conversation_mut<'a>(store: &'a mut Store, ids: &Ids) -> Result<&'a mut Conversation, ApiError> {
    store
        .conversation_mut(ids.get("session_id"))
        .ok_or_else(missing)
}

/// `POST .../conversation`: a new conversation with no message.
pub async fn create(State(shared): State<Arc<Shared>>) -> Answer {
    let mut store = shared.write();
    let session_id = seed::session_id(&mut store.rng);
    let now = now_ms();
    store.insert_conversation(Conversation::empty(session_id.clone(), now));
    store.record(
        "session:request:initiated",
        json!({ "session_id": session_id, "timestamp": now }),
    );
    Ok(Done::data(
        reasons::ADDED,
        json!({ "session_id": session_id }),
    ))
}

/// How to order the conversations list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    Updated,
    Created,
    Waiting,
}

/// The query of §3.2, read and checked.
#[derive(Debug)]
struct Search {
    include_empty: bool,
    text: Option<String>,
    segment: Option<String>,
    filter: Option<Filter>,
    inbox_id: Option<String>,
    unread: bool,
    resolved: bool,
    not_resolved: bool,
    mention: Option<Option<String>>,
    assigned: Option<String>,
    unassigned: bool,
    date_start: Option<u64>,
    date_end: Option<u64>,
    order: Order,
}

fn conversation_criterion(criterion: &str) -> bool {
    matches!(
        criterion,
        "state" | "last_message" | "people_id" | "inbox_id" | "session_id"
    ) || criterion.strip_prefix("meta.").is_some_and(|rest| {
        META_STRINGS.contains(&rest) || rest == "segments" || rest.starts_with("data.")
    })
}

fn conversation_values(conversation: &Conversation, criterion: &str) -> Vec<String> {
    let one = |value: Option<&str>| value.map(str::to_owned).into_iter().collect();
    match criterion {
        "state" => vec![conversation.state.as_str().to_owned()],
        "last_message" => vec![conversation.last_message.clone()],
        "people_id" => one(conversation.people_id.as_deref()),
        "inbox_id" => one(conversation.inbox_id.as_deref()),
        "session_id" => vec![conversation.session_id.clone()],
        "meta.segments" => conversation.meta.segments.clone(),
        other => match other.strip_prefix("meta.data.") {
            Some(key) => conversation
                .meta
                .data
                .get(key)
                .map(|value| search::values_at(&json!({ "v": value }), "v"))
                .unwrap_or_default(),
            None => one(other
                .strip_prefix("meta.")
                .and_then(|name| conversation.meta.get(name))),
        },
    }
}

impl Search {
    fn read(query: &Query, mention_user: Option<String>) -> Result<Self, ApiError> {
        let mut search = Self {
            include_empty: query.flag("include_empty")?,
            text: None,
            segment: None,
            filter: None,
            inbox_id: query.text("filter_inbox_id").map(str::to_owned),
            unread: query.flag("filter_unread")?,
            resolved: query.flag("filter_resolved")?,
            not_resolved: query.flag("filter_not_resolved")?,
            mention: query.flag("filter_mention")?.then_some(mention_user),
            assigned: query.text("filter_assigned").map(str::to_owned),
            unassigned: query.flag("filter_unassigned")?,
            date_start: query.date("filter_date_start")?,
            date_end: query.date("filter_date_end")?,
            order: if query.flag("order_date_waiting")? {
                Order::Waiting
            } else if query.flag("order_date_created")? {
                Order::Created
            } else {
                query.flag("order_date_updated")?;
                Order::Updated
            },
        };
        let any = search::combine(query.text("search_operator"))?;
        let kind = query.text("search_type");
        if query.get("search_operator").is_some() && kind != Some("filter") {
            return Err(ApiError::invalid(
                "query.search_operator is only allowed with search_type=filter",
            ));
        }
        if let Some(raw) = query.text("search_query") {
            match kind.unwrap_or("text") {
                "text" => search.text = Some(raw.to_lowercase()),
                "segment" => search.segment = Some(raw.to_lowercase()),
                "filter" => {
                    search.filter = Some(Filter::parse(
                        raw,
                        "search_query",
                        any,
                        &["session", "conversation"],
                        conversation_criterion,
                    )?)
                }
                _ => {
                    return Err(ApiError::invalid(
                        "query.search_type should be equal to one of the allowed values: text, segment, filter",
                    ))
                }
            }
        } else if kind.is_some_and(|kind| !["text", "segment", "filter"].contains(&kind)) {
            return Err(ApiError::invalid(
                "query.search_type should be equal to one of the allowed values: text, segment, filter",
            ));
        }
        Ok(search)
    }

    fn matches(&self, conversation: &Conversation) -> bool {
        (self.include_empty || conversation.message_count > 0)
            && self
                .text
                .as_deref()
                .is_none_or(|needle| conversation.text_matches(needle))
            && self.segment.as_deref().is_none_or(|segment| {
                conversation
                    .meta
                    .segments
                    .iter()
                    .any(|have| have.eq_ignore_ascii_case(segment))
            })
            && self
                .inbox_id
                .as_deref()
                .is_none_or(|inbox| conversation.inbox_id.as_deref() == Some(inbox))
            && (!self.unread || conversation.unread_operator > 0)
            && (!self.resolved || conversation.state == ConversationState::Resolved)
            && (!self.not_resolved || conversation.state != ConversationState::Resolved)
            && self.mention.as_ref().is_none_or(|user| {
                user.as_ref()
                    .is_some_and(|user| conversation.mentions.contains(user))
            })
            && self
                .assigned
                .as_deref()
                .is_none_or(|user| conversation.assigned.as_deref() == Some(user))
            && (!self.unassigned || conversation.assigned.is_none())
            && self
                .date_start
                .is_none_or(|start| conversation.updated_at >= start)
            && self
                .date_end
                .is_none_or(|end| conversation.updated_at <= end)
            && (self.order != Order::Waiting
                || (conversation.waiting_since.is_some()
                    && conversation.state != ConversationState::Resolved))
            && self.filter.as_ref().is_none_or(|filter| {
                filter.matches(|criterion| conversation_values(conversation, criterion))
            })
    }

    fn compare(&self, a: &Conversation, b: &Conversation) -> Ordering {
        let primary = match self.order {
            Order::Updated => b.updated_at.cmp(&a.updated_at),
            Order::Created => b.created_at.cmp(&a.created_at),
            Order::Waiting => a.waiting_since.cmp(&b.waiting_since),
        };
        primary.then_with(|| a.session_id.cmp(&b.session_id))
    }
}

/// Sorts just enough of `items` to return page `page` of `per_page` in order (one filtering pass, then a
/// partial selection, so a deep page of 100,000 conversations stays cheap).
pub fn top_page<T>(
    mut items: Vec<T>,
    page: usize,
    per_page: usize,
    compare: impl Fn(&T, &T) -> Ordering,
) -> Vec<T> {
    let start = (page - 1).saturating_mul(per_page);
    if start >= items.len() {
        return Vec::new();
    }
    let end = start.saturating_add(per_page).min(items.len());
    if end < items.len() {
        items.select_nth_unstable_by(end, &compare);
        items.truncate(end);
    }
    items.sort_unstable_by(&compare);
    items.split_off(start)
}

/// `GET .../conversations/{page_number}`: filtered, searched, ordered and paged.
pub async fn search(
    State(shared): State<Arc<Shared>>,
    Extension(caller): Extension<Caller>,
    ids: Ids,
    query: Query,
) -> Answer {
    let page = ids.page()?;
    let per_page = query.per_page()?;
    let store = shared.read();
    let mention_user = (caller.tier == Tier::User)
        .then(|| store.operators.first().map(|owner| owner.user_id.clone()))
        .flatten();
    let search = Search::read(&query, mention_user)?;
    let matched: Vec<&Conversation> = store
        .conversations()
        .iter()
        .filter(|conversation| search.matches(conversation))
        .collect();
    let page = top_page(matched, page, per_page, |a, b| search.compare(a, b));
    let website_id = &store.website.website_id;
    let data: Vec<Value> = page
        .into_iter()
        .map(|conversation| conversation.to_json(website_id))
        .collect();
    Ok(Done::data(reasons::LISTED, Value::Array(data)))
}

/// `GET` (and `HEAD`) `.../conversation/{session_id}`.
pub async fn get(State(shared): State<Arc<Shared>>, ids: Ids) -> Answer {
    read_conversation(&shared, &ids, |store, conversation| {
        conversation.to_json(&store.website.website_id)
    })
}

/// `DELETE .../conversation/{session_id}`: removes it with its messages.
pub async fn remove(State(shared): State<Arc<Shared>>, ids: Ids) -> Answer {
    let mut store = shared.write();
    store
        .remove_conversation(ids.get("session_id"))
        .ok_or_else(missing)?;
    Ok(Done::empty(reasons::DELETED))
}

/// `POST .../conversation/{session_id}/initiate`.
pub async fn initiate(State(shared): State<Arc<Shared>>, ids: Ids) -> Answer {
    let mut store = shared.write();
    let conversation = conversation_mut(&mut store, &ids)?;
    let now = now_ms();
    conversation.updated_at = now;
    store.record(
        "session:request:initiated",
        json!({ "session_id": ids.get("session_id"), "timestamp": now }),
    );
    Ok(Done::empty(reasons::UPDATED))
}

/// `GET .../state`.
pub async fn get_state(State(shared): State<Arc<Shared>>, ids: Ids) -> Answer {
    read_conversation(
        &shared,
        &ids,
        |_, conversation| json!({ "state": conversation.state.as_str() }),
    )
}

fn check_origin(fields: &Fields<'_>, required: bool) -> Result<Option<String>, ApiError> {
    let origin = if required {
        Some(fields.required_str("origin")?)
    } else {
        fields.str("origin")?
    };
    match origin {
        Some(origin) if origin == "chat" || origin == "email" || origin.starts_with("urn:") => {
            Ok(Some(origin.to_owned()))
        }
        Some(_) => Err(ApiError::invalid(format!(
            "{}.origin should match pattern \"^(chat|email|urn:.+)$\"",
            fields.path()
        ))),
        None => Ok(None),
    }
}

/// `PATCH .../state`: `{ state, user?, origin? }`.
pub async fn change_state(State(shared): State<Arc<Shared>>, ids: Ids, Body(body): Body) -> Answer {
    let fields = Fields::new(&body, "data");
    fields.only(&["state", "user", "origin"])?;
    let state = ConversationState::parse(fields.required_str("state")?).ok_or_else(|| {
        ApiError::invalid(
            "data.state should be equal to one of the allowed values: pending, unresolved, resolved",
        )
    })?;
    if let Some(user) = fields.object("user")? {
        user.only(&["type", "nickname", "avatar"])?;
        user.str("type")?;
        user.str("nickname")?;
        user.str("avatar")?;
    }
    check_origin(&fields, false)?;
    let mut store = shared.write();
    set_state(&mut store, ids.get("session_id"), state)?;
    Ok(Done::empty(reasons::UPDATED))
}

/// Sets conversation `session_id` to `state` and records the change (404 when it is missing).
pub(super) fn set_state(
    store: &mut Store,
    session_id: &str,
    state: ConversationState,
) -> Result<(), ApiError> {
    let conversation = store.conversation_mut(session_id).ok_or_else(missing)?;
    conversation.state = state;
    if state == ConversationState::Resolved {
        conversation.waiting_since = None;
    }
    conversation.updated_at = now_ms();
    store.record(
        "session:set_state",
        json!({ "session_id": session_id, "state": state.as_str() }),
    );
    Ok(())
}

/// `GET .../meta`.
pub async fn get_meta(State(shared): State<Arc<Shared>>, ids: Ids) -> Answer {
    read_conversation(&shared, &ids, |_, conversation| conversation.meta.to_json())
}

/// `PATCH .../meta`: only the fields sent change.
pub async fn update_meta(State(shared): State<Arc<Shared>>, ids: Ids, Body(body): Body) -> Answer {
    let fields = Fields::new(&body, "data");
    let mut allowed: Vec<&str> = META_STRINGS.to_vec();
    allowed.extend(["segments", "data", "device", "connection"]);
    fields.only(&allowed)?;
    for name in META_STRINGS {
        fields.str(name)?;
    }
    if let Some(email) = fields.str("email")? {
        if !email.is_empty() && !is_email(email) {
            return Err(ApiError::invalid(
                "data.email should match format \"email\"",
            ));
        }
    }
    if let Some(origin) = fields.str("origin")? {
        if !(origin == "chat" || origin == "email" || origin.starts_with("urn:")) {
            return Err(ApiError::invalid(
                "data.origin should match pattern \"^(chat|email|urn:.+)$\"",
            ));
        }
    }
    let segments = fields.strings("segments")?;
    if let Some(data) = fields.object("data")? {
        for (key, value) in data_entries(&body) {
            if !(value.is_string() || value.is_number() || value.is_boolean()) {
                return Err(ApiError::invalid(format!(
                    "{}.{key} should be string, number or boolean",
                    data.path()
                )));
            }
        }
    }
    fields.object("device")?;
    fields.object("connection")?;
    let mut store = shared.write();
    let conversation = conversation_mut(&mut store, &ids)?;
    for (name, value) in &body {
        let meta = &mut conversation.meta;
        match name.as_str() {
            "segments" => meta.segments = segments.clone().unwrap_or_default(),
            "data" => meta.data = value.as_object().cloned().unwrap_or_default(),
            "device" => {
                meta.device = Some(match value {
                    Value::Null => Device::Unknown,
                    other => Device::Set(other.clone()),
                })
            }
            "connection" => meta.connection = (!value.is_null()).then(|| value.clone()),
            string => meta.set(string, value.as_str().map(str::to_owned)),
        }
    }
    conversation.refresh_search();
    conversation.updated_at = now_ms();
    let session_id = ids.get("session_id");
    for (event, data) in meta_changes(&body) {
        let mut data = data;
        data.insert("session_id".into(), json!(session_id));
        store.record(&event, Value::Object(data));
    }
    Ok(Done::empty(reasons::UPDATED))
}

/// The socket events a meta update pushes, one per field sent that Crisp names an event for (contract §5 and
/// Crisp's own event list): `session:set_{nickname|email|phone|address|avatar|segments|data}` with the new value
/// under the field's name, and `session:sync:{part}` per part of `device` (`geolocation`, `system`, ...).
/// `subject`, `ip`, `origin` and `connection` have no event of their own, so none is pushed for them.
fn meta_changes(body: &Map<String, Value>) -> Vec<(String, Map<String, Value>)> {
    const SET: [&str; 7] = [
        "nickname", "email", "phone", "address", "avatar", "segments", "data",
    ];
    let mut changes = Vec::new();
    for (name, value) in body {
        if SET.contains(&name.as_str()) {
            let mut data = Map::new();
            data.insert(name.clone(), value.clone());
            changes.push((format!("session:set_{name}"), data));
        } else if name == "device" {
            for (part, value) in value.as_object().into_iter().flatten() {
                let mut data = Map::new();
                data.insert(part.clone(), value.clone());
                changes.push((format!("session:sync:{part}"), data));
            }
        }
    }
    changes
}

fn data_entries(body: &Map<String, Value>) -> impl Iterator<Item = (&String, &Value)> {
    body.get("data")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|data| data.iter())
}

/// The body of read and delivered: `{ from, origin, fingerprints? }`.
fn read_body(body: &Map<String, Value>) -> Result<(String, Option<Vec<i64>>), ApiError> {
    let fields = Fields::new(body, "data");
    fields.only(&["from", "origin", "fingerprints"])?;
    let from = fields.required_str("from")?;
    if from != "user" && from != "operator" {
        return Err(ApiError::invalid(
            "data.from should be equal to one of the allowed values: user, operator",
        ));
    }
    check_origin(&fields, true)?;
    let fingerprints = fields
        .array("fingerprints")?
        .map(|items| {
            items
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    item.as_i64().ok_or_else(|| {
                        ApiError::invalid(format!("data.fingerprints[{index}] should be integer"))
                    })
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?;
    Ok((from.to_owned(), fingerprints))
}

/// Marks the other side's messages read (`read`) or delivered, recounting unread.
pub(super) fn acknowledge(
    store: &mut Store,
    session_id: &str,
    body: &Map<String, Value>,
    read: bool,
) -> Answer {
    let (from, fingerprints) = read_body(body)?;
    let origin = body
        .get("origin")
        .and_then(Value::as_str)
        .unwrap_or("chat")
        .to_owned();
    store
        .with_thread(session_id, |conversation, messages| {
            // The reader acknowledges what the other side wrote.
            let author = if from == "operator" {
                "user"
            } else {
                "operator"
            };
            for message in messages.iter_mut().filter(|message| message.from == author) {
                let chosen = fingerprints
                    .as_ref()
                    .is_none_or(|wanted| wanted.contains(&message.fingerprint));
                if chosen {
                    if read {
                        message.read = Some(origin.clone());
                    }
                    message.delivered = Some(origin.clone());
                }
            }
            if read {
                let unread = messages
                    .iter()
                    .filter(|message| {
                        message.from == author && message.kind != "note" && message.read.is_none()
                    })
                    .count();
                let unread = u32::try_from(unread).unwrap_or(u32::MAX);
                match fingerprints {
                    None if author == "user" => conversation.unread_operator = 0,
                    None => conversation.unread_visitor = 0,
                    Some(_) if author == "user" => {
                        conversation.unread_operator = conversation.unread_operator.min(unread)
                    }
                    Some(_) => {
                        conversation.unread_visitor = conversation.unread_visitor.min(unread)
                    }
                }
            }
        })
        .ok_or_else(missing)?;
    // The event names whose messages were read: `read:send` the visitor's (read by an operator),
    // `read:received` the operators' (read by the visitor), as Crisp's chatbox and Node client use them.
    let (event, from) = match (read, from.as_str()) {
        (true, "operator") => ("message:acknowledge:read:send", "operator"),
        (true, _) => ("message:acknowledge:read:received", "user"),
        (false, _) => ("message:acknowledge:delivered", from.as_str()),
    };
    store.record(
        event,
        json!({ "session_id": session_id, "from": from, "origin": origin, "fingerprints": fingerprints }),
    );
    Ok(Done::empty(reasons::UPDATED))
}

/// `PATCH .../read`: `{ from, origin, fingerprints? }`; `origin` is required.
pub async fn mark_read(State(shared): State<Arc<Shared>>, ids: Ids, Body(body): Body) -> Answer {
    let mut store = shared.write();
    acknowledge(&mut store, ids.get("session_id"), &body, true)
}

/// `PATCH .../delivered`: same body as read.
pub async fn mark_delivered(
    State(shared): State<Arc<Shared>>,
    ids: Ids,
    Body(body): Body,
) -> Answer {
    let mut store = shared.write();
    acknowledge(&mut store, ids.get("session_id"), &body, false)
}

/// `PATCH .../unread`: `{ from }`.
pub async fn mark_unread(State(shared): State<Arc<Shared>>, ids: Ids, Body(body): Body) -> Answer {
    let fields = Fields::new(&body, "data");
    fields.only(&["from"])?;
    let from = fields.required_str("from")?;
    if from != "user" && from != "operator" {
        return Err(ApiError::invalid(
            "data.from should be equal to one of the allowed values: user, operator",
        ));
    }
    let mut store = shared.write();
    set_unread(&mut store, ids.get("session_id"), from)?;
    Ok(Done::empty(reasons::UPDATED))
}

/// Marks conversation `session_id` unread for `from` (`operator` or `user`; 404 when it is missing). An
/// operator marking the visitor's messages unread is pushed as `message:acknowledge:unread:send`; Crisp has no
/// event for the other way round.
pub(super) fn set_unread(store: &mut Store, session_id: &str, from: &str) -> Result<(), ApiError> {
    let conversation = store.conversation_mut(session_id).ok_or_else(missing)?;
    if from == "operator" {
        conversation.unread_operator = conversation.unread_operator.max(1);
        store.record(
            "message:acknowledge:unread:send",
            json!({ "session_id": session_id, "from": from }),
        );
    } else {
        conversation.unread_visitor = conversation.unread_visitor.max(1);
    }
    Ok(())
}

/// `GET .../routing`.
pub async fn get_routing(State(shared): State<Arc<Shared>>, ids: Ids) -> Answer {
    read_conversation(&shared, &ids, |_, conversation| {
        match &conversation.assigned {
            Some(user_id) => json!({ "assigned": { "user_id": user_id } }),
            None => json!({}),
        }
    })
}

/// `PATCH .../routing`: `{ assigned: { user_id } | null, silent? }`.
pub async fn assign(State(shared): State<Arc<Shared>>, ids: Ids, Body(body): Body) -> Answer {
    let fields = Fields::new(&body, "data");
    fields.only(&["assigned", "silent"])?;
    fields.bool("silent")?;
    let mut store = shared.write();
    let user_id = read_assigned(&store, &body)?;
    set_routing(&mut store, ids.get("session_id"), user_id)?;
    Ok(Done::empty(reasons::UPDATED))
}

/// The body's required `assigned`: an operator of the website's `user_id`, or `None` for `null`.
pub(super) fn read_assigned(
    store: &Store,
    body: &Map<String, Value>,
) -> Result<Option<String>, ApiError> {
    if !body.contains_key("assigned") {
        return Err(ApiError::required("data", "assigned"));
    }
    let user_id = match Fields::new(body, "data").object("assigned")? {
        Some(assigned) => Some(assigned.required_str("user_id")?.to_owned()),
        None => None,
    };
    if let Some(user_id) = &user_id {
        if store.operator(user_id).is_none() {
            return Err(ApiError::invalid(
                "data.assigned.user_id should be the user_id of an operator of the website",
            ));
        }
    }
    Ok(user_id)
}

/// Assigns conversation `session_id` to `user_id` (or nobody) and records it (404 when it is missing).
pub(super) fn set_routing(
    store: &mut Store,
    session_id: &str,
    user_id: Option<String>,
) -> Result<(), ApiError> {
    let conversation = store.conversation_mut(session_id).ok_or_else(missing)?;
    conversation.assigned = user_id.clone();
    conversation.updated_at = now_ms();
    store.record(
        "session:set_routing",
        json!({ "session_id": session_id, "assigned": user_id.map(|user_id| json!({ "user_id": user_id })) }),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::top_page;

    #[test]
    fn top_page_returns_the_same_pages_as_a_full_sort() {
        let mut rng = fastrand::Rng::with_seed(3);
        for len in [0usize, 1, 19, 20, 21, 137, 500] {
            let items: Vec<u32> = (0..len).map(|_| rng.u32(..1000)).collect();
            let mut sorted = items.clone();
            sorted.sort_unstable();
            for page in 1..=(len / 20 + 2) {
                let expected: Vec<u32> = sorted
                    .iter()
                    .copied()
                    .skip((page - 1) * 20)
                    .take(20)
                    .collect();
                let got = top_page(items.clone(), page, 20, |a: &u32, b: &u32| a.cmp(b));
                assert_eq!(
                    got, expected,
                    "page {page} of {len} items matches a full sort"
                );
            }
        }
    }
}

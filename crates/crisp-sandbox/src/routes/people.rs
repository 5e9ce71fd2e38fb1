//! §3.10 people profiles: add, exists/get, merge (PATCH), replace (PUT), remove, list, stats, and the
//! conversations of a profile. `{people_id}` may also be the profile's email.

use std::cmp::Ordering;
use std::sync::Arc;

use axum::extract::State;
use serde_json::{json, Map, Value};

use crate::conventions::{self, reasons};
use crate::envelope::{Answer, ApiError, Done};
use crate::params::{is_email, page_of, Body, Fields, Ids, Query};
use crate::routes::conversations::top_page;
use crate::search::{self, Filter};
use crate::seed;
use crate::state::Shared;
use crate::store::{now_ms, ConversationState, Profile, Store};

fn missing() -> ApiError {
    ApiError::not_found("the people profile")
}

const PERSON_STRINGS: [&str; 7] = [
    "nickname",
    "avatar",
    "gender",
    "phone",
    "address",
    "description",
    "website",
];
const COMPANY_STRINGS: [&str; 5] = ["name", "legal_name", "domain", "url", "description"];

fn check_geolocation(parent: &Fields<'_>) -> Result<(), ApiError> {
    if let Some(geo) = parent.object("geolocation")? {
        for name in ["country", "region", "city"] {
            geo.str(name)?;
        }
        if let Some(coordinates) = geo.object("coordinates")? {
            coordinates.number("latitude")?;
            coordinates.number("longitude")?;
        }
    }
    Ok(())
}

/// Checks a ProfileWrite body; `complete` requires `email` and `person.nickname` (add and PUT).
fn check_profile(body: &Map<String, Value>, complete: bool) -> Result<(), ApiError> {
    let fields = Fields::new(body, "data");
    if complete {
        fields.required_str("email")?;
        let person = fields
            .object("person")?
            .ok_or_else(|| ApiError::required("data", "person"))?;
        person.required_str("nickname")?;
    }
    fields.only(&[
        "email", "person", "company", "segments", "notepad", "active",
    ])?;
    if let Some(email) = fields.str("email")? {
        if !is_email(email) {
            return Err(ApiError::invalid(
                "data.email should match format \"email\"",
            ));
        }
    }
    if let Some(person) = fields.object("person")? {
        for name in PERSON_STRINGS {
            person.str(name)?;
        }
        person.int("timezone")?;
        person.strings("locales")?;
        if let Some(profiles) = person.array("profiles")? {
            for (index, item) in profiles.iter().enumerate() {
                let at = format!("data.person.profiles[{index}]");
                let item = item
                    .as_object()
                    .ok_or_else(|| ApiError::invalid(format!("{at} should be object")))?;
                let item = Fields::new(item, &at);
                for name in ["type", "handle", "url"] {
                    item.str(name)?;
                }
            }
        }
        if let Some(employment) = person.object("employment")? {
            for name in ["name", "domain", "title", "role", "seniority"] {
                employment.str(name)?;
            }
        }
        check_geolocation(&person)?;
    }
    if let Some(company) = fields.object("company")? {
        for name in COMPANY_STRINGS {
            company.str(name)?;
        }
        company.int("timezone")?;
        for name in ["phones", "emails", "tags"] {
            company.strings(name)?;
        }
        if let Some(metrics) = company.object("metrics")? {
            for name in ["employees", "market_cap", "raised", "arr"] {
                metrics.int(name)?;
            }
        }
        check_geolocation(&company)?;
    }
    fields.strings("segments")?;
    fields.str("notepad")?;
    fields.int("active")?;
    Ok(())
}

/// Splits `active` (an integer on writes) from the stored fields.
fn split_active(mut body: Map<String, Value>) -> (Map<String, Value>, Option<u64>) {
    let active = body.remove("active").and_then(|value| value.as_u64());
    (body, active)
}

fn refuse_taken_email(
    store: &Store,
    body: &Map<String, Value>,
    own: Option<&str>,
) -> Result<(), ApiError> {
    let Some(email) = body.get("email").and_then(Value::as_str) else {
        return Ok(());
    };
    match store.profile_by_email(email) {
        Some(other) if Some(other.people_id.as_str()) != own => Err(ApiError::invalid(format!(
            "data.email is already used by people profile {}",
            other.people_id
        ))),
        _ => Ok(()),
    }
}

/// `POST .../people/profile`: `email` and `person.nickname` required.
pub async fn add(State(shared): State<Arc<Shared>>, Body(body): Body) -> Answer {
    check_profile(&body, true)?;
    let mut store = shared.write();
    refuse_taken_email(&store, &body, None)?;
    let people_id = seed::uuid(&mut store.rng);
    let (body, active) = split_active(body);
    let mut profile = Profile::new(people_id.clone(), &body, now_ms());
    profile.active_last = active;
    store.insert_profile(profile);
    Ok(Done::data(
        reasons::ADDED,
        json!({ "people_id": people_id }),
    ))
}

/// `GET` (and `HEAD`) `.../people/profile/{people_id}`.
pub async fn get(State(shared): State<Arc<Shared>>, ids: Ids) -> Answer {
    let store = shared.read();
    let profile = store.profile(ids.get("people_id")).ok_or_else(missing)?;
    Ok(Done::data(reasons::RESOLVED, profile.to_json()))
}

/// Merges `patch` into `target`: objects deeply, everything else replaced, `null` removes.
fn merge(target: &mut Map<String, Value>, patch: Map<String, Value>) {
    for (key, value) in patch {
        match value {
            Value::Null => {
                target.remove(&key);
            }
            Value::Object(inner) => match target.get_mut(&key) {
                Some(Value::Object(existing)) => merge(existing, inner),
                _ => {
                    let mut fresh = Map::new();
                    merge(&mut fresh, inner);
                    target.insert(key, Value::Object(fresh));
                }
            },
            other => {
                target.insert(key, other);
            }
        }
    }
}

/// The index of the profile `{people_id}` (404 when it is missing), once the email in `body` is free or its own.
fn profile_to_write(
    store: &Store,
    ids: &Ids,
    body: &Map<String, Value>,
) -> Result<usize, ApiError> {
    let index = store
        .profile_index(ids.get("people_id"))
        .ok_or_else(missing)?;
    refuse_taken_email(store, body, Some(&store.people()[index].people_id))?;
    Ok(index)
}

/// `PATCH .../people/profile/{people_id}`: only the fields sent change.
pub async fn update(State(shared): State<Arc<Shared>>, ids: Ids, Body(body): Body) -> Answer {
    check_profile(&body, false)?;
    let mut store = shared.write();
    let index = profile_to_write(&store, &ids, &body)?;
    let (patch, active) = split_active(body);
    let mut merged = store.people()[index].body();
    merge(&mut merged, patch);
    check_profile(&merged, true)?;
    store.update_profile(index, |profile| {
        profile.set_body(&merged);
        if active.is_some() {
            profile.active_last = active;
        }
        profile.updated_at = now_ms();
    });
    Ok(Done::empty(reasons::UPDATED))
}

/// `PUT .../people/profile/{people_id}`: replaces the whole profile.
pub async fn save(State(shared): State<Arc<Shared>>, ids: Ids, Body(body): Body) -> Answer {
    check_profile(&body, true)?;
    let mut store = shared.write();
    let index = profile_to_write(&store, &ids, &body)?;
    let (body, active) = split_active(body);
    store.update_profile(index, |profile| {
        profile.set_body(&body);
        profile.active_last = active;
        profile.updated_at = now_ms();
    });
    Ok(Done::empty(reasons::UPDATED))
}

/// `DELETE .../people/profile/{people_id}`.
pub async fn remove(State(shared): State<Arc<Shared>>, ids: Ids) -> Answer {
    let mut store = shared.write();
    let index = store
        .profile_index(ids.get("people_id"))
        .ok_or_else(missing)?;
    store.remove_profile(index);
    Ok(Done::empty(reasons::DELETED))
}

fn people_criterion(criterion: &str) -> bool {
    matches!(criterion, "email" | "segments" | "notepad" | "people_id")
        || criterion
            .strip_prefix("person.")
            .or_else(|| criterion.strip_prefix("company."))
            .is_some_and(|rest| !rest.is_empty())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortField {
    Nickname,
    Email,
    CreatedAt,
    UpdatedAt,
    Score,
}

/// `GET .../people/profiles/{page_number}`: searched, filtered, sorted and paged.
pub async fn list(State(shared): State<Arc<Shared>>, ids: Ids, query: Query) -> Answer {
    let page = ids.page()?;
    let per_page = query.per_page()?;
    let sort = match query.text("sort_field") {
        None => None,
        Some("nickname") => Some(SortField::Nickname),
        Some("email") => Some(SortField::Email),
        Some("created_at") => Some(SortField::CreatedAt),
        Some("updated_at") => Some(SortField::UpdatedAt),
        Some("score") => Some(SortField::Score),
        Some(_) => {
            return Err(ApiError::invalid(
                "query.sort_field should be equal to one of the allowed values: nickname, email, created_at, updated_at, score",
            ))
        }
    };
    let descending = match query.text("sort_order") {
        None | Some("ascending") => false,
        Some("descending") => true,
        Some(_) => return Err(ApiError::invalid(
            "query.sort_order should be equal to one of the allowed values: ascending, descending",
        )),
    };
    let any = search::combine(query.text("search_operator"))?;
    let filter = query
        .text("search_filter")
        .map(|raw| {
            Filter::parse(
                raw,
                "search_filter",
                any,
                &["people", "profile"],
                people_criterion,
            )
        })
        .transpose()?;
    let text = query.text("search_text").map(str::to_lowercase);
    let start = query.date("filter_date_start")?;
    let end = query.date("filter_date_end")?;
    let store = shared.read();
    let matched: Vec<&Profile> = store
        .people()
        .iter()
        .filter(|profile| {
            start.is_none_or(|start| profile.created_at >= start)
                && end.is_none_or(|end| profile.created_at <= end)
                && text.as_deref().is_none_or(|needle| {
                    profile.nickname.contains(needle)
                        || profile.email.contains(needle)
                        || profile.company.contains(needle)
                })
                && filter.as_ref().is_none_or(|filter| {
                    let value = profile.to_json();
                    filter.matches(|criterion| search::values_at(&value, criterion))
                })
        })
        .collect();
    let compare = |a: &&Profile, b: &&Profile| -> Ordering {
        let primary = match sort {
            None => b.created_at.cmp(&a.created_at),
            Some(field) => {
                let ascending = match field {
                    SortField::Nickname => a.nickname.cmp(&b.nickname),
                    SortField::Email => a.email.cmp(&b.email),
                    SortField::CreatedAt => a.created_at.cmp(&b.created_at),
                    SortField::UpdatedAt => a.updated_at.cmp(&b.updated_at),
                    SortField::Score => a.score.cmp(&b.score),
                };
                if descending {
                    ascending.reverse()
                } else {
                    ascending
                }
            }
        };
        primary.then_with(|| a.people_id.cmp(&b.people_id))
    };
    let data: Vec<Value> = top_page(matched, page, per_page, compare)
        .into_iter()
        .map(Profile::to_json)
        .collect();
    Ok(Done::data(reasons::LISTED, Value::Array(data)))
}

/// `GET .../people/stats`: `{ total }`.
pub async fn stats(State(shared): State<Arc<Shared>>) -> Answer {
    let store = shared.read();
    Ok(Done::data(
        reasons::RESOLVED,
        json!({ "total": store.people().len() }),
    ))
}

/// `GET .../people/conversations/{people_id}/list/{page_number}`: session IDs, last updated first.
pub async fn conversations(State(shared): State<Arc<Shared>>, ids: Ids, query: Query) -> Answer {
    let page = ids.page()?;
    let unread = query.flag("filter_unread")?;
    let resolved = query.flag("filter_resolved")?;
    let not_resolved = query.flag("filter_not_resolved")?;
    let store = shared.read();
    let people_id = store
        .profile(ids.get("people_id"))
        .ok_or_else(missing)?
        .people_id
        .clone();
    let mut matched: Vec<_> = store
        .conversations()
        .iter()
        .filter(|conversation| {
            conversation.people_id.as_deref() == Some(people_id.as_str())
                && (!unread || conversation.unread_operator > 0)
                && (!resolved || conversation.state == ConversationState::Resolved)
                && (!not_resolved || conversation.state != ConversationState::Resolved)
        })
        .collect();
    matched.sort_by(|a, b| {
        b.updated_at
            .cmp(&a.updated_at)
            .then_with(|| a.session_id.cmp(&b.session_id))
    });
    let data: Vec<Value> = page_of(&matched, page, conventions::PROFILE_CONVERSATIONS_PAGE)
        .iter()
        .map(|conversation| json!(conversation.session_id))
        .collect();
    Ok(Done::data(reasons::LISTED, Value::Array(data)))
}
